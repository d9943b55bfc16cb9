//! Descriptions of unnamed speakers ("a senior official", "two people familiar
//! with the talks", "an official who spoke on condition of anonymity") and of
//! organisations ("the ministry"); matching them with an actor's
//! `described_as`, and reading why a source was not named.

use super::phrase::{DETERMINERS, word};
use super::tokens::{Kind, Token};
use super::words::{Words, lower};
use crate::text::TextRange;
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Head {
    /// An unnamed person: "official", "spokesman", "person".
    Person,
    /// "ministry", "police", "company".
    Organization,
    /// "statement", "report": the speaker is whoever issued it.
    Document,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadWord {
    pub singular: &'static str,
    pub plural: bool,
    pub kind: Head,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// The head noun, singular: `official` for "two officials".
    pub head: String,
    pub kind: Head,
    pub plural: bool,
    /// "the official" refers back; "an official" introduces someone.
    pub definite: bool,
    /// The whole description, from its determiner to its last modifier.
    pub range: TextRange,
    pub head_range: TextRange,
}

/// Nouns for people (singular; plurals are made by rule or listed below).
const PEOPLE: &[&str] = &[
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "person",
    "source",
    "aide",
    "adviser",
    "advisor",
    "diplomat",
    "officer",
    "resident",
    "witness",
    "member",
    "lawmaker",
    "legislator",
    "analyst",
    "expert",
    "employee",
    "staffer",
    "worker",
    "executive",
    "negotiator",
    "investigator",
    "lawyer",
    "attorney",
    "doctor",
    "nurse",
    "soldier",
    "commander",
    "activist",
    "student",
    "parent",
    "teacher",
    "neighbor",
    "neighbour",
    "relative",
    "friend",
    "colleague",
    "insider",
    "individual",
    "man",
    "woman",
    "survivor",
    "protester",
    "voter",
    "supporter",
    "critic",
    "organizer",
    "volunteer",
    "researcher",
    "scientist",
    "economist",
    "strategist",
    "mediator",
    "participant",
    "attendee",
    "observer",
    "manager",
    "fighter",
    "refugee",
    "veteran",
    "farmer",
    "driver",
    "delegate",
    "representative",
    "engineer",
    "designer",
    "developer",
    "programmer",
    "guard",
    "firefighter",
    "paramedic",
    "pilot",
    "clerk",
    "owner",
    "shopkeeper",
    "merchant",
    "vendor",
    "contractor",
    "consultant",
    "accountant",
    "banker",
    "trader",
    "investor",
    "journalist",
    "reporter",
    "editor",
    "photographer",
    "writer",
    "historian",
    "lecturer",
    "player",
    "athlete",
    "fan",
    "spectator",
    "passenger",
    "tourist",
    "visitor",
    "pastor",
    "priest",
    "juror",
    "prosecutor",
    "defendant",
    "plaintiff",
    "agent",
    "mechanic",
    "technician",
    "physician",
    "surgeon",
    "pharmacist",
    "therapist",
    "counselor",
    "caregiver",
    "landlord",
    "tenant",
    "homeowner",
    "shopper",
    "customer",
    "patient",
    "mother",
    "father",
    "grandmother",
    "grandfather",
    "son",
    "daughter",
    "brother",
    "sister",
    "husband",
    "wife",
    "widow",
    "child",
    "teenager",
    "villager",
    "citizen",
    "immigrant",
    "migrant",
    "demonstrator",
    "striker",
    "miner",
    "sailor",
    "rebel",
    "militant",
    "trucker",
    "rancher",
    "fisherman",
    "laborer",
    "medic",
    "lobbyist",
    "pollster",
    "operative",
    "donor",
    "candidate",
    "regulator",
    "inspector",
    "auditor",
    "trustee",
    "supervisor",
    "employer",
    "worshipper",
    "organiser",
    "campaigner",
    "commuter",
    "parishioner",
    "occupant",
    "bystander",
    "guide",
    "commenter",
    "user",
    "reader",
    "viewer",
    "listener",
    "follower",
    "subscriber",
    "blogger",
    "democrat",
    "republican",
    "conservative",
    "liberal",
    "progressive",
    "libertarian",
    "evangelical",
    "host",
    "co-host",
    "anchor",
    "moderator",
    "narrator",
    "announcer",
    "commentator",
    "columnist",
    "pundit",
    "correspondent",
    "nominee",
    "hopeful",
    "contender",
    "challenger",
    "rival",
    "front-runner",
    "frontrunner",
    "incumbent",
    "businessman",
    "businesswoman",
    "billionaire",
    "mogul",
    "tycoon",
    "entrepreneur",
    "comedian",
    "actor",
    "actress",
    "singer",
    "musician",
    "celebrity",
    "author",
    "novelist",
    "confidant",
    "ally",
    "loyalist",
    "surrogate",
    "backer",
    "heckler",
    "superdelegate",
    "elector",
    "neurosurgeon",
    "scholar",
    "academic",
    "sociologist",
    "statistician",
    "demographer",
    "ethicist",
    "physicist",
    "chief",
    "boy",
    "girl",
    "kid",
    "teen",
    "youngster",
    "lady",
    "gentleman",
    "guy",
    "speaker",
    "questioner",
    "caller",
    "leader",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "grandson",
    "granddaughter",
    "fiance",
    "fiancé",
    "fiancee",
    "fiancée",
    "spouse",
    "partner",
];
/// Plurals the rule does not make.
const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("spokesman", "spokesmen"),
    ("spokeswoman", "spokeswomen"),
    ("spokesperson", "spokespeople"),
    ("fisherman", "fishermen"),
    ("businessman", "businessmen"),
    ("businesswoman", "businesswomen"),
    ("congressman", "congressmen"),
];
/// Heads that mean the same person ("her lawyer" after "attorney Samuel Grant").
const SYNONYMS: &[&[&str]] = &[
    &["lawyer", "attorney", "counsel"],
    &["spokesman", "spokeswoman", "spokesperson"],
    &["adviser", "advisor"],
    &["organizer", "organiser"],
    &["neighbor", "neighbour"],
    &["representative", "congressman", "congresswoman", "lawmaker"],
    &["senator", "lawmaker"],
    &["businessman", "billionaire", "mogul", "tycoon"],
    &["front-runner", "frontrunner"],
];

fn plural(singular: &str) -> String {
    if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == singular) {
        return (*p).to_string();
    }
    if singular.ends_with(['s', 'x']) || singular.ends_with("sh") || singular.ends_with("ch") {
        format!("{singular}es")
    } else if let Some(stem) = singular.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{singular}s")
    }
}

/// Whether two heads can name the same person.
pub fn same_head(a: &str, b: &str) -> bool {
    a == b
        || SYNONYMS
            .iter()
            .any(|set| set.contains(&a) && set.contains(&b))
}

/// Organisation nouns.
const ORGANIZATIONS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "government",
    "company",
    "firm",
    "group",
    "organization",
    "organisation",
    "police",
    "military",
    "army",
    "embassy",
    "office",
    "council",
    "committee",
    "campaign",
    "party",
    "union",
    "court",
    "administration",
    "authority",
    "authorities",
    "board",
    "commission",
    "coalition",
    "alliance",
    "foundation",
    "institute",
    "university",
    "hospital",
    "network",
    "newspaper",
    "cabinet",
    "parliament",
    "regime",
    "movement",
    "delegation",
    "club",
    "team",
    "league",
    "federation",
    "association",
    "bank",
    "airline",
    "school",
    "district",
    "county",
    "city",
    "town",
    "village",
    "church",
    "station",
    "publisher",
    "retailer",
    "manufacturer",
    "automaker",
    "startup",
    "charity",
    "nonprofit",
    "insurer",
    "utility",
    "prosecutors",
    "navy",
    "legislature",
    "senate",
    "service",
    "bureau",
    "watchdog",
    "crowd",
    "audience",
    "tabloid",
    "magazine",
    "website",
    "outlet",
    "channel",
    "panel",
    "caucus",
    "majority",
];
/// Things that say something on someone's behalf.
const DOCUMENTS: &[&str] = &[
    "statement",
    "report",
    "release",
    "memo",
    "letter",
    "email",
    "post",
    "tweet",
    "filing",
    "transcript",
    "document",
    "announcement",
    "communique",
    "readout",
    "message",
    "video",
    "editorial",
    "column",
    "article",
    "story",
    "op-ed",
    "ruling",
    "order",
    "opinion",
    "decision",
    "lawsuit",
    "suit",
    "complaint",
    "indictment",
    "affidavit",
    "motion",
    "petition",
    "resolution",
    "bill",
    "ad",
    "advertisement",
    "commercial",
    "survey",
    "study",
    "analysis",
    "audit",
    "memoir",
    "excerpt",
    "page",
    "platform",
    "manifesto",
    "headline",
    "caption",
    "script",
    "voice-over",
    "voiceover",
    "speech",
    "guidance",
    "voice",
    "plan",
    "proposal",
    "clip",
    "piece",
];
/// Words that end a noun's modifiers.
static PREPOSITIONS: Words = Words::new(&[
    "about", "in", "on", "at", "for", "to", "with", "from", "by", "into", "after", "before",
    "during", "over", "under", "between", "against", "without",
]);
/// Possessive determiners: "her lawyer", "his spokesman".
pub const POSSESSIVES: &[&str] = &["his", "her", "their", "its"];
/// Words that continue a description after its head.
static POSTMODIFIERS: Words = Words::new(&[
    "in",
    "who",
    "whom",
    "whose",
    "familiar",
    "close",
    "with",
    "briefed",
    "involved",
    "speaking",
    "for",
    "at",
    "from",
    "of",
    "knowledgeable",
    "aware",
    "inside",
    "within",
    "near",
    "to",
    "traveling",
    "travelling",
    "present",
]);

fn heads() -> &'static HashMap<String, HeadWord> {
    static HEADS: OnceLock<HashMap<String, HeadWord>> = OnceLock::new();
    HEADS.get_or_init(|| {
        let mut map = HashMap::new();
        let mut add = |word: String, singular: &'static str, plural: bool, kind: Head| {
            map.entry(word).or_insert(HeadWord {
                singular,
                plural,
                kind,
            });
        };
        for &p in PEOPLE {
            add(p.to_string(), p, false, Head::Person);
            add(plural(p), p, true, Head::Person);
        }
        // "63 percent said": a share of people.
        add("percent".to_string(), "percent", true, Head::Person);
        for &o in ORGANIZATIONS {
            add(o.to_string(), o, o == "authorities", Head::Organization);
        }
        for &d in DOCUMENTS {
            add(d.to_string(), d, false, Head::Document);
        }
        map
    })
}

/// The head noun a word is, if any.
pub fn head(word: &str) -> Option<HeadWord> {
    head_lowercase(&lower(word))
}

/// [`head`] of a word already in lowercase.
pub fn head_lowercase(word: &str) -> Option<HeadWord> {
    heads().get(word).copied()
}

/// Reads a description from `toks[start]`: an optional determiner, up to
/// eight modifiers, a head noun (the last of a compound: "military
/// official"), and modifiers after it ("familiar with the talks").
pub fn describe(text: &str, toks: &[Token], start: usize, definite: bool) -> Option<Description> {
    let mut i = start;
    let mut definite = definite;
    if let Some(det) = toks.get(i).and_then(|t| word(text, t)) {
        let det = lower(det);
        if DETERMINERS.contains(det.as_str()) || POSSESSIVES.contains(&det.as_str()) {
            definite |= det == "the" || det == "this" || POSSESSIVES.contains(&det.as_str());
            i += 1;
        }
    }
    let first = i;
    let mut found: Option<(usize, String, Head, bool)> = None;
    while i < toks.len() && i < first + 9 {
        if toks[i].kind == Kind::Punct('.') && i > first {
            // The period of an abbreviation: "a former U.S. official".
            i += 1;
            continue;
        }
        let Some(w) = word(text, &toks[i]) else {
            break;
        };
        // "the 43-year-old": an age stands for the person.
        if w.ends_with("-year-old") {
            found = Some((i, "person".to_string(), Head::Person, false));
            break;
        }
        if let Some(h) = head(w) {
            let mut last = (i, h);
            // A compound: the last noun is the head ("ministry spokesman").
            while let Some(next) = toks.get(i + 1).and_then(|t| word(text, t)).and_then(head) {
                i += 1;
                last = (i, next);
            }
            found = Some((
                last.0,
                last.1.singular.to_string(),
                last.1.kind,
                last.1.plural,
            ));
            break;
        }
        if w == "who" && i > first {
            // "a woman who …", "the engineer who …": the noun before `who`.
            let noun = toks[i - 1].range.slice(text).to_lowercase();
            let plural = noun.ends_with('s');
            found = Some((i - 1, noun, Head::Person, plural));
            break;
        }
        // Modifiers come before the head: "a line about a passenger" has none.
        let lower = lower(w);
        if matches!(w, "which" | "that" | "of")
            || super::cues::lookup(w).is_some()
            || super::cues::is_filler(w)
            || w.ends_with("n’t")
            || w.ends_with("n't")
            || (i > first
                && (DETERMINERS.contains(lower.as_str()) || PREPOSITIONS.contains(lower.as_str())))
        {
            return None;
        }
        i += 1;
    }
    let (h, singular, kind, plural) = found?;
    let mut end = h;
    if toks
        .get(h + 1)
        .and_then(|t| word(text, t))
        .is_some_and(|w| POSTMODIFIERS.contains(w))
    {
        end = h + 1;
        while end + 1 < toks.len() {
            match toks[end + 1].kind {
                Kind::Word | Kind::Mention(_) => end += 1,
                Kind::Punct('.') => end += 1,
                _ => break,
            }
        }
    }
    Some(Description {
        head: singular,
        kind,
        plural,
        definite,
        range: TextRange::new(toks[start].range.start(), toks[end].range.end()),
        head_range: toks[h].range,
    })
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "who", "of", "on", "to", "with", "for", "in", "at", "and", "that", "is",
    "was", "by", "from", "one", "as", "his",
];

fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            match head(&w) {
                Some(h) => h.singular.to_string(),
                None => w,
            }
        })
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// How well a description fits an actor's `described_as`: the number of
/// words they share, or 0 when the head noun is not among them.
pub fn fit(description: &str, head: &str, described_as: &str) -> usize {
    let theirs = content_words(described_as);
    if !theirs.iter().any(|w| same_head(w, head)) {
        return 0;
    }
    // One person is not "three people": the number must agree when both say it.
    let number = |s: &str| head_noun(s).map(|(_, plural)| plural);
    if let (Some(a), Some(b)) = (number(description), number(described_as))
        && a != b
    {
        return 0;
    }
    let ours = content_words(description);
    let shared = ours.iter().filter(|w| theirs.contains(w)).count();
    // The very words of `described_as` beat any partial overlap.
    if description.trim().eq_ignore_ascii_case(described_as.trim()) {
        shared + 100
    } else {
        shared
    }
}

/// Phrases that say the source is unnamed on purpose; the described speaker
/// is cut before them when it becomes an actor's `described_as`.
const ANONYMITY: &[&str] = &[
    " who spoke on condition of anonymity",
    " speaking on condition of anonymity",
    " who requested anonymity",
    " who asked not to be named",
    " who asked not to be identified",
    " who declined to be identified",
    " who declined to be named",
    " who spoke on the condition of anonymity",
    " speaking on the condition of anonymity",
];

/// A description shortened for `described_as`: without "who spoke on
/// condition of anonymity" and what follows it.
pub fn described_as(description: &str) -> String {
    // ASCII only: the phrases are ASCII, and offsets must stay those of
    // `description` (a full lowercase may be longer: "İ" → "i̇").
    let lower = description.to_ascii_lowercase();
    let cut = ANONYMITY
        .iter()
        .filter_map(|p| lower.find(p))
        .min()
        .unwrap_or(description.len());
    description[..cut].trim().to_string()
}

/// The head noun of a description: singular, and whether it was plural
/// ("people" in "two people familiar with the plans" → `person`, plural).
pub fn head_noun(description: &str) -> Option<(&'static str, bool)> {
    let mut found = None;
    for w in description.split(|c: char| !c.is_alphanumeric() && c != '-') {
        match head(w) {
            Some(h) if h.kind == Head::Person => found = Some((h.singular, h.plural)),
            _ if found.is_some() => break,
            _ => {}
        }
    }
    found
}

/// Why the source was not named, when the sentence says so: "not authorized
/// to discuss the talks", "because she feared reprisals".
pub fn reason(sentence: &str) -> Option<String> {
    // ASCII only, as in `described_as`: offsets into `lower` slice `sentence`.
    let lower = sentence.to_ascii_lowercase();
    // Every phrase below holds one of these: most sentences hold neither.
    if !lower.contains("not ") && !lower.contains("anonym") {
        return None;
    }
    let clause = |from: usize| -> Option<String> {
        let rest = &sentence[from..];
        let end = rest
            .find([',', '.', ';', '”', '"', '—'])
            .unwrap_or(rest.len());
        let s = rest[..end].trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    for key in [
        "not authorized to",
        "not authorised to",
        "not permitted to",
        "not allowed to",
    ] {
        if let Some(at) = lower.find(key) {
            return clause(at);
        }
    }
    let anonymity = [
        "anonymity",
        "not to be named",
        "not to be identified",
        "anonymously",
    ]
    .iter()
    .filter_map(|k| lower.find(k).map(|at| at + k.len()))
    .min()?;
    for key in [" because ", " to discuss ", " for fear of ", " fearing "] {
        if let Some(at) = lower[anonymity..].find(key) {
            let from = anonymity + at + 1;
            let skip = if key == " because " {
                "because ".len()
            } else {
                0
            };
            return clause(from + skip);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn described_as_fits_by_head_and_shared_words() {
        let d = "a senior State Department official";
        assert_eq!(fit("a senior official", "official", d), 2);
        assert_eq!(fit("an aide", "aide", d), 0);
    }

    /// Letters whose lowercase is longer than they are ("İ" is two bytes,
    /// "i̇" three) shift no offset into the original text.
    #[test]
    fn lowercase_that_grows_shifts_nothing() {
        let sentence = "İİİİ, said an official who was not authorized to discuss it, adding more";
        assert_eq!(
            reason(sentence).as_deref(),
            Some("not authorized to discuss it")
        );
        assert_eq!(
            described_as("İİİ an official who spoke on condition of anonymity"),
            "İİİ an official"
        );
    }

    #[test]
    fn reasons_and_descriptions() {
        assert_eq!(
            reason("said an official who was not authorized to discuss the talks, adding more")
                .as_deref(),
            Some("not authorized to discuss the talks")
        );
        assert_eq!(
            reason(
                "said the aide, who spoke on condition of anonymity because she feared reprisals."
            )
            .as_deref(),
            Some("she feared reprisals")
        );
        assert_eq!(reason("said an official who attended"), None);
        assert_eq!(
            described_as("an official who spoke on condition of anonymity to discuss the plan"),
            "an official"
        );
        assert_eq!(
            head_noun("two people familiar with the plans"),
            Some(("person", true))
        );
        assert_eq!(
            head_noun("a senior State Department official"),
            Some(("official", false))
        );
    }
}

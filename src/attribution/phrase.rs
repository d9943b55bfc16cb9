//! Noun phrases that name a speaker: a mention link, a pronoun, a name with
//! its title ("Secretary of State Antony J. Blinken"), a title alone ("the
//! secretary") or a description ("a senior official", "the ministry").

use super::anonymous::{self, Description, Head, POSSESSIVES};
use super::tokens::{Kind, OPENERS, Token};
use super::words::{Words, lower};
use crate::model::Article;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    They,
    It,
}

impl Pronoun {
    pub fn from_word(word: &str) -> Option<Pronoun> {
        Some(match word {
            "he" | "He" | "HE" => Pronoun::He,
            "she" | "She" | "SHE" => Pronoun::She,
            "they" | "They" | "THEY" => Pronoun::They,
            "it" | "It" | "IT" => Pronoun::It,
            _ => return None,
        })
    }

    /// A registry's `pronouns: she/her` (the first word counts).
    pub fn from_registry(value: &str) -> Option<Pronoun> {
        let first = value
            .split(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty())?;
        Pronoun::from_word(&first.to_lowercase())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Np {
    /// `[text](@id)`: index into `Article::mentions`.
    Mention(usize),
    Pronoun(Pronoun),
    /// A personal or organisation name, without its title.
    Name {
        name: TextRange,
        /// Title words before the name, lowercase ("secretary", "of", "state").
        title: Vec<String>,
        org: bool,
        /// What `Mr.`, `Ms.` or a gendered title says.
        honorific: Option<Pronoun>,
    },
    /// A title alone: "the secretary", "the prime minister".
    Title(Vec<String>),
    Description(Description),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub np: Np,
    /// The words naming the speaker, title included.
    pub range: TextRange,
}

/// Words that open a clause before its subject.
static LEADING: Words = Words::new(&[
    "and",
    "but",
    "so",
    "then",
    "later",
    "also",
    "however",
    "meanwhile",
    "still",
    "earlier",
    "instead",
    "which",
    "who",
    "that",
    "as",
    "yet",
    "now",
    "finally",
    "separately",
    "again",
    "while",
    "whom",
    "because",
    "when",
    "although",
    "though",
]);
pub static DETERMINERS: Words = Words::new(&[
    "a", "an", "the", "one", "two", "three", "four", "five", "six", "several", "some", "many",
    "few", "another", "other", "both", "all", "most", "this", "these", "those",
]);
/// Words between two capitalised words of one name.
static CONNECTORS: Words = Words::new(&[
    "of", "de", "da", "van", "von", "bin", "ibn", "al", "el", "la", "le", "del", "du", "dos",
    "der", "y",
]);
static DAYS_AND_MONTHS: Words = Words::new(&[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]);
/// Title words, lowercase, periods dropped. A capitalised run's title is its
/// longest prefix of these; the rest is the name.
static TITLE_WORDS: Words = Words::new(&[
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "foreign",
    "defense",
    "defence",
    "finance",
    "interior",
    "justice",
    "health",
    "state",
    "treasury",
    "senator",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "general",
    "gen",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "captain",
    "capt",
    "admiral",
    "adm",
    "dr",
    "professor",
    "prof",
    "mr",
    "mrs",
    "ms",
    "miss",
    "judge",
    "chancellor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "rabbi",
    "rev",
    "reverend",
    "sheikh",
    "commissioner",
    "attorney",
    "speaker",
    "leader",
    "premier",
    "detective",
    "det",
    "coach",
    "executive",
    "commander",
    "deputy",
    "assistant",
    "special",
    "senior",
    "former",
    "acting",
    "interim",
    "of",
    "house",
    "majority",
    "minority",
    "whip",
    "superintendent",
    "sheriff",
    "inspector",
    "lord",
    "lady",
    "sir",
    "dame",
    "emir",
    "crown",
    "ayatollah",
    "imam",
    "cardinal",
    "bishop",
    "archbishop",
    "dean",
    "major",
    "maj",
    "brigadier",
    "cmdr",
    "adviser",
    "advisor",
    "national",
    "security",
    "press",
    "founder",
    "amb",
    "supt",
    "sens",
    "reps",
    "the",
    "council",
    "member",
    "district",
    "councilman",
    "councilwoman",
    "councilor",
    "alderman",
    "assemblyman",
    "assemblywoman",
    "trustee",
    "officer",
    "manager",
    "organizer",
    "analyst",
    "coordinator",
    "democrat",
    "republican",
]);
/// Words that end an organisation's or a place's name: such a run is one
/// name, not a title and a name ("State Department", "Gaza Strip").
static ORG_ENDINGS: Words = Words::new(&[
    "Department",
    "Ministry",
    "House",
    "Nations",
    "Union",
    "Council",
    "Committee",
    "Party",
    "Agency",
    "Office",
    "Court",
    "Army",
    "Police",
    "Forces",
    "University",
    "Institute",
    "Center",
    "Centre",
    "Times",
    "Post",
    "News",
    "Press",
    "Group",
    "Organization",
    "Organisation",
    "Association",
    "Church",
    "Republic",
    "Kingdom",
    "States",
    "Authority",
    "Administration",
    "Congress",
    "Senate",
    "Parliament",
    "Government",
    "Foundation",
    "Fund",
    "Inc",
    "Corp",
    "Company",
    "Bureau",
    "Service",
    "Embassy",
    "Commission",
    "Board",
    "Assembly",
    "Cabinet",
    "Network",
    "Journal",
    "League",
    "Movement",
    "Coalition",
    "Strip",
    "Bank",
    "Street",
]);
/// Words that take "of" inside a name ("Bank of America", "City of Riverton").
static OF_HEADS: Words = Words::new(&[
    "Department",
    "Ministry",
    "University",
    "Bank",
    "City",
    "Town",
    "Republic",
    "Kingdom",
    "Church",
    "Museum",
    "Institute",
    "College",
    "School",
    "Council",
    "Court",
    "Board",
    "House",
    "Chamber",
    "Bureau",
    "Office",
    "Party",
    "Union",
    "Federation",
    "Association",
    "Society",
    "Commission",
    "Committee",
    "Center",
    "Centre",
    "Embassy",
    "States",
    "Port",
    "County",
    "Province",
    "Duke",
    "Duchess",
    "Archbishop",
    "Bishop",
    "Academy",
    "Hospital",
    "Library",
    "Organization",
    "Organisation",
    "League",
    "Daughters",
    "Sons",
    "Friends",
]);
/// What a possessive principal's office says, the principal says.
const PRINCIPAL_NOUNS: &[&str] = &[
    "office",
    "campaign",
    "team",
    "statement",
    "administration",
    "government",
    "press",
];

/// Whether a word ends organisations' names ("Department", "Party").
pub fn is_org_ending(word: &str) -> bool {
    ORG_ENDINGS.contains(word)
}

pub fn is_day_or_month(word: &str) -> bool {
    DAYS_AND_MONTHS.contains(word)
}

/// A title word in full, lowercase: "Sen." → "senator".
pub fn title_word(word: &str) -> String {
    let w = lower(word.trim_end_matches('.'));
    let full = match w.as_str() {
        "sen" | "sens" => "senator",
        "rep" | "reps" | "congressman" | "congresswoman" => "representative",
        "gov" => "governor",
        "gen" => "general",
        "lt" => "lieutenant",
        "col" => "colonel",
        "sgt" => "sergeant",
        "capt" => "captain",
        "adm" => "admiral",
        "prof" => "professor",
        "rev" => "reverend",
        "maj" => "major",
        "cmdr" => "commander",
        "amb" => "ambassador",
        "det" => "detective",
        "supt" => "superintendent",
        _ => return w.into_string(),
    };
    full.to_string()
}

pub fn is_title_word(word: &str) -> bool {
    let w = lower(word.trim_end_matches('.'));
    TITLE_WORDS.contains(w.as_str())
}

fn honorific(word: &str) -> Option<Pronoun> {
    match lower(word.trim_end_matches('.')).as_str() {
        "mr" | "sir" | "lord" | "king" | "prince" | "spokesman" | "chairman" | "congressman"
        | "father" | "brother" | "sheikh" => Some(Pronoun::He),
        "mrs" | "ms" | "miss" | "lady" | "dame" | "queen" | "princess" | "spokeswoman"
        | "chairwoman" | "congresswoman" | "sister" | "mother" => Some(Pronoun::She),
        _ => None,
    }
}

pub fn is_capitalized(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
}

/// The text of a word token.
pub fn word<'t>(text: &'t str, t: &Token) -> Option<&'t str> {
    (t.kind == Kind::Word).then(|| t.range.slice(text))
}

/// A word without its possessive `’s`, and whether it had one.
pub fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return (stem, true);
        }
    }
    (word, false)
}

/// Whether the text right after a mention link is a possessive `’s`.
fn possessive_after(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    rest.starts_with("’s") || rest.starts_with("'s")
}

/// The tokens without leading conjunctions and punctuation, and without
/// trailing punctuation and auxiliaries.
pub fn trim<'a>(text: &str, mut toks: &'a [Token]) -> &'a [Token] {
    while let Some((first, rest)) = toks.split_first() {
        let skip = match first.kind {
            Kind::Word => LEADING.contains(lower(first.range.slice(text)).as_str()),
            Kind::Punct(_) | Kind::Dash => true,
            _ => false,
        };
        if !skip {
            break;
        }
        toks = rest;
    }
    while let Some((last, rest)) = toks.split_last() {
        let skip = match last.kind {
            Kind::Word => super::cues::is_filler(last.range.slice(text)),
            Kind::Punct(c) => c != '.',
            Kind::Dash => true,
            _ => false,
        };
        if !skip {
            break;
        }
        toks = rest;
    }
    toks
}

/// Reads the phrase at the start of `toks` (already cut where the phrase
/// must end: at the cue, a comma or the end of the sentence).
pub fn parse(text: &str, article: &Article, toks: &[Token]) -> Option<Phrase> {
    let toks = trim(text, toks);
    let first = toks.first()?;
    match first.kind {
        Kind::Mention(m) => mention(text, article, toks, m),
        Kind::Word => {
            let w = first.range.slice(text);
            if toks.len() == 1
                && let Some(p) = Pronoun::from_word(w)
            {
                return Some(Phrase {
                    np: Np::Pronoun(p),
                    range: first.range,
                });
            }
            let lower = lower(w);
            // "Another said", "most said": a quantifier stands for people.
            if toks.len() == 1
                && matches!(
                    lower.as_str(),
                    "another" | "one" | "some" | "many" | "most" | "several" | "others" | "few"
                )
            {
                return Some(Phrase {
                    np: Np::Description(Description {
                        head: "person".to_string(),
                        kind: Head::Person,
                        plural: !matches!(lower.as_str(), "another" | "one"),
                        definite: false,
                        range: first.range,
                        head_range: first.range,
                    }),
                    range: first.range,
                });
            }
            if DETERMINERS.contains(lower.as_str()) || POSSESSIVES.contains(&lower.as_str()) {
                return determined(text, article, toks);
            }
            // "Officials said", "Police say": a noun, not a name ("Town
            // Manager Patricia Gibbs" is a name).
            let noun = anonymous::head_lowercase(lower.as_str())
                .is_some_and(|h| h.plural || h.kind != Head::Person)
                && !toks
                    .get(1)
                    .and_then(|t| word(text, t))
                    .is_some_and(is_capitalized);
            // "Of Reed, …", "After Reed left": a preposition, no name.
            if OPENERS.contains(w) && !DETERMINERS.contains(lower.as_str()) {
                return None;
            }
            // "Holding signs, the crowd chanted": a participle, no name.
            let participle = (w.ends_with("ing") || (w.ends_with("ed") && w.len() > 5))
                && toks
                    .get(1)
                    .and_then(|t| word(text, t))
                    .is_some_and(|n| !is_capitalized(n) && super::cues::lookup(n).is_none());
            if participle {
                return None;
            }
            if is_capitalized(w) && !noun {
                return capitalized(text, article, toks);
            }
            lowercase(text, article, toks)
        }
        _ => None,
    }
}

fn mention(text: &str, article: &Article, toks: &[Token], m: usize) -> Option<Phrase> {
    let link = &article.mentions[m];
    let mut rest = &toks[1..];
    if possessive_after(text, link.range.end()) {
        // `[Lopez](@lopez)’s office said`: the principal; `’s aide`: someone else.
        if rest.first().and_then(|t| word(text, t)) == Some("s") {
            rest = &rest[1..];
        }
        let next = rest.first().and_then(|t| word(text, t))?;
        if PRINCIPAL_NOUNS.contains(&next) {
            return Some(Phrase {
                np: Np::Mention(m),
                range: link.text,
            });
        }
        let desc = anonymous::describe(text, toks, 1, true)?;
        return Some(Phrase {
            range: TextRange::new(link.range.start(), desc.range.end()),
            np: Np::Description(desc),
        });
    }
    if joint(text, rest) {
        return None;
    }
    Some(Phrase {
        np: Np::Mention(m),
        range: link.text,
    })
}

/// "Lopez and Smith said": two speakers, so nobody in particular.
fn joint(text: &str, rest: &[Token]) -> bool {
    rest.first().and_then(|t| word(text, t)) == Some("and")
        && rest.get(1).is_some_and(|t| match t.kind {
            Kind::Mention(_) => true,
            Kind::Word => is_capitalized(t.range.slice(text)),
            _ => false,
        })
}

/// A run of capitalised words (with connectors and initials' periods):
/// its end index, and whether its last word is possessive.
fn run(text: &str, toks: &[Token], start: usize) -> (usize, bool) {
    let mut i = start;
    while i < toks.len() {
        let t = &toks[i];
        match t.kind {
            Kind::Word => {
                let w = t.range.slice(text);
                let (stem, possessive) = strip_possessive(w);
                let lower_particle = w.starts_with("al-") || w.starts_with("el-");
                if is_capitalized(stem) || lower_particle {
                    i += 1;
                    if possessive {
                        return (i, true);
                    }
                    continue;
                }
                // "of" joins "Secretary of State" and "University of Iceland",
                // not "Antonio Ruiz of Cal Fire" (an affiliation).
                let joins_after =
                    |prev: &str| w != "of" || is_title_word(prev) || OF_HEADS.contains(prev);
                let connects = CONNECTORS.contains(w)
                    && i > start
                    && word(text, &toks[i - 1]).is_some_and(joins_after)
                    && toks
                        .get(i + 1)
                        .and_then(|n| word(text, n))
                        .is_some_and(is_capitalized);
                if !connects {
                    break;
                }
                i += 1;
            }
            // The period of an initial or an abbreviated title.
            Kind::Punct('.') if i > start && toks[i - 1].range.end() == t.range.start() => i += 1,
            _ => break,
        }
    }
    (i, false)
}

fn capitalized(text: &str, article: &Article, toks: &[Token]) -> Option<Phrase> {
    let (end, possessive) = run(text, toks, 0);
    if end == 0 {
        return None;
    }
    let rest = &toks[end..];
    if possessive {
        // "Lopez’s office said" → Lopez; "Lopez’s aide said" → an aide;
        // "the Tribune’s Ann Reed said" → Ann Reed.
        let next = rest.first().and_then(|t| word(text, t))?;
        if is_capitalized(next) && !OPENERS.contains(next) {
            let mut phrase = capitalized(text, article, rest)?;
            if matches!(phrase.np, Np::Name { org: false, .. }) {
                phrase.range.set_start(toks[0].range.start());
                return Some(phrase);
            }
            return None;
        }
        if PRINCIPAL_NOUNS.contains(&next) {
            let mut phrase = name(text, &toks[..end])?;
            if let Np::Name { name, .. } = &mut phrase.np {
                let (stem, _) = strip_possessive(name.slice(text));
                name.set_end(name.start() + stem.len());
            }
            // The range takes the noun: "Garvey’s campaign" may be an actor of its own.
            phrase.range.set_end(rest[0].range.end());
            return Some(phrase);
        }
        let desc = anonymous::describe(text, toks, end, true)?;
        return Some(Phrase {
            range: TextRange::new(toks[0].range.start(), desc.range.end()),
            np: Np::Description(desc),
        });
    }
    // "White House press secretary Jen Psaki": a second run after title words.
    let mut j = 0;
    while rest
        .get(j)
        .and_then(|t| word(text, t))
        .is_some_and(|w| !is_capitalized(w) && is_title_word(w))
    {
        j += 1;
    }
    // "of" alone is an affiliation ("Ruiz of Cal Fire"), not a title.
    if rest[..j].iter().all(|t| word(text, t) == Some("of")) {
        j = 0;
    }
    if j > 0
        && rest
            .get(j)
            .and_then(|t| word(text, t))
            .is_some_and(is_capitalized)
    {
        let second = &rest[j..];
        let (end2, _) = run(text, second, 0);
        let phrase = name(text, &second[..end2])?;
        let words = toks[..end + j].iter().filter_map(|t| word(text, t));
        return Some(titled_from(phrase, words.map(str::to_lowercase), toks));
    }
    // "Former Republican presidential candidate Ann Reed": a title, then
    // lowercase title words and a name.
    if toks[..end]
        .iter()
        .filter_map(|t| word(text, t))
        .all(is_title_word)
        && let Some(phrase) = titled_name(text, article, rest)
    {
        let words = toks[..end].iter().filter_map(|t| word(text, t));
        return Some(titled_from(phrase, words.map(title_word), toks));
    }
    // "State Department officials said": a description with a proper modifier.
    if let Some(w) = rest.first().and_then(|t| word(text, t))
        && !is_capitalized(w)
        && anonymous::head(w).is_some()
    {
        let desc = anonymous::describe(text, toks, end, false)?;
        // "Democratic candidate Ann Reed": the description is her title.
        if let Some(phrase) = name_after_head(text, article, toks, &desc) {
            return Some(phrase);
        }
        return Some(Phrase {
            range: TextRange::new(toks[0].range.start(), desc.range.end()),
            np: Np::Description(desc),
        });
    }
    if joint(text, rest) {
        return None;
    }
    name(text, &toks[..end])
}

/// Splits a run into title and name.
fn name(text: &str, toks: &[Token]) -> Option<Phrase> {
    let words: Vec<(usize, &str)> = toks
        .iter()
        .enumerate()
        .filter_map(|(i, t)| word(text, t).map(|w| (i, w)))
        .collect();
    let &(_, last) = words.last()?;
    let range = TextRange::new(toks[0].range.start(), toks[toks.len() - 1].range.end());
    let (last_stem, _) = strip_possessive(last);
    if words.len() == 1 && (OPENERS.contains(last) || DAYS_AND_MONTHS.contains(last_stem)) {
        return None;
    }
    let first_word = words[0].1;
    if ORG_ENDINGS.contains(last_stem) {
        let skip = usize::from(first_word == "The");
        let start = toks[words[skip.min(words.len() - 1)].0].range.start();
        return Some(Phrase {
            np: Np::Name {
                name: TextRange::new(start, range.end()),
                title: Vec::new(),
                org: true,
                honorific: None,
            },
            range,
        });
    }
    // The title is the longest prefix of title words.
    let split = words
        .iter()
        .position(|(_, w)| !is_title_word(w))
        .unwrap_or(words.len());
    let title: Vec<String> = words[..split]
        .iter()
        .map(|(_, w)| title_word(w))
        .filter(|w| w != "the")
        .collect();
    let honorific = words[..split].iter().find_map(|(_, w)| honorific(w));
    if split == words.len() {
        return (!title.is_empty()).then_some(Phrase {
            np: Np::Title(title),
            range,
        });
    }
    let name_start = toks[words[split].0].range.start();
    if DAYS_AND_MONTHS.contains(words[split].1) || OPENERS.contains(words[split].1) {
        return None;
    }
    Some(Phrase {
        np: Np::Name {
            name: TextRange::new(name_start, range.end()),
            title,
            org: false,
            honorific,
        },
        range,
    })
}

fn determined(text: &str, article: &Article, toks: &[Token]) -> Option<Phrase> {
    let det = lower(toks[0].range.slice(text));
    let next = toks.get(1)?;
    // "one of them", "two of the officials".
    if word(text, next) == Some("of") && det != "the" {
        let after = toks.get(2)?;
        if matches!(word(text, after), Some("them" | "those" | "these")) && toks.len() == 3 {
            return Some(Phrase {
                np: Np::Pronoun(Pronoun::They),
                range: TextRange::new(toks[0].range.start(), after.range.end()),
            });
        }
        let mut phrase = parse(text, article, &toks[2..])?;
        phrase.range.set_start(toks[0].range.start());
        if let Np::Description(d) = &mut phrase.np {
            d.range.set_start(toks[0].range.start());
        }
        return Some(phrase);
    }
    if det == "the" {
        match next.kind {
            Kind::Word if is_capitalized(next.range.slice(text)) => {
                let (end, possessive) = run(text, toks, 1);
                let rest = &toks[end..];
                let followed_by_head = rest
                    .first()
                    .and_then(|t| word(text, t))
                    .is_some_and(|w| !is_capitalized(w) && anonymous::head(w).is_some());
                let followed_by_name = rest
                    .first()
                    .and_then(|t| word(text, t))
                    .is_some_and(is_capitalized);
                if (!possessive && !followed_by_head) || (possessive && followed_by_name) {
                    let mut phrase = capitalized(text, article, &toks[1..])?;
                    phrase.range.set_start(toks[0].range.start());
                    return Some(phrase);
                }
            }
            Kind::Mention(_) => return parse(text, article, &toks[1..]),
            _ => {}
        }
    }
    // A title alone: "the secretary", "the former prime minister".
    if det == "the" {
        let titles = toks[1..]
            .iter()
            .take_while(|t| word(text, t).is_some_and(is_title_word))
            .count();
        let head_after = toks
            .get(1 + titles)
            .and_then(|t| word(text, t))
            .and_then(anonymous::head);
        if titles > 0 && head_after.is_none() {
            let words: Vec<String> = toks[1..1 + titles]
                .iter()
                .filter_map(|t| word(text, t))
                .map(title_word)
                .collect();
            let is_head = words.last().and_then(|w| anonymous::head(w)).is_some();
            if !is_head {
                let range = TextRange::new(toks[0].range.start(), toks[titles].range.end());
                return Some(Phrase {
                    np: Np::Title(words),
                    range,
                });
            }
        }
    }
    let desc = anonymous::describe(text, toks, 0, det == "the")?;
    // "his nephew Omar Haddad": the description is his title.
    if desc.kind == Head::Person
        && let Some(phrase) = name_after_head(text, article, toks, &desc)
    {
        return Some(phrase);
    }
    if desc.kind == Head::Document {
        // "a statement from the ministry": the ministry. "The statement"
        // alone is whoever issued it, which the caller looks up.
        let from = toks.iter().position(|t| {
            t.range.start() >= desc.head_range.end()
                && word(text, t).is_some_and(|w| matches!(w, "from" | "by" | "of"))
        });
        if let Some(from) = from {
            return parse(text, article, &toks[from + 1..]);
        }
    }
    Some(Phrase {
        range: desc.range,
        np: Np::Description(desc),
    })
}

fn lowercase(text: &str, article: &Article, toks: &[Token]) -> Option<Phrase> {
    // "former secretary of state Antony Blinken", "union president Harold
    // Daggett", "economist Jane Doe": modifiers, then a name.
    if let Some(phrase) = titled_name(text, article, toks) {
        return Some(phrase);
    }
    // "officials said", "federal prosecutors wrote", "police said": a
    // plural or an organisation needs no determiner.
    let desc = anonymous::describe(text, toks, 0, false)?;
    if !(desc.plural || desc.kind == Head::Organization) {
        return None;
    }
    Some(Phrase {
        range: desc.range,
        np: Np::Description(desc),
    })
}

/// Past participles that modify a title ("retired general"); any other
/// word in -ed or -ing before a name is a verb ("trashed Reed").
static PARTICIPLE_MODIFIERS: Words = Words::new(&[
    "retired",
    "undecided",
    "embattled",
    "elected",
    "appointed",
    "disgraced",
    "indicted",
    "convicted",
    "jailed",
    "detained",
    "wounded",
    "reelected",
    "unaffiliated",
    "registered",
    "leading",
    "ranking",
    "acting",
    "founding",
    "sitting",
    "outgoing",
    "incoming",
    "visiting",
    "governing",
    "presiding",
    "managing",
    "striking",
]);

fn is_verb_like(w: &str) -> bool {
    (w.ends_with("ed") || w.ends_with("ing")) && !PARTICIPLE_MODIFIERS.contains(w)
}

/// A name with `words` put before its title, its phrase stretched back to
/// the first of `toks` ("White House press secretary Jen Psaki").
fn titled_from(mut phrase: Phrase, words: impl Iterator<Item = String>, toks: &[Token]) -> Phrase {
    if let Np::Name { title, .. } = &mut phrase.np {
        title.splice(0..0, words);
    }
    phrase.range.set_start(toks[0].range.start());
    phrase
}

/// A person's name right after a description's head, titled with it
/// ("Democratic candidate Ann Reed", "his nephew Omar Haddad"): the phrase
/// spans the description too.
fn name_after_head(
    text: &str,
    article: &Article,
    toks: &[Token],
    desc: &anonymous::Description,
) -> Option<Phrase> {
    let after = toks
        .iter()
        .position(|t| t.range.start() >= desc.head_range.end())?;
    let first = word(text, toks.get(after)?)?;
    if !is_capitalized(first) || OPENERS.contains(first) {
        return None;
    }
    let mut phrase = capitalized(text, article, &toks[after..])?;
    let Np::Name {
        org: false, title, ..
    } = &mut phrase.np
    else {
        return None;
    };
    title.push(desc.head.clone());
    phrase.range.set_start(toks[0].range.start());
    Some(phrase)
}

fn titled_name(text: &str, article: &Article, toks: &[Token]) -> Option<Phrase> {
    let first_cap = toks.iter().take(7).position(|t| match t.kind {
        Kind::Word => is_capitalized(t.range.slice(text)),
        Kind::Mention(_) => true,
        _ => false,
    })?;
    if first_cap == 0 {
        return None;
    }
    // "of" joins title words ("master of ceremonies"), but does not open
    // them ("of Acme Corp" is an affiliation).
    let opens_with_of = toks.first().and_then(|t| word(text, t)) == Some("of");
    let modifiers_ok = !opens_with_of
        && toks[..first_cap].iter().all(|t| {
            word(text, t).is_some_and(|w| {
                !matches!(
                    w,
                    "to" | "in"
                        | "on"
                        | "at"
                        | "with"
                        | "by"
                        | "for"
                        | "from"
                        | "and"
                        | "or"
                        | "who"
                        | "which"
                        | "that"
                        | "said"
                        | "says"
                ) && super::cues::lookup(w).is_none()
                    && !super::cues::is_filler(w)
                    && !is_verb_like(w)
            })
        });
    if !modifiers_ok {
        return None;
    }
    let title: Vec<String> = toks[..first_cap]
        .iter()
        .filter_map(|t| word(text, t))
        .map(title_word)
        .collect();
    let mut phrase = parse(text, article, &toks[first_cap..])?;
    match &mut phrase.np {
        Np::Name {
            title: t,
            honorific,
            ..
        } => {
            *honorific = honorific.or_else(|| title.iter().find_map(|w| self::honorific(w)));
            let mut all = title;
            all.append(t);
            *t = all;
        }
        Np::Mention(_) => {}
        _ => return None,
    }
    phrase.range.set_start(toks[0].range.start());
    Some(phrase)
}

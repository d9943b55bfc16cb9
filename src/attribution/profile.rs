//! What the prose says about a speaker no registry knows yet, for drafting
//! an actor: whether it is a person or an organisation, the title and
//! organisation an apposition or a title gives it ("Chan Saveth, a senior
//! investigator with the rights group Adhoc"; "Mayor Grace Okafor"), the
//! short forms the article uses (a surname alone, an acronym in
//! parentheses), and whether a quotation is certainly not speech (after
//! "so-called", "titled", "the book").

use super::anonymous::{self, Head, POSSESSIVES};
use super::cast::EntityKind;
use super::phrase::{self, DETERMINERS, Pronoun, is_capitalized, is_title_word, strip_possessive};
use super::tokens::{Kind, OPENERS, Token};
use super::words::lower;
use super::{Outcome, Suggester, Suggestion, cues, patterns};
use crate::text::TextRange;

/// A speaker the prose names, as an actor could be drafted from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The fullest name the article gives.
    pub name: String,
    /// `person` or `organization`, when the prose says which.
    pub kind: Option<&'static str>,
    /// What `Mr.`, `Ms.`, a gendered title or a pronoun mention says.
    pub pronoun: Option<&'static str>,
    pub role: Option<Role>,
    /// Short forms the article uses: a surname alone, an acronym.
    pub aliases: Vec<String>,
}

/// A title, and the organisation it is held at, as the prose writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub title: String,
    pub org: Option<String>,
}

/// A mark that the words before a quotation make certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Scare,
    Title,
    Term,
}

impl Mark {
    /// The class that says so: `scare`, `title`, `term`.
    pub fn class(self) -> &'static str {
        match self {
            Mark::Scare => "scare",
            Mark::Title => "title",
            Mark::Term => "term",
        }
    }
}

/// Heads that describe people without being a role they hold.
const NOT_ROLES: &[&str] = &[
    "person",
    "man",
    "woman",
    "resident",
    "witness",
    "neighbor",
    "neighbour",
    "relative",
    "friend",
    "survivor",
    "voter",
    "supporter",
    "critic",
    "parent",
    "refugee",
    "individual",
    "participant",
    "attendee",
    "observer",
    "source",
    "insider",
];
/// Titles of address, not roles: "Dr. Lena Park" holds no role by it.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rev", "reverend", "the",
];
/// Words that end an apposition's title and start its organisation.
const ROLE_PREPOSITIONS: &[&str] = &["of", "at", "with", "for", "from", "in", "on"];
/// Words that end an apposition.
const CLAUSE_WORDS: &[&str] = &[
    "who", "whom", "whose", "which", "that", "and", "but", "where",
];

impl Suggester<'_> {
    /// The profile of a suggested speaker that is no known actor and that
    /// the prose names (a capitalised name, not "the ministry" or "he"
    /// alone); `None` otherwise.
    pub fn profile(&self, s: &Suggestion) -> Option<Profile> {
        if s.speaker.is_some() || s.anonymous {
            return None;
        }
        if !is_capitalized(&s.name) {
            return self.named_org(s);
        }
        let name = &clean_name(&s.name);
        let words: Vec<&str> = name.split_whitespace().collect();
        let [.., last] = words.as_slice() else {
            return None;
        };
        // One word that is a noun or a title ("Union", "Department" at a
        // sentence start) is no name.
        if words.len() == 1
            && (OPENERS.contains(last) || anonymous::head(last).is_some() || is_title_word(last))
        {
            return None;
        }
        let cast = self.cast();
        let entity = cast
            .by_org(name)
            .or_else(|| cast.by_name(last))
            .map(|e| &cast.entities[e])
            .filter(|e| e.id.is_none());
        let seen = self.occurrences(&words);
        if words.len() == 1 && seen.always_after_modifier {
            return None; // "National Guard" is no Mr. Guard.
        }
        let mut kind = match entity.map(|e| e.kind) {
            Some(EntityKind::Organization) => Some("organization"),
            Some(EntityKind::Person) => Some("person"),
            _ => None,
        };
        if seen.after_org_noun || phrase::is_org_ending(last) {
            kind = Some("organization");
        }
        let pronoun = entity.and_then(|e| e.pronoun).and_then(|p| match p {
            Pronoun::He => Some("he"),
            Pronoun::She => Some("she"),
            _ => None,
        });
        if kind.is_none() && (seen.role.is_some() || pronoun.is_some()) {
            kind = Some("person");
        }
        if kind.is_none() && words.len() >= 2 {
            kind = Some("person");
        }
        let mut aliases = Vec::new();
        if kind == Some("person") && words.len() >= 2 && seen.surname_alone {
            aliases.push(last.to_string());
        }
        aliases.extend(seen.acronym);
        let person = kind != Some("organization");
        Some(Profile {
            name: name.to_string(),
            kind,
            pronoun: pronoun.filter(|_| person),
            role: seen.role.filter(|_| person),
            aliases,
        })
    }

    /// "the department said": the organisation the article named before
    /// with that noun in its name ("the Department of Health"), the
    /// description as its alias.
    fn named_org(&self, s: &Suggestion) -> Option<Profile> {
        let words: Vec<&str> = s.name.split_whitespace().collect();
        let [det, .., head] = words.as_slice() else {
            return None;
        };
        let h = anonymous::head(head)?;
        if h.kind != Head::Organization || h.plural || !det.eq_ignore_ascii_case("the") {
            return None;
        }
        let capital: String = head
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        let before = s.text.start();
        let mut found = None;
        let prose = &self.article.prose;
        for (g, group) in prose
            .iter()
            .enumerate()
            .take_while(|(_, g)| g.start() < before)
        {
            if !group.slice(self.text).contains(&capital) {
                continue;
            }
            let toks = self.group_tokens(g);
            for (i, t) in toks.iter().enumerate() {
                if t.range.start() >= before {
                    break;
                }
                if phrase::word(self.text, t) == Some(capital.as_str())
                    && let Some(name) = self.run_around(&toks, i)
                {
                    found = Some(name);
                }
            }
        }
        let name = found?;
        Some(Profile {
            name,
            kind: Some("organization"),
            pronoun: None,
            role: None,
            aliases: vec![words.join(" ")],
        })
    }

    /// The capitalised run (with "of", "and", "for" inside) around the word
    /// at `i`, when it is more than that word.
    fn run_around(&self, toks: &[Token], i: usize) -> Option<String> {
        let cap = |j: usize| {
            toks.get(j)
                .and_then(|t| phrase::word(self.text, t))
                .is_some_and(|w| is_capitalized(w) && !OPENERS.contains(w))
        };
        let joiner = |j: usize| {
            toks.get(j)
                .and_then(|t| phrase::word(self.text, t))
                .is_some_and(|w| matches!(w, "of" | "and" | "for"))
        };
        let mut start = i;
        while start > 0 && (cap(start - 1) || joiner(start - 1) && start >= 2 && cap(start - 2)) {
            start -= 1;
        }
        let mut end = i + 1;
        while cap(end) || joiner(end) && cap(end + 1) {
            end += 1;
        }
        (end - start > 1).then(|| {
            super::tidy(
                TextRange::new(toks[start].range.start(), toks[end - 1].range.end())
                    .slice(self.text),
            )
        })
    }

    /// `.scare` after "so-called", `.title` after "titled" or a work ("the
    /// book “…”"), `.term` after "the term", "the slogan": the marks that
    /// the words before a quotation make certain, and only when the
    /// quotation looks like no speech to the suggester either.
    pub fn certain_mark(&self, q: usize) -> Option<Mark> {
        if !matches!(self.outcome(q), Outcome::NotSpeech(_)) {
            return None;
        }
        let quotation = self.article.quotations.get(q)?;
        let g = self.group_of(quotation.range.start())?;
        let group = self.article.prose[g];
        let from = group
            .start()
            .max(quotation.range.start().saturating_sub(super::BEFORE));
        let toks = self.tokenize(TextRange::new(from, quotation.range.end().min(group.end())));
        let k = toks.iter().position(|t| t.kind == Kind::Quote(q))?;
        let lower = |j: usize| {
            toks.get(j)
                .and_then(|t| phrase::word(self.text, t))
                .map(str::to_lowercase)
        };
        let w1 = k.checked_sub(1).and_then(lower)?;
        if w1 == "so-called" {
            return Some(Mark::Scare);
        }
        if patterns::TITLED.contains(&w1.as_str()) {
            return Some(Mark::Title);
        }
        let determined = |j: usize| {
            j.checked_sub(1).and_then(lower).is_some_and(|d| {
                patterns::NOUN_MARKERS.contains(&d.as_str()) || d == "new" || d.ends_with("’s")
            })
        };
        if patterns::TERM_MARKERS.contains(&w1.as_str()) && determined(k - 1) {
            return Some(Mark::Term);
        }
        // "the book “…”", "her memoir, “…”", "a film called “…”".
        let mut j = k;
        while j > 0 && toks[j - 1].kind == Kind::Punct(',') {
            j -= 1;
        }
        if j > 0 && lower(j - 1).is_some_and(|w| matches!(w.as_str(), "called" | "named")) {
            j -= 1;
        }
        let work = j
            .checked_sub(1)
            .and_then(lower)
            .is_some_and(|w| patterns::WORKS.contains(&w.as_str()));
        (work && determined(j - 1)).then_some(Mark::Title)
    }

    /// Where the article writes a name: what is said around it.
    fn occurrences(&self, words: &[&str]) -> Seen {
        let mut seen = Seen::default();
        let surname = words.last().copied().unwrap_or("");
        for (g, group) in self.article.prose.iter().enumerate() {
            if !group.slice(self.text).contains(surname) {
                continue;
            }
            let toks = self.group_tokens(g);
            let mut i = 0;
            while i < toks.len() {
                let Some(end) = self.name_at(&toks, i, words) else {
                    let alone = phrase::word(self.text, &toks[i])
                        .is_some_and(|w| strip_possessive(w).0 == surname);
                    seen.surname_alone |= alone && words.len() >= 2;
                    i += 1;
                    continue;
                };
                if seen.role.is_none() {
                    seen.role = self
                        .apposition(&toks, end)
                        .or_else(|| self.title_before(&toks, i));
                }
                let before = i
                    .checked_sub(1)
                    .and_then(|b| phrase::word(self.text, &toks[b]));
                if before.is_some_and(|w| {
                    anonymous::head(w).is_some_and(|h| h.kind == Head::Organization && !h.plural)
                }) {
                    seen.after_org_noun = true;
                }
                let modified = before
                    .is_some_and(|w| is_capitalized(w) && MODIFIERS.contains(&lower(w).as_str()));
                seen.always_after_modifier = modified && (seen.always_after_modifier || !seen.any);
                seen.any = true;
                if seen.acronym.is_none()
                    && toks.get(end).is_some_and(|t| t.kind == Kind::Punct('('))
                    && toks
                        .get(end + 2)
                        .is_some_and(|t| t.kind == Kind::Punct(')'))
                    && let Some(a) = toks.get(end + 1).and_then(|t| phrase::word(self.text, t))
                    && is_capitalized(a)
                    && words.len() >= 2
                {
                    seen.acronym = Some(a.to_string());
                }
                i = end;
            }
        }
        seen
    }

    /// The index after the name `words` when the tokens from `i` spell it
    /// (a possessive `’s` on its last word allowed).
    fn name_at(&self, toks: &[Token], i: usize, words: &[&str]) -> Option<usize> {
        let mut j = i;
        for (n, w) in words.iter().enumerate() {
            let t = phrase::word(self.text, toks.get(j)?)?;
            let t = if n + 1 == words.len() {
                strip_possessive(t).0
            } else {
                t
            };
            // "J." is a word and its period.
            let bare = w.trim_end_matches('.');
            if t != bare {
                return None;
            }
            j += 1;
            if bare.len() < w.len() {
                if toks.get(j).map(|t| t.kind) != Some(Kind::Punct('.')) {
                    return None;
                }
                j += 1;
            }
        }
        Some(j)
    }

    /// ", a senior investigator with the rights group Adhoc," or ", 54, the
    /// mayor of Riverton," after a name ending at `at`.
    fn apposition(&self, toks: &[Token], at: usize) -> Option<Role> {
        if toks.get(at)?.kind != Kind::Punct(',') {
            return None;
        }
        let mut i = at + 1;
        let age = |t: &Token| {
            phrase::word(self.text, t).is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
        };
        if toks.get(i).is_some_and(age) && toks.get(i + 1)?.kind == Kind::Punct(',') {
            i += 2;
        }
        if let Some(w) = toks.get(i).and_then(|t| phrase::word(self.text, t))
            && let l = lower(w)
            && DETERMINERS.contains(l.as_str())
            && !matches!(l.as_str(), "one" | "two" | "three" | "this")
        {
            i += 1;
        }
        let start = i;
        let mut end = i;
        while let Some(t) = toks.get(end) {
            let word = match t.kind {
                Kind::Word => t.range.slice(self.text),
                Kind::Punct('.') if end > start => {
                    end += 1;
                    continue;
                }
                _ => break,
            };
            if CLAUSE_WORDS.contains(&word) || cues::lookup(word).is_some() {
                break;
            }
            end += 1;
        }
        // Ended by a comma, a stop or a dash, not in the middle of a clause.
        let closed = toks.get(end).is_none_or(|t| {
            matches!(
                t.kind,
                Kind::Punct(',' | ';' | ')') | Kind::Stop | Kind::Dash
            )
        });
        if !closed || end == start || end - start > 12 {
            return None;
        }
        let span = &toks[start..end];
        let prep = span.iter().position(|t| {
            phrase::word(self.text, t).is_some_and(|w| ROLE_PREPOSITIONS.contains(&w))
        });
        let (title_toks, org) = match prep {
            Some(p) => (&span[..p], self.last_capitalized_run(&span[p + 1..])),
            None => (span, None),
        };
        let (before_org, title) = self.split_title(title_toks)?;
        Some(Role {
            title,
            org: org.or(before_org),
        })
    }

    /// "Mayor", "Secretary of State", "Adhoc investigator", "union
    /// president": the words right before a name starting at `at`.
    fn title_before(&self, toks: &[Token], at: usize) -> Option<Role> {
        let mut k = at;
        while k > 0 && at - k < 8 {
            let t = &toks[k - 1];
            let ok = match t.kind {
                Kind::Punct('.') => k >= 2 && toks[k - 2].range.end() == t.range.start(),
                Kind::Word => {
                    let w = t.range.slice(self.text);
                    let lower = lower(w);
                    let stop = cues::lookup(w).is_some()
                        || DETERMINERS.contains(lower.as_str())
                        || POSSESSIVES.contains(&lower.as_str())
                        || CLAUSE_WORDS.contains(&lower.as_str())
                        || (OPENERS.contains(w) && k - 1 == 0)
                        || (!is_capitalized(w)
                            && ROLE_PREPOSITIONS.contains(&lower.as_str())
                            && lower != "of")
                        || (lower == "of"
                            && (k < 2 || phrase::word(self.text, &toks[k - 2]).is_none()));
                    !stop && !PHRASE_STOPS.contains(&lower.as_str())
                }
                _ => false,
            };
            if !ok {
                break;
            }
            k -= 1;
        }
        // No dangling "of" at the start.
        while k < at && phrase::word(self.text, &toks[k]).is_some_and(|w| w == "of") {
            k += 1;
        }
        let (org, title) = self.split_title(&toks[k..at])?;
        Some(Role { title, org })
    }

    /// Splits title words into a leading organisation ("Adhoc", "Harbor
    /// City FC") and the title ("investigator"); `None` when no word of
    /// them is a title or a noun for someone's job, or the role is a past
    /// one.
    fn split_title(&self, toks: &[Token]) -> Option<(Option<String>, String)> {
        let words: Vec<(usize, &str)> = toks
            .iter()
            .enumerate()
            .filter_map(|(i, t)| phrase::word(self.text, t).map(|w| (i, w)))
            .collect();
        let is_role_word = |w: &str| {
            let lower = lower(w.trim_end_matches('.'));
            (is_title_word(w) && !HONORIFICS.contains(&lower.as_str()) && lower != "of")
                || anonymous::head(w).is_some_and(|h| {
                    h.kind == Head::Person && !h.plural && !NOT_ROLES.contains(&h.singular)
                })
        };
        if words.iter().any(|(_, w)| {
            matches!(
                lower(w).as_str(),
                "former" | "retired" | "ex" | "late" | "then"
            )
        }) {
            return None;
        }
        let first_role = words.iter().position(|(_, w)| is_role_word(w))?;
        // Leading capitalised words that are no title: the organisation.
        let org_words = words[..first_role]
            .iter()
            .take_while(|(_, w)| is_capitalized(w))
            .count();
        let org_words = if org_words == first_role {
            org_words
        } else {
            0
        };
        // Honorifics at the end ("Chief Medical Officer Dr.") are no title.
        let mut last = words.len();
        while last > first_role
            && HONORIFICS.contains(
                &words[last - 1]
                    .1
                    .trim_end_matches('.')
                    .to_lowercase()
                    .as_str(),
            )
        {
            last -= 1;
        }
        let text_of = |from: usize, to: usize| -> Option<String> {
            (from < to).then(|| {
                let a = toks[words[from].0].range.start();
                let mut b = toks[words[to - 1].0].range.end();
                // An abbreviation's period.
                if let Some(t) = toks.get(words[to - 1].0 + 1)
                    && t.kind == Kind::Punct('.')
                    && t.range.start() == b
                {
                    b = t.range.end();
                }
                crate::text::collapse_whitespace(TextRange::new(a, b).slice(self.text))
            })
        };
        let title = text_of(org_words, last)?;
        if !words[org_words..last].iter().any(|(_, w)| is_role_word(w)) {
            return None;
        }
        Some((text_of(0, org_words), title))
    }

    /// The last run of capitalised words (with "of", "and", "for" between
    /// them) of an apposition's end: "the rights group Adhoc" → "Adhoc".
    fn last_capitalized_run(&self, toks: &[Token]) -> Option<String> {
        let words: Vec<&Token> = toks.iter().filter(|t| t.kind == Kind::Word).collect();
        let mut end = words.len();
        while end > 0 && !is_capitalized(words[end - 1].range.slice(self.text)) {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        let mut start = end - 1;
        while start > 0 {
            let w = words[start - 1].range.slice(self.text);
            let joins = matches!(w, "of" | "and" | "for" | "&")
                && start >= 2
                && is_capitalized(words[start - 2].range.slice(self.text));
            if is_capitalized(w) && !OPENERS.contains(w) || joins {
                start -= 1;
            } else {
                break;
            }
        }
        let range = TextRange::new(words[start].range.start(), words[end - 1].range.end());
        Some(super::tidy(range.slice(self.text)))
    }
}

/// Whitespace collapsed to single spaces.
/// A name on one line, without a title the run of capitalised words took
/// in ("Antony J. Blinken Secretary of State Antony J. Blinken", read over
/// a photo caption's line break, is "Antony J. Blinken").
fn clean_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last_title = words
        .iter()
        .rposition(|w| is_title_word(w) && *w != "of" && *w != "the" && is_capitalized(w));
    match last_title {
        Some(i) if i > 0 && words.len() - i > 2 => words[i + 1..].join(" "),
        _ => words.join(" "),
    }
}

/// Words that end a title read backwards from a name.
const PHRASE_STOPS: &[&str] = &[
    "and",
    "or",
    "but",
    "to",
    "by",
    "as",
    "than",
    "like",
    "between",
    "among",
    "against",
    "about",
    "after",
    "before",
    "during",
    "when",
    "while",
    "if",
    "because",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "not",
    "also",
    "then",
    "including",
    "only",
];

/// What the occurrences of a name say.
#[derive(Default)]
struct Seen {
    role: Option<Role>,
    surname_alone: bool,
    acronym: Option<String>,
    /// "the rights group Adhoc": a name after a noun for an organisation.
    after_org_noun: bool,
    /// The name was found at all, and each time after a capitalised
    /// modifier ("National Guard").
    any: bool,
    always_after_modifier: bool,
}

/// Title words that only modify another: "National" of "National Guard".
const MODIFIERS: &[&str] = &[
    "national",
    "state",
    "foreign",
    "vice",
    "prime",
    "senior",
    "deputy",
    "special",
    "acting",
    "interim",
    "assistant",
    "executive",
    "general",
    "security",
    "press",
    "house",
    "council",
    "district",
    "majority",
    "minority",
    "crown",
];

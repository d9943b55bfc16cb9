//! The ways newsrooms attribute a quotation, matched on the tokens around it:
//! `“…,” X said` and `“…,” said X` (after), `X said: “…”` and `X said that
//! “…”` (before), `according to X`, `“…” — X` (dash), the cue in the next
//! sentence, and the speech acts that a split or continued quote follows.

use super::anonymous;
use super::clause::NESTING;
use super::cues::{self, Cue, Strength};
use super::phrase::{self, DETERMINERS, Np, Phrase, is_capitalized, strip_possessive};
use super::tokens::{self, Kind, Token};
use super::words::{Words, lower};
use crate::model::Article;
use crate::text::TextRange;

/// How the speaker was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// `“…,” X said.` / `“…,” said X.` / `“…,” according to X.`
    After,
    /// `X said: “…”` / `X said that “…”` / `According to X, “…”`
    Before,
    /// `“…” — X`
    Dash,
    /// `“…” X said …` in the sentence after the quotation.
    NextSentence,
    /// `“…,” she said. “…”`: the speaker of the sentence before.
    Split,
    /// A paragraph that opens with a quotation continues the speaker of the
    /// paragraph before it (or its `X said:` introduction).
    Continuation,
}

/// A speaker phrase and the cue that ties it to the quotation.
#[derive(Clone, Debug)]
pub struct Found {
    /// `None` when the words at the speaker's place name nobody readable.
    pub phrase: Option<Phrase>,
    /// The words at the speaker's place.
    pub words: TextRange,
    /// Other parts of an appositive subject ("the witness, a night guard,").
    pub also: Vec<Phrase>,
    pub cue: TextRange,
    pub pattern: Pattern,
}

impl Found {
    pub(super) fn new(phrase: Phrase, cue: TextRange, pattern: Pattern) -> Found {
        Found {
            words: phrase.range,
            phrase: Some(phrase),
            also: Vec::new(),
            cue,
            pattern,
        }
    }
}

/// What the last speech act of a stretch is.
#[derive(Clone, Debug)]
pub enum Act {
    /// A quotation: its speaker is its attribution's or its own suggestion.
    Quote(usize),
    /// `X said …` (indirect speech, or the cue of a quotation).
    Clause(Found),
}

/// Reporting verbs whose bare form is no noun: "officials say", "they
/// insist". Any other bare form ("state", "report", "post") is a verb only
/// after its subject or an auxiliary.
static BARE_VERBS: Words = Words::new(&[
    "put",
    "say",
    "tell",
    "ask",
    "add",
    "write",
    "argue",
    "insist",
    "explain",
    "warn",
    "admit",
    "acknowledge",
    "predict",
    "suggest",
    "agree",
    "urge",
    "contend",
    "concede",
    "assert",
    "maintain",
    "declare",
    "complain",
    "recall",
    "reiterate",
    "allege",
    "announce",
    "emphasize",
    "stress",
    "testify",
    "describe",
    "accuse",
    "criticize",
    "denounce",
    "praise",
    "read",
]);
/// Words that make a short quotation a noun ("a “fig leaf”"): it is a
/// partial quote only with a cue before it.
pub(super) const NOUN_MARKERS: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "some", "no",
];
/// Words right before a quotation that make it a term, a name or a scare
/// quote ("so-called", "the slogan", "a plan dubbed").
pub(super) const TERM_MARKERS: &[&str] = &[
    "so-called",
    "word",
    "term",
    "phrase",
    "slogan",
    "motto",
    "label",
    "nickname",
    "hashtag",
];
/// Naming verbs: a term after a noun ("a plan dubbed “…”"), a partial quote
/// after a speaker ("what he called “…”").
const NAMING: &[&str] = &[
    "called",
    "dubbed",
    "termed",
    "labeled",
    "labelled",
    "branded",
    "nicknamed",
    "named",
    "known",
    "as",
];
/// Works: a quotation after "the book", "her memoir", "a film" is a title.
pub(super) const WORKS: &[&str] = &[
    "book",
    "novel",
    "memoir",
    "film",
    "movie",
    "documentary",
    "song",
    "album",
    "play",
    "show",
    "series",
    "program",
    "programme",
    "podcast",
    "column",
    "essay",
    "op-ed",
    "article",
    "poem",
    "opera",
    "musical",
    "painting",
    "exhibition",
    "headline",
    "newsletter",
    "episode",
    "single",
    "magazine",
    "anthem",
    "hymn",
    "track",
    "exhibit",
];
/// Words right before a quotation that make it a title.
pub(super) const TITLED: &[&str] = &["titled", "entitled", "headlined", "headline"];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "what", "who"];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "of", "for", "to", "with", "from", "by", "about", "into", "after", "before",
    "during",
];

/// Whether a cue can have this speaker: only a document "reads" (“the
/// statement reads”, not “picket signs read”).
pub(super) fn fits_cue(cue: &Cue, phrase: Option<&Phrase>) -> bool {
    cue.base != "read"
        || phrase.is_some_and(
            |p| matches!(&p.np, Np::Description(d) if d.kind == anonymous::Head::Document),
        )
}

pub struct View<'a> {
    pub text: &'a str,
    pub article: &'a Article,
    pub toks: &'a [Token],
}

impl View<'_> {
    pub(super) fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i).and_then(|t| phrase::word(self.text, t))
    }

    pub(super) fn is(&self, i: usize, kind: Kind) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == kind)
    }

    /// Where a clause starting at `from` and ending before `to` starts: a
    /// clause opening the paragraph starts after its dateline ("HARBOR CITY
    /// —"), which names a place and no speaker.
    pub(super) fn past_dateline(&self, from: usize, to: usize) -> usize {
        if from == 0 {
            tokens::dateline_end(self.text, self.toks).min(to)
        } else {
            from
        }
    }

    /// The quotation's text between its marks, and its closing mark's length.
    pub(super) fn inner(&self, q: usize) -> TextRange {
        let r = self.article.quotations[q].range;
        let s = r.slice(self.text);
        let open = s.chars().next().map_or(0, char::len_utf8);
        let close = s.chars().next_back().map_or(0, char::len_utf8);
        TextRange::new(r.start() + open, (r.end() - close).max(r.start() + open))
    }

    /// The last character inside the quotation, before its closing mark.
    /// Closing marks of a quotation inside it are skipped: `“… ‘No way,’”`
    /// ends with a comma.
    pub fn inner_end(&self, q: usize) -> Option<char> {
        self.inner(q)
            .slice(self.text)
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '"' | '”'))
            .chars()
            .next_back()
    }

    /// Words inside the quotation, up to 12 (the rest is not counted).
    pub(super) fn inner_words(&self, q: usize) -> Vec<&str> {
        let inner = self.inner(q);
        let mut end = inner.end().min(inner.start() + 160);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        self.text[inner.start()..end]
            .split_whitespace()
            .take(13)
            .collect()
    }

    fn starts_sentence(&self, i: usize) -> bool {
        match self.toks.get(i).map(|t| t.kind) {
            None => true,
            Some(Kind::Word) => is_capitalized(self.toks[i].range.slice(self.text)),
            Some(Kind::Quote(_)) => true,
            Some(Kind::Mention(m)) => {
                is_capitalized(self.article.mentions[m].text.slice(self.text))
            }
            _ => false,
        }
    }

    /// Whether a sentence ends with token `i`.
    pub fn is_boundary(&self, i: usize) -> bool {
        match self.toks[i].kind {
            Kind::Stop => true,
            Kind::Quote(q) => {
                matches!(self.inner_end(q), Some('.' | '?' | '!')) && self.starts_sentence(i + 1)
            }
            _ => false,
        }
    }

    pub fn sentence_start(&self, k: usize) -> usize {
        let mut j = k;
        while j > 0 && !self.is_boundary(j - 1) {
            j -= 1;
        }
        j
    }

    /// The index after the sentence holding `k`.
    pub fn sentence_end(&self, k: usize) -> usize {
        let mut j = k;
        while j < self.toks.len() && !self.is_boundary(j) {
            j += 1;
        }
        (j + 1).min(self.toks.len())
    }

    /// The cue at `i`, with the range of its words (particle included), if
    /// the word is a reporting verb standing where a verb can stand.
    pub(super) fn cue_at(&self, i: usize) -> Option<(Cue, TextRange)> {
        let word = self.word(i)?;
        let cue = match cues::lookup(word) {
            Some(cue) => cue,
            // "Bemoaning the …, Reed said": a participle opening the
            // sentence.
            None if word.ends_with("ing") && self.fronted(i) => {
                cues::lookup(&lower(word)).filter(|c| c.participle)?
            }
            None => return None,
        };
        let mut range = self.toks[i].range;
        if let Some(particle) = cue.particle {
            if self.word(i + 1) != Some(particle) {
                return None;
            }
            range.set_end(self.toks[i + 1].range.end());
        }
        // Not a noun: "a post", "his notes", "in a statement".
        let mut p = i;
        while p > 0 && self.word(p - 1).is_some_and(cues::is_filler) {
            p -= 1;
        }
        // Not a negation ("have not said", "has not yet said", "did not
        // immediately say": up to two adverbs may stand between) nor a
        // passive ("the hospital had been warned" names the addressee).
        let mut n = p;
        while n + 2 > p
            && n > 0
            && self
                .word(n - 1)
                .is_some_and(|w| w == "yet" || w.ends_with("ly"))
        {
            n -= 1;
        }
        if (n.saturating_sub(1)..i).any(|f| {
            self.word(f).is_some_and(|w| {
                matches!(w, "not" | "never") || w.ends_with("n't") || w.ends_with("n’t")
            })
        }) {
            return None;
        }
        let passive = (p..i).any(|f| {
            let w = self.word(f).unwrap_or("");
            matches!(w, "been" | "being")
                || (f + 1 == i
                    && matches!(w, "was" | "were" | "is" | "are" | "be")
                    && !cue.participle)
        });
        if passive {
            return None;
        }
        // A bare form may be a noun ("his home state", "a news report"):
        // a verb after a plural, a pronoun, a name or an auxiliary.
        let bare = self.word(i) == Some(cue.base) && !BARE_VERBS.contains(cue.base);
        let verb_position = match p.checked_sub(1).map(|j| (j, self.toks[j].kind)) {
            None => true,
            Some((j, Kind::Word)) => {
                let w = self.toks[j].range.slice(self.text);
                let lower = lower(w);
                // A bare verb of stance is a noun after a name ("the
                // Benghazi attack"): only a pronoun or an auxiliary makes it
                // a verb.
                let naming = cue.strength == Strength::Naming;
                let subject_like = (is_capitalized(w) && !naming)
                    || matches!(
                        lower.as_str(),
                        "i" | "we"
                            | "you"
                            | "they"
                            | "to"
                            | "will"
                            | "would"
                            | "could"
                            | "can"
                            | "may"
                            | "might"
                            | "must"
                            | "should"
                            | "shall"
                            | "do"
                            | "did"
                            | "does"
                            | "who"
                            | "that"
                            | "which"
                    )
                    || (lower.ends_with('s') && !lower.ends_with("ss") && !naming);
                // "by saying", "after telling": a gerund is a verb.
                let gerund = cue.participle
                    && matches!(
                        lower.as_str(),
                        "by" | "after" | "before" | "of" | "while" | "to" | "about" | "despite"
                    );
                !DETERMINERS.contains(lower.as_str())
                    && !NOUN_MARKERS.contains(&lower.as_str())
                    && (!PREPOSITIONS.contains(&lower.as_str()) || gerund)
                    && !strip_possessive(w).1
                    && (!bare || subject_like)
            }
            Some((_, Kind::Stop)) => false,
            Some(_) => true,
        };
        verb_position.then_some((cue, range))
    }

    /// The cue whose words are `range`, if any.
    pub fn cue_at_range(&self, range: TextRange) -> Option<Cue> {
        let i = self
            .toks
            .iter()
            .position(|t| t.range.start() == range.start())?;
        self.cue_at(i).map(|(cue, _)| cue)
    }

    /// Whether token `i` opens its sentence, or follows a preposition that
    /// does ("After saying …,").
    pub(super) fn fronted(&self, i: usize) -> bool {
        let s = self.sentence_start(i);
        i == s
            || (i == s + 1
                && self.word(s).is_some_and(|w| {
                    matches!(
                        w,
                        "After" | "Before" | "By" | "Despite" | "While" | "Since" | "In"
                    )
                }))
    }

    /// The phrase right after an inverted cue: `said X, the envoy`.
    pub(super) fn object_speaker(&self, from: usize) -> Option<Phrase> {
        let end = (from..self.toks.len())
            .find(|&j| {
                !matches!(
                    self.toks[j].kind,
                    Kind::Word | Kind::Mention(_) | Kind::Punct('.')
                )
            })
            .unwrap_or(self.toks.len());
        let phrase = phrase::parse(self.text, self.article, &self.toks[from..end])?;
        (!matches!(phrase.np, Np::Pronoun(_)) || end == from + 1).then_some(phrase)
    }

    pub(super) fn according(&self, i: usize) -> Option<Found> {
        if !self.word(i)?.eq_ignore_ascii_case("according") || self.word(i + 1)? != "to" {
            return None;
        }
        let end = (i + 2..self.toks.len())
            .find(|&j| {
                !matches!(
                    self.toks[j].kind,
                    Kind::Word | Kind::Mention(_) | Kind::Punct('.')
                )
            })
            .unwrap_or(self.toks.len());
        let phrase = phrase::parse(self.text, self.article, &self.toks[i + 2..end])?;
        Some(Found::new(
            phrase,
            self.toks[i].range.cover(self.toks[i + 1].range),
            Pattern::After,
        ))
    }

    /// Whether the quotation looks like a title of a work: after "the book",
    /// "her memoir titled", or title-cased.
    pub fn looks_like_title(&self, k: usize) -> bool {
        let Kind::Quote(q) = self.toks[k].kind else {
            return false;
        };
        let lower = |j: usize| self.word(j).map(lower);
        let mut j = k;
        while j > 0 && self.is(j - 1, Kind::Punct(',')) {
            j -= 1;
        }
        if j > 0 && lower(j - 1).is_some_and(|w| TITLED.contains(&w.as_str())) {
            return true;
        }
        // "the book “…”", "her new memoir, “…”": a work noun after a determiner.
        for w in j.saturating_sub(3)..j {
            let is_work = lower(w).is_some_and(|x| WORKS.contains(&x.as_str()));
            let determined = (w.saturating_sub(3)..w).any(|d| {
                lower(d).is_some_and(|x| {
                    NOUN_MARKERS.contains(&x.as_str()) || x == "new" || x.ends_with("’s")
                })
            });
            let adjacent = (w + 1..j).all(|m| {
                lower(m).is_some_and(|x| matches!(x.as_str(), "titled" | "called" | "named"))
            });
            if is_work && determined && adjacent {
                return true;
            }
        }
        let words = self.inner_words(q);
        if words.is_empty() || words.len() > 10 {
            return false;
        }
        // A programme or a work after a possessive or a preposition:
        // "on NBC’s “Meet the Press.”", "told ABC’s “Today”".
        let placed = j > 0
            && self.word(j - 1).is_some_and(|w| {
                strip_possessive(w).1 && is_capitalized(w)
                    || matches!(w, "on" | "in" | "with" | "to" | "from")
            });
        let sentence = matches!(self.inner_end(q), Some('.' | '?' | '!'));
        if (words.len() < 2 && !placed) || (sentence && (!placed || words.len() > 6)) {
            return false;
        }
        let letters = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count();
        let capitalized = words.iter().filter(|w| is_capitalized(w)).count();
        capitalized >= 2.min(words.len())
            && words
                .iter()
                .filter(|w| letters(w) >= 4)
                .all(|w| is_capitalized(w.trim_start_matches(|c: char| !c.is_alphanumeric())))
    }

    /// Whether words before the quotation make it a term or a scare quote:
    /// "so-called", "the slogan", "a plan dubbed" (but "what he called" is
    /// a speaker's words).
    pub fn looks_like_term(&self, k: usize) -> bool {
        let lower = |j: usize| self.word(j).map(lower);
        let Some(w1) = k.checked_sub(1).and_then(lower) else {
            return false;
        };
        if TERM_MARKERS.contains(&w1.as_str()) {
            return true;
        }
        // A nickname inside a name: Jesús “Chuy” García.
        let capitalized = |j: usize| {
            self.toks
                .get(j)
                .and_then(|t| phrase::word(self.text, t))
                .is_some_and(is_capitalized)
        };
        if let Kind::Quote(q) = self.toks[k].kind
            && self.inner_words(q).len() <= 3
            && self.inner_end(q).is_some_and(char::is_alphanumeric)
            && capitalized(k - 1)
            && capitalized(k + 1)
        {
            return true;
        }
        if !NAMING.contains(&w1.as_str()) {
            return false;
        }
        // "known as", "referred to as": look one word further.
        let (verb, before) = if w1 == "as" {
            (k.checked_sub(2).and_then(lower), k.checked_sub(3))
        } else {
            (Some(w1), k.checked_sub(2))
        };
        if verb.is_none_or(|v| !NAMING.contains(&v.as_str()) || v == "as") {
            return false;
        }
        match before.map(|b| (b, self.toks[b].kind)) {
            // "what Reed, a veteran, called “…”": the cue decides.
            Some((_, Kind::Mention(_) | Kind::Punct(','))) => false,
            Some((b, Kind::Word)) => {
                let w = self.toks[b].range.slice(self.text);
                !(PRONOUNS.contains(&super::words::lower(w).as_str()) || is_capitalized(w))
            }
            _ => true,
        }
    }

    /// Whether a conjunction follows the quotation (after its comma).
    pub fn conjunction_after(&self, k: usize) -> bool {
        let mut n = k + 1;
        if self.is(n, Kind::Punct(',')) {
            n += 1;
        }
        self.word(n)
            .is_some_and(|w| matches!(w, "and" | "but" | "or" | "nor" | "while" | "which"))
    }

    /// `labeled “…” by Reed`: the agent of a passive naming verb.
    pub fn passive_agent(&self, k: usize) -> Option<Found> {
        let mut n = k + 1;
        if self.is(n, Kind::Punct(',')) {
            n += 1;
        }
        if self.word(n) != Some("by") {
            return None;
        }
        let phrase = self.object_speaker(n + 1)?;
        let speaks = match &phrase.np {
            Np::Name { .. } | Np::Mention(_) | Np::Title(_) => true,
            Np::Description(d) => d.kind != anonymous::Head::Document,
            Np::Pronoun(_) => false,
        };
        speaks.then(|| Found::new(phrase, self.toks[n].range, Pattern::After))
    }

    /// A short phrase used as a noun ("a “fig leaf”"): no sentence inside
    /// (a comma may close it, American style).
    pub fn is_noun_like(&self, k: usize) -> bool {
        let Kind::Quote(q) = self.toks[k].kind else {
            return false;
        };
        let short = self.inner_words(q).len() <= 4;
        let unpunctuated = !matches!(self.inner_end(q), Some('.' | '?' | '!'));
        let after_noun_marker = k > 0
            && self
                .word(k - 1)
                .is_some_and(|w| NOUN_MARKERS.contains(&lower(w).as_str()));
        short && unpunctuated && after_noun_marker
    }

    /// `“…,” X said` / `“…,” said X` / `“…,” according to X` / `“…” — X`.
    pub fn after(&self, k: usize) -> Option<Found> {
        let Kind::Quote(q) = self.toks[k].kind else {
            return None;
        };
        let mut i = k + 1;
        let comma = self.is(i, Kind::Punct(','));
        if comma {
            i += 1;
        }
        if self.is(i, Kind::Dash) {
            return self.after_dash(i);
        }
        let continues = comma
            || matches!(
                self.inner_end(q),
                Some(',' | '?' | '!' | '—' | '–' | '-' | '…')
            )
            || (self.inner_end(q) == Some('.') && !self.starts_sentence(i))
            // `“…” said Reed`, the comma left out after a whole sentence.
            || (self.inner_words(q).len() >= 5
                && self
                    .word(i)
                    .and_then(cues::lookup)
                    .is_some_and(|c| c.strength == Strength::Strong));
        if !continues {
            return None;
        }
        self.attribution_at(i)
    }

    /// The attribution that starts at token `i`, after a quotation or a
    /// comma: `according to X`, `said X`, `X said`.
    fn attribution_at(&self, i: usize) -> Option<Found> {
        // `“…,” and Reed said …`: a clause of its own.
        if self
            .word(i)
            .is_some_and(|w| matches!(w, "and" | "but" | "while" | "when"))
        {
            return None;
        }
        if let Some(found) = self.according(i) {
            return Some(found);
        }
        // Inverted: `said X` (not `thanked X`: a naming cue's object is no
        // speaker).
        if let Some(cue) = self
            .word(i)
            .and_then(cues::lookup)
            .filter(|c| c.strength != Strength::Naming && !c.participle && c.base != "tell")
        {
            let mut range = self.toks[i].range;
            let mut next = i + 1;
            if let Some(particle) = cue.particle {
                if self.word(next) != Some(particle) {
                    return None;
                }
                range.set_end(self.toks[next].range.end());
                next += 1;
            }
            return Some(
                match self
                    .object_speaker(next)
                    .filter(|p| fits_cue(&cue, Some(p)))
                {
                    Some(phrase) => Found::new(phrase, range, Pattern::After),
                    None => Found {
                        phrase: None,
                        words: self.toks.get(next).map_or(range, |t| t.range),
                        also: Vec::new(),
                        cue: range,
                        pattern: Pattern::After,
                    },
                },
            );
        }
        // `“…!” beamed Ann Reed`: after a quotation, a verb in -ed before
        // a name is an inverted cue whatever the verb.
        if let Some(w) = self.word(i)
            && w.ends_with("ed")
            && w.starts_with(|c: char| c.is_lowercase())
            && cues::lookup(w).is_none()
            && i > 0
            && self.after_quotation(i)
            && let Some(phrase) = self.object_speaker(i + 1)
            && matches!(phrase.np, Np::Name { org: false, .. } | Np::Mention(_))
        {
            return Some(Found::new(phrase, self.toks[i].range, Pattern::After));
        }
        // `X said`, with appositives allowed between.
        let limit = (i + 20).min(self.toks.len());
        for c in i..limit {
            match self.toks[c].kind {
                Kind::Stop | Kind::Quote(_) | Kind::Punct(';' | ':') => return None,
                _ => {}
            }
            if let Some((cue, range)) = self.cue_at(c) {
                if cue.strength == Strength::Naming {
                    return None;
                }
                let subject = self.subject(i, c, true);
                if !fits_cue(&cue, subject.phrase.as_ref()) {
                    return None;
                }
                return Some(Found {
                    phrase: subject.phrase,
                    words: subject.words,
                    also: subject.also,
                    cue: range,
                    pattern: Pattern::After,
                });
            }
        }
        None
    }

    /// `“…” would be a mistake, Reed said.`: the attribution that ends the
    /// quotation's sentence, after a comma, with nothing after its cue and
    /// speaker but adverbials ("on Monday", "in an interview", ", adding …").
    pub fn ending(&self, k: usize) -> Option<Found> {
        let end = self.sentence_end(k).min(k + 60);
        for m in k + 1..end {
            let at_comma = self.is(m, Kind::Punct(','))
                || matches!(self.toks[m].kind, Kind::Quote(q) if self.inner_end(q) == Some(','));
            if !at_comma {
                continue;
            }
            let Some(found) = self.attribution_at(m + 1) else {
                continue;
            };
            if found.phrase.is_none() {
                continue;
            }
            let last = found.cue.end().max(found.words.end());
            let rest = self
                .toks
                .iter()
                .position(|t| t.range.start() >= last)
                .unwrap_or(self.toks.len());
            if self.ends_clause(rest, end) {
                return Some(Found {
                    pattern: Pattern::After,
                    ..found
                });
            }
        }
        None
    }

    /// Whether nothing but adverbials follow token `rest` up to `end`: the
    /// sentence's end, a comma, "on Monday", "in an interview", "to
    /// reporters", "last week".
    fn ends_clause(&self, rest: usize, end: usize) -> bool {
        if rest >= end {
            return true;
        }
        match self.toks[rest].kind {
            Kind::Stop | Kind::Punct(',' | ';' | '(') | Kind::Dash => true,
            Kind::Word => {
                let w = self.toks[rest].range.slice(self.text);
                PREPOSITIONS.contains(&w)
                    || phrase::is_day_or_month(w)
                    || matches!(
                        w,
                        "last"
                            | "this"
                            | "earlier"
                            | "later"
                            | "yesterday"
                            | "today"
                            | "tonight"
                            | "recently"
                            | "afterward"
                            | "afterwards"
                            | "then"
                            | "reporters"
                    )
            }
            _ => false,
        }
    }

    /// Whether token `i` follows a quotation of three words or more that
    /// ends like speech (`“… soon!” beamed`, `“…,” beamed`).
    fn after_quotation(&self, i: usize) -> bool {
        let q = match self.toks[i - 1].kind {
            Kind::Quote(q) => q,
            Kind::Punct(',') if i > 1 => match self.toks[i - 2].kind {
                Kind::Quote(q) => q,
                _ => return false,
            },
            _ => return false,
        };
        self.inner_words(q).len() >= 3 && matches!(self.inner_end(q), Some(',' | '!' | '?' | '.'))
    }

    /// `— X`: a name after a dash at `d`, with no verb.
    pub fn after_dash(&self, d: usize) -> Option<Found> {
        let phrase = self.object_speaker(d + 1)?;
        // A name, or a description that stands alone ("— a resident"),
        // not the start of a clause ("— an issue voters care about").
        let alone = self
            .toks
            .iter()
            .find(|t| t.range.start() >= phrase.range.end())
            .and_then(|t| phrase::word(self.text, t))
            .is_none_or(|w| PREPOSITIONS.contains(&w) || w == "who");
        match phrase.np {
            Np::Pronoun(_) => return None,
            Np::Description(_) | Np::Title(_) if !alone => return None,
            _ => {}
        }
        Some(Found::new(phrase, self.toks[d].range, Pattern::Dash))
    }

    /// The cue of the sentence after the quotation (`“…” Lopez said the
    /// talks had stalled.`), unless it introduces a quotation of its own.
    pub fn next_sentence(&self, k: usize) -> Option<Found> {
        if !self.is_boundary(k) {
            return None;
        }
        let n = k + 1;
        let end = self.sentence_end(n);
        let limit = end.min(n + 12);
        for c in n..limit {
            if matches!(self.toks[c].kind, Kind::Quote(_)) {
                return None;
            }
            if self.cue_at(c).is_some() {
                let found = self.clause(n, c)?;
                let introduces = (c + 1..end).any(|j| {
                    matches!(self.toks[j].kind, Kind::Quote(_)) || self.is(j, Kind::Punct(':'))
                });
                if introduces {
                    return None;
                }
                return Some(Found {
                    pattern: Pattern::NextSentence,
                    ..found
                });
            }
        }
        None
    }

    /// The speech act at token `j`, if any: a quotation, or the clause
    /// `X said …` / `according to X` of a cue there.
    pub fn act_at(&self, j: usize) -> Option<Act> {
        if let Kind::Quote(q) = self.toks[j].kind {
            return Some(Act::Quote(q));
        }
        if let Some(found) = self.according(j) {
            return Some(Act::Clause(found));
        }
        // A verb of stance is no speech act a later quotation continues.
        let (cue, _) = self.cue_at(j)?;
        if cue.strength == Strength::Naming {
            return None;
        }
        let s = self.sentence_start(j);
        self.clause(s, j)
            .map(|found| Act::Clause(self.outermost(s, found, NESTING)))
    }
}

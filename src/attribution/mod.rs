//! Who said an unattributed quotation, read from the prose around it the way
//! newsrooms write attribution. Pure and model-free: a lexicon of reporting
//! verbs, a few patterns, and resolution of names, pronouns, titles and
//! descriptions through the article's mentions, its local actors and the
//! registries.
//!
//! Every look-around is bounded (the quotation's paragraph, at most a few
//! hundred bytes either side, and the paragraph before), and the article-wide
//! tables (names, the cast of people) are built once per [`Suggester`], so
//! suggesting for every quotation of an article is linear in its size.
//!
//! No suggestion is better than a wrong one: a short phrase used as a noun,
//! a title-cased phrase or a term after "so-called" gets none.

mod anonymous;
mod cast;
mod clause;
mod cues;
mod names;
mod patterns;
mod phrase;
mod profile;
mod subject;
mod tokens;
mod words;

#[cfg(test)]
mod tests;

use crate::model::{Article, Speaker as SpeakerRef};
use crate::syntax::QuoteKind;
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
pub use anonymous::{described_as, head_noun};
use cast::{Cast, Ctx, Entity, EntityKind};
use foldhash::{HashMap, HashMapExt};
pub use names::Names;
pub use patterns::Pattern;
use patterns::{Act, Found, View};
use phrase::{Np, Phrase, strip_possessive};
pub use profile::{Mark, Profile, Role};
use std::cell::{OnceCell, RefCell};
use std::path::Path;
use std::rc::Rc;
use tokens::{Index, Kind, Token};
use words::lower;

/// Bytes read before a quotation, and after it.
const BEFORE: usize = 400;
const AFTER: usize = 300;
/// A paragraph up to this long is read whole, once for all its quotations.
const SHORT_PARAGRAPH: usize = 2048;
/// How many quotations a continuation may follow back without the memo.
const MAX_DEPTH: usize = 8;

/// A likely speaker for a quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The actor id, when the speaker is a known actor (local or registry).
    pub speaker: Option<String>,
    /// The actor's name, else the fullest name the article gives the
    /// speaker (or the description of an unnamed one).
    pub name: String,
    /// The words naming the speaker at the attribution: "he", "Lopez".
    pub text: TextRange,
    /// The cue: "said", "according to", "—".
    pub cue: TextRange,
    /// A description of an unnamed person ("a senior official").
    pub anonymous: bool,
    pub pattern: Pattern,
    /// Why an anonymous source is unnamed, when the sentence says so.
    pub anonymity_reason: Option<String>,
}

/// Not speech, by the look of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonSpeech {
    /// A short phrase used as a noun, or after "so-called", "dubbed".
    Scare,
    /// A title-cased phrase, or one after "book", "film", "titled".
    Title,
}

/// What the prose says about a quotation's speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Speaker(Suggestion),
    /// The prose attributes the quotation, but its words name nobody the
    /// tool can identify ("he" with no man named before it).
    Unresolved {
        text: TextRange,
        cue: TextRange,
    },
    /// No speaker: it looks like a scare quote, a term or a title.
    NotSpeech(NonSpeech),
    /// No recognisable attribution in the prose.
    Nothing,
}

impl Outcome {
    pub fn suggestion(&self) -> Option<&Suggestion> {
        match self {
            Outcome::Speaker(s) => Some(s),
            _ => None,
        }
    }
}

/// The suggestion for one quotation (index into the article's quotations).
/// To ask about many, make one [`Suggester`] and ask it in document order.
pub fn suggest(ws: &Workspace, path: &Path, quotation: usize) -> Outcome {
    match Suggester::new(ws, path) {
        Some(s) => s.outcome(quotation),
        None => Outcome::Nothing,
    }
}

/// A resolved speaker.
struct Speaker {
    id: Option<String>,
    name: String,
    anonymous: bool,
}

/// What a quotation before this one says about its speaker.
enum Earlier {
    Speaks(Suggestion),
    /// Not speech: look further back.
    Silent,
    Unknown,
}

/// Suggestions for the quotations of one article, sharing its tables.
pub struct Suggester<'a> {
    ws: &'a Workspace,
    file: &'a File,
    article: &'a Article,
    text: &'a str,
    index: Index,
    names: OnceCell<Names>,
    cast: OnceCell<Cast>,
    memo: RefCell<HashMap<usize, Outcome>>,
    /// The tokens of the short paragraphs read so far, by prose group: the
    /// cast reads every paragraph, the patterns those with quotations.
    paragraphs: RefCell<Vec<Option<Rc<Vec<Token>>>>>,
}

impl<'a> Suggester<'a> {
    /// `None` when `path` is not an article of the workspace.
    pub fn new(ws: &'a Workspace, path: &Path) -> Option<Suggester<'a>> {
        Suggester::of(ws, ws.file(path)?)
    }

    /// For an article that need not be part of the workspace; `None` for a
    /// file that is no article.
    pub fn of(ws: &'a Workspace, file: &'a File) -> Option<Suggester<'a>> {
        let article = file.article()?;
        Some(Suggester {
            ws,
            file,
            article,
            text: &file.text,
            index: Index::new(article),
            names: OnceCell::new(),
            cast: OnceCell::new(),
            memo: RefCell::new(HashMap::new()),
            paragraphs: RefCell::new(vec![None; article.prose.len()]),
        })
    }

    pub fn article(&self) -> &'a Article {
        self.article
    }

    /// The outcome for every top-level quotation, in document order.
    pub fn all(&self) -> Vec<(usize, Outcome)> {
        let mut order: Vec<usize> = (0..self.article.quotations.len())
            .filter(|&q| self.article.quotations[q].is_top_level())
            .collect();
        order.sort_by_key(|&q| self.article.quotations[q].range.start());
        order.into_iter().map(|q| (q, self.outcome(q))).collect()
    }

    /// The outcome for one quotation.
    pub fn outcome(&self, q: usize) -> Outcome {
        self.outcome_at(q, 0)
    }

    fn outcome_at(&self, q: usize, depth: usize) -> Outcome {
        if let Some(o) = self.memo.borrow().get(&q) {
            return o.clone();
        }
        let Some(quotation) = self.article.quotations.get(q) else {
            return Outcome::Nothing;
        };
        let o = match quotation.kind {
            QuoteKind::Double if quotation.parent().is_none() => self.double(q, depth),
            QuoteKind::Block => self.block(q, depth),
            _ => Outcome::Nothing,
        };
        if depth == 0 {
            self.memo.borrow_mut().insert(q, o.clone());
        }
        o
    }

    fn names(&self) -> &Names {
        self.names
            .get_or_init(|| Names::new(self.ws, self.article, self.text))
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            ws: self.ws,
            file: self.file,
            article: self.article,
            text: self.text,
            names: self.names(),
        }
    }

    fn cast(&self) -> &Cast {
        self.cast
            .get_or_init(|| Cast::build(&self.ctx(), &|g| self.group_tokens(g)))
    }

    fn tokenize(&self, range: TextRange) -> Vec<Token> {
        tokens::tokenize(self.text, self.article, &self.index, range)
    }

    /// The tokens of a prose group; a short paragraph's are read once for
    /// the cast and all its quotations.
    fn group_tokens(&self, g: usize) -> Rc<Vec<Token>> {
        let group = self.article.prose[g];
        if group.len() > SHORT_PARAGRAPH {
            return Rc::new(self.tokenize(group));
        }
        if let Some(toks) = &self.paragraphs.borrow()[g] {
            return toks.clone();
        }
        let toks = Rc::new(self.tokenize(group));
        self.paragraphs.borrow_mut()[g] = Some(toks.clone());
        toks
    }

    /// The prose group (paragraph, heading, cell) holding `offset`.
    fn group_of(&self, offset: usize) -> Option<usize> {
        let prose = &self.article.prose;
        let i = prose
            .partition_point(|g| g.start() <= offset)
            .checked_sub(1)?;
        (prose[i].end() >= offset).then_some(i)
    }

    fn view<'t>(&'t self, toks: &'t [Token]) -> View<'t> {
        View {
            text: self.text,
            article: self.article,
            toks,
        }
    }

    fn double(&self, q: usize, depth: usize) -> Outcome {
        let range = self.article.quotations[q].range;
        let Some(g0) = self.group_of(range.start()) else {
            return Outcome::Nothing;
        };
        let g1 = self.group_of(range.end().saturating_sub(1)).unwrap_or(g0);
        let prose = &self.article.prose;
        let toks = if g0 == g1 && prose[g0].len() <= SHORT_PARAGRAPH {
            self.group_tokens(g0)
        } else {
            let start = prose[g0].start().max(range.start().saturating_sub(BEFORE));
            let end = prose[g1].end().min(range.end() + AFTER).max(range.end());
            Rc::new(self.tokenize(TextRange::new(start, end)))
        };
        let Some(k) = toks.iter().position(|t| t.kind == Kind::Quote(q)) else {
            return Outcome::Nothing;
        };
        let v = self.view(&toks);
        if v.looks_like_title(k) {
            return Outcome::NotSpeech(NonSpeech::Title);
        }
        if v.looks_like_term(k) {
            // "has been called “…” by Reed": Reed's term.
            return match v.passive_agent(k) {
                Some(f) => self.found(&f),
                None => Outcome::NotSpeech(NonSpeech::Scare),
            };
        }
        let next = toks.get(k + 1).map(|t| t.kind);
        if v.is_noun_like(k) {
            // "its “red line,” and …" is a label; "said it had his “full
            // confidence”" and "said he was a “strong voice” for" are
            // reported speech: partial quotes.
            let comma = v.inner_end(q) == Some(',') || next == Some(Kind::Punct(','));
            // `a “raw time,” he said`: its own attribution first.
            if comma && let Some(f) = v.after(k).filter(|f| f.phrase.is_some()) {
                return self.found(&f);
            }
            // A comma and a conjunction close a label (`its “red line,” and
            // …`); a comma and a participle do not (`called it a “mess,”
            // adding …`).
            let label = comma && v.conjunction_after(k);
            let found = if comma {
                v.before(k, true)
            } else {
                v.before(k, true).or_else(|| v.ending(k))
            };
            // "described the incident as a “terrible situation,” but …": a
            // naming verb with a speaker in particular makes it theirs.
            let named = |f: &Found| {
                v.cue_at_range(f.cue)
                    .is_some_and(|c| c.strength == cues::Strength::Naming)
                    && f.phrase.as_ref().is_some_and(|p| {
                        matches!(p.np, Np::Name { .. } | Np::Mention(_) | Np::Pronoun(_))
                    })
            };
            if let Some(f) = found
                && (!label || named(&f))
            {
                return self.found(&f);
            }
            return Outcome::NotSpeech(NonSpeech::Scare);
        }
        // A cue after the quotation with no readable speaker yields to one
        // before it; failing that, it still stops the guessing.
        let after = v.after(k);
        let found = match after {
            Some(f) if f.phrase.is_some() => Some(f),
            after => v
                .before(k, false)
                .or_else(|| v.ending(k))
                .or_else(|| v.colon(k))
                .or(after),
        };
        if let Some(f) = found {
            if let Some(Np::Description(d)) = f.phrase.as_ref().map(|p| &p.np)
                && d.kind == anonymous::Head::Document
            {
                // "the statement said": whoever issued it, said just before;
                // else the document itself.
                let s = v.sentence_start(k);
                let from = if s > 0 { v.sentence_start(s - 1) } else { 0 };
                return match self.act(&v, from, k, f.pattern, depth) {
                    Some(Outcome::Speaker(sug)) => Outcome::Speaker(Suggestion {
                        text: f.words,
                        cue: f.cue,
                        ..sug
                    }),
                    _ => self.found(&f),
                };
            }
            return self.found(&f);
        }
        // `“…,” one sign read`: the sentence attributes it, in words the
        // tool does not read; the speaker before is not the answer.
        if v.inner_end(q) == Some(',') || next == Some(Kind::Punct(',')) {
            return Outcome::Nothing;
        }
        // Only a quotation that closes its sentence continues a speaker:
        // `“Half” done.` is a fragment inside a sentence of its own, and
        // `“Related:”` a label.
        let closes = next.is_none() || next == Some(Kind::Stop) || v.is_boundary(k);
        if !closes || v.inner_end(q) == Some(':') {
            return Outcome::Nothing;
        }
        let s = v.sentence_start(k);
        let opens_sentence = toks[s..k]
            .iter()
            .all(|t| matches!(t.kind, Kind::Punct('(')));
        if !opens_sentence {
            return Outcome::Nothing;
        }
        let lead = range.start() - prose[g0].start();
        let opens_paragraph = lead <= 64
            && !self.text[prose[g0].start()..range.start()]
                .chars()
                .any(char::is_alphanumeric);
        if !opens_paragraph {
            if s > 0 {
                let previous = v.sentence_start(s - 1);
                if let Some(o) = self.act(&v, previous, s, Pattern::Split, depth) {
                    return o;
                }
            }
            return match v.next_sentence(k) {
                Some(f) => self.found(&f),
                None => Outcome::Nothing,
            };
        }
        if let Some(f) = v.next_sentence(k) {
            return self.found(&f);
        }
        self.previous_paragraph(g0, depth)
            .unwrap_or(Outcome::Nothing)
    }

    /// A block quote: `> — X` as its last line, or `X wrote:` before it.
    fn block(&self, q: usize, depth: usize) -> Outcome {
        let range = self.article.quotations[q].range;
        let prose = &self.article.prose;
        let first = prose.partition_point(|g| g.start() < range.start());
        let last = prose.partition_point(|g| g.start() < range.end());
        if last > first {
            let inside = prose[last - 1];
            let from = inside.start().max(inside.end().saturating_sub(AFTER));
            let toks = self.tokenize(TextRange::new(from, inside.end()));
            let v = self.view(&toks);
            // A dash opening a line: `> — Maria Lopez, on X`.
            let line_start = |t: &Token| {
                let before = &self.text[..t.range.start()];
                let line = before
                    .rfind(['\n', '\r'])
                    .map_or(before, |i| &before[i + 1..]);
                line.chars().all(|c| c.is_whitespace() || c == '>')
            };
            if let Some(d) = toks
                .iter()
                .rposition(|t| t.kind == Kind::Dash && line_start(t))
                && let Some(f) = v.after_dash(d)
            {
                return self.found(&f);
            }
        }
        if first > 0 {
            let before = prose[first - 1];
            let toks = self.tail(before);
            if toks.last().is_some_and(|t| t.kind == Kind::Punct(':')) {
                let v = self.view(&toks);
                if let Some(o) = self.act(&v, 0, toks.len(), Pattern::Before, depth) {
                    return o;
                }
            }
        }
        Outcome::Nothing
    }

    /// The tokens of a group's last few hundred bytes.
    fn tail(&self, group: TextRange) -> Vec<Token> {
        let from = group.start().max(group.end().saturating_sub(BEFORE));
        self.tokenize(TextRange::new(from, group.end()))
    }

    /// A paragraph that opens with a quotation continues the last speaker of
    /// the paragraph before.
    fn previous_paragraph(&self, g0: usize, depth: usize) -> Option<Outcome> {
        let before = *self.article.prose.get(g0.checked_sub(1)?)?;
        let toks = self.tail(before);
        let v = self.view(&toks);
        if let Some(o) = self.act(&v, 0, toks.len(), Pattern::Continuation, depth) {
            return Some(o);
        }
        // "Reed issued the following statement:" introduces the paragraph.
        let f = v.colon(toks.len())?;
        Some(self.found(&Found {
            pattern: Pattern::Continuation,
            ..f
        }))
    }

    /// The outcome that the last speech act in `toks[from..to]` gives.
    fn act(
        &self,
        v: &View,
        from: usize,
        to: usize,
        pattern: Pattern,
        depth: usize,
    ) -> Option<Outcome> {
        for act in (from..to).rev().filter_map(|j| v.act_at(j)) {
            match act {
                Act::Clause(f) => return Some(self.found(&Found { pattern, ..f })),
                Act::Quote(q) => match self.earlier(q, depth) {
                    Earlier::Speaks(s) => {
                        return Some(Outcome::Speaker(Suggestion { pattern, ..s }));
                    }
                    Earlier::Silent => continue,
                    Earlier::Unknown => return None,
                },
            }
        }
        None
    }

    /// The speaker of an earlier quotation: its attribution, else its own
    /// suggestion.
    fn earlier(&self, q: usize, depth: usize) -> Earlier {
        let quotation = &self.article.quotations[q];
        let attribution = quotation
            .effective_attribution()
            .map(|a| &self.article.attributions[a]);
        if attribution.is_some_and(|a| a.is_non_speech()) {
            return Earlier::Silent;
        }
        let own = if depth < MAX_DEPTH {
            self.outcome_at(q, depth + 1)
        } else {
            Outcome::Nothing
        };
        let annotated = attribution.and_then(|a| Some((a, a.speaker_id()?)));
        match (annotated, own) {
            (Some((_, id)), Outcome::Speaker(s)) if s.speaker.as_deref() == Some(id) => {
                Earlier::Speaks(s)
            }
            (Some((a, id)), _) => {
                let sp = self.speaker_for_id(id);
                let at = match &a.speaker {
                    Some(SpeakerRef::Explicit(r)) => r.range,
                    Some(SpeakerRef::Previous { range, .. }) => *range,
                    None => a.range,
                };
                Earlier::Speaks(Suggestion {
                    speaker: sp.id,
                    name: sp.name,
                    text: at,
                    cue: a.range,
                    anonymous: sp.anonymous,
                    pattern: Pattern::Continuation,
                    anonymity_reason: None,
                })
            }
            (None, Outcome::Speaker(s)) => Earlier::Speaks(s),
            (None, Outcome::NotSpeech(_)) => Earlier::Silent,
            (None, _) => Earlier::Unknown,
        }
    }

    fn found(&self, f: &Found) -> Outcome {
        let unresolved = Outcome::Unresolved {
            text: f.words,
            cue: f.cue,
        };
        // The very words may be an actor's name or alias ("the weather service").
        let words = f.words.slice(self.text);
        if let Some(id) = self.names().lookup(words) {
            let sp = self.speaker_for_id(id);
            return Outcome::Speaker(Suggestion {
                speaker: sp.id,
                name: sp.name,
                text: f.words,
                cue: f.cue,
                anonymous: sp.anonymous,
                pattern: f.pattern,
                anonymity_reason: None,
            });
        }
        let Some(phrase) = &f.phrase else {
            return unresolved;
        };
        let Some(sp) = self.resolve(phrase, &f.also) else {
            return unresolved;
        };
        let anonymity_reason = if sp.anonymous {
            self.reason_near(phrase.range.start())
        } else {
            None
        };
        Outcome::Speaker(Suggestion {
            speaker: sp.id,
            name: sp.name,
            text: phrase.range,
            cue: f.cue,
            anonymous: sp.anonymous,
            pattern: f.pattern,
            anonymity_reason,
        })
    }

    /// Why an unnamed source is not named, read from the rest of the
    /// sentence that describes it at `at` ("A senior official, who spoke on
    /// condition of anonymity because the talks were private, said").
    pub fn reason_near(&self, at: usize) -> Option<String> {
        let mut end = (at + 300).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &self.text[at..end];
        let sentence = match rest.find(". ") {
            Some(i) => &rest[..i],
            None => rest,
        };
        anonymous::reason(sentence)
    }

    fn speaker_for_id(&self, id: &str) -> Speaker {
        match self.ws.resolve_in(self.file, id) {
            Some((_, actor)) => Speaker {
                id: Some(id.to_string()),
                name: actor.display_name().to_string(),
                anonymous: actor.anonymous,
            },
            None => Speaker {
                id: None,
                name: id.to_string(),
                anonymous: false,
            },
        }
    }

    fn speaker_for_entity(&self, e: &Entity) -> Speaker {
        match &e.id {
            Some(id) if self.ws.resolve_in(self.file, id).is_some() => self.speaker_for_id(id),
            _ => Speaker {
                id: None,
                name: e.name(self.text),
                anonymous: e.anonymous,
            },
        }
    }

    /// Who a speaker phrase names; `None` when it names nobody the tool can
    /// identify.
    fn resolve(&self, p: &Phrase, also: &[Phrase]) -> Option<Speaker> {
        let text = self.text;
        let names = self.names();
        match &p.np {
            Np::Mention(m) => {
                let mention = &self.article.mentions[*m];
                let mut sp = self.speaker_for_id(&mention.id.id);
                if sp.id.is_none() {
                    // No actor: the fullest name the article's links give the id.
                    let cast = self.cast();
                    sp.name = cast
                        .by_id(&mention.id.id)
                        .map(|e| cast.entities[e].name(text))
                        .filter(|n| !n.is_empty() && *n != mention.id.id)
                        .unwrap_or_else(|| tidy(mention.text.slice(text)));
                }
                Some(sp)
            }
            Np::Pronoun(pronoun) => {
                let cast = self.cast();
                let e = cast.antecedent(*pronoun, p.range.start())?;
                Some(self.speaker_for_entity(&cast.entities[e]))
            }
            Np::Name { name, org, .. } => {
                let (name_text, _) = strip_possessive(name.slice(text));
                if let Some(id) = names
                    .lookup(p.range.slice(text))
                    .or_else(|| names.lookup_suffix(name_text))
                {
                    return Some(self.speaker_for_id(id));
                }
                let cast = self.cast();
                let e = if *org {
                    cast.by_org(name_text)
                } else {
                    name_text
                        .split_whitespace()
                        .last()
                        .and_then(|last| cast.by_name(last))
                };
                Some(match e {
                    Some(e) => self.speaker_for_entity(&cast.entities[e]),
                    None => Speaker {
                        id: None,
                        name: tidy(name_text),
                        anonymous: false,
                    },
                })
            }
            Np::Title(words) => {
                let heads: Vec<&str> = words
                    .iter()
                    .map(String::as_str)
                    .filter(|w| w.len() > 2 && *w != "former")
                    .collect();
                let cast = self.cast();
                if let Some(e) =
                    cast.by_head(&heads, p.range.start(), |e| e.kind == EntityKind::Person)
                {
                    return Some(self.speaker_for_entity(&cast.entities[e]));
                }
                // "the governor": someone the article names in words the
                // tool does not tie to the title; the title names them.
                self.titled_actor(&heads).or_else(|| {
                    Some(Speaker {
                        id: None,
                        name: describe_name(p.range.slice(text)),
                        anonymous: false,
                    })
                })
            }
            Np::Description(d) => {
                let desc = d.range.slice(text);
                let ctx = self.ctx();
                match d.kind {
                    anonymous::Head::Person => {
                        // The description, or another part of an appositive
                        // ("the witness, a night security guard, said").
                        let described = std::iter::once(p)
                            .chain(also)
                            .filter_map(|q| match &q.np {
                                Np::Description(d) => Some((q, d)),
                                _ => None,
                            })
                            .find_map(|(q, d)| cast::described(&ctx, q.range.slice(text), &d.head));
                        if let Some(id) = described {
                            return Some(self.speaker_for_id(id));
                        }
                        let cast = self.cast();
                        if d.definite
                            && let Some(e) =
                                cast.by_head(&[d.head.as_str()], p.range.start(), |_| true)
                        {
                            return Some(self.speaker_for_entity(&cast.entities[e]));
                        }
                        // "the 43-year-old": the person just named.
                        if desc.to_lowercase().starts_with("the ")
                            && desc.contains("-year-old")
                            && let Some(e) = cast.nearest_person(p.range.start())
                        {
                            return Some(self.speaker_for_entity(&cast.entities[e]));
                        }
                        Some(Speaker {
                            id: None,
                            name: describe_name(desc),
                            anonymous: true,
                        })
                    }
                    anonymous::Head::Organization => {
                        if let Some(id) = names.lookup(desc) {
                            return Some(self.speaker_for_id(id));
                        }
                        let cast = self.cast();
                        if let Some(e) = cast.by_head(&[d.head.as_str()], p.range.start(), |e| {
                            e.kind == EntityKind::Organization
                        }) {
                            return Some(self.speaker_for_entity(&cast.entities[e]));
                        }
                        Some(Speaker {
                            id: None,
                            name: describe_name(desc),
                            anonymous: false,
                        })
                    }
                    // Whose document the prose does not say: the document.
                    anonymous::Head::Document => Some(Speaker {
                        id: None,
                        name: describe_name(desc),
                        anonymous: false,
                    }),
                }
            }
        }
    }

    /// The one actor the article refers to whose role has one of these
    /// title words ("the secretary" → the Secretary of State).
    fn titled_actor(&self, heads: &[&str]) -> Option<Speaker> {
        let names = self.names();
        let mut found: Option<&str> = None;
        for a in &self.article.mentions {
            let id = a.id.id.as_str();
            if found == Some(id) || !names.is_mentioned(id) {
                continue;
            }
            let Some((_, actor)) = self.ws.resolve_in(self.file, id) else {
                continue;
            };
            let titled = actor.roles.iter().any(|r| {
                r.title
                    .split_whitespace()
                    .any(|w| heads.contains(&lower(w).as_str()))
            });
            if titled {
                if found.is_some() {
                    return None;
                }
                found = Some(id);
            }
        }
        found.map(|id| self.speaker_for_id(id))
    }
}

/// Whitespace collapsed, trailing punctuation dropped.
pub fn tidy(s: &str) -> String {
    let mut out = crate::text::collapse_whitespace(s);
    let kept = out.trim_end_matches([',', '.', ';', ':']).trim_end().len();
    out.truncate(kept);
    out
}

/// A description as a name: tidied, its determiner lowercase ("An official"
/// at a sentence start is "an official").
fn describe_name(s: &str) -> String {
    let s = tidy(s);
    let first = s.split(' ').next().unwrap_or("");
    if phrase::DETERMINERS.contains(lower(first).as_str()) {
        format!("{}{}", first.to_lowercase(), &s[first.len()..])
    } else {
        s
    }
}

/// The words of a suggestion as the prose has them, for a message: "he
/// said", "said Lopez", "the ministry, in a statement, said". Link syntax is
/// left out; a long gap becomes "…".
pub fn quote_words(text: &str, s: &Suggestion) -> String {
    let (a, b) = if s.cue.start() >= s.text.end() {
        (s.text, s.cue)
    } else {
        (s.cue, s.text)
    };
    if b.start() < a.end() {
        return tidy(a.slice(text));
    }
    let gap = strip_links(TextRange::new(a.end(), b.start()).slice(text));
    let gap = if gap.split_whitespace().count() > 6 {
        " … ".to_string()
    } else if gap.trim().is_empty() {
        " ".to_string()
    } else {
        gap
    };
    tidy(&format!(
        "{}{gap}{}",
        strip_links(a.slice(text)),
        strip_links(b.slice(text))
    ))
}

/// Text without the `](@id)` and brackets of mention links.
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("](") {
        out.push_str(&rest[..i]);
        rest = match rest[i..].find(')') {
            Some(j) => &rest[i + j + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out.replace(['[', ']'], "")
}

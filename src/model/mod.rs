//! The meaning of an article: its metadata, local actors, mentions, quotations
//! and attributions, lowered from the syntax. Knows nothing of other files.

pub mod front_matter;

pub use crate::registry::IdRef;
use crate::registry::{Actor, OrgRef, Problem};
use crate::syntax::{self, AttrItem, AttrTarget, QuoteKind, SyntaxError};
use crate::text::TextRange;
pub use front_matter::Meta;
use smol_str::SmolStr;
use std::cell::RefCell;

/// Classes that say a quotation is not speech.
pub const NON_SPEECH: [&str; 3] = ["scare", "title", "term"];
/// All classes.
pub const CLASSES: [&str; 6] = ["direct", "partial", "indirect", "scare", "title", "term"];
/// All keys of an attribute block.
pub const KEYS: [&str; 4] = ["to", "via", "url", "date"];
/// Values of `via=`.
pub const VIA: [&str; 6] = [
    "statement",
    "interview",
    "post",
    "document",
    "broadcast",
    "letter",
];

/// Where an id reference stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Mention,
    Speaker,
    Addressee,
    Org,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The whole link.
    pub range: TextRange,
    /// The link text.
    pub text: TextRange,
    pub id: IdRef,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// `@id`
    Explicit(IdRef),
    /// `@` alone: the previous speaker, when there is one.
    Previous {
        range: TextRange,
        resolved: Option<SmolStr>,
    },
}

impl Speaker {
    pub fn id(&self) -> Option<&str> {
        match self {
            Speaker::Explicit(r) => Some(&r.id),
            Speaker::Previous { resolved, .. } => resolved.as_deref(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The attribute block, braces included.
    pub range: TextRange,
    pub target: AttrTarget,
    pub speaker: Option<Speaker>,
    /// Class names with their ranges (the name, without the dot).
    pub classes: Box<[(SmolStr, TextRange)]>,
    /// The rarer items, kept apart so that every attribution stays small
    /// (an article has one per quotation, a workspace hundreds of thousands).
    more: Option<Box<More>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct More {
    /// Speaker items after the first (an error: only the first counts).
    extra_speakers: Vec<TextRange>,
    /// `key=value` items: key, key range, value text, value range.
    pairs: Vec<Pair>,
    to: Option<IdRef>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    // Inline strings: a third of all attributions carry a pair (`via=…`).
    pub key: SmolStr,
    pub key_range: TextRange,
    pub value: SmolStr,
    pub value_range: TextRange,
}

impl Attribution {
    pub fn has_class(&self, name: &str) -> bool {
        self.classes.iter().any(|(c, _)| c == name)
    }

    /// Marked as not speech (`.scare`, `.title`, `.term`).
    pub fn is_non_speech(&self) -> bool {
        NON_SPEECH.iter().any(|c| self.has_class(c))
    }

    /// Resolved speaker id.
    pub fn speaker_id(&self) -> Option<&str> {
        self.speaker.as_ref().and_then(Speaker::id)
    }

    /// Speaker items after the first (an error: only the first counts).
    pub fn extra_speakers(&self) -> &[TextRange] {
        self.more.as_ref().map_or(&[], |m| &m.extra_speakers)
    }

    /// `key=value` items, in order.
    pub fn pairs(&self) -> &[Pair] {
        self.more.as_ref().map_or(&[], |m| &m.pairs)
    }

    /// The addressee, `to=@id`.
    pub fn to(&self) -> Option<&IdRef> {
        self.more.as_ref().and_then(|m| m.to.as_ref())
    }

    /// The channel, `via=…` (the first, if given twice).
    pub fn via(&self) -> Option<&str> {
        let pair = self.pairs().iter().find(|p| p.key == "via")?;
        Some(&pair.value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    pub kind: QuoteKind,
    pub range: TextRange,
    /// Empty for a quotation of one paragraph (its one segment is `range`):
    /// no allocation for the common case. Read it through [`Self::segments`].
    more_segments: Box<[TextRange]>,
    // Indices as `u32` (an article holds far fewer than 4 billion of
    // anything): a workspace holds hundreds of thousands of quotations.
    /// The quotation this one is nested in.
    parent: Option<u32>,
    /// The attribution attached to this quotation itself.
    attribution: Option<u32>,
    /// The attribution of an enclosing span or block quote.
    covered_by: Option<u32>,
}

impl Quotation {
    /// One range per paragraph the quotation runs over.
    pub fn segments(&self) -> &[TextRange] {
        syntax::segments(&self.range, &self.more_segments)
    }

    /// The attribution that applies: its own, else the enclosing one.
    pub fn effective_attribution(&self) -> Option<usize> {
        self.attribution.or(self.covered_by).map(index)
    }

    /// The attribution attached to this quotation itself.
    pub fn attribution(&self) -> Option<usize> {
        self.attribution.map(index)
    }

    /// The quotation this one is nested in.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(index)
    }

    /// Nested quotes belong to the quote around them and need no attribution.
    pub fn is_top_level(&self) -> bool {
        self.parent.is_none() && self.kind != QuoteKind::Single
    }
}

fn index(i: u32) -> usize {
    i as usize
}

/// An index small enough for `u32` (every real one is).
fn small(i: usize) -> Option<u32> {
    u32::try_from(i).ok()
}

/// One article, as the rules and queries see it.
#[derive(Clone, Debug, Default)]
pub struct Article {
    pub meta: Meta,
    pub local_actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    pub quotations: Vec<Quotation>,
    pub attributions: Vec<Attribution>,
    /// Inline text runs (for finding names in prose) and never-analysed ranges.
    pub prose: Vec<TextRange>,
    pub masked: Vec<TextRange>,
    /// NM007 problems of the front matter.
    pub problems: Vec<Problem>,
    /// NM004 and NM005 problems of the syntax.
    pub syntax_errors: Vec<SyntaxError>,
}

impl Article {
    /// Every `@id` reference in the article, front matter included.
    pub fn id_refs(&self) -> impl Iterator<Item = (&IdRef, RefKind)> {
        let mentions = self.mentions.iter().map(|m| (&m.id, RefKind::Mention));
        let attributions = self.attributions.iter().flat_map(|a| {
            let speaker = match &a.speaker {
                Some(Speaker::Explicit(r)) => Some((r, RefKind::Speaker)),
                _ => None,
            };
            speaker
                .into_iter()
                .chain(a.to().map(|r| (r, RefKind::Addressee)))
        });
        mentions
            .chain(attributions)
            .chain(org_refs(&self.local_actors))
    }

    /// The speaker id of a quotation, following enclosing spans and `{@}`.
    pub fn speaker_of(&self, quotation: &Quotation) -> Option<&str> {
        let a = quotation.effective_attribution()?;
        self.attributions[a].speaker_id()
    }

    /// The local actor with this id.
    pub fn local_actor(&self, id: &str) -> Option<&Actor> {
        self.local_actors.iter().find(|a| a.id == id)
    }
}

/// The `org: "@id"` references of some actors.
pub fn org_refs(actors: &[Actor]) -> impl Iterator<Item = (&IdRef, RefKind)> {
    actors
        .iter()
        .flat_map(|a| a.roles.iter())
        .filter_map(|r| match &r.org {
            Some(OrgRef::Id(id)) => Some((id, RefKind::Org)),
            _ => None,
        })
}

/// Parses and lowers an article.
pub fn lower(text: &str) -> Article {
    thread_local! {
        /// The syntax of the last article lowered on this thread: only its
        /// lists' capacity is reused (see [`syntax::parse_into`]).
        static SCRATCH: RefCell<syntax::Parse> = RefCell::default();
    }
    /// Texts longer than this do not leave their lists behind: a thread
    /// keeps at most what an article of 1 MiB needs.
    const KEEP_UP_TO: usize = 1 << 20;
    SCRATCH.with_borrow_mut(|parse| {
        syntax::parse_into(text, parse);
        let article = lower_parse(text, parse);
        if text.len() > KEEP_UP_TO {
            *parse = syntax::Parse::default();
        }
        article
    })
}

fn lower_parse(text: &str, parse: &syntax::Parse) -> Article {
    // Every list is kept for the life of the workspace: copied, so with no
    // spare capacity.
    let mut article = Article {
        prose: parse.prose.clone(),
        masked: parse.masked.clone(),
        syntax_errors: parse.errors.clone(),
        ..Article::default()
    };
    if let Some(block) = &parse.front_matter {
        article.meta = front_matter::read(
            text,
            block,
            &mut article.local_actors,
            &mut article.problems,
        );
    }
    article.mentions = parse
        .mentions
        .iter()
        .map(|m| Mention {
            range: m.range,
            text: m.text,
            id: IdRef {
                id: SmolStr::new(m.id.slice(text)),
                range: m.id,
            },
        })
        .collect();
    let mut previous: Option<SmolStr> = None;
    article.attributions = parse
        .attributes
        .iter()
        .map(|block| lower_block(text, block, parse.items(block), &mut previous))
        .collect();
    article.quotations = parse
        .quotations
        .iter()
        .map(|q| Quotation {
            kind: q.kind,
            range: q.range,
            more_segments: q.more_segments.as_slice().into(),
            parent: q.parent.and_then(small),
            attribution: q.attribute.and_then(small),
            covered_by: None,
        })
        .collect();
    cover(&mut article);
    article
}

fn lower_block(
    text: &str,
    block: &syntax::AttrBlock,
    items: &[AttrItem],
    previous: &mut Option<SmolStr>,
) -> Attribution {
    let mut speaker = None;
    // Sized exactly: kept for the life of the workspace, so growing them
    // and shrinking them to fit would be two reallocations per attribution.
    let count = |pair: bool| {
        items
            .iter()
            .filter(|item| match item {
                AttrItem::Class { .. } => !pair,
                AttrItem::Pair { .. } => pair,
                AttrItem::Speaker { .. } => false,
            })
            .count()
    };
    let mut classes = Vec::with_capacity(count(false));
    let mut more = More {
        pairs: Vec::with_capacity(count(true)),
        ..More::default()
    };
    for item in items {
        match item {
            AttrItem::Speaker { range, .. } if speaker.is_some() => {
                more.extra_speakers.push(*range)
            }
            AttrItem::Speaker { id: Some(id), .. } => {
                let id = IdRef {
                    id: SmolStr::new(id.slice(text)),
                    range: *id,
                };
                *previous = Some(id.id.clone());
                speaker = Some(Speaker::Explicit(id));
            }
            AttrItem::Speaker { id: None, range } => {
                speaker = Some(Speaker::Previous {
                    range: *range,
                    resolved: previous.clone(),
                });
            }
            AttrItem::Class { name, .. } => classes.push((SmolStr::new(name.slice(text)), *name)),
            AttrItem::Pair {
                key,
                value,
                text: v,
                ..
            } => {
                let pair = Pair {
                    key: SmolStr::new(key.slice(text)),
                    key_range: *key,
                    value: v.clone(),
                    value_range: *value,
                };
                match pair.key.as_str() {
                    "to" if more.to.is_none() => {
                        if let Some(id) = v.strip_prefix('@') {
                            let raw = value.slice(text);
                            let offset = raw.find('@').map_or(0, |i| i + 1);
                            more.to = Some(IdRef {
                                id: SmolStr::new(id),
                                range: TextRange::new(
                                    value.start() + offset,
                                    value.start() + offset + id.len(),
                                ),
                            });
                        }
                    }
                    _ => {}
                }
                more.pairs.push(pair);
            }
        }
    }
    more.extra_speakers.shrink_to_fit();
    Attribution {
        range: block.range,
        target: block.target,
        speaker,
        classes: classes.into_boxed_slice(),
        more: (more != More::default()).then(|| Box::new(more)),
    }
}

/// Sets `covered_by` for quotations inside an attributed span or block quote.
/// Spans and block quotes nest properly, so one sweep with a stack does it.
fn cover(article: &mut Article) {
    let mut regions: Vec<(TextRange, usize)> = article
        .attributions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| match a.target {
            AttrTarget::Span { range } => Some((range, i)),
            AttrTarget::Quotation(q) => {
                let q = article.quotations.get(q)?;
                (q.kind == QuoteKind::Block).then_some((q.range, i))
            }
        })
        .collect();
    if regions.is_empty() {
        return;
    }
    regions.sort_by_key(|(r, _)| (r.start(), std::cmp::Reverse(r.end())));
    let mut order: Vec<usize> = (0..article.quotations.len()).collect();
    order.sort_by_key(|&q| article.quotations[q].range.start());
    let mut stack: Vec<(TextRange, usize)> = Vec::new();
    let mut next = 0;
    for q in order {
        let range = article.quotations[q].range;
        while next < regions.len() && regions[next].0.start() <= range.start() {
            while stack
                .last()
                .is_some_and(|(r, _)| r.end() <= regions[next].0.start())
            {
                stack.pop();
            }
            stack.push(regions[next]);
            next += 1;
        }
        while stack.last().is_some_and(|(r, _)| !r.contains_range(range)) {
            stack.pop();
        }
        // A block quote's own attribution is not a cover of itself.
        let own = article.quotations[q].attribution;
        if let Some(&(_, a)) = stack.iter().rev().find(|(_, a)| small(*a) != own) {
            article.quotations[q].covered_by = small(a);
        }
    }
}

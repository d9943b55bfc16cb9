//! What `newsmark export` writes, built from a workspace snapshot: one record
//! per quotation or span of reported speech, and an article as a tree of
//! blocks and annotated text. Byte ranges only; the CLI turns them into lines
//! and characters and writes JSON Lines or TEI.
//!
//! Records are the top-level quotations (a pair of double marks, or a block
//! quote) and the attributed spans that hold no quotation but speech
//! (`[that aid would arrive]{@lopez .indirect}`). A quotation nested in another
//! belongs to it; a span that holds a quotation is credited through it.

use crate::model::{Article, Attribution, Meta};
use crate::registry::{Actor, OrgRef};
use crate::syntax::{AttrTarget, QuoteKind};
use crate::text::{MAX_TEXT_LEN, TextRange, merge_sorted};
use crate::workspace::{File, Workspace};
use foldhash::HashSet;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// What a record is, from its classes: the first class written wins; without
/// one, a block quote is `Block`, a quotation `Direct` and a span `Indirect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Direct,
    Partial,
    Indirect,
    Scare,
    Title,
    Term,
    Block,
}

impl Kind {
    /// Every kind, in the order of declaration (`kind as usize` indexes it).
    pub const ALL: [Kind; 7] = [
        Kind::Direct,
        Kind::Partial,
        Kind::Indirect,
        Kind::Scare,
        Kind::Title,
        Kind::Term,
        Kind::Block,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Indirect => "indirect",
            Kind::Scare => "scare",
            Kind::Title => "title",
            Kind::Term => "term",
            Kind::Block => "block",
        }
    }

    fn from_class(class: &str) -> Option<Kind> {
        Some(match class {
            "direct" => Kind::Direct,
            "partial" => Kind::Partial,
            "indirect" => Kind::Indirect,
            "scare" => Kind::Scare,
            "title" => Kind::Title,
            "term" => Kind::Term,
            _ => return None,
        })
    }

    /// Scare quotes, titles and terms are not speech.
    pub fn is_speech(self) -> bool {
        !matches!(self, Kind::Scare | Kind::Title | Kind::Term)
    }
}

/// Where a record's words stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Between quotation marks, or a block quote.
    Quotation,
    /// A bracketed span without quotation marks: reported speech.
    Span,
}

/// An id as an article uses it, and the actor it resolves to, if any.
#[derive(Clone, Debug)]
pub struct ActorRef<'a> {
    pub id: String,
    pub actor: Option<&'a Actor>,
}

impl ActorRef<'_> {
    /// The actor's name (or an anonymous source's description).
    pub fn name(&self) -> Option<&str> {
        self.actor.map(Actor::display_name)
    }
}

#[derive(Clone, Debug)]
pub struct Record<'a> {
    /// 1-based, in the order of the article.
    pub n: usize,
    pub kind: Kind,
    pub source: Source,
    pub speaker: Option<ActorRef<'a>>,
    pub to: Option<ActorRef<'a>>,
    pub via: Option<String>,
    pub date: Option<String>,
    /// The attribution's `url=`.
    pub url: Option<String>,
    /// The quotation with its marks, or the span with its brackets.
    pub range: TextRange,
    /// The words: without the outer marks or brackets, with mentions reduced
    /// to their text and attribute blocks and `>` markers removed. Other
    /// Markdown stays as written.
    pub text: String,
    /// The quotation's paragraphs (one range each, marks included), or the span.
    segments: Vec<TextRange>,
}

/// One article, ready to be written.
pub struct ArticleExport<'a> {
    pub file: &'a File,
    pub meta: &'a Meta,
    pub records: Vec<Record<'a>>,
    /// The actors the article refers to (mentions, speakers, addressees) that
    /// resolve, in order of first reference, then the organisations of their roles.
    pub actors: Vec<&'a Actor>,
}

/// A block of the article's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Heading(Vec<Inline>),
    /// A block quote; `record` is the index of its record in `records`.
    Quote {
        record: Option<usize>,
        blocks: Vec<Block>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// Rows of cells.
    Table(Vec<Vec<Vec<Inline>>>),
    Code(String),
}

/// Where a piece of a quotation stands when the quotation runs over several
/// paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// 0-based.
    pub index: usize,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    LineBreak,
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// `[text](@id)`.
    Mention {
        id: String,
        children: Vec<Inline>,
    },
    /// A quotation record (its index in `records`), or one paragraph of it.
    Quote {
        record: usize,
        part: Part,
        children: Vec<Inline>,
    },
    /// A span record: reported speech.
    Speech {
        record: usize,
        children: Vec<Inline>,
    },
    /// A span marked `.scare`, `.title` or `.term`.
    NonSpeech {
        kind: Kind,
        children: Vec<Inline>,
    },
}

/// The records, with their words, and the actors of an article; `None` for
/// a file that is not one.
pub fn article<'a>(ws: &'a Workspace, file: &'a File) -> Option<ArticleExport<'a>> {
    let article = file.article()?;
    let mut records = records(ws, file)?;
    let cut = markup_ranges(article);
    for r in &mut records {
        r.text = words(&file.text, &cut, r);
    }
    let mut actors: Vec<&Actor> = Vec::new();
    let mut listed: HashSet<*const Actor> = HashSet::default();
    let mut refs: Vec<(usize, &str)> = article
        .mentions
        .iter()
        .map(|m| (m.range.start(), m.id.id.as_str()))
        .chain(article.attributions.iter().flat_map(|a| {
            let speaker = a.speaker_id().map(|id| (a.range.start(), id));
            speaker
                .into_iter()
                .chain(a.to().map(|t| (t.range.start(), t.id.as_str())))
        }))
        .collect();
    refs.sort();
    for (_, id) in refs {
        if let Some((_, actor)) = ws.resolve_in(file, id)
            && listed.insert(actor)
        {
            actors.push(actor);
        }
    }
    // The organisations their roles point to, so that every reference resolves.
    let mut i = 0;
    while let Some(actor) = actors.get(i) {
        for role in &actor.roles {
            if let Some(OrgRef::Id(org)) = &role.org
                && let Some((_, org)) = ws.resolve_in(file, &org.id)
                && listed.insert(org)
            {
                actors.push(org);
            }
        }
        i += 1;
    }
    Some(ArticleExport {
        file,
        meta: &article.meta,
        records,
        actors,
    })
}

/// The records of an article without their words (`text` is empty), in
/// article order: what `newsmark report` counts. `None` for a file that is
/// not an article. The file need not be in the workspace (the report reads
/// one article at a time against the registries): its own actors come first.
pub fn records<'a>(ws: &'a Workspace, file: &'a File) -> Option<Vec<Record<'a>>> {
    let article = file.article()?;
    let resolve = |id: &str| ActorRef {
        id: id.to_string(),
        actor: ws.resolve_in(file, id).map(|(_, a)| a),
    };
    let mut records = Vec::new();
    for q in article.quotations.iter().filter(|q| q.is_top_level()) {
        let a = q.effective_attribution().map(|i| &article.attributions[i]);
        let kind = a
            .and_then(first_kind)
            .unwrap_or(if q.kind == QuoteKind::Block {
                Kind::Block
            } else {
                Kind::Direct
            });
        records.push(record(
            a,
            kind,
            Source::Quotation,
            q.range,
            q.segments(),
            &resolve,
        ));
    }
    // The top-level quotations by start, so that finding those in a span
    // reads only the ones that start inside it.
    let mut top: Vec<TextRange> = records.iter().map(|r| r.range).collect();
    top.sort_unstable();
    for a in &article.attributions {
        let AttrTarget::Span { range } = a.target else {
            continue;
        };
        let inner = AttrTarget::span_inner(range);
        let from = top.partition_point(|q| q.start() < range.start());
        let holds_quotation = top[from..]
            .iter()
            .take_while(|q| q.start() < range.end())
            .any(|q| range.contains_range(*q));
        let kind = first_kind(a).unwrap_or(Kind::Indirect);
        if holds_quotation || !kind.is_speech() {
            continue;
        }
        records.push(record(
            Some(a),
            kind,
            Source::Span,
            range,
            &[inner],
            &resolve,
        ));
    }
    records.sort_by_key(|r| (r.range.start(), r.range.end()));
    for (i, r) in records.iter_mut().enumerate() {
        r.n = i + 1;
    }
    Some(records)
}

fn first_kind(a: &Attribution) -> Option<Kind> {
    a.classes.iter().find_map(|(c, _)| Kind::from_class(c))
}

fn record<'a>(
    a: Option<&Attribution>,
    kind: Kind,
    source: Source,
    range: TextRange,
    segments: &[TextRange],
    resolve: &impl Fn(&str) -> ActorRef<'a>,
) -> Record<'a> {
    let pair = |key: &str| {
        a.and_then(|a| a.pairs().iter().find(|p| p.key == key))
            .map(|p| p.value.to_string())
    };
    Record {
        n: 0,
        kind,
        source,
        speaker: a.and_then(Attribution::speaker_id).map(resolve),
        to: a.and_then(|a| a.to()).map(|t| resolve(&t.id)),
        via: a.and_then(|a| a.via()).map(str::to_string),
        date: pair("date"),
        url: pair("url"),
        range,
        text: String::new(),
        segments: segments.to_vec(),
    }
}

const OPENING: [char; 4] = ['“', '"', '‘', '\''];
const CLOSING: [char; 4] = ['”', '"', '’', '\''];

/// A record's words; see [`Record::text`]. `cut` is the article's markup
/// ([`markup_ranges`]): the annotations that lie inside the record are
/// dropped (their pieces start inside it, so only those are read).
fn words(text: &str, cut: &[(TextRange, TextRange)], r: &Record) -> String {
    let from = cut.partition_point(|(piece, _)| piece.start() < r.range.start());
    let cut = merge_sorted(
        cut[from..]
            .iter()
            .take_while(|(piece, _)| piece.start() < r.range.end())
            .filter(|(_, whole)| r.range.contains_range(*whole))
            .map(|(piece, _)| *piece),
    );
    let mut parts = Vec::new();
    let last = r.segments.len().saturating_sub(1);
    for (i, seg) in r.segments.iter().enumerate() {
        let mut seg = *seg;
        if r.source == Source::Quotation && r.kind != Kind::Block {
            if let Some(c) = seg.slice(text).chars().next()
                && OPENING.contains(&c)
            {
                seg.set_start(seg.start() + c.len_utf8());
            }
            if i == last
                && let Some(c) = seg.slice(text).chars().next_back()
                && CLOSING.contains(&c)
            {
                seg.set_end(seg.end() - c.len_utf8());
            }
        }
        let mut s = without(text, seg, &cut);
        if r.kind == Kind::Block {
            s = s
                .lines()
                .map(strip_block_markers)
                .collect::<Vec<_>>()
                .join("\n");
        }
        parts.push(s.trim().to_string());
    }
    parts.join("\n\n")
}

/// `> > text` -> `text`.
fn strip_block_markers(line: &str) -> &str {
    let mut line = line.trim_start();
    while let Some(rest) = line.strip_prefix('>') {
        line = rest
            .strip_prefix(' ')
            .unwrap_or(rest)
            .trim_start_matches(' ');
    }
    line
}

/// The annotation markup of an article: attribute blocks, span brackets,
/// and mention links but their text. Each piece comes with the whole
/// annotation it belongs to (the block, the span, the link); sorted by
/// piece, not merged.
fn markup_ranges(article: &Article) -> Vec<(TextRange, TextRange)> {
    let mut cut = Vec::new();
    for a in &article.attributions {
        cut.push((a.range, a.range));
        if let AttrTarget::Span { range } = a.target {
            let inner = AttrTarget::span_inner(range);
            cut.push((TextRange::new(range.start(), inner.start()), range));
            cut.push((TextRange::new(inner.end(), range.end()), range));
        }
    }
    for m in &article.mentions {
        cut.push((TextRange::new(m.range.start(), m.text.start()), m.range));
        cut.push((TextRange::new(m.text.end(), m.range.end()), m.range));
    }
    cut.retain(|(piece, _)| !piece.is_empty());
    cut.sort_unstable();
    cut
}

/// `text[range]` without the bytes of `cut` (sorted, disjoint).
fn without(text: &str, range: TextRange, cut: &[TextRange]) -> String {
    let mut out = String::new();
    let mut at = range.start();
    for c in cut {
        if c.end() <= at || c.start() >= range.end() {
            continue;
        }
        if c.start() > at {
            out.push_str(TextRange::new(at, c.start()).slice(text));
        }
        at = at.max(c.end());
    }
    if at < range.end() {
        out.push_str(TextRange::new(at, range.end()).slice(text));
    }
    out
}

/// The article's body as blocks of annotated text. Markdown structure comes
/// from pulldown-cmark (decoded text, so escapes and entities read as meant);
/// the annotations are laid over it by their byte ranges.
pub fn body(export: &ArticleExport) -> Vec<Block> {
    let text: &str = &export.file.text;
    let Some(article) = export.file.article() else {
        return Vec::new();
    };
    let start = export.meta.range.map_or(0, |r| r.end());
    let mut b = BodyBuilder::new(text, article, export);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let body = text.get(start..).unwrap_or("");
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = TextRange::new(range.start + start, range.end + start);
        b.event(event, range);
    }
    b.finish()
}

/// What an annotation laid over the text becomes.
#[derive(Clone, Debug)]
enum Mark {
    Mention(String),
    Quote(usize, Part),
    Speech(usize),
    NonSpeech(Kind),
}

#[derive(Debug)]
enum Node {
    /// The root of a leaf block's text.
    Root,
    Emphasis,
    Strong,
    /// A link, a strikethrough: only its content is kept.
    Transparent,
    Mark(Mark),
}

#[derive(Debug)]
struct Open {
    node: Node,
    end: usize,
    children: Vec<Inline>,
}

#[derive(Debug)]
enum Container {
    /// The body, a list item, a footnote: holds blocks.
    Blocks(Vec<Block>),
    Quote(Option<usize>, Vec<Block>),
    List(bool, Vec<Vec<Block>>),
    Table(Vec<Vec<Vec<Inline>>>),
    Row(Vec<Vec<Inline>>),
    /// A leaf block whose text is being read: a paragraph, heading or cell.
    Leaf(LeafKind),
    Code(String),
    /// HTML and other blocks that are not exported.
    Skip,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeafKind {
    Paragraph,
    Heading,
    Cell,
}

struct BodyBuilder<'t> {
    text: &'t str,
    containers: Vec<Container>,
    /// Open inline nodes of the current text, the root first.
    inline: Vec<Open>,
    /// Annotations, sorted by start and then by longest first.
    marks: Vec<(TextRange, Mark)>,
    next_mark: usize,
    /// Markup to drop, sorted.
    cut: Vec<TextRange>,
    /// Block quotes by start, with their record.
    block_quotes: Vec<(usize, Option<usize>)>,
    /// The current leaf was opened by text outside a paragraph (a tight list item).
    implicit: bool,
    /// For each open Markdown inline element: whether it got a node (one
    /// that would cross an annotation keeps only its content).
    styles: Vec<bool>,
    /// Block quotes, lists and items opened past [`MAX_NESTING`] and not
    /// closed yet: their content goes to the container they are in.
    flattened: usize,
}

/// How deep block quotes, lists and items nest in an exported body; deeper
/// ones (`- > - > …` thousands of times) are laid flat into the one at this
/// depth, so that writing the body recurses and indents boundedly.
pub const MAX_NESTING: usize = 64;

impl<'t> BodyBuilder<'t> {
    fn new(text: &'t str, article: &Article, export: &ArticleExport) -> Self {
        let mut marks = Vec::new();
        let mut block_quotes = Vec::new();
        // Records are sorted by range: the first of `range`, if any.
        let record_at = |range: TextRange| {
            let key = |r: &Record| (r.range.start(), r.range.end());
            let i = export
                .records
                .partition_point(|r| key(r) < (range.start(), range.end()));
            export
                .records
                .get(i)
                .filter(|r| r.range == range)
                .map(|_| i)
        };
        for q in &article.quotations {
            if q.kind == QuoteKind::Block {
                block_quotes.push((q.range.start(), record_at(q.range)));
            } else if let Some(i) = record_at(q.range).filter(|_| q.is_top_level()) {
                let count = q.segments().len();
                for (index, seg) in q.segments().iter().enumerate() {
                    marks.push((*seg, Mark::Quote(i, Part { index, count })));
                }
            }
        }
        for a in &article.attributions {
            let AttrTarget::Span { range } = a.target else {
                continue;
            };
            if let Some(i) = record_at(range).filter(|&i| export.records[i].source == Source::Span)
            {
                marks.push((range, Mark::Speech(i)));
            } else if let Some(kind) = first_kind(a).filter(|k| !k.is_speech()) {
                marks.push((range, Mark::NonSpeech(kind)));
            }
        }
        for m in &article.mentions {
            marks.push((m.range, Mark::Mention(m.id.id.to_string())));
        }
        marks.sort_by_key(|(r, _)| (r.start(), std::cmp::Reverse(r.end())));
        block_quotes.sort();
        BodyBuilder {
            text,
            containers: vec![Container::Blocks(Vec::new())],
            inline: Vec::new(),
            marks,
            next_mark: 0,
            // Merged into disjoint ranges (a span's `]` and its block touch).
            cut: merge_sorted(markup_ranges(article).into_iter().map(|(piece, _)| piece)),
            block_quotes,
            implicit: false,
            styles: Vec::new(),
            flattened: 0,
        }
    }

    fn event(&mut self, event: Event, range: TextRange) {
        if matches!(self.containers.last(), Some(Container::Skip)) {
            if let Event::End(TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) = event
            {
                self.containers.pop();
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => {
                if let Some(Container::Code(code)) = self.containers.last_mut() {
                    code.push_str(&t);
                } else {
                    self.text_at(range, &t);
                }
            }
            Event::Code(t) => {
                // Code spans are never annotated: their text as it reads.
                self.advance(range.start());
                if !self.is_cut(range.start()) {
                    self.push_inline(Inline::Text(t.to_string()));
                }
            }
            Event::SoftBreak => self.text_at(range, "\n"),
            Event::HardBreak => {
                self.advance(range.start());
                self.push_inline(Inline::LineBreak);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: TextRange) {
        let nests = matches!(
            tag,
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)
        );
        if nests && (self.flattened > 0 || self.containers.len() >= MAX_NESTING) {
            self.close_implicit_leaf();
            self.flattened += 1;
            return;
        }
        match tag {
            Tag::Paragraph => self.open_leaf(LeafKind::Paragraph, range),
            Tag::Heading { .. } => self.open_leaf(LeafKind::Heading, range),
            Tag::TableCell => self.open_leaf(LeafKind::Cell, range),
            Tag::BlockQuote(_) => {
                self.close_implicit_leaf();
                let i = self
                    .block_quotes
                    .partition_point(|(start, _)| *start < range.start());
                let record = self
                    .block_quotes
                    .get(i)
                    .filter(|(start, _)| *start == range.start())
                    .and_then(|(_, r)| *r);
                self.containers.push(Container::Quote(record, Vec::new()));
            }
            Tag::List(first) => {
                self.close_implicit_leaf();
                self.containers
                    .push(Container::List(first.is_some(), Vec::new()));
            }
            Tag::Item | Tag::FootnoteDefinition(_) => {
                self.close_implicit_leaf();
                self.containers.push(Container::Blocks(Vec::new()));
            }
            Tag::Table(_) => {
                self.close_implicit_leaf();
                self.containers.push(Container::Table(Vec::new()));
            }
            Tag::TableHead | Tag::TableRow => self.containers.push(Container::Row(Vec::new())),
            Tag::CodeBlock(_) => {
                self.close_implicit_leaf();
                self.containers.push(Container::Code(String::new()));
            }
            Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.close_implicit_leaf();
                self.containers.push(Container::Skip);
            }
            Tag::Emphasis => self.open_inline(Node::Emphasis, range),
            Tag::Strong => self.open_inline(Node::Strong, range),
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                dest_url,
                ..
            } => {
                // Its text is its address, and no text event follows.
                self.open_inline(Node::Transparent, range);
                self.push_inline(Inline::Text(dest_url.to_string()));
            }
            Tag::Image { .. } => {
                // Images are not text; their alt text is skipped with them.
                self.containers.push(Container::Skip);
            }
            _ => self.open_inline(Node::Transparent, range),
        }
    }

    fn end(&mut self, tag: TagEnd, range: TextRange) {
        let nests = matches!(
            tag,
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition
        );
        if nests && self.flattened > 0 {
            self.close_implicit_leaf();
            self.flattened -= 1;
            return;
        }
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.close_leaf(),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Link
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => self.close_inline(range.end()),
            _ => {
                self.close_implicit_leaf();
                let Some(done) = self.containers.pop() else {
                    return;
                };
                let block = match done {
                    Container::Blocks(blocks) => {
                        // A list item or a footnote.
                        match self.containers.last_mut() {
                            Some(Container::List(_, items)) => {
                                items.push(blocks);
                                return;
                            }
                            _ => {
                                for block in blocks {
                                    self.push_block(block);
                                }
                                return;
                            }
                        }
                    }
                    Container::Quote(record, blocks) => Block::Quote { record, blocks },
                    Container::List(ordered, items) => Block::List { ordered, items },
                    Container::Table(rows) => Block::Table(rows),
                    Container::Row(cells) => {
                        if let Some(Container::Table(rows)) = self.containers.last_mut() {
                            rows.push(cells);
                        }
                        return;
                    }
                    Container::Code(code) => Block::Code(code),
                    Container::Leaf(_) | Container::Skip => return,
                };
                self.push_block(block);
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close_implicit_leaf();
        while self.containers.len() > 1 {
            self.end(TagEnd::BlockQuote(None), TextRange::empty(self.text.len()));
        }
        match self.containers.pop() {
            Some(Container::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.containers.last_mut() {
            Some(Container::Blocks(blocks) | Container::Quote(_, blocks)) => blocks.push(block),
            Some(Container::List(_, items)) => items.push(vec![block]),
            _ => {}
        }
    }

    fn open_leaf(&mut self, kind: LeafKind, range: TextRange) {
        self.close_implicit_leaf();
        self.containers.push(Container::Leaf(kind));
        self.styles.clear();
        self.inline = vec![Open {
            node: Node::Root,
            end: range.end(),
            children: Vec::new(),
        }];
        // Annotations that began before this block are not laid over it.
        while self
            .marks
            .get(self.next_mark)
            .is_some_and(|(r, _)| r.start() < range.start())
        {
            self.next_mark += 1;
        }
    }

    fn close_leaf(&mut self) {
        let Some(Container::Leaf(kind)) = self.containers.pop() else {
            return;
        };
        while self.inline.len() > 1 {
            self.pop_inline();
        }
        let children = self.inline.pop().map(|o| o.children).unwrap_or_default();
        let children = trim(children);
        match kind {
            LeafKind::Cell => {
                if let Some(Container::Row(cells)) = self.containers.last_mut() {
                    cells.push(children);
                }
            }
            _ if children.is_empty() => {}
            LeafKind::Paragraph => self.push_block(Block::Paragraph(children)),
            LeafKind::Heading => self.push_block(Block::Heading(children)),
        }
    }

    /// Text directly in a list item (a tight list) reads as a paragraph.
    fn ensure_leaf(&mut self, at: usize) {
        if !matches!(self.containers.last(), Some(Container::Leaf(_))) {
            self.open_leaf(LeafKind::Paragraph, TextRange::new(at, MAX_TEXT_LEN));
            if let Some(Container::Leaf(_)) = self.containers.last() {
                self.implicit = true;
            }
        }
    }

    fn close_implicit_leaf(&mut self) {
        if self.implicit {
            self.implicit = false;
            self.close_leaf();
        }
    }

    /// The cut range holding `at`, if any.
    fn cut_at(&self, at: usize) -> Option<TextRange> {
        let i = self.cut.partition_point(|c| c.start() <= at);
        i.checked_sub(1)
            .map(|i| self.cut[i])
            .filter(|c| at < c.end())
    }

    fn is_cut(&self, at: usize) -> bool {
        self.cut_at(at).is_some()
    }

    /// Text of the source at `range`, decoded as `decoded`.
    fn text_at(&mut self, range: TextRange, decoded: &str) {
        self.ensure_leaf(range.start());
        if range.slice(self.text) != decoded {
            // An escape, an entity or a line break: one piece.
            self.advance(range.start());
            if !self.is_cut(range.start()) {
                self.push_text(decoded);
            }
            return;
        }
        let mut at = range.start();
        while at < range.end() {
            self.advance(at);
            if let Some(c) = self.cut_at(at) {
                at = c.end().min(range.end());
                continue;
            }
            let mut next = range.end();
            if let Some((r, _)) = self.marks.get(self.next_mark) {
                next = next.min(r.start().max(at + 1));
            }
            if let Some(top) = self.inline.last() {
                next = next.min(top.end.max(at + 1));
            }
            let i = self.cut.partition_point(|c| c.start() <= at);
            if let Some(c) = self.cut.get(i) {
                next = next.min(c.start());
            }
            let next = crate::text::floor_char_boundary(self.text, next).max(at + 1);
            let piece = TextRange::new(at, next.min(range.end()));
            let text = self.text;
            self.push_text(piece.slice(text));
            at = piece.end();
        }
    }

    /// Closes the annotations that end at or before `at`, then opens those
    /// that start there.
    fn advance(&mut self, at: usize) {
        self.close_marks(at);
        while let Some((r, mark)) = self.marks.get(self.next_mark) {
            if r.start() > at {
                break;
            }
            self.next_mark += 1;
            if r.end() <= at {
                continue;
            }
            // Nodes nest: one that would end past its parent is clipped (a
            // record keeps its element) or dropped.
            let limit = self.inline.last().map_or(0, |o| o.end);
            let end = match mark {
                _ if r.end() <= limit => r.end(),
                Mark::Quote(..) | Mark::Speech(_) if at < limit => limit,
                _ => continue,
            };
            let node = Node::Mark(mark.clone());
            self.inline.push(Open {
                node,
                end,
                children: Vec::new(),
            });
        }
    }

    fn close_marks(&mut self, at: usize) {
        while self
            .inline
            .last()
            .is_some_and(|o| matches!(o.node, Node::Mark(_)) && o.end <= at)
        {
            self.pop_inline();
        }
    }

    fn open_inline(&mut self, node: Node, range: TextRange) {
        self.ensure_leaf(range.start());
        self.advance(range.start());
        // Annotations win: an emphasis that a quotation starts in and ends
        // after keeps its text but not its element.
        let crossed = self.marks[self.next_mark..]
            .iter()
            .take_while(|(r, _)| r.start() < range.end())
            .any(|(r, _)| r.end() > range.end());
        let fits = !crossed && self.inline.last().is_some_and(|o| range.end() <= o.end);
        if fits {
            self.inline.push(Open {
                node,
                end: range.end(),
                children: Vec::new(),
            });
        }
        self.styles.push(fits);
    }

    fn close_inline(&mut self, end: usize) {
        if self.styles.pop() != Some(true) {
            return;
        }
        self.close_marks(end);
        if self.inline.len() > 1
            && matches!(
                self.inline.last().map(|o| &o.node),
                Some(Node::Emphasis | Node::Strong | Node::Transparent)
            )
        {
            self.pop_inline();
        }
    }

    /// Closes the innermost open node into its parent.
    fn pop_inline(&mut self) {
        let Some(open) = self.inline.pop() else {
            return;
        };
        let children = open.children;
        let inline = match open.node {
            Node::Root => {
                // Never popped here; put it back.
                self.inline.push(Open {
                    node: Node::Root,
                    end: open.end,
                    children,
                });
                return;
            }
            Node::Transparent => {
                for child in children {
                    match child {
                        Inline::Text(t) => self.push_text(&t),
                        other => self.push_inline(other),
                    }
                }
                return;
            }
            Node::Emphasis => Inline::Emphasis(children),
            Node::Strong => Inline::Strong(children),
            Node::Mark(Mark::Mention(id)) => Inline::Mention { id, children },
            Node::Mark(Mark::Quote(record, part)) => Inline::Quote {
                record,
                part,
                children,
            },
            Node::Mark(Mark::Speech(record)) => Inline::Speech { record, children },
            Node::Mark(Mark::NonSpeech(kind)) => Inline::NonSpeech { kind, children },
        };
        self.push_inline(inline);
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some(top) = self.inline.last_mut() {
            top.children.push(inline);
        }
    }

    fn push_text(&mut self, s: &str) {
        let Some(top) = self.inline.last_mut() else {
            return;
        };
        match top.children.last_mut() {
            Some(Inline::Text(t)) => t.push_str(s),
            _ => top.children.push(Inline::Text(s.to_string())),
        }
    }
}

/// Drops the white space at both ends of a paragraph's text.
fn trim(mut children: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(t)) = children.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Inline::Text(t)) = children.last_mut() {
        *t = t.trim_end().to_string();
    }
    children.retain(|c| !matches!(c, Inline::Text(t) if t.is_empty()));
    children
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::fixture;
    use expect_test::{Expect, expect};
    use std::fmt::Write;
    use std::path::Path;

    /// Renders the records and the body of `/a.news.md`.
    fn check(fixture: &str, expect: Expect) {
        let (ws, _) = fixture::workspace(fixture);
        let file = ws.file(Path::new("/a.news.md")).unwrap();
        let export = article(&ws, file).unwrap();
        let mut out = String::new();
        for r in &export.records {
            let actor = |a: &Option<ActorRef>| match a {
                Some(a) => format!("@{} ({})", a.id, a.name().unwrap_or("?")),
                None => "-".into(),
            };
            write!(
                out,
                "{} {} {:?} {} {}..{}",
                r.n,
                r.kind.as_str(),
                r.source,
                actor(&r.speaker),
                r.range.start(),
                r.range.end()
            )
            .unwrap();
            if r.to.is_some() {
                write!(out, " to={}", actor(&r.to)).unwrap();
            }
            for (key, value) in [("via", &r.via), ("date", &r.date), ("url", &r.url)] {
                if let Some(v) = value {
                    write!(out, " {key}={v}").unwrap();
                }
            }
            writeln!(out, " {:?}", r.text).unwrap();
        }
        let ids: Vec<&str> = export.actors.iter().map(|a| a.id.as_str()).collect();
        writeln!(out, "actors: {}", ids.join(" ")).unwrap();
        blocks(&body(&export), 0, &mut out);
        expect.assert_eq(&out);
    }

    fn blocks(blocks: &[Block], depth: usize, out: &mut String) {
        let pad = "  ".repeat(depth);
        for block in blocks {
            match block {
                Block::Paragraph(i) => writeln!(out, "{pad}p: {}", inlines(i)).unwrap(),
                Block::Heading(i) => writeln!(out, "{pad}head: {}", inlines(i)).unwrap(),
                Block::Quote { record, blocks: b } => {
                    writeln!(out, "{pad}quote {record:?}").unwrap();
                    self::blocks(b, depth + 1, out);
                }
                Block::List { ordered, items } => {
                    writeln!(out, "{pad}list ordered={ordered}").unwrap();
                    for item in items {
                        writeln!(out, "{pad}  item").unwrap();
                        self::blocks(item, depth + 2, out);
                    }
                }
                Block::Table(rows) => {
                    for row in rows {
                        let cells: Vec<String> = row.iter().map(|c| inlines(c)).collect();
                        writeln!(out, "{pad}row: {}", cells.join(" | ")).unwrap();
                    }
                }
                Block::Code(code) => writeln!(out, "{pad}code: {code:?}").unwrap(),
            }
        }
    }

    fn inlines(items: &[Inline]) -> String {
        let mut out = String::new();
        for item in items {
            match item {
                Inline::Text(t) => out.push_str(&t.replace('\n', "⏎")),
                Inline::LineBreak => out.push_str("<br>"),
                Inline::Emphasis(c) => write!(out, "<em>{}</em>", inlines(c)).unwrap(),
                Inline::Strong(c) => write!(out, "<b>{}</b>", inlines(c)).unwrap(),
                Inline::Mention { id, children } => {
                    write!(out, "<@{id}>{}</>", inlines(children)).unwrap()
                }
                Inline::Quote {
                    record,
                    part,
                    children,
                } => write!(
                    out,
                    "<q{record} {}/{}>{}</q>",
                    part.index + 1,
                    part.count,
                    inlines(children)
                )
                .unwrap(),
                Inline::Speech { record, children } => {
                    write!(out, "<said{record}>{}</said>", inlines(children)).unwrap()
                }
                Inline::NonSpeech { kind, children } => {
                    write!(out, "<{}>{}</>", kind.as_str(), inlines(children)).unwrap()
                }
            }
        }
        out
    }

    const ACTORS: &str = "//- /actors.yaml
lopez:
  name: Maria Lopez
  aliases: [Lopez]
group-1:
  name: Aid Group
";

    #[test]
    fn the_brief_example() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md
---
title: Envoy heads to the region after truce
actors:
  aide-1:
    anonymous: true
    described_as: a senior official traveling with the envoy
---

[Envoy Maria Lopez](@lopez) left on *Monday*.

“We have a narrow window,”{{@lopez}} [Lopez](@lopez) told reporters. “We intend to use it.”{{@}}

[The official](@aide-1) said the talks were [“fragile but alive.”]{{@aide-1 .partial}}

[Lopez](@lopez) told [the group](@group-1) [that aid would arrive within days]{{@lopez .indirect to=@group-1 via=interview date=2021-05-24}}.

Critics called the plan a “fig leaf”{{.scare}} and [War and Peace]{{.title}} long.
"
            ),
            expect![[r#"
                1 direct Quotation @lopez (Maria Lopez) 200..230 "We have a narrow window,"
                2 direct Quotation @lopez (Maria Lopez) 271..297 "We intend to use it."
                3 partial Quotation @aide-1 (a senior official traveling with the envoy) 347..371 "fragile but alive."
                4 indirect Span @lopez (Maria Lopez) 435..470 to=@group-1 (Aid Group) via=interview date=2021-05-24 "that aid would arrive within days"
                5 scare Quotation - 559..573 "fig leaf"
                actors: lopez aide-1 group-1
                p: <@lopez>Envoy Maria Lopez</> left on <em>Monday</em>.
                p: <q0 1/1>“We have a narrow window,”</q> <@lopez>Lopez</> told reporters. <q1 1/1>“We intend to use it.”</q>
                p: <@aide-1>The official</> said the talks were <q2 1/1>“fragile but alive.”</q>
                p: <@lopez>Lopez</> told <@group-1>the group</> <said3>that aid would arrive within days</said>.
                p: Critics called the plan a <q4 1/1>“fig leaf”</q> and <title>War and Peace</> long.
            "#]],
        );
    }

    #[test]
    fn paragraphs_block_quotes_nesting_and_escapes() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md
# A “headline”

“It is the first paragraph,

“and the *second* one ‘ends’ it.”{{@lopez}}

> We will rebuild. “Together,” we said.
> {{@lopez via=post url=https://example.org/p}}

- item “one”{{@lopez}}
- item \\“two &amp; more

| a | “b”{{.term}} |
|---|---|
| [Lopez](@lopez) | x |

```
“code”{{@ghost}}
```
"
            ),
            expect![[r#"
                1 direct Quotation - 4..18 "headline"
                2 direct Quotation @lopez (Maria Lopez) 20..92 "It is the first paragraph,\n\nand the *second* one ‘ends’ it."
                3 block Quotation @lopez (Maria Lopez) 102..191 via=post url=https://example.org/p "We will rebuild. “Together,” we said."
                4 direct Quotation @lopez (Maria Lopez) 121..136 via=post url=https://example.org/p "Together,"
                5 direct Quotation @lopez (Maria Lopez) 200..209 "one"
                6 term Quotation - 251..258 "b"
                actors: lopez
                head: A <q0 1/1>“headline”</q>
                p: <q1 1/2>“It is the first paragraph,</q>
                p: <q1 2/2>“and the <em>second</em> one ‘ends’ it.”</q>
                quote Some(2)
                  p: We will rebuild. <q3 1/1>“Together,”</q> we said.
                list ordered=false
                  item
                    p: item <q4 1/1>“one”</q>
                  item
                    p: item \“two & more
                row: a | <q5 1/1>“b”</q>
                row: <@lopez>Lopez</> | x
                code: "“code”{@ghost}\n"
            "#]],
        );
    }

    #[test]
    fn annotations_that_cross_markdown_keep_their_records() {
        check(
            &format!(
                "{ACTORS}//- /a.news.md
*“Hello* there,”{{@lopez}} she said. “Yes **indeed.” So**{{@lopez}}
"
            ),
            expect![[r#"
                1 direct Quotation @lopez (Maria Lopez) 1..20 "Hello* there,"
                2 direct Quotation - 39..58 "Yes **indeed."
                actors: lopez
                p: <q0 1/1>“Hello there,”</q> she said. <q1 1/1>“Yes indeed.”</q> So{@lopez}
            "#]],
        );
    }

    /// Block quotes and lists nested past [`MAX_NESTING`] are laid flat
    /// into the deepest one kept: their text stays, in order.
    #[test]
    fn deep_nesting_is_laid_flat() {
        fn depth(blocks: &[Block]) -> usize {
            let inner = blocks.iter().map(|b| match b {
                Block::Quote { blocks, .. } => 1 + depth(blocks),
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| 1 + depth(i)).max().unwrap_or(0)
                }
                _ => 0,
            });
            inner.max().unwrap_or(0)
        }
        fn texts(blocks: &[Block], out: &mut Vec<String>) {
            for b in blocks {
                match b {
                    Block::Paragraph(i) => out.push(format!("{i:?}")),
                    Block::Quote { blocks, .. } => texts(blocks, out),
                    Block::List { items, .. } => items.iter().for_each(|i| texts(i, out)),
                    _ => {}
                }
            }
        }
        for nested in [
            format!(
                "{}first\n\n{}second\n",
                "> ".repeat(10_000),
                "> ".repeat(10_000)
            ),
            format!("{}first\n", "- > ".repeat(5_000)),
        ] {
            let text = format!("//- /a.news.md\n{nested}");
            let (ws, _) = fixture::workspace(&text);
            let file = ws.file(Path::new("/a.news.md")).unwrap();
            let export = article(&ws, file).unwrap();
            let body = body(&export);
            assert!(depth(&body) <= MAX_NESTING, "{}", depth(&body));
            let mut found = Vec::new();
            texts(&body, &mut found);
            assert!(found[0].contains("first"), "{found:?}");
            let last = if nested.contains("second") {
                "second"
            } else {
                "first"
            };
            assert!(found.last().unwrap().contains(last), "{found:?}");
        }
    }
}

//! Syntax of one article: front matter, Markdown structure (pulldown-cmark with
//! byte ranges) and the annotation layer scanned from source slices. Never fails:
//! problems come back as [`SyntaxError`]s beside what could be read.

pub mod attr;
mod scan;

use crate::text::TextRange;
pub use attr::AttrItem;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// Everything the syntax layer finds in an article. Ranges are bytes into the
/// whole text.
#[derive(Debug, Default)]
pub struct Parse {
    pub front_matter: Option<FrontMatterBlock>,
    pub mentions: Vec<LinkMention>,
    pub quotations: Vec<QuotationSyntax>,
    pub attributes: Vec<AttrBlock>,
    /// The items of every attribute block, block after block: one list for
    /// the article rather than one per block (see [`Parse::items`]).
    attr_items: Vec<AttrItem>,
    /// Runs of inline text (paragraphs, headings, cells, items), in order; code,
    /// HTML and link destinations lie inside them but are listed in `masked`.
    pub prose: Vec<TextRange>,
    /// Code, HTML, images and link destinations: never analysed. Sorted.
    pub masked: Vec<TextRange>,
    pub errors: Vec<SyntaxError>,
    /// The runs of inline text handed to the scanner: kept only so that a
    /// reused `Parse` (see [`parse_into`]) keeps this list's capacity too.
    groups: Vec<Group>,
}

impl Parse {
    /// Empties every list, keeping its capacity.
    fn clear(&mut self) {
        // Every field, by name: a field added to `Parse` must be cleared here
        // too, or this stops compiling.
        let Parse {
            front_matter,
            mentions,
            quotations,
            attributes,
            attr_items,
            prose,
            masked,
            errors,
            groups,
        } = self;
        *front_matter = None;
        mentions.clear();
        quotations.clear();
        attributes.clear();
        attr_items.clear();
        prose.clear();
        masked.clear();
        errors.clear();
        groups.clear();
    }

    /// The items of an attribute block, in order.
    pub fn items(&self, block: &AttrBlock) -> &[AttrItem] {
        &self.attr_items[block.items.clone()]
    }
}

/// `---` … `---` at byte 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterBlock {
    /// The whole block, fences included.
    pub range: TextRange,
    /// The YAML between the fences.
    pub yaml: TextRange,
}

/// `[text](@id)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkMention {
    pub range: TextRange,
    pub text: TextRange,
    /// The id after `@` (may be empty or break the id grammar).
    pub id: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// “…” or "…"
    Double,
    /// ‘…’ or '…', only inside a double quotation.
    Single,
    /// A `>` block quote.
    Block,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotationSyntax {
    pub kind: QuoteKind,
    /// From the opening mark to the closing mark, both included.
    pub range: TextRange,
    /// One range per paragraph for a quote that runs over several; empty for
    /// a quote of one paragraph, whose one segment is `range` (no allocation
    /// for the common case). Read it through [`Self::segments`].
    pub more_segments: Vec<TextRange>,
    /// The quotation this one is nested in (a quote inside a quote).
    pub parent: Option<usize>,
    /// The block attached to it by shorthand or as a block quote's last line.
    pub attribute: Option<usize>,
}

impl QuotationSyntax {
    /// One range per paragraph the quotation runs over.
    pub fn segments(&self) -> &[TextRange] {
        segments(&self.range, &self.more_segments)
    }
}

/// The paragraphs of a quotation stored as its range and the segments of a
/// quote of several paragraphs (none for one): the syntax and the model
/// both keep them so.
pub fn segments<'a>(range: &'a TextRange, more: &'a [TextRange]) -> &'a [TextRange] {
    if more.is_empty() {
        std::slice::from_ref(range)
    } else {
        more
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrBlock {
    /// From `{` to `}` included.
    pub range: TextRange,
    /// Where its items lie in the article's list (read them through
    /// [`Parse::items`]).
    items: std::ops::Range<usize>,
    pub target: AttrTarget,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrTarget {
    /// Shorthand after a closing mark, or a block quote's last line.
    Quotation(usize),
    /// `[text]{…}`: the span with its brackets (see [`AttrTarget::span_inner`]).
    Span { range: TextRange },
}

impl AttrTarget {
    /// The text inside a span's brackets (not stored: every workspace holds
    /// hundreds of thousands of attributions).
    pub fn span_inner(range: TextRange) -> TextRange {
        TextRange::new(
            range.start() + 1,
            range.end().saturating_sub(1).max(range.start() + 1),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// NM004.
    Unbalanced,
    /// NM005.
    Malformed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub range: TextRange,
    pub message: String,
    pub help: String,
}

/// One run of inline content, as the scanner sees it.
#[derive(Clone, Debug)]
struct Group {
    range: TextRange,
    paragraph: bool,
    /// Index (in `quotations`) of the block quote this group is the last run of.
    ends_block_quote: Option<usize>,
    /// The innermost block quote holding the group, by order of opening.
    block_quote: Option<usize>,
}

pub fn parse(text: &str) -> Parse {
    let mut parse = Parse::default();
    parse_into(text, &mut parse);
    parse
}

/// [`parse`] into a `Parse` that may hold an earlier article's results: they
/// are cleared, and the lists keep their capacity. A loop over many articles
/// that reuses one `Parse` grows its lists a few times in all rather than a
/// few dozen times per article.
pub fn parse_into(text: &str, parse: &mut Parse) {
    parse.clear();
    let body_start = match front_matter(text) {
        FrontMatter::None => 0,
        FrontMatter::Closed(block) => {
            let end = block.range.end();
            parse.front_matter = Some(block);
            end
        }
        FrontMatter::Unclosed(fence) => {
            parse.errors.push(SyntaxError {
                kind: SyntaxErrorKind::Malformed,
                range: fence,
                message: "the front matter is never closed".into(),
                help: "end the front matter with a line holding only `---`".into(),
            });
            0
        }
    };
    let mut groups = std::mem::take(&mut parse.groups);
    structure(text, body_start, parse, &mut groups);
    scan::scan(text, &groups, parse);
    parse.groups = groups;
}

/// The front matter block of a text, if it has a closed one: what [`parse`]
/// finds first, without reading the rest of the text.
pub fn front_matter_block(text: &str) -> Option<FrontMatterBlock> {
    match front_matter(text) {
        FrontMatter::Closed(block) => Some(block),
        FrontMatter::None | FrontMatter::Unclosed(_) => None,
    }
}

enum FrontMatter {
    None,
    Closed(FrontMatterBlock),
    Unclosed(TextRange),
}

fn front_matter(text: &str) -> FrontMatter {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return FrontMatter::None;
    }
    let yaml_start = start + first_line_end;
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return FrontMatter::Closed(FrontMatterBlock {
                range: TextRange::new(0, line_end),
                yaml: TextRange::new(yaml_start, line_start),
            });
        }
        line_start = line_end;
    }
    FrontMatter::Unclosed(TextRange::new(start, start + 3))
}

/// Walks the Markdown structure of the body: collects mentions, masks, block
/// quotes and the runs of inline text for the scanner.
fn structure(text: &str, body_start: usize, parse: &mut Parse, groups: &mut Vec<Group>) {
    let body = &text[body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut current: Option<Group> = None;
    // Open block quotes: their index in `parse.quotations`.
    let mut quotes_open: Vec<usize> = Vec::new();
    // Open block quotes nested past `scan::MAX_DEPTH`: not quotations, as
    // nesting that deep is not real text (their text is the deepest kept's).
    let mut too_deep = 0usize;
    // Innermost leaf block is a paragraph?
    let mut in_paragraph = false;
    // Open links: (start, end, greatest child end, mention destination?).
    let mut links: Vec<(usize, usize, usize, bool)> = Vec::new();
    // While inside a code block or image, nothing counts as prose.
    let mut opaque = 0usize;

    let flush = |current: &mut Option<Group>, groups: &mut Vec<Group>| {
        if let Some(g) = current.take() {
            groups.push(g);
        }
    };

    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = TextRange::new(range.start + body_start, range.end + body_start);
        for link in links.iter_mut() {
            if range.start() > link.0 && range.end() < link.1 {
                link.2 = link.2.max(range.end());
            }
        }
        let inline = match &event {
            Event::Start(tag) => match tag {
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript => true,
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } => {
                    let mention =
                        dest_url.starts_with('@') && matches!(link_type, LinkType::Inline);
                    if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                        parse.masked.push(range);
                    }
                    links.push((range.start(), range.end(), range.start() + 1, mention));
                    true
                }
                Tag::Image { .. } => {
                    parse.masked.push(range);
                    opaque += 1;
                    true
                }
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    flush(&mut current, groups);
                    parse.masked.push(range);
                    opaque += 1;
                    false
                }
                Tag::BlockQuote(_) if quotes_open.len() >= scan::MAX_DEPTH => {
                    too_deep += 1;
                    false
                }
                Tag::BlockQuote(_) => {
                    flush(&mut current, groups);
                    let range = TextRange::new(
                        range.start(),
                        range.start() + range.slice(text).trim_end().len(),
                    );
                    quotes_open.push(parse.quotations.len());
                    parse.quotations.push(QuotationSyntax {
                        kind: QuoteKind::Block,
                        range,
                        more_segments: Vec::new(),
                        parent: None,
                        attribute: None,
                    });
                    false
                }
                Tag::Paragraph => {
                    flush(&mut current, groups);
                    in_paragraph = true;
                    false
                }
                _ => {
                    flush(&mut current, groups);
                    in_paragraph = false;
                    false
                }
            },
            Event::End(tag) => match tag {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript => true,
                TagEnd::Link => {
                    if let Some((start, end, child_end, mention)) = links.pop() {
                        end_link(text, TextRange::new(start, end), child_end, mention, parse);
                    }
                    true
                }
                TagEnd::Image => {
                    opaque = opaque.saturating_sub(1);
                    true
                }
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    opaque = opaque.saturating_sub(1);
                    false
                }
                TagEnd::BlockQuote(_) if too_deep > 0 => {
                    too_deep -= 1;
                    false
                }
                TagEnd::BlockQuote(_) => {
                    flush(&mut current, groups);
                    if let Some(q) = quotes_open.pop() {
                        // The last run of text inside the block quote may carry its attribution.
                        if let Some(last) = groups.last_mut()
                            && parse.quotations[q].range.contains_range(last.range)
                        {
                            last.ends_block_quote = Some(q);
                        }
                    }
                    false
                }
                _ => {
                    flush(&mut current, groups);
                    in_paragraph = false;
                    false
                }
            },
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                parse.masked.push(range);
                true
            }
            Event::Html(_) => {
                parse.masked.push(range);
                false
            }
            Event::Text(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => true,
            Event::Rule => false,
        };
        if inline && opaque == 0 {
            match &mut current {
                Some(g) => g.range = g.range.cover(range),
                None => {
                    current = Some(Group {
                        range,
                        paragraph: in_paragraph,
                        ends_block_quote: None,
                        block_quote: quotes_open.last().copied(),
                    })
                }
            }
        }
    }
    flush(&mut current, groups);
    parse.masked.sort();
    parse.prose.extend(groups.iter().map(|g| g.range));
}

/// Records a mention and masks the link's destination (everything after `]`).
fn end_link(text: &str, range: TextRange, child_end: usize, mention: bool, parse: &mut Parse) {
    let bytes = text.as_bytes();
    if bytes.get(child_end) != Some(&b']') {
        return;
    }
    let dest = TextRange::new(child_end + 1, range.end());
    parse.masked.push(dest);
    if !mention {
        return;
    }
    let src = dest.slice(text);
    let Some(at) = src.find('@') else { return };
    let id_start = dest.start() + at + 1;
    let id_len = text[id_start..range.end()]
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .unwrap_or(range.end() - id_start);
    parse.mentions.push(LinkMention {
        range,
        text: TextRange::new(range.start() + 1, child_end),
        id: TextRange::new(id_start, id_start + id_len),
    });
}

#[cfg(test)]
mod tests;

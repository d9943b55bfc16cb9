//! The annotation scanner: quotation marks, `[span]`s and attribute blocks,
//! read from the source of each run of inline text, skipping masked ranges.
//!
//! Hand-written because no Markdown crate pairs quotation marks: pulldown-cmark
//! only does smart punctuation, which rewrites the marks instead of pairing them.

use super::attr;
use super::{
    AttrBlock, AttrTarget, Group, Parse, QuotationSyntax, QuoteKind, SyntaxError, SyntaxErrorKind,
};
use crate::text::{self, TextRange};

/// Quotes nested deeper than this are not real text; their marks are ignored,
/// which bounds memory on hostile input.
pub(super) const MAX_DEPTH: usize = 16;
/// Syntax problems reported per file at most; past this the file is not text
/// anyone annotated by hand, and listing more would only cost memory.
const MAX_ERRORS: usize = 1000;
/// Unclosed `[` remembered at most (as many nested spans is not real text).
const MAX_BRACKETS: usize = 256;

/// An opening mark still waiting for its closing mark.
struct Open {
    kind: QuoteKind,
    straight: bool,
    /// The opening mark of the first paragraph.
    mark: TextRange,
    /// Paragraphs already finished, for a quote that runs over several.
    segments: Vec<TextRange>,
    segment_start: usize,
    children: Vec<usize>,
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    masks: Vec<TextRange>,
    mask_at: usize,
    /// The unclosed `[` of the current run of text, kept here so that
    /// every run reuses one list.
    brackets: Vec<usize>,
    significant: Significant,
    parse: &'a mut Parse,
}

pub(super) fn scan(text: &str, groups: &[Group], parse: &mut Parse) {
    let masks = text::merge_sorted(parse.masked.iter().copied());
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        masks,
        mask_at: 0,
        brackets: Vec::new(),
        significant: Significant::new(),
        parse,
    };
    let mut carried: Option<Open> = None;
    // The open quotations of the current run of text (emptied after each).
    let mut stack: Vec<Open> = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let mut start = group.range.start();
        if let Some(mut open) = carried.take() {
            // The opening mark of a continued paragraph belongs to the same quote.
            let mark_len = opening_mark_len(text, start);
            open.segment_start = start;
            start += mark_len;
            stack.push(open);
        }
        s.group(group, start, &mut stack);
        // What is still open at the end of the paragraph.
        let continues = group.paragraph
            && groups.get(i + 1).is_some_and(|next| {
                next.paragraph
                    && next.block_quote == group.block_quote
                    && opening_mark_len(text, next.range.start()) > 0
            });
        let mut rest = stack.drain(..).filter(|o| o.kind == QuoteKind::Double);
        if let Some(mut first) = rest.next() {
            if continues {
                first
                    .segments
                    .push(TextRange::new(first.segment_start, group.range.end()));
                carried = Some(first);
            } else {
                s.unclosed(&first);
            }
        }
        for open in rest {
            s.unclosed(&open);
        }
    }
    if let Some(open) = carried {
        s.unclosed(&open);
    }
}

/// Length of a double opening mark at `at`, or 0.
fn opening_mark_len(text: &str, at: usize) -> usize {
    let rest = &text[at.min(text.len())..];
    if rest.starts_with('“') {
        '“'.len_utf8()
    } else if rest.starts_with('"') {
        1
    } else {
        0
    }
}

/// Where the next byte the scanner acts on lies: `\\`, `"`, `'`, `[`, `]`,
/// `{`, or 0xE2, the lead byte of the curly quotation marks. Everything else
/// is skipped in bulk.
///
/// The bytes fall in three sets, each searched for with `memchr` (vector
/// code) and its next position remembered until the scanner passes it, so
/// each set is searched through the text about once, however often the
/// scanner stops.
struct Significant {
    /// Per set: where the last search started, and the first hit at or
    /// after it (the text's length for none).
    next: [(usize, usize); 3],
}

impl Significant {
    fn new() -> Self {
        // Searched from past any text: every set is searched on first use.
        Significant {
            next: [(usize::MAX, 0); 3],
        }
    }

    /// The first significant byte at or after `p` and before `limit`.
    fn find(&mut self, bytes: &[u8], p: usize, limit: usize) -> Option<usize> {
        let mut first = bytes.len();
        for (set, (from, at)) in self.next.iter_mut().enumerate() {
            if p < *from || *at < p {
                let rest = bytes.get(p..).unwrap_or_default();
                let hit = match set {
                    0 => memchr::memchr3(b'[', b']', b'{', rest),
                    1 => memchr::memchr3(0xE2, b'"', b'\'', rest),
                    _ => memchr::memchr(b'\\', rest),
                };
                *from = p;
                *at = hit.map_or(bytes.len(), |i| p + i);
            }
            first = first.min(*at);
        }
        (first < limit.min(bytes.len())).then_some(first)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    OpenDouble,
    CloseDouble,
    StraightDouble,
    OpenSingle,
    CloseSingle,
    StraightSingle,
}

fn is_opening_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\''
                )
        }
    }
}

impl Scanner<'_> {
    fn masked_end(&mut self, p: usize) -> Option<usize> {
        while self.mask_at < self.masks.len() && self.masks[self.mask_at].end() <= p {
            self.mask_at += 1;
        }
        let m = self.masks.get(self.mask_at)?;
        (m.start() <= p).then_some(m.end())
    }

    fn prev_char(&self, p: usize) -> Option<char> {
        self.text[..p].chars().next_back()
    }

    fn next_char(&self, p: usize) -> Option<char> {
        self.text[p..].chars().next()
    }

    fn error(&mut self, kind: SyntaxErrorKind, range: TextRange, message: String, help: &str) {
        if self.parse.errors.len() > MAX_ERRORS {
            return;
        }
        if self.parse.errors.len() == MAX_ERRORS {
            self.parse.errors.push(SyntaxError {
                kind: SyntaxErrorKind::Malformed,
                range,
                message: format!("more than {MAX_ERRORS} annotation problems; the rest of the file is not reported"),
                help: "fix the problems above and check again".into(),
            });
            return;
        }
        self.parse.errors.push(SyntaxError {
            kind,
            range,
            message,
            help: help.to_string(),
        });
    }

    fn unclosed(&mut self, open: &Open) {
        self.error(
            SyntaxErrorKind::Unbalanced,
            open.mark,
            "this quotation mark is never closed".into(),
            "add the closing mark where the quote ends; a quote that runs on into the next paragraph needs that paragraph to open with a quotation mark",
        );
    }

    fn group(&mut self, group: &Group, start: usize, stack: &mut Vec<Open>) {
        let end = group.range.end();
        let mut brackets = std::mem::take(&mut self.brackets);
        brackets.clear();
        let mut p = start;
        while p < end {
            if let Some(m) = self.masked_end(p) {
                p = m.max(p + 1);
                continue;
            }
            // Jump over ordinary bytes, up to the next mask at most.
            let limit = self
                .masks
                .get(self.mask_at)
                .map_or(end, |m| m.start().clamp(p, end));
            match self.significant.find(self.bytes, p, limit) {
                Some(at) => p = at,
                None => {
                    p = limit.max(p + 1);
                    continue;
                }
            }
            let b = self.bytes[p];
            let (mark, len) = match b {
                b'\\' => {
                    let skip = match self.bytes.get(p + 1) {
                        Some(n) if n.is_ascii_punctuation() => 2,
                        _ => 1,
                    };
                    p += skip;
                    continue;
                }
                b'"' => (Mark::StraightDouble, 1),
                // Single marks act only inside a quotation; outside, an
                // apostrophe is the commonest mark and needs no more look.
                b'\'' if stack.is_empty() => {
                    p += 1;
                    continue;
                }
                b'\'' => (Mark::StraightSingle, 1),
                b'[' => {
                    if brackets.len() < MAX_BRACKETS {
                        brackets.push(p);
                    }
                    p += 1;
                    continue;
                }
                b']' => {
                    p = self.close_bracket(p, end, &mut brackets);
                    continue;
                }
                b'{' => {
                    p = self.loose_block(group, p);
                    continue;
                }
                0xE2 if self.bytes.get(p + 1) == Some(&0x80) => match self.bytes.get(p + 2) {
                    Some(0x9C) => (Mark::OpenDouble, 3),
                    Some(0x9D) => (Mark::CloseDouble, 3),
                    Some(0x98 | 0x99) if stack.is_empty() => {
                        p += 3;
                        continue;
                    }
                    Some(0x98) => (Mark::OpenSingle, 3),
                    Some(0x99) => (Mark::CloseSingle, 3),
                    _ => {
                        p += 1;
                        continue;
                    }
                },
                _ => {
                    p += 1;
                    continue;
                }
            };
            let mark_range = TextRange::new(p, p + len);
            p += len;
            if let Some(closed) = self.mark(mark, mark_range, stack) {
                p = self.after_close(closed, p, end);
            }
        }
        self.brackets = brackets;
    }

    /// Applies one quotation mark; returns the quotation it closed, if any.
    fn mark(&mut self, mark: Mark, at: TextRange, stack: &mut Vec<Open>) -> Option<usize> {
        let prev = self.prev_char(at.start());
        let next = self.next_char(at.end());
        let opener_ok = next.is_some_and(|c| !c.is_whitespace()) && is_opening_context(prev);
        let closer_ok = prev.is_some_and(|c| !c.is_whitespace());
        let in_double = stack.iter().any(|o| o.kind == QuoteKind::Double);
        let full = stack.len() >= MAX_DEPTH;
        let open = |kind, straight| Open {
            kind,
            straight,
            mark: at,
            segments: Vec::new(),
            segment_start: at.start(),
            children: Vec::new(),
        };
        match mark {
            Mark::OpenDouble | Mark::OpenSingle | Mark::StraightSingle if full => {}
            Mark::OpenDouble => stack.push(open(QuoteKind::Double, false)),
            Mark::CloseDouble => match stack.iter().rposition(|o| o.kind == QuoteKind::Double) {
                Some(i) => return Some(self.close(stack, i, at.end())),
                None => self.error(
                    SyntaxErrorKind::Unbalanced,
                    at,
                    "this closing quotation mark has no opening mark".into(),
                    "add the opening mark `“` where the quote starts, or remove this one",
                ),
            },
            Mark::StraightDouble => {
                let open_straight = stack
                    .iter()
                    .rposition(|o| o.kind == QuoteKind::Double && o.straight);
                match open_straight {
                    Some(i) if closer_ok || !opener_ok => {
                        return Some(self.close(stack, i, at.end()));
                    }
                    _ if opener_ok && !full => stack.push(open(QuoteKind::Double, true)),
                    // An inch mark or a stray: not a quotation mark.
                    _ => {}
                }
            }
            Mark::OpenSingle if in_double => stack.push(open(QuoteKind::Single, false)),
            Mark::CloseSingle => {
                let apostrophe = next.is_some_and(char::is_alphanumeric);
                if !apostrophe && stack.last().is_some_and(|o| o.kind == QuoteKind::Single) {
                    return Some(self.close(stack, stack.len() - 1, at.end()));
                }
            }
            Mark::StraightSingle if in_double => {
                let top_single = stack.last().is_some_and(|o| o.kind == QuoteKind::Single);
                if opener_ok
                    && next.is_some_and(char::is_alphabetic)
                    && !prev.is_some_and(char::is_alphanumeric)
                {
                    stack.push(open(QuoteKind::Single, true));
                } else if top_single && closer_ok && !next.is_some_and(char::is_alphanumeric) {
                    return Some(self.close(stack, stack.len() - 1, at.end()));
                }
            }
            Mark::OpenSingle | Mark::StraightSingle => {}
        }
        None
    }

    /// Closes `stack[i]` at `end` (frames above it were never closed and are
    /// dropped); returns the new quotation's index.
    fn close(&mut self, stack: &mut Vec<Open>, i: usize, end: usize) -> usize {
        stack.truncate(i + 1);
        let open = stack.pop().expect("index checked by caller");
        let index = self.parse.quotations.len();
        // A quotation of one paragraph lists no segments (see
        // `QuotationSyntax::more_segments`).
        let mut segments = open.segments;
        if !segments.is_empty() {
            segments.push(TextRange::new(open.segment_start, end));
        }
        for &child in &open.children {
            self.parse.quotations[child].parent = Some(index);
        }
        self.parse.quotations.push(QuotationSyntax {
            kind: open.kind,
            range: TextRange::new(open.mark.start(), end),
            more_segments: segments,
            parent: None,
            attribute: None,
        });
        if let Some(parent) = stack.last_mut() {
            parent.children.push(index);
        }
        index
    }

    /// After a closing mark: a `{` right there attaches to the quotation.
    fn after_close(&mut self, quotation: usize, p: usize, end: usize) -> usize {
        if self.bytes.get(p) != Some(&b'{') || self.masked_end(p).is_some() {
            return p;
        }
        match self.block(p, end, AttrTarget::Quotation(quotation)) {
            Some(block_end) => block_end,
            None => p + 1,
        }
    }

    fn close_bracket(&mut self, p: usize, end: usize, brackets: &mut Vec<usize>) -> usize {
        let opened = brackets.pop();
        let after = p + 1;
        if self.bytes.get(after) != Some(&b'{') || self.masked_end(after).is_some() {
            return after;
        }
        match opened {
            Some(open) => {
                let target = AttrTarget::Span {
                    range: TextRange::new(open, after),
                };
                self.block(after, end, target).unwrap_or(after + 1)
            }
            None => {
                let block_end = attr::find_end(self.text, after, end).unwrap_or_else(|stop| stop);
                self.error(
                    SyntaxErrorKind::Malformed,
                    TextRange::new(p, block_end),
                    "this `]` has no `[` before it, so the attribute block is attached to nothing"
                        .into(),
                    "put `[` where the span starts: `[the words]{@speaker}`",
                );
                block_end
            }
        }
    }

    /// Parses a block at `open` (a `{`) for `target`; `None` when unterminated.
    fn block(&mut self, open: usize, limit: usize, target: AttrTarget) -> Option<usize> {
        let end = match attr::find_end(self.text, open, limit) {
            Ok(end) => end,
            Err(stop) => {
                self.unterminated(open, stop);
                return None;
            }
        };
        let range = TextRange::new(open, end);
        let first = self.parse.attr_items.len();
        let errors = attr::parse_items(self.text, range, &mut self.parse.attr_items);
        let items = first..self.parse.attr_items.len();
        for e in errors {
            self.error(SyntaxErrorKind::Malformed, e.range, e.message, &e.help);
        }
        if let AttrTarget::Quotation(q) = target {
            self.parse.quotations[q].attribute = Some(self.parse.attributes.len());
        }
        self.parse.attributes.push(AttrBlock {
            range,
            items,
            target,
        });
        Some(end)
    }

    fn unterminated(&mut self, open: usize, limit: usize) {
        let line_end = self.text[open..limit]
            .find(['\n', '\r'])
            .map_or(limit, |i| open + i);
        self.error(
            SyntaxErrorKind::Malformed,
            TextRange::new(open, line_end.max(open + 1)),
            "this attribute block is never closed".into(),
            "end the block with `}` on the same line",
        );
    }

    /// A `{` not right after a closing mark or `]`: a block quote's attribution
    /// line, a misplaced attribute block, or plain text.
    fn loose_block(&mut self, group: &Group, p: usize) -> usize {
        let looks_like_block = match self.next_char(p + 1) {
            Some('@') => true,
            Some('.') => self.next_char(p + 2).is_some_and(char::is_alphabetic),
            _ => false,
        };
        if !looks_like_block {
            return p + 1;
        }
        let end = group.range.end();
        let block_end = match attr::find_end(self.text, p, end) {
            Ok(block_end) => block_end,
            Err(stop) => {
                self.unterminated(p, stop);
                return p + 1;
            }
        };
        // Only the group's last block can be a block quote's attribution line;
        // test that first, so the walk back to the line start happens once.
        if let Some(q) = group.ends_block_quote
            && self.text[block_end..end].trim().is_empty()
        {
            let line_start = self.text[..p]
                .rfind(['\n', '\r'])
                .map_or(group.range.start(), |i| i + 1);
            let alone = self.text[line_start.max(group.range.start())..p]
                .chars()
                .all(|c| c.is_whitespace() || c == '>');
            if alone {
                return self
                    .block(p, end, AttrTarget::Quotation(q))
                    .unwrap_or(p + 1);
            }
        }
        let after_space = self.text[..p].trim_end_matches([' ', '\t']);
        let help = if after_space.len() < p && (after_space.ends_with(['”', '"', '’', ']'])) {
            "remove the space: the block must follow the closing mark or `]` directly"
        } else {
            "put the block directly after a closing quotation mark (`“…”{@id}`), wrap the words in brackets (`[words]{@id}`), or make it the last line of a block quote"
        };
        self.error(
            SyntaxErrorKind::Malformed,
            TextRange::new(p, block_end),
            "this attribute block is attached to nothing".into(),
            help,
        );
        block_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_search_finds_the_first_significant_byte_in_any_order_of_queries(
            // Mostly ordinary bytes, so that runs between hits are long.
            bytes in proptest::collection::vec(prop_oneof![30 => Just(b'x'), 1 => any::<u8>()], 0..300),
            queries in proptest::collection::vec((0usize..320, 0usize..320), 1..20),
        ) {
            let mut significant = Significant::new();
            for (p, limit) in queries {
                let p = p.min(bytes.len());
                let naive = bytes[p..limit.clamp(p, bytes.len())]
                    .iter()
                    .position(|b| b"\\\"'[]{\xE2".contains(b))
                    .map(|i| p + i);
                prop_assert_eq!(significant.find(&bytes, p, limit), naive);
            }
        }
    }
}

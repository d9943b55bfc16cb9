//! An article's prose without its annotations: the front matter (and the
//! line break after it) goes, attribute blocks go (a block quote's `> {…}`
//! line with its line break), mention links and attributed spans become
//! their text. What `annotate` adds is exactly what this removes, so
//! `strip(annotate(x)) == strip(x)`, and a raw article is its own strip.

use crate::model;
use crate::syntax::{AttrTarget, QuoteKind};
use crate::text::TextRange;

pub fn strip(text: &str) -> String {
    let article = model::lower(text);
    let mut cuts: Vec<TextRange> = Vec::new();
    if let Some(r) = article.meta.range {
        // The range starts at 0, before a byte-order mark, which stays.
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        cuts.push(TextRange::new(
            start,
            r.end() + line_break(&text[r.end()..]),
        ));
    }
    for a in &article.attributions {
        let block_quote = matches!(a.target, AttrTarget::Quotation(q)
            if article.quotations.get(q).is_some_and(|q| q.kind == QuoteKind::Block));
        if !block_quote {
            cuts.push(a.range);
            if let AttrTarget::Span { range } = a.target {
                let inner = AttrTarget::span_inner(range);
                cuts.push(TextRange::new(range.start(), inner.start()));
                cuts.push(TextRange::new(inner.end(), range.end()));
            }
            continue;
        }
        let line_start = text[..a.range.start()]
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1);
        let rest_of_line = text[a.range.end()..]
            .split(['\n', '\r'])
            .next()
            .unwrap_or("");
        let alone = line_start > 0
            && text[line_start..a.range.start()]
                .chars()
                .all(|c| c == '>' || c == ' ' || c == '\t')
            && text[line_start..a.range.start()].contains('>')
            && rest_of_line.trim().is_empty();
        if alone {
            // `> {@x}` closes a block quote: the line goes with the break
            // before it. (Spaces after the block stay: they may be the
            // last line's, when the block was added after its text.)
            let before = &text[..line_start];
            let brk = if before.ends_with("\r\n") { 2 } else { 1 };
            cuts.push(TextRange::new(line_start - brk, a.range.end()));
            continue;
        }
        cuts.push(a.range);
    }
    for m in &article.mentions {
        cuts.push(TextRange::new(m.range.start(), m.text.start()));
        cuts.push(TextRange::new(m.text.end(), m.range.end()));
    }
    cuts.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for c in cuts {
        if c.start() >= at {
            out.push_str(&text[at..c.start()]);
            at = c.end();
        } else if c.end() > at {
            at = c.end();
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The length of the line break `s` starts with, if any.
fn line_break(s: &str) -> usize {
    if s.starts_with("\r\n") {
        2
    } else if s.starts_with(['\n', '\r']) {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn annotations_go_and_the_words_stay() {
        assert_eq!(
            strip(
                "---\ntitle: T\n---\n\n“A,”{@lopez} [Lopez](@lopez) said. “B.”{@} A “fig”{.scare} and [her “view”]{@kim .partial}.\n\n> Post\n> {@x via=post}\n\nEnd.\n"
            ),
            "“A,” Lopez said. “B.” A “fig” and her “view”.\n\n> Post\n\nEnd.\n"
        );
        let raw = "Plain [link](https://example.com) and {braces} stay.\r\n";
        assert_eq!(strip(raw), raw);
    }
}

//! The attribute block `{@id .class key=value}`: tokenising one block of source.
//!
//! Grammar (see grammar/SPEC.md): items separated by spaces or tabs, on one line,
//! at most [`MAX_BLOCK`] bytes, no `{` outside a quoted value. Values may be double-quoted with `\"` and `\\`.

use crate::text::TextRange;
use smol_str::SmolStr;

/// Longest attribute block looked for; a `{` with no `}` within this many bytes
/// on its line is reported as unterminated.
pub const MAX_BLOCK: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttrItem {
    /// `@id`, or `@` alone (the previous speaker): `id` is the range after `@`.
    Speaker {
        range: TextRange,
        id: Option<TextRange>,
    },
    /// `.name`: `name` is the range after the dot.
    Class { range: TextRange, name: TextRange },
    /// `key=value`; `value` is the raw source (quotes included) and `text` the
    /// value with quotes and escapes removed (inline when short).
    Pair {
        range: TextRange,
        key: TextRange,
        value: TextRange,
        text: SmolStr,
    },
}

impl AttrItem {
    pub fn range(&self) -> TextRange {
        match self {
            AttrItem::Speaker { range, .. }
            | AttrItem::Class { range, .. }
            | AttrItem::Pair { range, .. } => *range,
        }
    }
}

/// A problem inside one block, reported as NM005.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrError {
    pub range: TextRange,
    pub message: String,
    pub help: String,
}

/// Where the block opened at `open` (a `{`) ends: `Ok(end)` just after its
/// `}`, or `Err(stop)` where the search gave up: the end of the line, another
/// `{` outside a quoted value, `limit`, or [`MAX_BLOCK`] bytes. Stopping at the
/// next `{` keeps a run of unclosed braces linear to scan.
pub fn find_end(text: &str, open: usize, limit: usize) -> Result<usize, usize> {
    let bytes = text.as_bytes();
    let stop = limit.min(open + MAX_BLOCK).min(text.len());
    let mut i = open + 1;
    let mut quoted = false;
    while i < stop {
        match bytes[i] {
            b'\n' | b'\r' => return Err(i),
            b'\\' if quoted => i += 1,
            b'"' => quoted = !quoted,
            b'{' if !quoted => return Err(i),
            b'}' if !quoted => return Ok(i + 1),
            _ => {}
        }
        i += 1;
    }
    // `MAX_BLOCK` bytes on may be inside a character.
    Err(crate::text::floor_char_boundary(text, stop)
        .max(open + 1)
        .min(text.len()))
}

/// Tokenises the block `text[range]` (braces included): appends its items to
/// `items` and returns its problems.
pub fn parse_items(text: &str, range: TextRange, items: &mut Vec<AttrItem>) -> Vec<AttrError> {
    let bytes = text.as_bytes();
    let end = range.end() - 1; // the closing brace
    let mut errors = Vec::new();
    let mut i = range.start() + 1;
    loop {
        while i < end && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        if i >= end {
            break;
        }
        let start = i;
        // A token runs to the next space outside a quoted value.
        let mut quoted = false;
        while i < end && (quoted || !matches!(bytes[i], b' ' | b'\t')) {
            match bytes[i] {
                b'\\' if quoted => i += 1,
                b'"' => quoted = !quoted,
                _ => {}
            }
            i += 1;
        }
        let i_end = i.min(end);
        let token = TextRange::new(start, i_end);
        match item(text, token) {
            Ok(it) => items.push(it),
            Err(e) => errors.push(e),
        }
        i = i_end;
    }
    errors
}

fn item(text: &str, range: TextRange) -> Result<AttrItem, AttrError> {
    let src = range.slice(text);
    if let Some(rest) = src.strip_prefix('@') {
        let id = (!rest.is_empty()).then(|| TextRange::new(range.start() + 1, range.end()));
        return Ok(AttrItem::Speaker { range, id });
    }
    if let Some(rest) = src.strip_prefix('.') {
        if rest.is_empty() {
            return Err(AttrError {
                range,
                message: "a `.` with no class name".into(),
                help: "write a class such as `.partial` or `.scare`, or remove the dot".into(),
            });
        }
        let name = TextRange::new(range.start() + 1, range.end());
        return Ok(AttrItem::Class { range, name });
    }
    if let Some(eq) = src.find('=') {
        let key = TextRange::new(range.start(), range.start() + eq);
        let value = TextRange::new(range.start() + eq + 1, range.end());
        let raw = value.slice(text);
        if key.is_empty() {
            return Err(AttrError {
                range,
                message: format!("`{src}` has no key before `=`"),
                help: "write `key=value`, for example `via=statement`".into(),
            });
        }
        let text_value = match raw.strip_prefix('"') {
            Some(inner) => match inner.strip_suffix('"') {
                Some(inner) if !inner.ends_with('\\') || inner.ends_with("\\\\") => {
                    SmolStr::from(unescape(inner))
                }
                _ => {
                    return Err(AttrError {
                        range: value,
                        message: "a quoted value is not closed".into(),
                        help: "end the value with `\"`".into(),
                    });
                }
            },
            None if raw.contains('"') => {
                return Err(AttrError {
                    range: value,
                    message: format!("`{raw}` mixes quoted and unquoted text"),
                    help: "quote the whole value: key=\"…\"".into(),
                });
            }
            None => SmolStr::new(raw),
        };
        return Ok(AttrItem::Pair {
            range,
            key,
            value,
            text: text_value,
        });
    }
    Err(AttrError {
        range,
        message: format!("`{src}` is not an attribute"),
        help: "an attribute block holds `@speaker`, `.class` and `key=value` items separated by spaces".into(),
    })
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n @ ('"' | '\\')) => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(src: &str) -> String {
        let end = find_end(src, 0, src.len()).expect("closed");
        let mut items = Vec::new();
        let errors = parse_items(src, TextRange::new(0, end), &mut items);
        let mut out: Vec<String> = items
            .iter()
            .map(|it| match it {
                AttrItem::Speaker { id, .. } => {
                    format!("speaker({})", id.map_or("", |r| r.slice(src)))
                }
                AttrItem::Class { name, .. } => format!("class({})", name.slice(src)),
                AttrItem::Pair { key, text, .. } => format!("{}={text}", key.slice(src)),
            })
            .collect();
        out.extend(
            errors
                .iter()
                .map(|e| format!("error({})", e.range.slice(src))),
        );
        out.join(" ")
    }

    #[test]
    fn tokens() {
        assert_eq!(
            items("{@lopez .partial to=@group-1}"),
            "speaker(lopez) class(partial) to=@group-1"
        );
        assert_eq!(items("{ @ }"), "speaker()");
        assert_eq!(
            items(r#"{url="a b}c" date=2021-05-24}"#),
            "url=a b}c date=2021-05-24"
        );
        assert_eq!(items(r#"{x="say \"hi\""}"#), r#"x=say "hi""#);
        assert_eq!(items("{lopez . =x}"), "error(lopez) error(.) error(=x)");
        assert_eq!(items("{}"), "");
    }

    #[test]
    fn blocks_end_on_their_line() {
        assert_eq!(find_end("{@a}", 0, 4), Ok(4));
        assert_eq!(find_end("{@a\n}", 0, 5), Err(3));
        assert_eq!(find_end("{@a", 0, 3), Err(3));
        assert_eq!(find_end("{@a {@b}", 0, 8), Err(4));
        assert_eq!(find_end(r#"{x="}{"}"#, 0, 8), Ok(8));
    }
}

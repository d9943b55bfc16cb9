//! A small YAML tree with byte ranges, built from `saphyr-parser` events.
//!
//! Hand-written on purpose: the serde front ends lose source positions, and
//! go-to-definition must land on an id's own line. Aliases are never expanded
//! (they become [`Node::Alias`]), so an alias bomb costs nothing; a syntax error
//! keeps the tree built so far and reports where parsing stopped.

use crate::text::TextRange;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use smol_str::SmolStr;

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Scalar(Scalar),
    Seq(Vec<Node>, TextRange),
    Map(Vec<(Node, Node)>, TextRange),
    /// `*name`: not expanded, reported by the reader that meets it.
    Alias(TextRange),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// Inline when short (most ids, names and kinds are), so reading a
    /// registry allocates little.
    pub value: SmolStr,
    /// Plain (unquoted) scalars may mean null or a boolean.
    pub plain: bool,
    pub range: TextRange,
}

impl Node {
    pub fn range(&self) -> TextRange {
        match self {
            Node::Scalar(s) => s.range,
            Node::Seq(_, r) | Node::Map(_, r) | Node::Alias(r) => *r,
        }
    }

    /// The scalar's text, unless it is a null (`~`, `null`, or nothing).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) if !s.is_null() => Some(&s.value),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Node::Scalar(s) if s.is_null())
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Scalar(s) if s.plain => match s.value.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A short name of the node's shape, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Node::Scalar(s) if s.is_null() => "an empty value",
            Node::Scalar(_) => "a single value",
            Node::Seq(..) => "a list",
            Node::Map(..) => "a mapping",
            Node::Alias(_) => "an alias",
        }
    }
}

impl Scalar {
    pub fn is_null(&self) -> bool {
        self.plain && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

/// The first document of a YAML text, plus the syntax error that stopped the
/// parser, if any.
#[derive(Debug, Default, PartialEq)]
pub struct Document {
    pub root: Option<Node>,
    pub error: Option<(TextRange, String)>,
    /// Set when the text holds more than one document (only the first is read).
    pub extra_document: Option<TextRange>,
}

/// Containers bigger than this are cut off with an error: nothing real is this
/// large, and the cap bounds memory on hostile input.
const MAX_EVENTS: usize = 5_000_000;

/// Parses `text`, a slice that starts at byte `base` of its file: every range
/// returned is shifted by `base`, so it is a range of the whole file.
pub fn parse(text: &str, base: usize) -> Document {
    // Most registries and front matter are simple YAML, which the fast parser
    // reads into the same tree; it declines the rest (and every error).
    match super::yaml_fast::parse(text, base) {
        Some(doc) => doc,
        None => parse_with_saphyr(text, base),
    }
}

/// [`parse`] through saphyr-parser: any YAML, and its syntax errors.
pub(crate) fn parse_with_saphyr(text: &str, base: usize) -> Document {
    let mut conv = CharToByte::new(text, base);
    let mut doc = Document::default();
    // Each open container: its items so far, the start of its range, whether a map.
    let mut stack: Vec<(Vec<Node>, usize, bool)> = Vec::new();
    let mut documents = 0;
    let mut parser = Parser::new_from_str(text);
    for count in 0.. {
        if count > MAX_EVENTS {
            doc.error = Some((
                TextRange::empty(base + text.len()),
                "the YAML is too large".into(),
            ));
            break;
        }
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let at = conv.byte(e.marker().index());
                let range = TextRange::new(at, next_char_end(text, at)).shifted(base);
                doc.error = Some((range, e.info().to_string()));
                break;
            }
        };
        let range = conv.range(span);
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    doc.extra_document = Some(range);
                    break;
                }
                continue;
            }
            Event::SequenceStart(..) => {
                stack.push((Vec::new(), range.start(), false));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push((Vec::new(), range.start(), true));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((items, start, is_map)) = stack.pop() else {
                    continue;
                };
                close(items, start, range.end().max(start), is_map)
            }
            Event::Scalar(value, style, _, _) => Node::Scalar(Scalar {
                value: SmolStr::new(value),
                plain: style == ScalarStyle::Plain,
                range,
            }),
            Event::Alias(_) => Node::Alias(range),
            _ => continue,
        };
        match stack.last_mut() {
            Some((items, _, _)) => items.push(node),
            None => {
                if doc.root.is_none() {
                    doc.root = Some(node);
                }
            }
        }
    }
    // After an error, close what is still open so the part read is kept.
    while let Some((items, start, is_map)) = stack.pop() {
        let end = items.last().map_or(start, |n| n.range().end());
        let node = close(items, start, end, is_map);
        match stack.last_mut() {
            Some((parent, _, _)) => parent.push(node),
            None => doc.root = Some(node),
        }
    }
    doc
}

fn next_char_end(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

fn close(mut items: Vec<Node>, start: usize, end: usize, is_map: bool) -> Node {
    // Block collections end where the next token starts; end them at their
    // last item instead, so ranges never swallow the following line.
    let end = items.last().map_or(end, |n| n.range().end());
    let range = TextRange::new(start, end);
    if !is_map {
        return Node::Seq(items, range);
    }
    if items.len() % 2 == 1 {
        // A key whose value was cut off by an error.
        let at = items.last().map_or(end, |n| n.range().end());
        items.push(Node::Scalar(Scalar {
            value: SmolStr::default(),
            plain: true,
            range: TextRange::empty(at),
        }));
    }
    let mut entries = Vec::with_capacity(items.len() / 2);
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        entries.push((k, v));
    }
    Node::Map(entries, range)
}

/// saphyr reports character indices; this walks a cursor to byte offsets. Events
/// arrive nearly in order, so each conversion moves the cursor a short way.
struct CharToByte<'a> {
    text: &'a str,
    base: usize,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        CharToByte {
            text,
            base,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        while self.chars < char_index && self.bytes < self.text.len() {
            self.bytes = next_char_end(self.text, self.bytes);
            self.chars += 1;
        }
        while self.chars > char_index {
            self.bytes = crate::text::floor_char_boundary(self.text, self.bytes - 1);
            self.chars -= 1;
        }
        self.bytes
    }

    fn range(&mut self, span: Span) -> TextRange {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        TextRange::new(start + self.base, end + self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_bytes_even_after_non_ascii() {
        let text = "é: “x”\nkey: value\n";
        let doc = parse(text, 0);
        let Some(Node::Map(entries, _)) = doc.root else {
            panic!("not a map: {doc:?}")
        };
        let (k, v) = &entries[1];
        assert_eq!(k.range().slice(text), "key");
        assert_eq!(v.range().slice(text), "value");
        assert_eq!(entries[0].1.as_str(), Some("“x”"));
    }

    #[test]
    fn an_error_keeps_what_was_read() {
        let text = "a:\n  name: A\nb: [unclosed\n";
        let doc = parse(text, 0);
        let (range, _) = doc.error.expect("an error");
        assert!(range.start() >= text.find("b:").unwrap(), "{range:?}");
        let Some(Node::Map(entries, _)) = doc.root else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0.as_str(), Some("a"));
    }

    #[test]
    fn aliases_are_not_expanded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..30 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            text.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let doc = parse(&text, 0);
        assert!(doc.error.is_none());
        let Some(Node::Map(entries, _)) = doc.root else {
            panic!("not a map")
        };
        assert!(
            matches!(&entries[30].1, Node::Seq(items, _) if matches!(items[0], Node::Alias(_)))
        );
    }
}

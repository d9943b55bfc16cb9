//! A hand-written parser for the simple YAML that registries and front matter use, tried before saphyr.
//!
//! saphyr-parser reads about 10 MB/s, which made YAML a quarter of the time of
//! checking a large corpus. This parser reads only a small subset (block maps
//! with plain keys, block sequences, single-line plain and quoted scalars,
//! one-line flow collections, comments) and builds exactly the tree
//! [`super::yaml::parse`] builds through saphyr, with the same ranges. It
//! returns `None` for anything it does not fully understand, including every
//! syntax error, so saphyr still reads those and reports its own messages. A
//! differential test (below) holds it to saphyr's output.

use super::yaml::{Document, Node, Scalar};
use crate::text::TextRange;
use smol_str::{SmolStr, SmolStrBuilder};

/// The tree of `text` (a slice starting at byte `base` of its file), or `None`
/// when the text is outside the subset this parser reads.
pub(crate) fn parse(text: &str, base: usize) -> Option<Document> {
    if !plain_bytes(text.as_bytes()) {
        return None;
    }
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        base,
        pos: 0,
        depth: 0,
    };
    let Some(col) = p.next_line()? else {
        return Some(Document::default());
    };
    let root = p.block_node(col)?;
    // Anything left (a line indented less than the root) is an error.
    if p.next_line()?.is_some() {
        return None;
    }
    // saphyr's path cuts off at `MAX_EVENTS` (5M) events; a node needs a byte
    // or two, so only a text this large can come near and is counted.
    if text.len() >= 2_000_000 && events(&root) > 4_000_000 {
        return None;
    }
    Some(Document {
        root: Some(root),
        error: None,
        extra_document: None,
    })
}

/// How many saphyr events the tree stands for.
fn events(node: &Node) -> usize {
    match node {
        Node::Scalar(_) | Node::Alias(_) => 1,
        Node::Seq(items, _) => 2 + items.iter().map(events).sum::<usize>(),
        Node::Map(entries, _) => {
            2 + entries
                .iter()
                .map(|(k, v)| events(k) + events(v))
                .sum::<usize>()
        }
    }
}

/// Rejects the bytes whose reading this parser does not copy from saphyr: tabs,
/// a lone `\r`, control characters, and the non-ASCII characters YAML treats
/// specially (BOM, NEL, line and paragraph separators, C1 controls, U+FFFE/F).
fn plain_bytes(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        // Printable ASCII and line feeds, the bulk of any registry, are
        // passed 32 bytes at a time (vector compares); a chunk holding
        // anything else is read byte by byte.
        let end = (i + 32).min(s.len());
        if s[i..end]
            .iter()
            .fold(true, |ok, &b| ok & (b == b'\n' || matches!(b, b' '..=b'~')))
        {
            i = end;
            continue;
        }
        while i < end {
            if !plain_byte(s, i) {
                return false;
            }
            i += 1;
        }
    }
    true
}

/// Whether `s[i]` (with the bytes after it) is one [`plain_bytes`] accepts.
fn plain_byte(s: &[u8], i: usize) -> bool {
    match s[i] {
        b'\n' | b' '..=b'~' => true,
        b'\r' => s.get(i + 1) == Some(&b'\n'),
        0xC2 => !matches!(s.get(i + 1), Some(0x80..=0xA0)),
        0xE2 => !(s.get(i + 1) == Some(&0x80) && matches!(s.get(i + 2), Some(0xA8 | 0xA9))),
        0xEF => !matches!(
            (s.get(i + 1), s.get(i + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        0x80.. => true,
        _ => false,
    }
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    base: usize,
    pos: usize,
    /// Open collections: deep nesting is declined, so recursion stays shallow.
    depth: usize,
}

/// Nesting deeper than this is left to saphyr.
const MAX_DEPTH: usize = 64;

/// Where a plain scalar in a block ended.
#[derive(PartialEq)]
enum PlainEnd {
    /// At `:` followed by a space or the line end: the scalar is a key.
    Colon,
    /// At the line end or a comment.
    Line,
}

impl Parser<'_> {
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(b'\n')
    }

    fn is_eol(&self, i: usize) -> bool {
        matches!(self.at(i), b'\n' | b'\r')
    }

    fn range(&self, start: usize, end: usize) -> TextRange {
        TextRange::new(start + self.base, end + self.base)
    }

    fn skip_spaces(&mut self) {
        while self.s.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// From the start of a line, skips blank and comment lines and stops at the
    /// first character of the next content line, returning its column; `None`
    /// at the end. Declines document markers.
    fn next_line(&mut self) -> Option<Option<usize>> {
        loop {
            let start = self.pos;
            if start >= self.s.len() {
                return Some(None);
            }
            let rest = &self.s[start..];
            if rest.starts_with(b"---") || rest.starts_with(b"...") {
                return None;
            }
            self.skip_spaces();
            if self.pos < self.s.len() && !self.is_eol(self.pos) && self.at(self.pos) != b'#' {
                return Some(Some(self.pos - start));
            }
            self.skip_line();
        }
    }

    /// Moves past the end of the current line.
    fn skip_line(&mut self) {
        match self.s[self.pos.min(self.s.len())..]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(i) => self.pos += i + 1,
            None => self.pos = self.s.len(),
        }
    }

    /// After a value on a line: spaces, an optional comment, the line end.
    /// Returns where the line's content ends (the `\r`, `\n` or end of text).
    fn end_of_line(&mut self) -> Option<usize> {
        self.skip_spaces();
        if self.at(self.pos) == b'#' && self.pos > 0 && self.s[self.pos - 1] == b' ' {
            while !self.is_eol(self.pos) {
                self.pos += 1;
            }
        }
        if !self.is_eol(self.pos) {
            return None;
        }
        let end = self.pos.min(self.s.len());
        self.skip_line();
        Some(end)
    }

    fn is_seq_entry(&self, i: usize) -> bool {
        self.at(i) == b'-' && matches!(self.at(i + 1), b' ' | b'\n' | b'\r')
    }

    /// A block map or sequence whose first entry starts at `self.pos`, in column `col`.
    fn block_node(&mut self, col: usize) -> Option<Node> {
        if self.is_seq_entry(self.pos) {
            self.block_seq(col, false)
        } else {
            self.block_map(col)
        }
    }

    /// Counts one more open collection; declines too deep a nesting. (A
    /// declined parse is dropped whole, so nothing needs to count back down
    /// on the way out of a `None`.)
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The next content line's column, positioned on it, if it continues a
    /// block at `col`; `None` (declining) if it is indented deeper, which would
    /// be a continuation line or an error.
    fn continues(&mut self, col: usize) -> Option<bool> {
        let line = self.pos;
        match self.next_line()? {
            Some(c) if c == col => Some(true),
            Some(c) if c > col => None,
            _ => {
                self.pos = line;
                Some(false)
            }
        }
    }

    fn block_map(&mut self, col: usize) -> Option<Node> {
        self.enter()?;
        let start = self.pos;
        // An actor has about eight fields: one allocation, no regrowth.
        let mut entries = Vec::with_capacity(8);
        loop {
            let key_start = self.pos;
            let (key_end, end) = self.plain_block()?;
            // Only `key:` right after the key; `key :` would need saphyr's ranges.
            if end != PlainEnd::Colon || key_end != self.pos || key_end - key_start > 1000 {
                return None;
            }
            let key = self.plain(key_start, key_end);
            self.pos += 1; // the `:`
            let colon = key_end;
            self.skip_spaces();
            let value = if self.at(self.pos) == b'#' || self.is_eol(self.pos) {
                self.end_of_line()?;
                let line = self.pos;
                match self.next_line()? {
                    Some(c) if c > col => self.block_node(c)?,
                    Some(c) if c == col && self.is_seq_entry(self.pos) => {
                        self.block_seq(col, true)?
                    }
                    _ => {
                        self.pos = line;
                        self.empty(colon)
                    }
                }
            } else {
                let value = self.inline_value()?;
                self.end_of_line()?;
                value
            };
            entries.push((key, value));
            if !self.continues(col)? {
                break;
            }
        }
        let end = entries
            .last()
            .map_or(start, |(_, v)| v.range().end() - self.base);
        self.depth -= 1;
        Some(Node::Map(entries, self.range(start, end)))
    }

    /// A block sequence with its first `-` at `self.pos`; `indentless` when it
    /// is a map's value with its `-` in the key's column.
    fn block_seq(&mut self, col: usize, indentless: bool) -> Option<Node> {
        self.enter()?;
        let dash = self.pos;
        let mut items: Vec<Node> = Vec::new();
        // Where an indentless sequence starts: saphyr puts it at its first
        // item, or at the end of the first `-` line when the item is not on it.
        let mut start = None;
        loop {
            let entry = self.pos;
            if !self.is_seq_entry(entry) {
                // A line in the sequence's column that is not an entry: it ends
                // an indentless sequence (the map goes on), else it is an error.
                if indentless && !items.is_empty() {
                    self.pos = entry - col;
                    break;
                }
                return None;
            }
            self.pos += 1;
            self.skip_spaces();
            let item = if self.at(self.pos) == b'#' || self.is_eol(self.pos) {
                let line_end = self.end_of_line()?;
                start.get_or_insert(line_end);
                let line = self.pos;
                match self.next_line()? {
                    Some(c) if c > col => self.block_node(c)?,
                    _ => {
                        self.pos = line;
                        self.empty(line_end)
                    }
                }
            } else {
                start.get_or_insert(self.pos);
                // Only spaces and `-` precede it on its line: columns are bytes.
                self.compact_item(col + (self.pos - entry))?
            };
            items.push(item);
            if !self.continues(col)? {
                break;
            }
        }
        let start = if indentless { start? } else { dash };
        let end = items.last().map_or(start, |n| n.range().end() - self.base);
        self.depth -= 1;
        Some(Node::Seq(items, self.range(start, end)))
    }

    /// An item on the same line as its `-`: a nested sequence, a map whose
    /// first key is here, or a single value.
    fn compact_item(&mut self, col: usize) -> Option<Node> {
        if self.is_seq_entry(self.pos) {
            return self.block_seq(col, false);
        }
        if self.is_plain_start(self.pos) {
            let start = self.pos;
            let (_, end) = self.plain_block()?;
            self.pos = start;
            if end == PlainEnd::Colon {
                return self.block_map(col);
            }
        }
        let value = self.inline_value()?;
        self.end_of_line()?;
        Some(value)
    }

    /// A value on the line of its key or `-`: a flow collection, a quoted or a
    /// plain scalar.
    fn inline_value(&mut self) -> Option<Node> {
        match self.at(self.pos) {
            b'[' | b'{' => self.flow_node(false),
            b'"' | b'\'' => {
                let node = self.quoted(false)?;
                // `"key": value` would make the quoted scalar a key.
                let save = self.pos;
                self.skip_spaces();
                if self.at(self.pos) == b':' {
                    return None;
                }
                self.pos = save;
                Some(node)
            }
            _ => {
                let start = self.pos;
                let (end, how) = self.plain_block()?;
                if how == PlainEnd::Colon {
                    return None;
                }
                Some(self.plain(start, end))
            }
        }
    }

    /// Whether a plain scalar may start at `i` (indicators and their uses are
    /// declined, even `-x` which YAML allows).
    fn is_plain_start(&self, i: usize) -> bool {
        !matches!(
            self.at(i),
            b'-' | b'?'
                | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
                | b' '
                | b'\n'
                | b'\r'
        )
    }

    /// A single-line plain scalar in block context from `self.pos`: returns its
    /// end (trailing spaces excluded) and leaves `self.pos` at the `:` of a key,
    /// or at the end of the scalar's trailing spaces.
    fn plain_block(&mut self) -> Option<(usize, PlainEnd)> {
        if !self.is_plain_start(self.pos) {
            return None;
        }
        let mut end = self.pos;
        let mut i = self.pos;
        loop {
            match self.at(i) {
                b'\n' | b'\r' => break,
                b':' if matches!(self.at(i + 1), b' ' | b'\n' | b'\r') => {
                    self.pos = i;
                    return Some((end, PlainEnd::Colon));
                }
                b'#' if self.at(i - 1) == b' ' => break,
                b' ' => {}
                _ => end = i + 1,
            }
            i += 1;
        }
        self.pos = end;
        Some((end, PlainEnd::Line))
    }

    fn plain(&self, start: usize, end: usize) -> Node {
        Node::Scalar(Scalar {
            value: SmolStr::new(&self.text[start..end]),
            plain: true,
            range: self.range(start, end),
        })
    }

    fn empty(&self, at: usize) -> Node {
        self.plain(at, at)
    }

    /// Where saphyr ends a token that closes at `i` (a quote, an empty `[]`):
    /// where the next token starts, past spaces and, in a block, a comment.
    fn token_end(&self, i: usize, flow: bool) -> usize {
        let mut end = i;
        while self.at(end) == b' ' {
            end += 1;
        }
        if !flow && self.at(end) == b'#' && end > i {
            while !self.is_eol(end) {
                end += 1;
            }
        }
        end.min(self.s.len())
    }

    /// A single-line quoted scalar; declines escapes other than the simplest.
    fn quoted(&mut self, flow: bool) -> Option<Node> {
        let start = self.pos;
        let quote = self.at(start);
        let mut value = SmolStrBuilder::default();
        let mut i = start + 1;
        let mut run = i;
        loop {
            let b = self.at(i);
            if self.is_eol(i) {
                return None;
            }
            if b == quote && quote == b'\'' && self.at(i + 1) == b'\'' {
                value.push_str(&self.text[run..=i]);
                i += 2;
                run = i;
            } else if b == quote {
                value.push_str(&self.text[run..i]);
                i += 1;
                break;
            } else if b == b'\\' && quote == b'"' {
                value.push_str(&self.text[run..i]);
                value.push(match self.at(i + 1) {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                });
                i += 2;
                run = i;
            } else {
                i += 1;
            }
        }
        self.pos = i;
        Some(Node::Scalar(Scalar {
            value: value.finish(),
            plain: false,
            range: self.range(start, self.token_end(i, flow)),
        }))
    }

    /// A node inside a one-line flow collection, or the collection itself.
    fn flow_node(&mut self, nested: bool) -> Option<Node> {
        match self.at(self.pos) {
            b'[' => self.flow_collection(b']', nested),
            b'{' => self.flow_collection(b'}', nested),
            b'"' | b'\'' => self.quoted(true),
            _ => {
                let start = self.pos;
                let end = self.plain_flow()?;
                if self.at(self.pos) == b':' {
                    return None;
                }
                Some(self.plain(start, end))
            }
        }
    }

    /// A plain scalar in a flow collection: ends at `,` `[` `]` `{` `}` `:`
    /// (where the caller decides) and the line end; `#` is declined.
    fn plain_flow(&mut self) -> Option<usize> {
        if !self.is_plain_start(self.pos) {
            return None;
        }
        let mut end = self.pos;
        let mut i = self.pos;
        loop {
            match self.at(i) {
                b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}' | b':' => break,
                b'#' => return None,
                b' ' => {}
                _ => end = i + 1,
            }
            i += 1;
        }
        self.pos = i;
        Some(end)
    }

    /// `[a, b]` or `{k: v, …}` on one line; `nested` in another. Empty ones
    /// end like a quoted scalar, others at their last item.
    fn flow_collection(&mut self, close: u8, nested: bool) -> Option<Node> {
        self.enter()?;
        let start = self.pos;
        let is_map = close == b'}';
        self.pos += 1;
        self.skip_spaces();
        let mut seq = Vec::new();
        let mut map = Vec::new();
        if self.at(self.pos) != close {
            loop {
                if is_map {
                    let key_start = self.pos;
                    let key_end = self.plain_flow()?;
                    if key_end != self.pos
                        || self.at(self.pos) != b':'
                        || self.at(self.pos + 1) != b' '
                    {
                        return None;
                    }
                    let key = self.plain(key_start, key_end);
                    self.pos += 1;
                    self.skip_spaces();
                    if matches!(self.at(self.pos), b',' | b'}') {
                        return None;
                    }
                    map.push((key, self.flow_node(true)?));
                } else {
                    seq.push(self.flow_node(true)?);
                }
                self.skip_spaces();
                match self.at(self.pos) {
                    b',' => {
                        self.pos += 1;
                        self.skip_spaces();
                        // A trailing comma is valid YAML but not worth copying.
                        if self.at(self.pos) == close {
                            return None;
                        }
                    }
                    b if b == close => break,
                    _ => return None,
                }
            }
        }
        self.pos += 1;
        let mut end = self.token_end(self.pos, nested);
        if let Some(last) = seq.last() {
            end = last.range().end() - self.base;
        }
        if let Some((_, last)) = map.last() {
            end = last.range().end() - self.base;
        }
        let range = self.range(start, end);
        self.depth -= 1;
        Some(if is_map {
            Node::Map(map, range)
        } else {
            Node::Seq(seq, range)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::yaml::parse_with_saphyr;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    /// The fast parser either declines `text` or builds saphyr's tree; returns
    /// whether it read it.
    fn same_as_saphyr(text: &str, base: usize) -> bool {
        let Some(fast) = parse(text, base) else {
            return false;
        };
        let slow = parse_with_saphyr(text, base);
        assert_eq!(
            fast, slow,
            "the fast parser differs from saphyr on {text:?}"
        );
        true
    }

    #[test]
    fn reads_the_examples_like_saphyr() {
        // Included at build time: the core does no IO, even in tests.
        macro_rules! example {
            ($name:literal) => {
                (
                    $name,
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/", $name)),
                )
            };
        }
        let registry = example!("actors.yaml");
        assert!(same_as_saphyr(registry.1, 0), "declined {}", registry.0);
        for (name, text) in [
            example!("axios-blinken-palestinian-americans.news.md"),
            example!("latimes-blinken-mideast.news.md"),
        ] {
            let block = crate::syntax::front_matter_block(text).unwrap();
            let yaml = block.yaml.slice(text);
            assert!(same_as_saphyr(yaml, block.yaml.start()), "declined {name}");
        }
    }

    /// Registry entries and front matter shaped like `benches/support/corpus.rs`.
    #[test]
    fn reads_corpus_shaped_documents_like_saphyr() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut registry = String::new();
        for o in 0..5 {
            let _ = writeln!(
                registry,
                "org{o}:\n  name: Ministry {o}\n  kind: organization\n  aliases: [the ministry {o}]"
            );
        }
        for i in 0..200 {
            let last = ["Kalomi", "Renvel", "Doran"][rng.usize(..3)];
            let _ = writeln!(
                registry,
                "p{i}:\n  name: Sa {last}\n  kind: person\n  aliases: [{last}]\n  pronouns: he\n  roles:\n    - title: Envoy\n      org: \"@org{}\"\n      from: 2019-01-01\n  description: A public figure.",
                rng.usize(..5)
            );
        }
        assert!(same_as_saphyr(&registry, 0));
        let front = "title: Story number 3\noutlet: Example Daily\npublished: 2021-04-09\nauthors: [Dana Writer]\nlanguage: en\nactors:\n  source-1:\n    kind: person\n    anonymous: true\n    described_as: an official who spoke on condition of anonymity\n    anonymity_reason: not authorized to discuss the talks\n";
        assert!(same_as_saphyr(front, 4));
        assert!(same_as_saphyr(&front.replace('\n', "\r\n"), 4));
    }

    #[test]
    fn edge_cases_match_saphyr_or_are_declined() {
        let read = [
            "a:\n  name: Maria Lopez # c\n  roles: [{title: Aide, org: \"@x\"}, 'b c']\n  al:\n    - x y\n    - \"q\\\"z\"\n  e: []\n  f: {}\n  g:\nb: plain  \n",
            "g:   # comment\nh: 1\n",
            "g:",
            "- \n- a\n-\n",
            "-   # c\n-    \n- x\n",
            "a:\n- k: v\n  j: w\n- - z\n",
            "a:\n  - k: v\n    j: w\n  - - z\n    - y\n  -\n",
            "a:\n-\n  b: c\n",
            "a:\n-  # x\n  b: c\n",
            "a:\n-\n- y\nb: 'it''s'\n",
            "- \r\n- x\r\n",
            "a: b\n   # c\nd: e\n",
            "a: [ x , \"y\" ,z ]  # c\n",
            "a: [[] , {}  ,[ ]  ]  # x\n",
            "a: {b: c, d: [e]}\n",
            "a: \"x\"  # c",
            "  a: b\n  c: d\n",
            "é: “x”\nkey: value\n",
            "",
            "# only a comment\n\n",
        ];
        for text in read {
            assert!(same_as_saphyr(text, 0), "declined {text:?}");
        }
        let declined = [
            "a: &x b\n",
            "a: *x\n",
            "a: !t b\n",
            "a: |\n  b\n",
            "a: b\n  c\n",
            "a: 'b\n  c'\n",
            "a:\tb\n",
            "---\na: b\n",
            "a: b\n---\nc: d\n",
            "? a\n: b\n",
            "\"a\": b\n",
            "a: b: c\n",
            "a: [b\n",
            "a:\n  b: c\n d: e\n",
            "a: \"\\u00e9\"\n",
            "a: [b,]\n",
            "a: @b\n",
            "\u{feff}a: b\n",
            "a b\n",
            &format!("a: {}{}\n", "[".repeat(100), "]".repeat(100)),
        ];
        for text in declined {
            assert!(parse(text, 0).is_none(), "read {text:?}");
        }
    }

    const KEYS: [&str; 9] = [
        "name", "kind", "a b", "k-1", "é", "a#b", "url", "roles", "true",
    ];
    const WORDS: [&str; 16] = [
        "x",
        "Maria",
        "true",
        "~",
        "null",
        "http://x.y/z",
        "a,b",
        "[x]",
        "C#",
        "10:30",
        "“q”",
        "é",
        "a-b",
        "x{y}",
        "@o",
        "2019-01-01",
    ];

    fn words(rng: &mut fastrand::Rng) -> String {
        let n = rng.usize(1..4);
        let mut s = WORDS[rng.usize(..WORDS.len() - 1)].to_string();
        for _ in 1..n {
            s.push(' ');
            s.push_str(WORDS[rng.usize(..WORDS.len())]);
        }
        s
    }

    /// A value that fits on its key's or `-`'s line.
    fn inline(rng: &mut fastrand::Rng, depth: usize, flow: bool) -> String {
        match rng.u8(..if depth > 2 { 3 } else { 5 }) {
            0 => words(rng).replace(|c| flow && ",[]{}#".contains(c), ""),
            1 => format!(
                "'{}'",
                words(rng).replace('\'', "''") + ["", "''", " x"][rng.usize(..3)]
            ),
            2 => {
                let esc = ["", "\\\"", "\\\\", "\\n", "\\t", "'"][rng.usize(..6)];
                format!("\"{}{esc}\"", words(rng))
            }
            3 => {
                let n = rng.usize(..4);
                let items: Vec<String> = (0..n).map(|_| inline(rng, depth + 1, true)).collect();
                let sp = [" ", ""][rng.usize(..2)];
                format!(
                    "[{sp}{}{sp}]",
                    items.join([", ", " ,", ","][rng.usize(..3)])
                )
            }
            _ => {
                let n = rng.usize(..3);
                let items: Vec<String> = (0..n)
                    .map(|_| format!("{}: {}", KEYS[rng.usize(..4)], inline(rng, depth + 1, true)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }

    fn line_end(rng: &mut fastrand::Rng, out: &mut String) {
        match rng.u8(..6) {
            0 => out.push_str("  "),
            1 => out.push_str(" # note"),
            _ => {}
        }
        out.push('\n');
        match rng.u8(..10) {
            0 => out.push('\n'),
            1 => {
                let _ = writeln!(out, "{}# comment", " ".repeat(rng.usize(..6)));
            }
            _ => {}
        }
    }

    /// A block node whose first entry continues `out` at column `col`.
    fn block(rng: &mut fastrand::Rng, col: usize, depth: usize, out: &mut String) {
        let seq = rng.bool();
        for i in 0..rng.usize(1..4) {
            if i > 0 {
                out.push_str(&" ".repeat(col));
            }
            if seq {
                out.push('-');
                entry_value(rng, col, depth, out, true);
            } else {
                out.push_str(KEYS[rng.usize(..KEYS.len())]);
                out.push(':');
                entry_value(rng, col, depth, out, false);
            }
        }
    }

    fn entry_value(rng: &mut fastrand::Rng, col: usize, depth: usize, out: &mut String, seq: bool) {
        let deeper = [1, 2, 4][rng.usize(..3)];
        match rng.u8(..if depth > 3 { 2 } else { 6 }) {
            0 => {
                out.push(' ');
                out.push_str(&inline(rng, 0, false));
                line_end(rng, out);
            }
            1 => line_end(rng, out),
            2 | 3 => {
                line_end(rng, out);
                // An indentless sequence under a key, else a deeper block.
                let c = if !seq && rng.bool() {
                    col
                } else {
                    col + deeper
                };
                out.push_str(&" ".repeat(c));
                if c == col {
                    out.push('-');
                    entry_value(rng, col, depth + 1, out, true);
                } else {
                    block(rng, c, depth + 1, out);
                }
            }
            _ => {
                // A compact map or sequence on the `-` line.
                if seq {
                    out.push_str(&" ".repeat(deeper));
                    block(rng, col + 1 + deeper, depth + 1, out);
                } else {
                    out.push(' ');
                    out.push_str(&inline(rng, 0, false));
                    line_end(rng, out);
                }
            }
        }
    }

    fn document(seed: u64) -> String {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut out = String::new();
        if rng.u8(..4) == 0 {
            out.push_str("# heading\n\n");
        }
        let col = [0, 0, 0, 2][rng.usize(..4)];
        out.push_str(&" ".repeat(col));
        block(&mut rng, col, 0, &mut out);
        if rng.u8(..4) == 0 {
            out.pop();
        }
        if rng.u8(..4) == 0 {
            out = out.replace('\n', "\r\n");
        }
        out
    }

    fn mutate(text: &str, edits: &[(usize, usize, bool)]) -> String {
        const NOISE: &[char] = &[
            ' ', '\'', '"', '#', ':', '-', '[', ']', '{', '}', ',', '\n', '\t', '&', '*', '!', '|',
            '>', 'a', '\\', '\r', '?', '%', 'é',
        ];
        let mut chars: Vec<char> = text.chars().collect();
        for &(at, what, insert) in edits {
            let at = at % (chars.len() + 1);
            if insert {
                chars.insert(at, NOISE[what % NOISE.len()]);
            } else if at < chars.len() {
                chars.remove(at);
            }
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn generated_documents_match_saphyr(seed in any::<u64>(), base in 0usize..8) {
            let text = document(seed);
            same_as_saphyr(&text, base);
        }

        #[test]
        fn mutated_documents_match_saphyr_or_are_declined(
            seed in any::<u64>(),
            edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<bool>()), 1..4),
        ) {
            let text = mutate(&document(seed), &edits);
            same_as_saphyr(&text, 0);
        }

        #[test]
        fn chunked_byte_checks_agree_with_byte_by_byte(
            // Mostly printable ASCII, so that whole chunks pass, with the
            // bytes that are checked one by one across chunk boundaries.
            bytes in prop::collection::vec(prop_oneof![
                20 => Just(b'a'),
                1 => prop::sample::select(vec![b'\n', b'\r', b'\t', 0xC2, 0x85, 0xA0, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF, 0xBE]),
            ], 0..200),
        ) {
            prop_assert_eq!(plain_bytes(&bytes), (0..bytes.len()).all(|i| plain_byte(&bytes, i)));
        }
    }

    /// The generator mostly writes what the fast parser reads, so the
    /// differential test above compares trees rather than declines.
    #[test]
    fn generated_documents_are_mostly_read() {
        let read = (0..300)
            .filter(|&s| parse(&document(s), 0).is_some())
            .count();
        assert!(read > 150, "only {read} of 300 read");
    }
}

//! An open document: its text in a rope, edited in place by incremental
//! changes whose positions are converted with [`crate::text`].

use crate::text::{self, Encoding, LineCol};
use ropey::Rope;

#[derive(Clone, Debug)]
pub struct Document {
    rope: Rope,
    pub version: i32,
}

impl Document {
    pub fn new(text: &str, version: i32) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
        }
    }

    /// The byte offset of a position; a line past the end gives the end of the
    /// text, a column past the end of its line gives the end of the line.
    pub fn offset(&self, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.rope.len_lines() {
            return self.rope.len_bytes();
        }
        self.rope.line_to_byte(line) + text::col_to_byte(self.rope.line(line).chars(), pos.col, enc)
    }

    /// Replaces `range` (the whole text when `None`) by `new_text`.
    pub fn edit(&mut self, range: Option<(LineCol, LineCol)>, new_text: &str, enc: Encoding) {
        let Some((start, end)) = range else {
            self.rope = Rope::from_str(new_text);
            return;
        };
        let start = self.offset(start, enc);
        let end = self.offset(end, enc).max(start);
        let (start, end) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
        self.rope.remove(start..end);
        self.rope.insert(start, new_text);
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn edits_in_every_encoding() {
        let mut doc = Document::new("a😀b\r\nc中d\re", 1);
        // After the emoji: 3 UTF-16 units, 5 bytes, 2 scalars.
        doc.edit(Some((pos(0, 3), pos(0, 3))), "X", Encoding::Utf16);
        doc.edit(Some((pos(0, 6), pos(0, 6))), "Y", Encoding::Utf8);
        doc.edit(Some((pos(0, 2), pos(0, 2))), "Z", Encoding::Utf32);
        assert_eq!(doc.text(), "a😀ZXYb\r\nc中d\re");
        // Lone CR is a line break: line 2 is "e".
        doc.edit(Some((pos(2, 0), pos(2, 1))), "E", Encoding::Utf16);
        // Deleting across the CRLF joins lines 0 and 1.
        doc.edit(Some((pos(0, 99), pos(1, 0))), "", Encoding::Utf16);
        assert_eq!(doc.text(), "a😀ZXYbc中d\rE");
    }

    #[test]
    fn positions_are_clamped() {
        let mut doc = Document::new("ab\ncd", 1);
        assert_eq!(doc.offset(pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(doc.offset(pos(9, 0), Encoding::Utf16), 5);
        // An end before the start inserts at the start.
        doc.edit(Some((pos(1, 1), pos(0, 0))), "!", Encoding::Utf16);
        assert_eq!(doc.text(), "ab\nc!d");
        // Inside a surrogate pair: the start of the emoji.
        let doc = Document::new("😀x", 1);
        assert_eq!(doc.offset(pos(0, 1), Encoding::Utf16), 0);
        assert_eq!(doc.offset(pos(0, 1), Encoding::Utf8), 0);
        // Full replacement.
        let mut doc = doc;
        doc.edit(None, "new", Encoding::Utf8);
        assert_eq!(doc.text(), "new");
    }
}

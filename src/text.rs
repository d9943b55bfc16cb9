//! Byte ranges and the one place that converts byte offsets to lines and columns
//! in UTF-8, UTF-16 or UTF-32 units (and back), clamping anything out of range.

use std::ops::Range;

/// A half-open range of byte offsets into one file's text.
///
/// Offsets are stored as `u32` (every range of a workspace is kept, so its
/// size counts); a text longer than [`MAX_TEXT_LEN`] is never parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    start: u32,
    end: u32,
}

/// The longest text newsmark reads, in bytes: offsets into it fit in a `u32`.
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

impl TextRange {
    /// The range `start..end`; both are offsets into a text of at most
    /// [`MAX_TEXT_LEN`] bytes.
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= MAX_TEXT_LEN && end <= MAX_TEXT_LEN);
        TextRange {
            start: start as u32,
            end: end as u32,
        }
    }

    pub const fn empty(at: usize) -> Self {
        TextRange::new(at, at)
    }

    pub const fn start(self) -> usize {
        self.start as usize
    }

    pub const fn end(self) -> usize {
        self.end as usize
    }

    pub const fn set_start(&mut self, start: usize) {
        *self = TextRange::new(start, self.end());
    }

    pub const fn set_end(&mut self, end: usize) {
        *self = TextRange::new(self.start(), end);
    }

    pub const fn len(self) -> usize {
        self.end() - self.start()
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies inside the range; the end counts, so a cursor just
    /// after a word still touches it.
    pub const fn touches(self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn shifted(self, by: usize) -> Self {
        TextRange::new(self.start() + by, self.end() + by)
    }

    pub fn cover(self, other: TextRange) -> Self {
        TextRange::new(self.start().min(other.start()), self.end().max(other.end()))
    }

    pub fn slice(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }
}

/// Ranges sorted by start, merged where they overlap or touch: the disjoint
/// ranges that cover the same bytes, in order.
pub fn merge_sorted(ranges: impl IntoIterator<Item = TextRange>) -> Vec<TextRange> {
    let ranges = ranges.into_iter();
    let mut out: Vec<TextRange> = Vec::with_capacity(ranges.size_hint().0);
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start() <= last.end() => *last = last.cover(r),
            _ => out.push(r),
        }
    }
    out
}

impl From<Range<usize>> for TextRange {
    fn from(r: Range<usize>) -> Self {
        TextRange::new(r.start, r.end)
    }
}

impl From<TextRange> for Range<usize> {
    fn from(r: TextRange) -> Self {
        r.start()..r.end()
    }
}

/// The unit a column is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

/// A zero-based line and a zero-based column in some [`Encoding`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of a text. Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP.
///
/// A column is counted from the start of its line, except on a line longer
/// than [`MARK_EVERY`] bytes: there it is counted from the nearest of the
/// marks the index keeps every [`MARK_EVERY`] bytes, so that the columns of
/// any number of positions on one long line cost the same as on short ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0.
    starts: Vec<usize>,
    len: usize,
    /// Counts from the start of the text every [`MARK_EVERY`] bytes; empty
    /// when no line is longer than that.
    marks: Vec<Mark>,
}

/// The bytes between two marks of a [`LineIndex`].
pub const MARK_EVERY: usize = 1024;

/// The units before byte `byte` (a character boundary) of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl Mark {
    fn units(self, enc: Encoding) -> usize {
        match enc {
            Encoding::Utf8 => self.byte,
            Encoding::Utf16 => self.utf16,
            Encoding::Utf32 => self.chars,
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\r` of a `\r\n` ends no line: its `\n` does.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let long_line = starts
            .iter()
            .zip(starts.iter().skip(1).chain([&text.len()]))
            .any(|(a, b)| b - a > MARK_EVERY);
        let marks = if long_line { marks(text) } else { Vec::new() };
        LineIndex {
            starts,
            len: text.len(),
            marks,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of line `line` without its line break, clamped to the text.
    pub fn line_range(&self, text: &str, line: usize) -> TextRange {
        let Some(&start) = self.starts.get(line) else {
            return TextRange::empty(self.len);
        };
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        TextRange::new(start, end)
    }

    /// The zero-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Line and column of a byte offset. An offset past the end or inside a
    /// character is moved back to the nearest character boundary.
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let upto = offset.min(range.end()).max(range.start());
        let col = if upto - range.start() <= MARK_EVERY || self.marks.is_empty() {
            count_units(&text[range.start()..upto], enc)
        } else {
            self.units_before(text, upto, enc) - self.units_before(text, range.start(), enc)
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Byte offset of a line and column. A line past the end gives the end of
    /// the text; a column past the end of its line gives the end of the line; a
    /// column inside a character gives the start of that character.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        if range.len() <= MARK_EVERY || self.marks.is_empty() {
            return range.start() + col_to_byte(range.slice(text).chars(), pos.col, enc);
        }
        // Count from the last mark on the line at or before the column.
        let target = self.units_before(text, range.start(), enc) + pos.col as usize;
        let k = self
            .marks
            .partition_point(|m| m.byte <= range.end() && m.units(enc) <= target);
        let from = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some(m) if m.byte > range.start() => m,
            _ => Mark {
                byte: range.start(),
                chars: 0,
                utf16: 0,
            },
        };
        let base = if from.byte == range.start() {
            self.units_before(text, range.start(), enc)
        } else {
            from.units(enc)
        };
        let rest = TextRange::new(from.byte, range.end()).slice(text);
        let col = u32::try_from(target - base).unwrap_or(u32::MAX);
        from.byte + col_to_byte(rest.chars(), col, enc)
    }

    /// The units of `enc` in `text[..offset]` (`offset` on a character
    /// boundary), counted from the nearest mark.
    fn units_before(&self, text: &str, offset: usize, enc: Encoding) -> usize {
        let k = self.marks.partition_point(|m| m.byte <= offset);
        let mark = k.checked_sub(1).map_or(
            Mark {
                byte: 0,
                chars: 0,
                utf16: 0,
            },
            |k| self.marks[k],
        );
        mark.units(enc) + count_units(&text[mark.byte..offset], enc)
    }
}

/// The marks of a text: one every [`MARK_EVERY`] bytes (moved back to a
/// character boundary), the first at 0.
fn marks(text: &str) -> Vec<Mark> {
    let mut out = Vec::with_capacity(text.len() / MARK_EVERY + 1);
    let mut mark = Mark {
        byte: 0,
        chars: 0,
        utf16: 0,
    };
    out.push(mark);
    let mut at = MARK_EVERY;
    while at < text.len() {
        let byte = floor_char_boundary(text, at);
        if byte > mark.byte {
            let chunk = &text.as_bytes()[mark.byte..byte];
            // A character starts at every byte but a continuation byte, and
            // takes two UTF-16 units when it takes four bytes.
            let chars = chunk.iter().filter(|&&b| (b as i8) >= -0x40).count();
            let wide = chunk.iter().filter(|&&b| b >= 0xF0).count();
            mark = Mark {
                byte,
                chars: mark.chars + chars,
                utf16: mark.utf16 + chars + wide,
            };
            out.push(mark);
        }
        at += MARK_EVERY;
    }
    out
}

/// The byte length of the start of a line that spans `col` units. The line may
/// come from anywhere (a `&str`, a rope's chunks); it ends at its first line
/// break. A column past the end gives the whole line; a column inside a
/// character gives the start of that character.
pub fn col_to_byte(line: impl IntoIterator<Item = char>, col: u32, enc: Encoding) -> usize {
    let mut units = 0usize;
    let mut bytes = 0usize;
    for ch in line {
        if ch == '\n' || ch == '\r' {
            break;
        }
        let width = char_units(ch, enc);
        if units + width > col as usize {
            break;
        }
        units += width;
        bytes += ch.len_utf8();
    }
    bytes
}

/// The column, in `enc` units, of the end of `prefix` (the start of a line).
pub fn col_of(prefix: &str, enc: Encoding) -> u32 {
    count_units(prefix, enc) as u32
}

fn char_units(ch: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => ch.len_utf8(),
        Encoding::Utf16 => ch.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

fn count_units(s: &str, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        Encoding::Utf32 => s.chars().count(),
    }
}

/// The greatest character boundary at or before `offset`, clamped to the text.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// An id's range with the `@` before it, when there is one (`@lopez`).
pub fn with_at(text: &str, id: TextRange) -> TextRange {
    match id.start().checked_sub(1) {
        Some(at) if text.as_bytes().get(at) == Some(&b'@') => TextRange::new(at, id.end()),
        _ => id,
    }
}

/// The words of `s` joined by single spaces: line breaks and runs of
/// whitespace inside a phrase, as prose wraps it, become one space.
pub fn collapse_whitespace(s: &str) -> String {
    // Most phrases are ASCII words with single spaces already.
    let b = s.as_bytes();
    // (`split_whitespace` splits at U+0009 to U+000D and the space in ASCII.)
    let plain = b
        .iter()
        .all(|&c| c.is_ascii() && !matches!(c, b'\t'..=b'\r'))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && memchr::memmem::find(b, b"  ").is_none();
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_whitespace_joins_words_by_one_space() {
        for (s, want) in [
            ("said Maria Lopez", "said Maria Lopez"),
            (" said  Lopez ", "said Lopez"),
            ("said\nLopez", "said Lopez"),
            ("said\x0bLopez", "said Lopez"),
            ("said\u{a0}López", "said López"),
            ("", ""),
            ("   ", ""),
        ] {
            assert_eq!(collapse_whitespace(s), want, "{s:?}");
        }
    }

    fn roundtrip(text: &str, enc: Encoding) {
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let lc = index.line_col(text, offset, enc);
            let back = index.offset(text, lc, enc);
            // A line break's own bytes map to the end of the line before it.
            let line_end = index.line_range(text, lc.line as usize).end();
            assert_eq!(back, offset.min(line_end), "{text:?} @ {offset} {enc:?}");
        }
    }

    #[test]
    fn sorted_ranges_merge_where_they_overlap_or_touch() {
        let r = |a, b| TextRange::new(a, b);
        let merged = merge_sorted([r(0, 2), r(1, 4), r(2, 3), r(4, 5), r(7, 9), r(10, 11)]);
        assert_eq!(merged, [r(0, 5), r(7, 9), r(10, 11)]);
        assert_eq!(merge_sorted([]), []);
    }

    #[test]
    fn line_breaks_are_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let lines: Vec<&str> = (0..4)
            .map(|l| index.line_range(text, l).slice(text))
            .collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        // U+2028 and form feed are not line breaks for LSP.
        assert_eq!(LineIndex::new("a\u{2028}b\x0cc").line_count(), 1);
    }

    #[test]
    fn emoji_and_cjk_columns_per_encoding() {
        let text = "x😀中y";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(index.line_col(text, y, Encoding::Utf8).col, 8);
        assert_eq!(index.line_col(text, y, Encoding::Utf16).col, 4);
        assert_eq!(index.line_col(text, y, Encoding::Utf32).col, 3);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            roundtrip(text, enc);
            roundtrip("“Hi,” 😀 said\r\nher 中文\rok\n", enc);
        }
    }

    /// On lines longer than the marks' spacing, columns counted from the
    /// marks are those counted from the start of the line, both ways.
    #[test]
    fn long_lines_count_from_the_marks_as_from_the_line_start() {
        let pieces = ["a", "é", "中", "😀", "\r\n", "\n", "\r", "xy"];
        let mut text = String::new();
        let mut seed = 7u32;
        while text.len() < 5 * MARK_EVERY {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            // Line breaks are rare: most lines are longer than the spacing.
            let i = (seed >> 16) as usize % 400;
            text.push_str(if i < 3 { pieces[4 + i] } else { pieces[i % 4] });
        }
        text.push_str(&"😀".repeat(MARK_EVERY));
        let index = LineIndex::new(&text);
        assert!(!index.marks.is_empty());
        let plain = |offset: usize, enc| {
            let line = index.line_of(offset);
            let range = index.line_range(&text, line);
            let upto = offset.clamp(range.start(), range.end());
            LineCol {
                line: line as u32,
                col: count_units(&text[range.start()..upto], enc) as u32,
            }
        };
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in text.char_indices().step_by(7).chain([(text.len(), ' ')]) {
                let lc = index.line_col(&text, offset, enc);
                assert_eq!(lc, plain(offset, enc), "{offset} {enc:?}");
                let range = index.line_range(&text, lc.line as usize);
                let by_line = range.start() + col_to_byte(range.slice(&text).chars(), lc.col, enc);
                assert_eq!(index.offset(&text, lc, enc), by_line, "{lc:?} {enc:?}");
                // A column inside a surrogate pair, and past the line's end.
                for col in [lc.col + 1, lc.col + 100_000] {
                    let pos = LineCol { line: lc.line, col };
                    let by_line = range.start() + col_to_byte(range.slice(&text).chars(), col, enc);
                    assert_eq!(index.offset(&text, pos, enc), by_line, "{pos:?} {enc:?}");
                }
            }
        }
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "ab\n😀c\n";
        let index = LineIndex::new(text);
        let pos = |line, col| LineCol { line, col };
        // Column past the end of the line: end of that line.
        assert_eq!(index.offset(text, pos(0, 99), Encoding::Utf16), 2);
        // Line past the end of the file: end of the file.
        assert_eq!(index.offset(text, pos(9, 0), Encoding::Utf16), text.len());
        // A column inside a surrogate pair lands on the start of the emoji.
        assert_eq!(index.offset(text, pos(1, 1), Encoding::Utf16), 3);
        // An offset inside a character or past the end is floored.
        assert_eq!(index.line_col(text, 4, Encoding::Utf8), pos(1, 0));
        assert_eq!(index.line_col(text, 999, Encoding::Utf8), pos(2, 0));
    }

    #[test]
    fn columns_of_a_line_from_any_source() {
        // As a rope hands a line over: with its line break.
        let line = "a😀中b\r\n";
        assert_eq!(col_to_byte(line.chars(), 3, Encoding::Utf16), 5);
        assert_eq!(
            col_to_byte(line.chars(), 2, Encoding::Utf16),
            1,
            "inside a surrogate pair"
        );
        assert_eq!(col_to_byte(line.chars(), 2, Encoding::Utf32), 5);
        assert_eq!(col_to_byte(line.chars(), 8, Encoding::Utf8), 8);
        assert_eq!(
            col_to_byte(line.chars(), 99, Encoding::Utf16),
            9,
            "clamped before CRLF"
        );
        assert_eq!(
            col_to_byte("x\ry".chars(), 5, Encoding::Utf8),
            1,
            "lone CR ends the line"
        );
        assert_eq!(col_of("a😀中", Encoding::Utf16), 4);
        assert_eq!(col_of("a😀中", Encoding::Utf8), 8);
        assert_eq!(col_of("a😀中", Encoding::Utf32), 3);
    }
}

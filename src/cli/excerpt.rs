//! What a human report shows of a file: the lines a finding's labels are on,
//! each long line cut down to windows around the labels' ends. It is a
//! codespan-reporting `Files` whose source is those windows alone, so a
//! finding costs the same on a 10 MB line as on a short one, while the line
//! and column numbers shown are those of the real file.

use crate::text::{Encoding, LineIndex, TextRange, floor_char_boundary};
use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// A line of at most this many characters is shown whole.
pub const WHOLE_LINE: usize = 300;
/// Characters shown either side of a label's end on a longer line.
pub const CONTEXT: usize = 60;
/// Where a long line is cut.
const ELLIPSIS: &str = "…";

/// The excerpts of the files one finding points into.
#[derive(Default)]
pub struct Excerpts {
    files: Vec<Excerpt>,
}

/// The lines of one file a finding shows.
struct Excerpt {
    name: String,
    /// The shown text: the windows of each line, lines joined by `\n`.
    source: String,
    /// By real line.
    lines: Vec<Shown>,
}

/// One line of an excerpt.
struct Shown {
    /// The real line's index.
    line: usize,
    /// Where it is in the excerpt's source.
    shown: Range<usize>,
    /// Its real 1-based column at the start of each piece.
    pieces: Vec<Piece>,
}

/// A run of the real line copied verbatim.
#[derive(Clone, Copy)]
struct Piece {
    /// Offset in the excerpt's source.
    at: usize,
    /// Offset in the real text.
    real: usize,
    len: usize,
    /// The real 1-based column of `real`.
    column: usize,
}

/// A file a finding points into: its name, text and line index, and the
/// ranges it labels.
pub struct Labelled<'a> {
    pub name: String,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub ranges: Vec<TextRange>,
}

impl Excerpts {
    /// Adds a file; returns its id and, for each of its ranges, the range
    /// in the excerpt.
    pub fn add(&mut self, file: &Labelled) -> (usize, Vec<Range<usize>>) {
        let text = file.text;
        let index = file.index;
        let clamp = |offset: usize| floor_char_boundary(text, offset);
        let last_line = index.line_count() - 1;
        // The lines shown: those of the ends, the first lines of a label over
        // several and the last (as codespan shows them), and the line either
        // side of each (it shows a one-line gap rather than skip it).
        let mut lines = Vec::new();
        let mut points = Vec::new();
        for r in &file.ranges {
            let (start, end) = (clamp(r.start()), clamp(r.end()));
            let (first, last) = (index.line_of(start), index.line_of(end));
            points.push((first, start));
            points.push((last, end));
            let near_start = first.saturating_sub(1)..=(first + 4).min(last);
            let near_end = last.saturating_sub(2).max(first)..=(last + 1).min(last_line);
            lines.extend(near_start.chain(near_end));
        }
        lines.sort_unstable();
        lines.dedup();
        points.sort_unstable();

        let mut source = String::new();
        let mut shown_lines = Vec::with_capacity(lines.len());
        let mut next_point = 0;
        for line in lines {
            if !source.is_empty() {
                source.push('\n');
            }
            let range = index.line_range(text, line);
            // Both are sorted by line: the points of this one come next.
            let from = next_point;
            while points.get(next_point).is_some_and(|(l, _)| *l == line) {
                next_point += 1;
            }
            let on_line = points[from..next_point]
                .iter()
                .map(|(_, p)| (*p).clamp(range.start(), range.end()));
            let start = source.len();
            let pieces = windows(text, range, on_line)
                .into_iter()
                .map(|w| {
                    let cut_before = w.start() > range.start() && !source.ends_with(ELLIPSIS);
                    if cut_before {
                        source.push_str(ELLIPSIS);
                    }
                    let piece = Piece {
                        at: source.len(),
                        real: w.start(),
                        len: w.len(),
                        column: index.line_col(text, w.start(), Encoding::Utf32).col as usize + 1,
                    };
                    source.push_str(w.slice(text));
                    if w.end() < range.end() {
                        source.push_str(ELLIPSIS);
                    }
                    piece
                })
                .collect();
            shown_lines.push(Shown {
                line,
                shown: start..source.len(),
                pieces,
            });
        }
        let excerpt = Excerpt {
            name: file.name.clone(),
            source,
            lines: shown_lines,
        };
        let ranges = file
            .ranges
            .iter()
            .map(|r| {
                let (start, end) = (clamp(r.start()), clamp(r.end()));
                let at = |offset| excerpt.shown_at(index.line_of(offset), offset);
                at(start)..at(end).max(at(start))
            })
            .collect();
        self.files.push(excerpt);
        (self.files.len() - 1, ranges)
    }

    fn get(&self, id: usize) -> Result<&Excerpt, Error> {
        self.files.get(id).ok_or(Error::FileMissing)
    }
}

/// The windows of a line around some points on it, merged where they meet:
/// the whole line when it is short.
fn windows(text: &str, line: TextRange, points: impl Iterator<Item = usize>) -> Vec<TextRange> {
    let s = line.slice(text);
    if s.chars().nth(WHOLE_LINE).is_none() {
        return vec![line];
    }
    let back = |p: usize| {
        let before = &text[line.start()..p];
        before
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map_or(line.start(), |(i, _)| line.start() + i)
    };
    let ahead = |p: usize| {
        let after = &text[p..line.end()];
        after
            .char_indices()
            .nth(CONTEXT)
            .map_or(line.end(), |(i, _)| p + i)
    };
    let mut out: Vec<TextRange> = Vec::new();
    let mut any = false;
    for p in points {
        any = true;
        let w = TextRange::new(back(p), ahead(p));
        match out.last_mut() {
            Some(last) if w.start() <= last.end() => *last = last.cover(w),
            _ => out.push(w),
        }
    }
    if !any {
        // A line shown for its context alone: its start.
        out.push(TextRange::new(line.start(), ahead(line.start())));
    }
    out
}

impl Excerpt {
    /// Where the real `offset` on real line `line` is in the excerpt: in the
    /// piece that holds it, else at the end of the line shown.
    fn shown_at(&self, line: usize, offset: usize) -> usize {
        let Ok(i) = self.lines.binary_search_by_key(&line, |s| s.line) else {
            return self.source.len();
        };
        let shown = &self.lines[i];
        shown
            .pieces
            .iter()
            .find(|p| p.real <= offset && offset <= p.real + p.len)
            .map_or(shown.shown.end, |p| p.at + offset - p.real)
    }

    /// The line shown at excerpt offset `at`.
    fn shown_line(&self, at: usize) -> Option<&Shown> {
        let i = self.lines.partition_point(|s| s.shown.start <= at);
        i.checked_sub(1).map(|i| &self.lines[i])
    }
}

impl<'a> Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.get(id)?.source)
    }

    /// The real line.
    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.get(id)?.shown_line(byte_index).map_or(0, |s| s.line))
    }

    /// The real column: that of the piece the offset is in, plus the
    /// characters before it in the piece.
    fn column_number(&'a self, id: usize, line: usize, byte_index: usize) -> Result<usize, Error> {
        let excerpt = self.get(id)?;
        let Some(shown) = excerpt.shown_line(byte_index).filter(|s| s.line == line) else {
            return Ok(1);
        };
        let i = shown.pieces.partition_point(|p| p.at <= byte_index);
        let Some(piece) = i.checked_sub(1).map(|i| shown.pieces[i]) else {
            return Ok(1);
        };
        let upto = byte_index.min(piece.at + piece.len);
        Ok(piece.column + excerpt.source[piece.at..upto].chars().count())
    }

    /// A line that is not shown is empty (codespan asks for every line a
    /// label spans, and shows only some).
    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, Error> {
        let excerpt = self.get(id)?;
        Ok(
            match excerpt.lines.binary_search_by_key(&line, |s| s.line) {
                Ok(i) => excerpt.lines[i].shown.clone(),
                Err(_) => excerpt.source.len()..excerpt.source.len(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, ranges: &[TextRange]) -> (String, Vec<String>) {
        let index = LineIndex::new(text);
        let mut e = Excerpts::default();
        let (id, shown) = e.add(&Labelled {
            name: "a".into(),
            text,
            index: &index,
            ranges: ranges.to_vec(),
        });
        let source = e.source(id).unwrap().to_string();
        let labels = shown
            .iter()
            .map(|r| source[r.clone()].to_string())
            .collect();
        (source, labels)
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "one\r\ntwo “quoted” here\nthree\n";
        let q = TextRange::new(text.find('“').unwrap(), text.find(" here").unwrap());
        let (source, labels) = excerpt(text, &[q]);
        assert_eq!(source, "one\ntwo “quoted” here\nthree");
        assert_eq!(labels, ["“quoted”"]);
    }

    #[test]
    fn long_lines_are_cut_around_the_ends_of_the_labels() {
        let text = format!("{}“hi”{}\nnext", "a".repeat(1000), "b".repeat(1000));
        let q = TextRange::new(1000, 1000 + "“hi”".len());
        let (source, labels) = excerpt(&text, &[q]);
        let want = format!("…{}“hi”{}…\nnext", "a".repeat(60), "b".repeat(60));
        assert_eq!(source, want);
        assert_eq!(labels, ["“hi”"]);
        // A label longer than two windows: its two ends, with a cut between.
        let long = TextRange::new(100, 1900);
        let (source, labels) = excerpt(&text, &[long]);
        assert_eq!(source.chars().count(), 4 * CONTEXT + 3 + "\nnext".len());
        assert_eq!(labels[0].matches(ELLIPSIS).count(), 1, "{}", labels[0]);
    }

    #[test]
    fn columns_and_lines_are_those_of_the_real_file() {
        let text = format!("x\n{}😀 end", "é".repeat(500));
        let at = text.find('😀').unwrap();
        let index = LineIndex::new(&text);
        let mut e = Excerpts::default();
        let (id, shown) = e.add(&Labelled {
            name: "a".into(),
            text: &text,
            index: &index,
            ranges: vec![TextRange::new(at, at + 4)],
        });
        let location = e.location(id, shown[0].start).unwrap();
        assert_eq!((location.line_number, location.column_number), (2, 501));
        let end = e.location(id, shown[0].end).unwrap();
        assert_eq!((end.line_number, end.column_number), (2, 502));
    }
}

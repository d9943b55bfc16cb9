//! Where a finding is, as the CI formats (SARIF, GitHub) show it: 1-based
//! lines and columns, columns counted in Unicode scalar values like the JSON
//! report, the end column just past the last character.

use crate::text::{Encoding, TextRange};
use crate::workspace::{File, Workspace};
use std::path::Path;

/// The unit columns are counted in.
pub const COLUMN_ENCODING: Encoding = Encoding::Utf32;

/// A range as 1-based lines and columns; the end is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// The span of `range` in the file at `path` (line 1, column 1 for a file the
/// workspace does not hold).
pub fn span(ws: &Workspace, path: &Path, range: TextRange) -> Span {
    span_in(ws.file(path).map(|f| &**f), range)
}

/// [`span`] in a file already looked up (a lookup compares paths component
/// by component, and a report holds thousands of ranges).
pub fn span_in(file: Option<&File>, range: TextRange) -> Span {
    let point = |offset: usize| match file {
        Some(file) => {
            let lc = file
                .line_index()
                .line_col(&file.text, offset, COLUMN_ENCODING);
            (lc.line + 1, lc.col + 1)
        }
        None => (1, 1),
    };
    let (start_line, start_column) = point(range.start());
    let (end_line, end_column) = point(range.end());
    Span {
        start_line,
        start_column,
        end_line,
        end_column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileKind;
    use std::path::PathBuf;

    #[test]
    fn columns_count_characters_and_the_end_is_exclusive() {
        let mut ws = Workspace::default();
        let text = "😀 “Hi”\r\nb";
        ws.set_file(File::new(
            PathBuf::from("/a.news.md"),
            FileKind::Article,
            text,
        ));
        let start = text.find('“').unwrap();
        let end = text.find('”').unwrap() + '”'.len_utf8();
        let got = span(&ws, Path::new("/a.news.md"), TextRange::new(start, end));
        assert_eq!(
            got,
            Span {
                start_line: 1,
                start_column: 3,
                end_line: 1,
                end_column: 7
            }
        );
        let b = text.find('b').unwrap();
        let got = span(&ws, Path::new("/a.news.md"), TextRange::new(b, b + 1));
        assert_eq!(
            (got.start_line, got.start_column, got.end_column),
            (2, 1, 2)
        );
        let missing = span(&ws, Path::new("/nope"), TextRange::new(5, 9));
        assert_eq!((missing.start_line, missing.end_column), (1, 1));
    }
}

//! Edits as data: what a fix or a rename changes, in byte ranges of a
//! snapshot's texts. The CLI applies them to files; the language server turns
//! them into a workspace edit.

use crate::text::TextRange;
use std::path::PathBuf;

/// Replace `range` of a file's text with `new_text` (an insertion when the
/// range is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

impl TextEdit {
    pub fn insert(at: usize, new_text: impl Into<String>) -> TextEdit {
        TextEdit {
            range: TextRange::empty(at),
            new_text: new_text.into(),
        }
    }
}

/// Edits to one file, in order and not overlapping. `create`: the file does
/// not exist yet and the one edit is its whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEdit {
    pub path: PathBuf,
    pub create: bool,
    pub edits: Vec<TextEdit>,
}

/// `text` with the edits applied. Edits are applied in order of position;
/// one that overlaps an earlier one is left out.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start(), e.range.end()));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in sorted {
        if e.range.start() < at || e.range.end() > text.len() {
            continue;
        }
        out.push_str(&text[at..e.range.start()]);
        out.push_str(&e.new_text);
        at = e.range.end();
    }
    out.push_str(&text[at..]);
    out
}

//! Fixes as data: the edits that resolve a diagnostic, for the editor's code
//! actions and for `newsmark check --fix`. Pure: every function reads the
//! workspace snapshot and returns edits; the edges apply them.
//!
//! NM001: "Attribute to X" (the speaker the prose suggests, or any actor),
//! "Mark as scare quote / title / term", "Create anonymous source". NM002:
//! "Create actor `id` in actors.yaml". NM005: "Remove the space" before an
//! attribute block, the one fix certain enough to apply unasked.

mod actors;
mod attribute;
mod spacing;

#[cfg(test)]
mod tests;

use super::suggest::Suggestion;
use super::{Code, Diagnostic};
use crate::model::Article;
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use actors::{create_actor, create_anonymous_source};
pub use attribute::{attribute, mark_non_speech};

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

/// How sure a fix is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Mechanical: `newsmark check --fix` applies it.
    Certain,
    /// The speaker the prose suggests, a known actor: applied with
    /// `--fix-suggestions`.
    Suggested,
    /// One choice among others: offered in the editor, never applied unasked.
    Offered,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixKind {
    Attribute { id: String },
    MarkNonSpeech { class: &'static str },
    CreateAnonymousSource { id: String },
    CreateActor { id: String },
    RemoveSpace,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the editor shows: "Attribute to Maria Lopez (@lopez)".
    pub title: String,
    pub kind: FixKind,
    pub certainty: Certainty,
    pub edits: Vec<FileEdit>,
}

impl Fix {
    /// The edits to one file, if the fix touches it.
    pub fn edits_to(&self, path: &Path) -> Option<&FileEdit> {
        self.edits.iter().find(|e| e.path == path)
    }
}

/// The fixes for one diagnostic, the most likely first.
pub fn fixes(ws: &Workspace, d: &Diagnostic) -> Vec<Fix> {
    Fixer::new(ws, &d.path).map_or_else(Vec::new, |f| f.fixes(d))
}

/// Fixes for the diagnostics of one file, sharing a lookup of its
/// quotations (asking for many stays linear).
pub struct Fixer<'a> {
    ws: &'a Workspace,
    file: &'a File,
    /// Top-level quotations by range, and by where they end.
    quotes: HashMap<TextRange, usize>,
    ends: HashMap<usize, usize>,
}

impl<'a> Fixer<'a> {
    pub fn new(ws: &'a Workspace, path: &Path) -> Option<Fixer<'a>> {
        let file = ws.file(path)?;
        let mut quotes = HashMap::new();
        let mut ends = HashMap::new();
        for (i, q) in file
            .article()
            .map_or(&[][..], |a| &a.quotations)
            .iter()
            .enumerate()
        {
            if q.is_top_level() {
                quotes.insert(q.range, i);
                ends.insert(q.range.end, i);
            }
        }
        Some(Fixer {
            ws,
            file,
            quotes,
            ends,
        })
    }

    fn article(&self) -> Option<&'a Article> {
        self.file.article()
    }

    /// The top-level quotation with exactly this range.
    pub fn quotation_at(&self, range: TextRange) -> Option<usize> {
        self.quotes.get(&range).copied()
    }

    /// The top-level quotation whose closing mark ends at `offset`.
    pub fn quotation_ending_at(&self, offset: usize) -> Option<usize> {
        self.ends.get(&offset).copied()
    }

    pub fn fixes(&self, d: &Diagnostic) -> Vec<Fix> {
        let path = &self.file.path;
        match d.code {
            Code::UnattributedQuote => {
                let Some(q) = self.quotation_at(d.range) else {
                    return Vec::new();
                };
                // `“…” {@x}`: the block is there, one space away; NM005's
                // fix attaches it, and another block would clash with it.
                let after = self.file.text[d.range.end..].trim_start_matches([' ', '\t']);
                if after.len() < self.file.text.len() - d.range.end
                    && (after.starts_with("{@") || after.starts_with("{."))
                {
                    return Vec::new();
                }
                let mut out = Vec::new();
                if let Some(s) = &d.suggestion {
                    out.extend(self.suggested(q, s));
                }
                for class in ["scare", "title", "term"] {
                    out.extend(mark_non_speech(self.ws, path, q, class));
                }
                out
            }
            Code::UnknownActor => create_actor(self.ws, path, d.range).into_iter().collect(),
            Code::MalformedAnnotation => spacing::remove_space(self, d).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The fix a suggestion makes: attribute to a known actor, or create an
    /// anonymous source for a described one.
    fn suggested(&self, q: usize, s: &Suggestion) -> Option<Fix> {
        let path = &self.file.path;
        match &s.speaker {
            Some(id) => {
                let mut fix = attribute(self.ws, path, q, id)?;
                fix.certainty = Certainty::Suggested;
                Some(fix)
            }
            None if s.anonymous => create_anonymous_source(self.ws, path, q, s),
            None => None,
        }
    }
}

/// `text` with the edits applied. Edits are applied in order of position;
/// one that overlaps an earlier one is left out.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in sorted {
        if e.range.start < at || e.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

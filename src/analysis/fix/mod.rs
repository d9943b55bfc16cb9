//! Fixes as data: the edits that resolve a diagnostic, for the editor's code
//! actions and for `newsmark check --fix`. Pure: every function reads the
//! workspace snapshot and returns edits; the edges apply them.
//!
//! NM001: "Attribute to X" (the speaker the prose suggests, or any actor),
//! "Mark as scare quote / title / term", "Create anonymous source". NM002:
//! "Change to `@id`" (a likely typo), "Create actor `id` in actors.yaml".
//! NM005: "Remove the space" before an attribute block, the one fix certain
//! enough to apply unasked.

mod actors;
mod attribute;
mod link;
mod spacing;
mod typo;

#[cfg(test)]
mod tests;

use super::{Code, Diagnostic};
use crate::attribution::Suggestion;
use crate::model::{Article, Speaker};
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use super::edit::{FileEdit, TextEdit, apply};
pub use actors::{
    AnonymousSource, Entry, add_local_actors, anonymous_source, append_entries, create_actor,
    create_anonymous_source, id_in_use, registry_for,
};
pub use attribute::{add_item, attribute, mark_non_speech};
pub use link::{PlainMention, link_all, link_each, link_mention, plain_mentions};

/// How sure a fix is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Mechanical: `newsmark check --fix` applies it.
    Certain,
    /// The speaker the prose suggests, a known actor: applied with
    /// `--fix-suggestions`.
    Suggested,
    /// The one likely choice (an unknown id one typo away from a single
    /// defined id): preferred in the editor, never applied unasked.
    Likely,
    /// One choice among others: offered in the editor, never applied unasked.
    Offered,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixKind {
    Attribute {
        id: String,
    },
    MarkNonSpeech {
        class: &'static str,
    },
    CreateAnonymousSource {
        id: String,
    },
    CreateActor {
        id: String,
    },
    ChangeId {
        id: String,
    },
    RemoveSpace,
    LinkMention {
        id: String,
    },
    LinkAllMentions {
        id: String,
    },
    /// A speaker the prose names, made an actor and attributed.
    CreateSpeaker {
        id: String,
    },
    /// The whole draft of `newsmark annotate`.
    Annotate,
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
    /// The file whose findings it fixes.
    pub fn file(&self) -> &'a File {
        self.file
    }

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
                ends.insert(q.range.end(), i);
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
                let Some(q) = self.open_quotation(d) else {
                    return Vec::new();
                };
                let mut out = Vec::new();
                if let Some(s) = &d.suggestion {
                    out.extend(self.suggested(q, s));
                }
                for class in ["scare", "title", "term"] {
                    out.extend(mark_non_speech(self.ws, path, q, class));
                }
                out
            }
            Code::UnknownActor => {
                let mut out = typo::change_id(self.ws, path, d.range);
                out.extend(create_actor(self.ws, path, d.range));
                out
            }
            Code::MalformedAnnotation => spacing::remove_space(self, d).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// What the editor offers for a diagnostic: its [`Fixer::fixes`], and
    /// for an unattributed quotation "Attribute to …" each actor the article
    /// refers to or defines, in order of first appearance.
    pub fn offered(&self, d: &Diagnostic) -> Vec<Fix> {
        let mut out = self.fixes(d);
        if d.code != Code::UnattributedQuote {
            return out;
        }
        let Some(q) = self.open_quotation(d) else {
            return out;
        };
        for id in self.actors() {
            let taken = out
                .iter()
                .any(|f| matches!(&f.kind, FixKind::Attribute { id: i } if *i == id));
            if !taken {
                out.extend(attribute(self.ws, &self.file.path, q, id));
            }
        }
        out
    }

    /// The unattributed quotation of an NM001, unless an attribute block
    /// stands one space after it (`“…” {@x}`: NM005's fix attaches that one,
    /// and another block would clash with it).
    fn open_quotation(&self, d: &Diagnostic) -> Option<usize> {
        let q = self.quotation_at(d.range)?;
        let rest = &self.file.text[d.range.end()..];
        let after = rest.trim_start_matches([' ', '\t']);
        let spaced_block =
            after.len() < rest.len() && (after.starts_with("{@") || after.starts_with("{."));
        (!spaced_block).then_some(q)
    }

    /// The known actors an article refers to (mentions, speakers) and its
    /// own actors, each once, in order of first appearance.
    fn actors(&self) -> Vec<&'a str> {
        let Some(article) = self.article() else {
            return Vec::new();
        };
        let mut refs: Vec<(usize, &'a str)> = article
            .mentions
            .iter()
            .map(|m| (m.range.start(), m.id.id.as_str()))
            .chain(
                article
                    .attributions
                    .iter()
                    .filter_map(|a| match &a.speaker {
                        Some(Speaker::Explicit(r)) => Some((a.range.start(), r.id.as_str())),
                        _ => None,
                    }),
            )
            .collect();
        refs.sort_unstable();
        let local = article.local_actors.iter().map(|a| a.id.as_str());
        let mut seen = HashSet::new();
        refs.into_iter()
            .map(|(_, id)| id)
            .chain(local)
            .filter(|id| seen.insert(*id) && self.ws.resolve_in(self.file, id).is_some())
            .collect()
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

/// A YAML double-quoted string.
pub fn yaml_string(s: &str) -> String {
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

//! Pure queries over a workspace snapshot. Answers are in byte ranges; the
//! edges turn them into lines and columns.

pub mod at_offset;
pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod document_links;
pub mod edit;
pub mod export;
pub mod fix;
#[cfg(test)]
mod fixture;
pub mod folding;
pub mod hover;
pub mod inlay_hints;
pub mod references;
pub mod rename;
mod rule_docs;
pub mod rules;
pub mod semantic_tokens;
pub mod symbols;

use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::path::{Path, PathBuf};

/// Diagnostic codes. Stable: never renumbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    UnreadableFile,
    UnattributedQuote,
    UnknownActor,
    DuplicateActor,
    UnbalancedQuotation,
    MalformedAnnotation,
    AnonymousSourceUnjustified,
    InvalidMetadata,
    UnusedActor,
    SpeakerNotIntroduced,
}

impl Code {
    pub const ALL: [Code; 10] = [
        Code::UnreadableFile,
        Code::UnattributedQuote,
        Code::UnknownActor,
        Code::DuplicateActor,
        Code::UnbalancedQuotation,
        Code::MalformedAnnotation,
        Code::AnonymousSourceUnjustified,
        Code::InvalidMetadata,
        Code::UnusedActor,
        Code::SpeakerNotIntroduced,
    ];

    /// `NM001` and so on.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnreadableFile => "NM000",
            Code::UnattributedQuote => "NM001",
            Code::UnknownActor => "NM002",
            Code::DuplicateActor => "NM003",
            Code::UnbalancedQuotation => "NM004",
            Code::MalformedAnnotation => "NM005",
            Code::AnonymousSourceUnjustified => "NM006",
            Code::InvalidMetadata => "NM007",
            Code::UnusedActor => "NM008",
            Code::SpeakerNotIntroduced => "NM009",
        }
    }

    /// The rule's name, as used in `newsmark.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Code::UnreadableFile => "unreadable-file",
            Code::UnattributedQuote => "unattributed-quote",
            Code::UnknownActor => "unknown-actor",
            Code::DuplicateActor => "duplicate-actor",
            Code::UnbalancedQuotation => "unbalanced-quotation",
            Code::MalformedAnnotation => "malformed-annotation",
            Code::AnonymousSourceUnjustified => "anonymous-source-unjustified",
            Code::InvalidMetadata => "invalid-metadata",
            Code::UnusedActor => "unused-actor",
            Code::SpeakerNotIntroduced => "speaker-not-introduced",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::UnattributedQuote
            | Code::UnbalancedQuotation
            | Code::AnonymousSourceUnjustified => Severity::Warning,
            Code::UnusedActor => Severity::Hint,
            Code::SpeakerNotIntroduced => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// A rule by name (`unattributed-quote`) or code (`NM001`).
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|c| c.name() == name || c.as_str().eq_ignore_ascii_case(name))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A rule's level from `newsmark.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Default,
    Off,
    Set(Severity),
}

impl Level {
    pub fn from_name(name: &str) -> Option<Level> {
        Some(match name {
            "off" => Level::Off,
            "error" => Level::Set(Severity::Error),
            "warning" => Level::Set(Severity::Warning),
            "info" => Level::Set(Severity::Info),
            "hint" => Level::Set(Severity::Hint),
            _ => return None,
        })
    }
}

/// A second place that a diagnostic is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: PathBuf,
    pub range: TextRange,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub code: Code,
    pub severity: Severity,
    pub range: TextRange,
    /// What is wrong and why it matters.
    pub message: String,
    /// How to fix it.
    pub help: String,
    pub related: Vec<Related>,
    /// NM001: the speaker the prose around the quotation suggests.
    pub suggestion: Option<crate::attribution::Suggestion>,
}

impl Diagnostic {
    pub fn new(
        file: &File,
        code: Code,
        range: TextRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: file.path.clone(),
            code,
            severity: code.default_severity(),
            range,
            message: message.into(),
            help: help.into(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    pub fn with_related(
        mut self,
        path: &Path,
        range: TextRange,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            path: path.to_path_buf(),
            range,
            message: message.into(),
        });
        self
    }
}

/// Builds what the analysis of every article derives from the registries (the
/// speaker suggester's name table), so that it is built once, ahead, rather
/// than by the first article while the others wait for it.
pub fn prepare(ws: &Workspace) {
    crate::attribution::Names::of_workspace(ws);
}

/// All diagnostics of one file, at the levels its config sets, in order.
pub fn diagnostics(ws: &Workspace, path: &Path) -> Vec<Diagnostic> {
    ws.file(path)
        .map_or_else(Vec::new, |file| diagnostics_of(ws, file))
}

/// As [`diagnostics`], for a file that need not be part of the workspace
/// (`check` analyses each article against the registries and lets it go).
pub fn diagnostics_of(ws: &Workspace, file: &File) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    rules::run_all(ws, file, &mut out);
    let config = ws.config_for(&file.path);
    out.retain_mut(|d| match config.level(d.code) {
        Level::Off => false,
        Level::Default => true,
        Level::Set(s) => {
            d.severity = s;
            true
        }
    });
    out.sort_by(|a, b| {
        (a.range.start(), a.range.end(), a.code).cmp(&(b.range.start(), b.range.end(), b.code))
    });
    out
}

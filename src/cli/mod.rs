//! The `newsmark check` command: loads the workspace from disk, runs the rules
//! on the files asked for, and renders the diagnostics in the chosen format.

pub mod export;
pub mod fix;
mod github;
mod human;
mod json;
mod location;
mod sarif;
pub mod schema;

use crate::analysis::{self, Diagnostic, Severity};
use crate::fs;
use crate::workspace::Workspace;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Snippets with the offending span underlined.
    Human,
    /// One JSON document (schema version 1).
    Json,
    /// One SARIF 2.1.0 log, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the files.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Fail on errors only (the default).
    Errors,
    /// Fail on warnings and errors.
    Warnings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub deny: Deny,
    pub color: Color,
    /// `--fix` / `--fix-suggestions`.
    pub fix: fix::FixMode,
}

/// Exit statuses.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Counts per severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
}

impl Summary {
    fn count(files: usize, diagnostics: &[Diagnostic]) -> Summary {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
                Severity::Hint => s.hints += 1,
            }
        }
        s
    }
}

/// Runs `newsmark check`; returns the exit status.
pub fn check(options: &CheckOptions) -> u8 {
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let load = || {
        fs::load(&paths).map_err(|e| {
            eprintln!("newsmark: {e:#}");
            EXIT_USAGE
        })
    };
    let mut loaded = match load() {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let mut diagnostics = run_rules(&loaded.workspace, &loaded.targets);
    if options.fix != fix::FixMode::Off {
        let report = fix::run(&loaded.workspace, &diagnostics, options.fix);
        fix::print(&report);
        if report.files_written > 0 {
            // Report what is left, as the files now are.
            loaded = match load() {
                Ok(loaded) => loaded,
                Err(status) => return status,
            };
            diagnostics = run_rules(&loaded.workspace, &loaded.targets);
        }
    }
    let summary = Summary::count(loaded.targets.len(), &diagnostics);
    let mut stdout = std::io::stdout().lock();
    let written = match options.format {
        Format::Json => json::write(&mut stdout, &loaded.workspace, &diagnostics, summary),
        Format::Sarif => {
            let base = std::env::current_dir().unwrap_or_default();
            sarif::write(&mut stdout, &loaded.workspace, &diagnostics, &base)
        }
        Format::Github => github::write(&mut stdout, &loaded.workspace, &diagnostics, summary),
        Format::Human => {
            let color = match options.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            drop(stdout);
            human::write(&loaded.workspace, &diagnostics, summary, color)
        }
    };
    if let Err(e) = written.and_then(|()| std::io::stdout().flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("newsmark: cannot write the report: {e}");
            return EXIT_USAGE;
        }
    }
    let threshold = match options.deny {
        Deny::Errors => Severity::Error,
        Deny::Warnings => Severity::Warning,
    };
    if diagnostics.iter().any(|d| d.severity <= threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Diagnostics of the target files, analysed on every core, in path order.
pub fn run_rules(ws: &Workspace, targets: &[PathBuf]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    targets
        .par_iter()
        .map(|path| analysis::diagnostics(ws, path))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

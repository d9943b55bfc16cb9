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
use crate::workspace::config::FileKind;
use crate::workspace::{File, Workspace};
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
        load_and_check(&paths).map_err(|e| {
            eprintln!("newsmark: {e:#}");
            EXIT_USAGE
        })
    };
    let (mut loaded, mut diagnostics) = match load() {
        Ok(done) => done,
        Err(status) => return status,
    };
    if options.fix != fix::FixMode::Off {
        let report = fix::run(&loaded.workspace, &diagnostics, options.fix);
        fix::print(&report);
        if report.files_written > 0 {
            // Report what is left, as the files now are.
            (loaded, diagnostics) = match load() {
                Ok(done) => done,
                Err(status) => return status,
            };
        }
    }
    let summary = Summary::count(loaded.targets.len(), &diagnostics);
    // Buffered: stdout alone flushes every line, a write call per line of JSON.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
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
            human::write(&loaded.workspace, &diagnostics, summary, color)
        }
    }
    .and_then(|()| stdout.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("newsmark: cannot write the report: {e}");
            return EXIT_USAGE;
        }
    }
    let failed = {
        let threshold = match options.deny {
            Deny::Errors => Severity::Error,
            Deny::Warnings => Severity::Warning,
        };
        diagnostics.iter().any(|d| d.severity <= threshold)
    };
    // The process ends here: leave the workspace to the OS rather than free
    // its hundreds of thousands of small allocations one by one.
    std::mem::forget(loaded);
    std::mem::forget(diagnostics);
    if failed { EXIT_FINDINGS } else { EXIT_OK }
}

/// Loads and checks the files under `paths`, an article at a time: each is
/// read, analysed against the registries, and kept only when it has
/// findings, so memory holds the registries and the reported articles rather
/// than the whole corpus. The workspace returned holds just those files
/// (enough to render the findings and to fix them).
pub fn load_and_check(paths: &[PathBuf]) -> anyhow::Result<(fs::Loaded, Vec<Diagnostic>)> {
    use rayon::prelude::*;
    let plan = fs::plan(paths)?;
    let (articles, others): (Vec<_>, Vec<_>) = plan
        .files
        .into_iter()
        .partition(|(_, kind)| *kind == FileKind::Article);
    // Targets other than articles (registries, the config): there are a few.
    let rest: Vec<PathBuf> = others
        .iter()
        .map(|(path, _)| path)
        // By bytes: `Path`'s `==` compares component by component, and
        // there are as many targets as articles.
        .filter(|path| {
            plan.targets
                .iter()
                .any(|t| t.as_os_str() == path.as_os_str())
        })
        .cloned()
        .collect();
    // The registries are parsed while the first articles are. The other
    // targets are analysed as soon as the registries are ready, as their
    // findings depend on nothing else (no rule reads another file's use of
    // an id), and not in the serial tail after the last article.
    let (mut ws, rest_found, checked) = crate::workspace::alongside_registries(
        || {
            let ws = Workspace::from_texts(plan.config, fs::read_all(others));
            analysis::prepare(&ws);
            ws
        },
        |ws| {
            rest.par_iter()
                .map(|p| analysis::diagnostics(ws, p))
                .collect::<Vec<_>>()
        },
        articles,
        |(path, kind)| match fs::read_text(&path) {
            Ok(text) => File::new(path, kind, text),
            Err(reason) => File::unreadable(path, reason),
        },
        check_one,
    );
    let mut by_path: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::with_capacity(checked.len());
    let mut kept = Vec::new();
    for (path, file, found) in checked {
        kept.extend(file);
        by_path.push((path, found));
    }
    ws.extend_unindexed(kept);
    by_path.extend(rest.into_iter().zip(rest_found));
    // Only files with findings are ordered (a tenth of a 10k corpus, whose
    // paths `Path::cmp` compares component by component).
    by_path.retain(|(_, found)| !found.is_empty());
    by_path.sort_by(|a, b| a.0.cmp(&b.0));
    let diagnostics = by_path.into_iter().flat_map(|(_, d)| d).collect();
    let loaded = fs::Loaded {
        root: plan.root,
        workspace: ws,
        targets: plan.targets,
    };
    Ok((loaded, diagnostics))
}

/// Analyses an article; keeps it only when it has findings. (Its line index
/// is built by the report: built here, amid each article's short-lived
/// allocations, the indexes of 11k kept articles raised peak RSS at 100k
/// articles by 20 MB.)
fn check_one(ws: &Workspace, file: File) -> (PathBuf, Option<File>, Vec<Diagnostic>) {
    let found = analysis::diagnostics_of(ws, &file);
    let path = file.path.clone();
    (path, (!found.is_empty()).then_some(file), found)
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

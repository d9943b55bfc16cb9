//! The `newsmark check` command: loads the workspace from disk, runs the rules
//! on the files asked for, and renders the diagnostics in the chosen format.

pub mod annotate;
mod excerpt;
pub mod export;
pub mod fix;
mod github;
pub mod human;
pub mod json;
mod location;
mod ordered;
pub mod report;
mod sarif;
pub mod schema;

use crate::analysis::{self, Diagnostic, Severity};
use crate::fs;
use crate::workspace::config::FileKind;
use crate::workspace::{File, Workspace};
use clap::ValueEnum;
use std::collections::{BTreeSet, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

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

/// The paths a command was given, or the current directory.
fn paths_or_here(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// The exit status of a command that writes what it made (`export`,
/// `report`): `0`, or `2` with the error on stderr. A reader that stops
/// reading (a closed pipe) is no error.
fn exit_status(result: anyhow::Result<()>) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            EXIT_OK
        }
        Err(e) => {
            eprintln!("newsmark: {e:#}");
            EXIT_USAGE
        }
    }
}

/// Runs `newsmark check`; returns the exit status.
pub fn check(options: &CheckOptions) -> u8 {
    let paths = paths_or_here(&options.paths);
    let (loaded, diagnostics) = match check_and_fix(&paths, options.fix) {
        Ok((loaded, diagnostics, fixed)) => {
            warn_skipped(&loaded.skipped);
            if options.fix != fix::FixMode::Off {
                fix::print(&fixed);
            }
            (loaded, diagnostics)
        }
        Err(e) => {
            eprintln!("newsmark: {e:#}");
            return EXIT_USAGE;
        }
    };
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
            human::write(&mut stdout, &loaded.workspace, &diagnostics, summary, color)
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

/// Loads and checks the files under `paths` and, unless `mode` is off,
/// fixes them, round after round until a round fixes nothing (at most
/// [`fix::MAX_ROUNDS`]): what is returned is the workspace as the files now
/// are, what is left to report, and what was fixed. A file left alone in a
/// round (changed meanwhile, read-only) is left alone in the later ones.
pub fn check_and_fix(
    paths: &[PathBuf],
    mode: fix::FixMode,
) -> anyhow::Result<(fs::Loaded, Vec<Diagnostic>, fix::Report)> {
    let (mut loaded, mut diagnostics) = load_and_check(paths)?;
    let mut report = fix::Report::default();
    if mode == fix::FixMode::Off {
        return Ok((loaded, diagnostics, report));
    }
    // The files a round looks at: all of them at first; after a round whose
    // files were checked again alone, just those (the others are as they
    // were, with nothing more to fix).
    let mut focus: Option<BTreeSet<PathBuf>> = None;
    for _ in 0..fix::MAX_ROUNDS {
        let round = {
            let left_alone: HashSet<&Path> =
                report.skipped.iter().map(|(p, _)| p.as_path()).collect();
            let wanted: Vec<&Diagnostic> = diagnostics
                .iter()
                .filter(|d| !left_alone.contains(d.path.as_path()))
                .filter(|d| focus.as_ref().is_none_or(|f| f.contains(&d.path)))
                .collect();
            fix::run(&loaded.workspace, &wanted, mode)
        };
        let written = round.written.clone();
        report.absorb(round);
        if written.is_empty() {
            break;
        }
        // Fix, or report, what is left as the files now are.
        match recheck_written(&mut loaded, diagnostics, &written) {
            Some(rechecked) => {
                diagnostics = rechecked;
                focus = Some(written);
            }
            None => {
                (loaded, diagnostics) = load_and_check(paths)?;
                focus = None;
            }
        }
    }
    Ok((loaded, diagnostics, report))
}

/// The findings after a round of fixes wrote the articles `written`: those
/// articles are read and checked again, and the other files' findings
/// stand, as no rule reads another article. `None` when a file written is
/// not an article held by the workspace (a registry changes every
/// article's findings): then everything is to be loaded again.
fn recheck_written(
    loaded: &mut fs::Loaded,
    diagnostics: Vec<Diagnostic>,
    written: &BTreeSet<PathBuf>,
) -> Option<Vec<Diagnostic>> {
    use rayon::prelude::*;
    let ws = &mut loaded.workspace;
    if !written
        .iter()
        .all(|p| ws.file(p).is_some_and(|f| f.is_article()))
    {
        return None;
    }
    let checked: Vec<(PathBuf, Option<File>, Vec<Diagnostic>)> = {
        let ws = &*ws;
        written
            .par_iter()
            .map(|path| {
                let text = fs::read_text(path);
                check_one(ws, File::read(path.clone(), FileKind::Article, text))
            })
            .collect()
    };
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !written.contains(&d.path))
        .collect();
    for (path, file, found) in checked {
        match file {
            Some(file) => ws.set_file(file),
            None => drop(ws.remove_file(&path)),
        }
        diagnostics.extend(found);
    }
    // Stable: each file's findings keep their order.
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    Some(diagnostics)
}

/// Tells on stderr what the walks stepped over (a link to nothing, a
/// directory that cannot be listed): not findings, as they are no article or
/// registry newsmark was to check, but they may hide some.
pub fn warn_skipped(skipped: &[fs::Skipped]) {
    let mut err = std::io::stderr().lock();
    for s in skipped {
        let _ = writeln!(err, "newsmark: warning: {s}");
    }
}

/// Loads and checks the files under `paths`, an article at a time: each is
/// read, analysed against the registries, and kept only when it has
/// findings, so memory holds the registries and the reported articles rather
/// than the whole corpus. The workspace returned holds just those files
/// (enough to render the findings and to fix them).
pub fn load_and_check(paths: &[PathBuf]) -> anyhow::Result<(fs::Loaded, Vec<Diagnostic>)> {
    use rayon::prelude::*;
    let plan = fs::plan(paths)?;
    // Targets other than articles (registries, the config): there are a few.
    let rest: Vec<PathBuf> = plan
        .files
        .iter()
        .filter(|(_, kind)| *kind != FileKind::Article)
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
    // The other targets are analysed as soon as the registries are ready,
    // as their findings depend on nothing else (no rule reads another file's
    // use of an id), and not in the serial tail after the last article.
    let (mut ws, rest_found, checked) = stream_articles(
        plan.config,
        plan.files,
        analysis::prepare,
        |ws| {
            rest.par_iter()
                .map(|p| analysis::diagnostics(ws, p))
                .collect::<Vec<_>>()
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
        skipped: plan.skipped,
    };
    Ok((loaded, diagnostics))
}

/// Reads the `files` of a plan on every core and hands each article to
/// `article` with a workspace of the other files (the registries, the
/// config), letting its text go unless `article` keeps it: the plan's side of
/// [`crate::workspace::alongside_registries`]. `prepare` runs on that
/// workspace before any article sees it, `registries` as soon as articles
/// may. Returns the workspace, what `registries` made of it, and what
/// `article` made of each article, in the order of `files`.
pub fn stream_articles<R: Send, T: Send>(
    config: crate::workspace::Config,
    files: Vec<(PathBuf, FileKind)>,
    prepare: impl FnOnce(&Workspace) + Send,
    registries: impl FnOnce(&Workspace) -> R + Send,
    article: impl Fn(&Workspace, File) -> T + Sync + Send,
) -> (Workspace, R, Vec<T>) {
    let (articles, others): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(_, kind)| *kind == FileKind::Article);
    crate::workspace::alongside_registries(
        || {
            let ws = Workspace::from_texts(config, fs::read_all(others));
            prepare(&ws);
            ws
        },
        registries,
        articles,
        |(path, kind)| {
            let text = fs::read_text(&path);
            File::read(path, kind, text)
        },
        article,
    )
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

//! `newsmark report`: who gets quoted in the articles asked for, as one
//! self-contained HTML page (`html.rs`, charts by `charts.rs`) or as JSON
//! (`json.rs`). The figures come from the pure `report` module; this file
//! finds and reads the files as `check` does (an article at a time, on every
//! core), shows progress on a terminal and writes the output.

mod charts;
mod html;
mod json;

use crate::fs::{self, display_path};
use crate::report::{self, Report, Tally};
use anyhow::Context;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page with charts and tables.
    Html,
    /// The same figures as one JSON document (schema version 1).
    Json,
}

impl ReportFormat {
    /// The file written in a directory given as `--output`.
    fn file_name(self) -> &'static str {
        match self {
            ReportFormat::Html => "newsmark-report.html",
            ReportFormat::Json => "newsmark-report.json",
        }
    }
}

#[derive(Clone, Debug)]
pub struct ReportOptions {
    pub paths: Vec<PathBuf>,
    pub format: ReportFormat,
    /// A file, a directory, or `-` for stdout. Default: `newsmark-report.html`
    /// in the current directory for HTML, stdout for JSON.
    pub output: Option<PathBuf>,
}

/// Where the report goes.
enum Target {
    Stdout,
    File(PathBuf),
}

/// Runs `newsmark report`; returns the exit status.
pub fn report(options: &ReportOptions) -> u8 {
    super::exit_status(run(options))
}

fn run(options: &ReportOptions) -> anyhow::Result<()> {
    let paths = super::paths_or_here(&options.paths);
    let target = match options.output.as_deref() {
        Some(o) if o.as_os_str() == "-" => Target::Stdout,
        Some(o) if o.is_dir() => Target::File(o.join(options.format.file_name())),
        Some(o) => Target::File(o.to_path_buf()),
        None => match options.format {
            ReportFormat::Html => Target::File(PathBuf::from(ReportFormat::Html.file_name())),
            ReportFormat::Json => Target::Stdout,
        },
    };
    let report = tally(&paths)?;
    let unreadable = report.unreadable.len();
    if unreadable > 0 {
        let (files, are) = if unreadable == 1 {
            ("file", "is")
        } else {
            ("files", "are")
        };
        eprintln!(
            "newsmark: {unreadable} {files} could not be read and {are} left out of the report (`newsmark check` says why)"
        );
    }
    match &target {
        Target::Stdout => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            let base = std::env::current_dir().unwrap_or_default();
            write(&mut out, options.format, &report, &paths, &base)?;
            out.flush()?;
        }
        Target::File(path) => {
            let base = std::path::absolute(path)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or_default();
            fs::write_atomically(path, |out| {
                write(out, options.format, &report, &paths, &base)
            })
            .with_context(|| format!("cannot write `{}`", display_path(path)))?;
            let (articles, quotations) = (report.articles.len(), report.quotations());
            eprintln!(
                "newsmark: wrote the report of {articles} article{} ({quotations} quotation{}) to {}",
                if articles == 1 { "" } else { "s" },
                if quotations == 1 { "" } else { "s" },
                display_path(path)
            );
        }
    }
    // The process ends here: leave the report to the OS rather than free
    // its allocations one by one.
    std::mem::forget(report);
    Ok(())
}

fn write(
    out: &mut dyn Write,
    format: ReportFormat,
    report: &Report,
    paths: &[PathBuf],
    links_from: &Path,
) -> io::Result<()> {
    match format {
        ReportFormat::Html => html::write(out, report, paths, links_from),
        ReportFormat::Json => json::write(out, report),
    }
}

/// The figures of the articles under `paths`, found as `check` finds them
/// and read an article at a time.
fn tally(paths: &[PathBuf]) -> anyhow::Result<Report> {
    let plan = fs::plan(paths)?;
    super::warn_skipped(&plan.skipped);
    let articles = plan
        .files
        .iter()
        .filter(|(_, kind)| *kind == crate::workspace::FileKind::Article)
        .count();
    let progress = progress_bar(articles);
    // Each article is counted as soon as it is read (its figures are small,
    // but a corpus's worth of them is not); only its row is kept, in order.
    let tally = Mutex::new(Tally::default());
    let (_, (), rows) = super::stream_articles(
        plan.config,
        plan.files,
        |_| {},
        |_| {},
        |ws, file| {
            let figures = report::article(ws, &file).ok_or(file.path);
            progress.inc(1);
            figures.map(|f| tally.lock().unwrap_or_else(PoisonError::into_inner).add(f))
        },
    );
    progress.finish_and_clear();
    let (articles, unreadable) = rows.into_iter().partition::<Vec<_>, _>(Result::is_ok);
    let tally = tally.into_inner().unwrap_or_else(PoisonError::into_inner);
    Ok(tally.finish(
        articles.into_iter().flatten().collect(),
        unreadable.into_iter().filter_map(Result::err).collect(),
    ))
}

/// A bar on stderr while the articles are read, when stderr is a terminal
/// and there are enough of them to wait for; nothing otherwise.
fn progress_bar(articles: usize) -> ProgressBar {
    if articles < 1_000 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(
        "{prefix} {wide_bar} {human_pos}/{human_len} articles, {elapsed}",
    )
    .expect("a valid template");
    ProgressBar::new(articles as u64)
        .with_style(style)
        .with_prefix("newsmark report:")
}

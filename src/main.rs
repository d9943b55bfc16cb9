//! The `newsmark` command line: argument parsing only.

use clap::{Parser, Subcommand};
use newsmark::cli::{self, CheckOptions, Color, Deny, Format};
use std::path::PathBuf;
use std::process::ExitCode;

/// jemalloc rather than the system allocator: the model is hundreds of
/// thousands of small allocations; glibc's malloc and free were a fifth of
/// all CPU time when checking a large corpus, and mimalloc (as fast) held
/// 10 % more memory at the language server's peak.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// The language server's jemalloc gives pages freed back to the system at
/// once rather than after 10 s (`dirty_decay_ms`): indexing frees the
/// working memory of every article and of the registries' YAML, and the
/// pages kept for reuse raised the peak RSS after indexing 10k articles
/// from 134 to 141 MiB. `check` keeps the default: returning pages at once
/// cost it about 4 % of its time.
#[cfg(not(target_env = "msvc"))]
fn give_freed_pages_back_at_once() {
    use tikv_jemalloc_ctl::{Access, AsName};
    // The default of the arenas made from now on, then of those made already
    // (an index with no arena yet is refused, which is fine).
    let _ = b"arenas.dirty_decay_ms\0".name().write(0isize);
    let arenas = tikv_jemalloc_ctl::arenas::narenas::read().unwrap_or(0);
    for i in 0..arenas {
        let _ = format!("arena.{i}.dirty_decay_ms\0")
            .as_bytes()
            .name()
            .write(0isize);
    }
}

#[derive(Parser)]
#[command(
    name = "newsmark",
    version,
    about = "Checker and language server for Newsmark, annotated news articles"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles and registries; exit 1 when findings reach the threshold.
    Check {
        /// Files or directories (default: the current directory). Directories are
        /// searched for articles and registries; files are checked whatever their extension.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// The lowest severity that fails the run.
        #[arg(long, value_enum, default_value = "errors")]
        deny: Deny,
        /// Colour in human output.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
        /// Apply the certain fixes (a space between a quotation and its attribute
        /// block) to the files, each written atomically; then report what is left.
        #[arg(long)]
        fix: bool,
        /// Also attribute each unattributed quotation to the known actor the prose
        /// suggests (implies --fix). Review the changes: suggestions can be wrong.
        #[arg(long)]
        fix_suggestions: bool,
    },
    /// Export the quotations of articles for corpus research: JSON Lines (one
    /// record per quotation) or TEI XML (one document per article).
    Export {
        /// Files or directories (default: the current directory), as for `check`.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: cli::export::ExportFormat,
        /// Where to write: a file (JSON Lines, or TEI of one article) or a
        /// directory (TEI: one `.tei.xml` per article). Default: stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Draft the annotation of raw articles in place: front matter, speakers,
    /// new actors (in actors.yaml), links; prints what it did and what it left.
    Annotate {
        /// Articles or directories (default: the current directory), as for `check`.
        paths: Vec<PathBuf>,
        /// Put new named actors in each article's front matter, not in actors.yaml.
        #[arg(long)]
        local: bool,
        /// Link every mention of an actor, not only the first.
        #[arg(long)]
        link_all: bool,
        /// Print a unified diff of the changes and write nothing.
        #[arg(long)]
        diff: bool,
    },
    /// Report who gets quoted: totals, speakers, source mix, outlets and months,
    /// as one self-contained HTML page or as JSON.
    Report {
        /// Files or directories (default: the current directory), as for `check`.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "html")]
        format: cli::report::ReportFormat,
        /// Where to write: a file, a directory (gets `newsmark-report.html` or
        /// `.json`), or `-` for stdout. Default: `newsmark-report.html` for
        /// HTML, stdout for JSON. Files are written atomically.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of actors.yaml or newsmark.toml, for editors.
    Schema {
        /// Which file's schema.
        #[arg(value_enum)]
        which: cli::schema::Schema,
    },
    /// Run the language server on stdin/stdout (LSP 3.17).
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let status = match args.command {
        Command::Lsp { stdio: _ } => {
            #[cfg(not(target_env = "msvc"))]
            give_freed_pages_back_at_once();
            return newsmark::lsp::run();
        }
        Command::Schema { which } => cli::schema::schema(which),
        Command::Annotate {
            paths,
            local,
            link_all,
            diff,
        } => cli::annotate::annotate(&cli::annotate::AnnotateOptions {
            paths,
            local,
            link_all,
            diff,
        }),
        Command::Export {
            paths,
            format,
            output,
        } => cli::export::export(&cli::export::ExportOptions {
            paths,
            format,
            output,
        }),
        Command::Report {
            paths,
            format,
            output,
        } => cli::report::report(&cli::report::ReportOptions {
            paths,
            format,
            output,
        }),
        Command::Check {
            paths,
            format,
            deny,
            color,
            fix,
            fix_suggestions,
        } => cli::check(&CheckOptions {
            paths,
            format,
            deny,
            color,
            fix: match (fix, fix_suggestions) {
                (_, true) => cli::fix::FixMode::Suggestions,
                (true, false) => cli::fix::FixMode::Certain,
                (false, false) => cli::fix::FixMode::Off,
            },
        }),
    };
    ExitCode::from(status)
}

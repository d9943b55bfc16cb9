//! `newsmark check --format json` end to end against a one-core
//! pulldown-cmark parse of the same articles, measured in turns so that both
//! see the same machine. For each corpus (both shapes of `support/corpus.rs`,
//! at each size asked for), each round parses the articles in memory with
//! pulldown-cmark on one thread, then times the release `newsmark check` of
//! the corpus on disk (warm page cache) and the CPU time it took; the report
//! gives the medians of the wall-time ratio (`check` / parse: lower is
//! better) and of `check`'s CPU over its wall time (2 on two busy cores).
//! On a shared host a busy spell slows both halves of a round alike, which
//! a parse measured at another time would not.
//!
//! `cargo bench --bench check_ratio -- [--rounds N] [ARTICLES...]` (default:
//! 11 rounds, 1000 and 10000 articles).

#[path = "support/corpus.rs"]
mod corpus;

/// The allocator of the `newsmark` binary (src/main.rs), as in the criterion
/// benches: the baseline runs on it too.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    // `cargo bench` passes `--bench`; the rest is ours.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(11usize)
        .max(1);
    let sizes = corpus::sizes(&[1_000, 10_000]);
    println!(
        "| corpus | MB | files with findings | parse, one core | `check` wall | `check` / parse | `check` CPU / wall |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for n in sizes {
        for shape in corpus::Shape::ALL {
            run(corpus::Spec::for_articles(n).shaped(shape), rounds);
        }
    }
}

fn run(spec: corpus::Spec, rounds: usize) {
    let files = corpus::generate(spec);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let corpus_bytes = corpus::write(&files, dir.path()).expect("write the corpus");
    let texts: Vec<&str> = files
        .iter()
        .filter(|f| f.path.ends_with(".news.md"))
        .map(|f| f.text.as_str())
        .collect();
    // One unmeasured round: the page cache, the allocator and the CPU warm up.
    baseline(&texts);
    let reported = check(dir.path(), true).reported;

    let mut rows = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let base = baseline(&texts).as_secs_f64();
        let run = check(dir.path(), false);
        let wall = run.wall.as_secs_f64();
        rows.push((base, wall, wall / base, run.cpu.as_secs_f64() / wall));
    }
    let median = |pick: fn(&(f64, f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = rows.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        (v[0], v[v.len() / 2], v[v.len() - 1])
    };
    let (_, base, _) = median(|r| r.0);
    let (fastest, wall, _) = median(|r| r.1);
    let (low, ratio, high) = median(|r| r.2);
    let (_, cpu, _) = median(|r| r.3);
    println!(
        "| {} {} | {:.1} | {reported} | {:.3} s | {wall:.3} s (fastest {fastest:.3} s) | {ratio:.2}× ({low:.2}–{high:.2}) | {cpu:.2} |",
        spec.articles,
        spec.shape.name(),
        corpus_bytes as f64 / 1e6,
        base,
    );
}

/// pulldown-cmark over every article, on this one thread.
fn baseline(texts: &[&str]) -> Duration {
    let start = Instant::now();
    for t in texts {
        black_box(
            pulldown_cmark::Parser::new_ext(t, pulldown_cmark::Options::ENABLE_TABLES).count(),
        );
    }
    start.elapsed()
}

struct Run {
    wall: Duration,
    /// User and system time.
    cpu: Duration,
    /// Files the report names (when it was read).
    reported: usize,
}

/// The release `newsmark check --format json` of `dir`; its report is read
/// when `read`, else it goes to `/dev/null`.
fn check(dir: &Path, read: bool) -> Run {
    let cpu_before = children_cpu();
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .stdout(if read { Stdio::piped() } else { Stdio::null() })
        .output()
        .expect("run newsmark check");
    let wall = start.elapsed();
    // 0: no errors; 1: errors (the annotated corpus has deliberate ones).
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "newsmark check failed: {}",
        out.status
    );
    let mut reported = 0;
    if read {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
        let mut paths: Vec<&str> = report["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["path"].as_str())
            .collect();
        paths.dedup();
        reported = paths.len();
    }
    Run {
        wall,
        cpu: children_cpu().saturating_sub(cpu_before),
        reported,
    }
}

/// The user and system time of this process's waited-for children, from
/// `/proc/self/stat` (Linux; zero elsewhere).
fn children_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command (which may hold spaces), from field 3 on:
    // cutime and cstime are fields 16 and 17.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<u64> = after
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    let ticks = fields.get(13).copied().unwrap_or(0) + fields.get(14).copied().unwrap_or(0);
    // The kernel reports them in USER_HZ, 100 on Linux.
    Duration::from_millis(ticks * 10)
}

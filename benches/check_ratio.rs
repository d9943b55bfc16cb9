//! `newsmark check` end to end against the one-core pulldown-cmark baseline,
//! measured in turns so that both see the same machine. Each round parses the
//! corpus's articles in memory with pulldown-cmark on one core (as the
//! baseline of `cargo bench --bench check` does), then times the release
//! `newsmark check` of the corpus on disk (warm page cache), and reports the
//! ratio of the two throughputs: the target of issue 5 is ≥ 0.5 at 10k
//! articles. On a shared host a busy spell slows both halves of a round
//! alike, which a baseline measured at another time would not.
//!
//! `cargo bench --bench check_ratio -- [ARTICLES] [ROUNDS]` (default: 10000 15).

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

const MIB: f64 = 1024.0 * 1024.0;

fn main() {
    // `cargo bench` passes `--bench`; only numbers are ours.
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let articles = numbers.first().copied().unwrap_or(10_000);
    let rounds = numbers.get(1).copied().unwrap_or(15).max(1);

    let files = corpus::generate(corpus::Spec::for_articles(articles));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let corpus_bytes = corpus::write(&files, dir.path()).expect("write the corpus");
    let texts: Vec<&str> = files
        .iter()
        .filter(|f| f.path.ends_with(".news.md"))
        .map(|f| f.text.as_str())
        .collect();
    let article_bytes: usize = texts.iter().map(|t| t.len()).sum();
    println!(
        "{articles} articles: {:.1} MiB of articles, {:.1} MiB in all ({} files); {rounds} rounds",
        article_bytes as f64 / MIB,
        corpus_bytes as f64 / MIB,
        files.len()
    );

    // One unmeasured round: the page cache, the allocator and the CPU warm up.
    baseline(&texts);
    check(dir.path());

    let mut rows = Vec::with_capacity(rounds);
    println!("round  baseline MiB/s  check wall  check MiB/s  ratio");
    for round in 1..=rounds {
        let base = article_bytes as f64 / MIB / baseline(&texts).as_secs_f64();
        let wall = check(dir.path());
        let ours = corpus_bytes as f64 / MIB / wall.as_secs_f64();
        println!(
            "{round:5}  {base:14.0}  {:8.3} s  {ours:11.0}  {:5.2}",
            wall.as_secs_f64(),
            ours / base
        );
        rows.push((base, wall.as_secs_f64(), ours / base));
    }
    let median = |pick: fn(&(f64, f64, f64)) -> f64| {
        let mut v: Vec<f64> = rows.iter().map(pick).collect();
        v.sort_by(f64::total_cmp);
        (v[0], v[v.len() / 2], v[v.len() - 1])
    };
    let (_, base, _) = median(|r| r.0);
    let (fastest, wall, _) = median(|r| r.1);
    let (low, ratio, high) = median(|r| r.2);
    println!(
        "median: baseline {base:.0} MiB/s, check {wall:.3} s (fastest {fastest:.3} s), \
         ratio {ratio:.2} (rounds ranged {low:.2}-{high:.2}; target >= 0.5)"
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

/// The wall time of the release `newsmark check --format json` of `dir`.
fn check(dir: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .stdout(Stdio::null())
        .status()
        .expect("run newsmark check");
    let wall = start.elapsed();
    // 0: no findings; 1: findings (the corpus has deliberate errors).
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "newsmark check failed: {status}"
    );
    wall
}

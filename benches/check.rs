//! Criterion benchmarks of the core on a synthetic corpus: parsing, analysis
//! of one article, and `check` of a whole corpus in both shapes (annotated,
//! imported), beside a plain pulldown-cmark parse of the same files as the
//! baseline.

#[path = "support/corpus.rs"]
mod corpus;

/// The allocator of the `newsmark` binary (src/main.rs), so that these
/// figures are the binary's; the baseline runs on it too.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsmark::analysis;
use newsmark::cli::run_rules;
use newsmark::workspace::{Config, Workspace};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn articles(files: &[corpus::GenFile]) -> Vec<&str> {
    files
        .iter()
        .filter(|f| f.path.ends_with(".news.md"))
        .map(|f| f.text.as_str())
        .collect()
}

fn bench(c: &mut Criterion) {
    let files = corpus::generate(corpus::Spec::for_articles(1_000));
    let sample = articles(&files);
    let bytes: usize = sample.iter().map(|t| t.len()).sum();

    let mut group = c.benchmark_group("one core, 1k articles");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("baseline: pulldown-cmark parse", |b| {
        b.iter(|| {
            for t in &sample {
                black_box(
                    pulldown_cmark::Parser::new_ext(t, pulldown_cmark::Options::ENABLE_TABLES)
                        .count(),
                );
            }
        })
    });
    group.bench_function("newsmark syntax::parse", |b| {
        b.iter(|| {
            for t in &sample {
                black_box(newsmark::syntax::parse(t));
            }
        })
    });
    group.bench_function("newsmark parse + lower", |b| {
        b.iter(|| {
            for t in &sample {
                black_box(newsmark::model::lower(t));
            }
        })
    });
    group.finish();

    let ws = Workspace::from_texts(Config::default(), corpus::texts(&files, Path::new("")));
    let one = PathBuf::from(
        &files
            .iter()
            .find(|f| f.path.ends_with(".news.md"))
            .unwrap()
            .path,
    );
    c.bench_function("analysis of one article (1k workspace)", |b| {
        b.iter(|| black_box(analysis::diagnostics(&ws, &one)))
    });

    for (n, shape) in [1_000usize, 10_000]
        .into_iter()
        .flat_map(|n| corpus::Shape::ALL.map(|shape| (n, shape)))
    {
        let files = corpus::generate(corpus::Spec::for_articles(n).shaped(shape));
        let bytes: usize = files.iter().map(|f| f.text.len()).sum();
        let targets: Vec<PathBuf> = files.iter().map(|f| PathBuf::from(&f.path)).collect();
        let mut group =
            c.benchmark_group(format!("check, all cores, {n} {} articles", shape.name()));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("load + analyse", |b| {
            b.iter(|| {
                let ws =
                    Workspace::from_texts(Config::default(), corpus::texts(&files, Path::new("")));
                black_box(run_rules(&ws, &targets))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! What a workspace holds, by structure: builds the language server's
//! workspace of a generated corpus step by step on one thread, counting the
//! bytes live on the heap after each step, and prints them per article and as
//! a multiple of the corpus bytes.
//!
//! `cargo bench --bench memory -- [ARTICLES...]` (default: 10000), both shapes.

#[path = "support/corpus.rs"]
mod corpus;

use newsmark::workspace::{Config, File, FileKind, Packer, Uses, Workspace};
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};
use std::alloc::System;
use std::path::Path;

/// Counts the bytes asked for and given back (the sizes the program asks
/// for, whatever the allocator rounds them to).
#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The bytes live on the heap.
fn live() -> isize {
    // A reallocation counts its growth as allocated, its shrinking as
    // given back.
    let s = ALLOCATOR.stats();
    s.bytes_allocated as isize - s.bytes_deallocated as isize
}

fn main() {
    let sizes = corpus::sizes(&[10_000]);
    // One thread: the counts are of what is kept, not of what the pool holds.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("the only pool");
    for n in sizes {
        for shape in corpus::Shape::ALL {
            run(corpus::Spec::for_articles(n).shaped(shape));
        }
    }
}

fn run(spec: corpus::Spec) {
    let files = corpus::generate(spec);
    let corpus_bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let articles = spec.articles as f64;
    let mut rows: Vec<(&str, isize)> = Vec::new();
    let root = Path::new("/corpus");
    let texts = corpus::texts(&files, root);
    drop(files);

    let start = live();
    let (registries, articles_in): (Vec<_>, Vec<_>) = texts
        .into_iter()
        .partition(|(_, kind, _)| *kind == FileKind::Registry);
    let before = live();
    let registry_files: Vec<File> = registries
        .into_iter()
        .map(|(p, k, t)| File::new(p, k, t.expect("generated")))
        .collect();
    let registry_text: usize = registry_files.iter().map(|f| f.text.len()).sum();
    rows.push(("registry texts", registry_text as isize));
    // The texts were allocated before: a file takes its text without a copy.
    rows.push(("registries parsed (actors)", live() - before));
    let mut ws = Workspace::new(Config::default());
    let before = live();
    ws.extend(registry_files);
    rows.push(("id and name tables", live() - before));
    let before = live();
    newsmark::analysis::prepare(&ws);
    rows.push(("suggester's name table", live() - before));

    // As the language server indexes an article: parse it, take its uses
    // of ids, let the model go, pack its text with others'.
    let mut article_text = 0;
    let mut parts = Vec::new();
    let before = live();
    let packer = Packer::new(articles_in.len(), |(f, _): &mut (File, Uses)| &mut f.text);
    for (p, k, t) in articles_in {
        let text = t.expect("generated");
        article_text += text.len();
        let mut file = File::new(p, k, text);
        add_model_parts(&mut parts, &file);
        let uses = Uses::of(&file);
        file.forget_model();
        packer.add((file, uses));
    }
    let articles_kept = packer.finish();
    let paths: isize = articles_kept
        .iter()
        .map(|(f, _)| f.path.capacity() as isize)
        .sum();
    rows.push(("article texts", article_text as isize));
    rows.push(("article paths", paths));
    rows.push((
        "articles without their models: files, local actors, their ids used",
        live() - before,
    ));
    let before = live();
    ws.extend_with_uses(articles_kept);
    // The ids used go into the index and are given back.
    rows.push((
        "workspace: file table, reference index, less the ids used",
        live() - before,
    ));
    let total = live() - start + (registry_text + article_text) as isize + paths;

    println!(
        "\n## {} {} articles, {:.1} MB\n",
        spec.articles,
        spec.shape.name(),
        corpus_bytes as f64 / 1e6
    );
    println!(
        "| what the workspace keeps | MB | bytes per article | × corpus |\n| --- | ---: | ---: | ---: |"
    );
    for (what, bytes) in rows.iter().chain([("total", total)].iter()) {
        println!(
            "| {what} | {:.1} | {:.0} | {:.3} |",
            *bytes as f64 / 1e6,
            *bytes as f64 / articles,
            *bytes as f64 / corpus_bytes as f64
        );
    }
    println!(
        "\nThe article models (not kept: derived from the text when asked for), by part, from sizes and capacities:\n"
    );
    println!("| part | items per article | MB | bytes per article |\n| --- | ---: | ---: | ---: |");
    for (what, items, bytes) in parts {
        println!(
            "| {what} | {:.1} | {:.1} | {:.0} |",
            items as f64 / articles,
            bytes as f64 / 1e6,
            bytes as f64 / articles
        );
    }
    drop(ws);
}

/// Heap bytes of an inline string (`SmolStr` keeps up to 23 bytes inline,
/// longer ones in a shared allocation with two counters).
fn smol(s: &str) -> usize {
    if s.len() > 23 { s.len() + 16 } else { 0 }
}

fn vec_bytes<T>(v: &[T], capacity: usize) -> usize {
    let _ = v;
    capacity * std::mem::size_of::<T>()
}

/// Adds one article model's parts to `rows`: (what, items, bytes).
fn add_model_parts(rows: &mut Vec<(&'static str, usize, usize)>, file: &File) {
    use newsmark::model::Article;
    if rows.is_empty() {
        for what in [
            "`Article` itself (boxed)",
            "mentions",
            "quotations",
            "attributions",
            "prose runs",
            "masked ranges",
            "local actors",
            "metadata strings",
            "syntax errors and problems",
        ] {
            rows.push((what, 0, 0));
        }
    }
    let mut add = |row: usize, items: usize, bytes: usize| {
        rows[row].1 += items;
        rows[row].2 += bytes;
    };
    let Some(a) = file.article() else { return };
    add(0, 1, std::mem::size_of::<Article>());
    add(
        1,
        a.mentions.len(),
        vec_bytes(&a.mentions, a.mentions.capacity())
            + a.mentions.iter().map(|m| smol(&m.id.id)).sum::<usize>(),
    );
    add(
        2,
        a.quotations.len(),
        vec_bytes(&a.quotations, a.quotations.capacity())
            + a.quotations
                .iter()
                .map(|q| {
                    let more = q.segments().len();
                    if more > 1 { more * 8 } else { 0 }
                })
                .sum::<usize>(),
    );
    add(
        3,
        a.attributions.len(),
        vec_bytes(&a.attributions, a.attributions.capacity())
            + a.attributions
                .iter()
                .map(|x| {
                    x.classes.len() * 32
                        + if x.pairs().is_empty() && x.to().is_none() {
                            0
                        } else {
                            // `More`: two lists and an id.
                            80 + x.pairs().len() * 64
                        }
                })
                .sum::<usize>(),
    );
    add(4, a.prose.len(), vec_bytes(&a.prose, a.prose.capacity()));
    add(5, a.masked.len(), vec_bytes(&a.masked, a.masked.capacity()));
    add(
        6,
        a.local_actors.len(),
        vec_bytes(&a.local_actors, a.local_actors.capacity())
            + a.local_actors
                .iter()
                .map(|x| {
                    [
                        &x.described_as,
                        &x.anonymity_reason,
                        &x.description,
                        &x.name,
                    ]
                    .into_iter()
                    .flatten()
                    .map(|s| smol(s))
                    .sum::<usize>()
                        + x.roles.capacity() * std::mem::size_of_val(&x.roles.first())
                        + x.aliases.capacity() * 24
                })
                .sum::<usize>(),
    );
    let m = &a.meta;
    add(
        7,
        0,
        [&m.title, &m.outlet, &m.published, &m.url, &m.language]
            .into_iter()
            .flatten()
            .map(|s| smol(s))
            .sum::<usize>()
            + m.authors.capacity() * 24,
    );
    add(
        8,
        a.syntax_errors.len() + a.problems.len(),
        a.syntax_errors
            .iter()
            .map(|e| e.message.len() + e.help.len() + 56)
            .sum::<usize>()
            + a.problems
                .iter()
                .map(|e| e.message.len() + e.help.len() + 64)
                .sum::<usize>(),
    );
}

//! `cargo run --release --example gen-corpus -- [--raw] ARTICLES OUT_DIR [SEED]`:
//! writes a deterministic synthetic corpus (see corpus.rs) for benchmarks and
//! trials. `--raw`: the imported shape, three articles in four without any
//! annotation (findings in most articles).

#[path = "corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let raw = args.iter().any(|a| a == "--raw");
    args.retain(|a| a != "--raw");
    let (Some(n), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: gen-corpus [--raw] ARTICLES OUT_DIR [SEED]");
        return ExitCode::from(2);
    };
    let mut spec = corpus::Spec::for_articles(n);
    if raw {
        spec = spec.shaped(corpus::Shape::Imported);
    }
    if let Some(seed) = args.get(2).and_then(|s| s.parse().ok()) {
        spec.seed = seed;
    }
    let out = PathBuf::from(out);
    let files = corpus::generate(spec);
    let bytes = match corpus::write(&files, &out) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            return ExitCode::from(2);
        }
    };
    println!(
        "wrote {} files ({} {} articles, {} actors, {bytes} bytes) to {}",
        files.len(),
        spec.articles,
        spec.shape.name(),
        spec.actors,
        out.display()
    );
    ExitCode::SUCCESS
}

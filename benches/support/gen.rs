//! `cargo run --release --example gen-corpus -- ARTICLES OUT_DIR [SEED]`: writes a
//! deterministic synthetic corpus (see corpus.rs) for benchmarks and trials.

#[path = "corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: gen-corpus ARTICLES OUT_DIR [SEED]");
        return ExitCode::from(2);
    };
    let mut spec = corpus::Spec::for_articles(n);
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
        "wrote {} files ({} articles, {} actors, {bytes} bytes) to {}",
        files.len(),
        spec.articles,
        spec.actors,
        out.display()
    );
    ExitCode::SUCCESS
}

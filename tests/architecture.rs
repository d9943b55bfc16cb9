//! The house rules that can be checked mechanically: the core does no IO and
//! knows no LSP, and every module starts with a `//!` line.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_core_does_no_io_and_knows_no_lsp() {
    let forbidden = [
        "std::fs",
        "std::net",
        "std::process",
        "std::io::stdin",
        "std::io::stdout",
        "tokio",
        "tower_lsp",
        "ls_types",
        "lsp_types",
        "crate::lsp",
        "crate::cli",
        "crate::fs",
        "ignore::",
        "ropey",
    ];
    for core in [
        "syntax",
        "model",
        "registry",
        "analysis",
        "attribution",
        "annotate",
        "workspace",
        "report",
        "text.rs",
    ] {
        let mut files = Vec::new();
        let path = src().join(core);
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        for file in files {
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for word in forbidden {
                    assert!(
                        !line.contains(word),
                        "{}:{}: the core must not use `{word}`: {line}",
                        file.display(),
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn every_module_has_a_doc_line() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} must start with a `//!` line saying what it is",
            file.display()
        );
    }
}

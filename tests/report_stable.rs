//! `newsmark check --format json` on a small generated corpus in the shape of
//! a freshly imported archive (most quotations unattributed, nearly every
//! finding with a suggested speaker), against the report committed in
//! `tests/data/check-imported.json`. That file was written by the binary of
//! `main` before the report was rendered on every core, so this test holds
//! the faster pipeline to the exact bytes of the simple one; it stays a
//! snapshot of the whole report (paths, order, positions, messages,
//! suggestions): a change to any rule's output shows here as a diff, and is
//! accepted with `UPDATE_EXPECT=1 cargo test --test report_stable`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::process::Command;

#[test]
fn json_report_of_an_imported_archive_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let spec = corpus::Spec::for_articles(10).shaped(corpus::Shape::Imported);
    corpus::write(&corpus::generate(spec), dir.path()).unwrap();
    // On every core and on one: the order of the report must not depend on
    // which article is analysed first.
    for threads in ["2", "1"] {
        let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(["check", ".", "--format", "json"])
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("the binary runs");
        assert_eq!(out.status.code(), Some(0), "warnings only");
        let report = String::from_utf8(out.stdout).expect("UTF-8");
        expect_test::expect_file!["data/check-imported.json"].assert_eq(&report);
    }
}

//! `.pre-commit-hooks.yaml`: the hook pre-commit users add in three lines runs
//! `newsmark check` on the whole workspace whenever a Newsmark file is staged.

use newsmark::workspace::Config;
use regex::Regex;
use serde_json::Value;
use std::path::Path;

fn hook() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Value = serde_saphyr::from_str(&text).expect("the hook file is YAML");
    assert_eq!(hooks.as_array().map(Vec::len), Some(1), "{hooks}");
    hooks[0].clone()
}

#[test]
fn the_hook_checks_the_whole_workspace_with_the_binary() {
    let hook = hook();
    assert_eq!(hook["id"], "newsmark");
    assert_eq!(hook["entry"], "newsmark check");
    assert_eq!(hook["language"], "rust");
    // Ids are global: a staged actors.yaml can break an unstaged article, so the
    // hook checks everything from the repository root rather than the staged files.
    assert_eq!(hook["pass_filenames"], false);
}

#[test]
fn the_hook_runs_for_articles_registries_and_the_config() {
    let files = Regex::new(hook()["files"].as_str().unwrap()).unwrap();
    for path in [
        "a.news.md",
        "stories/2021/envoy.news.md",
        "actors.yaml",
        "people/actors.yml",
        "people/staff.actors.yaml",
        "newsmark.toml",
        "sub/newsmark.toml",
    ] {
        assert!(files.is_match(path), "{path} should run the hook");
    }
    for path in [
        "README.md",
        "factors.yaml",
        "news.md",
        "Cargo.toml",
        "actors.yaml.bak",
    ] {
        assert!(!files.is_match(path), "{path} should not run the hook");
    }
    // Everything the checker finds by default runs the hook.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("examples");
    let found = newsmark::fs::discover(&examples, &examples, &Config::default()).unwrap();
    assert!(found.len() >= 3);
    for (path, _) in found {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(files.is_match(&relative), "{relative}");
    }
}

//! `annotate` adds annotations and nothing else: stripping them from a
//! draft gives back the article's prose byte for byte (`strip(draft(x)) ==
//! strip(x)`, which is `x` itself for a raw article), and drafting a draft
//! changes nothing. Shown on every article of the repository (the
//! examples and the test articles, annotated and raw) and on generated
//! ones.

use newsmark::annotate::{self, Options, strip};
use newsmark::workspace::{Config, FileKind, Workspace};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const ARTICLE: &str = "/w/a.news.md";
const REGISTRY: &str = "/w/actors.yaml";

/// Drafts `text` (with `registry`, if any) with `options`; checks the
/// prose and a second draft. Returns the draft's text.
fn draft_and_check(text: &str, registry: Option<&str>, options: Options) -> Result<String, String> {
    let mut files = vec![(
        PathBuf::from(ARTICLE),
        FileKind::Article,
        Ok(text.to_string()),
    )];
    if let Some(r) = registry {
        files.push((
            PathBuf::from(REGISTRY),
            FileKind::Registry,
            Ok(r.to_string()),
        ));
    }
    let ws = Workspace::from_texts(Config::default(), files);
    let path = Path::new(ARTICLE);
    let d = annotate::draft(&ws, path, &options, Path::new(REGISTRY)).ok_or("no draft")?;
    if strip(&d.text) != strip(text) {
        return Err(format!(
            "the prose changed:\n--- before\n{}\n--- after\n{}",
            strip(text),
            strip(&d.text)
        ));
    }
    let mut texts = vec![(
        PathBuf::from(ARTICLE),
        FileKind::Article,
        Ok(d.text.clone()),
    )];
    match (&d.registry, registry) {
        (Some(r), _) => texts.push((r.path.clone(), FileKind::Registry, Ok(r.text.clone()))),
        (None, Some(r)) => texts.push((
            PathBuf::from(REGISTRY),
            FileKind::Registry,
            Ok(r.to_string()),
        )),
        (None, None) => {}
    }
    let again = Workspace::from_texts(Config::default(), texts);
    let second = annotate::draft(&again, path, &options, Path::new(REGISTRY)).ok_or("no draft")?;
    if second.changed() {
        return Err(format!(
            "a second draft changed it:\n--- first\n{}\n--- second\n{}",
            d.text, second.text
        ));
    }
    Ok(d.text)
}

/// Every Markdown article under a directory, with the registry beside it.
fn articles_under(dir: &Path, out: &mut Vec<(PathBuf, String, Option<String>)>) {
    let registry = std::fs::read_to_string(dir.join("actors.yaml")).ok();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            articles_under(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md") {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p, text, registry.clone()));
        }
    }
}

#[test]
fn every_article_of_the_repository_keeps_its_prose_and_settles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in ["examples", "tests/attribution", "tests/annotate"] {
        articles_under(&root.join(dir), &mut all);
    }
    assert!(all.len() >= 40, "only {} articles", all.len());
    for (path, text, registry) in &all {
        for options in [
            Options::default(),
            Options {
                local: true,
                link_all: true,
            },
        ] {
            let drafted = draft_and_check(text, registry.as_deref(), options)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if strip(text) == *text {
                assert_eq!(strip(&drafted), *text, "{}", path.display());
            }
        }
    }
}

/// Pieces of wire copy: names with titles and appositions, cues, pronouns,
/// descriptions, quotation marks, paragraphs, and Markdown around them.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(": ".to_string()),
        Just(" — ".to_string()),
        Just(" said ".to_string()),
        Just(" she said. ".to_string()),
        Just(" he said".to_string()),
        Just("according to ".to_string()),
        Just("Mayor Grace Okafor".to_string()),
        Just("Chan Saveth, a senior investigator with the rights group Adhoc, ".to_string()),
        Just("Okafor".to_string()),
        Just("the Department of Health".to_string()),
        Just("the department".to_string()),
        Just("a senior official who spoke on condition of anonymity because ".to_string()),
        Just("the so-called ".to_string()),
        Just("the book ".to_string()),
        Just("“We will rebuild,” ".to_string()),
        Just("We have a window".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n> ".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("`code “x”`".to_string()),
        Just("[link](https://example.com)".to_string()),
        Just("{".to_string()),
        Just("@".to_string()),
        Just("---\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("é😀中".to_string()),
        "[A-Za-z ]{0,12}",
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn generated_articles_keep_their_prose_and_settle(
        pieces in prop::collection::vec(piece(), 0..50),
        local in any::<bool>(),
        link_all in any::<bool>(),
    ) {
        let text = pieces.concat().replace("//- ", "");
        let drafted = draft_and_check(&text, None, Options { local, link_all });
        prop_assert!(drafted.is_ok(), "{}", drafted.unwrap_err());
        if strip(&text) == text {
            prop_assert_eq!(strip(&drafted.unwrap()), text);
        }
    }
}

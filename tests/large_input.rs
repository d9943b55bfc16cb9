//! Hostile and huge input: a 20 MB article, pathological nesting, and a YAML
//! alias bomb all finish, report what they should, and do not blow up memory.
//! (No timings here: the speed figures live in the benchmarks.)

use newsmark::analysis::{Code, diagnostics};
use newsmark::model;
use newsmark::registry::parse_registry;
use newsmark::workspace::fixture;
use std::path::Path;

#[test]
fn a_20_mb_article_is_analysed() {
    let paragraph = "“We have a narrow window,”{@lopez} [Lopez](@lopez) told reporters, and critics called it a “fig leaf”{.scare}. She said “nothing” and [more]{@lopez .indirect}.\n\n";
    let mut article = String::from("---\ntitle: Big\n---\n");
    while article.len() < 20 * 1024 * 1024 {
        article.push_str(paragraph);
    }
    let fixture =
        format!("//- /actors.yaml\nlopez:\n  name: Maria Lopez\n//- /big.news.md\n{article}");
    let (ws, _) = fixture::workspace(&fixture);
    let found = diagnostics(&ws, Path::new("/big.news.md"));
    let paragraphs = article.matches("narrow window").count();
    assert!(paragraphs > 100_000);
    // Exactly one finding per paragraph: the unattributed “nothing”.
    assert_eq!(found.len(), paragraphs);
    assert!(found.iter().all(|d| d.code == Code::UnattributedQuote));
}

#[test]
fn pathological_nesting_is_bounded() {
    let n = 2 * 1024 * 1024;
    for text in [
        "“".repeat(n),
        "[".repeat(n),
        "{@".repeat(n),
        "”{".repeat(n),
        "*[".repeat(n),
        "“{@\"".repeat(n),
    ] {
        let article = model::lower(&text);
        assert!(
            article.quotations.len() <= 1,
            "{} quotations",
            article.quotations.len()
        );
        // Problems are capped: one per mark would be millions.
        assert!(
            article.syntax_errors.len() <= 1001,
            "{} errors",
            article.syntax_errors.len()
        );
    }
    // Each `> ` opens one more nested block quote: all are kept, none is lost.
    let nested = model::lower(&"> ".repeat(n / 8));
    assert_eq!(nested.quotations.len(), n / 8);
}

#[test]
fn a_yaml_alias_bomb_is_not_expanded() {
    let mut text = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for i in 0..40 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        let refs = vec![format!("*{prev}"); 9].join(", ");
        text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
    }
    text.push_str("lopez:\n  name: *l39\n");
    let reg = parse_registry(&text);
    let lopez = reg
        .actors
        .iter()
        .find(|a| a.id == "lopez")
        .expect("the entry is read");
    assert_eq!(lopez.name, None);
    assert!(
        reg.problems.iter().any(|p| p.message.contains("aliases")),
        "{:?}",
        reg.problems
    );
}

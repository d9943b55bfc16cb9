//! Hostile and huge input: a 20 MB article, an article quoting 50,000 actors,
//! pathological nesting, and a YAML alias bomb all finish, report what they
//! should, and do not blow up memory.
//! (No timings here: the speed figures live in the benchmarks.)

use newsmark::analysis::{Code, diagnostics};
use newsmark::model;
use newsmark::registry::parse_registry;
use newsmark::report;
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
fn an_article_quoting_tens_of_thousands_of_actors_is_reported() {
    // Each actor's count is found by its id, not by a walk over the others
    // (which would be 10⁹ steps here).
    let n = 50_000;
    let mut registry = String::new();
    let mut article = String::from("---\ntitle: Many\n---\n");
    for i in 0..n {
        registry.push_str(&format!("p{i}:\n  name: P {i}\n  kind: person\n"));
        article.push_str(&format!("“Yes,”{{@p{i}}} and “again.”{{@}}\n\n"));
    }
    let (ws, _) = fixture::workspace(&format!(
        "//- /actors.yaml\n{registry}//- /many.news.md\n{article}"
    ));
    let file = ws.file(Path::new("/many.news.md")).unwrap();
    let mut tally = report::Tally::default();
    let row = tally.add(report::article(&ws, file).unwrap());
    let report = tally.finish(vec![row], Vec::new());
    assert_eq!(report.quotations(), 2 * n);
    assert_eq!(report.speakers.len(), n);
    assert!(
        report
            .speakers
            .iter()
            .all(|s| s.quotes == 2 && s.articles == 1)
    );
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
    // Each `> ` opens one more nested block quote: as for quotation marks,
    // those nested past 16 levels are part of the 16th, not quotations.
    let text = format!("{}deep", "> ".repeat(n / 8));
    let nested = model::lower(&text);
    assert_eq!(nested.quotations.len(), 16);
    // The 16th holds the rest, text and all.
    assert!(
        nested.quotations[15]
            .range
            .slice(&text)
            .ends_with("> > deep")
    );
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

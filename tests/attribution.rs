//! The attribution benchmark: wire-copy-style articles under
//! `tests/attribution/` carry the right answer as annotations (`“…”{@lopez}`,
//! `{.scare}`, `{.title}`, `{.term}`, and `{?}` for a quotation whose prose
//! names nobody). The test strips them, asks for a suggestion for every
//! quotation, and scores the answers: it fails when fewer than 92% of the
//! quotations with a named or described speaker get the right speaker, or
//! when a scare quote, term or title gets any suggestion.
//!
//! `cargo test --test attribution -- --nocapture` prints the table that
//! BENCHMARKS.md reports, and every miss.

use newsmark::attribution::{Outcome, Suggester};
use newsmark::model::{self, Quotation};
use newsmark::syntax::AttrTarget;
use newsmark::text::TextRange;
use newsmark::workspace::{Config, FileKind, Workspace};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What an annotation says the answer is.
#[derive(Clone, Debug, PartialEq)]
enum Expected {
    Speaker(String),
    NotSpeech(String),
    /// `{?}`: the prose names no speaker.
    Nobody,
}

/// An article without its answers, and the answer of each top-level
/// quotation, in document order. The answers are read by the parser itself:
/// a quotation's attribution (its own block, an enclosing span's, a block
/// quote's last line, `{@}` resolved); then every attribute block is
/// deleted, with the brackets of attributed spans and the `> {…}` lines.
/// With `plain`, mention links become their words: the text as pasted.
fn strip(source: &str, plain: bool) -> (String, Vec<Expected>) {
    let article = model::lower(source);
    let mut top: Vec<&Quotation> = article
        .quotations
        .iter()
        .filter(|q| q.is_top_level())
        .collect();
    top.sort_by_key(|q| q.range.start());
    let answers = top
        .iter()
        .map(|q| {
            let a = q
                .effective_attribution()
                .map(|a| &article.attributions[a])
                .unwrap_or_else(|| {
                    panic!("the quotation {:?} has no answer", q.range.slice(source))
                });
            if a.range.slice(source) == "{?}" {
                Expected::Nobody
            } else if let Some(id) = a.speaker_id() {
                Expected::Speaker(id.to_string())
            } else {
                let class = a
                    .classes
                    .iter()
                    .map(|(c, _)| c.as_str())
                    .find(|c| matches!(*c, "scare" | "title" | "term"))
                    .unwrap_or_else(|| panic!("no answer in `{}`", a.range.slice(source)));
                Expected::NotSpeech(format!(".{class}"))
            }
        })
        .collect();
    let mut cuts: Vec<TextRange> = Vec::new();
    for a in &article.attributions {
        let line_start = source[..a.range.start()].rfind('\n').map_or(0, |i| i + 1);
        let alone = source[line_start..a.range.start()].trim() == ">"
            && source[a.range.end()..]
                .split('\n')
                .next()
                .is_some_and(|rest| rest.trim().is_empty());
        if alone {
            // `> {@x}` closes a block quote: the whole line goes.
            cuts.push(TextRange::new(line_start.saturating_sub(1), a.range.end()));
            continue;
        }
        cuts.push(a.range);
        if let AttrTarget::Span { range } = a.target {
            let inner = AttrTarget::span_inner(range);
            cuts.push(TextRange::new(range.start(), range.start() + 1));
            cuts.push(TextRange::new(inner.end(), inner.end() + 1));
        }
    }
    if plain {
        for m in &article.mentions {
            cuts.push(TextRange::new(m.range.start(), m.range.start() + 1));
            cuts.push(TextRange::new(m.text.end(), m.range.end()));
        }
    }
    cuts.sort();
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for c in cuts {
        if c.start() >= at {
            out.push_str(&source[at..c.start()]);
            at = c.end();
        }
    }
    out.push_str(&source[at..]);
    (out, answers)
}

#[derive(Default, Clone, Copy)]
struct Score {
    /// Quotations with a named or described speaker, and how they fared.
    speech: usize,
    right: usize,
    wrong: usize,
    missed: usize,
    /// Right by name when no registry is loaded.
    right_without_registry: usize,
    /// Scare quotes, terms, titles, and quotes whose prose names nobody.
    traps: usize,
    traps_suggested: usize,
    nobody: usize,
    nobody_suggested: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.speech += o.speech;
        self.right += o.right;
        self.wrong += o.wrong;
        self.missed += o.missed;
        self.right_without_registry += o.right_without_registry;
        self.traps += o.traps;
        self.traps_suggested += o.traps_suggested;
        self.nobody += o.nobody;
        self.nobody_suggested += o.nobody_suggested;
    }

    fn suggestions(&self) -> usize {
        self.right + self.wrong + self.traps_suggested + self.nobody_suggested
    }

    fn accuracy(&self) -> f64 {
        ratio(self.right, self.speech)
    }

    fn precision(&self) -> f64 {
        ratio(self.right, self.suggestions())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/attribution")
}

fn workspace(registry: Option<&str>, article: &str) -> Workspace {
    let mut texts = vec![(
        PathBuf::from("/article.news.md"),
        FileKind::Article,
        Ok(article.to_string()),
    )];
    if let Some(r) = registry {
        texts.push((
            PathBuf::from("/actors.yaml"),
            FileKind::Registry,
            Ok(r.to_string()),
        ));
    }
    Workspace::from_texts(Config::default(), texts)
}

/// Scores one article; misses are appended to `log`.
fn score(name: &str, source: &str, plain: bool, registry: &str, log: &mut String) -> Score {
    let (text, answers) = strip(source, plain);
    let mut s = Score::default();
    let path = Path::new("/article.news.md");
    let with = workspace(Some(registry), &text);
    let without = workspace(None, &text);
    let suggester = Suggester::new(&with, path).unwrap();
    let bare = Suggester::new(&without, path).unwrap();
    let bare_outcomes: BTreeMap<usize, Outcome> = bare.all().into_iter().collect();
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    // `ATTRIBUTION_DEBUG=04-court` prints every outcome of matching files.
    let debug = std::env::var("ATTRIBUTION_DEBUG").is_ok_and(|d| name.contains(&d));
    let outcomes = suggester.all();
    assert_eq!(
        outcomes.len(),
        answers.len(),
        "{name}: stripping the answers must keep every quotation"
    );
    for ((q, outcome), expected) in outcomes.into_iter().zip(&answers) {
        let quotation = &suggester.article().quotations[q];
        if debug {
            let quote: String = quotation.range.slice(&text).chars().take(40).collect();
            println!(
                "{name}:{}: {quote} => {outcome:?}",
                line_of(quotation.range.start())
            );
        }
        let got = outcome.suggestion();
        let shown = |o: &Outcome| match o {
            Outcome::Speaker(s) => format!(
                "{} ({:?}, {:?})",
                s.speaker.as_deref().unwrap_or("no id"),
                s.name,
                s.pattern
            ),
            Outcome::Unresolved { text: t, cue } => {
                format!("unresolved {:?} {:?}", t.slice(&text), cue.slice(&text))
            }
            other => format!("{other:?}"),
        };
        match expected {
            Expected::Speaker(id) => {
                s.speech += 1;
                match got {
                    Some(g) if g.speaker.as_deref() == Some(id) => s.right += 1,
                    Some(_) => s.wrong += 1,
                    None => s.missed += 1,
                }
                if got.is_none_or(|g| g.speaker.as_deref() != Some(id)) {
                    let _ = writeln!(
                        log,
                        "  {name}:{}: expected @{id}, got {}",
                        line_of(quotation.range.start()),
                        shown(&outcome)
                    );
                }
                // Without a registry the name must still be right.
                let bare_got = bare_outcomes.get(&q).and_then(Outcome::suggestion);
                let local = without.resolve(path, id).map(|(_, a)| a.clone());
                let registered = with.resolve(path, id).map(|(_, a)| a.clone());
                let ok = bare_got.is_some_and(|g| {
                    if g.speaker.as_deref() == Some(id) {
                        return true;
                    }
                    if local.is_some() {
                        return false;
                    }
                    let surname = registered
                        .as_ref()
                        .and_then(|a| a.name.as_deref())
                        .and_then(|n| n.split_whitespace().last())
                        .unwrap_or(id);
                    g.name.to_lowercase().contains(&surname.to_lowercase())
                });
                if ok {
                    s.right_without_registry += 1;
                }
            }
            Expected::NotSpeech(class) => {
                s.traps += 1;
                if let Some(g) = got {
                    s.traps_suggested += 1;
                    let _ = writeln!(
                        log,
                        "  {name}:{}: {class} got a suggestion: {:?}",
                        line_of(quotation.range.start()),
                        g.name
                    );
                }
            }
            Expected::Nobody => {
                s.nobody += 1;
                if let Some(g) = got {
                    s.nobody_suggested += 1;
                    let _ = writeln!(
                        log,
                        "  {name}:{}: nobody is named, got {:?}",
                        line_of(quotation.range.start()),
                        g.name
                    );
                }
            }
        }
    }
    s
}

fn row(out: &mut String, name: &str, s: &Score) {
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {} | {} | {:.1}% | {:.1}% | {:.1}% | {}/{} | {}/{} |",
        s.speech,
        s.right,
        s.wrong,
        s.missed,
        100.0 * s.accuracy(),
        100.0 * s.precision(),
        100.0 * ratio(s.right_without_registry, s.speech),
        s.traps_suggested,
        s.traps,
        s.nobody_suggested,
        s.nobody,
    );
}

#[test]
fn suggestions_meet_the_quality_bar() {
    let registry = std::fs::read_to_string(root().join("actors.yaml")).unwrap();
    let mut table = String::from(
        "| set | speech quotes | right | wrong | none | accuracy | precision | right without registry | traps suggested | nobody suggested |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let mut log = String::new();
    let mut total = Score::default();
    // The bundled examples, annotated by someone else from real articles,
    // with their own registry.
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let example_registry = std::fs::read_to_string(examples.join("actors.yaml")).unwrap();
    let sets = [
        ("dev", root().join("dev"), false, &registry),
        ("held-out", root().join("held-out"), false, &registry),
        ("fresh", root().join("fresh"), false, &registry),
        ("examples", examples.clone(), false, &example_registry),
        // The same without their mention links: the articles as pasted.
        ("examples, plain text", examples, true, &example_registry),
    ];
    for (set, dir, plain, registry) in sets {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
            .collect();
        files.sort();
        let mut sum = Score::default();
        for file in files {
            let name = format!("{set}/{}", file.file_name().unwrap().to_string_lossy());
            let source = std::fs::read_to_string(&file).unwrap();
            let s = score(&name, &source, plain, registry, &mut log);
            row(&mut table, &name, &s);
            sum.add(&s);
        }
        row(&mut table, &format!("**{set}**"), &sum);
        total.add(&sum);
    }
    row(&mut table, "**all**", &total);
    println!("{table}");
    if !log.is_empty() {
        println!("misses:\n{log}");
    }
    assert!(
        total.speech >= 100,
        "the benchmark holds {} speech quotes",
        total.speech
    );
    assert!(
        total.accuracy() >= 0.92,
        "accuracy {:.1}% is below 92%",
        100.0 * total.accuracy()
    );
    assert_eq!(
        total.traps_suggested, 0,
        "scare quotes, terms and titles must get no suggestion"
    );
}

#[test]
fn answers_are_read_by_the_parser_and_stripped() {
    let (text, answers) = strip(
        "“A,”{@lopez} she said. “B.”{@} A “fig leaf”{.scare} and [her “view”]{@kim .partial}.\n\n> Post\n> {@x via=post}\n\n“C”{?} [Lopez](@lopez) {x}\n",
        false,
    );
    assert_eq!(
        text,
        "“A,” she said. “B.” A “fig leaf” and her “view”.\n\n> Post\n\n“C” [Lopez](@lopez) {x}\n"
    );
    let speaker = |id: &str| Expected::Speaker(id.into());
    assert_eq!(
        answers,
        [
            speaker("lopez"),
            speaker("lopez"),
            Expected::NotSpeech(".scare".into()),
            speaker("kim"),
            speaker("x"),
            Expected::Nobody,
        ]
    );
    let (plain, _) = strip("[Maria Lopez](@lopez) said “hi.”{@lopez}", true);
    assert_eq!(plain, "Maria Lopez said “hi.”");
}

mod robustness {
    use newsmark::attribution::{Outcome, Suggester};
    use newsmark::workspace::fixture;
    use proptest::prelude::*;
    use std::path::Path;

    /// Pieces of wire copy, marks and markup, mixed with arbitrary text.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("“".to_string()),
            Just("”".to_string()),
            Just("‘".to_string()),
            Just("’".to_string()),
            Just("\"".to_string()),
            Just(", ".to_string()),
            Just(". ".to_string()),
            Just(" — ".to_string()),
            Just(" said ".to_string()),
            Just(" she said. ".to_string()),
            Just("according to ".to_string()),
            Just("Maria Lopez".to_string()),
            Just("[Lopez](@lopez)".to_string()),
            Just("a senior official who ".to_string()),
            Just("`code”`".to_string()),
            Just("{@lopez}".to_string()),
            Just("\n\n".to_string()),
            Just("\n> ".to_string()),
            Just("é😀中".to_string()),
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn suggestions_never_panic_and_stay_in_the_text(pieces in prop::collection::vec(piece(), 0..60)) {
            let article = pieces.concat().replace("//- ", "");
            let fixture = format!("//- /actors.yaml\nlopez:\n  name: Maria Lopez\n//- /a.news.md\n{article}");
            let (ws, _) = fixture::workspace(&fixture);
            let path = Path::new("/a.news.md");
            let text = &ws.file(path).unwrap().text;
            let s = Suggester::new(&ws, path).unwrap();
            for (_, o) in s.all() {
                if let Outcome::Speaker(sug) = o {
                    for r in [sug.text, sug.cue] {
                        prop_assert!(r.end() <= text.len() && r.start() <= r.end());
                        prop_assert!(text.is_char_boundary(r.start()) && text.is_char_boundary(r.end()));
                    }
                }
            }
        }
    }
}

/// One paragraph of 20,000 unattributed quotations finishes: the windows
/// around each quote are bounded, not the whole paragraph.
#[test]
fn a_huge_paragraph_of_quotes_is_linear() {
    let paragraph = "“We have a window,” she said, and a “fig leaf” fell. ".repeat(20_000);
    let text = format!("Maria Lopez arrived. {paragraph}\n");
    let ws = workspace(None, &text);
    let s = Suggester::new(&ws, Path::new("/article.news.md")).unwrap();
    let all = s.all();
    assert_eq!(all.len(), 40_000);
    let speakers = all.iter().filter(|(_, o)| o.suggestion().is_some()).count();
    assert_eq!(speakers, 20_000, "every “…,” she said gets Maria Lopez");
}

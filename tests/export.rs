//! `newsmark export` on the bundled examples, run as a process: JSON Lines has
//! one record per quotation with its speaker resolved and offsets that point at
//! it; TEI is well-formed XML with one `<q>` per quotation, one `<said>` per
//! span of reported speech, and no reference that leads nowhere.

#[path = "support/shell.rs"]
mod shell;
use shell::newsmark;

use newsmark::syntax::{AttrTarget, QuoteKind};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Quotations and speech spans per example article, counted from the model
/// rather than from the export: (quotations, spans).
fn expected_counts() -> BTreeMap<String, (usize, usize)> {
    let loaded = newsmark::fs::load(&[root().join("examples")]).unwrap();
    let mut out = BTreeMap::new();
    for (file, article) in loaded.workspace.articles() {
        let quotations: Vec<_> = article
            .quotations
            .iter()
            .filter(|q| q.parent().is_none() && q.kind != QuoteKind::Single)
            .collect();
        let spans = article
            .attributions
            .iter()
            .filter(|a| match a.target {
                AttrTarget::Span { range, .. } => {
                    !a.is_non_speech() && !quotations.iter().any(|q| range.contains_range(q.range))
                }
                AttrTarget::Quotation(_) => false,
            })
            .count();
        let name = file
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.insert(name, (quotations.len(), spans));
    }
    assert_eq!(out.len(), 2, "two example articles");
    out
}

fn records() -> Vec<Value> {
    let out = newsmark(root(), &["export", "examples", "--format", "jsonl"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

#[test]
fn jsonl_has_one_record_per_quotation_with_its_speaker() {
    let records = records();
    let expected = expected_counts();
    for (name, &(quotations, spans)) in &expected {
        let of = |form: &str| {
            records
                .iter()
                .filter(|r| {
                    r["path"].as_str().unwrap().ends_with(name.as_str()) && r["form"] == form
                })
                .count()
        };
        assert!(quotations >= 3 && spans >= 5, "{name}: the examples quote");
        assert_eq!(of("quotation"), quotations, "{name}");
        assert_eq!(of("span"), spans, "{name}");
    }
    let mut texts = BTreeMap::new();
    for r in &records {
        let path = r["path"].as_str().unwrap();
        let text = texts
            .entry(path.to_string())
            .or_insert_with(|| fs::read_to_string(root().join(path)).unwrap());
        // Article metadata on every record.
        assert!(r["title"].is_string() && r["outlet"].is_string(), "{r}");
        assert!(r["published"].is_string() && r["url"].is_string(), "{r}");
        // The examples are clean: every speech has a speaker with a name.
        let kind = r["kind"].as_str().unwrap();
        if !["scare", "title", "term"].contains(&kind) {
            assert!(r["speaker"].is_string(), "{r}");
            assert!(
                r["speaker_name"].as_str().is_some_and(|n| !n.is_empty()),
                "{r}"
            );
        }
        assert!(
            [
                "direct", "partial", "indirect", "scare", "title", "term", "block"
            ]
            .contains(&kind)
        );
        if r["to"].is_string() {
            assert!(r["to_name"].is_string(), "{r}");
        }
        // Offsets point at the quotation, its marks or brackets included.
        let (start, end) = (
            r["byte_start"].as_u64().unwrap() as usize,
            r["byte_end"].as_u64().unwrap() as usize,
        );
        let source = &text[start..end];
        let words = r["text"].as_str().unwrap();
        assert!(
            !words.is_empty() && source.contains(words.lines().next().unwrap()),
            "{r}"
        );
        match r["form"].as_str().unwrap() {
            "quotation" => assert!(source.starts_with(['“', '"', '>']), "{source}"),
            _ => assert!(source.starts_with('[') && source.ends_with(']'), "{source}"),
        }
        assert_eq!(r["char_start"], text[..start].chars().count(), "{r}");
        assert_eq!(r["char_end"], text[..end].chars().count(), "{r}");
        assert_eq!(r["line"], text[..start].matches('\n').count() + 1, "{r}");
    }
    // Numbered in article order.
    for path in texts.keys() {
        let ns: Vec<u64> = records
            .iter()
            .filter(|r| r["path"] == path.as_str())
            .map(|r| r["n"].as_u64().unwrap())
            .collect();
        assert_eq!(ns, (1..=ns.len() as u64).collect::<Vec<_>>());
    }
}

/// Elements by name with their attributes, from XML that must be well-formed
/// (the reader checks that end tags match).
fn elements(xml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                        (
                            key,
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned(),
                        )
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn tei_has_one_q_per_quotation_and_resolves_every_reference() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("tei");
    let out = newsmark(
        root(),
        &[
            "export",
            "examples",
            "--format",
            "tei",
            "--output",
            out_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = expected_counts();
    let mut written: Vec<PathBuf> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    written.sort();
    assert_eq!(written.len(), expected.len());
    for path in written {
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".tei.xml", ".news.md");
        let (quotations, spans) = expected[&name];
        let xml = fs::read_to_string(&path).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"));
        assert!(
            !xml.contains("&apos;"),
            "{name}: apostrophes read as written"
        );
        let elements = elements(&xml);
        let count = |tag: &str| {
            elements
                .iter()
                .filter(|(n, a)| n == tag && a.contains_key("xml:id") && !a.contains_key("prev"))
                .count()
        };
        assert_eq!(count("q"), quotations, "{name}: one <q> per quotation");
        assert_eq!(
            count("said"),
            spans,
            "{name}: one <said> per span of speech"
        );
        let ids: BTreeSet<&str> = elements
            .iter()
            .filter_map(|(_, a)| a.get("xml:id").map(String::as_str))
            .collect();
        let mut refs = 0;
        for (tag, attrs) in &elements {
            for key in ["who", "toWhom", "ref", "next", "prev"] {
                if let Some(target) = attrs.get(key) {
                    let id = target.strip_prefix('#').expect("a local pointer");
                    assert!(
                        ids.contains(id),
                        "{name}: <{tag} {key}=\"{target}\"> leads nowhere"
                    );
                    refs += 1;
                }
            }
        }
        assert!(
            refs > quotations,
            "{name}: speakers and mentions are pointers"
        );
        for (tag, attrs) in &elements {
            if tag == "q" && attrs.contains_key("xml:id") && attrs["type"] != "scare" {
                assert!(
                    attrs.contains_key("who"),
                    "{name}: every quotation has its speaker"
                );
            }
        }
        for header in [
            "teiHeader",
            "titleStmt",
            "publisher",
            "listPerson",
            "listOrg",
            "body",
        ] {
            assert!(
                elements.iter().any(|(n, _)| n == header),
                "{name}: <{header}>"
            );
        }
    }
}

#[test]
fn tei_goes_to_stdout_for_one_article_only() {
    let one = newsmark(
        root(),
        &[
            "export",
            "examples/latimes-blinken-mideast.news.md",
            "--format",
            "tei",
        ],
    );
    assert_eq!(one.status.code(), Some(0));
    let xml = String::from_utf8(one.stdout).unwrap();
    assert_eq!(xml.matches("<TEI ").count(), 1);
    assert!(!elements(&xml).is_empty());
    let many = newsmark(root(), &["export", "examples", "--format", "tei"]);
    assert_eq!(many.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&many.stderr).contains("give --output DIR"),
        "{}",
        String::from_utf8_lossy(&many.stderr)
    );
    assert!(many.stdout.is_empty());
}

#[test]
fn jsonl_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.jsonl");
    let out = newsmark(
        root(),
        &["export", "examples", "--output", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), records().len());
    assert!(String::from_utf8_lossy(&out.stderr).contains("records of 2 articles"));
}

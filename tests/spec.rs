//! Every example in grammar/SPEC.md is checked: the diagnostics the checker
//! reports must be exactly the ones the spec lists after the example.

use newsmark::analysis::diagnostics;
use newsmark::text::Encoding;
use newsmark::workspace::fixture;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The fenced blocks of the spec, as (info string, text).
fn fenced_blocks(spec: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(spec) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((info.to_string(), String::new()))
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

fn found(example: &str) -> Vec<String> {
    let fixture = if example.starts_with("//- ") {
        example.to_string()
    } else {
        format!("//- /a.news.md\n{example}")
    };
    let (ws, _) = fixture::workspace(&fixture);
    let mut out = Vec::new();
    for file in ws.files() {
        for d in diagnostics(&ws, &file.path) {
            let lc = file
                .line_index()
                .line_col(&file.text, d.range.start(), Encoding::Utf32);
            let name = file.path.file_name().unwrap().to_string_lossy();
            let prefix = if name == "a.news.md" {
                String::new()
            } else {
                format!("{name} ")
            };
            out.push(format!(
                "{prefix}{} {}:{}",
                d.code.as_str(),
                lc.line + 1,
                lc.col + 1
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn every_spec_example_reports_what_the_spec_says() {
    let spec = include_str!("../grammar/SPEC.md");
    let blocks = fenced_blocks(spec);
    let mut checked = 0;
    for (i, (info, text)) in blocks.iter().enumerate() {
        if info != "example" {
            continue;
        }
        let (next_info, expected) = blocks
            .get(i + 1)
            .expect("a diagnostics block follows each example");
        assert_eq!(
            next_info, "diagnostics",
            "example {text:?} must be followed by a diagnostics block"
        );
        let mut expected: Vec<String> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && *l != "none")
            .map(String::from)
            .collect();
        expected.sort();
        assert_eq!(found(text), expected, "in the spec example:\n{text}");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} examples found");
}

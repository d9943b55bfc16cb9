//! Property tests: for arbitrary input, parsing and every rule finish without
//! panicking, and every range lies on character boundaries inside the text.

use newsmark::analysis::inlay_hints;
use newsmark::analysis::{code_actions, code_lens, diagnostics, folding, rename, semantic_tokens};
use newsmark::analysis::{export, symbols};
use newsmark::cli::{self, Summary};
use newsmark::registry::parse_registry;
use newsmark::syntax::parse;
use newsmark::text::TextRange;
use newsmark::workspace::fixture;
use proptest::prelude::*;

/// Fragments that exercise the annotation syntax, mixed with arbitrary text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("(@".to_string()),
        Just(")".to_string()),
        Just("{@".to_string()),
        Just("@".to_string()),
        Just(".partial".to_string()),
        Just(" to=@".to_string()),
        Just("=\"".to_string()),
        Just("\\".to_string()),
        Just("`".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n\n".to_string()),
        Just("> ".to_string()),
        Just("---\n".to_string()),
        Just("- ".to_string()),
        Just("```\n".to_string()),
        Just("<b>".to_string()),
        Just("😀".to_string()),
        Just("中".to_string()),
        Just("é".to_string()),
        "[a-z ]{0,6}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

/// What hostile files are made of: runs of one mark thousands long (deep
/// `>` and list nesting, a line of `"`, unbalanced brackets and braces),
/// NUL and other control characters, lines ended by a lone CR, long lines,
/// and front matter of hostile YAML.
fn hostile_piece() -> impl Strategy<Value = String> {
    let mark = prop::sample::select(vec![
        ">",
        "> ",
        "- ",
        "1. ",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "[",
        "]",
        "{",
        "}",
        "{@",
        "(@",
        "*",
        "_",
        "`",
        "\\",
        "<",
        "&",
        "\0",
        "\r",
        "\r\n",
        "\n",
        "\t",
        " ",
        "|",
        "#",
        "---\n",
        "“a”{@x}",
        "“a”{@}",
        "[a](@x)",
        "[a]{@x .indirect}",
        "{.scare}",
        "\u{feff}",
        "\u{2028}",
        "😀",
        "é",
    ]);
    prop_oneof![
        3 => fragment(),
        2 => (mark.clone(), 1..3000usize).prop_map(|(m, n)| m.repeat(n)),
        1 => (mark, 1..200usize, "[a-z “”{}@\r\n]{0,8}")
            .prop_map(|(m, n, tail)| format!("{}{tail}", m.repeat(n))),
    ]
}

/// Front matter: YAML that nests, aliases, tabs, breaks off.
fn hostile_front_matter() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "title: ",
        "actors:\n",
        "  a:\n",
        "    anonymous: true\n",
        "&a ",
        "*a ",
        "[",
        "]",
        "{",
        "}",
        "\"",
        "'",
        "\t",
        "- ",
        ": ",
        "|\n",
        ">\n",
        "!!str ",
        "? ",
        "\n",
        "\r",
        "\0",
        "@x",
        "2021-13-45",
        "😀",
    ]);
    (prop::collection::vec(piece, 0..30), 1..50usize)
        .prop_map(|(v, depth)| format!("---\n{}{}\n---\n", v.concat(), "[".repeat(depth)))
}

fn hostile_text() -> impl Strategy<Value = String> {
    (
        prop::option::of(hostile_front_matter()),
        prop::collection::vec(hostile_piece(), 0..12),
    )
        .prop_map(|(front, body)| format!("{}{}", front.unwrap_or_default(), body.concat()))
}

fn assert_on_boundaries(text: &str, range: TextRange, what: &str) {
    assert!(
        range.start() <= range.end() && range.end() <= text.len(),
        "{what} {range:?} outside {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start()) && text.is_char_boundary(range.end()),
        "{what} {range:?} splits a character"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn syntax_ranges_are_sound(body in text(), front in prop::option::of("[a-z:\\[\\] \n\"@-]{0,30}")) {
        let text = match front {
            Some(f) => format!("---\n{f}\n---\n{body}"),
            None => body,
        };
        let p = parse(&text);
        for q in &p.quotations {
            assert_on_boundaries(&text, q.range, "quotation");
            for s in q.segments() {
                assert_on_boundaries(&text, *s, "segment");
            }
        }
        for a in &p.attributes {
            assert_on_boundaries(&text, a.range, "attribute block");
            for item in p.items(a) {
                assert_on_boundaries(&text, item.range(), "attribute item");
            }
        }
        for m in &p.mentions {
            assert_on_boundaries(&text, m.range, "mention");
            assert_on_boundaries(&text, m.id, "mention id");
        }
        for e in &p.errors {
            assert_on_boundaries(&text, e.range, "error");
        }
        for r in p.prose.iter().chain(&p.masked) {
            assert_on_boundaries(&text, *r, "prose or mask");
        }
    }

    #[test]
    fn rules_never_panic(article in text(), registry in text()) {
        let fixture = format!("//- /actors.yaml\n{registry}\n//- /a.news.md\n{article}");
        // The fixture format splits on its own header; keep the inputs from forging one.
        prop_assume!(!article.contains("//- ") && !registry.contains("//- "));
        let (ws, _) = fixture::workspace(&fixture);
        for file in ws.files() {
            for d in diagnostics(&ws, &file.path) {
                assert_on_boundaries(&file.text, d.range, "diagnostic");
            }
        }
    }

    #[test]
    fn editor_queries_give_sound_answers(article in text(), registry in text()) {
        let fixture = format!("//- /actors.yaml\n{registry}\n//- /a.news.md\n{article}");
        prop_assume!(!article.contains("//- ") && !registry.contains("//- "));
        let (ws, _) = fixture::workspace(&fixture);
        for file in ws.files() {
            let text = &file.text;
            // Tokens: sorted, disjoint, non-empty, each within one line.
            let mut end = 0;
            for t in semantic_tokens::semantic_tokens(&ws, &file.path, None) {
                assert_on_boundaries(text, t.range, "token");
                assert!(t.range.start() >= end && !t.range.is_empty(), "token {t:?} after {end}");
                assert!(!t.range.slice(text).contains(['\n', '\r']), "token {t:?} spans lines");
                end = t.range.end();
            }
            for f in folding::folding_ranges(&ws, &file.path) {
                assert_on_boundaries(text, f.range, "fold");
            }
            for lens in code_lens::code_lenses(&ws, &file.path) {
                assert_on_boundaries(text, lens.range, "lens");
                code_lens::figures(&ws, &lens.id);
            }
            for h in inlay_hints::inlay_hints(&ws, &file.path, None) {
                assert!(text.is_char_boundary(h.offset), "hint at {}", h.offset);
            }
            // Quick fixes over the whole text: every edit lies in its file
            // (or makes a new one), and the edits of one file never overlap.
            for action in code_actions::code_actions(&ws, &file.path, TextRange::new(0, text.len())) {
                for fe in &action.fix.edits {
                    let target = ws.file(&fe.path).map_or("", |f| &f.text);
                    let mut ranges: Vec<TextRange> = fe.edits.iter().map(|e| e.range).collect();
                    ranges.sort();
                    let mut end = 0;
                    for r in ranges {
                        if !fe.create {
                            assert_on_boundaries(target, r, "fix edit");
                        }
                        assert!(r.start() >= end || r.is_empty() && r.start() == end, "fix edits overlap");
                        end = r.end();
                    }
                }
            }
            // Renames from just after every `@` and from every actor key.
            let keys = file.actors().iter().map(|a| a.id_range.start());
            let ats = text.match_indices('@').map(|(i, _)| i + 1);
            for offset in ats.chain(keys).take(20) {
                let Ok(files) = rename::rename(&ws, &file.path, offset, "new-id") else {
                    continue;
                };
                for fe in files {
                    let target = &ws.file(&fe.path).unwrap().text;
                    let mut end = 0;
                    for e in &fe.edits {
                        assert_on_boundaries(target, e.range, "rename edit");
                        assert!(e.range.start() >= end, "edits overlap");
                        end = e.range.end();
                    }
                }
            }
        }
    }

    #[test]
    fn registry_ranges_are_sound(text in "[a-z:\\[\\]{}&*!|>\"' \n\t-]{0,80}|.{0,80}") {
        let reg = parse_registry(&text);
        for a in &reg.actors {
            assert_on_boundaries(&text, a.id_range, "id");
            assert_on_boundaries(&text, a.entry_range, "entry");
        }
        for p in &reg.problems {
            assert_on_boundaries(&text, p.range, "problem");
        }
    }

}

proptest! {
    // Hostile files are long: fewer of them, for a bounded time (about ten
    // seconds of CPU in a debug build).
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// The parser and what reads its result, on hostile files: nothing
    /// panics, and every range lies on character boundaries of the text.
    #[test]
    fn hostile_files_are_read_soundly(article in hostile_text(), registry in hostile_text()) {
        prop_assume!(!article.contains("//- ") && !registry.contains("//- "));
        let fixture = format!("//- /actors.yaml\n{registry}\n//- /a.news.md\n{article}");
        let (ws, _) = fixture::workspace(&fixture);
        let mut found = Vec::new();
        for file in ws.files() {
            let p = parse(&file.text);
            for q in &p.quotations {
                assert_on_boundaries(&file.text, q.range, "quotation");
            }
            for e in &p.errors {
                assert_on_boundaries(&file.text, e.range, "error");
            }
            for d in diagnostics(&ws, &file.path) {
                assert_on_boundaries(&file.text, d.range, "diagnostic");
                found.push(d);
            }
            for s in symbols::document_symbols(&ws, &file.path) {
                assert_on_boundaries(&file.text, s.range, "symbol");
            }
            if let Some(a) = export::article(&ws, file) {
                for r in &a.records {
                    assert_on_boundaries(&file.text, r.range, "record");
                }
                cli::export::write_jsonl(&mut Vec::new(), &a).unwrap();
                cli::export::write_tei(&mut Vec::new(), &ws, &a).unwrap();
            }
        }
        cli::human::write(&mut Vec::new(), &ws, &found, Summary::default(), true).unwrap();
        cli::json::write(&mut Vec::new(), &ws, &found, Summary::default()).unwrap();
    }
}

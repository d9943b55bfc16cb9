//! Property tests: for arbitrary input, parsing and every rule finish without
//! panicking, and every range lies on character boundaries inside the text.

use newsmark::analysis::inlay_hints;
use newsmark::analysis::{code_actions, code_lens, diagnostics, folding, rename, semantic_tokens};
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

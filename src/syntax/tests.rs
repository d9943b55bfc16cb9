//! Snapshot tests of what the syntax layer finds: quotations, attribute
//! blocks, mentions and errors, rendered as text.

use super::{AttrTarget, QuoteKind, parse};
use expect_test::{Expect, expect};

fn check(text: &str, expect: Expect) {
    let p = parse(text);
    let mut out = String::new();
    if let Some(fm) = &p.front_matter {
        out.push_str(&format!("front matter {:?}\n", fm.yaml.slice(text)));
    }
    for (i, q) in p.quotations.iter().enumerate() {
        let kind = match q.kind {
            QuoteKind::Double => "double",
            QuoteKind::Single => "single",
            QuoteKind::Block => "block",
        };
        out.push_str(&format!("q{i} {kind} {:?}", q.range.slice(text)));
        if q.segments().len() > 1 {
            out.push_str(&format!(" in {} paragraphs", q.segments().len()));
        }
        if let Some(parent) = q.parent {
            out.push_str(&format!(" inside q{parent}"));
        }
        if let Some(a) = q.attribute {
            out.push_str(&format!(
                " attributed {}",
                p.attributes[a].range.slice(text)
            ));
        }
        out.push('\n');
    }
    for a in &p.attributes {
        if let AttrTarget::Span { range } = a.target {
            let inner = AttrTarget::span_inner(range);
            out.push_str(&format!(
                "span {:?} {}\n",
                inner.slice(text),
                a.range.slice(text)
            ));
        }
    }
    for m in &p.mentions {
        out.push_str(&format!(
            "mention {:?} -> {:?}\n",
            m.text.slice(text),
            m.id.slice(text)
        ));
    }
    for e in &p.errors {
        out.push_str(&format!(
            "error {:?} {:?}: {}\n",
            e.kind,
            e.range.slice(text),
            e.message
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn curly_and_straight_pairs() {
    check(
        "“One,”{@a} she said. \"Two.\"{@b} And \"three\" and “four”.\n",
        expect![[r#"
            q0 double "“One,”" attributed {@a}
            q1 double "\"Two.\"" attributed {@b}
            q2 double "\"three\""
            q3 double "“four”"
        "#]],
    );
}

#[test]
fn apostrophes_are_not_quotes() {
    check(
        "“Don’t touch Israel’s ’90s record, the Palestinians’ rights or rock ’n’ roll,”{@a} he said. It's Jones' view.\n",
        expect![[r#"
            q0 double "“Don’t touch Israel’s ’90s record, the Palestinians’ rights or rock ’n’ roll,”" attributed {@a}
        "#]],
    );
}

#[test]
fn nested_quotes() {
    check(
        "“He told me ‘no way’ and then 'never' and “stop”,”{@a} she said.\n",
        expect![[r#"
            q0 single "‘no way’" inside q3
            q1 single "'never'" inside q3
            q2 double "“stop”" inside q3
            q3 double "“He told me ‘no way’ and then 'never' and “stop”,”" attributed {@a}
        "#]],
    );
}

#[test]
fn single_quotes_outside_double_quotes_are_ignored() {
    check(
        "The ‘special relationship’ and 'scare' words.\n",
        expect![[""]],
    );
}

#[test]
fn multi_paragraph_quotation() {
    check(
        "“First paragraph of the speech,\n\n“second paragraph,\n\n“and the end.”{@a}\n\nAfter.\n",
        expect![[r#"
            q0 double "“First paragraph of the speech,\n\n“second paragraph,\n\n“and the end.”" in 3 paragraphs attributed {@a}
        "#]],
    );
}

#[test]
fn spans_with_links_inside() {
    check(
        "[[Lopez](@lopez) said the plan would fail]{@lopez .indirect} and [“fragile but alive.”]{@x .partial}.\n",
        expect![[r#"
            q0 double "“fragile but alive.”"
            span "[Lopez](@lopez) said the plan would fail" {@lopez .indirect}
            span "“fragile but alive.”" {@x .partial}
            mention "Lopez" -> "lopez"
        "#]],
    );
}

#[test]
fn block_quote_attribution_line() {
    check(
        "> We will rebuild.\n> “Together,” we said.\n> {@lopez via=post}\n\n> Unattributed.\n\n> {@lopez} not alone on its line\n",
        expect![[r#"
            q0 block "> We will rebuild.\n> “Together,” we said.\n> {@lopez via=post}" attributed {@lopez via=post}
            q1 block "> Unattributed."
            q2 block "> {@lopez} not alone on its line"
            q3 double "“Together,”"
            error Malformed "{@lopez}": this attribute block is attached to nothing
        "#]],
    );
}

#[test]
fn code_html_and_escapes_are_never_analysed() {
    check(
        "Code `“a”{@x}` and <span title=\"“b”\">html</span> and \\\"c\\\" and &ldquo;d&rdquo; escaped.\n\n```\n“d”{@y\n```\n\n    “e” indented code\n",
        expect![""],
    );
}

#[test]
fn front_matter_only_at_byte_zero() {
    check(
        "---\ntitle: A\n---\n“x”{@a}\n",
        expect![[r#"
        front matter "title: A\n"
        q0 double "“x”" attributed {@a}
    "#]],
    );
    check("\n---\ntitle: A\n---\n", expect![[""]]);
    check(
        "---\ntitle: never closed\n",
        expect![[r#"
        error Malformed "---": the front matter is never closed
    "#]],
    );
}

#[test]
fn crlf_and_lists_and_tables() {
    check(
        "- “In a list,”{@a} said A.\r\n- [B](@b) said “more”{@b}\r\n\r\n| who | said |\r\n| --- | --- |\r\n| [C](@c) | “cell”{@c} |\r\n",
        expect![[r#"
            q0 double "“In a list,”" attributed {@a}
            q1 double "“more”" attributed {@b}
            q2 double "“cell”" attributed {@c}
            mention "B" -> "b"
            mention "C" -> "c"
        "#]],
    );
}

#[test]
fn a_reused_parse_holds_only_the_last_article() {
    let articles = [
        include_str!("../../examples/latimes-blinken-mideast.news.md"),
        "---\ntitle: [unclosed\n---\n“Open {@} [span]{.paraphrase} and ‘nested’",
        "",
        include_str!("../../examples/axios-blinken-palestinian-americans.news.md"),
        "> A block quote\n> {@someone}\n\n[Ann](@ann) said “Yes”{@ann}.",
    ];
    let mut reused = super::Parse::default();
    for text in articles {
        super::parse_into(text, &mut reused);
        assert_eq!(format!("{reused:?}"), format!("{:?}", parse(text)));
    }
}

/// An attribute block searched for its end as far as it may go, where that
/// is inside a character, is reported unterminated up to the character.
#[test]
fn a_long_unterminated_block_ends_on_a_character_boundary() {
    let text = format!("“a”{{{}", "é".repeat(3000));
    let p = parse(&text);
    let error = p.errors.first().expect("an unterminated block");
    assert_eq!(error.message, "this attribute block is never closed");
    assert!(
        text.is_char_boundary(error.range.end()),
        "{:?}",
        error.range
    );
    assert!(error.range.len() > 4000, "{:?}", error.range);
}

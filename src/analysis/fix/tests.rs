//! Snapshot tests of the fixes: for every diagnostic of a fixture, each fix's
//! title and certainty, and the lines it changes (`-` old, `+` new).

use super::{Fix, apply, fixes};
use crate::analysis::{Code, diagnostics};
use crate::workspace::{File, Workspace, config, fixture};
use expect_test::{Expect, expect};
use std::collections::BTreeMap;

/// Diagnostic counts by code over the whole workspace.
fn counts(ws: &Workspace) -> BTreeMap<Code, usize> {
    let mut out = BTreeMap::new();
    for f in ws.files() {
        for d in diagnostics(ws, &f.path) {
            *out.entry(d.code).or_insert(0) += 1;
        }
    }
    out
}

/// The workspace after a fix, and what it changed: `NM001 -1`.
fn effect(ws: &Workspace, fix: &Fix) -> String {
    let mut after = ws.clone();
    for fe in &fix.edits {
        let old = if fe.create {
            ""
        } else {
            ws.file(&fe.path).map_or("", |f| &f.text)
        };
        let kind = config::kind_of_named_file(&fe.path);
        let text = apply(old, &fe.edits);
        after.set_file(File::new(fe.path.clone(), kind, text));
    }
    let (a, b) = (counts(ws), counts(&after));
    let codes: std::collections::BTreeSet<Code> = a.keys().chain(b.keys()).copied().collect();
    let changes: Vec<String> = codes
        .into_iter()
        .filter_map(|c| {
            let delta = *b.get(&c).unwrap_or(&0) as i64 - *a.get(&c).unwrap_or(&0) as i64;
            (delta != 0).then(|| format!("{} {delta:+}", c.as_str()))
        })
        .collect();
    changes.join(", ")
}

fn render(ws: &Workspace, fix: &Fix) -> String {
    let mut out = format!(
        "{} [{:?}] => {}\n",
        fix.title,
        fix.certainty,
        effect(ws, fix)
    );
    for fe in &fix.edits {
        let old = if fe.create {
            ""
        } else {
            ws.file(&fe.path).map_or("", |f| &f.text)
        };
        let new = apply(old, &fe.edits);
        let new_file = if fe.create { " (new file)" } else { "" };
        out.push_str(&format!("  {}{new_file}\n", fe.path.display()));
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        for l in old_lines.iter().filter(|l| !new_lines.contains(l)) {
            out.push_str(&format!("    -{l}\n"));
        }
        for l in new_lines.iter().filter(|l| !old_lines.contains(l)) {
            out.push_str(&format!("    +{l}\n"));
        }
    }
    out
}

fn check(fixture: &str, expect: Expect) {
    let (ws, _) = fixture::workspace(fixture);
    let mut out = String::new();
    for file in ws.files() {
        for d in diagnostics(&ws, &file.path) {
            let all = fixes(&ws, &d);
            if all.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "{} `{}`\n",
                d.code.as_str(),
                d.range.slice(&file.text)
            ));
            for fix in all {
                out.push_str(&render(&ws, &fix));
            }
        }
    }
    expect.assert_eq(&out);
}

const ACTORS: &str = "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  pronouns: she\n";

#[test]
fn attribute_to_the_suggested_speaker_or_mark_as_not_speech() {
    check(
        &format!("{ACTORS}//- /a.news.md\n[Lopez](@lopez) arrived. “We will,” she said.\n"),
        expect![[r#"
            NM001 `“We will,”`
            Attribute to Maria Lopez (@lopez) [Suggested] => NM001 -1
              /a.news.md
                -[Lopez](@lopez) arrived. “We will,” she said.
                +[Lopez](@lopez) arrived. “We will,”{@lopez} she said.
            Mark as scare quote [Offered] => NM001 -1
              /a.news.md
                -[Lopez](@lopez) arrived. “We will,” she said.
                +[Lopez](@lopez) arrived. “We will,”{.scare} she said.
            Mark as title [Offered] => NM001 -1
              /a.news.md
                -[Lopez](@lopez) arrived. “We will,” she said.
                +[Lopez](@lopez) arrived. “We will,”{.title} she said.
            Mark as term [Offered] => NM001 -1
              /a.news.md
                -[Lopez](@lopez) arrived. “We will,” she said.
                +[Lopez](@lopez) arrived. “We will,”{.term} she said.
        "#]],
    );
}

#[test]
fn the_speaker_goes_into_a_block_already_there_or_a_block_quote_line() {
    let (ws, _) = fixture::workspace(&format!(
        "{ACTORS}//- /a.news.md\n[Lopez](@lopez) said it was “half”{{.partial}} done.\n\n[Her view: “fragile.”]{{.partial}}\n\n> > Nested post\n> > more\n"
    ));
    let path = std::path::Path::new("/a.news.md");
    let article = ws.file(path).unwrap().article().unwrap();
    let mut out = String::new();
    for (q, quotation) in article.quotations.iter().enumerate() {
        if quotation.is_top_level() {
            out.push_str(&render(
                &ws,
                &super::attribute(&ws, path, q, "lopez").unwrap(),
            ));
        }
    }
    expect![[r#"
        Attribute to Maria Lopez (@lopez) [Offered] => NM001 -2
          /a.news.md
            +>
            +> {@lopez}
        Attribute to Maria Lopez (@lopez) [Offered] => NM001 -2
          /a.news.md
            +> > {@lopez}
        Attribute to Maria Lopez (@lopez) [Offered] => NM001 -1
          /a.news.md
            -[Lopez](@lopez) said it was “half”{.partial} done.
            +[Lopez](@lopez) said it was “half”{@lopez .partial} done.
        Attribute to Maria Lopez (@lopez) [Offered] => NM001 -1
          /a.news.md
            -[Her view: “fragile.”]{.partial}
            +[Her view: “fragile.”]{@lopez .partial}
    "#]]
    .assert_eq(&out);
}

#[test]
fn create_an_anonymous_source_in_the_front_matter() {
    // No front matter yet: one is made.
    check(
        "//- /a.news.md\n“It is fragile,” said a senior official, who was not authorized to discuss the talks.\n",
        expect![[r#"
            NM001 `“It is fragile,”`
            Create anonymous source “a senior official” (@official-1) [Offered] => NM001 -1
              /a.news.md
                -“It is fragile,” said a senior official, who was not authorized to discuss the talks.
                +---
                +actors:
                +  official-1:
                +    kind: person
                +    anonymous: true
                +    described_as: "a senior official"
                +    anonymity_reason: "not authorized to discuss the talks"
                +---
                +
                +“It is fragile,”{@official-1} said a senior official, who was not authorized to discuss the talks.
            Mark as scare quote [Offered] => NM001 -1
              /a.news.md
                -“It is fragile,” said a senior official, who was not authorized to discuss the talks.
                +“It is fragile,”{.scare} said a senior official, who was not authorized to discuss the talks.
            Mark as title [Offered] => NM001 -1
              /a.news.md
                -“It is fragile,” said a senior official, who was not authorized to discuss the talks.
                +“It is fragile,”{.title} said a senior official, who was not authorized to discuss the talks.
            Mark as term [Offered] => NM001 -1
              /a.news.md
                -“It is fragile,” said a senior official, who was not authorized to discuss the talks.
                +“It is fragile,”{.term} said a senior official, who was not authorized to discuss the talks.
        "#]],
    );
}

#[test]
fn anonymous_sources_join_the_front_matter_there_is() {
    let fixes_of = |text: &str| {
        let (ws, _) = fixture::workspace(&format!("//- /a.news.md\n{text}"));
        let path = std::path::Path::new("/a.news.md");
        diagnostics(&ws, path)
            .iter()
            .flat_map(|d| fixes(&ws, d))
            .filter(|f| matches!(f.kind, super::FixKind::CreateAnonymousSource { .. }))
            .map(|f| render(&ws, &f))
            .collect::<String>()
    };
    let quote = "Two people familiar with the plans said: “They will sign.”\n";
    expect![[r#"
        Create anonymous source “Two people familiar with the plans” (@person-1) [Offered] => NM001 -1, NM006 +1
          /a.news.md
            -Two people familiar with the plans said: “They will sign.”
            +actors:
            +  person-1:
            +    kind: group
            +    anonymous: true
            +    described_as: "Two people familiar with the plans"
            +Two people familiar with the plans said: “They will sign.”{@person-1}
    "#]]
    .assert_eq(&fixes_of(&format!("---\ntitle: T\n---\n{quote}")));
    expect![[r#"
        Create anonymous source “Two people familiar with the plans” (@person-2) [Offered] => NM001 -1, NM006 +1
          /a.news.md
            -[P](@person-1) said hi. Two people familiar with the plans said: “They will sign.”
            +    person-2:
            +        kind: group
            +        described_as: "Two people familiar with the plans"
            +[P](@person-1) said hi. Two people familiar with the plans said: “They will sign.”{@person-2}
    "#]]
    .assert_eq(&fixes_of(&format!(
        "---\nactors:\n    person-1:\n        name: P # a comment\n\n        anonymous: true\ntitle: T\n---\n[P](@person-1) said hi. {quote}"
    )));
    // A flow-style `actors:` is not edited as text: no fix rather than a wrong one.
    expect![[""]].assert_eq(&fixes_of(&format!("---\nactors: {{}}\n---\n{quote}")));
}

#[test]
fn create_an_unknown_actor_in_the_nearest_registry() {
    check(
        "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n//- /desk/b.actors.yaml\nkim:\n  name: Rachel Kim\n//- /desk/a.news.md\n[Maria Lopez](@lopz) met [the aide](@aide-1) and [Kim](@kim).\n//- /other/c.news.md\n“Hi”{@ghost}\n",
        expect![[r#"
            NM002 `lopz`
            Change to `@lopez` (Maria Lopez) [Likely] => NM002 -1
              /desk/a.news.md
                -[Maria Lopez](@lopz) met [the aide](@aide-1) and [Kim](@kim).
                +[Maria Lopez](@lopez) met [the aide](@aide-1) and [Kim](@kim).
            Create actor `lopz` in b.actors.yaml [Offered] => NM002 -1
              /desk/b.actors.yaml
                +lopz:
                +  name: "Maria Lopez"
            NM002 `aide-1`
            Create actor `aide-1` in b.actors.yaml [Offered] => NM002 -1
              /desk/b.actors.yaml
                +aide-1:
                +  name: "Aide 1"
            NM002 `ghost`
            Create actor `ghost` in actors.yaml [Offered] => NM002 -1, NM009 +1
              /actors.yaml
                +ghost:
                +  name: "Ghost"
        "#]],
    );
    check(
        "//- /a.news.md\n[Maria Lopez](@lopz) left.\n",
        expect![[r#"
            NM002 `lopz`
            Create actor `lopz` in actors.yaml [Offered] => NM002 -1
              /actors.yaml (new file)
                +lopz:
                +  name: "Maria Lopez"
        "#]],
    );
}

#[test]
fn a_space_before_the_block_is_the_certain_fix() {
    check(
        &format!(
            "{ACTORS}//- /a.news.md\n[Lopez](@lopez) said “yes” {{@lopez}} and “no”{{@lopez}} {{@lopez}}.\n"
        ),
        expect![[r#"
            NM005 `{@lopez}`
            Remove the space before the attribute block [Certain] => NM001 -1, NM005 -1
              /a.news.md
                -[Lopez](@lopez) said “yes” {@lopez} and “no”{@lopez} {@lopez}.
                +[Lopez](@lopez) said “yes”{@lopez} and “no”{@lopez} {@lopez}.
        "#]],
    );
}

//! Drafts of small fixtures: the article and registry as drafted, and the
//! report, as inline snapshots.

use super::*;
use crate::workspace::fixture;
use expect_test::{Expect, expect};

/// Drafts `/a.news.md` of a fixture; prints the drafted article, the
/// registry (when it changed) and the report. Checks on the way that the
/// draft's edits give its texts, that stripping the draft gives the
/// article's prose back, and that a second draft changes nothing.
fn check_with(fixture: &str, options: Options, expected: Expect) {
    let (ws, _) = fixture::workspace(fixture);
    let path = Path::new("/a.news.md");
    let d = draft(&ws, path, &options, Path::new("/actors.yaml")).unwrap();
    let mut out = d.text.clone();
    for fe in d.edits() {
        let old = if fe.create {
            String::new()
        } else {
            ws.file(&fe.path).unwrap().text.to_string()
        };
        let new = apply(&old, &fe.edits);
        let want = if fe.path == path {
            &d.text
        } else {
            &d.registry.as_ref().unwrap().text
        };
        assert_eq!(&new, want, "the edits of {}", fe.path.display());
    }
    assert_eq!(strip(&d.text), strip(&d.old), "strip(draft) is the prose");
    let mut after = ws.clone();
    after.set_file(File::new(
        path.to_path_buf(),
        FileKind::Article,
        d.text.clone(),
    ));
    if let Some(r) = &d.registry {
        out.push_str(&format!("//- {}\n{}", r.path.display(), r.text));
        after.set_file(File::new(
            r.path.clone(),
            FileKind::Registry,
            r.text.clone(),
        ));
    }
    let again = draft(&after, path, &options, Path::new("/actors.yaml")).unwrap();
    assert!(
        !again.changed(),
        "a second draft changed it:\n{}",
        again.text
    );
    let r = &d.report;
    out.push_str(&format!(
        "-- front matter: {}, attributed: {}, marked: {}, linked: {}\n",
        r.front_matter, r.attributed, r.marked, r.linked
    ));
    for c in &r.created {
        let place = c
            .registry
            .as_ref()
            .map_or("front matter".to_string(), |p| p.display().to_string());
        out.push_str(&format!("-- created @{} {:?} in {place}\n", c.id, c.name));
    }
    for (range, why) in &r.left {
        out.push_str(&format!("-- left {}: {why}\n", range.slice(&d.text)));
    }
    expected.assert_eq(&out);
}

fn check(fixture: &str, expected: Expect) {
    check_with(fixture, Options::default(), expected);
}

#[test]
fn a_raw_article_gets_a_title_speakers_actors_and_links() {
    check(
        "//- /a.news.md
# Ferry halted after fire

Ferry service stopped on Tuesday. “Nobody was hurt,” Mayor Grace Okafor told reporters. “We will get people home.”

Chan Saveth, a senior investigator with the rights group Adhoc, said the fleet was old. “These boats are tired,” he said.

Okafor called it “a wake-up call” for the city.
",
        expect![[r#"
            ---
            title: Ferry halted after fire
            ---

            # Ferry halted after fire

            Ferry service stopped on Tuesday. “Nobody was hurt,”{@grace-okafor} Mayor [Grace Okafor](@grace-okafor) told reporters. “We will get people home.”{@}

            [Chan Saveth](@chan-saveth), a senior investigator with the rights group Adhoc, said the fleet was old. “These boats are tired,”{@chan-saveth} he said.

            Okafor called it “a wake-up call”{@grace-okafor .partial} for the city.
            //- /actors.yaml
            grace-okafor:
              name: Grace Okafor
              kind: person
              aliases: [Okafor]
              roles: [{title: Mayor}]
            chan-saveth:
              name: Chan Saveth
              kind: person
              pronouns: he
              roles: [{title: senior investigator, org: Adhoc}]
            -- front matter: true, attributed: 4, marked: 0, linked: 2
            -- created @grace-okafor "Grace Okafor" in /actors.yaml
            -- created @chan-saveth "Chan Saveth" in /actors.yaml
        "#]],
    );
}

#[test]
fn unnamed_sources_become_local_anonymous_actors_with_their_reason() {
    check(
        "//- /a.news.md
---
title: Talks
---
A senior official, who spoke on condition of anonymity because the talks were private, said the deal was close. “We are nearly there,” the official said.

“Nobody has signed anything,” said two people familiar with the talks.
",
        expect![[r#"
            ---
            title: Talks
            actors:
              official-1:
                kind: person
                anonymous: true
                described_as: "a senior official"
                anonymity_reason: "the talks were private"
              person-1:
                kind: group
                anonymous: true
                described_as: "two people familiar with the talks"
            ---
            [A senior official](@official-1), who spoke on condition of anonymity because the talks were private, said the deal was close. “We are nearly there,”{@official-1} the official said.

            “Nobody has signed anything,”{@person-1} said [two people familiar with the talks](@person-1).
            -- front matter: false, attributed: 2, marked: 0, linked: 2
            -- created @official-1 "a senior official" in front matter
            -- created @person-1 "two people familiar with the talks" in front matter
        "#]],
    );
}

#[test]
fn local_keeps_new_actors_in_the_front_matter_and_link_all_links_every_mention() {
    check_with(
        "//- /a.news.md
“We lost,” said Dale Fischer, the coach of the Harbor City FC. Fischer left. Fischer came back.
",
        Options {
            local: true,
            link_all: true,
        },
        expect![[r#"
            ---
            actors:
              dale-fischer:
                name: Dale Fischer
                kind: person
                aliases: [Fischer]
                roles: [{title: coach, org: Harbor City FC}]
            ---

            “We lost,”{@dale-fischer} said [Dale Fischer](@dale-fischer), the coach of the Harbor City FC. [Fischer](@dale-fischer) left. [Fischer](@dale-fischer) came back.
            -- front matter: false, attributed: 1, marked: 0, linked: 3
            -- created @dale-fischer "Dale Fischer" in front matter
        "#]],
    );
}

#[test]
fn known_actors_are_attributed_and_the_registry_keeps_its_comments() {
    check(
        "//- /actors.yaml
# People we quote.
lopez:
  name: Maria Lopez   # the envoy
  pronouns: she
//- /a.news.md
Maria Lopez arrived. “We have a window,” she said. “We will use it.”

“It is fragile,” said Omar Hassan, the foreign minister.
",
        expect![[r#"
            [Maria Lopez](@lopez) arrived. “We have a window,”{@lopez} she said. “We will use it.”{@}

            “It is fragile,”{@omar-hassan} said [Omar Hassan](@omar-hassan), the foreign minister.
            //- /actors.yaml
            # People we quote.
            lopez:
              name: Maria Lopez   # the envoy
              pronouns: she
            omar-hassan:
              name: Omar Hassan
              kind: person
              roles: [{title: foreign minister}]
            -- front matter: false, attributed: 3, marked: 0, linked: 2
            -- created @omar-hassan "Omar Hassan" in /actors.yaml
        "#]],
    );
}

#[test]
fn a_name_several_actors_go_by_makes_no_new_actor() {
    // Neither Vek is named in full: the quotation is left for a person to
    // link, rather than credited to a third actor called Vek.
    check(
        "//- /actors.yaml
dana-vek:
  name: Dana Vek
  aliases: [Vek]
olin-vek:
  name: Olin Vek
  aliases: [Vek]
//- /a.news.md
“The pier reopens Monday,” Vek said.
",
        expect![[r#"
            “The pier reopens Monday,” Vek said.
            -- front matter: false, attributed: 0, marked: 0, linked: 0
            -- left “The pier reopens Monday,”: the prose names “Vek”, the name of 2 actors (@dana-vek and @olin-vek): link the one it means
        "#]],
    );
}

#[test]
fn marks_only_when_certain_and_the_rest_is_left_with_a_reason() {
    check(
        "//- /a.news.md
---
title: Words
---
The so-called “rainy day fund” is empty, and the book “Harbor Nights” sold well.

Critics called the plan a “fig leaf.” “We will see,” he said. “Nobody wins a strike,” one sign read.
",
        expect![[r#"
            ---
            title: Words
            ---
            The so-called “rainy day fund”{.scare} is empty, and the book “Harbor Nights”{.title} sold well.

            Critics called the plan a “fig leaf.” “We will see,” he said. “Nobody wins a strike,” one sign read.
            -- front matter: false, attributed: 0, marked: 2, linked: 0
            -- left “fig leaf.”: the prose names no speaker
            -- left “We will see,”: “he” names nobody the prose identifies
            -- left “Nobody wins a strike,”: the prose names no speaker
        "#]],
    );
}

#[test]
fn a_previous_speaker_keeps_meaning_whom_it_meant() {
    // `{@}` after Lopez's quote means Lopez; attributing the quote between
    // them to Hassan must not make it mean Hassan.
    check(
        "//- /actors.yaml
lopez:
  name: Maria Lopez
hassan:
  name: Omar Hassan
//- /a.news.md
“One,”{@lopez} Lopez said. “Two,” Omar Hassan said. “Three.”{@}
",
        expect![[r#"
            “One,”{@lopez} [Lopez](@lopez) said. “Two,”{@hassan} [Omar Hassan](@hassan) said. “Three.”{@lopez}
            -- front matter: false, attributed: 1, marked: 0, linked: 2
        "#]],
    );
}

#[test]
fn an_annotated_article_and_a_spaced_block_are_left_as_they_are() {
    check(
        "//- /actors.yaml
lopez:
  name: Maria Lopez
//- /a.news.md
---
title: Done
---
“We have a window,”{@lopez} [Lopez](@lopez) said. “Later,” {@lopez} she said.
",
        expect![[r#"
            ---
            title: Done
            ---
            “We have a window,”{@lopez} [Lopez](@lopez) said. “Later,” {@lopez} she said.
            -- front matter: false, attributed: 0, marked: 0, linked: 0
            -- left “Later,”: an attribute block stands one space after it: `newsmark check --fix` attaches it
        "#]],
    );
}

#[test]
fn crlf_and_a_byte_order_mark_are_kept() {
    let (ws, _) = fixture::workspace(
        "//- /a.news.md\n\u{feff}Storm nears\r\n\r\n“Leave now,” said Gov. Marta Kline.\r\n",
    );
    let d = draft(
        &ws,
        Path::new("/a.news.md"),
        &Options::default(),
        Path::new("/actors.yaml"),
    )
    .unwrap();
    assert_eq!(
        d.text,
        "\u{feff}---\r\ntitle: Storm nears\r\n---\r\n\r\nStorm nears\r\n\r\n“Leave now,”{@marta-kline} said Gov. [Marta Kline](@marta-kline).\r\n"
    );
    assert_eq!(strip(&d.text), d.old);
}

#[test]
fn the_quick_fix_creates_the_named_speaker_and_attributes() {
    let (ws, _) = fixture::workspace(
        "//- /news/a.news.md\n“The fleet is old,” said Chan Saveth, a senior investigator with the rights group Adhoc.\n\n“It sails anyway,” she said.\n",
    );
    let path = Path::new("/news/a.news.md");
    let s = Suggester::new(&ws, path).unwrap();
    let (q, o) = s.all().into_iter().next().unwrap();
    let fix = create_speaker(&ws, path, q, o.suggestion().unwrap()).unwrap();
    assert_eq!(
        fix.title,
        "Create actor Chan Saveth (senior investigator, Adhoc) and attribute"
    );
    assert_eq!(fix.edits[0].path, Path::new("/news/actors.yaml"));
    assert!(fix.edits[0].create);
    assert_eq!(
        fix.edits[0].edits[0].new_text,
        "chan-saveth:\n  name: Chan Saveth\n  kind: person\n  pronouns: she\n  roles: [{title: senior investigator, org: Adhoc}]\n",
        "the pronoun of the later “she said”, as the draft reads it"
    );
    let article = apply(&ws.file(path).unwrap().text, &fix.edits[1].edits);
    assert!(
        article.starts_with("“The fleet is old,”{@chan-saveth} said"),
        "{article}"
    );
}

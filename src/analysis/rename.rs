//! Rename an actor id: its definition (a registry key, or a key under the
//! front matter's `actors:`) and every `@id` that means it: mentions,
//! speakers, `to=@id` and role `org: "@id"` values. An article-local actor is
//! renamed within its article; a registry actor in every file that does not
//! hide it behind a local actor of the same id. `{@}` needs no edit: it
//! follows the speaker before it.

use super::at_offset::{At, definitions_of, find_ref};
pub use super::edit::{FileEdit, TextEdit};
use crate::model::{RefKind, org_refs};
use crate::registry::{is_valid_id, suggest_id};
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::collections::BTreeMap;
use std::path::Path;

/// The id a rename starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    /// The id's own text under the cursor (no `@`, no quotes).
    pub range: TextRange,
    /// An article-local actor: the rename stays in its article.
    pub local: bool,
}

/// Why a rename cannot be done, in words for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

/// The actor id at `offset`, if a rename can start there.
pub fn prepare_rename(ws: &Workspace, path: &Path, offset: usize) -> Result<Target, Refusal> {
    let refuse = |m: String| Err(Refusal(m));
    let Some(file) = ws.file(path) else {
        return refuse("this file is not part of the Newsmark workspace".into());
    };
    let Some(found) = find_ref(ws, path, offset) else {
        return refuse(
            "there is no actor id here: put the cursor on an `@id`, or on an actor's key in a registry or front matter"
                .into(),
        );
    };
    let id = found.id;
    match found.at {
        At::PreviousSpeaker => {
            return refuse(format!(
                "`{{@}}` stands for the previous speaker, `@{id}`: rename the actor from an `@{id}`"
            ));
        }
        At::Name => {
            return refuse(format!(
                "this is a name of `@{id}` in the prose, not its id: rename the actor from an `@{id}`; names and aliases are edited in its entry"
            ));
        }
        At::Ref(RefKind::Mention) if found.range.slice(&file.text) != id => {
            return refuse(format!(
                "this is the text of a mention: put the cursor on `@{id}` to rename the actor"
            ));
        }
        At::Ref(_) | At::Definition => {}
    }
    if definitions_of(ws, path, &id).is_empty() {
        return refuse(format!(
            "`@{id}` is not defined, so there is no actor to rename: define it in a registry or under `actors:` in the front matter first"
        ));
    }
    Ok(Target {
        range: unquoted(&file.text, found.range, &id),
        local: file.local_actor(&id).is_some(),
        id,
    })
}

/// Every edit that renames the actor at `offset` to `new_name` (an `@` in
/// front of it is allowed and dropped), file by file in path order.
pub fn rename(
    ws: &Workspace,
    path: &Path,
    offset: usize,
    new_name: &str,
) -> Result<Vec<FileEdit>, Refusal> {
    let target = prepare_rename(ws, path, offset)?;
    let new_id = new_name.trim();
    let new_id = new_id.strip_prefix('@').unwrap_or(new_id);
    if !is_valid_id(new_id) {
        return Err(Refusal(format!(
            "`{new_id}` is not a valid id: ids are lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit (for example `{}`)",
            suggest_id(new_id)
        )));
    }
    if new_id == target.id {
        return Ok(Vec::new());
    }
    clash(ws, path, &target, new_id)?;
    let old = target.id.as_str();
    let mut ranges: BTreeMap<&Path, Vec<TextRange>> = BTreeMap::new();
    if target.local {
        let Some(file) = ws.file(path) else {
            return Ok(Vec::new());
        };
        let keys = file.actors().iter().filter(|a| a.id == old);
        let entry = ranges.entry(path).or_default();
        entry.extend(keys.map(|a| a.id_range));
        entry.extend(id_refs(file, old));
    } else {
        for def in ws.global_definitions(old) {
            ranges.entry(def.path()).or_default().push(def.range);
        }
        for (user, _) in ws.users(old) {
            let Some(file) = ws.file(user) else { continue };
            // There a local actor of the same id hides the registry one.
            if file.local_actor(old).is_some() {
                continue;
            }
            ranges.entry(user).or_default().extend(id_refs(file, old));
        }
    }
    let mut out = Vec::new();
    for (path, mut found) in ranges {
        let Some(file) = ws.file(path) else { continue };
        found.sort();
        found.dedup();
        let edits = found
            .into_iter()
            .map(|range| edit(&file.text, range, old, new_id))
            .collect();
        out.push(FileEdit {
            path: path.to_path_buf(),
            create: false,
            edits,
        });
    }
    Ok(out)
}

/// Refuses a new id that is already taken where the rename reaches.
fn clash(ws: &Workspace, path: &Path, target: &Target, new_id: &str) -> Result<(), Refusal> {
    let name = |p: &Path| {
        p.file_name()
            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
    };
    if let Some(def) = ws.global_definitions(new_id).first() {
        let why = if target.local {
            "an article's own actor must not repeat a registry id"
        } else {
            "merge the two entries by hand if they are the same actor"
        };
        return Err(Refusal(format!(
            "`@{new_id}` is already defined in `{}`: pick another id; {why}",
            name(def.path())
        )));
    }
    let local_clash = |file: &File| file.local_actor(new_id).is_some();
    if target.local {
        if ws.file(path).is_some_and(|f| local_clash(f)) {
            return Err(Refusal(format!(
                "`@{new_id}` is already an actor of this article: pick another id"
            )));
        }
    } else if let Some(file) = ws.files().find(|f| local_clash(f)) {
        return Err(Refusal(format!(
            "`@{new_id}` is already an article-local actor of `{}`: a registry id must not repeat it; pick another id",
            name(&file.path)
        )));
    }
    Ok(())
}

/// The `@id` references to `id` in one file (not `{@}`, which names no id).
fn id_refs(file: &File, id: &str) -> Vec<TextRange> {
    let in_article = file.with_article(|article| {
        article
            .id_refs()
            .filter(|(r, _)| r.id == id)
            .map(|(r, _)| r.range)
            .collect()
    });
    in_article.unwrap_or_else(|| {
        org_refs(file.actors())
            .filter(|(r, _)| r.id == id)
            .map(|(r, _)| r.range)
            .collect()
    })
}

/// The id's own bytes in `range`: a YAML key may be quoted.
fn unquoted(text: &str, range: TextRange, id: &str) -> TextRange {
    let src = range.slice(text);
    if src != id && src.len() == id.len() + 2 && src[1..src.len() - 1] == *id {
        TextRange::new(range.start() + 1, range.end() - 1)
    } else {
        range
    }
}

fn edit(text: &str, range: TextRange, old: &str, new_id: &str) -> TextEdit {
    let inner = unquoted(text, range, old);
    // A plain YAML key `null` would read as no key at all.
    let plain_key = inner == range && text[range.end()..].starts_with(':');
    let new_text = if plain_key && new_id == "null" {
        format!("\"{new_id}\"")
    } else {
        new_id.to_string()
    };
    TextEdit {
        range: inner,
        new_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    /// The edits, file by file, as the renamed files would read.
    fn check(fixture: &str, new_name: &str, expected: Expect) {
        let f = Fixture::parse(fixture);
        // As the language server holds the workspace: the same edits, and no
        // model kept of the articles read for them.
        let held = Fixture::held(fixture);
        assert_eq!(
            rename(&held.ws, &held.path, held.offset, new_name),
            rename(&f.ws, &f.path, f.offset, new_name)
        );
        held.assert_no_other_model();
        let shown = match rename(&f.ws, &f.path, f.offset, new_name) {
            Err(Refusal(message)) => format!("refused: {message}\n"),
            Ok(files) => {
                let mut out = String::new();
                for fe in files {
                    let mut text = f.ws.file(&fe.path).unwrap().text.to_string();
                    for e in fe.edits.iter().rev() {
                        text.replace_range(e.range.start()..e.range.end(), &e.new_text);
                    }
                    out.push_str(&format!(
                        "//- {} ({} edits)\n{text}",
                        fe.path.display(),
                        fe.edits.len()
                    ));
                }
                out
            }
        };
        expected.assert_eq(&shown);
    }

    fn prepare(fixture: &str) -> String {
        let f = Fixture::parse(fixture);
        match prepare_rename(&f.ws, &f.path, f.offset) {
            Ok(t) => format!("{} {}", f.show(&f.path, t.range), t.local),
            Err(Refusal(m)) => format!("refused: {m}"),
        }
    }

    const WS: &str = r#"
//- /actors.yaml
lopez:
  name: Maria Lopez
  roles: [{title: Envoy, org: "@fm"}]
fm:
  name: Foreign Ministry
//- /b.news.md
[FM](@fm) said “no.”{@fm} and “yes.”{@}
//- /c.news.md
---
actors:
  fm:
    name: Fake Ministry
---
[Fake](@fm) is local here, “ok”{@fm}.
"#;

    #[test]
    fn a_registry_actor_everywhere_it_is_not_hidden() {
        check(
            &format!(
                "{WS}//- /a.news.md\n---\nactors:\n  aide:\n    name: Aide\n    roles: [{{title: Clerk, org: \"@fm\"}}]\n---\n“Hi.”{{@lopez to=@f$0m}} [Aide](@aide)\n"
            ),
            "foreign-ministry",
            expect![[r#"
                //- /a.news.md (2 edits)
                ---
                actors:
                  aide:
                    name: Aide
                    roles: [{title: Clerk, org: "@foreign-ministry"}]
                ---
                “Hi.”{@lopez to=@foreign-ministry} [Aide](@aide)
                //- /actors.yaml (2 edits)
                lopez:
                  name: Maria Lopez
                  roles: [{title: Envoy, org: "@foreign-ministry"}]
                foreign-ministry:
                  name: Foreign Ministry
                //- /b.news.md (2 edits)
                [FM](@foreign-ministry) said “no.”{@foreign-ministry} and “yes.”{@}
            "#]],
        );
    }

    #[test]
    fn from_the_registry_key_with_an_at_typed() {
        check(
            &WS.replace("fm:\n  name: Foreign", "f$0m:\n  name: Foreign"),
            "@mfa",
            expect![[r#"
                //- /actors.yaml (2 edits)
                lopez:
                  name: Maria Lopez
                  roles: [{title: Envoy, org: "@mfa"}]
                mfa:
                  name: Foreign Ministry
                //- /b.news.md (2 edits)
                [FM](@mfa) said “no.”{@mfa} and “yes.”{@}
            "#]],
        );
    }

    #[test]
    fn a_local_actor_stays_in_its_article() {
        check(
            &WS.replace("[Fake](@fm)", "[Fake](@$0fm)"),
            "fake",
            expect![[r#"
                //- /c.news.md (3 edits)
                ---
                actors:
                  fake:
                    name: Fake Ministry
                ---
                [Fake](@fake) is local here, “ok”{@fake}.
            "#]],
        );
    }

    #[test]
    fn quoted_keys_keep_their_quotes_and_every_duplicate_is_renamed() {
        check(
            "//- /actors.yaml\n\"lopez\":\n  name: A\n//- /more.actors.yaml\nlopez:\n  name: B\n//- /a.news.md\n[L](@lo$0pez)\n",
            "maria-lopez",
            expect![[r#"
                //- /a.news.md (1 edits)
                [L](@maria-lopez)
                //- /actors.yaml (1 edits)
                "maria-lopez":
                  name: A
                //- /more.actors.yaml (1 edits)
                maria-lopez:
                  name: B
            "#]],
        );
        check(
            "//- /actors.yaml\nlopez:\n  name: A\n//- /a.news.md\n[L](@lo$0pez)\n",
            "null",
            expect![[r#"
                //- /a.news.md (1 edits)
                [L](@null)
                //- /actors.yaml (1 edits)
                "null":
                  name: A
            "#]],
        );
        check(
            &format!("{WS}//- /a.news.md\n[L](@lo$0pez)\n"),
            "lopez",
            expect![""],
        );
    }

    #[test]
    fn new_ids_that_break_the_grammar_or_clash_are_refused() {
        let at_lopez = format!("{WS}//- /a.news.md\n[L](@lo$0pez)\n");
        check(
            &at_lopez,
            "Maria Lopez",
            expect![[r#"
                refused: `Maria Lopez` is not a valid id: ids are lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit (for example `maria-lopez`)
            "#]],
        );
        check(
            &at_lopez,
            "fm",
            expect![[r#"
                refused: `@fm` is already defined in `actors.yaml`: pick another id; merge the two entries by hand if they are the same actor
            "#]],
        );
        check(
            &at_lopez.replace("fm:\n    name: Fake", "aide:\n    name: Fake"),
            "aide",
            expect![[r#"
                refused: `@aide` is already an article-local actor of `c.news.md`: a registry id must not repeat it; pick another id
            "#]],
        );
        check(
            &WS.replace("[Fake](@fm)", "[Fake](@$0fm)"),
            "lopez",
            expect![[r#"
                refused: `@lopez` is already defined in `actors.yaml`: pick another id; an article's own actor must not repeat a registry id
            "#]],
        );
    }

    #[test]
    fn prepare_accepts_ids_only() {
        let at = |body: &str| prepare(&format!("{WS}//- /a.news.md\n{body}\n"));
        expect![[r#"/a.news.md:21..23 "fm" false"#]].assert_eq(&at("“Hi.”{@lopez to=@$0fm}"));
        expect![[r#"/a.news.md:11..16 "lopez" false"#]].assert_eq(&at("“Hi.”{$0@lopez}"));
        expect![[r#"/a.news.md:5..10 "lopez" false"#]].assert_eq(&at("[L](@lopez$0)"));
        expect![
            "refused: this is the text of a mention: put the cursor on `@lopez` to rename the actor"
        ]
        .assert_eq(&at("[L$0](@lopez)"));
        expect!["refused: `{@}` stands for the previous speaker, `@lopez`: rename the actor from an `@lopez`"]
            .assert_eq(&at("“Hi.”{@lopez} “Yes.”{$0@}"));
        expect!["refused: this is a name of `@lopez` in the prose, not its id: rename the actor from an `@lopez`; names and aliases are edited in its entry"]
            .assert_eq(&at("Maria Lo$0pez left."));
        expect!["refused: there is no actor id here: put the cursor on an `@id`, or on an actor's key in a registry or front matter"]
            .assert_eq(&at("Plain$0 text."));
        expect!["refused: `@nobody` is not defined, so there is no actor to rename: define it in a registry or under `actors:` in the front matter first"]
            .assert_eq(&at("[N](@nob$0ody)"));
        expect![[r#"/c.news.md:14..16 "fm" true"#]]
            .assert_eq(&prepare(&WS.replace("  fm:\n", "  f$0m:\n")));
    }
}

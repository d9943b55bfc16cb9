//! Completion of actor ids after `](@`, `{@` (or `@` inside an attribute
//! block), `to=@`, and in `org:` values of registries and front matter. Each
//! item carries the actor's name and role; actors already used in the article
//! come first.

use super::hover::card;
use crate::registry::{OrgRef, is_valid_id};
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Where the ids are being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Mention,
    Speaker,
    Addressee,
    Org,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub context: Context,
    /// The typed part of the id, which an item replaces.
    pub replace: TextRange,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    /// What replaces [`Completion::replace`].
    pub insert: String,
    /// Name and role, such as `Maria Lopez — Special Envoy, Foreign Ministry`.
    pub detail: String,
    pub kind: Option<String>,
    /// Already referred to in this article.
    pub used: bool,
}

pub fn completion(ws: &Workspace, path: &Path, offset: usize) -> Option<Completion> {
    let file = ws.file(path)?;
    let text: &str = &file.text;
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let prefix_len = before.len()
        - before
            .trim_end_matches(|c: char| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            })
            .len();
    let head = &before[..before.len() - prefix_len];
    let in_front_matter = file
        .article()
        .and_then(|a| a.meta.range)
        .is_some_and(|r| r.touches(offset));
    let yaml = file.registry().is_some() || in_front_matter;
    let (context, wrap) = if yaml {
        org_context(head)?
    } else {
        (article_context(head)?, None)
    };
    let article = file.article();
    let date = article.and_then(|a| a.meta.published.as_deref());
    let used: HashSet<&str> = article
        .map(|a| a.id_refs().map(|(r, _)| r.id.as_str()).collect())
        .unwrap_or_default();
    // Every id visible from here: the article's own actors, then the registries'.
    let mut actors = BTreeMap::new();
    for id in ws.global_ids() {
        if let Some((_, actor)) = ws.resolve(path, id) {
            actors.insert(id, actor);
        }
    }
    for actor in article.iter().flat_map(|a| &a.local_actors) {
        actors.insert(actor.id.as_str(), actor);
    }
    let mut items: Vec<Item> = actors
        .into_iter()
        .filter(|(id, _)| is_valid_id(id))
        .map(|(id, actor)| {
            let mut detail = actor.display_name().to_string();
            if let Some(role) = actor.role_on(date).filter(|r| !r.title.is_empty()) {
                detail.push_str(" — ");
                detail.push_str(&role.title);
                match &role.org {
                    Some(OrgRef::Id(org)) => {
                        let name = ws
                            .resolve(path, &org.id)
                            .map_or(org.id.as_str(), |(_, a)| a.display_name());
                        detail.push_str(", ");
                        detail.push_str(name);
                    }
                    Some(OrgRef::Name(name)) => {
                        detail.push_str(", ");
                        detail.push_str(name);
                    }
                    None => {}
                }
            }
            Item {
                id: id.to_string(),
                insert: match wrap {
                    Some(Wrap::AtAndQuotes) => format!("\"@{id}\""),
                    Some(Wrap::At) => format!("@{id}"),
                    None => id.to_string(),
                },
                detail,
                kind: actor.kind.clone(),
                used: used.contains(id),
            }
        })
        .collect();
    items.sort_by(|a, b| (!a.used, &a.id).cmp(&(!b.used, &b.id)));
    Some(Completion {
        context,
        replace: TextRange::new(offset - prefix_len, offset),
        items,
    })
}

/// The hover card of an item, asked for only when the editor shows it (a
/// workspace may have thousands of actors; the list stays light).
pub fn documentation(ws: &Workspace, path: &Path, id: &str) -> Option<String> {
    let (_, actor) = ws.resolve(path, id)?;
    let date = ws
        .file(path)
        .and_then(|f| f.article())
        .and_then(|a| a.meta.published.as_deref());
    Some(card(ws, path, actor, date))
}

/// What an `org:` completion must add around the id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wrap {
    /// `org: |`: the whole `"@id"`.
    AtAndQuotes,
    /// `org: "|`: `@id`.
    At,
}

/// The context of an id typed in an article body, from the text before it.
fn article_context(head: &str) -> Option<Context> {
    let before_at = head.strip_suffix('@')?;
    if before_at.ends_with("](") {
        return Some(Context::Mention);
    }
    if before_at.ends_with("to=") || before_at.ends_with("to=\"") {
        return Some(Context::Addressee);
    }
    // `{@` or ` @` inside an attribute block that is still open.
    let open = before_at.rfind('{')?;
    let inside = &before_at[open..];
    let last = before_at.chars().next_back()?;
    (!inside.contains('}') && (last == '{' || last.is_whitespace())).then_some(Context::Speaker)
}

/// `org:` followed by `"@`, `"`, `@` or nothing before the typed id.
fn org_context(head: &str) -> Option<(Context, Option<Wrap>)> {
    let trimmed = head.trim_start().trim_start_matches("- ").trim_start();
    let value = trimmed.strip_prefix("org:")?.trim_start();
    let wrap = match value {
        "" => Some(Wrap::AtAndQuotes),
        "\"" | "'" => Some(Wrap::At),
        "\"@" | "'@" | "@" => None,
        _ => return None,
    };
    Some((Context::Org, wrap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    const WS: &str = r#"
//- /actors.yaml
lopez:
  name: Maria Lopez
  kind: person
  roles:
    - {title: Special Envoy, org: "@fm", from: 2020-03-01}
fm:
  name: Foreign Ministry
  kind: organization
zeta:
  name: Zeta Person
"#;

    fn check(fixture: &str, expected: Expect) {
        let f = Fixture::parse(&format!("{WS}{fixture}"));
        let actual = match completion(&f.ws, &f.path, f.offset) {
            None => "no completion".to_string(),
            Some(c) => {
                let mut s = format!("{:?} {}\n", c.context, f.show(&f.path, c.replace));
                for i in &c.items {
                    s += &format!(
                        "{}{} -> {:?} | {}\n",
                        if i.used { "* " } else { "  " },
                        i.id,
                        i.insert,
                        i.detail
                    );
                }
                s
            }
        };
        expected.assert_eq(&actual);
    }

    #[test]
    fn ids_after_mention_speaker_and_addressee() {
        check(
            "//- /a.news.md\n“Hi.”{@zeta} [The envoy](@lo$0\n",
            expect![[r#"
                Mention /a.news.md:30..32 "lo"
                * zeta -> "zeta" | Zeta Person
                  fm -> "fm" | Foreign Ministry
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
            "#]],
        );
        check(
            "//- /a.news.md\n---\nactors:\n  aide:\n    name: Aide\n---\n“Hi.”{.partial @$0\n",
            expect![[r#"
                Speaker /a.news.md:59..59 ""
                  aide -> "aide" | Aide
                  fm -> "fm" | Foreign Ministry
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
                  zeta -> "zeta" | Zeta Person
            "#]],
        );
        check(
            "//- /a.news.md\n“Hi.”{@zeta to=@f$0}\n",
            expect![[r#"
                Addressee /a.news.md:20..21 "f"
                * zeta -> "zeta" | Zeta Person
                  fm -> "fm" | Foreign Ministry
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
            "#]],
        );
        check("//- /a.news.md\nmail me@$0\n", expect!["no completion"]);
        let f = Fixture::parse(&format!("{WS}//- /a.news.md\nx"));
        let doc = documentation(&f.ws, &f.path, "lopez").unwrap();
        assert!(doc.starts_with("**Maria Lopez** · person"), "{doc}");
        check(
            "//- /a.news.md\n“Hi.”{@zeta} and @$0\n",
            expect!["no completion"],
        );
    }

    #[test]
    fn org_values_in_registries_and_front_matter() {
        check(
            "//- /more.actors.yaml\nx:\n  name: X\n  roles:\n    - title: Clerk\n      org: $0\n",
            expect![[r#"
                Org /more.actors.yaml:52..52 ""
                  fm -> "\"@fm\"" | Foreign Ministry
                  lopez -> "\"@lopez\"" | Maria Lopez — Special Envoy, Foreign Ministry
                  x -> "\"@x\"" | X — Clerk
                  zeta -> "\"@zeta\"" | Zeta Person
            "#]],
        );
        check(
            "//- /a.news.md\n---\nactors:\n  x:\n    roles:\n      - {title: Clerk}\n      - org: \"@f$0\n---\n",
            expect![[r#"
                Org /a.news.md:66..67 "f"
                  fm -> "fm" | Foreign Ministry
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
                  x -> "x" | x
                  zeta -> "zeta" | Zeta Person
            "#]],
        );
    }
}

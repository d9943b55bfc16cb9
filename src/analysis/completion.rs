//! Completion of actor ids after `](@`, `{@` (or `@` inside an attribute
//! block), `to=@`, and in `org:` values of registries and front matter. The
//! typed part of the id filters the actors, ignoring case: ids that start with
//! it or contain it, names and aliases that contain it. Actors already used in
//! the article come first, then the best matches; the list stops at
//! [`MAX_ITEMS`] (a workspace may have tens of thousands of actors), and only
//! the items kept get their name and role.

use super::hover::card;
use crate::registry::{Actor, OrgRef, is_valid_id};
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use smol_str::SmolStr;
use std::collections::HashSet;
use std::path::Path;
use std::ptr;

/// The most items one answer holds; when more actors match, the answer says
/// it is [`Completion::incomplete`] and the editor asks again as the user types.
pub const MAX_ITEMS: usize = 100;

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
    /// More actors matched than [`MAX_ITEMS`]: the list was cut.
    pub incomplete: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    /// What replaces [`Completion::replace`].
    pub insert: String,
    /// Name and role, such as `Maria Lopez — Special Envoy, Foreign Ministry`.
    pub detail: String,
    /// What an editor filters the item by as the user types on: the id, then
    /// the actor's name and aliases (so that `lop` keeps `mlopez`, Maria Lopez).
    pub filter: String,
    pub kind: Option<String>,
    /// Already referred to in this article.
    pub used: bool,
    /// How the typed text matched.
    pub matched: Match,
}

/// How an actor matches the typed part of an id, the better first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// The id starts with it (any id, when nothing is typed yet).
    IdStart = 0,
    /// A word of the name or of an alias starts with it: `lop`, Maria Lopez.
    NameWordStart = 1,
    /// The id contains it.
    InId = 2,
    /// The name or an alias contains it.
    InName = 3,
}

/// An actor that matched, before it becomes an [`Item`].
struct Candidate<'a> {
    id: &'a str,
    actor: &'a Actor,
    used: bool,
    matched: Match,
}

impl Candidate<'_> {
    fn key(&self) -> (bool, Match, &str) {
        (!self.used, self.matched, self.id)
    }
}

pub fn completion(ws: &Workspace, path: &Path, offset: usize) -> Option<Completion> {
    let file = ws.file(path)?;
    let text: &str = &file.text;
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    // Capitals too: ids have none, but `@Lop` should still find `lopez`.
    let prefix_len = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
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
    let typed = before[before.len() - prefix_len..].to_ascii_lowercase();
    let article = file.article();
    let date = article.and_then(|a| a.meta.published.as_deref());
    // The ids this article uses and defines, sorted: a binary search in a few
    // ids is cheaper than hashing each of thousands of registry ids.
    let mut used: Vec<&str> = article
        .map(|a| a.id_refs().map(|(r, _)| r.id.as_str()).collect())
        .unwrap_or_default();
    used.sort_unstable();
    used.dedup();
    let is_used = |id: &str| used.binary_search(&id).is_ok();
    let locals = article.map_or(&[][..], |a| &a.local_actors);
    let mut local_ids: Vec<&str> = locals.iter().map(|a| a.id.as_str()).collect();
    local_ids.sort_unstable();
    local_ids.dedup();

    // The article's own actors (the first of each id) hide registry actors
    // of their ids.
    let matcher = Matcher::new(&typed);
    let mut found: Vec<Candidate> = Vec::new();
    let mut seen = HashSet::new();
    for actor in locals {
        let id = actor.id.as_str();
        if !seen.insert(id) || !is_valid_id(id) {
            continue;
        }
        if let Some(matched) = matcher.actor(id, actor) {
            found.push(Candidate {
                id,
                actor,
                used: is_used(id),
                matched,
            });
        }
    }

    // Then the registries' actors, read in file order, where they lie: with
    // tens of thousands of them, looking each id up in the id table costs
    // several cache misses per actor, many times the rest.
    let registries: Vec<&File> = ws
        .files()
        .filter(|f| f.registry().is_some())
        .map(|f| &**f)
        .collect();
    let registry_actors = || registries.iter().flat_map(|f| f.actors());
    // An id defined twice (which the checker reports) means its first
    // definition: checked actor by actor only when some id is.
    let duplicates =
        registries.iter().map(|f| f.actors().len()).sum::<usize>() != ws.global_id_count();
    let visible = |actor: &Actor| {
        let id = actor.id.as_str();
        is_valid_id(id)
            && local_ids.binary_search(&id).is_err()
            && (!duplicates
                || ws
                    .resolve_in(file, id)
                    .is_some_and(|(_, a)| ptr::eq(a, actor)))
    };
    let starts = |actor: &&Actor| actor.id.starts_with(typed.as_str());
    // Those whose ids start with the typed text first.
    for actor in registry_actors().filter(starts).filter(|a| visible(a)) {
        found.push(Candidate {
            id: &actor.id,
            actor,
            used: is_used(&actor.id),
            matched: Match::IdStart,
        });
    }
    // The others match by their ids and names, and come after those. Once
    // those fill the list, only the actors the article uses still need a look
    // (and any one more match, to know that the list is cut).
    let others = || registry_actors().filter(|a| !starts(a));
    let full = found.iter().filter(|c| c.matched == Match::IdStart).count() >= MAX_ITEMS;
    let mut cut = false;
    if !full {
        for actor in others() {
            let Some(matched) = matcher.actor(&actor.id, actor) else {
                continue;
            };
            if visible(actor) {
                found.push(Candidate {
                    id: &actor.id,
                    actor,
                    used: is_used(&actor.id),
                    matched,
                });
            }
        }
    } else {
        for &id in &used {
            let Some((_, actor)) = ws.resolve_in(file, id) else {
                continue;
            };
            if id.starts_with(typed.as_str()) || !visible(actor) {
                continue;
            }
            if let Some(matched) = matcher.actor(id, actor) {
                found.push(Candidate {
                    id,
                    actor,
                    used: true,
                    matched,
                });
            }
        }
        if found.len() == MAX_ITEMS {
            cut = others()
                .any(|a| !is_used(&a.id) && matcher.actor(&a.id, a).is_some() && visible(a));
        }
    }

    let incomplete = cut || found.len() > MAX_ITEMS;
    if found.len() > MAX_ITEMS {
        found.select_nth_unstable_by(MAX_ITEMS - 1, |a, b| a.key().cmp(&b.key()));
        found.truncate(MAX_ITEMS);
    }
    found.sort_unstable_by(|a, b| a.key().cmp(&b.key()));
    let items = found
        .into_iter()
        .map(|c| {
            let actor = c.actor;
            Item {
                id: c.id.to_string(),
                insert: match wrap {
                    Some(Wrap::AtAndQuotes) => format!("\"@{}\"", c.id),
                    Some(Wrap::At) => format!("@{}", c.id),
                    None => c.id.to_string(),
                },
                detail: detail(ws, file, actor, date),
                filter: names(actor).fold(c.id.to_string(), |mut s, n| {
                    s.push(' ');
                    s.push_str(n);
                    s
                }),
                kind: actor.kind.as_ref().map(SmolStr::to_string),
                used: c.used,
                matched: c.matched,
            }
        })
        .collect();
    Some(Completion {
        context,
        replace: TextRange::new(offset - prefix_len, offset),
        items,
        incomplete,
    })
}

/// Matches the typed text (in lower case) with ids and names.
struct Matcher<'t> {
    typed: &'t str,
}

impl<'t> Matcher<'t> {
    fn new(typed: &'t str) -> Self {
        Matcher { typed }
    }

    /// How an actor matches: by its id, else by its names.
    fn actor(&self, id: &str, actor: &Actor) -> Option<Match> {
        if id.starts_with(self.typed) {
            return Some(Match::IdStart);
        }
        let in_id = self.find_in(id).next().map(|_| Match::InId);
        in_id.into_iter().chain(self.names(actor)).min()
    }

    /// The best match in an actor's names.
    fn names(&self, actor: &Actor) -> Option<Match> {
        let mut best = None;
        for name in names(actor) {
            for at in self.find_in(name) {
                let after_word = name[..at].chars().next_back();
                if after_word.is_none_or(|c| !c.is_alphanumeric()) {
                    return Some(Match::NameWordStart);
                }
                best = Some(Match::InName);
            }
        }
        best
    }

    /// Where the typed text (not empty) occurs in `hay`, ignoring ASCII case.
    /// Each start is a char boundary: it holds an ASCII byte. (Written out:
    /// `str::contains` sets up a searcher per call, which costs more than the
    /// search in a short name, thousands of times per request.)
    fn find_in<'h>(&self, hay: &'h str) -> impl Iterator<Item = usize> + use<'h, 't> {
        let (hay, needle) = (hay.as_bytes(), self.typed.as_bytes());
        let first = needle.first().copied().unwrap_or(0);
        let last_start = (hay.len() + 1).saturating_sub(needle.len().max(1));
        (0..last_start).filter(move |&i| {
            hay[i].to_ascii_lowercase() == first
                && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        })
    }
}

/// The names an actor is known by: its name (else its description), then
/// its aliases.
fn names(actor: &Actor) -> impl Iterator<Item = &str> {
    let first = actor.name.as_deref().or(actor.described_as.as_deref());
    first
        .into_iter()
        .chain(actor.aliases.iter().map(SmolStr::as_str))
}

/// Name and role on the article's date, with the role's organisation.
fn detail(ws: &Workspace, file: &File, actor: &Actor, date: Option<&str>) -> String {
    let mut detail = actor.display_name().to_string();
    if let Some(role) = actor.role_on(date).filter(|r| !r.title.is_empty()) {
        detail.push_str(" — ");
        detail.push_str(&role.title);
        match &role.org {
            Some(OrgRef::Id(org)) => {
                let name = ws
                    .resolve_in(file, &org.id)
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
    detail
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
                if c.incomplete {
                    s += &format!("incomplete: {} items\n", c.items.len());
                }
                for i in &c.items {
                    s += &format!(
                        "{}{} -> {:?} | {}{}\n",
                        if i.used { "* " } else { "  " },
                        i.id,
                        i.insert,
                        i.detail,
                        match i.matched {
                            Match::IdStart => String::new(),
                            m => format!(" ({m:?})"),
                        }
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
            "//- /a.news.md\n“Hi.”{@zeta} [The envoy](@$0\n",
            expect![[r#"
                Mention /a.news.md:30..30 ""
                * zeta -> "zeta" | Zeta Person
                  fm -> "fm" | Foreign Ministry
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
            "#]],
        );
        check(
            "//- /a.news.md\n“Hi.”{@zeta to=@f$0}\n",
            expect![[r#"
                Addressee /a.news.md:20..21 "f"
                  fm -> "fm" | Foreign Ministry
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
            "#]],
        );
        check(
            "//- /a.news.md\n---\nactors:\n  x:\n    roles:\n      - org: \"@$0\n---\n",
            expect![[r#"
                Org /a.news.md:43..43 ""
                  fm -> "fm" | Foreign Ministry
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
                  x -> "x" | x
                  zeta -> "zeta" | Zeta Person
            "#]],
        );
    }

    /// More people, beside [`WS`] (where `lopez` is Maria Lopez).
    const PEOPLE: &str = r#"
//- /people.actors.yaml
mlopez:
  name: Marta Lopez
  kind: person
kim:
  name: Kim Lee
  aliases: [the Lopatin envoy]
slope:
  name: Ski Slope
gallop:
  name: Gallup Poll
phil:
  name: Philopater
"#;

    #[test]
    fn the_typed_text_filters_ids_and_names() {
        // Ids that start with it, then words of names and aliases that start
        // with it, then ids that contain it, then names that contain it.
        let expected = expect![[r#"
            Mention /a.news.md:7..10 "lop"
              lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
              kim -> "kim" | Kim Lee (NameWordStart)
              mlopez -> "mlopez" | Marta Lopez (NameWordStart)
              gallop -> "gallop" | Gallup Poll (InId)
              slope -> "slope" | Ski Slope (InId)
              phil -> "phil" | Philopater (InName)
        "#]];
        check(&format!("{PEOPLE}//- /a.news.md\n[Her](@lop$0\n"), expected);
        // Capitals are typed part of the id, and matched ignoring case.
        check(
            &format!("{PEOPLE}//- /a.news.md\n[Her](@Lop$0\n"),
            expect![[r#"
                Mention /a.news.md:7..10 "Lop"
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
                  kim -> "kim" | Kim Lee (NameWordStart)
                  mlopez -> "mlopez" | Marta Lopez (NameWordStart)
                  gallop -> "gallop" | Gallup Poll (InId)
                  slope -> "slope" | Ski Slope (InId)
                  phil -> "phil" | Philopater (InName)
            "#]],
        );
        check(
            &format!("{PEOPLE}//- /a.news.md\n[Her](@lopez$0\n"),
            expect![[r#"
                Mention /a.news.md:7..12 "lopez"
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
                  mlopez -> "mlopez" | Marta Lopez (NameWordStart)
            "#]],
        );
        check(
            &format!("{PEOPLE}//- /a.news.md\n[Her](@qq$0\n"),
            expect![[r#"
                Mention /a.news.md:7..9 "qq"
            "#]],
        );
        // A local actor hides the registry one of its id.
        check(
            &format!(
                "{PEOPLE}//- /a.news.md\n---\nactors:\n  lopez:\n    name: Luis Lopez\n---\n[Him](@lopez$0\n"
            ),
            expect![[r#"
                Mention /a.news.md:53..58 "lopez"
                  lopez -> "lopez" | Luis Lopez
                  mlopez -> "mlopez" | Marta Lopez (NameWordStart)
            "#]],
        );
        // An id defined twice means its first definition, once.
        let dup =
            "//- /b.actors.yaml\ndup:\n  name: Lopsided\n//- /a.actors.yaml\ndup:\n  name: Alpha\n";
        check(
            &format!("{dup}//- /a.news.md\n[Her](@lop$0\n"),
            expect![[r#"
                Mention /a.news.md:7..10 "lop"
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
            "#]],
        );
        check(
            &format!("{dup}//- /a.news.md\n[Her](@du$0\n"),
            expect![[r#"
                Mention /a.news.md:7..9 "du"
                  dup -> "dup" | Alpha
            "#]],
        );
        // Local actors match by their description when they have no name.
        check(
            &format!(
                "{PEOPLE}//- /a.news.md\n---\nactors:\n  source-1:\n    anonymous: true\n    described_as: an official\n---\n“Hi.”{{@offi$0\n"
            ),
            expect![[r#"
                Speaker /a.news.md:89..93 "offi"
                  source-1 -> "source-1" | an official (NameWordStart)
            "#]],
        );
    }

    #[test]
    fn actors_used_in_the_article_come_first_among_the_matches() {
        // `zeta` is used too, but does not match.
        check(
            &format!("{PEOPLE}//- /a.news.md\n“Hi.”{{@phil}} “Yes.”{{@zeta}} [Her](@lop$0\n"),
            expect![[r#"
                Mention /a.news.md:42..45 "lop"
                * phil -> "phil" | Philopater (InName)
                  lopez -> "lopez" | Maria Lopez — Special Envoy, Foreign Ministry
                  kim -> "kim" | Kim Lee (NameWordStart)
                  mlopez -> "mlopez" | Marta Lopez (NameWordStart)
                  gallop -> "gallop" | Gallup Poll (InId)
                  slope -> "slope" | Ski Slope (InId)
            "#]],
        );
    }

    /// A registry of `n` people `p000`, `p001`… and one `zz` named Pat Zed.
    fn many(n: usize) -> String {
        let mut s = "//- /many.actors.yaml\nzz:\n  name: Pat Zed\n".to_string();
        for i in 0..n {
            s += &format!("p{i:03}:\n  name: Person {i}\n");
        }
        s
    }

    #[test]
    fn the_list_is_cut_used_actors_and_best_matches_first() {
        let f = Fixture::parse(&format!(
            "{}//- /a.news.md\n“Hi.”{{@p149}} [Her](@p$0\n",
            many(150)
        ));
        let c = completion(&f.ws, &f.path, f.offset).unwrap();
        assert!(c.incomplete);
        assert_eq!(c.items.len(), MAX_ITEMS);
        let ids: Vec<&str> = c.items.iter().map(|i| i.id.as_str()).collect();
        // The used one although it sorts last, then the first ids; `zz`
        // (Pat Zed: a name match) is worse than every id match and is cut.
        assert_eq!(ids[..3], ["p149", "p000", "p001"]);
        assert_eq!(ids[MAX_ITEMS - 1], "p098");
        assert!(c.items[0].used && !c.items[1].used);
        assert!(!ids.contains(&"zz"));

        // Typing on narrows the list under the cap: complete again.
        let f = Fixture::parse(&format!("{}//- /a.news.md\n[Her](@p14$0\n", many(150)));
        let c = completion(&f.ws, &f.path, f.offset).unwrap();
        assert!(!c.incomplete);
        assert_eq!(c.items.len(), 10);

        // Exactly the cap is complete.
        let f = Fixture::parse(&format!("{}//- /a.news.md\n[Her](@p0$0\n", many(150)));
        let c = completion(&f.ws, &f.path, f.offset).unwrap();
        assert_eq!((c.items.len(), c.incomplete), (MAX_ITEMS, false));

        // The cap filled by ids, and one name match beyond it: cut.
        let f = Fixture::parse(&format!("{}//- /a.news.md\n[Her](@p$0\n", many(100)));
        let c = completion(&f.ws, &f.path, f.offset).unwrap();
        assert_eq!((c.items.len(), c.incomplete), (MAX_ITEMS, true));
        assert!(c.items.iter().all(|i| i.matched == Match::IdStart));

        // An actor the article uses comes first even when only its name
        // matches and the ids fill the list.
        let f = Fixture::parse(&format!(
            "{}//- /a.news.md\n“Hi.”{{@zz}} [Her](@p$0\n",
            many(150)
        ));
        let c = completion(&f.ws, &f.path, f.offset).unwrap();
        assert_eq!((c.items.len(), c.incomplete), (MAX_ITEMS, true));
        assert_eq!(c.items[0].id, "zz");
        assert_eq!(c.items[0].matched, Match::NameWordStart);
        assert_eq!(c.items[MAX_ITEMS - 1].id, "p098");

        // A name match makes it in when the ids leave room.
        let f = Fixture::parse(&format!("{}//- /a.news.md\n[Her](@pat$0\n", many(150)));
        let c = completion(&f.ws, &f.path, f.offset).unwrap();
        let zz = c.items.iter().find(|i| i.id == "zz").unwrap();
        assert_eq!(zz.matched, Match::NameWordStart);
        assert_eq!(zz.filter, "zz Pat Zed");
    }
}

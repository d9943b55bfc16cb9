//! Code lenses on registry entries: how the workspace uses each actor ("3
//! quotes · 12 mentions in 2 articles"), counted from the usage index, and
//! the references a click on the lens shows.

use super::at_offset::FileRange;
use super::references::global_references;
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::path::Path;

/// A lens above an actor's key in a registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// The key that defines the id.
    pub range: TextRange,
    pub id: String,
}

/// How the articles of a workspace use a registry actor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    /// Attributions that make it the speaker (non-speech marks excluded).
    pub quotes: u32,
    /// `[text](@id)` mentions.
    pub mentions: u32,
    /// Articles that refer to it in any way.
    pub articles: u32,
}

impl Figures {
    /// `3 quotes · 12 mentions in 2 articles`.
    pub fn title(&self) -> String {
        format!(
            "{} · {} in {}",
            plural(self.quotes, "quote"),
            plural(self.mentions, "mention"),
            plural(self.articles, "article")
        )
    }
}

fn plural(n: u32, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// One lens per actor of a registry file; none in other files.
pub fn code_lenses(ws: &Workspace, path: &Path) -> Vec<Lens> {
    let Some(registry) = ws.file(path).and_then(|f| f.registry()) else {
        return Vec::new();
    };
    registry
        .actors
        .iter()
        .map(|a| Lens {
            range: a.id_range,
            id: a.id.to_string(),
        })
        .collect()
}

/// The figures of a registry actor, from the index: only the articles that
/// use the id are looked at, and those that hide it behind a local actor of
/// the same id are left out.
pub fn figures(ws: &Workspace, id: &str) -> Figures {
    let mut out = Figures::default();
    for (path, usage) in ws.users(id) {
        // Registries count no article, and a local actor of the same id
        // hides the registry one (read without the article's model).
        if !ws
            .file(path)
            .is_some_and(|f| f.is_article() && f.local_actor(id).is_none())
        {
            continue;
        }
        out.quotes += usage.quotes;
        out.mentions += usage.mentions;
        out.articles += u32::from(usage.refs > 0);
    }
    out
}

/// What a click on the lens shows: every reference to the actor.
pub fn locations(ws: &Workspace, id: &str) -> Vec<FileRange> {
    global_references(ws, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    fn check(fixture: &str, expected: Expect) {
        let shown = |f: &Fixture| {
            let mut out = String::new();
            for lens in code_lenses(&f.ws, &f.path) {
                out.push_str(&format!(
                    "{}: {}\n",
                    f.show(&f.path, lens.range),
                    figures(&f.ws, &lens.id).title()
                ));
                for at in locations(&f.ws, &lens.id) {
                    out.push_str(&format!("  {}\n", f.show(&at.path, at.range)));
                }
            }
            out
        };
        let out = shown(&Fixture::parse(fixture));
        expected.assert_eq(&out);
        // As the language server holds the workspace: the same lenses, and
        // no model kept of the articles counted for them.
        let held = Fixture::held(fixture);
        assert_eq!(shown(&held), out);
        held.assert_no_other_model();
    }

    #[test]
    fn figures_and_references_of_each_entry() {
        check(
            r#"
//- /b.news.md
[FM](@fm) said “no.”{@fm} and “yes.”{@}, [Lopez](@lopez) “a scare”{@fm .scare}.
//- /c.news.md
---
actors:
  fm:
    name: Fake Ministry
---
[Fake](@fm) is local here, but “hi”{@lopez to=@fm}.
//- /actors.yaml
lopez:
  name: Maria Lopez
  roles: [{title: Envoy, org: "@fm"}]
fm:
  name: Foreign Ministry
nobody:
  name: No One
"#,
            expect![[r#"
                /actors.yaml:0..5 "lopez": 1 quote · 1 mention in 2 articles
                  /b.news.md:58..63 "lopez"
                  /c.news.md:87..92 "lopez"
                /actors.yaml:65..67 "fm": 2 quotes · 1 mention in 1 article
                  /actors.yaml:59..61 "fm"
                  /b.news.md:6..8 "fm"
                  /b.news.md:26..28 "fm"
                  /b.news.md:45..46 "@"
                  /b.news.md:80..82 "fm"
                /actors.yaml:94..100 "nobody": 0 quotes · 0 mentions in 0 articles
            "#]],
        );
        check("//- /a.news.md\n[FM](@fm)\n", expect![""]);
    }
}

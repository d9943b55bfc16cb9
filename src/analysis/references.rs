//! Find references: every place across the workspace that refers to the actor
//! under the cursor, optionally with its definition(s). Only the files that
//! the index says use the id are read.

use super::at_offset::{FileRange, definitions_of, find_ref};
use crate::model::Speaker;
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::path::Path;

pub fn references(
    ws: &Workspace,
    path: &Path,
    offset: usize,
    include_declaration: bool,
) -> Vec<FileRange> {
    let Some(found) = find_ref(ws, path, offset) else {
        return Vec::new();
    };
    let id = found.id.as_str();
    let local = ws.file(path).is_some_and(|f| f.local_actor(id).is_some());
    let mut out = Vec::new();
    if include_declaration {
        out.extend(definitions_of(ws, path, id));
    }
    if local {
        // An article-local actor is known only in its own article.
        if let Some(file) = ws.file(path) {
            push_refs(file, id, &mut out);
        }
    } else {
        out.extend(global_references(ws, id));
    }
    out
}

/// Every reference to the registry actor `id`, in path order, skipping the
/// articles where a local actor of the same id hides it.
pub fn global_references(ws: &Workspace, id: &str) -> Vec<FileRange> {
    let mut out = Vec::new();
    for (user, _) in ws.users(id) {
        let Some(file) = ws.file(user) else { continue };
        if file.local_actor(id).is_some() {
            continue;
        }
        push_refs(file, id, &mut out);
    }
    out
}

fn push_refs(file: &File, id: &str, out: &mut Vec<FileRange>) {
    out.extend(refs_in(file, id).into_iter().map(|range| FileRange {
        path: file.path.clone(),
        range,
    }));
}

/// The ranges in one file that refer to `id`, in order: `@id` references and
/// the `@` of each `{@}` that stands for it.
pub fn refs_in(file: &File, id: &str) -> Vec<TextRange> {
    let in_article = file.with_article(|article| {
        let previous = article
            .attributions
            .iter()
            .filter_map(|a| match &a.speaker {
                Some(Speaker::Previous {
                    range,
                    resolved: Some(r),
                }) if r == id => Some(*range),
                _ => None,
            });
        article
            .id_refs()
            .filter(|(r, _)| r.id == id)
            .map(|(r, _)| r.range)
            .chain(previous)
            .collect()
    });
    let mut out: Vec<TextRange> = in_article.unwrap_or_else(|| {
        crate::model::org_refs(file.actors())
            .filter(|(r, _)| r.id == id)
            .map(|(r, _)| r.range)
            .collect()
    });
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    fn check(fixture: &str, include_declaration: bool, expected: Expect) {
        let f = Fixture::parse(fixture);
        let found = |f: &Fixture| references(&f.ws, &f.path, f.offset, include_declaration);
        let shown: Vec<String> = found(&f).iter().map(|d| f.show(&d.path, d.range)).collect();
        expected.assert_debug_eq(&shown);
        // As the language server holds the workspace: the same answer, and
        // no model kept of the articles read for it.
        let held = Fixture::held(fixture);
        assert_eq!(found(&held), found(&f));
        held.assert_no_other_model();
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
[Fake](@fm) is local here.
"#;

    #[test]
    fn across_the_workspace() {
        check(
            &format!("{WS}//- /a.news.md\n“Hi.”{{@lopez to=@f$0m}}\n"),
            true,
            expect![[r#"
                [
                    "/actors.yaml:65..67 \"fm\"",
                    "/a.news.md:21..23 \"fm\"",
                    "/actors.yaml:59..61 \"fm\"",
                    "/b.news.md:6..8 \"fm\"",
                    "/b.news.md:26..28 \"fm\"",
                    "/b.news.md:45..46 \"@\"",
                ]
            "#]],
        );
        check(
            &format!("{WS}//- /a.news.md\n“Hi.”{{@lopez to=@f$0m}}\n"),
            false,
            expect![[r#"
                [
                    "/a.news.md:21..23 \"fm\"",
                    "/actors.yaml:59..61 \"fm\"",
                    "/b.news.md:6..8 \"fm\"",
                    "/b.news.md:26..28 \"fm\"",
                    "/b.news.md:45..46 \"@\"",
                ]
            "#]],
        );
    }

    #[test]
    fn local_actor_stays_in_its_article() {
        check(
            &format!("{WS}//- /a.news.md\nx\n").replace("[Fake](@fm)", "[Fake](@f$0m)"),
            true,
            expect![[r#"
                [
                    "/c.news.md:14..16 \"fm\"",
                    "/c.news.md:54..56 \"fm\"",
                ]
            "#]],
        );
    }
}

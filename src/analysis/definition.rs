//! Go to definition: from any id reference (article, front matter, registry
//! `org`) or known name to the key that defines the id.

use super::at_offset::{FileRange, definitions_of, find_ref};
use crate::workspace::Workspace;
use std::path::Path;

pub fn definition(ws: &Workspace, path: &Path, offset: usize) -> Vec<FileRange> {
    match find_ref(ws, path, offset) {
        Some(found) => definitions_of(ws, path, &found.id),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::{Expect, expect};

    fn check(fixture: &str, expected: Expect) {
        let f = Fixture::parse(fixture);
        let shown: Vec<String> = definition(&f.ws, &f.path, f.offset)
            .iter()
            .map(|d| f.show(&d.path, d.range))
            .collect();
        expected.assert_debug_eq(&shown);
    }

    const REG: &str = "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  roles:\n    - {title: Envoy, org: \"@fm\"}\nfm:\n  name: Foreign Ministry\n";

    #[test]
    fn from_article_front_matter_and_registry() {
        check(
            &format!("{REG}//- /a.news.md\n“Hi.”{{@lo$0pez}}\n"),
            expect![[r#"
                [
                    "/actors.yaml:0..5 \"lopez\"",
                ]
            "#]],
        );
        check(
            &REG.replace("\"@fm\"", "\"@f$0m\""),
            expect![[r#"
                [
                    "/actors.yaml:69..71 \"fm\"",
                ]
            "#]],
        );
        check(
            &format!(
                "{REG}//- /a.news.md\n---\nactors:\n  aide:\n    name: Aide\n    roles: [{{title: Clerk, org: \"@$0fm\"}}]\n---\n[Aide](@aide)\n"
            ),
            expect![[r#"
                [
                    "/actors.yaml:69..71 \"fm\"",
                ]
            "#]],
        );
    }

    #[test]
    fn local_actor_and_duplicates() {
        check(
            &format!(
                "{REG}//- /a.news.md\n---\nactors:\n  aide:\n    name: Aide\n---\n[Aide](@ai$0de)\n"
            ),
            expect![[r#"
                [
                    "/a.news.md:14..18 \"aide\"",
                ]
            "#]],
        );
        check(
            &format!(
                "{REG}//- /more.actors.yaml\nlopez:\n  name: Other\n//- /a.news.md\n[L](@lo$0pez)\n"
            ),
            expect![[r#"
                [
                    "/actors.yaml:0..5 \"lopez\"",
                    "/more.actors.yaml:0..5 \"lopez\"",
                ]
            "#]],
        );
        check(
            &format!("{REG}//- /a.news.md\n[L](@nob$0ody)\n"),
            expect!["[]\n"],
        );
    }
}

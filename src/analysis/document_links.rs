//! Document links: the `@id` destination of each mention `[text](@id)` links
//! to the key that defines the actor. An editor that follows Markdown links
//! (VS Code's Ctrl+click) then opens the actor, where it would otherwise take
//! `@id` for a file path beside the article. An id defined nowhere links to
//! the mention itself, so that it is still one link and opens no file.

use super::at_offset::{FileRange, definitions_of};
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::path::Path;

/// One mention's link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination, `@id`.
    pub range: TextRange,
    /// Where the actor is defined; the mention itself when it is not.
    pub target: FileRange,
    /// Whether the id is defined.
    pub defined: bool,
}

/// The links of an article's mentions, in order.
pub fn document_links(ws: &Workspace, path: &Path) -> Vec<Link> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let Some(article) = file.article() else {
        return Vec::new();
    };
    article
        .mentions
        .iter()
        .map(|m| {
            let range = crate::text::with_at(&file.text, m.id.range);
            let definition = definitions_of(ws, path, &m.id.id).into_iter().next();
            Link {
                range,
                defined: definition.is_some(),
                target: definition.unwrap_or(FileRange {
                    path: path.to_path_buf(),
                    range,
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::expect;

    #[test]
    fn each_mention_links_to_its_definition() {
        let f = Fixture::parse(
            "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n//- /a.news.md\n---\nactors:\n  aide:\n    name: An aide\n---\n$0[Lopez](@lopez) met [the aide]( @aide ) and [Kim](@kim); `[code](@no)`.\n",
        );
        let shown: Vec<String> = document_links(&f.ws, &f.path)
            .iter()
            .map(|l| {
                format!(
                    "{} -> {} {}",
                    f.show(&f.path, l.range),
                    f.show(&l.target.path, l.target.range),
                    l.defined
                )
            })
            .collect();
        expect![[r#"
            [
                "/a.news.md:50..56 \"@lopez\" -> /actors.yaml:0..5 \"lopez\" true",
                "/a.news.md:74..79 \"@aide\" -> /a.news.md:14..18 \"aide\" true",
                "/a.news.md:92..96 \"@kim\" -> /a.news.md:92..96 \"@kim\" false",
            ]
        "#]]
        .assert_debug_eq(&shown);
    }
}

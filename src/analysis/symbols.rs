//! Symbols: the outline of one file (its actors and quotations, each quotation
//! labelled with its speaker) and a workspace search over ids, names and aliases.

use super::at_offset::FileRange;
use crate::model::Article;
use crate::syntax::QuoteKind;
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::collections::HashSet;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Actor,
    Quotation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole thing (an entry, a quotation).
    pub range: TextRange,
    /// What to select: an id, a quotation.
    pub selection: TextRange,
}

/// The outline of one file, in text order.
pub fn document_symbols(ws: &Workspace, path: &Path) -> Vec<Symbol> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let mut out: Vec<Symbol> = file
        .actors()
        .iter()
        .map(|a| Symbol {
            name: a.display_name().to_string(),
            detail: Some(format!("@{}", a.id)),
            kind: SymbolKind::Actor,
            range: a.entry_range,
            selection: a.id_range,
        })
        .collect();
    if let Some(article) = file.article() {
        article_symbols(ws, file, article, &mut out);
    }
    out.sort_by_key(|s| (s.range.start(), std::cmp::Reverse(s.range.end())));
    out
}

fn article_symbols(ws: &Workspace, file: &File, article: &Article, out: &mut Vec<Symbol>) {
    let name_of = |id: &str| {
        ws.resolve(&file.path, id)
            .map_or_else(|| format!("@{id}"), |(_, a)| a.display_name().to_string())
    };
    // Registry actors, at their first reference in the article.
    let mut seen: HashSet<&str> = article.local_actors.iter().map(|a| a.id.as_str()).collect();
    let mut first_refs: Vec<_> = article.id_refs().map(|(r, _)| r).collect();
    first_refs.sort_by_key(|r| r.range);
    for r in first_refs {
        if seen.insert(&r.id) {
            out.push(Symbol {
                name: name_of(&r.id),
                detail: Some(format!("@{}", r.id)),
                kind: SymbolKind::Actor,
                range: r.range,
                selection: r.range,
            });
        }
    }
    for q in article.quotations.iter().filter(|q| q.is_top_level()) {
        let speaker = match q.effective_attribution().map(|a| &article.attributions[a]) {
            Some(a) if a.is_non_speech() => {
                let class = a
                    .classes
                    .iter()
                    .find(|(c, _)| crate::model::NON_SPEECH.contains(&c.as_str()));
                format!("({})", class.map_or("not speech", |(c, _)| c.as_str()))
            }
            Some(a) => match a.speaker_id() {
                Some(id) => name_of(id),
                None => "(no speaker)".into(),
            },
            None => "(unattributed)".into(),
        };
        // A block quote's attribute line is not part of what was said.
        let own = q.attribution().map(|a| article.attributions[a].range);
        let end = own.map_or(q.range.end(), |a| {
            a.start().clamp(q.range.start(), q.range.end())
        });
        let said = TextRange::new(q.range.start(), end).slice(&file.text);
        out.push(Symbol {
            name: format!("{speaker}: {}", excerpt(said, q.kind == QuoteKind::Block)),
            detail: None,
            kind: SymbolKind::Quotation,
            range: q.range,
            selection: q.range,
        });
    }
}

/// The first words of a quotation, on one line.
fn excerpt(text: &str, block: bool) -> String {
    const MAX: usize = 48;
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !(block && *w == ">"))
        .collect();
    let mut out = String::new();
    for w in words {
        if out.chars().count() + w.chars().count() > MAX {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    /// The actor's name.
    pub name: String,
    /// `@id`, and the alias that matched when it is not the name.
    pub detail: String,
    pub location: FileRange,
}

/// Actors whose id, name or an alias contains `query` (ignoring case), by id.
pub fn workspace_symbols(ws: &Workspace, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
    let query = query.to_lowercase();
    let matches = |s: &str| s.to_lowercase().contains(&query);
    let mut out = Vec::new();
    for file in ws.files() {
        for actor in file.actors() {
            let alias = actor.aliases.iter().find(|a| matches(a));
            let hit = matches(&actor.id) || actor.name.as_deref().is_some_and(matches);
            if !hit && alias.is_none() {
                continue;
            }
            let mut detail = format!("@{}", actor.id);
            if let (false, Some(alias)) = (hit, alias) {
                detail.push_str(&format!(" (“{alias}”)"));
            }
            out.push(WorkspaceSymbol {
                name: actor.display_name().to_string(),
                detail,
                location: FileRange {
                    path: file.path.clone(),
                    range: actor.id_range,
                },
            });
        }
    }
    out.sort_by(|a, b| (&a.detail, &a.location).cmp(&(&b.detail, &b.location)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;
    use expect_test::expect;

    const WS: &str = r#"
//- /actors.yaml
lopez:
  name: Maria Lopez
  aliases: [Envoy Lopez, The Envoy]
fm:
  name: Foreign Ministry
//- /a.news.md
---
actors:
  aide-1:
    anonymous: true
    described_as: an aide
---
[Lopez](@lopez) said: “We have a narrow window,”{@lopez} and “We intend to use it.”{@}

[An aide](@aide-1) called it a “fig leaf”{.scare}, then “It is fragile.”{@aide-1} Nobody said “what?”

> We stand by it.
> {@fm via=statement}
"#;

    #[test]
    fn outline_of_an_article() {
        let f = Fixture::parse(WS);
        let shown: Vec<String> = document_symbols(&f.ws, Path::new("/a.news.md"))
            .iter()
            .map(|s| format!("{:?} {} {:?}", s.kind, s.name, s.detail))
            .collect();
        expect![[r#"
            [
                "Actor an aide Some(\"@aide-1\")",
                "Actor Maria Lopez Some(\"@lopez\")",
                "Quotation Maria Lopez: “We have a narrow window,” None",
                "Quotation Maria Lopez: “We intend to use it.” None",
                "Quotation (scare): “fig leaf” None",
                "Quotation an aide: “It is fragile.” None",
                "Quotation (unattributed): “what?” None",
                "Quotation Foreign Ministry: We stand by it. None",
                "Actor Foreign Ministry Some(\"@fm\")",
            ]
        "#]]
        .assert_debug_eq(&shown);
        let reg: Vec<String> = document_symbols(&f.ws, Path::new("/actors.yaml"))
            .iter()
            .map(|s| {
                format!(
                    "{} {}",
                    s.name,
                    f.show(Path::new("/actors.yaml"), s.selection)
                )
            })
            .collect();
        expect![[r#"
            [
                "Maria Lopez /actors.yaml:0..5 \"lopez\"",
                "Foreign Ministry /actors.yaml:63..65 \"fm\"",
            ]
        "#]]
        .assert_debug_eq(&reg);
    }

    #[test]
    fn search_ids_names_and_aliases() {
        let f = Fixture::parse(WS);
        let search = |q: &str| -> Vec<String> {
            workspace_symbols(&f.ws, q, 100)
                .iter()
                .map(|s| format!("{} {} {}", s.name, s.detail, s.location.path.display()))
                .collect()
        };
        expect![[r#"
            [
                "Maria Lopez @lopez (“Envoy Lopez”) /actors.yaml",
            ]
        "#]]
        .assert_debug_eq(&search("envoy"));
        expect![[r#"
            [
                "an aide @aide-1 /a.news.md",
            ]
        "#]]
        .assert_debug_eq(&search("AIDE"));
        assert_eq!(search("").len(), 3);
        assert_eq!(search("nobody"), Vec::<String>::new());
    }
}

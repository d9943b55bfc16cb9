//! What stands at a byte offset of a file: an id reference, an id's definition,
//! or a known name in prose; and where an id is defined as seen from a file.
//! The shared first step of hover, definition and references.

use crate::model::{Article, RefKind, Speaker};
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::path::{Path, PathBuf};

/// A range in some file of the workspace.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileRange {
    pub path: PathBuf,
    pub range: TextRange,
}

/// How the id under the cursor is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// `[text](@id)`, `{@id}`, `to=@id` or `org: "@id"`.
    Ref(RefKind),
    /// `{@}`: the previous speaker.
    PreviousSpeaker,
    /// The key that defines the id (registry or front matter).
    Definition,
    /// A name or alias of the actor, in prose.
    Name,
}

/// The id under the cursor, and the range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdAt {
    pub id: String,
    pub range: TextRange,
    pub at: At,
}

/// The longest name looked for around the cursor, in bytes each side.
const NAME_WINDOW: usize = 80;

/// The id at `offset` in the file at `path`, if any.
pub fn find_ref(ws: &Workspace, path: &Path, offset: usize) -> Option<IdAt> {
    let file = ws.file(path)?;
    if offset > file.text.len() {
        return None;
    }
    let found = |id: &str, range, at| {
        Some(IdAt {
            id: id.to_string(),
            range,
            at,
        })
    };
    // `@` belongs to the id after it.
    let with_at = |r: TextRange| TextRange::new(r.start().saturating_sub(1), r.end());
    for actor in file.actors() {
        if actor.id_range.touches(offset) {
            return found(&actor.id, actor.id_range, At::Definition);
        }
    }
    for (r, kind) in crate::model::org_refs(file.actors()) {
        if with_at(r.range).touches(offset) {
            return found(&r.id, r.range, At::Ref(kind));
        }
    }
    let article = file.article()?;
    for m in &article.mentions {
        if m.range.touches(offset) {
            let range = if with_at(m.id.range).touches(offset) {
                m.id.range
            } else {
                m.range
            };
            return found(&m.id.id, range, At::Ref(RefKind::Mention));
        }
    }
    for a in article
        .attributions
        .iter()
        .filter(|a| a.range.touches(offset))
    {
        match &a.speaker {
            Some(Speaker::Explicit(r)) if with_at(r.range).touches(offset) => {
                return found(&r.id, r.range, At::Ref(RefKind::Speaker));
            }
            Some(Speaker::Previous { range, resolved }) if range.touches(offset) => {
                return found(resolved.as_deref()?, *range, At::PreviousSpeaker);
            }
            _ => {}
        }
        if let Some(to) = a.to()
            && with_at(to.range).touches(offset)
        {
            return found(&to.id, to.range, At::Ref(RefKind::Addressee));
        }
    }
    name_at(ws, file, article, offset)
}

/// A known name or alias in a run of prose that covers `offset`; the longest wins.
fn name_at(ws: &Workspace, file: &File, article: &Article, offset: usize) -> Option<IdAt> {
    let run = article.prose.iter().find(|r| r.touches(offset))?;
    if article
        .masked
        .iter()
        .any(|m| m.start() < offset && offset < m.end())
    {
        return None;
    }
    let text = run.slice(&file.text);
    let cur = offset - run.start();
    let (starts, ends) = word_bounds(text);
    let lookup = |name: &str| -> Option<String> {
        let local = article
            .local_actors
            .iter()
            .find(|a| a.name.as_deref() == Some(name) || a.aliases.iter().any(|x| x == name));
        match local {
            Some(a) => Some(a.id.to_string()),
            None => ws.ids_named(name).first().map(|id| id.to_string()),
        }
    };
    let mut best: Option<(usize, usize, String)> = None;
    for &s in starts
        .iter()
        .filter(|&&s| s <= cur && cur - s <= NAME_WINDOW)
    {
        for &e in ends
            .iter()
            .filter(|&&e| e >= cur && e > s && e - cur <= NAME_WINDOW)
        {
            if best.as_ref().is_some_and(|(bs, be, _)| be - bs >= e - s) {
                continue;
            }
            if let Some(id) = lookup(&text[s..e]) {
                best = Some((s, e, id));
            }
        }
    }
    let (s, e, id) = best?;
    Some(IdAt {
        id,
        range: TextRange::new(run.start() + s, run.start() + e),
        at: At::Name,
    })
}

/// Where words start and end in a text. A `.` right after a word also ends
/// one, for names such as `U.S.` and `Jr.`.
fn word_bounds(text: &str) -> (Vec<usize>, Vec<usize>) {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut prev: Option<char> = None;
    for (i, ch) in text.char_indices() {
        let word = ch.is_alphanumeric();
        let prev_word = prev.is_some_and(char::is_alphanumeric);
        if word && !prev_word {
            starts.push(i);
        }
        if !word && prev_word {
            ends.push(i);
            if ch == '.' {
                ends.push(i + 1);
            }
        }
        prev = Some(ch);
    }
    if prev.is_some_and(char::is_alphanumeric) {
        ends.push(text.len());
    }
    (starts, ends)
}

/// Where `id` is defined as seen from the file at `path`: the file's own
/// local actor, else every registry definition.
pub fn definitions_of(ws: &Workspace, path: &Path, id: &str) -> Vec<FileRange> {
    if let Some(file) = ws.file(path)
        && let Some(article) = file.article()
        && article.local_actor(id).is_some()
    {
        return article
            .local_actors
            .iter()
            .filter(|a| a.id == id)
            .map(|a| FileRange {
                path: path.to_path_buf(),
                range: a.id_range,
            })
            .collect();
    }
    ws.global_definitions(id)
        .iter()
        .map(|d| FileRange {
            path: d.path().to_path_buf(),
            range: d.range,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixture::Fixture;

    fn check(fixture: &str) -> Option<(String, String, At)> {
        let f = Fixture::parse(fixture);
        let found = find_ref(&f.ws, &f.path, f.offset)?;
        let text = &f.ws.file(&f.path).unwrap().text;
        Some((found.id, found.range.slice(text).to_string(), found.at))
    }

    const REGISTRY: &str = "//- /actors.yaml\nlopez:\n  name: Maria Lopez\n  aliases: [Lopez, Envoy Lopez]\n  roles:\n    - title: Envoy\n      org: \"@fm\"\nfm:\n  name: Foreign Ministry\n";

    #[test]
    fn every_kind_of_reference() {
        let at = |body: &str| check(&format!("{REGISTRY}//- /a.news.md\n{body}"));
        assert_eq!(
            at("[Envoy](@lo$0pez) left."),
            Some(("lopez".into(), "lopez".into(), At::Ref(RefKind::Mention)))
        );
        assert_eq!(
            at("[En$0voy](@lopez) left."),
            Some((
                "lopez".into(),
                "[Envoy](@lopez)".into(),
                At::Ref(RefKind::Mention)
            ))
        );
        assert_eq!(
            at("“Hi.”{$0@lopez to=@fm}"),
            Some(("lopez".into(), "lopez".into(), At::Ref(RefKind::Speaker)))
        );
        assert_eq!(
            at("“Hi.”{@lopez to=@f$0m}"),
            Some(("fm".into(), "fm".into(), At::Ref(RefKind::Addressee)))
        );
        assert_eq!(
            at("“Hi.”{@lopez} “Yes.”{$0@}"),
            Some(("lopez".into(), "@".into(), At::PreviousSpeaker))
        );
        assert_eq!(
            at("Then Envoy Lo$0pez’s plane left."),
            Some(("lopez".into(), "Envoy Lopez".into(), At::Name))
        );
        assert_eq!(at("The envoy$0 left."), None);
        assert_eq!(at("`Lop$0ez` in code"), None);
    }

    #[test]
    fn registry_keys_and_orgs() {
        let reg = REGISTRY.replace("lopez:", "lo$0pez:");
        assert_eq!(
            check(&reg),
            Some(("lopez".into(), "lopez".into(), At::Definition))
        );
        let reg = REGISTRY.replace("\"@fm\"", "\"@$0fm\"");
        assert_eq!(
            check(&reg),
            Some(("fm".into(), "fm".into(), At::Ref(RefKind::Org)))
        );
    }
}

//! Fixes that define an actor: "Create anonymous source" adds an
//! article-local actor to the front matter (making the front matter when there
//! is none) and attributes the quotation to it; "Create actor `id` in
//! actors.yaml" adds a registry entry for an unknown id (NM002).
//!
//! YAML is edited as text, so comments and layout stay; every edit is checked
//! by reading the result again, and a fix whose result does not read back as
//! intended (a flow-style mapping, say) is not offered.

use super::attribute::add_item;
use super::{Certainty, FileEdit, Fix, FixKind, TextEdit, apply, yaml_string};
use crate::attribution::{self, Suggestion};
use crate::model::{self, Article};
use crate::registry::{self, is_valid_id};
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use std::path::Path;

/// "Create anonymous source “a senior official” (@official-1)": a local
/// actor for the unnamed person a suggestion describes, and the attribution.
pub fn create_anonymous_source(
    ws: &Workspace,
    path: &Path,
    q: usize,
    s: &Suggestion,
) -> Option<Fix> {
    let file = ws.file(path)?;
    let article = file.article()?;
    let text: &str = &file.text;
    let source = anonymous_source(ws, path, s, &[])?;
    let front = add_local_actors(text, article, std::slice::from_ref(&source.entry))?;
    let attribution = add_item(text, article, q, &format!("@{}", source.entry.0))?;
    let id = source.entry.0;
    Some(Fix {
        title: format!("Create anonymous source “{}” (@{id})", source.described),
        kind: FixKind::CreateAnonymousSource { id },
        certainty: Certainty::Offered,
        edits: vec![FileEdit {
            path: path.to_path_buf(),
            create: false,
            edits: vec![front, attribution],
        }],
    })
}

/// An actor's id and its fields (`key`, YAML value), one line each.
pub type Entry = (String, Vec<(&'static str, String)>);

/// The local actor an anonymous source becomes.
pub struct AnonymousSource {
    pub entry: Entry,
    /// Its `described_as`.
    pub described: String,
}

/// The local actor for the unnamed person a suggestion describes: an id
/// from its head noun (`official-1`) that neither the workspace nor `taken`
/// holds, `kind`, `anonymous`, `described_as` and `anonymity_reason`.
pub fn anonymous_source(
    ws: &Workspace,
    path: &Path,
    s: &Suggestion,
    taken: &[String],
) -> Option<AnonymousSource> {
    let file = ws.file(path)?;
    let article = file.article()?;
    let text: &str = &file.text;
    // The article's own words, so that NM009 finds the source introduced.
    let written = attribution::tidy(s.text.slice(text));
    let described = if written.eq_ignore_ascii_case(&s.name) {
        attribution::described_as(&written)
    } else {
        attribution::described_as(&s.name)
    };
    let (head, plural) = attribution::head_noun(&described).unwrap_or(("source", false));
    let id = fresh_id(ws, path, article, head, taken);
    let mut fields = vec![
        ("kind", if plural { "group" } else { "person" }.to_string()),
        ("anonymous", "true".to_string()),
        ("described_as", yaml_string(&described)),
    ];
    if let Some(reason) = &s.anonymity_reason {
        fields.push(("anonymity_reason", yaml_string(reason)));
    }
    Some(AnonymousSource {
        entry: (id, fields),
        described,
    })
}

/// "Create actor `lopz` in actors.yaml" for the unknown id at `range` of an
/// article: an entry in the nearest registry (the one in the article's
/// directory or the closest above it), or a new `actors.yaml` beside the
/// article. The name is the mention's words, else made from the id.
pub fn create_actor(ws: &Workspace, path: &Path, range: TextRange) -> Option<Fix> {
    let file = ws.file(path)?;
    let article = file.article()?;
    let id = range.slice(&file.text);
    if !is_valid_id(id) || ws.resolve(path, id).is_some() {
        return None;
    }
    let name = article
        .mentions
        .iter()
        .find(|m| m.id.range == range)
        .map(|m| attribution::tidy(m.text.slice(&file.text)))
        .filter(|n| n.split_whitespace().count() > 0 && n.starts_with(char::is_uppercase))
        .unwrap_or_else(|| name_from_id(id));
    let entry = format!("{id}:\n  name: {}\n", yaml_string(&name));
    let (target, create, edit) = match registry_for(ws, path) {
        Some(f) => {
            let edit = append_entries(f, &entry, &[(id, name.as_str())])?;
            (f.path.clone(), false, edit)
        }
        None => {
            let dir = path.parent().unwrap_or(Path::new(""));
            (dir.join("actors.yaml"), true, TextEdit::insert(0, entry))
        }
    };
    let shown = target.file_name().map_or_else(
        || "actors.yaml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    Some(Fix {
        title: format!("Create actor `{id}` in {shown}"),
        kind: FixKind::CreateActor { id: id.to_string() },
        certainty: Certainty::Offered,
        edits: vec![FileEdit {
            path: target,
            create,
            edits: vec![edit],
        }],
    })
}

/// The registry that new actors of an article go to: the one in the
/// article's directory or the closest above it (an `actors.yaml` before a
/// `*.actors.yaml` of the same directory).
pub fn registry_for<'w>(ws: &'w Workspace, path: &Path) -> Option<&'w File> {
    let dir = path.parent().unwrap_or(Path::new(""));
    ws.files()
        .filter(|f| f.registry().is_some())
        .filter_map(|f| {
            let home = f.path.parent()?;
            let plain = f.path.file_name().is_some_and(|n| n == "actors.yaml");
            dir.starts_with(home)
                .then(|| (home.components().count(), plain, f))
        })
        .max_by_key(|(depth, plain, _)| (*depth, *plain))
        .map(|(_, _, f)| &**f)
}

/// The edit appending `entries` (YAML text, one or more actors) to a
/// registry file, as text so that its comments and layout stay; `None`
/// unless every `(id, name)` reads back and nothing else breaks.
pub fn append_entries(file: &File, entries: &str, ids: &[(&str, &str)]) -> Option<TextEdit> {
    let text: &str = &file.text;
    let before = file.registry()?;
    let newline = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let suffix = format!("{newline}{entries}");
    // Read alone when that reads as the whole does: no copy of the registry.
    let after = before
        .read_appended(text, &suffix)
        .unwrap_or_else(|| registry::parse_registry(&format!("{text}{suffix}")));
    let edit = TextEdit::insert(text.len(), suffix);
    let added = ids.iter().all(|(id, name)| {
        after
            .actors
            .iter()
            .any(|a| a.id == *id && a.name.as_deref() == Some(*name))
    });
    (added && after.problems.len() <= before.problems.len()).then_some(edit)
}

/// `group-1` → "Group 1".
fn name_from_id(id: &str) -> String {
    id.split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `official-1`, `official-2`, …: the first id nothing defines or uses,
/// and not `taken`.
fn fresh_id(
    ws: &Workspace,
    path: &Path,
    article: &Article,
    head: &str,
    taken: &[String],
) -> String {
    (1..)
        .map(|n| format!("{head}-{n}"))
        .find(|id| !id_in_use(ws, path, article, id) && !taken.contains(id))
        .expect("some number is free")
}

/// Whether an id is defined for the article or used in it.
pub fn id_in_use(ws: &Workspace, path: &Path, article: &Article, id: &str) -> bool {
    ws.resolve(path, id).is_some() || article.id_refs().any(|(r, _)| r.id == id)
}

/// The edit that adds local actors to the front matter's `actors:`, making
/// the key or the whole front matter when missing. Checked by reading the
/// front matter back.
pub fn add_local_actors(text: &str, article: &Article, entries: &[Entry]) -> Option<TextEdit> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let entry = |indent: usize, field_indent: usize| {
        let mut s = String::new();
        for (id, fields) in entries {
            s.push_str(&format!("{}{id}:{newline}", " ".repeat(indent)));
            for (key, value) in fields {
                s.push_str(&format!(
                    "{}{key}: {value}{newline}",
                    " ".repeat(field_indent)
                ));
            }
        }
        s
    };
    let edit = match article.meta.range {
        None => {
            let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
            TextEdit::insert(
                at,
                format!(
                    "---{newline}actors:{newline}{}---{newline}{newline}",
                    entry(2, 4)
                ),
            )
        }
        Some(range) => actors_edit(text, range, newline, &entry)?,
    };
    // Read the new front matter alone: the actor is there, nothing new is wrong.
    let front_end = match article.meta.range {
        Some(r) => r.end(),
        None => edit.range.start(),
    } + edit.new_text.len();
    let new_text = apply(text, std::slice::from_ref(&edit));
    let read = model::lower(new_text.get(..front_end)?);
    let added = entries.iter().all(|(id, _)| read.local_actor(id).is_some());
    (added && read.problems.len() <= article.problems.len()).then_some(edit)
}

/// The edit inside an existing front matter (`range`, fences included).
fn actors_edit(
    text: &str,
    range: TextRange,
    newline: &str,
    entry: &dyn Fn(usize, usize) -> String,
) -> Option<TextEdit> {
    let block = range.slice(text);
    let yaml_start = range.start() + block.find('\n')? + 1;
    let content_end = range.start() + block.trim_end_matches(['\n', '\r']).len();
    let fence = text[..content_end]
        .rfind('\n')
        .map_or(yaml_start, |i| i + 1);
    // Lines of the YAML: (start, end with its line break, text).
    let mut lines = Vec::new();
    let mut at = yaml_start;
    while at < fence {
        let end = text[at..fence].find('\n').map_or(fence, |i| at + i + 1);
        lines.push((at, end, text[at..end].trim_end_matches(['\n', '\r'])));
        at = end;
    }
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let Some(key) = lines.iter().position(|(_, _, l)| {
        l.strip_prefix("actors:")
            .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    }) else {
        if lines.iter().any(|(_, _, l)| l.starts_with("actors:")) {
            return None; // `actors: {…}`: flow style, not edited as text.
        }
        return Some(TextEdit::insert(
            fence,
            format!("actors:{newline}{}", entry(2, 4)),
        ));
    };
    let mut insert_at = lines[key].1;
    let mut entry_indent = None;
    let mut field_indent = None;
    for &(_, end, line) in &lines[key + 1..] {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let n = indent(line);
        if n == 0 {
            break;
        }
        match entry_indent {
            None => entry_indent = Some(n),
            Some(e) if n > e && field_indent.is_none() => field_indent = Some(n),
            _ => {}
        }
        insert_at = end;
    }
    let e = entry_indent.unwrap_or(2);
    let mut new_text = entry(e, field_indent.unwrap_or(e + 2));
    if !text[..insert_at].ends_with('\n') {
        new_text.insert_str(0, newline);
    }
    Some(TextEdit::insert(insert_at, new_text))
}

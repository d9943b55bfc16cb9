//! The cross-file index of id uses: which files refer to an id, and how often
//! (references, mentions, quotes). Updated one file at a time by diffing the
//! old and new file, so an edit touches only the ids whose use changed.

use super::File;
use crate::model::Speaker;
use crate::workspace::Content;
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// How one file uses one id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// References of any kind: mentions, speakers (`{@id}` and a resolved
    /// `{@}`), addressees, role organisations.
    pub refs: u32,
    /// `[text](@id)` mentions.
    pub mentions: u32,
    /// Attributions that make the id the speaker (non-speech marks excluded).
    pub quotes: u32,
}

/// The ids a file uses, with how.
pub fn usage_of(file: &File) -> HashMap<&str, Usage> {
    let mut out: HashMap<&str, Usage> = HashMap::new();
    match &file.content {
        Content::Article(article) => {
            for (r, _) in article.id_refs() {
                out.entry(&r.id).or_default().refs += 1;
            }
            for m in &article.mentions {
                out.entry(&m.id.id).or_default().mentions += 1;
            }
            for a in &article.attributions {
                if let Some(Speaker::Previous {
                    resolved: Some(id), ..
                }) = &a.speaker
                {
                    out.entry(id).or_default().refs += 1;
                }
                if let Some(id) = a.speaker_id()
                    && !a.is_non_speech()
                {
                    out.entry(id).or_default().quotes += 1;
                }
            }
        }
        Content::Registry(reg) => {
            for (r, _) in crate::model::org_refs(&reg.actors) {
                out.entry(&r.id).or_default().refs += 1;
            }
        }
        Content::Config(_) | Content::Unreadable(_) => {}
    }
    out
}

/// Files by the ids they use. Cloning shares the per-id tables, so a snapshot
/// costs one pointer per id, and an update copies only the tables it changes.
#[derive(Clone, Debug, Default)]
pub struct RefIndex {
    /// Keyed by path, one `Arc<Path>` per file shared by all its ids.
    by_id: HashMap<String, Arc<BTreeMap<Arc<Path>, Usage>>>,
}

impl RefIndex {
    /// Replaces what `old` contributed by what `new` contributes (same path;
    /// either may be absent).
    pub fn update(&mut self, old: Option<&File>, new: Option<&File>) {
        let Some(path) = new.or(old).map(|f| f.path.as_path()) else {
            return;
        };
        let old = old.map(usage_of).unwrap_or_default();
        let new = new.map(usage_of).unwrap_or_default();
        for id in old.keys() {
            if !new.contains_key(id) {
                self.remove(id, path);
            }
        }
        let mut key: Option<Arc<Path>> = None;
        for (id, usage) in &new {
            if old.get(id) != Some(usage) {
                let key = key.get_or_insert_with(|| Arc::from(path)).clone();
                let table = self.by_id.entry((*id).to_string()).or_default();
                Arc::make_mut(table).insert(key, *usage);
            }
        }
    }

    fn remove(&mut self, id: &str, path: &Path) {
        if let Some(table) = self.by_id.get_mut(id) {
            Arc::make_mut(table).remove(path);
            if table.is_empty() {
                self.by_id.remove(id);
            }
        }
    }

    /// The files that use `id`, in path order.
    pub fn users(&self, id: &str) -> impl Iterator<Item = (&Path, Usage)> {
        self.by_id
            .get(id)
            .into_iter()
            .flat_map(|t| t.iter().map(|(p, u)| (&**p, *u)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::FileKind;
    use std::path::PathBuf;

    fn article(path: &str, text: &str) -> File {
        File::new(PathBuf::from(path), FileKind::Article, Arc::from(text))
    }

    fn users(index: &RefIndex, id: &str) -> Vec<(String, Usage)> {
        index
            .users(id)
            .map(|(p, u)| (p.display().to_string(), u))
            .collect()
    }

    #[test]
    fn updates_follow_edits() {
        let mut index = RefIndex::default();
        let a1 = article(
            "/a.news.md",
            "[Lopez](@lopez) said “Hi.”{@lopez} “Yes.”{@}\n",
        );
        index.update(None, Some(&a1));
        assert_eq!(
            users(&index, "lopez"),
            [(
                "/a.news.md".into(),
                Usage {
                    refs: 3,
                    mentions: 1,
                    quotes: 2
                }
            )]
        );
        let a2 = article("/a.news.md", "[Biden](@biden) said it.\n");
        index.update(Some(&a1), Some(&a2));
        assert_eq!(users(&index, "lopez"), []);
        assert_eq!(users(&index, "biden").len(), 1);
        index.update(Some(&a2), None);
        assert_eq!(users(&index, "biden"), []);
        assert!(index.by_id.is_empty());
    }
}

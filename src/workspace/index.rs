//! The cross-file index of id uses: which files refer to an id, and how often
//! (references, mentions, quotes). Updated one file at a time by diffing the
//! old and new file, so an edit touches only the ids whose use changed.

use super::File;
use crate::model::Speaker;
use crate::workspace::Content;
use foldhash::{HashMap, HashMapExt};
use smol_str::SmolStr;
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
        Content::Article(_) => {
            let Some(article) = file.article() else {
                return out;
            };
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

/// The files that use an id, sorted by path.
type Users = Vec<(Arc<Path>, Usage)>;

/// Files by the ids they use. Cloning shares the per-id tables, so a snapshot
/// costs one pointer per id, and an update copies only the tables it changes.
#[derive(Clone, Debug, Default)]
pub struct RefIndex {
    /// Each id's users sorted by path, one `Arc<Path>` per file shared by
    /// all its ids. A sorted list rather than a B-tree: most ids have a
    /// handful of users, and a tree node alone is ten times their size. Ids
    /// are inline (`SmolStr`): nearly all are short.
    by_id: HashMap<SmolStr, Arc<Users>>,
}

/// What one file's update changes in a [`RefIndex`]: computed apart from
/// applying it, so that many files' deltas are found on every core.
#[derive(Debug)]
pub struct Delta<'a> {
    path: &'a Path,
    gone: Vec<&'a str>,
    changed: Vec<(&'a str, Usage)>,
}

impl<'a> Delta<'a> {
    /// How replacing `old` by `new` (same path; either may be absent)
    /// changes the index.
    pub fn between(old: Option<&'a File>, new: Option<&'a File>) -> Option<Delta<'a>> {
        let path = new.or(old).map(|f| f.path.as_path())?;
        let old = old.map(usage_of).unwrap_or_default();
        let new = new.map(usage_of).unwrap_or_default();
        let gone = old
            .keys()
            .filter(|id| !new.contains_key(*id))
            .copied()
            .collect();
        let changed = new
            .into_iter()
            .filter(|(id, usage)| old.get(id) != Some(usage))
            .collect();
        Some(Delta {
            path,
            gone,
            changed,
        })
    }
}

/// The ids one file uses, with how, kept apart from the file: found while
/// its model is at hand, put into the index after the model is let go.
#[derive(Debug, Default)]
pub struct Uses(Vec<(SmolStr, Usage)>);

impl Uses {
    pub fn of(file: &File) -> Uses {
        Uses(
            usage_of(file)
                .into_iter()
                .map(|(id, usage)| (SmolStr::new(id), usage))
                .collect(),
        )
    }
}

impl<'a> Delta<'a> {
    /// What a file new to the index adds to it.
    pub fn added(path: &'a Path, uses: &'a Uses) -> Delta<'a> {
        Delta {
            path,
            gone: Vec::new(),
            changed: uses.0.iter().map(|(id, u)| (id.as_str(), *u)).collect(),
        }
    }
}

impl RefIndex {
    /// Replaces what `old` contributed by what `new` contributes (same path;
    /// either may be absent).
    pub fn update(&mut self, old: Option<&File>, new: Option<&File>) {
        if let Some(delta) = Delta::between(old, new) {
            self.apply(delta);
        }
    }

    pub fn apply(&mut self, delta: Delta) {
        for id in delta.gone {
            self.remove(id, delta.path);
        }
        let mut key: Option<Arc<Path>> = None;
        for (id, usage) in delta.changed {
            let key = key.get_or_insert_with(|| Arc::from(delta.path)).clone();
            let table = match self.by_id.get_mut(id) {
                Some(table) => Arc::make_mut(table),
                None => Arc::make_mut(self.by_id.entry(SmolStr::new(id)).or_default()),
            };
            // Files usually come in path order: then this appends, and one
            // comparison with the last user says so (paths compare slowly,
            // component by component).
            if table.last().is_none_or(|(last, _)| **last < *delta.path) {
                table.push((key, usage));
                continue;
            }
            match table.binary_search_by(|(p, _)| (**p).cmp(delta.path)) {
                Ok(at) => table[at].1 = usage,
                Err(at) => table.insert(at, (key, usage)),
            }
        }
    }

    /// Gives back the room the lists grew for but did not fill: after a
    /// bulk build, which appends to them, they stay as they are until an
    /// edit (a list shared with a snapshot is left alone).
    pub fn shrink_to_fit(&mut self) {
        for table in self.by_id.values_mut() {
            if let Some(table) = Arc::get_mut(table) {
                table.shrink_to_fit();
            }
        }
        self.by_id.shrink_to_fit();
    }

    fn remove(&mut self, id: &str, path: &Path) {
        if let Some(table) = self.by_id.get_mut(id) {
            if let Ok(at) = table.binary_search_by(|(p, _)| (**p).cmp(path)) {
                Arc::make_mut(table).remove(at);
            }
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
        File::new(PathBuf::from(path), FileKind::Article, text)
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

    #[test]
    fn many_files_at_once_index_as_one_at_a_time() {
        use crate::workspace::Workspace;
        let registry = || {
            File::new(
                PathBuf::from("/actors.yaml"),
                FileKind::Registry,
                "p0:\n  name: Ann Zero\np1:\n  name: Bo One\n",
            )
        };
        let articles = |round: usize| {
            (0..150).map(move |i| {
                let (a, b) = (i % 3, (i + round) % 5);
                article(
                    &format!("/articles/{i:03}.news.md"),
                    &format!("[X](@p{a}) said “Hi.”{{@p{b}}} “Yes.”{{@}}\n"),
                )
            })
        };
        let mut bulk = Workspace::default();
        bulk.extend(std::iter::once(registry()).chain(articles(0)));
        // A second round replaces every article: the first round's uses go.
        bulk.extend(articles(1));
        let mut single = Workspace::default();
        single.set_file(registry());
        for file in articles(1) {
            single.set_file(file);
        }
        for id in ["p0", "p1", "p2", "p3", "p4"] {
            let bulk_users: Vec<_> = bulk.users(id).collect();
            let single_users: Vec<_> = single.users(id).collect();
            assert!(!single_users.is_empty(), "{id} is used");
            assert_eq!(bulk_users, single_users, "{id}");
        }
        assert_eq!(bulk.global_definitions("p1").len(), 1);
        assert_eq!(bulk.global_id_count(), 2);
    }
}

//! The set of files of a workspace and the id table across them. Texts come in
//! from the edges (disk or editor); nothing here reads a file.

pub mod config;
pub mod fixture;
pub mod index;
pub mod text;

use crate::model::{self, Article};
use crate::registry::{self, Actor, Problem, Registry};
use crate::text::{LineIndex, MAX_TEXT_LEN, TextRange};
pub use config::{Config, FileKind};
use foldhash::{HashMap, HashMapExt};
pub use index::{RefIndex, Usage, Uses};
use rayon::prelude::*;
use smol_str::SmolStr;
use std::any::Any;
use std::collections::BTreeMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
pub use text::{Packer, Text};

/// One file's text and what it means.
#[derive(Debug)]
pub struct File {
    pub path: PathBuf,
    pub text: Text,
    /// Line starts, computed when first asked for: `check` needs them only
    /// for the files it reports on.
    line_index: OnceLock<LineIndex>,
    pub content: Content,
}

#[derive(Debug)]
pub enum Content {
    Article(Derived),
    Registry(Registry),
    Config(Vec<Problem>),
    /// The file could not be read as text; the reason says why.
    Unreadable(String),
}

/// An article's model, derived from its text: built with the file, let go
/// by [`File::forget_model`] (the language server keeps a workspace's texts,
/// not the models of all its articles, which took more memory than the
/// texts), and derived again when next asked for.
#[derive(Debug, Default)]
pub struct Derived {
    model: OnceLock<Box<Article>>,
    /// The article-local actors of a model let go: every article's are read
    /// by workspace-wide questions (symbols, renames), and few articles have
    /// any.
    local_actors: Box<[Actor]>,
}

impl File {
    /// A file of `text`: a `String` of no spare capacity (as read from
    /// disk) becomes the file's text without a copy.
    pub fn new(path: PathBuf, kind: FileKind, text: impl Into<Box<str>>) -> File {
        let text = text.into();
        if let Some(reason) = too_long(text.len()) {
            return File::unreadable(path, reason);
        }
        let content = match kind {
            FileKind::Article => Content::Article(Derived {
                model: OnceLock::from(Box::new(model::lower(&text))),
                local_actors: Box::default(),
            }),
            FileKind::Registry => Content::Registry(registry::parse_registry(&text)),
            FileKind::Config => Content::Config(Config::parse(&text).1),
        };
        File::of(path, text, content)
    }

    fn of(path: PathBuf, text: Box<str>, content: Content) -> File {
        File {
            path,
            line_index: OnceLock::new(),
            text: text.into(),
            content,
        }
    }

    /// The registry at `path` whose text is now `text`, where `before` is
    /// the file as it was: when `text` only appends to it, only what was
    /// appended is read (see [`Registry::appended`]).
    pub fn registry_after(before: Option<&File>, path: PathBuf, text: String) -> File {
        if let Some(before) = before
            && let Some(registry) = before.registry()
            && let Some(suffix) = text.strip_prefix(&*before.text)
            && too_long(text.len()).is_none()
        {
            let content = Content::Registry(registry.appended(&before.text, suffix));
            return File::of(path, text.into_boxed_str(), content);
        }
        File::new(path, FileKind::Registry, text)
    }

    /// A file as it was read: its text, or why it could not be read.
    pub fn read(path: PathBuf, kind: FileKind, text: Result<String, String>) -> File {
        match text {
            Ok(text) => File::new(path, kind, text),
            Err(reason) => File::unreadable(path, reason),
        }
    }

    /// A file whose bytes are not UTF-8, that is too long, or could not be
    /// read at all.
    pub fn unreadable(path: PathBuf, reason: String) -> File {
        File::of(path, Box::default(), Content::Unreadable(reason))
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// `ask` of the line index, for a question put to many files (the
    /// places of an id's references): an index not at hand is made for this
    /// question alone, as [`File::with_article`] does with the model.
    pub fn with_line_index<R>(&self, ask: impl FnOnce(&LineIndex) -> R) -> R {
        match self.line_index.get() {
            Some(lines) => ask(lines),
            None => ask(&LineIndex::new(&self.text)),
        }
    }

    /// Whether the line index is at hand (made by [`File::line_index`], let
    /// go with the model).
    #[cfg(test)]
    pub fn has_line_index(&self) -> bool {
        self.line_index.get().is_some()
    }

    /// The article's model, derived from the text if it was let go.
    pub fn article(&self) -> Option<&Article> {
        match &self.content {
            Content::Article(d) => Some(d.model.get_or_init(|| Box::new(model::lower(&self.text)))),
            _ => None,
        }
    }

    /// `ask` of the article's model, for a question a workspace-wide query
    /// puts to many articles: a model that was let go is derived for this
    /// question alone and let go again, so that finding the references of a
    /// much-used id does not keep the model of every article that uses it.
    pub fn with_article<R>(&self, ask: impl FnOnce(&Article) -> R) -> Option<R> {
        match &self.content {
            Content::Article(d) => Some(match d.model.get() {
                Some(model) => ask(model),
                None => ask(&model::lower(&self.text)),
            }),
            _ => None,
        }
    }

    pub fn is_article(&self) -> bool {
        matches!(self.content, Content::Article(_))
    }

    /// Lets go of what is derived from the text (an article's model but
    /// its local actors, the line index): a workspace that holds many files
    /// derives them again for the few it is asked about.
    pub fn forget_model(&mut self) {
        self.line_index = OnceLock::new();
        if let Content::Article(d) = &mut self.content
            && let Some(model) = d.model.take()
        {
            d.local_actors = model.local_actors.into_boxed_slice();
        }
    }

    /// Whether the article's model is at hand (always, but after
    /// [`File::forget_model`]).
    pub fn has_model(&self) -> bool {
        match &self.content {
            Content::Article(d) => d.model.get().is_some(),
            _ => true,
        }
    }

    /// A copy of this article with its model derived anew, for one
    /// analysis that should not keep the model in the workspace's file;
    /// `None` when the model is at hand (use the file itself).
    pub fn derived_copy(&self) -> Option<File> {
        (!self.has_model()).then(|| File::new(self.path.clone(), FileKind::Article, &*self.text))
    }

    pub fn registry(&self) -> Option<&Registry> {
        match &self.content {
            Content::Registry(r) => Some(r),
            _ => None,
        }
    }

    /// The actors this file defines: a registry's, or an article's local ones.
    /// The article-local actor `id`, if this is an article that has one:
    /// read without deriving a model that was let go (workspace-wide
    /// questions ask it of every article).
    pub fn local_actor(&self, id: &str) -> Option<&Actor> {
        match &self.content {
            Content::Article(_) => self.actors().iter().find(|a| a.id == id),
            _ => None,
        }
    }

    pub fn actors(&self) -> &[Actor] {
        match &self.content {
            Content::Article(d) => d.model.get().map_or(&d.local_actors, |a| &a.local_actors),
            Content::Registry(r) => &r.actors,
            _ => &[],
        }
    }
}

/// Builds a workspace's registries and reads its articles at the same time,
/// on every core, and hands each article with the registries' workspace to
/// `each` as soon as the registries are ready: an article made before then
/// waits (made) for them. `registries` builds the registries' workspace;
/// `then` works on it as soon as it is built, alongside the articles; `make`
/// turns an article's job (say, a path to read) into its file. An article's
/// findings depend on the registries and the config alone, so this is how
/// `check` and the language server's indexing analyse each article once,
/// while it is at hand. Returns the registries' workspace, what `then`
/// returned, and what `each` returned for every article, in order.
pub fn alongside_registries<J: Send, T: Send, R: Send>(
    registries: impl FnOnce() -> Workspace + Send,
    then: impl FnOnce(&Workspace) -> T + Send,
    articles: Vec<J>,
    make: impl Fn(J) -> File + Sync,
    each: impl Fn(&Workspace, File) -> R + Sync,
) -> (Workspace, T, Vec<R>) {
    /// An article analysed, or waiting for the registries.
    enum Made<R> {
        Done(R),
        Waiting(File),
    }
    let built: OnceLock<Workspace> = OnceLock::new();
    let (after, early) = rayon::join(
        || then(built.get_or_init(registries)),
        || {
            articles
                .into_par_iter()
                .map(|job| {
                    let file = make(job);
                    match built.get() {
                        Some(ws) => Made::Done(each(ws, file)),
                        None => Made::Waiting(file),
                    }
                })
                .collect::<Vec<_>>()
        },
    );
    let ws = built
        .into_inner()
        .expect("the registries are built before the join returns");
    let done = early
        .into_par_iter()
        .map(|made| match made {
            Made::Done(done) => done,
            Made::Waiting(file) => each(&ws, file),
        })
        .collect();
    (ws, after, done)
}

/// Why a text of `len` bytes is not read, if it is longer than ranges can
/// point into.
fn too_long(len: usize) -> Option<String> {
    (len > MAX_TEXT_LEN).then(|| {
        format!("it is {len} bytes long, more than the {MAX_TEXT_LEN} bytes (4 GiB) newsmark reads")
    })
}

/// Where an id is defined.
#[derive(Clone, Debug)]
pub struct Definition {
    /// The registry file itself, so that resolving needs no path lookup.
    file: Arc<File>,
    /// Index into the file's [`File::actors`].
    pub index: usize,
    /// The defining key.
    pub range: TextRange,
}

impl Definition {
    /// The registry file that defines the id.
    pub fn path(&self) -> &Path {
        &self.file.path
    }
}

/// A workspace: files by path, the config, and the table of global ids.
/// Cloning is cheap (files are shared), so a clone is an immutable snapshot.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// The config of files outside every folder of `folder_configs`.
    pub config: Arc<Config>,
    /// Folders whose files follow a config of their own (the language
    /// server's workspace folders, each with its `newsmark.toml`), the
    /// deepest first.
    folder_configs: Arc<[(PathBuf, Arc<Config>)]>,
    files: BTreeMap<PathBuf, Arc<File>>,
    /// Registry ids: every definition, in path order.
    globals: Arc<HashMap<SmolStr, OneOrMore<Definition>>>,
    /// Registry ids by the names and aliases of their actors.
    names: Arc<HashMap<SmolStr, OneOrMore<SmolStr>>>,
    /// Registry ids sorted by length, so that "did you mean" reads only the
    /// ids of about the right length.
    ids_by_len: Arc<[SmolStr]>,
    /// Which files use which ids.
    refs: Arc<RefIndex>,
    /// One table derived from the registries by an analysis (built on first
    /// use, dropped when a registry changes), so that per-article work does
    /// not rebuild it from thousands of actors.
    registry_memo: Arc<Memo>,
}

/// A list that nearly always holds one item, as the definitions of an id or
/// the ids of a name do: that item is stored in place, with no allocation
/// and no pointer to follow when it is read. The tables of such lists live
/// until a registry changes, with one list per registry actor, and are read
/// for every id an article uses.
#[derive(Clone, Debug)]
pub(crate) enum OneOrMore<T> {
    One(T),
    /// Two items or more.
    More(Vec<T>),
}

impl<T> OneOrMore<T> {
    pub(crate) fn push(&mut self, item: T) {
        // `Vec::new` does not allocate: the placeholder costs nothing.
        *self = match std::mem::replace(self, OneOrMore::More(Vec::new())) {
            OneOrMore::One(one) => OneOrMore::More(vec![one, item]),
            OneOrMore::More(mut all) => {
                all.push(item);
                OneOrMore::More(all)
            }
        };
    }

    /// Adds `item` to the list of `key` (a new list when there is none),
    /// unless `present` says the list already has it.
    pub(crate) fn add_to<K: Hash + Eq, S: BuildHasher>(
        map: &mut std::collections::HashMap<K, OneOrMore<T>, S>,
        key: K,
        item: T,
        present: impl FnOnce(&[T]) -> bool,
    ) {
        match map.entry(key) {
            Entry::Occupied(mut list) => {
                if !present(list.get().as_slice()) {
                    list.get_mut().push(item);
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(OneOrMore::One(item));
            }
        }
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        match self {
            OneOrMore::One(one) => std::slice::from_ref(one),
            OneOrMore::More(all) => all,
        }
    }

    fn insert(&mut self, at: usize, item: T) {
        *self = match std::mem::replace(self, OneOrMore::More(Vec::new())) {
            OneOrMore::One(one) if at == 0 => OneOrMore::More(vec![item, one]),
            OneOrMore::One(one) => OneOrMore::More(vec![one, item]),
            OneOrMore::More(mut all) => {
                all.insert(at, item);
                OneOrMore::More(all)
            }
        };
    }

    fn as_mut_slice(&mut self) -> &mut [T] {
        match self {
            OneOrMore::One(one) => std::slice::from_mut(one),
            OneOrMore::More(all) => all,
        }
    }
}

/// From this many files on, [`Workspace::extend`] works on every core.
const BULK: usize = 64;

/// The tables of registry ids, built from the registries among some files.
struct Globals {
    definitions: HashMap<SmolStr, OneOrMore<Definition>>,
    names: HashMap<SmolStr, OneOrMore<SmolStr>>,
    ids_by_len: Vec<SmolStr>,
}

impl Globals {
    fn of(files: &BTreeMap<PathBuf, Arc<File>>) -> Globals {
        // Sized once: a registry of 20,000 actors would grow each table
        // a dozen times.
        let actors: usize = files
            .values()
            .filter_map(|f| Some(f.registry()?.actors.len()))
            .sum();
        let mut definitions: HashMap<SmolStr, OneOrMore<Definition>> =
            HashMap::with_capacity(actors);
        let mut names: HashMap<SmolStr, OneOrMore<SmolStr>> = HashMap::with_capacity(actors);
        for file in files.values() {
            let Some(reg) = file.registry() else { continue };
            for (index, actor) in reg.actors.iter().enumerate() {
                for name in actor.name.iter().chain(&actor.aliases) {
                    OneOrMore::add_to(&mut names, name.clone(), actor.id.clone(), |ids| {
                        ids.contains(&actor.id)
                    });
                }
                let definition = Definition {
                    file: file.clone(),
                    index,
                    range: actor.id_range,
                };
                OneOrMore::add_to(&mut definitions, actor.id.clone(), definition, |_| false);
            }
        }
        let mut ids_by_len: Vec<SmolStr> = definitions.keys().cloned().collect();
        ids_by_len.sort_unstable_by_key(|id| id.len());
        Globals {
            definitions,
            names,
            ids_by_len,
        }
    }
}

/// A table derived from the registries' actors that can take more of them
/// (see [`Workspace::registry_memo`]).
pub trait RegistryTable: Any + Send + Sync + Clone {
    /// Adds `actors`: the table becomes what building it with them there
    /// gives, which must not depend on the order of the registries' actors.
    fn add_actors(&mut self, actors: &[Actor]);
}

type Table = Arc<dyn Any + Send + Sync>;

/// How actors are added to a [`Table`] (see [`add_to_table`]).
type AddActors = fn(&mut Table, &[Actor]);

/// The first registry (in path order) where actor `id` has this name or
/// alias.
fn first_named<'d>(
    definitions: &'d HashMap<SmolStr, OneOrMore<Definition>>,
    id: &str,
    name: &str,
) -> Option<&'d Path> {
    definitions
        .get(id)
        .map_or(&[][..], OneOrMore::as_slice)
        .iter()
        .filter(|d| {
            let a = &d.file.actors()[d.index];
            a.name.as_deref() == Some(name) || a.aliases.iter().any(|x| x == name)
        })
        .map(Definition::path)
        .min()
}

/// The slot of [`Workspace::registry_memo`]: the table, and how to add
/// actors to it.
#[derive(Default)]
struct Memo(OnceLock<(Table, AddActors)>);

impl Memo {
    /// Adds the `actors` the registries gained to the memo, in place unless
    /// another workspace shares it.
    fn add_actors(memo: &mut Arc<Memo>, actors: &[Actor]) {
        if Arc::get_mut(memo).is_none() {
            let copy = Memo::default();
            if let Some(built) = memo.0.get() {
                let _ = copy.0.set(built.clone());
            }
            *memo = Arc::new(copy);
        }
        let slot = Arc::get_mut(memo).expect("the memo is this workspace's alone");
        if let Some((table, add)) = slot.0.get_mut() {
            add(table, actors);
        }
    }
}

/// [`RegistryTable::add_actors`] on a type-erased table of type `T`: in
/// place unless another memo shares it.
fn add_to_table<T: RegistryTable>(table: &mut Table, actors: &[Actor]) {
    if let Some(t) = Arc::get_mut(table).and_then(|t| t.downcast_mut::<T>()) {
        t.add_actors(actors);
    } else if let Some(t) = table.downcast_ref::<T>() {
        let mut t = t.clone();
        t.add_actors(actors);
        *table = Arc::new(t);
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "Memo(built)"
        } else {
            "Memo(empty)"
        })
    }
}

impl Workspace {
    pub fn new(config: Config) -> Self {
        Workspace {
            config: Arc::new(config),
            ..Workspace::default()
        }
    }

    /// Builds a workspace from texts, parsing them on every core.
    pub fn from_texts(
        config: Config,
        texts: Vec<(PathBuf, FileKind, Result<String, String>)>,
    ) -> Self {
        let files: Vec<File> = texts
            .into_par_iter()
            .map(|(path, kind, text)| File::read(path, kind, text))
            .collect();
        let mut ws = Workspace::new(config);
        ws.extend(files);
        ws
    }

    /// Adds or replaces many files, rebuilding the id table once. The
    /// reference index's changes are found on every core, and applied while
    /// another core rebuilds the id table.
    pub fn extend(&mut self, files: impl IntoIterator<Item = File>) {
        let mut registry_changed = false;
        let mut changed: Vec<(Arc<File>, Option<Arc<File>>)> = files
            .into_iter()
            .map(|file| {
                let file = Arc::new(file);
                let old = self.files.insert(file.path.clone(), file.clone());
                registry_changed |= file.registry().is_some()
                    || old.as_ref().is_some_and(|o| o.registry().is_some());
                (file, old)
            })
            .collect();
        let refs = Arc::make_mut(&mut self.refs);
        if changed.len() < BULK {
            // An edit: no thread pool (a caller may hold a lock meanwhile).
            for (new, old) in &changed {
                refs.update(old.as_deref(), Some(new));
            }
            let appended = match changed.as_slice() {
                [(new, Some(old))] => self.add_appended(old, new),
                _ => false,
            };
            if registry_changed && !appended {
                self.rebuild_globals();
            }
            return;
        }
        // In path order, each file's uses are appended to the index's lists.
        changed.par_sort_unstable_by(|a, b| a.0.path.cmp(&b.0.path));
        let deltas: Vec<index::Delta> = changed
            .par_iter()
            .with_min_len(BULK)
            .filter_map(|(new, old)| index::Delta::between(old.as_deref(), Some(new)))
            .collect();
        let files = &self.files;
        let ((), globals) = rayon::join(
            || {
                deltas.into_iter().for_each(|d| refs.apply(d));
                refs.shrink_to_fit();
            },
            || registry_changed.then(|| Globals::of(files)),
        );
        if let Some(globals) = globals {
            self.install_globals(globals);
        }
    }

    /// Adds files whose uses of ids were found before (with
    /// [`Uses::of`], while their models were at hand): the language server
    /// indexes a workspace's articles as it reads them and lets their models
    /// go. Replaces a file already held; of a path given twice, one is kept.
    pub fn extend_with_uses(&mut self, mut files: Vec<(File, Uses)>) {
        files.par_sort_unstable_by(|a, b| a.0.path.cmp(&b.0.path));
        files.dedup_by(|a, b| a.0.path == b.0.path);
        let refs = Arc::make_mut(&mut self.refs);
        let mut registry_changed = false;
        let mut added = Vec::with_capacity(files.len());
        for (file, uses) in files {
            registry_changed |= file.registry().is_some();
            if let Some(old) = self.files.remove(&file.path) {
                registry_changed |= old.registry().is_some();
                refs.update(Some(&old), None);
            }
            refs.apply(index::Delta::added(&file.path, &uses));
            added.push((file.path.clone(), Arc::new(file)));
        }
        // In path order, a bulk load's map is built in one pass and merged
        // with the files held (of an indexing run: the registries alone);
        // inserting 100,000 articles one by one was most of this step. A
        // merge rebuilds the whole map: a few files go in one by one.
        if added.len() < self.files.len() {
            self.files.extend(added);
        } else {
            self.files.append(&mut added.into_iter().collect());
        }
        refs.shrink_to_fit();
        if registry_changed {
            self.rebuild_globals();
        }
    }

    /// Adds articles new to the workspace for their text and findings only,
    /// without indexing which ids they use: `check` keeps just the articles
    /// it reports on, so an index of them would answer no question, and
    /// building it was the longest serial step after the last article.
    /// Anything else (a registry, an article already held) goes through
    /// [`Workspace::extend`].
    pub fn extend_unindexed(&mut self, files: Vec<File>) {
        let (new, other): (Vec<File>, Vec<File>) = files
            .into_iter()
            .partition(|f| f.article().is_some() && !self.files.contains_key(&f.path));
        for file in new {
            self.files.insert(file.path.clone(), Arc::new(file));
        }
        if !other.is_empty() {
            self.extend(other);
        }
    }

    /// Adds or replaces a file.
    pub fn set_file(&mut self, file: File) {
        self.extend([file]);
    }

    pub fn remove_file(&mut self, path: &Path) -> Option<Arc<File>> {
        let old = self.files.remove(path)?;
        Arc::make_mut(&mut self.refs).update(Some(&old), None);
        if old.registry().is_some() {
            self.rebuild_globals();
        }
        Some(old)
    }

    pub fn set_config(&mut self, config: Config) {
        self.config = Arc::new(config);
    }

    /// Gives the files under each folder the config of that folder (the
    /// deepest folder holding a file decides).
    pub fn set_folder_configs(&mut self, configs: Vec<(PathBuf, Config)>) {
        let mut configs: Vec<_> = configs
            .into_iter()
            .map(|(folder, config)| (folder, Arc::new(config)))
            .collect();
        configs.sort_by_key(|(folder, _)| std::cmp::Reverse(folder.components().count()));
        self.folder_configs = configs.into();
    }

    /// The config that rules a file: its folder's, else the workspace's.
    pub fn config_for(&self, path: &Path) -> &Config {
        self.folder_configs
            .iter()
            .find(|(folder, _)| path.starts_with(folder))
            .map_or(&self.config, |(_, config)| config)
    }

    /// The table `build` derives from the registries, built once per
    /// registry state; when a registry only gains actors, they are added to
    /// it. Holds one type: a second type is built uncached.
    pub fn registry_memo<T: RegistryTable>(&self, build: impl FnOnce(&Workspace) -> T) -> Arc<T> {
        if let Some((any, _)) = self.registry_memo.0.get() {
            return any
                .clone()
                .downcast::<T>()
                .unwrap_or_else(|_| Arc::new(build(self)));
        }
        let built = Arc::new(build(self));
        let _ = self.registry_memo.0.set((built.clone(), add_to_table::<T>));
        built
    }

    /// When registry `new` is `old` with actors added at its end (what
    /// `annotate` does for each article it drafts), adds them to the tables
    /// instead of building the tables again from every registry, in the
    /// order a rebuild gives. Declines (`false`) anything else, and new
    /// actors whose ids are taken.
    fn add_appended(&mut self, old: &Arc<File>, new: &Arc<File>) -> bool {
        let (Some(before), Some(after)) = (old.registry(), new.registry()) else {
            return false;
        };
        let kept = before.actors.len();
        if after.actors.len() <= kept || after.actors[..kept] != before.actors[..] {
            return false;
        }
        let added = &after.actors[kept..];
        let mut new_ids: Vec<&SmolStr> = added.iter().map(|a| &a.id).collect();
        new_ids.sort_unstable();
        new_ids.dedup();
        let free =
            new_ids.len() == added.len() && added.iter().all(|a| !self.globals.contains_key(&a.id));
        if !free {
            return false;
        }
        let definitions = Arc::make_mut(&mut self.globals);
        // The registry's other actors are defined in the new file now.
        for actor in &before.actors {
            for d in definitions
                .get_mut(&actor.id)
                .map_or(&mut [][..], OneOrMore::as_mut_slice)
            {
                if Arc::ptr_eq(&d.file, old) {
                    d.file = new.clone();
                }
            }
        }
        let names = Arc::make_mut(&mut self.names);
        for (i, actor) in added.iter().enumerate() {
            for name in actor.name.iter().chain(&actor.aliases) {
                match names.get_mut(name) {
                    // Where a rebuild would put it: after the ids first named
                    // so in this file or one before it (in path order).
                    Some(ids) if !ids.as_slice().contains(&actor.id) => {
                        let later = ids.as_slice().iter().position(|id| {
                            first_named(definitions, id, name)
                                .is_some_and(|p| p > new.path.as_path())
                        });
                        ids.insert(later.unwrap_or(ids.as_slice().len()), actor.id.clone());
                    }
                    Some(_) => {}
                    None => {
                        names.insert(name.clone(), OneOrMore::One(actor.id.clone()));
                    }
                }
            }
            let definition = Definition {
                file: new.clone(),
                index: kept + i,
                range: actor.id_range,
            };
            definitions.insert(actor.id.clone(), OneOrMore::One(definition));
        }
        let mut ids_by_len: Vec<SmolStr> = self.ids_by_len.to_vec();
        ids_by_len.extend(new_ids.into_iter().cloned());
        ids_by_len.sort_by_key(|id| id.len());
        self.ids_by_len = ids_by_len.into();
        Memo::add_actors(&mut self.registry_memo, added);
        true
    }

    fn rebuild_globals(&mut self) {
        self.install_globals(Globals::of(&self.files));
    }

    fn install_globals(&mut self, globals: Globals) {
        self.registry_memo = Arc::default();
        self.ids_by_len = globals.ids_by_len.into();
        self.globals = Arc::new(globals.definitions);
        self.names = Arc::new(globals.names);
    }

    pub fn file(&self, path: &Path) -> Option<&Arc<File>> {
        self.files.get(path)
    }

    pub fn files(&self) -> impl Iterator<Item = &Arc<File>> {
        self.files.values()
    }

    pub fn articles(&self) -> impl Iterator<Item = (&Arc<File>, &Article)> {
        self.files.values().filter_map(|f| Some((f, f.article()?)))
    }

    /// Registry definitions of an id (more than one is a duplicate).
    pub fn global_definitions(&self, id: &str) -> &[Definition] {
        self.globals.get(id).map_or(&[], OneOrMore::as_slice)
    }

    /// How many registry ids there are (without reading them).
    pub fn global_id_count(&self) -> usize {
        self.globals.len()
    }

    /// Registry ids whose length lies in `lengths`.
    pub fn global_ids_of_len(
        &self,
        lengths: std::ops::RangeInclusive<usize>,
    ) -> impl Iterator<Item = &str> {
        let from = self
            .ids_by_len
            .partition_point(|id| id.len() < *lengths.start());
        let to = self
            .ids_by_len
            .partition_point(|id| id.len() <= *lengths.end());
        self.ids_by_len[from..to.max(from)].iter().map(|id| &**id)
    }

    /// Registry ids whose actor has this exact name or alias.
    pub fn ids_named(&self, name: &str) -> &[SmolStr] {
        self.names.get(name).map_or(&[], OneOrMore::as_slice)
    }

    /// Which files use `id`, and how, in path order.
    pub fn users(&self, id: &str) -> impl Iterator<Item = (&Path, Usage)> {
        self.refs.users(id)
    }

    /// The definition an id refers to from a file: the file's own local actor
    /// first, else the first registry definition.
    pub fn resolve(&self, from: &Path, id: &str) -> Option<(&File, &Actor)> {
        match self.files.get(from) {
            Some(file) => self.resolve_in(file, id),
            None => self.resolve_global(id),
        }
    }

    /// [`Workspace::resolve`] for a file already in hand (no path lookup).
    pub fn resolve_in<'a>(&'a self, from: &'a File, id: &str) -> Option<(&'a File, &'a Actor)> {
        if let Some(actor) = from.local_actor(id) {
            return Some((from, actor));
        }
        self.resolve_global(id)
    }

    /// The first registry definition of an id.
    fn resolve_global(&self, id: &str) -> Option<(&File, &Actor)> {
        let def = self.global_definitions(id).first()?;
        Some((&def.file, def.file.actors().get(def.index)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registry_that_gains_actors_reads_as_it_would_read_whole() {
        let path = PathBuf::from("/actors.yaml");
        let before = "lopez:\n  name: Maria Lopez\n  aliases: [Lopez]\n";
        let after = format!(
            "{before}reyes:\n  name: Ana Reyes\n  aliases: [the mayor, Reyes]\nreyes-aide:\n  name: An aide\n"
        );
        // Registries before and after it in path order share a name with
        // the new actors: the ids named so keep a rebuild's order.
        let others = || {
            [
                (
                    "/0.actors.yaml",
                    "ortiz:\n  name: Luz Ortiz\n  aliases: [Reyes]\n",
                ),
                (
                    "/b.actors.yaml",
                    "smith:\n  name: Jo Smith\n  aliases: [Reyes]\n",
                ),
            ]
            .map(|(p, t)| File::new(PathBuf::from(p), FileKind::Registry, t))
        };
        let mut grown = Workspace::default();
        grown.extend([File::new(path.clone(), FileKind::Registry, before)]);
        grown.extend(others());
        // The name table is built, so that it is grown too.
        let names = crate::attribution::Names::of_workspace(&grown);
        assert_eq!(names.lookup("Ana Reyes"), None);
        let old = grown.file(&path).cloned().expect("read");
        let file = File::registry_after(Some(&old), path.clone(), after.clone());
        grown.set_file(file);
        let mut whole = Workspace::default();
        whole.extend([File::new(path.clone(), FileKind::Registry, after)]);
        whole.extend(others());
        assert_eq!(whole.ids_named("Reyes"), ["ortiz", "reyes", "smith"]);

        assert_eq!(Arc::strong_count(&old), 1, "the old file is let go");
        for id in ["lopez", "reyes", "reyes-aide", "smith", "nobody"] {
            let defs = |ws: &Workspace| -> Vec<(PathBuf, usize, TextRange, String)> {
                ws.global_definitions(id)
                    .iter()
                    .map(|d| {
                        let name = d.file.actors()[d.index].display_name().to_string();
                        (d.path().to_path_buf(), d.index, d.range, name)
                    })
                    .collect()
            };
            assert_eq!(defs(&grown), defs(&whole), "{id}");
        }
        for name in [
            "Maria Lopez",
            "Lopez",
            "Ana Reyes",
            "the mayor",
            "Reyes",
            "Jo Smith",
        ] {
            assert_eq!(grown.ids_named(name), whole.ids_named(name), "{name}");
        }
        for len in 0..12 {
            let ids = |ws: &Workspace| {
                let mut ids: Vec<String> = ws
                    .global_ids_of_len(len..=len)
                    .map(str::to_string)
                    .collect();
                ids.sort();
                ids
            };
            assert_eq!(ids(&grown), ids(&whole), "ids of length {len}");
        }
        let (grown, whole) = (
            crate::attribution::Names::of_workspace(&grown),
            crate::attribution::Names::of_workspace(&whole),
        );
        for name in ["Ana Reyes", "the mayor", "Reyes", "Maria Lopez", "Jo Smith"] {
            assert_eq!(grown.lookup(name), whole.lookup(name), "{name}");
        }
        assert_eq!(grown.lookup("Ana Reyes"), Some("reyes"));
    }

    #[test]
    fn a_local_actor_is_found_without_deriving_a_model_again() {
        let text = "---\nactors:\n  aide:\n    name: An aide\n---\n“No.”{@aide}\n";
        let mut file = File::new(PathBuf::from("/a.news.md"), FileKind::Article, text);
        file.forget_model();
        assert_eq!(
            file.local_actor("aide").map(|a| a.id.as_str()),
            Some("aide")
        );
        assert!(file.local_actor("ann").is_none());
        assert!(!file.has_model());
    }

    #[test]
    fn unindexed_articles_are_held_and_registries_still_define_ids() {
        let article = |path: &str| {
            File::new(
                PathBuf::from(path),
                FileKind::Article,
                "[Ann](@ann) said “Yes.”{@ann}",
            )
        };
        let mut ws = Workspace::default();
        ws.extend_unindexed(vec![
            article("/a.news.md"),
            File::new(
                PathBuf::from("/actors.yaml"),
                FileKind::Registry,
                "ann:\n  name: Ann\n",
            ),
        ]);
        // The article is held, its uses are not indexed.
        assert!(ws.file(Path::new("/a.news.md")).is_some());
        assert_eq!(ws.users("ann").count(), 0);
        // The registry went through `extend`: its id is defined.
        let (file, actor) = ws.resolve(Path::new("/a.news.md"), "ann").expect("defined");
        assert_eq!(
            (file.path.as_path(), actor.id.as_str()),
            (Path::new("/actors.yaml"), "ann")
        );
        // An article already held is replaced and indexed like any edit.
        ws.set_file(article("/b.news.md"));
        ws.extend_unindexed(vec![article("/b.news.md")]);
        assert_eq!(ws.users("ann").count(), 1);
    }

    #[test]
    fn a_model_let_go_is_derived_again_the_same() {
        let text =
            "---\nactors:\n  aide-1:\n    anonymous: true\n---\n[Ann](@ann) said “Yes.”{@aide-1}\n";
        let mut file = File::new(PathBuf::from("/a.news.md"), FileKind::Article, text);
        let model = format!("{:?}", file.article().unwrap());
        let line_index = file.line_index().clone();
        file.forget_model();
        assert!(!file.has_model());
        // The local actors stay at hand without the model.
        assert_eq!(file.actors().len(), 1);
        assert!(!file.has_model());
        // A copy takes the model; the file still has none.
        let copy = file.derived_copy().expect("a copy with its model");
        assert_eq!(format!("{:?}", copy.article().unwrap()), model);
        assert!(!file.has_model());
        // Asked for, the model is derived again.
        assert_eq!(format!("{:?}", file.article().unwrap()), model);
        assert!(file.has_model() && file.derived_copy().is_none());
        assert_eq!(*file.line_index(), line_index);
    }

    #[test]
    fn files_indexed_from_their_uses_are_indexed_as_by_extend() {
        let files = || {
            (0..3).map(|i| {
                File::new(
                    PathBuf::from(format!("/{i}.news.md")),
                    FileKind::Article,
                    format!("[Ann](@ann) said “Yes.”{{@p{i}}} “No.”{{@}}\n"),
                )
            })
        };
        let registry = || {
            File::new(
                PathBuf::from("/actors.yaml"),
                FileKind::Registry,
                "ann:\n  name: Ann\n",
            )
        };
        let mut extended = Workspace::default();
        extended.extend(files().chain([registry()]));
        let mut from_uses = Workspace::default();
        from_uses.extend_with_uses(
            files()
                .chain([registry()])
                .map(|mut f| {
                    let uses = Uses::of(&f);
                    f.forget_model();
                    (f, uses)
                })
                .collect(),
        );
        for id in ["ann", "p0", "p1", "p2"] {
            let a: Vec<_> = extended.users(id).collect();
            assert!(!a.is_empty());
            assert_eq!(a, from_uses.users(id).collect::<Vec<_>>(), "{id}");
        }
        assert_eq!(from_uses.global_definitions("ann").len(), 1);
        // Their models were let go, and are derived when asked for.
        let file = from_uses.file(Path::new("/1.news.md")).unwrap();
        assert!(!file.has_model());
        assert_eq!(file.article().unwrap().mentions.len(), 1);
        // A second batch that replaces a file and adds one before the others
        // (out of path order) leaves what `extend` leaves.
        let more = || {
            [
                File::new(
                    PathBuf::from("/1.news.md"),
                    FileKind::Article,
                    "[Bo](@p2)\n",
                ),
                File::new(
                    PathBuf::from("/0a.news.md"),
                    FileKind::Article,
                    "[Ann](@ann)\n",
                ),
            ]
        };
        extended.extend(more());
        let with_uses = |f: File| {
            let uses = Uses::of(&f);
            (f, uses)
        };
        from_uses.extend_with_uses(more().into_iter().map(with_uses).collect());
        for id in ["ann", "p0", "p1", "p2"] {
            let a: Vec<_> = extended.users(id).collect();
            assert_eq!(a, from_uses.users(id).collect::<Vec<_>>(), "{id}");
        }
        assert!(
            extended.users("p1").next().is_none(),
            "/1 no longer quotes p1"
        );
        let paths = |ws: &Workspace| ws.files().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&extended), paths(&from_uses));
        assert_eq!(paths(&from_uses).len(), 5);
    }

    #[test]
    fn one_or_more_keeps_every_item_in_order() {
        let mut list = OneOrMore::One("a");
        assert_eq!(list.as_slice(), ["a"]);
        list.push("b");
        assert_eq!(list.as_slice(), ["a", "b"]);
        list.push("c");
        assert_eq!(list.as_slice(), ["a", "b", "c"]);
    }

    #[test]
    fn texts_up_to_the_range_limit_are_read_and_longer_ones_are_not() {
        assert_eq!(too_long(MAX_TEXT_LEN), None);
        let reason = too_long(MAX_TEXT_LEN + 1).expect("one byte too long");
        assert!(reason.contains("4 GiB"), "{reason}");
        // Every offset of a text that is read fits a range.
        let end = TextRange::new(MAX_TEXT_LEN, MAX_TEXT_LEN);
        assert_eq!(end.end(), MAX_TEXT_LEN);
    }
}

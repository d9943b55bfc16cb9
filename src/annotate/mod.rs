//! `newsmark annotate` and the editor's "Annotate article": a draft of an
//! article's annotation, read from its prose by the attribution engine.
//! Pure: a workspace snapshot in, the drafted texts (article and registry)
//! and a report out; the edges write them.
//!
//! A draft adds annotations and nothing else: front matter with a `title`
//! when there is none, an attribution for every quotation whose speaker the
//! prose names (`{@id}`, `{@}` where the same speaker goes on, `.partial`
//! for a quote inside reported speech), a new actor for a speaker no
//! registry knows (named: in the registry, or the front matter with
//! `local`; unnamed: an anonymous source in the front matter), `.scare`,
//! `.title` or `.term` where the words before a quotation make it certain,
//! and a link on each actor's first mention (every mention with
//! `link_all`). [`strip`] takes exactly that away again.
//!
//! It runs in passes until one adds nothing: an actor made in one pass
//! lets the next resolve "she said" or a surname through the registry. A
//! second run therefore finds nothing to add.

mod entry;
pub mod strip;
mod title;

#[cfg(test)]
mod tests;

use crate::analysis::fix::{
    self, Certainty, Entry, FileEdit, Fix, FixKind, PlainMention, TextEdit, add_item, apply,
};
use crate::attribution::{NonSpeech, Outcome, Pattern, Profile, Suggester, Suggestion};
use crate::model::{self, Article, Speaker};
use crate::registry;
use crate::syntax::{AttrTarget, QuoteKind, SyntaxErrorKind};
use crate::text::TextRange;
use crate::workspace::{File, FileKind, Workspace};
use smol_str::SmolStr;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
pub use strip::strip;

/// Passes before a draft stops even if the last one added something (each
/// adds only annotations, so they end; this bounds a pathological text).
const MAX_PASSES: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// New named actors go into the article's front matter, not a registry.
    pub local: bool,
    /// Link every mention of an actor, not only the first.
    pub link_all: bool,
}

/// An actor a draft made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub name: String,
    /// The registry it went to; `None`: the article's front matter.
    pub registry: Option<PathBuf>,
}

/// What a draft did to one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Front matter was added (the article had none).
    pub front_matter: bool,
    pub attributed: usize,
    /// Quotations marked `.scare`, `.title` or `.term`.
    pub marked: usize,
    pub linked: usize,
    pub created: Vec<Created>,
    /// Quotations left unattributed (ranges in the drafted text), and why.
    pub left: Vec<(TextRange, String)>,
}

/// A registry a draft adds actors to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryDraft {
    pub path: PathBuf,
    /// The file does not exist yet.
    pub create: bool,
    /// Its text before the draft (empty for a new file), and after.
    pub old: String,
    pub text: String,
}

/// The draft of one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub path: PathBuf,
    pub old: String,
    pub text: String,
    pub registry: Option<RegistryDraft>,
    pub report: Report,
}

impl Draft {
    /// Whether the draft changes anything.
    pub fn changed(&self) -> bool {
        self.old != self.text || self.registry.is_some()
    }

    /// The draft as edits of the files (the registry's first): small edits
    /// where the texts differ, so an editor keeps its cursor.
    pub fn edits(&self) -> Vec<FileEdit> {
        let mut out = Vec::new();
        if let Some(r) = &self.registry {
            out.push(FileEdit {
                path: r.path.clone(),
                create: r.create,
                edits: if r.create {
                    vec![TextEdit::insert(0, r.text.clone())]
                } else {
                    diff_edits(&r.old, &r.text)
                },
            });
        }
        if self.old != self.text {
            out.push(FileEdit {
                path: self.path.clone(),
                create: false,
                edits: diff_edits(&self.old, &self.text),
            });
        }
        out
    }
}

/// Drafts the annotation of the article at `path`. New named actors go to
/// the registry nearest the article (see [`fix::registry_for`]), or to a
/// registry made at `new_registry` when the workspace has none. `None` for
/// a path that is no article of the workspace.
pub fn draft(ws: &Workspace, path: &Path, options: &Options, new_registry: &Path) -> Option<Draft> {
    draft_in(ws.clone(), path, options, new_registry).1
}

/// [`draft`] in `ws` itself, which is given back as the draft leaves it:
/// with the article's new text and the registry's new actors. Nothing of
/// `ws` is copied, which drafting an archive one article after another
/// would do for each.
pub fn draft_in(
    ws: Workspace,
    path: &Path,
    options: &Options,
    new_registry: &Path,
) -> (Workspace, Option<Draft>) {
    let Some(file) = ws.file(path).cloned() else {
        return (ws, None);
    };
    if file.article().is_none() {
        return (ws, None);
    }
    let mut run = Run {
        ws,
        path: path.to_path_buf(),
        options: *options,
        new_registry: new_registry.to_path_buf(),
        registry: None,
        report: Report::default(),
        continuations: HashSet::new(),
    };
    let old = file.text.to_string();
    run.front_matter();
    for _ in 0..MAX_PASSES {
        let attributed = run.attribute();
        let linked = run.link();
        if !attributed && !linked {
            break;
        }
    }
    run.compact();
    run.left();
    let text = run.text().to_string();
    let registry = run.registry.take().map(|(path, create, old)| {
        let text = run
            .ws
            .file(&path)
            .map_or(String::new(), |f| f.text.to_string());
        RegistryDraft {
            path,
            create,
            old,
            text,
        }
    });
    let draft = Draft {
        path: path.to_path_buf(),
        old,
        text,
        registry: registry.filter(|r| r.old != r.text),
        report: run.report,
    };
    (run.ws, Some(draft))
}

/// "Create actor Chan Saveth (senior investigator, Adhoc) and attribute":
/// the quick fix for a quotation (index into the article's quotations)
/// whose suggested speaker the prose names and no registry knows. The
/// actor goes where [`draft`] would put it (a new registry beside the
/// article when the workspace has none).
pub fn create_speaker(ws: &Workspace, path: &Path, q: usize, s: &Suggestion) -> Option<Fix> {
    let file = ws.file(path)?;
    let article = file.article()?;
    let suggester = Suggester::of(ws, file)?;
    let profile = suggester.profile(s)?;
    let taken = |id: &str| fix::id_in_use(ws, path, article, id);
    let id = entry::unique(&entry::slug(&profile.name), taken);
    // As the draft does: the pronoun every quotation credited to that name
    // agrees on ("…,” she said), not only this one's.
    let votes: Vec<&str> = suggester
        .all()
        .into_iter()
        .filter_map(|(_, outcome)| match outcome {
            Outcome::Speaker(other) if !other.anonymous && other.name == s.name => {
                pronoun_word(&file.text, &other)
            }
            _ => None,
        })
        .collect();
    let pronoun = profile.pronoun.or_else(|| agreed(&votes));
    let org = profile.role.as_ref().and_then(|r| r.org.clone());
    let org = org.map(|o| org_ref(ws, &o, &[]).unwrap_or(o));
    let fields = entry::fields(&profile, pronoun, org);
    let mut what = Vec::new();
    if let Some(role) = &profile.role {
        what.push(role.title.clone());
        what.extend(role.org.clone());
    }
    let shown = if what.is_empty() {
        profile.name.clone()
    } else {
        format!("{} ({})", profile.name, what.join(", "))
    };
    let attribution = add_item(&file.text, article, q, &format!("@{id}"))?;
    let name = profile.name.clone();
    let registry_edit = match fix::registry_for(ws, path) {
        Some(r) => FileEdit {
            path: r.path.clone(),
            create: false,
            edits: vec![fix::append_entries(
                r,
                &entry::registry_text(&[(id.clone(), fields)]),
                &[(id.as_str(), name.as_str())],
            )?],
        },
        None => FileEdit {
            path: path.parent()?.join("actors.yaml"),
            create: true,
            edits: vec![TextEdit::insert(
                0,
                entry::registry_text(&[(id.clone(), fields)]),
            )],
        },
    };
    Some(Fix {
        title: format!("Create actor {shown} and attribute"),
        kind: FixKind::CreateSpeaker { id },
        certainty: Certainty::Suggested,
        edits: vec![
            registry_edit,
            FileEdit {
                path: path.to_path_buf(),
                create: false,
                edits: vec![attribution],
            },
        ],
    })
}

/// A draft under way: the workspace as drafted so far.
struct Run {
    ws: Workspace,
    path: PathBuf,
    options: Options,
    new_registry: PathBuf,
    /// The registry written to: its path, whether it is new, its old text.
    registry: Option<(PathBuf, bool, String)>,
    report: Report,
    /// Quotations (by their order among the top-level ones) attributed by
    /// this draft to the speaker of the quotation before.
    continuations: HashSet<usize>,
}

/// A quotation's attribution as planned in a pass.
struct Planned {
    q: usize,
    item: String,
    /// The actor it needs, when made in this pass.
    needs: Option<String>,
    speaker: Option<String>,
    /// The prose gives the speaker of the quotation before.
    continues: bool,
}

/// One pass's plan: attributions and marks, and the actors they need
/// (named ones with their profile and pronoun votes; anonymous entries).
#[derive(Default)]
struct Plan {
    planned: Vec<Planned>,
    named: Vec<(String, Profile, Vec<&'static str>)>,
    anonymous: Vec<Entry>,
    /// The `described_as` of each anonymous one, by id.
    described: HashMap<String, String>,
    marked: usize,
}

impl Run {
    fn file(&self) -> &File {
        self.ws
            .file(&self.path)
            .expect("the article stays in the workspace")
    }

    fn text(&self) -> &str {
        &self.file().text
    }

    fn article(&self) -> &Article {
        self.file().article().expect("the file stays an article")
    }

    fn set_article(&mut self, text: String) {
        self.ws
            .set_file(File::new(self.path.clone(), FileKind::Article, text));
    }

    /// Front matter with the title, for an article without one.
    fn front_matter(&mut self) {
        let text = self.text();
        if self.article().meta.range.is_some() {
            return;
        }
        // From the prose, so that the annotations of a draft change nothing.
        let Some(title) = title::title(&strip(text)) else {
            return;
        };
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let at = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let block = format!(
            "---{newline}title: {}{newline}---{newline}{newline}",
            entry::scalar(&title, false)
        );
        let new = apply(text, &[TextEdit::insert(at, block)]);
        let read = model::lower(&new);
        if read.meta.title.as_deref() == Some(title.as_str()) && read.problems.is_empty() {
            self.set_article(new);
            self.report.front_matter = true;
        }
    }

    /// One pass of attributions: what the prose says of every quotation
    /// still unattributed. Whether it added anything.
    fn attribute(&mut self) -> bool {
        let Some(file) = self.ws.file(&self.path).cloned() else {
            return false;
        };
        let Some(plan) = self.plan(&file) else {
            return false;
        };
        let Plan {
            mut planned,
            named,
            anonymous,
            described,
            marked,
        } = plan;
        let Some(article) = file.article() else {
            return false;
        };
        let text: &str = &file.text;
        // The actors' entries: named ones in the registry (or the front
        // matter), anonymous ones in the front matter.
        let mut local: Vec<Entry> = anonymous;
        let mut registered: Vec<Entry> = Vec::new();
        let mut names: HashMap<String, String> = described;
        let new_names: Vec<(String, String)> = named
            .iter()
            .map(|(id, p, _)| (p.name.clone(), id.clone()))
            .collect();
        for (id, profile, votes) in &named {
            names.insert(id.clone(), profile.name.clone());
            let pronoun = profile.pronoun.or_else(|| agreed(votes));
            let org = profile.role.as_ref().and_then(|r| r.org.clone());
            let org = org.map(|o| org_ref(&self.ws, &o, &new_names).unwrap_or(o));
            let fields = entry::fields(profile, pronoun, org);
            if self.options.local {
                local.push((id.clone(), fields));
            } else {
                registered.push((id.clone(), fields));
            }
        }
        let mut article_edits: Vec<TextEdit> = Vec::new();
        let mut failed: HashSet<String> = HashSet::new();
        if !local.is_empty() {
            // One that does not read back must not hold back the others.
            let ok = fix::add_local_actors(text, article, &local).is_some();
            if !ok {
                local.retain(|e| {
                    fix::add_local_actors(text, article, std::slice::from_ref(e)).is_some()
                });
            }
            match fix::add_local_actors(text, article, &local) {
                Some(e) => article_edits.push(e),
                None => local.clear(),
            }
        }
        let mut registry = None;
        if !registered.is_empty() {
            registry = self.registry_edit(&registered, &names);
            if registry.is_none() {
                let mut single = Vec::new();
                for e in registered.drain(..) {
                    if self
                        .registry_edit(std::slice::from_ref(&e), &names)
                        .is_some()
                    {
                        single.push(e);
                    }
                }
                registered = single;
                if !registered.is_empty() {
                    registry = self.registry_edit(&registered, &names);
                }
            }
        }
        let defined: HashSet<&String> = local.iter().chain(&registered).map(|(id, _)| id).collect();
        for p in &planned {
            if let Some(id) = &p.needs
                && !defined.contains(id)
            {
                failed.insert(id.clone());
            }
        }
        planned.retain(|p| p.needs.as_ref().is_none_or(|id| !failed.contains(id)));
        if planned.is_empty() {
            return false;
        }
        article_edits.extend(keep_previous(article, &planned));
        for p in &planned {
            article_edits.extend(add_item(text, article, p.q, &p.item));
        }
        let new_text = apply(text, &article_edits);
        if !reads_back(article, &new_text, planned.len()) {
            return false;
        }
        // The actors that a kept attribution needs.
        let needed: HashSet<&str> = planned.iter().filter_map(|p| p.needs.as_deref()).collect();
        for (id, _) in local.iter().chain(&registered) {
            if !needed.contains(id.as_str()) {
                continue;
            }
            let is_local = local.iter().any(|(l, _)| l == id);
            self.report.created.push(Created {
                id: id.clone(),
                name: names.get(id).cloned().unwrap_or_default(),
                registry: if is_local {
                    None
                } else {
                    registry.as_ref().map(|(p, _)| p.clone())
                },
            });
        }
        let order = top_level(article);
        for p in &planned {
            if p.continues
                && let Some(&n) = order.get(&p.q)
            {
                self.continuations.insert(n);
            }
        }
        self.report.attributed += planned.iter().filter(|p| p.speaker.is_some()).count();
        self.report.marked += marked;
        if let Some((path, text)) = registry {
            let file = File::registry_after(self.ws.file(&path).map(|f| &**f), path, text);
            self.ws.set_file(file);
        }
        self.set_article(new_text);
        true
    }

    /// What the prose says of each quotation still unattributed: the
    /// attributions and marks to add, and the actors they need.
    fn plan(&self, file: &File) -> Option<Plan> {
        let ws = &self.ws;
        let path = &self.path;
        let suggester = Suggester::of(ws, file)?;
        let article = suggester.article();
        let text: &str = &file.text;
        let mut plan = Plan::default();
        let mut taken: Vec<String> = Vec::new();
        let mut descriptions: Vec<(String, String)> = Vec::new();
        let mut profiles: HashMap<(String, usize), Option<Profile>> = HashMap::new();
        let mut profiles_by_name: HashMap<String, Option<Profile>> = HashMap::new();
        for (q, outcome) in suggester.all() {
            let quotation = &article.quotations[q];
            if is_attributed(article, q) || spaced_block(text, quotation.range) {
                continue;
            }
            let s = match &outcome {
                Outcome::Speaker(s) => s,
                Outcome::NotSpeech(_) => {
                    if let Some(mark) = suggester.certain_mark(q) {
                        plan.planned.push(Planned {
                            q,
                            item: format!(".{}", mark.class()),
                            needs: None,
                            speaker: None,
                            continues: false,
                        });
                        plan.marked += 1;
                    }
                    continue;
                }
                _ => continue,
            };
            let (id, needs) = if let Some(id) = &s.speaker {
                (id.clone(), None)
            } else if s.anonymous {
                let Some(mut source) = fix::anonymous_source(ws, path, s, &taken) else {
                    continue;
                };
                // The reason may be where the article first describes the
                // source, not at this quotation.
                if !source.entry.1.iter().any(|(k, _)| *k == "anonymity_reason")
                    && let Some(at) = find_described(text, article, &source.described, &|_| false)
                    && let Some(reason) = suggester.reason_near(at.start())
                {
                    source
                        .entry
                        .1
                        .push(("anonymity_reason", fix::yaml_string(&reason)));
                }
                let key = source.described.to_lowercase();
                match descriptions.iter().find(|(k, _)| *k == key) {
                    Some((_, id)) => (id.clone(), Some(id.clone())),
                    None => {
                        let id = source.entry.0.clone();
                        taken.push(id.clone());
                        descriptions.push((key, id.clone()));
                        plan.described.insert(id.clone(), source.described);
                        plan.anonymous.push(source.entry);
                        (id.clone(), Some(id))
                    }
                }
            } else {
                // One profile per name: it reads every place the name is.
                let cached = profiles.entry((s.name.clone(), s.text.start()));
                let profile = if is_capitalized_name(&s.name) {
                    profiles_by_name
                        .entry(s.name.clone())
                        .or_insert_with(|| suggester.profile(s))
                        .clone()
                } else {
                    cached.or_insert_with(|| suggester.profile(s)).clone()
                };
                let Some(profile) = profile else {
                    continue;
                };
                let pronoun = pronoun_word(text, s);
                let known = existing(ws, path, article, &profile.name);
                if known.is_none() && ws.ids_named(&profile.name).len() > 1 {
                    // Several actors go by the name: a new actor would be
                    // one more of the same name (see `left`).
                    continue;
                }
                match plan
                    .named
                    .iter_mut()
                    .find(|(_, p, _)| p.name == profile.name)
                {
                    _ if known.is_some() => (known.unwrap_or_default(), None),
                    Some((id, _, votes)) => {
                        votes.extend(pronoun);
                        (id.clone(), Some(id.clone()))
                    }
                    None => {
                        let id = entry::unique(&entry::slug(&profile.name), |id| {
                            fix::id_in_use(ws, path, article, id) || taken.iter().any(|t| t == id)
                        });
                        taken.push(id.clone());
                        plan.named
                            .push((id.clone(), profile, pronoun.into_iter().collect()));
                        (id.clone(), Some(id))
                    }
                }
            };
            let partial = quotation.kind == QuoteKind::Double
                && quotation.attribution().is_none()
                && inside_sentence(text, quotation.range.start());
            plan.planned.push(Planned {
                q,
                item: if partial {
                    format!("@{id} .partial")
                } else {
                    format!("@{id}")
                },
                needs,
                speaker: Some(id),
                continues: matches!(s.pattern, Pattern::Split | Pattern::Continuation),
            });
        }
        (!plan.planned.is_empty()).then_some(plan)
    }

    /// The new text of the registry that `entries` go to: the one this
    /// draft already writes to, else the one nearest the article, else a
    /// new one at `new_registry`. Remembers it, with its text before.
    fn registry_edit(
        &mut self,
        entries: &[Entry],
        names: &HashMap<String, String>,
    ) -> Option<(PathBuf, String)> {
        let yaml = entry::registry_text(entries);
        let ids: Vec<(&str, &str)> = entries
            .iter()
            .map(|(id, _)| (id.as_str(), names.get(id).map_or("", String::as_str)))
            .collect();
        let target = match &self.registry {
            Some((path, _, _)) => self.ws.file(path).map(|f| &**f),
            None => fix::registry_for(&self.ws, &self.path),
        };
        match target {
            Some(f) => {
                let edit = fix::append_entries(f, &yaml, &ids)?;
                let new = apply(&f.text, &[edit]);
                let path = f.path.clone();
                if self.registry.is_none() {
                    self.registry = Some((path.clone(), false, f.text.to_string()));
                }
                Some((path, new))
            }
            None => {
                let read = registry::parse_registry(&yaml);
                let ok = read.problems.is_empty()
                    && ids.iter().all(|(id, name)| {
                        read.actors
                            .iter()
                            .any(|a| a.id == *id && a.name.as_deref() == Some(*name))
                    });
                if !ok {
                    return None;
                }
                let path = self.new_registry.clone();
                self.registry = Some((path.clone(), true, String::new()));
                Some((path, yaml))
            }
        }
    }

    /// Links each actor's first plain mention (every one with `link_all`),
    /// and an anonymous source's description where the prose first gives
    /// it. Never inside a quotation. Whether it linked anything.
    fn link(&mut self) -> bool {
        let Some(file) = self.ws.file(&self.path) else {
            return false;
        };
        let Some(article) = file.article() else {
            return false;
        };
        let text: &str = &file.text;
        let mut quotes: Vec<TextRange> = article
            .quotations
            .iter()
            .filter(|q| q.is_top_level())
            .map(|q| q.range)
            .collect();
        quotes.sort();
        // Top-level quotations do not overlap: the one that may meet `r`
        // is the first that ends after its start.
        let inside_quote = |r: TextRange| {
            let i = quotes.partition_point(|q| q.end() <= r.start());
            quotes.get(i).is_some_and(|q| q.start() < r.end())
        };
        let linked: HashSet<&str> = article.mentions.iter().map(|m| m.id.id.as_str()).collect();
        let mut chosen: Vec<PlainMention> = Vec::new();
        let mut first: HashSet<String> = HashSet::new();
        for p in fix::plain_mentions(&self.ws, file, None) {
            if inside_quote(p.range) {
                continue;
            }
            if self.options.link_all
                || (!linked.contains(p.id.as_str()) && first.insert(p.id.clone()))
            {
                chosen.push(p);
            }
        }
        for actor in &article.local_actors {
            let Some(described) = actor.described_as.as_deref() else {
                continue;
            };
            if !actor.anonymous
                || linked.contains(actor.id.as_str())
                || first.contains(actor.id.as_str())
            {
                continue;
            }
            if let Some(range) = find_described(text, article, described, &inside_quote)
                && !chosen
                    .iter()
                    .any(|c| c.range.start() < range.end() && range.start() < c.range.end())
            {
                chosen.push(PlainMention {
                    range,
                    id: actor.id.to_string(),
                });
            }
        }
        if chosen.is_empty() {
            return false;
        }
        chosen.sort_by_key(|p| p.range);
        let title = String::from("Link mentions");
        let fix = fix::link_each(&self.ws, &self.path, &chosen, title.clone()).or_else(|| {
            // One that does not read back (inside another link's text, say)
            // must not hold back the others.
            let ok: Vec<PlainMention> = chosen
                .iter()
                .filter(|p| {
                    fix::link_each(&self.ws, &self.path, std::slice::from_ref(p), title.clone())
                        .is_some()
                })
                .cloned()
                .collect();
            fix::link_each(&self.ws, &self.path, &ok, title.clone())
        });
        let Some(fix) = fix else {
            return false;
        };
        let edits = &fix.edits[0].edits;
        if edits.is_empty() {
            return false;
        }
        let n = edits.len();
        let new = apply(text, edits);
        self.set_article(new);
        self.report.linked += n;
        true
    }

    /// `{@id}` → `{@}` where this draft attributed a quotation to the
    /// speaker who goes on from the attribution before it.
    fn compact(&mut self) {
        let article = self.article();
        let order = top_level(article);
        let mut attributions: Vec<_> = article.attributions.iter().collect();
        attributions.sort_by_key(|a| a.range.start());
        let mut previous: Option<&str> = None;
        let mut edits = Vec::new();
        for a in attributions {
            if let (Some(Speaker::Explicit(r)), AttrTarget::Quotation(q)) = (&a.speaker, &a.target)
                && order.get(q).is_some_and(|n| self.continuations.contains(n))
                && previous == Some(r.id.as_str())
            {
                edits.push(TextEdit {
                    range: r.range,
                    new_text: String::new(),
                });
            }
            previous = a.speaker_id().or(previous);
        }
        if edits.is_empty() {
            return;
        }
        let new = apply(self.text(), &edits);
        let before = model::lower(self.text());
        let after = model::lower(&new);
        let same = before.quotations.len() == after.quotations.len()
            && before
                .quotations
                .iter()
                .zip(&after.quotations)
                .all(|(a, b)| before.speaker_of(a) == after.speaker_of(b));
        if same {
            self.set_article(new);
        }
    }

    /// The quotations left unattributed, and why.
    fn left(&mut self) {
        let Some(file) = self.ws.file(&self.path) else {
            return;
        };
        let Some(suggester) = Suggester::of(&self.ws, file) else {
            return;
        };
        let article = suggester.article();
        let text: &str = &file.text;
        let mut left = Vec::new();
        for (q, outcome) in suggester.all() {
            if is_attributed(article, q) {
                continue;
            }
            let range = article.quotations[q].range;
            let why = if spaced_block(text, range) {
                "an attribute block stands one space after it: `newsmark check --fix` attaches it"
                    .to_string()
            } else {
                match outcome {
                    Outcome::Nothing => "the prose names no speaker".to_string(),
                    Outcome::Unresolved { text: words, .. } => format!(
                        "“{}” names nobody the prose identifies",
                        crate::attribution::tidy(words.slice(text))
                    ),
                    Outcome::NotSpeech(NonSpeech::Scare) => {
                        "looks like a scare quote or a term, not certainly: mark it".to_string()
                    }
                    Outcome::NotSpeech(NonSpeech::Title) => {
                        "looks like a title, not certainly: mark it".to_string()
                    }
                    Outcome::Speaker(s) => match self.ws.ids_named(&s.name) {
                        [] | [_] => format!(
                            "the prose names “{}”, which is no name to make an actor of",
                            s.name
                        ),
                        ids => format!(
                            "the prose names “{}”, the name of {} actors ({}): link the one it means",
                            s.name,
                            ids.len(),
                            shown_ids(ids)
                        ),
                    },
                }
            };
            left.push((range, why));
        }
        self.report.left = left;
    }
}

/// `@a, @b, @c and 2 more`.
fn shown_ids(ids: &[SmolStr]) -> String {
    const SHOWN: usize = 3;
    let mut out: Vec<String> = ids.iter().take(SHOWN).map(|id| format!("@{id}")).collect();
    if ids.len() > SHOWN {
        out.push(format!("{} more", ids.len() - SHOWN));
    }
    match out.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Edits that keep each `{@}` of the article meaning whom it means now,
/// when a planned attribution to someone else lands between it and
/// the speaker it continues: `{@}` becomes `{@id}`.
fn keep_previous(article: &Article, planned: &[Planned]) -> Vec<TextEdit> {
    // Where each speaker is named, and each `{@}` with whom it means.
    type Event<'a> = (usize, Option<&'a str>, Option<(TextRange, &'a str)>);
    let mut events: Vec<Event> = article
        .attributions
        .iter()
        .filter_map(|a| match &a.speaker {
            Some(Speaker::Explicit(r)) => Some((a.range.start(), Some(r.id.as_str()), None)),
            Some(Speaker::Previous {
                range,
                resolved: Some(id),
            }) => Some((
                a.range.start(),
                Some(id.as_str()),
                Some((*range, id.as_str())),
            )),
            _ => None,
        })
        .collect();
    for p in planned {
        if let Some(id) = &p.speaker {
            events.push((article.quotations[p.q].range.end(), Some(id), None));
        }
    }
    events.sort_by_key(|e| e.0);
    let mut previous: Option<&str> = None;
    let mut out = Vec::new();
    for (_, id, keep) in events {
        if let Some((range, meant)) = keep
            && previous != Some(meant)
        {
            out.push(TextEdit {
                range,
                new_text: format!("@{meant}"),
            });
        }
        previous = id.or(previous);
    }
    out
}

/// Top-level quotations: their order in the text, by index.
fn top_level(article: &Article) -> HashMap<usize, usize> {
    let mut top: Vec<usize> = (0..article.quotations.len())
        .filter(|&q| article.quotations[q].is_top_level())
        .collect();
    top.sort_by_key(|&q| article.quotations[q].range.start());
    top.into_iter().enumerate().map(|(n, q)| (q, n)).collect()
}

/// Whether a quotation has a speaker or a non-speech class.
fn is_attributed(article: &Article, q: usize) -> bool {
    article.quotations[q]
        .effective_attribution()
        .map(|a| &article.attributions[a])
        .is_some_and(|a| a.speaker.is_some() || a.is_non_speech())
}

/// `“…” {@x}`: a block one space after the quotation (NM005, which
/// `check --fix` mends); another block would clash with it.
fn spaced_block(text: &str, quote: TextRange) -> bool {
    let rest = &text[quote.end()..];
    let after = rest.trim_start_matches([' ', '\t']);
    after.len() < rest.len() && (after.starts_with("{@") || after.starts_with("{."))
}

/// Whether a quotation opening at `start` continues a sentence: a word
/// stands right before it ("said the talks were “fragile”"), so it is a
/// partial quote inside reported speech.
fn inside_sentence(text: &str, start: usize) -> bool {
    text[..start]
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// A suggested name that is a name (capitalised), whose profile depends
/// on the name alone; a description's ("the department") depends on where
/// it is.
fn is_capitalized_name(name: &str) -> bool {
    name.starts_with(char::is_uppercase)
}

/// The one actor of the article's workspace with this name.
fn existing(ws: &Workspace, path: &Path, article: &Article, name: &str) -> Option<String> {
    let local: Vec<&str> = article
        .local_actors
        .iter()
        .filter(|a| {
            a.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .map(|a| a.id.as_str())
        .collect();
    match (local.as_slice(), ws.ids_named(name)) {
        ([one], _) => Some(one.to_string()),
        ([], [one]) if ws.resolve(path, one).is_some() => Some(one.to_string()),
        _ => None,
    }
}

/// The pronoun a suggestion's words are: "she said" → `she`.
fn pronoun_word(text: &str, s: &Suggestion) -> Option<&'static str> {
    match s.text.slice(text) {
        "he" | "He" => Some("he"),
        "she" | "She" => Some("she"),
        _ => None,
    }
}

/// The pronoun every vote agrees on.
fn agreed(votes: &[&'static str]) -> Option<&'static str> {
    let first = *votes.first()?;
    votes.iter().all(|v| *v == first).then_some(first)
}

/// `"@id"` for an organisation that is an actor: one known by that name,
/// or one made in this pass.
fn org_ref(ws: &Workspace, org: &str, new: &[(String, String)]) -> Option<String> {
    if let Some((_, id)) = new.iter().find(|(name, _)| name.eq_ignore_ascii_case(org)) {
        return Some(format!("@{id}"));
    }
    match ws.ids_named(org) {
        [one] => Some(format!("@{one}")),
        _ => None,
    }
}

/// The article must read back with each planned annotation in place and
/// no new malformed annotation.
fn reads_back(before: &Article, new: &str, planned: usize) -> bool {
    let after = model::lower(new);
    let malformed = |a: &Article| {
        a.syntax_errors
            .iter()
            .filter(|e| e.kind == SyntaxErrorKind::Malformed)
            .count()
    };
    let attributed = |a: &Article| {
        (0..a.quotations.len())
            .filter(|&q| a.quotations[q].is_top_level() && is_attributed(a, q))
            .count()
    };
    malformed(&after) <= malformed(before)
        && after.quotations.len() == before.quotations.len()
        && attributed(&after) == attributed(before) + planned
        && after.problems.len() <= before.problems.len()
}

/// Where the prose first writes an anonymous source's description, as a
/// whole phrase outside quotations, links and blocks.
fn find_described(
    text: &str,
    article: &Article,
    described: &str,
    inside_quote: &dyn Fn(TextRange) -> bool,
) -> Option<TextRange> {
    if described.is_empty() {
        return None;
    }
    let taken = |r: TextRange| {
        article
            .mentions
            .iter()
            .map(|m| m.range)
            .chain(article.attributions.iter().map(|a| a.range))
            .chain(article.masked.iter().copied())
            .any(|m| m.start() < r.end() && r.start() < m.end())
    };
    for run in &article.prose {
        let s = run.slice(text);
        let mut from = 0;
        while let Some(i) = find_ignore_case(&s[from..], described) {
            let start = from + i;
            let end = start + described.len();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            let range = TextRange::new(run.start() + start, run.start() + end);
            if boundary(s[..start].chars().next_back())
                && boundary(s[end..].chars().next())
                && !inside_quote(range)
                && !taken(range)
            {
                return Some(range);
            }
            from = start + s[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// The first place `needle` is in `hay`, ASCII letters compared without case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        hay.get(i..i + n)
            .is_some_and(|h| h.eq_ignore_ascii_case(needle))
    })
}

/// Small edits that turn `old` into `new`. A draft only inserts (strip
/// takes exactly the insertions away), so `old` is a subsequence of `new`:
/// matched greedily in one pass, each gap is one insertion. Should it not
/// be, the whole text is replaced.
fn diff_edits(old: &str, new: &str) -> Vec<TextEdit> {
    let mut edits = Vec::new();
    let mut rest = new;
    let mut at_new = 0;
    for (i, c) in old.char_indices() {
        let Some(j) = rest.find(c) else {
            return vec![TextEdit {
                range: TextRange::new(0, old.len()),
                new_text: new.to_string(),
            }];
        };
        if j > 0 {
            edits.push(TextEdit::insert(i, &new[at_new..at_new + j]));
        }
        at_new += j + c.len_utf8();
        rest = &new[at_new..];
    }
    if !rest.is_empty() {
        edits.push(TextEdit::insert(old.len(), rest));
    }
    edits
}

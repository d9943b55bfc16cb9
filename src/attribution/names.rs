//! Which actor a name means: mention links in the article (the strongest
//! signal), article-local actors, registry names and aliases, and the
//! surnames of full names ("Daroff" for "William Daroff").

use super::anonymous;
use super::phrase::is_title_word;
use crate::model::Article;
use crate::registry::Actor;
use crate::workspace::{OneOrMore, RegistryTable, Workspace};
use foldhash::{HashMap, HashSet};
use smol_str::SmolStr;
use std::cell::RefCell;
use std::sync::Arc;

/// Where a name comes from; the first wins when two actors share a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Mention,
    Local,
    Registry,
    Surname,
    /// The first words of an organisation's name ("Harbor City" for
    /// "Harbor City FC").
    Prefix,
}

#[derive(Clone, Default)]
pub struct Names {
    by_name: HashMap<SmolStr, OneOrMore<(SmolStr, Source)>>,
    /// The names of the registries' actors, shared by every article of a
    /// workspace snapshot (see `Workspace::registry_memo`).
    registry: Option<Arc<Names>>,
    /// Ids the article refers to (mentions and speakers).
    mentioned: HashSet<SmolStr>,
    /// Actors with a `described_as`: id and description.
    described: Vec<(SmolStr, SmolStr)>,
    /// Where [`Names::add`] builds each key.
    scratch: String,
}

/// A name as a lookup key: lowercase, curly apostrophes straightened,
/// periods dropped, spaces collapsed, without a leading "the" or possessive
/// `'s` ("Garvey’s campaign" → `garvey campaign`).
/// Every registry name and alias is keyed when a workspace's name table is
/// built, so [`Names`] keys into one reused buffer (`key_into`).
pub fn key(name: &str) -> String {
    let mut out = String::new();
    key_into(name, &mut out);
    out
}

/// [`key`] written into `out`, which is emptied first. An ASCII name (nearly
/// every name) is keyed in one pass with no allocation once `out` has grown.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    let folded;
    // `split_ascii_whitespace` is `split_whitespace` on ASCII without the
    // vertical tab, and quicker.
    if name.is_ascii() && !name.contains('\x0B') {
        key_words(name.split_ascii_whitespace(), out);
    } else if name.is_ascii() {
        key_words(name.split_whitespace(), out);
    } else {
        folded = name.to_lowercase().replace('’', "'");
        key_words(folded.split_whitespace(), out);
    }
}

/// [`key_into`] of a name's words.
fn key_words<'a>(words: impl Iterator<Item = &'a str> + Clone, out: &mut String) {
    // A word of periods alone is no word.
    let mut words = words.filter(|w| w.bytes().any(|b| b != b'.'));
    let mut first = words.next();
    if first.is_some_and(|w| without_periods(w).eq("the".chars())) && words.clone().next().is_some()
    {
        first = words.next();
    }
    for (i, word) in first.into_iter().chain(words).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = out.len();
        if word.is_ascii() {
            out.extend(
                word.bytes()
                    .filter(|&b| b != b'.')
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            out.extend(without_periods(word));
        }
        if out[start..].ends_with("'s") {
            out.truncate(out.len() - 2);
        }
    }
}

/// A word of a name, lowercase, without its periods.
fn without_periods(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|&c| c != '.')
        .map(|c| c.to_ascii_lowercase())
}

impl Names {
    pub fn new(ws: &Workspace, article: &Article, text: &str) -> Names {
        let mut names = Names::default();
        for m in &article.mentions {
            let name = m.text.slice(text);
            names.add(name, &m.id.id, Source::Mention);
            names.mentioned.insert(m.id.id.clone());
            // "[Secretary of State Antony J. Blinken](@blinken)": also by name and surname.
            let words: Vec<&str> = name.split_whitespace().collect();
            let untitled = words.iter().position(|w| !is_title_word(w)).unwrap_or(0);
            if untitled > 0 {
                names.add(&words[untitled..].join(" "), &m.id.id, Source::Mention);
            }
            if words.len() - untitled >= 2
                && words
                    .last()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
            {
                names.add(words[words.len() - 1], &m.id.id, Source::Mention);
            }
        }
        for a in &article.attributions {
            if let Some(id) = a.speaker_id() {
                names.mentioned.insert(SmolStr::new(id));
            }
        }
        for actor in &article.local_actors {
            names.add_actor(actor, Source::Local);
        }
        names.registry = Some(Names::of_workspace(ws));
        names
    }

    /// The names of every registry actor of a workspace, built once per
    /// registry state.
    pub fn of_workspace(ws: &Workspace) -> Arc<Names> {
        ws.registry_memo(Names::of_registries)
    }

    /// The names of every registry actor of a workspace.
    fn of_registries(ws: &Workspace) -> Names {
        let mut names = Names::default();
        // A name and a surname for most actors.
        let actors: usize = ws
            .files()
            .filter_map(|f| Some(f.registry()?.actors.len()))
            .sum();
        names.by_name.reserve(2 * actors);
        for file in ws.files() {
            if let Some(registry) = file.registry() {
                for actor in &registry.actors {
                    names.add_actor(actor, Source::Registry);
                }
            }
        }
        names
    }

    fn add(&mut self, name: &str, id: &str, source: Source) {
        let mut k = std::mem::take(&mut self.scratch);
        key_into(name, &mut k);
        if !k.is_empty() {
            OneOrMore::add_to(
                &mut self.by_name,
                SmolStr::new(&k),
                (SmolStr::new(id), source),
                |ids| ids.iter().any(|(i, s)| i == id && *s <= source),
            );
        }
        self.scratch = k;
    }

    fn add_actor(&mut self, actor: &Actor, source: Source) {
        for name in actor.name.iter().chain(&actor.aliases) {
            self.add(name, &actor.id, source);
        }
        let person = actor.kind.as_deref().is_none_or(|k| k == "person");
        if let Some(name) = &actor.name {
            if person {
                let mut words = name.split_whitespace();
                if let (Some(_), Some(last)) = (words.next(), words.next_back()) {
                    self.add(last, &actor.id, Source::Surname);
                }
            } else {
                let words: Vec<&str> = name.split_whitespace().collect();
                for n in 1..words.len() {
                    let single_common =
                        n == 1 && (anonymous::head(words[0]).is_some() || is_title_word(words[0]));
                    if !single_common {
                        self.add(&words[..n].join(" "), &actor.id, Source::Prefix);
                    }
                }
            }
        }
        if let Some(d) = &actor.described_as {
            self.described.push((actor.id.clone(), d.clone()));
        }
    }

    /// The one actor a name means, if the sources agree on one.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.lookup_from(name).map(|(id, _)| id)
    }

    /// The actor a name in the prose may be linked to: by a full name or an
    /// alias, or by a surname (or the start of an organisation's name) when
    /// the article already refers to that actor.
    pub fn lookup_linkable(&self, name: &str) -> Option<&str> {
        let (id, source) = self.lookup_from(name)?;
        (source <= Source::Registry || self.mentioned.contains(id)).then_some(id)
    }

    /// The one actor a name means, and the strongest source naming it.
    fn lookup_from(&self, name: &str) -> Option<(&str, Source)> {
        thread_local! {
            /// Where the key of a name looked up is built.
            static KEY: RefCell<String> = const { RefCell::new(String::new()) };
        }
        let (own, shared) = KEY.with_borrow_mut(|k| {
            key_into(name, k);
            let own = self
                .by_name
                .get(k.as_str())
                .map_or(&[][..], OneOrMore::as_slice);
            let shared = self
                .registry
                .as_ref()
                .and_then(|r| r.by_name.get(k.as_str()))
                .map_or(&[][..], OneOrMore::as_slice);
            (own, shared)
        });
        if let ([(id, source)], []) | ([], [(id, source)]) = (own, shared) {
            return Some((id.as_str(), *source));
        }
        let hits: Vec<&(SmolStr, Source)> = own.iter().chain(shared).collect();
        let best = hits.iter().map(|(_, s)| *s).min()?;
        let mut ids: Vec<&str> = hits
            .iter()
            .filter(|(_, s)| *s == best)
            .map(|(i, _)| i.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > 1 {
            ids.retain(|i| self.mentioned.contains(*i));
        }
        match ids.as_slice() {
            [one] => Some((one, best)),
            _ => None,
        }
    }

    /// The actor a name means, trying shorter tails of it when the whole
    /// is unknown ("Council Member Daniel Okafor" → "Daniel Okafor").
    pub fn lookup_suffix(&self, name: &str) -> Option<&str> {
        let words: Vec<&str> = name.split_whitespace().collect();
        (0..words.len())
            .filter(|&i| {
                // A lone common word ("City", "Council") is no surname.
                i + 1 < words.len()
                    || (anonymous::head(words[i]).is_none() && !is_title_word(words[i]))
            })
            .find_map(|i| self.lookup(&words[i..].join(" ")))
    }

    pub fn is_mentioned(&self, id: &str) -> bool {
        self.mentioned.contains(id)
    }

    /// Actors described in words (`described_as`), for anonymous sources.
    pub fn described(&self) -> impl Iterator<Item = (&str, &str)> {
        let shared = self
            .registry
            .as_ref()
            .map(|r| r.described.as_slice())
            .unwrap_or_default();
        self.described
            .iter()
            .chain(shared)
            .map(|(id, d)| (id.as_str(), d.as_str()))
    }
}

/// The registry names of a workspace whose registries gained actors.
impl RegistryTable for Names {
    fn add_actors(&mut self, actors: &[Actor]) {
        for actor in actors {
            self.add_actor(actor, Source::Registry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    /// [`key`] as its doc says it, one step at a time.
    fn key_by_steps(name: &str) -> String {
        let lower = name.to_lowercase().replace('’', "'").replace('.', "");
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        if words.first() == Some(&"the") && words.len() > 1 {
            words.remove(0);
        }
        let words: Vec<&str> = words
            .into_iter()
            .map(|w| w.strip_suffix("'s").unwrap_or(w))
            .collect();
        words.join(" ")
    }

    #[test]
    fn keys_fold_case_punctuation_articles_and_possessives() {
        assert_eq!(key("The  Ministry of Health"), "ministry of health");
        assert_eq!(key("Garvey’s campaign"), "garvey campaign");
        assert_eq!(key("Antony J. Blinken"), "antony j blinken");
        assert_eq!(key("The"), "the");
        assert_eq!(key(" . "), "");
    }

    proptest::proptest! {
        #[test]
        fn keys_are_the_steps_of_their_definition(
            name in "(?:[Tt]he|[A-Za-z]{1,6}|'s|’s|\\.|ΣΑΣ|Ä| |\t|\u{0b}|\u{a0}){0,8}"
        ) {
            proptest::prop_assert_eq!(key(&name), key_by_steps(&name));
        }
    }
}

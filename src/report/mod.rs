//! The figures of `newsmark report`: who gets quoted, how often, which kinds
//! of sources, how many anonymous, by outlet and by month. Counted on the
//! records `analysis::export` builds (the ones `newsmark export` writes,
//! without their words), an article at a time ([`article`]), then added up
//! ([`Tally`]). Nothing here is guessed: a gender is what the registry's
//! `pronouns` say, a kind what its `kind` says, an outlet and a date what the
//! front matter says.

use crate::analysis::export::{self, Kind};
use crate::registry::{Actor, OrgRef};
use crate::workspace::{File, Workspace};
use foldhash::{HashMap, HashSet};
use smol_str::SmolStr;
use std::collections::hash_map::Entry;
use std::path::PathBuf;

/// A speaker's gender as the registry's `pronouns` give it; never guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    /// `she`, `she/her`, `she/her/hers`.
    She,
    /// `he`, `he/him`, `he/him/his`.
    He,
    /// `they`, `they/them`, `they/them/theirs`.
    They,
    /// Other pronouns, or several sets (`she/they`).
    Other,
    /// No `pronouns` in the actor's entry.
    NotRecorded,
}

impl Gender {
    pub const ALL: [Gender; 5] = [
        Gender::She,
        Gender::He,
        Gender::They,
        Gender::Other,
        Gender::NotRecorded,
    ];

    /// Reads `pronouns`: every word must belong to one set (`she/her` is
    /// `She`, `she/they` is `Other`); words are separated by `/`, `,` or
    /// spaces, and case does not matter.
    pub fn of(pronouns: Option<&str>) -> Gender {
        let Some(value) = pronouns else {
            return Gender::NotRecorded;
        };
        let mut found = None;
        for word in value
            .split(|c: char| c == '/' || c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            let gender = match word.to_lowercase().as_str() {
                "she" | "her" | "hers" => Gender::She,
                "he" | "him" | "his" => Gender::He,
                "they" | "them" | "their" | "theirs" => Gender::They,
                _ => return Gender::Other,
            };
            if found.is_some_and(|g| g != gender) {
                return Gender::Other;
            }
            found = Some(gender);
        }
        // Only separators: nothing is recorded.
        found.unwrap_or(Gender::NotRecorded)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Gender::She => "she",
            Gender::He => "he",
            Gender::They => "they",
            Gender::Other => "other",
            Gender::NotRecorded => "not_recorded",
        }
    }
}

/// Which actor a speaker is: a registry id, or an id an article defines
/// for itself (the `source-1` of one article is not that of another).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpeakerKey {
    pub id: SmolStr,
    /// The article that defines the actor in its front matter, if it does.
    pub article: Option<PathBuf>,
}

/// A role a speaker held on the dates of the articles quoting them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleCount {
    pub title: SmolStr,
    /// The organisation's name (an `org: "@id"` resolved), if the role has one.
    pub org: Option<SmolStr>,
    /// Records naming the speaker in articles of a date this role covers.
    pub quotes: usize,
}

/// A quoted actor and how often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    pub key: SpeakerKey,
    /// The actor's name, or an anonymous source's description.
    pub name: SmolStr,
    /// The registry's `kind`, when given.
    pub kind: Option<SmolStr>,
    pub pronouns: Option<SmolStr>,
    pub gender: Gender,
    pub anonymous: bool,
    /// An anonymous source's `anonymity_reason` is given.
    pub has_reason: bool,
    /// Records naming this actor.
    pub quotes: usize,
    /// Articles with a record naming this actor.
    pub articles: usize,
    /// The role each record falls in (by its article's `published` date,
    /// else the current role), most quoted first; records with no role are
    /// not listed.
    pub roles: Vec<RoleCount>,
}

impl Speaker {
    /// A person the articles name: kind `person`, not anonymous.
    pub fn is_named_person(&self) -> bool {
        self.kind.as_deref() == Some("person") && !self.anonymous
    }
}

/// Records by [`Kind`], in the order of [`Kind::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts(pub [usize; Kind::ALL.len()]);

impl KindCounts {
    pub fn get(&self, kind: Kind) -> usize {
        self.0[kind as usize]
    }

    fn add(&mut self, other: &KindCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// Records of speech: direct, partial, indirect and block.
    pub fn speech(&self) -> usize {
        Kind::ALL
            .iter()
            .filter(|k| k.is_speech())
            .map(|k| self.get(*k))
            .sum()
    }
}

/// One article's line of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRow {
    pub path: PathBuf,
    pub title: Option<SmolStr>,
    pub outlet: Option<SmolStr>,
    /// `YYYY-MM-DD`, only when the front matter's date is valid.
    pub published: Option<SmolStr>,
    /// Records (what `export` writes for the article).
    pub quotes: usize,
    /// Records of speech naming no speaker.
    pub unattributed: usize,
    /// Records naming an anonymous source.
    pub anonymous: usize,
}

impl ArticleRow {
    /// `YYYY-MM` of the publication date.
    pub fn month(&self) -> Option<&str> {
        self.published.as_deref().and_then(|d| d.get(..7))
    }
}

/// What one article adds to the report.
#[derive(Clone, Debug)]
pub struct ArticleFigures {
    pub row: ArticleRow,
    kinds: KindCounts,
    /// Records of speech naming a speaker (known or not).
    attributed: usize,
    /// Records naming an id that nothing defines.
    unknown: usize,
    /// Anonymous records whose source has no `anonymity_reason`.
    without_reason: usize,
    /// The actors quoted, with this article's counts.
    speakers: Vec<Speaker>,
}

/// The figures of one article; `None` for a file that is not an article
/// (or could not be read).
pub fn article(ws: &Workspace, file: &File) -> Option<ArticleFigures> {
    let records = export::records(ws, file)?;
    let meta = &file.article()?.meta;
    let date = meta.published.as_deref();
    let local = |id: &str| file.article().and_then(|a| a.local_actor(id)).is_some();
    let mut figures = ArticleFigures {
        row: ArticleRow {
            path: file.path.clone(),
            title: meta.title.clone(),
            outlet: meta.outlet.clone(),
            published: meta.published.clone(),
            quotes: records.len(),
            unattributed: 0,
            anonymous: 0,
        },
        kinds: KindCounts::default(),
        attributed: 0,
        unknown: 0,
        without_reason: 0,
        speakers: Vec::new(),
    };
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for r in &records {
        figures.kinds.0[r.kind as usize] += 1;
        let Some(speaker) = &r.speaker else {
            figures.row.unattributed += usize::from(r.kind.is_speech());
            continue;
        };
        figures.attributed += usize::from(r.kind.is_speech());
        let Some(actor) = speaker.actor else {
            figures.unknown += 1;
            continue;
        };
        if actor.anonymous {
            figures.row.anonymous += 1;
            figures.without_reason += usize::from(actor.anonymity_reason.is_none());
        }
        // In one article an id is one actor: its own, else the registry's.
        match seen.entry(&actor.id) {
            Entry::Occupied(at) => {
                let s = &mut figures.speakers[*at.get()];
                s.quotes += 1;
                if let Some(role) = s.roles.first_mut() {
                    role.quotes += 1;
                }
            }
            Entry::Vacant(at) => {
                at.insert(figures.speakers.len());
                figures.speakers.push(Speaker {
                    key: SpeakerKey {
                        id: actor.id.clone(),
                        article: local(&actor.id).then(|| file.path.clone()),
                    },
                    quotes: 1,
                    articles: 1,
                    roles: role_on(ws, file, actor, date).into_iter().collect(),
                    ..speaker_of(actor)
                });
            }
        }
    }
    Some(figures)
}

/// What the registry says of a speaker, before anything is counted.
fn speaker_of(actor: &Actor) -> Speaker {
    Speaker {
        key: SpeakerKey {
            id: actor.id.clone(),
            article: None,
        },
        name: actor.display_name().into(),
        kind: actor.kind.clone(),
        pronouns: actor.pronouns.clone(),
        gender: Gender::of(actor.pronouns.as_deref()),
        anonymous: actor.anonymous,
        has_reason: actor.anonymity_reason.is_some(),
        quotes: 0,
        articles: 0,
        roles: Vec::new(),
    }
}

/// The role `actor` held on `date` (its current one without a date), with
/// its organisation's name, counting one record.
fn role_on(ws: &Workspace, file: &File, actor: &Actor, date: Option<&str>) -> Option<RoleCount> {
    let role = actor.role_on(date)?;
    let org = role.org.as_ref().map(|org| match org {
        OrgRef::Name(name) => name.clone(),
        OrgRef::Id(r) => ws.resolve_in(file, &r.id).map_or_else(
            || format!("@{}", r.id).into(),
            |(_, a)| a.display_name().into(),
        ),
    });
    Some(RoleCount {
        title: role.title.clone(),
        org,
        quotes: 1,
    })
}

/// Articles grouped by outlet or by month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The outlet or `YYYY-MM`; `None` for articles without one.
    pub key: Option<SmolStr>,
    pub articles: usize,
    /// Records.
    pub quotes: usize,
    /// Distinct named persons quoted in the group's articles.
    pub named_persons: usize,
    /// Those whose pronouns are `she`.
    pub women: usize,
}

impl Group {
    /// The share of women among the named persons quoted; `None` when no
    /// named person is quoted. Persons whose pronouns are not recorded count
    /// in the whole.
    pub fn women_share(&self) -> Option<f64> {
        share(self.women, self.named_persons)
    }
}

/// `part / whole`, or `None` when the whole is nothing.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Records and distinct speakers of one kind of actor, or of one gender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mix<K> {
    pub key: K,
    pub quotes: usize,
    pub speakers: usize,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Articles read, in path order.
    pub articles: Vec<ArticleRow>,
    /// Files that could not be read as articles (not UTF-8, unreadable).
    pub unreadable: Vec<PathBuf>,
    pub kinds: KindCounts,
    /// Records of speech naming a speaker (known or not).
    pub attributed: usize,
    /// Records naming an id nothing defines (NM002).
    pub unknown: usize,
    /// Every quoted actor, most quoted first (then by name, then by id).
    pub speakers: Vec<Speaker>,
    /// Records naming an anonymous source.
    pub anonymous: usize,
    /// Those whose source has no `anonymity_reason`.
    pub without_reason: usize,
    /// By the speaker's `kind` (`None`: not given), most quoted first.
    pub by_kind: Vec<Mix<Option<SmolStr>>>,
    /// Persons (kind `person`, named or anonymous) by gender, in the order
    /// of [`Gender::ALL`].
    pub by_gender: Vec<Mix<Gender>>,
    /// Most quoted first; articles without an outlet last.
    pub by_outlet: Vec<Group>,
    /// In order of time; articles without a date last.
    pub by_month: Vec<Group>,
}

impl Report {
    /// All records: what `newsmark export` writes.
    pub fn quotations(&self) -> usize {
        self.kinds.total()
    }

    /// Records naming a known actor (the sum of the speakers' quotes).
    pub fn credited(&self) -> usize {
        self.speakers.iter().map(|s| s.quotes).sum()
    }
}

/// Adds up the figures of articles, in any order: the caller keeps each
/// article's row in the order it wants and gives them to [`Tally::finish`].
#[derive(Default)]
pub struct Tally {
    report: Report,
    /// Registry actors by id, as indices into `Report::speakers`.
    speakers: HashMap<SmolStr, usize>,
    outlets: HashMap<Option<SmolStr>, GroupTally>,
    months: HashMap<Option<SmolStr>, GroupTally>,
}

#[derive(Default)]
struct GroupTally {
    articles: usize,
    quotes: usize,
    /// Indices of named persons in `Report::speakers`.
    named_persons: HashSet<usize>,
}

impl Tally {
    /// Counts an article into the whole; returns its row.
    pub fn add(&mut self, figures: ArticleFigures) -> ArticleRow {
        let r = &mut self.report;
        r.kinds.add(&figures.kinds);
        r.attributed += figures.attributed;
        r.unknown += figures.unknown;
        r.anonymous += figures.row.anonymous;
        r.without_reason += figures.without_reason;
        let mut named = Vec::new();
        for s in figures.speakers {
            // An article's own actors are quoted in that article alone,
            // which is added once: only registry actors are looked up.
            let known = match s.key.article {
                None => self.speakers.get(&s.key.id).copied(),
                Some(_) => None,
            };
            let i = match known {
                Some(i) => {
                    let known = &mut r.speakers[i];
                    known.quotes += s.quotes;
                    known.articles += 1;
                    for role in s.roles {
                        match known
                            .roles
                            .iter_mut()
                            .find(|k| k.title == role.title && k.org == role.org)
                        {
                            Some(k) => k.quotes += role.quotes,
                            None => known.roles.push(role),
                        }
                    }
                    i
                }
                None => {
                    if s.key.article.is_none() {
                        self.speakers.insert(s.key.id.clone(), r.speakers.len());
                    }
                    r.speakers.push(s);
                    r.speakers.len() - 1
                }
            };
            if r.speakers[i].is_named_person() {
                named.push(i);
            }
        }
        let row = &figures.row;
        for (groups, key) in [
            (&mut self.outlets, row.outlet.clone()),
            (&mut self.months, row.month().map(SmolStr::from)),
        ] {
            let g = groups.entry(key).or_default();
            g.articles += 1;
            g.quotes += row.quotes;
            g.named_persons.extend(named.iter().copied());
        }
        figures.row
    }

    /// The report of the articles counted, whose rows are `articles`, and of
    /// the files that could not be read as articles.
    pub fn finish(self, articles: Vec<ArticleRow>, unreadable: Vec<PathBuf>) -> Report {
        let mut r = self.report;
        r.articles = articles;
        r.unreadable = unreadable;
        let group = |(key, g): (Option<SmolStr>, GroupTally)| Group {
            key,
            articles: g.articles,
            quotes: g.quotes,
            named_persons: g.named_persons.len(),
            women: g
                .named_persons
                .iter()
                .filter(|&&i| r.speakers[i].gender == Gender::She)
                .count(),
        };
        let mut by_outlet: Vec<Group> = self.outlets.into_iter().map(group).collect();
        by_outlet.sort_by(|a, b| {
            (a.key.is_none(), std::cmp::Reverse(a.quotes), &a.key).cmp(&(
                b.key.is_none(),
                std::cmp::Reverse(b.quotes),
                &b.key,
            ))
        });
        let mut by_month: Vec<Group> = self.months.into_iter().map(group).collect();
        by_month.sort_by(|a, b| (a.key.is_none(), &a.key).cmp(&(b.key.is_none(), &b.key)));
        let mut by_kind: Vec<Mix<Option<SmolStr>>> = Vec::new();
        let mut by_gender: Vec<Mix<Gender>> = Gender::ALL
            .iter()
            .map(|&key| Mix {
                key,
                quotes: 0,
                speakers: 0,
            })
            .collect();
        for s in &mut r.speakers {
            s.roles.sort_by(|a, b| {
                (std::cmp::Reverse(a.quotes), &a.title, &a.org).cmp(&(
                    std::cmp::Reverse(b.quotes),
                    &b.title,
                    &b.org,
                ))
            });
            let mix = match by_kind.iter_mut().find(|m| m.key == s.kind) {
                Some(m) => m,
                None => {
                    by_kind.push(Mix {
                        key: s.kind.clone(),
                        quotes: 0,
                        speakers: 0,
                    });
                    by_kind.last_mut().expect("just pushed")
                }
            };
            mix.quotes += s.quotes;
            mix.speakers += 1;
            if s.kind.as_deref() == Some("person") {
                let g = &mut by_gender[s.gender as usize];
                g.quotes += s.quotes;
                g.speakers += 1;
            }
        }
        by_kind.sort_by(|a, b| {
            (a.key.is_none(), std::cmp::Reverse(a.quotes), &a.key).cmp(&(
                b.key.is_none(),
                std::cmp::Reverse(b.quotes),
                &b.key,
            ))
        });
        r.speakers.sort_by(|a, b| {
            b.quotes
                .cmp(&a.quotes)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.key.cmp(&b.key))
        });
        r.by_outlet = by_outlet;
        r.by_month = by_month;
        r.by_kind = by_kind;
        r.by_gender = by_gender;
        r
    }
}

#[cfg(test)]
mod tests;

//! The people and organisations an article names, in order of appearance:
//! who "he", "she", "they", "it", "the official" or "the secretary" refers
//! to, and the fullest name the article gives each. Built in one pass over
//! the prose (quotations skipped: a speaker is not named inside their words).

use super::anonymous::{self, Head};
use super::cues;
use super::names::{Names, key};
use super::phrase::{self, Np, Phrase, Pronoun, is_capitalized, strip_possessive};
use super::tokens::{self, Kind, Token};
use super::words::lower;
use crate::model::Article;
use crate::registry::Actor;
use crate::text::TextRange;
use crate::workspace::{File, Workspace};
use foldhash::HashMap;
use std::rc::Rc;

/// How far back a pronoun looks for its antecedent, in named occurrences.
const LOOK_BACK: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    /// Several unnamed people: "two officials".
    People,
    Organization,
    /// A name after "in", "at", "near": a place, never a speaker.
    Place,
    /// A name with no sign of what it is.
    Unknown,
}

/// What the words around a name say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Where a subject stands (sentence start, after a comma or a cue).
    Subject,
    /// After a verb or a preposition other than those below.
    Object,
    /// After "in", "at", "near": a place.
    Place,
    /// Followed by an age, a person-describing apposition or a cue.
    Person,
    /// After "by", "with", "as": someone, but not the clause's subject.
    Agent,
}

const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "outside",
    "inside",
    "into",
    "throughout",
    "around",
    "toward",
    "towards",
    "from",
];

/// The position of a name at `toks[start..end]`.
fn position(text: &str, toks: &[tokens::Token], start: usize, end: usize) -> Position {
    // After the name: ", 54," or ", a retired teacher," or "said".
    match toks.get(end).map(|t| t.kind) {
        Some(Kind::Punct(',')) => {
            if let Some(next) = toks.get(end + 1).and_then(|t| phrase::word(text, t)) {
                let age = next.chars().all(|c| c.is_ascii_digit());
                let described = phrase::DETERMINERS.contains(lower(next).as_str())
                    && toks[end + 1..toks.len().min(end + 8)].iter().any(|t| {
                        phrase::word(text, t)
                            .and_then(anonymous::head)
                            .is_some_and(|h| h.kind == Head::Person)
                    });
                if age || described {
                    return Position::Person;
                }
            }
        }
        Some(Kind::Word) => {
            let w = toks[end].range.slice(text);
            if cues::lookup(w).is_some()
                || cues::is_filler(w)
                    && toks
                        .get(end + 1)
                        .and_then(|t| phrase::word(text, t))
                        .and_then(cues::lookup)
                        .is_some()
            {
                return Position::Person;
            }
        }
        _ => {}
    }
    let Some(before) = start.checked_sub(1).map(|b| toks[b]) else {
        return Position::Subject;
    };
    match before.kind {
        Kind::Stop | Kind::Dash | Kind::Punct(_) | Kind::Quote(_) => Position::Subject,
        Kind::Word => {
            let w = before.range.slice(text);
            let lower = lower(w);
            if PLACE_PREPOSITIONS.contains(&lower.as_str()) {
                Position::Place
            } else if cues::lookup(w).is_some_and(|c| c.strength == cues::Strength::Strong)
                || matches!(lower.as_str(), "and" | "but")
                || anonymous::head(w).is_some_and(|h| h.kind == Head::Person)
            {
                Position::Subject
            } else if matches!(lower.as_str(), "as" | "by" | "with") {
                Position::Agent
            } else {
                Position::Object
            }
        }
        Kind::Mention(_) => Position::Object,
    }
}

#[derive(Clone, Debug)]
pub struct Entity {
    /// The actor, when the name or description matches one.
    pub id: Option<String>,
    /// The fullest name the article gives (or the actor's name); see
    /// [`Entity::name`].
    name: String,
    /// The words describing one the article does not name ("a senior
    /// official"), made a name only when asked: most never are.
    description: Option<TextRange>,
    name_words: usize,
    pub kind: EntityKind,
    pub pronoun: Option<Pronoun>,
    pub anonymous: bool,
    /// Title words and description heads, lowercase: "secretary", "official".
    pub heads: Vec<String>,
}

impl Entity {
    /// Its name, or its description as a name.
    pub fn name(&self, text: &str) -> String {
        match self.description {
            Some(d) => super::describe_name(d.slice(text)),
            None => self.name.clone(),
        }
    }
}

/// Everything a resolution needs from the article and the workspace.
pub struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub file: &'a File,
    pub article: &'a Article,
    pub text: &'a str,
    pub names: &'a Names,
}

impl Ctx<'_> {
    /// A known actor, local or from a registry.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.ws.resolve_in(self.file, id).map(|(_, a)| a)
    }
}

#[derive(Default)]
pub struct Cast {
    pub entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    /// Named people and organisations, in order.
    occurrences: Vec<Occurrence>,
    /// How often the article calls each entity "he" and "she" (see
    /// [`Cast::learn_pronoun`]).
    gender_votes: HashMap<usize, [u32; 2]>,
    /// Actors whose surname an entity without an id held first: (that
    /// entity, the actor's), settled by [`Cast::settle_surnames`].
    surname_claims: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, Debug)]
struct Occurrence {
    at: usize,
    entity: usize,
    /// The prose group (paragraph) it is in.
    group: usize,
    /// In a subject's place (sentence start, before a cue): "he" more likely
    /// means this one than an object in the same paragraph.
    subject: bool,
}

fn kind_of_actor(actor: &Actor) -> EntityKind {
    match actor.kind.as_deref() {
        Some("person") => EntityKind::Person,
        Some(_) => EntityKind::Organization,
        // No kind: pronouns or a full name say "person".
        None if actor.anonymous => EntityKind::Person,
        None if actor
            .pronouns
            .as_deref()
            .and_then(Pronoun::from_registry)
            .is_some_and(|p| matches!(p, Pronoun::He | Pronoun::She)) =>
        {
            EntityKind::Person
        }
        None => {
            let name = actor.name.as_deref().unwrap_or("");
            let words: Vec<&str> = name.split_whitespace().collect();
            let org = words.last().is_some_and(|w| phrase::is_org_ending(w));
            if words.len() >= 2 && !org {
                EntityKind::Person
            } else {
                EntityKind::Unknown
            }
        }
    }
}

/// What an actor may be called: its role titles' words and the head nouns
/// of its `described_as` ("official" for "a senior official").
fn actor_heads(actor: &Actor) -> Vec<String> {
    let titles = actor
        .roles
        .iter()
        .flat_map(|r| r.title.split_whitespace())
        .map(str::to_lowercase);
    let described = actor
        .described_as
        .iter()
        .flat_map(|d| d.split_whitespace())
        .filter_map(anonymous::head)
        .map(|h| h.singular.to_string());
    let mut heads: Vec<String> = titles.chain(described).collect();
    heads.dedup();
    heads
}

/// Title words that say something about who holds them.
fn significant(words: &[String]) -> impl Iterator<Item = &String> {
    words.iter().filter(|w| {
        w.len() > 2
            && !matches!(
                w.as_str(),
                "the"
                    | "former"
                    | "acting"
                    | "interim"
                    | "senior"
                    | "deputy"
                    | "state"
                    | "vice"
                    | "prime"
                    | "foreign"
                    | "special"
                    | "national"
                    | "chief"
            )
    })
}

impl Cast {
    /// The cast of the article, reading each prose group's `tokens`.
    pub fn build(ctx: &Ctx, tokens: &dyn Fn(usize) -> Rc<Vec<Token>>) -> Cast {
        let mut cast = Cast::default();
        for (i, &group) in ctx.article.prose.iter().enumerate() {
            cast.read(ctx, &tokens(i), group, i);
        }
        cast.settle_surnames();
        cast.settle_pronouns();
        cast
    }

    /// "he"/"she" (or "his", "her", "him") in the prose, outside
    /// quotations, votes for the person it most likely refers to: the
    /// nearest subject of its sentence ("Reed said she …"), else the nearest
    /// person there. Across sentences a pronoun is what is to be resolved,
    /// not evidence.
    fn learn_pronoun(&mut self, word: &str, sentence: usize) {
        // Most words are none of these: their length or first letter says so.
        if !(2..=7).contains(&word.len())
            || !matches!(word.as_bytes()[0], b'h' | b'H' | b's' | b'S')
        {
            return;
        }
        let gender = match lower(word).as_str() {
            "he" | "him" | "his" | "himself" => 0,
            "she" | "her" | "hers" | "herself" => 1,
            _ => return,
        };
        let person = |o: &&Occurrence| {
            matches!(
                self.entities[o.entity].kind,
                EntityKind::Person | EntityKind::Unknown
            )
        };
        let mut near = self
            .occurrences
            .iter()
            .rev()
            .take_while(|o| o.at >= sentence)
            .filter(person);
        let Some(nearest) = near.next() else {
            return;
        };
        let chosen = if nearest.subject {
            nearest.entity
        } else {
            near.find(|o| o.subject)
                .map_or(nearest.entity, |o| o.entity)
        };
        self.gender_votes.entry(chosen).or_default()[gender] += 1;
    }

    /// The surname `last` finds the actor entity `e`, unless it already
    /// finds another entity. When that one has no id, the claim is kept for
    /// [`Cast::settle_surnames`].
    fn claim_surname(&mut self, last: &str, e: usize) {
        let held = *self
            .by_key
            .entry(format!("name:{}", key(last)))
            .or_insert(e);
        if held != e && self.entities[held].id.is_none() {
            self.surname_claims.push((held, e));
        }
    }

    /// "Torostan said …" before "Delfa Torostan" is named: the bare surname
    /// made an entity of its own, without an id. The one actor that later
    /// claims the surname takes it over, as it would have had the full name
    /// come first. Nothing is merged when two actors claim it, or when the
    /// entity was also called by a longer name ("Jim Torostan").
    fn settle_surnames(&mut self) {
        let mut claims = std::mem::take(&mut self.surname_claims);
        claims.sort_unstable();
        claims.dedup();
        for group in claims.chunk_by(|a, b| a.0 == b.0) {
            let [(held, actor)] = *group else { continue };
            if self.entities[held].name_words > 1 {
                continue;
            }
            self.merge(held, actor);
        }
    }

    /// Makes every reference to entity `from` one to `into`.
    fn merge(&mut self, from: usize, into: usize) {
        for o in &mut self.occurrences {
            if o.entity == from {
                o.entity = into;
            }
        }
        for e in self.by_key.values_mut() {
            if *e == from {
                *e = into;
            }
        }
        if let Some([he, she]) = self.gender_votes.remove(&from) {
            let votes = self.gender_votes.entry(into).or_default();
            votes[0] += he;
            votes[1] += she;
        }
        let heads = std::mem::take(&mut self.entities[from].heads);
        let pronoun = self.entities[from].pronoun;
        let entity = &mut self.entities[into];
        for h in heads {
            if !entity.heads.contains(&h) {
                entity.heads.push(h);
            }
        }
        if entity.pronoun.is_none() {
            entity.pronoun = pronoun;
        }
    }

    /// A person the registry and the titles leave without pronouns takes
    /// the one the article uses for them, when it clearly prevails.
    fn settle_pronouns(&mut self) {
        for (&e, &[he, she]) in &self.gender_votes {
            let entity = &mut self.entities[e];
            if entity.pronoun.is_some() {
                continue;
            }
            let learnt = if he >= 1 && he >= 2 * she {
                Pronoun::He
            } else if she >= 1 && she >= 2 * he {
                Pronoun::She
            } else {
                continue;
            };
            entity.pronoun = Some(learnt);
            if entity.kind == EntityKind::Unknown {
                entity.kind = EntityKind::Person;
            }
        }
    }

    fn occur(&mut self, at: usize, entity: usize, group: usize, subject: bool) {
        self.occurrences.push(Occurrence {
            at,
            entity,
            group,
            subject,
        });
    }

    fn read(&mut self, ctx: &Ctx, toks: &[Token], group: TextRange, g: usize) {
        // A dateline ("HARBOR CITY —") names a place.
        let mut i = tokens::dateline_end(ctx.text, toks);
        // Where the current sentence starts.
        let mut sentence = group.start();
        while i < toks.len() {
            let t = toks[i];
            match t.kind {
                Kind::Mention(m) => {
                    let mention = &ctx.article.mentions[m];
                    let e = self.actor_entity(ctx, &mention.id.id);
                    let link = mention.text.slice(ctx.text);
                    if let Some(p) = Pronoun::from_word(link) {
                        self.entities[e].pronoun.get_or_insert(p);
                    } else if is_capitalized(link) {
                        // "Secretary of State Antony J. Blinken" → "Antony J. Blinken".
                        let words: Vec<&str> = link.split_whitespace().collect();
                        let untitled = words
                            .iter()
                            .position(|w| !phrase::is_title_word(w))
                            .unwrap_or(0);
                        self.offer_name(e, &words[untitled..].join(" "));
                    }
                    let next = toks[i..]
                        .iter()
                        .position(|n| n.range.start() >= t.range.end())
                        .map_or(toks.len(), |j| i + j);
                    let at = position(ctx.text, toks, i, next);
                    self.occur(
                        t.range.start(),
                        e,
                        g,
                        matches!(at, Position::Subject | Position::Person),
                    );
                    i += 1;
                }
                Kind::Quote(q) => {
                    if let Some(id) = ctx.article.speaker_of(&ctx.article.quotations[q]) {
                        let e = self.actor_entity(ctx, id);
                        self.occur(t.range.end(), e, g, true);
                    }
                    i += 1;
                }
                Kind::Stop => {
                    sentence = t.range.end();
                    i += 1;
                }
                Kind::Word => {
                    let w = t.range.slice(ctx.text);
                    self.learn_pronoun(w, sentence);
                    let starts_phrase = is_capitalized(w) || {
                        let lower = lower(w);
                        phrase::DETERMINERS.contains(&lower)
                            || anonymous::head_lowercase(&lower).is_some_and(|h| h.plural)
                    };
                    if !starts_phrase || Pronoun::from_word(w).is_some() {
                        i += 1;
                        continue;
                    }
                    let end = (i..toks.len().min(i + 14))
                        .find(|&j| !matches!(toks[j].kind, Kind::Word | Kind::Punct('.')))
                        .unwrap_or(toks.len().min(i + 14));
                    match phrase::parse(ctx.text, ctx.article, &toks[i..end]) {
                        Some(p) => {
                            let next = toks[i..end]
                                .iter()
                                .position(|t| t.range.start() >= p.range.end())
                                .map_or(end, |j| i + j);
                            let at = position(ctx.text, toks, i, next);
                            let mut next = next;
                            if let Some(e) = self.entity_for(ctx, &p, at) {
                                let subject = matches!(at, Position::Subject | Position::Person);
                                self.occur(p.range.start(), e, g, subject);
                                // "Ndiaye, a former county prosecutor,": the
                                // apposition describes her; it is nobody new.
                                if matches!(p.np, Np::Name { .. } | Np::Mention(_))
                                    && let Some(skip) = self.apposition(ctx, toks, next, e)
                                {
                                    next = skip;
                                }
                            }
                            i = next.max(i + 1);
                        }
                        None => i += 1,
                    }
                }
                _ => i += 1,
            }
        }
    }

    fn add(&mut self, key: String, entity: Entity) -> usize {
        let i = self.entities.len();
        self.entities.push(entity);
        self.by_key.insert(key, i);
        i
    }

    /// The entity of an actor id, made from the actor's definition.
    pub fn actor_entity(&mut self, ctx: &Ctx, id: &str) -> usize {
        let k = format!("@{id}");
        if let Some(&e) = self.by_key.get(&k) {
            return e;
        }
        let actor = ctx.actor(id);
        let entity = Entity {
            id: Some(id.to_string()),
            name: actor.map_or(id, Actor::display_name).to_string(),
            description: None,
            name_words: if actor.is_some() { usize::MAX } else { 0 },
            kind: actor.map_or(EntityKind::Unknown, kind_of_actor),
            pronoun: actor
                .and_then(|a| a.pronouns.as_deref())
                .and_then(Pronoun::from_registry),
            anonymous: actor.is_some_and(|a| a.anonymous),
            heads: actor.map(actor_heads).unwrap_or_default(),
        };
        let e = self.add(k, entity);
        // Its surname finds it too ("Lopez" after "[Maria Lopez](@lopez)").
        if let Some(name) = actor.and_then(|a| a.name.as_deref())
            && actor.is_some_and(|a| kind_of_actor(a) != EntityKind::Organization)
            && let Some(last) = name.split_whitespace().last()
        {
            self.claim_surname(last, e);
        }
        e
    }

    /// Keeps the longest name seen for an entity the registry does not name.
    fn offer_name(&mut self, e: usize, name: &str) {
        let words = name.split_whitespace().count();
        let entity = &mut self.entities[e];
        if words > entity.name_words {
            entity.name = name.to_string();
            entity.description = None;
            entity.name_words = words;
        }
    }

    /// The entity a phrase names, creating it when new. Pronouns and titles
    /// alone refer back and create nothing.
    pub fn entity_for(&mut self, ctx: &Ctx, p: &Phrase, at: Position) -> Option<usize> {
        match &p.np {
            Np::Mention(m) => Some(self.actor_entity(ctx, &ctx.article.mentions[*m].id.id)),
            Np::Pronoun(_) | Np::Title(_) => None,
            Np::Name {
                name,
                title,
                org,
                honorific,
            } => {
                let (name_text, _) = strip_possessive(name.slice(ctx.text));
                let full = p.range.slice(ctx.text);
                let id = ctx
                    .names
                    .lookup(full)
                    .or_else(|| ctx.names.lookup_suffix(name_text));
                let words: Vec<&str> = name_text.split_whitespace().collect();
                let e = match id {
                    Some(id) => {
                        let e = self.actor_entity(ctx, id);
                        if let Some(last) = words.last() {
                            self.claim_surname(last, e);
                        }
                        e
                    }
                    None => {
                        let k = if *org {
                            format!("org:{}", key(name_text))
                        } else {
                            format!("name:{}", key(words.last()?))
                        };
                        match self.by_key.get(&k) {
                            Some(&e) => e,
                            None => {
                                let kind = name_kind(
                                    *org,
                                    words.len(),
                                    !title.is_empty() || honorific.is_some(),
                                    at,
                                );
                                self.add(
                                    k,
                                    Entity {
                                        id: None,
                                        name: String::new(),
                                        description: None,
                                        name_words: 0,
                                        kind,
                                        pronoun: None,
                                        anonymous: false,
                                        heads: Vec::new(),
                                    },
                                )
                            }
                        }
                    }
                };
                self.offer_name(e, name_text);
                let entity = &mut self.entities[e];
                if matches!(entity.kind, EntityKind::Unknown | EntityKind::Place) {
                    let kind = name_kind(
                        *org,
                        words.len(),
                        !title.is_empty() || honorific.is_some(),
                        at,
                    );
                    if kind != EntityKind::Unknown
                        && (kind != EntityKind::Place || entity.id.is_none())
                    {
                        entity.kind = kind;
                    }
                }
                if entity.pronoun.is_none() {
                    entity.pronoun = *honorific;
                }
                for t in significant(title) {
                    if !entity.heads.contains(t) {
                        entity.heads.push(t.clone());
                    }
                }
                // "the ministry" after "the Foreign Ministry".
                if *org && let Some(last) = words.last() {
                    let head = key(last);
                    if !entity.heads.contains(&head) {
                        entity.heads.push(head);
                    }
                }
                Some(e)
            }
            Np::Description(d) => {
                let text = d.range.slice(ctx.text);
                match d.kind {
                    Head::Document => None,
                    Head::Organization => {
                        if let Some(id) = ctx.names.lookup(text) {
                            return Some(self.actor_entity(ctx, id));
                        }
                        let found = self.by_head(&[d.head.as_str()], usize::MAX, |e| {
                            e.kind == EntityKind::Organization
                        });
                        found.or_else(|| {
                            Some(self.add(
                                format!("org:{}", d.head.clone()),
                                Entity {
                                    id: None,
                                    name: String::new(),
                                    description: Some(d.range),
                                    name_words: 0,
                                    kind: EntityKind::Organization,
                                    pronoun: None,
                                    anonymous: false,
                                    heads: vec![d.head.to_string()],
                                },
                            ))
                        })
                    }
                    // "a line about a passenger": nobody to refer back to.
                    Head::Person if matches!(at, Position::Object | Position::Place) => None,
                    Head::Person => {
                        if let Some(id) = described(ctx, text, &d.head) {
                            let e = self.actor_entity(ctx, id);
                            self.add_head(e, &d.head);
                            return Some(e);
                        }
                        if d.definite
                            && let Some(e) = self.by_head(&[d.head.as_str()], usize::MAX, |_| true)
                        {
                            return Some(e);
                        }
                        let k = format!("anon:{}", self.entities.len());
                        Some(self.add(
                            k,
                            Entity {
                                id: None,
                                name: String::new(),
                                description: Some(d.range),
                                name_words: usize::MAX,
                                kind: if d.plural {
                                    EntityKind::People
                                } else {
                                    EntityKind::Person
                                },
                                pronoun: d.plural.then_some(Pronoun::They),
                                anonymous: true,
                                heads: vec![d.head.to_string()],
                            },
                        ))
                    }
                }
            }
        }
    }

    /// An apposition after a name (`, a retired teacher,`): its head goes to
    /// the name's entity; returns the index after it.
    fn apposition(
        &mut self,
        ctx: &Ctx,
        toks: &[tokens::Token],
        at: usize,
        e: usize,
    ) -> Option<usize> {
        if toks.get(at)?.kind != Kind::Punct(',') {
            return None;
        }
        let first = lower(phrase::word(ctx.text, toks.get(at + 1)?)?);
        if !phrase::DETERMINERS.contains(first.as_str()) {
            return None;
        }
        let end = (at + 1..toks.len())
            .find(|&j| !matches!(toks[j].kind, Kind::Word | Kind::Punct('.')))
            .unwrap_or(toks.len());
        let d = anonymous::describe(ctx.text, &toks[..end], at + 1, false)?;
        if d.kind != Head::Person {
            return None;
        }
        self.add_head(e, &d.head);
        if self.entities[e].kind == EntityKind::Unknown {
            self.entities[e].kind = EntityKind::Person;
        }
        Some(end)
    }

    fn add_head(&mut self, e: usize, head: &str) {
        let heads = &mut self.entities[e].heads;
        if !heads.iter().any(|h| h == head) {
            heads.push(head.to_string());
        }
    }

    /// The entity of an actor id, if the article refers to it.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_key.get(&format!("@{id}")).copied()
    }

    /// An entity by a name key (`name:lopez`), if the article named it.
    pub fn by_name(&self, last_word: &str) -> Option<usize> {
        self.by_key
            .get(&format!("name:{}", key(last_word)))
            .copied()
    }

    pub fn by_org(&self, name: &str) -> Option<usize> {
        self.by_key.get(&format!("org:{}", key(name))).copied()
    }

    /// The most recent entity before `before` with one of these heads
    /// ("the official", "the secretary") that `fits`.
    pub fn by_head(
        &self,
        heads: &[&str],
        before: usize,
        fits: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        let end = self.occurrences.partition_point(|o| o.at < before);
        self.occurrences[..end]
            .iter()
            .rev()
            .take(LOOK_BACK)
            .map(|o| o.entity)
            .find(|&e| {
                let entity = &self.entities[e];
                fits(entity)
                    && entity
                        .heads
                        .iter()
                        .any(|h| heads.iter().any(|w| anonymous::same_head(h, w)))
            })
    }

    /// The most recent named person before `before` ("the 43-year-old
    /// said" after "Reed …"): the nearest subject of the paragraph, else the
    /// nearest person.
    pub fn nearest_person(&self, before: usize) -> Option<usize> {
        let end = self.occurrences.partition_point(|o| o.at < before);
        let mut people = self.occurrences[..end]
            .iter()
            .rev()
            .take(LOOK_BACK)
            .filter(|o| {
                let e = &self.entities[o.entity];
                e.kind == EntityKind::Person && !e.anonymous
            });
        let nearest = people.next()?;
        if nearest.subject {
            return Some(nearest.entity);
        }
        let subject = people
            .take_while(|o| o.group == nearest.group)
            .find(|o| o.subject);
        Some(subject.unwrap_or(nearest).entity)
    }

    /// The most recent entity before `before` that the pronoun can mean.
    pub fn antecedent(&self, pronoun: Pronoun, before: usize) -> Option<usize> {
        let end = self.occurrences.partition_point(|o| o.at < before);
        let fits = |o: &&Occurrence| {
            let entity = &self.entities[o.entity];
            match pronoun {
                Pronoun::He | Pronoun::She => {
                    entity.kind == EntityKind::Person && entity.pronoun.is_none_or(|p| p == pronoun)
                }
                Pronoun::They => {
                    entity.pronoun == Some(Pronoun::They)
                        || matches!(entity.kind, EntityKind::People | EntityKind::Organization)
                }
                Pronoun::It => entity.kind == EntityKind::Organization,
            }
        };
        let mut candidates = self.occurrences[..end]
            .iter()
            .rev()
            .take(LOOK_BACK)
            .filter(fits);
        let nearest = candidates.next()?;
        let same_paragraph: Vec<&Occurrence> = candidates
            .take_while(|o| o.group == nearest.group)
            .collect();
        // Someone the article calls "she" beats someone it never calls
        // anything, in the same paragraph.
        if self.entities[nearest.entity].pronoun.is_none()
            && let Some(known) = same_paragraph
                .iter()
                .find(|o| self.entities[o.entity].pronoun == Some(pronoun))
        {
            return Some(known.entity);
        }
        if nearest.subject {
            return Some(nearest.entity);
        }
        // An object ("the effort led by Biden") yields to a subject of the
        // same paragraph ("Blinken said …").
        let subject = same_paragraph.into_iter().find(|o| o.subject);
        Some(subject.unwrap_or(nearest).entity)
    }
}

/// What a name is, from its form and where it stands.
fn name_kind(org: bool, words: usize, titled: bool, at: Position) -> EntityKind {
    if org {
        EntityKind::Organization
    } else if titled || at == Position::Person || (words >= 2 && at == Position::Agent) {
        EntityKind::Person
    } else if at == Position::Place {
        EntityKind::Place
    } else if words >= 2 && at == Position::Subject {
        EntityKind::Person
    } else {
        EntityKind::Unknown
    }
}

/// The actor whose `described_as` best fits a description, if one does.
pub fn described<'n>(ctx: &Ctx<'n>, description: &str, head: &str) -> Option<&'n str> {
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for (id, d) in ctx.names.described() {
        let score = anonymous::fit(description, head, d);
        if score == 0 {
            continue;
        }
        match best {
            Some((s, _)) if s > score => {}
            Some((s, other)) if s == score => tie |= other != id,
            _ => {
                best = Some((score, id));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, id)| id) }
}

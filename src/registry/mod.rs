//! Actor registries (`actors.yaml`) and front-matter actors: the schema, read
//! from a spanned YAML tree so that every id keeps the range of its key.

mod append;
pub mod yaml;
mod yaml_fast;

use crate::text::TextRange;
use smol_str::SmolStr;
use yaml::Node;

/// The kinds an actor may have.
pub const KINDS: [&str; 6] = [
    "person",
    "organization",
    "group",
    "publication",
    "account",
    "document",
];

/// The fields an actor entry may have.
pub const ACTOR_FIELDS: [&str; 11] = [
    "name",
    "kind",
    "aliases",
    "pronouns",
    "roles",
    "description",
    "wikidata",
    "url",
    "anonymous",
    "described_as",
    "anonymity_reason",
];

/// The fields a role may have.
pub const ROLE_FIELDS: [&str; 4] = ["title", "org", "from", "to"];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Actor {
    pub id: SmolStr,
    /// The key that defines the id.
    pub id_range: TextRange,
    /// The key and its whole value.
    pub entry_range: TextRange,
    pub name: Option<SmolStr>,
    pub kind: Option<SmolStr>,
    pub aliases: Vec<SmolStr>,
    pub pronouns: Option<SmolStr>,
    pub roles: Vec<Role>,
    pub description: Option<SmolStr>,
    pub wikidata: Option<SmolStr>,
    pub url: Option<SmolStr>,
    pub anonymous: bool,
    pub described_as: Option<SmolStr>,
    pub anonymity_reason: Option<SmolStr>,
}

impl Actor {
    /// The name to show: `name`, else the description of an anonymous source, else the id.
    pub fn display_name(&self) -> &str {
        self.name
            .as_deref()
            .or(self.described_as.as_deref())
            .unwrap_or(&self.id)
    }

    /// The role held on `date` (ISO), or the latest role without dates when
    /// no date is known.
    pub fn role_on(&self, date: Option<&str>) -> Option<&Role> {
        match date {
            Some(d) => self.roles.iter().rev().find(|r| {
                r.from.as_deref().is_none_or(|f| f <= d) && r.to.as_deref().is_none_or(|t| d <= t)
            }),
            None => self.roles.iter().rev().find(|r| r.to.is_none()),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Role {
    pub title: SmolStr,
    pub org: Option<OrgRef>,
    pub from: Option<SmolStr>,
    pub to: Option<SmolStr>,
}

/// An id as written somewhere: the id without `@`, and the range of those bytes.
/// The id is a `SmolStr`: ids are short, and an article holds hundreds of
/// them, so they live inline rather than each in its own allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdRef {
    pub id: SmolStr,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OrgRef {
    /// `org: "@id"`: a reference to another actor, with the id's range.
    Id(IdRef),
    /// A plain organisation name.
    Name(SmolStr),
}

/// A schema problem (NM007) found while reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub range: TextRange,
    pub message: String,
    pub help: String,
    /// A likely typo of a known key: a warning, not an error.
    pub typo: bool,
}

impl Problem {
    pub fn new(range: TextRange, message: impl Into<String>, help: impl Into<String>) -> Self {
        Problem {
            range,
            message: message.into(),
            help: help.into(),
            typo: false,
        }
    }
}

/// One registry file.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    pub actors: Vec<Actor>,
    pub problems: Vec<Problem>,
}

/// Whether `id` follows the id grammar `[a-z0-9][a-z0-9._-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// Whether `s` is a calendar date `YYYY-MM-DD`. (Written here: a date crate
/// would be a dependency for ten lines.)
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r)
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// The known key closest to `key`, when it is probably a typo of it.
pub fn likely_typo<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d > 0 && *d <= if k.len() > 5 { 2 } else { 1 })
        .min()
        .map(|(_, k)| k)
}

/// Reads a whole `actors.yaml`.
pub fn parse_registry(text: &str) -> Registry {
    read_document(&yaml::parse(text, 0))
}

/// The registry a YAML document holds.
fn read_document(doc: &yaml::Document) -> Registry {
    let mut registry = Registry::default();
    if let Some((range, message)) = &doc.error {
        registry.problems.push(yaml_error(*range, message));
    }
    if let Some(range) = doc.extra_document {
        registry.problems.push(Problem::new(
            range,
            "a registry holds one YAML document; what follows this `---` is ignored",
            "remove the `---` line, or move the rest into another registry file",
        ));
    }
    match &doc.root {
        None => {}
        Some(node) if node.is_null() => {}
        Some(Node::Map(entries, _)) => read_actors(entries, &mut registry.actors, &mut registry.problems),
        Some(other) => registry.problems.push(Problem::new(
            other.range(),
            format!("a registry must be a mapping from ids to actors, but this is {}", other.describe()),
            "write one entry per actor: `lopez:` followed by indented fields such as `name: Maria Lopez`",
        )),
    }
    registry
}

pub fn yaml_error(range: TextRange, message: &str) -> Problem {
    Problem::new(
        range,
        format!("the YAML cannot be read here: {message}"),
        "fix the YAML syntax (indentation, a missing `:` or an unclosed quote or bracket); what comes before this point is still read",
    )
}

/// Reads `id: {fields}` entries.
pub fn read_actors(entries: &[(Node, Node)], actors: &mut Vec<Actor>, problems: &mut Vec<Problem>) {
    // Kept for the life of the workspace: no spare capacity.
    actors.reserve_exact(entries.len());
    for (key, value) in entries {
        let Some(id) = key.as_str() else {
            problems.push(Problem::new(
                key.range(),
                "an actor id must be a plain word",
                "write an id such as `lopez`",
            ));
            continue;
        };
        if !is_valid_id(id) {
            let suggestion = suggest_id(id);
            problems.push(Problem::new(
                key.range(),
                format!("`{id}` is not a valid id: ids are lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit"),
                format!("rename it, for example to `{suggestion}`"),
            ));
            continue;
        }
        let mut actor = Actor {
            id: SmolStr::new(id),
            id_range: key.range(),
            entry_range: key.range().cover(value.range()),
            ..Actor::default()
        };
        match value {
            Node::Map(fields, _) => read_fields(&mut actor, fields, problems),
            other => problems.push(Problem::new(
                other.range(),
                format!(
                    "actor `{id}` must be a mapping of fields, but this is {}",
                    other.describe()
                ),
                format!("write the fields indented under `{id}:`, at least `name: …`"),
            )),
        }
        if actor.name.is_none() && !actor.anonymous {
            problems.push(Problem::new(
                key.range(),
                format!("actor `{id}` has no `name`"),
                "add `name:` with the actor's full name; an anonymous source needs `anonymous: true` and `described_as:` instead",
            ));
        }
        actors.push(actor);
    }
}

/// A valid id made from an invalid one, for help texts.
pub fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim_start_matches('@').chars() {
        match c {
            'a'..='z' | '0'..='9' | '.' | '_' | '-' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_matches(['-', '.', '_']).to_string();
    if out.is_empty() {
        "actor-1".into()
    } else {
        out
    }
}

fn read_fields(actor: &mut Actor, fields: &[(Node, Node)], problems: &mut Vec<Problem>) {
    // Known fields by their bit (no allocation for a well-formed actor),
    // others in a list.
    const _: () = assert!(ACTOR_FIELDS.len() <= 32, "a bit per known field");
    let mut seen_known = 0u32;
    let mut seen_other: Vec<&str> = Vec::new();
    for (key, value) in fields {
        let Some(field) = key.as_str() else { continue };
        let twice = match ACTOR_FIELDS.iter().position(|f| *f == field) {
            Some(bit) => {
                let before = seen_known;
                seen_known |= 1 << bit;
                before & 1 << bit != 0
            }
            None if seen_other.contains(&field) => true,
            None => {
                seen_other.push(field);
                false
            }
        };
        if twice {
            problems.push(Problem::new(
                key.range(),
                format!(
                    "`{field}` is given twice for actor `{}`; only the last one counts",
                    actor.id
                ),
                "remove one of them",
            ));
        }
        let mut string = |what: &str| text_value(value, field, what, problems);
        match field {
            "name" => {
                actor.name = string("the actor's full name");
                if actor.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                    actor.name = None;
                }
            }
            "kind" => {
                if let Some(kind) = string("one of the kinds") {
                    if KINDS.contains(&kind.as_str()) {
                        actor.kind = Some(kind);
                    } else {
                        problems.push(Problem::new(
                            value.range(),
                            format!("`{kind}` is not a kind of actor"),
                            format!("use one of: {}", KINDS.join(", ")),
                        ));
                    }
                }
            }
            "aliases" => actor.aliases = string_list(value, field, problems),
            "pronouns" => actor.pronouns = string("pronouns such as `she` or `they`"),
            "description" => actor.description = string("a sentence"),
            "described_as" => actor.described_as = string("how the article describes the source"),
            "anonymity_reason" => actor.anonymity_reason = string("why the source is not named"),
            "url" => actor.url = string("a URL"),
            "wikidata" => {
                if let Some(q) = string("a Wikidata id such as Q42") {
                    if q.len() > 1
                        && q.starts_with('Q')
                        && q[1..].bytes().all(|b| b.is_ascii_digit())
                    {
                        actor.wikidata = Some(q);
                    } else {
                        problems.push(Problem::new(
                            value.range(),
                            format!("`{q}` is not a Wikidata id"),
                            "write the item id: `Q` followed by digits, such as `Q42`",
                        ));
                    }
                }
            }
            "anonymous" => match value.as_bool() {
                Some(b) => actor.anonymous = b,
                None => problems.push(Problem::new(
                    value.range(),
                    "`anonymous` must be `true` or `false`",
                    "write `anonymous: true` for an unnamed source",
                )),
            },
            "roles" => actor.roles = read_roles(value, problems),
            _ => {
                if let Some(known) = likely_typo(field, &ACTOR_FIELDS) {
                    problems.push(Problem {
                        typo: true,
                        ..Problem::new(
                            key.range(),
                            format!("unknown field `{field}`: is it a typo of `{known}`?"),
                            format!("rename it to `{known}`; other fields are kept but not used"),
                        )
                    });
                }
            }
        }
    }
}

/// A scalar's text, or a problem saying what was expected.
pub fn text_value(
    value: &Node,
    field: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Option<SmolStr> {
    match value {
        Node::Scalar(s) if !s.is_null() => Some(s.value.clone()),
        Node::Scalar(_) => None,
        Node::Alias(range) => {
            problems.push(alias_problem(*range));
            None
        }
        other => {
            problems.push(Problem::new(
                other.range(),
                format!(
                    "`{field}` must be a single value, but this is {}",
                    other.describe()
                ),
                format!("write {what}"),
            ));
            None
        }
    }
}

pub fn alias_problem(range: TextRange) -> Problem {
    Problem::new(
        range,
        "YAML aliases (`*name`) are not supported in Newsmark files",
        "write the value out in full",
    )
}

/// A list of strings; a single string is taken as a list of one.
pub fn string_list(value: &Node, field: &str, problems: &mut Vec<Problem>) -> Vec<SmolStr> {
    match value {
        Node::Seq(items, _) => {
            // Kept for the life of the workspace: no spare capacity.
            let mut names = Vec::with_capacity(items.len());
            names.extend(
                items
                    .iter()
                    .filter_map(|item| text_value(item, field, "a list of names", problems)),
            );
            names
        }
        other => text_value(other, field, "a list such as `[A, B]`", problems)
            .into_iter()
            .collect(),
    }
}

fn read_roles(value: &Node, problems: &mut Vec<Problem>) -> Vec<Role> {
    let items: &[Node] = match value {
        Node::Seq(items, _) => items,
        other if other.is_null() => return Vec::new(),
        other => {
            problems.push(Problem::new(
                other.range(),
                format!("`roles` must be a list, but this is {}", other.describe()),
                "write each role as a list item: `- title: Special Envoy`",
            ));
            return Vec::new();
        }
    };
    let mut roles = Vec::with_capacity(items.len());
    for item in items {
        let Node::Map(fields, range) = item else {
            problems.push(Problem::new(
                item.range(),
                format!("a role must be a mapping, but this is {}", item.describe()),
                "write `- title: …` with optional `org:`, `from:` and `to:`",
            ));
            continue;
        };
        let mut role = Role::default();
        for (key, value) in fields {
            let Some(field) = key.as_str() else { continue };
            match field {
                "title" => {
                    role.title = text_value(value, field, "the title", problems).unwrap_or_default()
                }
                "org" => {
                    role.org = text_value(value, field, "`\"@org-id\"` or a name", problems)
                        .map(|org| org_ref(org, value.range(), value))
                }
                "from" | "to" => {
                    let date = text_value(value, field, "a date such as 2021-05-24", problems);
                    if let Some(d) = &date
                        && !is_iso_date(d)
                    {
                        problems.push(Problem::new(
                            value.range(),
                            format!("`{d}` is not a date"),
                            "write the date as YYYY-MM-DD, such as 2021-05-24",
                        ));
                        continue;
                    }
                    if field == "from" {
                        role.from = date;
                    } else {
                        role.to = date;
                    }
                }
                _ => {
                    if let Some(known) = likely_typo(field, &ROLE_FIELDS) {
                        problems.push(Problem {
                            typo: true,
                            ..Problem::new(
                                key.range(),
                                format!("unknown role field `{field}`: is it a typo of `{known}`?"),
                                format!("rename it to `{known}`"),
                            )
                        });
                    }
                }
            }
        }
        if role.title.is_empty() {
            problems.push(Problem::new(
                *range,
                "a role has no `title`",
                "add `title:`, such as `title: Secretary of State`",
            ));
        }
        if let (Some(f), Some(t)) = (&role.from, &role.to)
            && f > t
        {
            problems.push(Problem::new(
                *range,
                format!("this role ends ({t}) before it starts ({f})"),
                "swap `from` and `to`",
            ));
        }
        roles.push(role);
    }
    roles
}

fn org_ref(org: SmolStr, range: TextRange, node: &Node) -> OrgRef {
    let Some(id) = org.strip_prefix('@') else {
        return OrgRef::Name(org);
    };
    // The id's own range: after the `@` in the source, quotes excluded.
    let plain = matches!(node, Node::Scalar(s) if s.plain);
    let start = range.start() + usize::from(!plain) + 1;
    OrgRef::Id(IdRef {
        id: SmolStr::new(id),
        range: TextRange::new(start, (start + id.len()).min(range.end().max(start))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2021-05-24"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2021-13-01"));
        assert!(!is_iso_date("2021-5-24"));
        assert!(!is_iso_date("May 24, 2021"));
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("lopez"));
        assert!(is_valid_id("state-official.1_a"));
        assert!(!is_valid_id("Lopez"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("@Maria Lopez"), "maria-lopez");
    }

    #[test]
    fn a_field_given_twice_is_reported_at_its_second_key() {
        let text =
            "a:\n  name: A\n  kind: person\n  nmae: X\n  name: B\n  nmae: Y\n  kind: person\n";
        let reg = parse_registry(text);
        // Two known fields and an unknown one, each on the line of its
        // second key.
        let twice: Vec<(&str, usize)> = reg
            .problems
            .iter()
            .filter(|p| p.message.contains("given twice"))
            .map(|p| (p.range.slice(text), text[..p.range.end()].lines().count()))
            .collect();
        assert_eq!(twice, vec![("name", 5), ("nmae", 6), ("kind", 7)]);
        assert_eq!(reg.actors[0].name.as_deref(), Some("B"));
    }

    #[test]
    fn roles_by_date() {
        let text = "b:\n  name: B\n  roles:\n    - {title: Senator, from: 1973-01-03, to: 2009-01-15}\n    - {title: President, org: \"@us\", from: 2021-01-20}\n";
        let reg = parse_registry(text);
        assert_eq!(reg.problems, vec![]);
        let b = &reg.actors[0];
        assert_eq!(b.role_on(Some("2000-01-01")).unwrap().title, "Senator");
        assert_eq!(b.role_on(Some("2021-05-24")).unwrap().title, "President");
        assert!(b.role_on(Some("2015-01-01")).is_none());
        let Some(OrgRef::Id(org)) = &b.roles[1].org else {
            panic!()
        };
        assert_eq!((org.id.as_str(), org.range.slice(text)), ("us", "us"));
    }
}

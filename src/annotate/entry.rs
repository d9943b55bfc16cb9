//! The actors `annotate` drafts: an id made from the name, and the entry's
//! fields as YAML (plain scalars where YAML reads them back unchanged,
//! double-quoted otherwise).

use crate::analysis::fix::{Entry, yaml_string};
use crate::attribution::Profile;

/// `Chan Saveth` → `chan-saveth`; `Nguyễn Văn An` → `nguyen-van-an`.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') && c != '\'' && c != '.' {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "actor".to_string()
    } else {
        out.to_string()
    }
}

/// `id`, else `id-2`, `id-3`, … : the first that `taken` refuses not.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

/// A YAML scalar: plain when YAML reads it back as the same string, else
/// double-quoted. `flow`: inside `[…]` or `{…}`, where `,` and brackets end it.
pub fn scalar(s: &str, flow: bool) -> String {
    const SPECIAL: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let first_ok = s.chars().next().is_some_and(char::is_alphabetic);
    let plain = first_ok
        && s == s.trim()
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.chars().any(|c| c.is_control() || c == '"' || c == '\\')
        && !(flow && s.contains([',', '[', ']', '{', '}']))
        && !SPECIAL.contains(&s.to_lowercase().as_str());
    if plain { s.to_string() } else { yaml_string(s) }
}

/// The fields of a named actor's entry. `org` is the role's organisation
/// as written, or `"@id"` when it is an actor.
pub fn fields(
    profile: &Profile,
    pronoun: Option<&str>,
    org: Option<String>,
) -> Vec<(&'static str, String)> {
    let mut fields = vec![("name", scalar(&profile.name, false))];
    if let Some(kind) = profile.kind {
        fields.push(("kind", kind.to_string()));
    }
    if !profile.aliases.is_empty() {
        let list: Vec<String> = profile.aliases.iter().map(|a| scalar(a, true)).collect();
        fields.push(("aliases", format!("[{}]", list.join(", "))));
    }
    if let Some(p) = pronoun {
        fields.push(("pronouns", p.to_string()));
    }
    if let Some(role) = &profile.role {
        let mut map = format!("title: {}", scalar(&role.title, true));
        if let Some(org) = org {
            let value = if org.starts_with('@') {
                yaml_string(&org)
            } else {
                scalar(&org, true)
            };
            map.push_str(&format!(", org: {value}"));
        }
        fields.push(("roles", format!("[{{{map}}}]")));
    }
    fields
}

/// Registry entries as YAML text: `id:` and its fields indented by two.
pub fn registry_text(entries: &[Entry]) -> String {
    let mut out = String::new();
    for (id, fields) in entries {
        out.push_str(id);
        out.push_str(":\n");
        for (key, value) in fields {
            out.push_str(&format!("  {key}: {value}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_from_names() {
        assert_eq!(slug("Chan Saveth"), "chan-saveth");
        assert_eq!(slug("Nguyễn Văn An"), "nguyen-van-an");
        assert_eq!(slug("Antony J. Blinken"), "antony-j-blinken");
        assert_eq!(slug("Conan O’Brien"), "conan-obrien");
        assert_eq!(slug("Harbor City FC"), "harbor-city-fc");
        assert_eq!(slug("—"), "actor");
        assert_eq!(
            unique("lopez", |id| id == "lopez" || id == "lopez-2"),
            "lopez-3"
        );
    }

    #[test]
    fn scalars_are_plain_only_when_yaml_reads_them_back() {
        assert_eq!(scalar("Chan Saveth", false), "Chan Saveth");
        assert_eq!(scalar("Yes", false), "\"Yes\"");
        assert_eq!(scalar("Smith, Jones", true), "\"Smith, Jones\"");
        assert_eq!(scalar("Smith, Jones", false), "Smith, Jones");
        assert_eq!(scalar("@adhoc", true), "\"@adhoc\"");
        assert_eq!(scalar("AT&T: the company", false), "\"AT&T: the company\"");
        assert_eq!(scalar("1984", false), "\"1984\"");
    }
}

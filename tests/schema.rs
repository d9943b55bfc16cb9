//! `newsmark schema actors|config`: the JSON Schemas in grammar/schema/ are
//! kept by hand, so these tests hold them to what the checker accepts (fields,
//! kinds, keys, rules, levels) and run them on real and broken files.

use newsmark::analysis::{Code, Level, Severity};
use newsmark::cli::schema::{ACTORS, CONFIG};
use newsmark::registry::{self, ACTOR_FIELDS, KINDS, ROLE_FIELDS};
use newsmark::workspace::Config;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the schema is JSON")
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema = json(schema);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid draft-07 schema")
}

fn keys(object: &Value) -> BTreeSet<String> {
    object
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    items.into_iter().map(str::to_string).collect()
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("YAML")
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_command_prints_each_schema() {
    for (which, text) in [("actors", ACTORS), ("config", CONFIG)] {
        let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(["schema", which])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(["schema", "article"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown schema is a usage error"
    );
}

#[test]
fn actor_fields_kinds_and_role_fields_match_the_checker() {
    let schema = json(ACTORS);
    let actor = &schema["definitions"]["actor"];
    assert_eq!(keys(&actor["properties"]), set(ACTOR_FIELDS));
    let kinds: BTreeSet<String> = actor["properties"]["kind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, set(KINDS));
    let role = &schema["definitions"]["role"];
    assert_eq!(keys(&role["properties"]), set(ROLE_FIELDS));
    for field in ACTOR_FIELDS.iter().chain(&ROLE_FIELDS) {
        let all = [&actor["properties"], &role["properties"]];
        assert!(
            all.iter().any(|p| p[field]["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty())),
            "`{field}` has a description for editors"
        );
    }
}

#[test]
fn the_examples_registry_and_front_matter_actors_validate() {
    let v = validator(ACTORS);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let text = std::fs::read_to_string(root.join("actors.yaml")).unwrap();
    let registry = yaml(&text);
    assert!(keys(&registry).len() > 10);
    assert_eq!(errors(&v, &registry), Vec::<String>::new());
    // Front-matter `actors:` entries have the same schema.
    let mut articles = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".news.md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let front = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map(|(yaml, _)| yaml)
            .expect("front matter");
        let actors = &yaml(front)["actors"];
        assert!(actors.is_object(), "{}", path.display());
        assert_eq!(
            errors(&v, actors),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        articles += 1;
    }
    assert!(articles >= 2);
}

/// Registries the schema and the checker must judge alike: valid, or broken
/// (an NM007 error from the checker, an error from the schema).
#[test]
fn the_schema_and_the_checker_agree_on_broken_registries() {
    let v = validator(ACTORS);
    let cases = [
        ("", true),
        ("lopez:\n  name: Maria Lopez\n", true),
        (
            "aide:\n  anonymous: true\n  described_as: an aide\n  anonymity_reason: not authorized\n",
            true,
        ),
        (
            "x:\n  name: X\n  kind: person\n  aliases: X\n  roles:\n    - {title: Envoy, org: \"@y\", from: 2020-03-01, to: 2021-01-01}\ny:\n  name: Yves\n",
            true,
        ),
        ("lopez:\n  kind: person\n", false),
        ("lopez:\n  name: \"  \"\n", false),
        ("a-1984:\n  name: 1984\n  aliases: [1984, true]\n", true),
        ("lopez:\n  name: Maria Lopez\n  kind: wizard\n", false),
        ("Bad_Id:\n  name: Somebody\n", false),
        ("lopez:\n  name: Maria Lopez\n  wikidata: 42\n", false),
        ("lopez:\n  name: Maria Lopez\n  anonymous: maybe\n", false),
        (
            "lopez:\n  name: Maria Lopez\n  roles:\n    - org: Ministry\n",
            false,
        ),
        (
            "lopez:\n  name: Maria Lopez\n  roles:\n    - {title: Envoy, from: 24.05.2021}\n",
            false,
        ),
        ("lopez:\n  name: Maria Lopez\n  roles: envoy\n", false),
        ("lopez: Maria Lopez\n", false),
        ("- lopez\n- biden\n", false),
    ];
    for (text, valid) in cases {
        let checker = registry::parse_registry(text)
            .problems
            .iter()
            .all(|p| p.typo);
        let schema = v.is_valid(&yaml(text));
        assert_eq!(
            (checker, schema),
            (valid, valid),
            "checker and schema on {text:?}"
        );
    }
}

#[test]
fn rules_and_levels_match_the_checker() {
    let schema = json(CONFIG);
    let rules = &schema["properties"]["rules"]["properties"];
    let expected = Code::ALL
        .iter()
        .flat_map(|c| [c.name(), c.as_str()])
        .map(str::to_string)
        .collect::<BTreeSet<_>>();
    assert_eq!(keys(rules), expected);
    for code in Code::ALL {
        let default = code.default_severity().as_str();
        let summary = code.summary();
        let summary = summary[..1].to_lowercase() + &summary[1..];
        assert_eq!(
            rules[code.name()]["description"],
            format!("{}: {summary} (default: {default}).", code.as_str())
        );
        assert_eq!(
            rules[code.as_str()]["description"],
            format!("{}: {summary} (default: {default}).", code.name())
        );
    }
    let levels = schema["definitions"]["level"]["enum"].as_array().unwrap();
    let mut seen = BTreeSet::new();
    for level in levels {
        let parsed = Level::from_name(level.as_str().unwrap()).expect("the checker knows it");
        seen.insert(format!("{parsed:?}"));
    }
    let all = [
        Level::Off,
        Level::Set(Severity::Error),
        Level::Set(Severity::Warning),
        Level::Set(Severity::Info),
        Level::Set(Severity::Hint),
    ];
    assert_eq!(seen, all.iter().map(|l| format!("{l:?}")).collect());
}

/// The keys the TOML reader names when it meets an unknown one.
fn expected_keys(toml: &str) -> BTreeSet<String> {
    let (_, problems) = Config::parse(toml);
    let message = &problems
        .first()
        .expect("an unknown key is reported")
        .message;
    let expected = message.split("expected").nth(1).expect(message);
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn config_keys_match_the_checker() {
    let schema = json(CONFIG);
    let top = keys(&schema["properties"]);
    let files = keys(&schema["properties"]["files"]["properties"]);
    assert_eq!(top, expected_keys("nope = 1\n"));
    assert_eq!(files, expected_keys("[files]\nnope = []\n"));
    for key in &files {
        let (_, problems) = Config::parse(&format!("[files]\n{key} = [\"x/**\"]\n"));
        assert_eq!(problems, vec![], "{key}");
    }
}

#[test]
fn configs_validate_as_the_checker_reads_them() {
    let v = validator(CONFIG);
    let cases = [
        ("", true),
        (
            "[files]\narticles = [\"stories/**/*.md\"]\nregistries = [\"people/*.yaml\"]\nexclude = [\"archive/**\"]\n\n[rules]\nunattributed-quote = \"error\"\nNM009 = \"off\"\n",
            true,
        ),
        ("[rules]\nunattributed-quote = \"loud\"\n", false),
        ("[rules]\nno-such-rule = \"off\"\n", false),
        ("[files]\narticle = [\"x\"]\n", false),
        ("[files]\narticles = \"stories/*.md\"\n", false),
        ("[lint]\nx = 1\n", false),
    ];
    for (text, valid) in cases {
        let (_, problems) = Config::parse(text);
        let instance: Value = toml::from_str(text).unwrap();
        assert_eq!(
            (problems.is_empty(), v.is_valid(&instance)),
            (valid, valid),
            "checker and schema on {text:?}"
        );
    }
}

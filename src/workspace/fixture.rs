//! Test fixtures: several files in one string, each after a `//- /path` line,
//! with an optional `$0` cursor marker. Used by the data-driven tests.

use super::{Config, File, FileKind, Workspace};
use std::path::{Path, PathBuf};

/// The cursor marker.
pub const CURSOR: &str = "$0";

/// A workspace made from a fixture, and the cursor (file and byte offset) if
/// the fixture has one. A `/newsmark.toml` file sets the config.
pub fn workspace(fixture: &str) -> (Workspace, Option<(PathBuf, usize)>) {
    let mut files = Vec::new();
    let mut cursor = None;
    for chunk in fixture.split("//- ").filter(|c| !c.trim().is_empty()) {
        let (path, text) = chunk.split_once('\n').unwrap_or((chunk, ""));
        let path = PathBuf::from(path.trim());
        let mut text = text.to_string();
        if let Some(at) = text.find(CURSOR) {
            text.replace_range(at..at + CURSOR.len(), "");
            cursor = Some((path.clone(), at));
        }
        files.push((path, text));
    }
    let config = files
        .iter()
        .find(|(p, _)| p.ends_with(super::config::CONFIG_FILE))
        .map(|(_, t)| Config::parse(t).0)
        .unwrap_or_default();
    let texts = files
        .into_iter()
        .map(|(path, text)| {
            let relative = path.strip_prefix("/").unwrap_or(&path).to_path_buf();
            let kind = config
                .classify(Path::new(&relative))
                .unwrap_or_else(|| super::config::kind_of_named_file(&path));
            (path, kind, Ok(text.to_string()))
        })
        .collect();
    (Workspace::from_texts(config, texts), cursor)
}

/// Shorthand for a single file.
pub fn file(path: &str, kind: FileKind, text: &str) -> File {
    File::new(PathBuf::from(path), kind, text)
}

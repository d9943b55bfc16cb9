//! Test helpers for the queries: a fixture workspace (see
//! [`crate::workspace::fixture`]) with its cursor, and a way to show ranges.

use crate::text::TextRange;
use crate::workspace::{Workspace, fixture};
use std::path::{Path, PathBuf};

pub struct Fixture {
    pub ws: Workspace,
    /// The file holding the `$0` cursor (else the last file).
    pub path: PathBuf,
    /// The cursor's byte offset (0 without a marker).
    pub offset: usize,
}

impl Fixture {
    pub fn parse(text: &str) -> Fixture {
        let (ws, cursor) = fixture::workspace(text);
        let last = text
            .lines()
            .filter_map(|l| l.strip_prefix("//- "))
            .next_back()
            .map(|p| PathBuf::from(p.trim()))
            .unwrap_or_default();
        let (path, offset) = cursor.unwrap_or((last, 0));
        Fixture { ws, path, offset }
    }

    /// `path:start..end "text"` for a range in some file.
    pub fn show(&self, path: &Path, range: TextRange) -> String {
        let text = self.ws.file(path).map_or("", |f| &f.text);
        format!(
            "{}:{}..{} {:?}",
            path.display(),
            range.start(),
            range.end(),
            range.slice(text)
        )
    }
}

//! Test helpers for the queries: a fixture workspace (see
//! [`crate::workspace::fixture`]) with its cursor, and a way to show ranges.

use crate::text::TextRange;
use crate::workspace::{Content, File, FileKind, Uses, Workspace, fixture};
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

    /// The fixture as the language server holds it: every article's model
    /// let go once its uses are indexed, to be derived when asked for. (The
    /// config stays the default.)
    pub fn held(text: &str) -> Fixture {
        let f = Fixture::parse(text);
        let files =
            f.ws.files()
                .map(|file| {
                    let kind = match file.content {
                        Content::Article(_) => FileKind::Article,
                        Content::Registry(_) => FileKind::Registry,
                        Content::Config(_) | Content::Unreadable(_) => FileKind::Config,
                    };
                    let mut file = File::new(file.path.clone(), kind, &*file.text);
                    let uses = Uses::of(&file);
                    file.forget_model();
                    (file, uses)
                })
                .collect();
        let mut ws = Workspace::default();
        ws.extend_with_uses(files);
        Fixture { ws, ..f }
    }

    /// Panics when an article but the cursor's has its model at hand: a
    /// question about the workspace must not keep the models it derives.
    pub fn assert_no_other_model(&self) {
        let kept: Vec<&Path> = (self.ws.files())
            .filter(|f| f.is_article() && f.has_model() && f.path != self.path)
            .map(|f| f.path.as_path())
            .collect();
        assert!(kept.is_empty(), "models kept: {kept:?}");
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

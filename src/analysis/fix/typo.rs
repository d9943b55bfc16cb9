//! "Change to `@lopez`" for an unknown id (NM002) that is a likely typo of a
//! defined one: the same ids "did you mean" names. With one such id the fix
//! is the likely one (preferred in the editor, never applied unasked).

use super::{Certainty, FileEdit, Fix, FixKind, TextEdit};
use crate::analysis::rules::unknown_actor::near_ids;
use crate::text::TextRange;
use crate::workspace::Workspace;
use std::path::Path;

/// The most "Change to" fixes offered for one id.
const MOST: usize = 3;

/// "Change to `@lopez` (Maria Lopez)" for each defined id near the unknown
/// id at `range` of an article, the nearest first.
pub fn change_id(ws: &Workspace, path: &Path, range: TextRange) -> Vec<Fix> {
    let Some(file) = ws.file(path) else {
        return Vec::new();
    };
    let Some(article) = file.article() else {
        return Vec::new();
    };
    let typed = range.slice(&file.text);
    let near = near_ids(ws, article, typed);
    let certainty = if near.len() == 1 {
        Certainty::Likely
    } else {
        Certainty::Offered
    };
    near.into_iter()
        .take(MOST)
        .map(|id| {
            let name = ws
                .resolve(path, id)
                .map(|(_, actor)| format!(" ({})", actor.display_name()))
                .unwrap_or_default();
            Fix {
                title: format!("Change to `@{id}`{name}"),
                kind: FixKind::ChangeId { id: id.to_string() },
                certainty,
                edits: vec![FileEdit {
                    path: path.to_path_buf(),
                    create: false,
                    edits: vec![TextEdit {
                        range,
                        new_text: id.to_string(),
                    }],
                }],
            }
        })
        .collect()
}

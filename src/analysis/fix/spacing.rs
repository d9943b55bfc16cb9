//! NM005's one certain fix: `“…” {@lopez}` → `“…”{@lopez}`. A space between
//! a closing mark and its attribute block is the usual slip; removing it
//! attaches the block to the quotation it was written for.

use super::{Certainty, FileEdit, Fix, FixKind, Fixer, TextEdit};
use crate::analysis::Diagnostic;
use crate::text::TextRange;

pub(super) fn remove_space(fixer: &Fixer, d: &Diagnostic) -> Option<Fix> {
    let text: &str = &fixer.file.text;
    let article = fixer.article()?;
    if !text.get(d.range.start()..)?.starts_with("{@") && !text[d.range.start()..].starts_with("{.")
    {
        return None;
    }
    let before = &text[..d.range.start()];
    let end = before.trim_end_matches([' ', '\t']).len();
    if end == d.range.start() {
        return None;
    }
    // A quotation must end right before the space, with no block of its own.
    let q = fixer.quotation_ending_at(end)?;
    if article.quotations[q].attribution().is_some() {
        return None;
    }
    Some(Fix {
        title: "Remove the space before the attribute block".into(),
        kind: FixKind::RemoveSpace,
        certainty: Certainty::Certain,
        edits: vec![FileEdit {
            path: fixer.file.path.clone(),
            create: false,
            edits: vec![TextEdit {
                range: TextRange::new(end, d.range.start()),
                new_text: String::new(),
            }],
        }],
    })
}

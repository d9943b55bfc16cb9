//! NM000 unreadable-file: a file that cannot be read as UTF-8 text.

use super::Ctx;
use crate::analysis::{Code, Diagnostic};
use crate::text::TextRange;
use crate::workspace::Content;

pub fn run(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if let Content::Unreadable(reason) = &ctx.file.content {
        out.push(Diagnostic::new(
            ctx.file,
            Code::UnreadableFile,
            TextRange::empty(0),
            format!("this file cannot be read, so nothing in it was checked: {reason}"),
            "save the file as UTF-8 text",
        ));
    }
}

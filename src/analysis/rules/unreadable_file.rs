//! NM000 unreadable-file: a file that cannot be read as UTF-8 text: not
//! UTF-8, not a regular file (a FIFO, a device, a link to nothing), or too
//! large (64 MiB on disk, 4 GiB from an editor).

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
            "make it a regular file of UTF-8 text, of at most 64 MiB",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Code, diagnostics};
    use crate::workspace::{Config, File, Workspace};
    use std::path::Path;

    #[test]
    fn a_file_that_is_not_text_gets_one_diagnostic() {
        let mut ws = Workspace::new(Config::default());
        ws.set_file(File::unreadable(
            "/bad.news.md".into(),
            "it is not valid UTF-8 (at byte 3)".into(),
        ));
        let found = diagnostics(&ws, Path::new("/bad.news.md"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::UnreadableFile);
        assert!(found[0].message.contains("byte 3"), "{}", found[0].message);
    }
}

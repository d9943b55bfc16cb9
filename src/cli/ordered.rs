//! A report's findings rendered on every core and written in order: the
//! findings of a freshly imported archive run to a hundred thousand, and
//! rendering them on one core after the parallel checks was the longest
//! serial step of `check`.

use crate::analysis::Diagnostic;
use rayon::prelude::*;
use std::io;

/// Enough files per batch to keep both cores busy, few enough that a
/// batch's text stays small beside the report.
const BATCH: usize = 256;

/// Renders each file's findings with `render` (`diagnostics` come grouped
/// by file) and hands the texts to `write` in the order of the files. A
/// batch of files is written while the pool renders the next one. The first
/// error, of `render` or `write`, in the order of the files, ends it.
pub fn write_by_file(
    diagnostics: &[Diagnostic],
    render: impl Fn(&[Diagnostic]) -> io::Result<Vec<u8>> + Sync,
    mut write: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let files: Vec<&[Diagnostic]> = diagnostics.chunk_by(|a, b| a.path == b.path).collect();
    let render = &render;
    let mut pending: Option<Vec<io::Result<Vec<u8>>>> = None;
    let mut batches = files.chunks(BATCH);
    loop {
        let next = batches.next();
        let mut rendered = None;
        rayon::in_place_scope(|scope| -> io::Result<()> {
            if let Some(batch) = next {
                let rendered = &mut rendered;
                scope.spawn(move |_| {
                    *rendered = Some(batch.par_iter().map(|d| render(d)).collect());
                });
            }
            for text in pending.take().into_iter().flatten() {
                write(&text?)?;
            }
            Ok(())
        })?;
        if rendered.is_none() {
            return Ok(());
        }
        pending = rendered;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Code, Severity};
    use crate::text::TextRange;
    use std::path::PathBuf;

    /// Findings in `files` files, the `i`th with `1 + i % 3` of them.
    fn findings(files: usize) -> Vec<Diagnostic> {
        (0..files)
            .flat_map(|i| {
                (0..1 + i % 3).map(move |k| Diagnostic {
                    path: PathBuf::from(format!("/{i:04}.news.md")),
                    code: Code::UnattributedQuote,
                    severity: Severity::Warning,
                    range: TextRange::new(k, k + 1),
                    message: String::new(),
                    help: String::new(),
                    related: Vec::new(),
                    suggestion: None,
                })
            })
            .collect()
    }

    fn shown(file: &[Diagnostic]) -> io::Result<Vec<u8>> {
        Ok(format!("{}×{};", file[0].path.display(), file.len()).into_bytes())
    }

    #[test]
    fn every_file_is_written_once_in_order() {
        let files = BATCH * 2 + 7;
        let mut written = Vec::new();
        write_by_file(&findings(files), shown, |text| {
            written.extend_from_slice(text);
            Ok(())
        })
        .unwrap();
        let want: String = (0..files)
            .map(|i| format!("/{i:04}.news.md×{};", 1 + i % 3))
            .collect();
        assert_eq!(String::from_utf8(written).unwrap(), want);
    }

    #[test]
    fn the_first_failed_write_ends_it() {
        let mut writes = 0;
        let result = write_by_file(&findings(BATCH * 3), shown, |_| {
            writes += 1;
            if writes == BATCH + 1 {
                Err(io::ErrorKind::BrokenPipe.into())
            } else {
                Ok(())
            }
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(writes, BATCH + 1);
        // A file that cannot be rendered: the files before it are written.
        let mut written = 0;
        let result = write_by_file(
            &findings(BATCH * 3),
            |file| match file[0].path.to_str() {
                Some("/0300.news.md") => Err(io::Error::other("cannot place a label")),
                _ => shown(file),
            },
            |_| {
                written += 1;
                Ok(())
            },
        );
        assert_eq!(result.unwrap_err().to_string(), "cannot place a label");
        assert_eq!(written, 300);
    }
}

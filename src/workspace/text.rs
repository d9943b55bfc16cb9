//! A file's text: a buffer of its own, or a slice of a chunk that packs the
//! texts of many files together ([`Packer`], the language server's indexing).
//! The allocator rounds each buffer up to its next size class, about a tenth
//! of a news article's size; a chunk of a hundred articles wastes nothing.

use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex, PoisonError};

/// How many bytes of texts a chunk packs.
const CHUNK: usize = 1 << 20;

/// A file's text, read as a `&str`.
#[derive(Default)]
pub struct Text(Repr);

enum Repr {
    Own(Box<str>),
    /// Bytes `start..end` of a chunk, at char boundaries.
    Packed {
        chunk: Arc<Box<str>>,
        start: u32,
        end: u32,
    },
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Own(Box::default())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Own(text) => text,
            Repr::Packed { chunk, start, end } => &chunk[*start as usize..*end as usize],
        }
    }
}

impl From<Box<str>> for Text {
    fn from(text: Box<str>) -> Text {
        Text(Repr::Own(text))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// Packs the texts of the files `file_of` finds in `items` into one chunk
/// (each text moves once; the buffers they leave are freed). Texts already
/// packed, and any longer than a chunk, stay where they are.
pub fn pack<T>(items: &mut [T], file_of: impl Fn(&mut T) -> &mut Text) {
    let fits = |text: &Text| matches!(text.0, Repr::Own(_)) && text.len() <= CHUNK;
    let total: usize = items
        .iter_mut()
        .map(&file_of)
        .filter(|text| fits(text))
        .map(|text| text.len())
        .sum();
    if total == 0 {
        return;
    }
    let mut chunk = String::with_capacity(total);
    for item in items.iter_mut() {
        let text = file_of(item);
        if fits(text) {
            chunk.push_str(text);
        }
    }
    let chunk = Arc::new(chunk.into_boxed_str());
    let mut at = 0;
    for item in items.iter_mut() {
        let text = file_of(item);
        if fits(text) {
            // A chunk is at most `CHUNK` bytes long: its offsets fit a `u32`.
            let (start, end) = (at as u32, (at + text.len()) as u32);
            at += text.len();
            *text = Text(Repr::Packed {
                chunk: chunk.clone(),
                start,
                end,
            });
        }
    }
}

/// Gathers items that hold a file's text, from any thread, packing their
/// texts a chunk at a time as they come: the texts of the items still
/// waiting for a chunk are the only ones in buffers of their own.
pub struct Packer<T> {
    open: Mutex<(Vec<T>, usize)>,
    packed: Mutex<Vec<T>>,
    file_of: fn(&mut T) -> &mut Text,
}

impl<T> Packer<T> {
    /// A packer of about `count` items.
    pub fn new(count: usize, file_of: fn(&mut T) -> &mut Text) -> Packer<T> {
        Packer {
            open: Mutex::default(),
            packed: Mutex::new(Vec::with_capacity(count)),
            file_of,
        }
    }

    pub fn add(&self, mut item: T) {
        let len = (self.file_of)(&mut item).len();
        let full = {
            let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
            open.0.push(item);
            open.1 += len;
            (open.1 >= CHUNK).then(|| std::mem::take(&mut *open))
        };
        if let Some((mut items, _)) = full {
            pack(&mut items, self.file_of);
            self.packed
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .append(&mut items);
        }
    }

    /// Every item added, in no particular order.
    pub fn finish(self) -> Vec<T> {
        let (mut rest, _) = self
            .open
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        pack(&mut rest, self.file_of);
        let mut all = self
            .packed
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        all.append(&mut rest);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(s: &str) -> Text {
        Text::from(Box::<str>::from(s))
    }

    #[test]
    fn packed_texts_read_as_before_and_share_one_chunk() {
        let texts = ["", "héllo “wörld”", "a\r\nb", "x"];
        let mut items: Vec<Text> = texts.iter().map(|t| own(t)).collect();
        pack(&mut items, |t| t);
        for (text, was) in items.iter().zip(texts) {
            assert_eq!(&**text, was);
            assert!(matches!(text.0, Repr::Packed { .. }));
        }
        let chunks: Vec<_> = items
            .iter()
            .map(|t| match &t.0 {
                Repr::Packed { chunk, .. } => Arc::as_ptr(chunk),
                Repr::Own(_) => unreachable!(),
            })
            .collect();
        assert!(chunks.windows(2).all(|w| w[0] == w[1]));
        // Packed again, nothing moves.
        pack(&mut items, |t| t);
        assert_eq!(items.iter().map(|t| &**t).collect::<Vec<_>>(), texts);
    }

    #[test]
    fn a_text_longer_than_a_chunk_keeps_its_buffer() {
        let long = "a".repeat(CHUNK + 1);
        let mut items = vec![own(&long), own("short")];
        pack(&mut items, |t| t);
        assert!(matches!(items[0].0, Repr::Own(_)));
        assert_eq!(&*items[0], long);
        assert!(matches!(items[1].0, Repr::Packed { .. }));
        assert_eq!(&*items[1], "short");
    }

    #[test]
    fn a_packer_gives_back_every_item_from_every_thread_packed() {
        let packer = Packer::new(0, |(_, t): &mut (usize, Text)| t);
        let text = |i: usize| format!("{i} {}", "é".repeat(i % 5000));
        std::thread::scope(|s| {
            for half in 0..2 {
                let packer = &packer;
                s.spawn(move || {
                    for i in (half..2000).step_by(2) {
                        packer.add((i, own(&text(i))));
                    }
                });
            }
        });
        let mut all = packer.finish();
        all.sort_by_key(|(i, _)| *i);
        assert_eq!(all.len(), 2000);
        for (i, t) in &all {
            assert_eq!(**t, *text(*i));
            assert!(matches!(t.0, Repr::Packed { .. }));
        }
    }
}

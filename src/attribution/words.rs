//! Cheap word tests for the hot paths of the attribution engine: long word
//! lists as hash sets built on first use, and a word's lowercase without an
//! allocation for the short ASCII words that prose is made of.

use foldhash::{HashSet, HashSetExt};
use std::ops::Deref;
use std::sync::OnceLock;

/// A word list, looked up by hash.
pub struct Words {
    list: &'static [&'static str],
    set: OnceLock<HashSet<&'static str>>,
}

impl Words {
    pub const fn new(list: &'static [&'static str]) -> Words {
        Words {
            list,
            set: OnceLock::new(),
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| {
                let mut set = HashSet::with_capacity(self.list.len());
                set.extend(self.list.iter().copied());
                set
            })
            .contains(word)
    }
}

/// Longest ASCII word lowercased on the stack.
const INLINE: usize = 32;

/// A word in lowercase, as [`str::to_lowercase`] gives it.
pub enum Lower<'a> {
    /// Already lowercase ASCII.
    Same(&'a str),
    /// ASCII with capitals, lowercased in place.
    Inline([u8; INLINE], u8),
    Owned(String),
}

/// `word.to_lowercase()`, allocating only for long or non-ASCII words.
pub fn lower(word: &str) -> Lower<'_> {
    let bytes = word.as_bytes();
    if bytes.len() <= INLINE {
        // One pass: is it ASCII, has it capitals.
        let (mut ascii, mut upper) = (true, false);
        for &b in bytes {
            ascii &= b.is_ascii();
            upper |= b.is_ascii_uppercase();
        }
        if ascii && !upper {
            return Lower::Same(word);
        }
        if ascii {
            let mut buf = [0u8; INLINE];
            for (to, &from) in buf.iter_mut().zip(bytes) {
                *to = from.to_ascii_lowercase();
            }
            return Lower::Inline(buf, bytes.len() as u8);
        }
    }
    Lower::Owned(word.to_lowercase())
}

impl Lower<'_> {
    pub fn into_string(self) -> String {
        match self {
            Lower::Owned(s) => s,
            other => other.as_str().to_string(),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Lower::Same(s) => s,
            // ASCII in, ASCII out: always valid UTF-8.
            Lower::Inline(buf, len) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            Lower::Owned(s) => s,
        }
    }
}

impl Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_is_to_lowercase() {
        for w in [
            "",
            "said",
            "Said",
            "HARBOR",
            "U.S",
            "Ben-Ami",
            "Ελληνικά",
            "ΣΟΦΟΣ",
            "İstanbul",
            "don’t",
            "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "abcdefghijklmnopqrstuvwxyzABCDEF",
        ] {
            assert_eq!(lower(w).as_str(), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn words_are_found_by_hash() {
        static W: Words = Words::new(&["the", "said"]);
        assert!(W.contains("said"));
        assert!(!W.contains("Said"));
        assert!(!W.contains("sai"));
    }
}

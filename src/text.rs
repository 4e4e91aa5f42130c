//! `Text`: the dataset's strings. Decoded from the embedded dataset (or a compiled one) they
//! borrow its bytes instead of copying each into its own allocation, so start-up makes a
//! few dozen allocations instead of a thousand; loaded from TOML they own their text.
//! Either way a `Text` reads like a `&str`.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

/// A string of the dataset: borrowed from bytes that live as long as the program, or owned.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Cow<'static, str>);

impl Text {
    pub const fn borrowed(s: &'static str) -> Text {
        Text(Cow::Borrowed(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Part of the text (`None` when `range` is not on character boundaries): borrowed
    /// again when this one is borrowed.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Option<Text> {
        match &self.0 {
            Cow::Borrowed(s) => s.get(range).map(Text::borrowed),
            Cow::Owned(s) => s.get(range).map(Text::from),
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Cow::Owned(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Cow::Owned(s.to_owned()))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text(Cow::Owned(s.clone()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0.into_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The bytes being decoded by `borrowing_from`, which live as long as the program.
#[derive(Clone, Copy)]
struct Input {
    bytes: &'static [u8],
    /// Every string in `bytes` is known to be UTF-8 (`borrowing_from_built`): the checks
    /// are skipped.
    utf8: bool,
}

thread_local! {
    /// The input `borrowing_from` is decoding.
    static STATIC_INPUT: std::cell::Cell<Option<Input>> = const { std::cell::Cell::new(None) };
}

fn borrowing<T>(input: Input, decode: impl FnOnce(&'static [u8]) -> T) -> T {
    struct Reset(Option<Input>);
    impl Drop for Reset {
        fn drop(&mut self) {
            STATIC_INPUT.with(|s| s.set(self.0));
        }
    }
    let _reset = Reset(STATIC_INPUT.with(|s| s.replace(Some(input))));
    decode(input.bytes)
}

/// Runs `decode` on `bytes` such that every `Text` it decodes borrows from `bytes` instead
/// of copying (a compiled dataset read once per run); each string is checked to be UTF-8.
/// Outside it, or for input elsewhere, a `Text` owns a copy.
pub fn borrowing_from<T>(bytes: &'static [u8], decode: impl FnOnce(&'static [u8]) -> T) -> T {
    borrowing(input_of(bytes, false), decode)
}

/// As `borrowing_from`, for bytes this build wrote from strings (the embedded dataset):
/// their strings are not checked again, a fifth of what decoding the embedded dataset cost.
///
/// # Safety
///
/// Every string `decode` reads from `bytes` must be valid UTF-8: `bytes` must have been
/// written by this build's encoder (postcard, from the same types) and not changed since.
pub unsafe fn borrowing_from_built<T>(
    bytes: &'static [u8],
    decode: impl FnOnce(&'static [u8]) -> T,
) -> T {
    borrowing(input_of(bytes, true), decode)
}

fn input_of(bytes: &'static [u8], utf8: bool) -> Input {
    Input { bytes, utf8 }
}

impl Input {
    /// `v` with the `'static` lifetime when its bytes lie inside this input.
    fn holds(&self, v: &[u8]) -> Option<&'static [u8]> {
        let range = self.bytes.as_ptr_range();
        let (start, end) = (v.as_ptr(), v.as_ptr().wrapping_add(v.len()));
        if range.start <= start && end <= range.end {
            // SAFETY: the bytes of `v` are bytes of `self.bytes`, which is borrowed for
            // `'static` and so is never freed or changed.
            Some(unsafe { &*std::ptr::from_ref::<[u8]>(v) })
        } else {
            None
        }
    }
}

/// `v` as a string, checked unless `input` is known to hold only UTF-8 strings. Most of
/// the dataset's strings are ASCII, which a word-at-a-time test confirms in a fraction of
/// what the general UTF-8 check costs on short strings.
fn checked<'a, E: de::Error>(v: &'a [u8], input: &Input) -> Result<&'a str, E> {
    // Debug builds (every test run) check what release builds take on trust, so an embedded
    // part decoded as a type it was not written from fails here, not as a bad string.
    debug_assert!(std::str::from_utf8(v).is_ok() || !input.utf8);
    if input.utf8 || v.is_ascii() {
        // SAFETY: ASCII bytes are valid UTF-8; with `input.utf8`, the caller of
        // `borrowing_from_built` vouched that the strings of `input` are.
        Ok(unsafe { std::str::from_utf8_unchecked(v) })
    } else {
        std::str::from_utf8(v).map_err(|_| E::custom("a string is not valid UTF-8"))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        /// Outside `borrowing_from`: a copy.
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::from(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text::from(v))
            }
        }
        /// Within `borrowing_from` (postcard, whose strings are written as byte strings
        /// are): the bytes, borrowed when they are the input's.
        struct Bytes(Input);
        impl<'de> de::Visitor<'de> for Bytes {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Text, E> {
                match self.0.holds(v) {
                    Some(s) => Ok(Text(Cow::Borrowed(checked(s, &self.0)?))),
                    None => self.visit_bytes(v),
                }
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Text, E> {
                // Not the input's bytes: checked whatever the input is known to hold.
                let unknown = input_of(self.0.bytes, false);
                Ok(Text::from(checked::<E>(v, &unknown)?))
            }
        }
        match STATIC_INPUT.with(std::cell::Cell::get) {
            Some(input) => d.deserialize_bytes(Bytes(input)),
            None => d.deserialize_str(V),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{borrowing_from, Text};

    fn within(t: &Text, bytes: &[u8]) -> bool {
        let r = bytes.as_ptr_range();
        r.start <= t.as_ptr() && t.as_ptr() < r.end
    }

    #[test]
    fn texts_borrow_only_from_input_that_lives_for_the_program() {
        let words: Vec<Text> = vec!["Torugart".into(), "Irkeshtam pass".into(), "".into()];
        let bytes: &'static [u8] = Vec::leak(postcard::to_stdvec(&words).unwrap());
        let borrowed: Vec<Text> = borrowing_from(bytes, |b| postcard::from_bytes(b).unwrap());
        assert_eq!(borrowed, words);
        assert!(borrowed[..2].iter().all(|t| within(t, bytes)));
        // Outside `borrowing_from` the same bytes decode to copies.
        let copied: Vec<Text> = postcard::from_bytes(bytes).unwrap();
        assert_eq!(copied, words);
        assert!(copied[..2].iter().all(|t| !within(t, bytes)));
    }

    #[test]
    fn only_bytes_the_build_wrote_skip_the_utf8_check() {
        let words: Vec<Text> = vec!["Kökart".into(), "Torugart".into()];
        let good: &'static [u8] = Vec::leak(postcard::to_stdvec(&words).unwrap());
        // SAFETY: `good` was just encoded from strings, as build.rs encodes the dataset.
        let built: Vec<Text> =
            unsafe { super::borrowing_from_built(good, |b| postcard::from_bytes(b).unwrap()) };
        assert_eq!(built, words);
        assert!(built.iter().all(|t| within(t, good)));
        // A compiled file is not vouched for: a string that is not UTF-8 (the 'ö' cut to
        // its first byte, with the length byte before it) is refused, not borrowed.
        let mut cut = postcard::to_stdvec(&vec![Text::from("Kö")]).unwrap();
        assert_eq!(cut[1..], [3, b'K', 0xc3, 0xb6]);
        cut.splice(1..5, [2, b'K', 0xc3]);
        let cut: &'static [u8] = Vec::leak(cut);
        let refused = borrowing_from(cut, postcard::from_bytes::<Vec<Text>>);
        assert!(refused.is_err(), "{refused:?}");
    }

    #[test]
    fn a_slice_of_a_borrowed_text_is_borrowed_and_respects_characters() {
        let t = Text::borrowed("Kökart");
        let k = t.slice(0..3).unwrap();
        assert_eq!(k, "Kö");
        assert!(std::ptr::eq(k.as_ptr(), t.as_ptr()), "borrowed, not copied");
        assert!(t.slice(0..2).is_none(), "2 is inside 'ö'");
    }
}

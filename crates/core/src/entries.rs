//! The candidate list of a commitment as read and written (SPEC §7.2
//! `candidates.entries`): each entry's leaf and weight.
//!
//! WHY a type of its own: a commitment of a million candidates is almost
//! nothing but this list, and a transcript embeds it once more. Held as
//! `{leaf, weight}` documents it was 48 MB, and the domain types copied it
//! into a second, 40 MB list of [`Entry`] (issue 7). [`Entries`] holds a
//! well-formed list (every leaf 64 lowercase hexadecimal digits, SPEC §2.2)
//! as that list of [`Entry`] itself, which [`crate::model::Commitment`] then
//! uses as it is; only a list with a malformed leaf is kept as documents,
//! for the model to refuse naming the entry. Both forms read and write the
//! same JSON: nothing a document says is changed or lost.

use crate::hash::Hash32;
use serde::de::{SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize};

/// One public entry of the candidate list (SPEC §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub leaf: Hash32,
    pub weight: u64,
}

/// SPEC §7.2 `candidates.entries`. The form is private and follows from the
/// content (a list of [`Entry`] exactly when every leaf is well-formed), so
/// equal lists are equal values however they were made.
#[derive(Clone, PartialEq, Eq)]
pub struct Entries(Form);

#[derive(Clone, PartialEq, Eq)]
enum Form {
    Leaves(Vec<Entry>),
    Docs(Vec<EntryDoc>),
}

impl Entries {
    pub fn len(&self) -> usize {
        match &self.0 {
            Form::Leaves(v) => v.len(),
            Form::Docs(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The list as [`Entry`] values, when every leaf is well-formed.
    pub fn well_formed(&self) -> Option<&[Entry]> {
        match &self.0 {
            Form::Leaves(v) => Some(v),
            Form::Docs(_) => None,
        }
    }

    /// The entries as documents, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = EntryDoc> + '_ {
        match &self.0 {
            Form::Leaves(v) => EntryIter::Leaves(v.iter()),
            Form::Docs(v) => EntryIter::Docs(v.iter()),
        }
    }

    /// The entries as documents.
    pub fn to_docs(&self) -> Vec<EntryDoc> {
        self.iter().collect()
    }

    /// Changes the list as documents (tests and the tampered fixtures
    /// remove, reorder or spoil entries); the form follows the result.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Vec<EntryDoc>) -> R) -> R {
        let mut docs = self.to_docs();
        let r = change(&mut docs);
        *self = Entries::from(docs);
        r
    }
}

enum EntryIter<'a> {
    Leaves(std::slice::Iter<'a, Entry>),
    Docs(std::slice::Iter<'a, EntryDoc>),
}

impl Iterator for EntryIter<'_> {
    type Item = EntryDoc;
    fn next(&mut self) -> Option<EntryDoc> {
        match self {
            EntryIter::Leaves(i) => i.next().map(EntryDoc::from),
            EntryIter::Docs(i) => i.next().cloned(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match self {
            EntryIter::Leaves(i) => i.len(),
            EntryIter::Docs(i) => i.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for EntryIter<'_> {}

impl Default for Entries {
    fn default() -> Entries {
        Entries(Form::Leaves(Vec::new()))
    }
}

impl From<Vec<Entry>> for Entries {
    fn from(v: Vec<Entry>) -> Entries {
        Entries(Form::Leaves(v))
    }
}

impl From<Vec<EntryDoc>> for Entries {
    /// A list of [`Entry`] when every leaf is well-formed, else the documents.
    fn from(docs: Vec<EntryDoc>) -> Entries {
        if docs.iter().all(|d| d.leaf.bytes().is_some()) {
            Entries(Form::Leaves(
                docs.iter().map(|d| Entry { leaf: *d.leaf.bytes().expect("checked"), weight: d.weight }).collect(),
            ))
        } else {
            Entries(Form::Docs(docs))
        }
    }
}

impl From<&Entry> for EntryDoc {
    fn from(e: &Entry) -> EntryDoc {
        EntryDoc { leaf: Leaf::from(e.leaf), weight: e.weight }
    }
}

impl std::fmt::Debug for Entries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Entries {
    /// As a `Vec<EntryDoc>` serialises: a sequence of `{"leaf", "weight"}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        match &self.0 {
            Form::Leaves(v) => v.iter().try_for_each(|e| seq.serialize_element(&EntryDoc::from(e)))?,
            Form::Docs(v) => v.iter().try_for_each(|e| seq.serialize_element(e))?,
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Entries {
    /// As a `Vec<EntryDoc>` deserialises (the same errors, "a sequence"
    /// expected), keeping [`Entry`] values while every leaf is well-formed.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Entries, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entries, A::Error> {
                let mut leaves = Vec::new();
                while let Some(doc) = seq.next_element::<EntryDoc>()? {
                    if let Some(leaf) = doc.leaf.bytes() {
                        leaves.push(Entry { leaf: *leaf, weight: doc.weight });
                        continue;
                    }
                    let mut docs: Vec<EntryDoc> = leaves.iter().map(EntryDoc::from).collect();
                    drop(leaves);
                    docs.push(doc);
                    while let Some(doc) = seq.next_element::<EntryDoc>()? {
                        docs.push(doc);
                    }
                    return Ok(Entries(Form::Docs(docs)));
                }
                Ok(Entries(Form::Leaves(leaves)))
            }
        }
        d.deserialize_seq(Visit)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDoc {
    pub leaf: Leaf,
    pub weight: u64,
}

/// An entry's `leaf` as written (SPEC §7.2). A well-formed one (64 lowercase
/// hexadecimal digits, SPEC §2.2) is held as its 32 bytes; anything else is
/// kept as the text found, so that [`crate::model`] refuses it naming the
/// field, as for every other hash. Both serialise back to the string that
/// was read (its JSON escapes decoded, as a `String` member did), so the
/// canonical bytes do not change.
///
/// WHY: a commitment of a million candidates held a million 64-character
/// strings, parsed, cloned, compared and freed one by one; as bytes they
/// are one 48 MB array, and parsing, comparing and writing them is a
/// fraction of the time and memory (issue 7).
///
/// The representation is private: a `Leaf` is made only by [`From`], so a
/// well-formed leaf is always bytes and equal texts give equal leaves.
#[derive(Clone, PartialEq, Eq)]
pub struct Leaf(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    Bytes(Hash32),
    Text(Box<str>),
}

impl Leaf {
    /// The 32 bytes, when the leaf is well-formed (SPEC §2.2).
    pub fn bytes(&self) -> Option<&Hash32> {
        match &self.0 {
            Repr::Bytes(b) => Some(b),
            Repr::Text(_) => None,
        }
    }

    /// The leaf as it is written in the document.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            Repr::Bytes(b) => std::borrow::Cow::Owned(crate::hash::to_hex(b)),
            Repr::Text(t) => std::borrow::Cow::Borrowed(t),
        }
    }
}

impl From<&str> for Leaf {
    /// Bytes when `text` is well-formed hex of 32 bytes, else the text.
    fn from(text: &str) -> Leaf {
        match crate::model::decode_lower_hex(text) {
            Some(b) => Leaf(Repr::Bytes(b)),
            None => Leaf(Repr::Text(text.into())),
        }
    }
}

impl From<Hash32> for Leaf {
    fn from(b: Hash32) -> Leaf {
        Leaf(Repr::Bytes(b))
    }
}

impl std::fmt::Display for Leaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

impl std::fmt::Debug for Leaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.text())
    }
}

impl PartialEq<str> for Leaf {
    fn eq(&self, other: &str) -> bool {
        self.text() == other
    }
}

impl PartialEq<Leaf> for String {
    fn eq(&self, other: &Leaf) -> bool {
        other == self.as_str()
    }
}

impl Serialize for Leaf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Bytes(b) => {
                let mut digits = [0u8; 64];
                crate::hash::hex_into(b, &mut digits);
                s.serialize_str(std::str::from_utf8(&digits).expect("hexadecimal digits are ASCII"))
            }
            Repr::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Leaf {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Leaf, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Leaf;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Leaf, E> {
                Ok(Leaf::from(text))
            }
        }
        d.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-formed leaf is held as bytes, anything else as its text, and
    /// both serialise back to the text read (the canonical bytes are kept).
    #[test]
    fn leaves_keep_their_text() {
        let hex = "15d12309333f8b24c7cb651b7cde0022a609a6fb2b1c5e4db0e8d840dcaa9cd9";
        let upper = hex.to_uppercase();
        let short = &hex[..62];
        let cases = [
            (hex.to_string(), true),
            (upper.clone(), false),
            (short.to_string(), false),
            (format!("{hex}0"), false),
            (hex.replace('c', "g"), false),
            (String::new(), false),
        ];
        for (text, bytes) in cases {
            let json = format!(r#"{{"leaf":"{text}","weight":1}}"#);
            let e: EntryDoc = serde_json::from_str(&json).unwrap();
            assert_eq!(e.leaf.bytes().is_some(), bytes, "{text}");
            assert_eq!(e.leaf.to_string(), text);
            assert!(e.leaf == *text.as_str() && text == e.leaf);
            assert_eq!(serde_json::to_string(&e).unwrap(), json);
            assert_eq!(crate::canon::to_canonical(&e).unwrap(), json.as_bytes());
            assert_eq!(format!("{:?}", e.leaf), format!("{text:?}"));
        }
        // An escaped digit reads as the digit: the same leaf as written plainly
        // (and it is written back plainly, as serde_json wrote the string before).
        let escaped = format!(r#"{{"leaf":"\u0031{}","weight":1}}"#, &hex[1..]);
        assert!(escaped.contains(r"\u0031"));
        let e: EntryDoc = serde_json::from_str(&escaped).unwrap();
        assert_eq!(e.leaf, Leaf::from(hex));
        assert_eq!(e.leaf.bytes().map(|b| b[0]), Some(0x15));
        assert_eq!(serde_json::to_string(&e).unwrap(), format!(r#"{{"leaf":"{hex}","weight":1}}"#));
        // An escaped uppercase letter stays text, written back unescaped.
        let upper = format!(r#"{{"leaf":"\u0044{}","weight":1}}"#, &hex[1..]);
        let e: EntryDoc = serde_json::from_str(&upper).unwrap();
        assert_eq!(e.leaf.bytes(), None);
        assert_eq!(e.leaf.to_string(), format!("D{}", &hex[1..]));
        // Equal texts are equal leaves, whichever way they were made.
        assert_eq!(Leaf::from(hex), Leaf::from(crate::model::parse_hex::<32>("x", hex).unwrap()));
        let leaf = Leaf::from(hex);
        assert!(leaf != *upper.as_str() && upper != leaf);
        let err = serde_json::from_str::<EntryDoc>(r#"{"leaf":7,"weight":1}"#).unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
        assert!(serde_json::from_str::<EntryDoc>(r#"{"leaf":null,"weight":1}"#).is_err());
    }

    /// Entries read and write exactly as the `Vec<EntryDoc>` they replace:
    /// the same JSON, the same errors, the same Debug; the form follows the
    /// content, so equal lists are equal however they were made.
    #[test]
    fn entries_read_and_write_as_a_list_of_documents() {
        let hex = |b: u8| hex::encode([b; 32]);
        let good = format!(r#"[{{"leaf":"{}","weight":1}},{{"leaf":"{}","weight":7}}]"#, hex(1), hex(0xab));
        let odd =
            format!(r#"[{{"leaf":"{}","weight":1}},{{"leaf":"{}","weight":7}}]"#, hex(1), hex(0xab).to_uppercase());
        for (json, well_formed) in [(&good, true), (&odd, false), (&"[]".to_string(), true)] {
            let e: Entries = serde_json::from_str(json).unwrap();
            let v: Vec<EntryDoc> = serde_json::from_str(json).unwrap();
            assert_eq!(e.well_formed().is_some(), well_formed, "{json}");
            assert_eq!(e.len(), v.len());
            assert_eq!(e.is_empty(), v.is_empty());
            assert_eq!(e.to_docs(), v);
            let mut it = e.iter();
            assert_eq!(it.size_hint(), (v.len(), Some(v.len())));
            it.next();
            assert_eq!(it.len(), v.len().saturating_sub(1));
            assert_eq!(e, Entries::from(v.clone()));
            assert_eq!(serde_json::to_string(&e).unwrap(), *json);
            assert_eq!(crate::canon::to_canonical(&e).unwrap(), json.as_bytes());
            assert_eq!(format!("{e:?}"), format!("{v:?}"));
        }
        let e: Entries = serde_json::from_str(&good).unwrap();
        assert_eq!(e.well_formed().unwrap()[1], Entry { leaf: [0xab; 32], weight: 7 });
        assert_eq!(e, Entries::from(vec![Entry { leaf: [1; 32], weight: 1 }, Entry { leaf: [0xab; 32], weight: 7 }]));
        assert_ne!(e, serde_json::from_str::<Entries>(&odd).unwrap());
        assert_eq!(Entries::default(), Entries::from(Vec::<Entry>::new()));
        // A change through `edit` re-forms the list either way.
        let mut m = e.clone();
        m.edit(|v| v[1].leaf = hex(0xab).to_uppercase().as_str().into());
        assert_eq!(m, serde_json::from_str::<Entries>(&odd).unwrap());
        assert!(m.well_formed().is_none());
        assert_eq!(m.edit(|v| v.pop()).map(|d| d.weight), Some(7));
        assert_eq!(m, Entries::from(vec![Entry { leaf: [1; 32], weight: 1 }]));
        for bad in [
            r#"{"leaf":"aa","weight":1}"#.to_string(),
            r#"[{"leaf":"aa","weight":1},7]"#.to_string(),
            format!(r#"[{{"leaf":"{}","weight":1}},{{"leaf":"{}"}}]"#, hex(1), hex(0xab)),
            format!(r#"[{{"leaf":"{}","weight":-1}}]"#, hex(1)),
            r#"[{"leaf":"aa","weight":1},]"#.to_string(),
        ] {
            let want = serde_json::from_str::<Vec<EntryDoc>>(&bad).unwrap_err().to_string();
            assert_eq!(serde_json::from_str::<Entries>(&bad).unwrap_err().to_string(), want, "{bad}");
        }
    }
}

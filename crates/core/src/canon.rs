//! RFC 8785 canonical bytes of a `Serialize` value, written straight into a
//! byte buffer (SPEC §2.3), without building a `serde_json::Value` tree.
//!
//! WHY: a commitment of a million candidates as a `Value` tree is a million
//! small maps and two million small strings, built, canonicalised and freed
//! again for every digest; that was most of the time of `draw` and
//! `verify`. This serializer gives exactly the bytes of
//! `jcs::canonicalize(&serde_json::to_value(x)?)` (tests compare both on
//! arbitrary values and on every fixture), with one buffer.
//!
//! How: members of an object are written in the order serde gives them,
//! each as `"name":value`, while their byte ranges are remembered; when the
//! object ends and its names were not already in RFC 8785 order (UTF-16 code
//! units, [`jcs::utf16_order`]), the members are rearranged. Structs that
//! declare their fields in sorted order (most small ones) cost nothing extra.
//! The number domain is [`jcs`]'s: integers in 0..=2^53-1 and their
//! negatives; a float is an error, as there. (When a value holds several
//! numbers outside the domain, the error may name another one than the
//! tree's: the tree is checked in sorted order.)

use crate::jcs::{utf16_order, JcsError, MAX_SAFE_INTEGER};
use serde::ser::{self, Serialize};

/// SPEC §2.3: the canonical bytes of `value` (RFC 8785), as
/// `jcs::canonicalize(&serde_json::to_value(value)?)` gives them.
pub fn to_canonical<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, JcsError> {
    to_canonical_without(value, None)
}

/// SPEC §4.5: the canonical bytes of `value` with the top-level member
/// `omit` left out (the commitment body is the document without `digest`).
pub fn to_canonical_without<T: Serialize + ?Sized>(value: &T, omit: Option<&str>) -> Result<Vec<u8>, JcsError> {
    let mut w = Canon { out: Vec::with_capacity(4096), depth: 0, omit, root: None, pool: Vec::new() };
    value.serialize(&mut w).map_err(|e| e.0)?;
    Ok(w.out)
}

/// The canonical bytes of a document as pieces in order, for hashing
/// (SPEC §4.5, §7.3): the top-level members are not moved into RFC 8785
/// order in memory (for a commitment, that would copy the 75 MB of
/// `candidates` of a million entries twice); [`Canonical::pieces`] lists
/// them in that order instead. Concatenated, the pieces are exactly
/// [`to_canonical_without`]'s bytes.
pub fn to_canonical_pieces<T: Serialize + ?Sized>(value: &T, omit: Option<&str>) -> Result<Canonical, JcsError> {
    to_canonical_pieces_sized(value, omit, 4096)
}

/// [`to_canonical_pieces`] into a buffer of `capacity` bytes to begin with.
/// WHY: grown by doubling from a few kilobytes, the 90 MB of a million
/// entries passed through every smaller size, and the allocator kept
/// most of those in the heap (about as much again in peak memory).
pub fn to_canonical_pieces_sized<T: Serialize + ?Sized>(
    value: &T,
    omit: Option<&str>,
    capacity: usize,
) -> Result<Canonical, JcsError> {
    let mut w = Canon { out: Vec::with_capacity(capacity), depth: 0, omit, root: Some(Vec::new()), pool: Vec::new() };
    value.serialize(&mut w).map_err(|e| e.0)?;
    Ok(Canonical { root: w.root.filter(|r| !r.is_empty() || w.out.first() == Some(&b'{')), bytes: w.out })
}

/// See [`to_canonical_pieces`].
pub struct Canonical {
    bytes: Vec<u8>,
    /// The top-level members' names and byte ranges in RFC 8785 order, when the value is an object.
    root: Option<Vec<(String, usize, usize)>>,
}

impl Canonical {
    /// The canonical bytes in order: `{`, the members separated by `,`, `}`
    /// (or the whole value when it is not an object).
    pub fn pieces(&self) -> Vec<&[u8]> {
        self.pieces_with(None, None)
    }

    /// [`Canonical::pieces`] without the top-level member `omit`, and with
    /// `insert` (a name and the pieces of its canonical value) added in its
    /// RFC 8785 place, replacing a member of that name. SPEC §7.3: a
    /// transcript digest hashes the embedded commitment's canonical bytes,
    /// already written for its own digest (SPEC §4.5), instead of writing
    /// them a second time. The inserted name is a field name of potdraw's
    /// documents: it must need no escape (RFC 8785 §3.2.2.2), which is asserted.
    pub fn pieces_with<'a>(
        &'a self,
        omit: Option<&str>,
        insert: Option<(&'static str, Vec<&'a [u8]>)>,
    ) -> Vec<&'a [u8]> {
        let Some(root) = &self.root else { return vec![&self.bytes] };
        let inserted = insert.as_ref().map(|(name, _)| *name);
        let kept: Vec<(&str, &[u8])> = root
            .iter()
            .filter(|(name, ..)| omit != Some(name.as_str()) && inserted != Some(name.as_str()))
            .map(|(name, from, to)| (name.as_str(), &self.bytes[*from..*to]))
            .collect();
        let mut members: Vec<Vec<&[u8]>> = kept.iter().map(|&(_, bytes)| vec![bytes]).collect();
        if let Some((name, value)) = insert {
            assert!(name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\'), "{name:?} needs an escape");
            let at = kept.iter().position(|&(kept, _)| utf16_order(name, kept).is_lt()).unwrap_or(kept.len());
            let key: [&'static [u8]; 3] = [b"\"", name.as_bytes(), b"\":"];
            members.insert(at, key.into_iter().chain(value).collect());
        }
        let mut pieces: Vec<&[u8]> = Vec::with_capacity(2 * members.len() + 8);
        pieces.push(b"{");
        for (i, member) in members.into_iter().enumerate() {
            if i > 0 {
                pieces.push(b",");
            }
            pieces.extend(member);
        }
        pieces.push(b"}");
        pieces
    }
}

/// The serializer's error: a [`JcsError`], or a value serde cannot map to JSON.
#[derive(Debug)]
pub struct Error(JcsError);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(JcsError::Unsupported { found: msg.to_string() })
    }
}

fn unsupported(what: &str) -> Error {
    Error(JcsError::Unsupported { found: what.to_string() })
}

struct Canon<'o> {
    out: Vec<u8>,
    /// Nesting depth of the value being written (0 = the document itself).
    depth: usize,
    /// A top-level member to leave out.
    omit: Option<&'o str>,
    /// Some: leave the top-level object's members in place and record their
    /// ranges here in RFC 8785 order ([`to_canonical_pieces`]).
    root: Option<Vec<(String, usize, usize)>>,
    /// Member lists of closed objects, reused (a million entries, one list).
    pool: Vec<Vec<(Key, usize, usize)>>,
}

/// RFC 8785 §3.2.2.3 within potdraw's domain: a decimal integer, |n| ≤ 2^53-1.
fn write_unsigned(out: &mut Vec<u8>, mut u: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn write_u64(out: &mut Vec<u8>, u: u64) -> Result<(), Error> {
    if u > MAX_SAFE_INTEGER {
        return Err(Error(JcsError::IntegerRange { found: u.to_string() }));
    }
    write_unsigned(out, u);
    Ok(())
}

fn write_i64(out: &mut Vec<u8>, i: i64) -> Result<(), Error> {
    if i >= 0 {
        return write_u64(out, i as u64);
    }
    if i.unsigned_abs() > MAX_SAFE_INTEGER {
        return Err(Error(JcsError::IntegerRange { found: i.to_string() }));
    }
    out.push(b'-');
    write_unsigned(out, i.unsigned_abs());
    Ok(())
}

/// A float: `serde_json::to_value` turns a non-finite one into `null`, and
/// JCS refuses every finite one in potdraw's domain.
fn write_f64(out: &mut Vec<u8>, f: f64) -> Result<(), Error> {
    match serde_json::Number::from_f64(f) {
        None => {
            out.extend_from_slice(b"null");
            Ok(())
        }
        Some(n) => Err(Error(JcsError::Float { found: n.to_string() })),
    }
}

/// RFC 8785 §3.2.2.2, byte for byte as [`crate::jcs::write_string`]: `"` and
/// `\` escaped, \b \t \n \f \r short, other bytes below 0x20 as \u00xx
/// (lowercase hex), everything else (multi-byte UTF-8 included) copied.
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.push(b'"');
    // Most strings (every hash, most names) need no escape: one scan, one copy.
    if bytes.iter().all(|&b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0c => b'f',
            b'\r' => b'r',
            0..=0x1f => 0,
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i]);
        run = i + 1;
        if short != 0 {
            out.extend_from_slice(&[b'\\', short]);
        } else {
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// An array being written: items are separated by commas as they come.
pub struct Seq<'a, 'o> {
    w: &'a mut Canon<'o>,
    first: bool,
    /// Closes a `{"variant":[…]}` wrapper too.
    variant: bool,
}

/// An object being written: where each member's `"name":value` starts and
/// ends in the output, and its name, for sorting at the end.
pub struct Object<'a, 'o> {
    w: &'a mut Canon<'o>,
    members: Vec<(Key, usize, usize)>,
    /// The name of a map member whose value is not written yet.
    pending: Option<String>,
    /// Leave out the member of this name (only at depth 0).
    omit: Option<&'o str>,
    /// Closes a `{"variant":{…}}` wrapper too.
    variant: bool,
}

enum Key {
    Static(&'static str),
    Owned(String),
}

impl Key {
    fn as_str(&self) -> &str {
        match self {
            Key::Static(s) => s,
            Key::Owned(s) => s,
        }
    }
}

/// RFC 8785 §3.2.3 order of an object's members (UTF-16 code units), keeping
/// the last of equal names, as serde_json::Map and the tree this replaces do.
fn sort_members(members: &mut Vec<(Key, usize, usize)>) {
    members.sort_by(|a, b| utf16_order(a.0.as_str(), b.0.as_str()));
    members.dedup_by(|later, earlier| {
        let same = later.0.as_str() == earlier.0.as_str();
        if same {
            std::mem::swap(later, earlier);
        }
        same
    });
}

/// RFC 8785 §3.2.3 for an object whose bytes end `out` (`members` in
/// written order, with their byte ranges; commas between): the members are
/// rotated into [`sort_members`]' order where they are, in place.
///
/// WHY: a commitment's `candidates` is `count`, `total_weight`, `entries`
/// in the document, `count`, `entries`, `total_weight` when canonical; the
/// copy that put them in order was a second 90 MB buffer of a million
/// entries at the peak of `verify` (issue 7). A rotation moves the bytes
/// and needs no room. Each member out of place costs one rotation of the
/// bytes after it; potdraw's objects have a handful of members.
fn rearrange_in_place(out: &mut Vec<u8>, members: &mut Vec<(Key, usize, usize)>) {
    // Each member with the comma after it: one is added after the last.
    out.push(b',');
    // Where each member's bytes are now, by its place in written order.
    let written: Vec<usize> = members.iter().map(|m| m.1).collect();
    let mut now = written.clone();
    // The first member starts right after the `{` (there is one: an empty object is in order).
    let mut cursor = written[0];
    sort_members(members);
    for (_, from, to) in members.iter() {
        let i = written.binary_search(from).expect("a member's own start");
        let (at, len) = (now[i], to - from + 1);
        if at != cursor {
            out[cursor..at + len].rotate_right(len);
            for p in now.iter_mut().filter(|p| (cursor..at).contains(*p)) {
                *p += len;
            }
        }
        cursor += len;
    }
    // After the kept members' last comma: the members left out (names written twice).
    out.truncate(cursor - 1);
}

impl<'o> Canon<'o> {
    fn open_object(&mut self, variant: Option<&'static str>) -> Object<'_, 'o> {
        if let Some(v) = variant {
            self.out.push(b'{');
            write_string(&mut self.out, v);
            self.out.push(b':');
        }
        let omit = if self.depth == 0 && variant.is_none() { self.omit } else { None };
        self.depth += 1;
        self.out.push(b'{');
        let members = self.pool.pop().unwrap_or_default();
        Object { w: self, members, pending: None, omit, variant: variant.is_some() }
    }

    fn open_seq(&mut self, variant: Option<&'static str>) -> Seq<'_, 'o> {
        if let Some(v) = variant {
            self.out.push(b'{');
            write_string(&mut self.out, v);
            self.out.push(b':');
        }
        self.depth += 1;
        self.out.push(b'[');
        Seq { w: self, first: true, variant: variant.is_some() }
    }
}

impl Seq<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.w.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut *self.w)
    }

    fn close(self) -> Result<(), Error> {
        self.w.depth -= 1;
        self.w.out.push(b']');
        if self.variant {
            self.w.out.push(b'}');
        }
        Ok(())
    }
}

impl Object<'_, '_> {
    fn member<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), Error> {
        if self.omit == Some(key.as_str()) {
            return Ok(());
        }
        if !self.members.is_empty() {
            self.w.out.push(b',');
        }
        let from = self.w.out.len();
        write_string(&mut self.w.out, key.as_str());
        self.w.out.push(b':');
        value.serialize(&mut *self.w)?;
        self.members.push((key, from, self.w.out.len()));
        Ok(())
    }

    /// RFC 8785 §3.2.3: members sorted by name as UTF-16 code units.
    fn close(self) -> Result<(), Error> {
        let Object { w, mut members, variant, .. } = self;
        let sorted = members.windows(2).all(|p| utf16_order(p[0].0.as_str(), p[1].0.as_str()).is_lt());
        if w.depth == 1 && !variant && w.root.is_some() {
            // The top level, for hashing in pieces: ranges only, nothing moves.
            if !sorted {
                sort_members(&mut members);
            }
            w.root = Some(members.iter().map(|(key, from, to)| (key.as_str().to_string(), *from, *to)).collect());
        } else if !sorted {
            rearrange_in_place(&mut w.out, &mut members);
        }
        members.clear();
        w.pool.push(members);
        w.depth -= 1;
        w.out.push(b'}');
        if variant {
            w.out.push(b'}');
        }
        Ok(())
    }
}

impl<'a, 'o> ser::Serializer for &'a mut Canon<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a, 'o>;
    type SerializeTuple = Seq<'a, 'o>;
    type SerializeTupleStruct = Seq<'a, 'o>;
    type SerializeTupleVariant = Seq<'a, 'o>;
    type SerializeMap = Object<'a, 'o>;
    type SerializeStruct = Object<'a, 'o>;
    type SerializeStructVariant = Object<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        write_i64(&mut self.out, v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        write_i64(&mut self.out, v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        write_i64(&mut self.out, v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        write_i64(&mut self.out, v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        let v = i64::try_from(v).map_err(|_| Error(JcsError::IntegerRange { found: v.to_string() }))?;
        write_i64(&mut self.out, v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        write_u64(&mut self.out, v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        write_u64(&mut self.out, v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        write_u64(&mut self.out, v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write_u64(&mut self.out, v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        let v = u64::try_from(v).map_err(|_| Error(JcsError::IntegerRange { found: v.to_string() }))?;
        write_u64(&mut self.out, v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        write_f64(&mut self.out, v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_f64(&mut self.out, v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_string(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_string(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open_seq(None);
        for b in v {
            seq.item(b)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut obj = self.open_object(None);
        obj.member(Key::Static(variant), value)?;
        obj.close()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(self.open_seq(None))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.open_seq(None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.open_seq(None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Ok(self.open_seq(Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(self.open_object(None))
    }
    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Ok(self.open_object(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Ok(self.open_object(Some(variant)))
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}
seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStruct for Object<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.member(Key::Static(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Object<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.member(Key::Static(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeMap for Object<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // A map key must be a string, as in serde_json (numbers become their decimal text).
        let value = serde_json::to_value(key).map_err(|e| unsupported(&e.to_string()))?;
        self.pending = Some(match value {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
            _ => return Err(unsupported("a map key that is not a string")),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.pending.take().ok_or_else(|| unsupported("a map value without a key"))?;
        self.member(Key::Owned(key), value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

#[cfg(test)]
#[path = "canon_tests.rs"]
mod tests;

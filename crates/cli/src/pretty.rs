//! The on-disk layout of documents ([`crate::render::document`]) written
//! straight from a `Serialize` value, without a `serde_json::Value` tree.
//!
//! WHY: `render::document(&serde_json::to_value(doc)?)` builds a tree of a
//! million small maps for a million-candidate commitment and then formats
//! every scalar through a temporary `String`; that was a second of `commit`
//! and `draw`. This writer gives the same bytes (tests compare both on
//! arbitrary values and on every fixture) into one buffer.
//!
//! The layout's one decision needs look-ahead: an object below the top level,
//! or an array at any level, stays on one line when none of its members is an
//! object or array. Each open object or array is therefore written on one
//! line, and beside it (in `multi`) in the indented form, until its first
//! object or array member arrives; then the one-line text is replaced by the
//! indented one and the rest is written indented. Objects and arrays that
//! stay flat (an entry, a result line) cost a copy of their few bytes.

use serde::ser::{self, Serialize};

/// The document's bytes as `render::document(&serde_json::to_value(value)?)` gives them.
pub fn document<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut w = Pretty { out: Vec::with_capacity(4096), frames: Vec::new(), spare: Vec::new() };
    value.serialize(&mut w)?;
    w.out.push(b'\n');
    Ok(w.out)
}

/// A value serde_json cannot write (a map key that is not a string).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Pretty {
    out: Vec<u8>,
    /// The open objects and arrays, innermost last.
    frames: Vec<Frame>,
    /// Buffers of closed frames, for reuse.
    spare: Vec<Vec<u8>>,
}

struct Frame {
    object: bool,
    depth: usize,
    /// Where the frame's opening bracket is in `out`.
    start: usize,
    members: usize,
    /// Some(indented text of the members so far) while the frame is still on one line.
    multi: Option<Vec<u8>>,
}

fn pad(out: &mut Vec<u8>, depth: usize) {
    for _ in 0..depth {
        out.extend_from_slice(b"  ");
    }
}

/// A JSON string as serde_json writes it (the escaping of `Value::to_string`).
fn write_str(out: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(out, s).expect("writing to a Vec cannot fail");
}

impl Pretty {
    /// Before a member: its separator (and name) in the one-line text and, while
    /// the frame is undecided, in the indented text too.
    fn begin_member(&mut self, key: Option<&str>) {
        let frame = self.frames.last_mut().expect("a member is inside an object or array");
        let first = frame.members == 0;
        frame.members += 1;
        let write = |out: &mut Vec<u8>, indented: bool, depth: usize| {
            match (first, indented) {
                (true, false) => {}
                (false, false) => out.extend_from_slice(b", "),
                (true, true) => pad(out, depth + 1),
                (false, true) => {
                    out.extend_from_slice(b",\n");
                    pad(out, depth + 1)
                }
            }
            if let Some(k) = key {
                write_str(out, k);
                out.extend_from_slice(b": ");
            }
        };
        match &mut frame.multi {
            Some(multi) => {
                write(&mut self.out, false, frame.depth);
                write(multi, true, frame.depth);
            }
            None => write(&mut self.out, true, frame.depth),
        }
    }

    /// A scalar value has just been written to `out` from `from`: copy it to the indented text.
    fn end_scalar(&mut self, from: usize) {
        if let Some(Frame { multi: Some(multi), .. }) = self.frames.last_mut() {
            multi.extend_from_slice(&self.out[from..]);
        }
    }

    fn scalar(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> Result<(), Error> {
        let from = self.out.len();
        write(&mut self.out);
        self.end_scalar(from);
        Ok(())
    }

    /// Rewrites the innermost frame in the indented form from here on.
    fn go_multiline(&mut self) {
        let frame = self.frames.last_mut().expect("an open frame");
        if let Some(multi) = frame.multi.take() {
            self.out.truncate(frame.start + 1);
            self.out.push(b'\n');
            self.out.extend_from_slice(&multi);
            self.spare.push(multi);
        }
    }

    fn open(&mut self, object: bool) {
        let depth = match self.frames.last() {
            Some(parent) => parent.depth + 1,
            None => 0,
        };
        if !self.frames.is_empty() {
            self.go_multiline();
        }
        let start = self.out.len();
        self.out.push(if object { b'{' } else { b'[' });
        let mut multi = self.spare.pop().unwrap_or_default();
        multi.clear();
        self.frames.push(Frame { object, depth, start, members: 0, multi: Some(multi) });
    }

    fn close(&mut self) -> Result<(), Error> {
        let top = self.frames.last().expect("an open frame");
        // The top-level object is always indented (unless empty).
        if top.object && top.depth == 0 && top.members > 0 {
            self.go_multiline();
        }
        let frame = self.frames.pop().expect("an open frame");
        match frame.multi {
            Some(multi) => self.spare.push(multi),
            None => {
                self.out.push(b'\n');
                pad(&mut self.out, frame.depth);
            }
        }
        self.out.push(if frame.object { b'}' } else { b']' });
        Ok(())
    }
}

/// An open object or array of the writer.
pub struct Compound<'a> {
    w: &'a mut Pretty,
    /// Closes a `{"variant": …}` wrapper too.
    variant: bool,
    /// The name of a map member whose value is not written yet.
    pending: Option<String>,
}

impl<'a> Compound<'a> {
    fn new(w: &'a mut Pretty, object: bool, variant: Option<&'static str>) -> Self {
        if let Some(v) = variant {
            w.open(true);
            w.begin_member(Some(v));
        }
        w.open(object);
        Compound { w, variant: variant.is_some(), pending: None }
    }

    fn item<T: Serialize + ?Sized>(&mut self, key: Option<&str>, value: &T) -> Result<(), Error> {
        self.w.begin_member(key);
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Error> {
        self.w.close()?;
        if self.variant {
            self.w.close()?;
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Pretty {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(|o| o.extend_from_slice(if v { b"true" } else { b"false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(|o| o.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(|o| o.extend_from_slice(itoa::Buffer::new().format(v).as_bytes()))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        let value = serde_json::to_value(v).map_err(|e| Error(e.to_string()))?;
        self.scalar(|o| o.extend_from_slice(value.to_string().as_bytes()))
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        let value = serde_json::to_value(v).map_err(|e| Error(e.to_string()))?;
        self.scalar(|o| o.extend_from_slice(value.to_string().as_bytes()))
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        let text = serde_json::Value::from(v).to_string();
        self.scalar(|o| o.extend_from_slice(text.as_bytes()))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        let text = serde_json::Value::from(v).to_string();
        self.scalar(|o| o.extend_from_slice(text.as_bytes()))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.scalar(|o| write_str(o, v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::new(self, false, None);
        for b in v {
            seq.item(None, b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.scalar(|o| o.extend_from_slice(b"null"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
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
        let mut obj = Compound::new(self, true, None);
        obj.item(Some(variant), value)?;
        obj.end()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, false, None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, false, None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, false, None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, false, Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, true, None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, true, None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(Compound::new(self, true, Some(variant)))
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.item(None, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
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

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.item(Some(key), value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.item(Some(key), value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // serde_json's rule: a string, or a number written as its decimal text.
        self.pending = Some(match serde_json::to_value(key).map_err(|e| Error(e.to_string()))? {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
            _ => return Err(Error("a map key that is not a string".to_string())),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.pending.take().ok_or_else(|| Error("a map value without a key".to_string()))?;
        self.item(Some(&key), value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render;
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::{json, Value};

    fn old<T: Serialize>(v: &T) -> Vec<u8> {
        render::document(&serde_json::to_value(v).unwrap())
    }

    /// Nested objects and arrays, empty ones included, with scalars of every JSON type.
    fn arb_value() -> impl Strategy<Value = Value> {
        let text = "[a-z\"\\\\\u{0}-\u{1f}\u{7f}é\u{1f600}]{0,5}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u64>().prop_map(|n| json!(n)),
            any::<i64>().prop_map(|n| json!(n)),
            (-1e9f64..1e9).prop_map(|f| json!(f)),
            text.prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 64, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((text, inner), 0..5)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn equals_render_document_of_the_value_tree(v in arb_value()) {
            prop_assert_eq!(document(&v).unwrap(), old(&v));
        }
    }

    #[derive(Serialize)]
    struct Doc {
        #[serde(skip_serializing_if = "Option::is_none")]
        gone: Option<u8>,
        none: Option<u8>,
        entries: Vec<(u8, &'static str)>,
        empty: Vec<u8>,
        variants: Vec<Variant>,
        bytes: &'static [u8],
    }

    #[derive(Serialize)]
    enum Variant {
        Unit,
        New(u8),
        Tuple(i32, bool),
        Struct { b: char, a: () },
    }

    #[test]
    fn structs_tuples_and_enums_equal_the_tree() {
        let d = Doc {
            gone: None,
            none: None,
            entries: vec![(1, "a"), (2, "b")],
            empty: vec![],
            variants: vec![Variant::Unit, Variant::New(7), Variant::Tuple(-3, true), Variant::Struct { b: 'é', a: () }],
            bytes: b"ab",
        };
        assert_eq!(String::from_utf8(document(&d).unwrap()), String::from_utf8(old(&d)));
        assert_eq!(document(&7u8).unwrap(), old(&7u8));
        assert_eq!(document(&json!({})).unwrap(), b"{}\n");
    }

    /// The published example documents of both methods, byte for byte as on disk.
    #[test]
    fn writes_the_published_fixtures() {
        use potdraw_core::wire::{CommitmentDoc, TranscriptDoc};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        for dir in ["example", "rfc3797/example"] {
            let bytes = std::fs::read(root.join(dir).join("commitment.json")).unwrap();
            let c: CommitmentDoc = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(document(&c).unwrap(), bytes, "{dir}/commitment.json");
            let bytes = std::fs::read(root.join(dir).join("transcript.json")).unwrap();
            let t: TranscriptDoc = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(document(&t).unwrap(), bytes, "{dir}/transcript.json");
        }
    }
}

//! Fingerprints: 128-bit digests that name everything an output was made from.
//!
//! Incremental work rests on them. A page's fingerprint covers its template (with
//! the templates it extends or includes), the variables it is rendered with and
//! the lectern build itself; when a later build computes the same fingerprint for
//! the same file, the file from before is kept instead of made again (see
//! [`crate::render::Sink::keep`]). With 128-bit XXH3 an accidental match is out
//! of reach in practice (and the inputs are the editor's own, not an
//! adversary's), so a kept file is byte-identical to the one a fresh build would
//! write. XXH3 rather than a cryptographic hash because a rebuild fingerprints
//! every page of the site: hashing must cost far less than rendering.

use std::cell::Cell;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fingerprint(pub u128);

impl Fingerprint {
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        let mut hasher = Fingerprinter::new("bytes");
        hasher.bytes(bytes);
        hasher.finish()
    }
}

/// Builds a fingerprint from parts. Every part is delimited, so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Clone)]
pub(crate) struct Fingerprinter(Xxh3);

impl Fingerprinter {
    /// `domain` keeps fingerprints of different kinds of things apart; every
    /// fingerprint also covers the running lectern build.
    pub(crate) fn new(domain: &str) -> Fingerprinter {
        let mut hasher = Xxh3::new();
        hasher.update(&build_id().0.to_le_bytes());
        let mut fingerprinter = Fingerprinter(hasher);
        fingerprinter.bytes(domain.as_bytes());
        fingerprinter
    }

    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// [`bytes`](Self::bytes) for bytes that come in pieces (written as they
    /// are made): `len` is their total length, then each piece goes to
    /// [`piece`](Self::piece).
    pub(crate) fn bytes_of_len(&mut self, len: u64) -> &mut Self {
        self.0.update(&len.to_le_bytes());
        self
    }

    pub(crate) fn piece(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(bytes);
        self
    }

    pub(crate) fn fingerprint(&mut self, part: Fingerprint) -> &mut Self {
        self.0.update(&part.0.to_le_bytes());
        self
    }

    /// Adds a value as serde sees it, which is exactly what a template sees of
    /// it (templates get values through serde too). Every part of the value is
    /// tagged and its length given, so different values never hash alike; no
    /// JSON is made, which keeps fingerprinting a page far cheaper than
    /// rendering it.
    pub(crate) fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let outer = HASHING.replace(true);
        let mut hasher = ValueHasher {
            hasher: &mut self.0,
            pending: [0; PENDING],
            len: 0,
        };
        value
            .serialize(&mut hasher)
            .expect("hashing a value cannot fail");
        hasher.flush();
        HASHING.set(outer);
        self
    }

    pub(crate) fn finish(&self) -> Fingerprint {
        Fingerprint(self.0.digest128())
    }
}

thread_local! {
    /// Set while [`Fingerprinter::value`] runs on this thread, so that a
    /// [`Fingerprinted`] value hands over its fingerprint instead of itself.
    static HASHING: Cell<bool> = const { Cell::new(false) };
}

/// A value with its fingerprint worked out once. Meant for values that many
/// pages show (a speech's summary is on its neighbours' pages, in listings and
/// in feeds) or that are large and seldom change (a speech's text, read once and
/// rendered on every rebuild): a page's fingerprint then takes in these 16 bytes
/// instead of the whole value again. Templates see the value itself.
#[derive(Debug, Clone)]
pub(crate) struct Fingerprinted<T> {
    value: T,
    fingerprint: Fingerprint,
}

impl<T: Serialize> Fingerprinted<T> {
    pub(crate) fn new(value: T) -> Fingerprinted<T> {
        let mut fingerprint = Fingerprinter::new("part");
        fingerprint.value(&value);
        Fingerprinted {
            fingerprint: fingerprint.finish(),
            value,
        }
    }
}

impl<T> Fingerprinted<T> {
    /// A value whose fingerprint was worked out before (when it was first made).
    pub(crate) fn known(value: T, fingerprint: Fingerprint) -> Fingerprinted<T> {
        Fingerprinted { value, fingerprint }
    }

    pub(crate) fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// For a `#[serde(flatten)]` field: the value's fields, or when hashing a
    /// map holding its fingerprint (flattening takes maps and structs only).
    pub(crate) fn flattened(&self) -> Flattened<'_, T> {
        Flattened(self)
    }
}

/// See [`Fingerprinted::flattened`].
#[derive(Debug)]
pub(crate) struct Flattened<'a, T>(&'a Fingerprinted<T>);

impl<T> Clone for Flattened<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Flattened<'_, T> {}

impl<T: Serialize> Serialize for Flattened<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if HASHING.get() {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(1))?;
            map.serialize_entry("fingerprint", &self.0.fingerprint.0)?;
            map.end()
        } else {
            self.0.value.serialize(serializer)
        }
    }
}

impl<T> std::ops::Deref for Fingerprinted<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Fingerprinted<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if HASHING.get() {
            serializer.serialize_u128(self.fingerprint.0)
        } else {
            self.value.serialize(serializer)
        }
    }
}

/// A serde serialiser that feeds the hasher: each item is a tag byte, then its
/// contents, lengths first, so that the encoding is unambiguous. Small pieces
/// are gathered first: the hasher costs per call as much as per byte for them.
/// The buffer is on the stack: values are hashed by the ten thousand per
/// rebuild, and a heap buffer each time showed in the profile.
struct ValueHasher<'a> {
    hasher: &'a mut Xxh3,
    pending: [u8; PENDING],
    len: usize,
}

/// How many bytes of small pieces are gathered before they are hashed.
const PENDING: usize = 1024;

#[derive(Debug)]
struct Never(String);

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Never {}

impl serde::ser::Error for Never {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Never(message.to_string())
    }
}

impl ValueHasher<'_> {
    fn tag(&mut self, tag: u8, bytes: &[u8]) {
        self.gather(&[tag]);
        self.gather(bytes);
    }

    fn text(&mut self, tag: u8, text: &[u8]) {
        self.tag(tag, &(text.len() as u64).to_le_bytes());
        self.gather(text);
    }

    fn gather(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > PENDING {
            self.flush();
            if bytes.len() > PENDING / 2 {
                self.hasher.update(bytes);
                return;
            }
        }
        self.pending[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn flush(&mut self) {
        self.hasher.update(&self.pending[..self.len]);
        self.len = 0;
    }
}

macro_rules! hash_numbers {
    ($($method:ident: $type:ty => $tag:expr),* $(,)?) => {
        $(fn $method(self, v: $type) -> Result<(), Never> {
            self.tag($tag, &v.to_le_bytes());
            Ok(())
        })*
    };
}

impl<'b> serde::Serializer for &mut ValueHasher<'b> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    hash_numbers! {
        serialize_i8: i8 => b'i', serialize_i16: i16 => b'i', serialize_i32: i32 => b'i',
        serialize_i64: i64 => b'i', serialize_u8: u8 => b'u', serialize_u16: u16 => b'u',
        serialize_u32: u32 => b'u', serialize_u64: u64 => b'u', serialize_f32: f32 => b'f',
        serialize_f64: f64 => b'd', serialize_i128: i128 => b'I', serialize_u128: u128 => b'U',
    }

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.tag(b'b', &[v as u8]);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.tag(b'c', &(v as u32).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.text(b's', v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.text(b'B', v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.tag(b'n', &[]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        self.tag(b'y', &[]);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.tag(b'0', &[]);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Never> {
        self.text(b'0', name.as_bytes());
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Never> {
        self.text(b'v', variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.text(b'V', variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(b'[', &[]);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.text(b'V', variant.as_bytes());
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(b'{', &[]);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.text(b'V', variant.as_bytes());
        self.serialize_map(None)
    }
}

/// Sequences and maps: their items one after the other, then an end tag.
macro_rules! hash_compound {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl<'b> serde::ser::$trait for &mut ValueHasher<'b> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Never> {
                self.tag(b']', &[]);
                Ok(())
            }
        })*
    };
}

hash_compound! {
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

impl<'b> serde::ser::SerializeMap for &mut ValueHasher<'b> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        self.tag(b'}', &[]);
        Ok(())
    }
}

macro_rules! hash_fields {
    ($($trait:ident),* $(,)?) => {
        $(impl<'b> serde::ser::$trait for &mut ValueHasher<'b> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.text(b'k', name.as_bytes());
                value.serialize(&mut **self)
            }
            fn skip_field(&mut self, name: &'static str) -> Result<(), Never> {
                self.text(b'-', name.as_bytes());
                Ok(())
            }
            fn end(self) -> Result<(), Never> {
                self.tag(b'}', &[]);
                Ok(())
            }
        })*
    };
}

hash_fields!(SerializeStruct, SerializeStructVariant);

/// Names the running lectern: its version and a digest of its own executable, so
/// that nothing made by one build of lectern is reused by another, even between
/// two development builds of the same version.
pub(crate) fn build_id() -> Fingerprint {
    static ID: OnceLock<Fingerprint> = OnceLock::new();
    *ID.get_or_init(|| {
        let mut hasher = Xxh3::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        match std::env::current_exe().and_then(std::fs::read) {
            Ok(executable) => {
                hasher.update(&executable);
            }
            // Without its own bytes, a build can only vouch for this run.
            Err(_) => {
                hasher.update(&std::process::id().to_le_bytes());
                hasher.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
            }
        }
        Fingerprint(hasher.digest128())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited_and_order_matters() {
        let fp = |parts: &[&str]| {
            let mut f = Fingerprinter::new("test");
            for part in parts {
                f.bytes(part.as_bytes());
            }
            f.finish()
        };
        assert_ne!(fp(&["ab", "c"]), fp(&["a", "bc"]));
        assert_ne!(fp(&["a", "b"]), fp(&["b", "a"]));
        assert_eq!(fp(&["a", "b"]), fp(&["a", "b"]));
        let mut a = Fingerprinter::new("test");
        a.value(&vec!["x"]);
        let mut b = Fingerprinter::new("other");
        b.value(&vec!["x"]);
        assert_ne!(a.finish(), b.finish(), "domains keep kinds apart");
    }

    #[test]
    fn values_that_serialise_differently_hash_differently() {
        let fp = |value: serde_json::Value| {
            let mut f = Fingerprinter::new("test");
            f.value(&value);
            f.finish()
        };
        use serde_json::json;
        let values = [
            json!(["ab", "c"]),
            json!(["a", "bc"]),
            json!([["a"], "bc"]),
            json!({"a": "b"}),
            json!({"a": ["b"]}),
            json!({"ab": ""}),
            json!(["a", "b"]),
            json!(null),
            json!(""),
            json!(0),
            json!(0.0),
            json!(false),
        ];
        let fingerprints: std::collections::HashSet<_> = values.iter().cloned().map(fp).collect();
        assert_eq!(fingerprints.len(), values.len());
        assert_eq!(fp(json!({"a": [1, "x"]})), fp(json!({"a": [1, "x"]})));
    }

    #[test]
    fn a_fingerprinted_value_stands_in_for_itself() {
        let fp = |value: &dyn erased::Value| {
            let mut f = Fingerprinter::new("test");
            value.add_to(&mut f);
            f.finish()
        };
        let part = Fingerprinted::new(vec!["a", "b"]);
        let other = Fingerprinted::new(vec!["a", "c"]);
        assert_eq!(
            fp(&vec![&part]),
            fp(&vec![&Fingerprinted::new(vec!["a", "b"])])
        );
        assert_ne!(fp(&vec![&part]), fp(&vec![&other]));
        // Templates see the value, not the fingerprint.
        assert_eq!(serde_json::to_string(&part).unwrap(), r#"["a","b"]"#);
    }

    #[test]
    fn a_flattened_part_hashes_as_its_fingerprint_and_shows_its_fields() {
        #[derive(Serialize)]
        struct Part {
            title: &'static str,
        }
        #[derive(Serialize)]
        struct Page<'a> {
            #[serde(flatten)]
            part: Flattened<'a, Part>,
            body: &'static str,
        }
        let fp = |title| {
            let part = Fingerprinted::new(Part { title });
            let mut f = Fingerprinter::new("test");
            f.value(&Page {
                part: part.flattened(),
                body: "b",
            });
            f.finish()
        };
        assert_eq!(fp("a"), fp("a"));
        assert_ne!(fp("a"), fp("c"));
        let part = Fingerprinted::new(Part { title: "a" });
        let page = Page {
            part: part.flattened(),
            body: "b",
        };
        assert_eq!(
            serde_json::to_string(&page).unwrap(),
            r#"{"title":"a","body":"b"}"#
        );
    }

    /// Lets the test above hash values of different types through one closure.
    mod erased {
        use super::*;
        pub(super) trait Value {
            fn add_to(&self, f: &mut Fingerprinter);
        }
        impl<T: Serialize> Value for T {
            fn add_to(&self, f: &mut Fingerprinter) {
                f.value(self);
            }
        }
    }
}

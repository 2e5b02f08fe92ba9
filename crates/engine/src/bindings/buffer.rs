//! The `buffer` binding: transcoding between strings and bytes in every
//! encoding Buffer supports, done in Rust because it is hot and bulky.

use super::{bytes_to_uint8array, throw_type_error, with_view_contents, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "encode" => op_buffer_encode,
        "decode" => op_buffer_decode,
        "byteLength" => op_buffer_byte_length,
        "indexOfBytes" => op_buffer_index_of_bytes,
        "compareBytes" => op_buffer_compare_bytes,
    }
}

#[derive(Clone, Copy, PartialEq)]
pub enum Encoding {
    Utf8,
    Utf16le,
    Latin1,
    Ascii,
    Base64,
    Base64Url,
    Hex,
}

impl Encoding {
    /// Accepts the normalised names `js/buffer.js` passes.
    pub fn parse(name: &str) -> Option<Encoding> {
        Some(match name {
            "utf8" | "utf-8" => Encoding::Utf8,
            "utf16le" | "utf-16le" | "ucs2" | "ucs-2" => Encoding::Utf16le,
            "latin1" | "binary" => Encoding::Latin1,
            "ascii" => Encoding::Ascii,
            "base64" => Encoding::Base64,
            "base64url" => Encoding::Base64Url,
            "hex" => Encoding::Hex,
            _ => return None,
        })
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes into ASCII bytes (what `new_from_one_byte` / external strings take).
pub fn base64_encode(bytes: &[u8], url: bool) -> Vec<u8> {
    let table = if url { B64URL } else { B64 };
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    let mut chunks = bytes.chunks_exact(3);
    for c in &mut chunks {
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        out.extend_from_slice(&[
            table[(n >> 18) as usize & 63],
            table[(n >> 12) as usize & 63],
            table[(n >> 6) as usize & 63],
            table[n as usize & 63],
        ]);
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.extend_from_slice(&[table[(n >> 18) as usize & 63], table[(n >> 12) as usize & 63]]);
            if !url {
                out.extend_from_slice(b"==");
            }
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.extend_from_slice(&[
                table[(n >> 18) as usize & 63],
                table[(n >> 12) as usize & 63],
                table[(n >> 6) as usize & 63],
            ]);
            if !url {
                out.push(b'=');
            }
        }
        _ => {}
    }
    out
}

/// 0..=63 for both alphabets' characters, `INVALID` for everything else.
const INVALID: u8 = 0xff;
const BASE64_VALUES: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        t[B64[i] as usize] = i as u8;
        t[B64URL[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Node's lenient base64 decoder (both alphabets, whitespace and junk skipped,
/// stops at '='), fed in pieces: large strings are read in chunks, not copied out whole.
#[derive(Default)]
pub struct Base64Decoder {
    acc: u32,
    bits: u32,
    done: bool,
}

impl Base64Decoder {
    pub fn feed(&mut self, text: &[u8], out: &mut Vec<u8>) {
        if self.done {
            return;
        }
        let mut rest = text;
        if self.bits == 0 {
            let start = out.len();
            out.resize(start + text.len() / 4 * 3, 0);
            let (read, written) = decode_clean_quads(text, &mut out[start..]);
            out.truncate(start + written);
            rest = &text[read..];
        }
        self.feed_lenient(rest, out);
    }

    fn feed_lenient(&mut self, text: &[u8], out: &mut Vec<u8>) {
        for &c in text {
            if c == b'=' {
                self.done = true;
                return;
            }
            let v = BASE64_VALUES[c as usize];
            if v == INVALID {
                continue;
            }
            self.acc = self.acc << 6 | u32::from(v);
            self.bits += 6;
            if self.bits >= 8 {
                self.bits -= 8;
                out.push((self.acc >> self.bits) as u8);
                self.acc &= (1 << self.bits) - 1;
            }
        }
    }
}

/// The fast path: whole groups of four valid characters, written into `out`
/// (sized for them). Returns (bytes of `text` read, bytes written); it stops
/// before the first group with padding or junk.
fn decode_clean_quads(text: &[u8], out: &mut [u8]) -> (usize, usize) {
    let mut written = 0;
    for (quad, dst) in text.chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let v = [
            BASE64_VALUES[quad[0] as usize],
            BASE64_VALUES[quad[1] as usize],
            BASE64_VALUES[quad[2] as usize],
            BASE64_VALUES[quad[3] as usize],
        ];
        if (v[0] | v[1] | v[2] | v[3]) & 0xc0 != 0 {
            break;
        }
        let n = u32::from(v[0]) << 18 | u32::from(v[1]) << 12 | u32::from(v[2]) << 6 | u32::from(v[3]);
        dst.copy_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
        written += 3;
    }
    (written / 3 * 4, written)
}

pub fn hex_encode(bytes: &[u8]) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.extend_from_slice(&[HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
    }
    out
}

const HEX_VALUES: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0u8;
    while i < 10 {
        t[(b'0' + i) as usize] = i;
        i += 1;
    }
    let mut i = 0u8;
    while i < 6 {
        t[(b'a' + i) as usize] = 10 + i;
        t[(b'A' + i) as usize] = 10 + i;
        i += 1;
    }
    t
};

/// The byte a pair of hex digits stands for, indexed by both characters at
/// once (one lookup per output byte); `INVALID_PAIR` when either is not a digit.
const INVALID_PAIR: u16 = 0x100;

fn hex_pairs() -> &'static [u16; 65536] {
    static TABLE: std::sync::OnceLock<Box<[u16; 65536]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([INVALID_PAIR; 65536]);
        for (i, slot) in table.iter_mut().enumerate() {
            let (hi, lo) = (HEX_VALUES[i >> 8], HEX_VALUES[i & 0xff]);
            if (hi | lo) & 0xf0 == 0 {
                *slot = u16::from(hi << 4 | lo);
            }
        }
        table
    })
}

/// Appends the bytes of `text`'s hex pairs to `out`; false once an invalid pair
/// ended decoding (later text is ignored, as node does).
/// (node decodes hex pairs until the first invalid one).
fn hex_decode_into(text: &[u8], out: &mut Vec<u8>) -> bool {
    let table = hex_pairs();
    let start = out.len();
    out.resize(start + text.len() / 2, 0);
    let mut written = 0;
    for (pair, dst) in text.chunks_exact(2).zip(out[start..].iter_mut()) {
        let value = table[usize::from(pair[0]) << 8 | usize::from(pair[1])];
        if value == INVALID_PAIR {
            out.truncate(start + written);
            return false;
        }
        *dst = value as u8;
        written += 1;
    }
    out.truncate(start + written);
    true
}

fn utf16_units(scope: &mut v8::PinScope, s: v8::Local<v8::String>) -> Vec<u16> {
    let mut units = vec![0u16; s.length()];
    s.write_v2(scope, 0, &mut units, v8::WriteFlags::empty());
    units
}

/// The string's UTF-16 units truncated to bytes (latin1/ascii/base64/hex input);
/// one-byte strings are copied out directly.
fn one_byte_units(scope: &mut v8::PinScope, s: v8::Local<v8::String>) -> Vec<u8> {
    if s.contains_only_onebyte() {
        let mut bytes = vec![0u8; s.length()];
        s.write_one_byte_v2(scope, 0, &mut bytes, v8::WriteFlags::empty());
        return bytes;
    }
    utf16_units(scope, s).iter().map(|&u| u as u8).collect()
}

/// Calls `f` with the string's units as bytes (low byte of each UTF-16 unit)
/// in even-sized chunks, so huge strings are never copied out whole; `f`
/// returns false to stop early.
fn for_each_byte_chunk(scope: &mut v8::PinScope, s: v8::Local<v8::String>, mut f: impl FnMut(&[u8]) -> bool) {
    const CHUNK: usize = 64 * 1024;
    let len = s.length();
    let mut bytes = vec![0u8; CHUNK.min(len)];
    let one_byte = s.contains_only_onebyte();
    let mut units = if one_byte { Vec::new() } else { vec![0u16; CHUNK.min(len)] };
    let mut offset = 0;
    while offset < len {
        let n = CHUNK.min(len - offset);
        if one_byte {
            s.write_one_byte_v2(scope, offset as u32, &mut bytes[..n], v8::WriteFlags::empty());
        } else {
            s.write_v2(scope, offset as u32, &mut units[..n], v8::WriteFlags::empty());
            for (b, u) in bytes.iter_mut().zip(&units[..n]) {
                *b = *u as u8;
            }
        }
        if !f(&bytes[..n]) {
            return;
        }
        offset += n;
    }
}

fn decode_base64_string(scope: &mut v8::PinScope, s: v8::Local<v8::String>) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.length() / 4 * 3 + 3);
    let mut decoder = Base64Decoder::default();
    for_each_byte_chunk(scope, s, |chunk| {
        decoder.feed(chunk, &mut out);
        !decoder.done
    });
    out
}

fn decode_hex_string(scope: &mut v8::PinScope, s: v8::Local<v8::String>) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.length() / 2);
    for_each_byte_chunk(scope, s, |chunk| hex_decode_into(chunk, &mut out));
    out
}

pub fn encode(scope: &mut v8::PinScope, s: v8::Local<v8::String>, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => s.to_rust_string_lossy(scope).into_bytes(),
        Encoding::Utf16le => utf16_units(scope, s).iter().flat_map(|u| u.to_le_bytes()).collect(),
        Encoding::Latin1 | Encoding::Ascii => one_byte_units(scope, s),
        // node reads base64/hex text by the low byte of each UTF-16 unit.
        Encoding::Base64 | Encoding::Base64Url => decode_base64_string(scope, s),
        Encoding::Hex => decode_hex_string(scope, s),
    }
}

/// Strings at least this long are handed to V8 as external one-byte strings
/// (no copy); smaller ones are copied into the heap.
const EXTERNAL_STRING_MIN: usize = 64 * 1024;

fn ascii_string<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: Vec<u8>) -> Option<v8::Local<'s, v8::String>> {
    if bytes.len() >= EXTERNAL_STRING_MIN {
        v8::String::new_external_onebyte(scope, bytes.into_boxed_slice())
    } else {
        v8::String::new_from_one_byte(scope, &bytes, v8::NewStringType::Normal)
    }
}

pub fn decode<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8], enc: Encoding) -> Option<v8::Local<'s, v8::String>> {
    match enc {
        Encoding::Utf8 => v8::String::new_from_utf8(scope, bytes, v8::NewStringType::Normal),
        Encoding::Utf16le => {
            let units: Vec<u16> = bytes.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
            v8::String::new_from_two_byte(scope, &units, v8::NewStringType::Normal)
        }
        Encoding::Latin1 => v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal),
        Encoding::Ascii => {
            let ascii: Vec<u8> = bytes.iter().map(|b| b & 0x7f).collect();
            ascii_string(scope, ascii)
        }
        Encoding::Base64 => ascii_string(scope, base64_encode(bytes, false)),
        Encoding::Base64Url => ascii_string(scope, base64_encode(bytes, true)),
        Encoding::Hex => ascii_string(scope, hex_encode(bytes)),
    }
}

fn encoding_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<Encoding> {
    let name = value.to_rust_string_lossy(scope);
    let enc = Encoding::parse(&name);
    if enc.is_none() {
        throw_type_error(scope, &format!("Unknown encoding: {name}"));
    }
    enc
}

/// encode(string, encoding) -> Uint8Array
fn op_buffer_encode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(enc) = encoding_arg(scope, args.get(1)) else {
        return;
    };
    let Some(s) = args.get(0).to_string(scope) else {
        return;
    };
    let bytes = encode(scope, s, enc);
    rv.set(bytes_to_uint8array(scope, bytes));
}

/// decode(view, encoding, start, end) -> string
fn op_buffer_decode(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(enc) = encoding_arg(scope, args.get(1)) else { return };
    let start = args.get(2).integer_value(scope).unwrap_or(0).max(0) as usize;
    let end = args.get(3).integer_value(scope).map(|e| e.max(0) as usize);
    let decoded = with_view_contents(args.get(0), |bytes| {
        let end = end.unwrap_or(bytes.len()).min(bytes.len());
        let start = start.min(end);
        decode(scope, &bytes[start..end], enc)
    });
    match decoded {
        Some(Some(s)) => rv.set(s.into()),
        Some(None) => super::throw_error(scope, "Cannot create a string longer than 0x1fffffe8 characters"),
        None => rv.set(v8::String::empty(scope).into()),
    }
}

/// byteLength(string, encoding) -> number of bytes `encode` would produce.
fn op_buffer_byte_length(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(enc) = encoding_arg(scope, args.get(1)) else {
        return;
    };
    let Some(s) = args.get(0).to_string(scope) else {
        return;
    };
    let len = match enc {
        Encoding::Utf8 => s.utf8_length(scope),
        Encoding::Utf16le => s.length() * 2,
        Encoding::Latin1 | Encoding::Ascii => s.length(),
        _ => encode(scope, s, enc).len(),
    };
    rv.set(v8::Number::new(scope, len as f64).into());
}

/// Index of `needle` in `hay` at or after `start` (forward), or the last one
/// starting at or before `start` (backward); None when absent.
pub fn find_bytes(hay: &[u8], needle: &[u8], start: usize, forward: bool) -> Option<usize> {
    if forward {
        let from = start.min(hay.len());
        memchr::memmem::find(&hay[from..], needle).map(|i| i + from)
    } else {
        let end = start.saturating_add(needle.len()).min(hay.len());
        memchr::memmem::rfind(&hay[..end], needle)
    }
}

/// indexOfBytes(haystack, needle, start, forward) -> index or -1 (memchr's
/// SIMD substring search, for Buffer#indexOf/lastIndexOf/includes).
fn op_buffer_index_of_bytes(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let start = args.get(2).integer_value(scope).unwrap_or(0).max(0) as usize;
    let forward = args.get(3).boolean_value(scope);
    let needle = args.get(1);
    let found = with_view_contents(args.get(0), |hay| {
        with_view_contents(needle, |needle| find_bytes(hay, needle, start, forward)).flatten()
    })
    .flatten();
    let index = found.map_or(-1.0, |i| i as f64);
    rv.set(v8::Number::new(scope, index).into());
}

/// compareBytes(a, aStart, b, bStart, n) -> -1 | 0 | 1: the first `n` bytes of
/// both ranges compared as unsigned bytes (callers check the bounds).
fn op_buffer_compare_bytes(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let index = |scope: &mut v8::PinScope, i: i32| args.get(i).integer_value(scope).unwrap_or(0).max(0) as usize;
    let (a_start, b_start, n) = (index(scope, 1), index(scope, 3), index(scope, 4));
    let b = args.get(2);
    let ordering = with_view_contents(args.get(0), |a| {
        with_view_contents(b, |b| {
            let a = a.get(a_start..)?.get(..n)?;
            let b = b.get(b_start..)?.get(..n)?;
            Some(a.cmp(b))
        })
        .flatten()
    })
    .flatten();
    let result = match ordering {
        Some(std::cmp::Ordering::Less) => -1,
        Some(std::cmp::Ordering::Greater) => 1,
        _ => 0,
    };
    rv.set(v8::Integer::new(scope, result).into());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Node's lenient decoder: both alphabets, whitespace and junk skipped, stops at '='.
    fn base64_decode(text: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
        Base64Decoder::default().feed(text, &mut out);
        out
    }

    /// Node decodes hex pairs until the first invalid one.
    fn hex_decode(text: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() / 2);
        hex_decode_into(text, &mut out);
        out
    }

    #[test]
    fn base64_round_trip() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let enc = base64_encode(text.as_bytes(), false);
            assert_eq!(base64_decode(&enc), text.as_bytes());
        }
        assert_eq!(base64_encode(b"foob", false), b"Zm9vYg==");
        assert_eq!(base64_encode(b"\xfb\xff", true), b"-_8");
    }

    #[test]
    fn base64_decoder_fed_in_pieces_matches_one_pass() {
        let text = b"Zm9v YmFy\nYmF6cXV4 eA==ignored";
        let whole = base64_decode(text);
        for split in 0..text.len() {
            let mut out = Vec::new();
            let mut decoder = Base64Decoder::default();
            decoder.feed(&text[..split], &mut out);
            decoder.feed(&text[split..], &mut out);
            assert_eq!(out, whole, "split at {split}");
        }
        assert_eq!(whole, b"foobarbazquxx");
    }

    #[test]
    fn base64_skips_junk_and_stops_at_padding() {
        assert_eq!(base64_decode(b"Zm9v YmFy"), b"foobar");
        assert_eq!(base64_decode(b"Zm9vYg==Zm9v"), b"foob");
        assert_eq!(base64_decode(b"Zm9vYmFy\n"), b"foobar");
    }

    #[test]
    fn find_bytes_both_directions() {
        let hay = b"abcabcabc";
        assert_eq!(find_bytes(hay, b"bc", 0, true), Some(1));
        assert_eq!(find_bytes(hay, b"bc", 2, true), Some(4));
        assert_eq!(find_bytes(hay, b"bc", 8, false), Some(7));
        assert_eq!(find_bytes(hay, b"bc", 6, false), Some(4));
        assert_eq!(find_bytes(hay, b"zz", 0, true), None);
        assert_eq!(find_bytes(hay, b"bc", 100, true), None);
    }

    #[test]
    fn hex_stops_at_first_bad_pair() {
        assert_eq!(hex_decode(b"01ffzz02"), vec![1, 255]);
        assert_eq!(hex_encode(&[0, 171]), b"00ab");
    }
}

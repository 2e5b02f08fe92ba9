//! The `buffer` binding: transcoding between strings and bytes in every
//! encoding Buffer supports, done in Rust because it is hot and bulky.

use super::{bytes_to_uint8array, throw_type_error, with_view_contents, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "encode" => op_buffer_encode,
        "decode" => op_buffer_decode,
        "byteLength" => op_buffer_byte_length,
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

pub fn base64_encode(bytes: &[u8], url: bool) -> String {
    let table = if url { B64URL } else { B64 };
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &b)| acc | (b as u32) << (16 - 8 * i));
        let chars = chunk.len() + 1;
        for i in 0..4 {
            if i < chars {
                out.push(table[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else if !url {
                out.push('=');
            }
        }
    }
    out
}

fn base64_value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    } as u32)
}

/// Node's lenient decoder: both alphabets, whitespace and junk skipped, stops at '='.
pub fn base64_decode(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in text {
        if c == b'=' {
            break;
        }
        let Some(v) = base64_value(c) else { continue };
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

pub fn hex_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

/// Node decodes hex pairs until the first invalid one.
pub fn hex_decode(text: &[u8]) -> Vec<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    text.chunks_exact(2).map_while(|pair| Some((digit(pair[0])? << 4 | digit(pair[1])?) as u8)).collect()
}

fn utf16_units(scope: &mut v8::PinScope, s: v8::Local<v8::String>) -> Vec<u16> {
    let mut units = vec![0u16; s.length()];
    s.write_v2(scope, 0, &mut units, v8::WriteFlags::empty());
    units
}

pub fn encode(scope: &mut v8::PinScope, s: v8::Local<v8::String>, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => s.to_rust_string_lossy(scope).into_bytes(),
        Encoding::Utf16le => utf16_units(scope, s).iter().flat_map(|u| u.to_le_bytes()).collect(),
        Encoding::Latin1 | Encoding::Ascii => utf16_units(scope, s).iter().map(|&u| u as u8).collect(),
        Encoding::Base64 | Encoding::Base64Url => base64_decode(s.to_rust_string_lossy(scope).as_bytes()),
        Encoding::Hex => hex_decode(s.to_rust_string_lossy(scope).as_bytes()),
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
            v8::String::new_from_one_byte(scope, &ascii, v8::NewStringType::Normal)
        }
        Encoding::Base64 => v8::String::new(scope, &base64_encode(bytes, false)),
        Encoding::Base64Url => v8::String::new(scope, &base64_encode(bytes, true)),
        Encoding::Hex => v8::String::new(scope, &hex_encode(bytes)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for text in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let enc = base64_encode(text.as_bytes(), false);
            assert_eq!(base64_decode(enc.as_bytes()), text.as_bytes());
        }
        assert_eq!(base64_encode(b"foob", false), "Zm9vYg==");
        assert_eq!(base64_encode(b"\xfb\xff", true), "-_8");
    }

    #[test]
    fn hex_stops_at_first_bad_pair() {
        assert_eq!(hex_decode(b"01ffzz02"), vec![1, 255]);
        assert_eq!(hex_encode(&[0, 171]), "00ab");
    }
}

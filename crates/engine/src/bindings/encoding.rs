//! `internalBinding('encoding')`: UTF-8 encoding for TextEncoder and the
//! WHATWG decoders for TextDecoder (from `encoding_rs`).
//!
//! One-shot decodes are stateless. A streaming TextDecoder owns a decoder
//! kept here under a numeric id; JavaScript frees it on flush or when the
//! TextDecoder is garbage-collected (a FinalizationRegistry).

use super::{bytes_to_uint8array, v8_str, view_bytes, Op};
use encoding_rs::{CoderResult, Decoder, DecoderResult, Encoding};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "encodeUtf8" => op_encoding_encode_utf8,
        "encodeInto" => op_encoding_encode_into,
        "getEncoding" => op_encoding_get_encoding,
        "decode" => op_encoding_decode,
        "decodeLatin1" => op_encoding_decode_latin1,
        "decoderNew" => op_encoding_decoder_new,
        "decoderDecode" => op_encoding_decoder_decode,
        "decoderFree" => op_encoding_decoder_free,
    }
}

thread_local! {
    static DECODERS: RefCell<HashMap<u32, Decoder>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// The canonical (lower-case) encoding name for a WHATWG label, limited to
/// the encodings node's ICU build can decode.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label_no_replacement(label.as_bytes())?;
    if enc == encoding_rs::ISO_8859_16 || enc == encoding_rs::X_USER_DEFINED {
        return None;
    }
    Some(enc)
}

fn encoding_by_name(name: &str) -> Option<&'static Encoding> {
    encoding_for_label(name)
}

fn new_decoder(enc: &'static Encoding, ignore_bom: bool) -> Decoder {
    if ignore_bom {
        enc.new_decoder_without_bom_handling()
    } else {
        enc.new_decoder_with_bom_removal()
    }
}

/// Runs bytes through a decoder. `None` when `fatal` and the input is malformed.
pub fn run_decoder(decoder: &mut Decoder, bytes: &[u8], last: bool, fatal: bool) -> Option<String> {
    let mut out = String::new();
    let mut src = bytes;
    loop {
        if fatal {
            let need = decoder.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(src.len() * 3 + 16);
            out.reserve(need.max(16));
            let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, last);
            src = &src[read..];
            match result {
                DecoderResult::InputEmpty => return Some(out),
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(_, _) => return None,
            }
        } else {
            let need = decoder.max_utf8_buffer_length(src.len()).unwrap_or(src.len() * 3 + 16);
            out.reserve(need.max(16));
            let (result, read, _) = decoder.decode_to_string(src, &mut out, last);
            src = &src[read..];
            match result {
                CoderResult::InputEmpty => return Some(out),
                CoderResult::OutputFull => continue,
            }
        }
    }
}

/// UTF-8 bytes for up to `capacity` bytes without splitting a character:
/// (UTF-16 units read, bytes).
pub fn encode_into(units: &[u16], capacity: usize) -> (usize, Vec<u8>) {
    let mut out = Vec::with_capacity(capacity.min(units.len() * 3));
    let mut read = 0;
    for c in char::decode_utf16(units.iter().copied()) {
        let (c, width) = match c {
            Ok(c) => (c, c.len_utf16()),
            Err(_) => (char::REPLACEMENT_CHARACTER, 1),
        };
        let mut buf = [0u8; 4];
        let encoded = c.encode_utf8(&mut buf);
        if out.len() + encoded.len() > capacity {
            break;
        }
        out.extend_from_slice(encoded.as_bytes());
        read += width;
    }
    (read, out)
}

fn string_value<'s>(scope: &mut v8::PinScope<'s, '_>, s: &str) -> v8::Local<'s, v8::Value> {
    match v8::String::new(scope, s) {
        Some(s) => s.into(),
        None => {
            super::throw_error(scope, "Cannot create a string longer than 0x1fffffe8 characters");
            v8::undefined(scope).into()
        }
    }
}

/// encodeUtf8(string) -> Uint8Array (lone surrogates become U+FFFD)
fn op_encoding_encode_utf8(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let s = args.get(0).to_rust_string_lossy(scope);
    rv.set(bytes_to_uint8array(scope, s.into_bytes()));
}

/// encodeInto(string, capacity) -> [read, written, bytes]
fn op_encoding_encode_into(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(s) = args.get(0).to_string(scope) else {
        return;
    };
    let capacity = args.get(1).integer_value(scope).unwrap_or(0).max(0) as usize;
    let mut units = vec![0u16; s.length()];
    s.write_v2(scope, 0, &mut units, v8::WriteFlags::empty());
    let (read, bytes) = encode_into(&units, capacity);
    let written = bytes.len();
    let read = v8::Number::new(scope, read as f64).into();
    let written = v8::Number::new(scope, written as f64).into();
    let bytes = bytes_to_uint8array(scope, bytes);
    rv.set(v8::Array::new_with_elements(scope, &[read, written, bytes]).into());
}

/// getEncoding(label) -> canonical name | undefined
fn op_encoding_get_encoding(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let label = args.get(0).to_rust_string_lossy(scope);
    if let Some(enc) = encoding_for_label(&label) {
        let name = enc.name().to_ascii_lowercase();
        rv.set(v8_str(scope, &name).into());
    }
}

/// decode(bytes, encoding, ignoreBOM, fatal) -> string | undefined (malformed)
fn op_encoding_decode(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let bytes = view_bytes(args.get(0)).unwrap_or_default();
    let name = args.get(1).to_rust_string_lossy(scope);
    let ignore_bom = args.get(2).boolean_value(scope);
    let fatal = args.get(3).boolean_value(scope);
    let Some(enc) = encoding_by_name(&name) else {
        return;
    };
    let mut decoder = new_decoder(enc, ignore_bom);
    if let Some(out) = run_decoder(&mut decoder, &bytes, true, fatal) {
        let v = string_value(scope, &out);
        rv.set(v);
    }
}

/// decodeLatin1(bytes) -> string, each byte one code point (node's fast path)
fn op_encoding_decode_latin1(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let bytes = view_bytes(args.get(0)).unwrap_or_default();
    match v8::String::new_from_one_byte(scope, &bytes, v8::NewStringType::Normal) {
        Some(s) => rv.set(s.into()),
        None => super::throw_error(scope, "Cannot create a string longer than 0x1fffffe8 characters"),
    }
}

/// decoderNew(encoding, ignoreBOM) -> id (0 when the encoding is unknown)
fn op_encoding_decoder_new(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let name = args.get(0).to_rust_string_lossy(scope);
    let ignore_bom = args.get(1).boolean_value(scope);
    let id = match encoding_by_name(&name) {
        Some(enc) => {
            let id = NEXT_ID.with(|n| {
                let id = n.get();
                n.set(id.wrapping_add(1).max(1));
                id
            });
            DECODERS.with(|d| d.borrow_mut().insert(id, new_decoder(enc, ignore_bom)));
            id
        }
        None => 0,
    };
    rv.set(v8::Number::new(scope, id as f64).into());
}

/// decoderDecode(id, bytes, flush, fatal, encoding, ignoreBOM) -> string | undefined
/// (malformed). A flush, or an error, starts the decoder afresh.
fn op_encoding_decoder_decode(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let bytes = view_bytes(args.get(1)).unwrap_or_default();
    let flush = args.get(2).boolean_value(scope);
    let fatal = args.get(3).boolean_value(scope);
    let name = args.get(4).to_rust_string_lossy(scope);
    let ignore_bom = args.get(5).boolean_value(scope);
    let Some(enc) = encoding_by_name(&name) else {
        return;
    };
    let out = DECODERS.with(|d| {
        let mut map = d.borrow_mut();
        let decoder = map.entry(id).or_insert_with(|| new_decoder(enc, ignore_bom));
        let out = run_decoder(decoder, &bytes, flush, fatal);
        if flush || out.is_none() {
            map.insert(id, new_decoder(enc, ignore_bom));
        }
        out
    });
    if let Some(out) = out {
        let v = string_value(scope, &out);
        rv.set(v);
    }
}

/// decoderFree(id)
fn op_encoding_decoder_free(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    DECODERS.with(|d| d.borrow_mut().remove(&id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(encoding_for_label(" UTF8 ").map(|e| e.name()), Some("UTF-8"));
        assert_eq!(encoding_for_label("latin1").map(|e| e.name()), Some("windows-1252"));
        assert!(encoding_for_label("replacement").is_none());
        assert!(encoding_for_label("x-user-defined").is_none());
    }

    #[test]
    fn streaming_carries_partial_sequences() {
        let mut d = new_decoder(encoding_rs::UTF_8, false);
        assert_eq!(run_decoder(&mut d, &[0xe2, 0x82], false, false).as_deref(), Some(""));
        assert_eq!(run_decoder(&mut d, &[0xac], true, false).as_deref(), Some("€"));
        let mut d = new_decoder(encoding_rs::UTF_8, false);
        assert_eq!(run_decoder(&mut d, &[0xff], true, true), None);
    }

    #[test]
    fn encode_into_stops_at_whole_chars() {
        let units: Vec<u16> = "héllo".encode_utf16().collect();
        let (read, bytes) = encode_into(&units, 3);
        assert_eq!((read, bytes.len()), (2, 3));
    }
}

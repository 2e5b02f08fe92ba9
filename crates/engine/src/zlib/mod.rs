//! Compression codecs behind `node:zlib`, in plain Rust (no V8): node's
//! `ZlibContext` over zlib-rs and its brotli encoder/decoder contexts over the
//! `brotli` crate. A codec consumes one chunk per `write`, as node's handles do;
//! the binding runs that on the pool (async) or on the calling thread (sync).

mod brotli_codec;
mod zstream;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub use brotli_codec::{BrotliDecoder, BrotliEncoder};
pub use zstream::{Mode, ZlibCodec, ZlibOptions};

/// A failed write, reset or init as node reports it to `handle.onerror`:
/// the message, the errno (zlib's return code) and the code string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError {
    pub message: String,
    pub code: String,
    pub errno: i32,
}

/// What is left of the input and output after one write: node's `writeState`
/// `[availOutAfter, availInAfter]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub avail_out: usize,
    pub avail_in: usize,
}

pub trait Codec: Send {
    /// Runs the codec once over `input` into `output` with node's flush value.
    fn write(&mut self, flush: i32, input: &[u8], output: &mut [u8]) -> Result<Progress, CodecError>;
    /// Starts a fresh stream with the same options (`zlib.reset()`).
    fn reset(&mut self) -> Result<(), CodecError>;
    /// `params(level, strategy)`: only deflate streams have any.
    fn params(&mut self, _level: i32, _strategy: i32) -> Result<(), CodecError> {
        Ok(())
    }
    /// A closed deflate-family stream, to be kept for reuse.
    fn into_zlib(self: Box<Self>) -> Option<Box<ZlibCodec>> {
        None
    }
}

pub type SharedCodec = Arc<Mutex<Box<dyn Codec>>>;

/// The codecs of one isolate, by the id JavaScript holds. Shared with pool
/// jobs through the `Arc`; a job locks its codec while it runs.
#[derive(Default)]
pub struct Handles {
    next_id: u32,
    codecs: HashMap<u32, SharedCodec>,
    /// Closed zlib streams kept for reuse: setting up zlib's buffers (about
    /// 400 KiB, zeroed) dominates one-shot calls on small inputs.
    /// (Unboxed: the stream zlib points back at is its own allocation.)
    spare: Vec<ZlibCodec>,
}

/// How many closed streams are kept.
const MAX_SPARE: usize = 4;

impl Handles {
    pub fn insert(&mut self, codec: Box<dyn Codec>) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.codecs.insert(self.next_id, Arc::new(Mutex::new(codec)));
        self.next_id
    }

    /// A new zlib stream, or a closed one with the same settings renewed.
    pub fn new_zlib(&mut self, mode: Mode, opts: ZlibOptions) -> Box<ZlibCodec> {
        let fresh = Box::new(ZlibCodec::new(mode, opts));
        let Some(key) = fresh.reuse_key() else {
            return fresh;
        };
        match self.spare.iter().position(|c| c.reuse_key() == Some(key)) {
            Some(i) => {
                let mut codec = self.spare.swap_remove(i);
                if codec.renew().is_ok() {
                    Box::new(codec)
                } else {
                    fresh
                }
            }
            None => fresh,
        }
    }

    pub fn get(&self, id: u32) -> Option<SharedCodec> {
        self.codecs.get(&id).cloned()
    }

    /// Forgets the codec; a job still running keeps it alive until it ends.
    /// An idle zlib stream is kept for reuse.
    pub fn remove(&mut self, id: u32) {
        let Some(shared) = self.codecs.remove(&id) else {
            return;
        };
        let Ok(mutex) = Arc::try_unwrap(shared) else {
            return;
        };
        let codec = mutex.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(zlib) = codec.into_zlib() {
            if zlib.reuse_key().is_some() {
                if self.spare.len() == MAX_SPARE {
                    self.spare.remove(0);
                }
                self.spare.push(*zlib);
            }
        }
    }
}

/// CRC-32 (the gzip one) of `data`, continuing from `value`.
pub fn crc32(value: u32, data: &[u8]) -> u32 {
    let mut crc = value;
    // zlib's crc32 takes a 32-bit length: feed it in bounded pieces.
    for piece in data.chunks(1 << 30) {
        // SAFETY: the pointer and length describe `piece`, which outlives the call.
        crc = unsafe { libz_rs_sys::crc32(crc.into(), piece.as_ptr(), piece.len() as u32) } as u32;
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(codec: &mut dyn Codec, input: &[u8], flush: i32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut consumed = 0;
        loop {
            let mut buf = vec![0u8; 64];
            let p = codec.write(flush, &input[consumed..], &mut buf).expect("codec write");
            consumed = input.len() - p.avail_in;
            out.extend_from_slice(&buf[..64 - p.avail_out]);
            if p.avail_out != 0 {
                return out;
            }
        }
    }

    #[test]
    fn gzip_round_trip() {
        let data = b"hello hello hello hello world".repeat(20);
        let mut gz = ZlibCodec::new(Mode::Gzip, ZlibOptions::default());
        let packed = run(&mut gz, &data, 4);
        assert_eq!(&packed[..3], &[0x1f, 0x8b, 8]);
        let mut gunzip = ZlibCodec::new(Mode::Gunzip, ZlibOptions::default());
        assert_eq!(run(&mut gunzip, &packed, 4), data);
    }

    #[test]
    fn a_reused_stream_writes_what_a_new_one_does() {
        let data = b"reuse me, reuse me, reuse me".repeat(30);
        let mut handles = Handles::default();
        let mut first = handles.new_zlib(Mode::Deflate, ZlibOptions::default());
        let expected = run(&mut *first, &data, 4);
        let id = handles.insert(first);
        handles.remove(id);
        assert_eq!(handles.spare.len(), 1);
        let mut again = handles.new_zlib(Mode::Deflate, ZlibOptions::default());
        assert!(handles.spare.is_empty());
        assert_eq!(run(&mut *again, &data, 4), expected);
        let other = handles.new_zlib(Mode::Deflate, ZlibOptions { level: 1, ..ZlibOptions::default() });
        let id = handles.insert(other);
        handles.remove(id);
        let mut level6 = handles.new_zlib(Mode::Deflate, ZlibOptions::default());
        assert_eq!(run(&mut *level6, &data, 4), expected);
    }

    #[test]
    fn corrupt_input_is_an_error() {
        let mut inflate = ZlibCodec::new(Mode::Inflate, ZlibOptions::default());
        let err = inflate.write(4, b"not zlib data", &mut [0u8; 64]).expect_err("bad header");
        assert_eq!(err.message, "incorrect header check");
        assert_eq!(err.code, "Z_DATA_ERROR");
    }

    #[test]
    fn brotli_round_trip() {
        let data = b"brotli brotli brotli".repeat(10);
        let mut enc = BrotliEncoder::new(&[]).expect("init");
        let packed = run(&mut enc, &data, 2);
        let mut dec = BrotliDecoder::new(&[]).expect("init");
        assert_eq!(run(&mut dec, &packed, 2), data);
    }

    #[test]
    fn crc32_matches_known_value() {
        assert_eq!(crc32(0, b"123456789"), 0xcbf4_3926);
    }
}

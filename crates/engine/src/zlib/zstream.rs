//! Node's `ZlibContext` (src/node_zlib.cc) over zlib-rs's C API. The C API
//! rather than flate2's `Compress`/`Decompress`: node needs memLevel, strategy,
//! `deflateParams`, dictionaries and raw `Z_NEED_DICT`/`Z_BUF_ERROR` codes,
//! which flate2 does not expose.

use std::ffi::{c_int, CStr};

use libz_rs_sys as z;

use super::{Codec, CodecError, Progress};

const Z_OK: c_int = 0;
const Z_STREAM_END: c_int = 1;
const Z_NEED_DICT: c_int = 2;
const Z_DATA_ERROR: c_int = -3;
const Z_BUF_ERROR: c_int = -5;
const Z_FINISH: i32 = 4;
const Z_DEFLATED: c_int = 8;
const GZIP_HEADER_ID1: u8 = 0x1f;
const GZIP_HEADER_ID2: u8 = 0x8b;

/// Node's zlib modes (the `DEFLATE`..`UNZIP` constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Deflate = 1,
    Inflate = 2,
    Gzip = 3,
    Gunzip = 4,
    DeflateRaw = 5,
    InflateRaw = 6,
    Unzip = 7,
}

impl Mode {
    pub fn from_number(n: i32) -> Option<Mode> {
        Some(match n {
            1 => Mode::Deflate,
            2 => Mode::Inflate,
            3 => Mode::Gzip,
            4 => Mode::Gunzip,
            5 => Mode::DeflateRaw,
            6 => Mode::InflateRaw,
            7 => Mode::Unzip,
            _ => return None,
        })
    }

    fn compresses(self) -> bool {
        matches!(self, Mode::Deflate | Mode::Gzip | Mode::DeflateRaw)
    }
}

/// The options JavaScript validated (`windowBits` 0 means "from the header").
#[derive(Debug, Clone)]
pub struct ZlibOptions {
    pub window_bits: i32,
    pub level: i32,
    pub mem_level: i32,
    pub strategy: i32,
    pub dictionary: Vec<u8>,
}

impl Default for ZlibOptions {
    fn default() -> Self {
        ZlibOptions { window_bits: 15, level: -1, mem_level: 8, strategy: 0, dictionary: Vec::new() }
    }
}

pub struct ZlibCodec {
    /// Boxed: zlib's state points back at its stream, so it must not move.
    strm: Box<z::z_stream>,
    mode: Mode,
    /// Unzip starts as Unzip and becomes Gunzip or Inflate once the magic is seen.
    initial_mode: Mode,
    dictionary: Vec<u8>,
    gzip_id_bytes_read: u8,
    err: c_int,
    flush: i32,
    /// The stream is set up at its first use, as node does: a stream that is
    /// made and never written costs no zlib state.
    opts: ZlibOptions,
    initialized: bool,
}

// SAFETY: the stream's pointers refer to its own heap state (and, during a
// write, to buffers borrowed for that call only); one thread uses it at a time
// behind the handle's mutex.
unsafe impl Send for ZlibCodec {}

impl ZlibCodec {
    pub fn new(mode: Mode, mut opts: ZlibOptions) -> ZlibCodec {
        ZlibCodec {
            strm: Box::default(),
            mode,
            initial_mode: mode,
            dictionary: std::mem::take(&mut opts.dictionary),
            gzip_id_bytes_read: 0,
            err: Z_OK,
            flush: 0,
            opts,
            initialized: false,
        }
    }

    /// Node's `InitZlib`: sets the stream up on first use.
    fn ensure_init(&mut self) -> Result<(), CodecError> {
        if self.initialized {
            return Ok(());
        }
        self.err = self.init_stream();
        if self.err != Z_OK {
            return Err(self.error("Init error"));
        }
        self.initialized = true;
        self.set_dictionary()
    }

    /// What a stream needs to be reused for another with these settings:
    /// the mode and options (streams with a dictionary are never reused).
    pub fn reuse_key(&self) -> Option<(Mode, i32, i32, i32, i32)> {
        let o = &self.opts;
        self.dictionary.is_empty().then_some((self.initial_mode, o.window_bits, o.level, o.mem_level, o.strategy))
    }

    /// Makes a used stream as good as a fresh one (zlib's Reset gives the same
    /// output as a new stream), saving the set-up of its buffers.
    pub fn renew(&mut self) -> Result<(), CodecError> {
        self.mode = self.initial_mode;
        self.gzip_id_bytes_read = 0;
        self.err = Z_OK;
        self.flush = 0;
        if !self.initialized {
            return Ok(());
        }
        // SAFETY: the stream is initialised.
        self.err = unsafe {
            if self.initial_mode.compresses() {
                z::deflateReset(&mut *self.strm)
            } else {
                z::inflateReset(&mut *self.strm)
            }
        };
        if self.err != Z_OK {
            return Err(self.error("Failed to reset stream"));
        }
        Ok(())
    }

    fn init_stream(&mut self) -> c_int {
        let opts = &self.opts;
        let bits = match self.mode {
            Mode::Gzip | Mode::Gunzip => opts.window_bits + 16,
            Mode::Unzip => opts.window_bits + 32,
            Mode::DeflateRaw | Mode::InflateRaw => -opts.window_bits,
            Mode::Deflate | Mode::Inflate => opts.window_bits,
        };
        let version = z::zlibVersion();
        let size = std::mem::size_of::<z::z_stream>() as c_int;
        let strm: *mut z::z_stream = &mut *self.strm;
        // SAFETY: `strm` is a zeroed, pinned stream; the version and size are zlib-rs's own.
        unsafe {
            if self.mode.compresses() {
                z::deflateInit2_(strm, opts.level, Z_DEFLATED, bits, opts.mem_level, opts.strategy, version, size)
            } else {
                z::inflateInit2_(strm, bits, version, size)
            }
        }
    }

    /// Deflate and raw inflate take the dictionary up front; the others on `Z_NEED_DICT`.
    fn set_dictionary(&mut self) -> Result<(), CodecError> {
        if self.dictionary.is_empty() {
            return Ok(());
        }
        let (ptr, len) = (self.dictionary.as_ptr(), self.dictionary.len() as u32);
        // SAFETY: the stream is initialised; the dictionary outlives the call.
        self.err = unsafe {
            match self.mode {
                Mode::Deflate | Mode::DeflateRaw => z::deflateSetDictionary(&mut *self.strm, ptr, len),
                Mode::InflateRaw => z::inflateSetDictionary(&mut *self.strm, ptr, len),
                _ => Z_OK,
            }
        };
        if self.err != Z_OK {
            return Err(self.error("Failed to set dictionary"));
        }
        Ok(())
    }

    /// Node's `ErrorForMessage`: zlib's own message wins over ours.
    fn error(&self, fallback: &str) -> CodecError {
        let message = if self.strm.msg.is_null() {
            fallback.to_string()
        } else {
            // SAFETY: zlib-rs sets `msg` to static NUL-terminated strings.
            unsafe { CStr::from_ptr(self.strm.msg) }.to_string_lossy().into_owned()
        };
        CodecError { message, code: code_name(self.err).to_string(), errno: self.err }
    }

    fn inflate(&mut self) -> c_int {
        // SAFETY: the stream is initialised and its buffers are set for this write.
        unsafe { z::inflate(&mut *self.strm, self.flush) }
    }

    /// Unzip: look at the first two bytes to choose gzip or zlib (they may
    /// arrive in separate writes).
    fn detect_unzip(&mut self, input: &[u8]) {
        let mut bytes = input.iter();
        if self.gzip_id_bytes_read == 0 {
            match bytes.next() {
                None => return,
                Some(&GZIP_HEADER_ID1) => self.gzip_id_bytes_read = 1,
                Some(_) => {
                    self.mode = Mode::Inflate;
                    return;
                }
            }
        }
        match bytes.next() {
            None => {}
            Some(&GZIP_HEADER_ID2) => {
                self.gzip_id_bytes_read = 2;
                self.mode = Mode::Gunzip;
            }
            Some(_) => self.mode = Mode::Inflate,
        }
    }

    fn run_inflate(&mut self) {
        self.err = self.inflate();
        if self.mode != Mode::InflateRaw && self.err == Z_NEED_DICT && !self.dictionary.is_empty() {
            let (ptr, len) = (self.dictionary.as_ptr(), self.dictionary.len() as u32);
            // SAFETY: the stream is initialised; the dictionary outlives the call.
            self.err = unsafe { z::inflateSetDictionary(&mut *self.strm, ptr, len) };
            if self.err == Z_OK {
                self.err = self.inflate();
            } else if self.err == Z_DATA_ERROR {
                // Tell a bad dictionary from bad input, as node does.
                self.err = Z_NEED_DICT;
            }
        }
        // More gzip members may follow; trailing zero bytes are padding.
        while self.mode == Mode::Gunzip && self.err == Z_STREAM_END && self.next_in_byte().is_some_and(|b| b != 0) {
            if self.reset_stream().is_err() {
                return;
            }
            self.err = self.inflate();
        }
    }

    fn next_in_byte(&self) -> Option<u8> {
        // SAFETY: `next_in` points at `avail_in` readable bytes of this write's input.
        (self.strm.avail_in > 0).then(|| unsafe { *self.strm.next_in })
    }

    /// Node's `CheckError`.
    fn check_error(&self) -> Result<(), CodecError> {
        match self.err {
            Z_OK | Z_BUF_ERROR if self.strm.avail_out != 0 && self.flush == Z_FINISH => {
                Err(self.error("unexpected end of file"))
            }
            Z_OK | Z_BUF_ERROR | Z_STREAM_END => Ok(()),
            Z_NEED_DICT if self.dictionary.is_empty() => Err(self.error("Missing dictionary")),
            Z_NEED_DICT => Err(self.error("Bad dictionary")),
            _ => Err(self.error("Zlib error")),
        }
    }

    fn reset_stream(&mut self) -> Result<(), CodecError> {
        // SAFETY: the stream is initialised.
        self.err = unsafe {
            match self.mode {
                Mode::Deflate | Mode::DeflateRaw | Mode::Gzip => z::deflateReset(&mut *self.strm),
                Mode::Inflate | Mode::InflateRaw | Mode::Gunzip => z::inflateReset(&mut *self.strm),
                Mode::Unzip => Z_OK,
            }
        };
        if self.err != Z_OK {
            return Err(self.error("Failed to reset stream"));
        }
        self.set_dictionary()
    }
}

impl Codec for ZlibCodec {
    fn into_zlib(self: Box<Self>) -> Option<Box<ZlibCodec>> {
        Some(self)
    }

    fn write(&mut self, flush: i32, input: &[u8], output: &mut [u8]) -> Result<Progress, CodecError> {
        self.ensure_init()?;
        self.flush = flush;
        self.strm.next_in = input.as_ptr();
        self.strm.avail_in = u32::try_from(input.len()).unwrap_or(u32::MAX);
        self.strm.next_out = output.as_mut_ptr();
        self.strm.avail_out = u32::try_from(output.len()).unwrap_or(u32::MAX);
        self.err = Z_OK;
        if self.mode.compresses() {
            // SAFETY: the stream is initialised and its buffers are set above.
            self.err = unsafe { z::deflate(&mut *self.strm, flush) };
        } else {
            if self.mode == Mode::Unzip {
                self.detect_unzip(input);
            }
            self.run_inflate();
        }
        let progress = Progress { avail_out: self.strm.avail_out as usize, avail_in: self.strm.avail_in as usize };
        // The buffers are the caller's: forget them before returning.
        self.strm.next_in = std::ptr::null();
        self.strm.next_out = std::ptr::null_mut();
        self.check_error()?;
        Ok(progress)
    }

    /// Node's `ResetStream`: an Unzip stream keeps the format it detected.
    fn reset(&mut self) -> Result<(), CodecError> {
        self.ensure_init()?;
        self.reset_stream()
    }

    fn params(&mut self, level: i32, strategy: i32) -> Result<(), CodecError> {
        self.ensure_init()?;
        if !matches!(self.mode, Mode::Deflate | Mode::DeflateRaw) {
            return Ok(());
        }
        // deflateParams runs deflate(Z_BLOCK), which refuses a null output; after
        // the sync flush node does first it has nothing left to write.
        let mut scratch = [0u8; 64];
        self.strm.next_out = scratch.as_mut_ptr();
        self.strm.avail_out = scratch.len() as u32;
        // SAFETY: the stream is initialised and its output points at `scratch`.
        self.err = unsafe { z::deflateParams(&mut *self.strm, level, strategy) };
        // deflateReset keeps these: the stream can no longer pass for a new one.
        self.opts.level = level;
        self.opts.strategy = strategy;
        self.strm.next_out = std::ptr::null_mut();
        self.strm.avail_out = 0;
        if self.err != Z_OK && self.err != Z_BUF_ERROR {
            return Err(self.error("Failed to set parameters"));
        }
        Ok(())
    }
}

impl Drop for ZlibCodec {
    fn drop(&mut self) {
        if !self.initialized {
            return;
        }
        // SAFETY: the stream was initialised by `ensure_init`.
        unsafe {
            if self.initial_mode.compresses() {
                z::deflateEnd(&mut *self.strm);
            } else {
                z::inflateEnd(&mut *self.strm);
            }
        }
    }
}

/// zlib's return codes by name, as node's `ZlibStrerror` gives them.
fn code_name(err: c_int) -> &'static str {
    match err {
        0 => "Z_OK",
        1 => "Z_STREAM_END",
        2 => "Z_NEED_DICT",
        -1 => "Z_ERRNO",
        -2 => "Z_STREAM_ERROR",
        -3 => "Z_DATA_ERROR",
        -4 => "Z_MEM_ERROR",
        -5 => "Z_BUF_ERROR",
        -6 => "Z_VERSION_ERROR",
        _ => "Z_UNKNOWN_ERROR",
    }
}

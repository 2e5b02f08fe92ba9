//! `internalBinding('zlib')`: the handles behind js/zlib.js. A handle is an id
//! into the isolate's `zlib::Handles`; `write` runs one chunk on the pool and
//! calls back, `writeSync` runs it here. Both answer
//! `[availOutAfter, availInAfter, producedBytes]` or an Error carrying node's
//! `code` and `errno` (which JavaScript passes to the stream's onerror).

use super::{bytes_to_uint8array, set_num, set_str, throw_error, v8_str, with_view_contents, Op};
use crate::runtime::submit_work;
use crate::state::{self, CallbackArgs};
use crate::zlib::{self, BrotliDecoder, BrotliEncoder, Codec, CodecError, Mode, Progress, SharedCodec};

pub fn ops() -> Vec<Op> {
    crate::op_table![
        "newZlib" => op_zlib_new,
        "newBrotliEncoder" => op_zlib_new_brotli_encoder,
        "newBrotliDecoder" => op_zlib_new_brotli_decoder,
        "write" => op_zlib_write,
        "writeSync" => op_zlib_write_sync,
        "reset" => op_zlib_reset,
        "params" => op_zlib_params,
        "close" => op_zlib_close,
        "crc32" => op_zlib_crc32,
    ]
}

/// The largest output buffer one write may ask for (node's kMaxLength).
const MAX_OUT_LEN: usize = 1 << 32;

/// What a write answers: the progress and the bytes it produced.
type WriteOutcome = Result<(Progress, Vec<u8>), CodecError>;

fn int_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> i64 {
    value.integer_value(scope).unwrap_or(0)
}

fn codec_error_value<'s>(scope: &mut v8::PinScope<'s, '_>, err: &CodecError) -> v8::Local<'s, v8::Value> {
    let msg = v8_str(scope, &err.message);
    let exc = v8::Exception::error(scope, msg);
    if let Ok(obj) = v8::Local::<v8::Object>::try_from(exc) {
        set_num(scope, obj, "errno", f64::from(err.errno));
        set_str(scope, obj, "code", &err.code);
    }
    exc
}

fn register(scope: &mut v8::PinScope, rv: &mut v8::ReturnValue<v8::Value>, codec: Box<dyn Codec>) {
    let id = state::state(scope).zlib.borrow_mut().insert(codec);
    rv.set_uint32(id);
}

/// newZlib(mode, windowBits, level, memLevel, strategy, dictionary?) -> id
fn op_zlib_new(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(mode) = Mode::from_number(int_arg(scope, args.get(0)) as i32) else {
        return throw_error(scope, "invalid zlib mode");
    };
    let opts = zlib::ZlibOptions {
        window_bits: int_arg(scope, args.get(1)) as i32,
        level: int_arg(scope, args.get(2)) as i32,
        mem_level: int_arg(scope, args.get(3)) as i32,
        strategy: int_arg(scope, args.get(4)) as i32,
        dictionary: super::view_bytes(args.get(5)).unwrap_or_default(),
    };
    let codec = state::state(scope).zlib.borrow_mut().new_zlib(mode, opts);
    register(scope, &mut rv, codec);
}

/// The brotli params array (a Uint32Array, unset entries 0xffffffff).
fn brotli_params(value: v8::Local<v8::Value>) -> Vec<u32> {
    with_view_contents(value, |bytes| {
        bytes.chunks_exact(4).map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).collect()
    })
    .unwrap_or_default()
}

/// newBrotliEncoder(params) -> id, or -1 when a parameter is refused.
fn op_zlib_new_brotli_encoder(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    match BrotliEncoder::new(&brotli_params(args.get(0))) {
        Some(codec) => register(scope, &mut rv, Box::new(codec)),
        None => rv.set_int32(-1),
    }
}

/// newBrotliDecoder(params) -> id, or -1 when a parameter is refused.
fn op_zlib_new_brotli_decoder(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    match BrotliDecoder::new(&brotli_params(args.get(0))) {
        Some(codec) => register(scope, &mut rv, Box::new(codec)),
        None => rv.set_int32(-1),
    }
}

fn codec_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<SharedCodec> {
    let id = value.uint32_value(scope).unwrap_or(0);
    let codec = state::state(scope).zlib.borrow().get(id);
    if codec.is_none() {
        throw_error(scope, "zlib binding closed");
    }
    codec
}

/// The arguments of write/writeSync after the handle:
/// `(flush, input, inOff, inLen, outLen)`, range-checked.
struct WriteArgs {
    flush: i32,
    in_off: usize,
    in_len: usize,
    out_len: usize,
}

fn write_args(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> Option<WriteArgs> {
    let flush = int_arg(scope, args.get(1)) as i32;
    let in_off = usize::try_from(int_arg(scope, args.get(3))).ok()?;
    let in_len = usize::try_from(int_arg(scope, args.get(4))).ok()?;
    let out_len = usize::try_from(int_arg(scope, args.get(5))).ok().filter(|&n| n <= MAX_OUT_LEN)?;
    let view_len = v8::Local::<v8::ArrayBufferView>::try_from(args.get(2)).map_or(0, |v| v.byte_length());
    (in_off.checked_add(in_len)? <= view_len).then_some(WriteArgs { flush, in_off, in_len, out_len })
}

/// One write of `input` into a fresh buffer of `out_len` bytes.
fn run_write(codec: &SharedCodec, flush: i32, input: &[u8], out_len: usize) -> WriteOutcome {
    let mut out = Vec::new();
    if out.try_reserve_exact(out_len).is_err() {
        return Err(CodecError { message: "Out of memory".into(), code: "Z_MEM_ERROR".into(), errno: -4 });
    }
    out.resize(out_len, 0);
    let mut codec = codec.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let progress = codec.write(flush, input, &mut out)?;
    out.truncate(out_len - progress.avail_out.min(out_len));
    Ok((progress, out))
}

fn outcome_value<'s>(scope: &mut v8::PinScope<'s, '_>, outcome: WriteOutcome) -> CallbackArgs<'s> {
    match outcome {
        Ok((progress, bytes)) => {
            let avail_out = v8::Number::new(scope, progress.avail_out as f64).into();
            let avail_in = v8::Number::new(scope, progress.avail_in as f64).into();
            let bytes = bytes_to_uint8array(scope, bytes);
            let list = v8::Array::new_with_elements(scope, &[avail_out, avail_in, bytes]);
            (v8::null(scope).into(), list.into())
        }
        Err(err) => (codec_error_value(scope, &err), v8::undefined(scope).into()),
    }
}

/// writeSync(id, flush, input, inOff, inLen, outLen) -> [availOut, availIn, bytes] | Error
fn op_zlib_write_sync(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(codec) = codec_arg(scope, args.get(0)) else {
        return;
    };
    let Some(w) = write_args(scope, &args) else {
        return throw_error(scope, "zlib write out of range");
    };
    let outcome = with_view_contents(args.get(2), |bytes| {
        run_write(&codec, w.flush, &bytes[w.in_off..w.in_off + w.in_len], w.out_len)
    })
    .unwrap_or_else(|| run_write(&codec, w.flush, &[], w.out_len));
    let (err, value) = outcome_value(scope, outcome);
    rv.set(if err.is_null() { value } else { err });
}

/// The input of a pool write: the view's backing store, kept alive by its
/// reference count while the job reads it.
struct PoolInput {
    store: Option<v8::SharedRef<v8::BackingStore>>,
    start: usize,
    len: usize,
}

// SAFETY: a backing store's memory is plain bytes, reference-counted
// atomically; the job only reads it, as node's thread-pool zlib does.
unsafe impl Send for PoolInput {}

impl PoolInput {
    fn new(value: v8::Local<v8::Value>, off: usize, len: usize) -> PoolInput {
        let Ok(view) = v8::Local::<v8::ArrayBufferView>::try_from(value) else {
            return PoolInput { store: None, start: 0, len: 0 };
        };
        PoolInput { store: view.get_backing_store(), start: view.byte_offset() + off, len }
    }

    fn bytes(&self) -> &[u8] {
        let Some(store) = &self.store else {
            return &[];
        };
        match store.data() {
            // SAFETY: `start + len` is within the view (checked in `write_args`),
            // and the store keeps its memory while referenced.
            Some(ptr) if self.start + self.len <= store.byte_length() => unsafe {
                std::slice::from_raw_parts(ptr.as_ptr().cast::<u8>().add(self.start), self.len)
            },
            _ => &[],
        }
    }
}

/// write(id, flush, input, inOff, inLen, outLen, callback): the same on the pool;
/// `callback(err, [availOut, availIn, bytes])`.
fn op_zlib_write(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let Some(callback) = super::fs::callback_arg(scope, &args) else {
        return;
    };
    let Some(codec) = codec_arg(scope, args.get(0)) else {
        return;
    };
    let Some(w) = write_args(scope, &args) else {
        return throw_error(scope, "zlib write out of range");
    };
    let input = PoolInput::new(args.get(2), w.in_off, w.in_len);
    submit_work(scope, callback, move || run_write(&codec, w.flush, input.bytes(), w.out_len), outcome_value);
}

/// reset(id) -> undefined | Error
fn op_zlib_reset(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(codec) = codec_arg(scope, args.get(0)) else {
        return;
    };
    let result = codec.lock().unwrap_or_else(std::sync::PoisonError::into_inner).reset();
    if let Err(err) = result {
        rv.set(codec_error_value(scope, &err));
    }
}

/// params(id, level, strategy) -> undefined | Error
fn op_zlib_params(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let Some(codec) = codec_arg(scope, args.get(0)) else {
        return;
    };
    let level = int_arg(scope, args.get(1)) as i32;
    let strategy = int_arg(scope, args.get(2)) as i32;
    let result = codec.lock().unwrap_or_else(std::sync::PoisonError::into_inner).params(level, strategy);
    if let Err(err) = result {
        rv.set(codec_error_value(scope, &err));
    }
}

/// close(id): the codec ends once no pool job holds it.
fn op_zlib_close(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    state::state(scope).zlib.borrow_mut().remove(id);
}

/// crc32(data, value) -> number (data a view; strings are encoded in JavaScript)
fn op_zlib_crc32(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let value = args.get(1).uint32_value(scope).unwrap_or(0);
    let crc = with_view_contents(args.get(0), |bytes| zlib::crc32(value, bytes)).unwrap_or(value);
    rv.set_uint32(crc);
}

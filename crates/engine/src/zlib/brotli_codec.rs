//! Node's `BrotliEncoderContext` and `BrotliDecoderContext` over the `brotli`
//! crate (a port of Google's C brotli, which node links).

use brotli::enc::encode::{BrotliEncoderOperation, BrotliEncoderParameter, BrotliEncoderStateStruct};
use brotli::enc::interface::{PredictionModeContextMap, StaticCommand};
use brotli::enc::StandardAlloc;
use brotli::{BrotliDecompressStream, BrotliResult, BrotliState, InputPair, InputReferenceMut};

use super::{Codec, CodecError, Progress};

const Z_BUF_ERROR: i32 = -5;
const BROTLI_OPERATION_FINISH: i32 = 2;
/// `BROTLI_DECODER_PARAM_LARGE_WINDOW`.
const DECODER_PARAM_LARGE_WINDOW: usize = 1;
/// `BROTLI_DECODER_ERROR_FORMAT_PADDING_1`.
const ERROR_FORMAT_PADDING_1: i32 = -14;
/// `BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2`.
const ERROR_FORMAT_BLOCK_LENGTH_2: i32 = -10;

pub struct BrotliEncoder {
    state: Box<BrotliEncoderStateStruct<StandardAlloc>>,
}

fn encoder_param(key: usize) -> Option<BrotliEncoderParameter> {
    use BrotliEncoderParameter::*;
    Some(match key {
        0 => BROTLI_PARAM_MODE,
        1 => BROTLI_PARAM_QUALITY,
        2 => BROTLI_PARAM_LGWIN,
        3 => BROTLI_PARAM_LGBLOCK,
        4 => BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING,
        5 => BROTLI_PARAM_SIZE_HINT,
        6 => BROTLI_PARAM_LARGE_WINDOW,
        _ => return None,
    })
}

/// The values JavaScript set in node's params array (`u32::MAX` = unset).
fn set_params(params: &[u32]) -> impl Iterator<Item = (usize, u32)> + '_ {
    params.iter().copied().enumerate().filter(|&(_, v)| v != u32::MAX)
}

impl BrotliEncoder {
    /// None when a parameter is refused (node's `ERR_ZLIB_INITIALIZATION_FAILED`).
    pub fn new(params: &[u32]) -> Option<BrotliEncoder> {
        let mut state = Box::new(BrotliEncoderStateStruct::new(StandardAlloc::default()));
        for (key, value) in set_params(params) {
            // NPOSTFIX and NDIRECT (7, 8) have no setter in the crate; C brotli
            // validates them at the first write, so they are accepted here.
            if let Some(param) = encoder_param(key) {
                if !state.set_parameter(param, value) {
                    return None;
                }
            }
        }
        Some(BrotliEncoder { state })
    }
}

fn operation(flush: i32) -> BrotliEncoderOperation {
    match flush {
        1 => BrotliEncoderOperation::BROTLI_OPERATION_FLUSH,
        2 => BrotliEncoderOperation::BROTLI_OPERATION_FINISH,
        3 => BrotliEncoderOperation::BROTLI_OPERATION_EMIT_METADATA,
        _ => BrotliEncoderOperation::BROTLI_OPERATION_PROCESS,
    }
}

impl Codec for BrotliEncoder {
    fn write(&mut self, flush: i32, input: &[u8], output: &mut [u8]) -> Result<Progress, CodecError> {
        let (mut avail_in, mut in_off) = (input.len(), 0);
        let (mut avail_out, mut out_off) = (output.len(), 0);
        let mut no_callback = |_: &mut PredictionModeContextMap<InputReferenceMut>,
                               _: &mut [StaticCommand],
                               _: InputPair,
                               _: &mut StandardAlloc| ();
        let ok = self.state.compress_stream(
            operation(flush),
            &mut avail_in,
            input,
            &mut in_off,
            &mut avail_out,
            output,
            &mut out_off,
            &mut None,
            &mut no_callback,
        );
        if !ok {
            return Err(CodecError {
                message: "Compression failed".into(),
                code: "ERR_BROTLI_COMPRESSION_FAILED".into(),
                errno: -1,
            });
        }
        Ok(Progress { avail_out, avail_in })
    }

    /// Node makes a fresh encoder without re-applying the parameters.
    fn reset(&mut self) -> Result<(), CodecError> {
        *self.state = BrotliEncoderStateStruct::new(StandardAlloc::default());
        Ok(())
    }
}

type DecoderState = BrotliState<StandardAlloc, StandardAlloc, StandardAlloc>;

pub struct BrotliDecoder {
    state: Box<DecoderState>,
    large_window: bool,
}

fn new_decoder_state(large_window: bool) -> Box<DecoderState> {
    let alloc = StandardAlloc::default;
    let mut state = Box::new(BrotliState::new_strict(alloc(), alloc(), alloc()));
    state.large_window = large_window;
    state
}

impl BrotliDecoder {
    pub fn new(params: &[u32]) -> Option<BrotliDecoder> {
        let mut large_window = false;
        for (key, value) in set_params(params) {
            match key {
                0 => {}
                DECODER_PARAM_LARGE_WINDOW => large_window = value != 0,
                _ => return None,
            }
        }
        Some(BrotliDecoder { state: new_decoder_state(large_window), large_window })
    }

    /// Node's code string: `ERR_` and C brotli's name for the error
    /// (`BROTLI_DECODER_ERROR_FORMAT_PADDING_1` -> `ERR__ERROR_FORMAT_PADDING_1`).
    fn failure(&self) -> CodecError {
        let mut name = format!("{:?}", self.state.error_code);
        let mut errno = self.state.error_code as i32;
        // The crate reports the padding after a metadata or uncompressed block
        // header as PADDING_2; C brotli (and so node) calls it PADDING_1.
        let padding_2 = name == "BROTLI_DECODER_ERROR_FORMAT_PADDING_2";
        if padding_2 && (self.state.is_metadata != 0 || self.state.is_uncompressed != 0) {
            name = "BROTLI_DECODER_ERROR_FORMAT_PADDING_1".into();
            errno = ERROR_FORMAT_PADDING_1;
        }
        // C brotli checks that a finished metablock did not overrun its length
        // before it looks at the padding; the crate skips that check.
        // The crate also reaches the final flush (and BLOCK_LENGTH_1) that way.
        let state = format!("{:?}", self.state.state);
        let metablock_done = matches!(state.as_str(), "BROTLI_STATE_METABLOCK_DONE" | "BROTLI_STATE_DONE");
        let block_length_1 = name == "BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1";
        if (padding_2 || block_length_1) && metablock_done && self.state.meta_block_remaining_len < 0 {
            name = "BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2".into();
            errno = ERROR_FORMAT_BLOCK_LENGTH_2;
        }
        let short = name.strip_prefix("BROTLI_DECODER").unwrap_or(&name);
        CodecError { message: "Decompression failed".into(), code: format!("ERR_{short}"), errno }
    }
}

impl Codec for BrotliDecoder {
    fn write(&mut self, flush: i32, input: &[u8], output: &mut [u8]) -> Result<Progress, CodecError> {
        let (mut avail_in, mut in_off) = (input.len(), 0);
        let (mut avail_out, mut out_off) = (output.len(), 0);
        let mut total = 0;
        let result = BrotliDecompressStream(
            &mut avail_in,
            &mut in_off,
            input,
            &mut avail_out,
            &mut out_off,
            output,
            &mut total,
            &mut self.state,
        );
        match result {
            BrotliResult::ResultFailure => Err(self.failure()),
            BrotliResult::NeedsMoreInput if flush == BROTLI_OPERATION_FINISH => Err(CodecError {
                message: "unexpected end of file".into(),
                code: "Z_BUF_ERROR".into(),
                errno: Z_BUF_ERROR,
            }),
            _ => Ok(Progress { avail_out, avail_in }),
        }
    }

    fn reset(&mut self) -> Result<(), CodecError> {
        self.state = new_decoder_state(self.large_window);
        Ok(())
    }
}

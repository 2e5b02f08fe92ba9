//! llhttp's error codes and the reasons it gives, as node reports them.

/// One of llhttp's `HPE_*` codes (only those this parser can produce).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidEofState,
    HeaderOverflow,
    ClosedConnection,
    InvalidVersion,
    InvalidStatus,
    InvalidMethod,
    InvalidUrl,
    InvalidConstant,
    InvalidHeaderToken,
    InvalidContentLength,
    UnexpectedContentLength,
    InvalidTransferEncoding,
    InvalidChunkSize,
    Strict,
    CrExpected,
    LfExpected,
    UnexpectedSpace,
    PausedH2Upgrade,
    /// node's own, past its 16 KiB of chunk extensions.
    ChunkExtensionsOverflow,
}

impl ErrorCode {
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::InvalidEofState => "HPE_INVALID_EOF_STATE",
            ErrorCode::HeaderOverflow => "HPE_HEADER_OVERFLOW",
            ErrorCode::ClosedConnection => "HPE_CLOSED_CONNECTION",
            ErrorCode::InvalidVersion => "HPE_INVALID_VERSION",
            ErrorCode::InvalidStatus => "HPE_INVALID_STATUS",
            ErrorCode::InvalidMethod => "HPE_INVALID_METHOD",
            ErrorCode::InvalidUrl => "HPE_INVALID_URL",
            ErrorCode::InvalidConstant => "HPE_INVALID_CONSTANT",
            ErrorCode::InvalidHeaderToken => "HPE_INVALID_HEADER_TOKEN",
            ErrorCode::InvalidContentLength => "HPE_INVALID_CONTENT_LENGTH",
            ErrorCode::UnexpectedContentLength => "HPE_UNEXPECTED_CONTENT_LENGTH",
            ErrorCode::InvalidTransferEncoding => "HPE_INVALID_TRANSFER_ENCODING",
            ErrorCode::InvalidChunkSize => "HPE_INVALID_CHUNK_SIZE",
            ErrorCode::Strict => "HPE_STRICT",
            ErrorCode::CrExpected => "HPE_CR_EXPECTED",
            ErrorCode::LfExpected => "HPE_LF_EXPECTED",
            ErrorCode::UnexpectedSpace => "HPE_UNEXPECTED_SPACE",
            ErrorCode::PausedH2Upgrade => "HPE_PAUSED_H2_UPGRADE",
            ErrorCode::ChunkExtensionsOverflow => "HPE_CHUNK_EXTENSIONS_OVERFLOW",
        }
    }
}

/// A parse error: the code, llhttp's reason, and where in the chunk it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub code: ErrorCode,
    pub reason: &'static str,
    /// Offset in the chunk passed to the `execute` that failed.
    pub bytes_parsed: usize,
}

/// An error found at an offset of some buffer (a head, a chunk): converted to
/// a chunk offset by the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub code: ErrorCode,
    pub reason: &'static str,
    pub at: usize,
}

impl Fault {
    pub fn new(code: ErrorCode, reason: &'static str, at: usize) -> Fault {
        Fault { code, reason, at }
    }
}

//! An HTTP/1.1 message parser with llhttp's behaviour, for
//! `internalBinding('http_parser')`. Plain Rust, no V8.
//!
//! It is a push parser: `execute` takes any chunk (a message may be split at
//! any byte) and appends events to a list. It stops early at the two points
//! where JavaScript must answer or look before parsing goes on: the end of a
//! head (`kOnHeadersComplete` says whether a body follows) and trailers; the
//! caller then calls `execute` again with the rest of the chunk.

pub mod error;
mod framing;
pub mod head;
pub mod methods;
#[cfg(test)]
mod tests;

use error::Fault;
pub use error::{ErrorCode, ParseError};
use framing::Framing;
use head::{Head, Outcome, SizeCounter};

/// node's `kLenient*` flags.
pub mod lenient {
    pub const HEADERS: u32 = 1;
    pub const CHUNKED_LENGTH: u32 = 2;
    pub const KEEP_ALIVE: u32 = 4;
    pub const TRANSFER_ENCODING: u32 = 8;
    pub const VERSION: u32 = 16;
    pub const DATA_AFTER_CLOSE: u32 = 32;
    pub const OPTIONAL_LF_AFTER_CR: u32 = 64;
    pub const OPTIONAL_CRLF_AFTER_CHUNK: u32 = 128;
    pub const OPTIONAL_CR_BEFORE_LF: u32 = 256;
    pub const SPACES_AFTER_CHUNK_SIZE: u32 = 512;
    pub const ALL: u32 = 1023;
}

/// node's cap on the extensions of one chunk (its kMaxChunkExtensionsSize).
const MAX_CHUNK_EXTENSIONS_SIZE: usize = 16384;

/// node's default `maxHeaderSize`.
pub const DEFAULT_MAX_HEADER_SIZE: usize = 16384;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

/// What happened, in order. Body ranges index the chunk given to `execute`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    MessageBegin,
    Body { start: usize, len: usize },
    MessageComplete,
}

/// Why `execute` returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The whole chunk is consumed.
    EndOfInput,
    /// A head is complete (`head()`); call `headers_result` before going on.
    HeadersComplete,
    /// Trailers are complete (`head()` holds them); go on to complete the message.
    Trailers,
    /// The message was an upgrade: the bytes after `consumed` are another protocol's.
    Upgrade,
    Error(ParseError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub consumed: usize,
    pub stop: Stop,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ext {
    /// Just after a `;`.
    NameStart,
    Name,
    /// Just after a `=`.
    ValueStart,
    Value,
    Quoted,
    QuotedEscape,
    AfterQuoted,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between messages: blank lines are skipped.
    Start,
    Head,
    AwaitHeadersResult,
    Body(u64),
    BodyUntilEof,
    ChunkSizeStart,
    ChunkSize(u64),
    ChunkSizeSpaces(u64),
    ChunkExtension(u64, Ext),
    ChunkSizeLf(u64),
    ChunkData(u64),
    ChunkDataCr,
    ChunkDataLf,
    Trailers,
    AfterTrailers,
    /// After a message that does not keep the connection alive.
    Closed,
}

pub struct Parser {
    kind: Kind,
    lenient: u32,
    max_header_size: usize,
    state: State,
    /// The head (or trailers) being buffered, then parsed in place.
    buf: Vec<u8>,
    head: Head,
    counter: SizeCounter,
    framing: Framing,
    upgrade: bool,
    skip_body: bool,
    headers_result: u8,
    /// The extension bytes of the current chunk (names and values).
    extension_bytes: usize,
    error: Option<ParseError>,
}

impl Parser {
    pub fn new(kind: Kind, max_header_size: usize, lenient_flags: u32) -> Parser {
        Parser {
            kind,
            lenient: lenient_flags,
            max_header_size: if max_header_size == 0 { DEFAULT_MAX_HEADER_SIZE } else { max_header_size },
            state: State::Start,
            buf: Vec::new(),
            head: Head::default(),
            counter: SizeCounter::default(),
            framing: Framing::default(),
            upgrade: false,
            skip_body: false,
            headers_result: 0,
            extension_bytes: 0,
            error: None,
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The parsed head (or trailers) and the bytes its ranges index.
    pub fn head(&self) -> (&[u8], &Head) {
        (&self.buf, &self.head)
    }

    /// Whether the message whose head just completed is an upgrade (as llhttp
    /// tells `on_headers_complete`).
    pub fn upgrade(&self) -> bool {
        self.upgrade
    }

    /// The answer of `kOnHeadersComplete`: 1 no body, 2 no body and upgrade.
    pub fn headers_result(&mut self, result: u8) {
        self.headers_result = result;
    }

    fn lenient(&self, flag: u32) -> bool {
        self.lenient & flag != 0
    }

    /// llhttp's `http_should_keep_alive` for the current message.
    pub fn should_keep_alive(&self) -> bool {
        let f = &self.framing;
        let persistent_by_default = self.head.major > 0 && self.head.minor > 0;
        let keep = if persistent_by_default { !f.connection_close } else { f.connection_keep_alive };
        keep && !self.needs_eof()
    }

    /// Whether the body of this message runs to the end of the connection.
    fn needs_eof(&self) -> bool {
        if self.kind == Kind::Request {
            return false;
        }
        let status = self.head.status;
        if status / 100 == 1 || status == 204 || status == 304 || self.skip_body {
            return false;
        }
        let f = &self.framing;
        if f.transfer_encoding && !f.chunked {
            return true;
        }
        !(f.chunked || f.content_length.is_some())
    }

    fn fail(&mut self, code: ErrorCode, reason: &'static str, at: usize) -> Progress {
        let err = ParseError { code, reason, bytes_parsed: at };
        self.error = Some(err.clone());
        Progress { consumed: at, stop: Stop::Error(err) }
    }

    fn fail_with(&mut self, fault: Fault, at: usize) -> Progress {
        self.fail(fault.code, fault.reason, at)
    }

    /// Parses `data`, appending events, until it is consumed or a stop point.
    pub fn execute(&mut self, data: &[u8], events: &mut Vec<Event>) -> Progress {
        if let Some(err) = &self.error {
            let err = ParseError { bytes_parsed: 0, ..err.clone() };
            return Progress { consumed: 0, stop: Stop::Error(err) };
        }
        let mut p = 0;
        loop {
            if let Some(progress) = self.step(data, &mut p, events) {
                return progress;
            }
        }
    }

    /// One state's worth of work; `Some` when `execute` must return.
    fn step(&mut self, data: &[u8], p: &mut usize, events: &mut Vec<Event>) -> Option<Progress> {
        let end = || Some(Progress { consumed: data.len(), stop: Stop::EndOfInput });
        match self.state {
            State::Start => {
                while *p < data.len() && matches!(data[*p], b'\r' | b'\n') {
                    *p += 1;
                }
                if *p == data.len() {
                    return end();
                }
                self.begin_message(events);
                None
            }
            State::Head => Some(self.head_bytes(data, *p)),
            State::AwaitHeadersResult => self.after_headers(*p, events),
            State::Body(remaining) => {
                let n = take(data, *p, remaining, events);
                *p += n;
                let left = remaining - n as u64;
                if left == 0 {
                    return self.complete_message(*p, events);
                }
                self.state = State::Body(left);
                end()
            }
            State::BodyUntilEof => {
                take(data, *p, u64::MAX, events);
                end()
            }
            State::ChunkData(remaining) => {
                let n = take(data, *p, remaining, events);
                *p += n;
                let left = remaining - n as u64;
                self.state = if left == 0 { State::ChunkDataCr } else { State::ChunkData(left) };
                if *p == data.len() {
                    return end();
                }
                None
            }
            State::Trailers => self.trailer_bytes(data, p),
            State::AfterTrailers => self.complete_message(*p, events),
            State::Closed => self.closed(data, *p),
            _ => {
                let Some(&b) = data.get(*p) else {
                    let open_span =
                        matches!(self.state, State::ChunkExtension(_, Ext::Name | Ext::Value | Ext::Quoted));
                    if open_span && self.extension_bytes > MAX_CHUNK_EXTENSIONS_SIZE {
                        let (fault, at) = self.extensions_overflow(data.len());
                        return Some(self.fail_with(fault, at));
                    }
                    return end();
                };
                match self.chunk_byte(b, *p) {
                    Ok(taken) => *p += usize::from(taken),
                    Err((fault, at)) => return Some(self.fail_with(fault, at)),
                }
                None
            }
        }
    }

    fn begin_message(&mut self, events: &mut Vec<Event>) {
        events.push(Event::MessageBegin);
        self.state = State::Head;
        self.buf.clear();
        self.counter.reset();
        self.framing = Framing::default();
        self.upgrade = false;
        self.skip_body = false;
        self.headers_result = 0;
    }

    /// A head arriving: buffered until whole, then parsed and checked.
    fn head_bytes(&mut self, data: &[u8], p: usize) -> Progress {
        let prev = self.buf.len();
        let rest = &data[p..];
        let room = self.head_limit().saturating_sub(prev);
        let outcome = if prev == 0 {
            head::parse(rest, self.kind, self.lenient, &mut self.head)
        } else {
            let fresh = &rest[..rest.len().min(room)];
            self.buf.extend_from_slice(fresh);
            if !fresh.contains(&b'\n') && self.buf.len() > 256 {
                Outcome::Partial
            } else {
                head::parse(&self.buf, self.kind, self.lenient, &mut self.head)
            }
        };
        let chunk_offset = |at: usize| (p + at).saturating_sub(prev).min(data.len());
        match outcome {
            Outcome::Complete(len) => {
                if prev == 0 {
                    self.buf.extend_from_slice(&rest[..len]);
                }
                self.buf.truncate(len);
                let consumed = chunk_offset(len);
                if let Some(progress) = self.check_overflow(&chunk_offset) {
                    return progress;
                }
                self.finish_head(consumed, data.len())
            }
            Outcome::Partial => {
                if prev == 0 {
                    self.buf.extend_from_slice(&rest[..rest.len().min(room)]);
                }
                if let Some(progress) = self.check_overflow(&chunk_offset) {
                    return progress;
                }
                if self.buf.len() >= self.head_limit() {
                    return self.fail(ErrorCode::HeaderOverflow, "Header overflow", data.len());
                }
                Progress { consumed: data.len(), stop: Stop::EndOfInput }
            }
            Outcome::Error(fault) => self.fail_with(fault, chunk_offset(fault.at)),
        }
    }

    /// The most head bytes ever buffered: node counts only some of them
    /// against `maxHeaderSize`, so allow room for the line syntax around them.
    fn head_limit(&self) -> usize {
        self.max_header_size.saturating_mul(4).saturating_add(1024)
    }

    /// node's `maxHeaderSize` check over the head buffered so far;
    /// `to_chunk` turns a buffer offset into one of the current chunk.
    fn check_overflow(&mut self, to_chunk: &dyn Fn(usize) -> usize) -> Option<Progress> {
        // Only some head bytes count: fewer than `max` bytes cannot overflow.
        if self.buf.len() < self.max_header_size {
            return None;
        }
        if self.counter.count(&self.buf, self.kind) < self.max_header_size {
            return None;
        }
        let at = to_chunk(head::overflow_at(&self.buf, self.kind, self.max_header_size, self.counter.trailers()));
        Some(self.fail(ErrorCode::HeaderOverflow, "Header overflow", at))
    }

    /// The head is whole: read its framing and stop for `kOnHeadersComplete`.
    fn finish_head(&mut self, consumed: usize, chunk_len: usize) -> Progress {
        let head_start = consumed.saturating_sub(self.buf.len());
        self.framing = match framing::read(&self.buf, &self.head, self.kind, self.lenient) {
            Ok(framing) => framing,
            Err(fault) => return self.fail_with(fault, (head_start + fault.at).min(consumed)),
        };
        if self.kind == Kind::Request && self.head.method == methods::PRI && self.head.major == 2 {
            // llhttp reads the "SM\r\n\r\n" of the preface before it pauses.
            return self.fail(ErrorCode::PausedH2Upgrade, "Pause on PRI/Upgrade", (consumed + 6).min(chunk_len));
        }
        let f = &self.framing;
        self.upgrade = if f.upgrade_header && f.connection_upgrade {
            self.kind == Kind::Request || self.head.status == 101
        } else {
            self.kind == Kind::Request && self.head.method == methods::CONNECT
        };
        self.state = State::AwaitHeadersResult;
        Progress { consumed, stop: Stop::HeadersComplete }
    }

    /// After `kOnHeadersComplete` answered: how the body is framed.
    fn after_headers(&mut self, p: usize, events: &mut Vec<Event>) -> Option<Progress> {
        self.skip_body = matches!(self.headers_result, 1 | 2);
        if self.headers_result == 2 {
            self.upgrade = true;
        }
        let f = self.framing;
        let response = self.kind == Kind::Response;
        let status = self.head.status;
        let has_body = f.chunked || f.content_length.is_some_and(|n| n > 0);
        let is_connect = self.kind == Kind::Request && self.head.method == methods::CONNECT;
        if (self.upgrade && (is_connect || self.skip_body || !has_body)) || (response && status == 101) {
            events.push(Event::MessageComplete);
            self.state = State::Start;
            return Some(Progress { consumed: p, stop: Stop::Upgrade });
        }
        let no_body = self.skip_body || (response && matches!(status, 100 | 102 | 103 | 204 | 304));
        self.state = if no_body {
            return self.complete_message(p, events);
        } else if f.chunked {
            State::ChunkSizeStart
        } else if f.transfer_encoding {
            if !response && !self.lenient(lenient::CHUNKED_LENGTH) && !self.lenient(lenient::TRANSFER_ENCODING) {
                let reason = "Request has invalid `Transfer-Encoding`";
                return Some(self.fail(ErrorCode::InvalidTransferEncoding, reason, p));
            }
            State::BodyUntilEof
        } else {
            match f.content_length {
                None if self.needs_eof() => State::BodyUntilEof,
                None | Some(0) => return self.complete_message(p, events),
                Some(n) => State::Body(n),
            }
        };
        None
    }

    fn complete_message(&mut self, p: usize, events: &mut Vec<Event>) -> Option<Progress> {
        events.push(Event::MessageComplete);
        let keep_alive = self.should_keep_alive();
        self.state = if keep_alive || self.lenient(lenient::KEEP_ALIVE) { State::Start } else { State::Closed };
        if self.upgrade {
            self.state = State::Start;
            return Some(Progress { consumed: p, stop: Stop::Upgrade });
        }
        None
    }

    fn closed(&mut self, data: &[u8], mut p: usize) -> Option<Progress> {
        while p < data.len() && matches!(data[p], b'\r' | b'\n') {
            p += 1;
        }
        if p == data.len() || self.lenient(lenient::DATA_AFTER_CLOSE) {
            return Some(Progress { consumed: data.len(), stop: Stop::EndOfInput });
        }
        Some(self.fail(ErrorCode::ClosedConnection, "Data after `Connection: close`", p + 1))
    }

    /// Trailer fields after the last chunk, buffered like a head.
    fn trailer_bytes(&mut self, data: &[u8], p: &mut usize) -> Option<Progress> {
        let prev = self.buf.len();
        let room = self.head_limit().saturating_sub(prev);
        let rest = &data[*p..];
        self.buf.extend_from_slice(&rest[..rest.len().min(room)]);
        let start = *p;
        let chunk_offset = |at: usize| (start + at).saturating_sub(prev).min(data.len());
        match head::parse_trailers(&self.buf, self.lenient, &mut self.head) {
            Outcome::Complete(len) => {
                self.buf.truncate(len);
                if let Some(progress) = self.check_overflow(&chunk_offset) {
                    return Some(progress);
                }
                self.state = State::AfterTrailers;
                *p += len.saturating_sub(prev);
                // Fields go to JavaScript first; none: complete the message at once.
                (!self.head.headers.is_empty()).then_some(Progress { consumed: *p, stop: Stop::Trailers })
            }
            Outcome::Partial if self.buf.len() >= self.head_limit() => {
                Some(self.fail(ErrorCode::HeaderOverflow, "Header overflow", data.len()))
            }
            Outcome::Partial => {
                self.check_overflow(&chunk_offset).or(Some(Progress { consumed: data.len(), stop: Stop::EndOfInput }))
            }
            Outcome::Error(fault) => Some(self.fail_with(fault, chunk_offset(fault.at))),
        }
    }

    /// The chunk framing bytes (size line, extensions, CRLFs), one at a time.
    /// `Ok(false)`: the byte was not taken (it begins the chunk data).
    /// `Err` carries the fault and its offset in the chunk.
    fn chunk_byte(&mut self, b: u8, p: usize) -> Result<bool, (Fault, usize)> {
        use ErrorCode as E;
        let bad_size = |at| Err((Fault::new(E::InvalidChunkSize, "Invalid character in chunk size", 0), at));
        let lf_after_cr_optional = self.lenient(lenient::OPTIONAL_LF_AFTER_CR);
        let spaces_ok = self.lenient(lenient::SPACES_AFTER_CHUNK_SIZE);
        self.state = match (self.state, b) {
            (State::ChunkSizeStart, _) => match hex_value(b) {
                Some(d) => State::ChunkSize(u64::from(d)),
                None => return bad_size(p),
            },
            (State::ChunkSize(size), _) if hex_value(b).is_some() => {
                let d = u64::from(hex_value(b).unwrap_or(0));
                match size.checked_mul(16).and_then(|s| s.checked_add(d)) {
                    Some(s) => State::ChunkSize(s),
                    None => return Err((Fault::new(E::InvalidChunkSize, "Chunk size overflow", 0), p + 1)),
                }
            }
            (State::ChunkSize(size) | State::ChunkSizeSpaces(size), b' ' | b'\t') if spaces_ok => {
                State::ChunkSizeSpaces(size)
            }
            (State::ChunkSize(size) | State::ChunkSizeSpaces(size), b';') => {
                self.extension_bytes = 0;
                State::ChunkExtension(size, Ext::NameStart)
            }
            (State::ChunkExtension(size, ext), _) => self.extension_byte(size, ext, b, p)?,
            (State::ChunkSize(size) | State::ChunkSizeSpaces(size), b'\r') => State::ChunkSizeLf(size),
            (State::ChunkSize(_) | State::ChunkSizeSpaces(_), b'\n') => return Err(self.bare_lf_after_size(p)),
            (State::ChunkSize(_) | State::ChunkSizeSpaces(_), _) => return bad_size(p + 1),
            (State::ChunkSizeLf(size), b'\n') => self.size_line_done(size),
            (State::ChunkSizeLf(size), _) if lf_after_cr_optional => {
                let next = self.size_line_done(size);
                return self.chunk_byte_as(next, b, p);
            }
            (State::ChunkSizeLf(_), _) => {
                return Err((Fault::new(E::LfExpected, "Missing expected LF after chunk size", 0), p));
            }
            (State::ChunkDataCr, b'\r') => State::ChunkDataLf,
            (State::ChunkDataCr, b'\n') if self.lenient(lenient::OPTIONAL_CR_BEFORE_LF) => State::ChunkSizeStart,
            (State::ChunkDataCr, b'\n') => {
                return Err((Fault::new(E::CrExpected, "Missing expected CR after chunk data", 0), p + 1));
            }
            (State::ChunkDataCr, _) if self.lenient(lenient::OPTIONAL_CRLF_AFTER_CHUNK) => {
                return self.chunk_byte_as(State::ChunkSizeStart, b, p);
            }
            (State::ChunkDataCr, _) => return Err((Fault::new(E::Strict, "Expected LF after chunk data", 0), p)),
            (State::ChunkDataLf, b'\n') => State::ChunkSizeStart,
            (State::ChunkDataLf, _) => return Err((Fault::new(E::Strict, "Expected LF after chunk data", 0), p)),
            (state, _) => state,
        };
        Ok(true)
    }

    /// Re-reads byte `b` in `state` (a lenient flag let a CRLF be missing).
    fn chunk_byte_as(&mut self, state: State, b: u8, p: usize) -> Result<bool, (Fault, usize)> {
        self.state = state;
        match state {
            // A data byte: `step` takes it (and those after it) with the data.
            State::ChunkData(_) | State::Trailers => Ok(false),
            _ => self.chunk_byte(b, p),
        }
    }

    /// llhttp takes no bare LF after a chunk size, lenient or not; only the reason differs.
    fn bare_lf_after_size(&self, p: usize) -> (Fault, usize) {
        if self.lenient(lenient::OPTIONAL_CR_BEFORE_LF) {
            (Fault::new(ErrorCode::Strict, "Expected LF after chunk size", 0), p + 1)
        } else {
            (Fault::new(ErrorCode::CrExpected, "Missing expected CR after chunk size", 0), p + 1)
        }
    }

    /// One byte of a chunk's extensions (`;name=value`, `;name="quoted"`).
    /// node caps their names and values at 16 KiB a chunk, checked where each
    /// ends (and at the end of a chunk of input).
    fn extension_byte(&mut self, size: u64, ext: Ext, b: u8, p: usize) -> Result<State, (Fault, usize)> {
        let strict = |reason| Err((Fault::new(ErrorCode::Strict, reason, 0), p + 1));
        let next = |ext| Ok(State::ChunkExtension(size, ext));
        let counted = matches!(ext, Ext::Quoted | Ext::QuotedEscape)
            || (matches!(ext, Ext::NameStart | Ext::Name | Ext::ValueStart | Ext::Value) && head::is_token_byte(b))
            || (ext == Ext::ValueStart && b == b'"');
        if counted {
            self.extension_bytes += 1;
        }
        let span_ends = match ext {
            Ext::Quoted => b == b'"',
            Ext::Name | Ext::Value | Ext::ValueStart => matches!(b, b';' | b'=' | b'\r'),
            _ => false,
        };
        if span_ends && self.extension_bytes > MAX_CHUNK_EXTENSIONS_SIZE {
            return Err(self.extensions_overflow(p + 1));
        }
        match (ext, b) {
            (Ext::Quoted, b'"') => next(Ext::AfterQuoted),
            (Ext::Quoted, b'\\') => next(Ext::QuotedEscape),
            (Ext::Quoted | Ext::QuotedEscape, b) if b == b'\t' || (b >= 0x20 && b != 0x7f) => next(Ext::Quoted),
            (Ext::Quoted | Ext::QuotedEscape, _) => strict("Invalid character in chunk extensions quoted value"),
            (Ext::AfterQuoted, b';') => next(Ext::NameStart),
            (Ext::AfterQuoted, b'\r') => Ok(State::ChunkSizeLf(size)),
            (Ext::AfterQuoted, _) => {
                Err((Fault::new(ErrorCode::Strict, "Invalid character in chunk extensions quote value", 0), p))
            }
            (Ext::NameStart, b'\r') => strict("Invalid character in chunk extensions"),
            (_, b'\n') => Err(self.bare_lf_after_size(p)),
            (_, b'\r') => Ok(State::ChunkSizeLf(size)),
            (_, b';') => next(Ext::NameStart),
            (Ext::NameStart | Ext::Name, b'=') => next(Ext::ValueStart),
            (Ext::NameStart | Ext::Name, b) if head::is_token_byte(b) => next(Ext::Name),
            (Ext::NameStart | Ext::Name, _) => strict("Invalid character in chunk extensions name"),
            (Ext::ValueStart, b'"') => next(Ext::Quoted),
            (Ext::ValueStart | Ext::Value, b) if head::is_token_byte(b) => next(Ext::Value),
            (Ext::ValueStart | Ext::Value, _) => strict("Invalid character in chunk extensions value"),
        }
    }

    fn extensions_overflow(&self, at: usize) -> (Fault, usize) {
        (Fault::new(ErrorCode::ChunkExtensionsOverflow, "Chunk extensions overflow", 0), at)
    }

    fn size_line_done(&mut self, size: u64) -> State {
        if size == 0 {
            self.buf.clear();
            self.counter.reset_for_trailers();
            State::Trailers
        } else {
            State::ChunkData(size)
        }
    }

    /// The end of the connection: completes a body that runs to it.
    pub fn finish(&mut self, events: &mut Vec<Event>) -> Result<(), ParseError> {
        // llhttp_finish on a parser already in error does nothing (node's
        // finish() then returns 0, not the error again).
        if self.error.is_some() {
            return Ok(());
        }
        match self.state {
            State::Start | State::Closed => Ok(()),
            State::BodyUntilEof => {
                events.push(Event::MessageComplete);
                self.state = State::Start;
                Ok(())
            }
            _ => {
                let err = ParseError { code: ErrorCode::InvalidEofState, reason: "Invalid EOF state", bytes_parsed: 0 };
                self.error = Some(err.clone());
                Err(err)
            }
        }
    }
}

/// Emits up to `limit` body bytes from `data[p..]`; how many it took.
fn take(data: &[u8], p: usize, limit: u64, events: &mut Vec<Event>) -> usize {
    let available = data.len() - p;
    let n = usize::try_from(limit).map_or(available, |l| l.min(available));
    if n > 0 {
        events.push(Event::Body { start: p, len: n });
    }
    n
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

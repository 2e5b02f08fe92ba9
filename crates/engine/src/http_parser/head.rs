//! Message heads: the start line and the header fields, parsed once the whole
//! head is buffered. `httparse` does the common case; when it refuses a head
//! (or accepts one llhttp would refuse), `walk` settles it byte by byte with
//! llhttp's rules, so that the error code, reason and offset are llhttp's.

use std::ops::Range;

use super::error::{ErrorCode as E, Fault};
use super::{lenient, methods, Kind};

/// A parsed head. Ranges index the buffer the head was parsed from.
#[derive(Clone, Debug, Default)]
pub struct Head {
    pub method: u8,
    pub url: Range<usize>,
    pub status: u16,
    pub reason: Range<usize>,
    pub major: u8,
    pub minor: u8,
    /// `(name, value)`; values without surrounding blanks.
    pub headers: Vec<(Range<usize>, Range<usize>)>,
}

impl Head {
    fn clear(&mut self) {
        self.method = 0;
        self.url = 0..0;
        self.status = 0;
        self.reason = 0..0;
        self.major = 0;
        self.minor = 0;
        self.headers.clear();
    }
}

/// What parsing a buffered head gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The head is whole and ends at this offset.
    Complete(usize),
    /// More bytes are needed.
    Partial,
    Error(Fault),
}

/// Parses the head at the start of `buf`, a request's or a response's.
pub fn parse(buf: &[u8], kind: Kind, lenient_flags: u32, out: &mut Head) -> Outcome {
    out.clear();
    if let Some(outcome) = fast_path(buf, kind, out) {
        return outcome;
    }
    out.clear();
    Walker { buf, lenient: lenient_flags, out }.head(kind)
}

/// Parses trailer fields (header lines up to an empty line).
pub fn parse_trailers(buf: &[u8], lenient_flags: u32, out: &mut Head) -> Outcome {
    // The start line's facts stay: the message is not complete yet.
    out.headers.clear();
    let mut fields = [httparse::EMPTY_HEADER; 32];
    if let Ok(httparse::Status::Complete((len, fields))) = httparse::parse_headers(buf, &mut fields) {
        if !has_bare_lf(&buf[..len]) {
            push_fields(buf, fields, out);
            return Outcome::Complete(len);
        }
    }
    out.headers.clear();
    let mut walker = Walker { buf, lenient: lenient_flags, out };
    walker.fields(0, false)
}

fn offset_in(buf: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(buf.as_ptr() as usize)
}

fn range_in(buf: &[u8], part: &[u8]) -> Range<usize> {
    let start = offset_in(buf, part);
    start..start + part.len()
}

fn trim_blanks_end(buf: &[u8], mut r: Range<usize>) -> Range<usize> {
    while r.end > r.start && matches!(buf[r.end - 1], b' ' | b'\t') {
        r.end -= 1;
    }
    r
}

fn push_fields(buf: &[u8], fields: &[httparse::Header], out: &mut Head) {
    for field in fields {
        let name = range_in(buf, field.name.as_bytes());
        let value = trim_blanks_end(buf, range_in(buf, field.value));
        out.headers.push((name, value));
    }
}

/// llhttp insists on CRLF; httparse also takes a lone LF.
fn has_bare_lf(head: &[u8]) -> bool {
    memchr::memchr_iter(b'\n', head).any(|i| i == 0 || head[i - 1] != b'\r')
}

/// The common case through httparse. `None`: let the walker decide.
fn fast_path(buf: &[u8], kind: Kind, out: &mut Head) -> Option<Outcome> {
    let mut fields = [httparse::EMPTY_HEADER; 48];
    match kind {
        Kind::Request => {
            let mut req = httparse::Request::new(&mut fields);
            let status = httparse::ParserConfig::default()
                .allow_multiple_spaces_in_request_line_delimiters(true)
                .parse_request(&mut req, buf)
                .ok()?;
            let httparse::Status::Complete(len) = status else {
                // Partial: httparse found nothing wrong so far, but llhttp also
                // checks the method and URL as they arrive; the walker knows.
                return None;
            };
            let method = methods::lookup(req.method?.as_bytes())?;
            let url = req.path?.as_bytes();
            if !url_acceptable(method, url) || has_bare_lf(&buf[..len]) {
                return None;
            }
            out.method = method;
            out.url = range_in(buf, url);
            out.major = 1;
            out.minor = req.version?;
            push_fields(buf, req.headers, out);
            Some(Outcome::Complete(len))
        }
        Kind::Response => {
            let mut res = httparse::Response::new(&mut fields);
            let httparse::Status::Complete(len) = res.parse(buf).ok()? else {
                return None;
            };
            if has_bare_lf(&buf[..len]) {
                return None;
            }
            out.status = res.code?;
            out.major = 1;
            out.minor = res.version?;
            let reason = res.reason?.as_bytes();
            out.reason = if reason.is_empty() { 0..0 } else { range_in(buf, reason) };
            push_fields(buf, res.headers, out);
            Some(Outcome::Complete(len))
        }
    }
}

fn is_url_byte(b: u8) -> bool {
    (0x21..0x7f).contains(&b)
}

fn url_acceptable(method: u8, url: &[u8]) -> bool {
    let starts_well = match url.first() {
        Some(b'/' | b'*') => true,
        Some(_) if method == methods::CONNECT => true,
        Some(c) if c.is_ascii_alphabetic() => {
            let letters = url.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            url[letters..].starts_with(b"://")
        }
        _ => false,
    };
    starts_well && url.iter().all(|&b| is_url_byte(b))
}

/// RFC 9110 `tchar`: what a header name (and a method) is made of.
pub fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A header value byte llhttp accepts without `kLenientHeaders`.
fn is_value_byte(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

/// The versions llhttp accepts without `kLenientVersion`.
fn version_allowed(major: u8, minor: u8) -> bool {
    matches!((major, minor), (0, 9) | (1, 0) | (1, 1) | (2, 0))
}

/// A request line whose method is none llhttp knows: where and how it says so.
fn bad_method(name: &[u8]) -> Outcome {
    let prefix = methods::matching_prefix(name);
    if methods::lookup(&name[..prefix]).is_some() {
        fault(E::InvalidMethod, "Expected space after method", prefix)
    } else {
        fault(E::InvalidMethod, "Invalid method encountered", prefix)
    }
}

/// llhttp's rules, one byte after another, over a buffered (maybe partial) head.
struct Walker<'a, 'h> {
    buf: &'a [u8],
    lenient: u32,
    out: &'h mut Head,
}

type Step = Result<usize, Outcome>;

fn fault(code: E, reason: &'static str, at: usize) -> Outcome {
    Outcome::Error(Fault::new(code, reason, at))
}

impl Walker<'_, '_> {
    fn byte(&self, at: usize) -> Result<u8, Outcome> {
        self.buf.get(at).copied().ok_or(Outcome::Partial)
    }

    fn lenient(&self, flag: u32) -> bool {
        self.lenient & flag != 0
    }

    fn head(&mut self, kind: Kind) -> Outcome {
        let line = match kind {
            Kind::Request => self.request_line(),
            Kind::Response => self.status_line(),
        };
        match line {
            Ok(p) => self.fields(p, true),
            Err(outcome) => outcome,
        }
    }

    fn request_line(&mut self) -> Step {
        let mut p = 0;
        while self.byte(p).map_err(|e| self.partial_method(p, e))? != b' ' {
            p += 1;
        }
        let name = &self.buf[..p];
        let Some(method) = methods::lookup(name) else {
            return Err(bad_method(name));
        };
        self.out.method = method;
        while self.byte(p)? == b' ' {
            p += 1;
        }
        let start = p;
        let first = self.byte(p)?;
        if !(first == b'/' || first == b'*' || first.is_ascii_alphabetic() || method == methods::CONNECT) {
            return Err(fault(E::InvalidUrl, "Unexpected start char in url", p));
        }
        if first.is_ascii_alphabetic() && method != methods::CONNECT {
            p = self.url_schema(p)?;
        }
        loop {
            match self.byte(p)? {
                b' ' => break,
                b'\r' | b'\n' => {
                    // `GET /` and the line's end: an HTTP/0.9 request.
                    self.out.url = start..p;
                    self.out.major = 0;
                    self.out.minor = 9;
                    return self.line_end(
                        p,
                        1,
                        "Missing expected CR after request line",
                        "Expected LF after request line",
                    );
                }
                b'\t' | b'\x0c' => return Err(fault(E::InvalidUrl, "Invalid characters in url", p + 1)),
                b if is_url_byte(b) => p += 1,
                _ => return Err(fault(E::InvalidUrl, "Invalid char in url path", p)),
            }
        }
        self.out.url = start..p;
        p = self.protocol(p + 1)?;
        p = self.version(p)?;
        match (self.byte(p)?, self.byte(p + 1)?) {
            (b'\r', b'\n') => Ok(p + 2),
            (b'\n', _) if self.lenient(lenient::OPTIONAL_CR_BEFORE_LF) => {
                Err(fault(E::Strict, "Expected CRLF after version", p + 1))
            }
            (b'\n', _) => Err(fault(E::InvalidVersion, "Expected CRLF after version", p + 1)),
            _ => Err(fault(E::InvalidVersion, "Expected CRLF after version", p)),
        }
    }

    /// A method still arriving: wrong as soon as no method starts that way.
    fn partial_method(&self, p: usize, partial: Outcome) -> Outcome {
        let sofar = &self.buf[..p];
        if methods::matching_prefix(sofar) < sofar.len() {
            bad_method(sofar)
        } else {
            partial
        }
    }

    /// An absolute URL's `scheme://`: letters, then the colon and two slashes.
    fn url_schema(&self, mut p: usize) -> Step {
        while self.byte(p)?.is_ascii_alphabetic() {
            p += 1;
        }
        for want in [b':', b'/', b'/'] {
            if self.byte(p)? != want {
                return Err(fault(E::InvalidUrl, "Invalid characters in url", p + 1));
            }
            p += 1;
        }
        Ok(p)
    }

    fn protocol(&self, p: usize) -> Step {
        let expected: &[u8] = match self.buf.get(p) {
            Some(b'R') => b"RTSP/",
            Some(b'I') => b"ICE/",
            _ => b"HTTP/",
        };
        for (i, &want) in expected.iter().enumerate() {
            if self.byte(p + i)? != want {
                return Err(fault(E::InvalidConstant, "Expected HTTP/, RTSP/ or ICE/", p + i));
            }
        }
        Ok(p + expected.len())
    }

    fn version(&mut self, p: usize) -> Step {
        let major = self.byte(p)?;
        if !major.is_ascii_digit() {
            return Err(fault(E::InvalidVersion, "Invalid major version", p));
        }
        if self.byte(p + 1)? != b'.' {
            return Err(fault(E::InvalidVersion, "Expected dot", p + 1));
        }
        let minor = self.byte(p + 2)?;
        if !minor.is_ascii_digit() {
            return Err(fault(E::InvalidVersion, "Invalid minor version", p + 2));
        }
        self.out.major = major - b'0';
        self.out.minor = minor - b'0';
        if !self.lenient(lenient::VERSION) && !version_allowed(self.out.major, self.out.minor) {
            return Err(fault(E::InvalidVersion, "Invalid HTTP version", p + 3));
        }
        Ok(p + 3)
    }

    fn status_line(&mut self) -> Step {
        let mut p = self.protocol(0)?;
        p = self.version(p)?;
        if self.byte(p)? != b' ' {
            return Err(fault(E::InvalidVersion, "Expected space after version", p));
        }
        while self.byte(p)? == b' ' {
            p += 1;
        }
        let mut status: u16 = 0;
        for digits in 0.. {
            let b = self.byte(p)?;
            if !b.is_ascii_digit() {
                if digits != 3 {
                    return Err(fault(E::InvalidStatus, "Invalid status code", p));
                }
                break;
            }
            if digits == 3 {
                return Err(fault(E::InvalidStatus, "Invalid response status", p));
            }
            status = status * 10 + u16::from(b - b'0');
            p += 1;
        }
        self.out.status = status;
        match self.byte(p)? {
            b' ' => p += 1,
            b'\r' | b'\n' => {}
            _ => return Err(fault(E::InvalidStatus, "Invalid response status", p)),
        }
        let start = p;
        while !matches!(self.byte(p)?, b'\r' | b'\n') {
            p += 1;
        }
        self.out.reason = start..p;
        self.line_end(p, 1, "Missing expected CR after response line", "Missing expected LF after response line")
    }

    /// At a CR or LF that ends a line: the offset after the line end.
    /// `lf_at`: where llhttp reports a bare LF, relative to it.
    fn line_end(&self, p: usize, lf_at: usize, cr_missing: &'static str, lf_missing: &'static str) -> Step {
        if self.byte(p)? == b'\n' {
            return if self.lenient(lenient::OPTIONAL_CR_BEFORE_LF) {
                Ok(p + 1)
            } else {
                Err(fault(E::CrExpected, cr_missing, p + lf_at))
            };
        }
        if self.byte(p + 1)? == b'\n' {
            Ok(p + 2)
        } else {
            Err(fault(E::LfExpected, lf_missing, p + 1))
        }
    }

    /// Header lines from `p` up to and including the empty line.
    fn fields(&mut self, mut p: usize, after_start_line: bool) -> Outcome {
        let mut first = after_start_line;
        loop {
            match self.field(p, first) {
                Ok(Some(next)) => p = next,
                Ok(None) => return self.empty_line(p),
                Err(outcome) => return outcome,
            }
            first = false;
        }
    }

    fn empty_line(&self, p: usize) -> Outcome {
        match (self.buf.get(p), self.buf.get(p + 1)) {
            (Some(b'\n'), _) if self.lenient(lenient::OPTIONAL_CR_BEFORE_LF) => Outcome::Complete(p + 1),
            (Some(b'\n'), _) => fault(E::InvalidHeaderToken, "Invalid header field char", p + 1),
            (Some(b'\r'), Some(b'\n')) => Outcome::Complete(p + 2),
            (Some(b'\r'), Some(_)) => fault(E::Strict, "Expected LF after headers", p + 1),
            _ => Outcome::Partial,
        }
    }

    /// One header line at `p`: `Some(next line)`, or `None` at the empty line.
    fn field(&mut self, mut p: usize, first: bool) -> Result<Option<usize>, Outcome> {
        match self.byte(p)? {
            b'\r' | b'\n' => return Ok(None),
            b' ' | b'\t' if first => return Err(fault(E::UnexpectedSpace, "Unexpected space after start line", p + 1)),
            b' ' | b'\t' => {
                return Err(fault(E::InvalidHeaderToken, "Unexpected whitespace after header value", p));
            }
            _ => {}
        }
        let name_start = p;
        while is_token_byte(self.byte(p)?) {
            p += 1;
        }
        if p == name_start || self.buf[p] != b':' {
            return Err(fault(E::InvalidHeaderToken, "Invalid header token", p));
        }
        let name = name_start..p;
        p += 1;
        while matches!(self.byte(p)?, b' ' | b'\t') {
            p += 1;
        }
        let value_start = p;
        loop {
            let b = self.byte(p)?;
            if b == b'\r' || b == b'\n' {
                break;
            }
            if !is_value_byte(b) && !self.lenient(lenient::HEADERS) {
                return Err(fault(E::InvalidHeaderToken, "Invalid header value char", p));
            }
            p += 1;
        }
        let value = trim_blanks_end(self.buf, value_start..p);
        let next =
            self.line_end(p, 0, "Missing expected CR after header value", "Missing expected LF after header value")?;
        // The byte after the line decides whether it continues (obs-fold): wait for it.
        self.byte(next)?;
        self.out.headers.push((name, value));
        Ok(Some(next))
    }
}

/// How node counts a head against `maxHeaderSize`: the URL or status text plus
/// every header name and value (values from their first non-blank byte), over
/// the head buffered so far. Each complete line is counted once.
#[derive(Debug, Default)]
pub struct SizeCounter {
    /// Where the first line not yet counted starts.
    line_start: usize,
    /// The bytes counted in complete lines.
    complete: usize,
    /// Counting trailers: no start line.
    trailers: bool,
}

impl SizeCounter {
    pub fn reset(&mut self) {
        *self = SizeCounter::default();
    }

    /// Trailers count afresh, as node restarts its count after a head.
    pub fn reset_for_trailers(&mut self) {
        *self = SizeCounter { trailers: true, ..SizeCounter::default() };
    }

    pub fn trailers(&self) -> bool {
        self.trailers
    }

    /// The count over `buf`, the head buffered so far.
    pub fn count(&mut self, buf: &[u8], kind: Kind) -> usize {
        while let Some(nl) = memchr::memchr(b'\n', &buf[self.line_start..]) {
            let line = &buf[self.line_start..self.line_start + nl];
            self.complete += line_weight(line, self.line_start == 0 && !self.trailers, kind);
            self.line_start += nl + 1;
        }
        self.complete + line_weight(&buf[self.line_start..], self.line_start == 0 && !self.trailers, kind)
    }
}

fn line_weight(line: &[u8], start_line: bool, kind: Kind) -> usize {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if !start_line {
        return field_weight(line);
    }
    match kind {
        Kind::Request => {
            let after_method = line.iter().position(|&b| b == b' ').map_or(line.len(), |i| i);
            let rest = &line[after_method..];
            let url_start = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
            let url = &rest[url_start..];
            url.iter().position(|&b| b == b' ').unwrap_or(url.len())
        }
        Kind::Response => {
            // "HTTP/1.1 200 reason": the reason starts after the second space.
            let mut spaces = line.iter().enumerate().filter(|(_, &b)| b == b' ').map(|(i, _)| i);
            spaces.nth(1).map_or(0, |i| line.len() - i - 1)
        }
    }
}

fn field_weight(line: &[u8]) -> usize {
    match line.iter().position(|&b| b == b':') {
        Some(colon) => {
            let value = &line[colon + 1..];
            let blanks = value.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
            colon + value.len() - blanks
        }
        None => line.len(),
    }
}

/// Where node reports the overflow in `buf` (a head whose count reached
/// `max`): node checks at the end of each counted span (URL, status text,
/// field name, field value), so at the end of the span that reached it, or at
/// the end of the buffer when that span is still arriving.
pub fn overflow_at(buf: &[u8], kind: Kind, max: usize, trailers: bool) -> usize {
    let mut total = 0;
    let mut line_start = 0;
    loop {
        let newline = memchr::memchr(b'\n', &buf[line_start..]).map(|i| line_start + i);
        let line_end = newline.unwrap_or(buf.len());
        let mut line = &buf[line_start..line_end];
        if let Some(stripped) = line.strip_suffix(b"\r") {
            line = stripped;
        }
        // Past a line's end llhttp has seen its CR: it reports one further.
        let after_line = newline.map_or(buf.len(), |_| line_start + line.len() + 1);
        for (len, end) in line_spans(line, line_start, line_start == 0 && !trailers, kind, after_line) {
            total += len;
            if total >= max {
                return end.min(buf.len());
            }
        }
        match newline {
            Some(nl) if !line.is_empty() => line_start = nl + 1,
            _ => return buf.len(),
        }
    }
}

/// The counted spans of one line: `(length, where node reports an overflow)`.
fn line_spans(line: &[u8], start: usize, start_line: bool, kind: Kind, after_line: usize) -> Vec<(usize, usize)> {
    if start_line && kind == Kind::Request {
        let url = line_weight(line, true, kind);
        let method_and_blanks = line
            .iter()
            .position(|&b| b == b' ')
            .map_or(line.len(), |m| m + line[m..].iter().take_while(|&&b| b == b' ').count());
        let url_end = start + method_and_blanks + url;
        // The URL span ends at the blank after it; if none arrived, it is still open.
        let end = if method_and_blanks + url < line.len() { url_end } else { after_line };
        return vec![(url, end)];
    }
    if start_line {
        return vec![(line_weight(line, true, kind), after_line)];
    }
    match line.iter().position(|&b| b == b':') {
        Some(colon) => vec![(colon, start + colon), (field_weight(line) - colon, after_line)],
        None => vec![(line.len(), after_line)],
    }
}

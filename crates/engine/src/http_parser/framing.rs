//! What the special headers say about a message: its body length, chunked
//! coding, and the connection tokens, with llhttp's checks on them.

use super::error::{ErrorCode as E, Fault};
use super::head::Head;
use super::{lenient, Kind};

/// The framing facts of one message (llhttp's `F_*` flags and content length).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Framing {
    pub content_length: Option<u64>,
    pub chunked: bool,
    pub transfer_encoding: bool,
    pub connection_close: bool,
    pub connection_keep_alive: bool,
    pub connection_upgrade: bool,
    pub upgrade_header: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Special {
    ContentLength,
    TransferEncoding,
    Connection,
    Upgrade,
}

fn special(name: &[u8]) -> Option<Special> {
    const NAMES: [(&[u8], Special); 5] = [
        (b"content-length", Special::ContentLength),
        (b"transfer-encoding", Special::TransferEncoding),
        (b"connection", Special::Connection),
        (b"proxy-connection", Special::Connection),
        (b"upgrade", Special::Upgrade),
    ];
    NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, s)| s)
}

/// Reads the special headers of `head` (ranges into `buf`).
pub fn read(buf: &[u8], head: &Head, kind: Kind, lenient_flags: u32) -> Result<Framing, Fault> {
    let mut framing = Framing::default();
    let both_allowed = lenient_flags & lenient::CHUNKED_LENGTH != 0;
    for (name, value) in &head.headers {
        let Some(which) = special(&buf[name.clone()]) else { continue };
        let after_colon = name.end + 1;
        let v = &buf[value.clone()];
        match which {
            Special::ContentLength => {
                if framing.content_length.is_some() {
                    return Err(Fault::new(E::UnexpectedContentLength, "Duplicate Content-Length", value.start));
                }
                if framing.transfer_encoding && !both_allowed {
                    return Err(Fault::new(
                        E::InvalidContentLength,
                        "Content-Length can't be present with Transfer-Encoding",
                        after_colon,
                    ));
                }
                framing.content_length = Some(content_length(v, value.start)?);
            }
            Special::TransferEncoding => {
                if framing.content_length.is_some() && !both_allowed {
                    return Err(Fault::new(
                        E::InvalidTransferEncoding,
                        "Transfer-Encoding can't be present with Content-Length",
                        after_colon,
                    ));
                }
                framing.transfer_encoding = true;
                transfer_codings(v, value.start, kind, lenient_flags, &mut framing)?;
            }
            Special::Connection => {
                for token in tokens(v) {
                    let t = &v[token];
                    framing.connection_close |= t.eq_ignore_ascii_case(b"close");
                    framing.connection_keep_alive |= t.eq_ignore_ascii_case(b"keep-alive");
                    framing.connection_upgrade |= t.eq_ignore_ascii_case(b"upgrade");
                }
            }
            Special::Upgrade => framing.upgrade_header = true,
        }
    }
    Ok(framing)
}

/// The comma-separated tokens of a list value, without blanks.
fn tokens(v: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    v.split(|&b| b == b',').map(move |part| {
        let lead = part.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
        let trail = part[lead..].iter().rev().take_while(|b| matches!(b, b' ' | b'\t')).count();
        let r = start + lead..start + part.len() - trail;
        start += part.len() + 1;
        r
    })
}

fn content_length(v: &[u8], at: usize) -> Result<u64, Fault> {
    if v.is_empty() {
        return Err(Fault::new(E::InvalidContentLength, "Empty Content-Length", at + 2));
    }
    let mut n: u64 = 0;
    for (i, &b) in v.iter().enumerate() {
        if !b.is_ascii_digit() {
            // llhttp skips blanks after the number and trips on what follows them.
            let blanks = v[i..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
            return Err(Fault::new(E::InvalidContentLength, "Invalid character in Content-Length", at + i + blanks));
        }
        n = n.checked_mul(10).and_then(|n| n.checked_add(u64::from(b - b'0'))).ok_or(Fault::new(
            E::InvalidContentLength,
            "Content-Length overflow",
            at + i + 1,
        ))?;
    }
    Ok(n)
}

/// `chunked` must be the last coding; in a request a coding after it is an error.
fn transfer_codings(v: &[u8], at: usize, kind: Kind, lenient_flags: u32, framing: &mut Framing) -> Result<(), Fault> {
    let strict = kind == Kind::Request && lenient_flags & lenient::TRANSFER_ENCODING == 0;
    for (i, token) in tokens(v).enumerate() {
        if framing.chunked && strict {
            // Where llhttp notices: one past the value's start, or just past the comma.
            let part_start =
                if i == 0 { 1 } else { v[..token.start].iter().rposition(|&b| b == b',').map_or(0, |c| c + 1) };
            let reason = "Invalid `Transfer-Encoding` header value";
            return Err(Fault::new(E::InvalidTransferEncoding, reason, at + part_start));
        }
        framing.chunked = v[token].eq_ignore_ascii_case(b"chunked");
    }
    Ok(())
}

//! `internalBinding('http_parser')`'s native half: parsers are ids into the
//! isolate's `Parsers`. `execute` never calls JavaScript: it parses up to the
//! end of the input or a stop point and answers one array
//!
//! ```text
//! [stop, offset, extra, ...events]
//! ```
//!
//! `stop`: 0 input consumed, 1 head complete, 2 trailers, 3 upgrade, 4 error;
//! `offset`: where parsing stopped in the buffer (for an error: bytesParsed);
//! `extra`: for a head `[major, minor, headers, method, url, status, statusText,
//! upgrade, shouldKeepAlive]`, for trailers the header list, for an error
//! `[code, reason]`; `events`: 0 message begin, `3, start, length` a body part of
//! the buffer, 4 message complete. js/internal/http_parser.js dispatches them.

use std::collections::HashMap;

use super::{throw_error, v8_str, Op};
use crate::http_parser::{Event, Kind, ParseError, Parser, Progress, Stop};
use crate::state;

pub fn ops() -> Vec<Op> {
    crate::op_table![
        "create" => op_http_parser_create,
        "execute" => op_http_parser_execute,
        "finish" => op_http_parser_finish,
        "free" => op_http_parser_free,
    ]
}

/// The parsers JavaScript holds, by id.
#[derive(Default)]
pub struct Parsers {
    next_id: u32,
    parsers: HashMap<u32, Parser>,
    /// Reused between calls: the events of one `execute`.
    events: Vec<Event>,
}

const STOP_END: i32 = 0;
const STOP_HEADERS: i32 = 1;
const STOP_TRAILERS: i32 = 2;
const STOP_UPGRADE: i32 = 3;
const STOP_ERROR: i32 = 4;

fn int_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> i64 {
    value.integer_value(scope).unwrap_or(0)
}

/// create(type, maxHeaderSize, lenientFlags) -> id
fn op_http_parser_create(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let kind = if int_arg(scope, args.get(0)) == 2 { Kind::Response } else { Kind::Request };
    let max_header_size = usize::try_from(int_arg(scope, args.get(1))).unwrap_or(0);
    let lenient = u32::try_from(int_arg(scope, args.get(2))).unwrap_or(0);
    let st = state::state(scope);
    let mut parsers = st.http_parsers.borrow_mut();
    parsers.next_id = parsers.next_id.wrapping_add(1).max(1);
    let id = parsers.next_id;
    parsers.parsers.insert(id, Parser::new(kind, max_header_size, lenient));
    rv.set_uint32(id);
}

/// free(id): forgets the parser.
fn op_http_parser_free(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, _rv: v8::ReturnValue<v8::Value>) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    state::state(scope).http_parsers.borrow_mut().parsers.remove(&id);
}

/// execute(id, buffer, offset, headersResult) -> [stop, offset, extra, ...events]
fn op_http_parser_execute(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let offset = usize::try_from(int_arg(scope, args.get(2))).unwrap_or(0);
    let headers_result = u8::try_from(int_arg(scope, args.get(3))).unwrap_or(0);
    let st = state::state(scope);
    let mut guard = st.http_parsers.borrow_mut();
    let parsers = &mut *guard;
    let Some(parser) = parsers.parsers.get_mut(&id) else {
        drop(guard);
        return throw_error(scope, "HTTP parser is freed");
    };
    parser.headers_result(headers_result);
    let events = &mut parsers.events;
    events.clear();
    let progress = super::with_view_contents(args.get(1), |bytes| {
        let input = bytes.get(offset..).unwrap_or_default();
        let mut progress = parser.execute(input, events);
        progress.consumed += offset;
        progress
    });
    let Some(progress) = progress else {
        drop(guard);
        return throw_error(scope, "HTTP parser input must be a buffer");
    };
    let answer = answer_value(scope, parser, &progress, events, offset);
    rv.set(answer);
}

/// finish(id) -> the same array as execute (events: a close-delimited body's end).
fn op_http_parser_finish(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let st = state::state(scope);
    let mut guard = st.http_parsers.borrow_mut();
    let parsers = &mut *guard;
    let Some(parser) = parsers.parsers.get_mut(&id) else {
        drop(guard);
        return throw_error(scope, "HTTP parser is freed");
    };
    let events = &mut parsers.events;
    events.clear();
    let stop = match parser.finish(events) {
        Ok(()) => Stop::EndOfInput,
        Err(err) => Stop::Error(err),
    };
    let answer = answer_value(scope, parser, &Progress { consumed: 0, stop }, events, 0);
    rv.set(answer);
}

fn answer_value<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    parser: &Parser,
    progress: &Progress,
    events: &[Event],
    offset: usize,
) -> v8::Local<'s, v8::Value> {
    let (stop, extra) = match &progress.stop {
        Stop::EndOfInput => (STOP_END, v8::undefined(scope).into()),
        Stop::HeadersComplete => (STOP_HEADERS, head_value(scope, parser)),
        Stop::Trailers => (STOP_TRAILERS, headers_value(scope, parser)),
        Stop::Upgrade => (STOP_UPGRADE, v8::undefined(scope).into()),
        Stop::Error(err) => (STOP_ERROR, error_value(scope, err)),
    };
    let at = match &progress.stop {
        Stop::Error(err) => err.bytes_parsed + offset,
        _ => progress.consumed,
    };
    let mut items: Vec<v8::Local<v8::Value>> = Vec::with_capacity(3 + events.len() * 3);
    items.push(v8::Integer::new(scope, stop).into());
    items.push(number(scope, at));
    items.push(extra);
    for event in events {
        match *event {
            Event::MessageBegin => items.push(v8::Integer::new(scope, 0).into()),
            Event::Body { start, len } => {
                items.push(v8::Integer::new(scope, 3).into());
                items.push(number(scope, start + offset));
                items.push(number(scope, len));
            }
            Event::MessageComplete => items.push(v8::Integer::new(scope, 4).into()),
        }
    }
    v8::Array::new_with_elements(scope, &items).into()
}

fn number<'s>(scope: &mut v8::PinScope<'s, '_>, n: usize) -> v8::Local<'s, v8::Value> {
    v8::Number::new(scope, n as f64).into()
}

/// Header bytes as node makes them: one byte a character (latin1).
fn latin1<'s>(scope: &mut v8::PinScope<'s, '_>, bytes: &[u8]) -> v8::Local<'s, v8::Value> {
    v8::String::new_from_one_byte(scope, bytes, v8::NewStringType::Normal)
        .unwrap_or_else(|| v8::String::empty(scope))
        .into()
}

fn headers_value<'s>(scope: &mut v8::PinScope<'s, '_>, parser: &Parser) -> v8::Local<'s, v8::Value> {
    let (buf, head) = parser.head();
    let mut items = Vec::with_capacity(head.headers.len() * 2);
    for (name, value) in &head.headers {
        items.push(latin1(scope, &buf[name.clone()]));
        items.push(latin1(scope, &buf[value.clone()]));
    }
    v8::Array::new_with_elements(scope, &items).into()
}

fn head_value<'s>(scope: &mut v8::PinScope<'s, '_>, parser: &Parser) -> v8::Local<'s, v8::Value> {
    let headers = headers_value(scope, parser);
    let (buf, head) = parser.head();
    let request = parser.kind() == Kind::Request;
    let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
    let items = [
        v8::Integer::new(scope, i32::from(head.major)).into(),
        v8::Integer::new(scope, i32::from(head.minor)).into(),
        headers,
        if request { v8::Integer::new(scope, i32::from(head.method)).into() } else { undefined },
        if request { latin1(scope, &buf[head.url.clone()]) } else { undefined },
        if request { undefined } else { v8::Integer::new(scope, i32::from(head.status)).into() },
        if request { undefined } else { latin1(scope, &buf[head.reason.clone()]) },
        v8::Boolean::new(scope, parser.upgrade()).into(),
        v8::Boolean::new(scope, parser.should_keep_alive()).into(),
    ];
    v8::Array::new_with_elements(scope, &items).into()
}

fn error_value<'s>(scope: &mut v8::PinScope<'s, '_>, err: &ParseError) -> v8::Local<'s, v8::Value> {
    let items = [v8_str(scope, err.code.name()).into(), v8_str(scope, err.reason).into()];
    v8::Array::new_with_elements(scope, &items).into()
}

//! The request methods node 20's parser knows, in llhttp's numbering.

/// `allMethods`: every method llhttp parses, indexed by its method number
/// position (the index is what `kOnHeadersComplete` receives).
pub const ALL_METHODS: &[&str] = &[
    "DELETE",
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "CONNECT",
    "OPTIONS",
    "TRACE",
    "COPY",
    "LOCK",
    "MKCOL",
    "MOVE",
    "PROPFIND",
    "PROPPATCH",
    "SEARCH",
    "UNLOCK",
    "BIND",
    "REBIND",
    "UNBIND",
    "ACL",
    "REPORT",
    "MKACTIVITY",
    "CHECKOUT",
    "MERGE",
    "M-SEARCH",
    "NOTIFY",
    "SUBSCRIBE",
    "UNSUBSCRIBE",
    "PATCH",
    "PURGE",
    "MKCALENDAR",
    "LINK",
    "UNLINK",
    "SOURCE",
    "PRI",
    "DESCRIBE",
    "ANNOUNCE",
    "SETUP",
    "PLAY",
    "PAUSE",
    "TEARDOWN",
    "GET_PARAMETER",
    "SET_PARAMETER",
    "REDIRECT",
    "RECORD",
    "FLUSH",
    "QUERY",
];

/// `methods`: the HTTP ones (what `http.METHODS` is built from).
pub const HTTP_METHODS: &[&str] = &[
    "DELETE",
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "CONNECT",
    "OPTIONS",
    "TRACE",
    "COPY",
    "LOCK",
    "MKCOL",
    "MOVE",
    "PROPFIND",
    "PROPPATCH",
    "SEARCH",
    "UNLOCK",
    "BIND",
    "REBIND",
    "UNBIND",
    "ACL",
    "REPORT",
    "MKACTIVITY",
    "CHECKOUT",
    "MERGE",
    "M-SEARCH",
    "NOTIFY",
    "SUBSCRIBE",
    "UNSUBSCRIBE",
    "PATCH",
    "PURGE",
    "MKCALENDAR",
    "LINK",
    "UNLINK",
    "SOURCE",
    "QUERY",
];

/// The methods only RTSP uses: valid with an `RTSP/` version only.
const RTSP_ONLY: &[&str] = &[
    "DESCRIBE",
    "ANNOUNCE",
    "SETUP",
    "PLAY",
    "PAUSE",
    "TEARDOWN",
    "GET_PARAMETER",
    "SET_PARAMETER",
    "REDIRECT",
    "RECORD",
    "FLUSH",
];

pub const CONNECT: u8 = 5;
pub const HEAD: u8 = 2;
pub const PRI: u8 = 34;

/// The index of a method in `ALL_METHODS`.
pub fn lookup(name: &[u8]) -> Option<u8> {
    ALL_METHODS.iter().position(|m| m.as_bytes() == name).and_then(|i| u8::try_from(i).ok())
}

pub fn is_rtsp_only(index: u8) -> bool {
    ALL_METHODS.get(usize::from(index)).is_some_and(|m| RTSP_ONLY.contains(m))
}

/// How many leading bytes of `name` some method starts with: where llhttp,
/// which matches a method byte by byte, notices the bad one.
pub fn matching_prefix(name: &[u8]) -> usize {
    ALL_METHODS.iter().map(|m| m.as_bytes().iter().zip(name).take_while(|(a, b)| a == b).count()).max().unwrap_or(0)
}

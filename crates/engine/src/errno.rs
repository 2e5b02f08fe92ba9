//! The one table from OS error numbers to Node's (libuv's) error codes and
//! messages, and the `SysError` value every failing op reports.
//!
//! Node negates errno on Unix (`ENOENT` is -2) and uses libuv's wording, which
//! differs from `strerror`: "no such file or directory", not "No such file...".

/// (errno on Linux, code, libuv's message)
const ERRNO_TABLE: &[(i32, &str, &str)] = &[
    (1, "EPERM", "operation not permitted"),
    (2, "ENOENT", "no such file or directory"),
    (3, "ESRCH", "no such process"),
    (4, "EINTR", "interrupted system call"),
    (5, "EIO", "i/o error"),
    (6, "ENXIO", "no such device or address"),
    (7, "E2BIG", "argument list too long"),
    (9, "EBADF", "bad file descriptor"),
    (11, "EAGAIN", "resource temporarily unavailable"),
    (12, "ENOMEM", "not enough memory"),
    (13, "EACCES", "permission denied"),
    (14, "EFAULT", "bad address in system call argument"),
    (16, "EBUSY", "resource busy or locked"),
    (17, "EEXIST", "file already exists"),
    (18, "EXDEV", "cross-device link not permitted"),
    (19, "ENODEV", "no such device"),
    (20, "ENOTDIR", "not a directory"),
    (21, "EISDIR", "illegal operation on a directory"),
    (22, "EINVAL", "invalid argument"),
    (23, "ENFILE", "file table overflow"),
    (24, "EMFILE", "too many open files"),
    (25, "ENOTTY", "inappropriate ioctl for device"),
    (26, "ETXTBSY", "text file is busy"),
    (27, "EFBIG", "file too large"),
    (28, "ENOSPC", "no space left on device"),
    (29, "ESPIPE", "invalid seek"),
    (30, "EROFS", "read-only file system"),
    (31, "EMLINK", "too many links"),
    (32, "EPIPE", "broken pipe"),
    (34, "ERANGE", "result too large"),
    (36, "ENAMETOOLONG", "name too long"),
    (38, "ENOSYS", "function not implemented"),
    (39, "ENOTEMPTY", "directory not empty"),
    (40, "ELOOP", "too many symbolic links encountered"),
    (61, "ENODATA", "no data available"),
    (62, "ETIME", "timer expired"),
    (71, "EPROTO", "protocol error"),
    (75, "EOVERFLOW", "value too large for defined data type"),
    (84, "EILSEQ", "illegal byte sequence"),
    (88, "ENOTSOCK", "socket operation on non-socket"),
    (89, "EDESTADDRREQ", "destination address required"),
    (90, "EMSGSIZE", "message too long"),
    (91, "EPROTOTYPE", "protocol wrong type for socket"),
    (92, "ENOPROTOOPT", "protocol not available"),
    (93, "EPROTONOSUPPORT", "protocol not supported"),
    (94, "ESOCKTNOSUPPORT", "socket type not supported"),
    (95, "ENOTSUP", "operation not supported on socket"),
    (97, "EAFNOSUPPORT", "address family not supported"),
    (98, "EADDRINUSE", "address already in use"),
    (99, "EADDRNOTAVAIL", "address not available"),
    (100, "ENETDOWN", "network is down"),
    (101, "ENETUNREACH", "network is unreachable"),
    (103, "ECONNABORTED", "software caused connection abort"),
    (104, "ECONNRESET", "connection reset by peer"),
    (105, "ENOBUFS", "no buffer space available"),
    (106, "EISCONN", "socket is already connected"),
    (107, "ENOTCONN", "socket is not connected"),
    (108, "ESHUTDOWN", "cannot send after transport endpoint shutdown"),
    (110, "ETIMEDOUT", "connection timed out"),
    (111, "ECONNREFUSED", "connection refused"),
    (112, "EHOSTDOWN", "host is down"),
    (113, "EHOSTUNREACH", "host is unreachable"),
    (114, "EALREADY", "connection already in progress"),
    (115, "EINPROGRESS", "operation in progress"),
    (121, "EREMOTEIO", "remote I/O error"),
    (125, "ECANCELED", "operation canceled"),
    (49, "EUNATCH", "protocol driver not attached"),
    (64, "ENONET", "machine is not on the network"),
];

/// libuv's codes for errors that have no errno of their own (already negative).
const UV_EOF: (i32, &str, &str) = (-4095, "EOF", "end of file");
const UV_UNKNOWN: (i32, &str, &str) = (-4094, "UNKNOWN", "unknown error");
const UV_OWN_ERRORS: &[(i32, &str, &str)] = &[
    (-3000, "EAI_ADDRFAMILY", "address family not supported"),
    (-3001, "EAI_AGAIN", "temporary failure"),
    (-3002, "EAI_BADFLAGS", "bad ai_flags value"),
    (-3003, "EAI_CANCELED", "request canceled"),
    (-3004, "EAI_FAIL", "permanent failure"),
    (-3005, "EAI_FAMILY", "ai_family not supported"),
    (-3006, "EAI_MEMORY", "out of memory"),
    (-3007, "EAI_NODATA", "no address"),
    (-3008, "EAI_NONAME", "unknown node or service"),
    (-3009, "EAI_OVERFLOW", "argument buffer overflow"),
    (-3010, "EAI_SERVICE", "service not available for socket type"),
    (-3011, "EAI_SOCKTYPE", "socket type not supported"),
    (-3013, "EAI_BADHINTS", "invalid value for hints"),
    (-3014, "EAI_PROTOCOL", "resolved protocol is unknown"),
    (-4028, "EFTYPE", "inappropriate file type or format"),
    (-4080, "ECHARSET", "invalid Unicode character"),
];

/// Looks up `(negative errno, code, message)` for a positive OS errno.
pub fn lookup(errno: i32) -> (i32, &'static str, &'static str) {
    ERRNO_TABLE.iter().find(|(n, _, _)| *n == errno).map(|&(n, code, msg)| (-n, code, msg)).unwrap_or(UV_UNKNOWN)
}

/// Every known error: OS errnos positive, libuv's own codes negative.
pub fn all() -> impl Iterator<Item = (i32, &'static str, &'static str)> {
    ERRNO_TABLE.iter().copied().chain(UV_OWN_ERRORS.iter().copied()).chain([UV_EOF, UV_UNKNOWN])
}

/// A failed system call, in Node's shape: `ENOENT: no such file or directory, open 'x'`.
#[derive(Debug, Clone)]
pub struct SysError {
    pub errno: i32,
    pub code: &'static str,
    pub message: &'static str,
    pub syscall: &'static str,
    pub path: Option<String>,
    pub dest: Option<String>,
}

impl SysError {
    pub fn from_io(err: &std::io::Error, syscall: &'static str) -> SysError {
        let (errno, code, message) = match err.raw_os_error() {
            Some(n) => lookup(n),
            None if err.kind() == std::io::ErrorKind::UnexpectedEof => UV_EOF,
            None => UV_UNKNOWN,
        };
        SysError { errno, code, message, syscall, path: None, dest: None }
    }

    pub fn with_path(mut self, path: impl Into<String>) -> SysError {
        self.path = Some(path.into());
        self
    }

    pub fn with_dest(mut self, dest: impl Into<String>) -> SysError {
        self.dest = Some(dest.into());
        self
    }

    /// Node's message text: `CODE: description, syscall 'path' -> 'dest'`.
    pub fn node_message(&self) -> String {
        let mut msg = format!("{}: {}, {}", self.code, self.message, self.syscall);
        if let Some(path) = &self.path {
            msg.push_str(&format!(" '{path}'"));
        }
        if let Some(dest) = &self.dest {
            msg.push_str(&format!(" -> '{dest}'"));
        }
        msg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enoent_has_node_message() {
        let io = std::io::Error::from_raw_os_error(2);
        let err = SysError::from_io(&io, "open").with_path("missing.txt");
        assert_eq!(err.errno, -2);
        assert_eq!(err.code, "ENOENT");
        assert_eq!(err.node_message(), "ENOENT: no such file or directory, open 'missing.txt'");
    }

    #[test]
    fn unknown_errno_maps_to_unknown() {
        assert_eq!(lookup(9999).1, "UNKNOWN");
    }

    #[test]
    fn rename_message_names_both_paths() {
        let io = std::io::Error::from_raw_os_error(18);
        let err = SysError::from_io(&io, "rename").with_path("a").with_dest("b");
        assert_eq!(err.node_message(), "EXDEV: cross-device link not permitted, rename 'a' -> 'b'");
    }
}

//! `internalBinding('url')`: the WHATWG URL parser and setters, from the
//! `url` crate (WHATWG-conformant), and IDNA through the `idna` crate.
//!
//! A parsed URL crosses to JavaScript as an array of its serialised parts:
//! `[href, origin, protocol, username, password, host, hostname, port,
//! pathname, search, hash]`. Setters re-parse the href (always valid, since
//! it came from the parser) and apply the crate's WHATWG setter.

use super::{v8_str, Op};
use url::{quirks, Position, Url};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "parse" => op_url_parse,
        "canParse" => op_url_can_parse,
        "update" => op_url_update,
        "format" => op_url_format,
        "domainToASCII" => op_url_domain_to_ascii,
        "domainToUnicode" => op_url_domain_to_unicode,
        "toASCII" => op_url_to_ascii,
    }
}

// The setter codes `js/internal/url.js` passes to `update`.
const K_PROTOCOL: i32 = 0;
const K_HOST: i32 = 1;
const K_HOSTNAME: i32 = 2;
const K_PORT: i32 = 3;
const K_USERNAME: i32 = 4;
const K_PASSWORD: i32 = 5;
const K_PATHNAME: i32 = 6;
const K_SEARCH: i32 = 7;
const K_HASH: i32 = 8;
const K_HREF: i32 = 9;

/// Parses `input` against an optional base, as `new URL(input, base)` does.
pub fn parse_with_base(input: &str, base: Option<&str>) -> Option<Url> {
    match base {
        Some(base) => Url::parse(base).ok()?.join(input).ok(),
        None => Url::parse(input).ok(),
    }
}

/// The WHATWG getters of a URL, in the order JavaScript reads them.
/// The URL's getters in the order `internal/url` indexes them. Borrowed: the
/// V8 strings are made straight from these slices, with no copies in between.
pub fn components<'u>(url: &'u Url, origin: &'u str) -> [&'u str; 11] {
    [
        quirks::href(url),
        origin,
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::host(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
    ]
}

/// The origin; a blob: URL has its inner URL's origin only for http(s), as
/// node (ada) and the current URL standard say.
pub fn origin(url: &Url) -> String {
    if url.scheme() == "blob" {
        return match Url::parse(url.path()) {
            Ok(inner) if matches!(inner.scheme(), "http" | "https") => quirks::origin(&inner),
            _ => "null".to_owned(),
        };
    }
    quirks::origin(url)
}

/// Applies one WHATWG setter. Returns false only when an href is invalid
/// (the other setters leave the URL unchanged on bad input, as the spec says).
pub fn apply_setter(url: &mut Url, action: i32, value: &str) -> bool {
    match action {
        K_PROTOCOL => {
            let _ = quirks::set_protocol(url, value);
        }
        K_HOST => {
            let _ = quirks::set_host(url, value);
        }
        K_HOSTNAME => {
            let _ = quirks::set_hostname(url, value);
        }
        K_PORT => {
            let _ = quirks::set_port(url, value);
        }
        K_USERNAME => {
            let _ = quirks::set_username(url, value);
        }
        K_PASSWORD => {
            let _ = quirks::set_password(url, value);
        }
        K_PATHNAME => quirks::set_pathname(url, value),
        K_SEARCH => quirks::set_search(url, value),
        K_HASH => quirks::set_hash(url, value),
        K_HREF => return quirks::set_href(url, value).is_ok(),
        _ => {}
    }
    true
}

/// `domainToASCII` as node (ada) does it: the hostname setter of a special
/// URL, so IPv4 addresses come back normalised and bad input gives ''.
pub fn domain_to_ascii(domain: &str) -> String {
    let Ok(mut url) = Url::parse("ws://x") else {
        return String::new();
    };
    if domain.is_empty() || quirks::set_hostname(&mut url, domain).is_err() {
        return String::new();
    }
    quirks::hostname(&url).to_owned()
}

pub fn domain_to_unicode(domain: &str) -> String {
    let ascii = domain_to_ascii(domain);
    if ascii.is_empty() {
        return ascii;
    }
    idna::domain_to_unicode(&ascii).0
}

/// The parts array for JavaScript. Serialized URLs are ASCII, so the strings
/// are made as one-byte strings (no UTF-8 decoding); anything else falls back.
fn url_parts<'s>(scope: &mut v8::PinScope<'s, '_>, url: &Url) -> v8::Local<'s, v8::Value> {
    let origin = origin(url);
    let values: Vec<v8::Local<v8::Value>> = components(url, &origin)
        .iter()
        .map(|part| {
            let ascii = part
                .is_ascii()
                .then(|| v8::String::new_from_one_byte(scope, part.as_bytes(), v8::NewStringType::Normal));
            ascii.flatten().unwrap_or_else(|| v8_str(scope, part)).into()
        })
        .collect();
    v8::Array::new_with_elements(scope, &values).into()
}

fn opt_string(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<String> {
    if value.is_undefined() {
        None
    } else {
        Some(value.to_rust_string_lossy(scope))
    }
}

/// parse(input, base?) -> parts | undefined
fn op_url_parse(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let input = args.get(0).to_rust_string_lossy(scope);
    let base = opt_string(scope, args.get(1));
    if let Some(url) = parse_with_base(&input, base.as_deref()) {
        rv.set(url_parts(scope, &url));
    }
}

/// canParse(input, base?) -> boolean
fn op_url_can_parse(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let input = args.get(0).to_rust_string_lossy(scope);
    let base = opt_string(scope, args.get(1));
    let ok = parse_with_base(&input, base.as_deref()).is_some();
    rv.set(v8::Boolean::new(scope, ok).into());
}

/// update(href, action, value) -> parts | undefined (invalid href)
fn op_url_update(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let href = args.get(0).to_rust_string_lossy(scope);
    let action = args.get(1).int32_value(scope).unwrap_or(-1);
    let value = args.get(2).to_rust_string_lossy(scope);
    let Ok(mut url) = Url::parse(&href) else {
        return;
    };
    if apply_setter(&mut url, action, &value) {
        rv.set(url_parts(scope, &url));
    }
}

/// The WHATWG serialisation with node's `url.format(URL, options)` knobs.
pub fn format_href(href: &str, fragment: bool, unicode: bool, search: bool, auth: bool) -> Option<String> {
    let mut url = Url::parse(href).ok()?;
    if !fragment {
        url.set_fragment(None);
    }
    if !search {
        url.set_query(None);
    }
    if !auth {
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    if unicode {
        if let Some(url::Host::Domain(domain)) = url.host() {
            let uni = idna::domain_to_unicode(domain).0;
            return Some(format!("{}{}{}", &url[..Position::BeforeHost], uni, &url[Position::AfterHost..]));
        }
    }
    Some(url.into())
}

/// format(href, fragment, unicode, search, auth) -> string
fn op_url_format(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let href = args.get(0).to_rust_string_lossy(scope);
    let flags: Vec<bool> = (1..5).map(|i| args.get(i).boolean_value(scope)).collect();
    let out = format_href(&href, flags[0], flags[1], flags[2], flags[3]).unwrap_or(href);
    rv.set(v8_str(scope, &out).into());
}

fn op_url_domain_to_ascii(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let domain = args.get(0).to_rust_string_lossy(scope);
    let out = domain_to_ascii(&domain);
    rv.set(v8_str(scope, &out).into());
}

fn op_url_domain_to_unicode(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let domain = args.get(0).to_rust_string_lossy(scope);
    let out = domain_to_unicode(&domain);
    rv.set(v8_str(scope, &out).into());
}

/// toASCII(hostname) -> punycoded hostname, '' when IDNA rejects it (the
/// legacy `url.parse` then throws ERR_INVALID_URL).
fn op_url_to_ascii(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
    let domain = args.get(0).to_rust_string_lossy(scope);
    let out = if domain.is_ascii() && !domain.contains("xn--") {
        domain.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(&domain).unwrap_or_default()
    };
    rv.set(v8_str(scope, &out).into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_resolves() {
        let url = parse_with_base("../c?x#y", Some("http://a.com/b/d/e")).expect("valid");
        let origin = origin(&url);
        let parts = components(&url, &origin);
        assert_eq!(parts[0], "http://a.com/b/c?x#y");
        assert_eq!(parts[8], "/b/c");
        assert!(parse_with_base("nope", None).is_none());
        assert!(parse_with_base("x", Some("also nope")).is_none());
    }

    #[test]
    fn setters() {
        let mut url = Url::parse("https://example.com:8080/p").expect("valid");
        assert!(apply_setter(&mut url, K_PORT, "443"));
        assert_eq!(url.as_str(), "https://example.com/p");
        assert!(!apply_setter(&mut url, K_HREF, "::"));
        assert!(apply_setter(&mut url, K_HASH, "frag"));
        assert_eq!(url.as_str(), "https://example.com/p#frag");
    }

    #[test]
    fn domains() {
        assert_eq!(domain_to_ascii("español.com"), "xn--espaol-zwa.com");
        assert_eq!(domain_to_unicode("xn--espaol-zwa.com"), "español.com");
        assert_eq!(domain_to_ascii("xn--iñvalid.com"), "");
    }

    #[test]
    fn format_options() {
        let out = format_href("http://user:pw@xn--espaol-zwa.com/a?b#c", false, true, false, false);
        assert_eq!(out.as_deref(), Some("http://español.com/a"));
    }
}

//! package.json `exports` and `imports`: node's `packageExportsResolve`,
//! `packageImportsResolve` and `resolvePackageTarget`, shared by both resolvers.
//! They work on URLs, as node's do; the callers turn them into paths.

use std::cmp::Ordering;

use serde_json::{Map, Value};
use url::Url;

use super::errors::{self, ResolveError};
use super::package_json::PackageJson;
use super::paths::{self, Segments};
use super::{Fs, Resolver};

/// What a target resolved to: nothing matched (`undefined` in node), an
/// explicit `null`, or a URL.
#[derive(Debug)]
pub(crate) enum Target {
    Undefined,
    Null,
    Url(Url),
}

/// The fixed inputs of one `exports`/`imports` resolution.
struct Ctx<'a> {
    pkg: &'a PackageJson,
    base: Option<&'a Url>,
    conditions: &'a [String],
    /// `imports` (true) or `exports` (false).
    internal: bool,
}

impl Ctx<'_> {
    fn base_display(&self) -> Option<String> {
        self.base.map(paths::url_display)
    }

    fn invalid_target(&self, key: &str, target: &str) -> ResolveError {
        let pkg_dir = self.pkg.dir_display();
        errors::invalid_package_target(&pkg_dir, key, target, self.internal, self.base_display().as_deref())
    }

    /// `ERR_INVALID_PACKAGE_CONFIG`, whose "while importing" shows the base URL's href.
    fn invalid_config(&self, detail: &str) -> ResolveError {
        errors::invalid_package_config(&self.pkg.path, self.base.map(Url::as_str), detail)
    }

    fn field(&self) -> &'static str {
        if self.internal {
            "imports"
        } else {
            "exports"
        }
    }
}

/// One candidate of a subpath: the key it matched and the `*` part (patterns only).
struct Match<'a> {
    key: &'a str,
    star: Option<&'a str>,
}

impl<F: Fs> Resolver<F> {
    /// node's `packageExportsResolve`: `subpath` is `.` or `./x`.
    pub(crate) fn package_exports_resolve(
        &self,
        pkg: &PackageJson,
        subpath: &str,
        base: Option<&Url>,
        conditions: &[String],
    ) -> Result<Url, ResolveError> {
        let ctx = Ctx { pkg, base, conditions, internal: false };
        let exports = pkg.exports.as_ref().unwrap_or(&Value::Null);
        let sugar = is_conditional_sugar(exports, &ctx)?;
        let lookup = |key: &str| -> Option<&Value> {
            match sugar {
                true => (key == ".").then_some(exports),
                false => exports.as_object().and_then(|m| m.get(key)),
            }
        };
        let not_exported =
            || errors::package_path_not_exported(&pkg.dir_display(), subpath, ctx.base_display().as_deref());
        if !subpath.contains('*') && !subpath.ends_with('/') {
            if let Some(target) = lookup(subpath) {
                return match self.resolve_target(&ctx, target, "", subpath, false, false)? {
                    Target::Url(url) => Ok(url),
                    _ => Err(not_exported()),
                };
            }
        }
        let keys: Vec<&str> = match sugar {
            true => vec!["."],
            false => exports.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default(),
        };
        let Some(found) = self.best_pattern(&keys, subpath, &ctx) else {
            return Err(not_exported());
        };
        let target = lookup(found.key).unwrap_or(&Value::Null);
        let is_path_map = subpath.ends_with('/');
        match self.resolve_target(&ctx, target, found.star.unwrap_or(""), found.key, true, is_path_map)? {
            Target::Url(url) => Ok(url),
            _ => Err(not_exported()),
        }
    }

    /// node's `packageImportsResolve` for a `#name` specifier.
    pub(crate) fn package_imports_resolve(
        &self,
        name: &str,
        base: &Url,
        conditions: &[String],
    ) -> Result<Url, ResolveError> {
        let base_display = paths::url_display(base);
        if name == "#" || name.starts_with("#/") || name.ends_with('/') {
            let reason = "is not a valid internal imports specifier name";
            return Err(errors::invalid_module_specifier(name, reason, Some(&base_display)));
        }
        let pkg = self.scope_of_url(base)?;
        if let Some(pkg) = &pkg {
            if let Some(url) = self.resolve_imports_in(pkg, name, base, conditions)? {
                return Ok(url);
            }
        }
        let pkg_dir = pkg.as_ref().map(|p| p.dir_display());
        Err(errors::package_import_not_defined(name, pkg_dir.as_deref(), &base_display))
    }

    fn resolve_imports_in(
        &self,
        pkg: &PackageJson,
        name: &str,
        base: &Url,
        conditions: &[String],
    ) -> Result<Option<Url>, ResolveError> {
        let Some(imports) = pkg.imports.as_ref().filter(|v| truthy(v)) else {
            return Ok(None);
        };
        let ctx = Ctx { pkg, base: Some(base), conditions, internal: true };
        let map = imports.as_object();
        let exact = map.and_then(|m| m.get(name)).filter(|_| !name.contains('*'));
        let resolved = match exact {
            Some(target) => self.resolve_target(&ctx, target, "", name, false, false)?,
            None => {
                let keys: Vec<&str> = map.map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
                match self.best_pattern(&keys, name, &ctx) {
                    Some(found) => {
                        let target = map.and_then(|m| m.get(found.key)).unwrap_or(&Value::Null);
                        self.resolve_target(&ctx, target, found.star.unwrap_or(""), found.key, true, false)?
                    }
                    None => Target::Undefined,
                }
            }
        };
        Ok(match resolved {
            Target::Url(url) => Some(url),
            _ => None,
        })
    }

    /// The pattern key (`./x/*.js`) that matches `subpath` best: node's
    /// longest-prefix rule (`patternKeyCompare`).
    fn best_pattern<'k>(&self, keys: &[&'k str], subpath: &'k str, ctx: &Ctx) -> Option<Match<'k>> {
        let mut best: Option<Match<'k>> = None;
        for &key in keys {
            let Some(star) = key.find('*') else { continue };
            if !subpath.starts_with(&key[..star]) {
                continue;
            }
            if !ctx.internal && subpath.ends_with('/') {
                self.warn_trailing_slash_pattern(subpath, ctx);
            }
            let trailer = &key[star + 1..];
            let better = pattern_key_compare(best.as_ref().map_or("", |b| b.key), key) == Ordering::Greater;
            if subpath.len() >= key.len() && subpath.ends_with(trailer) && better && key.rfind('*') == Some(star) {
                best = Some(Match { key, star: Some(&subpath[star..subpath.len() - trailer.len()]) });
            }
        }
        best
    }

    /// node's `resolvePackageTarget`. `key` is the matched exports/imports key.
    fn resolve_target(
        &self,
        ctx: &Ctx,
        target: &Value,
        subpath: &str,
        key: &str,
        pattern: bool,
        is_path_map: bool,
    ) -> Result<Target, ResolveError> {
        match target {
            Value::String(s) => self.resolve_target_string(ctx, s, subpath, key, pattern, is_path_map).map(Target::Url),
            Value::Array(items) => self.resolve_target_array(ctx, items, subpath, key, pattern, is_path_map),
            Value::Object(map) => self.resolve_target_conditions(ctx, map, subpath, key, pattern, is_path_map),
            Value::Null => Ok(Target::Null),
            other => Err(ctx.invalid_target(key, &js_string(other))),
        }
    }

    /// Arrays: the first item that resolves; invalid targets are skipped, and
    /// the last one is thrown when nothing resolves.
    fn resolve_target_array(
        &self,
        ctx: &Ctx,
        items: &[Value],
        subpath: &str,
        key: &str,
        pattern: bool,
        is_path_map: bool,
    ) -> Result<Target, ResolveError> {
        if items.is_empty() {
            return Ok(Target::Null);
        }
        // None: node's `undefined`; Some(None): `null`; Some(Some(e)): an exception.
        let mut last: Option<Option<ResolveError>> = None;
        for item in items {
            match self.resolve_target(ctx, item, subpath, key, pattern, is_path_map) {
                Ok(Target::Url(url)) => return Ok(Target::Url(url)),
                Ok(Target::Undefined) => {}
                Ok(Target::Null) => last = Some(None),
                Err(e) if e.has_code("ERR_INVALID_PACKAGE_TARGET") => last = Some(Some(e)),
                Err(e) => return Err(e),
            }
        }
        match last {
            None => Ok(Target::Undefined),
            Some(None) => Ok(Target::Null),
            Some(Some(e)) => Err(e),
        }
    }

    /// Condition objects: the first key (in file order) that is `default` or
    /// an active condition and resolves to something.
    fn resolve_target_conditions(
        &self,
        ctx: &Ctx,
        map: &Map<String, Value>,
        subpath: &str,
        key: &str,
        pattern: bool,
        is_path_map: bool,
    ) -> Result<Target, ResolveError> {
        if map.keys().any(|k| is_array_index(k)) {
            return Err(ctx.invalid_config("\"exports\" cannot contain numeric property keys."));
        }
        for (cond, value) in map {
            if cond != "default" && !ctx.conditions.iter().any(|c| c == cond) {
                continue;
            }
            match self.resolve_target(ctx, value, subpath, key, pattern, is_path_map)? {
                Target::Undefined => continue,
                found => return Ok(found),
            }
        }
        Ok(Target::Undefined)
    }

    /// node's `resolvePackageTargetString`.
    fn resolve_target_string(
        &self,
        ctx: &Ctx,
        target: &str,
        subpath: &str,
        key: &str,
        pattern: bool,
        is_path_map: bool,
    ) -> Result<Url, ResolveError> {
        if !subpath.is_empty() && !pattern && !target.ends_with('/') {
            return Err(ctx.invalid_target(key, target));
        }
        let Some(rest) = target.strip_prefix("./") else {
            return self.resolve_bare_target(ctx, target, subpath, key, pattern);
        };
        let request = if pattern { key.replacen('*', subpath, 1) } else { format!("{key}{subpath}") };
        match paths::check_segments(rest) {
            Segments::Invalid => return Err(ctx.invalid_target(key, target)),
            Segments::Deprecated if !is_path_map => {
                let resolved_target = if pattern { target.replace('*', subpath) } else { target.to_string() };
                self.warn_invalid_segment(ctx, &resolved_target, &request, key, true);
            }
            _ => {}
        }
        let pkg_url = ctx.pkg.url();
        let resolved = pkg_url.join(target).map_err(|_| ctx.invalid_target(key, target))?;
        let pkg_path = pkg_url.join(".").map(|u| u.path().to_string()).unwrap_or_default();
        if !resolved.path().starts_with(&pkg_path) {
            return Err(ctx.invalid_target(key, target));
        }
        if subpath.is_empty() {
            return Ok(resolved);
        }
        match paths::check_segments(subpath) {
            Segments::Invalid => return Err(self.invalid_subpath(ctx, &request, key)),
            Segments::Deprecated if !is_path_map => {
                let resolved_target = if pattern { target.replace('*', subpath) } else { target.to_string() };
                self.warn_invalid_segment(ctx, &resolved_target, &request, key, false);
            }
            _ => {}
        }
        let url = match pattern {
            true => Url::parse(&resolved.as_str().replace('*', subpath)),
            false => resolved.join(subpath),
        };
        url.map_err(|_| ctx.invalid_target(key, target))
    }

    /// A target not starting with `./`: only `imports` may name another
    /// package (a bare specifier, resolved as ESM does); the rest are invalid.
    fn resolve_bare_target(
        &self,
        ctx: &Ctx,
        target: &str,
        subpath: &str,
        key: &str,
        pattern: bool,
    ) -> Result<Url, ResolveError> {
        let bare = !target.starts_with("../") && !target.starts_with('/') && Url::parse(target).is_err();
        if !ctx.internal || !bare {
            return Err(ctx.invalid_target(key, target));
        }
        let export_target = if pattern { target.replace('*', subpath) } else { format!("{target}{subpath}") };
        self.package_resolve(&export_target, &ctx.pkg.url(), ctx.conditions)
    }

    fn invalid_subpath(&self, ctx: &Ctx, request: &str, key: &str) -> ResolveError {
        let reason = format!(
            "request is not a valid match in pattern \"{key}\" for the \"{}\" resolution of {}",
            ctx.field(),
            errors::show(&ctx.pkg.path)
        );
        errors::invalid_module_specifier(request, &reason, ctx.base_display().as_deref())
    }

    /// DEP0166: empty segments in a target or in the matched subpath.
    fn warn_invalid_segment(&self, ctx: &Ctx, target: &str, request: &str, key: &str, is_target: bool) {
        let checked = if is_target { target } else { request };
        let kind = match checked.contains("//") || checked.contains("\\\\") {
            true => "double slash",
            false => "leading or trailing slash matching",
        };
        let matched = if request != key { format!("matched to \"{key}\" ") } else { String::new() };
        let from = ctx.base_display().map(|b| format!(" imported from {b}")).unwrap_or_default();
        let message = format!(
            "Use of deprecated {kind} resolving \"{target}\" for module request \"{request}\" {matched}in the \"{}\" field module resolution of the package at {}{from}.",
            ctx.field(),
            errors::show(&ctx.pkg.path)
        );
        self.warn("DEP0166", message);
    }

    /// DEP0155: a subpath ending in `/` met a pattern key.
    fn warn_trailing_slash_pattern(&self, subpath: &str, ctx: &Ctx) {
        let pjson = errors::show(&ctx.pkg.path);
        let from = ctx.base_display().map(|b| format!(" imported from {b}")).unwrap_or_default();
        let message = format!(
            "Use of deprecated trailing slash pattern mapping \"{subpath}\" in the \"exports\" field module resolution of the package at {pjson}{from}. Mapping specifiers ending in \"/\" is no longer supported."
        );
        self.warn_once(format!("{pjson}|{subpath}"), "DEP0155", message);
    }
}

/// node's `isConditionalExportsMainSugar`: a string, an array, or an object
/// whose keys are all conditions stands for `{ ".": exports }`.
fn is_conditional_sugar(exports: &Value, ctx: &Ctx) -> Result<bool, ResolveError> {
    let map = match exports {
        Value::String(_) | Value::Array(_) => return Ok(true),
        Value::Object(map) => map,
        _ => return Ok(false),
    };
    let mut keys = map.keys().map(|k| k.is_empty() || !k.starts_with('.'));
    let Some(first) = keys.next() else { return Ok(false) };
    if keys.any(|is_condition| is_condition != first) {
        return Err(ctx.invalid_config(
            "\"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.",
        ));
    }
    Ok(first)
}

/// node's `patternKeyCompare`: `Greater` when `b` is the better (longer) match.
fn pattern_key_compare(a: &str, b: &str) -> Ordering {
    let a_star = a.find('*');
    let b_star = b.find('*');
    let base_a = a_star.map_or(a.len(), |i| i + 1);
    let base_b = b_star.map_or(b.len(), |i| i + 1);
    match base_b.cmp(&base_a) {
        Ordering::Equal => {}
        other => return other,
    }
    if a_star.is_none() {
        return Ordering::Greater;
    }
    if b_star.is_none() {
        return Ordering::Less;
    }
    b.len().cmp(&a.len())
}

/// JavaScript's array-index test on a property key (`"0"`, not `"01"`).
fn is_array_index(key: &str) -> bool {
    key.parse::<u64>().is_ok_and(|n| n.to_string() == key && n < 0xFFFF_FFFF)
}

/// JavaScript truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// How node prints an invalid target: `${target}`, objects as compact JSON.
fn js_string(v: &Value) -> String {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Object(_) => serde_json::to_string(v).unwrap_or_default(),
        other => other.to_string(),
    }
}

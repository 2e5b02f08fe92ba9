//! End-to-end fixture runner.
//!
//! Walks `tests/fixtures/**/<name>.{js,mjs,cjs}`, runs each with the built
//! `rnode` (or `$RNODE_BIN` when set, e.g. `RNODE_BIN=/usr/bin/node` to check
//! the fixtures against node itself) and compares its output with the sidecar
//! files next to it:
//!
//! - `<name>.out`    expected stdout (required)
//! - `<name>.err`    expected stderr (optional; not compared when absent)
//! - `<name>.status` expected exit status (optional; default 0)
//! - `<name>.argv`   JSON array of arguments, `$FILE` = the fixture's path
//!   (optional; default `["$FILE"]`)
//! - `<name>.stdin`  bytes fed to stdin (optional; default: empty stdin)
//! - `<name>.env`    `KEY=VALUE` lines added to the environment (optional)
//!
//! Fixtures run with the fixture's directory as cwd. Files inside `_lib` or
//! `node_modules` directories, and files ending in `.lib.js`, are helpers,
//! not fixtures. `FIXTURE_FILTER=substring` runs only the fixtures whose
//! relative path contains the substring. `FIXTURE_THREADS=n` and
//! `FIXTURE_TIMEOUT=secs` tune parallelism and the per-fixture timeout.
//!
//! Both expected and actual output are normalised before comparison: see
//! [`normalise`]. Expected files are produced by `tests/update-expected.sh`.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const DEFAULT_TIMEOUT_SECS: u64 = 20;
const MAX_DIFF_LINES: usize = 40;

fn fixtures_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    fs::canonicalize(&dir).unwrap_or(dir)
}

fn rnode_bin() -> PathBuf {
    match std::env::var_os("RNODE_BIN") {
        // A relative path (`target/release/rnode`) must not be resolved against
        // the fixture's cwd; a bare name (`node`) is looked up in PATH.
        Some(p) if !p.is_empty() => {
            let p = PathBuf::from(p);
            if p.components().count() > 1 {
                fs::canonicalize(&p).unwrap_or(p)
            } else {
                p
            }
        }
        _ => PathBuf::from(env!("CARGO_BIN_EXE_rnode")),
    }
}

/// A fixture script: anything ending in .js/.mjs/.cjs that is not a helper.
fn is_fixture_file(path: &Path) -> bool {
    let name = match path.file_name().and_then(|n| n.to_str()) {
        Some(n) => n,
        None => return false,
    };
    let is_script = name.ends_with(".js") || name.ends_with(".mjs") || name.ends_with(".cjs");
    is_script && !name.ends_with(".lib.js")
}

fn is_helper_dir(path: &Path) -> bool {
    matches!(path.file_name().and_then(|n| n.to_str()), Some("_lib") | Some("node_modules"))
}

fn collect_fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return,
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if !is_helper_dir(&path) {
                collect_fixtures(&path, out);
            }
        } else if is_fixture_file(&path) {
            out.push(path);
        }
    }
}

/// `foo/bar.js` -> `foo/bar.<ext>`
fn sidecar(script: &Path, ext: &str) -> PathBuf {
    let stem = script.file_stem().unwrap().to_string_lossy();
    script.with_file_name(format!("{stem}.{ext}"))
}

/// Minimal JSON parser for an array of strings (the `.argv` sidecar).
fn parse_json_string_array(text: &str) -> Result<Vec<String>, String> {
    let mut chars = text.trim().chars().peekable();
    let mut out = Vec::new();
    let skip_ws = |c: &mut std::iter::Peekable<std::str::Chars>| {
        while matches!(c.peek(), Some(ch) if ch.is_whitespace()) {
            c.next();
        }
    };
    if chars.next() != Some('[') {
        return Err("expected '['".into());
    }
    skip_ws(&mut chars);
    if chars.peek() == Some(&']') {
        chars.next();
        return Ok(out);
    }
    loop {
        skip_ws(&mut chars);
        if chars.next() != Some('"') {
            return Err("expected string".into());
        }
        let mut s = String::new();
        loop {
            match chars.next() {
                None => return Err("unterminated string".into()),
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some('"') => s.push('"'),
                    Some('\\') => s.push('\\'),
                    Some('/') => s.push('/'),
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('b') => s.push('\u{8}'),
                    Some('f') => s.push('\u{c}'),
                    Some('u') => {
                        let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                        s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => return Err(format!("bad escape {other:?}")),
                },
                Some(c) => s.push(c),
            }
        }
        out.push(s);
        skip_ws(&mut chars);
        match chars.next() {
            Some(',') => continue,
            Some(']') => break,
            other => return Err(format!("expected ',' or ']', got {other:?}")),
        }
    }
    skip_ws(&mut chars);
    if chars.next().is_some() {
        return Err("trailing characters".into());
    }
    Ok(out)
}

/// Normalise output so that rnode's and node's runs compare equal where they
/// legitimately differ:
///
/// - the absolute fixtures path (and so `file://` URLs) becomes `$FIXTURES`;
/// - `\r\n` becomes `\n`;
/// - stack-frame lines pointing into the runtime's own code are dropped:
///   `    at ... (node:internal/...)`, `    at node:internal/...`, and the
///   same for any other `node:` built-in location (e.g. `node:events:517:28`).
///   A trailing ` {` (start of an error's extra properties) or `,` (error
///   inside an array) on a dropped frame moves to the previous line;
/// - `... N lines matching cause stack trace ...` lines are dropped (the
///   count depends on how many internal frames error and cause share);
/// - an error arrow into built-in code (`node:internal/x:12`, its source line
///   and caret) is dropped, as its internal frames are;
/// - `(node:12345)` / `(rnode:12345)` warning prefixes become `(node:PID)`;
/// - a `Node.js v20.x.y` trailer line becomes `Node.js vX`.
fn normalise(text: &str, roots: &[String]) -> String {
    let mut s = text.replace("\r\n", "\n");
    for root in roots {
        if !root.is_empty() {
            s = s.replace(root.as_str(), "$FIXTURES");
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut skip = 0;
    for line in s.split('\n') {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if is_builtin_arrow_header(line) {
            // The arrow of an error thrown inside the runtime's own code shows that
            // code's source line, an implementation detail like internal frames.
            skip = 2;
            continue;
        }
        if is_builtin_frame(line) {
            // `at node:internal/... {` opens the error's extra properties and
            // `at node:internal/...,` ends an error inside an array: keep the
            // ` {` / `,` on the last line we do keep.
            let (_, suffix) = split_frame_suffix(line);
            if let Some(prev) = lines.last_mut() {
                prev.push_str(suffix);
            }
            continue;
        }
        if is_cause_summary(line) {
            continue;
        }
        if line.starts_with("Node.js v") {
            lines.push("Node.js vX".to_string());
            continue;
        }
        lines.push(normalise_pids(line));
    }
    lines.join("\n")
}

/// `node:internal/modules/esm/resolve:283` or `node:events:497`: the first line of
/// an error arrow pointing into the runtime's built-in code.
fn is_builtin_arrow_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("node:") else { return false };
    let Some((module, number)) = rest.rsplit_once(':') else { return false };
    !module.is_empty()
        && module.chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '_')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// `    at fn (node:internal/...)`, `    at node:internal/...`, `    at x (node:fs:1:2) {`
fn is_builtin_frame(line: &str) -> bool {
    let t = line.trim_start();
    if !t.starts_with("at ") || t.len() == line.len() {
        return false;
    }
    let (rest, _) = split_frame_suffix(&t[3..]);
    if rest.starts_with("node:") {
        return true;
    }
    rest.ends_with(')') && rest.contains("(node:")
}

/// Splits the ` {` or `,` that util.inspect appends to an error's last frame.
fn split_frame_suffix(line: &str) -> (&str, &str) {
    for suffix in [" {", ","] {
        if let Some(rest) = line.strip_suffix(suffix) {
            return (rest, suffix);
        }
    }
    (line, "")
}

/// `    ... 4 lines matching cause stack trace ...`: the count depends on how
/// many runtime-internal frames the error and its cause share.
fn is_cause_summary(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("... ") && t.ends_with(" lines matching cause stack trace ...")
}

fn normalise_pids(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let found = ["(node:", "(rnode:"].iter().filter_map(|p| rest.find(p).map(|i| (i, *p))).min_by_key(|(i, _)| *i);
        let Some((i, prefix)) = found else {
            out.push_str(rest);
            return out;
        };
        let after = &rest[i + prefix.len()..];
        let digits = after.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && after[digits..].starts_with(')') {
            out.push_str(&rest[..i]);
            out.push_str("(node:PID)");
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..i + prefix.len()]);
            rest = after;
        }
    }
}

struct RunResult {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<ExitStatus>,
    timed_out: bool,
}

fn run_fixture_process(bin: &Path, script: &Path, root: &Path, timeout: Duration) -> Result<RunResult, String> {
    let file = script.to_string_lossy().into_owned();
    let args: Vec<String> = match fs::read_to_string(sidecar(script, "argv")) {
        Ok(text) => parse_json_string_array(&text)
            .map_err(|e| format!("bad .argv: {e}"))?
            .into_iter()
            .map(|a| a.replace("$FILE", &file))
            .collect(),
        Err(_) => vec![file.clone()],
    };
    let mut env: HashMap<String, String> = HashMap::new();
    if let Ok(text) = fs::read_to_string(sidecar(script, "env")) {
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (k, v) = line.split_once('=').ok_or_else(|| format!("bad .env line: {line}"))?;
            env.insert(k.to_string(), v.replace("$FIXTURES", &root.to_string_lossy()));
        }
    }
    let stdin_bytes = fs::read(sidecar(script, "stdin")).ok();

    let mut cmd = Command::new(bin);
    // The harness's own settings must not leak into the fixtures.
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("FIXTURE_") || key == "RNODE_BIN" {
            cmd.env_remove(key);
        }
    }
    cmd.args(&args)
        .current_dir(script.parent().unwrap())
        .env_remove("NODE_OPTIONS")
        .env_remove("FORCE_COLOR")
        .env_remove("NODE_DISABLE_COLORS")
        .env_remove("NO_COLOR")
        .env_remove("UV_THREADPOOL_SIZE")
        .env("TZ", "UTC")
        .envs(&env)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin_bytes.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().map_err(|e| format!("cannot spawn {}: {e}", bin.display()))?;

    let stdin_thread = match (stdin_bytes, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => Some(thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })),
        _ => None,
    };
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_thread = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_thread = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });

    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) => {}
            Err(e) => return Err(format!("wait failed: {e}")),
        }
        if start.elapsed() > timeout {
            timed_out = true;
            let _ = child.kill();
            break child.wait().ok();
        }
        thread::sleep(Duration::from_millis(5));
    };
    if let Some(t) = stdin_thread {
        let _ = t.join();
    }
    let stdout = out_thread.join().unwrap_or_default();
    let stderr = err_thread.join().unwrap_or_default();
    Ok(RunResult { stdout, stderr, status, timed_out })
}

/// A compact line diff (LCS based; falls back to the first mismatch for very
/// large outputs). `-` lines are expected, `+` lines are actual.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split('\n').collect();
    let b: Vec<&str> = actual.split('\n').collect();
    let mut out = Vec::new();
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        out.push(format!("first difference at line {}:", i + 1));
        out.push(format!("-{}", a.get(i).unwrap_or(&"<eof>")));
        out.push(format!("+{}", b.get(i).unwrap_or(&"<eof>")));
        return out.join("\n");
    }
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut last_printed: Option<usize> = None;
    let mut emitted = 0usize;
    let mut push = |out: &mut Vec<String>, line: String, at: usize| {
        if emitted < MAX_DIFF_LINES {
            if last_printed.is_none_or(|l| l + 1 < at) {
                out.push(format!("@@ line {} @@", at + 1));
            }
            out.push(line);
        }
        last_printed = Some(at);
        emitted += 1;
    };
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            push(&mut out, format!("+{}", b[j]), i);
            j += 1;
        } else {
            push(&mut out, format!("-{}", a[i]), i);
            i += 1;
        }
    }
    if emitted > MAX_DIFF_LINES {
        out.push(format!("... {} more diff lines", emitted - MAX_DIFF_LINES));
    }
    out.join("\n")
}

fn check_fixture(bin: &Path, script: &Path, root: &Path, roots: &[String]) -> Result<(), String> {
    let expected_out = fs::read_to_string(sidecar(script, "out"))
        .map_err(|_| "missing .out file (run tests/update-expected.sh)".to_string())?;
    let expected_err = fs::read_to_string(sidecar(script, "err")).ok();
    let expected_status: i32 = match fs::read_to_string(sidecar(script, "status")) {
        Ok(s) => s.trim().parse().map_err(|_| format!("bad .status: {s:?}"))?,
        Err(_) => 0,
    };
    let timeout = Duration::from_secs(
        std::env::var("FIXTURE_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_TIMEOUT_SECS),
    );

    let run = run_fixture_process(bin, script, root, timeout)?;
    let mut problems = Vec::new();
    if run.timed_out {
        problems.push(format!("timed out after {}s (killed)", timeout.as_secs()));
    }
    let status = run.status.and_then(|s| {
        s.code().or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            s.signal().map(|sig| 128 + sig)
        })
    });
    if !run.timed_out && status != Some(expected_status) {
        problems.push(format!(
            "exit status: expected {expected_status}, got {}",
            status.map_or("none".to_string(), |s| s.to_string())
        ));
    }
    let actual_out = normalise(&String::from_utf8_lossy(&run.stdout), roots);
    let expected_out = normalise(&expected_out, roots);
    if actual_out != expected_out {
        problems.push(format!("stdout differs (-expected +actual):\n{}", diff(&expected_out, &actual_out)));
    }
    let actual_err = normalise(&String::from_utf8_lossy(&run.stderr), roots);
    match expected_err {
        Some(expected_err) => {
            let expected_err = normalise(&expected_err, roots);
            if actual_err != expected_err {
                problems.push(format!("stderr differs (-expected +actual):\n{}", diff(&expected_err, &actual_err)));
            }
        }
        None if !problems.is_empty() && !actual_err.is_empty() => {
            // Not compared, but show it: it usually explains the failure.
            let mut shown: Vec<&str> = actual_err.lines().take(15).collect();
            if actual_err.lines().count() > 15 {
                shown.push("...");
            }
            problems.push(format!("stderr (not compared):\n{}", shown.join("\n")));
        }
        None => {}
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn fixtures() {
    let root = fixtures_root();
    let bin = rnode_bin();
    let mut roots = vec![root.to_string_lossy().into_owned()];
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").to_string_lossy().into_owned();
    if !roots.contains(&raw) {
        roots.push(raw);
    }

    let mut all = Vec::new();
    collect_fixtures(&root, &mut all);
    let filter = std::env::var("FIXTURE_FILTER").unwrap_or_default();
    let fixtures: Vec<PathBuf> = all
        .into_iter()
        .filter(|p| {
            let rel = p.strip_prefix(&root).unwrap_or(p).to_string_lossy();
            filter.is_empty() || rel.contains(filter.as_str())
        })
        .collect();
    assert!(!fixtures.is_empty() || !filter.is_empty(), "no fixtures found under {}", root.display());

    let base = root.clone();
    run_suite("fixtures", fixtures, &bin, &root, &roots, move |p| {
        p.strip_prefix(&base).unwrap_or(p).to_string_lossy().into_owned()
    });
}

/// Runs every script through `check_fixture` on FIXTURE_THREADS workers (2-4 by
/// default), prints a summary line, and fails with one report naming every
/// failure, each under the name `display` gives it. `root` is what `$FIXTURES`
/// stands for in `.env` files.
fn run_suite(
    label: &str,
    scripts: Vec<PathBuf>,
    bin: &Path,
    root: &Path,
    roots: &[String],
    display: impl Fn(&Path) -> String + Send + Sync + 'static,
) {
    let threads = std::env::var("FIXTURE_THREADS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(2, 4))
        .max(1);
    let scripts = Arc::new(scripts);
    let display = Arc::new(display);
    let next = Arc::new(AtomicUsize::new(0));
    let failures: Arc<Mutex<Vec<(String, String)>>> = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (scripts, next, failures, display) = (scripts.clone(), next.clone(), failures.clone(), display.clone());
            let (bin, root, roots) = (bin.to_path_buf(), root.to_path_buf(), roots.to_vec());
            thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(script) = scripts.get(i) else { break };
                if let Err(msg) = check_fixture(&bin, script, &root, &roots) {
                    failures.lock().unwrap().push((display(script), msg));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("test worker panicked");
    }

    let mut failures = failures.lock().unwrap().clone();
    failures.sort();
    let total = scripts.len();
    eprintln!(
        "{label}: {} passed, {} failed, {total} total (binary: {})",
        total - failures.len(),
        failures.len(),
        bin.display()
    );
    if !failures.is_empty() {
        let mut report = String::new();
        for (name, msg) in &failures {
            report.push_str(&format!("\n=== FAIL {name}\n{msg}\n"));
        }
        let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
        panic!("{report}\n{} of {total} {label} failed:\n  {}\n", failures.len(), names.join("\n  "));
    }
}

/// `tests/compat`: real npm packages (package.json + package-lock.json),
/// installed with `npm ci` and exercised by one script per package and module
/// kind (`<name>.js` CommonJS, `<name>.mjs` ESM), each compared with the
/// `<name>.out` that node printed (`tests/compat/update-expected.sh`).
fn compat_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/compat");
    fs::canonicalize(&dir).unwrap_or(dir)
}

/// `npm` found in PATH (an executable file named `npm`).
fn find_in_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| fs::metadata(p).map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false))
}

/// Runs `npm ci` in `dir` unless `node_modules` is at least as new as
/// package-lock.json (npm writes `node_modules/.package-lock.json` on every
/// install). A file lock serialises concurrent test runs sharing the tree.
fn compat_install(npm: &Path, dir: &Path) -> Result<(), String> {
    let lock_path = std::env::temp_dir().join("rnode-compat-npm-ci.lock");
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("cannot open {}: {e}", lock_path.display()))?;
    lock.lock().map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;

    let mtime = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let lockfile = mtime(&dir.join("package-lock.json")).ok_or("tests/compat/package-lock.json is missing")?;
    let installed = mtime(&dir.join("node_modules/.package-lock.json"));
    if installed.is_some_and(|t| t >= lockfile) {
        return Ok(());
    }
    eprintln!("compat: npm ci in {}", dir.display());
    let out = Command::new(npm)
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
        .current_dir(dir)
        .env("npm_config_update_notifier", "false")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", npm.display()))?;
    if !out.status.success() {
        return Err(format!(
            "`npm ci --no-audit --no-fund --ignore-scripts` failed in {} ({}):\n{}{}",
            dir.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

#[test]
fn compat_packages() {
    let dir = compat_root();
    let filter = std::env::var("FIXTURE_FILTER").unwrap_or_default();
    let mut scripts: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("js") | Some("mjs")))
        .collect();
    scripts.sort();
    // Two scripts sharing a stem would share one .out file.
    let mut stems: Vec<String> =
        scripts.iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    stems.sort();
    stems.dedup();
    assert_eq!(stems.len(), scripts.len(), "two tests/compat scripts share a name (x.js and x.mjs): rename one");
    let name = |p: &Path| format!("compat/{}", p.file_name().unwrap().to_string_lossy());
    scripts.retain(|p| filter.is_empty() || name(p).contains(filter.as_str()));
    if scripts.is_empty() {
        assert!(!filter.is_empty(), "no scripts found in {}", dir.display());
        return;
    }

    let Some(npm) = find_in_path("npm") else {
        eprintln!("skipping compat tests: npm not found (install node and npm to run tests/compat)");
        return;
    };
    if let Err(msg) = compat_install(&npm, &dir) {
        panic!("{msg}");
    }

    let bin = rnode_bin();
    let roots = vec![dir.to_string_lossy().into_owned()];
    run_suite("compat", scripts, &bin, &dir, &roots, name);
}

//! Drives `rnode`'s REPL through a real pseudo-terminal: what a person types
//! (Enter, Tab, Ctrl+C, Ctrl+D, arrow keys) goes in as bytes, and the screen
//! output, with escape sequences removed, is matched step by step.
//!
//! Uses the built `rnode` (or `$RNODE_BIN`). Each test has its own history
//! file in a temporary directory, so `~/.rnode_repl_history` is never touched.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, PtySize};

const TIMEOUT: Duration = Duration::from_secs(20);
const ENTER: &str = "\r";
const TAB: &str = "\t";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const UP: &str = "\x1b[A";

fn rnode_bin() -> PathBuf {
    match std::env::var_os("RNODE_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_rnode")),
    }
}

/// A fresh directory for one test's files.
fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("rnode-repl-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}

/// Terminal output as plain text: no escape sequences, no carriage returns.
fn plain_text(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => skip_escape(&mut chars),
            '\r' | '\x07' => {}
            _ => out.push(c),
        }
    }
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>) {
    match chars.next() {
        // CSI: parameters, then one final byte in @..~
        Some('[') => {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        // OSC: up to BEL or ST
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\x07' || (c == '\x1b' && chars.peek() == Some(&'\\')) {
                    chars.next();
                    break;
                }
            }
        }
        _ => {}
    }
}

/// One REPL process on a pseudo-terminal.
struct Repl {
    child: Box<dyn Child + Send + Sync>,
    input: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    /// How much of the plain text earlier expectations consumed.
    seen: usize,
}

impl Repl {
    fn start(history: &Path, cwd: &Path) -> Repl {
        let pty = native_pty_system()
            .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(rnode_bin());
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("RNODE_REPL_HISTORY", history);
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("start rnode on the pseudo-terminal");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("read the pseudo-terminal");
        let input = pty.master.take_writer().expect("write the pseudo-terminal");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("output lock").extend_from_slice(&buf[..n]);
            }
        });
        let mut repl = Repl { child, input, output, seen: 0 };
        repl.expect("Type \".help\" for more information.");
        repl.expect_prompt();
        repl
    }

    fn screen(&self) -> String {
        plain_text(&self.output.lock().expect("output lock"))
    }

    fn send(&mut self, keys: &str) {
        self.input.write_all(keys.as_bytes()).expect("type into the REPL");
        self.input.flush().expect("flush the REPL's input");
    }

    /// Types a line and presses Enter.
    fn line(&mut self, text: &str) {
        self.send(&format!("{text}{ENTER}"));
    }

    /// Types a line where no prompt follows (editor mode) and gives the reader
    /// time to start reading the next one: between lines the terminal is in
    /// cooked mode, where a typed-ahead Ctrl+D would be taken by the terminal.
    fn line_then_settle(&mut self, text: &str) {
        self.line(text);
        self.expect(text);
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Waits until `needle` appears after what earlier expectations matched.
    fn expect(&mut self, needle: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if let Some(at) = screen.get(self.seen..).and_then(|rest| rest.find(needle)) {
                self.seen += at + needle.len();
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {needle:?}; the terminal shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn expect_prompt(&mut self) {
        self.expect("> ");
    }

    /// Types `code`, expects `result` on a line of its own, then a prompt.
    fn eval(&mut self, code: &str, result: &str) {
        self.line(code);
        self.expect(&format!("\n{result}\n"));
        self.expect_prompt();
    }

    /// Waits for the process to end and returns its exit code.
    fn wait(mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the REPL did not exit; the terminal shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Repl {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn session(name: &str) -> (Repl, PathBuf) {
    let dir = temp_dir(name);
    let repl = Repl::start(&dir.join("history"), &dir);
    (repl, dir)
}

#[test]
fn multi_line_function_definition() {
    let (mut repl, _dir) = session("multiline");
    repl.line("function add(a, b) {");
    repl.expect("... ");
    repl.line("  return a + b");
    repl.expect("... ");
    repl.eval("}", "undefined");
    repl.eval("add(40, 2)", "42");
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
}

#[test]
fn underscore_holds_the_last_result() {
    let (mut repl, _dir) = session("underscore");
    repl.eval("6 * 7", "42");
    repl.eval("_ + 1", "43");
    repl.line("_ = 10");
    repl.expect("Expression assignment to _ now disabled.\n10\n");
    repl.expect_prompt();
    repl.eval("1 + 1", "2");
    repl.eval("_", "10");
    repl.send(CTRL_D);
    assert_eq!(repl.wait(), 0);
}

#[test]
fn help_lists_the_commands() {
    let (mut repl, _dir) = session("help");
    repl.line(".help");
    repl.expect(".break    Sometimes you get stuck, this gets you out\n");
    repl.expect(".editor   Enter editor mode\n");
    repl.expect(".exit     Exit the REPL\n");
    repl.expect(".save     Save all evaluated commands in this REPL session to a file\n");
    repl.expect("\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n");
    repl.expect_prompt();
    repl.line(".nope");
    repl.expect("Invalid REPL keyword\n");
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
}

#[test]
fn editor_mode_runs_the_whole_buffer_on_ctrl_d() {
    let (mut repl, _dir) = session("editor");
    repl.line(".editor");
    repl.expect("// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n");
    repl.line_then_settle("function twice(n) {");
    repl.line_then_settle("  return n * 2");
    repl.line_then_settle("}");
    repl.send("twice(21)");
    repl.expect("twice(21)");
    std::thread::sleep(Duration::from_millis(200));
    repl.send(CTRL_D);
    repl.expect("\n42\n");
    repl.expect_prompt();
    repl.eval("twice(5)", "10");
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
}

#[test]
fn tab_completes_properties() {
    let (mut repl, _dir) = session("complete");
    repl.send(&format!("process.ver{TAB}"));
    repl.expect("process.version");
    // A second Tab lists both candidates.
    repl.send(TAB);
    repl.expect("process.versions");
    repl.send(ENTER);
    repl.expect("\n'v");
    repl.expect_prompt();
    repl.send(&format!(".he{TAB}"));
    repl.expect("help");
    repl.send(ENTER);
    repl.expect("Print this help message");
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
}

#[test]
fn errors_do_not_end_the_session() {
    let (mut repl, _dir) = session("errors");
    repl.line("null.x");
    repl.expect("Uncaught TypeError: Cannot read properties of null (reading 'x')\n");
    repl.expect_prompt();
    repl.line("foo bar");
    repl.expect("Uncaught SyntaxError: Unexpected identifier 'bar'\n");
    repl.expect_prompt();
    repl.line("setTimeout(() => { throw new Error('from a timer') }, 10); 'set'");
    repl.expect("Uncaught Error: from a timer\n");
    repl.eval("_error.message", "'from a timer'");
    repl.eval("1 + 1", "2");
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
}

#[test]
fn top_level_await_and_persistent_declarations() {
    let (mut repl, _dir) = session("await");
    repl.eval("await new Promise((resolve) => setTimeout(() => resolve(6 * 7), 20))", "42");
    repl.eval("const later = await Promise.resolve(5)", "undefined");
    repl.eval("later + 1", "6");
    repl.eval("let plain = 3", "undefined");
    repl.eval("class Point { constructor(x) { this.x = x } }", "undefined");
    repl.eval("new Point(plain).x", "3");
    repl.eval("path.basename('/a/b.txt')", "'b.txt'");
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
}

#[test]
fn ctrl_c_interrupts_a_busy_loop_and_twice_exits() {
    let (mut repl, _dir) = session("ctrlc");
    repl.line("while (true) {}");
    std::thread::sleep(Duration::from_millis(300));
    repl.send(CTRL_C);
    repl.expect("Script execution was interrupted by `SIGINT`");
    repl.expect_prompt();
    repl.eval("'still here'", "'still here'");
    repl.send(CTRL_C);
    repl.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n");
    repl.send(CTRL_C);
    assert_eq!(repl.wait(), 0);
}

#[test]
fn history_survives_a_restart() {
    let dir = temp_dir("history");
    let history = dir.join("history");
    let mut first = Repl::start(&history, &dir);
    first.eval("40 + 2", "42");
    first.line(".exit");
    assert_eq!(first.wait(), 0);
    let saved = std::fs::read_to_string(&history).expect("the history file was written");
    assert!(saved.contains("40 + 2"), "history file: {saved:?}");

    let mut second = Repl::start(&history, &dir);
    second.send(UP);
    second.send(UP);
    second.expect("40 + 2");
    second.send(ENTER);
    second.expect("\n42\n");
    second.expect_prompt();
    second.send(CTRL_D);
    assert_eq!(second.wait(), 0);
}

#[test]
fn save_and_load_round_trip() {
    let (mut repl, dir) = session("saveload");
    repl.eval("const base = 40", "undefined");
    repl.eval("base + 2", "42");
    repl.line(".save session.js");
    repl.expect("Session saved to: session.js\n");
    repl.expect_prompt();
    repl.line(".exit");
    assert_eq!(repl.wait(), 0);
    let saved = std::fs::read_to_string(dir.join("session.js")).expect("the session was saved");
    assert_eq!(saved, "const base = 40\nbase + 2");

    let mut next = Repl::start(&dir.join("history"), &dir);
    next.line(".load session.js");
    next.expect("\n42\n");
    next.expect_prompt();
    next.eval("base", "40");
    next.line(".exit");
    assert_eq!(next.wait(), 0);
}

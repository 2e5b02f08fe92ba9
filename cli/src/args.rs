//! Node-style command line: `rnode [options] [script.js | -] [arguments]`.
//!
//! Everything after the script (or after `--`) belongs to the script. Before it,
//! rnode's own options are parsed with clap, and any other `--flag` is handed to
//! V8 (`--max-old-space-size=…`, `--stack-size=…`); flags V8 rejects are bad options.

use clap::{Arg, ArgAction, Command};

use crate::options::{self, Kind};

pub const HELP: &str = "\
Usage: rnode [options] [ script.js ] [arguments]

Options:
  -                           script read from stdin (default if no file name is
                              provided, interactive mode if a tty)
  --                          indicate the end of node options
  --abort-on-uncaught-exception
                              aborting instead of exiting causes a core file to
                              be generated for analysis
  -c, --check                 syntax check script without executing
  -C, --conditions=...        additional user conditions for conditional
                              exports and imports
  --disable-proto=...         disable Object.prototype.__proto__ (delete|throw)
  --disable-warning=...       silence specific process warnings (code or type)
  -e, --eval=...              evaluate script
  --env-file=...              set environment variables from supplied file
  --expose-gc                 expose gc() on the global object (a V8 option)
  -h, --help                  print node command line options (currently set)
  -i, --interactive           always enter the REPL even if stdin does not appear
                              to be a terminal
  --import=...                ES module to preload (option can be repeated)
  --input-type=...            set module type for string input (commonjs|module)
  --max-old-space-size=...    size of V8's old generation in MiB (a V8 option)
  --no-deprecation            silence deprecation warnings
  --no-warnings               silence all process warnings
  --pending-deprecation       emit pending deprecation warnings
  --preserve-symlinks         preserve symbolic links when resolving
  --preserve-symlinks-main    preserve symbolic links when resolving the main
                              module
  -p, --print [...]           evaluate script and print result
  --redirect-warnings=...     write warnings to file instead of stderr
  -r, --require=...           CommonJS module to preload (option can be repeated)
  --stack-size=...            size of V8's stack in KiB (a V8 option)
  --stack-trace-limit=...     number of stack frames in error stacks (a V8 option)
  --throw-deprecation         throw an exception on deprecations
  --title=...                 the process title to use on startup
  --trace-deprecation         show stack traces on deprecations
  --trace-warnings            show stack traces on process warnings
  --unhandled-rejections=...  define the behavior for unhandled rejections:
                              \"throw\" (default), \"strict\", \"warn\", \"none\",
                              \"warn-with-error-code\"
  --v8-options                print V8 command line options
  -v, --version               print Node.js version

Also accepted as node 20 accepts them, without effect in rnode: the other
--experimental-* options of node 20, --enable-source-maps, --tls-min-v1.x and
--tls-max-v1.x, --max-http-header-size, --insecure-http-parser,
--dns-result-order, --zero-fill-buffers, --frozen-intrinsics, and --trace-*
options other than the ones above. Refused (exit 9) because rnode lacks the
feature: --experimental-permission, --experimental-loader, --loader,
--experimental-policy, --inspect*. Any other --option is handed to V8.

Environment variables:
  NODE_NO_WARNINGS            set to 1 to silence process warnings
  NODE_OPTIONS                options read before the command line's (node's
                              allow-list)
  NODE_PATH                   ':'-separated directories searched for modules
  NODE_PENDING_DEPRECATION    set to 1 to emit pending deprecation warnings
  NODE_PRESERVE_SYMLINKS      set to 1 to preserve symbolic links
  RNODE_LOG                   tracing filter for diagnostics, e.g. engine=debug
  UV_THREADPOOL_SIZE          number of threads in the thread pool (default 4)
";

#[derive(Debug, Default)]
pub struct CliOptions {
    pub argv0: String,
    pub exec_argv: Vec<String>,
    pub v8_flags: Vec<String>,
    pub eval: Option<String>,
    pub print: bool,
    pub check: bool,
    pub interactive: bool,
    pub input_type: Option<String>,
    pub require: Vec<String>,
    pub script: Option<String>,
    pub script_args: Vec<String>,
    /// Node options by canonical name (`--warnings` = "false" for `--no-warnings`),
    /// `NODE_OPTIONS` first, in order; repeatable ones appear once per use.
    pub node_options: Vec<(String, String)>,
}

pub enum Parsed {
    Help,
    Version,
    V8Options,
    Run(Box<CliOptions>),
}

/// Options that take a value, in both spellings.
const VALUE_OPTIONS: &[&str] = &["-e", "--eval", "-p", "--print", "-pe", "-r", "--require", "--input-type"];
const OWN_FLAGS: &[&str] = &["-c", "--check", "-h", "--help", "-i", "--interactive", "-v", "--version", "--v8-options"];
/// rnode's own options that `NODE_OPTIONS` may carry.
const OWN_ENV_OPTIONS: &[&str] = &["-r", "--require", "--input-type"];

fn command() -> Command {
    Command::new("rnode")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .no_binary_name(true)
        .arg(Arg::new("eval").short('e').long("eval").num_args(1).allow_hyphen_values(true))
        .arg(Arg::new("print").short('p').long("print").num_args(0..=1).allow_hyphen_values(true))
        .arg(Arg::new("check").short('c').long("check").action(ArgAction::SetTrue))
        .arg(Arg::new("interactive").short('i').long("interactive").action(ArgAction::SetTrue))
        .arg(Arg::new("require").short('r').long("require").num_args(1).action(ArgAction::Append))
        .arg(Arg::new("input-type").long("input-type").num_args(1))
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::SetTrue))
        .arg(Arg::new("version").short('v').long("version").action(ArgAction::SetTrue))
        .arg(Arg::new("v8-options").long("v8-options").action(ArgAction::SetTrue))
}

fn option_name(arg: &str) -> &str {
    arg.split_once('=').map_or(arg, |(name, _)| name)
}

/// argv split at the script: rnode's options, node options, V8 flags, the
/// script, its arguments, and the options as written (`process.execArgv`).
#[derive(Default)]
struct Split {
    own: Vec<String>,
    node_options: Vec<(String, String)>,
    v8_flags: Vec<String>,
    exec_argv: Vec<String>,
    script: Option<String>,
    script_args: Vec<String>,
}

/// Where options come from: the command line, or `NODE_OPTIONS` (allow-listed).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Cli,
    Env,
}

fn is_print(name: &str) -> bool {
    name == "-p" || name == "--print" || name == "-pe"
}

fn not_allowed(arg: &str) -> String {
    let shown = if arg.contains('=') { format!("{}=", option_name(arg)) } else { arg.to_string() };
    format!("{shown} is not allowed in NODE_OPTIONS")
}

impl Split {
    /// Consumes options from `args` until the script; returns how many were options.
    fn options(&mut self, args: &[String], source: Source) -> Result<usize, String> {
        let mut i = 0;
        while i < args.len() {
            let arg = &args[i];
            if arg == "--" || arg == "-" || !arg.starts_with('-') {
                if source == Source::Env && arg.starts_with('-') {
                    return Err(not_allowed(arg));
                }
                // NODE_OPTIONS holds options only; anything else in it is ignored.
                if source == Source::Env {
                    i += 1;
                    continue;
                }
                return Ok(i);
            }
            i += self.option(arg, args.get(i + 1), source)?;
        }
        Ok(i)
    }

    /// One option and maybe its value; returns how many arguments it used.
    fn option(&mut self, arg: &str, next: Option<&String>, source: Source) -> Result<usize, String> {
        let name = option_name(arg);
        let inline_value = arg.split_once('=').map(|(_, v)| v.to_string());
        if VALUE_OPTIONS.contains(&name) {
            if source == Source::Env && !OWN_ENV_OPTIONS.contains(&name) {
                return Err(not_allowed(arg));
            }
            // node's alias `-pe` is `--print --eval`.
            self.own.push(if name == "-pe" { "--print".to_string() } else { arg.to_string() });
            // `-p` may stand alone (`-p` then a script); the others need a value.
            return match next {
                Some(value) if inline_value.is_none() => {
                    self.own.push(value.clone());
                    Ok(2)
                }
                None if inline_value.is_none() && !is_print(name) => Err(format!("{arg} requires an argument")),
                _ => Ok(1),
            };
        }
        if OWN_FLAGS.contains(&name) {
            if source == Source::Env {
                return Err(not_allowed(arg));
            }
            self.own.push(arg.to_string());
            return Ok(1);
        }
        let Some((spec, negated)) = options::lookup(name) else {
            if options::is_inspector_option(name) {
                return Err(format!("{name}: rnode has no inspector (debugging is not supported)"));
            }
            if options::is_value_negation(name) {
                return Err(format!("{arg} is an invalid negation because it is not a boolean option"));
            }
            if source == Source::Env {
                return Err(not_allowed(arg));
            }
            if !arg.starts_with("--") {
                return Err(format!("bad option: {arg}"));
            }
            self.v8_flags.push(arg.to_string());
            return Ok(1);
        };
        if source == Source::Env && !spec.env {
            return Err(not_allowed(arg));
        }
        match spec.kind {
            Kind::V8 => {
                // Also visible to JavaScript (--abort-on-uncaught-exception is read there).
                let value = arg.split_once('=').map_or("true", |(_, v)| v);
                self.node_options.push((spec.name.to_string(), value.to_string()));
                self.v8_flags.push(arg.to_string());
                Ok(1)
            }
            Kind::Flag => {
                options::check_supported(spec.name, !negated)?;
                self.node_options.push((spec.name.to_string(), (!negated).to_string()));
                Ok(1)
            }
            Kind::Value => {
                options::check_supported(spec.name, true)?;
                self.value_option(spec.name, arg, inline_value, next)
            }
        }
    }

    fn value_option(
        &mut self,
        canonical: &str,
        arg: &str,
        inline_value: Option<String>,
        next: Option<&String>,
    ) -> Result<usize, String> {
        let (value, used) = match inline_value {
            Some(value) => (value, 1),
            None => match next {
                Some(value) if !value.starts_with('-') => (value.clone(), 2),
                _ => (String::new(), 1),
            },
        };
        if value.is_empty() {
            return Err(format!("{arg} requires an argument"));
        }
        options::check_value(canonical, &value)?;
        self.node_options.push((canonical.to_string(), value));
        Ok(used)
    }
}

fn split(args: &[String], env_options: Option<&str>) -> Result<Split, String> {
    let mut out = Split::default();
    if let Some(text) = env_options {
        let env_args = options::split_node_options(text)?;
        out.options(&env_args, Source::Env)?;
    }
    let count = out.options(args, Source::Cli)?;
    out.exec_argv = args[..count].to_vec();
    let rest = &args[count..];
    match rest.first().map(String::as_str) {
        Some("--") => {
            out.script = rest.get(1).cloned();
            out.script_args = rest.get(2..).unwrap_or_default().to_vec();
        }
        Some(script) => {
            out.script = Some(script.to_string());
            out.script_args = rest[1..].to_vec();
        }
        None => {}
    }
    Ok(out)
}

/// Parses the command line alone (as with `NODE_OPTIONS` unset).
#[cfg(test)]
pub fn parse(argv: &[String]) -> Result<Parsed, String> {
    parse_with_env(argv, None)
}

/// Parses the command line, with extra options from `NODE_OPTIONS` when given.
pub fn parse_with_env(argv: &[String], env_options: Option<&str>) -> Result<Parsed, String> {
    let argv0 = argv.first().cloned().unwrap_or_else(|| "rnode".into());
    let rest = argv.get(1..).unwrap_or_default();
    let Split { own, node_options, v8_flags, exec_argv, script, script_args } = split(rest, env_options)?;
    let matches = command().try_get_matches_from(&own).map_err(|e| e.kind().to_string())?;
    if matches.get_flag("help") {
        return Ok(Parsed::Help);
    }
    if matches.get_flag("version") {
        return Ok(Parsed::Version);
    }
    if matches.get_flag("v8-options") {
        return Ok(Parsed::V8Options);
    }
    let print = matches.contains_id("print");
    if matches.get_flag("check") && (matches.contains_id("eval") || print) {
        return Err("either --check or --eval can be used, not both".into());
    }
    let eval = matches.get_one::<String>("eval").or_else(|| matches.get_one::<String>("print")).cloned();
    // With -e/-p, what looks like a script is the first script argument.
    let (script, script_args) = match (&eval, script) {
        (Some(_), Some(first)) => (None, std::iter::once(first).chain(script_args).collect()),
        (_, script) => (script, script_args),
    };
    Ok(Parsed::Run(Box::new(CliOptions {
        argv0,
        exec_argv,
        v8_flags,
        eval,
        print,
        check: matches.get_flag("check"),
        interactive: matches.get_flag("interactive"),
        input_type: matches.get_one::<String>("input-type").cloned(),
        require: matches.get_many::<String>("require").map(|v| v.cloned().collect()).unwrap_or_default(),
        script,
        script_args,
        node_options,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_opts(args: &[&str]) -> CliOptions {
        let argv: Vec<String> = std::iter::once("rnode").chain(args.iter().copied()).map(String::from).collect();
        match parse(&argv) {
            Ok(Parsed::Run(o)) => *o,
            _ => panic!("expected a run"),
        }
    }

    #[test]
    fn script_arguments_are_not_options() {
        let o = run_opts(&["--max-old-space-size=100", "app.js", "a", "-e", "b"]);
        assert_eq!(o.script.as_deref(), Some("app.js"));
        assert_eq!(o.script_args, ["a", "-e", "b"]);
        assert_eq!(o.v8_flags, ["--max-old-space-size=100"]);
    }

    #[test]
    fn eval_and_print() {
        let o = run_opts(&["-p", "1+1"]);
        assert!(o.print);
        assert_eq!(o.eval.as_deref(), Some("1+1"));
        let o = run_opts(&["-e", "x", "arg1"]);
        assert_eq!(o.script_args, ["arg1"]);
    }

    #[test]
    fn double_dash_ends_options() {
        let o = run_opts(&["--", "-weird.js", "x"]);
        assert_eq!(o.script.as_deref(), Some("-weird.js"));
        assert_eq!(o.script_args, ["x"]);
    }

    #[test]
    fn exec_argv_keeps_the_order_written() {
        let o = run_opts(&["--no-warnings", "--title", "x", "-e", "1", "--expose-gc"]);
        assert_eq!(o.exec_argv, ["--no-warnings", "--title", "x", "-e", "1", "--expose-gc"]);
        assert_eq!(o.v8_flags, ["--expose-gc"]);
        assert!(o.node_options.contains(&("--warnings".to_string(), "false".to_string())));
        assert!(o.node_options.contains(&("--title".to_string(), "x".to_string())));
    }

    #[test]
    fn node_options_come_first_and_are_allow_listed() {
        let argv: Vec<String> = ["rnode", "-r", "b.js", "app.js"].map(String::from).to_vec();
        let Ok(Parsed::Run(o)) = parse_with_env(&argv, Some("-r a.js --no-deprecation")) else {
            panic!("expected a run");
        };
        assert_eq!(o.require, ["a.js", "b.js"]);
        assert_eq!(o.exec_argv, ["-r", "b.js"]);
        let err = parse_with_env(&argv, Some("--check")).err();
        assert_eq!(err.as_deref(), Some("--check is not allowed in NODE_OPTIONS"));
        let err = parse_with_env(&argv, Some("--stack-size=100")).err();
        assert_eq!(err.as_deref(), Some("--stack-size= is not allowed in NODE_OPTIONS"));
    }

    #[test]
    fn value_options_need_values() {
        let argv = |a: &[&str]| -> Vec<String> {
            std::iter::once("rnode").chain(a.iter().copied()).map(String::from).collect()
        };
        assert_eq!(parse(&argv(&["--title", "-e", "1"])).err().as_deref(), Some("--title requires an argument"));
        assert_eq!(
            parse(&argv(&["--unhandled-rejections=bogus"])).err().as_deref(),
            Some("invalid value for --unhandled-rejections")
        );
        assert!(parse(&argv(&["--no-title=1"])).is_err());
    }

    #[test]
    fn options_without_their_effect_are_refused() {
        let argv = |a: &[&str]| -> Vec<String> {
            std::iter::once("rnode").chain(a.iter().copied()).map(String::from).collect()
        };
        assert!(parse(&argv(&["--experimental-loader", "./x.mjs", "a.js"])).is_err());
        assert!(parse(&argv(&["--experimental-permission", "a.js"])).is_err());
        assert!(parse(&argv(&["--no-experimental-permission", "a.js"])).is_ok());
        assert!(parse(&argv(&["--inspect-brk=9230", "a.js"])).err().is_some_and(|e| e.contains("no inspector")));
    }

    #[test]
    fn eval_without_code_is_an_error() {
        assert!(parse(&["rnode".into(), "-e".into()]).is_err());
    }
}

//! Node-style command line: `rnode [options] [script.js | -] [arguments]`.
//!
//! Everything after the script (or after `--`) belongs to the script. Before it,
//! rnode's own options are parsed with clap, and any other `--flag` is handed to
//! V8 (`--max-old-space-size=…`, `--stack-size=…`); flags V8 rejects are bad options.

use clap::{Arg, ArgAction, Command};

pub const HELP: &str = "\
Usage: rnode [options] [ script.js ] [arguments]

Options:
  -                           script read from stdin (default if no file name is
                              provided, interactive mode if a tty)
  --                          indicate the end of node options
  -c, --check                 syntax check script without executing
  -e, --eval=...              evaluate script
  -h, --help                  print node command line options (currently set)
  -i, --interactive           always enter the REPL even if stdin does not appear
                              to be a terminal
  --input-type=...            set module type for string input (commonjs|module)
  -p, --print [...]           evaluate script and print result
  -r, --require=...           CommonJS module to preload (option can be repeated)
  --stack-size=...            size of V8's stack in KiB (a V8 option)
  --v8-options                print V8 command line options
  -v, --version               print Node.js version

Environment variables:
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
}

pub enum Parsed {
    Help,
    Version,
    V8Options,
    Run(CliOptions),
}

/// Options that take a value, in both spellings.
const VALUE_OPTIONS: &[&str] = &["-e", "--eval", "-p", "--print", "-r", "--require", "--input-type"];
const OWN_FLAGS: &[&str] = &["-c", "--check", "-h", "--help", "-i", "--interactive", "-v", "--version", "--v8-options"];

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

/// argv split at the script: rnode's options, V8 flags, the script, its arguments.
#[derive(Default)]
struct Split {
    own: Vec<String>,
    v8_flags: Vec<String>,
    script: Option<String>,
    script_args: Vec<String>,
}

fn is_print(name: &str) -> bool {
    name == "-p" || name == "--print"
}

fn split(args: &[String]) -> Result<Split, String> {
    let mut out = Split::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            out.script = args.get(i + 1).cloned();
            out.script_args = args.get(i + 2..).unwrap_or_default().to_vec();
            return Ok(out);
        }
        if arg == "-" || !arg.starts_with('-') {
            out.script = Some(arg.clone());
            out.script_args = args[i + 1..].to_vec();
            return Ok(out);
        }
        let name = option_name(arg);
        if VALUE_OPTIONS.contains(&name) {
            out.own.push(arg.clone());
            // `-p` may stand alone (`-p` then a script); the others need a value.
            let inline_value = arg.contains('=');
            match args.get(i + 1) {
                Some(value) if !inline_value => {
                    out.own.push(value.clone());
                    i += 1;
                }
                None if !inline_value && !is_print(name) => return Err(format!("{arg} requires an argument")),
                _ => {}
            }
        } else if OWN_FLAGS.contains(&name) {
            out.own.push(arg.clone());
        } else if arg.starts_with("--") {
            out.v8_flags.push(arg.clone());
        } else {
            return Err(format!("bad option: {arg}"));
        }
        i += 1;
    }
    Ok(out)
}

pub fn parse(argv: &[String]) -> Result<Parsed, String> {
    let argv0 = argv.first().cloned().unwrap_or_else(|| "rnode".into());
    let rest = argv.get(1..).unwrap_or_default();
    let Split { own, v8_flags, script, script_args } = split(rest)?;
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
    let eval = matches.get_one::<String>("eval").or_else(|| matches.get_one::<String>("print")).cloned();
    // With -e/-p, what looks like a script is the first script argument.
    let (script, script_args) = match (&eval, script) {
        (Some(_), Some(first)) => (None, std::iter::once(first).chain(script_args).collect()),
        (_, script) => (script, script_args),
    };
    let mut exec_argv = own.clone();
    exec_argv.extend(v8_flags.iter().cloned());
    Ok(Parsed::Run(CliOptions {
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
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_opts(args: &[&str]) -> CliOptions {
        let argv: Vec<String> = std::iter::once("rnode").chain(args.iter().copied()).map(String::from).collect();
        match parse(&argv) {
            Ok(Parsed::Run(o)) => o,
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
    fn eval_without_code_is_an_error() {
        assert!(parse(&["rnode".into(), "-e".into()]).is_err());
    }
}

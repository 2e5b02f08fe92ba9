//! The `rnode` binary. Read top to bottom, `main` is the start-up sequence:
//! parse arguments, set up logging, initialise V8, pick the entry point, run.

mod args;
mod dotenv;
mod options;

use std::io::{IsTerminal as _, Read as _};

use args::{CliOptions, Parsed};
use rnode_engine::StartupInfo;

/// Node's exit status for an invalid command line.
const EXIT_BAD_OPTION: i32 = 9;

fn main() {
    // args_os: a non-UTF-8 argument must not panic (it is passed on lossily).
    let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let parsed = parse_arguments(&argv);
    init_logging();
    match parsed {
        Parsed::Help => print_help(),
        Parsed::Version => println!("{}", rnode_engine::NODE_COMPAT_VERSION),
        Parsed::V8Options => {
            rnode_engine::init_v8(&["--help".to_string()]);
        }
        Parsed::Run(options) => {
            let code = run(*options);
            rnode_engine::process_exit(code);
        }
    }
}

/// The command line, then `--env-file`s (which may set `NODE_OPTIONS`), then
/// the command line again with `NODE_OPTIONS`' options before its own.
fn parse_arguments(argv: &[String]) -> Parsed {
    let parsed = args::parse_with_env(argv, None).unwrap_or_else(|message| fail_bad_option(&message));
    if let Parsed::Run(options) = &parsed {
        if let Err(message) = load_env_files(options) {
            fail_bad_option(&message);
        }
    }
    match std::env::var("NODE_OPTIONS") {
        Ok(text) if !text.trim().is_empty() => {
            args::parse_with_env(argv, Some(&text)).unwrap_or_else(|message| fail_bad_option(&message))
        }
        _ => parsed,
    }
}

/// Applies every `--env-file` in order; variables already set are kept.
fn load_env_files(options: &CliOptions) -> Result<(), String> {
    let files = options.node_options.iter().filter(|(name, _)| name == "--env-file").map(|(_, path)| path);
    let mut values: Vec<(String, String)> = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|_| format!("{path}: not found"))?;
        values.extend(dotenv::parse(&text));
    }
    // Keys a file set may be overridden by a later file; the real environment is kept.
    let mut from_files = std::collections::HashSet::new();
    for (key, value) in values {
        if std::env::var_os(&key).is_none() || from_files.contains(&key) {
            std::env::set_var(&key, value);
            from_files.insert(key);
        }
    }
    Ok(())
}

/// Node names the program as it was invoked (argv[0]) in its start-up errors.
fn fail_bad_option(message: &str) -> ! {
    let program = std::env::args_os().next().map(|a| a.to_string_lossy().into_owned());
    eprintln!("{}: {message}", program.as_deref().unwrap_or("rnode"));
    std::process::exit(EXIT_BAD_OPTION);
}

/// Diagnostics through `tracing`, filtered by `RNODE_LOG`; silent by default.
fn init_logging() {
    let Ok(filter) = std::env::var("RNODE_LOG") else {
        return;
    };
    let filter =
        tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

fn run(options: CliOptions) -> i32 {
    let rejected = rnode_engine::init_v8(&options.v8_flags);
    if let Some(flag) = rejected.first() {
        fail_bad_option(&format!("bad option: {flag}"));
    }
    let startup = match startup_info(options) {
        Ok(startup) => startup,
        Err(message) => {
            eprintln!("rnode: {message}");
            return 1;
        }
    };
    tracing::debug!(target: "cli", ?startup, "starting");
    rnode_engine::run(startup)
}

/// Decides the entry point: `-e/-p` code, a script file, or the program on
/// stdin (an explicit `-`, or no script with stdin not a terminal).
fn startup_info(options: CliOptions) -> Result<StartupInfo, String> {
    let exec_path =
        std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| options.argv0.clone());
    let mut argv = vec![exec_path.clone()];
    let mut eval = options.eval.clone();
    let stdin_is_program = eval.is_none()
        && !options.interactive
        && (options.script.as_deref() == Some("-") || (options.script.is_none() && !std::io::stdin().is_terminal()));
    match options.script.as_deref() {
        None => {}
        Some("-") => argv.push("-".to_string()),
        Some(script) => argv.push(absolute_path(script)),
    }
    if stdin_is_program {
        eval = Some(read_stdin()?);
    }
    argv.extend(options.script_args.iter().cloned());
    let force_repl = options.interactive || (eval.is_none() && options.script.is_none());
    Ok(StartupInfo {
        exec_path,
        argv0: options.argv0,
        argv,
        exec_argv: options.exec_argv,
        eval,
        print_eval: options.print,
        check_only: options.check,
        force_repl,
        input_type_module: options.input_type.as_deref() == Some("module"),
        preload: options.require,
        stdin_program: stdin_is_program,
        options: options.node_options,
        env_allowed_options: options::env_allowed_names(),
    })
}

fn absolute_path(script: &str) -> String {
    let path = std::path::Path::new(script);
    if path.is_absolute() {
        return script.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => normalize(&cwd.join(path)),
        Err(_) => script.to_string(),
    }
}

/// Lexically resolves `.` and `..` (node's path.resolve, without touching the disk).
fn normalize(path: &std::path::Path) -> String {
    use std::path::Component;
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    format!("/{}", parts.join("/"))
}

fn read_stdin() -> Result<String, String> {
    let mut source = String::new();
    std::io::stdin().read_to_string(&mut source).map_err(|e| format!("cannot read the program from stdin: {e}"))?;
    Ok(source)
}

fn print_help() {
    print!("{}", args::HELP);
}

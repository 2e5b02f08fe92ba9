'use strict';
// node:repl — the read-eval-print loop. The terminal side (line editing,
// history, Tab) runs on a Rust reader thread (internalBinding('repl')); this
// file decides what a line means: a REPL command, more input needed, or code
// to run in the global scope, whose result is printed with util.inspect.

const EventEmitter = require('events');
const path = require('path');
const binding = internalBinding('repl');
const { inspect } = require('internal/util/inspect');
const Module = require('internal/modules/cjs/loader');
const { addBuiltinLibsToObject } = require('internal/modules/helpers');
const {
  Recoverable, isRecoverableError, processTopLevelAwait, complete,
} = require('internal/repl');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_SCRIPT_EXECUTION_INTERRUPTED } } = require('internal/errors');

const REPL_MODE_SLOPPY = Symbol('repl-sloppy');
const REPL_MODE_STRICT = Symbol('repl-strict');
const kPrompt = '> ';
const kMultilinePrompt = '... ';

// Carries a falsy thrown value (`throw null`) through node's `cb(err)` convention.
class Thrown {
  constructor(value) {
    this.value = value;
  }
}
const thrown = (value) => (value ? value : new Thrown(value));

let replResourceNumber = 0;
const nextResourceName = () => `REPL${++replResourceNumber}`;

function writer(value) {
  return inspect(value, writer.options);
}
writer.options = { ...inspect.defaultOptions, showProxy: true };

// Node's REPL prints errors as `Uncaught <first line>` (or `Uncaught:` above a
// long one) and hides the frames that belong to the REPL itself.
function formatUncaught(text, breakLength) {
  if (text[0] === '[' && text[text.length - 1] === ']') text = text.slice(1, -1);
  const lines = text.split(/(?<=\n)/);
  let matched = false;
  let out = '';
  for (const line of lines) {
    if (!matched && /^\[?([A-Z][a-z0-9_]*)*Error/.test(line)) {
      out += breakLength >= line.length ? `Uncaught ${line}` : `Uncaught:\n${line}`;
      matched = true;
    } else {
      out += line;
    }
  }
  if (!matched) out = `Uncaught${lines.length === 1 ? ' ' : ':\n'}${out}`;
  return out.endsWith('\n') ? out : `${out}\n`;
}

// Node's REPL hides the frames that are not the user's: it cuts the stack at
// the last frame without a function name (the REPL line's own script) and
// drops everything below it. The stack is formatted lazily, on first read;
// reading it here with a one-off prepareStackTrace applies that rule.
function readTrimmedStack(e) {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    if (error === e) {
      frames = frames.slice(0, frames.findLastIndex((frame) => frame.getFunctionName() === null));
    }
    if (typeof previous === 'function') return previous(error, frames);
    return [Error.prototype.toString.call(error), ...frames].join('\n    at ');
  };
  try {
    return e.stack;
  } finally {
    Error.prepareStackTrace = previous;
  }
}

function decorateError(e, arrow) {
  if (e === null || typeof e !== 'object') return;
  try {
    // A stack formatted before (printed, say) stays whole, as in node.
    const stack = readTrimmedStack(e);
    if (typeof stack !== 'string') return;
    if (e.name === 'SyntaxError') {
      const where = arrow ? arrow.replace(/^[^\n]*\n/, '') : '';
      const body = stack.replace(/^REPL\d+:\d+\r?\n/, '').replace(/^\s+at\s.*\n?/gm, '');
      e.stack = where ? `${where}\n${body}` : body;
    }
  } catch {
    // A frozen error keeps its stack.
  }
}

class REPLServer extends EventEmitter {
  constructor(options = {}) {
    super();
    if (typeof options === 'string') options = { prompt: options };
    if (options === null || typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    this._initialPrompt = options.prompt ?? kPrompt;
    this.terminal = Boolean(process.stdout.isTTY);
    this.useColors = options.useColors ?? (this.terminal && process.stdout.hasColors?.() === true);
    this.ignoreUndefined = Boolean(options.ignoreUndefined);
    this.useGlobal = true;
    this.replMode = options.replMode ?? REPL_MODE_SLOPPY;
    this.writer = options.writer ?? writer;
    this.writer.options = { ...writer.options, colors: this.useColors };
    this.context = globalThis;
    this.commands = { __proto__: null };
    this.lines = [];
    this.last = undefined;
    this.lastError = undefined;
    this.underscoreAssigned = false;
    this.underscoreErrAssigned = false;
    this.editorMode = false;
    this.closed = false;
    this._buffered = '';
    this._sawSigint = false;
    this._reading = false;
    this._busy = false;
    this._queue = [];
    this._lexical = new Set();
    this._abortAwait = null;
    // Errors from callbacks and unhandled rejections print and the session
    // goes on (node's REPL catches both through its domain).
    this._onUncaught = (err) => {
      decorateError(err);
      this._printError(err);
    };
    defineDefaultCommands(this);
    this._setupContext();
    process.on('uncaughtException', this._onUncaught);
    process.on('unhandledRejection', this._onUncaught);
    // Named: node's frame-trimming rule cuts at unnamed frames.
    const onTerminalEvent = (kind, payload) => this._onEvent(kind, payload);
    binding.start(options.historyPath ?? '', onTerminalEvent);
    this.displayPrompt();
  }

  // ---- context ----

  _setupContext() {
    const module = new Module('<repl>');
    module.filename = path.resolve('repl');
    module.paths = Module._nodeModulePaths(process.cwd());
    // Not enumerable, as in node: `for (k in globalThis)` must not see them.
    Object.defineProperty(globalThis, 'module', { __proto__: null, configurable: true, writable: true, value: module });
    Object.defineProperty(globalThis, 'require', {
      __proto__: null, configurable: true, writable: true, value: Module.makeRequire(module),
    });
    addBuiltinLibsToObject(globalThis);
    this._defineUnderscore('_', 'last', 'underscoreAssigned');
    this._defineUnderscore('_error', 'lastError', 'underscoreErrAssigned');
  }

  _defineUnderscore(name, field, flag) {
    Object.defineProperty(globalThis, name, {
      __proto__: null,
      configurable: true,
      get: () => this[field],
      set: (value) => {
        this[field] = value;
        if (!this[flag]) {
          this[flag] = true;
          this._write(`Expression assignment to ${name} now disabled.\n`);
        }
      },
    });
  }

  // Names declared with let/const/class by earlier lines (V8 does not list
  // the script scope), offered by Tab.
  lexicalNames() {
    return [...this._lexical];
  }

  _noteDeclarations(code) {
    const re = /(?:^|[;\n])\s*(?:let|const|class)\s+([\p{ID_Start}$_][\p{ID_Continue}$]*)/gu;
    for (const match of code.matchAll(re)) this._lexical.add(match[1]);
  }

  // ---- terminal events from Rust ----

  _onEvent(kind, payload) {
    switch (kind) {
      case 'line': return this._onLines(payload);
      case 'eof': return this._onEof(payload);
      case 'interrupt': return this._onInterrupt(payload);
      case 'sigint': return this._onSigint();
      case 'complete': return this.complete(payload);
      case 'error':
        this._write(`REPL input failed: ${payload}\n`);
        return this.close();
    }
  }

  _onLines(text) {
    this._reading = false;
    // A paste can bring several lines at once; run them in order.
    this._queue.push(...text.split(/\r?\n/));
    this._drainQueue();
  }

  _drainQueue() {
    while (this._queue.length > 0 && !this._busy && !this.closed) {
      this._onLine(this._queue.shift());
    }
    if (!this._busy && !this.closed && !this._reading) this.displayPrompt();
  }

  _onEof(lastLine) {
    this._reading = false;
    if (!this.editorMode) {
      this.close();
      return;
    }
    if (lastLine) this._buffered += `${lastLine}\n`;
    this.editorMode = false;
    const code = this._buffered;
    this._buffered = '';
    if (code.trim() === '') {
      this.displayPrompt();
      return;
    }
    this._evaluate(code, code, true);
    this._drainQueue();
  }

  _onInterrupt(empty) {
    this._reading = false;
    const buffered = this._buffered.length > 0;
    this.editorMode = false;
    if (!buffered && empty) {
      if (this._sawSigint) {
        this._sawSigint = false;
        this.close();
        return;
      }
      this._write('(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
      this._sawSigint = true;
    } else {
      this._sawSigint = false;
    }
    this.clearBufferedCommand();
    this._queue = [];
    this.displayPrompt();
  }

  // SIGINT while code runs asynchronously: give up waiting for it.
  _onSigint() {
    if (this._abortAwait !== null) this._abortAwait();
  }

  // ---- lines ----

  _onLine(cmd) {
    this._sawSigint = false;
    if (this.editorMode) {
      this._buffered += `${cmd}\n`;
      this._memory(cmd);
      return;
    }
    const trimmed = cmd.trim();
    if (trimmed[0] === '.' && trimmed[1] !== '.' && Number.isNaN(Number.parseFloat(trimmed))) {
      const matches = /^\.([^\s]+)\s*(.*)$/.exec(trimmed);
      if (matches && this._runCommand(matches[1], matches[2])) return;
      if (!this._buffered) {
        this._write('Invalid REPL keyword\n');
        this._memory(cmd);
        return;
      }
    }
    this._evaluate(this._buffered + cmd + '\n', cmd, false);
  }

  _runCommand(keyword, rest) {
    const cmd = this.commands[keyword];
    if (cmd === undefined) return false;
    cmd.action.call(this, rest);
    return true;
  }

  _memory(cmd) {
    this.lines.push(cmd);
  }

  // Evaluates `code` (the buffered lines plus this one) and reports it.
  _evaluate(code, cmd, fromEditor) {
    this._busy = true;
    let sync = true;
    this.eval(code, this.context, nextResourceName(), (err, ...result) => {
      this._busy = false;
      this._finish(cmd, err, result, fromEditor);
      // A synchronous result is followed by the caller's own queue drain.
      if (!sync) this._drainQueue();
    });
    sync = false;
  }

  _finish(cmd, err, result, fromEditor) {
    if (!fromEditor) this._memory(cmd);
    if (err instanceof Recoverable && !fromEditor) {
      this._buffered += `${cmd}\n`;
      return;
    }
    this.clearBufferedCommand();
    if (err) {
      const shown = err instanceof Recoverable ? err.err : err;
      this._printError(shown instanceof Thrown ? shown.value : shown);
      return;
    }
    if (result.length === 0) return;
    const value = result[0];
    if (this.ignoreUndefined && value === undefined) return;
    if (!this.underscoreAssigned) this.last = value;
    this._write(`${this.writer(value)}\n`);
  }

  // ---- evaluation (node's defaultEval) ----

  eval(code, context, file, cb) {
    const input = code;
    let wrapped = false;
    let awaitPromise = false;
    if (/^\s*{/.test(code) && !/;\s*$/.test(code)) {
      code = `(${code.trim()})\n`;
      wrapped = true;
    }
    if (code.includes('await')) {
      let rewritten;
      try {
        rewritten = processTopLevelAwait(code);
      } catch (e) {
        return cb(this._awaitRewriteError(e, code, file));
      }
      if (rewritten !== null) {
        code = rewritten;
        wrapped = true;
        awaitPromise = true;
      }
    }
    if (code === '\n') return cb(null);
    const run = this._runWithFallback(code, input, wrapped, file);
    if (run.failed) return cb(thrown(run.error));
    this._noteDeclarations(input);
    if (run.awaited && awaitPromise) return this._awaitResult(run.value, cb);
    cb(null, run.value);
  }

  // Runs the (possibly wrapped) code; a wrapper that does not compile is
  // dropped and the original input tried, as node does.
  _runWithFallback(code, input, wrapped, file) {
    let wrappedErr;
    for (;;) {
      const info = {};
      try {
        return { value: binding.runScript(code, file, info), awaited: wrapped, failed: false };
      } catch (e) {
        if (!info.compileError) {
          decorateError(e);
          return { error: e, failed: true };
        }
        if (wrapped) {
          wrapped = false;
          code = input;
          wrappedErr = { e, info };
          continue;
        }
        const original = wrappedErr ?? { e, info };
        if (isRecoverableError(original.e, code)) return { error: new Recoverable(original.e), failed: true };
        decorateError(original.e, original.info.arrow);
        return { error: original.e, failed: true };
      }
    }
  }

  _awaitRewriteError(e, code, file) {
    if (e instanceof Recoverable) return e;
    if (e.name === 'SyntaxError') {
      const fallback = code.replace(/\bawait\b/g, '');
      const info = {};
      try {
        binding.runScript(`(function () {\n${fallback}\n})`, file, info);
      } catch (fallbackError) {
        if (info.compileError && isRecoverableError(fallbackError, fallback)) return new Recoverable(e);
      }
    }
    return e;
  }

  _awaitResult(promise, cb) {
    let settled = false;
    const done = (err, ...result) => {
      if (settled) return;
      settled = true;
      this._abortAwait = null;
      cb(err, ...result);
    };
    this._abortAwait = () => {
      const err = new ERR_SCRIPT_EXECUTION_INTERRUPTED();
      // Raised by the REPL itself: no frame of it is the user's.
      err.stack = err.stack.split('\n')[0];
      done(err);
    };
    Promise.resolve(promise).then(
      (result) => done(null, result === undefined ? undefined : result.value),
      (err) => {
        decorateError(err);
        done(thrown(err));
      });
  }

  // Evaluates a completion target (`process` in `process.ver`).
  evaluateQuietly(expr) {
    return binding.runScript(expr, 'repl', {});
  }

  complete(line) {
    try {
      return complete(line, this);
    } catch {
      return [[], ''];
    }
  }

  // ---- output ----

  _write(text) {
    process.stdout.write(text);
  }

  _printError(e) {
    if (!this.underscoreErrAssigned) this.lastError = e;
    const text = this.writer(e);
    this._write(formatUncaught(text, this.writer.options.breakLength ?? 80));
    // An error from a callback arrives while a prompt is shown: show it again.
    if (this._reading) this._write(this._currentPrompt);
  }

  clearBufferedCommand() {
    this._buffered = '';
  }

  displayPrompt() {
    if (this.closed || this._reading) return;
    let prompt = this._initialPrompt;
    if (this.editorMode) prompt = '';
    else if (this._buffered.length > 0) prompt = kMultilinePrompt;
    this._currentPrompt = prompt;
    this._reading = true;
    binding.prompt(prompt, this.editorMode);
  }

  setPrompt(prompt) {
    this._initialPrompt = `${prompt}`;
  }

  getPrompt() {
    return this._initialPrompt;
  }

  defineCommand(keyword, cmd) {
    if (typeof cmd === 'function') cmd = { action: cmd };
    if (typeof cmd?.action !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('cmd.action', 'Function', cmd?.action);
    }
    this.commands[keyword] = cmd;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    binding.close();
    process.removeListener('uncaughtException', this._onUncaught);
    process.removeListener('unhandledRejection', this._onUncaught);
    this.emit('exit');
  }
}

function defineDefaultCommands(repl) {
  repl.defineCommand('break', {
    help: 'Sometimes you get stuck, this gets you out',
    action() {
      this.clearBufferedCommand();
    },
  });
  repl.defineCommand('clear', {
    help: 'Alias for .break',
    action() {
      this.clearBufferedCommand();
    },
  });
  repl.defineCommand('exit', {
    help: 'Exit the REPL',
    action() {
      this.close();
    },
  });
  repl.defineCommand('help', {
    help: 'Print this help message',
    action() {
      const names = Object.keys(this.commands).sort();
      const longest = Math.max(...names.map((name) => name.length));
      for (const name of names) {
        const cmd = this.commands[name];
        const spaces = ' '.repeat(longest - name.length + 3);
        this._write(`.${name}${cmd.help ? spaces + cmd.help : ''}\n`);
      }
      this._write('\nPress Ctrl+C to abort current expression, Ctrl+D to exit the REPL\n');
    },
  });
  repl.defineCommand('save', {
    help: 'Save all evaluated commands in this REPL session to a file',
    action: saveSession,
  });
  repl.defineCommand('load', {
    help: 'Load JS from a file into the REPL session',
    action: loadFile,
  });
  repl.defineCommand('editor', {
    help: 'Enter editor mode',
    action() {
      this.editorMode = true;
      this._write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
    },
  });
}

function saveSession(file) {
  if (file === '') {
    this._write('The "file" argument must be specified\n');
    return;
  }
  try {
    require('fs').writeFileSync(file, this.lines.join('\n'));
    this._write(`Session saved to: ${file}\n`);
  } catch {
    this._write(`Failed to save: ${file}\n`);
  }
}

// Runs a file's code as one input, echoing it as node does.
function loadFile(file) {
  const fs = require('fs');
  let data;
  try {
    if (!fs.statSync(file).isFile()) {
      this._write(`Failed to load: ${file} is not a valid file\n`);
      return;
    }
    data = fs.readFileSync(file, 'utf8');
  } catch {
    this._write(`Failed to load: ${file}\n`);
    return;
  }
  this._write(data.endsWith('\n') ? data : `${data}\n`);
  for (const line of data.split(/\r?\n/)) this._memory(line);
  this._evaluate(data.endsWith('\n') ? data : `${data}\n`, data, true);
}

function start(options) {
  return new REPLServer(options);
}

module.exports = {
  start,
  writer,
  REPLServer,
  REPL_MODE_SLOPPY,
  REPL_MODE_STRICT,
  Recoverable,
  get builtinModules() {
    return Module.builtinModules.filter((name) => !name.startsWith('_'));
  },
};

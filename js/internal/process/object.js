'use strict';
// The `process` object: an EventEmitter carrying the process's state, built
// from the Rust `process` binding. Streams and rarely used parts load lazily.

const binding = internalBinding('process');
const { reallyExit } = internalBinding('runtime');
const EventEmitter = require('events');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_SIGNAL },
  ErrnoException,
} = require('internal/errors');
const { validateNumber, validateString } = require('internal/validators');

function ProcessConstructor() {}
Object.defineProperty(ProcessConstructor, 'name', { value: 'process' });
ProcessConstructor.prototype = Object.create(EventEmitter.prototype, {
  constructor: { value: ProcessConstructor, writable: true, configurable: true },
});

const process = new ProcessConstructor();
EventEmitter.call(process);
// An own, non-enumerable tag as node's: a copy of process's keys is told apart.
Object.defineProperty(process, Symbol.toStringTag, {
  value: 'process', writable: true, configurable: false, enumerable: false,
});

const kNodeVersion = binding.version;
const define = (name, value, enumerable = true) =>
  Object.defineProperty(process, name, { value, writable: true, configurable: true, enumerable });
const defineGetter = (name, get, set, enumerable = true) =>
  Object.defineProperty(process, name, { get, set, configurable: true, enumerable });
const defineLazy = (name, load) => {
  let value;
  defineGetter(name, () => (value ??= load()), (v) => { value = v; });
};

define('version', kNodeVersion);
define('versions', Object.freeze({
  node: kNodeVersion.slice(1),
  rnode: binding.rnodeVersion,
  v8: binding.v8Version,
  uv: '1.46.0',
  modules: '115',
  napi: '9',
  unicode: '15.1',
  zlib: '1.3.1-e00f703',
  brotli: '1.1.0',
  openssl: '3.0.19',
}));
define('arch', 'x64');
define('platform', 'linux');
define('release', Object.freeze({
  name: 'node',
  lts: 'Iron',
  sourceUrl: `https://nodejs.org/download/release/${kNodeVersion}/node-${kNodeVersion}.tar.gz`,
  headersUrl: `https://nodejs.org/download/release/${kNodeVersion}/node-${kNodeVersion}-headers.tar.gz`,
}));
define('argv', binding.argv);
define('argv0', binding.argv0 === '' ? 'rnode' : binding.argv0.split('/').pop());
define('execArgv', binding.execArgv);
define('execPath', binding.execPath);
define('pid', binding.pid);
defineGetter('ppid', binding.ppid);
define('title', 'node');
define('features', Object.freeze({ inspector: false, debug: false, uv: true, ipv6: true, tls: false }));
define('config', Object.freeze({ target_defaults: {}, variables: { napi_build_version: '9' } }));
define('debugPort', 9229);
define('_exiting', false, false);
define('env', require('internal/process/env').createEnv());

let exitCode;
defineGetter('exitCode', () => exitCode, (code) => {
  if (code !== null && code !== undefined) {
    let value = code;
    if (typeof code === 'string' && code !== '' && Number.isInteger(+code)) value = +code;
    validateExitCode(value, 'code');
  }
  exitCode = code;
}, false);

function validateExitCode(value, name) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
}

define('exit', function exit(code) {
  if (code !== undefined) process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode | 0);
  }
  // Through the property: programs (and node's tests) replace it.
  process.reallyExit(process.exitCode | 0);
});
define('reallyExit', reallyExit, false);
define('abort', () => reallyExit(134));

define('cwd', binding.cwd);
define('chdir', function chdir(directory) {
  validateString(directory, 'directory');
  binding.chdir(directory);
});
define('umask', function umask(mask) {
  if (mask === undefined) return binding.umask();
  if (typeof mask === 'string') mask = parseInt(mask, 8);
  validateNumber(mask, 'mask');
  return binding.umask(mask);
});
for (const name of ['getuid', 'geteuid', 'getgid', 'getegid']) define(name, binding[name]);
define('getgroups', () => [binding.getgid()]);

function hrtime(previous) {
  const now = binding.hrtimeBigInt();
  let sec = Number(now / 1000000000n);
  let nsec = Number(now % 1000000000n);
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw new ERR_INVALID_ARG_TYPE('time', 'Array', previous);
    if (previous.length !== 2) throw new ERR_OUT_OF_RANGE('time', 2, previous.length);
    sec -= previous[0];
    nsec -= previous[1];
    if (nsec < 0) {
      sec -= 1;
      nsec += 1e9;
    }
  }
  return [sec, nsec];
}
hrtime.bigint = binding.hrtimeBigInt;
define('hrtime', hrtime);
define('uptime', binding.uptime);
const memoryUsage = () => binding.memoryUsage();
memoryUsage.rss = binding.rss;
define('memoryUsage', memoryUsage);
define('resourceUsage', () => ({}));
define('cpuUsage', function cpuUsage(previous) {
  const [user, system] = binding.cpuUsage();
  if (previous === undefined) return { user, system };
  return { user: user - previous.user, system: system - previous.system };
});

define('kill', function kill(pid, sig = 'SIGTERM') {
  if (pid != (pid | 0)) throw new ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  const signals = internalBinding('constants').signals;
  let signum;
  if (typeof sig === 'number') {
    signum = sig;
  } else if (typeof sig === 'string' && signals[sig] !== undefined) {
    signum = signals[sig];
  } else {
    throw new ERR_UNKNOWN_SIGNAL(sig);
  }
  const err = binding.kill(pid | 0, signum);
  if (err) throw new ErrnoException(err, 'kill');
  return true;
});

defineLazy('allowedNodeEnvironmentFlags', () => require('internal/options').allowedNodeEnvironmentFlags());
define('nextTick', require('internal/process/task_queues').nextTick);
define('emitWarning', require('internal/process/warning').emitWarning);
applyWarningOptions();
require('internal/process/warning').installWarningListener(process);

// Signals reach JavaScript once someone listens for them (node's startListeningIfSignal).
const signalNumbers = internalBinding('constants').signals;
process.on('newListener', function startListeningIfSignal(type) {
  if (typeof type === 'string' && signalNumbers[type] !== undefined && process.listenerCount(type) === 0) {
    internalBinding('signals').startSignal(signalNumbers[type]);
  }
});

defineLazy('stdout', () => require('internal/process/stdio').createWritableStdioStream(1));
defineLazy('stderr', () => require('internal/process/stdio').createWritableStdioStream(2));
defineLazy('stdin', () => require('internal/process/stdio').createStdin());
define('binding', (name) => internalBinding(name), false);

// node sets these process properties only when their option is given.
function applyWarningOptions() {
  const { getOptionValue } = require('internal/options');
  if (!getOptionValue('--deprecation')) process.noDeprecation = true;
  if (getOptionValue('--throw-deprecation')) process.throwDeprecation = true;
  if (getOptionValue('--trace-deprecation')) process.traceDeprecation = true;
  if (getOptionValue('--trace-warnings')) process.traceProcessWarnings = true;
  const title = getOptionValue('--title');
  if (title) process.title = title;
}

module.exports = process;

'use strict';
// ChildProcess (the object `spawn` returns), stdio option parsing and the
// result shaping of spawnSync, on top of the `process_wrap` binding.

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const {
  ErrnoException,
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE, ERR_IPC_SYNC_FORK, ERR_FEATURE_UNAVAILABLE_ON_PLATFORM },
} = require('internal/errors');
const { validateObject, validateString, validateArray } = require('internal/validators');
const { convertToValidSignal } = require('internal/util');
const { isArrayBufferView } = require('internal/util/types');
const signals = require('internal/signals');
// Loads pipe_wrap, whose Pipe class the spawn op puts our pipe ends in.
internalBinding('pipe_wrap');

// A child's stdio pipe as node makes it: a net.Socket on a Pipe handle.
function createSocket(pipe, readable) {
  const net = require('net');
  if (!pipe) {
    // No pipe (it could not be set up): a stream that ends at once.
    const socket = new net.Socket({ readable });
    process.nextTick(() => socket.destroy());
    return socket;
  }
  return new net.Socket({ handle: pipe, readable });
}
const binding = internalBinding('process_wrap');

const signalNames = { __proto__: null };
for (const name of Object.keys(signals)) {
  if (signalNames[signals[name]] === undefined) signalNames[signals[name]] = name;
}

function signalName(signum) {
  return signum ? signalNames[signum] || null : null;
}

const UV_EACCES = -13;
const UV_EAGAIN = -11;
const UV_EINVAL = -22;
const UV_EMFILE = -24;
const UV_ENFILE = -23;
const UV_ENOENT = -2;
const UV_ENOSYS = -38;
const UV_ESRCH = -3;

// Errors node reports through 'error' (asynchronously) rather than by throwing.
function isRuntimeSpawnError(err) {
  return err === UV_EACCES || err === UV_EAGAIN || err === UV_EMFILE || err === UV_ENFILE || err === UV_ENOENT;
}

function stdioStringToArray(stdio, channel) {
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe':
    case 'inherit':
      break;
    default:
      throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  const options = [stdio, stdio, stdio];
  if (channel) options.push(channel);
  return options;
}

// Normalises the `stdio` option into what the binding takes per fd:
// 'pipe' | 'ignore' | 'inherit' | an fd number.
function getValidStdio(stdio, sync) {
  if (typeof stdio === 'string') {
    stdio = stdioStringToArray(stdio);
  } else if (!Array.isArray(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  stdio = stdio.slice();
  while (stdio.length < 3) stdio.push(undefined);
  return stdio.map((entry, i) => {
    if (entry == null) return i < 3 ? 'pipe' : 'ignore';
    if (entry === 'ignore' || entry === 'inherit') return entry;
    if (entry === 'pipe' || entry === 'overlapped') return 'pipe';
    if (entry === 'ipc') {
      if (sync) throw new ERR_IPC_SYNC_FORK();
      throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('child_process IPC channels');
    }
    if (typeof entry === 'number' && Number.isInteger(entry) && entry >= 0) return entry;
    if (typeof entry === 'object' && typeof entry.fd === 'number' && entry.fd >= 0) return entry.fd;
    // A stream on a handle (another child's stdout, a socket): its fd.
    if (typeof entry === 'object' && typeof entry._handle?.fd === 'number' && entry._handle.fd >= 0) {
      return entry._handle.fd;
    }
    throw new ERR_INVALID_ARG_VALUE('stdio', entry);
  });
}

// The binding handles fds 0-2; higher entries are ignored.
function bindingStdio(stdio) {
  return stdio.slice(0, 3);
}

function spawnError(err, file, args) {
  const syscall = file ? `spawn ${file}` : 'spawn';
  const ex = new ErrnoException(err, syscall);
  if (file) ex.path = file;
  ex.spawnargs = args.slice(1);
  return ex;
}

// The native process handle of a ChildProcess (node's `Process`).
class Process {
  constructor() {
    this.onexit = null;
    this.pid = undefined;
  }

  spawn(options, stdio) {
    const result = binding.spawn({ ...options, stdio: bindingStdio(stdio) }, (code, signum) => {
      if (this.onexit) this.onexit(code, signalName(signum));
    });
    if (typeof result === 'number') return { err: result, pipes: [0, 0, 0] };
    this.pid = result[0];
    return { err: 0, pipes: [result[1], result[2], result[3]] };
  }

  kill(signal) {
    return this.pid === undefined ? UV_ESRCH : binding.kill(this.pid, signal);
  }

  ref() {
    if (this.pid !== undefined) binding.ref(this.pid);
  }

  unref() {
    if (this.pid !== undefined) binding.unref(this.pid);
  }

  close() {
    this.onexit = null;
  }
}

// A stream handed to the child as its stdio is the child's to read now:
// the parent stops reading it (node does the same).
const kIsUsedAsStdio = Symbol('kIsUsedAsStdio');

function stopReadingSharedStreams(stdio) {
  if (!Array.isArray(stdio)) return;
  for (const entry of stdio) {
    const handle = entry?._handle;
    if (typeof handle?.readStop !== 'function') continue;
    handle.reading = false;
    handle.readStop();
    entry.pause();
    entry.readableFlowing = false;
    entry._readableState.reading = false;
    entry[kIsUsedAsStdio] = true;
  }
}

function maybeClose(subprocess) {
  subprocess._closesGot++;
  if (subprocess._closesGot === subprocess._closesNeeded) {
    subprocess.emit('close', subprocess.exitCode, subprocess.signalCode);
  }
}

// On exit, readable stdio nobody reads from is resumed so it can end and close.
function flushStdio(subprocess) {
  const stdio = subprocess.stdio;
  if (stdio == null) return;
  for (const stream of stdio) {
    if (!stream || !stream.readable || stream._readableState?.readListening || stream[kIsUsedAsStdio]) continue;
    stream.resume();
  }
}

function onErrorNT(self, err) {
  self._handle.onexit(err);
}

function onSpawnNT(self) {
  self.emit('spawn');
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = new Process();
    this._handle.onexit = (exitCode, signalCode) => {
      if (signalCode) {
        this.signalCode = signalCode;
      } else {
        this.exitCode = exitCode;
      }
      if (this.stdin) this.stdin.destroy();
      if (this._handle) this._handle.close();
      this._handle = null;
      if (exitCode < 0) {
        this.emit('error', spawnError(exitCode, this.spawnfile, this.spawnargs));
      } else {
        this.emit('exit', this.exitCode, this.signalCode);
      }
      process.nextTick(flushStdio, this);
      maybeClose(this);
    };
  }

  spawn(options) {
    validateObject(options, 'options');
    const stdio = getValidStdio(options.stdio || 'pipe', false);
    validateString(options.file, 'options.file');
    this.spawnfile = options.file;
    if (options.args === undefined) {
      this.spawnargs = [];
    } else {
      validateArray(options.args, 'options.args');
      this.spawnargs = options.args;
    }

    const { err, pipes } = this._handle.spawn(options, stdio);
    stopReadingSharedStreams(options.stdio);
    if (isRuntimeSpawnError(err)) {
      process.nextTick(onErrorNT, this, err);
      if (err === UV_EMFILE || err === UV_ENFILE) return err;
    } else if (err) {
      this._handle.close();
      this._handle = null;
      throw new ErrnoException(err, 'spawn');
    } else {
      process.nextTick(onSpawnNT, this);
    }
    this.pid = this._handle.pid;

    const streams = stdio.map((s, i) => {
      if (s !== 'pipe' || i > 2) return null;
      if (i === 0) return createSocket(pipes[0], false);
      const stream = createSocket(pipes[i], true);
      this._closesNeeded++;
      stream.on('close', () => maybeClose(this));
      return stream;
    });
    this.stdin = streams[0];
    this.stdout = streams[1];
    this.stderr = streams[2];
    this.stdio = streams;
    return err;
  }

  kill(sig) {
    const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
    if (this._handle) {
      const err = this._handle.kill(signal);
      if (err === 0) {
        this.killed = true;
        return true;
      }
      if (err === UV_ESRCH) {
        // Already gone: nothing to do.
      } else if (err === UV_EINVAL || err === UV_ENOSYS) {
        throw new ErrnoException(err, 'kill');
      } else {
        this.emit('error', new ErrnoException(err, 'kill'));
      }
    }
    return false;
  }

  [Symbol.dispose ?? Symbol.for('nodejs.dispose')]() {
    if (!this.killed) this.kill();
  }

  ref() {
    if (this._handle) this._handle.ref();
  }

  unref() {
    if (this._handle) this._handle.unref();
  }
}

function toBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Runs a child to completion; `options` comes from normalizeSpawnArguments.
function spawnSync(options) {
  const stdio = getValidStdio(options.stdio || 'pipe', true);
  let input;
  if (options.input) {
    input = options.input;
  } else if (Array.isArray(options.stdio) && options.stdio[0] && options.stdio[0].input != null) {
    input = options.stdio[0].input;
  }
  if (input != null) {
    if (typeof input === 'string') {
      input = Buffer.from(input, options.encoding);
    } else if (!isArrayBufferView(input)) {
      throw new ERR_INVALID_ARG_TYPE('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
    }
  }
  const native = binding.spawnSync({
    file: options.file,
    args: options.args,
    cwd: options.cwd,
    envPairs: options.envPairs,
    stdio: bindingStdio(stdio),
    detached: options.detached,
    uid: options.uid,
    gid: options.gid,
    input,
    timeout: options.timeout,
    killSignal: options.killSignal,
    maxBuffer: options.maxBuffer,
  });

  const result = {};
  if (native.error !== undefined) result.error = native.error;
  result.status = native.status;
  result.signal = signalName(native.signal);
  result.output = native.output && native.output.map((o) => (o == null ? null : toBuffer(o)));
  result.pid = native.pid;
  if (result.output && options.encoding && options.encoding !== 'buffer') {
    for (let i = 0; i < result.output.length; i++) {
      if (result.output[i]) result.output[i] = result.output[i].toString(options.encoding);
    }
  }
  result.stdout = result.output && result.output[1];
  result.stderr = result.output && result.output[2];
  if (result.error !== undefined) {
    const err = new ErrnoException(result.error, `spawnSync ${options.file}`);
    err.path = options.file;
    err.spawnargs = options.args.slice(1);
    result.error = err;
  }
  return result;
}

module.exports = {
  ChildProcess,
  getValidStdio,
  spawnSync,
  stdioStringToArray,
};

'use strict';
// process.stdout / process.stderr: synchronous writers on fds 1 and 2 (node's
// writes to files, pipes and terminals are synchronous too, so nothing is lost
// at exit), shaped like writable streams.

// Only the stream classes stdio needs, not all of node:stream (start-up cost).
const Writable = require('internal/streams/writable');
const { writeFdSync } = internalBinding('fs');
const { isatty, windowSize } = internalBinding('process');

// A Writable whose every write reaches the fd before write() returns.
class StdioWriter extends Writable {
  constructor(fd) {
    super({ decodeStrings: false, emitClose: false, autoDestroy: true });
    this.fd = fd;
    this._isStdio = true;
    this.destroySoon = this.destroy;
    if (isatty(fd)) {
      this.isTTY = true;
    }
  }

  get columns() {
    return this.isTTY ? windowSize(this.fd)?.[0] : undefined;
  }

  get rows() {
    return this.isTTY ? windowSize(this.fd)?.[1] : undefined;
  }

  getWindowSize() {
    return windowSize(this.fd) ?? [80, 24];
  }

  // Colour support is a terminal's property: pipes and files have none
  // (node's non-TTY stdio streams have no such methods at all).
  hasColors(count, env) {
    return this.isTTY === true && require('internal/tty').hasColors(count, env);
  }

  getColorDepth(env) {
    return this.isTTY === true ? require('internal/tty').getColorDepth(env) : 1;
  }

  _write(chunk, encoding, callback) {
    try {
      writeFdSync(this.fd, typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' ?
        require('buffer').Buffer.from(chunk, encoding) : chunk);
    } catch (err) {
      // A closed pipe (EPIPE) becomes an 'error' event, as in node.
      callback(err);
      return;
    }
    callback();
  }

  // node never closes fds 1 and 2: destroying only marks the stream.
  _destroy(err, callback) {
    callback(err);
  }
}

// stdin as a Readable: each read runs on the thread pool (a blocking read of
// fd 0); end of input pushes null.
class StdinReader extends require('internal/streams/readable') {
  constructor(fd = 0) {
    super({ highWaterMark: 64 * 1024, autoDestroy: false, emitClose: false });
    this.fd = fd;
    if (isatty(fd)) this.isTTY = true;
  }

  _read(size) {
    const { Buffer } = require('buffer');
    const buf = Buffer.allocUnsafe(Math.min(size, 64 * 1024));
    require('fs').read(this.fd, buf, 0, buf.length, null, (err, bytesRead) => {
      if (err) {
        this.destroy(err);
        return;
      }
      this.push(bytesRead > 0 ? buf.subarray(0, bytesRead) : null);
    });
  }

  setRawMode(mode) {
    this.isRaw = !!mode;
    return this;
  }
}

function createWritableStdioStream(fd) {
  return new StdioWriter(fd);
}

function createStdin() {
  return new StdinReader(0);
}

module.exports = { StdioWriter, StdinReader, createWritableStdioStream, createStdin };

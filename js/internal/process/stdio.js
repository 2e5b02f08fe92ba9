'use strict';
// process.stdout / process.stderr: synchronous writers on fds 1 and 2 (node's
// writes to files, pipes and terminals are synchronous too, so nothing is lost
// at exit), shaped like writable streams.

const EventEmitter = require('events');
const { writeFdSync } = internalBinding('fs');
const { isatty, windowSize } = internalBinding('process');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_STREAM_DESTROYED } } = require('internal/errors');

class StdioWriter extends EventEmitter {
  constructor(fd) {
    super();
    this.fd = fd;
    this._isStdio = true;
    this.writable = true;
    this.destroyed = false;
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

  hasColors(count = 16) {
    return this.getColorDepth() >= Math.log2(count);
  }

  getColorDepth() {
    if (process.env.NO_COLOR !== undefined) return 1;
    if (!this.isTTY) return 1;
    return process.env.TERM === 'dumb' ? 1 : 8;
  }

  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
    }
    if (this.destroyed) {
      const err = new ERR_STREAM_DESTROYED('write');
      process.nextTick(() => (callback ? callback(err) : this.emit('error', err)));
      return false;
    }
    if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8') {
      chunk = require('buffer').Buffer.from(chunk, encoding);
    }
    try {
      writeFdSync(this.fd, chunk);
    } catch (err) {
      // A closed pipe (EPIPE) is reported like node: as an 'error' event.
      process.nextTick(() => (callback ? callback(err) : this.emit('error', err)));
      return false;
    }
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
    }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (typeof callback === 'function') process.nextTick(callback);
    return this;
  }

  cork() {}
  uncork() {}
  setDefaultEncoding() { return this; }
  destroySoon() { this.destroy(); }
  destroy() {
    this.destroyed = true;
    return this;
  }
}

function createWritableStdioStream(fd) {
  return new StdioWriter(fd);
}

// Reading stdin needs the stream module; until then stdin is an emitter that
// never produces data (it does not keep the process alive either).
class StdinReader extends EventEmitter {
  constructor(fd = 0) {
    super();
    this.fd = fd;
    if (isatty(fd)) this.isTTY = true;
  }

  setEncoding() { return this; }
  resume() { return this; }
  pause() { return this; }
  setRawMode(mode) {
    this.isRaw = !!mode;
    return this;
  }
}

function createStdin() {
  return new StdinReader(0);
}

module.exports = { StdioWriter, StdinReader, createWritableStdioStream, createStdin };

'use strict';
// node:tty: isatty, and the terminal stream classes process.stdout/stderr/stdin use.

const { isatty: isattyFd } = internalBinding('process');
const { StdioWriter, StdinReader } = require('internal/process/stdio');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && isattyFd(fd);
}

// tty.WriteStream(fd): a synchronous writer on a terminal (node's is a net.Socket).
class WriteStream extends StdioWriter {
  constructor(fd) {
    super(fd);
    this.isTTY = true;
  }
}

class ReadStream extends StdinReader {
  constructor(fd) {
    super(fd);
    this.isTTY = true;
    this.isRaw = false;
  }
}

module.exports = { isatty, ReadStream, WriteStream };

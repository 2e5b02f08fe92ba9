'use strict';
// fs.BigIntStats (`stat(path, { bigint: true })`), built from the Rust stat
// op's BigInt form: ten integer fields, then the four times in nanoseconds.

const { Stats } = require('internal/fs/stats');

const kNsPerMs = 1000000n;

function dateFromNs(ns) {
  return new Date(Number(ns / kNsPerMs));
}

function BigIntStats(fields) {
  [this.dev, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.blksize, this.ino,
    this.size, this.blocks] = fields;
  const [atimeNs, mtimeNs, ctimeNs, birthtimeNs] = fields.slice(10);
  this.atimeMs = atimeNs / kNsPerMs;
  this.mtimeMs = mtimeNs / kNsPerMs;
  this.ctimeMs = ctimeNs / kNsPerMs;
  this.birthtimeMs = birthtimeNs / kNsPerMs;
  this.atimeNs = atimeNs;
  this.mtimeNs = mtimeNs;
  this.ctimeNs = ctimeNs;
  this.birthtimeNs = birthtimeNs;
  this.atime = dateFromNs(atimeNs);
  this.mtime = dateFromNs(mtimeNs);
  this.ctime = dateFromNs(ctimeNs);
  this.birthtime = dateFromNs(birthtimeNs);
}

const S_IFMT = 0o170000n;

function isType(type) {
  return function check() {
    return (this.mode & S_IFMT) === type;
  };
}

BigIntStats.prototype.isFile = isType(0o100000n);
BigIntStats.prototype.isDirectory = isType(0o040000n);
BigIntStats.prototype.isCharacterDevice = isType(0o020000n);
BigIntStats.prototype.isBlockDevice = isType(0o060000n);
BigIntStats.prototype.isFIFO = isType(0o010000n);
BigIntStats.prototype.isSymbolicLink = isType(0o120000n);
BigIntStats.prototype.isSocket = isType(0o140000n);

// Build the right kind of stats from the op's array.
function statsFrom(fields) {
  return typeof fields[0] === 'bigint' ? new BigIntStats(fields) : new Stats(fields);
}

module.exports = { BigIntStats, statsFrom };

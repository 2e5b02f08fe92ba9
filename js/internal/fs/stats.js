'use strict';
// fs.Stats, built from the 14 numbers the Rust stat op returns.

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;
const S_IFIFO = 0o010000;
const S_IFLNK = 0o120000;
const S_IFSOCK = 0o140000;

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

function Stats(fields) {
  [this.dev, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.blksize, this.ino,
    this.size, this.blocks, this.atimeMs, this.mtimeMs, this.ctimeMs, this.birthtimeMs] = fields;
  this.atime = dateFromMs(this.atimeMs);
  this.mtime = dateFromMs(this.mtimeMs);
  this.ctime = dateFromMs(this.ctimeMs);
  this.birthtime = dateFromMs(this.birthtimeMs);
}

function isType(type) {
  return function check() {
    return (this.mode & S_IFMT) === type;
  };
}

Stats.prototype.isFile = isType(S_IFREG);
Stats.prototype.isDirectory = isType(S_IFDIR);
Stats.prototype.isCharacterDevice = isType(S_IFCHR);
Stats.prototype.isBlockDevice = isType(S_IFBLK);
Stats.prototype.isFIFO = isType(S_IFIFO);
Stats.prototype.isSymbolicLink = isType(S_IFLNK);
Stats.prototype.isSocket = isType(S_IFSOCK);

module.exports = { Stats };

'use strict';
// node:fs/promises (also `fs.promises`). Each function runs the same Rust op
// as the callback API on the thread pool and settles a promise; argument
// errors reject rather than throw, as these are async functions in node.

const fs = require('fs');
const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { validateBuffer } = require('internal/validators');
const { constants, getOptions, fileHandleClass } = require('internal/fs/utils');

// Calls a callback-style fs function and settles with its single result.
function call(fn, ...args) {
  return new Promise((resolve, reject) => {
    fn(...args, (err, value) => (err ? reject(err) : resolve(value)));
  });
}

// A FileHandle that has been closed fails as node's does.
function closedError(syscall) {
  const err = new Error('file closed');
  err.code = 'EBADF';
  err.syscall = syscall;
  return err;
}

const kFd = Symbol('kFd');

class FileHandle extends EventEmitter {
  constructor(fd) {
    super();
    this[kFd] = fd;
  }

  get fd() {
    return this[kFd];
  }

  #check(syscall) {
    if (this[kFd] === -1) throw closedError(syscall);
    return this[kFd];
  }

  async close() {
    if (this[kFd] === -1) return;
    const fd = this[kFd];
    this[kFd] = -1;
    await call(fs.close, fd);
    this.emit('close');
  }

  createReadStream(options = undefined) {
    return fs.createReadStream(null, { ...options, fd: this });
  }

  createWriteStream(options = undefined) {
    return fs.createWriteStream(null, { ...options, fd: this });
  }

  async [Symbol.asyncDispose]() {
    return this.close();
  }

  async read(buffer, offset, length, position) {
    const fd = this.#check('read');
    if (buffer !== undefined && buffer !== null && !ArrayBuffer.isView(buffer)) {
      ({ buffer, offset, length, position } = buffer);
    } else if (offset !== null && typeof offset === 'object') {
      ({ offset, length, position } = offset);
    }
    buffer ??= Buffer.alloc(16384);
    validateBuffer(buffer);
    offset ??= 0;
    length ??= buffer.byteLength - offset;
    if (length === 0) return { bytesRead: 0, buffer };
    const bytesRead = await readInto(fd, buffer, offset, length, position ?? null);
    return { bytesRead, buffer };
  }

  // write(buffer, offset, length, position), write(buffer, options) or
  // write(string, position, encoding).
  async write(buffer, offsetOrOptions, length, position) {
    const fd = this.#check('write');
    return new Promise((resolve, reject) => {
      const done = (err, bytesWritten) => (err ? reject(err) : resolve({ bytesWritten, buffer }));
      if (!ArrayBuffer.isView(buffer)) {
        fs.write(fd, buffer, offsetOrOptions ?? null, length ?? 'utf8', done);
      } else if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
        fs.write(fd, buffer, offsetOrOptions, done);
      } else {
        const offset = offsetOrOptions ?? 0;
        fs.write(fd, buffer, offset, length ?? buffer.byteLength - offset, position ?? null, done);
      }
    });
  }

  async readFile(options) {
    const fd = this.#check('read');
    return call(fs.readFile, fd, options);
  }

  async writeFile(data, options) {
    const fd = this.#check('write');
    return call(fs.writeFile, fd, data, options);
  }

  async appendFile(data, options) {
    const fd = this.#check('write');
    return call(fs.writeFile, fd, data, options);
  }

  async stat(options) {
    return call(fs.fstat, this.#check('fstat'), options ?? {});
  }

  async truncate(len = 0) {
    return call(fs.ftruncate, this.#check('ftruncate'), len);
  }

  async sync() {
    return call(fs.fsync, this.#check('fsync'));
  }

  async datasync() {
    return call(fs.fdatasync, this.#check('fdatasync'));
  }

  async chmod(mode) {
    return call(fs.fchmod, this.#check('fchmod'), mode);
  }

  async chown(uid, gid) {
    return call(fs.fchown, this.#check('fchown'), uid, gid);
  }

  async utimes(atime, mtime) {
    return call(fs.futimes, this.#check('futime'), atime, mtime);
  }
}

function readInto(fd, buffer, offset, length, position) {
  return new Promise((resolve, reject) => {
    fs.read(fd, buffer, offset, length, position, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead)));
  });
}

fileHandleClass.FileHandle = FileHandle;

// A path or a FileHandle: FileHandles read and write through their fd.
function target(file) {
  return file instanceof FileHandle ? file.fd : file;
}

async function open(path, flags, mode) {
  const fd = await call(fs.open, path, flags, mode);
  return new FileHandle(fd);
}

async function readFile(path, options) {
  return call(fs.readFile, target(path), options);
}

async function writeFile(path, data, options) {
  return call(fs.writeFile, target(path), data, options);
}

async function appendFile(path, data, options) {
  return call(fs.appendFile, target(path), data, options);
}

async function stat(path, options) {
  return call(fs.stat, path, options ?? {});
}

async function lstat(path, options) {
  return call(fs.lstat, path, options ?? {});
}

async function readdir(path, options) {
  return call(fs.readdir, path, options);
}

async function mkdir(path, options) {
  return call(fs.mkdir, path, options);
}

async function mkdtemp(prefix, options) {
  return call(fs.mkdtemp, prefix, options);
}

async function rm(path, options) {
  return call(fs.rm, path, options);
}

async function rmdir(path, options) {
  return call(fs.rmdir, path, options);
}

async function unlink(path) {
  return call(fs.unlink, path);
}

async function rename(oldPath, newPath) {
  return call(fs.rename, oldPath, newPath);
}

async function copyFile(src, dest, mode) {
  return call(fs.copyFile, src, dest, mode);
}

async function access(path, mode) {
  return call(fs.access, path, mode);
}

async function chmod(path, mode) {
  return call(fs.chmod, path, mode);
}

async function chown(path, uid, gid) {
  return call(fs.chown, path, uid, gid);
}

async function lchown(path, uid, gid) {
  return call(fs.lchown, path, uid, gid);
}

async function truncate(path, len = 0) {
  return call(fs.truncate, path, len);
}

async function utimes(path, atime, mtime) {
  return call(fs.utimes, path, atime, mtime);
}

async function lutimes(path, atime, mtime) {
  return call(fs.lutimes, path, atime, mtime);
}

async function readlink(path, options) {
  return call(fs.readlink, path, options);
}

async function symlink(target, path, type) {
  return call(fs.symlink, target, path, type);
}

async function link(existingPath, newPath) {
  return call(fs.link, existingPath, newPath);
}

async function realpath(path, options) {
  getOptions(options);
  return call(fs.realpath, path, options);
}

module.exports = {
  access,
  appendFile,
  chmod,
  chown,
  copyFile,
  lchown,
  link,
  lstat,
  lutimes,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  symlink,
  truncate,
  unlink,
  utimes,
  writeFile,
  constants,
};

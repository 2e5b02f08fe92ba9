'use strict';

// The handle side of node:dgram: which family a socket type means, the
// lookup a socket resolves names with, and a UDP handle made for both.

const { UDP } = internalBinding('udp_wrap');
const { guessHandleType } = internalBinding('pipe_wrap');
const { codes: { ERR_SOCKET_BAD_TYPE } } = require('internal/errors');
const { isInt32, validateFunction } = require('internal/validators');

const kStateSymbol = Symbol('kStateSymbol');

const FAMILIES = { __proto__: null, udp4: 4, udp6: 6 };

// Addresses used when the caller gives none: the any-address to bind,
// the loopback to send or connect to.
const ANY = { __proto__: null, 4: '0.0.0.0', 6: '::' };
const LOOPBACK = { __proto__: null, 4: '127.0.0.1', 6: '::1' };

function familyOf(type) {
  const family = FAMILIES[type];
  if (family === undefined) throw new ERR_SOCKET_BAD_TYPE();
  return family;
}

// A UDP handle with `family` and `lookup(address, cb)` on it. dns.lookup is
// read at each call, so a patched dns.lookup is seen.
function newHandle(type, lookup) {
  if (lookup !== undefined) validateFunction(lookup, 'lookup');
  const family = familyOf(type);
  const handle = new UDP();
  handle.family = family;
  handle.lookup = (address, cb) => (lookup ?? require('dns').lookup)(address, family, cb);
  return handle;
}

// dgram._createSocketHandle: a handle bound to address:port (or opened on
// fd), or a negative errno.
function createSocketHandle(address, port, addressType, fd, flags) {
  const handle = newHandle(addressType);
  let err;
  if (isInt32(fd) && fd > 0) {
    err = guessHandleType(fd) === 'UDP' ? handle.open(fd) : -22; // EINVAL
  } else if (port || address) {
    err = handle.family === 6 ? handle.bind6(address, port || 0, flags) : handle.bind(address, port || 0, flags);
  }
  if (err) {
    handle.close();
    return err;
  }
  return handle;
}

module.exports = {
  ANY,
  LOOPBACK,
  kStateSymbol,
  newHandle,
  createSocketHandle,
};

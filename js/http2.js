'use strict';
// node:http2, as far as it goes today: the constants, sensitiveHeaders and
// the settings packing helpers load and work; sessions and servers (connect,
// createServer, createSecureServer) are not implemented yet and throw
// ERR_METHOD_NOT_IMPLEMENTED, so packages that only load http2 work.

const { Buffer } = require('buffer');
const constants = require('internal/http2/constants');
const { ERR_METHOD_NOT_IMPLEMENTED } = require('internal/errors').codes;
const { validateObject } = require('internal/validators');

// Settings identifiers in the order node packs them.
const kSettings = [
  ['headerTableSize', constants.NGHTTP2_SETTINGS_HEADER_TABLE_SIZE],
  ['enablePush', constants.NGHTTP2_SETTINGS_ENABLE_PUSH],
  ['maxConcurrentStreams', constants.NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS],
  ['initialWindowSize', constants.NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE],
  ['maxFrameSize', constants.NGHTTP2_SETTINGS_MAX_FRAME_SIZE],
  ['maxHeaderListSize', constants.NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE],
  ['enableConnectProtocol', constants.NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL],
];

function getDefaultSettings() {
  return {
    headerTableSize: 4096,
    enablePush: true,
    initialWindowSize: 65535,
    maxFrameSize: 16384,
    maxConcurrentStreams: 4294967295,
    maxHeaderListSize: 65535,
    maxHeaderSize: 65535,
    enableConnectProtocol: false,
  };
}

// A SETTINGS frame payload: 6 bytes per setting (16-bit id, 32-bit value).
function getPackedSettings(settings = {}) {
  validateObject(settings, 'settings');
  const entries = [];
  for (const [name, id] of kSettings) {
    const value = settings[name];
    if (value === undefined) continue;
    entries.push([id, typeof value === 'boolean' ? Number(value) : value]);
  }
  const buf = Buffer.alloc(entries.length * 6);
  entries.forEach(([id, value], i) => {
    buf.writeUInt16BE(id, i * 6);
    buf.writeUInt32BE(value, i * 6 + 2);
  });
  return buf;
}

function getUnpackedSettings(buf) {
  const settings = {};
  for (let offset = 0; offset + 6 <= buf.length; offset += 6) {
    const id = buf.readUInt16BE(offset);
    const value = buf.readUInt32BE(offset + 2);
    const entry = kSettings.find(([, known]) => known === id);
    if (!entry) continue;
    settings[entry[0]] = entry[0] === 'enablePush' || entry[0] === 'enableConnectProtocol' ? value !== 0 : value;
  }
  return settings;
}

function notImplemented(name) {
  return function() {
    throw new ERR_METHOD_NOT_IMPLEMENTED(name);
  };
}

module.exports = {
  connect: notImplemented('http2.connect'),
  constants,
  createServer: notImplemented('http2.createServer'),
  createSecureServer: notImplemented('http2.createSecureServer'),
  getDefaultSettings,
  getPackedSettings,
  getUnpackedSettings,
  performServerHandshake: notImplemented('http2.performServerHandshake'),
  sensitiveHeaders: Symbol('nodejs.http2.sensitiveHeaders'),
  Http2ServerRequest: notImplemented('http2.Http2ServerRequest'),
  Http2ServerResponse: notImplemented('http2.Http2ServerResponse'),
};

'use strict';

// node:v8: heap statistics, V8 flags, heap snapshots and node's
// Serializer/Deserializer over V8's value wire format (DefaultSerializer
// writes ArrayBufferViews as host objects, as node does, so data moves
// between node and rnode). Not built: coverage, promiseHooks,
// startupSnapshot building, GCProfiler, setHeapSnapshotNearHeapLimit.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED },
} = require('internal/errors');
const {
  validateBuffer, validateString, validateUint32, validateObject, validateOneOf,
} = require('internal/validators');
const { Readable } = require('stream');
const heap = internalBinding('heap');
const serdes = internalBinding('serdes');

const kLatestWireVersion = 15;

function getHeapStatistics() {
  return heap.heapStatistics();
}

function getHeapSpaceStatistics() {
  return heap.heapSpaceStatistics();
}

function getHeapCodeStatistics() {
  return heap.heapCodeStatistics();
}

function setFlagsFromString(flags) {
  validateString(flags, 'flags');
  heap.setFlagsFromString(flags);
}

function cachedDataVersionTag() {
  return heap.cachedDataVersionTag();
}

// ---- heap snapshots ----

function getHeapSnapshot(options) {
  if (options !== undefined) validateObject(options, 'options');
  const text = heap.takeSnapshot();
  return Readable.from([text], { objectMode: false });
}

let snapshotSequence = 0;

function snapshotFileName() {
  const now = new Date();
  const pad = (n) => `${n}`.padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const sequence = `${++snapshotSequence}`.padStart(3, '0');
  return `Heap.${date}.${time}.${process.pid}.0.${sequence}.heapsnapshot`;
}

function writeHeapSnapshot(filename, options) {
  if (filename !== undefined) validateString(filename, 'path');
  if (options !== undefined) validateObject(options, 'options');
  const target = filename ?? snapshotFileName();
  require('fs').writeFileSync(target, heap.takeSnapshot());
  return target;
}

// Counts live objects made by `ctor`, from a heap snapshot: V8's own
// QueryObjects is not reachable here, so objects are matched by their
// constructor's name, as the snapshot records them.
let queryObjectsWarned = false;

function queryObjects(ctor, options = { format: 'count' }) {
  if (!queryObjectsWarned) {
    queryObjectsWarned = true;
    process.emitWarning('v8.queryObjects() is an experimental feature and might change at any time',
                        'ExperimentalWarning');
  }
  if (typeof ctor !== 'function') throw new ERR_INVALID_ARG_TYPE('constructor', 'Function', ctor);
  validateObject(options, 'options');
  validateOneOf(options.format, 'options.format', ['count', 'summary']);
  if (options.format === 'summary') throw new ERR_METHOD_NOT_IMPLEMENTED('queryObjects summary');
  globalThis.gc?.();
  const snapshot = JSON.parse(heap.takeSnapshot());
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const objectType = types.indexOf('object');
  const name = snapshot.strings.indexOf(ctor.name);
  let count = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    if (snapshot.nodes[i + typeAt] === objectType && snapshot.nodes[i + nameAt] === name) count++;
  }
  return count;
}

// ---- the wire format's primitives, as V8 writes them ----

function varintBytes(value) {
  const out = [];
  let v = BigInt(value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function validateArrayBuffer(value, name) {
  if (!(value instanceof ArrayBuffer) && !(value instanceof SharedArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'SharedArrayBuffer'], value);
  }
}

class Serializer {
  #chunks = [];
  // While a host object is being written, writes go to its own bytes.
  #hostChunks = null;
  #treatViewsAsHostObjects = false;
  #transfers = [];
  #hooks = {
    hostObject: (object) => this.#writeHost(object),
    sharedArrayBufferId: (buffer) => {
      if (typeof this._getSharedArrayBufferId !== 'function') {
        throw this._getDataCloneError(`#<SharedArrayBuffer> could not be cloned.`);
      }
      return this._getSharedArrayBufferId(buffer);
    },
    cloneError: (message) => this._getDataCloneError(message),
  };

  #append(bytes) {
    (this.#hostChunks ?? this.#chunks).push(bytes);
  }

  #writeHost(object) {
    if (typeof this._writeHostObject !== 'function') {
      throw this._getDataCloneError(`Unserializable host object: ${object}`);
    }
    const outer = this.#hostChunks;
    this.#hostChunks = [];
    try {
      this._writeHostObject(object);
      return Buffer.concat(this.#hostChunks);
    } finally {
      this.#hostChunks = outer;
    }
  }

  writeHeader() {
    this.#append(Uint8Array.of(0xff, kLatestWireVersion));
  }

  writeValue(value) {
    const bytes = serdes.serializeValue(value, this.#hooks, this.#treatViewsAsHostObjects, this.#transfers);
    if (bytes !== undefined) this.#append(bytes);
    return true;
  }

  releaseBuffer() {
    const out = Buffer.concat(this.#chunks);
    this.#chunks = [];
    return out;
  }

  transferArrayBuffer(id, arrayBuffer) {
    validateUint32(id, 'id');
    validateArrayBuffer(arrayBuffer, 'arrayBuffer');
    this.#transfers.push(id, arrayBuffer);
  }

  writeUint32(value) {
    this.#append(varintBytes(value >>> 0));
  }

  writeUint64(hi, lo) {
    this.#append(varintBytes((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)));
  }

  writeDouble(value) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, Number(value), true);
    this.#append(bytes);
  }

  writeRawBytes(source) {
    validateBuffer(source, 'source');
    this.#append(Uint8Array.from(bytesOf(source)));
  }

  _setTreatArrayBufferViewsAsHostObjects(flag) {
    this.#treatViewsAsHostObjects = Boolean(flag);
  }
}
Serializer.prototype._getDataCloneError = Error;

class Deserializer {
  #bytes;
  #offset = 0;
  #version = 0;
  #transfers = [];

  constructor(buffer) {
    if (!ArrayBuffer.isView(buffer)) {
      const err = new TypeError('buffer must be a TypedArray or a DataView');
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    this.#bytes = bytesOf(buffer);
    Object.defineProperty(this, 'buffer', { __proto__: null, value: buffer, writable: true, configurable: true });
  }

  readHeader() {
    if (this.#bytes[this.#offset] !== 0xff) {
      throw new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
    }
    this.#offset++;
    const version = this.readUint32();
    if (version > kLatestWireVersion) {
      throw new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
    }
    this.#version = version;
    return true;
  }

  // Host objects are read in the binding, in DefaultSerializer's layout: V8
  // reads them where JavaScript cannot run, so a subclass's own
  // _readHostObject is not called.
  readValue() {
    const [value, offset] = serdes.deserializeValue(this.#bytes, this.#offset, this.#version, Buffer.prototype,
                                                    this.#transfers);
    this.#offset = offset;
    return value;
  }

  getWireFormatVersion() {
    return this.#version;
  }

  transferArrayBuffer(id, arrayBuffer) {
    validateUint32(id, 'id');
    validateArrayBuffer(arrayBuffer, 'arrayBuffer');
    this.#transfers.push(id, arrayBuffer);
  }

  #readVarint(what) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.#offset >= this.#bytes.length) throw new Error(`${what}() failed`);
      const byte = this.#bytes[this.#offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  readUint32() {
    return Number(BigInt.asUintN(32, this.#readVarint('ReadUint32')));
  }

  readUint64() {
    const value = BigInt.asUintN(64, this.#readVarint('ReadUint64'));
    return [Number(value >> 32n), Number(value & 0xffffffffn)];
  }

  readDouble() {
    if (this.#offset + 8 > this.#bytes.length) throw new Error('ReadDouble() failed');
    const view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset + this.#offset, 8);
    this.#offset += 8;
    return view.getFloat64(0, true);
  }

  _readRawBytes(length) {
    validateUint32(length, 'length');
    if (this.#offset + length > this.#bytes.length) throw new Error('ReadRawBytes() failed');
    const at = this.#offset;
    this.#offset += length;
    return at;
  }

  readRawBytes(length) {
    const at = this._readRawBytes(length);
    return Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset + at, length);
  }
}

// The views DefaultSerializer writes as host objects, by the index node uses.
const viewTypes = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, DataView, Buffer, BigInt64Array, BigUint64Array,
];

function viewTypeIndex(view) {
  if (Buffer.isBuffer(view)) return viewTypes.indexOf(Buffer);
  for (let proto = Object.getPrototypeOf(view); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const index = viewTypes.findIndex((type) => type !== Buffer && type.prototype === proto);
    if (index !== -1) return index;
  }
  return -1;
}

class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }

  _writeHostObject(view) {
    const index = ArrayBuffer.isView(view) ? viewTypeIndex(view) : -1;
    if (index === -1) {
      throw new this._getDataCloneError(`Unserializable host object: ${require('util').inspect(view)}`);
    }
    this.writeUint32(index);
    this.writeUint32(view.byteLength);
    this.writeRawBytes(bytesOf(view));
  }
}

class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const index = this.readUint32();
    const Type = viewTypes[index];
    const byteLength = this.readUint32();
    const at = this._readRawBytes(byteLength);
    if (Type === undefined) throw new Error('Unable to deserialize cloned data.');
    const elementSize = Type.BYTES_PER_ELEMENT ?? 1;
    const source = bytesOf(this.buffer);
    // Views must start on their element size: copy when the data does not.
    const copy = new Uint8Array(byteLength);
    copy.set(source.subarray(at, at + byteLength));
    if (Type === Buffer) return Buffer.from(copy.buffer, 0, byteLength);
    return new Type(copy.buffer, 0, byteLength / elementSize);
  }
}

function serialize(value) {
  const serializer = new DefaultSerializer();
  serializer.writeHeader();
  serializer.writeValue(value);
  return serializer.releaseBuffer();
}

function deserialize(buffer) {
  const deserializer = new DefaultDeserializer(buffer);
  deserializer.readHeader();
  return deserializer.readValue();
}

function notBuilt(name) {
  return () => {
    throw new ERR_METHOD_NOT_IMPLEMENTED(name);
  };
}

module.exports = {
  cachedDataVersionTag,
  getHeapSnapshot,
  getHeapStatistics,
  getHeapSpaceStatistics,
  getHeapCodeStatistics,
  setFlagsFromString,
  Serializer,
  Deserializer,
  DefaultSerializer,
  DefaultDeserializer,
  deserialize,
  takeCoverage: notBuilt('takeCoverage'),
  stopCoverage: notBuilt('stopCoverage'),
  serialize,
  writeHeapSnapshot,
  queryObjects,
  startupSnapshot: {
    isBuildingSnapshot: () => false,
    addSerializeCallback: notBuilt('startupSnapshot.addSerializeCallback'),
    addDeserializeCallback: notBuilt('startupSnapshot.addDeserializeCallback'),
    setDeserializeMainFunction: notBuilt('startupSnapshot.setDeserializeMainFunction'),
  },
};

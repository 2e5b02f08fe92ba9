'use strict';

// net.BlockList and net.SocketAddress, in JavaScript: addresses are BigInts
// in IPv6 space, IPv4 ones mapped (::ffff:a.b.c.d), so an IPv4 rule also
// matches its mapped IPv6 form and the other way round, as node's does.

const { isIPv4, isIPv6 } = require('internal/net');
const { customInspectSymbol } = require('internal/util');
const {
  codes: { ERR_INVALID_ADDRESS, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateInt32, validateObject, validatePort, validateString, validateUint32 } =
  require('internal/validators');

const kV4Mapped = 0xffffn << 32n;
const kIsSocketAddress = Symbol('kIsSocketAddress');
const kValue = Symbol('kValue');

function parseIPv4(text) {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseIPv6(text) {
  text = text.replace(/%.*$/, '');
  let tail = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    tail = [Number(v4 >> 16n).toString(16), Number(v4 & 0xffffn).toString(16)];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

class SocketAddress {
  #address;
  #port;
  #family;
  #flowlabel;
  #value;

  static isSocketAddress(value) {
    return value?.[kIsSocketAddress] === true;
  }

  constructor(options = {}) {
    validateObject(options, 'options');
    let { family = 'ipv4' } = options;
    const {
      address = (family === 'ipv4' ? '127.0.0.1' : '::'),
      port = 0,
      flowlabel = 0,
    } = options;
    if (typeof family?.toLowerCase === 'function') family = family.toLowerCase();
    if (family !== 'ipv4' && family !== 'ipv6') {
      throw new ERR_INVALID_ARG_VALUE('options.family', options.family);
    }
    validateString(address, 'options.address');
    validatePort(port, 'options.port');
    validateUint32(flowlabel, 'options.flowlabel', false);
    if (family === 'ipv4' ? !isIPv4(address) : !isIPv6(address)) throw new ERR_INVALID_ADDRESS();
    this.#address = family === 'ipv6' ? address.toLowerCase() : address;
    this.#port = port | 0;
    this.#family = family;
    this.#flowlabel = flowlabel | 0;
    this.#value = family === 'ipv4' ? kV4Mapped | parseIPv4(address) : parseIPv6(address);
  }

  get [kIsSocketAddress]() {
    return true;
  }

  get address() { return this.#address; }
  get port() { return this.#port; }
  get family() { return this.#family; }
  get flowlabel() { return this.#flowlabel; }

  [kValue]() {
    return this.#value;
  }

  [customInspectSymbol](depth, options, inspect) {
    if (depth < 0) return '[SocketAddress]';
    return `SocketAddress ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }

  toJSON() {
    return { address: this.#address, port: this.#port, family: this.#family, flowlabel: this.#flowlabel };
  }
}
function toSocketAddress(value, name, family) {
  if (SocketAddress.isSocketAddress(value)) return value;
  validateString(value, name);
  validateString(family, 'family');
  return new SocketAddress({ address: value, family });
}

function familyLabel(sa) {
  return sa.family === 'ipv4' ? 'IPv4' : 'IPv6';
}

class BlockList {
  #rules = [];

  static isBlockList(value) {
    return value instanceof BlockList;
  }

  [customInspectSymbol](depth, options, inspect) {
    if (depth < 0) return '[BlockList]';
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BlockList ${inspect({ rules: this.rules }, opts)}`;
  }

  addAddress(address, family = 'ipv4') {
    const sa = toSocketAddress(address, 'address', family);
    const value = sa[kValue]();
    this.#rules.unshift({ text: `Address: ${familyLabel(sa)} ${sa.address}`, test: (v) => v === value });
  }

  addRange(start, end, family = 'ipv4') {
    const from = toSocketAddress(start, 'start', family);
    const to = toSocketAddress(end, 'end', family);
    const lo = from[kValue]();
    const hi = to[kValue]();
    if (lo > hi) throw new ERR_INVALID_ARG_VALUE('start', from, 'must come before end');
    this.#rules.unshift({
      text: `Range: ${familyLabel(from)} ${from.address}-${to.address}`,
      test: (v) => v >= lo && v <= hi,
    });
  }

  addSubnet(network, prefix, family = 'ipv4') {
    const sa = toSocketAddress(network, 'network', family);
    validateInt32(prefix, 'prefix', 0, sa.family === 'ipv4' ? 32 : 128);
    const bits = BigInt(sa.family === 'ipv4' ? 96 + prefix : prefix);
    const shift = 128n - bits;
    const base = sa[kValue]() >> shift;
    this.#rules.unshift({
      text: `Subnet: ${familyLabel(sa)} ${sa.address}/${prefix}`,
      test: (v) => (v >> shift) === base,
    });
  }

  check(address, family = 'ipv4') {
    let sa;
    if (SocketAddress.isSocketAddress(address)) {
      sa = address;
    } else {
      validateString(address, 'address');
      validateString(family, 'family');
      try {
        sa = new SocketAddress({ address, family });
      } catch {
        return false;
      }
    }
    const value = sa[kValue]();
    return this.#rules.some((rule) => rule.test(value));
  }

  get rules() {
    return this.#rules.map((rule) => rule.text);
  }
}

module.exports = { BlockList, SocketAddress };

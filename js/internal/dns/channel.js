'use strict';

// The resolver channel behind dns.Resolver: what node's cares_wrap
// ChannelWrap is, in JavaScript. Queries go over UDP (node:dgram) to the
// servers of /etc/resolv.conf or setServers(), one connected socket per
// attempt, `timeout` ms each, `tries` rounds over the servers. Messages are
// encoded and decoded here (RFC 1035 with its compression pointers; SRV,
// NAPTR, CAA records). Completion is req.oncomplete(code, result, ttls),
// `code` a c-ares error code string ('ENOTFOUND', 'ETIMEOUT', ...).

const { Buffer } = require('buffer');
const { isIP, isIPv4 } = require('internal/net');
const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');

const DEFAULT_TIMEOUT = 5000;
const DNS_PORT = 53;
const UV_EINVAL = -22;

const TYPE = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28,
  SRV: 33, NAPTR: 35, ANY: 255, CAA: 257,
};
const TYPE_NAME = {};
for (const name of Object.keys(TYPE)) TYPE_NAME[TYPE[name]] = name;

// DNS response codes as c-ares reports them.
const RCODE_ERRORS = { 1: 'EFORMERR', 2: 'ESERVFAIL', 3: 'ENOTFOUND', 4: 'ENOTIMP', 5: 'EREFUSED' };

class BadResponse extends Error {}

// ---------------------------------------------------------------------------
// Encoding

// The query's name as labels, or null when c-ares would refuse it (EBADNAME).
function encodeName(name) {
  if (name.endsWith('.')) name = name.slice(0, -1);
  const parts = [];
  let total = 0;
  if (name !== '') {
    for (const label of name.split('.')) {
      const bytes = Buffer.from(label, 'latin1');
      if (bytes.length === 0 || bytes.length > 63) return null;
      parts.push(Buffer.from([bytes.length]), bytes);
      total += bytes.length + 1;
    }
  }
  if (total > 254) return null;
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function encodeQuery(id, qname, qtype) {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // recursion desired
  header.writeUInt16BE(1, 4); // one question
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(qtype, 0);
  tail.writeUInt16BE(1, 2); // class IN
  return Buffer.concat([header, qname, tail]);
}

// ---------------------------------------------------------------------------
// Decoding

function need(msg, offset, length) {
  if (offset + length > msg.length) throw new BadResponse();
}

// A (possibly compressed) name at `offset`: [name, offset after it].
function readName(msg, offset) {
  const labels = [];
  let end = -1;
  let jumps = 0;
  for (;;) {
    need(msg, offset, 1);
    const len = msg[offset];
    if (len === 0) {
      offset += 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      need(msg, offset, 2);
      if (end < 0) end = offset + 2;
      if (++jumps > 64) throw new BadResponse();
      offset = msg.readUInt16BE(offset) & 0x3fff;
      continue;
    }
    if (len & 0xc0) throw new BadResponse();
    need(msg, offset + 1, len);
    labels.push(msg.toString('latin1', offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
  return [labels.join('.'), end < 0 ? offset : end];
}

// <character-string>s filling [offset, end).
function readStrings(msg, offset, end) {
  const out = [];
  while (offset < end) {
    const len = msg[offset];
    need(msg, offset + 1, len);
    out.push(msg.toString('utf8', offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
  return out;
}

function formatIPv6(bytes) {
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // The longest run of two or more zero groups becomes '::' (RFC 5952).
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

// One record's data, shaped as node reports it for `type`.
function readRecord(msg, type, offset, length) {
  const end = offset + length;
  switch (type) {
    case TYPE.A:
      if (length !== 4) throw new BadResponse();
      return `${msg[offset]}.${msg[offset + 1]}.${msg[offset + 2]}.${msg[offset + 3]}`;
    case TYPE.AAAA:
      if (length !== 16) throw new BadResponse();
      return formatIPv6(msg.subarray(offset, end));
    case TYPE.CNAME:
    case TYPE.NS:
    case TYPE.PTR:
      return readName(msg, offset)[0];
    case TYPE.MX: {
      need(msg, offset, 2);
      return { exchange: readName(msg, offset + 2)[0], priority: msg.readUInt16BE(offset) };
    }
    case TYPE.TXT:
      return readStrings(msg, offset, end);
    case TYPE.SRV: {
      need(msg, offset, 6);
      return {
        name: readName(msg, offset + 6)[0],
        port: msg.readUInt16BE(offset + 4),
        priority: msg.readUInt16BE(offset),
        weight: msg.readUInt16BE(offset + 2),
      };
    }
    case TYPE.SOA: {
      const [nsname, afterNs] = readName(msg, offset);
      const [hostmaster, at] = readName(msg, afterNs);
      need(msg, at, 20);
      return {
        nsname,
        hostmaster,
        serial: msg.readUInt32BE(at),
        refresh: msg.readUInt32BE(at + 4),
        retry: msg.readUInt32BE(at + 8),
        expire: msg.readUInt32BE(at + 12),
        minttl: msg.readUInt32BE(at + 16),
      };
    }
    case TYPE.NAPTR: {
      need(msg, offset, 4);
      let at = offset + 4;
      const strings = [];
      for (let i = 0; i < 3; i++) {
        need(msg, at, 1);
        const len = msg[at];
        need(msg, at + 1, len);
        strings.push(msg.toString('utf8', at + 1, at + 1 + len));
        at += 1 + len;
      }
      return {
        flags: strings[0],
        service: strings[1],
        regexp: strings[2],
        replacement: readName(msg, at)[0],
        order: msg.readUInt16BE(offset),
        preference: msg.readUInt16BE(offset + 2),
      };
    }
    case TYPE.CAA: {
      need(msg, offset, 2);
      const tagLength = msg[offset + 1];
      need(msg, offset + 2, tagLength);
      const tag = msg.toString('latin1', offset + 2, offset + 2 + tagLength);
      return { critical: msg[offset], [tag]: msg.toString('utf8', offset + 2 + tagLength, end) };
    }
    default:
      return null;
  }
}

// The answer section: [{ type, ttl, data }], or throws an error code.
function parseResponse(msg, id) {
  if (msg.length < 12 || msg.readUInt16BE(0) !== id) throw new BadResponse();
  const flags = msg.readUInt16BE(2);
  const rcode = flags & 0xf;
  if (RCODE_ERRORS[rcode]) return { error: RCODE_ERRORS[rcode] };
  // A truncated answer is asked again over TCP: its records do not matter.
  if (flags & 0x0200) return { answers: [], truncated: true };
  const qdcount = msg.readUInt16BE(4);
  const ancount = msg.readUInt16BE(6);
  let offset = 12;
  for (let i = 0; i < qdcount; i++) {
    offset = readName(msg, offset)[1] + 4;
  }
  const answers = [];
  for (let i = 0; i < ancount; i++) {
    const [, at] = readName(msg, offset);
    need(msg, at, 10);
    const type = msg.readUInt16BE(at);
    const ttl = msg.readUInt32BE(at + 4);
    const length = msg.readUInt16BE(at + 8);
    need(msg, at + 10, length);
    answers.push({ type, ttl, data: readRecord(msg, type, at + 10, length) });
    offset = at + 10 + length;
  }
  return { answers, truncated: false };
}

// What each query returns from the answers: [result, ttls] or an error code.
function shapeResult(kind, answers) {
  const of = (type) => answers.filter((a) => a.type === type && a.data !== null);
  let records;
  switch (kind) {
    case 'ANY':
      records = answers.filter((a) => a.data !== null && ANY_ORDER.includes(a.type));
      records.sort((a, b) => ANY_ORDER.indexOf(a.type) - ANY_ORDER.indexOf(b.type));
      records = records.map(anyRecord);
      return records.length ? [records] : 'ENODATA';
    case 'A':
    case 'AAAA': {
      records = of(TYPE[kind]);
      if (!records.length) return 'ENODATA';
      return [records.map((r) => r.data), records.map((r) => r.ttl)];
    }
    case 'SOA':
      records = of(TYPE.SOA);
      return records.length ? [records[0].data] : 'ENODATA';
    default:
      records = of(TYPE[kind]);
      return records.length ? [records.map((r) => r.data)] : 'ENODATA';
  }
}

// resolveAny lists records grouped by type in node's order.
const ANY_ORDER = [TYPE.A, TYPE.AAAA, TYPE.CNAME, TYPE.MX, TYPE.NS, TYPE.TXT, TYPE.SRV, TYPE.PTR,
                   TYPE.NAPTR, TYPE.SOA, TYPE.CAA];

// resolveAny's records: each with its `type`.
function anyRecord({ type, ttl, data }) {
  const name = TYPE_NAME[type];
  switch (type) {
    case TYPE.A:
    case TYPE.AAAA:
      return { address: data, ttl, type: name };
    case TYPE.CNAME:
    case TYPE.NS:
    case TYPE.PTR:
      return { value: data, type: name };
    case TYPE.TXT:
      return { entries: data, type: name };
    case TYPE.SOA:
      return { ...data, type: name };
    default:
      return { ...data, type: name };
  }
}

// ---------------------------------------------------------------------------
// Servers

function systemServers() {
  let text = '';
  try {
    text = require('fs').readFileSync('/etc/resolv.conf', 'latin1');
  } catch {
    // No resolv.conf: c-ares falls back to the local host.
  }
  const servers = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m) {
      const ip = m[1].split('%')[0];
      if (isIP(ip)) servers.push([ip, DNS_PORT]);
    }
  }
  return servers.length ? servers : [['127.0.0.1', DNS_PORT]];
}

function reverseName(ip) {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (isIP(ip) !== 6) return null;
  // Expand '::' and write every nibble, lowest first.
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
  const nibbles = groups.map((g) => g.padStart(4, '0')).join('').split('');
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

// ---------------------------------------------------------------------------
// The channel

let dgram;
let net;

class ChannelWrap {
  constructor(timeout, tries) {
    this.timeout = timeout >= 0 ? timeout : DEFAULT_TIMEOUT;
    this.tries = tries;
    this.servers = null; // read from resolv.conf at first use
    this.pending = new Set();
    this.nextId = (Math.random() * 0x10000) >>> 0;
  }

  getServers() {
    this.servers ??= systemServers();
    return this.servers.map(([ip, port]) => [ip, port]);
  }

  // [[family, ip, port], ...] from setServers; c-ares keeps each server
  // once, and refuses while queries are pending (its message, not a code).
  setServers(list) {
    if (this.pending.size > 0) return 'There are pending queries.';
    const seen = new Set();
    this.servers = [];
    for (const [, ip, port] of list) {
      const key = `${ip} ${port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.servers.push([ip, port]);
    }
    return 0;
  }

  // Queries go out from these addresses: one IPv4 and one IPv6 at most.
  setLocalAddress(first, second) {
    const local = { 4: undefined, 6: undefined };
    for (const ip of [first, second]) {
      if (ip === undefined) continue;
      const family = isIP(ip);
      if (family === 0 || local[family] !== undefined) throw new ERR_INVALID_ARG_VALUE('localAddress', ip, 'is not a valid IP address or pair');
      local[family] = ip;
    }
    this.localAddress = local;
  }

  cancel() {
    for (const query of [...this.pending]) query.finish('ECANCELLED');
  }

  query(req, name, kind) {
    const qname = encodeName(name);
    // c-ares reports a name it cannot encode through the callback too, and
    // never sends .onion names out (RFC 7686).
    const refused = qname === null ? 'EBADNAME' : (/\.onion\.?$/i.test(name) ? 'ENOTFOUND' : null);
    if (refused) {
      process.nextTick(() => req.oncomplete(refused));
      return 0;
    }
    const query = new Query(this, req, qname, kind);
    this.pending.add(query);
    process.nextTick(() => query.start());
    return 0;
  }
}

for (const kind of ['A', 'AAAA', 'ANY', 'CAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'PTR', 'NAPTR', 'SOA']) {
  const method = `query${kind[0]}${kind.slice(1).toLowerCase()}`;
  ChannelWrap.prototype[method] = function(req, name) {
    return this.query(req, name, kind);
  };
}

ChannelWrap.prototype.getHostByAddr = function(req, ip) {
  const name = reverseName(ip);
  if (name === null) return UV_EINVAL;
  return this.query(req, name, 'PTR');
};

// One question, tried on each server in turn, `tries` rounds.
class Query {
  constructor(channel, req, qname, kind) {
    this.channel = channel;
    this.req = req;
    this.qname = qname;
    this.kind = kind;
    this.attempt = 0;
    this.socket = null;
    this.timer = null;
    this.lastError = 'ETIMEOUT';
    this.done = false;
  }

  start() {
    if (this.done) return;
    const servers = this.channel.getServers();
    if (servers.length === 0) return this.finish('ECONNREFUSED');
    if (this.attempt >= servers.length * this.channel.tries) return this.finish(this.lastError);
    const [ip, port] = servers[this.attempt % servers.length];
    this.attempt++;
    this.send(ip, port);
  }

  send(ip, port) {
    dgram ??= require('dgram');
    const id = this.channel.nextId = (this.channel.nextId + 1) & 0xffff;
    const socket = this.socket = dgram.createSocket(isIPv4(ip) ? 'udp4' : 'udp6');
    const retry = (code) => {
      if (this.socket !== socket) return;
      this.lastError = code;
      this.closeSocket();
      this.start();
    };
    socket.on('error', (err) => retry(err.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : 'ETIMEOUT'));
    socket.on('message', (msg) => {
      if (this.socket === socket) this.onResponse(msg, id, retry, () => this.sendTcp(ip, port, id));
    });
    const local = this.channel.localAddress?.[isIPv4(ip) ? 4 : 6];
    if (local) socket.bind({ port: 0, address: local, exclusive: true });
    socket.connect(port, ip, (err) => {
      if (err) return retry('ECONNREFUSED');
      socket.send(encodeQuery(id, this.qname, TYPE[this.kind]));
    });
    this.timer = setTimeout(() => retry('ETIMEOUT'), this.channel.timeout);
  }

  // A truncated UDP answer asks again over TCP (2-byte length prefixes), as c-ares.
  sendTcp(ip, port, id) {
    net ??= require('net');
    this.closeSocket();
    const socket = this.socket = net.connect({ port, host: ip });
    const retry = (code) => {
      if (this.socket !== socket) return;
      this.lastError = code;
      this.closeSocket();
      this.start();
    };
    const query = encodeQuery(id, this.qname, TYPE[this.kind]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(query.length);
    socket.on('connect', () => socket.write(Buffer.concat([length, query])));
    socket.on('error', (err) => retry(err.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : 'ETIMEOUT'));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
      const msg = received.subarray(2, 2 + received.readUInt16BE(0));
      if (this.socket === socket) this.onResponse(msg, id, retry, () => this.finish('EBADRESP'));
    });
    this.timer = setTimeout(() => retry('ETIMEOUT'), this.channel.timeout);
  }

  onResponse(msg, id, retry, onTruncated) {
    let parsed;
    try {
      parsed = parseResponse(msg, id);
    } catch {
      if (msg.length >= 2 && msg.readUInt16BE(0) !== id) return; // not ours
      return this.finish('EBADRESP');
    }
    // As c-ares: these answers send the question to the next server.
    if (['ESERVFAIL', 'ENOTIMP', 'EREFUSED'].includes(parsed.error)) return retry(parsed.error);
    if (parsed.error) return this.finish(parsed.error);
    if (parsed.truncated) return onTruncated();
    const shaped = shapeResult(this.kind, parsed.answers);
    if (typeof shaped === 'string') return this.finish(shaped);
    this.finish(null, shaped[0], shaped[1]);
  }

  closeSocket() {
    clearTimeout(this.timer);
    if (this.socket) {
      if (typeof this.socket.destroy === 'function') this.socket.destroy();
      else this.socket.close();
      this.socket = null;
    }
  }

  finish(code, result, ttls) {
    if (this.done) return;
    this.done = true;
    this.closeSocket();
    this.channel.pending.delete(this);
    this.req.oncomplete(code, result, ttls);
  }
}

module.exports = { ChannelWrap, encodeName, parseResponse, TYPE };

'use strict';

// node:punycode (deprecated, DEP0040): Punycode (RFC 3492) and the IDNA
// label helpers, with the API and error messages of punycode.js 2.1.0.
// Node 20 warns about it only under --pending-deprecation.

if (require('internal/options').getOptionValue('--pending-deprecation')) {
  process.emitWarning(
    'The `punycode` module is deprecated. Please use a userland alternative instead.',
    'DeprecationWarning', 'DEP0040');
}

const MAX_INT = 0x7FFFFFFF;
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;

const MESSAGES = {
  'overflow': 'Overflow: input needs wider integers to process',
  'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
  'invalid-input': 'Invalid input',
};

function fail(kind) {
  throw new RangeError(MESSAGES[kind]);
}

// Splits a string into code points; a lone surrogate stays a code point.
function ucs2decode(string) {
  const points = [];
  for (let i = 0; i < string.length; i++) {
    const hi = string.charCodeAt(i);
    if (hi >= 0xD800 && hi <= 0xDBFF && i + 1 < string.length) {
      const lo = string.charCodeAt(i + 1);
      if ((lo & 0xFC00) === 0xDC00) {
        points.push(((hi & 0x3FF) << 10) + (lo & 0x3FF) + 0x10000);
        i++;
        continue;
      }
    }
    points.push(hi);
  }
  return points;
}

function ucs2encode(codePoints) {
  return String.fromCodePoint(...codePoints);
}

// A basic code point's digit value, or BASE when it is not a digit.
function digitOf(cp) {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30 + 26;
  if (cp >= 0x41 && cp <= 0x5A) return cp - 0x41;
  if (cp >= 0x61 && cp <= 0x7A) return cp - 0x61;
  return BASE;
}

// 0..25 -> 'a'..'z', 26..35 -> '0'..'9'
function digitChar(d) {
  return String.fromCharCode(d < 26 ? d + 0x61 : d + 22);
}

function threshold(k, bias) {
  if (k <= bias) return T_MIN;
  if (k >= bias + T_MAX) return T_MAX;
  return k - bias;
}

function adapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return Math.floor(k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

function decode(input) {
  const output = [];
  let basic = input.lastIndexOf('-');
  if (basic < 0) basic = 0;
  for (let j = 0; j < basic; j++) {
    if (input.charCodeAt(j) >= 0x80) fail('not-basic');
    output.push(input.charCodeAt(j));
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  let pos = basic > 0 ? basic + 1 : 0;
  while (pos < input.length) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) fail('invalid-input');
      const digit = digitOf(input.charCodeAt(pos++));
      if (digit >= BASE) fail('invalid-input');
      if (digit > Math.floor((MAX_INT - i) / w)) fail('overflow');
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) fail('overflow');
      w *= BASE - t;
    }
    const count = output.length + 1;
    bias = adapt(i - oldI, count, oldI === 0);
    if (Math.floor(i / count) > MAX_INT - n) fail('overflow');
    n += Math.floor(i / count);
    i %= count;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

function encode(input) {
  const points = ucs2decode(input);
  let out = '';
  for (const cp of points) {
    if (cp < 0x80) out += String.fromCharCode(cp);
  }
  const basicCount = out.length;
  let handled = basicCount;
  if (basicCount) out += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    let m = MAX_INT;
    for (const cp of points) {
      if (cp >= n && cp < m) m = cp;
    }
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) fail('overflow');
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of points) {
      if (cp < n && ++delta > MAX_INT) fail('overflow');
      if (cp !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        out += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      out += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basicCount);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

// Applies fn to each label of a domain (or of the part after '@' in an email).
function mapDomain(domain, fn) {
  const parts = domain.split('@');
  let prefix = '';
  if (parts.length > 1) {
    prefix = parts[0] + '@';
    domain = parts[1];
  }
  const labels = domain.replace(/[\x2E\u3002\uFF0E\uFF61]/g, '.').split('.');
  return prefix + labels.map(fn).join('.');
}

function toUnicode(input) {
  return mapDomain(input, (label) => (/^xn--/.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

function toASCII(input) {
  return mapDomain(input, (label) => (/[^\0-\x7F]/.test(label) ? 'xn--' + encode(label) : label));
}

module.exports = {
  version: '2.1.0',
  ucs2: { decode: ucs2decode, encode: ucs2encode },
  decode,
  encode,
  toASCII,
  toUnicode,
};

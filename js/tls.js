'use strict';
// node:tls, the parts that do not need a TLS engine: the defaults and
// constants, getCiphers, convertALPNProtocols and checkServerIdentity with
// node's rules. Connections (connect, createServer, TLSSocket, secure
// contexts) are not implemented yet: they throw ERR_METHOD_NOT_IMPLEMENTED,
// so code that only loads tls (or takes its plain-HTTP path) works.

const net = require('net');
const { Buffer } = require('buffer');
const { URL } = require('internal/url');
const { ERR_METHOD_NOT_IMPLEMENTED, ERR_TLS_CERT_ALTNAME_INVALID, ERR_OUT_OF_RANGE } =
  require('internal/errors').codes;
const { isArrayBufferView } = require('internal/util/types');

// The suites rustls offers, in OpenSSL's names (what tls will run on).
const kCiphers = [
  'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-ecdsa-chacha20-poly1305',
  'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes256-gcm-sha384', 'ecdhe-rsa-chacha20-poly1305',
  'tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256',
];

function getCiphers() {
  return [...kCiphers];
}

// ALPN names as the wire wants them: each prefixed by its length.
function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const parts = protocols.map((p) => {
      const name = Buffer.from(p);
      if (name.length > 255) throw new ERR_OUT_OF_RANGE('The byte length of the protocol at index 0 exceeds the maximum length.', '<= 255', name.length, true);
      return Buffer.concat([Buffer.from([name.length]), name]);
    });
    out.ALPNProtocols = Buffer.concat(parts);
  } else if (isArrayBufferView(protocols)) {
    out.ALPNProtocols = Buffer.from(protocols.buffer.slice(protocols.byteOffset, protocols.byteOffset + protocols.byteLength));
  }
}

function unfqdn(host) {
  return host.replace(/[.]$/, '');
}

function splitHost(host) {
  return unfqdn(host).replace(/[A-Z]/g, (c) => c.toLowerCase()).split('.');
}

function canonicalizeIP(ip) {
  try {
    return new URL(net.isIPv6(ip) ? `http://[${ip}]` : `http://${ip}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return ip;
  }
}

// subjectaltname entries may be JSON-quoted when they hold ", " or quotes.
function splitAltNames(altNames) {
  if (!altNames.includes('"')) return altNames.split(', ');
  const names = [];
  let current = '';
  for (let i = 0; i < altNames.length; i++) {
    if (altNames.startsWith(', ', i)) {
      names.push(current);
      current = '';
      i++;
    } else if (altNames[i] === '"') {
      const end = findClosingQuote(altNames, i);
      current += JSON.parse(altNames.slice(i, end + 1));
      i = end;
    } else {
      current += altNames[i];
    }
  }
  names.push(current);
  return names;
}

function findClosingQuote(s, start) {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return s.length - 1;
}

// RFC 6125 name matching: one wildcard, only in the left-most label, never
// for a bare public suffix, never inside a punycode label.
function matchesPattern(hostParts, pattern, wildcards) {
  if (!pattern) return false;
  const patternParts = pattern.split('.');
  if (hostParts.length !== patternParts.length) return false;
  if (patternParts.includes('')) return false;
  if (patternParts.some((part) => /[^\u0021-\u007F]/u.test(part))) return false;
  for (let i = hostParts.length - 1; i > 0; i -= 1) {
    if (hostParts[i] !== patternParts[i]) return false;
  }
  const hostLabel = hostParts[0];
  const patternLabel = patternParts[0];
  const pieces = patternLabel.split('*', 3);
  if (pieces.length === 1 || patternLabel.includes('xn--')) return hostLabel === patternLabel;
  if (!wildcards || pieces.length > 2 || patternParts.length <= 2) return false;
  const [prefix, suffix] = pieces;
  return prefix.length + suffix.length <= hostLabel.length &&
    hostLabel.startsWith(prefix) && hostLabel.endsWith(suffix);
}

function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = '' + hostname;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalizeIP(name.slice(11)));
    }
  }

  let valid = false;
  let reason = 'Unknown reason';
  hostname = unfqdn(hostname);
  if (net.isIP(hostname)) {
    valid = ips.includes(canonicalizeIP(hostname));
    if (!valid) reason = `IP: ${hostname} is not in the cert's list: ` + ips.join(', ');
  } else if (dnsNames.length > 0 || subject?.CN) {
    const hostParts = splitHost(hostname);
    const matches = (pattern) => matchesPattern(hostParts, pattern, true);
    if (dnsNames.length > 0) {
      valid = dnsNames.some(matches);
      if (!valid) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      // The Common Name counts only when there are no DNS names.
      const cn = subject.CN;
      valid = Array.isArray(cn) ? cn.some(matches) : matches(cn);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) return new ERR_TLS_CERT_ALTNAME_INVALID(reason, hostname, cert);
  return undefined;
}

function notImplemented(name) {
  return function() {
    throw new ERR_METHOD_NOT_IMPLEMENTED(name);
  };
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:' +
    'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:' +
    'ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:' +
    'DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:' +
    'DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  getCiphers,
  convertALPNProtocols,
  checkServerIdentity,
  createSecureContext: notImplemented('tls.createSecureContext'),
  SecureContext: notImplemented('tls.SecureContext'),
  TLSSocket: notImplemented('tls.TLSSocket'),
  Server: notImplemented('tls.Server'),
  createServer: notImplemented('tls.createServer'),
  connect: notImplemented('tls.connect'),
  createSecurePair: notImplemented('tls.createSecurePair'),
};

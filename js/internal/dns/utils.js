'use strict';

// What the callback and promise resolvers share: the table of record types,
// DNSException, the server-list grammar of setServers/getServers, the
// channel-owning base class, and the one default resolver behind the
// module-level dns.resolve* and dns.promises.resolve*.

const { isIP } = require('internal/net');
const { getSystemErrorName, codes } = require('internal/errors');
const { validateArray, validateInt32, validateString } = require('internal/validators');
const { ChannelWrap } = require('internal/dns/channel');

const { ERR_DNS_SET_SERVERS_FAILED, ERR_INVALID_IP_ADDRESS } = codes;

const DNS_PORT = 53;
// getaddrinfo's "no such name" errnos, which node reports as ENOTFOUND.
const EAI_NOT_FOUND = new Set([-3007, -3008]);

// Resolver method -> [rrtype for resolve(), the channel's query method].
const QUERIES = [
  ['resolveAny', 'ANY', 'queryAny'],
  ['resolve4', 'A', 'queryA'],
  ['resolve6', 'AAAA', 'queryAaaa'],
  ['resolveCaa', 'CAA', 'queryCaa'],
  ['resolveCname', 'CNAME', 'queryCname'],
  ['resolveMx', 'MX', 'queryMx'],
  ['resolveNs', 'NS', 'queryNs'],
  ['resolveTxt', 'TXT', 'queryTxt'],
  ['resolveSrv', 'SRV', 'querySrv'],
  ['resolvePtr', 'PTR', 'queryPtr'],
  ['resolveNaptr', 'NAPTR', 'queryNaptr'],
  ['resolveSoa', 'SOA', 'querySoa'],
  ['reverse', undefined, 'getHostByAddr'],
];

// `queryA ENOTFOUND host`: `code` is a c-ares code string, or an errno.
class DNSException extends Error {
  constructor(code, syscall, hostname) {
    let errno;
    if (typeof code === 'number') {
      errno = code;
      code = EAI_NOT_FOUND.has(code) ? 'ENOTFOUND' : getSystemErrorName(code);
    }
    super(hostname ? `${syscall} ${code} ${hostname}` : `${syscall} ${code}`);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    if (hostname) this.hostname = hostname;
  }
}

// One setServers entry as [family, ip, port]: `ip`, `[ip]`, `[ip]:port`
// or `ipv4:port`; anything else is not an address.
function parseServer(text) {
  const family = isIP(text);
  if (family !== 0) return [family, text, DNS_PORT];
  const bracketed = /^\[([^[\]]*)\]/.exec(text);
  if (bracketed !== null && isIP(bracketed[1]) !== 0) {
    const port = /:(\d+)$/.exec(text);
    return [isIP(bracketed[1]), bracketed[1], (port && Number(port[1])) || DNS_PORT];
  }
  const withPort = /^(.+?):(\d+)$/.exec(text);
  if (withPort !== null && isIP(withPort[1]) !== 0) {
    return [isIP(withPort[1]), withPort[1], Number(withPort[2])];
  }
  throw new ERR_INVALID_IP_ADDRESS(text);
}

// The inverse: the port is left out when it is DNS's own.
function formatServer([ip, port]) {
  if (!port || port === DNS_PORT) return ip;
  return isIP(ip) === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
}

function resolverOptions(options) {
  const { timeout = -1, tries = 4 } = { ...options };
  validateInt32(timeout, 'options.timeout', -1);
  validateInt32(tries, 'options.tries', 1);
  return { timeout, tries };
}

// Owns the channel; the query methods come from the subclasses.
class ResolverBase {
  constructor(options = undefined) {
    const { timeout, tries } = resolverOptions(options);
    this._handle = new ChannelWrap(timeout, tries);
  }

  cancel() {
    this._handle.cancel();
  }

  getServers() {
    return (this._handle.getServers() ?? []).map(formatServer);
  }

  setServers(servers) {
    validateArray(servers, 'servers');
    const parsed = servers.map((server, i) => {
      validateString(server, `servers[${i}]`);
      return parseServer(server);
    });
    const failure = this._handle.setServers(parsed);
    if (failure !== 0) throw new ERR_DNS_SET_SERVERS_FAILED(failure, servers);
  }

  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) validateString(ipv6, 'ipv6');
    this._handle.setLocalAddress(ipv4, ipv6);
  }
}

// Adds one method per QUERIES row, made by makeQuery(queryMethod), and
// resolve() through makeResolve(byType).
function defineQueries(Resolver, makeQuery, makeResolve) {
  const byType = { __proto__: null };
  for (const [method, rrtype, queryMethod] of QUERIES) {
    const query = makeQuery(queryMethod);
    Object.defineProperty(query, 'name', { __proto__: null, value: queryMethod });
    Resolver.prototype[method] = query;
    if (rrtype !== undefined) byType[rrtype] = query;
  }
  Resolver.prototype.resolve = makeResolve(byType);
}

// Results with their TTLs when the caller asked for them.
function withTtls(result, ttls, wanted) {
  if (!wanted || !ttls) return result;
  return result.map((address, i) => ({ address, ttl: ttls[i] }));
}

// The module-level functions are the default resolver's methods, bound.
const DEFAULT_METHODS = ['getServers', 'resolve', ...QUERIES.map(([method]) => method)];
let defaultResolver;

function getDefaultResolver() {
  defaultResolver ??= new ResolverBase();
  return defaultResolver;
}

function setDefaultResolver(resolver) {
  defaultResolver = resolver;
}

function bindDefaultResolver(target, proto) {
  const resolver = getDefaultResolver();
  for (const method of DEFAULT_METHODS) target[method] = proto[method].bind(resolver);
}

// dns.NODATA = 'ENODATA' and so on: c-ares's codes, E-prefixed (EOF is as is).
const errorCodes = {};
for (const name of [
  'NODATA', 'FORMERR', 'SERVFAIL', 'NOTFOUND', 'NOTIMP', 'REFUSED', 'BADQUERY', 'BADNAME',
  'BADFAMILY', 'BADRESP', 'CONNREFUSED', 'TIMEOUT', 'EOF', 'FILE', 'NOMEM', 'DESTRUCTION',
  'BADSTR', 'BADFLAGS', 'NONAME', 'BADHINTS', 'NOTINITIALIZED', 'LOADIPHLPAPI',
  'ADDRGETNETWORKPARAMS', 'CANCELLED',
]) {
  errorCodes[name] = name === 'EOF' ? 'EOF' : `E${name}`;
}

module.exports = {
  DNSException,
  ResolverBase,
  bindDefaultResolver,
  defineQueries,
  errorCodes,
  getDefaultResolver,
  setDefaultResolver,
  withTtls,
};

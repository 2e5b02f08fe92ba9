'use strict';

// node:dns. So far only lookup() (getaddrinfo on the thread pool, through
// internalBinding('cares_wrap')) and its promise twin; the resolver
// (resolve*, Resolver) is not built yet.

const { isIP } = require('internal/net');
const {
  getSystemErrorName,
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateFunction, validateOneOf, validateString, validateBoolean, validateNumber } =
  require('internal/validators');
const { getaddrinfo, GetAddrInfoReqWrap } = internalBinding('cares_wrap');

const ADDRCONFIG = 1024;
const V4MAPPED = 2048;
const ALL = 256;
const UV_EAI_NODATA = -3007;
const UV_EAI_NONAME = -3008;

let defaultResultOrder = 'verbatim';

// `getaddrinfo ENOTFOUND host`, with errno, code, syscall and hostname.
function dnsException(code, syscall, hostname) {
  let errno;
  if (typeof code === 'number') {
    errno = code;
    code = code === UV_EAI_NODATA || code === UV_EAI_NONAME ? 'ENOTFOUND' : getSystemErrorName(code);
  }
  const ex = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
  ex.errno = errno;
  ex.code = code;
  ex.syscall = syscall;
  if (hostname) ex.hostname = hostname;
  return ex;
}

function parseLookupOptions(options) {
  let family = 0;
  let all = false;
  let hints = 0;
  let order = defaultResultOrder;
  if (typeof options === 'number') {
    validateOneOf(options, 'family', [0, 4, 6]);
    family = options;
  } else if (options !== undefined && typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'object'], options);
  } else if (options != null) {
    if (options.hints != null) {
      validateNumber(options.hints, 'options.hints');
      hints = options.hints >>> 0;
      if ((hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) {
        throw new ERR_INVALID_ARG_VALUE('hints', hints);
      }
    }
    if (options.family != null) {
      switch (options.family) {
        case 'IPv4': family = 4; break;
        case 'IPv6': family = 6; break;
        default:
          validateOneOf(options.family, 'options.family', [0, 4, 6]);
          family = options.family;
      }
    }
    if (options.all != null) {
      validateBoolean(options.all, 'options.all');
      all = options.all;
    }
    if (options.verbatim != null) {
      validateBoolean(options.verbatim, 'options.verbatim');
      order = options.verbatim ? 'verbatim' : 'ipv4first';
    }
    if (options.order != null) {
      validateOneOf(options.order, 'options.order', ['ipv4first', 'ipv6first', 'verbatim']);
      order = options.order;
    }
  }
  return { family, all, hints, order };
}

function sortAddresses(addresses, order) {
  if (order === 'verbatim') return addresses;
  const first = order === 'ipv4first' ? 4 : 6;
  return [...addresses.filter((a) => isIP(a) === first), ...addresses.filter((a) => isIP(a) !== first)];
}

function lookup(hostname, options, callback) {
  if (hostname) validateString(hostname, 'hostname');
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { family, all, order } = parseLookupOptions(options);

  if (!hostname) {
    if (all) process.nextTick(callback, null, []);
    else process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    return {};
  }
  const matchedFamily = isIP(hostname);
  if (matchedFamily) {
    if (all) process.nextTick(callback, null, [{ address: hostname, family: matchedFamily }]);
    else process.nextTick(callback, null, hostname, matchedFamily);
    return {};
  }
  const req = new GetAddrInfoReqWrap();
  req.hostname = hostname;
  req.family = family;
  req.all = all;
  getaddrinfo(hostname, family, (err, addresses) => {
    if (err) {
      callback(dnsException(err, 'getaddrinfo', hostname));
      return;
    }
    addresses = sortAddresses(addresses, order);
    if (all) {
      callback(null, addresses.map((address) => ({ address, family: isIP(address) })));
    } else {
      callback(null, addresses[0], isIP(addresses[0]));
    }
  });
  return req;
}

Object.defineProperty(lookup, Symbol.for('nodejs.util.promisify.custom'), {
  value: (hostname, options) => promises.lookup(hostname, options),
  enumerable: false,
});

function setDefaultResultOrder(order) {
  validateOneOf(order, 'dnsOrder', ['verbatim', 'ipv4first', 'ipv6first']);
  defaultResultOrder = order;
}

function getDefaultResultOrder() {
  return defaultResultOrder;
}

const promises = {
  lookup(hostname, options) {
    return new Promise((resolve, reject) => {
      lookup(hostname, options, (err, address, family) => {
        if (err) reject(err);
        else if (Array.isArray(address)) resolve(address);
        else resolve({ address, family });
      });
    });
  },
  setDefaultResultOrder,
  getDefaultResultOrder,
};

function unsupported(name) {
  return function() {
    throw new ERR_INVALID_ARG_VALUE('dns', name, 'is not supported by rnode yet');
  };
}

module.exports = {
  ADDRCONFIG,
  ALL,
  V4MAPPED,
  lookup,
  lookupService: unsupported('lookupService'),
  resolve: unsupported('resolve'),
  setDefaultResultOrder,
  getDefaultResultOrder,
  promises,
  NODATA: 'ENODATA',
  FORMERR: 'EFORMERR',
  SERVFAIL: 'ESERVFAIL',
  NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY',
  BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY',
  BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF',
  FILE: 'EFILE',
  NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION',
  BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS',
  NONAME: 'ENONAME',
  BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI',
  ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};

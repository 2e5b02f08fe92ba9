'use strict';

// node:dns. lookup() is getaddrinfo on the thread pool (through
// internalBinding('cares_wrap')); resolve*, reverse and Resolver query DNS
// servers over UDP (internal/dns/channel.js); lookupService is getnameinfo
// on the pool.

const { isIP } = require('internal/net');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateFunction, validateOneOf, validateString, validateBoolean, validateNumber, validatePort } =
  require('internal/validators');
const { getaddrinfo, getnameinfo, GetAddrInfoReqWrap, GetNameInfoReqWrap } = internalBinding('cares_wrap');

const ADDRCONFIG = 1024;
const V4MAPPED = 2048;
const ALL = 256;

let defaultResultOrder = 'verbatim';

const {
  DNSException,
  bindDefaultResolver,
  setDefaultResolver,
  errorCodes,
} = require('internal/dns/utils');
const { Resolver } = require('internal/dns/callback_resolver');
const { Resolver: PromisesResolver } = require('internal/dns/promises');

function dnsException(code, syscall, hostname) {
  return new DNSException(code, syscall, hostname);
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
    // Bad arguments throw at once, as in node; failures reject.
    if (hostname) validateString(hostname, 'hostname');
    parseLookupOptions(options);
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

// lookupService(address, port, callback): getnameinfo on the pool.
function lookupService(address, port, callback) {
  if (arguments.length !== 3) throw new ERR_MISSING_ARGS('address', 'port', 'callback');
  validateLookupService(address, port);
  validateFunction(callback, 'callback');
  return startLookupService(address, +port, callback);
}

function validateLookupService(address, port) {
  validateString(address, 'address');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
}

function startLookupService(address, port, callback) {
  const req = new GetNameInfoReqWrap();
  req.hostname = address;
  req.port = port;
  getnameinfo(address, port, (err, names) => {
    if (err) callback(dnsException(err, 'getnameinfo', address));
    else callback(null, names[0], names[1]);
  });
  return req;
}

Object.defineProperty(lookupService, Symbol.for('nodejs.util.promisify.custom'), {
  value: (address, port) => promises.lookupService(address, port),
  enumerable: false,
});

promises.lookupService = function lookupService(address, port) {
  if (arguments.length !== 2) throw new ERR_MISSING_ARGS('address', 'port');
  validateLookupService(address, port);
  return new Promise((resolve, reject) => {
    startLookupService(address, +port, (err, hostname, service) => {
      if (err) reject(err);
      else resolve({ hostname, service });
    });
  });
};

// The module-level resolve*, for both APIs, are one default resolver's
// methods; setServers puts a new resolver in its place.
function useDefaultResolver(resolver) {
  if (resolver !== undefined) setDefaultResolver(resolver);
  bindDefaultResolver(module.exports, Resolver.prototype);
  bindDefaultResolver(promises, PromisesResolver.prototype);
}

function defaultResolverSetServers(servers) {
  const resolver = new Resolver();
  resolver.setServers(servers);
  useDefaultResolver(resolver);
}
promises.Resolver = PromisesResolver;
promises.setServers = defaultResolverSetServers;
Object.assign(promises, errorCodes);

module.exports = {
  ADDRCONFIG,
  ALL,
  V4MAPPED,
  lookup,
  lookupService,
  Resolver,
  setDefaultResultOrder,
  getDefaultResultOrder,
  setServers: defaultResolverSetServers,
  promises,
  ...errorCodes,
};

useDefaultResolver();

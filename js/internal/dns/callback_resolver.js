'use strict';

// dns.Resolver: resolve*(name[, options], callback). Each query is a request
// object the channel completes with oncomplete(code, result, ttls).

const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } } = require('internal/errors');
const { DNSException, ResolverBase, defineQueries, withTtls } = require('internal/dns/utils');
const { validateFunction, validateString } = require('internal/validators');

class QueryReqWrap {}

class Resolver extends ResolverBase {}

defineQueries(
  Resolver,
  (queryMethod) => function(name, options, callback) {
    if (callback === undefined) {
      callback = options;
      options = undefined;
    }
    validateString(name, 'name');
    validateFunction(callback, 'callback');
    const ttl = !!options?.ttl;
    const req = new QueryReqWrap();
    req.oncomplete = (code, result, ttls) => {
      if (code) callback(new DNSException(code, queryMethod, name));
      else callback(null, withTtls(result, ttls, ttl));
    };
    const err = this._handle[queryMethod](req, name);
    if (err) throw new DNSException(err, queryMethod, name);
    return req;
  },
  (byType) => function resolve(hostname, rrtype, callback) {
    if (typeof rrtype === 'function') return byType.A.call(this, hostname, rrtype);
    if (typeof rrtype !== 'string') throw new ERR_INVALID_ARG_TYPE('rrtype', 'string', rrtype);
    const query = byType[rrtype];
    if (query === undefined) throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    return query.call(this, hostname, callback);
  },
);

module.exports = { Resolver, QueryReqWrap };

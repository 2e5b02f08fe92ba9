'use strict';

// dns.promises.Resolver: the same queries as dns.Resolver, as promises.

const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
const { DNSException, ResolverBase, defineQueries, withTtls } = require('internal/dns/utils');
const { QueryReqWrap } = require('internal/dns/callback_resolver');
const { validateString } = require('internal/validators');

class Resolver extends ResolverBase {}

defineQueries(
  Resolver,
  (queryMethod) => function(name, options) {
    validateString(name, 'name');
    const ttl = !!options?.ttl;
    return new Promise((resolve, reject) => {
      const req = new QueryReqWrap();
      req.oncomplete = (code, result, ttls) => {
        if (code) reject(new DNSException(code, queryMethod, name));
        else resolve(withTtls(result, ttls, ttl));
      };
      const err = this._handle[queryMethod](req, name);
      if (err) reject(new DNSException(err, queryMethod, name));
    });
  },
  (byType) => function resolve(hostname, rrtype) {
    if (rrtype === undefined) return byType.A.call(this, hostname);
    validateString(rrtype, 'rrtype');
    const query = byType[rrtype];
    if (query === undefined) throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    return query.call(this, hostname);
  },
);

module.exports = { Resolver };

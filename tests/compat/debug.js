'use strict';
const createDebug = require('debug');

createDebug.inspectOpts.hideDate = true;
createDebug.inspectOpts.colors = false;
createDebug.log = (...args) => console.log(...args);
createDebug.enable('app:*,-app:secret');

const log = createDebug('app:main');
const secret = createDebug('app:secret');
const other = createDebug('other');
console.log(log.enabled, secret.enabled, other.enabled, log.namespace);
log('hello %s, you are %d years old', 'world', 42);
log('object %o and json %j', { a: 1, nested: { b: [1, 2] } }, { c: 'x' });
secret('should not print');
other('should not print');
const sub = log.extend('sub');
console.log(sub.namespace, sub.enabled);
sub('from sub');
createDebug.formatters.h = (v) => v.toString('hex');
log('hex %h', Buffer.from('hi'));
console.log(createDebug.disable());
console.log(log.enabled);
console.log(createDebug.enabled('app:x'), createDebug.humanize(1500));

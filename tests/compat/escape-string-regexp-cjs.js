'use strict';
// require() of an ES module (node >= 20.19 / 22): the namespace object.
const ns = require('escape-string-regexp');
const escapeStringRegexp = ns.default;

console.log(Object.keys(ns).join(','), ns.__esModule, typeof escapeStringRegexp);
console.log(escapeStringRegexp('a.b*c?'));

import semver from 'semver';
import { valid, satisfies, Range } from 'semver';
import * as ns from 'semver';
import parse from 'semver/functions/parse.js';

// Named exports of a CommonJS module come from node's static analysis
// (cjs-module-lexer) of `module.exports = { ... }`: print exactly which ones.
console.log(Object.keys(ns).join(','));
console.log(ns.default === semver, 'SEMVER_SPEC_VERSION' in ns, semver.SEMVER_SPEC_VERSION);
console.log(valid('v1.0.0'), satisfies('2.1.0', '^2.0.0'), new Range('1.x').range);
console.log(semver.rcompare('1.0.0', '2.0.0'), parse('3.4.5-pre+build').build.join(','));

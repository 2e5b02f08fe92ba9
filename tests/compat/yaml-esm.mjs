import YAML, { parse, stringify, Document } from 'yaml';
import * as ns from 'yaml';

// 'yaml' resolves through the "node" export condition to CommonJS: its named
// exports come from static analysis of `exports.x = ...`.
console.log(Object.keys(ns).join(','));
console.log(typeof YAML.parse, JSON.stringify(parse('x: [1, 2]\ny: {z: true}')));
const doc = new Document({ hello: 'world', n: [1, 2] });
console.log(doc.toString().trim());
console.log(stringify('a: b'));

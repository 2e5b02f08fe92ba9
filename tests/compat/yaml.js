'use strict';
const YAML = require('yaml');
const { parseDocument, stringify, isMap, Scalar } = require('yaml');

const src = `# comment
app: rnode
list:
  - 1
  - two
  - { k: v }
opt: !!str 123
anchor: &a [x, y]
ref: *a
`;
console.log(JSON.stringify(YAML.parse(src)));
const doc = parseDocument(src);
console.log(isMap(doc.contents), doc.get('app'), doc.getIn(['list', 2, 'k']), doc.commentBefore);
doc.set('app', 'changed');
doc.setIn(['list', 0], 100);
console.log(doc.toString());
console.log(stringify({ a: [1, { b: null }], s: 'multi\nline', n: 1e21, t: true }));
const bad = parseDocument('a: [1\nb: 2');
console.log(bad.errors.length > 0, bad.errors[0].code);
console.log(new Scalar(42).toJSON(), JSON.stringify(YAML.parseAllDocuments('a: 1\n---\nb: 2').map((d) => d.toJS())));

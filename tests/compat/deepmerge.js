'use strict';
const merge = require('deepmerge');

const x = { foo: { bar: 3 }, array: [{ does: 'work', too: [1, 2, 3] }] };
const y = { foo: { baz: 4 }, quux: 5, array: [{ does: 'work', too: [4, 5, 6] }, { really: 'yes' }] };
console.log(JSON.stringify(merge(x, y)));
console.log(JSON.stringify(merge.all([{ a: 1 }, { b: { c: 2 } }, { b: { d: 3 } }])));
const overwrite = (destination, source) => source;
console.log(JSON.stringify(merge([1, 2, 3], [3, 2, 1], { arrayMerge: overwrite })));
const combine = (target, source, options) => {
  const destination = target.slice();
  source.forEach((item, index) => {
    if (typeof destination[index] === 'undefined') destination[index] = options.cloneUnlessOtherwiseSpecified(item, options);
    else if (options.isMergeableObject(item)) destination[index] = merge(target[index], item, options);
    else if (target.indexOf(item) === -1) destination.push(item);
  });
  return destination;
};
console.log(JSON.stringify(merge([{ a: true }], [{ b: true }, 'ah yup'], { arrayMerge: combine })));
const m = merge({ d: new Date(0) }, { r: /x/g }, { isMergeableObject: (v) => v && v.constructor === Object });
console.log(m.d instanceof Date, m.r instanceof RegExp, String(m.r));
console.log(x.foo.baz === undefined, merge({ a: { b: 1 } }, {}).a !== x.foo);

'use strict';
const { produce, produceWithPatches, applyPatches, enablePatches, enableMapSet, freeze, original, current, isDraft, nothing } = require('immer');

enablePatches();
enableMapSet();
const base = [{ title: 'Learn TypeScript', done: true }, { title: 'Try Immer', done: false }];
const next = produce(base, (draft) => {
  draft[1].done = true;
  draft.push({ title: 'Tweet about it' });
  console.log(isDraft(draft), original(draft)[1].done, current(draft).length);
});
console.log(JSON.stringify(next), next[0] === base[0], next[1] === base[1], Object.isFrozen(next));
const [state, patches, inverse] = produceWithPatches({ a: { b: 1 }, list: [1] }, (d) => {
  d.a.b = 2;
  d.list.push(2);
  delete d.a.gone;
});
console.log(JSON.stringify(state), JSON.stringify(patches), JSON.stringify(inverse));
console.log(JSON.stringify(applyPatches({ a: { b: 1 }, list: [1] }, patches)));
const m = produce(new Map([['x', { n: 1 }]]), (d) => { d.get('x').n = 2; d.set('y', { n: 3 }); });
console.log(m instanceof Map, JSON.stringify([...m]));
const s = produce(new Set([1]), (d) => { d.add(2); });
console.log([...s].join(','));
console.log(produce({ a: 1 }, () => nothing), produce(1, () => 2));
const curried = produce((draft, n) => { draft.count += n; });
console.log(JSON.stringify(curried({ count: 1 }, 5)));
const frozen = freeze({ deep: { x: 1 } }, true);
console.log(Object.isFrozen(frozen.deep));
try {
  produce({ a: 1 }, (d) => { d.a = 2; return { a: 3 }; });
} catch (e) {
  console.log('error:', e.message.split('\n')[0].slice(0, 80));
}

import { produce, Immer, castDraft } from 'immer';

const immer = new Immer({ autoFreeze: false });
const out = immer.produce({ x: [1, 2] }, (d) => { d.x.reverse(); });
console.log(JSON.stringify(out), Object.isFrozen(out), typeof castDraft);
const todo = produce({ items: [] }, (d) => { d.items.push('esm'); });
console.log(JSON.stringify(todo), Object.isFrozen(todo));

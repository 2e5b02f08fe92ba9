import pLimit from 'p-limit';

// Tasks wait on gates opened in a fixed order, so the schedule does not depend
// on timer precision.
const gates = {};
const gate = (name) => new Promise((resolve) => { gates[name] = resolve; });
const limit = pLimit(2);
let running = 0;
let maxRunning = 0;
const log = [];
const task = (name) => limit(async () => {
  running++;
  maxRunning = Math.max(maxRunning, running);
  log.push('start ' + name);
  await gate(name);
  running--;
  log.push('end ' + name);
  return name.toUpperCase();
});
const tick = () => new Promise((r) => setTimeout(r, 1));
const p = Promise.all(['a', 'b', 'c', 'd'].map(task));
console.log(limit.activeCount, limit.pendingCount);
await tick();
console.log(limit.activeCount, limit.pendingCount, log.join(', '));
for (const name of ['b', 'c', 'a', 'd']) {
  gates[name]();
  await tick();
  console.log('opened', name, '->', limit.activeCount, limit.pendingCount, Object.keys(gates).join(''));
}
console.log(JSON.stringify(await p), maxRunning, log.join(', '));
console.log(await limit(() => 'sync value'), limit.activeCount);
const failing = limit(async () => { throw new Error('task failed'); });
await failing.catch((e) => console.log('rejected:', e.message));
try {
  pLimit(0);
} catch (e) {
  console.log(e.name, e.message);
}

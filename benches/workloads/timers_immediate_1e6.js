// 1e6 setImmediate callbacks: a chain of 1000 batches of 1000 immediates.
const BATCH = 1000;
const ROUNDS = 1000;
let count = 0;
let round = 0;
function cb() {
  if (++count % BATCH === 0 && ++round < ROUNDS) schedule();
}
function schedule() {
  for (let i = 0; i < BATCH; i++) setImmediate(cb);
}
schedule();
process.on('exit', () => {
  if (count !== BATCH * ROUNDS) throw new Error('count ' + count);
});

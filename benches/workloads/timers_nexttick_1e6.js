// 1e6 process.nextTick callbacks, each scheduling the next.
const N = 1e6;
let count = 0;
function tick() {
  if (++count < N) process.nextTick(tick);
}
process.nextTick(tick);
process.on('exit', () => {
  if (count !== N) throw new Error('count ' + count);
});

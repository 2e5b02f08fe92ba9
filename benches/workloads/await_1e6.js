// 1e6 awaits in an async loop (microtask queue throughput).
const N = 1e6;
async function step(i) {
  return i;
}
(async () => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += await step(i);
  if (sum !== (N * (N - 1)) / 2) throw new Error('sum ' + sum);
})();

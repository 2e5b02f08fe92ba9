// 1e5 setTimeout timers with 20 distinct delays (0..19 ms), plus 1e4 cleared ones.
const N = 1e5;
let fired = 0;
const cb = () => fired++;
for (let i = 0; i < N; i++) setTimeout(cb, i % 20);
const cancelled = [];
for (let i = 0; i < N / 10; i++) cancelled.push(setTimeout(cb, 5));
for (const t of cancelled) clearTimeout(t);
process.on('exit', () => {
  if (fired !== N) throw new Error('fired ' + fired);
});

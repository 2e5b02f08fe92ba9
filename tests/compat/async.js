'use strict';
const async = require('async');

function callbacks(done) {
  const order = [];
  async.series([
    (cb) => setTimeout(() => { order.push('one'); cb(null, 1); }, 20),
    (cb) => setTimeout(() => { order.push('two'); cb(null, 2); }, 10),
  ], (err, results) => {
    console.log('series', err, JSON.stringify(results), order.join(','));
    async.parallel({
      a: (cb) => setTimeout(() => cb(null, 'A'), 15),
      b: (cb) => setImmediate(() => cb(null, 'B')),
    }, (err2, res) => {
      console.log('parallel', err2, JSON.stringify(res));
      async.waterfall([
        (cb) => cb(null, 'x', 'y'),
        (a, b, cb) => cb(null, a + b),
        (ab, cb) => cb(null, ab + 'z'),
      ], (err3, out) => {
        console.log('waterfall', err3, out);
        done();
      });
    });
  });
}

async function promises() {
  const squares = await async.mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
    await new Promise((r) => setTimeout(r, 5 * (6 - n)));
    return n * n;
  });
  console.log('mapLimit', JSON.stringify(squares));
  const odd = await async.filter([1, 2, 3, 4], async (n) => n % 2 === 1);
  console.log('filter', JSON.stringify(odd));
  try {
    await async.eachSeries([1, 2, 3], async (n) => { if (n === 2) throw new Error('boom at ' + n); });
  } catch (e) {
    console.log('eachSeries error', e.message);
  }
  const q = async.queue((task, cb) => { console.log('queue', task.name); setImmediate(cb); }, 1);
  q.push([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  await q.drain();
  console.log('queue drained');
  let tries = 0;
  const r = await async.retry({ times: 3, interval: 1 }, async () => {
    tries++;
    if (tries < 3) throw new Error('again');
    return 'ok after ' + tries;
  });
  console.log('retry', r);
  console.log('auto', JSON.stringify(await async.auto({
    a: async () => 1,
    b: ['a', async (res) => res.a + 1],
    c: ['a', 'b', async (res) => res.a + res.b],
  })));
  const timed = async.timeout((cb) => setTimeout(cb, 200), 20);
  timed((err) => console.log('timeout', err.code, err.message));
}

callbacks(() => promises());

// 5,000 connections to a server on 127.0.0.1, opened at most 100 at a time
// (more would overflow the accept queue), accepted and then held at once
// (idle) before all close. Connect/accept rate and the cost of many idle
// sockets (10,000 fds in one process).
// bench-runs: 5
const net = require('net');

const N = 5000;
const IN_FLIGHT = 100;
const clients = [];
let accepted = 0;
let connected = 0;
let started = 0;

const server = net.createServer((sock) => {
  sock.on('error', () => {});
  accepted++;
  maybeDone();
});
server.listen(0, '127.0.0.1', () => {
  for (let i = 0; i < IN_FLIGHT; i++) openOne();
});

function openOne() {
  if (started === N) return;
  started++;
  const c = net.connect(server.address().port, '127.0.0.1', () => {
    connected++;
    openOne();
    maybeDone();
  });
  c.on('error', (err) => {
    throw err;
  });
  clients.push(c);
}

function maybeDone() {
  if (accepted < N || connected < N) return;
  if (process.env.NET_BENCH_RSS) {
    console.error(`rss per connection pair: ${Math.round(process.memoryUsage().rss / N)} bytes`);
  }
  for (const c of clients) c.destroy();
  server.close();
}

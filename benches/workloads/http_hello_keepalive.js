// HTTP hello world with keep-alive under wrk -t1 -c50 for 3 s (benches/lib/wrk.js):
// milliseconds per 100,000 requests, so lower is faster.
// bench-runs: 3
const http = require('http');
const { drive } = require('../lib/wrk');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('Hello World');
});
server.listen(0, '127.0.0.1', () => {
  drive(server.address().port, { seconds: 3, requests: 100000 }, () => server.close());
});

// POST echo: 64 KiB bodies streamed back, under wrk -t1 -c50 for 3 s:
// milliseconds per 100,000 requests, so lower is faster.
// bench-runs: 3
const http = require('http');
const { drive } = require('../lib/wrk');

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': req.headers['content-length'] });
  req.pipe(res);
});
server.listen(0, '127.0.0.1', () => {
  drive(server.address().port, { seconds: 3, requests: 10000, method: 'POST', body: Buffer.alloc(64 * 1024, 'x') },
        () => server.close());
});

// axios on node's http adapter: GET with params, POST JSON, an error status,
// and a timeout.
const axios = require('axios');
const http = require('http');

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.url.startsWith('/slow')) return setTimeout(() => res.end('late'), 300);
    if (req.url.startsWith('/missing')) { res.statusCode = 404; return res.end('nope'); }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, method: req.method, body, ct: req.headers['content-type'] ?? null }));
  });
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const a = await axios.get(base + '/items', { params: { page: 2 } });
  console.log(a.status, a.data);
  const b = await axios.post(base + '/items', { name: 'x' });
  console.log(b.status, b.data);
  try { await axios.get(base + '/missing'); } catch (e) { console.log('error:', e.response.status, e.response.data, e.message); }
  try { await axios.get(base + '/slow', { timeout: 50 }); } catch (e) { console.log('timeout:', e.code, e.message); }
  server.close();
});

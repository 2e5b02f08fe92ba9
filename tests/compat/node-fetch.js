// node-fetch 2: GET text and JSON, POST a body, redirects followed, headers.
const fetch = require('node-fetch');
const http = require('http');

const server = http.createServer((req, res) => {
  if (req.url === '/redirect') { res.writeHead(302, { Location: '/json' }); return res.end(); }
  if (req.url === '/json') { res.setHeader('content-type', 'application/json'); return res.end('{"ok":true}'); }
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => res.end(`${req.method} ${body} ${req.headers['x-k']}`));
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const r1 = await fetch(base + '/text', { method: 'POST', body: 'payload', headers: { 'X-K': 'v' } });
  console.log(r1.status, r1.ok, await r1.text());
  const r2 = await fetch(base + '/redirect');
  console.log(r2.status, r2.redirected, r2.url.endsWith('/json'), r2.headers.get('content-type'), await r2.json());
  server.close();
});

// express 4: routing with params, middleware order, JSON bodies through
// body-parser, error middleware, 404s, a real client on 127.0.0.1.
const express = require('express');
const bodyParser = require('body-parser');
const http = require('http');

const app = express();
const seen = [];
app.use((req, res, next) => { seen.push(req.method + ' ' + req.path); next(); });
app.use(bodyParser.json());
app.get('/users/:id', (req, res) => res.json({ id: req.params.id, q: req.query.q }));
app.post('/echo', (req, res) => res.status(201).set('X-Len', String(JSON.stringify(req.body).length)).json(req.body));
app.get('/fail', () => { throw new Error('boom'); });
app.use((err, req, res, next) => res.status(500).send('error: ' + err.message));

function call(port, method, path, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ port, host: '127.0.0.1', method, path, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve(`${res.statusCode} ${res.headers['content-type']} ${res.headers['x-len'] ?? '-'} ${text}`));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  console.log(await call(port, 'GET', '/users/42?q=x'));
  console.log(await call(port, 'POST', '/echo', { a: [1, 2, { b: 'c' }] }));
  console.log(await call(port, 'GET', '/fail'));
  console.log((await call(port, 'GET', '/nope')).split('\n')[0].slice(0, 40));
  console.log(seen.join(', '));
  server.close();
});

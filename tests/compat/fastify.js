// fastify: schema-validated routes, JSON replies, inject() and a real listen.
const Fastify = require('fastify');
const http = require('http');

const app = Fastify();
app.post('/sum', {
  schema: { body: { type: 'object', required: ['a', 'b'], properties: { a: { type: 'number' }, b: { type: 'number' } } } },
}, async (req) => ({ sum: req.body.a + req.body.b }));
app.get('/hello/:name', async (req, reply) => { reply.header('x-who', req.params.name); return `hi ${req.params.name}`; });

(async () => {
  const injected = await app.inject({ method: 'POST', url: '/sum', payload: { a: 1, b: 2 } });
  console.log('inject:', injected.statusCode, injected.body);
  const bad = await app.inject({ method: 'POST', url: '/sum', payload: { a: 1 } });
  console.log('invalid:', bad.statusCode, JSON.parse(bad.body).message);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = app.server.address().port;
  const text = await new Promise((resolve) => {
    http.get({ port, host: '127.0.0.1', path: '/hello/ann' }, (res) => {
      let t = '';
      res.on('data', (d) => { t += d; });
      res.on('end', () => resolve(`${res.statusCode} ${res.headers['x-who']} ${res.headers['content-type']} ${t}`));
    });
  });
  console.log('listen:', text);
  await app.close();
  console.log('closed');
})();

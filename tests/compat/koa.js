// koa: async middleware composition, ctx.body as JSON and as a stream.
const Koa = require('koa');
const http = require('http');
const { Readable } = require('stream');

const app = new Koa();
app.use(async (ctx, next) => {
  const start = ctx.path;
  await next();
  ctx.set('X-Path', start);
});
app.use(async (ctx) => {
  if (ctx.path === '/stream') ctx.body = Readable.from(['a', 'b', 'c']);
  else if (ctx.path === '/json') ctx.body = { method: ctx.method, header: ctx.get('x-h') };
  else ctx.throw(418, 'teapot here');
});

function get(port, path) {
  return new Promise((resolve) => {
    http.get({ port, host: '127.0.0.1', path, headers: { 'x-h': 'hv' } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve(`${res.statusCode} ${res.headers['x-path']} ${res.headers['content-type']} ${text}`));
    });
  });
}

const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  for (const p of ['/json', '/stream', '/other']) console.log(await get(port, p));
  server.close();
});

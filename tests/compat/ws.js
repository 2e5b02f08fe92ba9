// ws: a WebSocket server on an http server's 'upgrade', and a ws client:
// text and binary messages both ways, close codes.
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

const server = http.createServer();
const wss = new WebSocketServer({ server });
// Which side sees its close first depends on TCP timing: report both at the end.
const closes = {};
function closed(side, text) {
  closes[side] = text;
  if (closes.server && closes.client) {
    console.log(closes.server);
    console.log(closes.client);
    wss.close();
    server.close(() => console.log('done'));
  }
}

wss.on('connection', (socket, req) => {
  console.log('server: connection', req.url);
  socket.on('message', (data, isBinary) => {
    console.log('server got:', isBinary ? [...data] : data.toString());
    if (!isBinary) socket.send('echo ' + data);
    else socket.send(Buffer.from([...data].reverse()));
  });
  socket.on('close', (code, reason) => closed('server', `server close: ${code} ${reason}`));
});

server.listen(0, '127.0.0.1', () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.address().port}/chat`);
  let n = 0;
  ws.on('open', () => ws.send('hello'));
  ws.on('message', (data, isBinary) => {
    console.log('client got:', isBinary ? [...data] : data.toString());
    if (++n === 1) ws.send(Buffer.from([1, 2, 3]), { binary: true });
    else ws.close(4000, 'bye');
  });
  ws.on('close', (code) => closed('client', `client close: ${code}`));
});

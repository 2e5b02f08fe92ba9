// supertest drives an express app through an ephemeral server.
const request = require('supertest');
const express = require('express');

const app = express();
app.use(express.json());
app.get('/ping', (req, res) => res.set('X-Ping', 'pong').send('pong'));
app.post('/double', (req, res) => res.json({ n: req.body.n * 2 }));

(async () => {
  const r1 = await request(app).get('/ping').expect(200).expect('X-Ping', 'pong');
  console.log('ping:', r1.text);
  const r2 = await request(app).post('/double').send({ n: 21 }).expect('Content-Type', /json/);
  console.log('double:', r2.body);
  await request(app).get('/missing').expect(404);
  console.log('404 ok');
})();

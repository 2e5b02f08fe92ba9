'use strict';
const { z } = require('zod');

const User = z.object({
  name: z.string().min(2),
  age: z.number().int().positive().optional(),
  email: z.string().email(),
  tags: z.array(z.string()).default([]),
  role: z.enum(['admin', 'user']),
});
console.log(JSON.stringify(User.parse({ name: 'Ada', email: 'ada@example.com', role: 'admin' })));
const bad = User.safeParse({ name: 'A', age: -1.5, email: 'nope', role: 'root', extra: 1 });
console.log(bad.success);
for (const issue of bad.error.issues) console.log(issue.path.join('.'), issue.code, issue.message);
console.log(JSON.stringify(bad.error.flatten().fieldErrors));
const Coerced = z.object({ n: z.coerce.number(), d: z.coerce.date() });
const c = Coerced.parse({ n: '42', d: '2020-01-02T00:00:00Z' });
console.log(c.n, c.d.toISOString());
const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), r: z.number() }),
  z.object({ kind: z.literal('square'), s: z.number() }),
]);
console.log(JSON.stringify(Shape.parse({ kind: 'square', s: 2 })), Shape.safeParse({ kind: 'tri' }).success);
const T = z.string().transform((s) => s.length).pipe(z.number().max(5));
console.log(T.parse('abc'), T.safeParse('abcdefg').success);
const R = z.string().refine((s) => s === s.toUpperCase(), { message: 'must be upper' });
console.log(R.safeParse('abc').error.issues[0].message);
try {
  z.number().parse('x');
} catch (e) {
  console.log(e.constructor.name, e instanceof z.ZodError, e.issues[0].code);
}
z.string().parseAsync('async ok').then((v) => console.log(v));

import { z, ZodError } from 'zod';
import zDefault from 'zod';

console.log(typeof zDefault.object, typeof ZodError);
const Schema = z.record(z.string(), z.tuple([z.number(), z.boolean()]));
console.log(JSON.stringify(Schema.parse({ a: [1, true] })), Schema.safeParse({ a: [1] }).success);
const P = z.object({ a: z.string() }).partial().strict();
console.log(JSON.stringify(P.parse({})), P.safeParse({ b: 1 }).error.issues[0].code);
console.log(await z.promise(z.number()).parseAsync(Promise.resolve(7)));

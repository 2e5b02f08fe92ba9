import { nanoid, customAlphabet, urlAlphabet, random } from 'nanoid';
import { nanoid as insecure } from 'nanoid/non-secure';

const id = nanoid();
console.log(id.length, /^[A-Za-z0-9_-]+$/.test(id), nanoid(10).length, id !== nanoid());
const hex = customAlphabet('0123456789abcdef', 12);
const h = hex();
console.log(h.length, /^[0-9a-f]{12}$/.test(h), hex(4).length);
console.log(urlAlphabet.length, random(8).length, random(8) instanceof Uint8Array);
console.log(insecure().length, insecure(5).length);

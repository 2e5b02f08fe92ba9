import { v4, v5, validate, version, NIL } from 'uuid';
import * as uuid from 'uuid';

const id = v4();
console.log(id.length, validate(id), version(id), NIL);
console.log(v5('rnode', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'));
console.log(Object.keys(uuid).sort().join(','));

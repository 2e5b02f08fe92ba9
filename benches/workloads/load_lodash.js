// Loading a big package: lodash (from tests/compat/node_modules, installed by `make test`).
const path = require('path');
const lodashPath = path.join(__dirname, '..', '..', 'tests', 'compat', 'node_modules', 'lodash');
const _ = require(lodashPath);
if (_.chunk([1, 2, 3, 4], 2).length !== 2) throw new Error('lodash broken');

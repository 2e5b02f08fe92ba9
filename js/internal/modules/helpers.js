'use strict';
// Helpers shared by the REPL and `-e`/`-p`: node's addBuiltinLibsToObject.

const Module = require('internal/modules/cjs/loader');

// Built-in modules as lazy globals (`fs`, `path`, ...), replaceable by assignment.
// Built-ins load through the one built-in loader, as user `require` does.
function addBuiltinLibsToObject(object) {
  for (const name of Module.builtinModules) {
    if (name.startsWith('_') || name.includes('/') || Object.prototype.hasOwnProperty.call(object, name)) continue;
    const setReal = (value) => {
      delete object[name];
      object[name] = value;
    };
    Object.defineProperty(object, name, {
      __proto__: null,
      configurable: true,
      enumerable: false,
      get: () => {
        const lib = require(name);
        Object.defineProperty(object, name, {
          __proto__: null, get: () => lib, set: setReal, configurable: true, enumerable: false,
        });
        return lib;
      },
      set: setReal,
    });
  }
}

module.exports = { addBuiltinLibsToObject };

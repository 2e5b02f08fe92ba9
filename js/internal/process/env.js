'use strict';
// process.env: a proxy over a plain snapshot of the environment, so writes reach
// the real environment (child processes see them) and values are coerced to strings.

const binding = internalBinding('process');

function createEnv() {
  const target = {};
  const flat = binding.envKeys();
  for (let i = 0; i < flat.length; i += 2) target[flat[i]] = flat[i + 1];
  return new Proxy(target, {
    set(obj, key, value) {
      if (typeof key === 'symbol') {
        throw new TypeError('Cannot convert a Symbol value to a string');
      }
      const str = `${value}`;
      obj[key] = str;
      binding.setEnv(key, str);
      return true;
    },
    defineProperty(obj, key, desc) {
      const str = `${desc.value}`;
      binding.setEnv(String(key), str);
      return Reflect.defineProperty(obj, key, { ...desc, value: str, writable: true, enumerable: true, configurable: true });
    },
    deleteProperty(obj, key) {
      if (typeof key !== 'symbol') binding.unsetEnv(key);
      delete obj[key];
      return true;
    },
  });
}

module.exports = { createEnv };

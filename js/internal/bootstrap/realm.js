'use strict';
// The built-in module loader. Runs first, as a function of (internalBinding),
// and returns `requireBuiltin`. Built-ins are compiled lazily on first require,
// so a program pays only for the modules it uses.

const bindingCache = { __proto__: null };
function cachedInternalBinding(name) {
  let binding = bindingCache[name];
  if (binding === undefined) {
    binding = internalBinding(name);
    bindingCache[name] = binding;
  }
  return binding;
}

const { compileBuiltin, ids } = cachedInternalBinding('builtins');
const builtinIds = new Set(ids);
const moduleCache = new Map();
const primordials = Object.freeze({ __proto__: null });

function requireBuiltin(id) {
  if (id.startsWith('node:')) id = id.slice(5);
  const cached = moduleCache.get(id);
  if (cached !== undefined) return cached.exports;
  if (!builtinIds.has(id)) {
    throw new Error(`No such built-in module: ${id}`);
  }
  const module = { id, exports: {}, loaded: false };
  moduleCache.set(id, module);
  const fn = compileBuiltin(id);
  fn.call(globalThis, module.exports, requireBuiltin, module, cachedInternalBinding, primordials);
  module.loaded = true;
  return module.exports;
}

requireBuiltin.has = (id) => builtinIds.has(id);
requireBuiltin.ids = () => [...builtinIds];
requireBuiltin.internalBinding = cachedInternalBinding;

return requireBuiltin;

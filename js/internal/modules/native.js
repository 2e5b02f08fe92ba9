'use strict';
// The module loaders' bridge to node's resolution algorithms, implemented in
// Rust (crates/engine/src/modules). Resolution errors arrive as plain
// descriptors and are turned into node-shaped errors here.

const binding = internalBinding('modules');

// `Error [ERR_X]: msg` in the stack header while `name` stays `Error`, as node
// shows; the stack starts at `above`'s caller.
function toNodeError(desc, above) {
  let message = desc.message;
  if (desc.jsonSource !== undefined) {
    try {
      JSON.parse(desc.jsonSource);
    } catch (err) {
      message = `${desc.jsonPrefix}${err.message}`;
    }
  }
  const Base = globalThis[desc.class] ?? Error;
  const err = new Base(message);
  Error.captureStackTrace(err, above);
  if (desc.code !== undefined) {
    Object.defineProperty(err, 'name', { value: `${Base.name} [${desc.code}]`, configurable: true, writable: true });
    err.stack; // eslint-disable-line no-unused-expressions -- fixes the header now
    delete err.name;
    err.code = desc.code;
  }
  for (const key of ['path', 'url', 'requestPath']) {
    if (desc[key] !== undefined) err[key] = desc[key];
  }
  return err;
}

function callResolver(fn, ...args) {
  try {
    return fn(...args);
  } catch (err) {
    if (err !== null && typeof err === 'object' && err.__rnodeResolveError === true) {
      throw toNodeError(err, callResolver);
    }
    throw err;
  }
}

module.exports = {
  // -> filename | 'node:<id>' | undefined (not found)
  resolveCjs: (request, parentFilename, parentPaths, paths) =>
    callResolver(binding.resolveCjs, request, parentFilename, parentPaths, paths),
  // -> { url, format }
  resolveEsm(specifier, parent) {
    const [url, format] = callResolver(binding.resolveEsm, specifier, parent);
    return { url, format };
  },
  esmFormat: (filename) => callResolver(binding.esmFormat, filename),
  cjsFormat: (filename) => callResolver(binding.cjsFormat, filename),
  nodeModulePaths: binding.nodeModulePaths,
  packageJsonPath: (dir) => callResolver(binding.packageJsonPath, dir),
};

'use strict';
// The base of Hash and Hmac: a stream.Transform that is only set up when one
// of its stream properties is first touched, so that plain update()/digest()
// use pays nothing for it. Without a `stream` module it is a plain object.

function loadTransform() {
  try {
    return require('stream').Transform;
  } catch {
    return undefined;
  }
}

const Transform = loadTransform();

function LazyTransform(options) {
  this._options = options;
}

function makeGetter(name) {
  return function () {
    Reflect.apply(Transform, this, [this._options]);
    this._writableState.decodeStrings = false;
    if (!this._options || !this._options.defaultEncoding) this._writableState.defaultEncoding = 'buffer';
    return this[name];
  };
}

function makeSetter(name) {
  return function (value) {
    Object.defineProperty(this, name, { value, enumerable: true, configurable: true, writable: true });
  };
}

if (typeof Transform === 'function') {
  Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
  Object.setPrototypeOf(LazyTransform, Transform);
  for (const name of ['_readableState', '_writableState', '_transformState']) {
    Object.defineProperty(LazyTransform.prototype, name, {
      __proto__: null,
      get: makeGetter(name),
      set: makeSetter(name),
      configurable: true,
      enumerable: true,
    });
  }
}

module.exports = { LazyTransform };

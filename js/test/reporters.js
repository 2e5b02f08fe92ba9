'use strict';

// node:test/reporters: the built-in reporters in node's shapes: `tap` and
// `dot` are async generators over a stream of test events, `spec` is a
// Transform stream class.

const { Transform } = require('stream');
const { TapFormatter, SpecFormatter, DotFormatter } = require('internal/test_runner/reporters');

function generatorOver(Formatter) {
  return async function* reporter(source) {
    const formatter = new Formatter(false);
    for await (const event of source) {
      const text = formatter.format(event);
      if (text !== '') yield text;
    }
    const tail = formatter.summary?.() ?? '';
    if (tail !== '') yield tail;
  };
}

class SpecReporter extends Transform {
  #formatter = new SpecFormatter(false);

  constructor() {
    super({ __proto__: null, writableObjectMode: true });
  }

  _transform(event, encoding, callback) {
    callback(null, this.#formatter.format(event));
  }

  _flush(callback) {
    callback(null, this.#formatter.summary());
  }
}

module.exports = {
  tap: generatorOver(TapFormatter),
  dot: generatorOver(DotFormatter),
  spec: SpecReporter,
};

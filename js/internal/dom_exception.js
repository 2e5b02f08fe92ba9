'use strict';

// The WHATWG DOMException, shaped as Node 20 defines it: `name`, `message` and
// `code` are enumerable getters on the prototype backed by per-instance
// internals, the legacy numeric codes hang off both the class and its
// prototype, and Error.prototype sits in the prototype chain so that
// `instanceof Error` holds and inspect prints `DOMException [Name]: message`.

const internals = new WeakMap();

// [name, legacy constant, code] in the order Node defines them.
const legacyCodes = [
  ['IndexSizeError', 'INDEX_SIZE_ERR', 1],
  ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR', 2],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR', 3],
  ['WrongDocumentError', 'WRONG_DOCUMENT_ERR', 4],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR', 5],
  ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR', 6],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR', 7],
  ['NotFoundError', 'NOT_FOUND_ERR', 8],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR', 9],
  ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR', 10],
  ['InvalidStateError', 'INVALID_STATE_ERR', 11],
  ['SyntaxError', 'SYNTAX_ERR', 12],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR', 13],
  ['NamespaceError', 'NAMESPACE_ERR', 14],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR', 15],
  ['ValidationError', 'VALIDATION_ERR', 16],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR', 17],
  ['SecurityError', 'SECURITY_ERR', 18],
  ['NetworkError', 'NETWORK_ERR', 19],
  ['AbortError', 'ABORT_ERR', 20],
  ['URLMismatchError', 'URL_MISMATCH_ERR', 21],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR', 22],
  ['TimeoutError', 'TIMEOUT_ERR', 23],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR', 24],
  ['DataCloneError', 'DATA_CLONE_ERR', 25],
];

const codeByName = new Map(legacyCodes.map(([name, , code]) => [name, code]));

// Node's per-context DOMException reports a wrong receiver with its own
// wording ("must be of DOMException"), not the usual ERR_INVALID_THIS text.
function invalidThis() {
  const err = new TypeError(`Value of "this" must be of DOMException`);
  err.code = 'ERR_INVALID_THIS';
  return err;
}

function internalsOf(self) {
  const data = internals.get(self);
  if (data === undefined) throw invalidThis();
  return data;
}

class DOMException {
  constructor(message = '', options = 'Error') {
    Error.captureStackTrace(this);
    if (options !== null && typeof options === 'object') {
      const { name } = options;
      internals.set(this, { message: `${message}`, name: `${name}` });
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', {
          __proto__: null,
          value: options.cause,
          writable: true,
          enumerable: false,
          configurable: true,
        });
      }
    } else {
      internals.set(this, { message: `${message}`, name: `${options}` });
    }
  }

  get name() {
    return internalsOf(this).name;
  }

  get message() {
    return internalsOf(this).message;
  }

  get code() {
    return codeByName.get(internalsOf(this).name) ?? 0;
  }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);

const enumerableAccessor = { __proto__: null, enumerable: true, configurable: true };
Object.defineProperties(DOMException.prototype, {
  [Symbol.toStringTag]: { __proto__: null, value: 'DOMException', configurable: true },
  name: enumerableAccessor,
  message: enumerableAccessor,
  code: enumerableAccessor,
});

for (const [, constant, code] of legacyCodes) {
  const desc = { __proto__: null, value: code, writable: false, enumerable: true, configurable: false };
  Object.defineProperty(DOMException, constant, desc);
  Object.defineProperty(DOMException.prototype, constant, desc);
}

module.exports = DOMException;

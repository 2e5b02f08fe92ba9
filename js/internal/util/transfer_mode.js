'use strict';

// Which objects have been marked transferable (util.transferableAbortSignal /
// transferableAbortController). Node records this in a private symbol on the
// object; a WeakSet keeps it just as invisible to user code.

const transferable = new WeakSet();

function markTransferable(obj) {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') transferable.add(obj);
  return obj;
}

function isMarkedTransferable(obj) {
  return ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') && transferable.has(obj);
}

module.exports = {
  isMarkedTransferable,
  markTransferable,
};

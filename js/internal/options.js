'use strict';
// Node's getOptionValue: the command-line and NODE_OPTIONS options the CLI
// parsed (names in their positive form; `--no-warnings` is `--warnings` false).

const { options: parsed, getEnv } = internalBinding('process');

// Options given more than once keep every value.
const kLists = new Set(['--conditions', '--disable-warning', '--import', '--env-file', '--require']);
// Boolean options that default to true (their `--no-` form turns them off).
const kTrueByDefault = new Set(['--warnings', '--deprecation', '--addons', '--global-search-paths',
  '--experimental-fetch', '--experimental-global-customevent', '--experimental-global-webcrypto',
  '--network-family-autoselection', '--experimental-require-module',
  '--experimental-detect-module']);
const kDefaults = {
  '--unhandled-rejections': 'throw',
  '--title': '',
  '--disable-proto': '',
  '--redirect-warnings': '',
  '--dns-result-order': '',
  '--max-http-header-size': 16 * 1024,
};

const values = new Map();
for (const [name, value] of parsed) {
  const converted = value === 'true' ? true : value === 'false' ? false : value;
  if (kLists.has(name)) {
    const list = values.get(name) ?? [];
    list.push(converted);
    values.set(name, list);
  } else {
    values.set(name, converted);
  }
}

// Options node also takes from the environment.
const kFromEnv = { '--pending-deprecation': 'NODE_PENDING_DEPRECATION', '--preserve-symlinks': 'NODE_PRESERVE_SYMLINKS' };

function getOptionValue(name) {
  if (!values.has(name) && kFromEnv[name] !== undefined && getEnv(kFromEnv[name]) === '1') return true;
  if (values.has(name)) return values.get(name);
  if (kLists.has(name)) return [];
  if (kTrueByDefault.has(name)) return true;
  if (Object.prototype.hasOwnProperty.call(kDefaults, name)) return kDefaults[name];
  return false;
}

// process.allowedNodeEnvironmentFlags: a frozen Set whose contents cannot
// change (even through Set.prototype.add) and whose has() accepts the
// spellings node accepts (`_` for `-`, a trailing `=value`, no dashes).
const kFlags = Symbol('kFlags');

class NodeEnvironmentFlagsSet extends Set {
  constructor(flags) {
    super();
    this[kFlags] = flags;
  }
  add() { return this; }
  delete() { return false; }
  clear() {}
  has(key) {
    if (typeof key !== 'string') return false;
    key = key.replace(/_/g, '-');
    if (/^--?/.test(key)) return this[kFlags].includes(key.replace(/=.*$/, ''));
    return this[kFlags].some((flag) => flag.replace(/^-+/, '') === key);
  }
  entries() { return new Set(this[kFlags]).entries(); }
  forEach(callback, thisArg = undefined) {
    for (const flag of this[kFlags]) callback.call(thisArg, flag, flag, this);
  }
  get size() { return this[kFlags].length; }
  values() { return this[kFlags][Symbol.iterator](); }
}
NodeEnvironmentFlagsSet.prototype.keys = NodeEnvironmentFlagsSet.prototype[Symbol.iterator] =
  NodeEnvironmentFlagsSet.prototype.values;

function allowedNodeEnvironmentFlags() {
  const flags = Object.freeze([...internalBinding('process').envAllowedOptions]);
  return Object.freeze(new NodeEnvironmentFlagsSet(flags));
}

module.exports = { getOptionValue, allowedNodeEnvironmentFlags };

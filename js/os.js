'use strict';

// node:os — operating-system facts, as Node 20 reports them on Linux. The
// numbers come from the `os` binding, which reads them the way libuv does.

const {
  codes: { ERR_SYSTEM_ERROR },
  hideStackFrames,
} = require('internal/errors');
const { validateInt32 } = require('internal/validators');

const binding = internalBinding('os');
const constantsBinding = internalBinding('constants');

// Ops that fail fill `ctx` and return undefined; turn that into Node's SystemError.
function getCheckedFunction(fn) {
  return hideStackFrames(function checkError() {
    const ctx = {};
    const ret = fn(ctx);
    if (ret === undefined) {
      throw new ERR_SYSTEM_ERROR(ctx);
    }
    return ret;
  });
}

const [type, release, version, machine] = binding.uname();

const getHomeDirectory = getCheckedFunction(binding.getHomeDirectory);
const getHostname = getCheckedFunction(binding.hostname);
const getInterfaceAddresses = getCheckedFunction(binding.getInterfaceAddresses);
const getUptime = getCheckedFunction(binding.getUptime);
const getOSRelease = () => release;
const getOSType = () => type;
const getOSVersion = () => version;
const getMachine = () => machine;
const getAvailableParallelism = () => binding.getAvailableParallelism();
const getFreeMem = () => binding.getFreeMem();
const getTotalMem = () => binding.getTotalMem();

// Name the functions as Node's binding names them (`os.hostname.name`).
const rename = (fn, name) => Object.defineProperty(fn, 'name', { value: name, configurable: true });
rename(getAvailableParallelism, 'getAvailableParallelism');
rename(getFreeMem, 'getFreeMem');
rename(getTotalMem, 'getTotalMem');

const kEndianness = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';

function withPrimitive(fn, value) {
  fn[Symbol.toPrimitive] = value;
}
withPrimitive(getAvailableParallelism, () => getAvailableParallelism());
withPrimitive(getFreeMem, () => getFreeMem());
withPrimitive(getHostname, () => getHostname());
withPrimitive(getOSVersion, () => getOSVersion());
withPrimitive(getOSType, () => getOSType());
withPrimitive(getOSRelease, () => getOSRelease());
withPrimitive(getMachine, () => getMachine());
withPrimitive(getHomeDirectory, () => getHomeDirectory());
withPrimitive(getTotalMem, () => getTotalMem());
withPrimitive(getUptime, () => getUptime());

function loadavg() {
  const avg = binding.getLoadAvg();
  return [avg[0], avg[1], avg[2]];
}

function cpus() {
  const data = binding.getCPUs() || [];
  const result = [];
  let i = 0;
  while (i < data.length) {
    result.push({
      model: data[i++],
      speed: data[i++],
      times: {
        user: data[i++],
        nice: data[i++],
        sys: data[i++],
        idle: data[i++],
        irq: data[i++],
      },
    });
  }
  return result;
}

function arch() {
  return process.arch;
}
withPrimitive(arch, () => process.arch);

function platform() {
  return process.platform;
}
withPrimitive(platform, () => process.platform);

// Node's rule: TMPDIR, TMP, TEMP, else /tmp; one trailing slash is dropped.
function tmpdir() {
  let path = safeGetenv('TMPDIR') || safeGetenv('TMP') || safeGetenv('TEMP') || '/tmp';
  if (path.length > 1 && path.endsWith('/')) {
    path = path.slice(0, -1);
  }
  return path;
}
withPrimitive(tmpdir, () => tmpdir());

function safeGetenv(name) {
  return process.env[name];
}

function endianness() {
  return kEndianness;
}
withPrimitive(endianness, () => kEndianness);

// Number of set bits in a 32-bit integer.
function countBinaryOnes(n) {
  n = n - ((n >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return ((n + (n >>> 4) & 0xF0F0F0F) * 0x1010101) >>> 24;
}

function getCIDR(address, netmask, family) {
  let ones = 0;
  let split = '.';
  let range = 10;
  let groupLength = 8;
  let hasZeros = false;
  let lastPos = 0;

  if (family === 'IPv6') {
    split = ':';
    range = 16;
    groupLength = 16;
  }

  for (let i = 0; i < netmask.length; i++) {
    if (netmask[i] !== split) {
      if (i + 1 < netmask.length) {
        continue;
      }
      i++;
    }
    const part = netmask.slice(lastPos, i);
    lastPos = i + 1;
    if (part !== '') {
      if (hasZeros) {
        if (part !== '0') {
          return null;
        }
      } else {
        const binary = Number.parseInt(part, range);
        const binaryOnes = countBinaryOnes(binary);
        ones += binaryOnes;
        if (binaryOnes !== groupLength) {
          if ((binary & 1) !== 0) {
            return null;
          }
          hasZeros = true;
        }
      }
    }
  }

  return `${address}/${ones}`;
}

function networkInterfaces() {
  const data = getInterfaceAddresses();
  const result = {};
  if (data === undefined) return result;
  for (let i = 0; i < data.length; i += 7) {
    const name = data[i];
    const entry = {
      address: data[i + 1],
      netmask: data[i + 2],
      family: data[i + 3],
      mac: data[i + 4],
      internal: data[i + 5],
      cidr: getCIDR(data[i + 1], data[i + 2], data[i + 3]),
    };
    const scopeid = data[i + 6];
    if (scopeid !== -1) entry.scopeid = scopeid;

    const existing = result[name];
    if (existing !== undefined) existing.push(entry);
    else result[name] = [entry];
  }
  return result;
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }

  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);

  const ctx = {};
  if (binding.setPriority(pid, priority, ctx) !== 0) {
    throw new ERR_SYSTEM_ERROR(ctx);
  }
}

function getPriority(pid) {
  if (pid === undefined) pid = 0;
  else validateInt32(pid, 'pid');

  const ctx = {};
  const priority = binding.getPriority(pid, ctx);
  if (priority === undefined) {
    throw new ERR_SYSTEM_ERROR(ctx);
  }
  return priority;
}

// { encoding: 'buffer' } gives Buffers; any other encoding re-encodes the UTF-8 text.
function userInfo(options) {
  if (typeof options !== 'object') options = null;
  let encoding = options?.encoding;
  if (encoding != null) encoding = `${encoding}`.toLowerCase();
  const raw = encoding != null && encoding !== 'utf8' && encoding !== 'utf-8';

  const ctx = {};
  const user = binding.getUserInfo(raw, ctx);
  if (user === undefined) {
    throw new ERR_SYSTEM_ERROR(ctx);
  }
  if (raw) {
    const { Buffer } = require('buffer');
    const convert = (bytes) => {
      if (bytes === null) return null;
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return encoding === 'buffer' ? buf : buf.toString(Buffer.isEncoding(encoding) ? encoding : 'utf8');
    };
    user.username = convert(user.username);
    user.homedir = convert(user.homedir);
    user.shell = convert(user.shell);
  }
  return user;
}

function nullProtoCopy(source) {
  const out = { __proto__: null };
  for (const key of Object.keys(source)) out[key] = source[key];
  return out;
}

// The system's errno values under node's names, in node's order.
function errnoConstants() {
  return nullProtoCopy(constantsBinding.osErrno);
}

const constants = {
  __proto__: null,
  UV_UDP_REUSEADDR: 4,
  dlopen: {
    __proto__: null,
    RTLD_LAZY: 1,
    RTLD_NOW: 2,
    RTLD_GLOBAL: 256,
    RTLD_LOCAL: 0,
    RTLD_DEEPBIND: 8,
  },
  errno: errnoConstants(),
  signals: nullProtoCopy(constantsBinding.signals),
  priority: {
    __proto__: null,
    PRIORITY_LOW: 19,
    PRIORITY_BELOW_NORMAL: 10,
    PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7,
    PRIORITY_HIGH: -14,
    PRIORITY_HIGHEST: -20,
  },
};

module.exports = {
  arch,
  availableParallelism: getAvailableParallelism,
  cpus,
  endianness,
  freemem: getFreeMem,
  getPriority,
  homedir: getHomeDirectory,
  hostname: getHostname,
  loadavg,
  networkInterfaces,
  platform,
  release: getOSRelease,
  setPriority,
  tmpdir,
  totalmem: getTotalMem,
  type: getOSType,
  userInfo,
  uptime: getUptime,
  version: getOSVersion,
  machine: getMachine,
};

Object.defineProperties(module.exports, {
  constants: {
    configurable: false,
    enumerable: true,
    value: constants,
  },
  EOL: {
    configurable: true,
    enumerable: true,
    writable: false,
    value: '\n',
  },
  devNull: {
    configurable: true,
    enumerable: true,
    writable: false,
    value: '/dev/null',
  },
});

'use strict';

// node:path — POSIX and Windows path manipulation with Node's exact results.
// On this platform `path` is `path.posix`.

const { validateObject, validateString } = require('internal/validators');

const CHAR_DOT = 46;
const CHAR_FORWARD_SLASH = 47;
const CHAR_BACKWARD_SLASH = 92;
const CHAR_COLON = 58;
const CHAR_QUESTION_MARK = 63;

function isPathSeparator(code) {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
}

function isPosixPathSeparator(code) {
  return code === CHAR_FORWARD_SLASH;
}

// A drive letter.
function isWindowsDeviceRoot(code) {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const WINDOWS_RESERVED_NAMES = [
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM\xb9', 'COM\xb2', 'COM\xb3',
  'LPT\xb9', 'LPT\xb2', 'LPT\xb3',
];

function isWindowsReservedName(path, colonIndex) {
  return WINDOWS_RESERVED_NAMES.includes(path.slice(0, colonIndex).toUpperCase());
}

// Resolves '.' and '..' segments and drops empty ones. '..' above the start
// is kept only when `allowAboveRoot` (relative paths).
function normalizeString(path, allowAboveRoot, separator, isSeparator) {
  const segments = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && !isSeparator(path.charCodeAt(i))) continue;
    const segment = path.slice(start, i);
    start = i + 1;
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') {
      segments.push(segment);
    } else if (segments.length > 0 && segments[segments.length - 1] !== '..') {
      segments.pop();
    } else if (allowAboveRoot) {
      segments.push('..');
    }
  }
  return segments.join(separator);
}

// Finds `\\server\share` at the start of a Windows path. Returns the server
// name and where the share name starts and ends, or null.
function parseUncRoot(path) {
  const len = path.length;
  if (len < 2 || !isPathSeparator(path.charCodeAt(0)) || !isPathSeparator(path.charCodeAt(1))) {
    return null;
  }
  let j = 2;
  while (j < len && !isPathSeparator(path.charCodeAt(j))) j++;
  if (j === len || j === 2) return null;
  const server = path.slice(2, j);
  while (j < len && isPathSeparator(path.charCodeAt(j))) j++;
  if (j === len) return null;
  const shareStart = j;
  while (j < len && !isPathSeparator(path.charCodeAt(j))) j++;
  return { server, shareStart, shareEnd: j };
}

function hasDriveLetter(path) {
  return path.length >= 2 && isWindowsDeviceRoot(path.charCodeAt(0)) &&
    path.charCodeAt(1) === CHAR_COLON;
}

// The root of a Windows path as resolve() sees it: device ('C:', '\\server\share',
// '\\.'), where the rest starts, and whether it is absolute.
function win32ResolveRoot(path) {
  const len = path.length;
  const code = path.charCodeAt(0);
  if (isPathSeparator(code)) {
    if (len === 1 || !isPathSeparator(path.charCodeAt(1))) {
      return { device: '', rootEnd: 1, isAbsolute: true };
    }
    const unc = parseUncRoot(path);
    if (unc === null) return { device: '', rootEnd: 0, isAbsolute: true };
    if (unc.server === '.' || unc.server === '?') {
      return { device: `\\\\${unc.server}`, rootEnd: 4, isAbsolute: true };
    }
    return {
      device: `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`,
      rootEnd: unc.shareEnd,
      isAbsolute: true,
    };
  }
  if (len > 1 && hasDriveLetter(path)) {
    const isAbsolute = len > 2 && isPathSeparator(path.charCodeAt(2));
    return { device: path.slice(0, 2), rootEnd: isAbsolute ? 3 : 2, isAbsolute };
  }
  return { device: '', rootEnd: 0, isAbsolute: false };
}

// Where the root ends for dirname() (-1: no root) and parse().
function win32RootEnd(path, forParse) {
  const len = path.length;
  const code = path.charCodeAt(0);
  if (isPathSeparator(code)) {
    const unc = parseUncRoot(path);
    if (unc === null) return 1;
    if (unc.shareEnd === len) return forParse ? len : len + 1;
    return unc.shareEnd + 1;
  }
  if (hasDriveLetter(path)) return len > 2 && isPathSeparator(path.charCodeAt(2)) ? 3 : 2;
  return forParse ? 0 : -1;
}

function formatExt(ext) {
  return ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : '';
}

function _format(sep, pathObject) {
  validateObject(pathObject, 'pathObject');
  const dir = pathObject.dir || pathObject.root;
  const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

// The last path segment, ignoring trailing separators, from index `start`.
// With `suffix`, a matching ending is removed (unless it is the whole name).
function basenameImpl(path, suffix, start, isSeparator) {
  let end = -1;
  let matchedSlash = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return '';
    let extIdx = suffix.length - 1;
    let firstNonSlashEnd = -1;
    for (let i = path.length - 1; i >= start; --i) {
      const code = path.charCodeAt(i);
      if (isSeparator(code)) {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
        continue;
      }
      if (firstNonSlashEnd === -1) {
        matchedSlash = false;
        firstNonSlashEnd = i + 1;
      }
      if (extIdx >= 0) {
        if (code === suffix.charCodeAt(extIdx)) {
          if (--extIdx === -1) end = i;
        } else {
          // The suffix does not match: keep the whole name.
          extIdx = -1;
          end = firstNonSlashEnd;
        }
      }
    }
    if (start === end) end = firstNonSlashEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }
  for (let i = path.length - 1; i >= start; --i) {
    if (isSeparator(path.charCodeAt(i))) {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
  }
  return end === -1 ? '' : path.slice(start, end);
}

// Scans the last segment of path[start..] backwards for its extension.
// Returns { startPart, startDot, end } with startDot -1 when there is no
// extension ('.', '..', '.bashrc' and names without dots have none).
// startPart is `startPartIfWhole` when no separator precedes the segment.
function scanLastSegment(path, start, isSeparator, startPartIfWhole = start) {
  let startDot = -1;
  let startPart = startPartIfWhole;
  let end = -1;
  let matchedSlash = true;
  // 0: no dot yet; 1: a dot before the extension dot; -1: other characters.
  let preDotState = 0;
  for (let i = path.length - 1; i >= start; --i) {
    const code = path.charCodeAt(i);
    if (isSeparator(code)) {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (code === CHAR_DOT) {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (startDot !== -1 &&
      (preDotState === 0 ||
       (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1))) {
    startDot = -1;
  }
  return { startPart, startDot, end };
}

function extnameImpl(path, start, isSeparator) {
  const { startDot, end } = scanLastSegment(path, start, isSeparator);
  return startDot === -1 || end === -1 ? '' : path.slice(startDot, end);
}

// Fills base/name/ext of a parse() result from the last segment.
function parseLastSegment(ret, path, start, startPartIfWhole, nameStart, isSeparator) {
  const { startPart, startDot, end } = scanLastSegment(path, start, isSeparator, startPartIfWhole);
  if (end !== -1) {
    const from = nameStart(startPart);
    if (startDot === -1) {
      ret.base = ret.name = path.slice(from, end);
    } else {
      ret.name = path.slice(from, startDot);
      ret.base = path.slice(from, end);
      ret.ext = path.slice(startDot, end);
    }
  }
  return startPart;
}

// ---------------------------------------------------------------------------
// Windows

// Where resolve() continues for a drive-relative device: the drive's own
// working directory (`=C:` variable) or its root.
function win32DriveCwd(resolvedDevice) {
  const path = process.env[`=${resolvedDevice}`] || process.cwd();
  if (path === undefined ||
      (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() &&
       path.charCodeAt(2) === CHAR_BACKWARD_SLASH)) {
    return `${resolvedDevice}\\`;
  }
  return path;
}

// normalize() of a path without a UNC root: device, rest and absoluteness.
function win32NormalizeRoot(path) {
  const len = path.length;
  const code = path.charCodeAt(0);
  if (isPathSeparator(code)) {
    return { device: undefined, rootEnd: isPathSeparator(path.charCodeAt(1)) ? 0 : 1, isAbsolute: true };
  }
  const colonIndex = path.indexOf(':');
  if (colonIndex > 0) {
    if (isWindowsDeviceRoot(code) && colonIndex === 1) {
      const isAbsolute = len > 2 && isPathSeparator(path.charCodeAt(2));
      return { device: path.slice(0, 2), rootEnd: isAbsolute ? 3 : 2, isAbsolute };
    }
    if (isWindowsReservedName(path, colonIndex)) {
      return { device: path.slice(0, colonIndex + 1), rootEnd: colonIndex + 1, isAbsolute: false };
    }
  }
  return { device: undefined, rootEnd: 0, isAbsolute: false };
}

// A relative result that would read as a drive or stream (`a:b`) is
// prefixed with `.\`.
function needsDotPrefix(path, tail) {
  if (tail.length >= 2 && isWindowsDeviceRoot(tail.charCodeAt(0)) && tail.charCodeAt(1) === CHAR_COLON) {
    return true;
  }
  for (let index = path.indexOf(':'); index !== -1; index = path.indexOf(':', index + 1)) {
    if (index === path.length - 1 || isPathSeparator(path.charCodeAt(index + 1))) return true;
  }
  return false;
}

const win32 = {
  resolve(...args) {
    let resolvedDevice = '';
    let resolvedTail = '';
    let resolvedAbsolute = false;

    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (resolvedDevice.length === 0) {
        path = process.cwd();
      } else {
        path = win32DriveCwd(resolvedDevice);
      }

      const { device, rootEnd, isAbsolute } = win32ResolveRoot(path);
      if (device.length > 0) {
        if (resolvedDevice.length === 0) {
          resolvedDevice = device;
        } else if (device.toLowerCase() !== resolvedDevice.toLowerCase()) {
          // A path on another device does not contribute.
          continue;
        }
      }
      if (resolvedAbsolute) {
        if (resolvedDevice.length > 0) break;
      } else {
        resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
        resolvedAbsolute = isAbsolute;
        if (isAbsolute && resolvedDevice.length > 0) break;
      }
    }

    resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute, '\\', isPathSeparator);
    return resolvedAbsolute ?
      `${resolvedDevice}\\${resolvedTail}` :
      `${resolvedDevice}${resolvedTail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isPosixPathSeparator(path.charCodeAt(0)) ? '\\' : path;

    let root;
    const unc = parseUncRoot(path);
    if (unc !== null) {
      if (unc.server === '.' || unc.server === '?') {
        root = { device: `\\\\${unc.server}`, rootEnd: 4, isAbsolute: true };
      } else if (unc.shareEnd === len) {
        // A bare UNC root always ends with a separator.
        return `\\\\${unc.server}\\${path.slice(unc.shareStart)}\\`;
      } else {
        root = {
          device: `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`,
          rootEnd: unc.shareEnd,
          isAbsolute: true,
        };
      }
    } else {
      root = win32NormalizeRoot(path);
    }
    const { device, rootEnd, isAbsolute } = root;

    let tail = rootEnd < len ?
      normalizeString(path.slice(rootEnd), !isAbsolute, '\\', isPathSeparator) : '';
    if (tail.length === 0 && !isAbsolute) tail = '.';
    if (tail.length > 0 && isPathSeparator(path.charCodeAt(len - 1))) tail += '\\';
    if (!isAbsolute && device === undefined && path.includes(':') && needsDotPrefix(path, tail)) {
      return `.\\${tail}`;
    }
    if (isWindowsReservedName(path, path.indexOf(':'))) return `.\\${device ?? ''}${tail}`;
    if (device === undefined) return isAbsolute ? `\\${tail}` : tail;
    return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    const code = path.charCodeAt(0);
    return isPathSeparator(code) ||
      (len > 2 && hasDriveLetter(path) && isPathSeparator(path.charCodeAt(2)));
  },

  join(...args) {
    if (args.length === 0) return '.';
    let joined;
    let firstPart;
    for (const arg of args) {
      validateString(arg, 'path');
      if (arg.length > 0) {
        if (joined === undefined) joined = firstPart = arg;
        else joined += `\\${arg}`;
      }
    }
    if (joined === undefined) return '.';

    // Joining must not create a UNC root that the first part did not have
    // (join('//server', 'share') stays a UNC path; join('/', '/x') does not
    // become one), so collapse leading separators unless the first part
    // itself starts like a UNC path (exactly two separators, then a name).
    let needsReplace = true;
    let slashCount = 0;
    if (isPathSeparator(firstPart.charCodeAt(0))) {
      ++slashCount;
      const firstLen = firstPart.length;
      if (firstLen > 1 && isPathSeparator(firstPart.charCodeAt(1))) {
        ++slashCount;
        if (firstLen > 2) {
          if (isPathSeparator(firstPart.charCodeAt(2))) ++slashCount;
          else needsReplace = false;
        }
      }
    }
    if (needsReplace) {
      while (slashCount < joined.length && isPathSeparator(joined.charCodeAt(slashCount))) {
        slashCount++;
      }
      if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';
    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) return '';
    // Lower-casing changed the length (some non-ASCII letters): compare by segment.
    if (fromOrig.length !== from.length || toOrig.length !== to.length) {
      return win32RelativeBySegments(fromOrig, toOrig);
    }
    return win32RelativeByChars(from, to, toOrig);
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolvedPath = win32.resolve(path);
    if (resolvedPath.length <= 2) return path;
    if (resolvedPath.charCodeAt(0) === CHAR_BACKWARD_SLASH) {
      if (resolvedPath.charCodeAt(1) === CHAR_BACKWARD_SLASH) {
        const code = resolvedPath.charCodeAt(2);
        if (code !== CHAR_QUESTION_MARK && code !== CHAR_DOT) {
          return `\\\\?\\UNC\\${resolvedPath.slice(2)}`;
        }
      }
    } else if (hasDriveLetter(resolvedPath) && resolvedPath.charCodeAt(2) === CHAR_BACKWARD_SLASH) {
      return `\\\\?\\${resolvedPath}`;
    }
    return resolvedPath;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isPathSeparator(path.charCodeAt(0)) ? path : '.';

    const rootEnd = win32RootEnd(path, false);
    // A bare UNC root is its own dirname.
    if (rootEnd === len + 1) return path;
    const offset = Math.max(rootEnd, 0);
    let end = -1;
    let matchedSlash = true;
    for (let i = len - 1; i >= offset; --i) {
      if (isPathSeparator(path.charCodeAt(i))) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) {
      if (rootEnd === -1) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return basenameImpl(path, suffix, hasDriveLetter(path) ? 2 : 0, isPathSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    return extnameImpl(path, hasDriveLetter(path) ? 2 : 0, isPathSeparator);
  },

  format: _format.bind(null, '\\'),

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const len = path.length;
    if (len === 1) {
      if (isPathSeparator(path.charCodeAt(0))) ret.root = ret.dir = path;
      else ret.base = ret.name = path;
      return ret;
    }
    const rootEnd = win32RootEnd(path, true);
    // A path that is only a drive root ('C:', 'C:\') has no base.
    if (hasDriveLetter(path) && rootEnd === len) {
      ret.root = ret.dir = path;
      return ret;
    }
    if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
    const startPart = parseLastSegment(ret, path, rootEnd, rootEnd, (start) => start, isPathSeparator);
    ret.dir = startPart > 0 && startPart !== rootEnd ? path.slice(0, startPart - 1) : ret.root;
    return ret;
  },

  matchesGlob(path, pattern) {
    return glob(path, pattern);
  },

  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
};

function win32RelativeBySegments(fromOrig, toOrig) {
  const fromSplit = fromOrig.split('\\');
  const toSplit = toOrig.split('\\');
  if (fromSplit[fromSplit.length - 1] === '') fromSplit.pop();
  if (toSplit[toSplit.length - 1] === '') toSplit.pop();
  const fromLen = fromSplit.length;
  const toLen = toSplit.length;
  const length = Math.min(fromLen, toLen);
  let i = 0;
  while (i < length && fromSplit[i].toLowerCase() === toSplit[i].toLowerCase()) i++;
  if (i === 0) return toOrig;
  if (i === length) {
    if (toLen > length) return toSplit.slice(i).join('\\');
    if (fromLen > length) return `${'..\\'.repeat(fromLen - 1 - i)}..`;
    return '';
  }
  return '..\\'.repeat(fromLen - i) + toSplit.slice(i).join('\\');
}

// `from`/`to` are lower-cased resolved paths; `toOrig` keeps the case.
function win32RelativeByChars(from, to, toOrig) {
  // Trim leading and trailing backslashes.
  let fromStart = 0;
  while (fromStart < from.length && from.charCodeAt(fromStart) === CHAR_BACKWARD_SLASH) fromStart++;
  let fromEnd = from.length;
  while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === CHAR_BACKWARD_SLASH) fromEnd--;
  const fromLen = fromEnd - fromStart;
  let toStart = 0;
  while (toStart < to.length && to.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) toStart++;
  let toEnd = to.length;
  while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === CHAR_BACKWARD_SLASH) toEnd--;
  const toLen = toEnd - toStart;

  const length = Math.min(fromLen, toLen);
  let lastCommonSep = -1;
  let i = 0;
  for (; i < length; i++) {
    const fromCode = from.charCodeAt(fromStart + i);
    if (fromCode !== to.charCodeAt(toStart + i)) break;
    if (fromCode === CHAR_BACKWARD_SLASH) lastCommonSep = i;
  }

  if (i !== length) {
    // Different devices share nothing.
    if (lastCommonSep === -1) return toOrig;
  } else {
    if (toLen > length) {
      // `from` is a prefix of `to`: 'C:\foo' -> 'C:\foo\bar'.
      if (to.charCodeAt(toStart + i) === CHAR_BACKWARD_SLASH) return toOrig.slice(toStart + i + 1);
      // 'C:' root -> 'C:\foo'.
      if (i === 2) return toOrig.slice(toStart + i);
    }
    if (fromLen > length) {
      if (from.charCodeAt(fromStart + i) === CHAR_BACKWARD_SLASH) lastCommonSep = i;
      else if (i === 2) lastCommonSep = 3;
    }
    if (lastCommonSep === -1) lastCommonSep = 0;
  }

  let out = '';
  for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === CHAR_BACKWARD_SLASH) {
      out += out.length === 0 ? '..' : '\\..';
    }
  }
  toStart += lastCommonSep;
  if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
  if (toOrig.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) ++toStart;
  return toOrig.slice(toStart, toEnd);
}

// ---------------------------------------------------------------------------
// POSIX

const posix = {
  resolve(...args) {
    let resolvedPath = '';
    let resolvedAbsolute = false;
    for (let i = args.length - 1; i >= 0 && !resolvedAbsolute; i--) {
      const path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
      resolvedPath = `${path}/${resolvedPath}`;
      resolvedAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    }
    if (!resolvedAbsolute) {
      const cwd = process.cwd();
      resolvedPath = `${cwd}/${resolvedPath}`;
      resolvedAbsolute = cwd.charCodeAt(0) === CHAR_FORWARD_SLASH;
    }
    resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute, '/', isPosixPathSeparator);
    if (resolvedAbsolute) return `/${resolvedPath}`;
    return resolvedPath.length > 0 ? resolvedPath : '.';
  },

  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const isAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    const trailingSeparator = path.charCodeAt(path.length - 1) === CHAR_FORWARD_SLASH;
    path = normalizeString(path, !isAbsolute, '/', isPosixPathSeparator);
    if (path.length === 0) {
      if (isAbsolute) return '/';
      return trailingSeparator ? './' : '.';
    }
    if (trailingSeparator) path += '/';
    return isAbsolute ? `/${path}` : path;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path.charCodeAt(0) === CHAR_FORWARD_SLASH;
  },

  join(...args) {
    if (args.length === 0) return '.';
    const parts = [];
    for (const arg of args) {
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    if (parts.length === 0) return '.';
    return posix.normalize(parts.join('/'));
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';

    // Both are absolute: compare after the leading '/'.
    const fromStart = 1;
    const fromEnd = from.length;
    const fromLen = fromEnd - fromStart;
    const toStart = 1;
    const toLen = to.length - toStart;
    const length = Math.min(fromLen, toLen);
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length; i++) {
      const fromCode = from.charCodeAt(fromStart + i);
      if (fromCode !== to.charCodeAt(toStart + i)) break;
      if (fromCode === CHAR_FORWARD_SLASH) lastCommonSep = i;
    }
    if (i === length) {
      if (toLen > length) {
        // `from` is a prefix of `to`: '/foo/bar' -> '/foo/bar/baz', or '/' -> '/foo'.
        if (to.charCodeAt(toStart + i) === CHAR_FORWARD_SLASH) return to.slice(toStart + i + 1);
        if (i === 0) return to.slice(toStart + i);
      } else if (fromLen > length) {
        // `to` is a prefix of `from`: '/foo/bar/baz' -> '/foo/bar', or '/foo' -> '/'.
        if (from.charCodeAt(fromStart + i) === CHAR_FORWARD_SLASH) lastCommonSep = i;
        else if (i === 0) lastCommonSep = 0;
      }
    }
    let out = '';
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i === fromEnd || from.charCodeAt(i) === CHAR_FORWARD_SLASH) {
        out += out.length === 0 ? '..' : '/..';
      }
    }
    return `${out}${to.slice(toStart + lastCommonSep)}`;
  },

  toNamespacedPath(path) {
    return path;
  },

  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    let end = -1;
    let matchedSlash = true;
    for (let i = path.length - 1; i >= 1; --i) {
      if (path.charCodeAt(i) === CHAR_FORWARD_SLASH) {
        if (!matchedSlash) {
          end = i;
          break;
        }
      } else {
        matchedSlash = false;
      }
    }
    if (end === -1) return hasRoot ? '/' : '.';
    if (hasRoot && end === 1) return '//';
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return basenameImpl(path, suffix, 0, isPosixPathSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    return extnameImpl(path, 0, isPosixPathSeparator);
  },

  format: _format.bind(null, '/'),

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const isAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    if (isAbsolute) ret.root = '/';
    // The scan stops at the root; a name found there starts after it.
    const startPart = parseLastSegment(ret, path, isAbsolute ? 1 : 0, 0,
                                       (start) => (start === 0 && isAbsolute ? 1 : start),
                                       isPosixPathSeparator);
    if (startPart > 0) ret.dir = path.slice(0, startPart - 1);
    else if (isAbsolute) ret.dir = '/';
    return ret;
  },

  matchesGlob(path, pattern) {
    return glob(path, pattern);
  },

  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
};

// Glob matching needs a minimatch port, which rnode does not ship yet.
function glob(path, pattern) {
  validateString(path, 'path');
  validateString(pattern, 'pattern');
  const { codes: { ERR_METHOD_NOT_IMPLEMENTED } } = require('internal/errors');
  throw new ERR_METHOD_NOT_IMPLEMENTED('matchesGlob');
}

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;

win32._makeLong = win32.toNamespacedPath;
posix._makeLong = posix.toNamespacedPath;

module.exports = posix;

'use strict';
// The REPL's pieces that need no session: the entry point `rnode` uses with no
// script (start), node's top-level-await rewrite (processTopLevelAwait), the
// "is this input merely incomplete?" test (isRecoverableError) and tab
// completion (complete). The session itself is REPLServer in `repl`.

const acorn = require('internal/deps/acorn/acorn');
const walk = require('internal/deps/acorn/walk');

// ---- incomplete input ----

// Marks a syntax error that more input could fix: the REPL keeps reading.
class Recoverable extends SyntaxError {
  constructor(err) {
    super();
    this.err = err;
  }
}

// Node's test: does acorn fail only because the input ended (open brackets,
// an unterminated template or comment, a string continued with `\`)?
function isRecoverableError(e, code) {
  if (/^\s*\{/.test(code) && isRecoverableError(e, `(${code}`)) return true;
  let recoverable = false;
  const tt = acorn.tokTypes;
  const RecoverableParser = acorn.Parser.extend((Parser) => class extends Parser {
    nextToken() {
      super.nextToken();
      if (this.type === tt.eof) recoverable = true;
    }

    raise(pos, message) {
      if (message === 'Unterminated template' || message === 'Unterminated comment') {
        recoverable = true;
      } else if (message === 'Unterminated string constant') {
        const token = this.input.slice(this.lastTokStart, this.pos);
        if (/\\(?:\r\n?|\n|\u2028|\u2029)$/.test(token)) recoverable = true;
      }
      super.raise(pos, message);
    }
  });
  try {
    RecoverableParser.parse(code, { ecmaVersion: 'latest' });
    // V8 rejected what acorn accepts: more input will not help.
    return false;
  } catch {
    return recoverable;
  }
}

// ---- top-level await (node's lib/internal/repl/await.js) ----

const noop = () => {};

function isTopLevelDeclaration(state) {
  return state.ancestors[state.ancestors.length - 2] === state.body;
}

function registerIdentifiers(node, names) {
  if (node === null) return;
  switch (node.type) {
    case 'Identifier': names.push(node.name); break;
    case 'ObjectPattern':
      for (const property of node.properties) registerIdentifiers(property.value ?? property.argument, names);
      break;
    case 'ArrayPattern':
      for (const element of node.elements) registerIdentifiers(element, names);
      break;
    case 'AssignmentPattern': registerIdentifiers(node.left, names); break;
    case 'RestElement': registerIdentifiers(node.argument, names); break;
  }
}

// `let x = 1` at the top level becomes `void (x = 1)` with `let x;` hoisted
// before the async wrapper, so the binding outlives the line.
function hoistVariableDeclaration(node, state) {
  const kind = node.kind;
  const parentType = state.ancestors[state.ancestors.length - 2].type;
  const isIterable = parentType === 'ForOfStatement' || parentType === 'ForInStatement';
  state.replace(node.start, node.start + kind.length + (isIterable ? 1 : 0),
                kind === 'var' && isIterable ? '' : 'void' + (node.declarations.length === 1 ? '' : ' ('));
  if (!isIterable) {
    for (const decl of node.declarations) {
      state.prepend(decl, '(');
      state.append(decl, decl.init ? ')' : '=undefined)');
    }
    if (node.declarations.length !== 1) state.append(node.declarations[node.declarations.length - 1], ')');
  }
  const names = [];
  for (const decl of node.declarations) registerIdentifiers(decl.id, names);
  if (names.length > 0) {
    state.hoisted.push(`${kind === 'var' ? 'var' : 'let'} ${names.join(', ')}; `);
  }
}

const awaitVisitors = {
  ClassDeclaration(node, state, c) {
    if (isTopLevelDeclaration(state)) {
      state.prepend(node, `${node.id.name}=`);
      state.hoisted.push(`let ${node.id.name}; `);
    }
    walk.base.ClassDeclaration(node, state, c);
  },
  ForOfStatement(node, state, c) {
    if (node.await === true) state.containsAwait = true;
    walk.base.ForOfStatement(node, state, c);
  },
  FunctionDeclaration(node, state) {
    state.prepend(node, `this.${node.id.name} = ${node.id.name}; `);
    state.hoisted.push(`var ${node.id.name}; `);
  },
  FunctionExpression: noop,
  ArrowFunctionExpression: noop,
  MethodDefinition: noop,
  AwaitExpression(node, state, c) {
    state.containsAwait = true;
    walk.base.AwaitExpression(node, state, c);
  },
  ReturnStatement(node, state, c) {
    state.containsReturn = true;
    walk.base.ReturnStatement(node, state, c);
  },
  VariableDeclaration(node, state, c) {
    if (node.kind === 'var' || isTopLevelDeclaration(state)) hoistVariableDeclaration(node, state);
    walk.base.VariableDeclaration(node, state, c);
  },
};

// Every node type tracks its ancestors; a few get the rewrites above.
const visitors = {};
for (const type of Object.keys(walk.base)) {
  const callback = awaitVisitors[type] || walk.base[type];
  visitors[type] = (node, state, c) => {
    const isNew = node !== state.ancestors[state.ancestors.length - 1];
    if (isNew) state.ancestors.push(node);
    callback(node, state, c);
    if (isNew) state.ancestors.pop();
  };
}

function awaitSyntaxError(src, e, prefixLength) {
  const line = e.loc.line;
  const column = line === 1 ? e.loc.column - prefixLength : e.loc.column;
  let message = '\n' + src.split('\n')[line - 1] + '\n' + ' '.repeat(column) + '^\n\n' +
    e.message.replace(/ \([^)]+\)/, '');
  if (message.endsWith('Unexpected token')) {
    const at = e.pos - prefixLength;
    message += ` '${src.length - 1 >= at ? src[at] : src[src.length - 1]}'`;
  }
  return new SyntaxError(message);
}

function parseWrapped(src, wrapped, prefixLength) {
  try {
    return acorn.parse(wrapped, { ecmaVersion: 'latest' });
  } catch (e) {
    if (e.message.startsWith('Unterminated ')) throw new Recoverable(e);
    const awaitPos = src.indexOf('await');
    const errPos = e.pos - prefixLength;
    if (awaitPos > errPos) return null;
    if (errPos === awaitPos + 6 && e.message.includes('Expecting Unicode escape sequence')) return null;
    if (errPos === awaitPos + 7 && e.message.includes('Unexpected token')) return null;
    throw awaitSyntaxError(src, e, prefixLength);
  }
}

// Code using `await` at the top level, rewritten as an async IIFE whose last
// expression is returned as `{ value }`; null when no rewrite is needed.
function processTopLevelAwait(src) {
  const wrapPrefix = '(async () => { ';
  const wrapped = `${wrapPrefix}${src} })()`;
  const root = parseWrapped(src, wrapped, wrapPrefix.length);
  if (root === null) return null;
  const pieces = Array.from(wrapped);
  const body = root.body[0].expression.callee.body;
  const state = {
    body,
    ancestors: [],
    hoisted: [],
    containsAwait: false,
    containsReturn: false,
    replace(from, to, str) {
      for (let i = from; i < to; i++) pieces[i] = '';
      if (from === to) str += pieces[from];
      pieces[from] = str;
    },
    prepend(node, str) { pieces[node.start] = str + pieces[node.start]; },
    append(node, str) { pieces[node.end - 1] += str; },
  };
  walk.recursive(body, state, visitors);
  if (!state.containsAwait || state.containsReturn) return null;
  wrapLastExpression(body, state);
  return state.hoisted.join('') + pieces.join('');
}

function wrapLastExpression(body, state) {
  for (let i = body.body.length - 1; i >= 0; i--) {
    const node = body.body[i];
    if (node.type === 'EmptyStatement') continue;
    if (node.type === 'ExpressionStatement') {
      state.prepend(node, 'return { value: (');
      state.append(node.expression, ') }');
    }
    break;
  }
}

// ---- tab completion ----

const kKeywords = [
  'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue',
  'debugger', 'default', 'delete', 'do', 'else', 'export', 'false', 'finally',
  'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null',
  'return', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined',
  'var', 'void', 'while', 'with', 'yield',
];

const kRequireRE = /\brequire\s*\(\s*['"`](([\w@./:-]+\/)?(?:[\w@./:-]*))(?![^'"`])$/;
const kSimpleExpressionRE = /(?:[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*\.)*[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*\.?$/u;
const kIdentifierRE = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

function ownNames(obj) {
  try {
    return Object.getOwnPropertyNames(obj).filter((name) => kIdentifierRE.test(name));
  } catch {
    return [];
  }
}

// Own names, then each prototype's, nearest first (as node groups them).
function memberGroups(value) {
  const groups = [];
  if (value === null || value === undefined) return groups;
  let obj = Object(value);
  for (let depth = 0; obj !== null && depth < 16; depth++) {
    groups.push(ownNames(obj));
    try {
      obj = Object.getPrototypeOf(obj);
    } catch {
      break;
    }
  }
  return groups;
}

function listDirectory(dir) {
  try {
    return require('fs').readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function requireCandidates(request) {
  const path = require('path');
  const { builtinModules } = require('internal/modules/cjs/loader');
  if (/^\.{0,2}\//.test(request) || request.startsWith('/')) {
    const dirPart = request.slice(0, request.lastIndexOf('/') + 1);
    return listDirectory(path.resolve(dirPart || '.')).map((entry) => {
      return dirPart + entry.name + (entry.isDirectory() ? '/' : '');
    });
  }
  const packages = listDirectory(path.resolve('node_modules'))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  const builtins = builtinModules.filter((name) => !name.startsWith('_'));
  return [...builtins, ...builtins.map((name) => `node:${name}`), ...packages];
}

function filterGroups(groups, filter) {
  const seen = new Set();
  const out = [];
  for (const group of groups) {
    for (const name of [...group].sort()) {
      if (name.startsWith(filter) && !seen.has(name)) {
        seen.add(name);
        out.push(name);
      }
    }
  }
  return out;
}

// Candidates for the text before the cursor: `[candidates, completeOn]`,
// where completeOn is the suffix the candidates replace.
function complete(line, server) {
  const command = /^\s*\.(\w*)$/.exec(line);
  if (command) {
    return [filterGroups([Object.keys(server.commands)], command[1]), command[1]];
  }
  const req = kRequireRE.exec(line);
  if (req) {
    return [filterGroups([requireCandidates(req[1])], req[1]), req[1]];
  }
  const match = line.length === 0 ? [''] : kSimpleExpressionRE.exec(line);
  if (!match) return [[], ''];
  return completeExpression(match[0], server);
}

function completeExpression(expr, server) {
  const dot = expr.lastIndexOf('.');
  if (dot === -1) {
    const groups = [ownNames(globalThis), server.lexicalNames(), ['_', '_error'], kKeywords];
    let proto = Object.getPrototypeOf(globalThis);
    while (proto !== null) {
      groups.push(ownNames(proto));
      proto = Object.getPrototypeOf(proto);
    }
    return [filterGroups(groups, expr), expr];
  }
  const object = expr.slice(0, dot);
  const filter = expr.slice(dot + 1);
  let value;
  try {
    value = server.evaluateQuietly(object);
  } catch {
    return [[], expr];
  }
  const names = filterGroups(memberGroups(value), filter);
  return [names.map((name) => `${object}.${name}`), expr];
}

// ---- the entry point for `rnode` with no script ----

function historyPath() {
  const fromEnv = process.env.RNODE_REPL_HISTORY;
  if (fromEnv !== undefined) return fromEnv.trim();
  const home = require('os').homedir();
  return home ? require('path').join(home, '.rnode_repl_history') : '';
}

function start() {
  const repl = require('repl');
  process.stdout.write(`Welcome to rnode ${process.versions.rnode} (Node.js ${process.version}).\n` +
    'Type ".help" for more information.\n');
  const server = repl.start({ historyPath: historyPath() });
  server.on('exit', () => process.exit());
  return server;
}

module.exports = {
  Recoverable,
  isRecoverableError,
  processTopLevelAwait,
  complete,
  start,
};

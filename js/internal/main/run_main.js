'use strict';
// Picks and runs the entry point: preloads (-r), then `-c` syntax check,
// `-e`/`-p`/stdin source, or the main script file.

const binding = internalBinding('process');
const { runScript, checkSyntax, compileFunction } = internalBinding('contextify');
const Module = require('internal/modules/cjs/loader');
const path = require('path');
const { addBuiltinLibsToObject } = require('internal/modules/helpers');

function runPreloads() {
  if (binding.preload.length === 0) return;
  const parent = new Module('internal/preload', null);
  parent.paths = Module._nodeModulePaths(process.cwd());
  parent.filename = path.join(process.cwd(), '[preload]');
  for (const request of binding.preload) Module._load(request, parent, false);
}

// -e/-p and stdin programs run as scripts with CommonJS-style globals.
function evalScript(name, source, print) {
  const module = new Module(name);
  module.filename = path.join(process.cwd(), name);
  module.paths = Module._nodeModulePaths(process.cwd());
  const require = Module.makeRequire(module);
  // node's order, which `for (k in globalThis)` shows.
  globalThis.__filename = name;
  globalThis.module = module;
  globalThis.exports = module.exports;
  globalThis.__dirname = '.';
  globalThis.require = require;
  const result = evalWrapper(name)(runScript, Module.stripShebang(source), name);
  if (print) {
    const { log } = require('console');
    log(result);
  }
}

// Node runs eval code through a function named `[eval]-wrapper` whose call sits
// at line 6, column 24; stack traces show that frame, so ours does too.
function evalWrapper(name) {
  const body = '// rnode: runs -e, -p and stdin programs\n\n\n\n\n' +
    `${' '.repeat(16)}return runScript(source, name);\n`;
  return compileFunction(body, `${name}-wrapper`, ['runScript', 'source', 'name']);
}

function checkFile(filename) {
  const fs = require('fs');
  const source = fs.readFileSync(filename, 'utf8');
  checkSyntax(Module.stripShebang(source), filename, Module.kWrapperParams);
}

// node's initializePermission: --allow-* need --experimental-permission
// (which rnode refuses at start-up, so here they always lack it).
function checkPermissionOptions() {
  const { getOptionValue } = require('internal/options');
  const { codes: { ERR_MISSING_OPTION } } = require('internal/errors');
  for (const name of ['--allow-fs-read', '--allow-fs-write', '--allow-addons', '--allow-child-process',
    '--allow-wasi', '--allow-worker']) {
    if (getOptionValue(name)) throw new ERR_MISSING_OPTION('--experimental-permission');
  }
}

// --import: ES modules loaded, in order, after -r preloads and before the entry.
async function runImports(specifiers) {
  const { importModuleDynamically } = require('internal/modules/esm/loader');
  const referrer = path.join(process.cwd(), '[import]');
  for (const specifier of specifiers) await importModuleDynamically(specifier, referrer, undefined);
}

function runMain() {
  checkPermissionOptions();
  runPreloads();
  const imports = require('internal/options').getOptionValue('--import');
  if (imports.length > 0) {
    runImports(imports).then(runEntry);
    return;
  }
  runEntry();
}

function runEntry() {
  if (binding.evalSource !== undefined) {
    const name = binding.stdinProgram ? '[stdin]' : '[eval]';
    // -e/-p code (not a stdin program) sees every built-in module as a global.
    if (!binding.stdinProgram) addBuiltinLibsToObject(globalThis);
    if (binding.checkOnly && binding.stdinProgram) {
      checkSyntax(binding.evalSource, name, Module.kWrapperParams);
      return;
    }
    if (binding.inputTypeModule) {
      require('internal/modules/esm/loader').runSource(binding.evalSource, name);
      return;
    }
    evalScript(name, binding.evalSource, binding.printEval);
    return;
  }
  if (binding.checkOnly) {
    checkFile(process.argv[1]);
    return;
  }
  if (binding.forceRepl) {
    require('internal/repl').start();
    return;
  }
  runMainFile(process.argv[1]);
}

// The entry point is an ES module when node's rules say so (.mjs, or .js under
// "type": "module"); everything else loads as CommonJS.
function runMainFile(filename) {
  const resolved = Module._resolveFilename(filename, null, true);
  const { formatOf } = require('internal/modules/esm/resolve');
  if (formatOf(resolved) === 'module') {
    require('internal/modules/esm/loader').runMain(resolved);
    return;
  }
  Module.runMain(filename);
}

module.exports = { runMain };

'use strict';

// util.parseArgs: splits argv into option and positional tokens, then checks
// them against the configured options (strict mode) and collects values.

const {
  validateArray,
  validateBoolean,
  validateBooleanArray,
  validateObject,
  validateString,
  validateStringArray,
  validateUnion,
} = require('internal/validators');
const {
  codes: {
    ERR_INVALID_ARG_VALUE,
    ERR_PARSE_ARGS_INVALID_OPTION_VALUE,
    ERR_PARSE_ARGS_UNKNOWN_OPTION,
    ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL,
  },
} = require('internal/errors');
const { kEmptyObject } = require('internal/util');

// Own properties only: config objects must not pick up inherited values.
function objectGetOwn(obj, prop) {
  if (Object.hasOwn(obj, prop)) return obj[prop];
  return undefined;
}

function optionsGetOwn(options, longOption, prop) {
  if (Object.hasOwn(options, longOption)) return objectGetOwn(options[longOption], prop);
  return undefined;
}

function isOptionLikeValue(value) {
  return value != null && value.length > 1 && value[0] === '-';
}

// `-f`
function isLoneShortOption(arg) {
  return arg.length === 2 && arg[0] === '-' && arg[1] !== '-';
}

// `--foo`
function isLoneLongOption(arg) {
  return arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
}

// `--foo=bar`
function isLongOptionAndValue(arg) {
  return arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);
}

function isShortOptionLike(arg) {
  return arg.length > 2 && arg[0] === '-' && arg[1] !== '-';
}

// `-abc` where -a is not a string option (so the rest are more flags).
function isShortOptionGroup(arg, options) {
  return isShortOptionLike(arg) &&
    optionsGetOwn(options, findLongOptionForShort(arg[1], options), 'type') !== 'string';
}

// `-fvalue` where -f is a string option.
function isShortOptionAndValue(arg, options) {
  validateObject(options, 'options');
  return isShortOptionLike(arg) &&
    optionsGetOwn(options, findLongOptionForShort(arg[1], options), 'type') === 'string';
}

function findLongOptionForShort(shortOption, options) {
  validateObject(options, 'options');
  const entry = Object.entries(options)
    .find(({ 1: optionConfig }) => objectGetOwn(optionConfig, 'short') === shortOption);
  return entry?.[0] ?? shortOption;
}

// The script's arguments: after the executable and script (or after the
// executable only for -e/-p).
function getMainArgs() {
  const execArgv = process.execArgv;
  if (['-e', '--eval', '-p', '--print'].some((flag) => execArgv.includes(flag))) {
    return process.argv.slice(1);
  }
  return process.argv.slice(2);
}

function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith('--') ?
      `'${token.rawName}=-XYZ'` :
      `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    throw new ERR_PARSE_ARGS_INVALID_OPTION_VALUE(
      `Option '${token.rawName}' argument is ambiguous.\n` +
      `Did you forget to specify the option argument for '${token.rawName}'?\n` +
      `To specify an option argument starting with a dash use ${example}.`);
  }
}

function checkOptionUsage(config, token) {
  let tokenName = token.name;
  if (!Object.hasOwn(config.options, tokenName)) {
    // `--no-foo` negates a boolean `foo` when allowNegative is set.
    const negated = config.allowNegative && tokenName.startsWith('no-') ? tokenName.slice(3) : undefined;
    if (negated === undefined || !Object.hasOwn(config.options, negated) ||
        optionsGetOwn(config.options, negated, 'type') !== 'boolean') {
      throw new ERR_PARSE_ARGS_UNKNOWN_OPTION(token.rawName, config.allowPositionals);
    }
    tokenName = negated;
  }
  const short = optionsGetOwn(config.options, tokenName, 'short');
  const shortAndLong = `${short ? `-${short}, ` : ''}--${tokenName}`;
  const type = optionsGetOwn(config.options, tokenName, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw new ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw new ERR_PARSE_ARGS_INVALID_OPTION_VALUE(`Option '${shortAndLong}' does not take an argument`);
  }
}

function storeOption(token, options, values, allowNegative) {
  let longOption = token.name;
  let optionValue = token.value;
  if (longOption === '__proto__') return;
  if (allowNegative && longOption.startsWith('no-') && optionValue === undefined) {
    longOption = longOption.slice(3);
    token.name = longOption;
    optionValue = false;
  }
  const newValue = optionValue ?? true;
  if (optionsGetOwn(options, longOption, 'multiple')) {
    if (values[longOption]) values[longOption].push(newValue);
    else values[longOption] = [newValue];
  } else {
    values[longOption] = newValue;
  }
}

// An option token; string options take the next argument as their value.
function optionToken(name, rawName, index, options, remainingArgs) {
  let value;
  let inlineValue;
  if (optionsGetOwn(options, name, 'type') === 'string' && remainingArgs[0] != null) {
    value = remainingArgs.shift();
    inlineValue = false;
  }
  return { kind: 'option', name, rawName, index, value, inlineValue };
}

// Short groups (`-abc`) are expanded into single options before tokenizing;
// their pieces share the group's index.
function expandShortGroup(arg, options) {
  const expanded = [];
  for (let i = 1; i < arg.length; i++) {
    const shortOption = arg[i];
    const longOption = findLongOptionForShort(shortOption, options);
    if (optionsGetOwn(options, longOption, 'type') !== 'string' || i === arg.length - 1) {
      expanded.push(`-${shortOption}`);
    } else {
      // A string option takes the rest of the group as its value.
      expanded.push(`-${arg.slice(i)}`);
      break;
    }
  }
  return expanded;
}

function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remainingArgs = args.slice();
  while (remainingArgs.length > 0) {
    const arg = remainingArgs.shift();
    if (groupCount > 0) groupCount--;
    else index++;

    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const value of remainingArgs) tokens.push({ kind: 'positional', index: ++index, value });
      break;
    }
    if (isLoneShortOption(arg)) {
      const token = optionToken(findLongOptionForShort(arg[1], options), arg, index, options, remainingArgs);
      tokens.push(token);
      if (token.value != null) ++index;
    } else if (isShortOptionGroup(arg, options)) {
      const expanded = expandShortGroup(arg, options);
      remainingArgs.unshift(...expanded);
      groupCount = expanded.length;
    } else if (isShortOptionAndValue(arg, options)) {
      const shortOption = arg[1];
      tokens.push({ kind: 'option', name: findLongOptionForShort(shortOption, options),
                    rawName: `-${shortOption}`, index, value: arg.slice(2), inlineValue: true });
    } else if (isLoneLongOption(arg)) {
      const token = optionToken(arg.slice(2), arg, index, options, remainingArgs);
      tokens.push(token);
      if (token.value != null) ++index;
    } else if (isLongOptionAndValue(arg)) {
      const equalIndex = arg.indexOf('=');
      const longOption = arg.slice(2, equalIndex);
      tokens.push({ kind: 'option', name: longOption, rawName: `--${longOption}`,
                    index, value: arg.slice(equalIndex + 1), inlineValue: true });
    } else {
      tokens.push({ kind: 'positional', index, value: arg });
    }
  }
  return tokens;
}

function validateOptionConfig(longOption, optionConfig) {
  validateObject(optionConfig, `options.${longOption}`);
  const optionType = objectGetOwn(optionConfig, 'type');
  validateUnion(optionType, `options.${longOption}.type`, ['string', 'boolean']);
  if (Object.hasOwn(optionConfig, 'short')) {
    const shortOption = optionConfig.short;
    validateString(shortOption, `options.${longOption}.short`);
    if (shortOption.length !== 1) {
      throw new ERR_INVALID_ARG_VALUE(`options.${longOption}.short`, shortOption,
                                      'must be a single character');
    }
  }
  const multipleOption = objectGetOwn(optionConfig, 'multiple');
  if (Object.hasOwn(optionConfig, 'multiple')) {
    validateBoolean(multipleOption, `options.${longOption}.multiple`);
  }
  const defaultValue = objectGetOwn(optionConfig, 'default');
  if (defaultValue !== undefined) {
    const validator = optionType === 'string' ?
      (multipleOption ? validateStringArray : validateString) :
      (multipleOption ? validateBooleanArray : validateBoolean);
    validator(defaultValue, `options.${longOption}.default`);
  }
}

function parseArgs(config = kEmptyObject) {
  const args = objectGetOwn(config, 'args') ?? getMainArgs();
  const strict = objectGetOwn(config, 'strict') ?? true;
  const allowPositionals = objectGetOwn(config, 'allowPositionals') ?? !strict;
  const returnTokens = objectGetOwn(config, 'tokens') ?? false;
  const allowNegative = objectGetOwn(config, 'allowNegative') ?? false;
  const options = objectGetOwn(config, 'options') ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals, allowNegative };

  validateArray(args, 'args');
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateBoolean(allowNegative, 'allowNegative');
  validateObject(options, 'options');
  for (const [longOption, optionConfig] of Object.entries(options)) {
    validateOptionConfig(longOption, optionConfig);
  }

  const tokens = argsToTokens(args, options);
  const result = { values: { __proto__: null }, positionals: [] };
  if (returnTokens) result.tokens = tokens;

  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token, options, result.values, allowNegative);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) throw new ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL(token.value);
      result.positionals.push(token.value);
    }
  }

  for (const [longOption, optionConfig] of Object.entries(options)) {
    const defaultValue = objectGetOwn(optionConfig, 'default');
    if (defaultValue !== undefined && result.values[longOption] === undefined &&
        longOption !== '__proto__') {
      result.values[longOption] = defaultValue;
    }
  }
  return result;
}

module.exports = { parseArgs };

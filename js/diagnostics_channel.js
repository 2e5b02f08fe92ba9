'use strict';

// node:diagnostics_channel: named publish/subscribe channels that cost nothing
// while nobody listens, store binding for AsyncLocalStorage, and tracing
// channels (start/end/asyncStart/asyncEnd/error around a call).
//
// A channel object flips between two prototypes: the idle one, whose publish
// does nothing, and the active one, used while it has subscribers or bound
// stores. `instanceof Channel` accepts both.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');
const { triggerUncaughtException } = require('internal/process/execution');

const ReflectApply = Reflect.apply;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const PromiseResolve = Promise.resolve.bind(Promise);
const PromiseReject = Promise.reject.bind(Promise);
const PromiseThen = Function.prototype.call.bind(Promise.prototype.then);

// A subscriber or store transform that throws must not stop the publisher: its
// error surfaces as an uncaught exception on the next tick.
function reportLater(err) {
  process.nextTick(() => triggerUncaughtException(err, false));
}

// Channels are looked up by name but only held weakly while idle, so a
// program that creates many short-lived names does not leak them; an active
// channel is held strongly so its subscribers stay reachable by name.
const idleChannels = new Map();
const activeChannels = new Map();
const forgetIdle = new FinalizationRegistry((name) => {
  const ref = idleChannels.get(name);
  if (ref !== undefined && ref.deref() === undefined) idleChannels.delete(name);
});

function lookup(name) {
  const active = activeChannels.get(name);
  if (active !== undefined) return active;
  return idleChannels.get(name)?.deref();
}

function activate(channel) {
  if (ObjectGetPrototypeOf(channel) === ActiveChannel.prototype) return;
  ObjectSetPrototypeOf(channel, ActiveChannel.prototype);
  activeChannels.set(channel.name, channel);
}

function deactivateIfUnused(channel) {
  if (channel._subscribers.length > 0 || channel._stores.size > 0) return;
  ObjectSetPrototypeOf(channel, Channel.prototype);
  activeChannels.delete(channel.name);
}

class Channel {
  constructor(name) {
    this._subscribers = [];
    this._stores = new Map();
    this.name = name;
    idleChannels.set(name, new WeakRef(this));
    forgetIdle.register(this, name);
  }

  static [Symbol.hasInstance](value) {
    const proto = ObjectGetPrototypeOf(value);
    return proto === Channel.prototype || proto === ActiveChannel.prototype;
  }

  get hasSubscribers() {
    return false;
  }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    // Copy on write: a publish already iterating keeps its own list.
    this._subscribers = [...this._subscribers, subscription];
    activate(this);
  }

  unsubscribe(subscription) {
    const at = this._subscribers.indexOf(subscription);
    if (at === -1) return false;
    this._subscribers = this._subscribers.filter((_, i) => i !== at);
    deactivateIfUnused(this);
    return true;
  }

  bindStore(store, transform) {
    this._stores.set(store, transform);
    activate(this);
  }

  unbindStore(store) {
    if (!this._stores.delete(store)) return false;
    deactivateIfUnused(this);
    return true;
  }

  publish() {}

  runStores(data, fn, thisArg, ...args) {
    return ReflectApply(fn, thisArg, args);
  }
}

class ActiveChannel {
  get hasSubscribers() {
    return true;
  }

  publish(data) {
    const subscribers = this._subscribers;
    for (let i = 0; i < subscribers.length; i++) {
      try {
        subscribers[i](data, this.name);
      } catch (err) {
        reportLater(err);
      }
    }
  }

  // Enters every bound store with its transform of `data` (nested, in bind
  // order), publishes, then calls fn inside all of them.
  runStores(data, fn, thisArg, ...args) {
    const stores = [...this._stores];
    const enter = (index) => {
      if (index === stores.length) {
        this.publish(data);
        return ReflectApply(fn, thisArg, args);
      }
      const { 0: store, 1: transform } = stores[index];
      let context;
      try {
        context = transform === undefined ? data : transform(data);
      } catch (err) {
        reportLater(err);
        return enter(index + 1);
      }
      return store.run(context, () => enter(index + 1));
    };
    return enter(0);
  }
}

for (const key of ['subscribe', 'unsubscribe', 'bindStore', 'unbindStore']) {
  Object.defineProperty(ActiveChannel.prototype, key,
                        Object.getOwnPropertyDescriptor(Channel.prototype, key));
}

function validateChannelName(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw new ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
  }
}

function channel(name) {
  const existing = lookup(name);
  if (existing !== undefined) return existing;
  validateChannelName(name);
  return new Channel(name);
}

function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

function hasSubscribers(name) {
  const found = lookup(name);
  return found !== undefined && found.hasSubscribers;
}

const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

function tracingEventChannel(nameOrChannels, event) {
  if (typeof nameOrChannels === 'string') {
    return channel(`tracing:${nameOrChannels}:${event}`);
  }
  if (typeof nameOrChannels === 'object' && nameOrChannels !== null) {
    const given = nameOrChannels[event];
    if (given instanceof Channel) return given;
    throw new ERR_INVALID_ARG_TYPE(`nameOrChannels.${event}`, ['Channel'], given);
  }
  throw new ERR_INVALID_ARG_TYPE('nameOrChannels', ['string', 'object', 'TracingChannel'], nameOrChannels);
}

// Marks the outcome of a traced call on its context and publishes it.
function publishError(tracing, context, err) {
  context.error = err;
  tracing.error.publish(context);
}

function publishAsyncDone(tracing, context) {
  tracing.asyncStart.publish(context);
  tracing.asyncEnd.publish(context);
}

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of traceEvents) {
      Object.defineProperty(this, event, {
        __proto__: null,
        value: tracingEventChannel(nameOrChannels, event),
        enumerable: true,
      });
    }
  }

  get hasSubscribers() {
    return traceEvents.some((event) => this[event].hasSubscribers);
  }

  subscribe(handlers) {
    for (const event of traceEvents) {
      if (handlers[event]) this[event].subscribe(handlers[event]);
    }
  }

  unsubscribe(handlers) {
    let all = true;
    for (const event of traceEvents) {
      if (handlers[event] && !this[event].unsubscribe(handlers[event])) all = false;
    }
    return all;
  }

  // Runs fn inside `start`'s stores; `end` is published however fn leaves.
  #traceCall(context, call) {
    return this.start.runStores(context, () => {
      try {
        return call();
      } catch (err) {
        publishError(this, context, err);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return ReflectApply(fn, thisArg, args);
    return this.#traceCall(context, () => {
      const result = ReflectApply(fn, thisArg, args);
      context.result = result;
      return result;
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return ReflectApply(fn, thisArg, args);
    const onFulfilled = (result) => {
      context.result = result;
      publishAsyncDone(this, context);
      return result;
    };
    const onRejected = (err) => {
      publishError(this, context, err);
      publishAsyncDone(this, context);
      return PromiseReject(err);
    };
    return this.#traceCall(context, () => {
      let promise = ReflectApply(fn, thisArg, args);
      if (!(promise instanceof Promise)) promise = PromiseResolve(promise);
      return PromiseThen(promise, onFulfilled, onRejected);
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return ReflectApply(fn, thisArg, args);
    const callback = args.at(position);
    validateFunction(callback, 'callback');
    const tracing = this;
    function tracedCallback(err, result) {
      if (err) publishError(tracing, context, err);
      else context.result = result;
      // asyncStart's stores are entered around the user's callback, so a
      // store can restore the context the call started in.
      return tracing.asyncStart.runStores(context, () => {
        try {
          return ReflectApply(callback, this, arguments);
        } finally {
          tracing.asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, tracedCallback);
    return this.#traceCall(context, () => ReflectApply(fn, thisArg, args));
  }
}

function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels);
}

module.exports = {
  channel,
  hasSubscribers,
  subscribe,
  tracingChannel,
  unsubscribe,
  Channel,
};

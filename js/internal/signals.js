'use strict';
// Linux signal numbers (os.constants.signals), from the one table in Rust.

module.exports = Object.freeze(Object.assign({ __proto__: null }, internalBinding('constants').signals));

//! `internalBinding('serdes')`: V8's ValueSerializer / ValueDeserializer.
//!
//! - `structuredClone(value, transferList, DOMException)`: serialize and
//!   deserialize in one step. `transferList` holds ArrayBuffers (checked in
//!   JavaScript) whose contents move to the clone: the originals are
//!   detached once serialization succeeded. SharedArrayBuffers are shared,
//!   WebAssembly.Modules re-created from the same compiled module.
//! - `serialize(value, DOMException)` -> Uint8Array in V8's wire format, and
//!   `deserialize(bytes)` -> value. SharedArrayBuffers and WebAssembly
//!   modules cannot be serialized to bytes.
//!
//! Values V8 refuses (functions, symbols, WeakMaps, host objects...) throw
//! `new DOMException('<value> could not be cloned.', 'DataCloneError')`
//! through the constructor JavaScript passes in.

use std::cell::RefCell;
use std::rc::Rc;

use v8::{ValueDeserializerHelper as _, ValueSerializerHelper as _};

use super::{bytes_to_uint8array, v8_str, view_bytes, with_view_contents, Op};

pub fn ops() -> Vec<Op> {
    crate::op_table! {
        "structuredClone" => op_serdes_structured_clone,
        "serialize" => op_serdes_serialize,
        "deserialize" => op_serdes_deserialize,
        "serializeValue" => op_serdes_serialize_value,
        "deserializeValue" => op_serdes_deserialize_value,
    }
}

/// What a clone shares with its original instead of copying, indexed by the
/// ids written to the stream.
#[derive(Default)]
struct Shared {
    stores: Vec<v8::SharedRef<v8::BackingStore>>,
    modules: Vec<v8::CompiledWasmModule>,
}

/// Throws `new DOMException(message, 'DataCloneError')`, or a plain Error
/// carrying that name when no constructor was given.
fn throw_data_clone_error<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    ctor: Option<&v8::Global<v8::Function>>,
    message: v8::Local<'s, v8::String>,
) {
    let name = v8_str(scope, "DataCloneError");
    if let Some(ctor) = ctor {
        let ctor = v8::Local::new(scope, ctor);
        // A constructor that throws leaves its own exception pending.
        if let Some(exc) = ctor.new_instance(scope, &[message.into(), name.into()]) {
            scope.throw_exception(exc.into());
        }
        return;
    }
    let exc = v8::Exception::error(scope, message);
    if let Ok(obj) = v8::Local::<v8::Object>::try_from(exc) {
        let key = v8_str(scope, "name");
        obj.set(scope, key.into(), name.into());
    }
    scope.throw_exception(exc);
}

fn throw_not_cloneable<'s>(scope: &mut v8::PinScope<'s, '_>, ctor: Option<&v8::Global<v8::Function>>, what: &str) {
    let message = v8_str(scope, &format!("#<{what}> could not be cloned."));
    throw_data_clone_error(scope, ctor, message);
}

struct SerializerDelegate {
    dom_exception: Option<v8::Global<v8::Function>>,
    /// SharedArrayBuffers and Wasm modules met while serializing; `None`
    /// when sharing is impossible (serializing to bytes).
    shared: Option<Rc<RefCell<Shared>>>,
}

impl v8::ValueSerializerImpl for SerializerDelegate {
    fn throw_data_clone_error<'s>(&self, scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) {
        throw_data_clone_error(scope, self.dom_exception.as_ref(), message);
    }

    // V8 asks this for objects with embedder fields: none of ours clone.
    fn write_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
        _value_serializer: &dyn v8::ValueSerializerHelper,
    ) -> Option<bool> {
        let name = object.get_constructor_name().to_rust_string_lossy(scope);
        throw_not_cloneable(scope, self.dom_exception.as_ref(), &name);
        None
    }

    fn get_shared_array_buffer_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        shared_array_buffer: v8::Local<'s, v8::SharedArrayBuffer>,
    ) -> Option<u32> {
        let Some(shared) = &self.shared else {
            throw_not_cloneable(scope, self.dom_exception.as_ref(), "SharedArrayBuffer");
            return None;
        };
        let stores = &mut shared.borrow_mut().stores;
        let Ok(id) = u32::try_from(stores.len()) else {
            throw_not_cloneable(scope, self.dom_exception.as_ref(), "SharedArrayBuffer");
            return None;
        };
        stores.push(shared_array_buffer.get_backing_store());
        Some(id)
    }

    fn get_wasm_module_transfer_id(
        &self,
        scope: &mut v8::PinScope<'_, '_>,
        module: v8::Local<v8::WasmModuleObject>,
    ) -> Option<u32> {
        let Some(shared) = &self.shared else {
            throw_not_cloneable(scope, self.dom_exception.as_ref(), "Module");
            return None;
        };
        let modules = &mut shared.borrow_mut().modules;
        let Ok(id) = u32::try_from(modules.len()) else {
            throw_not_cloneable(scope, self.dom_exception.as_ref(), "Module");
            return None;
        };
        modules.push(module.get_compiled_module());
        Some(id)
    }
}

struct DeserializerDelegate {
    shared: Shared,
}

fn throw_bad_data(scope: &mut v8::PinScope) {
    super::throw_error(scope, "Unable to deserialize cloned data.");
}

impl v8::ValueDeserializerImpl for DeserializerDelegate {
    fn read_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        _value_deserializer: &dyn v8::ValueDeserializerHelper,
    ) -> Option<v8::Local<'s, v8::Object>> {
        throw_bad_data(scope);
        None
    }

    fn get_shared_array_buffer_from_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        transfer_id: u32,
    ) -> Option<v8::Local<'s, v8::SharedArrayBuffer>> {
        match self.shared.stores.get(transfer_id as usize) {
            Some(store) => Some(v8::SharedArrayBuffer::with_backing_store(scope, store)),
            None => {
                throw_bad_data(scope);
                None
            }
        }
    }

    fn get_wasm_module_from_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        clone_id: u32,
    ) -> Option<v8::Local<'s, v8::WasmModuleObject>> {
        let module = self
            .shared
            .modules
            .get(clone_id as usize)
            .and_then(|compiled| v8::WasmModuleObject::from_compiled_module(scope, compiled));
        if module.is_none() {
            throw_bad_data(scope);
        }
        module
    }
}

fn dom_exception_ctor(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<v8::Global<v8::Function>> {
    let ctor = v8::Local::<v8::Function>::try_from(value).ok()?;
    Some(v8::Global::new(scope, ctor))
}

/// The distinct, still attached, detachable ArrayBuffers of a transfer list.
fn transferable_buffers<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    list: v8::Local<'_, v8::Value>,
) -> Option<Vec<v8::Local<'s, v8::ArrayBuffer>>> {
    let mut buffers: Vec<v8::Local<v8::ArrayBuffer>> = Vec::new();
    let Ok(array) = v8::Local::<v8::Array>::try_from(list) else {
        return Some(buffers);
    };
    for i in 0..array.length() {
        let item = array.get_index(scope, i)?;
        let Ok(buffer) = v8::Local::<v8::ArrayBuffer>::try_from(item) else {
            continue;
        };
        if buffer.was_detached() || !buffer.is_detachable() {
            continue;
        }
        if buffers.iter().any(|b| b.strict_equals(buffer.into())) {
            continue;
        }
        buffers.push(buffer);
    }
    Some(buffers)
}

fn op_serdes_structured_clone(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let value = args.get(0);
    let Some(buffers) = transferable_buffers(scope, args.get(1)) else {
        return;
    };
    let shared = Rc::new(RefCell::new(Shared::default()));
    let delegate =
        SerializerDelegate { dom_exception: dom_exception_ctor(scope, args.get(2)), shared: Some(shared.clone()) };
    let context = scope.get_current_context();

    let data = {
        let serializer = v8::ValueSerializer::new(scope, Box::new(delegate));
        serializer.write_header();
        for (id, buffer) in buffers.iter().enumerate() {
            serializer.transfer_array_buffer(id as u32, *buffer);
        }
        if serializer.write_value(context, value) != Some(true) {
            return; // the DataCloneError (or a getter's exception) is pending
        }
        serializer.release()
    };

    // Serialization succeeded: the transferred contents leave their buffers.
    let mut stores = Vec::with_capacity(buffers.len());
    for buffer in &buffers {
        stores.push(buffer.get_backing_store());
        if buffer.detach(None).is_none() {
            return;
        }
    }

    let shared = std::mem::take(&mut *shared.borrow_mut());
    let deserializer = v8::ValueDeserializer::new(scope, Box::new(DeserializerDelegate { shared }), &data);
    if deserializer.read_header(context) != Some(true) {
        return;
    }
    for (id, store) in stores.iter().enumerate() {
        let buffer = v8::ArrayBuffer::with_backing_store(scope, store);
        deserializer.transfer_array_buffer(id as u32, buffer);
    }
    if let Some(result) = deserializer.read_value(context) {
        rv.set(result);
    }
}

fn op_serdes_serialize(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let value = args.get(0);
    let delegate = SerializerDelegate { dom_exception: dom_exception_ctor(scope, args.get(1)), shared: None };
    let context = scope.get_current_context();
    let data = {
        let serializer = v8::ValueSerializer::new(scope, Box::new(delegate));
        serializer.write_header();
        if serializer.write_value(context, value) != Some(true) {
            return;
        }
        serializer.release()
    };
    let bytes = bytes_to_uint8array(scope, data);
    rv.set(bytes);
}

fn op_serdes_deserialize(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(data) = view_bytes(args.get(0)) else {
        super::throw_type_error(
            scope,
            "The \"buffer\" argument must be an instance of Buffer, TypedArray, or DataView.",
        );
        return;
    };
    let context = scope.get_current_context();
    let deserializer =
        v8::ValueDeserializer::new(scope, Box::new(DeserializerDelegate { shared: Shared::default() }), &data);
    if deserializer.read_header(context) != Some(true) {
        return;
    }
    if let Some(result) = deserializer.read_value(context) {
        rv.set(result);
    }
}

// ---- node:v8's Serializer and Deserializer ----
//
// JavaScript keeps the stream (header, raw writes, one chunk per value) and
// asks for one value at a time. What V8 hands back to the embedder (host
// objects, SharedArrayBuffer ids, clone errors) goes to the JavaScript object's
// hooks: `hostObject`, `sharedArrayBufferId`, `cloneError`.

/// Calls `hooks[name](...args)`; None if it threw (its exception is pending).
fn call_hook<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    hooks: &v8::Global<v8::Object>,
    name: &str,
    args: &[v8::Local<v8::Value>],
) -> Option<v8::Local<'s, v8::Value>> {
    let hooks = v8::Local::new(scope, hooks);
    let key = v8_str(scope, name);
    let hook = v8::Local::<v8::Function>::try_from(hooks.get(scope, key.into())?).ok()?;
    hook.call(scope, hooks.into(), args)
}

struct JsSerializerHooks {
    hooks: v8::Global<v8::Object>,
}

impl v8::ValueSerializerImpl for JsSerializerHooks {
    fn throw_data_clone_error<'s>(&self, scope: &mut v8::PinScope<'s, '_>, message: v8::Local<'s, v8::String>) {
        if let Some(error) = call_hook(scope, &self.hooks, "cloneError", &[message.into()]) {
            scope.throw_exception(error);
        }
    }

    fn write_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        object: v8::Local<'s, v8::Object>,
        value_serializer: &dyn v8::ValueSerializerHelper,
    ) -> Option<bool> {
        let bytes = call_hook(scope, &self.hooks, "hostObject", &[object.into()])?;
        with_view_contents(bytes, |b| value_serializer.write_raw_bytes(b))?;
        Some(true)
    }

    fn get_shared_array_buffer_id<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        shared_array_buffer: v8::Local<'s, v8::SharedArrayBuffer>,
    ) -> Option<u32> {
        let id = call_hook(scope, &self.hooks, "sharedArrayBufferId", &[shared_array_buffer.into()])?;
        id.uint32_value(scope)
    }
}

fn hooks_arg(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Option<v8::Global<v8::Object>> {
    let hooks = v8::Local::<v8::Object>::try_from(value).ok()?;
    Some(v8::Global::new(scope, hooks))
}

/// `[id, arrayBuffer, id, arrayBuffer, ...]` from transferArrayBuffer calls.
fn transfer_pairs<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    list: v8::Local<'_, v8::Value>,
) -> Vec<(u32, v8::Local<'s, v8::ArrayBuffer>)> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(list) else { return Vec::new() };
    let mut pairs = Vec::new();
    for i in (0..array.length()).step_by(2) {
        let id = array.get_index(scope, i).and_then(|v| v.uint32_value(scope));
        let buffer = array.get_index(scope, i + 1).and_then(|v| v8::Local::<v8::ArrayBuffer>::try_from(v).ok());
        if let (Some(id), Some(buffer)) = (id, buffer) {
            pairs.push((id, buffer));
        }
    }
    pairs
}

/// serializeValue(value, hooks, treatViewsAsHostObjects, transfers) -> the
/// value's bytes in V8's wire format, without a header.
fn op_serdes_serialize_value(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(hooks) = hooks_arg(scope, args.get(1)) else { return };
    let treat_views = args.get(2).boolean_value(scope);
    let transfers = transfer_pairs(scope, args.get(3));
    let context = scope.get_current_context();
    let data = {
        let serializer = v8::ValueSerializer::new(scope, Box::new(JsSerializerHooks { hooks }));
        serializer.set_treat_array_buffer_views_as_host_objects(treat_views);
        for (id, buffer) in transfers {
            serializer.transfer_array_buffer(id, buffer);
        }
        if serializer.write_value(context, args.get(0)) != Some(true) {
            return;
        }
        serializer.release()
    };
    rv.set(bytes_to_uint8array(scope, data));
}

/// Reads the host objects node's DefaultSerializer writes: an
/// ArrayBufferView as (type index, byte length, bytes). V8 runs host-object
/// reads where JavaScript may not run, so this layout is read here.
struct ViewReader {
    /// Buffer.prototype, for type index 10.
    buffer_prototype: Option<v8::Global<v8::Object>>,
}

/// The view type of each index, in node's order.
fn new_view<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    buffer: v8::Local<'s, v8::ArrayBuffer>,
    byte_length: usize,
) -> Option<v8::Local<'s, v8::Object>> {
    let elements = |size: usize| byte_length.is_multiple_of(size).then_some(byte_length / size);
    let view: v8::Local<v8::Object> = match index {
        0 => v8::Int8Array::new(scope, buffer, 0, byte_length)?.into(),
        1 | 10 => v8::Uint8Array::new(scope, buffer, 0, byte_length)?.into(),
        2 => v8::Uint8ClampedArray::new(scope, buffer, 0, byte_length)?.into(),
        3 => v8::Int16Array::new(scope, buffer, 0, elements(2)?)?.into(),
        4 => v8::Uint16Array::new(scope, buffer, 0, elements(2)?)?.into(),
        5 => v8::Int32Array::new(scope, buffer, 0, elements(4)?)?.into(),
        6 => v8::Uint32Array::new(scope, buffer, 0, elements(4)?)?.into(),
        7 => v8::Float32Array::new(scope, buffer, 0, elements(4)?)?.into(),
        8 => v8::Float64Array::new(scope, buffer, 0, elements(8)?)?.into(),
        9 => v8::DataView::new(scope, buffer, 0, byte_length).into(),
        11 => v8::BigInt64Array::new(scope, buffer, 0, elements(8)?)?.into(),
        12 => v8::BigUint64Array::new(scope, buffer, 0, elements(8)?)?.into(),
        _ => return None,
    };
    Some(view)
}

impl v8::ValueDeserializerImpl for ViewReader {
    fn read_host_object<'s>(
        &self,
        scope: &mut v8::PinScope<'s, '_>,
        reader: &dyn v8::ValueDeserializerHelper,
    ) -> Option<v8::Local<'s, v8::Object>> {
        let (mut index, mut length) = (0u32, 0u32);
        if !reader.read_uint32(&mut index) || !reader.read_uint32(&mut length) {
            throw_bad_data(scope);
            return None;
        }
        let Some(bytes) = reader.read_raw_bytes(length as usize).map(<[u8]>::to_vec) else {
            throw_bad_data(scope);
            return None;
        };
        let store = v8::ArrayBuffer::new_backing_store_from_vec(bytes).make_shared();
        let buffer = v8::ArrayBuffer::with_backing_store(scope, &store);
        let Some(view) = new_view(scope, index, buffer, length as usize) else {
            throw_bad_data(scope);
            return None;
        };
        if index == 10 {
            if let Some(prototype) = &self.buffer_prototype {
                let prototype = v8::Local::new(scope, prototype);
                view.set_prototype(scope, prototype.into());
            }
        }
        Some(view)
    }
}

/// deserializeValue(buffer, offset, version, bufferPrototype, transfers) ->
/// [value, offset after it].
fn op_serdes_deserialize_value(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    mut rv: v8::ReturnValue<v8::Value>,
) {
    let Some(data) = view_bytes(args.get(0)) else { return };
    let offset = args.get(1).integer_value(scope).and_then(|o| usize::try_from(o).ok()).unwrap_or(0);
    let version = args.get(2).uint32_value(scope).unwrap_or(0);
    let buffer_prototype = hooks_arg(scope, args.get(3));
    let transfers = transfer_pairs(scope, args.get(4));
    // V8 reads a value only after a header: give it one for `version`.
    let mut stream = vec![0xff];
    let mut v = version;
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            stream.push(byte);
            break;
        }
        stream.push(byte | 0x80);
    }
    let header_len = stream.len();
    stream.extend_from_slice(data.get(offset..).unwrap_or_default());
    let context = scope.get_current_context();
    let reader = v8::ValueDeserializer::new(scope, Box::new(ViewReader { buffer_prototype }), &stream);
    if reader.read_header(context) != Some(true) {
        return;
    }
    for (id, buffer) in transfers {
        reader.transfer_array_buffer(id, buffer);
    }
    let Some(value) = reader.read_value(context) else { return };
    let here = reader.read_raw_bytes(0).map(|s| s.as_ptr() as usize);
    let start = stream.as_ptr() as usize + header_len;
    let Some(end) = here.and_then(|h| h.checked_sub(start)).map(|n| n + offset) else {
        throw_bad_data(scope);
        return;
    };
    let end = v8::Number::new(scope, end as f64);
    rv.set(v8::Array::new_with_elements(scope, &[value, end.into()]).into());
}

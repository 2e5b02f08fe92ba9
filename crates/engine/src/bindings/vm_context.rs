//! vm contexts: a new V8 context whose global object forwards property access
//! to a "sandbox" object that lives in the caller's context, as node's
//! `ContextifyContext` does. The interceptors on the new global read and write
//! the sandbox first; what the sandbox lacks falls through to the context's own
//! built-ins (Array, Object, ...).
//!
//! JavaScript keeps each sandbox's context as the context's global proxy
//! (whose creation context is the context itself).

use super::v8_str;

/// Options of `vm.createContext` that V8 itself enforces.
pub struct ContextOptions {
    pub allow_strings: bool,
}

/// Creates the context for `sandbox`; returns the context's global proxy,
/// which JavaScript keeps beside the sandbox (a WeakMap, so the context
/// lives exactly as long as the sandbox).
pub fn contextify<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    sandbox: v8::Local<v8::Object>,
    options: &ContextOptions,
) -> v8::Local<'s, v8::Object> {
    let holder = sandbox_holder(scope);
    let template = global_template(scope, holder);
    let context = v8::Context::new(scope, v8::ContextOptions { global_template: Some(template), ..Default::default() });
    // Only now: while V8 sets the new global up, the interceptors must stand
    // aside, or its built-ins would be written through to the sandbox.
    holder.set_internal_field(0, sandbox.into());
    // Objects must cross freely between the caller's context and this one.
    let token = scope.get_current_context().get_security_token(scope);
    context.set_security_token(token);
    context.set_allow_generation_from_strings(options.allow_strings);
    context.global(scope)
}

/// The context whose global proxy `global` is (as contextify returned it).
pub fn context_of<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    global: v8::Local<v8::Value>,
) -> Option<v8::Local<'s, v8::Context>> {
    let global = v8::Local::<v8::Object>::try_from(global).ok()?;
    global.get_creation_context(scope)
}

/// The interceptors' data: an object whose one internal field will hold the
/// sandbox (empty until the context exists).
fn sandbox_holder<'s>(scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Object> {
    let template = v8::ObjectTemplate::new(scope);
    template.set_internal_field_count(1);
    template.new_instance(scope).unwrap_or_else(|| v8::Object::new(scope))
}

fn global_template<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    holder: v8::Local<'s, v8::Object>,
) -> v8::Local<'s, v8::ObjectTemplate> {
    let holder: v8::Local<v8::Value> = holder.into();
    let template = v8::ObjectTemplate::new(scope);
    template.set_named_property_handler(
        v8::NamedPropertyHandlerConfiguration::new()
            .getter(named_getter)
            .setter(named_setter)
            .query(named_query)
            .deleter(named_deleter)
            .enumerator(enumerator)
            .definer(named_definer)
            .descriptor(named_descriptor)
            .data(holder),
    );
    template.set_indexed_property_handler(
        v8::IndexedPropertyHandlerConfiguration::new()
            .getter(indexed_getter)
            .setter(indexed_setter)
            .query(indexed_query)
            .deleter(indexed_deleter)
            .enumerator(enumerator)
            .definer(indexed_definer)
            .descriptor(indexed_descriptor)
            .data(holder),
    );
    template
}

fn sandbox_of<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    args: &v8::PropertyCallbackArguments<'s>,
) -> Option<v8::Local<'s, v8::Object>> {
    let holder = v8::Local::<v8::Object>::try_from(args.data()).ok()?;
    let field = holder.get_internal_field(scope, 0)?;
    let value = v8::Local::<v8::Value>::try_from(field).ok()?;
    v8::Local::<v8::Object>::try_from(value).ok()
}

/// The vm context's global proxy (what `globalThis` is inside it).
fn global_proxy<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    args: &v8::PropertyCallbackArguments<'s>,
) -> Option<v8::Local<'s, v8::Object>> {
    let context = args.holder().get_creation_context(scope)?;
    Some(context.global(scope))
}

fn index_key<'s>(scope: &mut v8::PinScope<'s, '_>, index: u32) -> v8::Local<'s, v8::Name> {
    v8_str(scope, &index.to_string()).into()
}

// ---- named interceptors ----

/// The sandbox's property (own or inherited), else the global's own; the
/// sandbox itself reads as the global proxy, so `this === globalThis` holds.
fn named_getter<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: v8::Local<'s, v8::Name>,
    args: v8::PropertyCallbackArguments<'s>,
    mut rv: v8::ReturnValue<v8::Value>,
) -> v8::Intercepted {
    let (Some(sandbox), Some(global)) = (sandbox_of(scope, &args), global_proxy(scope, &args)) else {
        return v8::Intercepted::kNo;
    };
    let found =
        sandbox.get_real_named_property(scope, key).or_else(|| args.holder().get_real_named_property(scope, key));
    match found {
        Some(value) if value.strict_equals(sandbox.into()) => {
            rv.set(global.into());
            v8::Intercepted::kYes
        }
        Some(value) => {
            rv.set(value);
            v8::Intercepted::kYes
        }
        None => v8::Intercepted::kNo,
    }
}

fn named_setter<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: v8::Local<'s, v8::Name>,
    value: v8::Local<'s, v8::Value>,
    args: v8::PropertyCallbackArguments<'s>,
    _rv: v8::ReturnValue<v8::Boolean>,
) -> v8::Intercepted {
    let Some(sandbox) = sandbox_of(scope, &args) else {
        return v8::Intercepted::kNo;
    };
    let on_global = args.holder().get_real_named_property_attributes(scope, key);
    let on_sandbox = sandbox.get_real_named_property_attributes(scope, key);
    let read_only =
        on_global.as_ref().is_some_and(|a| a.is_read_only()) || on_sandbox.as_ref().is_some_and(|a| a.is_read_only());
    if read_only {
        return v8::Intercepted::kNo;
    }
    let declared = on_global.is_some() || on_sandbox.is_some();
    // `x = 5` in strict code with no `x` anywhere must stay a ReferenceError.
    // (The receiver is not exposed to interceptors here, so a strict-mode
    // `globalThis.x = 5` of a new name is treated the same way.)
    if !declared && args.should_throw_on_error() && !value.is_function() {
        return v8::Intercepted::kNo;
    }
    if !declared && key.is_symbol() {
        return v8::Intercepted::kNo;
    }
    if sandbox.set(scope, key.into(), value).is_none() {
        return v8::Intercepted::kYes;
    }
    // An accessor on the sandbox has run: the global must not get a data copy.
    if on_sandbox.is_some() && is_accessor(scope, sandbox, key) {
        return v8::Intercepted::kYes;
    }
    v8::Intercepted::kNo
}

fn is_accessor(scope: &mut v8::PinScope, object: v8::Local<v8::Object>, key: v8::Local<v8::Name>) -> bool {
    let Some(descriptor) = object.get_own_property_descriptor(scope, key) else { return false };
    let Ok(descriptor) = v8::Local::<v8::Object>::try_from(descriptor) else { return false };
    let get = v8_str(scope, "get");
    let set = v8_str(scope, "set");
    descriptor.has_own_property(scope, get.into()).unwrap_or(false)
        || descriptor.has_own_property(scope, set.into()).unwrap_or(false)
}

fn named_query<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: v8::Local<'s, v8::Name>,
    args: v8::PropertyCallbackArguments<'s>,
    mut rv: v8::ReturnValue<v8::Integer>,
) -> v8::Intercepted {
    let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
    let attributes = if sandbox.has_real_named_property(scope, key).unwrap_or(false) {
        sandbox.get_real_named_property_attributes(scope, key)
    } else if args.holder().has_real_named_property(scope, key).unwrap_or(false) {
        args.holder().get_real_named_property_attributes(scope, key)
    } else {
        None
    };
    match attributes {
        Some(attributes) => {
            rv.set_int32(attributes.as_u32() as i32);
            v8::Intercepted::kYes
        }
        None => v8::Intercepted::kNo,
    }
}

/// Deletes from the sandbox; when that fails, the global keeps its copy too.
fn named_deleter<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: v8::Local<'s, v8::Name>,
    args: v8::PropertyCallbackArguments<'s>,
    mut rv: v8::ReturnValue<v8::Boolean>,
) -> v8::Intercepted {
    let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
    if sandbox.delete(scope, key.into()).unwrap_or(false) {
        return v8::Intercepted::kNo;
    }
    rv.set_bool(false);
    v8::Intercepted::kYes
}

fn enumerator<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    args: v8::PropertyCallbackArguments<'s>,
    mut rv: v8::ReturnValue<v8::Array>,
) {
    let Some(sandbox) = sandbox_of(scope, &args) else { return };
    if let Some(names) = sandbox.get_property_names(scope, v8::GetPropertyNamesArgs::default()) {
        rv.set(names);
    }
}

/// Defines on the sandbox (keeping the descriptor's kind); the global gets the
/// definition as well, unless it holds a frozen property of that name.
fn named_definer<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: v8::Local<'s, v8::Name>,
    desc: &v8::PropertyDescriptor,
    args: v8::PropertyCallbackArguments<'s>,
    _rv: v8::ReturnValue<v8::Boolean>,
) -> v8::Intercepted {
    let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
    if let Some(attributes) = args.holder().get_real_named_property_attributes(scope, key) {
        if attributes.is_read_only() && attributes.is_dont_delete() {
            return v8::Intercepted::kNo;
        }
    }
    let undefined: v8::Local<v8::Value> = v8::undefined(scope).into();
    let mut for_sandbox = if desc.has_get() || desc.has_set() {
        let get = if desc.has_get() { desc.get() } else { undefined };
        let set = if desc.has_set() { desc.set() } else { undefined };
        v8::PropertyDescriptor::new_from_get_set(get, set)
    } else {
        let value = if desc.has_value() { desc.value() } else { undefined };
        if desc.has_writable() {
            v8::PropertyDescriptor::new_from_value_writable(value, desc.writable())
        } else {
            v8::PropertyDescriptor::new_from_value(value)
        }
    };
    if desc.has_enumerable() {
        for_sandbox.set_enumerable(desc.enumerable());
    }
    if desc.has_configurable() {
        for_sandbox.set_configurable(desc.configurable());
    }
    let _ = sandbox.define_property(scope, key, &for_sandbox);
    v8::Intercepted::kNo
}

fn named_descriptor<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    key: v8::Local<'s, v8::Name>,
    args: v8::PropertyCallbackArguments<'s>,
    mut rv: v8::ReturnValue<v8::Value>,
) -> v8::Intercepted {
    let Some(sandbox) = sandbox_of(scope, &args) else { return v8::Intercepted::kNo };
    if !sandbox.has_own_property(scope, key).unwrap_or(false) {
        return v8::Intercepted::kNo;
    }
    match sandbox.get_own_property_descriptor(scope, key) {
        Some(descriptor) => {
            rv.set(descriptor);
            v8::Intercepted::kYes
        }
        None => v8::Intercepted::kNo,
    }
}

// ---- indexed interceptors: the named ones, keyed by the index's string ----

fn indexed_getter<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    args: v8::PropertyCallbackArguments<'s>,
    rv: v8::ReturnValue<v8::Value>,
) -> v8::Intercepted {
    let key = index_key(scope, index);
    named_getter(scope, key, args, rv)
}

fn indexed_setter<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    value: v8::Local<'s, v8::Value>,
    args: v8::PropertyCallbackArguments<'s>,
    rv: v8::ReturnValue<v8::Boolean>,
) -> v8::Intercepted {
    let key = index_key(scope, index);
    named_setter(scope, key, value, args, rv)
}

fn indexed_query<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    args: v8::PropertyCallbackArguments<'s>,
    rv: v8::ReturnValue<v8::Integer>,
) -> v8::Intercepted {
    let key = index_key(scope, index);
    named_query(scope, key, args, rv)
}

fn indexed_deleter<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    args: v8::PropertyCallbackArguments<'s>,
    rv: v8::ReturnValue<v8::Boolean>,
) -> v8::Intercepted {
    let key = index_key(scope, index);
    named_deleter(scope, key, args, rv)
}

fn indexed_definer<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    desc: &v8::PropertyDescriptor,
    args: v8::PropertyCallbackArguments<'s>,
    rv: v8::ReturnValue<v8::Boolean>,
) -> v8::Intercepted {
    let key = index_key(scope, index);
    named_definer(scope, key, desc, args, rv)
}

fn indexed_descriptor<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    index: u32,
    args: v8::PropertyCallbackArguments<'s>,
    rv: v8::ReturnValue<v8::Value>,
) -> v8::Intercepted {
    let key = index_key(scope, index);
    named_descriptor(scope, key, args, rv)
}

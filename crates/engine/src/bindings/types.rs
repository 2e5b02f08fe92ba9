//! `internalBinding('types')`: V8's own type checks, as node exposes them.

use super::Op;

macro_rules! type_checks {
    ($($js:literal => $fname:ident => $method:ident),* $(,)?) => {
        $(
            fn $fname(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue<v8::Value>) {
                let result = args.get(0).$method();
                rv.set(v8::Boolean::new(scope, result).into());
            }
        )*
        pub fn ops() -> Vec<Op> {
            crate::op_table! { $($js => $fname),* }
        }
    };
}

type_checks! {
    "isExternal" => op_types_is_external => is_external,
    "isDate" => op_types_is_date => is_date,
    "isArgumentsObject" => op_types_is_arguments_object => is_arguments_object,
    "isBigIntObject" => op_types_is_big_int_object => is_big_int_object,
    "isBooleanObject" => op_types_is_boolean_object => is_boolean_object,
    "isNumberObject" => op_types_is_number_object => is_number_object,
    "isStringObject" => op_types_is_string_object => is_string_object,
    "isSymbolObject" => op_types_is_symbol_object => is_symbol_object,
    "isNativeError" => op_types_is_native_error => is_native_error,
    "isRegExp" => op_types_is_reg_exp => is_reg_exp,
    "isAsyncFunction" => op_types_is_async_function => is_async_function,
    "isGeneratorFunction" => op_types_is_generator_function => is_generator_function,
    "isGeneratorObject" => op_types_is_generator_object => is_generator_object,
    "isPromise" => op_types_is_promise => is_promise,
    "isMap" => op_types_is_map => is_map,
    "isSet" => op_types_is_set => is_set,
    "isMapIterator" => op_types_is_map_iterator => is_map_iterator,
    "isSetIterator" => op_types_is_set_iterator => is_set_iterator,
    "isWeakMap" => op_types_is_weak_map => is_weak_map,
    "isWeakSet" => op_types_is_weak_set => is_weak_set,
    "isArrayBuffer" => op_types_is_array_buffer => is_array_buffer,
    "isDataView" => op_types_is_data_view => is_data_view,
    "isSharedArrayBuffer" => op_types_is_shared_array_buffer => is_shared_array_buffer,
    "isProxy" => op_types_is_proxy => is_proxy,
    "isModuleNamespaceObject" => op_types_is_module_namespace_object => is_module_namespace_object,
    "isAnyArrayBuffer" => op_types_is_any_array_buffer => is_any_array_buffer_value,
    "isBoxedPrimitive" => op_types_is_boxed_primitive => is_boxed_primitive_value,
}

/// Helpers for the two checks V8 has no single method for.
trait CombinedChecks {
    fn is_any_array_buffer_value(&self) -> bool;
    fn is_boxed_primitive_value(&self) -> bool;
}

impl CombinedChecks for v8::Local<'_, v8::Value> {
    fn is_any_array_buffer_value(&self) -> bool {
        self.is_array_buffer() || self.is_shared_array_buffer()
    }
    fn is_boxed_primitive_value(&self) -> bool {
        self.is_number_object()
            || self.is_string_object()
            || self.is_boolean_object()
            || self.is_big_int_object()
            || self.is_symbol_object()
    }
}

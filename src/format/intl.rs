//! The few `Intl` constructors the portal needs, bound by hand: three small
//! bindings are lighter and steadier than js-sys's general Intl surface.

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::*;

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
        pub type NumberFormat;

        #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "NumberFormat")]
        pub fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;

        /// `Intl.NumberFormat.prototype.format` reads a string argument as an
        /// exact decimal (ECMA-402 "Intl.NumberFormat v3").
        #[wasm_bindgen(method, js_class = "NumberFormat")]
        pub fn format(this: &NumberFormat, value: &str) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
        pub type DateTimeFormat;

        #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
        pub fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;

        #[wasm_bindgen(method, js_class = "DateTimeFormat", js_name = format)]
        pub fn format_millis(this: &DateTimeFormat, date: &js_sys::Date) -> String;

        #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
        pub type PluralRules;

        #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "PluralRules")]
        pub fn new(locale: &str) -> Result<PluralRules, JsValue>;

        #[wasm_bindgen(method, js_class = "PluralRules")]
        pub fn select(this: &PluralRules, count: f64) -> String;
    }

    /// Builds a plain `{ key: value }` options object.
    pub fn options(entries: &[(&str, &str)]) -> JsValue {
        let object = js_sys::Object::new();
        for (key, value) in entries {
            let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
        }
        object.into()
    }
}

//! The browser's download of a file made in the page: a Blob, an object URL
//! and a temporary `<a download>` clicked once. Declared here with
//! wasm-bindgen rather than through more web-sys features, which would touch
//! the shared feature list for three calls.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type Blob;

    #[wasm_bindgen(constructor, catch)]
    fn new(parts: &js_sys::Array, options: &JsValue) -> Result<Blob, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &Blob) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn revoke_object_url(url: &str);
}

/// Offers `bytes` as a file named `file_name`.
pub fn offer(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let error = |e: JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &mime.into()).map_err(error)?;
    let blob = Blob::new(&parts, &options).map_err(error)?;
    let url = create_object_url(&blob).map_err(error)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link = document.create_element("a").map_err(error)?;
    link.set_attribute("href", &url).map_err(error)?;
    link.set_attribute("download", file_name).map_err(error)?;
    link.set_attribute("hidden", "").map_err(error)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&link).map_err(error)?;
    link.unchecked_ref::<web_sys::HtmlElement>().click();
    link.remove();
    // The click has handed the Blob to the download; revoking at once can
    // cancel it in some browsers, so the URL goes a moment later.
    let url_later = url.clone();
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(30_000).await;
        revoke_object_url(&url_later);
    });
    Ok(())
}

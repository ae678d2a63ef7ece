//! Files in and out of the page: downloads made in the browser (nothing is
//! uploaded anywhere), and reading a file the user picked or dropped.

use leptos::prelude::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `contents` as a download named `name`.
pub fn download_text(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let result = click_download(&url, name);
    // The browser has taken its copy once the click is handled.
    let revoke = url.clone();
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(1000).await;
        let _ = web_sys::Url::revoke_object_url(&revoke);
    });
    result
}

/// Offers a canvas's picture as a PNG download.
pub fn download_canvas(canvas: &web_sys::HtmlCanvasElement, name: &str) -> Result<(), String> {
    let data = canvas.to_data_url_with_type("image/png").map_err(describe)?;
    click_download(&data, name)
}

fn click_download(href: &str, name: &str) -> Result<(), String> {
    let a: web_sys::HtmlAnchorElement = document().create_element("a").map_err(describe)?.unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// A file's text, or why it cannot be read.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(describe)?;
    text.as_string().ok_or_else(|| "the file is not text".to_string())
}

/// Puts `text` on the clipboard.
pub async fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let clipboard = window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(describe)
}

fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".to_string())
}

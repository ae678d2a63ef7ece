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

/// Offers an SVG picture as a PNG download, drawn at twice its size (sharp
/// on slides and in documents).
pub async fn download_svg_as_png(svg: &str, name: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let image = web_sys::HtmlImageElement::new().map_err(describe)?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(describe)?;
    const SCALE: f64 = 2.0;
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas").map_err(describe)?.unchecked_into();
    canvas.set_width((image.natural_width() as f64 * SCALE) as u32);
    canvas.set_height((image.natural_height() as f64 * SCALE) as u32);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").map_err(describe)?.ok_or("the browser has no 2D canvas")?.unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            canvas.width() as f64,
            canvas.height() as f64,
        )
        .map_err(describe)?;
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

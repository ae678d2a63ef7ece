//! The web app's entry point (built by trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    outage_impact::web::on_panic();
    outage_impact::web::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("outage-impact-web is the browser app; build it with `trunk build` (see README.md).");
    std::process::exit(2);
}

//! The design system gallery as its own wasm (built from `gallery.html` into
//! `dist/_gallery/`), so the portal's customers never download it.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(billing_portal::gallery::GalleryApp);
}

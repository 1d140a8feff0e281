//! Entry point of the wasm bundle: mount the portal and nothing else.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(billing_portal::app::App);
}

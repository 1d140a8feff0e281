//! Exports made in the browser: CSV and PDF writers, the download, and the
//! paged "fetch everything matching" with progress and cancel. Generic: a
//! feature hands in headers and rows; nothing here knows invoices.

pub mod csv;
#[cfg(target_arch = "wasm32")]
mod download;
pub mod fetch;
pub mod pdf;

/// Offers bytes to the customer as a file download (a Blob behind a
/// temporary `<a download>`).
#[cfg(target_arch = "wasm32")]
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download::offer(file_name, mime, bytes)
}

/// Native builds (unit tests) have no browser to download into.
#[cfg(not(target_arch = "wasm32"))]
pub fn download(_file_name: &str, _mime: &str, _bytes: &[u8]) -> Result<(), String> {
    Err("downloads need a browser".to_owned())
}

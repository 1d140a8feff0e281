//! What the journeys of [`super::through_ovhcloud`] need to know of the OVHcloud shape.
//! The pages never know which adapter they speak to; a journey only does when it drives
//! the dev API itself (a fault on a path, a request counter) or names an id the customer
//! sees: OVHcloud's order and payment-method ids are numbers, so the dev API's
//! OVHcloud shape numbers the seed's other ids (`dev-api/src/ovhcloud.rs`, `number`).

use crate::browser::Browser;

/// `id` as the portal shows it in this run: the seed's id through the reference API, its
/// OVHcloud number through the OVHcloud adapter.
pub(super) fn shown_id(browser: &Browser, id: &str) -> String {
    if browser.through_ovhcloud() {
        billing_dev_api::ovhcloud::number(id)
    } else {
        id.to_owned()
    }
}

/// The id in an invoice's address, from the reference API's invoice (or settled
/// invoice): OVHcloud names a bill by its reference (`billId`).
pub(super) fn shown_invoice_id(browser: &Browser, invoice: &serde_json::Value) -> String {
    let field = if browser.through_ovhcloud() {
        "reference"
    } else {
        "id"
    };
    invoice[field].as_str().unwrap_or_default().to_owned()
}

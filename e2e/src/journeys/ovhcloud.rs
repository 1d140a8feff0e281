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
        ovhcloud_number(id)
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

/// The dev API's OVHcloud number for one of the seed's ids: itself when it is a number,
/// else a stable 53-bit FNV-1a hash (the same function as `dev-api/src/ovhcloud.rs`).
pub(super) fn ovhcloud_number(id: &str) -> String {
    if !id.is_empty() && id.len() < 16 && id.bytes().all(|b| b.is_ascii_digit()) {
        return id.to_owned();
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash & ((1 << 53) - 1)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbered_as_the_dev_api_numbers_them() {
        for id in [
            "209876543",
            "pm-fr-visa",
            "pm-fr-sepa",
            "=HYPERLINK(\"x\")",
            "",
        ] {
            assert_eq!(
                ovhcloud_number(id),
                billing_dev_api::ovhcloud::number(id),
                "{id}"
            );
        }
        assert_eq!(ovhcloud_number("209876543"), "209876543");
    }
}

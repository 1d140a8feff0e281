//! The signed-in customer, and the trip to the sign-in page and back.

use billing_contract::Customer;
use billing_contract::query::percent_encode;
use std::sync::atomic::{AtomicBool, Ordering};

/// The customer the session belongs to, provided to every page.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentCustomer(pub Customer);

/// The sign-in URL with `returnTo` set to where the customer is now, so they
/// come back to the same screen after signing in.
pub fn sign_in_url(sign_in_base: &str, return_to: &str) -> String {
    with_return_to(sign_in_base, return_to)
}

/// Adds `returnTo=<where the customer is>` to a URL that will send them back
/// (sign-in, 3-D Secure, a payment provider).
pub fn with_return_to(url: &str, return_to: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}returnTo={}", percent_encode(return_to))
}

/// Several requests can meet the expired session at once; only the first
/// navigates, so the return path is not overwritten by a half-left page.
static LEAVING_FOR_SIGN_IN: AtomicBool = AtomicBool::new(false);

pub fn send_to_sign_in(sign_in_base: &str) {
    if LEAVING_FOR_SIGN_IN.swap(true, Ordering::SeqCst) {
        return;
    }
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let here = window.location().href().unwrap_or_default();
        let target = crate::routes::absolute_url(&sign_in_url(sign_in_base, &here));
        let _ = window.location().assign(&target);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = sign_in_base;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_return_path_is_encoded_whole() {
        assert_eq!(
            sign_in_url(
                "/api/v1/auth/sign-in",
                "http://127.0.0.1:8080/invoices?status=unpaid&page=2"
            ),
            "/api/v1/auth/sign-in?returnTo=http%3A%2F%2F127.0.0.1%3A8080%2Finvoices%3Fstatus%3Dunpaid%26page%3D2"
        );
    }

    #[test]
    fn an_existing_query_is_extended() {
        assert_eq!(
            sign_in_url(
                "https://id.example/login?client=billing",
                "https://b.example/"
            ),
            "https://id.example/login?client=billing&returnTo=https%3A%2F%2Fb.example%2F"
        );
    }
}

//! Leaving for the bank's page and coming back from it.

use crate::i18n::*;
use billing_contract::query::percent_encode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query parameter the payment page adds to the return URL.
const RETURN_PARAM: &str = "payment";

/// Sends the customer to the page where they complete the payment (3-D
/// Secure, PayPal approval). `payment_url` is absolute (resolved by the API
/// adapter); `return_to` is where the bank sends them back.
///
/// Every departure to a payment page goes through here, so that checks on
/// where the portal may send a customer live in one place.
///
/// The API's URL is untrusted: only what `crate::safe_url` accepts is
/// navigated to; otherwise nothing happens and the caller says why.
pub fn go_to_payment_page(
    payment_url: &str,
    return_to: &str,
) -> Result<(), crate::safe_url::RefusedUrl> {
    let checked = crate::safe_url::check(payment_url)?;
    let target = crate::session::with_return_to(&checked, return_to);
    crate::safe_url::navigate_to_external(&target)
}

/// Where the bank should send the customer back: the page they are on,
/// without the outcome of an earlier payment (so a second payment does not
/// come back to the first one's message).
pub fn return_url(href: &str) -> String {
    let (without_fragment, fragment) = match href.split_once('#') {
        Some((before, after)) => (before, Some(after)),
        None => (href, None),
    };
    let (path, query) = match without_fragment.split_once('?') {
        Some((path, query)) => (path, query),
        None => (without_fragment, ""),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| pair.split('=').next() != Some(RETURN_PARAM))
        .collect();
    let mut url = path.to_owned();
    if !kept.is_empty() {
        url.push('?');
        url.push_str(&kept.join("&"));
    }
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// The link to add a payment method, which brings the customer back to
/// `return_path` (a path inside the portal) once it is saved.
pub fn add_method_href(return_path: &str) -> String {
    format!(
        "{}?returnTo={}",
        crate::routes::href(crate::routes::PAYMENT_METHODS),
        percent_encode(return_path)
    )
}

/// What the payment page reported on the way back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnedPayment {
    Paid,
    Pending,
    Declined,
    /// A value this portal does not know: said neutrally, never echoed.
    Unknown,
}

pub fn parse_returned(value: &str) -> ReturnedPayment {
    match value {
        "succeeded" | "paid" => ReturnedPayment::Paid,
        "pending" => ReturnedPayment::Pending,
        "declined" | "failed" | "cancelled" => ReturnedPayment::Declined,
        _ => ReturnedPayment::Unknown,
    }
}

/// The outcome of a payment completed on the bank's page, on the page the
/// customer came back to; nothing when they did not come back from one.
#[component]
pub fn CheckoutReturn() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let returned = Memo::new(move |_| query.with(|q| q.get_str(RETURN_PARAM).map(parse_returned)));
    move || {
        returned.get().map(|outcome| {
            let (class, text): (&str, fn(Locale) -> &'static str) = match outcome {
                ReturnedPayment::Paid => ("banner banner--info", |l| {
                    td_string!(l, checkout.returned_paid)
                }),
                ReturnedPayment::Pending => ("banner banner--info", |l| {
                    td_string!(l, checkout.returned_pending)
                }),
                ReturnedPayment::Declined => ("banner banner--danger", |l| {
                    td_string!(l, checkout.returned_declined)
                }),
                ReturnedPayment::Unknown => ("banner banner--warning", |l| {
                    td_string!(l, checkout.returned_unknown)
                }),
            };
            view! {
                <div class=class role="status" data-testid="checkout-return">
                    <p class="banner__title">{move || text(i18n.get_locale())}</p>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_return_url_drops_an_earlier_outcome_only() {
        assert_eq!(
            return_url("http://127.0.0.1:8080/orders/1?payment=declined&x=1#top"),
            "http://127.0.0.1:8080/orders/1?x=1#top"
        );
        assert_eq!(
            return_url("http://h/orders/1?payment=succeeded"),
            "http://h/orders/1"
        );
        assert_eq!(
            return_url("http://h/orders?status=notPaid"),
            "http://h/orders?status=notPaid"
        );
        assert_eq!(
            return_url("http://h/?paymentMethod=added"),
            "http://h/?paymentMethod=added"
        );
    }

    #[test]
    fn returned_values_are_read_and_unknown_ones_never_echoed() {
        assert_eq!(parse_returned("succeeded"), ReturnedPayment::Paid);
        assert_eq!(parse_returned("declined"), ReturnedPayment::Declined);
        assert_eq!(parse_returned("pending"), ReturnedPayment::Pending);
        assert_eq!(parse_returned("<script>"), ReturnedPayment::Unknown);
    }

    #[test]
    fn adding_a_method_comes_back_here() {
        assert_eq!(
            add_method_href("/orders/1?x=1"),
            "/payment-methods?returnTo=%2Forders%2F1%3Fx%3D1"
        );
    }
}

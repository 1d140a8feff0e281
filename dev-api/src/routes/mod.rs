//! The `/api/v1` router: public pages, dev switches and the authenticated API.

pub mod balance;
pub mod dev;
pub mod dev_orders;
pub mod invoices;
pub mod orders;
pub mod payment_methods;
pub mod payments;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};

use crate::{AppState, auth, faults, idempotency};

pub fn api(state: AppState) -> Router<AppState> {
    let authed = Router::new()
        .route("/session", get(auth::session))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/balance", get(balance::get_balance))
        .route("/balance/pay", post(balance::pay))
        .route("/orders", get(orders::list))
        .route("/orders/{id}", get(orders::get_one))
        .route("/orders/{id}/follow-up", get(orders::follow_up))
        .route("/orders/{id}/pay", post(orders::pay))
        .route("/orders/{id}/withdraw", post(orders::withdraw))
        .route("/orders/{id}/order.html", get(orders::html))
        .route("/orders/{id}/order.pdf", get(orders::pdf))
        .route("/invoices", get(invoices::list))
        .route("/invoices/pay", post(invoices::pay_many))
        .route("/invoices/totals", get(invoices::totals))
        .route("/invoices/{id}", get(invoices::get_one))
        .route("/invoices/{id}/pay", post(invoices::pay_one))
        .route("/invoices/{id}/invoice.html", get(invoices::html))
        .route("/invoices/{id}/invoice.pdf", get(invoices::pdf))
        .route("/payments", get(payments::list))
        .route("/credit-notes", get(payments::credit_notes))
        .route(
            "/credit-notes/{id}/credit-note.html",
            get(payments::credit_note_html),
        )
        .route(
            "/credit-notes/{id}/credit-note.pdf",
            get(payments::credit_note_pdf),
        )
        .route(
            "/payment-methods",
            get(payment_methods::list).post(payment_methods::create),
        )
        .route(
            "/payment-methods/{id}",
            delete(payment_methods::remove).patch(payment_methods::update),
        )
        // Layers run bottom-up: session (401) and CSRF (403) first, then Idempotency-Key.
        .route_layer(from_fn_with_state(state.clone(), idempotency::require_key))
        .route_layer(from_fn_with_state(state, auth::require_session));
    let public = Router::new()
        .route("/auth/sign-in", get(auth::sign_in_page))
        .route("/auth/demo", get(auth::demo))
        .route("/openapi.yaml", get(openapi))
        .route("/_dev/faults", post(faults::arm).delete(faults::clear))
        .route("/_dev/reset", post(faults::reset))
        .route("/_dev/counters", get(dev_orders::counters))
        .route("/_dev/orders/{id}/advance", post(dev_orders::advance))
        .route("/_dev/requests", get(crate::request_log::count))
        .route("/_dev/invoice-extras", post(dev::invoice_extras))
        .route(
            "/_dev/3ds/{id}",
            get(dev::three_ds_page).post(dev::three_ds_submit),
        )
        .route(
            "/_dev/provider/{id}",
            get(dev::provider_page).post(dev::provider_submit),
        );
    authed.merge(public)
}

async fn openapi() -> Response {
    let mut res = billing_contract::OPENAPI_YAML.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/yaml; charset=utf-8"),
    );
    res
}

/// Where the customer's browser reaches this server (for redirect URLs): the request's
/// `Host` when it is a loopback host, else the default address.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let candidate = format!("http://{host}");
    if !host.is_empty() && crate::cors::is_loopback_origin(&candidate) {
        candidate
    } else {
        "http://127.0.0.1:8787".to_owned()
    }
}

pub fn pay_context(
    now: billing_contract::DateTimeOffset,
    headers: &HeaderMap,
) -> crate::billing::PayContext {
    crate::billing::PayContext {
        now,
        base_url: base_url(headers),
        return_to: origin_return(headers),
    }
}

/// The portal's origin, kept as a fallback `returnTo` for the 3-D Secure page.
pub fn origin_return(headers: &HeaderMap) -> Option<String> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    crate::cors::is_loopback_origin(origin).then(|| format!("{origin}/"))
}

/// A rendition download: the reference as file name.
pub fn attachment(
    body: Vec<u8>,
    content_type: &'static str,
    file_name: &str,
    inline: bool,
) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let disposition = format!(
        "{}; filename=\"{file_name}\"",
        if inline { "inline" } else { "attachment" }
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

//! Route paths in one place, and the base path the portal is hosted under
//! (`/` or a sub-path such as `/billing/`, taken from `<base href>` that Trunk
//! writes from its public URL).

// Ids come from the API: percent-encoding keeps them inside their path segment.
use billing_contract::query::percent_encode as encode_segment;
use std::sync::OnceLock;

pub const DASHBOARD: &str = "/";
pub const ORDERS: &str = "/orders";
pub const INVOICES: &str = "/invoices";
pub const PAYMENTS: &str = "/payments";
pub const PAYMENT_METHODS: &str = "/payment-methods";
pub const CREDIT_NOTES: &str = "/credit-notes";

static BASE_PATH: OnceLock<String> = OnceLock::new();

/// The hosting sub-path without its trailing slash: `""` at the root, `/billing` below it.
pub fn base_path() -> &'static str {
    BASE_PATH.get_or_init(read_base_path)
}

#[cfg(target_arch = "wasm32")]
fn read_base_path() -> String {
    let base_uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new(&base_uri)
        .map(|url| normalise_base(&url.pathname()))
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn read_base_path() -> String {
    String::new()
}

pub fn normalise_base(pathname: &str) -> String {
    let trimmed = pathname.trim_end_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.starts_with('/') {
        trimmed.to_owned()
    } else {
        format!("/{trimmed}")
    }
}

/// A link to a route of the portal, under the hosting base path.
pub fn href(route: &str) -> String {
    join(base_path(), route)
}

pub fn join(base: &str, route: &str) -> String {
    match (base, route) {
        ("", route) => route.to_owned(),
        (base, "/") => format!("{base}/"),
        (base, route) => format!("{base}{route}"),
    }
}

pub fn order(id: &str) -> String {
    href(&format!("{ORDERS}/{}", encode_segment(id)))
}

pub fn invoice(id: &str) -> String {
    href(&format!("{INVOICES}/{}", encode_segment(id)))
}

/// The payments list filtered to one payment (from an invoice it settled).
pub fn payment(id: &str) -> String {
    href(&format!("{PAYMENTS}?payment={}", encode_segment(id)))
}

/// The credit notes list filtered to one credit note (from a payment it lowered).
pub fn credit_note(id: &str) -> String {
    href(&format!("{CREDIT_NOTES}?note={}", encode_segment(id)))
}

/// An absolute URL for a site-relative one, resolved against the page.
#[cfg(target_arch = "wasm32")]
pub fn absolute_url(url: &str) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &href)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_owned())
}

#[cfg(not(target_arch = "wasm32"))]
pub fn absolute_url(url: &str) -> String {
    url.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalise_base("/"), "");
        assert_eq!(normalise_base(""), "");
        assert_eq!(normalise_base("/billing/"), "/billing");
        assert_eq!(normalise_base("/a/b"), "/a/b");
    }

    #[test]
    fn routes_join_the_base() {
        assert_eq!(join("", "/orders"), "/orders");
        assert_eq!(join("/billing", "/orders"), "/billing/orders");
        assert_eq!(join("/billing", "/"), "/billing/");
        assert_eq!(join("", "/"), "/");
    }

    #[test]
    fn ids_cannot_escape_their_segment() {
        assert_eq!(order("FR123"), "/orders/FR123");
        assert_eq!(invoice("../x?y"), "/invoices/..%2Fx%3Fy");
        assert_eq!(payment("pay&x=1"), "/payments?payment=pay%26x%3D1");
        assert_eq!(credit_note("cn-fr-1"), "/credit-notes?note=cn-fr-1");
    }
}

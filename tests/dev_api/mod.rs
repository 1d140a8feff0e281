//! What the tests that read the dev API's real answers share: its fixed clock and a
//! signed-in session. (`tests/dev_api/mod.rs` rather than `tests/dev_api.rs`, so that
//! cargo does not build it as a test of its own.)

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use billing_portal::api::models::DateTimeOffset;
use tower::ServiceExt;

/// The seed's "now": the same dates and statuses on every run.
pub const NOW: &str = "2026-11-23T10:00:00+01:00";

pub fn now() -> DateTimeOffset {
    DateTimeOffset::parse_from_rfc3339(NOW).unwrap()
}

/// Signs `customer` in through the demo sign-in; the session cookie to send back.
pub async fn sign_in(app: &Router, customer: &str) -> String {
    let response = app
        .clone()
        .oneshot(
            Request::get(format!(
                "/api/v1/auth/demo?customer={customer}&returnTo=http%3A%2F%2F127.0.0.1%3A8080%2F"
            ))
            .body(Body::empty())
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

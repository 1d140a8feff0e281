//! Dev switches to rehearse failures: `POST /api/v1/_dev/faults` arms a fault on every
//! request whose path starts with a prefix, `DELETE` disarms, `POST /_dev/reset` restores
//! the seed. `/api/v1/_dev/` itself is never faulted, so a test can always recover.

use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::problem::ApiError;
use crate::{ApiJson, AppState};

pub const DEV_PREFIX: &str = "/api/v1/_dev/";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// 500 problem+json.
    ServerError,
    /// No answer within 120 s.
    Timeout,
    /// 200 with a truncated JSON body.
    MalformedJson,
    /// The real body with the first money amount replaced by `"12,34 EUR"`.
    BadField,
    /// 401 problem+json.
    Unauthorized,
    /// `delayMs` then the real response.
    Slow,
    /// A hostile backend: every URL field (`htmlUrl`, `pdfUrl`, `redirectUrl`, `url`, …) of
    /// every JSON answer is [`HOSTILE_URL`], and payments (`POST …/pay`) and new payment
    /// methods answer "go there to finish" with it, without touching the data.
    HostileUrls,
}

/// The `javascript:` URL a hostile backend hands out. Were it ever navigated to, it would
/// mark the page (`<html data-pwned>`), which the end-to-end journey looks for.
pub const HOSTILE_URL: &str =
    "javascript:void(document.documentElement.setAttribute('data-pwned','1'))";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRequest {
    pub path_prefix: String,
    pub kind: FaultKind,
    /// Omitted: until cleared.
    pub times: Option<u32>,
    pub delay_ms: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct Fault {
    pub path_prefix: String,
    pub kind: FaultKind,
    pub remaining: Option<u32>,
    pub delay: Duration,
}

/// How long a `timeout` fault holds the request: far beyond any client timeout.
pub const TIMEOUT_HOLD: Duration = Duration::from_secs(600);

pub async fn arm(State(state): State<AppState>, ApiJson(req): ApiJson<FaultRequest>) -> Response {
    if !req.path_prefix.starts_with('/') {
        return ApiError::unprocessable(
            "invalid-fault",
            "Invalid fault",
            "pathPrefix must start with '/'",
        )
        .with_field("pathPrefix", "must start with '/'")
        .into_response();
    }
    if req.times == Some(0) {
        return ApiError::unprocessable(
            "invalid-fault",
            "Invalid fault",
            "times must be at least 1",
        )
        .with_field("times", "must be at least 1")
        .into_response();
    }
    state.faults().push(Fault {
        path_prefix: req.path_prefix,
        kind: req.kind,
        remaining: req.times,
        delay: Duration::from_millis(req.delay_ms.unwrap_or(3000)),
    });
    StatusCode::NO_CONTENT.into_response()
}

pub async fn clear(State(state): State<AppState>) -> StatusCode {
    state.faults().clear();
    StatusCode::NO_CONTENT
}

pub async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

/// Takes one use of the first fault matching `path`, if any.
fn take(state: &AppState, path: &str) -> Option<Fault> {
    if path.starts_with(DEV_PREFIX) {
        return None;
    }
    let mut faults = state.faults();
    let i = faults
        .iter()
        .position(|f| path.starts_with(&f.path_prefix))?;
    let fault = faults[i].clone();
    if let Some(n) = &mut faults[i].remaining {
        *n -= 1;
        if *n == 0 {
            faults.remove(i);
        }
    }
    Some(fault)
}

pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(fault) = take(&state, req.uri().path()) else {
        return next.run(req).await;
    };
    match fault.kind {
        FaultKind::ServerError => {
            ApiError::server_error("Injected fault: serverError.").into_response()
        }
        FaultKind::Unauthorized => ApiError::unauthorized().into_response(),
        FaultKind::Timeout => {
            tokio::time::sleep(TIMEOUT_HOLD).await;
            ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "timeout",
                "Timeout",
                "Injected fault: timeout.",
            )
            .into_response()
        }
        FaultKind::Slow => {
            tokio::time::sleep(fault.delay).await;
            next.run(req).await
        }
        FaultKind::MalformedJson => {
            let (mut parts, body) = next.run(req).await.into_parts();
            let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
            // Cut mid-way, as a dropped connection would, and make sure it cannot parse.
            let cut = (body.len() / 2).max(1).min(body.len());
            let mut truncated = body.slice(..cut).to_vec();
            if truncated.is_empty()
                || serde_json::from_slice::<serde_json::Value>(&truncated).is_ok()
            {
                truncated = b"{\"items\": [".to_vec();
            }
            parts.status = StatusCode::OK;
            parts.headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(truncated))
        }
        FaultKind::HostileUrls => hostile(req, next).await,
        FaultKind::BadField => {
            let (mut parts, body) = next.run(req).await.into_parts();
            let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
            let text = String::from_utf8_lossy(&body).into_owned();
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(corrupt_first_amount(&text)))
        }
    }
}

/// Answers as a backend that puts `javascript:` wherever a URL is expected.
async fn hostile(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if req.method() == Method::POST && path.ends_with("/pay") {
        // "Finish the payment there": nothing is charged or recorded.
        return crate::json(&serde_json::json!({
            "status": "actionRequired",
            "redirectUrl": HOSTILE_URL,
            "orderId": null,
            "paymentId": null,
        }));
    }
    if req.method() == Method::POST && path == "/api/v1/payment-methods" {
        let mut response = crate::json(&serde_json::json!({
            "paymentMethod": null,
            "redirectUrl": HOSTILE_URL,
        }));
        *response.status_mut() = StatusCode::CREATED;
        return response;
    }
    let (mut parts, body) = next.run(req).await.into_parts();
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("json"));
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let body = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(mut value) if is_json => {
            poison_urls(&mut value);
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(value.to_string())
        }
        _ => Body::from(body),
    };
    Response::from_parts(parts, body)
}

/// Every string under a key named `url` or ending in `Url` becomes [`HOSTILE_URL`].
pub fn poison_urls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if value.is_string() && (key == "url" || key.ends_with("Url")) {
                    *value = serde_json::Value::String(HOSTILE_URL.to_owned());
                } else {
                    poison_urls(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(poison_urls),
        _ => {}
    }
}

/// Replaces the value of the first `"amount":"…"` in a compact JSON text.
pub fn corrupt_first_amount(json: &str) -> String {
    const KEY: &str = "\"amount\":\"";
    let Some(start) = json.find(KEY).map(|i| i + KEY.len()) else {
        return json.to_owned();
    };
    let Some(len) = json[start..].find('"') else {
        return json.to_owned();
    };
    format!("{}12,34 EUR{}", &json[..start], &json[start + len..])
}

/// `--latency-ms`: every API response waits this long, in either shape
/// (`/api/v1` and the OVHcloud-shaped `/ovh/1.0`).
pub async fn latency(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let delay = state.options().latency;
    let path = req.uri().path();
    if !delay.is_zero() && (path.starts_with("/api/") || path.starts_with("/ovh/")) {
        tokio::time::sleep(delay).await;
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn hostile_mode_poisons_every_url_field_and_nothing_else() {
        let mut value = serde_json::json!({
            "id": "FR1",
            "htmlUrl": "/api/v1/invoices/FR1/invoice.html",
            "pdfUrl": "/api/v1/invoices/FR1/invoice.pdf",
            "items": [{"url": "https://x.example/", "redirectUrl": null, "label": "https://y"}],
        });
        super::poison_urls(&mut value);
        assert_eq!(value["htmlUrl"], super::HOSTILE_URL);
        assert_eq!(value["pdfUrl"], super::HOSTILE_URL);
        assert_eq!(value["items"][0]["url"], super::HOSTILE_URL);
        assert!(value["items"][0]["redirectUrl"].is_null());
        assert_eq!(value["items"][0]["label"], "https://y");
        assert_eq!(value["id"], "FR1");
    }

    #[test]
    fn corrupts_only_the_first_amount() {
        let s = r#"{"due":{"amount":"10.00","currency":"EUR"},"x":{"amount":"2.00"}}"#;
        assert_eq!(
            super::corrupt_first_amount(s),
            r#"{"due":{"amount":"12,34 EUR","currency":"EUR"},"x":{"amount":"2.00"}}"#
        );
    }
}

//! Dev-only request counter: `GET /api/v1/_dev/requests?method=DELETE&pathPrefix=/api/v1/payment-methods/`
//! answers how many such requests reached the server since the last `POST /_dev/reset`,
//! so a test can prove that a double click sent one request. Counted before idempotency
//! and faults, so a replayed or rejected duplicate still counts.

use axum::extract::{Query, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::Deserialize;

use crate::faults::DEV_PREFIX;
use crate::{AppState, json};

pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if !path.starts_with(DEV_PREFIX) {
        state
            .requests()
            .push((req.method().as_str().to_owned(), path.to_owned()));
    }
    next.run(req).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountQuery {
    method: Option<String>,
    path_prefix: Option<String>,
}

pub async fn count(State(state): State<AppState>, Query(q): Query<CountQuery>) -> Response {
    let count = state
        .requests()
        .iter()
        .filter(|(method, _)| {
            q.method
                .as_deref()
                .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
        })
        .filter(|(_, path)| {
            q.path_prefix
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
        })
        .count();
    json(&serde_json::json!({ "count": count }))
}

//! `Idempotency-Key` on every mutation: the first response is stored per (customer, key)
//! and replayed byte for byte, so a retried payment never charges twice.

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::{Authed, is_mutation};
use crate::problem::ApiError;

pub enum Entry {
    /// The first request with this key is still being handled.
    InFlight {
        fingerprint: u64,
    },
    Done(Stored),
}

pub struct Stored {
    fingerprint: u64,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

const MAX_BODY: usize = 1 << 20;

fn fingerprint(method: &str, path: &str, body: &[u8]) -> u64 {
    // DefaultHasher::new() has fixed keys: stable within the process, which is all we need.
    let mut h = DefaultHasher::new();
    (method, path, body).hash(&mut h);
    h.finish()
}

pub async fn require_key(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_mutation(req.method()) {
        return next.run(req).await;
    }
    let Some(me) = req.extensions().get::<Authed>().cloned() else {
        return ApiError::unauthorized().into_response();
    };
    let key = match req
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
    {
        Some(k) if !k.trim().is_empty() && k.len() <= 255 => k.to_owned(),
        _ => {
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "idempotency-key-missing",
                "Idempotency-Key header required",
                "Every POST, PATCH and DELETE needs a unique Idempotency-Key header (1 to 255 characters).",
            )
            .into_response();
        }
    };
    let (parts, body) = req.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return ApiError::bad_request("Request body too large.").into_response();
    };
    let fp = fingerprint(parts.method.as_str(), parts.uri.path(), &body);
    let slot = (me.customer, key);
    {
        let mut store = state.idempotency();
        match store.get(&slot) {
            Some(Entry::Done(s)) if s.fingerprint == fp => return replay(s),
            Some(Entry::Done(_)) | Some(Entry::InFlight { .. }) => {
                let in_flight = matches!(store.get(&slot), Some(Entry::InFlight { fingerprint }) if *fingerprint == fp);
                return if in_flight {
                    ApiError::conflict(
                        "idempotent-request-in-progress",
                        "Request already in progress",
                        "A request with this Idempotency-Key is still being processed: retry shortly.",
                    )
                    .into_response()
                } else {
                    ApiError::unprocessable(
                        "idempotency-key-reused",
                        "Idempotency-Key reused for another request",
                        "This Idempotency-Key was already used with a different method, path or body.",
                    )
                    .into_response()
                };
            }
            None => {
                store.insert(slot.clone(), Entry::InFlight { fingerprint: fp });
            }
        }
    }
    let res = next.run(Request::from_parts(parts, Body::from(body))).await;
    let (parts, body) = res.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let stored = Stored {
        fingerprint: fp,
        status: parts.status,
        headers: parts.headers.clone(),
        body: body.clone(),
    };
    state.idempotency().insert(slot, Entry::Done(stored));
    Response::from_parts(parts, Body::from(body))
}

fn replay(s: &Stored) -> Response {
    let mut res = Response::new(Body::from(s.body.clone()));
    *res.status_mut() = s.status;
    *res.headers_mut() = s.headers.clone();
    res.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    res
}

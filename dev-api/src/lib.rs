//! `billing-dev-api`: the reference implementation of the billing API contract, for
//! development and end-to-end tests of the portal. Everything lives in memory, seeded
//! deterministically, and is bound to 127.0.0.1 only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod auth;
pub mod billing;
pub mod cors;
pub mod faults;
pub mod idempotency;
pub mod listing;
pub mod ovhcloud;
pub mod problem;
pub mod renditions;
pub mod request_log;
pub mod rng;
pub mod routes;
pub mod seed;

use problem::ApiError;
use seed::Db;

/// What shapes the demo data and the server's behaviour (the CLI flags).
#[derive(Debug, Clone)]
pub struct Seed {
    pub seed: u64,
    /// Invoices per demo customer.
    pub invoices: usize,
    /// Orders per demo customer.
    pub orders: usize,
    /// Added to every API response.
    pub latency: Duration,
    /// The instant the demo data is relative to ("now" at start-up unless pinned).
    pub now: DateTime<FixedOffset>,
    /// Adds the invoices that exercise the invoice exports (amounts above
    /// 1,000, a formula as an order number, a second currency).
    pub invoice_extras: bool,
    /// The OVHcloud-shaped API (`/ovh/1.0`) honours the paginated-objects
    /// headers (`X-Pagination-Mode: CachedObjectList-Pages`); off, it answers
    /// ID lists only, as OVHcloud's public API promises.
    pub ovh_pagination: bool,
}

impl Seed {
    pub fn new(seed: u64, now: DateTime<FixedOffset>) -> Self {
        Seed {
            seed,
            invoices: 60,
            orders: 30,
            latency: Duration::ZERO,
            now,
            invoice_extras: false,
            ovh_pagination: true,
        }
    }
}

/// Shared server state: cheap to clone, everything behind one `Arc`.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    options: Seed,
    started: Instant,
    db: Mutex<Db>,
    sessions: Mutex<auth::Sessions>,
    faults: Mutex<Vec<faults::Fault>>,
    idempotency: Mutex<HashMap<(usize, String), idempotency::Entry>>,
    /// (method, path) of every API request since the last reset, for `/_dev/requests`.
    requests: Mutex<Vec<(String, String)>>,
}

impl AppState {
    pub fn new(options: Seed) -> Self {
        let db = seed::generate(&options);
        let sessions = auth::Sessions::new(options.seed);
        AppState {
            inner: Arc::new(Inner {
                started: Instant::now(),
                db: Mutex::new(db),
                sessions: Mutex::new(sessions),
                faults: Mutex::new(Vec::new()),
                idempotency: Mutex::new(HashMap::new()),
                requests: Mutex::new(Vec::new()),
                options,
            }),
        }
    }

    pub fn options(&self) -> &Seed {
        &self.inner.options
    }

    /// The pinned "now" plus the real time elapsed since start: mutations get fresh,
    /// increasing timestamps while the seed data stays deterministic.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let elapsed = chrono::Duration::from_std(self.inner.started.elapsed()).unwrap_or_default();
        let secs = chrono::Duration::seconds(elapsed.num_seconds());
        self.inner.options.now + secs
    }

    // A poisoned lock only means a handler panicked mid-way: keep serving the demo.
    pub fn db(&self) -> MutexGuard<'_, Db> {
        self.inner.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn sessions(&self) -> MutexGuard<'_, auth::Sessions> {
        self.inner
            .sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    pub fn faults(&self) -> MutexGuard<'_, Vec<faults::Fault>> {
        self.inner.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn idempotency(&self) -> MutexGuard<'_, HashMap<(usize, String), idempotency::Entry>> {
        self.inner
            .idempotency
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    pub fn requests(&self) -> MutexGuard<'_, Vec<(String, String)>> {
        self.inner
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// `POST /_dev/reset`: the seed data again, no faults, no remembered idempotency keys.
    /// Sessions survive so a tester stays signed in.
    pub fn reset(&self) {
        *self.db() = seed::generate(&self.inner.options);
        self.faults().clear();
        self.idempotency().clear();
        self.requests().clear();
    }
}

/// The whole HTTP surface: `/api/v1/...`, the same data OVHcloud-shaped under
/// `/ovh/1.0/me/...`, and `/healthz`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", routes::api(state.clone()))
        .nest("/ovh/1.0", ovhcloud::api(state.clone()))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(problem::fallback)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::latency,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            request_log::record,
        ))
        .layer(axum::middleware::from_fn(cors::cors))
        .with_state(state)
}

/// A JSON body whose rejection is a problem+json 400 naming what is wrong.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "invalid-body",
                "Request body does not match the contract",
                e.body_text(),
            )),
            Err(e) => Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "invalid-body",
                "Request body is not valid JSON",
                e.body_text(),
            )),
        }
    }
}

/// Serialises with the contract types (compact, deterministic field order).
pub fn json<T: Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut res = body.into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            res
        }
        Err(e) => ApiError::server_error(e.to_string()).into_response(),
    }
}

//! gloo-net underneath, with the policies every call shares: credentials,
//! timeouts, cancellation, retries for reads, CSRF and idempotency for writes,
//! problem+json errors and the trip to sign-in on 401.

use super::error::{ApiError, decode};
use super::idempotency::IdempotencyKey;
use billing_contract::Problem;
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use web_sys::{AbortSignal, RequestCredentials};

/// Pauses before the 2nd and 3rd attempt of a read that failed transiently.
const READ_RETRY_DELAYS_MS: [u32; 2] = [400, 1_200];

#[derive(Clone)]
pub struct HttpClient {
    base_url: String,
    csrf_header: String,
    sign_in_url: String,
    timeout_ms: u32,
    /// Handed out by the API with the session; sent back on every mutation.
    csrf_token: Arc<Mutex<Option<String>>>,
}

enum Body {
    None,
    Json(String),
}

/// A response body not yet decoded, and the one response header asked for.
struct Answer {
    text: String,
    header: Option<String>,
}

/// Extra request headers, and the response header to hand back.
#[derive(Clone, Copy, Default)]
struct Extra<'a> {
    send: &'a [(&'static str, String)],
    read: Option<&'static str>,
}

/// A response body not yet decoded.
pub(crate) type TextFuture = Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

fn json_body<B: Serialize>(body: Option<&B>) -> Result<Body, ApiError> {
    match body {
        Some(body) => serde_json::to_string(body)
            .map(Body::Json)
            .map_err(ApiError::network),
        None => Ok(Body::None),
    }
}

impl HttpClient {
    pub fn new(base_url: &str, csrf_header: &str, sign_in_url: &str, timeout_ms: u32) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            csrf_header: csrf_header.to_owned(),
            sign_in_url: sign_in_url.to_owned(),
            timeout_ms,
            csrf_token: Arc::new(Mutex::new(None)),
        }
    }

    pub fn set_csrf_token(&self, token: String) {
        if let Ok(mut slot) = self.csrf_token.lock() {
            *slot = Some(token);
        }
    }

    /// The absolute URL of an API path (`/invoices/7/invoice.pdf`).
    pub fn api_url(&self, path: &str) -> String {
        self.absolute_url(&format!("{}{path}", self.base_url))
    }

    /// An absolute URL for a path the API returned (renditions may be
    /// API-relative, e.g. `/api/v1/invoices/7/invoice.pdf`).
    pub fn absolute_url(&self, url: &str) -> String {
        if url.starts_with("https://") || url.starts_with("http://") {
            return url.to_owned();
        }
        let api_base = crate::routes::absolute_url(&self.base_url);
        web_sys::Url::new_with_base(url, &api_base)
            .map(|resolved| resolved.href())
            .unwrap_or_else(|_| url.to_owned())
    }

    /// The API base as configured (absolute, or a path on this site).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// GET and decode. Only the decoding is generic: the request and its
    /// retries sit behind a boxed future, so they are compiled once for every
    /// model instead of being inlined into each model's future.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        cancel: &AbortSignal,
    ) -> Result<T, ApiError> {
        let text = self.get_text(path.to_owned(), cancel.clone()).await?;
        decode(&text)
    }

    /// GET, answering the body undecoded (for a model decoded elsewhere).
    pub(crate) fn get_text(&self, path: String, cancel: AbortSignal) -> TextFuture {
        let http = self.clone();
        Box::pin(async move {
            http.get_with_retries(&path, Extra::default(), &cancel)
                .await
                .map(|answer| answer.text)
        })
    }

    /// GET with extra request headers, answering the body undecoded and the
    /// value of the response header `read` (an OVHcloud-shaped list's
    /// `X-Pagination-Elements`).
    pub async fn get_with_headers(
        &self,
        path: &str,
        headers: &[(&'static str, String)],
        read: &'static str,
        cancel: &AbortSignal,
    ) -> Result<(String, Option<String>), ApiError> {
        let answer = self
            .get_with_retries(
                path,
                Extra {
                    send: headers,
                    read: Some(read),
                },
                cancel,
            )
            .await?;
        Ok((answer.text, answer.header))
    }

    /// GET, retrying transient failures with a growing pause.
    async fn get_with_retries(
        &self,
        path: &str,
        extra: Extra<'_>,
        cancel: &AbortSignal,
    ) -> Result<Answer, ApiError> {
        let mut attempt = 0;
        loop {
            match self
                .send(Method::GET, path, Body::None, None, Some(cancel), extra)
                .await
            {
                Err(error) if error.is_transient() && attempt < READ_RETRY_DELAYS_MS.len() => {
                    gloo_timers::future::TimeoutFuture::new(READ_RETRY_DELAYS_MS[attempt]).await;
                    if cancel.aborted() {
                        return Err(ApiError::Aborted);
                    }
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// A mutation: sent once (never retried blindly), with the CSRF token and
    /// the caller's idempotency key, so the customer's retry is safe.
    pub async fn mutate<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        key: &IdempotencyKey,
    ) -> Result<T, ApiError> {
        let text = self.mutate_undecoded(method, path, body, key).await?;
        decode(&text)
    }

    /// A mutation, answering the body undecoded (for a model decoded elsewhere).
    pub(crate) async fn mutate_undecoded<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        key: &IdempotencyKey,
    ) -> Result<String, ApiError> {
        let body = json_body(body)?;
        self.mutate_text(method, path.to_owned(), body, key.clone())
            .await
    }

    /// A mutation whose success has no body (204).
    pub async fn mutate_no_content<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        key: &IdempotencyKey,
    ) -> Result<(), ApiError> {
        self.mutate_undecoded(method, path, body, key)
            .await
            .map(|_| ())
    }

    /// The untyped mutation, boxed for the same reason as [`Self::get_text`].
    fn mutate_text(
        &self,
        method: Method,
        path: String,
        body: Body,
        key: IdempotencyKey,
    ) -> TextFuture {
        let http = self.clone();
        Box::pin(async move {
            http.send(method, &path, body, Some(&key), None, Extra::default())
                .await
                .map(|answer| answer.text)
        })
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Body,
        key: Option<&IdempotencyKey>,
        cancel: Option<&AbortSignal>,
        extra: Extra<'_>,
    ) -> Result<Answer, ApiError> {
        let url = format!("{}{}", self.base_url, path);
        // One signal for "too slow" and one for "nobody is waiting any more".
        let timeout = AbortSignal::timeout_with_u32(self.timeout_ms);
        let signals = js_sys::Array::of1(&timeout);
        if let Some(cancel) = cancel {
            signals.push(cancel);
        }
        let signal = AbortSignal::any(&signals);

        let mut builder = RequestBuilder::new(&url)
            .method(method)
            .credentials(RequestCredentials::Include)
            .header("Accept", "application/json, application/problem+json")
            .abort_signal(Some(&signal));
        for (name, value) in extra.send {
            builder = builder.header(name, value);
        }
        if let Some(key) = key {
            builder = builder.header("Idempotency-Key", key.as_str());
            let token = self.csrf_token.lock().ok().and_then(|t| t.clone());
            if let Some(token) = token {
                builder = builder.header(&self.csrf_header, &token);
            }
        }
        let request = match body {
            Body::Json(json) => builder
                .header("Content-Type", "application/json")
                .body(json),
            Body::None => builder.build(),
        }
        .map_err(ApiError::network)?;

        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => {
                return Err(if timeout.aborted() {
                    ApiError::Timeout
                } else if cancel.is_some_and(AbortSignal::aborted) {
                    ApiError::Aborted
                } else {
                    ApiError::network(error)
                });
            }
        };
        let header = extra.read.and_then(|name| response.headers().get(name));
        let text = self.read(response, &timeout).await?;
        Ok(Answer { text, header })
    }

    async fn read(&self, response: Response, timeout: &AbortSignal) -> Result<String, ApiError> {
        let status = response.status();
        let text = response.text().await.map_err(|error| {
            if timeout.aborted() {
                ApiError::Timeout
            } else {
                ApiError::network(error)
            }
        })?;
        match status {
            200..=299 => Ok(text),
            401 => {
                crate::session::send_to_sign_in(&self.sign_in_url);
                Err(ApiError::Unauthorized)
            }
            _ => Err(ApiError::http(
                status,
                serde_json::from_str::<Problem>(&text).ok(),
            )),
        }
    }
}

//! Sessions (cookie `billing_session`), CSRF tokens and the demo sign-in pages.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use billing_contract::Session;
use serde::Deserialize;

use crate::problem::{ApiError, ApiResult};
use crate::renditions::html::escape;
use crate::rng::SplitMix64;
use crate::seed::DEMO_CUSTOMERS;
use crate::{AppState, json};

pub const COOKIE: &str = "billing_session";

pub struct Sessions {
    rng: SplitMix64,
    map: HashMap<String, SessionRec>,
}

#[derive(Clone)]
pub struct SessionRec {
    pub customer: usize,
    pub csrf: String,
}

/// The signed-in customer, put in request extensions by [`require_session`].
#[derive(Clone)]
pub struct Authed {
    pub customer: usize,
    pub token: String,
    pub csrf: String,
}

impl Sessions {
    /// Tokens come from the seed so that runs are reproducible: this server is a local dev
    /// tool bound to 127.0.0.1, never an authentication reference.
    pub fn new(seed: u64) -> Self {
        Sessions {
            rng: SplitMix64::new(seed ^ 0xC00C_1E5E_5510_0000),
            map: HashMap::new(),
        }
    }

    pub fn create(&mut self, customer: usize) -> (String, SessionRec) {
        let token = format!("{:016x}{:016x}", self.rng.next_u64(), self.rng.next_u64());
        let csrf = format!("{:016x}{:016x}", self.rng.next_u64(), self.rng.next_u64());
        let rec = SessionRec { customer, csrf };
        self.map.insert(token.clone(), rec.clone());
        (token, rec)
    }

    pub fn get(&self, token: &str) -> Option<&SessionRec> {
        self.map.get(token)
    }

    pub fn remove(&mut self, token: &str) {
        self.map.remove(token);
    }
}

pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_owned())
}

pub fn is_mutation(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PATCH | Method::DELETE | Method::PUT
    )
}

/// 401 without a valid session; 403 when a mutation lacks the session's CSRF token.
pub async fn require_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let Some(token) = session_cookie(req.headers()) else {
        return ApiError::unauthorized().into_response();
    };
    let Some(rec) = state.sessions().get(&token).cloned() else {
        return ApiError::unauthorized().into_response();
    };
    if is_mutation(req.method()) {
        let sent = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok());
        if sent != Some(rec.csrf.as_str()) {
            return ApiError::forbidden_csrf().into_response();
        }
    }
    req.extensions_mut().insert(Authed {
        customer: rec.customer,
        token,
        csrf: rec.csrf,
    });
    next.run(req).await
}

/// `GET /session`.
pub async fn session(State(state): State<AppState>, Extension(me): Extension<Authed>) -> Response {
    let customer = state.db().customers[me.customer].customer.clone();
    json(&Session {
        customer,
        csrf_token: me.csrf,
    })
}

/// Only loopback http URLs: the sign-in flow must not become an open redirect.
pub fn check_return_to(return_to: Option<&str>) -> ApiResult<String> {
    let url = return_to.ok_or_else(|| ApiError::bad_param("returnTo", "required"))?;
    let after_scheme = url.strip_prefix("http://").unwrap_or("");
    let end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let origin = &url[..("http://".len() + end).min(url.len())];
    if crate::cors::is_loopback_origin(origin) && !url.contains(['\r', '\n', '"', '<', '>']) {
        Ok(url.to_owned())
    } else {
        Err(ApiError::bad_param(
            "returnTo",
            "must be an absolute http URL on 127.0.0.1, localhost or [::1]",
        ))
    }
}

/// Appends `key=value` to a URL, before its fragment.
pub fn with_query(url: &str, key: &str, value: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    match fragment {
        Some(f) => format!("{base}{sep}{key}={value}#{f}"),
        None => format!("{base}{sep}{key}={value}"),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignInQuery {
    return_to: Option<String>,
    customer: Option<String>,
}

/// `GET /auth/sign-in?returnTo=`: one button per demo customer.
pub async fn sign_in_page(Query(q): Query<SignInQuery>) -> ApiResult<Html<String>> {
    let return_to = check_return_to(q.return_to.as_deref())?;
    let rt = billing_contract::query::percent_encode(&return_to);
    let people = [
        (
            "fr-consumer",
            "Camille Dupont",
            "French consumer · EUR · VAT 20 %",
        ),
        (
            "it-business",
            "Rossi Costruzioni S.r.l.",
            "Italian business (contact Giulia Rossi) · EUR · VAT 22 %",
        ),
    ];
    let items: String = people
        .iter()
        .map(|(id, name, what)| {
            format!(
                "<li><a class=\"button\" href=\"/api/v1/auth/demo?customer={id}&amp;returnTo={rt}\">Sign in as {}</a> <span>{}</span></li>",
                escape(name),
                escape(what)
            )
        })
        .collect();
    Ok(Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Sign in – billing demo</title><style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}\
ul{{list-style:none;padding:0}}li{{margin:1rem 0}}.button{{display:inline-block;padding:.6rem 1rem;border-radius:.4rem;background:#0050d7;color:#fff;text-decoration:none}}\
.button:focus{{outline:3px solid #ffbf47;outline-offset:2px}}</style></head><body><main>\
<h1>Sign in to the billing demo</h1><p>Development server: choose a demo customer. No password is needed.</p>\
<ul>{items}</ul><p><a href=\"{}\">Back to the portal</a></p></main></body></html>",
        escape(&return_to)
    )))
}

/// A 200 page that sends the browser on to `target` (meta refresh, and a link
/// for those who turned that off), where a real server would answer a 303.
///
/// Every dev page that hands the customer back to the portal uses it: Trunk's
/// dev proxy follows redirects itself, so behind `trunk serve` a 303 would
/// drop the session cookie and leave the browser on the API's URL with the
/// portal's page in hand.
pub fn navigate_to(target: &str, message: &str) -> Response {
    let target = escape(target);
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"refresh\" content=\"0; url={target}\"><title>{message}</title></head>\
<body><main><p>{message} <a href=\"{target}\">Continue to the billing portal</a></p></main></body></html>",
        message = escape(message)
    ))
    .into_response()
}

/// `GET /auth/demo?customer=&returnTo=`: sets the cookie and goes back.
pub async fn demo(
    State(state): State<AppState>,
    Query(q): Query<SignInQuery>,
) -> ApiResult<Response> {
    let return_to = check_return_to(q.return_to.as_deref())?;
    let demo = q.customer.as_deref().unwrap_or("");
    let customer = DEMO_CUSTOMERS
        .iter()
        .position(|d| *d == demo)
        .ok_or_else(|| ApiError::bad_param("customer", "expected fr-consumer or it-business"))?;
    let (token, _) = state.sessions().create(customer);
    let mut res = navigate_to(&return_to, "Signed in.");
    let cookie = format!("{COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/");
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| ApiError::server_error(e.to_string()))?,
    );
    Ok(res)
}

/// `POST /auth/sign-out`: 204 and an expired cookie.
pub async fn sign_out(State(state): State<AppState>, Extension(me): Extension<Authed>) -> Response {
    state.sessions().remove(&me.token);
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("billing_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_to_must_be_loopback() {
        assert!(check_return_to(Some("http://127.0.0.1:8080/invoices?x=1")).is_ok());
        assert!(check_return_to(Some("http://localhost:8080")).is_ok());
        assert!(check_return_to(Some("http://127.0.0.1:8080@evil.com/")).is_err());
        assert!(check_return_to(Some("https://evil.com/")).is_err());
        assert!(check_return_to(None).is_err());
        assert_eq!(
            with_query("http://h/p?a=1#f", "payment", "succeeded"),
            "http://h/p?a=1&payment=succeeded#f"
        );
        assert_eq!(with_query("http://h/p", "x", "y"), "http://h/p?x=y");
    }
}

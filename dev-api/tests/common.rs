//! In-process harness: the router driven with `tower::ServiceExt::oneshot`, and response
//! bodies validated against the component schemas of `contract/openapi.yaml`.

#![allow(dead_code)]

use std::sync::OnceLock;

use axum::Router;
use axum::body::{Body, Bytes, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use billing_dev_api::{AppState, Seed, router};
use chrono::DateTime;
use serde_json::Value;
use tower::ServiceExt;

pub const NOW: &str = "2026-11-23T10:00:00+01:00";

pub fn seed(invoices: usize) -> Seed {
    let mut s = Seed::new(42, DateTime::parse_from_rfc3339(NOW).unwrap());
    s.invoices = invoices;
    s
}

pub fn app() -> Router {
    router(AppState::new(seed(60)))
}

pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Res {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Res {
    let res = app.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    Res {
        status: parts.status,
        headers: parts.headers,
        body: to_bytes(body, usize::MAX).await.unwrap(),
    }
}

/// A signed-in browser: cookie and CSRF token.
pub struct Client {
    pub app: Router,
    pub cookie: String,
    pub csrf: String,
}

impl Client {
    pub async fn sign_in(app: &Router, demo: &str) -> Client {
        let res = send(
            app,
            Request::get(format!(
                "/api/v1/auth/demo?customer={demo}&returnTo=http%3A%2F%2F127.0.0.1%3A8080%2Fbilling"
            ))
            .body(Body::empty())
            .unwrap(),
        )
        .await;
        // A page that navigates on (not a 303: Trunk's dev proxy would follow it and drop the cookie).
        assert_eq!(res.status, StatusCode::OK);
        assert!(
            res.text().contains(
                "http-equiv=\"refresh\" content=\"0; url=http://127.0.0.1:8080/billing\""
            ),
            "{}",
            res.text()
        );
        let set = res.header("set-cookie").unwrap().to_owned();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
            "{set}"
        );
        let cookie = set.split(';').next().unwrap().to_owned();
        let mut c = Client {
            app: app.clone(),
            cookie,
            csrf: String::new(),
        };
        let session = c.get("/api/v1/session").await;
        assert_eq!(session.status, StatusCode::OK);
        c.csrf = session.json()["csrfToken"].as_str().unwrap().to_owned();
        c
    }

    pub async fn get(&self, path: &str) -> Res {
        send(
            &self.app,
            Request::get(path)
                .header(header::COOKIE, &self.cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn mutate(&self, method: Method, path: &str, key: &str, body: Option<Value>) -> Res {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::COOKIE, &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("idempotency-key", key);
        let body = match body {
            Some(v) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        send(&self.app, b.body(body).unwrap()).await
    }

    pub async fn post(&self, path: &str, key: &str, body: Value) -> Res {
        self.mutate(Method::POST, path, key, Some(body)).await
    }
}

fn components() -> &'static Value {
    static C: OnceLock<Value> = OnceLock::new();
    C.get_or_init(|| {
        let doc: Value =
            serde_yaml::from_str(billing_contract::OPENAPI_YAML).expect("openapi.yaml parses");
        doc["components"].clone()
    })
}

/// Validates `instance` against `#/components/schemas/{name}` (draft 2020-12, formats on).
pub fn assert_schema(name: &str, instance: &Value) {
    let errors = schema_errors(name, instance);
    assert!(
        errors.is_empty(),
        "{name} violations:\n{}\n{}",
        errors.join("\n"),
        instance
    );
}

pub fn schema_errors(name: &str, instance: &Value) -> Vec<String> {
    let wrapper = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": components(),
    });
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&wrapper)
        .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

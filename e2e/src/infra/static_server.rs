//! An in-process static server for a Trunk dist/, shaped like production hosting:
//! the app lives under a base path, unknown routes fall back to index.html (SPA), hashed
//! assets are cached forever, and every answer carries the production Content-Security-Policy.
//! It also serves `config.json` itself, pointing the app at the dev API, and records the
//! CSP violation reports the browser sends.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use serde_json::{Value, json};

pub struct StaticServer {
    /// e.g. `http://127.0.0.1:40001`, without a trailing slash.
    pub origin: String,
    /// Always starts and ends with `/`, e.g. `/` or `/billing/`.
    pub base_path: String,
    state: Arc<ServerState>,
}

struct ServerState {
    dist: PathBuf,
    base_path: String,
    csp: String,
    default_config: Value,
    /// When set, served instead of `default_config` (raw text, so that journeys can also
    /// serve malformed JSON).
    config_override: Mutex<Option<String>>,
    csp_reports: Mutex<Vec<String>>,
    /// Off only for the journey that plays a careless host (no CSP at all).
    csp_enabled: AtomicBool,
    /// When set, the `apiBaseUrl` whatever config.json is served speaks OVHcloud's shape
    /// at (`"adapter": "ovhcloud"`), for a journey run through the second adapter.
    ovhcloud_api: Mutex<Option<String>>,
}

impl StaticServer {
    pub async fn start(dist: &Path, base_path: &str, dev_api_origin: &str) -> Result<Self> {
        let index = dist.join("index.html");
        if !index.is_file() {
            anyhow::bail!(
                "{} not found: build the app first (`trunk build --release`) or set E2E_DIST",
                index.display()
            );
        }
        let base_path = normalize_base_path(base_path);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let origin = format!("http://{}", listener.local_addr()?);
        let state = Arc::new(ServerState {
            dist: dist.to_owned(),
            csp: content_security_policy(&base_path, dev_api_origin),
            default_config: default_config(dist, dev_api_origin)?,
            base_path: base_path.clone(),
            config_override: Mutex::new(None),
            csp_reports: Mutex::new(Vec::new()),
            csp_enabled: AtomicBool::new(true),
            ovhcloud_api: Mutex::new(None),
        });
        let app = Router::new().fallback(handle).with_state(state.clone());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("static server stopped: {error}");
            }
        });
        Ok(StaticServer {
            origin,
            base_path,
            state,
        })
    }

    /// The absolute URL of `relative` (no leading slash) under the base path.
    pub fn url(&self, relative: &str) -> String {
        format!(
            "{}{}{}",
            self.origin,
            self.base_path,
            relative.trim_start_matches('/')
        )
    }

    /// The config.json the app normally gets: dist's own, pointed at the dev API.
    pub fn default_config(&self) -> Value {
        self.state.default_config.clone()
    }

    /// Serves `raw` as config.json until [`StaticServer::reset`].
    pub fn set_config(&self, raw: impl Into<String>) {
        *self.state.config_override.lock().unwrap() = Some(raw.into());
    }

    /// Until [`StaticServer::reset`], every config.json served (the default one or a
    /// journey's own) selects the OVHcloud adapter and points it at `api_base_url`: the
    /// journey runs unchanged through the other adapter.
    pub fn use_ovhcloud_adapter(&self, api_base_url: impl Into<String>) {
        *self.state.ovhcloud_api.lock().unwrap() = Some(api_base_url.into());
    }

    /// Whether this run speaks to the OVHcloud-shaped API (see
    /// [`StaticServer::use_ovhcloud_adapter`]).
    pub fn through_ovhcloud(&self) -> bool {
        self.state.ovhcloud_api.lock().unwrap().is_some()
    }

    pub fn take_csp_reports(&self) -> Vec<String> {
        std::mem::take(&mut *self.state.csp_reports.lock().unwrap())
    }

    /// Serves the app without any Content-Security-Policy (nor Trusted Types), as a host
    /// that forgot `_headers` would, until [`StaticServer::reset`]: the journey that checks
    /// the portal itself refuses hostile URLs, with no CSP behind it.
    pub fn switch_csp_off(&self) {
        self.state.csp_enabled.store(false, Ordering::SeqCst);
    }

    /// Back to the default config, the CSP on and no recorded reports: called before every
    /// journey.
    pub fn reset(&self) {
        *self.state.config_override.lock().unwrap() = None;
        self.state.csp_reports.lock().unwrap().clear();
        self.state.csp_enabled.store(true, Ordering::SeqCst);
        *self.state.ovhcloud_api.lock().unwrap() = None;
    }
}

fn normalize_base_path(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

/// The production policy (`public/_headers`, Trusted Types included). The dev API is another
/// origin (another port), so it must be allowed for fetches and for the sign-in form.
fn content_security_policy(base_path: &str, api_origin: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self' {api_origin}; \
         frame-ancestors 'none'; object-src 'none'; base-uri 'self'; \
         form-action 'self' {api_origin}; require-trusted-types-for 'script'; \
         trusted-types default; report-uri {base_path}__csp-report"
    )
}

fn default_config(dist: &Path, api_origin: &str) -> Result<Value> {
    let shipped = dist.join("config.json");
    // Trunk's `copy-dir href="public/"` lands in dist/public/ unless told otherwise; take the
    // config from there rather than fail every journey, but say so.
    let fallback = dist.join("public/config.json");
    let path = if !shipped.is_file() && fallback.is_file() {
        eprintln!(
            "warning: {} is missing, using {} (the app fetches config.json next to index.html)",
            shipped.display(),
            fallback.display()
        );
        fallback
    } else {
        shipped
    };
    let mut config = match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .with_context(|| format!("{} is not valid JSON", path.display()))?,
        Err(_) => json!({}),
    };
    let object = config
        .as_object_mut()
        .with_context(|| format!("{} is not a JSON object", path.display()))?;
    object.insert("apiBaseUrl".into(), json!(format!("{api_origin}/api/v1")));
    let auth = object.entry("auth").or_insert_with(|| json!({}));
    if let Some(auth) = auth.as_object_mut() {
        auth.insert(
            "signInUrl".into(),
            json!(format!("{api_origin}/api/v1/auth/sign-in")),
        );
    }
    Ok(config)
}

/// `config` selecting the OVHcloud adapter at `api`; text that is not a JSON object (a
/// journey serving a broken config on purpose) is served as it is.
fn with_ovhcloud_adapter(config: String, api: &str) -> String {
    match serde_json::from_str::<Value>(&config) {
        Ok(Value::Object(mut object)) => {
            object.insert("adapter".into(), json!("ovhcloud"));
            object.insert("apiBaseUrl".into(), json!(api));
            Value::Object(object).to_string()
        }
        _ => config,
    }
}

async fn handle(
    State(state): State<Arc<ServerState>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let mut response = route(&state, &method, uri.path(), body);
    let headers = response.headers_mut();
    if state.csp_enabled.load(Ordering::SeqCst) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&state.csp).expect("the CSP is a valid header value"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    response
}

fn route(state: &ServerState, method: &Method, path: &str, body: Bytes) -> Response {
    // `/billing` without its trailing slash: send the browser to the app's real root.
    if path.len() + 1 == state.base_path.len() && state.base_path.starts_with(path) {
        return redirect(&state.base_path);
    }
    let Some(relative) = path.strip_prefix(state.base_path.as_str()) else {
        return not_found();
    };
    if relative == "__csp-report" {
        if method == Method::POST {
            let report = String::from_utf8_lossy(&body).into_owned();
            state.csp_reports.lock().unwrap().push(report);
            return plain(StatusCode::NO_CONTENT, "");
        }
        return plain(StatusCode::METHOD_NOT_ALLOWED, "POST only\n");
    }
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "GET only\n");
    }
    if relative == "config.json" {
        let config = state
            .config_override
            .lock()
            .unwrap()
            .clone()
            .unwrap_or_else(|| state.default_config.to_string());
        let config = match state.ovhcloud_api.lock().unwrap().as_deref() {
            Some(api) => with_ovhcloud_adapter(config, api),
            None => config,
        };
        return file_response(config.into_bytes(), "config.json");
    }
    let Some(file) = safe_join(&state.dist, relative) else {
        return not_found();
    };
    if file.is_file() {
        return match std::fs::read(&file) {
            Ok(bytes) => file_response(bytes, relative),
            Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "read error\n"),
        };
    }
    // A directory with its own index.html is another app (the gallery in `_gallery/`),
    // as static hosts serve it.
    let nested_index = file.join("index.html");
    if file.is_dir() && nested_index.is_file() {
        return match std::fs::read(&nested_index) {
            Ok(bytes) => file_response(bytes, "index.html"),
            Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "read error\n"),
        };
    }
    let last_segment = relative.rsplit('/').next().unwrap_or("");
    if last_segment.contains('.') {
        // A missing asset must not be answered with HTML: that would hide broken links.
        return not_found();
    }
    match std::fs::read(state.dist.join("index.html")) {
        Ok(bytes) => file_response(bytes, "index.html"),
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "index.html missing\n"),
    }
}

/// Joins a URL path onto dist/, refusing `..` and other escapes.
fn safe_join(root: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    if relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)))
    {
        Some(root.join(relative))
    } else if relative.as_os_str().is_empty() {
        Some(root.join("index.html"))
    } else {
        None
    }
}

fn file_response(bytes: Vec<u8>, relative: &str) -> Response {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type(name))
        .header(header::CACHE_CONTROL, cache_control(name))
        .body(Body::from(bytes))
        .expect("static headers are valid")
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("webp") => "image/webp",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("txt") => "text/plain; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// index.html and config.json must always be revalidated (they name the current assets and
/// the environment); Trunk's content-hashed files never change, so they are immutable.
fn cache_control(name: &str) -> &'static str {
    if name == "index.html" || name == "config.json" || !is_content_hashed(name) {
        "no-cache"
    } else {
        "public, max-age=31536000, immutable"
    }
}

/// Trunk names hashed files `<stem>-<16 hex digits>[_bg].<ext>`.
fn is_content_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text))
        .expect("static headers are valid")
}

fn not_found() -> Response {
    plain(StatusCode::NOT_FOUND, "not found\n")
}

fn redirect(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::MOVED_PERMANENTLY)
        .header(header::LOCATION, location)
        .body(Body::empty())
        .expect("static headers are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_content_hashed("billing-portal-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_content_hashed("billing-portal-1a2b3c4d5e6f7a8b.js"));
        assert!(is_content_hashed("tokens-0123456789abcdef.css"));
        assert!(!is_content_hashed("index.html"));
        assert!(!is_content_hashed("favicon.ico"));
        assert!(!is_content_hashed("billing-portal.js"));
    }

    #[test]
    fn base_paths_are_normalized() {
        assert_eq!(normalize_base_path(""), "/");
        assert_eq!(normalize_base_path("/"), "/");
        assert_eq!(normalize_base_path("billing"), "/billing/");
        assert_eq!(normalize_base_path("/billing/"), "/billing/");
    }

    /// The directives of a policy, `connect-src` and `form-action` (which name the dev API)
    /// and `report-uri` left out.
    fn portable_directives(policy: &str) -> Vec<String> {
        policy
            .split(';')
            .map(|directive| directive.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|directive| {
                !directive.is_empty()
                    && !["connect-src", "form-action", "report-uri"]
                        .iter()
                        .any(|name| directive.starts_with(name))
            })
            .collect()
    }

    fn workspace_file(path: &str) -> String {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
        std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("reading {}", file.display()))
    }

    /// The policy the journeys run under is the one every host is told to serve.
    #[test]
    fn every_host_gets_the_tested_policy_and_headers() {
        let tested = portable_directives(&content_security_policy("/", "http://127.0.0.1:1"));
        assert!(tested.contains(&"require-trusted-types-for 'script'".to_owned()));
        assert!(tested.contains(&"trusted-types default".to_owned()));
        let headers = workspace_file("public/_headers");
        let nginx = workspace_file("deploy/nginx.conf");
        let cloudfront = workspace_file("deploy/s3-cloudfront.md");
        let netlify_policy = headers
            .lines()
            .find_map(|line| line.trim().strip_prefix("Content-Security-Policy:"))
            .expect("_headers sets a CSP");
        let nginx_policy = nginx
            .lines()
            .find_map(|line| {
                line.trim()
                    .strip_prefix("add_header Content-Security-Policy \"")
            })
            .and_then(|rest| rest.split('"').next())
            .expect("nginx.conf sets a CSP");
        let cloudfront_policy = cloudfront
            .lines()
            .map(str::trim)
            .find(|line| line.starts_with("default-src"))
            .expect("the CloudFront notes quote the CSP");
        for (host, policy) in [
            ("_headers", netlify_policy),
            ("nginx.conf", nginx_policy),
            ("s3-cloudfront.md", cloudfront_policy),
        ] {
            assert_eq!(portable_directives(policy), tested, "{host}");
        }
        for text in [&headers, &nginx, &cloudfront] {
            for header in [
                "Cross-Origin-Opener-Policy",
                "Strict-Transport-Security",
                "X-Content-Type-Options",
                "Referrer-Policy",
                "Permissions-Policy",
            ] {
                assert!(
                    text.contains(header),
                    "{header} missing from a host's config"
                );
            }
        }
    }

    #[test]
    fn refuses_path_escapes() {
        assert!(safe_join(Path::new("/d"), "../etc/passwd").is_none());
        assert!(safe_join(Path::new("/d"), "a/b.js").is_some());
    }
}

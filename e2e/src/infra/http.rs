//! A tiny HTTP/1.0 client for loopback control calls (dev-API faults, chromedriver status).
//!
//! HTTP/1.0 with `Connection: close` keeps the parsing trivial: the server cannot answer
//! with chunked encoding, so the body is simply everything after the blank line. Pulling a
//! full HTTP client crate in for a handful of local POSTs is not worth it.

use anyhow::{Context, Result, anyhow, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Response {
    pub status: u16,
    pub body: String,
}

/// Sends one request to an `http://host:port/path` URL and reads the whole answer.
pub async fn request(method: &str, url: &str, json_body: Option<&str>) -> Result<Response> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| anyhow!("only http:// URLs are supported, got {url}"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut stream = TcpStream::connect(authority)
        .await
        .with_context(|| format!("connecting to {authority}"))?;
    let body = json_body.unwrap_or("");
    let mut head = format!(
        "{method} {path} HTTP/1.0\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if json_body.is_some() {
        head.push_str("Content-Type: application/json\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("malformed HTTP answer from {url}: {head:?}"))?;
    Ok(Response {
        status,
        body: body.to_owned(),
    })
}

/// Like [`request`], but fails unless the answer is a 2xx.
pub async fn expect_success(method: &str, url: &str, json_body: Option<&str>) -> Result<String> {
    let response = request(method, url, json_body).await?;
    if !(200..300).contains(&response.status) {
        bail!(
            "{method} {url} answered {}: {}",
            response.status,
            response.body
        );
    }
    Ok(response.body)
}

/// Asks the OS for a free loopback port. There is a small window in which another process
/// could take it before the child binds it; acceptable for a test harness.
pub fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

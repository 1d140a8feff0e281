//! A tiny HTTP/1.1 client for loopback control calls (dev-API faults, chromedriver status).
//!
//! One request per connection (`Connection: close`), so the body is everything after the
//! blank line, de-chunked if needed. (HTTP/1.0 would avoid chunking, but chromedriver
//! refuses it.) A full HTTP client crate is not worth it for a handful of local calls.

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
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if json_body.is_some() {
        head.push_str("Content-Type: application/json\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let raw = read_response(&mut stream).await?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("malformed HTTP answer from {url}: {head:?}"))?;
    let chunked = head
        .lines()
        .any(|line| line.to_ascii_lowercase().replace(' ', "") == "transfer-encoding:chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok(Response { status, body })
}

/// Reads until the response is complete. Servers may ignore `Connection: close`
/// (chromedriver does), so completeness comes from Content-Length or the final chunk.
async fn read_response(stream: &mut TcpStream) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&raw);
        let Some((head, body)) = text.split_once("\r\n\r\n") else {
            continue;
        };
        let head = head.to_ascii_lowercase();
        let content_length = head.lines().find_map(|line| {
            line.strip_prefix("content-length:")
                .and_then(|value| value.trim().parse::<usize>().ok())
        });
        let complete = match content_length {
            Some(length) => body.len() >= length,
            None if head.contains("transfer-encoding: chunked") => body.ends_with("0\r\n\r\n"),
            None => false,
        };
        if complete {
            return Ok(raw);
        }
    }
}

/// Decodes a chunked body (sizes in hex, each chunk followed by CRLF, ending with size 0).
fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size_line, after)) = rest.split_once("\r\n") {
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            break;
        }
        body.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    body
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

#[cfg(test)]
mod tests {
    use super::dechunk;

    #[test]
    fn dechunks_bodies() {
        assert_eq!(dechunk("4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"), "Wikipedia");
    }
}

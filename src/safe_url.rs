//! The one place that decides whether a URL may become an `href`, a `src` or a
//! navigation. The portal speaks to any JSON billing API, so every URL it
//! receives (an invoice's HTML and PDF renditions, a 3-D Secure or payment
//! provider page, the config's logo and support links) is untrusted input.
//!
//! A URL passes when it is
//! - `https://host/…` (any host, no `user:password@`),
//! - `http://…` on a loopback host only (`localhost`, `127.x.x.x`, `[::1]`:
//!   the dev API), or
//! - relative (`/api/v1/invoices/7/invoice.pdf`, `invoice.pdf`), resolved
//!   against the API base into one of the above.
//!
//! Everything else is refused: `javascript:`, `data:`, `vbscript:`, `blob:`,
//! `file:` in any letter case, protocol-relative `//evil.example`, URLs with
//! control characters, spaces or backslashes inside (the browser's parser
//! strips or reinterprets those, so what we would check is not what it would
//! open). Leading and trailing spaces and control characters are trimmed
//! first, exactly as the browser does, and the trimmed text is what is checked
//! and returned.
//!
//! # What to call
//! - [`link`]`(url) -> Option<String>`: for an `href` or a `src`; `None` means
//!   render no link and say the document is not available.
//! - [`navigate_to_external`]`(url) -> Result<(), RefusedUrl>`: leave the portal
//!   for a page the API named (3-D Secure, a payment provider).
//! - [`navigate_and_return`]`(url) -> Result<(), RefusedUrl>`: the same, with
//!   `returnTo=<the page the customer is on>` added, so the provider sends the
//!   customer back (checkout's `go_to_payment_page`, payment methods'
//!   `go_to_provider`).
//! - [`check`]`(url) -> Result<String, RefusedUrl>`: the decision alone.
//! - [`site_link`]`(url) -> Option<String>`: for the config's own links
//!   (logo, support), which resolve against the page.
//!
//! On `Err`, a money flow stops, changes nothing and shows
//! `safe_links.payment_refused`; a link shows `safe_links.unavailable`.
//!
//! # Secrets in URLs
//! Document URLs may carry a secret in their query (OVHcloud's `password=`,
//! `orderPassword=`, a signature): [`RefusedUrl`] never holds the URL, and any
//! text that may contain one goes through [`redact`] before it reaches the
//! console, an error message or an export.

use std::sync::RwLock;

/// Why a URL was refused. It holds no part of the URL, which may carry a
/// secret, so it can be logged or shown freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedUrl {
    /// Empty, or only spaces.
    Empty,
    /// A space, control character or backslash inside the URL.
    Unclean,
    /// A scheme other than `https:` / `http:` (`javascript:`, `data:`, …).
    Scheme,
    /// `http:` to a host that is not this machine.
    InsecureHttp,
    /// `//host/…`: would take the page's scheme to another host.
    ProtocolRelative,
    /// `user:password@host`.
    Credentials,
    /// `https://` with no host, or a malformed port.
    NoHost,
    /// A relative URL but no usable API base to resolve it against.
    NoBase,
}

/// The API base relative URLs are resolved against, absolute. Set once the
/// deployment's config is read ([`set_api_base`]).
static API_BASE: RwLock<String> = RwLock::new(String::new());

/// Records the deployment's `apiBaseUrl` (absolute, or a path on this site).
pub fn set_api_base(api_base_url: &str) {
    let absolute = crate::routes::absolute_url(api_base_url);
    if let Ok(mut base) = API_BASE.write() {
        *base = absolute;
    }
}

fn api_base() -> String {
    API_BASE.read().map(|base| base.clone()).unwrap_or_default()
}

/// The decision, against the deployment's API base: the URL to use, or why not.
pub fn check(url: &str) -> Result<String, RefusedUrl> {
    let vetted = vet(url, &api_base())?;
    confirm_with_browser(vetted)
}

/// [`check`] against another API base (an adapter's own; absolute or a path
/// on this site).
pub fn check_against(url: &str, api_base_url: &str) -> Result<String, RefusedUrl> {
    let vetted = vet(url, &crate::routes::absolute_url(api_base_url))?;
    confirm_with_browser(vetted)
}

/// A URL that may become an `href` or a `src`; `None` when it is refused.
pub fn link(url: &str) -> Option<String> {
    check(url).ok()
}

/// For URLs from the deployment's `config.json` that resolve against the
/// page rather than the API (`brand.logoUrl`, `supportUrl`): the same rule,
/// and a relative URL is kept relative (it stays on the portal's own origin,
/// under `<base href>`). `None` when refused.
pub fn site_link(url: &str) -> Option<String> {
    // Any https origin does to resolve against: only the verdict is used.
    vet(url, "https://portal.invalid/").ok()?;
    let url = url.trim_matches(|c: char| c <= ' ');
    match scheme_of(url) {
        Some(_) => confirm_with_browser(url.to_owned()).ok(),
        None => Some(url.to_owned()),
    }
}

/// Sends the browser to `url` if it passes [`check`]; otherwise does nothing
/// at all and says why.
pub fn navigate_to_external(url: &str) -> Result<(), RefusedUrl> {
    let target = check(url)?;
    assign(&target);
    Ok(())
}

/// [`navigate_to_external`] with `returnTo=<the current page>` added, for the
/// pages that send the customer back when done (3-D Secure, providers).
pub fn navigate_and_return(url: &str) -> Result<(), RefusedUrl> {
    let target = check(url)?;
    let target = crate::session::with_return_to(&target, &current_page());
    // Adding a query parameter cannot change the scheme or host, but the
    // rule is cheap: what is navigated to is what was checked.
    let target = check(&target)?;
    assign(&target);
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn current_page() -> String {
    web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn current_page() -> String {
    String::new()
}

#[cfg(target_arch = "wasm32")]
fn assign(target: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(target);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn assign(_target: &str) {}

/// A second opinion from the browser's own URL parser on what [`vet`]
/// accepted, so that a difference between the two parsers can only refuse.
#[cfg(target_arch = "wasm32")]
fn confirm_with_browser(vetted: String) -> Result<String, RefusedUrl> {
    let parsed = web_sys::Url::new(&vetted).map_err(|_| RefusedUrl::NoHost)?;
    if !parsed.username().is_empty() || !parsed.password().is_empty() {
        return Err(RefusedUrl::Credentials);
    }
    match parsed.protocol().as_str() {
        "https:" if !parsed.hostname().is_empty() => Ok(parsed.href()),
        "http:" if is_loopback(&parsed.hostname()) => Ok(parsed.href()),
        "https:" => Err(RefusedUrl::NoHost),
        "http:" => Err(RefusedUrl::InsecureHttp),
        _ => Err(RefusedUrl::Scheme),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn confirm_with_browser(vetted: String) -> Result<String, RefusedUrl> {
    Ok(vetted)
}

/// The rule itself, pure: `url` checked, and resolved against `api_base`
/// (an absolute `https://…` or loopback `http://…` URL) when relative.
pub fn vet(url: &str, api_base: &str) -> Result<String, RefusedUrl> {
    // The browser drops leading and trailing C0 controls and spaces.
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.is_empty() {
        return Err(RefusedUrl::Empty);
    }
    // …and silently removes tabs and newlines inside (`java\tscript:`), and
    // reads `\` as `/` (`/\evil.example` is protocol-relative): refuse both
    // rather than second-guess the parser.
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err(RefusedUrl::Unclean);
    }
    match scheme_of(url) {
        Some(scheme) => {
            let rest = &url[scheme.len() + 1..];
            absolute(&scheme.to_ascii_lowercase(), rest)?;
            Ok(url.to_owned())
        }
        None => resolve_relative(url, api_base),
    }
}

/// The scheme, when `url` starts with one (`ALPHA *( ALPHA / DIGIT / + - . ) ":"`).
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Checks `scheme:rest` for an absolute URL.
fn absolute(scheme: &str, rest: &str) -> Result<(), RefusedUrl> {
    let secure = match scheme {
        "https" => true,
        "http" => false,
        _ => return Err(RefusedUrl::Scheme),
    };
    let after_slashes = rest.strip_prefix("//").ok_or(RefusedUrl::NoHost)?;
    let authority = after_slashes
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    if authority.contains('@') {
        return Err(RefusedUrl::Credentials);
    }
    let host = host_of(authority)?;
    if secure || is_loopback(host) {
        Ok(())
    } else {
        Err(RefusedUrl::InsecureHttp)
    }
}

/// The host of `host[:port]` (IPv6 in brackets), lower-cased by the caller's
/// comparisons; a port must be digits.
fn host_of(authority: &str) -> Result<&str, RefusedUrl> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']').ok_or(RefusedUrl::NoHost)?;
        let port = authority[end + 1..].strip_prefix(':');
        if port.is_none() && end + 1 != authority.len() {
            return Err(RefusedUrl::NoHost);
        }
        (&authority[..=end], port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() || port.is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(RefusedUrl::NoHost);
    }
    Ok(host)
}

/// This machine: where the dev API runs, the only place plain `http:` may go.
fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.parse::<u8>().is_ok())
}

/// Resolves a relative reference against the API base, as the browser would.
fn resolve_relative(url: &str, api_base: &str) -> Result<String, RefusedUrl> {
    if url.starts_with("//") {
        return Err(RefusedUrl::ProtocolRelative);
    }
    let base = api_base.trim();
    let scheme = scheme_of(base).ok_or(RefusedUrl::NoBase)?;
    let rest = &base[scheme.len() + 1..];
    absolute(&scheme.to_ascii_lowercase(), rest).map_err(|_| RefusedUrl::NoBase)?;
    // `scheme://authority` and the path, query and fragment after it.
    let after_slashes = &rest[2..];
    let path_start = after_slashes
        .find(['/', '?', '#'])
        .unwrap_or(after_slashes.len());
    let origin = &base[..scheme.len() + 3 + path_start];
    let base_path = base[origin.len()..]
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let resolved = if url.starts_with('/') {
        format!("{origin}{url}")
    } else if url.starts_with('?') {
        format!("{origin}{base_path}{url}")
    } else if url.starts_with('#') {
        format!("{}{url}", base.split('#').next().unwrap_or(base))
    } else {
        // A bare path replaces the base's last segment (`/api/v1` + `x` → `/api/x`).
        let directory = match base_path.rfind('/') {
            Some(slash) => &base_path[..=slash],
            None => "/",
        };
        format!("{origin}{directory}{url}")
    };
    Ok(resolved)
}

/// Query parameters whose value is a secret (OVHcloud's document URLs carry
/// `password=`, `orderPassword=` or a signature such as `esign=`).
const SECRET_PARAMETERS: [&str; 9] = [
    "password",
    "orderpassword",
    "esign",
    "signature",
    "sig",
    "token",
    "access_token",
    "secret",
    "key",
];

/// `text` with the value of every secret-bearing `name=value` replaced by
/// `***`. For anything that may quote a URL on its way to the console, an
/// error message or an export.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(equals) = rest.find('=') {
        let (before, after) = rest.split_at(equals);
        let name_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .map_or(0, |i| i + 1);
        let name = &before[name_start..];
        out.push_str(before);
        out.push('=');
        let after = &after[1..];
        if SECRET_PARAMETERS
            .iter()
            .any(|secret| name.eq_ignore_ascii_case(secret))
        {
            let value_end = after
                .find(|c: char| {
                    matches!(c, '&' | '#' | '"' | '\'' | '`' | '<' | '>' | ')') || c.is_whitespace()
                })
                .unwrap_or(after.len());
            if value_end > 0 {
                out.push_str("***");
            }
            rest = &after[value_end..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://billing.example.com/api/v1";
    const DEV_BASE: &str = "http://127.0.0.1:8787/api/v1";

    fn refused(url: &str) -> RefusedUrl {
        match vet(url, BASE) {
            Err(reason) => reason,
            Ok(accepted) => panic!("{url:?} was accepted as {accepted:?}"),
        }
    }

    #[test]
    fn https_passes_as_is() {
        for url in [
            "https://billing.example.com/invoices/7.pdf",
            "https://docs.provider.example:8443/x?password=s3cret&y=1#top",
            "HTTPS://Example.COM",
            "https://[2001:db8::1]/x",
        ] {
            assert_eq!(vet(url, BASE).as_deref(), Ok(url), "{url}");
        }
    }

    #[test]
    fn script_and_data_schemes_are_refused_in_any_case() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "javascript://%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:msgbox(1)",
            "VBScript:msgbox(1)",
            "blob:https://billing.example.com/1234",
            "file:///etc/passwd",
            "ftp://files.example.com/x.pdf",
            "mailto:someone@example.com",
        ] {
            assert_eq!(refused(url), RefusedUrl::Scheme, "{url}");
        }
    }

    #[test]
    fn leading_spaces_and_control_characters_do_not_hide_a_scheme() {
        for url in [
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{0}\u{1f} JavaScript:alert(1)",
            "\n\tdata:text/html,x",
        ] {
            assert_eq!(refused(url), RefusedUrl::Scheme, "{url:?}");
        }
        for url in [
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript\r:alert(1)",
            "https://billing.example.com/a b",
            "https://billing.example.com/\u{7f}",
        ] {
            assert_eq!(refused(url), RefusedUrl::Unclean, "{url:?}");
        }
    }

    #[test]
    fn surrounding_spaces_are_trimmed_like_the_browser_does() {
        assert_eq!(
            vet("  https://billing.example.com/x \n", BASE).as_deref(),
            Ok("https://billing.example.com/x")
        );
    }

    #[test]
    fn protocol_relative_and_backslash_tricks_are_refused() {
        assert_eq!(refused("//evil.example"), RefusedUrl::ProtocolRelative);
        assert_eq!(
            refused("//evil.example/x.pdf"),
            RefusedUrl::ProtocolRelative
        );
        assert_eq!(refused("/\\evil.example"), RefusedUrl::Unclean);
        assert_eq!(refused("\\\\evil.example"), RefusedUrl::Unclean);
        assert_eq!(refused("https:\\\\evil.example"), RefusedUrl::Unclean);
    }

    #[test]
    fn http_only_reaches_this_machine() {
        for url in [
            "http://127.0.0.1:8787/api/v1/_dev/3ds/pa-1",
            "http://localhost/x",
            "http://LOCALHOST:8080",
            "http://[::1]:8787/x",
            "http://127.10.0.1/x",
        ] {
            assert_eq!(vet(url, BASE).as_deref(), Ok(url), "{url}");
        }
        for url in [
            "http://evil.example/x",
            "http://127.0.0.1.evil.example/x",
            "http://localhost.evil.example/",
            "http://128.0.0.1/",
            "http://127.1/",
        ] {
            assert_eq!(refused(url), RefusedUrl::InsecureHttp, "{url}");
        }
    }

    #[test]
    fn credentials_and_missing_hosts_are_refused() {
        assert_eq!(
            refused("https://billing.example.com@evil.example/"),
            RefusedUrl::Credentials
        );
        assert_eq!(
            refused("http://user:pw@127.0.0.1/"),
            RefusedUrl::Credentials
        );
        assert_eq!(refused("https://"), RefusedUrl::NoHost);
        assert_eq!(refused("https:///evil.example"), RefusedUrl::NoHost);
        assert_eq!(refused("https:evil.example"), RefusedUrl::NoHost);
        assert_eq!(refused("https://host:port/"), RefusedUrl::NoHost);
        assert_eq!(refused(""), RefusedUrl::Empty);
        assert_eq!(refused(" \t "), RefusedUrl::Empty);
    }

    #[test]
    fn relative_paths_resolve_against_the_api_base() {
        assert_eq!(
            vet("/api/v1/invoices/7/invoice.pdf", BASE).as_deref(),
            Ok("https://billing.example.com/api/v1/invoices/7/invoice.pdf")
        );
        assert_eq!(
            vet("/api/v1/orders/3/order.html", DEV_BASE).as_deref(),
            Ok("http://127.0.0.1:8787/api/v1/orders/3/order.html")
        );
        // As the browser does: a bare path replaces the base's last segment.
        assert_eq!(
            vet("invoice.pdf", BASE).as_deref(),
            Ok("https://billing.example.com/api/invoice.pdf")
        );
        assert_eq!(
            vet("invoice.pdf", "https://billing.example.com/api/v1/").as_deref(),
            Ok("https://billing.example.com/api/v1/invoice.pdf")
        );
        assert_eq!(
            vet("../x", "https://b.example").as_deref(),
            Ok("https://b.example/../x")
        );
        assert_eq!(
            vet("?page=2", BASE).as_deref(),
            Ok("https://billing.example.com/api/v1?page=2")
        );
        // A path that looks like a scheme later on is still a path.
        assert_eq!(
            vet("docs/a:b.pdf", BASE).as_deref(),
            Ok("https://billing.example.com/api/docs/a:b.pdf")
        );
    }

    #[test]
    fn relative_paths_need_a_safe_base() {
        assert_eq!(vet("/x.pdf", ""), Err(RefusedUrl::NoBase));
        assert_eq!(vet("/x.pdf", "/api/v1"), Err(RefusedUrl::NoBase));
        assert_eq!(
            vet("/x.pdf", "javascript:alert(1)//"),
            Err(RefusedUrl::NoBase)
        );
        assert_eq!(
            vet("/x.pdf", "http://evil.example/api"),
            Err(RefusedUrl::NoBase)
        );
        // Absolute URLs need no base.
        assert!(vet("https://a.example/x", "").is_ok());
    }

    #[test]
    fn config_links_stay_relative_to_the_page() {
        assert_eq!(site_link("logo.svg").as_deref(), Some("logo.svg"));
        assert_eq!(site_link(" /help ").as_deref(), Some("/help"));
        assert_eq!(
            site_link("https://help.example.com/billing").as_deref(),
            Some("https://help.example.com/billing")
        );
        for bad in [
            "javascript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "//evil.example/logo.svg",
            "http://cdn.example.com/logo.png",
        ] {
            assert_eq!(site_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_refusal_never_carries_the_url() {
        let reason = refused("javascript:fetch('//evil?password=hunter2')");
        assert!(!format!("{reason:?}").contains("hunter2"));
    }

    #[test]
    fn secrets_in_queries_are_redacted() {
        assert_eq!(
            redact("https://eu.api.ovh.com/1.0/me/bill/FR1.pdf?reference=FR1&password=abc123"),
            "https://eu.api.ovh.com/1.0/me/bill/FR1.pdf?reference=FR1&password=***"
        );
        assert_eq!(
            redact("see /order/1?orderPassword=xyz&b=2 and \"?esign=QQ#frag\""),
            "see /order/1?orderPassword=***&b=2 and \"?esign=***#frag\""
        );
        assert_eq!(redact("PASSWORD=x y"), "PASSWORD=*** y");
        assert_eq!(redact("a=1&b=2"), "a=1&b=2");
        assert_eq!(redact("monkey=1"), "monkey=1");
        assert_eq!(redact("password="), "password=");
    }
}

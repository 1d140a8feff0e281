//! One fresh headless Chromium session per journey, with the helpers journeys are written in:
//! navigation under the base path, waiting for selectors and text, sign-in, language switch,
//! dev-API faults, axe-core audits, and the after-journey checks (CSP, uncaught errors).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::infra::Infra;
use crate::infra::dev_api::FaultKind;

/// The phone every phone journey uses: 360 × 780 CSS pixels.
pub const PHONE: (u32, u32) = (360, 780);
/// WebDriver's key codes, for [`Browser::press`].
pub const KEY_TAB: &str = "\u{E004}";
pub const KEY_ENTER: &str = "\u{E007}";
pub const KEY_ESCAPE: &str = "\u{E00C}";

/// How long helpers wait for something to show up unless told otherwise.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);
/// Signing in includes loading the wasm twice and a cross-origin round trip.
const SIGN_IN_WAIT: Duration = Duration::from_secs(20);
const POLL_EVERY: Duration = Duration::from_millis(100);

/// Flags that make Chromium work in this sandbox: as root (no sandbox), without GPU, and
/// without the background connections that the closed network refuses.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--lang=fr-FR",
    "--window-size=1280,900",
];

/// Installed after every navigation: collects CSP violations the page sees from then on.
/// (Violations during the initial load reach the static server through `report-uri`.)
const PAGE_PROBES: &str = r#"
if (!window.__e2eProbesInstalled) {
  window.__e2eProbesInstalled = true;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
      `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || '?'}:${e.lineNumber})`);
  });
}
"#;

pub struct Browser {
    pub client: Client,
    pub infra: Arc<Infra>,
    // Deleted when the browser is dropped; a fresh profile means no cookies or storage leak
    // from one journey to the next.
    _profile: tempfile::TempDir,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageLoad {
    /// `goto` returns after the load event (journeys).
    Normal,
    /// `goto` returns at DOMContentLoaded, so timing probes can start before the app renders (bench).
    Eager,
}

impl Browser {
    pub async fn open(infra: Arc<Infra>, page_load: PageLoad) -> Result<Self> {
        let profile = tempfile::Builder::new()
            .prefix("billing-e2e-chromium-")
            .tempdir()?;
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|flag| flag.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": if page_load == PageLoad::Eager { "eager" } else { "normal" },
            "timeouts": { "script": 60_000, "pageLoad": 60_000, "implicit": 0 },
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": infra.settings.chromium.display().to_string(),
                "args": args,
                "prefs": { "intl.accept_languages": "fr-FR,fr" },
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("json! of an object literal is an object")
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&infra.chromedriver.url)
            .await
            .context("starting a Chromium session through chromedriver")?;
        Ok(Browser {
            client,
            infra,
            _profile: profile,
        })
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    // ----- navigation -------------------------------------------------------------------

    /// The absolute URL of an app route, built from `E2E_BASE_PATH` (`""` is the dashboard).
    pub fn app_url(&self, route: &str) -> String {
        self.infra.static_server.url(route)
    }

    /// The path of an app route under the base path, e.g. `/billing/invoices`.
    pub fn app_path(&self, route: &str) -> String {
        format!(
            "{}{}",
            self.infra.static_server.base_path,
            route.trim_start_matches('/')
        )
    }

    pub async fn goto(&self, route: &str) -> Result<()> {
        let url = self.app_url(route);
        self.client
            .goto(&url)
            .await
            .with_context(|| format!("navigating to {url}"))?;
        self.install_page_probes().await
    }

    pub async fn reload(&self) -> Result<()> {
        self.client.refresh().await.context("reloading")?;
        self.install_page_probes().await
    }

    /// Call after anything that loads a new document (navigation, redirects, reload).
    pub async fn install_page_probes(&self) -> Result<()> {
        self.client.execute(PAGE_PROBES, vec![]).await?;
        Ok(())
    }

    pub async fn current_path(&self) -> Result<String> {
        Ok(self.client.current_url().await?.path().to_owned())
    }

    pub async fn current_url(&self) -> Result<String> {
        Ok(self.client.current_url().await?.to_string())
    }

    // ----- reading the page ---------------------------------------------------------------

    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// `textContent`, trimmed, of the first match, or None. textContent rather than
    /// WebDriver's element text: the latter turns U+00A0 into a plain space, and the money
    /// formats under test depend on exactly those characters.
    pub async fn text_of(&self, css: &str) -> Result<Option<String>> {
        let value = self
            .js(
                "const el = document.querySelector(arguments[0]); return el ? el.textContent.trim() : null;",
                vec![json!(css)],
            )
            .await?;
        Ok(value.as_str().map(str::to_owned))
    }

    pub async fn html_lang(&self) -> Result<String> {
        let value = self
            .js("return document.documentElement.lang;", vec![])
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    pub async fn is_visible(&self, css: &str) -> Result<bool> {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => Ok(element.is_displayed().await?),
            Err(error) if error.is_no_such_element() => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    // ----- waiting ------------------------------------------------------------------------

    /// Polls `probe` until it yields `Some`, or fails after `timeout` describing what was awaited.
    pub async fn poll<T, F, Fut>(&self, what: &str, timeout: Duration, mut probe: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Option<T>>>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            match probe().await {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => {}
                // The page navigated while the probe ran (the app sending the visitor to
                // sign in, the sign-in page sending them back): look again on the new page.
                Err(error) if is_navigation_race(&error) => {}
                Err(error) => return Err(error),
            }
            if Instant::now() >= deadline {
                let url = self.current_url().await.unwrap_or_default();
                bail!(
                    "timed out after {:.0?} waiting for {what} (at {url})",
                    timeout
                );
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
    }

    /// Waits until `css` matches a displayed element.
    pub async fn wait_visible(&self, css: &str) -> Result<()> {
        self.wait_visible_for(css, DEFAULT_WAIT).await
    }

    pub async fn wait_visible_for(&self, css: &str, timeout: Duration) -> Result<()> {
        self.poll(&format!("`{css}` to be visible"), timeout, || async {
            Ok(self.is_visible(css).await?.then_some(()))
        })
        .await
    }

    /// Waits until the text of `css` satisfies `accept`, and returns it. On timeout the
    /// error shows the last text seen, which is usually the whole diagnosis.
    pub async fn wait_text(
        &self,
        css: &str,
        expectation: &str,
        accept: impl Fn(&str) -> bool,
    ) -> Result<String> {
        // A RefCell because the probe closure hands out futures that record into it.
        let last_seen = std::cell::RefCell::new(None::<String>);
        let result = self
            .poll(&format!("`{css}` {expectation}"), DEFAULT_WAIT, || {
                let last_seen = &last_seen;
                let accept = &accept;
                async move {
                    let text = self.text_of(css).await?;
                    let accepted = text.as_deref().is_some_and(accept);
                    *last_seen.borrow_mut() = text.clone();
                    Ok(if accepted { text } else { None })
                }
            })
            .await;
        let last_seen = last_seen.into_inner();
        result.map_err(|error| anyhow!("{error}; last text seen: {last_seen:?}"))
    }

    pub async fn wait_text_contains(&self, css: &str, needle: &str) -> Result<String> {
        self.wait_text(css, &format!("to contain {needle:?}"), |text| {
            text.contains(needle)
        })
        .await
    }

    pub async fn wait_html_lang(&self, expected: &str) -> Result<()> {
        self.poll(
            &format!("<html lang={expected:?}>"),
            DEFAULT_WAIT,
            || async { Ok((self.html_lang().await? == expected).then_some(())) },
        )
        .await
        .map_err(|error| anyhow!("{error}; the page's <html lang> stayed different"))
    }

    pub async fn wait_path(&self, expected: &str, timeout: Duration) -> Result<()> {
        self.poll(
            &format!("the URL path to be {expected:?}"),
            timeout,
            || async { Ok((self.current_path().await? == expected).then_some(())) },
        )
        .await
    }

    // ----- acting -------------------------------------------------------------------------

    pub async fn click(&self, css: &str) -> Result<()> {
        self.wait_visible(css).await?;
        // WebDriver scrolls an element just into view, which can leave it under the
        // sticky header; a customer sees it in the middle of the screen.
        self.js(
            "const el = document.querySelector(arguments[0]);
             if (el) el.scrollIntoView({block: 'center', inline: 'nearest'});",
            vec![serde_json::json!(css)],
        )
        .await?;
        self.client
            .find(Locator::Css(css))
            .await?
            .click()
            .await
            .with_context(|| format!("clicking `{css}`"))?;
        Ok(())
    }

    /// Chooses a UI language in the header's `language-select` and waits for `<html lang>`.
    pub async fn select_language(&self, code: &str) -> Result<()> {
        self.select_in(&testid("language-select"), code).await?;
        self.wait_html_lang(code).await
    }

    /// Chooses the option with `value` in the `<select>` matching `css`.
    pub async fn select_in(&self, css: &str, value: &str) -> Result<()> {
        self.wait_visible(css).await?;
        self.client
            .find(Locator::Css(css))
            .await?
            .select_by_value(value)
            .await
            .with_context(|| format!("choosing {value:?} in {css}"))?;
        Ok(())
    }

    /// Opens the app at `route`, follows the redirect to the dev sign-in page, picks the demo
    /// customer and waits to be back in the app, signed in.
    pub async fn sign_in_at(&self, customer: &str, route: &str) -> Result<()> {
        let link = demo_customer_link(customer);
        self.client.goto(&self.app_url(route)).await?;
        self.wait_visible_for(&link, SIGN_IN_WAIT)
            .await
            .context("expected the app to send an anonymous visitor to the sign-in page")?;
        let clicked = self.client.find(Locator::Css(&link)).await?.click().await;
        if let Err(error) = clicked {
            // The sign-in page navigates on at once; that may cut the click's answer short.
            let error = anyhow::Error::from(error);
            if !is_navigation_race(&error) {
                return Err(error);
            }
        }
        self.wait_visible_for(&testid("customer-name"), SIGN_IN_WAIT)
            .await
            .context("expected to be back in the app, signed in")?;
        self.install_page_probes().await
    }

    pub async fn sign_in(&self, customer: &str) -> Result<()> {
        self.sign_in_at(customer, "").await
    }

    /// Whether the portal speaks to the OVHcloud-shaped API in this run (a journey of
    /// [`crate::journeys::through_ovhcloud`]): the few steps that drive the reference API
    /// itself (its faults, its request counters) are skipped then.
    pub fn through_ovhcloud(&self) -> bool {
        self.infra.static_server.through_ovhcloud()
    }

    pub async fn set_fault(&self, path_prefix: &str, kind: FaultKind, times: u32) -> Result<()> {
        self.infra.dev_api.set_fault(path_prefix, kind, times).await
    }

    // ----- audits -------------------------------------------------------------------------

    /// Runs axe-core on the current document and fails listing every violation.
    pub async fn assert_accessible(&self, page: &str) -> Result<()> {
        let axe_path = &self.infra.settings.axe_script;
        let axe_source = std::fs::read_to_string(axe_path)
            .with_context(|| format!("reading {} (run `cargo xtask setup`)", axe_path.display()))?;
        // WebDriver scripts are not subject to the page's CSP, so injecting is fine.
        self.client
            .execute(&axe_source, vec![])
            .await
            .context("injecting axe-core")?;
        let outcome = self
            .client
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                // Audit settled colours: a theme switch starts colour transitions,
                // and contrast sampled half-way through is neither theme's. (Only
                // transitions: looping animations such as skeletons never finish.)
                Promise.all(document.getAnimations()
                  .filter((a) => a instanceof CSSTransition)
                  .map((a) => a.finished.catch(() => {})))
                .then(() => axe.run(document, {
                  runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
                })).then(
                  (results) => done({ violations: results.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map((n) => n.target.join(' ')),
                  })) }),
                  (error) => done({ error: String(error) }));
                "#,
                vec![],
            )
            .await
            .context("running axe-core")?;
        if let Some(error) = outcome.get("error") {
            bail!("axe-core failed on {page}: {error}");
        }
        let violations = outcome["violations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if violations.is_empty() {
            return Ok(());
        }
        let described: Vec<String> = violations
            .iter()
            .map(|v| {
                format!(
                    "{} ({}): {} on {}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or(""),
                    v["targets"]
                )
            })
            .collect();
        bail!(
            "{} axe violation(s) on {page}:\n    {}",
            violations.len(),
            described.join("\n    ")
        )
    }

    /// What went wrong in the page beyond the journey's own assertions: CSP violations seen
    /// by the in-page listener, and uncaught errors / Rust panics in the console log.
    pub async fn page_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let seen = self
            .js("return window.__cspViolations || [];", vec![])
            .await
            .unwrap_or(Value::Null);
        for violation in seen.as_array().into_iter().flatten() {
            problems.push(format!(
                "CSP violation: {}",
                violation.as_str().unwrap_or("?")
            ));
        }
        let read_log = ChromeDriverCommand {
            endpoint: "se/log",
            body: json!({ "type": "browser" }),
        };
        if let Ok(Value::Array(entries)) = self.client.issue_cmd(read_log).await {
            for entry in entries {
                let message = entry["message"].as_str().unwrap_or_default();
                if ["panicked at", "Uncaught", "Refused to"]
                    .iter()
                    .any(|marker| message.contains(marker))
                {
                    problems.push(format!("console: {}", truncate(message, 400)));
                }
            }
        }
        Ok(problems)
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver and returns its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.client
            .issue_cmd(ChromeDriverCommand {
                endpoint: "goog/cdp/execute",
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await
            .with_context(|| format!("DevTools command {cmd}"))
    }

    // ----- screen size and touch ---------------------------------------------------------

    /// A phone from now on, until [`Browser::emulate_desktop`]: a 360 × 780 viewport at
    /// 2× with mobile layout rules, and a touch screen (`pointer: coarse`, touch events).
    /// Through DevTools, so it holds for this tab across navigations.
    pub async fn emulate_phone(&self) -> Result<()> {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": PHONE.0, "height": PHONE.1, "deviceScaleFactor": 2, "mobile": true }),
        )
        .await?;
        self.cdp(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": true, "maxTouchPoints": 5 }),
        )
        .await?;
        Ok(())
    }

    /// A desktop viewport of `width` × `height` CSS pixels, mouse only.
    pub async fn emulate_desktop(&self, width: u32, height: u32) -> Result<()> {
        self.cdp(
            "Emulation.setTouchEmulationEnabled",
            json!({ "enabled": false }),
        )
        .await?;
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await?;
        Ok(())
    }

    /// Taps the first displayed match of `css` with a finger (touch start and end at its
    /// centre), as a phone user does; the browser turns the tap into a click.
    pub async fn tap(&self, css: &str) -> Result<()> {
        self.wait_visible(css).await?;
        let centre = self
            .js(
                r#"const el = document.querySelector(arguments[0]);
                   el.scrollIntoView({ block: 'center', inline: 'nearest' });
                   const r = el.getBoundingClientRect();
                   return [r.left + r.width / 2, r.top + r.height / 2];"#,
                vec![json!(css)],
            )
            .await?;
        let (x, y) = (
            centre[0].as_f64().unwrap_or_default(),
            centre[1].as_f64().unwrap_or_default(),
        );
        self.cdp(
            "Input.dispatchTouchEvent",
            json!({ "type": "touchStart", "touchPoints": [{ "x": x, "y": y }] }),
        )
        .await?;
        self.cdp(
            "Input.dispatchTouchEvent",
            json!({ "type": "touchEnd", "touchPoints": [] }),
        )
        .await
        .with_context(|| format!("tapping `{css}`"))?;
        Ok(())
    }

    /// Types `keys` (WebDriver key codes allowed, e.g. [`KEY_TAB`]) into the focused element.
    pub async fn press(&self, keys: &str) -> Result<()> {
        self.client
            .active_element()
            .await?
            .send_keys(keys)
            .await
            .with_context(|| format!("pressing {keys:?}"))?;
        Ok(())
    }

    /// Whether `css` is the focused element.
    pub async fn is_focused(&self, css: &str) -> Result<bool> {
        let value = self
            .js(
                "return document.activeElement === document.querySelector(arguments[0]);",
                vec![json!(css)],
            )
            .await?;
        Ok(value.as_bool().unwrap_or(false))
    }

    /// A PNG of the whole page (beyond the viewport), at the current emulated size.
    pub async fn full_page_screenshot(&self, path: &std::path::Path) -> Result<()> {
        self.capture(
            path,
            json!({ "format": "png", "captureBeyondViewport": true }),
        )
        .await
    }

    /// A PNG of the first element matching `css`, whole, wherever it is on the page.
    pub async fn element_screenshot(&self, css: &str, path: &std::path::Path) -> Result<()> {
        let clip = self
            .js(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();
                 return { x: r.left + scrollX, y: r.top + scrollY,
                          width: r.width, height: r.height, scale: 1 };",
                vec![json!(css)],
            )
            .await
            .with_context(|| format!("measuring {css}"))?;
        self.capture(
            path,
            json!({ "format": "png", "captureBeyondViewport": true, "clip": clip }),
        )
        .await
    }

    async fn capture(&self, path: &std::path::Path, params: Value) -> Result<()> {
        use base64::Engine as _;
        let shot = self.cdp("Page.captureScreenshot", params).await?;
        let data = shot["data"]
            .as_str()
            .ok_or_else(|| anyhow!("DevTools returned no screenshot"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .context("decoding the screenshot")?;
        std::fs::write(path, png).with_context(|| format!("writing {}", path.display()))?;
        Ok(())
    }

    pub async fn screenshot(&self, path: &std::path::Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }
}

/// The sign-in page's link for a demo customer: the `data-demo-customer` hook, or else
/// (both are in the dev API's contract) the `/auth/demo?customer=…` link itself.
pub fn demo_customer_link(customer: &str) -> String {
    format!("a[data-demo-customer=\"{customer}\"], a[href*=\"/auth/demo?customer={customer}&\"]")
}

/// `[data-testid="…"]`.
/// WebDriver's ways of saying a command met a navigation half-way.
fn is_navigation_race(error: &anyhow::Error) -> bool {
    let text = format!("{error:#}");
    [
        "aborted by navigation",
        "execution context was destroyed",
        "no such execution context",
    ]
    .iter()
    .any(|sign| text.contains(sign))
}

pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max_chars).collect::<String>())
    }
}

/// A POST to one of chromedriver's own (non-W3C) session endpoints, with a JSON body:
/// `se/log` (the console messages since the last read) and `goog/cdp/execute` (the
/// DevTools protocol: throttling and heap figures for the bench).
#[derive(Debug)]
struct ChromeDriverCommand {
    endpoint: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for ChromeDriverCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.endpoint
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

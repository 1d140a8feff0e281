//! The runtime configuration: one static build, pointed at a backend by the
//! `config.json` that each deployment drops beside `index.html`.
//!
//! Parsing is hand-written over `serde_json::Value` rather than derived, so
//! that every problem names the exact key at fault (`brand.primaryColor`), which
//! the full-page error shows to whoever deployed the portal.

use crate::i18n::Locale;
use crate::locale::locale_from_code;
use serde_json::{Map, Value};

/// Which adapter translates between the portal and the billing API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdapterKind {
    /// Our documented reference contract (`contract/openapi.yaml`).
    Reference,
    /// OVHcloud's API v1 `/me` resources, behind a same-origin signing proxy
    /// (`"adapter": "ovhcloud"`).
    Ovhcloud,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthConfig {
    /// Header that carries the CSRF token on every mutation.
    pub csrf_header: String,
    /// Where a customer without a session is sent, with `?returnTo=`.
    pub sign_in_url: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LocaleConfig {
    pub default: Locale,
    pub offered: Vec<Locale>,
}

/// A `#rrggbb` colour, kept as its three channels so shades can be derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexColour {
    pub red: u8,
    pub green: u8,
    pub blue: u8,
}

impl HexColour {
    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.strip_prefix('#')?;
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(&digits[at..at + 2], 16).ok();
        Some(Self {
            red: channel(0)?,
            green: channel(2)?,
            blue: channel(4)?,
        })
    }

    pub fn to_css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Brand {
    pub product_name: Option<String>,
    pub logo_url: Option<String>,
    pub primary_colour: Option<HexColour>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuntimeConfig {
    /// Base URL of the billing API, absolute or relative to the page's origin.
    pub api_base_url: String,
    pub adapter: AdapterKind,
    pub auth: AuthConfig,
    pub locales: LocaleConfig,
    pub brand: Brand,
    pub support_url: Option<String>,
    /// Shows the design system gallery at `/_gallery` in a release build.
    pub gallery: bool,
    /// How long one API request may take before it counts as timed out.
    pub request_timeout_ms: u32,
    /// How often an order's tracking refreshes itself while shown (seconds;
    /// 60 unless set: end-to-end tests shorten it to see a step change).
    pub tracking_refresh_seconds: u32,
}

/// Why a configuration value was refused; each maps to a translated sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigReason {
    Missing,
    NotAString,
    NotAUrl,
    UnknownAdapter,
    UnknownLocale,
    DefaultNotOffered,
    NotAColour,
    EmptyList,
    NotABoolean,
    NotANumber,
    UnknownAuthMode,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    /// The file could not be fetched (network error or HTTP status).
    Unreachable(String),
    /// The file is not JSON, or not a JSON object.
    NotJson(String),
    /// One key is missing or has a value the portal cannot use.
    InvalidField {
        field: &'static str,
        reason: ConfigReason,
    },
}

impl ConfigError {
    /// The dotted key at fault, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ConfigError::InvalidField { field, .. } => Some(field),
            _ => None,
        }
    }
}

const DEFAULT_TIMEOUT_MS: u32 = 15_000;
const DEFAULT_TRACKING_REFRESH_SECONDS: u32 = 60;

fn invalid(field: &'static str, reason: ConfigReason) -> ConfigError {
    ConfigError::InvalidField { field, reason }
}

/// Reads a required string; an empty or blank string counts as missing.
fn required_string(
    object: &Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<String, ConfigError> {
    match object.get(key) {
        None | Some(Value::Null) => Err(invalid(field, ConfigReason::Missing)),
        Some(Value::String(text)) if text.trim().is_empty() => {
            Err(invalid(field, ConfigReason::Missing))
        }
        Some(Value::String(text)) => Ok(text.trim().to_owned()),
        Some(_) => Err(invalid(field, ConfigReason::NotAString)),
    }
}

fn optional_string(
    object: &Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<Option<String>, ConfigError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.trim().to_owned())),
        Some(_) => Err(invalid(field, ConfigReason::NotAString)),
    }
}

/// Accepts `https://…`, `http://…` (for local development) and site-relative
/// paths; refuses anything a browser would resolve somewhere surprising
/// (`javascript:`, protocol-relative `//host`, bare words).
fn is_acceptable_url(text: &str) -> bool {
    let absolute = ["https://", "http://"]
        .iter()
        .any(|scheme| text.starts_with(scheme) && text.len() > scheme.len());
    let site_relative = text.starts_with('/') && !text.starts_with("//");
    // And the portal's one URL rule (`crate::safe_url`): plain http only to
    // this machine, no credentials, no control characters.
    (absolute || site_relative)
        && !text.chars().any(char::is_whitespace)
        && crate::safe_url::site_link(text).is_some()
}

fn url(object: &Map<String, Value>, key: &str, field: &'static str) -> Result<String, ConfigError> {
    let text = required_string(object, key, field)?;
    if is_acceptable_url(&text) {
        Ok(text)
    } else {
        Err(invalid(field, ConfigReason::NotAUrl))
    }
}

/// A logo may also be a path relative to the page (`logo.svg`), as shipped in `public/`.
fn optional_asset_url(
    object: &Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<Option<String>, ConfigError> {
    let Some(text) = optional_string(object, key, field)? else {
        return Ok(None);
    };
    match crate::safe_url::site_link(&text) {
        Some(url) => Ok(Some(url)),
        None => Err(invalid(field, ConfigReason::NotAUrl)),
    }
}

fn object<'a>(
    parent: &'a Map<String, Value>,
    key: &str,
    field: &'static str,
) -> Result<&'a Map<String, Value>, ConfigError> {
    match parent.get(key) {
        Some(Value::Object(map)) => Ok(map),
        None | Some(Value::Null) => Err(invalid(field, ConfigReason::Missing)),
        Some(_) => Err(invalid(field, ConfigReason::Missing)),
    }
}

fn parse_auth(root: &Map<String, Value>) -> Result<AuthConfig, ConfigError> {
    let auth = object(root, "auth", "auth")?;
    let mode = required_string(auth, "mode", "auth.mode")?;
    if mode != "sessionCookie" {
        return Err(invalid("auth.mode", ConfigReason::UnknownAuthMode));
    }
    let csrf_header = optional_string(auth, "csrfHeader", "auth.csrfHeader")?
        .unwrap_or_else(|| "X-CSRF-Token".to_owned());
    Ok(AuthConfig {
        csrf_header,
        sign_in_url: url(auth, "signInUrl", "auth.signInUrl")?,
    })
}

fn parse_locales(root: &Map<String, Value>) -> Result<LocaleConfig, ConfigError> {
    let locales = object(root, "locales", "locales")?;
    let default_code = required_string(locales, "default", "locales.default")?;
    let default = locale_from_code(&default_code)
        .ok_or(invalid("locales.default", ConfigReason::UnknownLocale))?;
    let offered = match locales.get("offered") {
        None | Some(Value::Null) => vec![Locale::fr, Locale::it, Locale::en],
        Some(Value::Array(codes)) if codes.is_empty() => {
            return Err(invalid("locales.offered", ConfigReason::EmptyList));
        }
        Some(Value::Array(codes)) => {
            let mut offered = Vec::with_capacity(codes.len());
            for code in codes {
                let locale = code
                    .as_str()
                    .and_then(locale_from_code)
                    .ok_or(invalid("locales.offered", ConfigReason::UnknownLocale))?;
                if !offered.contains(&locale) {
                    offered.push(locale);
                }
            }
            offered
        }
        Some(_) => return Err(invalid("locales.offered", ConfigReason::UnknownLocale)),
    };
    if !offered.contains(&default) {
        return Err(invalid("locales.default", ConfigReason::DefaultNotOffered));
    }
    Ok(LocaleConfig { default, offered })
}

fn parse_brand(root: &Map<String, Value>) -> Result<Brand, ConfigError> {
    let empty = Map::new();
    let brand = match root.get("brand") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(map)) => map,
        Some(_) => return Err(invalid("brand", ConfigReason::Missing)),
    };
    let primary_colour = match optional_string(brand, "primaryColor", "brand.primaryColor")? {
        None => None,
        Some(text) => Some(
            HexColour::parse(&text)
                .ok_or(invalid("brand.primaryColor", ConfigReason::NotAColour))?,
        ),
    };
    Ok(Brand {
        product_name: optional_string(brand, "productName", "brand.productName")?,
        logo_url: optional_asset_url(brand, "logoUrl", "brand.logoUrl")?,
        primary_colour,
    })
}

impl RuntimeConfig {
    /// Parses the text of `config.json`.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| ConfigError::NotJson(error.to_string()))?;
        let Value::Object(root) = value else {
            return Err(ConfigError::NotJson("not a JSON object".to_owned()));
        };
        let adapter = match required_string(&root, "adapter", "adapter")?.as_str() {
            "reference" => AdapterKind::Reference,
            "ovhcloud" => AdapterKind::Ovhcloud,
            _ => return Err(invalid("adapter", ConfigReason::UnknownAdapter)),
        };
        let support_url = match optional_string(&root, "supportUrl", "supportUrl")? {
            Some(text) if !is_acceptable_url(&text) => {
                return Err(invalid("supportUrl", ConfigReason::NotAUrl));
            }
            other => other,
        };
        let gallery = match root.get("gallery") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => *flag,
            Some(_) => return Err(invalid("gallery", ConfigReason::NotABoolean)),
        };
        let request_timeout_ms = match root.get("requestTimeoutMs") {
            None | Some(Value::Null) => DEFAULT_TIMEOUT_MS,
            Some(value) => value
                .as_u64()
                .filter(|ms| (1..=600_000).contains(ms))
                .map(|ms| ms as u32)
                .ok_or(invalid("requestTimeoutMs", ConfigReason::NotANumber))?,
        };
        let tracking_refresh_seconds = match root.get("trackingRefreshSeconds") {
            None | Some(Value::Null) => DEFAULT_TRACKING_REFRESH_SECONDS,
            Some(value) => value
                .as_u64()
                .filter(|s| (1..=3_600).contains(s))
                .map(|s| s as u32)
                .ok_or(invalid("trackingRefreshSeconds", ConfigReason::NotANumber))?,
        };
        Ok(Self {
            api_base_url: url(&root, "apiBaseUrl", "apiBaseUrl")?
                .trim_end_matches('/')
                .to_owned(),
            adapter,
            auth: parse_auth(&root)?,
            locales: parse_locales(&root)?,
            brand: parse_brand(&root)?,
            support_url,
            gallery,
            request_timeout_ms,
            tracking_refresh_seconds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../public/config.json");

    fn with(edit: impl FnOnce(&mut Map<String, Value>)) -> Result<RuntimeConfig, ConfigError> {
        let mut value: Value = serde_json::from_str(SHIPPED).unwrap();
        edit(value.as_object_mut().unwrap());
        RuntimeConfig::parse(&value.to_string())
    }

    #[test]
    fn the_shipped_config_is_valid() {
        let config = RuntimeConfig::parse(SHIPPED).unwrap();
        assert_eq!(config.api_base_url, "/api/v1");
        assert_eq!(config.adapter, AdapterKind::Reference);
        assert_eq!(config.locales.default, Locale::fr);
        assert_eq!(
            config.locales.offered,
            vec![Locale::fr, Locale::it, Locale::en]
        );
        assert_eq!(config.auth.csrf_header, "X-CSRF-Token");
        assert!(!config.gallery);
        assert_eq!(config.request_timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn a_missing_api_base_url_is_named() {
        let error = with(|root| {
            root.remove("apiBaseUrl");
        })
        .unwrap_err();
        assert_eq!(error, invalid("apiBaseUrl", ConfigReason::Missing));
        assert_eq!(error.field(), Some("apiBaseUrl"));
    }

    #[test]
    fn dangerous_or_malformed_urls_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "//evil.example",
            "api",
            "https://",
            "/a b",
        ] {
            let error = with(|root| {
                root.insert("apiBaseUrl".into(), Value::String(bad.into()));
            })
            .unwrap_err();
            assert_eq!(error, invalid("apiBaseUrl", ConfigReason::NotAUrl), "{bad}");
        }
    }

    #[test]
    fn logo_and_support_links_follow_the_url_rule() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:image/svg+xml,<svg/onload=alert(1)>",
            "//evil.example/logo.svg",
            "http://cdn.example.com/logo.png",
        ] {
            let error = with(|root| {
                root["brand"]["logoUrl"] = bad.into();
            })
            .unwrap_err();
            assert_eq!(
                error,
                invalid("brand.logoUrl", ConfigReason::NotAUrl),
                "{bad}"
            );
            let error = with(|root| {
                root.insert("supportUrl".into(), bad.into());
            })
            .unwrap_err();
            assert_eq!(error, invalid("supportUrl", ConfigReason::NotAUrl), "{bad}");
        }
        let config = with(|root| {
            root["brand"]["logoUrl"] = "img/logo.svg".into();
            root.insert(
                "supportUrl".into(),
                "https://help.example.com/billing".into(),
            );
        })
        .unwrap();
        assert_eq!(config.brand.logo_url.as_deref(), Some("img/logo.svg"));
        assert_eq!(
            config.support_url.as_deref(),
            Some("https://help.example.com/billing")
        );
        let error = with(|root| {
            root.insert("apiBaseUrl".into(), "http://api.example.com/v1".into());
        })
        .unwrap_err();
        assert_eq!(error, invalid("apiBaseUrl", ConfigReason::NotAUrl));
    }

    #[test]
    fn a_trailing_slash_on_the_api_base_is_dropped() {
        let config = with(|root| {
            root.insert("apiBaseUrl".into(), "https://api.example.com/v1/".into());
        })
        .unwrap();
        assert_eq!(config.api_base_url, "https://api.example.com/v1");
    }

    #[test]
    fn the_ovhcloud_adapter_is_chosen_by_name_and_only_that_exact_name() {
        let config = with(|root| {
            root.insert("adapter".into(), "ovhcloud".into());
            root.insert("apiBaseUrl".into(), "/ovh/1.0".into());
        })
        .unwrap();
        assert_eq!(config.adapter, AdapterKind::Ovhcloud);
        assert_eq!(config.api_base_url, "/ovh/1.0");
        for near_miss in ["OVHcloud", "ovh", "ovhcloud-v1"] {
            let error = with(|root| {
                root.insert("adapter".into(), near_miss.into());
            })
            .unwrap_err();
            assert_eq!(error, invalid("adapter", ConfigReason::UnknownAdapter));
        }
    }

    #[test]
    fn unknown_adapter_and_locale_are_named() {
        let error = with(|root| {
            root.insert("adapter".into(), "stripe".into());
        })
        .unwrap_err();
        assert_eq!(error.field(), Some("adapter"));
        let error = with(|root| {
            root["locales"]["default"] = "de".into();
        })
        .unwrap_err();
        assert_eq!(
            error,
            invalid("locales.default", ConfigReason::UnknownLocale)
        );
    }

    #[test]
    fn the_default_locale_must_be_offered() {
        let error = with(|root| {
            root["locales"]["offered"] = serde_json::json!(["it", "en"]);
        })
        .unwrap_err();
        assert_eq!(
            error,
            invalid("locales.default", ConfigReason::DefaultNotOffered)
        );
    }

    #[test]
    fn brand_colour_is_validated_and_parsed() {
        let error = with(|root| {
            root["brand"]["primaryColor"] = "blue".into();
        })
        .unwrap_err();
        assert_eq!(error.field(), Some("brand.primaryColor"));
        let config = with(|root| {
            root["brand"]["primaryColor"] = "#A1b2C3".into();
        })
        .unwrap();
        assert_eq!(
            config.brand.primary_colour,
            Some(HexColour {
                red: 0xa1,
                green: 0xb2,
                blue: 0xc3
            })
        );
        assert_eq!(config.brand.primary_colour.unwrap().to_css(), "#a1b2c3");
    }

    #[test]
    fn not_json_and_not_an_object_are_distinguished_from_bad_fields() {
        assert!(matches!(
            RuntimeConfig::parse("{ nope"),
            Err(ConfigError::NotJson(_))
        ));
        assert!(matches!(
            RuntimeConfig::parse("[1, 2]"),
            Err(ConfigError::NotJson(_))
        ));
    }

    #[test]
    fn timeout_must_be_a_sensible_whole_number() {
        let error = with(|root| {
            root.insert("requestTimeoutMs".into(), serde_json::json!(-5));
        })
        .unwrap_err();
        assert_eq!(error.field(), Some("requestTimeoutMs"));
        let config = with(|root| {
            root.insert("requestTimeoutMs".into(), serde_json::json!(2500));
        })
        .unwrap();
        assert_eq!(config.request_timeout_ms, 2500);
        assert_eq!(config.tracking_refresh_seconds, 60);
    }

    #[test]
    fn tracking_refresh_is_a_whole_number_of_seconds() {
        let error = with(|root| {
            root.insert("trackingRefreshSeconds".into(), serde_json::json!(0));
        })
        .unwrap_err();
        assert_eq!(error.field(), Some("trackingRefreshSeconds"));
        let config = with(|root| {
            root.insert("trackingRefreshSeconds".into(), serde_json::json!(2));
        })
        .unwrap();
        assert_eq!(config.tracking_refresh_seconds, 2);
    }

    #[test]
    fn auth_mode_must_be_session_cookie() {
        let error = with(|root| {
            root["auth"]["mode"] = "oauth".into();
        })
        .unwrap_err();
        assert_eq!(error, invalid("auth.mode", ConfigReason::UnknownAuthMode));
    }
}

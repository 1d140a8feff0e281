//! Leaving the portal and coming back: to the payment provider's page (card,
//! PayPal) and back with its outcome, and back to where the customer came
//! from (`?returnTo=`, e.g. the pay dialog that sent them to add a method).

/// The query parameter the provider appends on the way back.
pub const OUTCOME_PARAM: &str = "paymentMethod";
/// Where to go once a method is added (a portal path).
pub const RETURN_TO_PARAM: &str = "returnTo";

/// What the provider says happened, from `?paymentMethod=`: the success,
/// error, cancel and pending callbacks of the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderOutcome {
    Added,
    Pending,
    Cancelled,
    Failed,
}

impl ProviderOutcome {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "added" | "success" => Some(Self::Added),
            "pending" => Some(Self::Pending),
            "cancelled" | "canceled" | "cancel" => Some(Self::Cancelled),
            "error" | "failure" | "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// `returnTo` accepted only as a path of this portal: same origin, under the
/// hosting base path. Anything else (another site, `//host`, `javascript:`,
/// backslashes browsers treat as slashes) is dropped, so the link can never
/// send a customer off the portal.
pub fn safe_return_path(raw: &str, base_path: &str) -> Option<String> {
    // Not trimmed: a path with control characters or spaces around it is refused whole.
    let is_path = raw.starts_with('/') && !raw.starts_with("//");
    let suspicious = raw
        .chars()
        .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if !is_path || suspicious {
        return None;
    }
    let under_base = base_path.is_empty()
        || raw == base_path
        || raw
            .strip_prefix(base_path)
            .is_some_and(|rest| rest.starts_with(['/', '?', '#']));
    // Coming back to the payment methods page itself would be a loop.
    let route = raw.strip_prefix(base_path).unwrap_or(raw);
    let is_self = route.split(['?', '#']).next() == Some(crate::routes::PAYMENT_METHODS);
    (under_base && !is_self).then(|| raw.to_owned())
}

/// The page URL without the provider's outcome, keeping `returnTo`: where the
/// provider must send the customer back.
pub fn provider_return_url(page_url: &str) -> String {
    let (without_fragment, _) = page_url.split_once('#').unwrap_or((page_url, ""));
    let (base, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| pair.split('=').next() != Some(OUTCOME_PARAM))
        .collect();
    if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Sends the browser to a page the API named (the provider's page). Every
/// navigation to an API-given URL goes through here, so that the checks on
/// where it leads are applied in one place.
pub fn go_to_provider(url: &str) -> Result<(), crate::safe_url::RefusedUrl> {
    // The API's URL is untrusted: `safe_url` decides whether to follow it.
    crate::safe_url::navigate_to_external(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_portal_paths_are_accepted_as_return() {
        assert_eq!(
            safe_return_path("/invoices/inv-1", ""),
            Some("/invoices/inv-1".into())
        );
        assert_eq!(
            safe_return_path("/orders?page=2", ""),
            Some("/orders?page=2".into())
        );
        assert_eq!(
            safe_return_path("/billing/invoices", "/billing"),
            Some("/billing/invoices".into())
        );
        for bad in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "invoices",
            "",
            "/invoices\n",
            "/other-app/x",
            "/billingx/x",
        ] {
            let base = if bad.starts_with("/other") || bad.starts_with("/billingx") {
                "/billing"
            } else {
                ""
            };
            assert_eq!(safe_return_path(bad, base), None, "{bad:?}");
        }
        assert_eq!(safe_return_path("/payment-methods?x=1", ""), None);
    }

    #[test]
    fn the_provider_returns_to_the_page_without_the_old_outcome() {
        assert_eq!(
            provider_return_url(
                "http://127.0.0.1:8080/payment-methods?paymentMethod=cancelled&returnTo=%2Finvoices"
            ),
            "http://127.0.0.1:8080/payment-methods?returnTo=%2Finvoices"
        );
        assert_eq!(
            provider_return_url("http://127.0.0.1:8080/payment-methods#add"),
            "http://127.0.0.1:8080/payment-methods"
        );
    }

    #[test]
    fn every_provider_callback_has_an_outcome() {
        assert_eq!(
            ProviderOutcome::parse("added"),
            Some(ProviderOutcome::Added)
        );
        assert_eq!(
            ProviderOutcome::parse("pending"),
            Some(ProviderOutcome::Pending)
        );
        assert_eq!(
            ProviderOutcome::parse("cancelled"),
            Some(ProviderOutcome::Cancelled)
        );
        assert_eq!(
            ProviderOutcome::parse("error"),
            Some(ProviderOutcome::Failed)
        );
        assert_eq!(ProviderOutcome::parse("<script>"), None);
    }
}

//! What can go wrong talking to the billing API, in terms a page can explain.

use billing_contract::Problem;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, CORS refusal…
    Network(String),
    /// No answer within the configured time.
    Timeout,
    /// The page that asked went away or asked again; nobody is waiting.
    Aborted,
    /// The session is gone; the customer is being sent to sign in.
    Unauthorized,
    /// An HTTP error status, with the API's problem+json when it sent one.
    Http {
        status: u16,
        problem: Option<Problem>,
    },
    /// The answer arrived but a field could not be read. `field` is the JSON
    /// path (`items[3].totalInclTax.amount`), `message` serde's reason.
    Decode { field: String, message: String },
}

impl ApiError {
    /// A request that got no answer. The browser's reason is kept for
    /// debugging with any secret-bearing query value masked
    /// ([`crate::safe_url::redact`]): error texts must never carry one.
    pub fn network(reason: impl std::fmt::Display) -> Self {
        ApiError::Network(crate::safe_url::redact(&reason.to_string()))
    }

    /// Worth trying again by itself (GETs only): the failure may be gone in a second.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout => true,
            ApiError::Http { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }

    /// An HTTP error status with the API's problem+json, whose texts are
    /// shown to the customer: any secret they quote (a document URL's
    /// `password=`) is masked first.
    pub fn http(status: u16, problem: Option<Problem>) -> Self {
        let problem = problem.map(|mut problem| {
            problem.title = crate::safe_url::redact(&problem.title);
            problem.detail = problem
                .detail
                .map(|detail| crate::safe_url::redact(&detail));
            if let Some(errors) = problem.errors.as_mut() {
                for error in errors {
                    error.message = crate::safe_url::redact(&error.message);
                }
            }
            problem
        });
        ApiError::Http { status, problem }
    }

    /// The API's own explanation, when it gave one.
    pub fn problem_detail(&self) -> Option<&str> {
        match self {
            ApiError::Http {
                problem: Some(problem),
                ..
            } => problem.detail.as_deref().or(Some(problem.title.as_str())),
            _ => None,
        }
    }
}

/// The code that decodes this answer is in a page's chunk (release build, see
/// `adapters::reference::decoded_in_pages`) and could not be fetched: a network
/// failure like any other, and a retry fetches it again.
impl From<leptos::wasm_split::SplitLoaderError> for ApiError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ApiError::Network("the code that reads this answer could not be loaded".to_owned())
    }
}

/// Decodes a JSON body, naming the path of the field that did not parse.
///
/// serde_json only says where (line, column); a small scan of the text up to
/// that point recovers the path (`items[3].totalInclTax.amount`). A
/// path-tracking deserializer would say the same but costs ~80 KB of wasm,
/// since it doubles every model's decoding code.
pub fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|error| describe_decode_error(text, &error))
}

fn describe_decode_error(text: &str, error: &serde_json::Error) -> ApiError {
    let offset = byte_offset(text, error.line(), error.column());
    // serde quotes the offending value, which may be a document URL.
    let message = crate::safe_url::redact(&error.to_string());
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    // A missing field is reported at its object's closing brace, where the
    // last key seen is a sibling that did parse: name the object instead.
    let mut field = json_path_at(text, offset, missing.is_some());
    if let Some(missing) = missing {
        field = if field.is_empty() {
            missing.to_owned()
        } else {
            format!("{field}.{missing}")
        };
    }
    if field.is_empty() {
        field = "(body)".to_owned();
    }
    ApiError::Decode { field, message }
}

/// serde_json counts lines from 1 and columns in bytes from 1.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

enum Frame<'a> {
    Object { key: &'a str, expecting_key: bool },
    Array { index: usize },
}

/// The JSON path of the value being read at `offset`.
fn json_path_at(text: &str, offset: usize, at_object_end: bool) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    while at < end {
        match bytes[at] {
            b'{' => stack.push(Frame::Object {
                key: "",
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let start = at + 1;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expecting_key }) = stack.last_mut()
                    && *expecting_key
                {
                    *key = text.get(start..at.min(text.len())).unwrap_or("");
                    *expecting_key = false;
                }
            }
            _ => {}
        }
        at += 1;
    }
    if at_object_end && let Some(Frame::Object { key, .. }) = stack.last_mut() {
        *key = "";
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key, .. } if !key.is_empty() => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use billing_contract::{Balance, Page, PaymentMethodList, Session};
    use billing_contract::{
        CreditNote, FollowUp, Invoice, InvoiceSummary, Order, OrderSummary, Payment,
    };
    use rust_decimal::Decimal;
    use std::str::FromStr;

    const MONEY: &str = r#"{"amount":"1234.56","currency":"EUR"}"#;

    fn balance(due: &str) -> String {
        format!(r#"{{"due":{due},"pending":{MONEY},"overdue":{MONEY}}}"#)
    }

    #[test]
    fn a_good_balance_decodes_exactly() {
        let balance: Balance = decode(&balance(MONEY)).unwrap();
        assert_eq!(balance.due.amount, Decimal::from_str("1234.56").unwrap());
        assert_eq!(balance.due.currency.as_str(), "EUR");
    }

    #[test]
    fn a_malformed_amount_names_its_field() {
        let error =
            decode::<Balance>(&balance(r#"{"amount":"12,34 EUR","currency":"EUR"}"#)).unwrap_err();
        match error {
            ApiError::Decode { field, .. } => assert_eq!(field, "due.amount"),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn a_float_amount_is_refused_rather_than_rounded() {
        let error = decode::<Balance>(&balance(r#"{"amount":0.1,"currency":"EUR"}"#)).unwrap_err();
        assert!(matches!(error, ApiError::Decode { ref field, .. } if field == "due.amount"));
    }

    #[test]
    fn a_bad_currency_names_its_field() {
        let error =
            decode::<Balance>(&balance(r#"{"amount":"1.00","currency":"euro"}"#)).unwrap_err();
        assert!(matches!(error, ApiError::Decode { ref field, .. } if field == "due.currency"));
    }

    #[test]
    fn truncated_json_is_a_decode_error_not_a_panic() {
        let error = decode::<Balance>(r#"{"due":{"amount":"1"#).unwrap_err();
        assert!(matches!(error, ApiError::Decode { .. }));
    }

    const ORDER_SUMMARY: &str = r#"{"id":"212345678","date":"2026-11-20T09:30:00+01:00","status":"delivered","totalExclTax":{"amount":"10.00","currency":"EUR"},"totalInclTax":{"amount":"12.00","currency":"EUR"},"expirationDate":"2026-12-20T09:30:00+01:00","kind":"purchase"}"#;

    fn page(item: &str) -> String {
        format!(r#"{{"items":[{item}],"page":1,"pageSize":25,"total":1}}"#)
    }

    #[test]
    fn an_order_page_decodes_and_unknown_statuses_survive() {
        let known: Page<OrderSummary> = decode(&page(ORDER_SUMMARY)).unwrap();
        assert_eq!(known.items[0].id, "212345678");
        let future = ORDER_SUMMARY.replace("delivered", "teleported");
        let unknown: Page<OrderSummary> = decode(&page(&future)).unwrap();
        assert_eq!(
            unknown.items[0].status,
            billing_contract::OrderStatus::Unknown
        );
    }

    #[test]
    fn a_bad_date_in_a_list_names_the_item() {
        let broken = ORDER_SUMMARY.replace("2026-11-20T09:30:00+01:00", "20/11/2026");
        let error = decode::<Page<OrderSummary>>(&page(&broken)).unwrap_err();
        assert!(matches!(error, ApiError::Decode { ref field, .. } if field == "items[0].date"));
    }

    #[test]
    fn every_model_rejects_an_empty_object_with_a_named_field() {
        fn missing<T: serde::de::DeserializeOwned>() -> String {
            match decode::<T>("{}") {
                Err(ApiError::Decode { message, .. }) => message,
                other => panic!("expected a decode error, got {:?}", other.is_ok()),
            }
        }
        for message in [
            missing::<Session>(),
            missing::<Balance>(),
            missing::<Order>(),
            missing::<FollowUp>(),
            missing::<Invoice>(),
            missing::<InvoiceSummary>(),
            missing::<Payment>(),
            missing::<CreditNote>(),
            missing::<PaymentMethodList>(),
        ] {
            assert!(message.contains("missing field"), "{message}");
        }
    }

    #[test]
    fn a_missing_field_is_named_with_its_parent() {
        let text = format!(
            r#"{{"items":[{ORDER_SUMMARY},{{"id":"2"}}],"page":1,"pageSize":25,"total":2}}"#
        );
        match decode::<Page<OrderSummary>>(&text).unwrap_err() {
            ApiError::Decode { field, .. } => assert_eq!(field, "items[1].date"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn escaped_quotes_and_multiline_bodies_do_not_confuse_the_path() {
        let text = "{\n  \"due\": {\"amount\": \"1.00\", \"currency\": \"EUR\"},\n  \"pending\": {\"amount\": \"a\\\"b\", \"currency\": \"EUR\"},\n  \"overdue\": {}\n}";
        match decode::<Balance>(text).unwrap_err() {
            ApiError::Decode { field, .. } => assert_eq!(field, "pending.amount"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_error_text_carries_a_document_password() {
        let secret = "https://eu.api.ovh.com/me/bill/FR1.pdf?reference=FR1&password=hunter2";
        let error = decode::<Balance>(&format!(r#"{{"due":"{secret}"}}"#)).unwrap_err();
        assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
        let error = ApiError::network(format!("TypeError: failed to fetch {secret}"));
        assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
        let problem = billing_contract::Problem {
            kind: "about:blank".into(),
            title: "Invalid".into(),
            status: 422,
            detail: Some(format!("bad document {secret}")),
            errors: None,
        };
        let error = ApiError::http(422, Some(problem));
        assert!(!error.problem_detail().unwrap().contains("hunter2"));
    }

    #[test]
    fn transient_failures_are_told_apart() {
        assert!(ApiError::Timeout.is_transient());
        assert!(
            ApiError::Http {
                status: 503,
                problem: None
            }
            .is_transient()
        );
        assert!(
            !ApiError::Http {
                status: 500,
                problem: None
            }
            .is_transient()
        );
        assert!(!ApiError::Unauthorized.is_transient());
        assert!(!ApiError::Aborted.is_transient());
    }
}

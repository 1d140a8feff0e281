//! Query parameters of the list endpoints, rendered to a query string by the portal.
//!
//! The encoder is written here (rather than pulling a URL crate into the wasm bundle): it
//! percent-encodes everything except RFC 3986 unreserved characters.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{InvoiceStatus, OrderStatus, PaymentMethodType};

/// A sort order: `field` ascending, or `-field` descending on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sort {
    pub field: String,
    pub descending: bool,
}

impl Sort {
    pub fn asc(field: &str) -> Self {
        Sort {
            field: field.to_owned(),
            descending: false,
        }
    }

    pub fn desc(field: &str) -> Self {
        Sort {
            field: field.to_owned(),
            descending: true,
        }
    }

    /// Parses `field` or `-field`; the field must be a non-empty ASCII identifier.
    pub fn parse(s: &str) -> Option<Self> {
        let (descending, field) = match s.strip_prefix('-') {
            Some(f) => (true, f),
            None => (false, s),
        };
        (!field.is_empty() && field.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| Sort {
            field: field.to_owned(),
            descending,
        })
    }
}

impl std::fmt::Display for Sort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.descending {
            f.write_str("-")?;
        }
        f.write_str(&self.field)
    }
}

impl TryFrom<String> for Sort {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Sort::parse(&value)
            .ok_or_else(|| format!("invalid sort {value:?}: expected field or -field"))
    }
}

impl From<Sort> for String {
    fn from(value: Sort) -> Self {
        value.to_string()
    }
}

/// Percent-encodes one query component (RFC 3986: only unreserved characters stay as is).
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Accumulates `key=value` pairs, skipping absent values.
#[derive(Default)]
struct QueryBuilder(Vec<String>);

impl QueryBuilder {
    fn push(&mut self, key: &str, value: Option<String>) -> &mut Self {
        if let Some(v) = value {
            self.0
                .push(format!("{}={}", percent_encode(key), percent_encode(&v)));
        }
        self
    }

    fn finish(&self) -> String {
        self.0.join("&")
    }
}

fn csv<T>(items: &[T], name: impl Fn(&T) -> &'static str) -> Option<String> {
    (!items.is_empty()).then(|| items.iter().map(name).collect::<Vec<_>>().join(","))
}

/// `YYYY-MM-DD`, written by hand: chrono's `format()` machinery costs ~8 KB of wasm.
fn date(d: &Option<NaiveDate>) -> Option<String> {
    use chrono::Datelike;
    d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

/// `GET /orders` parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderQuery {
    /// Part of the order number.
    #[serde(default)]
    pub id: Option<String>,
    /// Empty = every status.
    pub status: Vec<OrderStatus>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: Option<Sort>,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
}

impl OrderQuery {
    /// The query string without the leading `?` (empty when nothing is set).
    pub fn to_query_string(&self) -> String {
        QueryBuilder::default()
            .push("id", self.id.clone())
            .push("status", csv(&self.status, OrderStatus::as_str))
            .push("from", date(&self.from))
            .push("to", date(&self.to))
            .push("sort", self.sort.as_ref().map(Sort::to_string))
            .push("page", self.page.map(|p| p.to_string()))
            .push("pageSize", self.page_size.map(|p| p.to_string()))
            .finish()
    }
}

/// `GET /invoices` parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceQuery {
    pub reference: Option<String>,
    pub order_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Empty = every status.
    pub status: Vec<InvoiceStatus>,
    pub min_amount: Option<Decimal>,
    pub max_amount: Option<Decimal>,
    pub sort: Option<Sort>,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
}

impl InvoiceQuery {
    /// The query string without the leading `?` (empty when nothing is set).
    pub fn to_query_string(&self) -> String {
        QueryBuilder::default()
            .push("reference", self.reference.clone())
            .push("orderId", self.order_id.clone())
            .push("from", date(&self.from))
            .push("to", date(&self.to))
            .push("status", csv(&self.status, InvoiceStatus::as_str))
            .push("minAmount", self.min_amount.map(|a| a.to_string()))
            .push("maxAmount", self.max_amount.map(|a| a.to_string()))
            .push("sort", self.sort.as_ref().map(Sort::to_string))
            .push("page", self.page.map(|p| p.to_string()))
            .push("pageSize", self.page_size.map(|p| p.to_string()))
            .finish()
    }
}

/// `GET /payments` parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentQuery {
    /// Exactly this payment (a link from an invoice to its payment).
    pub id: Option<String>,
    /// The payments that settled this invoice.
    pub invoice_id: Option<String>,
    /// Case-insensitive substring of a settled invoice's reference.
    pub reference: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Empty = every payment method type.
    #[serde(rename = "type")]
    pub kind: Vec<PaymentMethodType>,
    pub min_amount: Option<Decimal>,
    pub max_amount: Option<Decimal>,
    pub sort: Option<Sort>,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
}

impl PaymentQuery {
    /// The query string without the leading `?` (empty when nothing is set).
    pub fn to_query_string(&self) -> String {
        QueryBuilder::default()
            .push("id", self.id.clone())
            .push("invoiceId", self.invoice_id.clone())
            .push("reference", self.reference.clone())
            .push("from", date(&self.from))
            .push("to", date(&self.to))
            .push("type", csv(&self.kind, PaymentMethodType::as_str))
            .push("minAmount", self.min_amount.map(|a| a.to_string()))
            .push("maxAmount", self.max_amount.map(|a| a.to_string()))
            .push("sort", self.sort.as_ref().map(Sort::to_string))
            .push("page", self.page.map(|p| p.to_string()))
            .push("pageSize", self.page_size.map(|p| p.to_string()))
            .finish()
    }
}

/// `GET /credit-notes` parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditNoteQuery {
    /// Exactly this credit note (a link from the payment it lowered).
    pub id: Option<String>,
    /// The credit notes issued against this invoice.
    pub invoice_id: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub page: Option<u32>,
    pub page_size: Option<u32>,
}

impl CreditNoteQuery {
    /// The query string without the leading `?` (empty when nothing is set).
    pub fn to_query_string(&self) -> String {
        QueryBuilder::default()
            .push("id", self.id.clone())
            .push("invoiceId", self.invoice_id.clone())
            .push("from", date(&self.from))
            .push("to", date(&self.to))
            .push("page", self.page.map(|p| p.to_string()))
            .push("pageSize", self.page_size.map(|p| p.to_string()))
            .finish()
    }
}

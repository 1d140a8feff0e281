//! Wire shapes of OVHcloud's API v1 `/me` billing resources
//! (`shared/reference/ovhcloud-api-shapes.md`), as the portal's OVHcloud
//! adapter reads them and the dev API serves them under `/ovh/1.0`.
//!
//! They are kept apart from the reference contract and close to the wire:
//! vocabularies (statuses, steps, payment types) stay plain strings here, so
//! that a value OVHcloud adds later decodes; the adapter maps them to the
//! portal's models and anything it does not know to "unknown".

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::DateTimeOffset;

/// Micro-cents per currency unit: `priceInUcents` 1699000000 is 16.99.
pub const UCENTS_PER_UNIT: i64 = 100_000_000;

/// Significant digits a JSON double carries reliably: OVHcloud's `value`
/// is a double, so `0.30000000000000004` means 0.3.
pub const DOUBLE_DIGITS: u32 = 15;

/// An id OVHcloud sends as a JSON number (orders, debts, payment methods) or
/// a string (bills, deposits, refunds); the portal keeps every id as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Id(pub String);

impl Id {
    /// Whether the id travels as a JSON number.
    fn as_number(&self) -> Option<u64> {
        (!self.0.is_empty() && self.0.bytes().all(|b| b.is_ascii_digit()) && self.0.len() < 16)
            .then(|| self.0.parse().ok())
            .flatten()
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_number() {
            Some(n) => serializer.serialize_u64(n),
            None => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id (number or string)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// `order.Price.value`: a JSON double, read into an exact decimal.
///
/// The digits are the double's shortest round-trip text (what any JSON
/// writer prints, and `f64`'s `Display` gives back the same digits), parsed
/// as a decimal and kept to [`DOUBLE_DIGITS`] significant digits: no amount is
/// ever computed in floating point, and `0.1 + 0.2` written as
/// `0.30000000000000004` reads as 0.3. A bill line's sub-cent unit price
/// (`0.0041`) keeps its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoubleValue(pub Decimal);

impl DoubleValue {
    /// The decimal a JSON number's text stands for, `None` if it is not one.
    pub fn parse(text: &str) -> Option<Decimal> {
        let decimal = Decimal::from_str_exact(text)
            .or_else(|_| Decimal::from_scientific(text))
            .ok()?;
        let rounded = decimal.round_sf(DOUBLE_DIGITS).unwrap_or(decimal);
        Some(rounded.normalize())
    }
}

impl Serialize for DoubleValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The nearest double, as OVHcloud sends it.
        let double = f64::from_str(&self.0.to_string()).map_err(serde::ser::Error::custom)?;
        serializer.serialize_f64(double)
    }
}

impl<'de> Deserialize<'de> for DoubleValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DoubleVisitor;
        impl Visitor<'_> for DoubleVisitor {
            type Value = DoubleValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<DoubleValue, E> {
                if !v.is_finite() {
                    return Err(E::custom("not a finite number"));
                }
                DoubleValue::parse(&v.to_string())
                    .map(DoubleValue)
                    .ok_or_else(|| E::custom(format!("{v} is out of range for an amount")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DoubleValue, E> {
                Ok(DoubleValue(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DoubleValue, E> {
                Ok(DoubleValue(Decimal::from(v)))
            }
            // Some proxies quote numbers: accept the same digits as text.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DoubleValue, E> {
                DoubleValue::parse(v.trim())
                    .map(DoubleValue)
                    .ok_or_else(|| E::custom(format!("{v:?} is not a number")))
            }
        }
        deserializer.deserialize_any(DoubleVisitor)
    }
}

/// `order.Price`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    pub value: DoubleValue,
    /// ISO 4217, or the pseudo-codes `N/A` and `points`.
    pub currency_code: String,
    #[serde(default)]
    pub text: String,
    /// Newer schemas: the exact amount in micro-cents (1e8 per unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_in_ucents: Option<i64>,
}

impl Price {
    /// The exact amount: `priceInUcents` when present, else the double's digits.
    pub fn amount(&self) -> Decimal {
        match self.price_in_ucents {
            Some(ucents) => Decimal::from_i128_with_scale(i128::from(ucents), 8).normalize(),
            None => self.value.0,
        }
    }
}

/// `GET /me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub nichandle: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub firstname: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    /// `individual`, `corporation`, `association`, …
    #[serde(default)]
    pub legalform: String,
    #[serde(default)]
    pub country: String,
    /// `fr_FR`, `it_IT`, `en_GB`, …
    #[serde(default)]
    pub language: String,
    pub currency: MeCurrency,
    #[serde(default)]
    pub vat: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub zip: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeCurrency {
    pub code: String,
    #[serde(default)]
    pub symbol: String,
}

/// `GET /me/debtAccount`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DebtAccount {
    #[serde(default)]
    pub active: bool,
    pub due_amount: Price,
    pub pending_amount: Price,
    pub todo_amount: Price,
    pub unmatured_amount: Price,
}

/// `GET /me/order/{orderId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub order_id: Id,
    pub date: DateTimeOffset,
    #[serde(default)]
    pub expiration_date: Option<DateTimeOffset>,
    #[serde(default)]
    pub retraction_date: Option<DateTimeOffset>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub pdf_url: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    pub price_with_tax: Price,
    pub price_without_tax: Price,
    pub tax: Price,
}

/// `GET /me/order/{orderId}/details/{orderDetailId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail {
    pub order_detail_id: Id,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub domain: String,
    /// A string on the wire (`"1"`).
    pub quantity: String,
    #[serde(default)]
    pub cancelled: bool,
    /// `RENEW`, `CREATION`, `LICENSE`, … (open list).
    #[serde(default)]
    pub detail_type: Option<String>,
    pub unit_price: Price,
    pub total_price: Price,
}

/// One step of `GET /me/order/{orderId}/followUp`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpStep {
    pub step: String,
    pub status: String,
    #[serde(default)]
    pub history: Vec<FollowUpHistory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpHistory {
    pub date: DateTimeOffset,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub label: String,
}

/// `POST /me/order/{orderId}/retraction`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Retraction {
    /// competitor, difficulty, expensive, other, performance, reliability, unused.
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// `POST /me/order/{orderId}/pay`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayOrder {
    pub payment_method: PaymentMethodChoice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentMethodChoice {
    pub id: Id,
}

/// `GET /me/bill/{billId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bill {
    pub bill_id: Id,
    /// autorenew, earlyrenewal, purchase, purchase-cloud, … (open list).
    #[serde(default)]
    pub category: Option<String>,
    pub date: DateTimeOffset,
    #[serde(default)]
    pub order_id: Option<Id>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub pdf_url: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    pub price_with_tax: Price,
    pub price_without_tax: Price,
    pub tax: Price,
}

/// `GET /me/bill/{billId}/details/{billDetailId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillDetail {
    pub bill_detail_id: Id,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub period_start: Option<NaiveDate>,
    #[serde(default)]
    pub period_end: Option<NaiveDate>,
    pub quantity: String,
    pub unit_price: Price,
    pub total_price: Price,
}

/// `GET /me/bill/{billId}/debt` (404: the bill has no debt, it is settled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Debt {
    pub debt_id: Id,
    pub amount: Price,
    pub date: DateTimeOffset,
    pub due_amount: Price,
    #[serde(default)]
    pub due_date: Option<DateTimeOffset>,
    #[serde(default)]
    pub order_id: Option<Id>,
    pub pending_amount: Price,
    pub todo_amount: Price,
    pub unmatured_amount: Price,
    /// PAID, REFUNDED, TO_BE_PAID, UNMATURED, UNPAID, WRITE_OFF… (open list).
    pub status: String,
}

/// `GET /me/bill/{billId}/payment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillPayment {
    #[serde(default)]
    pub payment_date: Option<DateTimeOffset>,
    #[serde(default)]
    pub payment_identifier: Option<String>,
    #[serde(default)]
    pub payment_type: Option<String>,
}

/// `GET /me/deposit/{depositId}`: a payment received.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deposit {
    pub deposit_id: Id,
    pub amount: Price,
    pub date: DateTimeOffset,
    #[serde(default)]
    pub order_id: Option<Id>,
    #[serde(default)]
    pub payment_info: Option<PaymentInfo>,
    #[serde(default)]
    pub pdf_url: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentInfo {
    #[serde(default)]
    pub payment_type: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub public_label: Option<String>,
}

/// `GET /me/refund/{refundId}`: a credit note (its prices are negative).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    pub refund_id: Id,
    #[serde(default)]
    pub original_bill_id: Option<Id>,
    #[serde(default)]
    pub order_id: Option<Id>,
    pub date: DateTimeOffset,
    pub price_with_tax: Price,
    pub price_without_tax: Price,
    pub tax: Price,
    #[serde(default)]
    pub pdf_url: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// `GET /me/payment/method/{paymentMethodId}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethod {
    pub payment_method_id: Id,
    /// CREDIT_CARD, SEPA_DIRECT_DEBIT, BANK_ACCOUNT, PAYPAL, … (a free string).
    pub payment_type: String,
    #[serde(default)]
    pub payment_sub_type: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub default: bool,
    pub status: String,
    #[serde(default)]
    pub expiration_date: Option<DateTimeOffset>,
    pub creation_date: DateTimeOffset,
    #[serde(default)]
    pub last_update: Option<DateTimeOffset>,
}

/// `POST /me/payment/method`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePaymentMethod {
    pub payment_type: String,
    pub callback_url: CallbackUrl,
    #[serde(default)]
    pub default: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<Id>,
    #[serde(default)]
    pub register: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CallbackUrl {
    pub success: String,
    pub error: String,
    pub cancel: String,
    pub failure: String,
    pub pending: String,
}

/// The answer to `POST /me/payment/method`: where the customer goes next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethodValidation {
    pub payment_method_id: Id,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub validation_type: Option<String>,
}

/// `PUT /me/payment/method/{id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePaymentMethod {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The paginated-objects headers OVHcloud's own panel lists with.
pub mod pagination {
    pub const MODE: &str = "X-Pagination-Mode";
    pub const MODE_PAGES: &str = "CachedObjectList-Pages";
    pub const SIZE: &str = "X-Pagination-Size";
    pub const NUMBER: &str = "X-Pagination-Number";
    pub const SORT: &str = "X-Pagination-Sort";
    pub const SORT_ORDER: &str = "X-Pagination-Sort-Order";
    pub const FILTER: &str = "X-Pagination-Filter";
    /// In the answer: how many objects match, over all pages.
    pub const ELEMENTS: &str = "X-Pagination-Elements";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(json: &str) -> Price {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_double_with_many_decimals_reads_as_the_amount_it_stands_for() {
        let p = price(r#"{"value":0.30000000000000004,"currencyCode":"EUR","text":"0.30 €"}"#);
        assert_eq!(p.amount().to_string(), "0.3");
        let p = price(r#"{"value":1234.56,"currencyCode":"EUR","text":"1234.56 €"}"#);
        assert_eq!(p.amount().to_string(), "1234.56");
        let p = price(r#"{"value":0.0041,"currencyCode":"EUR","text":"0.00 €"}"#);
        assert_eq!(p.amount().to_string(), "0.0041");
        let p = price(r#"{"value":-12,"currencyCode":"EUR","text":"-12.00 €"}"#);
        assert_eq!(p.amount().to_string(), "-12");
        let p = price(r#"{"value":1e2,"currencyCode":"EUR","text":"100.00 €"}"#);
        assert_eq!(p.amount().to_string(), "100");
    }

    #[test]
    fn micro_cents_win_over_the_double_and_divide_by_one_hundred_million() {
        let p = price(
            r#"{"value":16.990000000000002,"currencyCode":"EUR","text":"16.99 €","priceInUcents":1699000000}"#,
        );
        assert_eq!(p.amount().to_string(), "16.99");
        let p =
            price(r#"{"value":16.99,"currencyCode":"EUR","text":"16.99 €","priceInUcents":null}"#);
        assert_eq!(p.amount().to_string(), "16.99");
    }

    #[test]
    fn a_price_written_by_the_dev_api_reads_back_exactly() {
        for text in ["0.1", "12.30", "99999.99", "-7.5", "0.0041", "1234567.89"] {
            let amount = Decimal::from_str_exact(text).unwrap();
            let json = serde_json::to_string(&Price {
                value: DoubleValue(amount),
                currency_code: "EUR".into(),
                text: String::new(),
                price_in_ucents: None,
            })
            .unwrap();
            assert_eq!(price(&json).amount(), amount, "{json}");
        }
    }

    #[test]
    fn ids_travel_as_numbers_or_strings() {
        assert_eq!(serde_json::to_string(&Id("123".into())).unwrap(), "123");
        assert_eq!(
            serde_json::to_string(&Id("FR0001".into())).unwrap(),
            "\"FR0001\""
        );
        let ids: Vec<Id> = serde_json::from_str(r#"[42, "FR0001"]"#).unwrap();
        assert_eq!(ids, vec![Id("42".into()), Id("FR0001".into())]);
    }
}

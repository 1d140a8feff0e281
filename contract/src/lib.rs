//! Wire types of the reference billing API (`/api/v1`).
//!
//! These types are the contract shared by the development server (`billing-dev-api`) and the
//! wasm portal. They must stay compilable for `wasm32-unknown-unknown`: no I/O, no clock, nothing
//! async. The normative description for backend teams is `openapi.yaml` next to this crate
//! (exposed as [`OPENAPI_YAML`]); the two are kept in step by the dev server's schema tests.
//!
//! Conventions:
//! - field names are camelCase;
//! - money amounts are decimal *strings* (`"1234.56"`): a JSON number is rejected on purpose, so
//!   no float ever touches an amount;
//! - enums that the backend may extend carry an `Unknown` catch-all so an old portal keeps
//!   working when a new status appears.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub mod ovhcloud;
pub mod query;
pub use query::{CreditNoteQuery, InvoiceQuery, OrderQuery, PaymentQuery, Sort};

/// The OpenAPI 3.1 document describing this contract.
pub const OPENAPI_YAML: &str = include_str!("../openapi.yaml");

/// An RFC 3339 date-time with its offset, as sent on the wire.
pub type DateTimeOffset = DateTime<FixedOffset>;

// ---------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------

/// An ISO 4217-style currency code: exactly three ASCII uppercase letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");
    /// OVHcloud's `N/A` pseudo-code (a price with no currency, e.g. a free
    /// line). Never accepted by [`Currency::new`]: the reference contract
    /// has none.
    pub const NOT_APPLICABLE: Currency = Currency(*b"N/A");
    /// OVHcloud's `points` (loyalty points), stored under a form no real
    /// code can take (lowercase) and shown as `points`.
    pub const POINTS: Currency = Currency(*b"pts");

    /// A code as OVHcloud writes it: ISO 4217, or the pseudo-codes `N/A` and
    /// `points`; `None` for anything else.
    pub fn from_ovhcloud(code: &str) -> Option<Self> {
        match code {
            "N/A" => Some(Self::NOT_APPLICABLE),
            "points" => Some(Self::POINTS),
            other => Self::new(other).ok(),
        }
    }

    /// Validates a code such as `"EUR"`.
    pub fn new(code: &str) -> Result<Self, CurrencyError> {
        let bytes = code.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(CurrencyError(code.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        if *self == Self::POINTS {
            return "points";
        }
        // Only ASCII is ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::new(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = CurrencyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Currency::new(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

/// A currency code that is not three uppercase ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyError(pub String);

impl fmt::Display for CurrencyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid currency code {:?}: expected three uppercase letters such as \"EUR\"",
            self.0
        )
    }
}

impl std::error::Error for CurrencyError {}

/// An amount of money. `amount` travels as a decimal string (`"12.30"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    #[serde(with = "decimal_string")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Euros, normalised to exactly two decimal places (`12.3` → `"12.30"`).
    pub fn eur(amount: Decimal) -> Self {
        let mut amount = amount.round_dp(2);
        amount.rescale(2);
        Money {
            amount,
            currency: Currency::EUR,
        }
    }
}

/// Serde helpers for decimals carried as JSON strings matching `^-?\d+(\.\d+)?$`.
///
/// JSON numbers are rejected: a float would silently lose cents on some backends, and the
/// contract forbids them.
pub mod decimal_string {
    use super::*;
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_any(DecimalStringVisitor)
    }

    /// Parses the strict wire form (no exponent, no `+`, no spaces, `.` as separator).
    pub fn parse(s: &str) -> Option<Decimal> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
            return None;
        }
        Decimal::from_str_exact(s).ok()
    }

    struct DecimalStringVisitor;

    impl Visitor<'_> for DecimalStringVisitor {
        type Value = Decimal;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a decimal amount as a string such as \"1234.56\"")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
            parse(v).ok_or_else(|| {
                E::custom(format!(
                    "invalid decimal {v:?}: expected digits with an optional '.' fraction, e.g. \"1234.56\""
                ))
            })
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
            Err(E::custom(format!(
                "amount {v} is a JSON number: amounts must be decimal strings such as \"12.34\""
            )))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
            self.visit_f64(v as f64)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
            self.visit_f64(v as f64)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Session and customer
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CustomerKind {
    Consumer,
    Business,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    /// Display name: the person for consumers, the company for businesses.
    pub name: String,
    pub email: String,
    /// ISO 3166-1 alpha-2 country code (`FR`, `IT`).
    pub country: String,
    /// Preferred UI language (`fr`, `it`, `en`).
    pub locale: String,
    pub kind: CustomerKind,
    pub company_name: Option<String>,
    pub vat_number: Option<String>,
    /// IANA time zone used to display dates (`Europe/Paris`).
    pub time_zone: String,
    pub currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub customer: Customer,
    /// Echo it in `X-CSRF-Token` on every mutation.
    pub csrf_token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Balance {
    pub due: Money,
    pub pending: Money,
    pub overdue: Money,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    pub page_size: u32,
    /// Number of items matching the filters, over all pages.
    pub total: u64,
}

// ---------------------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderStatus {
    NotPaid,
    Checking,
    DocumentsRequested,
    Delivering,
    Delivered,
    Cancelling,
    Cancelled,
    Expired,
    #[serde(other)]
    Unknown,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 8] = [
        OrderStatus::NotPaid,
        OrderStatus::Checking,
        OrderStatus::DocumentsRequested,
        OrderStatus::Delivering,
        OrderStatus::Delivered,
        OrderStatus::Cancelling,
        OrderStatus::Cancelled,
        OrderStatus::Expired,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            OrderStatus::NotPaid => "notPaid",
            OrderStatus::Checking => "checking",
            OrderStatus::DocumentsRequested => "documentsRequested",
            OrderStatus::Delivering => "delivering",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelling => "cancelling",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Expired => "expired",
            OrderStatus::Unknown => "unknown",
        }
    }

    /// The wire name back to the status; `None` for anything not in the contract.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderKind {
    Purchase,
    Renewal,
    Regularisation,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
    pub id: String,
    pub date: DateTimeOffset,
    pub status: OrderStatus,
    pub total_excl_tax: Money,
    pub total_incl_tax: Money,
    pub expiration_date: DateTimeOffset,
    pub kind: OrderKind,
    /// The customer can still withdraw (as on [`Order::withdrawable`]); lets a
    /// list offer "cancel" without loading every order.
    #[serde(default)]
    pub withdrawable: bool,
    /// The invoice issued for this order, once paid.
    #[serde(default)]
    pub invoice_id: Option<String>,
    /// The order as HTML and PDF (as on [`Order`]), for a list's row actions.
    #[serde(default)]
    pub html_url: Option<String>,
    #[serde(default)]
    pub pdf_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingContact {
    pub name: String,
    pub email: String,
    /// Postal address, lines separated by `\n`.
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: String,
    pub date: DateTimeOffset,
    pub status: OrderStatus,
    pub total_excl_tax: Money,
    pub total_incl_tax: Money,
    pub expiration_date: DateTimeOffset,
    pub kind: OrderKind,
    pub tax: Money,
    pub withdrawal_deadline: Option<DateTimeOffset>,
    pub withdrawable: bool,
    pub billing_contact: BillingContact,
    pub payment_method_id: Option<String>,
    pub invoice_id: Option<String>,
    pub lines: Vec<OrderLine>,
    pub html_url: String,
    pub pdf_url: String,
}

impl Order {
    pub fn summary(&self) -> OrderSummary {
        OrderSummary {
            id: self.id.clone(),
            date: self.date,
            status: self.status,
            total_excl_tax: self.total_excl_tax.clone(),
            total_incl_tax: self.total_incl_tax.clone(),
            expiration_date: self.expiration_date,
            kind: self.kind,
            withdrawable: self.withdrawable,
            invoice_id: self.invoice_id.clone(),
            html_url: Some(self.html_url.clone()),
            pdf_url: Some(self.pdf_url.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderLine {
    pub id: String,
    pub description: String,
    pub service_reference: String,
    #[serde(with = "decimal_string")]
    pub quantity: Decimal,
    pub unit_price_excl_tax: Money,
    pub total_excl_tax: Money,
    /// Outside the withdrawal right (personalised services such as domain
    /// names, software licences): an order with such a line cannot be withdrawn.
    #[serde(default)]
    pub withdrawal_excluded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepName {
    Validating,
    Validated,
    Delivering,
    Available,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepStatus {
    Todo,
    Doing,
    Done,
    Error,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub date: DateTimeOffset,
    /// OVHcloud-style event code (`ORDER_ACCEPTED`, `PAYMENT_RECEIVED`, …): an open list.
    pub label: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpStep {
    pub step: StepName,
    pub status: StepStatus,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub steps: Vec<FollowUpStep>,
}

/// Body of `POST /orders/{id}/pay` and `POST /invoices/{id}/pay`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayRequest {
    /// `null` pays with the default payment method.
    pub payment_method_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WithdrawReason {
    ChangedMind,
    OrderedByMistake,
    NotSatisfied,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawRequest {
    pub reason: WithdrawReason,
    pub comment: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentOutcomeStatus {
    Succeeded,
    Pending,
    ActionRequired,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentOutcome {
    pub status: PaymentOutcomeStatus,
    /// Set with `actionRequired`: where to send the customer (append `returnTo`).
    pub redirect_url: Option<String>,
    pub order_id: Option<String>,
    pub payment_id: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Invoices
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InvoiceStatus {
    Paid,
    Unpaid,
    Overdue,
    #[serde(other)]
    Unknown,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 3] = [
        InvoiceStatus::Paid,
        InvoiceStatus::Unpaid,
        InvoiceStatus::Overdue,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Unpaid => "unpaid",
            InvoiceStatus::Overdue => "overdue",
            InvoiceStatus::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InvoiceCategory {
    Purchase,
    Autorenew,
    Earlyrenewal,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceSummary {
    pub id: String,
    pub reference: String,
    pub order_id: String,
    pub date: DateTimeOffset,
    pub due_date: DateTimeOffset,
    pub total_excl_tax: Money,
    pub tax: Money,
    pub total_incl_tax: Money,
    pub balance_due: Money,
    pub status: InvoiceStatus,
    pub category: InvoiceCategory,
}

/// `GET /invoices/totals`: what the invoices a filter matches add up to, one
/// entry per currency (amounts of two currencies never add up).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceTotals {
    /// Invoices matching the filter, all currencies.
    pub count: u64,
    pub currencies: Vec<CurrencyTotals>,
}

impl InvoiceTotals {
    /// Counts one more invoice in its currency's entry, entries in the order their
    /// currencies first come. The reference API adds up the matching invoices newest
    /// first; an adapter that totals in the browser calls this the same way.
    pub fn add_invoice(&mut self, balance_due: &Money, status: InvoiceStatus) {
        self.count += 1;
        let currency = balance_due.currency;
        let at = match self.currencies.iter().position(|c| c.currency == currency) {
            Some(at) => at,
            None => {
                self.currencies.push(CurrencyTotals {
                    currency,
                    count: 0,
                    balance_due: Decimal::ZERO,
                    unpaid_count: 0,
                    overdue: Decimal::ZERO,
                });
                self.currencies.len() - 1
            }
        };
        let entry = &mut self.currencies[at];
        entry.count += 1;
        let due = balance_due.amount;
        if due > Decimal::ZERO {
            entry.balance_due += due;
            entry.unpaid_count += 1;
            if status == InvoiceStatus::Overdue {
                entry.overdue += due;
            }
        }
    }
}

/// The totals of the matching invoices in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotals {
    pub currency: Currency,
    /// Invoices in this currency.
    pub count: u64,
    /// Sum of their balances due.
    #[serde(with = "decimal_string")]
    pub balance_due: Decimal,
    /// How many have a balance due (unpaid or overdue).
    pub unpaid_count: u64,
    /// Sum of the balances due of the overdue ones.
    #[serde(with = "decimal_string")]
    pub overdue: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceLine {
    pub id: String,
    pub description: String,
    pub service_reference: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    #[serde(with = "decimal_string")]
    pub quantity: Decimal,
    pub unit_price_excl_tax: Money,
    pub total_excl_tax: Money,
}

/// A payment as seen from one invoice: the part of it applied to that invoice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoicePaymentRef {
    pub id: String,
    pub date: DateTimeOffset,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: String,
    pub reference: String,
    pub order_id: String,
    pub date: DateTimeOffset,
    pub due_date: DateTimeOffset,
    pub total_excl_tax: Money,
    pub tax: Money,
    pub total_incl_tax: Money,
    pub balance_due: Money,
    pub status: InvoiceStatus,
    pub category: InvoiceCategory,
    pub lines: Vec<InvoiceLine>,
    /// Human label of how it was paid (`Carte bancaire`, `Prélèvement SEPA`…), `null` if unpaid.
    pub payment_type: Option<String>,
    pub payments: Vec<InvoicePaymentRef>,
    pub html_url: String,
    pub pdf_url: String,
}

impl Invoice {
    pub fn summary(&self) -> InvoiceSummary {
        InvoiceSummary {
            id: self.id.clone(),
            reference: self.reference.clone(),
            order_id: self.order_id.clone(),
            date: self.date,
            due_date: self.due_date,
            total_excl_tax: self.total_excl_tax.clone(),
            tax: self.tax.clone(),
            total_incl_tax: self.total_incl_tax.clone(),
            balance_due: self.balance_due.clone(),
            status: self.status,
            category: self.category,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayInvoicesRequest {
    pub invoice_ids: Vec<String>,
    pub payment_method_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayBalanceRequest {
    pub payment_method_id: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Payments and credit notes
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethodRef {
    /// `card`, `sepa`, `paypal` or `transfer` (bank transfers are never saved methods).
    #[serde(rename = "type")]
    pub kind: PaymentMethodType,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettledInvoice {
    pub id: String,
    pub reference: String,
    pub amount_applied: Money,
}

/// Where a payment stands. A listed payment is normally `succeeded`; a debit
/// still being collected is `pending`, a rejected one `failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentStatus {
    /// Also what a backend that sends no status means: it lists money received.
    #[default]
    Succeeded,
    Pending,
    Failed,
    #[serde(other)]
    Unknown,
}

impl PaymentStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Pending => "pending",
            PaymentStatus::Failed => "failed",
            PaymentStatus::Unknown => "unknown",
        }
    }
}

/// The credit note whose credit lowered a payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditNoteRef {
    pub id: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: String,
    pub date: DateTimeOffset,
    /// What was actually charged: sum of `invoices[].amountApplied` minus `creditApplied`.
    pub amount: Money,
    pub payment_method: PaymentMethodRef,
    pub invoices: Vec<SettledInvoice>,
    pub credit_applied: Option<Money>,
    /// Absent from older backends: read as `succeeded`.
    #[serde(default)]
    pub status: PaymentStatus,
    /// The credit note `creditApplied` came from, when the backend knows it.
    #[serde(default)]
    pub credit_note: Option<CreditNoteRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditNote {
    pub id: String,
    pub reference: String,
    pub original_invoice_id: String,
    pub original_invoice_reference: String,
    pub date: DateTimeOffset,
    /// Positive amount credited to the customer, tax included.
    pub amount: Money,
    pub pdf_url: String,
    /// The HTML version, when the backend renders one.
    #[serde(default)]
    pub html_url: Option<String>,
    /// Why it was issued (e.g. "Résiliation anticipée"), in the customer's language.
    #[serde(default)]
    pub reason: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Payment methods
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentMethodType {
    Card,
    Sepa,
    Paypal,
    /// Only on payments: a bank transfer is not a method one can save.
    Transfer,
    #[serde(other)]
    Unknown,
}

impl PaymentMethodType {
    /// The types a payment can come from, in the order a filter offers them.
    pub const ALL: [PaymentMethodType; 4] = [
        PaymentMethodType::Card,
        PaymentMethodType::Sepa,
        PaymentMethodType::Paypal,
        PaymentMethodType::Transfer,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentMethodType::Card => "card",
            PaymentMethodType::Sepa => "sepa",
            PaymentMethodType::Paypal => "paypal",
            PaymentMethodType::Transfer => "transfer",
            PaymentMethodType::Unknown => "unknown",
        }
    }

    /// The wire name back to the type; `None` for anything not in the contract.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CardBrand {
    Visa,
    Mastercard,
    Amex,
    Cb,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentMethodStatus {
    Valid,
    Expired,
    Pending,
    Failed,
    Canceled,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethod {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: PaymentMethodType,
    pub label: String,
    pub brand: Option<CardBrand>,
    /// Last valid day of a card; `null` for other types.
    pub expires_on: Option<NaiveDate>,
    pub description: Option<String>,
    pub default: bool,
    pub status: PaymentMethodStatus,
    pub created_at: DateTimeOffset,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethodList {
    pub items: Vec<PaymentMethod>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePaymentMethodRequest {
    #[serde(rename = "type")]
    pub kind: PaymentMethodType,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub default: bool,
    /// Absolute loopback URL the provider page sends the customer back to.
    pub return_to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePaymentMethodResponse {
    pub payment_method: Option<PaymentMethod>,
    pub redirect_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePaymentMethodRequest {
    /// Only `true` is accepted: make another method the default to unset this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    /// An empty string clears the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// RFC 9457 problem details (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// `https://billing.example/problems/<slug>`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ProblemFieldError>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemFieldError {
    pub field: String,
    pub message: String,
}

#[cfg(test)]
mod tests;

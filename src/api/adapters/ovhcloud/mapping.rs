//! OVHcloud's `/me` shapes to the portal's models: pure functions, no
//! network, so every edge case is tested natively. Vocabularies map one to
//! one; a value OVHcloud adds later becomes the model's "unknown", never a
//! failed page.

use billing_contract::ovhcloud as ovh;
use billing_contract::*;
use rust_decimal::Decimal;

/// A price in its currency, exact (see [`ovh::Price::amount`]). A currency
/// code that is neither ISO 4217 nor `N/A`/`points` shows as `N/A` rather
/// than failing the page.
pub fn money(price: &ovh::Price) -> Money {
    let currency =
        Currency::from_ovhcloud(price.currency_code.trim()).unwrap_or(Currency::NOT_APPLICABLE);
    Money::new(at_least_cents(price.amount()), currency)
}

/// `12` → `12.00`; sub-cent digits (`0.0041`) are kept.
fn at_least_cents(mut amount: Decimal) -> Decimal {
    amount = amount.normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount
}

fn zero_like(price: &Money) -> Money {
    Money::new(at_least_cents(Decimal::ZERO), price.currency)
}

/// `"1"`, `"2.5"`: OVHcloud sends quantities as strings; unreadable is 1.
fn quantity(text: &str) -> Decimal {
    Decimal::from_str_exact(text.trim()).unwrap_or(Decimal::ONE)
}

// ---------------------------------------------------------------------------
// The customer
// ---------------------------------------------------------------------------

/// The time zone dates are shown in: OVHcloud's `/me` has none, the
/// country is the best guide.
fn time_zone(country: &str) -> &'static str {
    match country.to_ascii_uppercase().as_str() {
        "FR" | "MC" | "RE" | "GP" | "MQ" => "Europe/Paris",
        "IT" | "SM" | "VA" => "Europe/Rome",
        "ES" => "Europe/Madrid",
        "DE" => "Europe/Berlin",
        "GB" | "IE" => "Europe/London",
        "BE" => "Europe/Brussels",
        "NL" => "Europe/Amsterdam",
        "PL" => "Europe/Warsaw",
        "PT" => "Europe/Lisbon",
        "CZ" => "Europe/Prague",
        "LT" => "Europe/Vilnius",
        "CA" => "America/Toronto",
        "US" => "America/New_York",
        "SN" => "Africa/Dakar",
        "MA" => "Africa/Casablanca",
        "TN" => "Africa/Tunis",
        "IN" => "Asia/Kolkata",
        "SG" => "Asia/Singapore",
        "AU" => "Australia/Sydney",
        _ => "UTC",
    }
}

pub fn customer(me: &ovh::Me) -> Customer {
    let kind = match me.legalform.as_str() {
        "individual" => CustomerKind::Consumer,
        "" => CustomerKind::Unknown,
        _ => CustomerKind::Business,
    };
    let person = [me.firstname.as_deref(), me.name.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let company = me.organisation.clone().filter(|o| !o.trim().is_empty());
    let name = match (&kind, &company) {
        (CustomerKind::Business, Some(company)) => company.clone(),
        _ if !person.is_empty() => person,
        _ => me.nichandle.clone(),
    };
    Customer {
        id: me.nichandle.clone(),
        name,
        email: me.email.clone(),
        country: me.country.to_ascii_uppercase(),
        // `fr_FR` → `fr`.
        locale: me
            .language
            .split(['_', '-'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase(),
        kind,
        company_name: company,
        vat_number: me.vat.clone().filter(|v| !v.trim().is_empty()),
        time_zone: time_zone(&me.country).to_owned(),
        currency: Currency::from_ovhcloud(&me.currency.code).unwrap_or(Currency::EUR),
    }
}

/// OVHcloud has no CSRF token: the authenticating proxy guards mutations.
pub fn session(me: &ovh::Me) -> Session {
    Session {
        customer: customer(me),
        csrf_token: String::new(),
    }
}

/// The billing contact an order shows: OVHcloud keeps it on the account.
pub fn billing_contact(me: &ovh::Me) -> BillingContact {
    let customer = customer(me);
    let town = [me.zip.as_deref(), me.city.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let address = [me.address.clone().unwrap_or_default(), town]
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    BillingContact {
        name: customer.name,
        email: customer.email,
        address,
    }
}

/// The debt account: what is due, what is being paid, what is late
/// (`todoAmount`, matured and still to pay).
pub fn balance(account: &ovh::DebtAccount) -> Balance {
    Balance {
        due: money(&account.due_amount),
        pending: money(&account.pending_amount),
        overdue: money(&account.todo_amount),
    }
}

// ---------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------

/// `GET /me/order/{id}/status` is a bare string in OVHcloud's own words,
/// which are the contract's; an unpaid order past its expiration date is
/// "expired", as OVHcloud's panel derives it.
pub fn order_status(
    status: &str,
    expiration: Option<DateTimeOffset>,
    now: DateTimeOffset,
) -> OrderStatus {
    match status {
        "notPaid" if expiration.is_some_and(|at| at <= now) => OrderStatus::Expired,
        "orderExpired" => OrderStatus::Expired,
        other => OrderStatus::parse(other).unwrap_or(OrderStatus::Unknown),
    }
}

/// A renewal renews, a consumption regularises, anything else is bought.
pub fn order_kind(details: &[ovh::OrderDetail]) -> OrderKind {
    let has = |kind: &str| {
        details
            .iter()
            .any(|d| d.detail_type.as_deref() == Some(kind))
    };
    if has("RENEW") {
        OrderKind::Renewal
    } else if has("CONSUMPTION") {
        OrderKind::Regularisation
    } else {
        OrderKind::Purchase
    }
}

/// The customer may withdraw while `retractionDate` is ahead (OVHcloud sends
/// none when the right does not apply, and keeps the date once it has passed)
/// on an order paid and still going: an unpaid one simply expires, a
/// cancelled one is over.
fn withdrawable(order: &ovh::Order, status: OrderStatus, now: DateTimeOffset) -> bool {
    order.retraction_date.is_some_and(|until| until > now)
        && matches!(
            status,
            OrderStatus::Checking
                | OrderStatus::DocumentsRequested
                | OrderStatus::Delivering
                | OrderStatus::Delivered
        )
}

pub fn order_summary(
    order: &ovh::Order,
    status: &str,
    invoice_id: Option<String>,
    now: DateTimeOffset,
) -> OrderSummary {
    let status = order_status(status, order.expiration_date, now);
    OrderSummary {
        id: order.order_id.0.clone(),
        date: order.date,
        status,
        total_excl_tax: money(&order.price_without_tax),
        total_incl_tax: money(&order.price_with_tax),
        expiration_date: order.expiration_date.unwrap_or(order.date),
        // The kind lives on the order's details, which a list does not load.
        kind: OrderKind::Unknown,
        withdrawable: withdrawable(order, status, now),
        invoice_id,
        html_url: order.url.clone(),
        pdf_url: order.pdf_url.clone(),
    }
}

pub fn order_line(detail: &ovh::OrderDetail) -> OrderLine {
    OrderLine {
        id: detail.order_detail_id.0.clone(),
        description: detail.description.clone(),
        service_reference: detail.domain.clone(),
        quantity: quantity(&detail.quantity),
        unit_price_excl_tax: money(&detail.unit_price),
        total_excl_tax: money(&detail.total_price),
        withdrawal_excluded: detail.detail_type.as_deref() == Some("LICENSE"),
    }
}

/// The whole order: the order, its status, its details, the bill issued for
/// it (if any) and the account's contact.
pub fn order(
    order: &ovh::Order,
    status: &str,
    details: &[ovh::OrderDetail],
    invoice_id: Option<String>,
    me: &ovh::Me,
    now: DateTimeOffset,
) -> Order {
    let summary = order_summary(order, status, invoice_id, now);
    let lines: Vec<OrderLine> = details.iter().map(order_line).collect();
    let withdrawable = summary.withdrawable && !lines.iter().any(|l| l.withdrawal_excluded);
    Order {
        id: summary.id,
        date: summary.date,
        status: summary.status,
        total_excl_tax: summary.total_excl_tax,
        total_incl_tax: summary.total_incl_tax,
        expiration_date: summary.expiration_date,
        kind: order_kind(details),
        tax: money(&order.tax),
        withdrawal_deadline: order.retraction_date,
        withdrawable,
        billing_contact: billing_contact(me),
        payment_method_id: None,
        invoice_id: summary.invoice_id,
        lines,
        html_url: order.url.clone().unwrap_or_default(),
        pdf_url: order.pdf_url.clone().unwrap_or_default(),
    }
}

/// OVHcloud's follow-up steps and statuses are the contract's, one to one
/// (the contract took them from OVHcloud); labels are an open list kept as is.
pub fn follow_up(steps: &[ovh::FollowUpStep]) -> FollowUp {
    let step_name = |s: &str| match s {
        "VALIDATING" => StepName::Validating,
        "VALIDATED" => StepName::Validated,
        "DELIVERING" => StepName::Delivering,
        "AVAILABLE" => StepName::Available,
        _ => StepName::Unknown,
    };
    let step_status = |s: &str| match s {
        "TODO" => StepStatus::Todo,
        "DOING" => StepStatus::Doing,
        "DONE" => StepStatus::Done,
        "ERROR" => StepStatus::Error,
        _ => StepStatus::Unknown,
    };
    FollowUp {
        steps: steps
            .iter()
            .map(|s| FollowUpStep {
                step: step_name(&s.step),
                status: step_status(&s.status),
                history: s
                    .history
                    .iter()
                    .map(|h| HistoryEntry {
                        date: h.date,
                        label: h.label.clone(),
                        description: h.description.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The portal's withdrawal reasons in OVHcloud's words.
pub fn retraction(request: &WithdrawRequest) -> ovh::Retraction {
    let reason = match request.reason {
        WithdrawReason::ChangedMind => "unused",
        WithdrawReason::NotSatisfied => "performance",
        WithdrawReason::OrderedByMistake | WithdrawReason::Other => "other",
    };
    let comment = request.comment.trim();
    ovh::Retraction {
        reason: reason.to_owned(),
        comment: (!comment.is_empty()).then(|| comment.to_owned()),
    }
}

// ---------------------------------------------------------------------------
// Invoices (bills and their debts)
// ---------------------------------------------------------------------------

/// A debt's status; no debt at all (404) means the bill is settled.
pub fn invoice_status(debt: Option<&ovh::Debt>) -> InvoiceStatus {
    let Some(debt) = debt else {
        return InvoiceStatus::Paid;
    };
    match debt.status.as_str() {
        "PAID" | "REFUNDED" => InvoiceStatus::Paid,
        "UNMATURED" | "TO_BE_PAID" => InvoiceStatus::Unpaid,
        "UNPAID" => InvoiceStatus::Overdue,
        _ => InvoiceStatus::Unknown,
    }
}

pub fn invoice_category(category: Option<&str>) -> InvoiceCategory {
    match category {
        Some("autorenew") => InvoiceCategory::Autorenew,
        Some("earlyrenewal") => InvoiceCategory::Earlyrenewal,
        Some(c) if c == "purchase" || c.starts_with("purchase-") => InvoiceCategory::Purchase,
        _ => InvoiceCategory::Unknown,
    }
}

/// A bill and its debt (`None`: the API answered 404, nothing is owed).
pub fn invoice_summary(bill: &ovh::Bill, debt: Option<&ovh::Debt>) -> InvoiceSummary {
    let total = money(&bill.price_with_tax);
    let balance_due = match debt {
        Some(debt) if invoice_status(Some(debt)) != InvoiceStatus::Paid => money(&debt.due_amount),
        _ => zero_like(&total),
    };
    InvoiceSummary {
        id: bill.bill_id.0.clone(),
        // OVHcloud's bill id is the number printed on the bill.
        reference: bill.bill_id.0.clone(),
        order_id: bill
            .order_id
            .as_ref()
            .map(|id| id.0.clone())
            .unwrap_or_default(),
        date: bill.date,
        due_date: debt.and_then(|d| d.due_date).unwrap_or(bill.date),
        total_excl_tax: money(&bill.price_without_tax),
        tax: money(&bill.tax),
        total_incl_tax: total,
        balance_due,
        status: invoice_status(debt),
        category: invoice_category(bill.category.as_deref()),
    }
}

pub fn invoice_line(detail: &ovh::BillDetail) -> InvoiceLine {
    InvoiceLine {
        id: detail.bill_detail_id.0.clone(),
        description: detail.description.clone(),
        service_reference: detail.domain.clone(),
        period_start: detail.period_start,
        period_end: detail.period_end,
        quantity: quantity(&detail.quantity),
        unit_price_excl_tax: money(&detail.unit_price),
        total_excl_tax: money(&detail.total_price),
    }
}

/// The whole invoice. OVHcloud tells how a bill was paid, not how much each
/// payment brought: the one payment it names carries what is no longer due.
pub fn invoice(
    bill: &ovh::Bill,
    debt: Option<&ovh::Debt>,
    details: &[ovh::BillDetail],
    payment: Option<&ovh::BillPayment>,
) -> Invoice {
    let summary = invoice_summary(bill, debt);
    let paid = summary.total_incl_tax.amount - summary.balance_due.amount;
    let payments = payment
        .and_then(|p| Some((p.payment_identifier.clone()?, p.payment_date?)))
        .filter(|_| paid > Decimal::ZERO)
        .map(|(id, date)| InvoicePaymentRef {
            id,
            date,
            amount: Money::new(paid, summary.total_incl_tax.currency),
        })
        .into_iter()
        .collect();
    Invoice {
        id: summary.id,
        reference: summary.reference,
        order_id: summary.order_id,
        date: summary.date,
        due_date: summary.due_date,
        total_excl_tax: summary.total_excl_tax,
        tax: summary.tax,
        total_incl_tax: summary.total_incl_tax,
        balance_due: summary.balance_due,
        status: summary.status,
        category: summary.category,
        lines: details.iter().map(invoice_line).collect(),
        payment_type: payment
            .and_then(|p| p.payment_type.clone())
            .filter(|t| !t.trim().is_empty()),
        payments,
        html_url: bill.url.clone().unwrap_or_default(),
        pdf_url: bill.pdf_url.clone().unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------
// Payments, credit notes, payment methods
// ---------------------------------------------------------------------------

/// OVHcloud writes payment types in several ways (`CREDIT_CARD`,
/// `creditCard`, `SEPA_DIRECT_DEBIT`, older `BANK_ACCOUNT`, `paypal`…).
pub fn payment_type(text: &str) -> PaymentMethodType {
    let flat: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if flat.contains("card") {
        PaymentMethodType::Card
    } else if flat.contains("sepa") || flat.contains("bankaccount") || flat.contains("directdebit")
    {
        PaymentMethodType::Sepa
    } else if flat.contains("paypal") {
        PaymentMethodType::Paypal
    } else if flat.contains("transfer") {
        PaymentMethodType::Transfer
    } else {
        PaymentMethodType::Unknown
    }
}

/// A deposit and the bills it paid.
pub fn payment(deposit: &ovh::Deposit, paid_bills: &[ovh::Bill]) -> Payment {
    let amount = money(&deposit.amount);
    let invoices: Vec<SettledInvoice> = paid_bills
        .iter()
        .map(|bill| SettledInvoice {
            id: bill.bill_id.0.clone(),
            reference: bill.bill_id.0.clone(),
            amount_applied: money(&bill.price_with_tax),
        })
        .collect();
    // What the bills add up to beyond what was charged came from a credit.
    let applied: Decimal = invoices.iter().map(|i| i.amount_applied.amount).sum();
    let credit = applied - amount.amount;
    let info = deposit.payment_info.as_ref();
    Payment {
        id: deposit.deposit_id.0.clone(),
        date: deposit.date,
        credit_applied: (credit > Decimal::ZERO).then(|| Money::new(credit, amount.currency)),
        amount,
        payment_method: PaymentMethodRef {
            kind: info.map_or(PaymentMethodType::Unknown, |i| {
                payment_type(&i.payment_type)
            }),
            label: info
                .and_then(|i| i.public_label.clone().or_else(|| i.description.clone()))
                .unwrap_or_default(),
        },
        invoices,
        status: PaymentStatus::Succeeded,
        credit_note: None,
    }
}

/// A refund is a credit note; its prices are negative, the credit positive.
pub fn credit_note(refund: &ovh::Refund) -> CreditNote {
    let price = money(&refund.price_with_tax);
    let original = refund
        .original_bill_id
        .as_ref()
        .map(|id| id.0.clone())
        .unwrap_or_default();
    CreditNote {
        id: refund.refund_id.0.clone(),
        reference: refund.refund_id.0.clone(),
        original_invoice_id: original.clone(),
        original_invoice_reference: original,
        date: refund.date,
        amount: Money::new(price.amount.abs(), price.currency),
        pdf_url: refund.pdf_url.clone().unwrap_or_default(),
        html_url: refund.url.clone(),
        reason: None,
    }
}

pub fn payment_method_status(status: &str) -> PaymentMethodStatus {
    match status {
        "VALID" => PaymentMethodStatus::Valid,
        "EXPIRED" => PaymentMethodStatus::Expired,
        "CREATED" | "CREATING" | "VALIDATING" => PaymentMethodStatus::Pending,
        "ERROR" | "FAILED" | "REJECTED" => PaymentMethodStatus::Failed,
        "CANCELED" | "CANCELING" => PaymentMethodStatus::Canceled,
        _ => PaymentMethodStatus::Unknown,
    }
}

pub fn card_brand(sub_type: Option<&str>) -> Option<CardBrand> {
    Some(match sub_type? {
        "VISA" => CardBrand::Visa,
        "MASTERCARD" => CardBrand::Mastercard,
        "AMERICAN_EXPRESS" => CardBrand::Amex,
        "CARTE_BANCAIRE" => CardBrand::Cb,
        _ => CardBrand::Unknown,
    })
}

pub fn payment_method(method: &ovh::PaymentMethod) -> PaymentMethod {
    let kind = payment_type(&method.payment_type);
    PaymentMethod {
        id: method.payment_method_id.0.clone(),
        kind,
        label: method.label.clone().unwrap_or_default(),
        brand: if kind == PaymentMethodType::Card {
            card_brand(method.payment_sub_type.as_deref())
        } else {
            None
        },
        expires_on: method.expiration_date.map(|at| at.date_naive()),
        description: method.description.clone().filter(|d| !d.is_empty()),
        default: method.default,
        status: payment_method_status(&method.status),
        created_at: method.creation_date,
    }
}

/// OVHcloud's `paymentType` for a new method of a kind.
pub fn payment_type_name(kind: PaymentMethodType) -> &'static str {
    match kind {
        PaymentMethodType::Card => "CREDIT_CARD",
        PaymentMethodType::Sepa => "SEPA_DIRECT_DEBIT",
        PaymentMethodType::Paypal => "PAYPAL",
        PaymentMethodType::Transfer | PaymentMethodType::Unknown => "BANK_ACCOUNT",
    }
}

/// The body of `POST /me/payment/method`: every outcome comes back to the
/// portal's page, which reads the method list again.
pub fn create_payment_method(request: &CreatePaymentMethodRequest) -> ovh::CreatePaymentMethod {
    let back = request.return_to.clone();
    ovh::CreatePaymentMethod {
        payment_type: payment_type_name(request.kind).to_owned(),
        callback_url: ovh::CallbackUrl {
            success: back.clone(),
            error: back.clone(),
            cancel: back.clone(),
            failure: back.clone(),
            pending: back,
        },
        default: request.default,
        description: request.description.clone().filter(|d| !d.is_empty()),
        order_id: None,
        register: true,
    }
}

/// Paying a debt answers an order to pay at its `url`: the customer is sent
/// there (the portal appends where to come back).
/// A debt paid (or every debt): the customer finishes at the answered
/// order's `url` when it has one; without one the payment went through when
/// the debts read again are `settled`, else it is under way.
pub fn debt_pay_outcome(order: &ovh::Order, settled: bool) -> PaymentOutcome {
    let url = payment_url(order);
    let status = match (&url, settled) {
        (Some(_), _) => PaymentOutcomeStatus::ActionRequired,
        (None, true) => PaymentOutcomeStatus::Succeeded,
        (None, false) => PaymentOutcomeStatus::Pending,
    };
    PaymentOutcome {
        status,
        redirect_url: url,
        order_id: Some(order.order_id.0.clone()),
        payment_id: None,
    }
}

/// Where the customer finishes paying `order`, if anywhere (an empty `url`
/// is none).
pub fn payment_url(order: &ovh::Order) -> Option<String> {
    order.url.clone().filter(|u| !u.is_empty())
}

/// A debt with nothing left to pay: paid, or no amount due.
pub fn debt_settled(debt: &ovh::Debt) -> bool {
    debt.status == "PAID" || money(&debt.due_amount).amount.is_zero()
}

/// What paying order `id` came to, from its status read after OVHcloud
/// answered `null`: moved on to a paid status means paid; still unpaid, the
/// customer finishes at the order's `url`; anything else is under way.
pub fn order_pay_outcome(id: &str, status: &str, unpaid: Option<&ovh::Order>) -> PaymentOutcome {
    let url = unpaid.and_then(payment_url);
    let status = match (status, &url) {
        ("checking" | "documentsRequested" | "delivering" | "delivered", _) => {
            PaymentOutcomeStatus::Succeeded
        }
        ("notPaid", Some(_)) => PaymentOutcomeStatus::ActionRequired,
        _ => PaymentOutcomeStatus::Pending,
    };
    PaymentOutcome {
        status,
        redirect_url: url.filter(|_| status == PaymentOutcomeStatus::ActionRequired),
        order_id: Some(id.to_owned()),
        payment_id: None,
    }
}

#[cfg(test)]
mod tests;

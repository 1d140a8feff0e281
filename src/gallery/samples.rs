//! Sample data for the gallery, built in Rust so the gallery never needs the
//! backend (or a backend in the right state) to show every case.

use crate::api::models::{
    Customer, CustomerKind, FollowUp, FollowUpStep, HistoryEntry, InvoiceCategory, InvoiceStatus,
    InvoiceSummary, Money, OrderKind, OrderStatus, OrderSummary, StepName, StepStatus,
};
use chrono::{DateTime, Duration, FixedOffset};
use rust_decimal::Decimal;

/// A reference of 40 characters, the longest the product has to fit.
pub const LONG_REFERENCE: &str = "FR-2026-INV-00000000000000000000000004242";

/// The signed-in customer the header shows.
pub fn customer() -> Customer {
    Customer {
        id: "ab12345-ovh".into(),
        name: "Camille Durand-Lefèvre".into(),
        email: "camille@example.com".into(),
        country: "FR".into(),
        locale: "fr".into(),
        kind: CustomerKind::Consumer,
        company_name: None,
        vat_number: None,
        time_zone: "Europe/Paris".into(),
        currency: crate::api::models::Currency::EUR,
    }
}

pub fn instant(days_ago: i64) -> DateTime<FixedOffset> {
    let base: DateTime<FixedOffset> = "2026-05-20T10:42:00+02:00"
        .parse()
        .expect("a valid sample date");
    base - Duration::days(days_ago)
}

pub fn eur(cents: i64) -> Money {
    Money::eur(Decimal::new(cents, 2))
}

pub fn invoices(count: usize) -> Vec<InvoiceSummary> {
    (0..count)
        .map(|i| {
            let status = match i % 5 {
                0 | 3 => InvoiceStatus::Paid,
                1 => InvoiceStatus::Unpaid,
                2 => InvoiceStatus::Overdue,
                _ => InvoiceStatus::Paid,
            };
            let incl = 1_199 + (i as i64 * 7_919) % 250_000;
            let excl = incl * 100 / 120;
            let due = if status == InvoiceStatus::Paid {
                0
            } else {
                incl
            };
            InvoiceSummary {
                id: format!("inv-{i}"),
                reference: if i == 3 {
                    LONG_REFERENCE.to_owned()
                } else {
                    format!("FR{:08}", 51_234_000 + i)
                },
                order_id: format!("{}", 187_000_000 + i * 13),
                date: instant(i as i64),
                due_date: instant(i as i64 - 30),
                total_excl_tax: eur(excl),
                tax: eur(incl - excl),
                total_incl_tax: eur(incl),
                balance_due: eur(due),
                status,
                category: InvoiceCategory::Purchase,
            }
        })
        .collect()
}

pub fn orders() -> Vec<OrderSummary> {
    OrderStatus::ALL
        .iter()
        .enumerate()
        .map(|(i, status)| OrderSummary {
            id: format!("{}", 187_654_321 + i * 97),
            date: instant(i as i64 * 3),
            status: *status,
            total_excl_tax: eur(1_000 + i as i64 * 4_250),
            total_incl_tax: eur(1_200 + i as i64 * 5_100),
            expiration_date: instant(i as i64 * 3 - 1),
            kind: OrderKind::Purchase,
            withdrawable: false,
            invoice_id: None,
            html_url: None,
            pdf_url: None,
        })
        .collect()
}

fn step(step: StepName, status: StepStatus, days_ago: i64) -> FollowUpStep {
    let history = if status == StepStatus::Todo {
        Vec::new()
    } else {
        vec![HistoryEntry {
            date: instant(days_ago),
            label: String::new(),
            description: String::new(),
        }]
    };
    FollowUpStep {
        step,
        status,
        history,
    }
}

/// Follow-ups: in delivery, delivered, blocked at validation.
pub fn follow_ups() -> [FollowUp; 3] {
    use StepName::*;
    use StepStatus::*;
    [
        FollowUp {
            steps: vec![
                step(Validating, Done, 2),
                step(Validated, Done, 1),
                step(Delivering, Doing, 0),
                step(Available, Todo, 0),
            ],
        },
        FollowUp {
            steps: vec![
                step(Validating, Done, 9),
                step(Validated, Done, 8),
                step(Delivering, Done, 8),
                step(Available, Done, 7),
            ],
        },
        FollowUp {
            steps: vec![
                step(Validating, Error, 1),
                step(Validated, Todo, 0),
                step(Delivering, Todo, 0),
                step(Available, Todo, 0),
            ],
        },
    ]
}

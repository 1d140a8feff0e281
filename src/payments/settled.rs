//! On an invoice: the payments that settled it, each with what it applied
//! to this invoice, what was charged (and the credit that lowered it), the
//! method, and a link to the payment in the list, filtered to it.

use super::{PaymentStatusBadge, credit_explanation, method_text};
use crate::api::models::query::PaymentQuery;
use crate::api::models::{Money, Page, Payment};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, Column, DataTable, MoneyText, SkeletonRows};
use crate::format::format_date;
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;

/// One payment as seen from the invoice.
#[derive(Clone)]
struct Settlement {
    payment: Payment,
    /// The part of the payment applied to this invoice.
    applied: Option<Money>,
}

fn columns() -> Vec<Column<Settlement>> {
    vec![
        Column::new(
            "date",
            |l| td_string!(l, payments.date),
            |s: &Settlement| {
                let i18n = use_i18n();
                let (id, date) = (s.payment.id.clone(), s.payment.date);
                view! {
                    <a href=routes::payment(&id) data-testid="see-payment">
                        {move || {
                            let locale = i18n.get_locale();
                            let date = format_date(&date, locale);
                            td_string!(locale, payment_tracking.see_payment, date = date.as_str()).to_string()
                        }}
                    </a>
                }
            },
        )
        .row_header(),
        Column::new(
            "applied",
            |l| td_string!(l, payment_tracking.applied),
            |s: &Settlement| s.applied.clone().map(|money| view! { <MoneyText money /> }),
        )
        .numeric(),
        Column::new(
            "charged",
            |l| td_string!(l, payment_tracking.charged),
            |s: &Settlement| {
                let i18n = use_i18n();
                let payment = s.payment.clone();
                view! {
                    <MoneyText money=s.payment.amount.clone() />
                    <span class="cell-note" data-testid="credit-explanation">
                        {move || credit_explanation(i18n.get_locale(), &payment)}
                    </span>
                }
            },
        )
        .numeric(),
        Column::new(
            "method",
            |l| td_string!(l, payments.method),
            |s: &Settlement| {
                let i18n = use_i18n();
                let kind = s.payment.payment_method.kind;
                let label = s.payment.payment_method.label.clone();
                move || method_text(i18n.get_locale(), kind, &label)
            },
        ),
        Column::new(
            "status",
            |l| td_string!(l, payment_tracking.status),
            |s: &Settlement| view! { <PaymentStatusBadge status=s.payment.status /> },
        ),
    ]
}

fn settlements(invoice_id: &str, page: Page<Payment>) -> Vec<Settlement> {
    page.items
        .into_iter()
        .map(|payment| Settlement {
            applied: payment
                .invoices
                .iter()
                .find(|settled| settled.id == invoice_id)
                .map(|settled| settled.amount_applied.clone()),
            payment,
        })
        .collect()
}

#[component]
pub fn SettledByPayments(invoice_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = PaymentQuery {
        invoice_id: Some(invoice_id.clone()),
        page_size: Some(200),
        ..PaymentQuery::default()
    };
    let payments = api_resource(move |cancel| api.payments(&query, cancel));
    view! {
        <section class="card" aria-labelledby="invoice-payments">
            <h2 id="invoice-payments" class="card__title">{t!(i18n, payment_tracking.settled_title)}</h2>
            <AsyncSection
                resource=payments
                skeleton=|| view! { <SkeletonRows rows=2 columns=5 /> }
                render={move |page: Page<Payment>| view! {
                    <DataTable columns=columns() rows=settlements(&invoice_id, page)
                        caption=|l| td_string!(l, payment_tracking.settled_title)
                        empty=|l| td_string!(l, payment_tracking.settled_empty) testid="invoice-payments" />
                }}
            />
        </section>
    }
}

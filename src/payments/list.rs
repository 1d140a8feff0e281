//! The payments list: date, amount, method, and which invoices each settled
//! (a credit note applied explains a payment lower than its invoices).
//! Sorting (date, amount) is done by the API, so it covers every page.

use crate::api::models::Payment;
use crate::api::models::query::PaymentQuery;
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, DateText, MoneyText, Page, PagedTable, api_sort, newest_first, page_from_query,
};
use crate::i18n::*;
use crate::payment_methods::payment_method_type_label;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

fn payment_columns() -> Vec<Column<Payment>> {
    vec![
        Column::new(
            "date",
            |l| td_string!(l, payments.date),
            |p: &Payment| view! { <DateText instant=p.date /> },
        )
        .sortable(),
        Column::new(
            "amount",
            |l| td_string!(l, payments.amount),
            |p: &Payment| view! { <MoneyText money=p.amount.clone() /> },
        )
        .numeric()
        .sortable(),
        Column::new(
            "method",
            |l| td_string!(l, payments.method),
            |p: &Payment| {
                let i18n = use_i18n();
                let kind = p.payment_method.kind;
                let label = p.payment_method.label.clone();
                view! { {move || payment_method_type_label(i18n.get_locale(), kind)} " · " {label} }
            },
        ),
        Column::new(
            "invoices",
            |l| td_string!(l, payments.invoices),
            |p: &Payment| {
                p.invoices
                    .iter()
                    .map(|settled| settled.reference.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
    ]
}

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = newest_first();
    let payments = api_resource(move |cancel| {
        let query = PaymentQuery {
            sort: Some(api_sort(sort.get())),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..PaymentQuery::default()
        };
        api.payments(&query, cancel)
    });
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payments.title).to_owned())>
            <PagedTable resource=payments columns=payment_columns sort
                caption=|l| td_string!(l, payments.caption) empty=|l| td_string!(l, payments.empty)
                testid="payments-table" />
        </Page>
    }
}

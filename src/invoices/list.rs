//! The invoices list, newest first, page by page. The balance due shows in
//! red when something is left to pay, as in the customer's OVHcloud habits.
//! Sorting is done by the API, so it covers every page, not just this one.

use crate::api::models::InvoiceSummary;
use crate::api::models::query::InvoiceQuery;
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, CountLabel, DateText, InvoiceStatusBadge, MoneyText, Page, PagedTable, api_sort,
    newest_first, page_from_query,
};
use crate::i18n::*;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

/// The columns of an invoices table. `sortable`: the API sorts (by
/// reference, date, amount incl. tax and balance).
pub fn invoice_columns(sortable: bool) -> Vec<Column<InvoiceSummary>> {
    let sort = |column: Column<InvoiceSummary>| if sortable { column.sortable() } else { column };
    vec![
        sort(Column::new("reference", |l| td_string!(l, invoices.reference), |i: &InvoiceSummary| {
            view! { <a href=crate::routes::invoice(&i.id)>{i.reference.clone()}</a> }
        })
            .row_header()),
        Column::new("order", |l| td_string!(l, invoices.order), |i: &InvoiceSummary| i.order_id.clone()),
        sort(Column::new("date", |l| td_string!(l, invoices.date), |i: &InvoiceSummary| view! { <DateText instant=i.date /> })),
        Column::new("amount-excl-tax", |l| td_string!(l, invoices.amount_excl_tax), |i: &InvoiceSummary| {
            view! { <MoneyText money=i.total_excl_tax.clone() /> }
        })
        .numeric(),
        sort(
            Column::new("totalInclTax", |l| td_string!(l, invoices.amount_incl_tax), |i: &InvoiceSummary| {
                view! { <MoneyText money=i.total_incl_tax.clone() /> }
            })
            .numeric(),
        ),
        sort(
            Column::new("balanceDue", |l| td_string!(l, invoices.balance), |i: &InvoiceSummary| {
                let owing = !i.balance_due.amount.is_zero();
                view! { <span class:amount--due=owing><MoneyText money=i.balance_due.clone() /></span> }
            })
            .numeric(),
        ),
        Column::new("status", |l| td_string!(l, invoices.status), |i: &InvoiceSummary| {
            view! { <InvoiceStatusBadge status=i.status /> }
        }),
    ]
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = newest_first();
    let invoices = api_resource(move |cancel| {
        let query = InvoiceQuery {
            sort: Some(api_sort(sort.get())),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..InvoiceQuery::default()
        };
        api.invoices(&query, cancel)
    });
    let count = CountLabel {
        one: |l, count| td_string!(l, invoices.count.one, count).to_string(),
        other: |l, count| td_string!(l, invoices.count.other, count).to_string(),
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), invoices.title).to_owned())>
            <PagedTable resource=invoices columns=|| invoice_columns(true) sort count
                caption=|l| td_string!(l, invoices.caption) empty=|l| td_string!(l, invoices.empty)
                testid="invoices-table" />
        </Page>
    }
}

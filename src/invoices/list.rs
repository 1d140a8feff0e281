//! The invoices list, newest first, page by page. The balance due shows in
//! red when something is left to pay, as in the customer's OVHcloud habits.
//! Sorting is done by the API, so it covers every page, not just this one.

use crate::api::models::InvoiceSummary;
use crate::api::models::query::{InvoiceQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::Label;
use crate::components::{
    Column, DataTable, DateText, InvoiceStatusBadge, MoneyText, Page, Pagination, TableSort,
    TableState, page_from_query,
};
use crate::format::{PluralCategory, format_count, plural_category};
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

fn api_sort(sort: Option<TableSort>) -> Sort {
    match sort {
        Some(TableSort {
            key,
            ascending: true,
        }) => Sort::asc(key),
        Some(TableSort {
            key,
            ascending: false,
        }) => Sort::desc(key),
        None => Sort::desc("date"),
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = RwSignal::new(Some(TableSort {
        key: "date",
        ascending: false,
    }));
    let invoices = api_resource(move |cancel| {
        let query = InvoiceQuery {
            sort: Some(api_sort(sort.get())),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..InvoiceQuery::default()
        };
        api.invoices(&query, cancel)
    });
    let caption: Label = |l| td_string!(l, invoices.caption);
    let empty: Label = |l| td_string!(l, invoices.empty);
    let content = move || {
        match invoices.get() {
        None => view! {
            <p class="list-summary" aria-hidden="true">"\u{a0}"</p>
            <DataTable columns=invoice_columns(true) rows=Vec::new() caption sort state=TableState::Loading />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <p class="list-summary" aria-hidden="true">"\u{a0}"</p>
            <DataTable columns=invoice_columns(true) rows=Vec::new() caption sort
                state=TableState::Failed(error, Callback::new(move |_| invoices.refetch())) />
        }
        .into_any(),
        Some(Ok(result)) => {
            let total = result.total;
            let count = move || {
                let locale = i18n.get_locale();
                let count = format_count(total, locale);
                match plural_category(locale, total) {
                    PluralCategory::One => td_string!(locale, invoices.count.one, count).to_string(),
                    PluralCategory::Other => td_string!(locale, invoices.count.other, count).to_string(),
                }
            };
            view! {
                <p class="list-summary">{count}</p>
                <DataTable columns=invoice_columns(true) rows=result.items caption sort empty testid="invoices-table" />
                <Pagination page=result.page page_size=result.page_size total=result.total />
            }
            .into_any()
        }
    }
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), invoices.title).to_owned())>
            {content}
        </Page>
    }
}

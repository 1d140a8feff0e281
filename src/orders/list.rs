//! The orders list: date, number, state and amount incl. tax, newest first,
//! page by page (the page number lives in the URL so it can be shared).
//! Sorting is done by the API, so it covers every page, not just this one.

use crate::api::models::OrderSummary;
use crate::api::models::query::OrderQuery;
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, CountLabel, DataTable, DateText, MoneyText, OrderStatusBadge, Page, PagedTable,
    api_sort, newest_first, page_from_query,
};
use crate::i18n::*;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

/// The columns of an orders table; `sortable` lets the API sort by date,
/// status and amount.
pub fn order_columns(sortable: bool) -> Vec<Column<OrderSummary>> {
    let sort = |column: Column<OrderSummary>| if sortable { column.sortable() } else { column };
    vec![
        sort(Column::new(
            "date",
            |l| td_string!(l, orders.date),
            |o: &OrderSummary| view! { <DateText instant=o.date /> },
        )),
        Column::new(
            "number",
            |l| td_string!(l, orders.number),
            |o: &OrderSummary| view! { <a href=crate::routes::order(&o.id)>{o.id.clone()}</a> },
        ),
        sort(Column::new(
            "status",
            |l| td_string!(l, orders.status),
            |o: &OrderSummary| {
                view! { <OrderStatusBadge status=o.status /> }
            },
        )),
        sort(
            Column::new(
                "totalInclTax",
                |l| td_string!(l, orders.amount_incl_tax),
                |o: &OrderSummary| {
                    view! { <MoneyText money=o.total_incl_tax.clone() /> }
                },
            )
            .numeric(),
        ),
    ]
}

/// A plain orders table (the dashboard's latest orders).
#[component]
pub fn OrdersTable(
    orders: Vec<OrderSummary>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <DataTable columns=order_columns(false) rows=orders caption=|l| td_string!(l, orders.caption)
            empty=|l| td_string!(l, dashboard.no_orders) testid=testid.unwrap_or("orders-table") />
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = newest_first();
    let orders = api_resource(move |cancel| {
        let query = OrderQuery {
            sort: Some(api_sort(sort.get())),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..OrderQuery::default()
        };
        api.orders(&query, cancel)
    });
    let count = CountLabel {
        one: |l, count| td_string!(l, orders.count.one, count).to_string(),
        other: |l, count| td_string!(l, orders.count.other, count).to_string(),
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), orders.title).to_owned())>
            <PagedTable resource=orders columns=|| order_columns(true) sort count
                caption=|l| td_string!(l, orders.caption) empty=|l| td_string!(l, orders.empty)
                testid="orders-table" />
        </Page>
    }
}

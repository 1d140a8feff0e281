//! The orders list: date, number, state and amount incl. tax, newest first,
//! page by page (the page number lives in the URL so it can be shared).
//! Sorting is done by the API, so it covers every page, not just this one.

use crate::api::models::OrderSummary;
use crate::api::models::query::{OrderQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::Label;
use crate::components::{
    Column, DataTable, DateText, MoneyText, OrderStatusBadge, Page, Pagination, TableSort,
    TableState, page_from_query,
};
use crate::format::{PluralCategory, format_count, plural_category};
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
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = RwSignal::new(Some(TableSort {
        key: "date",
        ascending: false,
    }));
    let orders = api_resource(move |cancel| {
        let query = OrderQuery {
            sort: Some(api_sort(sort.get())),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..OrderQuery::default()
        };
        api.orders(&query, cancel)
    });
    let caption: Label = |l| td_string!(l, orders.caption);
    let empty: Label = |l| td_string!(l, orders.empty);
    let content = move || {
        match orders.get() {
        None => view! {
            <p class="list-summary" aria-hidden="true">"\u{a0}"</p>
            <DataTable columns=order_columns(true) rows=Vec::new() caption sort state=TableState::Loading />
        }
        .into_any(),
        Some(Err(error)) => view! {
            <p class="list-summary" aria-hidden="true">"\u{a0}"</p>
            <DataTable columns=order_columns(true) rows=Vec::new() caption sort
                state=TableState::Failed(error, Callback::new(move |_| orders.refetch())) />
        }
        .into_any(),
        Some(Ok(result)) => {
            let total = result.total;
            let count = move || {
                let locale = i18n.get_locale();
                let count = format_count(total, locale);
                match plural_category(locale, total) {
                    PluralCategory::One => td_string!(locale, orders.count.one, count).to_string(),
                    PluralCategory::Other => td_string!(locale, orders.count.other, count).to_string(),
                }
            };
            view! {
                <p class="list-summary">{count}</p>
                <DataTable columns=order_columns(true) rows=result.items caption sort empty testid="orders-table" />
                <Pagination page=result.page page_size=result.page_size total=result.total />
            }
            .into_any()
        }
    }
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), orders.title).to_owned())>
            {content}
        </Page>
    }
}

//! The five latest orders, with a way to the full list.

use crate::api::models::query::{OrderQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, DataTable, EmptyState, TableState};
use crate::i18n::*;
use crate::orders::{OrdersTable, order_columns};
use crate::routes;
use leptos::prelude::*;

const LATEST_COUNT: u32 = 5;

#[component]
pub fn LatestOrders() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = OrderQuery {
        sort: Some(Sort::desc("date")),
        page: Some(1),
        page_size: Some(LATEST_COUNT),
        ..OrderQuery::default()
    };
    let orders = api_resource(move |cancel| api.orders(&query, cancel));
    view! {
        <section class="card latest-orders" aria-labelledby="latest-orders-title">
            <h2 id="latest-orders-title" class="card__title">{t!(i18n, dashboard.latest_orders)}</h2>
            <AsyncSection
                resource=orders
                skeleton=|| view! {
                    <DataTable columns=order_columns(false) rows=Vec::new()
                        caption=|l| td_string!(l, orders.caption) state=TableState::Loading />
                }
                render=move |page| {
                    if page.items.is_empty() {
                        view! { <EmptyState message=|l| td_string!(l, dashboard.no_orders) /> }.into_any()
                    } else {
                        view! { <OrdersTable orders=page.items testid="latest-orders" /> }.into_any()
                    }
                }
            />
            <p class="card__footer">
                <a href=routes::href(routes::ORDERS) data-testid="see-orders">{t!(i18n, dashboard.see_orders)}</a>
            </p>
        </section>
    }
}

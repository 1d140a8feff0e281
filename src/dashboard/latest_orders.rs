//! The five latest orders, with a way to the full list.

use crate::api::models::query::{OrderQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, SkeletonRows};
use crate::i18n::*;
use crate::orders::OrdersTable;
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
                skeleton=|| view! { <SkeletonRows rows=LATEST_COUNT as usize columns=4 /> }
                render=move |page| {
                    if page.items.is_empty() {
                        view! { <p class="empty-state">{t!(i18n, dashboard.no_orders)}</p> }.into_any()
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

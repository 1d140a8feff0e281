//! The orders list: date, number, state and amount incl. tax, newest first,
//! page by page (the page number lives in the URL so it can be shared).

use crate::api::models::OrderSummary;
use crate::api::models::query::{OrderQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, DateText, MoneyText, OrderStatusBadge, Page, Pagination, SkeletonRows, page_from_query};
use crate::format::{PluralCategory, format_count, plural_category};
use crate::i18n::*;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

#[component]
pub fn OrdersTable(orders: Vec<OrderSummary>, #[prop(optional)] testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll">
            <table class="data-table" data-testid=testid>
                <caption class="visually-hidden">{t!(i18n, orders.caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, orders.date)}</th>
                        <th scope="col">{t!(i18n, orders.number)}</th>
                        <th scope="col">{t!(i18n, orders.status)}</th>
                        <th scope="col" class="data-table__numeric">{t!(i18n, orders.amount_incl_tax)}</th>
                    </tr>
                </thead>
                <tbody>
                    {orders
                        .into_iter()
                        .map(|order| view! {
                            <tr>
                                <td data-column="date"><DateText instant=order.date /></td>
                                <td data-column="number">{order.id}</td>
                                <td data-column="status"><OrderStatusBadge status=order.status /></td>
                                <td data-column="amount" class="data-table__numeric"><MoneyText money=order.total_incl_tax /></td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let orders = api_resource(move |cancel| {
        let query = OrderQuery {
            sort: Some(Sort::desc("date")),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..OrderQuery::default()
        };
        api.orders(&query, cancel)
    });
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), orders.title).to_owned())>
            <AsyncSection
                resource=orders
                skeleton=|| view! { <SkeletonRows rows=8 columns=4 /> }
                render=move |result| {
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
                        {if result.items.is_empty() {
                            view! { <p class="empty-state">{t!(i18n, orders.empty)}</p> }.into_any()
                        } else {
                            view! { <OrdersTable orders=result.items.clone() testid="orders-table" /> }.into_any()
                        }}
                        <Pagination page=result.page page_size=result.page_size total=result.total />
                    }
                }
            />
        </Page>
    }
}

//! One order: its summary (dates, state, billing contact, totals), the
//! products ordered, the 4-step tracking, and its HTML and PDF renditions.

use crate::api::models::{Order, OrderLine};
use crate::api::{ApiError, api_resource, use_api};
use crate::components::{
    AsyncSection, Column, DataTable, DateText, Document, DocumentLinks, MoneyText,
    OrderStatusBadge, Page, SkeletonRows, StepTracker,
};
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn line_columns() -> Vec<Column<OrderLine>> {
    vec![
        Column::new(
            "description",
            |l| td_string!(l, orders.description),
            |line: &OrderLine| line.description.clone(),
        ),
        Column::new(
            "reference",
            |l| td_string!(l, orders.service_reference),
            |line: &OrderLine| line.service_reference.clone(),
        ),
        Column::new(
            "quantity",
            |l| td_string!(l, orders.quantity),
            |line: &OrderLine| line.quantity.normalize().to_string(),
        )
        .numeric(),
        Column::new(
            "unit",
            |l| td_string!(l, orders.unit_price_excl_tax),
            |line: &OrderLine| {
                view! { <MoneyText money=line.unit_price_excl_tax.clone() /> }
            },
        )
        .numeric(),
        Column::new(
            "total",
            |l| td_string!(l, orders.total_excl_tax),
            |line: &OrderLine| {
                view! { <MoneyText money=line.total_excl_tax.clone() /> }
            },
        )
        .numeric(),
    ]
}

#[component]
fn OrderSummaryCard(order: Order, #[prop(into)] reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    // Only http(s) URLs become links (see `crate::safe_url`).
    let documents = vec![
        Document {
            label: |l| td_string!(l, orders.view_html),
            name: |l| td_string!(l, safe_links.html_version),
            href: api.rendition_url(&order.html_url).ok(),
        },
        Document {
            label: |l| td_string!(l, orders.view_pdf),
            name: |l| td_string!(l, safe_links.pdf_version),
            href: api.rendition_url(&order.pdf_url).ok(),
        },
    ];
    let contact = order.billing_contact.clone();
    view! {
        <section class="card" aria-labelledby="order-summary">
            <h2 id="order-summary" class="card__title">{t!(i18n, orders.summary)}</h2>
            <dl class="details">
                <dt>{t!(i18n, orders.date)}</dt><dd><DateText instant=order.date /></dd>
                <dt>{t!(i18n, orders.status)}</dt><dd><OrderStatusBadge status=order.status /></dd>
                <dt>{t!(i18n, orders.expires)}</dt><dd><DateText instant=order.expiration_date /></dd>
                {order.withdrawal_deadline.map(|deadline| view! {
                    <dt>{t!(i18n, orders.withdrawal_deadline)}</dt><dd><DateText instant=deadline /></dd>
                })}
                <dt>{t!(i18n, orders.billing_contact)}</dt>
                <dd>{contact.name}<br />{contact.email}<br />{contact.address}</dd>
                <dt>{t!(i18n, orders.total_excl_tax)}</dt><dd><MoneyText money=order.total_excl_tax.clone() /></dd>
                <dt>{t!(i18n, orders.tax)}</dt><dd><MoneyText money=order.tax.clone() /></dd>
                <dt>{t!(i18n, orders.amount_incl_tax)}</dt><dd><strong><MoneyText money=order.total_incl_tax.clone() /></strong></dd>
            </dl>
            <DocumentLinks documents retry=reload />
        </section>
        <section class="card" aria-labelledby="order-lines">
            <h2 id="order-lines" class="card__title">{t!(i18n, orders.lines_caption)}</h2>
            <DataTable columns=line_columns() rows=order.lines caption=|l| td_string!(l, orders.lines_caption)
                testid="order-lines" />
        </section>
    }
}

#[component]
fn FollowUpCard(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let follow_up = api_resource(move |cancel| api.order_follow_up(&id, cancel));
    view! {
        <section class="card" aria-labelledby="order-follow-up">
            <h2 id="order-follow-up" class="card__title">{t!(i18n, orders.follow_up)}</h2>
            {move || match follow_up.get() {
                None => view! { <SkeletonRows rows=4 /> }.into_any(),
                Some(Ok(steps)) => view! { <StepTracker follow_up=steps /> }.into_any(),
                // Old orders have no tracking: a 404 here is a fact, not a failure.
                Some(Err(ApiError::Http { status: 404, .. })) => {
                    view! { <p class="empty-state">{t!(i18n, orders.no_follow_up)}</p> }.into_any()
                }
                Some(Err(error)) => view! {
                    <crate::components::ErrorPanel error retry=Callback::new(move |_| follow_up.refetch()) />
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let order = api_resource(move |cancel| api.order(&id(), cancel));
    let title = Signal::derive(move || {
        td_string!(i18n.get_locale(), orders.detail_title, id = id()).to_string()
    });
    view! {
        <Page title>
            <p><a href=routes::href(routes::ORDERS)>{t!(i18n, orders.back)}</a></p>
            <div class="detail">
                <AsyncSection
                    resource=order
                    skeleton=|| view! { <SkeletonRows rows=8 columns=2 /> }
                    render=move |order_data: Order| view! {
                        <OrderSummaryCard order=order_data reload=move |_| order.refetch() />
                    }
                />
                {move || view! { <FollowUpCard id=id() /> }}
            </div>
        </Page>
    }
}

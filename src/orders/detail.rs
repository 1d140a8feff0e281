//! One order: its summary (dates, state, billing contact, totals), the
//! products ordered, what the customer can do with it (pay it, withdraw),
//! its tracking, and its HTML and PDF renditions.

use super::actions::{ACTION_PARAM, ACTION_PAY, ACTION_WITHDRAW, tracking_path};
use super::pay::PayOrderDialog;
use super::status::OrderStatusInfo;
use super::tracking::OrderTracking;
use super::withdrawal::{Withdrawal, WithdrawalDialog, refusal_text, withdrawal_for};
use crate::api::models::{CustomerKind, Order, OrderLine, OrderStatus};
use crate::api::{api_resource, use_api};
use crate::checkout::CheckoutReturn;
use crate::components::{
    AsyncSection, Button, ButtonVariant, Column, DataTable, DateText, Document, DocumentLinks,
    MoneyText, Page, SkeletonRows, ToastTone, Toasts,
};
use crate::i18n::*;
use crate::routes;
use crate::session::CurrentCustomer;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use wasm_bindgen::JsCast;

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

fn now() -> crate::api::models::DateTimeOffset {
    chrono::Utc::now().fixed_offset()
}

/// The action the URL asks to open (`?action=pay`), unless the customer is
/// just back from the bank's page (the outcome is shown instead).
fn requested_action() -> Option<String> {
    let query = use_query_map();
    query.with_untracked(|q| {
        q.get_str("payment")
            .is_none()
            .then(|| q.get(ACTION_PARAM))
            .flatten()
    })
}

/// The order's status control. Once paying or withdrawing changed the order,
/// focus goes there: the customer hears the outcome (checking, being
/// cancelled) with its explanation, instead of being dropped at the top of
/// the page when the control that opened the dialog is gone.
const STATUS_CONTROL: &str = "[data-testid=order-status-value] [data-testid=order-status]";
const PAY_TRIGGER: &str = "[data-testid=pay-order]";
const WITHDRAW_TRIGGER: &str = "[data-testid=withdraw-order]";

/// Focuses the first element on the page matching one of `selectors`, once
/// the current work is over (the dialog's own close and focus return, a
/// re-render of the order).
fn focus_first_soon(selectors: &'static [&'static str]) {
    leptos::prelude::set_timeout(
        move || {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let found = selectors.iter().find_map(|selector| {
                document
                    .query_selector(selector)
                    .ok()
                    .flatten()
                    .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            });
            if let Some(element) = found {
                let _ = element.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// A dialog closed: focus back on the control that opens it. The dialog
/// returns focus to whatever opened it, but one opened from the list's row
/// menu (`?action=pay`) had nothing on this page to return to.
fn refocus_trigger_on_close(open: RwSignal<bool>, trigger: &'static [&'static str]) {
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if was_open == Some(true) && !is_open {
            focus_first_soon(trigger);
        }
        is_open
    });
}

/// A short confirmation at the bottom of the screen, when the shell shows toasts.
fn confirm_with_toast(message: String) {
    if let Some(toasts) = use_context::<Toasts>() {
        toasts.show(message, ToastTone::Success);
    }
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
                <dt>{t!(i18n, orders.status)}</dt>
                <dd data-testid="order-status-value" data-status=order.status.as_str()>
                    <OrderStatusInfo status=order.status expires=order.expiration_date />
                </dd>
                <dt>{t!(i18n, orders.expires)}</dt><dd><DateText instant=order.expiration_date /></dd>
                {order.withdrawal_deadline.map(|deadline| view! {
                    <dt>{t!(i18n, orders.withdrawal_deadline)}</dt><dd><DateText instant=deadline /></dd>
                })}
                <dt>{t!(i18n, orders.billing_contact)}</dt>
                <dd class="details__contact">{contact.name}<br />{contact.email}<br />{contact.address}</dd>
                <dt>{t!(i18n, orders.total_excl_tax)}</dt>
                <dd data-testid="order-total-excl-tax"><MoneyText money=order.total_excl_tax.clone() /></dd>
                <dt>{t!(i18n, orders.tax)}</dt>
                <dd data-testid="order-tax"><MoneyText money=order.tax.clone() /></dd>
                <dt>{t!(i18n, orders.amount_incl_tax)}</dt>
                <dd data-testid="order-total-incl-tax"><strong><MoneyText money=order.total_incl_tax.clone() /></strong></dd>
            </dl>
            <p class="card__footer">
                <a href=routes::href(&tracking_path(&order.id)) data-testid="order-tracking-link">{t!(i18n, actions.follow_up)}</a>
                {order.invoice_id.clone().map(|invoice| view! {
                    " · "
                    <a href=routes::invoice(&invoice) data-testid="order-invoice-link">{t!(i18n, order_actions.invoice)}</a>
                })}
            </p>
            <DocumentLinks documents retry=reload />
        </section>
        <section class="card" aria-labelledby="order-lines">
            <h2 id="order-lines" class="card__title">{t!(i18n, orders.lines_caption)}</h2>
            <DataTable columns=line_columns() rows=order.lines caption=|l| td_string!(l, orders.lines_caption)
                testid="order-lines" />
        </section>
    }
}

/// Paying an unpaid order: when it expires, and the button to the checkout.
#[component]
fn PayOrderCard(order: Order, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(requested_action().as_deref() == Some(ACTION_PAY));
    let expires = order.expiration_date;
    // The order's new state is loaded once the dialog closes, so the
    // customer reads the outcome in the dialog first.
    let settled = StoredValue::new(false);
    Effect::new(move |_| {
        if !open.get() && settled.get_value() {
            settled.set_value(false);
            on_change.run(());
        }
    });
    refocus_trigger_on_close(open, &[PAY_TRIGGER]);
    view! {
        <section class="card" aria-labelledby="order-pay">
            <h2 id="order-pay" class="card__title">{t!(i18n, order_payment.title)}</h2>
            <p>
                {move || {
                    let locale = i18n.get_locale();
                    let date = crate::format::format_date(&expires, locale);
                    td_string!(locale, order_payment.expiry_note, date).to_string()
                }}
            </p>
            <div>
                <Button variant=ButtonVariant::Primary on_click=Callback::new(move |_| open.set(true))
                    attr:data-testid="pay-order">
                    {t!(i18n, order_actions.pay)}
                </Button>
            </div>
            <PayOrderDialog open order_id=order.id.clone() amount=order.total_incl_tax.clone() expires
                on_done=Callback::new(move |_| settled.set_value(true)) />
        </section>
    }
}

/// The withdrawal right: the button when it applies, why not otherwise.
#[component]
fn WithdrawalCard(order: Order, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = use_context::<CurrentCustomer>()
        .map(|c| c.0.kind)
        .unwrap_or(CustomerKind::Unknown);
    let withdrawal = withdrawal_for(&order, kind, now());
    let wanted = requested_action().as_deref() == Some(ACTION_WITHDRAW);
    let body = match withdrawal {
        Withdrawal::Open { deadline } => {
            let open = RwSignal::new(wanted);
            refocus_trigger_on_close(open, &[WITHDRAW_TRIGGER]);
            view! {
                <p>{t!(i18n, order_withdrawal.available)}" "<strong><DateText instant=deadline /></strong></p>
                <div>
                    <Button variant=ButtonVariant::Danger on_click=Callback::new(move |_| open.set(true))
                        attr:data-testid="withdraw-order">
                        {t!(i18n, actions.cancel_order)}
                    </Button>
                </div>
                <WithdrawalDialog open order_id=order.id.clone() deadline
                    on_done=Callback::new(move |_| {
                        confirm_with_toast(td_string!(i18n.get_locale_untracked(), order_withdrawal.done).to_owned());
                        on_change.run(());
                    }) />
            }
            .into_any()
        }
        refused => view! {
            <p data-testid="withdrawal-why">{move || refusal_text(i18n.get_locale(), refused).unwrap_or_default()}</p>
        }
        .into_any(),
    };
    view! {
        <section class="card" aria-labelledby="order-withdrawal" data-testid="withdrawal-card">
            <h2 id="order-withdrawal" class="card__title">{t!(i18n, order_withdrawal.card_title)}</h2>
            {body}
        </section>
    }
}

#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let order = api_resource(move |cancel| api.order(&id.get(), cancel));
    let refresh = Callback::new(move |_| order.refetch());
    // After a payment or a withdrawal the order is loaded again and its cards
    // drawn anew: focus goes to the control that opened the dialog if the page
    // still has it (a failed payment leaves the order to pay), else to the
    // order's new status.
    let focus_after_reload = StoredValue::new(None::<&'static [&'static str]>);
    let after_action = move |targets: &'static [&'static str]| {
        Callback::new(move |_| {
            focus_after_reload.set_value(Some(targets));
            order.refetch();
        })
    };
    Effect::new(move |_| {
        if let Some(Ok(_)) = order.get()
            && let Some(targets) = focus_after_reload.get_value()
        {
            focus_after_reload.set_value(None);
            focus_first_soon(targets);
        }
    });
    let title = Signal::derive(move || {
        td_string!(i18n.get_locale(), orders.detail_title, id = id.get()).to_string()
    });
    view! {
        <Page title>
            <p><a href=routes::href(routes::ORDERS)>{t!(i18n, orders.back)}</a></p>
            <CheckoutReturn />
            <div class="detail">
                <AsyncSection
                    resource=order
                    skeleton=|| view! { <SkeletonRows rows=8 columns=2 /> }
                    render=move |order: Order| {
                        let unpaid = order.status == OrderStatus::NotPaid;
                        let payable = order.clone();
                        view! {
                            <OrderSummaryCard order=order.clone() reload=refresh />
                            {unpaid.then(|| view! {
                                <PayOrderCard order=payable on_change=after_action(&[PAY_TRIGGER, STATUS_CONTROL]) />
                            })}
                            <WithdrawalCard order on_change=after_action(&[WITHDRAW_TRIGGER, STATUS_CONTROL]) />
                        }
                    }
                />
                <section class="card" aria-labelledby="order-follow-up">
                    <h2 id="order-follow-up" class="card__title">{t!(i18n, orders.follow_up)}</h2>
                    <OrderTracking id=id />
                </section>
            </div>
        </Page>
    }
}

/// `/orders/:id/tracking`: the order's tracking on its own page.
#[component]
pub fn OrderTrackingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let title = Signal::derive(move || {
        td_string!(i18n.get_locale(), order_tracking.page_title, id = id.get()).to_string()
    });
    view! {
        <Page title>
            <p>
                <a href=move || routes::order(&id.get()) data-testid="tracking-back">
                    {move || td_string!(i18n.get_locale(), order_tracking.back, id = id.get()).to_string()}
                </a>
            </p>
            <section class="card" aria-labelledby="order-tracking-title">
                <h2 id="order-tracking-title" class="card__title">{t!(i18n, orders.follow_up)}</h2>
                <OrderTracking id=id />
            </section>
        </Page>
    }
}

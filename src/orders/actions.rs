//! A row's "…" menu in the orders list: tracking, the order as HTML and PDF,
//! paying it, withdrawing, its invoice. Only what applies to the order is
//! offered. Paying and withdrawing open their dialog on the order's page,
//! where the customer sees what they are paying or cancelling.

use crate::api::models::{OrderStatus, OrderSummary};
use crate::api::use_api;
use crate::components::{ActionMenu, MenuItem};
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use send_wrapper::SendWrapper;

/// `?action=` on an order's page: open this dialog once the order is shown.
pub const ACTION_PARAM: &str = "action";
pub const ACTION_PAY: &str = "pay";
pub const ACTION_WITHDRAW: &str = "withdraw";

/// The path of an order's tracking page (inside the router, without the base).
pub fn tracking_path(id: &str) -> String {
    format!(
        "{}/{}/tracking",
        routes::ORDERS,
        billing_contract::query::percent_encode(id)
    )
}

/// The path of an order's page opening `action`.
pub fn order_action_path(id: &str, action: &str) -> String {
    format!(
        "{}/{}?{ACTION_PARAM}={action}",
        routes::ORDERS,
        billing_contract::query::percent_encode(id)
    )
}

/// Which actions an order offers, in menu order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Tracking,
    Html,
    Pdf,
    Pay,
    Withdraw,
    Invoice,
}

pub fn row_actions(order: &OrderSummary) -> Vec<RowAction> {
    let mut actions = vec![RowAction::Tracking];
    if order.html_url.is_some() {
        actions.push(RowAction::Html);
    }
    if order.pdf_url.is_some() {
        actions.push(RowAction::Pdf);
    }
    if order.status == OrderStatus::NotPaid {
        actions.push(RowAction::Pay);
    }
    if order.withdrawable {
        actions.push(RowAction::Withdraw);
    }
    if order.invoice_id.is_some() {
        actions.push(RowAction::Invoice);
    }
    actions
}

/// Opens a rendition in a new tab, without giving it a handle on the portal.
fn open_in_new_tab(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
    }
}

#[component]
pub fn OrderRowActions(order: OrderSummary) -> impl IntoView {
    let api = use_api();
    // Menu actions must be `Send`; the browser runs them on its one thread.
    let navigate = SendWrapper::new(use_navigate());
    let go = move |path: String| {
        let navigate = navigate.clone();
        move || navigate(&path, NavigateOptions::default())
    };
    let id = order.id.clone();
    let items = row_actions(&order)
        .into_iter()
        .map(|action| match action {
            RowAction::Tracking => {
                MenuItem::new(|l| td_string!(l, actions.follow_up), go(tracking_path(&id)))
            }
            RowAction::Html => {
                // A URL the rule refuses opens nothing (the detail page says why).
                let url = api
                    .rendition_url(order.html_url.as_deref().unwrap_or_default())
                    .ok();
                MenuItem::new(
                    |l| td_string!(l, actions.view_html),
                    move || url.iter().for_each(|url| open_in_new_tab(url)),
                )
            }
            RowAction::Pdf => {
                let url = api
                    .rendition_url(order.pdf_url.as_deref().unwrap_or_default())
                    .ok();
                MenuItem::new(
                    |l| td_string!(l, actions.view_pdf),
                    move || url.iter().for_each(|url| open_in_new_tab(url)),
                )
            }
            RowAction::Pay => MenuItem::new(
                |l| td_string!(l, order_actions.pay),
                go(order_action_path(&id, ACTION_PAY)),
            ),
            RowAction::Withdraw => MenuItem::new(
                |l| td_string!(l, actions.cancel_order),
                go(order_action_path(&id, ACTION_WITHDRAW)),
            )
            .danger(),
            RowAction::Invoice => {
                let invoice = order.invoice_id.clone().unwrap_or_default();
                MenuItem::new(
                    |l| td_string!(l, order_actions.invoice),
                    go(format!(
                        "{}/{}",
                        routes::INVOICES,
                        billing_contract::query::percent_encode(&invoice)
                    )),
                )
            }
        })
        .collect();
    view! {
        <span class="order-actions" data-testid="order-actions" data-order=order.id.clone()>
            <ActionMenu label=|l| td_string!(l, actions.label) items />
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{DateTimeOffset, Money, OrderKind};
    use rust_decimal::Decimal;

    fn summary(status: OrderStatus) -> OrderSummary {
        let at = DateTimeOffset::parse_from_rfc3339("2026-11-20T10:00:00+01:00").unwrap();
        OrderSummary {
            id: "212000001".into(),
            date: at,
            status,
            total_excl_tax: Money::eur(Decimal::ONE),
            total_incl_tax: Money::eur(Decimal::ONE),
            expiration_date: at,
            kind: OrderKind::Purchase,
            withdrawable: false,
            invoice_id: None,
            html_url: Some("/o.html".into()),
            pdf_url: Some("/o.pdf".into()),
        }
    }

    #[test]
    fn only_what_applies_is_offered() {
        use RowAction::*;
        assert_eq!(
            row_actions(&summary(OrderStatus::NotPaid)),
            [Tracking, Html, Pdf, Pay]
        );
        let mut paid = summary(OrderStatus::Delivered);
        paid.withdrawable = true;
        paid.invoice_id = Some("inv-1".into());
        assert_eq!(row_actions(&paid), [Tracking, Html, Pdf, Withdraw, Invoice]);
    }

    #[test]
    fn paths_keep_the_id_in_its_segment() {
        assert_eq!(tracking_path("212"), "/orders/212/tracking");
        assert_eq!(
            order_action_path("a/b", ACTION_PAY),
            "/orders/a%2Fb?action=pay"
        );
    }
}

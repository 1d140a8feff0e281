//! The dashboard: what is due, the latest orders, and what needs attention in
//! the saved payment methods.

mod balance;
mod latest_orders;
mod payment_method_alerts;

use crate::components::Page;
use crate::i18n::*;
use leptos::prelude::*;

pub use payment_method_alerts::{cards_expiring_soon, lacks_default_method};

/// The longest the balance and the orders wait for the payment-method alerts.
const ALERTS_WAIT: std::time::Duration = std::time::Duration::from_millis(1500);

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    // The alerts go above everything else, and arrive when they arrive: were
    // the balance and the orders shown first, the alerts would push them half
    // a screen down (Lighthouse measured 0.5–0.65 CLS on a phone). So the
    // cards load at once but show when the alerts are known (or failed), or
    // after `ALERTS_WAIT` at worst, so a slow alerts call never hides the balance.
    let alerts_known = RwSignal::new(false);
    set_timeout(
        move || {
            alerts_known.try_set(true);
        },
        ALERTS_WAIT,
    );
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), dashboard.title).to_owned())>
            <div class="dashboard" class:dashboard--awaiting-alerts=move || !alerts_known.get()>
                <payment_method_alerts::PaymentMethodAlerts known=alerts_known />
                <balance::BalanceCard />
                <latest_orders::LatestOrders />
            </div>
        </Page>
    }
}

//! The dashboard: what is due, the latest orders, and what needs attention in
//! the saved payment methods.

mod balance;
mod latest_orders;
mod payment_method_alerts;

use crate::components::Page;
use crate::i18n::*;
use leptos::prelude::*;

pub use payment_method_alerts::{cards_expiring_soon, lacks_default_method};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), dashboard.title).to_owned())>
            <div class="dashboard">
                <payment_method_alerts::PaymentMethodAlerts />
                <balance::BalanceCard />
                <latest_orders::LatestOrders />
            </div>
        </Page>
    }
}

//! The user journeys, each run in a fresh browser session after a dev-API reset.
//! To add one: write `pub async fn name(browser: &Browser) -> Result<()>` in a module
//! and list it in [`everywhere`] when it depends on where the portal is hosted (links,
//! navigation, reloads, config and asset paths), else in [`root_only`]: the `/billing/` run
//! repeats only the first list, which keeps CI's time in check. At `/`, the journeys of
//! [`through_ovhcloud`] then run a second time with config.json selecting the OVHcloud
//! adapter (printed `name [ovhcloud]`): the same pages, the same seed, the same amounts.

mod accessibility;
mod chunks;
mod dashboard;
mod details;
mod errors;
mod hostile_backend;
mod invoice_actions;
mod invoice_payments;
mod invoices;
mod orders;
mod ovhcloud;
mod payment_methods;
mod payments;
mod phone;
mod shell;

use std::future::Future;
use std::pin::Pin;

use anyhow::Result;

use crate::browser::Browser;

pub type JourneyFuture<'a> = Pin<Box<dyn Future<Output = Result<()>> + 'a>>;

pub struct Journey {
    pub name: &'static str,
    pub run: for<'a> fn(&'a Browser) -> JourneyFuture<'a>,
    /// Which API shape the portal is configured to speak for this run.
    pub adapter: Adapter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adapter {
    /// Our contract at `/api/v1` (the default config).
    Reference,
    /// OVHcloud's API v1 shape at the dev API's `/ovh/1.0`.
    Ovhcloud,
}

impl Journey {
    /// The name printed and matched by `E2E_FILTER`: `name [ovhcloud]` for the second run.
    pub fn label(&self) -> String {
        match self.adapter {
            Adapter::Reference => self.name.to_owned(),
            Adapter::Ovhcloud => format!("{} [ovhcloud]", self.name),
        }
    }
}

/// Builds the journey list from function paths; the name printed is the function's name.
macro_rules! journeys {
    ($($module:ident :: $function:ident),* $(,)?) => {
        vec![$(Journey {
            name: stringify!($function),
            run: |browser| Box::pin($module::$function(browser)),
            adapter: Adapter::Reference,
        }),*]
    };
}

/// The journeys for one run: under a sub-path only those that exercise the hosting path.
pub fn for_base_path(base_path: &str) -> Vec<Journey> {
    let mut journeys = everywhere();
    if base_path == "/" {
        journeys.extend(root_only());
        journeys.extend(through_ovhcloud().into_iter().map(|journey| Journey {
            adapter: Adapter::Ovhcloud,
            ..journey
        }));
    }
    journeys
}

/// Journeys run at `/` and again under `/billing/`, in the order they run.
pub fn everywhere() -> Vec<Journey> {
    journeys![
        shell::home_shows_customer_name_in_french,
        dashboard::dashboard_shows_balance_and_latest_orders_fr,
        shell::switching_language_keeps_the_page,
        errors::bad_config_shows_translated_error,
        errors::unauthorized_leads_to_sign_in_and_back,
        accessibility::axe_dashboard_and_404_fr_it,
        details::invoice_and_order_details_from_their_lists,
        invoices::invoices_filter_by_status_and_reference,
        accessibility::gallery_is_off_unless_configured,
        // Chunks are fetched relative to the loader: where the portal is hosted matters.
        chunks::pages_load_their_code_on_first_visit_and_survive_a_failed_chunk,
    ]
}

/// Journeys whose outcome does not depend on the hosting path: run at `/` only.
pub fn root_only() -> Vec<Journey> {
    journeys![
        // Under /billing/ these would repeat what the journeys above already prove of
        // the hosting path (the gallery's files: `gallery_is_off_unless_configured`).
        shell::switching_to_italian_changes_navigation,
        dashboard::dashboard_shows_balance_and_latest_orders_it,
        errors::balance_500_shows_error_and_retry_works,
        accessibility::axe_gallery_both_themes_and_languages,
        orders::orders_find_sort_and_url_round_trip_fr_it,
        orders::order_totals_and_tracking_fr_it,
        orders::order_tracking_refreshes_itself,
        orders::pay_unpaid_orders_directly_and_with_3ds,
        orders::withdrawal_by_a_consumer_and_its_refusals_fr,
        orders::withdrawal_refused_to_a_business_it,
        orders::orders_faults_show_clearly_and_retry,
        payment_methods::payment_methods_list_and_manage_fr,
        payment_methods::payment_methods_add_and_no_default_it,
        invoice_actions::invoice_list_sorts_selects_and_exports_fr_it,
        invoice_payments::invoice_payment_from_a_row_once_and_mixed_currencies_refused_fr_it,
        invoice_payments::invoice_payments_selection_and_balance_through_3ds_fr_it,
        payments::credit_notes_match_the_api_fr_it,
        payments::payments_errors_show_and_retry,
        payments::payments_csv_export_equals_the_api,
        hostile_backend::hostile_backend_urls_are_never_rendered_nor_followed,
        payments::payments_filter_link_and_explain_fr_it,
        phone::phone_every_page_fits_and_the_menu_reaches_everything,
        phone::phone_menu_and_filter_sheet_pass_axe,
        phone::desk_lists_scroll_with_the_page,
    ]
}

/// Journeys run again at `/` through the OVHcloud adapter, after the lists above: the
/// dashboard, orders with their tracking, invoices with filters and exports, payments and
/// payment methods. None of them knows which adapter answers; the few steps that drive
/// the reference API itself (its faults, its request counters) check
/// [`Browser::through_ovhcloud`] and are skipped there.
pub fn through_ovhcloud() -> Vec<Journey> {
    journeys![
        dashboard::dashboard_shows_balance_and_latest_orders_fr,
        orders::orders_find_sort_and_url_round_trip_fr_it,
        orders::order_totals_and_tracking_fr_it,
        invoices::invoices_filter_by_status_and_reference,
        invoice_actions::invoice_list_sorts_selects_and_exports_fr_it,
        payments::payments_filter_link_and_explain_fr_it,
        payments::payments_csv_export_equals_the_api,
        payment_methods::payment_methods_list_and_manage_fr,
        // The money mutations: paying an order (directly and at its `url`), withdrawing
        // (`retraction`), adding and deleting methods, paying a debt from a row.
        orders::pay_unpaid_orders_directly_and_with_3ds,
        orders::withdrawal_by_a_consumer_and_its_refusals_fr,
        payment_methods::payment_methods_add_and_no_default_it,
        invoice_payments::invoice_payment_from_a_row_once_and_mixed_currencies_refused_fr_it,
    ]
}

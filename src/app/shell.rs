//! The signed-in frame: skip link, header (with the navigation), the routed
//! page, the footer and the toasts.

use super::router::AppRoutes;
use crate::components::{Header, PageMounts, ToastRegion, provide_toasts};
use crate::i18n::*;
use crate::routes;
use crate::session::CurrentCustomer;
use leptos::prelude::*;
use leptos_router::components::Router;

#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    provide_context(PageMounts(RwSignal::new(0)));
    provide_toasts();
    let CurrentCustomer(customer) = expect_context::<CurrentCustomer>();
    let currency = customer.currency.to_string();
    let base = routes::base_path();
    // The deployment's support page, if it names one the URL rule accepts.
    let support = use_context::<crate::config::RuntimeConfig>()
        .and_then(|config| config.support_url)
        .as_deref()
        .and_then(crate::safe_url::site_link);
    view! {
        <Router base=base>
            // The frame the header measures itself against (style/layout.css).
            <div class="app-frame">
                <a class="skip-link" href="#main">{t!(i18n, app.skip_link)}</a>
                <Header />
                <main id="main" class="page" tabindex="-1">
                    <AppRoutes />
                </main>
                <footer class="app-footer">
                    <p>{move || td_string!(i18n.get_locale(), app.footer_note, currency = currency.as_str()).to_string()}</p>
                    {support.map(|href| view! {
                        <p><a href=href rel="noopener noreferrer" data-testid="support-link">{t!(i18n, app.support)}</a></p>
                    })}
                </footer>
            </div>
            <ToastRegion />
        </Router>
    }
}

//! The signed-in frame: skip link, header (with the navigation), the routed
//! page, the footer and the toasts.

use super::router::{AppRoutes, prefetch_page_at};
use crate::components::{Header, PageMounts, ToastRegion, link_around, provide_toasts};
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
            <div class="app-frame"
                on:pointerover=move |event| prefetch_link_target(event.target())
                on:focusin=move |event| prefetch_link_target(event.target())>
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

/// A pointer resting on a link, or the keyboard's focus reaching one, starts
/// fetching the code of the page it leads to (`prefetch_page_at`): a page's
/// first visit otherwise waits for its chunks after the click (130–350 ms at
/// full speed, `cargo xtask bench --only routes`), and a hand takes longer
/// than that to click. Only links of this portal lead to a chunk.
fn prefetch_link_target(target: Option<web_sys::EventTarget>) {
    thread_local! {
        // `pointerover` fires at every element crossed: one start per link.
        static LAST: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    let Some(link) = link_around(target) else {
        return;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    let Some(url) = document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|base| web_sys::Url::new_with_base(&href, &base).ok())
    else {
        return;
    };
    if url.origin() != window().location().origin().unwrap_or_default() {
        return;
    }
    let path = url.pathname();
    if LAST.with(|last| last.replace(path.clone())) != path {
        prefetch_page_at(&path);
    }
}

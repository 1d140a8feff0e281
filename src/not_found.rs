//! The page for an address the portal does not know.

use crate::components::Page;
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div data-testid="not-found">
            <Page title=Signal::derive(move || td_string!(i18n.get_locale(), not_found.title).to_owned())>
                <p>{t!(i18n, not_found.body)}</p>
                <p><a class="button button--primary" href=routes::href(routes::DASHBOARD)>{t!(i18n, not_found.back_home)}</a></p>
            </Page>
        </div>
    }
}

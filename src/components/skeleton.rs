//! Placeholders with the shape of what is loading, so the layout stays put.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn SkeletonRows(rows: usize, #[prop(default = 1)] columns: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" role="status" aria-busy="true">
            <span class="visually-hidden">{t!(i18n, app.loading)}</span>
            {(0..rows)
                .map(|_| {
                    view! {
                        <div class="skeleton__row" aria-hidden="true">
                            {(0..columns).map(|_| view! { <span class="skeleton__cell"></span> }).collect_view()}
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Shown while config.json and the session load: the frame of the page,
/// without words that could flash in the wrong language.
#[component]
pub fn StartupSkeleton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="startup" aria-busy="true">
            <div class="startup__header" aria-hidden="true"></div>
            <p class="visually-hidden" role="status">{t!(i18n, app.loading)}</p>
        </div>
    }
}

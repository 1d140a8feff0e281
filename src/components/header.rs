//! The header: the brand, the signed-in customer, the language and theme.

use crate::app::ThemeSignal;
use crate::config::RuntimeConfig;
use crate::i18n::*;
use crate::locale::{locale_code, locale_from_code, save_locale};
use crate::routes;
use crate::session::CurrentCustomer;
use crate::theme::{Theme, save_theme};
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<RuntimeConfig>();
    let CurrentCustomer(customer) = expect_context::<CurrentCustomer>();
    let product_name = config.brand.product_name.clone();
    let name = move || {
        product_name
            .clone()
            .unwrap_or_else(|| td_string!(i18n.get_locale(), app.product_fallback).to_owned())
    };
    let customer_id = customer.id.clone();
    view! {
        <header class="app-header">
            // The link's name is the visible product name (WCAG 2.5.3): the
            // logo is decorative.
            <a class="app-header__brand" href=routes::href(routes::DASHBOARD)>
                // Checked again here: the one URL rule (`crate::safe_url`).
                {config.brand.logo_url.as_deref().and_then(crate::safe_url::site_link).map(|src| view! {
                    <img class="app-header__logo" src=src alt="" width="32" height="32" />
                })}
                <span class="app-header__product">{name}</span>
            </a>
            <div class="app-header__tools">
                <p class="app-header__customer">
                    <span class="app-header__customer-name" data-testid="customer-name">
                        {customer.name.clone()}
                    </span>
                    <span class="app-header__customer-id">
                        {move || td_string!(i18n.get_locale(), header.customer_id, id = customer_id.as_str()).to_string()}
                    </span>
                </p>
                <LanguageMenu offered=config.locales.offered.clone() />
                <ThemeToggle />
            </div>
        </header>
    }
}

#[component]
fn LanguageMenu(offered: Vec<Locale>) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |event: leptos::ev::Event| {
        if let Some(locale) = locale_from_code(&event_target_value(&event)) {
            i18n.set_locale(locale);
            save_locale(locale);
        }
    };
    view! {
        <label class="language-menu">
            <span class="language-menu__label">{t!(i18n, header.language)}</span>
            <select class="language-menu__select" data-testid="language-select" on:change=on_change
                prop:value=move || locale_code(i18n.get_locale())>
                {offered
                    .into_iter()
                    .map(|locale| {
                        let code = locale_code(locale);
                        let label = match locale {
                            Locale::fr => td_string!(Locale::fr, languages.fr),
                            Locale::it => td_string!(Locale::it, languages.it),
                            Locale::en => td_string!(Locale::en, languages.en),
                        };
                        view! {
                            <option value=code lang=code selected=move || i18n.get_locale() == locale>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn ThemeToggle() -> impl IntoView {
    let i18n = use_i18n();
    let ThemeSignal(theme) = expect_context::<ThemeSignal>();
    let label = move || match theme.get() {
        Theme::Light => td_string!(i18n.get_locale(), header.theme_to_dark),
        Theme::Dark => td_string!(i18n.get_locale(), header.theme_to_light),
    };
    let toggle = move |_| {
        let next = theme.get_untracked().toggled();
        theme.set(next);
        save_theme(next);
    };
    view! {
        <button type="button" class="button button--ghost theme-toggle" data-testid="theme-toggle"
            aria-pressed=move || (theme.get() == Theme::Dark).to_string()
            on:click=toggle title=label>
            <span aria-hidden="true" class="theme-toggle__icon">
                {move || if theme.get() == Theme::Dark { "☀" } else { "☾" }}
            </span>
            <span class="visually-hidden">{label}</span>
        </button>
    }
}

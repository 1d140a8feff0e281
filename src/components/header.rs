//! The header: the brand, the primary navigation, the signed-in customer, the
//! language and the theme.
//!
//! Wide, everything shows: the brand and the customer's tools on one row, the
//! navigation as a row of tabs under it. On a phone or a narrow tablet (below
//! 52rem of its `.app-frame`, see style/layout.css) the header
//! is the brand and a menu button; the button opens the rest as a panel
//! under the header: the five destinations (the current one marked), the
//! customer's name and id, the language and the theme. Escape closes it and
//! gives the focus back to the button; choosing a destination closes it.

use super::{PrimaryNavigation, unique_id};
use crate::config::RuntimeConfig;
use crate::i18n::*;
use crate::locale::{locale_code, locale_from_code, save_locale};
use crate::routes;
use crate::session::CurrentCustomer;
use crate::theme::{Theme, ThemeSignal, save_theme};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

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
    let open = RwSignal::new(false);
    let panel_id = unique_id("app-menu");
    let button = NodeRef::<html::Button>::new();
    let panel = NodeRef::<html::Div>::new();

    // A destination chosen (or Back): the menu has done its job.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    // Opened: the focus goes to the current destination, so the customer
    // starts from where they are.
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let Some(panel) = panel.get_untracked() else {
            return;
        };
        let target = panel
            .query_selector("a[aria-current=\"page\"]")
            .ok()
            .flatten()
            .or_else(|| panel.query_selector("a").ok().flatten());
        if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = target.focus();
        }
    });
    let close_to_button = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            event.prevent_default();
            close_to_button();
        }
    };
    view! {
        <header class="app-header" class:app-header--open=move || open.get() on:keydown=on_keydown>
            // The link's name is the visible product name (WCAG 2.5.3): the
            // logo is decorative.
            <a class="app-header__brand" href=routes::href(routes::DASHBOARD)>
                // Checked again here: the one URL rule (`crate::safe_url`).
                {config.brand.logo_url.as_deref().and_then(crate::safe_url::site_link).map(|src| view! {
                    <img class="app-header__logo" src=src alt="" width="32" height="32" />
                })}
                <span class="app-header__product">{name}</span>
            </a>
            <button type="button" class="button button--ghost app-header__menu-button" data-testid="menu-button"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)>
                <span class="app-header__menu-icon" aria-hidden="true">
                    {move || if open.get() { "✕" } else { "☰" }}
                </span>
                <span>{t!(i18n, phone.menu)}</span>
            </button>
            // A destination chosen closes the menu, the current page's too
            // (its path does not change, so the effect above would not see it).
            <div class="app-header__menu" id=panel_id node_ref=panel data-testid="app-menu"
                on:click=move |event| {
                    if is_link_click(&event) {
                        open.set(false);
                    }
                }>
                <PrimaryNavigation />
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
            </div>
        </header>
    }
}

/// Whether `event` is a click on a link (or on something inside one).
pub fn is_link_click(event: &leptos::ev::MouseEvent) -> bool {
    link_around(event.target()).is_some()
}

/// The link an event's `target` is, or sits inside.
pub fn link_around(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
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
    // The name is visible text, not a hover tooltip: a touch screen has no hover.
    view! {
        <button type="button" class="button button--ghost theme-toggle" data-testid="theme-toggle"
            aria-pressed=move || (theme.get() == Theme::Dark).to_string()
            on:click=toggle>
            <span aria-hidden="true" class="theme-toggle__icon">
                {move || if theme.get() == Theme::Dark { "☀" } else { "☾" }}
            </span>
            <span class="theme-toggle__label">{label}</span>
        </button>
    }
}

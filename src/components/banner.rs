//! A message across the page: information, a warning, or danger.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    Info,
    Warning,
    Danger,
}

impl BannerKind {
    fn class(self) -> &'static str {
        match self {
            BannerKind::Info => "banner banner--info",
            BannerKind::Warning => "banner banner--warning",
            BannerKind::Danger => "banner banner--danger",
        }
    }
}

#[component]
pub fn Banner(
    kind: BannerKind,
    #[prop(into)] title: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class=kind.class() aria-label=title>
            <p class="banner__title">{title}</p>
            <div class="banner__body">{children()}</div>
        </section>
    }
}

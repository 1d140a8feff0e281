//! Buttons and links that look like buttons.
//!
//! One component for every action button so that the busy state works the
//! same everywhere: while an action is in flight the button says so to
//! assistive technology (`aria-busy`), shows a spinner, and cannot be pressed
//! again, which is what stops a payment from being submitted twice.

use leptos::prelude::*;

/// How prominent an action is. One primary action per view; danger for what
/// cannot be undone (cancelling an order, deleting a payment method).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonVariant {
    Primary,
    #[default]
    Secondary,
    Danger,
    Ghost,
}

impl ButtonVariant {
    pub fn class(self) -> &'static str {
        match self {
            ButtonVariant::Primary => "button button--primary",
            ButtonVariant::Secondary => "button button--secondary",
            ButtonVariant::Danger => "button button--danger",
            ButtonVariant::Ghost => "button button--ghost",
        }
    }
}

/// An action button.
///
/// - `busy`: the action is running; the button is disabled, announces
///   `aria-busy="true"` and ignores further clicks (no double submit).
/// - `disabled`: the action is not possible now.
/// - `submit`: a form's submit button (`type="submit"`); otherwise `type="button"`.
/// - `on_click`: runs on a click that is neither busy nor disabled.
/// - `class`: extra classes (the gallery forces `is-hover` / `is-focus`).
///
/// Attributes such as `attr:data-testid` pass through to the `<button>`.
#[component]
pub fn Button(
    #[prop(optional)] variant: ButtonVariant,
    #[prop(optional, into)] busy: Signal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] submit: bool,
    #[prop(optional, into)] on_click: Option<Callback<()>>,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        variant.class().to_owned()
    } else {
        format!("{} {class}", variant.class())
    };
    let click = move |event: leptos::ev::MouseEvent| {
        // A second click that arrives before the first one's re-render is
        // ignored here too, not only by the `disabled` attribute.
        if busy.get_untracked() || disabled.get_untracked() {
            event.prevent_default();
            return;
        }
        if let Some(on_click) = on_click {
            on_click.run(());
        }
    };
    view! {
        <button
            type=if submit { "submit" } else { "button" }
            class=class
            class:is-busy=move || busy.get()
            aria-busy=move || busy.get().then_some("true")
            disabled=move || busy.get() || disabled.get()
            on:click=click
        >
            <span class="button__spinner" aria-hidden="true"></span>
            <span class="button__label">{children()}</span>
        </button>
    }
}

/// A link styled as a button: for navigation (to another page, a PDF), never
/// for an action; those are [`Button`]s.
#[component]
pub fn LinkButton(
    #[prop(into)] href: String,
    #[prop(optional)] variant: ButtonVariant,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        variant.class().to_owned()
    } else {
        format!("{} {class}", variant.class())
    };
    view! { <a class=class href=href>{children()}</a> }
}

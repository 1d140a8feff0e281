//! What a list says when it has nothing to show: a plain, friendly sentence
//! (and, when useful, the next step), no illustration. Illustrations cost
//! bytes on every first load and say less than the sentence.

use super::Label;
use crate::i18n::*;
use leptos::prelude::*;

/// `message`: the sentence; `action`: an optional next step (a link or button).
#[component]
pub fn EmptyState(
    message: Label,
    #[prop(optional_no_strip)] action: Option<ViewFn>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty-state">
            <p class="empty-state__message">{move || message(i18n.get_locale())}</p>
            {action.map(|action| view! { <div class="empty-state__action">{action.run()}</div> })}
        </div>
    }
}

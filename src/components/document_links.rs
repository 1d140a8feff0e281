//! The links to a document's renditions (an invoice's or order's HTML and
//! PDF versions), which open in a new tab, or, for a rendition whose URL was
//! refused (see `crate::safe_url`), a translated "this document is not
//! available" in its place, with a way to ask again.

use super::Label;
use crate::i18n::*;
use leptos::prelude::*;

/// One rendition: the link's text, the document's name for the "not
/// available" sentence, and the vetted URL (`None` when it was refused).
#[derive(Clone)]
pub struct Document {
    pub label: Label,
    pub name: Label,
    pub href: Option<String>,
}

/// The renditions, separated by a middle dot. `retry` (reloading what the
/// URLs came from) is offered when one of them is not available.
///
/// Links open in a new tab with `rel="noopener noreferrer"`: the document
/// gets no handle on the portal's window, and its URL (which may carry a
/// secret) is not sent on as a referrer.
#[component]
pub fn DocumentLinks(
    documents: Vec<Document>,
    #[prop(optional, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let any_refused = documents.iter().any(|document| document.href.is_none());
    let count = documents.len();
    let items = documents
        .into_iter()
        .enumerate()
        .map(|(index, Document { label, name, href })| {
            let separator = (index + 1 < count).then_some(" · ");
            let item = match href {
                Some(href) => view! {
                    <a href=href target="_blank" rel="noopener noreferrer">
                        {move || label(i18n.get_locale())}
                    </a>
                }
                .into_any(),
                None => view! {
                    <span class="document-links__unavailable" data-testid="document-unavailable">
                        {move || {
                            let locale = i18n.get_locale();
                            td_string!(locale, safe_links.unavailable, document = name(locale))
                                .to_string()
                        }}
                    </span>
                }
                .into_any(),
            };
            view! { {item} {separator} }
        })
        .collect_view();
    view! {
        <p class="card__footer document-links">
            {items}
            {(any_refused && retry.is_some()).then(|| view! {
                " "
                <button type="button" class="button button--ghost document-links__retry"
                    data-testid="document-retry"
                    on:click=move |_| {
                        if let Some(retry) = retry {
                            retry.run(());
                        }
                    }>
                    {t!(i18n, app.retry)}
                </button>
            })}
        </p>
    }
}

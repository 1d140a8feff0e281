//! A failed load explained in the customer's language, with a way to retry.

use crate::api::ApiError;
use crate::i18n::*;
use leptos::prelude::*;

/// The sentence a customer reads for an API failure.
pub fn error_message(locale: Locale, error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => td_string!(locale, errors.network).to_string(),
        ApiError::Timeout => td_string!(locale, errors.timeout).to_string(),
        ApiError::Aborted => td_string!(locale, errors.aborted).to_string(),
        ApiError::Unauthorized => td_string!(locale, errors.unauthorized).to_string(),
        ApiError::Decode { field, .. } => {
            td_string!(locale, errors.decode, field = field.as_str()).to_string()
        }
        ApiError::Http { status, .. } => match status {
            404 => td_string!(locale, errors.not_found).to_string(),
            403 => td_string!(locale, errors.forbidden).to_string(),
            409 => td_string!(locale, errors.conflict).to_string(),
            400 | 422 => {
                let detail = error.problem_detail().unwrap_or_default();
                td_string!(locale, errors.invalid_request, detail).to_string()
            }
            status => td_string!(locale, errors.server, status = *status).to_string(),
        },
    }
}

#[component]
pub fn ErrorPanel(error: ApiError, #[prop(into)] retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || error_message(i18n.get_locale(), &error);
    view! {
        <div class="error-panel" role="alert" data-testid="page-error">
            <p class="error-panel__title">{t!(i18n, errors.title)}</p>
            <p class="error-panel__message">{message}</p>
            <button type="button" class="button button--secondary" data-testid="retry"
                on:click=move |_| retry.run(())>
                {t!(i18n, app.retry)}
            </button>
        </div>
    }
}

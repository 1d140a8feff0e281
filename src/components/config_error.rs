//! The full page shown when config.json cannot be used: it names the bad key
//! so whoever deployed the portal can fix it at once.

use crate::config::{ConfigError, ConfigReason};
use crate::i18n::*;
use leptos::prelude::*;

fn reason_text(locale: Locale, reason: ConfigReason) -> &'static str {
    match reason {
        ConfigReason::Missing => td_string!(locale, config_reason.missing),
        ConfigReason::NotAString => td_string!(locale, config_reason.not_a_string),
        ConfigReason::NotAUrl => td_string!(locale, config_reason.not_a_url),
        ConfigReason::UnknownAdapter => td_string!(locale, config_reason.unknown_adapter),
        ConfigReason::UnknownLocale => td_string!(locale, config_reason.unknown_locale),
        ConfigReason::DefaultNotOffered => td_string!(locale, config_reason.default_not_offered),
        ConfigReason::NotAColour => td_string!(locale, config_reason.not_a_colour),
        ConfigReason::EmptyList => td_string!(locale, config_reason.empty_list),
        ConfigReason::NotABoolean => td_string!(locale, config_reason.not_a_boolean),
        ConfigReason::NotANumber => td_string!(locale, config_reason.not_a_number),
        ConfigReason::UnknownAuthMode => td_string!(locale, config_reason.unknown_auth_mode),
    }
}

pub fn config_error_message(locale: Locale, error: &ConfigError) -> String {
    match error {
        ConfigError::Unreachable(detail) => {
            td_string!(locale, config_error.unreachable, detail = detail.as_str()).to_string()
        }
        ConfigError::NotJson(detail) => {
            td_string!(locale, config_error.not_json, detail = detail.as_str()).to_string()
        }
        ConfigError::InvalidField { field, reason } => td_string!(
            locale,
            config_error.invalid_field,
            field = *field,
            reason = reason_text(locale, *reason)
        )
        .to_string(),
    }
}

#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    let i18n = use_i18n();
    let field = error.field();
    let message = move || config_error_message(i18n.get_locale(), &error);
    view! {
        <main id="main" class="full-page-error" data-testid="config-error">
            <h1>{t!(i18n, config_error.title)}</h1>
            <p>{t!(i18n, config_error.intro)}</p>
            <p role="alert" class="full-page-error__detail">{message}</p>
            {field.map(|field| view! {
                <p class="full-page-error__field">
                    {t!(i18n, config_error.field_label)} ": " <code>{field}</code>
                </p>
            })}
        </main>
    }
}

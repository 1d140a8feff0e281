//! Which language the portal speaks: the customer's saved choice, then the
//! browser's languages, then the deployment's default.

use crate::i18n::Locale;

/// Where the customer's explicit choice is remembered between visits.
pub const SAVED_LOCALE_KEY: &str = "billing-portal.locale";

pub fn locale_from_code(code: &str) -> Option<Locale> {
    match code.trim().to_ascii_lowercase().as_str() {
        "fr" => Some(Locale::fr),
        "it" => Some(Locale::it),
        "en" => Some(Locale::en),
        _ => None,
    }
}

pub fn locale_code(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => "fr",
        Locale::it => "it",
        Locale::en => "en",
    }
}

/// The BCP 47 tag handed to the browser's `Intl` formatters. A region is
/// needed for CLDR's conventions (French grouping, Italian separators); English
/// is the fallback for European customers, hence `en-GB` rather than `en-US`.
pub fn intl_tag(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => "fr-FR",
        Locale::it => "it-IT",
        Locale::en => "en-GB",
    }
}

/// The language a browser tag such as `fr-CH` or `it` asks for.
fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Resolves the locale to start in, among the ones the deployment offers.
pub fn resolve_locale(
    saved: Option<&str>,
    browser_languages: &[String],
    offered: &[Locale],
    default: Locale,
) -> Locale {
    let offered_match = |code: &str| locale_from_code(code).filter(|l| offered.contains(l));
    saved
        .and_then(offered_match)
        .or_else(|| {
            browser_languages
                .iter()
                .find_map(|tag| offered_match(primary_subtag(tag)))
        })
        .unwrap_or(default)
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    window
        .navigator()
        .languages()
        .iter()
        .filter_map(|value| value.as_string())
        .collect()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn saved_locale() -> Option<String> {
    local_storage()?.get_item(SAVED_LOCALE_KEY).ok().flatten()
}

/// Remembers an explicit choice; private browsing may refuse, which only
/// costs the customer a choice on their next visit.
pub fn save_locale(locale: Locale) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(SAVED_LOCALE_KEY, locale_code(locale));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Locale; 3] = [Locale::fr, Locale::it, Locale::en];

    fn langs(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_saved_choice_wins_over_the_browser() {
        let locale = resolve_locale(Some("it"), &langs(&["fr-FR", "fr"]), &ALL, Locale::fr);
        assert_eq!(locale, Locale::it);
    }

    #[test]
    fn the_browser_languages_are_tried_in_order_by_primary_subtag() {
        let locale = resolve_locale(None, &langs(&["de-DE", "it-CH", "fr"]), &ALL, Locale::fr);
        assert_eq!(locale, Locale::it);
    }

    #[test]
    fn the_default_applies_when_nothing_matches() {
        let locale = resolve_locale(None, &langs(&["de", "es"]), &ALL, Locale::en);
        assert_eq!(locale, Locale::en);
    }

    #[test]
    fn locales_the_deployment_does_not_offer_are_skipped() {
        let offered = [Locale::fr, Locale::en];
        let locale = resolve_locale(Some("it"), &langs(&["it", "en"]), &offered, Locale::fr);
        assert_eq!(locale, Locale::en);
    }

    #[test]
    fn a_garbled_saved_value_is_ignored() {
        let locale = resolve_locale(Some("<script>"), &[], &ALL, Locale::fr);
        assert_eq!(locale, Locale::fr);
    }

    #[test]
    fn codes_round_trip() {
        for locale in ALL {
            assert_eq!(locale_from_code(locale_code(locale)), Some(locale));
        }
        assert_eq!(locale_from_code(" IT "), Some(Locale::it));
    }
}

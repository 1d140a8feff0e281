//! Money for display: `1 234,56 €` (fr-FR), `1.234,56 €` (it-IT), `€1,234.56`
//! (en-GB), always in the currency the data carries.

use crate::i18n::Locale;
use rust_decimal::Decimal;

/// Formats an exact amount in its currency for the given locale.
pub fn format_money(amount: &Decimal, currency: &str, locale: Locale) -> String {
    imp::format(amount, currency, locale)
}

/// A count with the locale's grouping (`10 000` in French, `10.000` in Italian).
pub fn format_count(count: u64, locale: Locale) -> String {
    imp::count(count, locale)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use crate::format::intl::{NumberFormat, options};
    use crate::locale::intl_tag;
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        // Building an Intl formatter costs far more than using one; tables
        // format thousands of amounts in a handful of currencies.
        static FORMATTERS: RefCell<HashMap<(Locale, String), Option<NumberFormat>>> =
            RefCell::new(HashMap::new());
        static COUNTERS: RefCell<HashMap<Locale, Option<NumberFormat>>> = RefCell::new(HashMap::new());
    }

    pub fn count(count: u64, locale: Locale) -> String {
        COUNTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let formatter = cache.entry(locale).or_insert_with(|| {
                NumberFormat::new(intl_tag(locale), &options(&[("useGrouping", "always")])).ok()
            });
            match formatter {
                Some(formatter) => formatter.format(&count.to_string()),
                None => count.to_string(),
            }
        })
    }

    pub fn format(amount: &Decimal, currency: &str, locale: Locale) -> String {
        let text = amount.to_string();
        FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let formatter = cache
                .entry((locale, currency.to_owned()))
                .or_insert_with(|| {
                    NumberFormat::new(
                        intl_tag(locale),
                        // CLDR's Italian data leaves four-digit amounts ungrouped
                        // (`1234,56 €`); invoices group every amount (`1.234,56 €`).
                        &options(&[
                            ("style", "currency"),
                            ("currency", currency),
                            ("useGrouping", "always"),
                        ]),
                    )
                    .ok()
                });
            match formatter {
                Some(formatter) => formatter.format(&text),
                // A pseudo-currency such as OVHcloud's `points` is not ISO
                // 4217: show the number the locale's way and the code as is.
                None => match NumberFormat::new(
                    intl_tag(locale),
                    &options(&[("minimumFractionDigits", "2"), ("useGrouping", "always")]),
                ) {
                    Ok(plain) => format!("{} {currency}", plain.format(&text)),
                    Err(_) => format!("{text} {currency}"),
                },
            }
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    /// Native builds (unit tests, clippy) have no `Intl`: a plain,
    /// unambiguous rendering that never rounds.
    pub fn format(amount: &Decimal, currency: &str, _locale: Locale) -> String {
        format!("{amount} {currency}")
    }

    pub fn count(count: u64, _locale: Locale) -> String {
        count.to_string()
    }
}

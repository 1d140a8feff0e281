//! Plural categories from the browser's CLDR rules (`Intl.PluralRules`).

use crate::i18n::Locale;

/// The categories our three languages need: everything that is not "one"
/// (CLDR's "many" for French millions, "zero"…) reads as "other".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Other,
}

pub fn plural_category(locale: Locale, count: u64) -> PluralCategory {
    imp::category(locale, count)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use crate::format::intl::PluralRules;
    use crate::locale::intl_tag;
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        // Like the number formatters: built once per locale, not per count
        // (every re-render of a list summary asks again).
        static RULES: RefCell<HashMap<Locale, Option<PluralRules>>> = RefCell::new(HashMap::new());
    }

    pub fn category(locale: Locale, count: u64) -> PluralCategory {
        RULES.with(|cache| {
            let mut cache = cache.borrow_mut();
            let rules = cache
                .entry(locale)
                .or_insert_with(|| PluralRules::new(intl_tag(locale)).ok());
            match rules {
                Some(rules) if rules.select(count as f64) == "one" => PluralCategory::One,
                Some(_) => PluralCategory::Other,
                None => fallback(locale, count),
            }
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub use super::fallback as category;
}

/// CLDR's integer rules for our locales: French counts 0 and 1 as "one".
pub fn fallback(locale: Locale, count: u64) -> PluralCategory {
    let one = match locale {
        Locale::fr => count < 2,
        Locale::it | Locale::en => count == 1,
    };
    if one {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_counts_zero_and_one_as_singular() {
        assert_eq!(fallback(Locale::fr, 0), PluralCategory::One);
        assert_eq!(fallback(Locale::fr, 1), PluralCategory::One);
        assert_eq!(fallback(Locale::fr, 2), PluralCategory::Other);
    }

    #[test]
    fn italian_and_english_count_only_one_as_singular() {
        for locale in [Locale::it, Locale::en] {
            assert_eq!(fallback(locale, 0), PluralCategory::Other);
            assert_eq!(fallback(locale, 1), PluralCategory::One);
            assert_eq!(fallback(locale, 10_000), PluralCategory::Other);
        }
    }
}

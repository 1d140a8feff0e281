//! What needs the customer's attention in their saved methods: a card that
//! expires within 30 days or has expired, no default method (automatic
//! payment and renewal need one), a SEPA mandate still being validated.
//! Shown on the payment methods page and on the dashboard.

use super::display::masked_label;
use crate::api::models::{PaymentMethod, PaymentMethodStatus, PaymentMethodType};
use crate::components::{Banner, BannerKind};
use crate::format::format_day;
use crate::i18n::*;
use crate::routes;
use chrono::{Days, NaiveDate};
use leptos::prelude::*;

/// How far ahead an expiring card is worth a warning.
const EXPIRY_NOTICE_DAYS: u64 = 30;

/// Valid cards whose last valid day falls within the notice period.
pub fn cards_expiring_soon(methods: &[PaymentMethod], today: NaiveDate) -> Vec<&PaymentMethod> {
    let horizon = today
        .checked_add_days(Days::new(EXPIRY_NOTICE_DAYS))
        .unwrap_or(today);
    methods
        .iter()
        .filter(|m| m.kind == PaymentMethodType::Card && m.status == PaymentMethodStatus::Valid)
        .filter(|m| {
            m.expires_on
                .is_some_and(|last_day| last_day >= today && last_day <= horizon)
        })
        .collect()
}

/// Cards the API marks expired, or whose last valid day has passed.
pub fn expired_cards(methods: &[PaymentMethod], today: NaiveDate) -> Vec<&PaymentMethod> {
    methods
        .iter()
        .filter(|m| m.kind == PaymentMethodType::Card)
        .filter(|m| {
            m.status == PaymentMethodStatus::Expired
                || (m.status == PaymentMethodStatus::Valid
                    && m.expires_on.is_some_and(|last_day| last_day < today))
        })
        .collect()
}

/// No usable method is marked default.
pub fn lacks_default_method(methods: &[PaymentMethod]) -> bool {
    !methods
        .iter()
        .any(|m| m.default && m.status == PaymentMethodStatus::Valid)
}

/// SEPA mandates the bank has not confirmed yet (24 to 48 hours).
pub fn mandates_being_validated(methods: &[PaymentMethod]) -> Vec<&PaymentMethod> {
    methods
        .iter()
        .filter(|m| m.kind == PaymentMethodType::Sepa && m.status == PaymentMethodStatus::Pending)
        .collect()
}

/// One warning, with what it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    Expiring { label: String, last_day: NaiveDate },
    Expired { label: String },
    NoDefault,
    MandateValidating { label: String },
}

/// The warnings for a list, most urgent first.
pub fn warnings(methods: &[PaymentMethod], today: NaiveDate) -> Vec<Warning> {
    let label = |m: &PaymentMethod| masked_label(m.kind, &m.label);
    let mut found = Vec::new();
    if lacks_default_method(methods) {
        found.push(Warning::NoDefault);
    }
    found.extend(
        expired_cards(methods, today)
            .into_iter()
            .map(|m| Warning::Expired { label: label(m) }),
    );
    found.extend(
        cards_expiring_soon(methods, today)
            .into_iter()
            .filter_map(|m| {
                Some(Warning::Expiring {
                    label: label(m),
                    last_day: m.expires_on?,
                })
            }),
    );
    found.extend(
        mandates_being_validated(methods)
            .into_iter()
            .map(|m| Warning::MandateValidating { label: label(m) }),
    );
    found
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The banners for `methods`; `link` adds "manage my payment methods" (the
/// dashboard), the page itself does not need it.
#[component]
pub fn MethodWarnings(methods: Vec<PaymentMethod>, #[prop(optional)] link: bool) -> impl IntoView {
    let i18n = use_i18n();
    let manage = move || {
        link.then(|| {
            view! {
                <a href=routes::href(routes::PAYMENT_METHODS)>{t!(i18n, dashboard.manage_methods)}</a>
            }
        })
    };
    warnings(&methods, today())
        .into_iter()
        .map(|warning| {
            let (kind, title, testid): (BannerKind, fn(Locale) -> &'static str, &'static str) =
                match &warning {
                    Warning::NoDefault => (
                        BannerKind::Warning,
                        |l| td_string!(l, dashboard.no_default_method_title),
                        "warning-no-default",
                    ),
                    Warning::Expired { .. } => (
                        BannerKind::Danger,
                        |l| td_string!(l, payment_methods_manage.expired_title),
                        "warning-expired",
                    ),
                    Warning::Expiring { .. } => (
                        BannerKind::Warning,
                        |l| td_string!(l, dashboard.card_expiring_title),
                        "warning-expiring",
                    ),
                    Warning::MandateValidating { .. } => (
                        BannerKind::Info,
                        |l| td_string!(l, payment_methods_manage.mandate_validating_title),
                        "warning-mandate",
                    ),
                };
            let body = move || {
                let locale = i18n.get_locale();
                match &warning {
                    Warning::NoDefault => {
                        td_string!(locale, dashboard.no_default_method).to_string()
                    }
                    Warning::Expired { label } => td_string!(
                        locale,
                        payment_methods_manage.expired_body,
                        label = label.as_str()
                    )
                    .to_string(),
                    Warning::Expiring { label, last_day } => td_string!(
                        locale,
                        dashboard.card_expiring,
                        label = label.as_str(),
                        date = format_day(last_day, locale)
                    )
                    .to_string(),
                    Warning::MandateValidating { label } => td_string!(
                        locale,
                        payment_methods_manage.mandate_validating_body,
                        label = label.as_str()
                    )
                    .to_string(),
                }
            };
            view! {
                <div data-testid=testid>
                    <Banner kind title=Signal::derive(move || title(i18n.get_locale()).to_owned())>
                        <p>{body}</p>
                        {manage()}
                    </Banner>
                </div>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::CardBrand;

    fn card(
        id: &str,
        expires_on: &str,
        default: bool,
        status: PaymentMethodStatus,
    ) -> PaymentMethod {
        PaymentMethod {
            id: id.into(),
            kind: PaymentMethodType::Card,
            label: format!("•••• {id}"),
            brand: Some(CardBrand::Visa),
            expires_on: Some(expires_on.parse().unwrap()),
            description: None,
            default,
            status,
            created_at: "2025-01-01T00:00:00+01:00".parse().unwrap(),
        }
    }

    fn sepa(status: PaymentMethodStatus) -> PaymentMethod {
        PaymentMethod {
            id: "sepa".into(),
            kind: PaymentMethodType::Sepa,
            label: "FR76 •••• •••• 0189".into(),
            brand: None,
            expires_on: None,
            description: None,
            default: false,
            status,
            created_at: "2025-01-01T00:00:00+01:00".parse().unwrap(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_card_expiring_within_thirty_days_is_flagged() {
        let methods = [
            card("1111", "2026-12-20", true, PaymentMethodStatus::Valid),
            card("2222", "2027-06-30", false, PaymentMethodStatus::Valid),
            card("3333", "2026-10-31", false, PaymentMethodStatus::Expired),
        ];
        let flagged = cards_expiring_soon(&methods, day("2026-11-23"));
        assert_eq!(flagged.len(), 1);
        assert_eq!(flagged[0].id, "1111");
    }

    #[test]
    fn the_thirtieth_day_counts_and_the_thirty_first_does_not() {
        let methods = [
            card("a", "2026-12-23", true, PaymentMethodStatus::Valid),
            card("b", "2026-12-24", false, PaymentMethodStatus::Valid),
        ];
        let flagged = cards_expiring_soon(&methods, day("2026-11-23"));
        assert_eq!(
            flagged.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
    }

    #[test]
    fn a_default_that_is_expired_does_not_count() {
        let methods = [card("a", "2026-10-31", true, PaymentMethodStatus::Expired)];
        assert!(lacks_default_method(&methods));
        let methods = [card("a", "2027-10-31", true, PaymentMethodStatus::Valid)];
        assert!(!lacks_default_method(&methods));
        assert!(lacks_default_method(&[]));
    }

    #[test]
    fn expired_cards_are_flagged_even_when_the_api_still_says_valid() {
        let methods = [
            card("a", "2026-10-31", false, PaymentMethodStatus::Expired),
            card("b", "2026-11-22", false, PaymentMethodStatus::Valid),
            card("c", "2026-11-23", true, PaymentMethodStatus::Valid),
        ];
        let ids: Vec<_> = expired_cards(&methods, day("2026-11-23"))
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn every_warning_of_a_list_in_urgency_order() {
        let methods = [
            card("1111", "2026-12-01", false, PaymentMethodStatus::Valid),
            card("2222", "2026-01-31", false, PaymentMethodStatus::Expired),
            sepa(PaymentMethodStatus::Pending),
            sepa(PaymentMethodStatus::Valid),
        ];
        let found = warnings(&methods, day("2026-11-23"));
        assert_eq!(
            found,
            [
                Warning::NoDefault,
                Warning::Expired {
                    label: "•••• 2222".into()
                },
                Warning::Expiring {
                    label: "•••• 1111".into(),
                    last_day: day("2026-12-01")
                },
                Warning::MandateValidating {
                    label: "FR76 •••• •••• 0189".into()
                },
            ]
        );
        let calm = [card("1111", "2028-12-01", true, PaymentMethodStatus::Valid)];
        assert!(warnings(&calm, day("2026-11-23")).is_empty());
    }
}

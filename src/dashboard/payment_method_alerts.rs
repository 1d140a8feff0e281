//! Warnings about payment methods: a card about to expire, or no default
//! method (automatic renewal needs one).

use crate::api::models::{PaymentMethod, PaymentMethodStatus, PaymentMethodType};
use crate::api::{api_resource, use_api};
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

/// No usable method is marked default.
pub fn lacks_default_method(methods: &[PaymentMethod]) -> bool {
    !methods
        .iter()
        .any(|m| m.default && m.status == PaymentMethodStatus::Valid)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[component]
pub fn PaymentMethodAlerts() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let methods = api_resource(move |cancel| api.payment_methods(cancel));
    // A failure here is not worth an error panel on the dashboard: the
    // payment methods page explains it; the alerts simply do not show.
    move || {
        let Some(Ok(list)) = methods.get() else {
            return ().into_any();
        };
        let today = today();
        let expiring: Vec<(String, NaiveDate)> = cards_expiring_soon(&list.items, today)
            .into_iter()
            .filter_map(|m| Some((m.label.clone(), m.expires_on?)))
            .collect();
        let missing_default = lacks_default_method(&list.items);
        view! {
            {expiring
                .into_iter()
                .map(|(label, last_day)| {
                    view! {
                        <Banner kind=BannerKind::Warning
                            title=Signal::derive(move || td_string!(i18n.get_locale(), dashboard.card_expiring_title).to_owned())>
                            <p>
                                {move || {
                                    let locale = i18n.get_locale();
                                    td_string!(locale, dashboard.card_expiring, label = label.as_str(), date = format_day(&last_day, locale)).to_string()
                                }}
                            </p>
                            <a href=routes::href(routes::PAYMENT_METHODS)>{t!(i18n, dashboard.manage_methods)}</a>
                        </Banner>
                    }
                })
                .collect_view()}
            {missing_default.then(|| view! {
                <Banner kind=BannerKind::Warning
                    title=Signal::derive(move || td_string!(i18n.get_locale(), dashboard.no_default_method_title).to_owned())>
                    <p>{t!(i18n, dashboard.no_default_method)}</p>
                    <a href=routes::href(routes::PAYMENT_METHODS)>{t!(i18n, dashboard.manage_methods)}</a>
                </Banner>
            })}
        }
        .into_any()
    }
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
}

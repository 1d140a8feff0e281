//! Amounts and dates, formatted for the customer's language as it changes.

use crate::format::{format_date, format_datetime, format_day, format_money};
use crate::i18n::*;
use billing_contract::Money;
use chrono::{DateTime, FixedOffset, NaiveDate};
use leptos::prelude::*;

#[component]
pub fn MoneyText(money: Money) -> impl IntoView {
    let i18n = use_i18n();
    let negative = money.amount.is_sign_negative();
    let text = move || format_money(&money.amount, money.currency.as_str(), i18n.get_locale());
    view! { <span class="money" class:money--negative=negative>{text}</span> }
}

#[component]
pub fn DateText(
    instant: DateTime<FixedOffset>,
    #[prop(optional)] with_time: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        if with_time {
            format_datetime(&instant, i18n.get_locale())
        } else {
            format_date(&instant, i18n.get_locale())
        }
    };
    view! { <time datetime=instant.to_rfc3339()>{text}</time> }
}

#[component]
pub fn DayText(day: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    view! { <time datetime=day.to_string()>{move || format_day(&day, i18n.get_locale())}</time> }
}

//! The filters above a list: a search text, a date range with presets, the
//! statuses to show, an amount range.
//!
//! The bar edits a draft and hands the page a typed [`Filter`] when the
//! customer applies it (Enter in any field, or the button): a list is not
//! reloaded at each keystroke, and the page turns the value into its API
//! query (and its URL) without parsing form fields itself. Every input has a
//! visible label, because placeholders vanish while typing.
//!
//! A filter also lives in the page's URL (`?q=…&from=…&to=…&status=a,b&min=…&max=…`,
//! see [`Filter::from_query`] and [`Filter::to_query`]), so it survives a reload
//! and the back button and can be shared.

use super::{Button, ButtonVariant, Dialog, Label, unique_id};
use crate::format::format_day;
use crate::i18n::*;
use billing_contract::decimal_string;
use billing_contract::query::percent_encode;
use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What the customer asked to see.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub text: String,
    /// An order number (part of one), searched beside the text; empty = any.
    pub order: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Keys of the chosen statuses (`OrderStatus::as_str()`…); empty = all.
    pub statuses: Vec<&'static str>,
    pub min_amount: Option<Decimal>,
    pub max_amount: Option<Decimal>,
}

impl Filter {
    /// Whether anything narrows the list.
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    /// Reads a filter from URL query parameters (`get` gives a parameter's
    /// decoded value; `status` maps a status key to the page's own). A URL can
    /// be typed or shared by anyone, so it is read leniently: a value that does
    /// not parse, an unknown status or a reversed range is left out rather than
    /// sent to the API, which would refuse the whole request.
    pub fn from_query<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
        status: impl Fn(&str) -> Option<&'static str>,
    ) -> Filter {
        let date = |key| get(key).and_then(|t| NaiveDate::from_str(t.trim()).ok());
        let amount = |key| get(key).and_then(|t| parse_amount(t).ok().flatten());
        let (from, to) = ordered(date("from"), date("to"));
        let (min_amount, max_amount) = ordered(amount("min"), amount("max"));
        let mut statuses: Vec<&'static str> = Vec::new();
        for key in get("status")
            .unwrap_or_default()
            .split(',')
            .filter_map(&status)
        {
            if !statuses.contains(&key) {
                statuses.push(key);
            }
        }
        Filter {
            text: get("q").unwrap_or_default().trim().to_owned(),
            order: get("order").unwrap_or_default().trim().to_owned(),
            from,
            to,
            statuses,
            min_amount,
            max_amount,
        }
    }

    /// The query string (no `?`) that [`Filter::from_query`] reads back; empty
    /// for no filter. Without `page`: a new filter starts on the first page.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(format!("q={}", percent_encode(&self.text)));
        }
        if !self.order.is_empty() {
            pairs.push(format!("order={}", percent_encode(&self.order)));
        }
        // Dates, status keys and decimals need no escaping; the commas between
        // statuses stay readable (they are allowed in a query).
        let mut push = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                pairs.push(format!("{key}={value}"));
            }
        };
        push("from", self.from.map(|d| d.to_string()));
        push("to", self.to.map(|d| d.to_string()));
        push(
            "status",
            (!self.statuses.is_empty()).then(|| self.statuses.join(",")),
        );
        push("min", self.min_amount.map(|a| a.to_string()));
        push("max", self.max_amount.map(|a| a.to_string()));
        pairs.join("&")
    }
}

/// Both ends of a range, or neither when they are the wrong way round.
fn ordered<T: PartialOrd>(low: Option<T>, high: Option<T>) -> (Option<T>, Option<T>) {
    match (&low, &high) {
        (Some(l), Some(h)) if l > h => (None, None),
        _ => (low, high),
    }
}

/// A status the customer can tick: its key and its translated name.
#[derive(Debug, Clone, Copy)]
pub struct StatusOption {
    pub key: &'static str,
    pub label: Label,
}

/// The date presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePreset {
    ThisMonth,
    LastThreeMonths,
    ThisYear,
}

impl DatePreset {
    pub const ALL: [DatePreset; 3] = [
        DatePreset::ThisMonth,
        DatePreset::LastThreeMonths,
        DatePreset::ThisYear,
    ];

    /// The range, both ends included, ending today.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let from = match self {
            DatePreset::ThisMonth => today.with_day(1),
            DatePreset::LastThreeMonths => today.checked_sub_months(Months::new(3)),
            DatePreset::ThisYear => today.with_ordinal(1),
        };
        (from.unwrap_or(today), today)
    }

    fn label(self, locale: Locale) -> &'static str {
        match self {
            DatePreset::ThisMonth => td_string!(locale, filters.this_month),
            DatePreset::LastThreeMonths => td_string!(locale, filters.last_three_months),
            DatePreset::ThisYear => td_string!(locale, filters.this_year),
        }
    }
}

/// Text in an amount field that is not an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidAmount;

/// An amount typed the French or Italian way (`1 234,50`) or the English way;
/// `None` when the field is empty.
pub fn parse_amount(text: &str) -> Result<Option<Decimal>, InvalidAmount> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202F}' && *c != '€')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    // The contract's strict reader (digits, an optional `.` fraction) rather
    // than `Decimal::from_str`, whose exponent and rounding paths cost 3 KB
    // of wasm for forms nobody types into an amount field.
    decimal_string::parse(&cleaned)
        .map(Some)
        .ok_or(InvalidAmount)
}

/// One part of a filter in force, shown as a removable chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterPart {
    Text,
    Order,
    Period,
    Status(&'static str),
    Amount,
}

impl Filter {
    /// The parts in force, in the bar's order: one chip each.
    pub fn parts(&self) -> Vec<FilterPart> {
        let mut parts = Vec::new();
        if !self.text.is_empty() {
            parts.push(FilterPart::Text);
        }
        if !self.order.is_empty() {
            parts.push(FilterPart::Order);
        }
        if self.from.is_some() || self.to.is_some() {
            parts.push(FilterPart::Period);
        }
        parts.extend(self.statuses.iter().map(|key| FilterPart::Status(key)));
        if self.min_amount.is_some() || self.max_amount.is_some() {
            parts.push(FilterPart::Amount);
        }
        parts
    }

    /// The filter without one of its parts (a chip's ✕).
    pub fn without(&self, part: FilterPart) -> Filter {
        let mut next = self.clone();
        match part {
            FilterPart::Text => next.text.clear(),
            FilterPart::Order => next.order.clear(),
            FilterPart::Period => (next.from, next.to) = (None, None),
            FilterPart::Status(key) => next.statuses.retain(|k| *k != key),
            FilterPart::Amount => (next.min_amount, next.max_amount) = (None, None),
        }
        next
    }
}

/// An amount as the customer types it in their language (`49,90`).
fn amount_text(amount: Decimal, locale: Locale) -> String {
    let text = amount.to_string();
    match locale {
        Locale::en => text,
        _ => text.replace('.', ","),
    }
}

thread_local! {
    // One query for the whole app. A reference-counted signal, not one in the
    // reactive arena: an arena signal belongs to the component that happened to
    // create it first and is disposed with it, and the next list page would
    // then read a dead signal (and panic).
    static NARROW: std::cell::OnceCell<ArcRwSignal<bool>> = const { std::cell::OnceCell::new() };
}

/// Whether the window is phone-sized (below 40rem), following rotations and
/// resizes. The same breakpoint as the CSS.
pub fn narrow_screen() -> Signal<bool> {
    let narrow = NARROW.with(|cell| {
        cell.get_or_init(|| {
            use wasm_bindgen::JsCast;
            use wasm_bindgen::closure::Closure;
            let query =
                web_sys::window().and_then(|w| w.match_media("(max-width: 40rem)").ok().flatten());
            let narrow = ArcRwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
            if let Some(query) = query {
                let watched = query.clone();
                let follower = narrow.clone();
                let on_change = Closure::<dyn Fn()>::new(move || follower.set(watched.matches()));
                query.set_onchange(Some(on_change.as_ref().unchecked_ref()));
                // Lives as long as the page, like the query.
                on_change.forget();
            }
            narrow
        })
        .clone()
    });
    Signal::derive(move || narrow.get())
}

/// The filter bar.
///
/// - `value`: the filter in force; the bar starts from it and writes it on apply.
/// - `search_label`: the label of the text field (e.g. "Référence"); no text
///   field without it.
/// - `order_label`: the label of an order-number field beside the text
///   field (e.g. "Numéro de la commande"); none without it.
/// - `statuses`: the statuses offered (none: no status filter).
/// - `statuses_legend`: the name of that group when it is not "Statut" (the
///   payments offer payment types through it).
/// - `amounts`: offer the amount range.
/// - `today`: the end of the presets (tests and the gallery fix it).
///
/// On a phone the fields fold behind a "Filtres (n)" button and open as a
/// sheet (a modal dialog); on every size the filters in force show under the
/// bar as chips, each removable on its own.
#[component]
pub fn FilterBar(
    value: RwSignal<Filter>,
    #[prop(optional)] search_label: Option<Label>,
    #[prop(optional)] order_label: Option<Label>,
    #[prop(optional)] statuses: Vec<StatusOption>,
    #[prop(optional)] statuses_legend: Option<Label>,
    #[prop(optional)] amounts: bool,
    #[prop(optional)] today: Option<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let start = value.get_untracked();
    let text = RwSignal::new(start.text.clone());
    let order = RwSignal::new(start.order.clone());
    let from = RwSignal::new(start.from);
    let to = RwSignal::new(start.to);
    let chosen = RwSignal::new(start.statuses.clone());
    let min_text = RwSignal::new(start.min_amount.map(|a| a.to_string()).unwrap_or_default());
    let max_text = RwSignal::new(start.max_amount.map(|a| a.to_string()).unwrap_or_default());
    let min_invalid = move || min_text.with(|t| parse_amount(t).is_err());
    let max_invalid = move || max_text.with(|t| parse_amount(t).is_err());
    let id = unique_id("filters");
    let sheet_open = RwSignal::new(false);
    // The value can also change from outside: the back button brings another
    // URL, an empty list offers to clear the filters. The fields follow, so
    // the bar always shows the filter in force. (Fields that already say the
    // same thing are left alone: "49,90" is not rewritten as "49.90".)
    Effect::new(move |first_run: Option<()>| {
        let value = value.get();
        if first_run.is_none() {
            return;
        }
        text.set(value.text.clone());
        order.set(value.order.clone());
        from.set(value.from);
        to.set(value.to);
        chosen.set(value.statuses.clone());
        for (field, amount) in [(min_text, value.min_amount), (max_text, value.max_amount)] {
            if field.with_untracked(|t| parse_amount(t)) != Ok(amount) {
                field.set(amount.map(|a| a.to_string()).unwrap_or_default());
            }
        }
    });

    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if min_invalid() || max_invalid() {
            return;
        }
        value.set(Filter {
            text: text.get_untracked().trim().to_owned(),
            order: order.get_untracked().trim().to_owned(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            statuses: chosen.get_untracked(),
            min_amount: parse_amount(&min_text.get_untracked()).ok().flatten(),
            max_amount: parse_amount(&max_text.get_untracked()).ok().flatten(),
        });
        sheet_open.set(false);
    };
    let reset = move |_| {
        text.set(String::new());
        order.set(String::new());
        from.set(None);
        to.set(None);
        chosen.set(Vec::new());
        min_text.set(String::new());
        max_text.set(String::new());
        value.set(Filter::default());
        sheet_open.set(false);
    };
    let date_input = move |signal: RwSignal<Option<NaiveDate>>| {
        move |event: leptos::ev::Event| {
            signal.set(NaiveDate::from_str(&event_target_value(&event)).ok())
        }
    };
    let date_text = move |signal: RwSignal<Option<NaiveDate>>| {
        move || signal.get().map(|d| d.to_string()).unwrap_or_default()
    };

    // The form, built where it is shown: inline when wide, in the sheet on a phone.
    let form = {
        let statuses = statuses.clone();
        move || {
            let id = id.clone();
            let search = search_label.map(|label| {
                let field = format!("{id}-text");
                view! {
                    <div class="field filter-bar__search">
                        <label class="field__label" for=field.clone()>{move || label(i18n.get_locale())}</label>
                        <input class="field__input" type="search" id=field enterkeyhint="search"
                            prop:value=move || text.get()
                            on:input=move |event| text.set(event_target_value(&event)) />
                    </div>
                }
            });

            let order_search = order_label.map(|label| {
                let field = format!("{id}-order");
                view! {
                    <div class="field filter-bar__search">
                        <label class="field__label" for=field.clone()>{move || label(i18n.get_locale())}</label>
                        <input class="field__input" type="search" id=field data-testid="filter-order"
                            enterkeyhint="search"
                            prop:value=move || order.get()
                            on:input=move |event| order.set(event_target_value(&event)) />
                    </div>
                }
            });

            let presets = DatePreset::ALL
                .into_iter()
                .map(|preset| {
                    let (start, end) = preset.range(today);
                    let active = move || from.get() == Some(start) && to.get() == Some(end);
                    view! {
                        <button type="button" class="chip" aria-pressed=move || active().to_string()
                            on:click=move |_| {
                                from.set(Some(start));
                                to.set(Some(end));
                            }>
                            {move || preset.label(i18n.get_locale())}
                        </button>
                    }
                })
                .collect_view();

            let status_fieldset = (!statuses.is_empty()).then(|| {
                let boxes = statuses
                    .clone()
                    .into_iter()
                    .map(|option| {
                        let key = option.key;
                        let checked = move || chosen.with(|c| c.contains(&key));
                        view! {
                            <label class="chip chip--check">
                                <input type="checkbox" class="checkbox" value=key prop:checked=checked
                                    on:change=move |_| chosen.update(|c| {
                                        if let Some(at) = c.iter().position(|k| *k == key) {
                                            c.remove(at);
                                        } else {
                                            c.push(key);
                                        }
                                    }) />
                                <span>{move || (option.label)(i18n.get_locale())}</span>
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="filter-bar__group">
                        <legend class="field__label">{move || {
                            let locale = i18n.get_locale();
                            statuses_legend.map_or_else(|| td_string!(locale, filters.status), |legend| legend(locale))
                        }}</legend>
                        <div class="filter-bar__chips">{boxes}</div>
                    </fieldset>
                }
            });

            let amount_fieldset = amounts.then(|| {
                let (min_id, max_id) = (format!("{id}-min"), format!("{id}-max"));
                let (min_error, max_error) = (format!("{id}-min-error"), format!("{id}-max-error"));
                view! {
                    <fieldset class="filter-bar__group">
                        <legend class="field__label">{t!(i18n, filters.amount)}</legend>
                        <div class="filter-bar__range">
                            <div class="field field--inline">
                                <label class="field__hint" for=min_id.clone()>{t!(i18n, filters.amount_min)}</label>
                                <input class="field__input field__input--amount" id=min_id inputmode="decimal" autocomplete="off"
                                    aria-invalid=move || min_invalid().then_some("true")
                                    aria-describedby=min_error.clone()
                                    prop:value=move || min_text.get()
                                    on:input=move |event| min_text.set(event_target_value(&event)) />
                            </div>
                            <div class="field field--inline">
                                <label class="field__hint" for=max_id.clone()>{t!(i18n, filters.amount_max)}</label>
                                <input class="field__input field__input--amount" id=max_id inputmode="decimal" autocomplete="off"
                                    aria-invalid=move || max_invalid().then_some("true")
                                    aria-describedby=max_error.clone()
                                    prop:value=move || max_text.get()
                                    on:input=move |event| max_text.set(event_target_value(&event)) />
                            </div>
                        </div>
                        <p class="field__error" id=min_error hidden=move || !min_invalid()>{t!(i18n, filters.amount_invalid)}</p>
                        <p class="field__error" id=max_error hidden=move || !max_invalid()>{t!(i18n, filters.amount_invalid)}</p>
                    </fieldset>
                }
            });

            let (from_id, to_id) = (format!("{id}-from"), format!("{id}-to"));
            view! {
                <form class="filter-bar" role="search" on:submit=apply data-testid="filter-form"
                    aria-label=move || td_string!(i18n.get_locale(), filters.label)>
                    {search}
                    {order_search}
                    <fieldset class="filter-bar__group">
                        <legend class="field__label">{t!(i18n, filters.period)}</legend>
                        <div class="filter-bar__chips">{presets}</div>
                        <div class="filter-bar__range">
                            <div class="field field--inline">
                                <label class="field__hint" for=from_id.clone()>{t!(i18n, filters.from)}</label>
                                <input class="field__input" type="date" id=from_id
                                    prop:value=date_text(from) on:change=date_input(from) />
                            </div>
                            <div class="field field--inline">
                                <label class="field__hint" for=to_id.clone()>{t!(i18n, filters.to)}</label>
                                <input class="field__input" type="date" id=to_id
                                    prop:value=date_text(to) on:change=date_input(to) />
                            </div>
                        </div>
                    </fieldset>
                    {status_fieldset}
                    {amount_fieldset}
                    <div class="filter-bar__actions">
                        <Button variant=ButtonVariant::Primary submit=true>{t!(i18n, filters.apply)}</Button>
                        <Button variant=ButtonVariant::Ghost on_click=Callback::new(reset)>{t!(i18n, filters.reset)}</Button>
                    </div>
                </form>
            }
        }
    };

    let narrow = narrow_screen();
    let active_count = move || value.with(|v| v.parts().len());
    let bar = move || {
        if !narrow.get() {
            return form().into_any();
        }
        let form = form.clone();
        let button_text = move || {
            let count = active_count();
            if count == 0 {
                td_string!(i18n.get_locale(), phone.filters_button).to_string()
            } else {
                td_string!(i18n.get_locale(), phone.filters_button_count, count = count).to_string()
            }
        };
        view! {
            <button type="button" class="button filter-bar__open" data-testid="filters-button"
                aria-haspopup="dialog" on:click=move |_| sheet_open.set(true)>
                {button_text}
            </button>
            <Dialog open=sheet_open title=|l| td_string!(l, phone.filters_sheet)>
                <div class="filter-sheet" data-testid="filter-sheet">{form()}</div>
            </Dialog>
        }
        .into_any()
    };

    view! {
        <div class="filter-panel">
            {bar}
            <ActiveFilterChips value search_label order_label statuses statuses_legend />
        </div>
    }
}

/// The filters in force as chips, each with its own "remove" button.
#[component]
fn ActiveFilterChips(
    value: RwSignal<Filter>,
    search_label: Option<Label>,
    order_label: Option<Label>,
    statuses: Vec<StatusOption>,
    statuses_legend: Option<Label>,
) -> impl IntoView {
    let i18n = use_i18n();
    let statuses = StoredValue::new(statuses);
    let chip_text = move |part: FilterPart, locale: Locale| -> String {
        // Tracked: a chip that stays (another one was removed, or the URL changed
        // its value) follows the filter in force.
        let filter = value.get();
        let chip =
            |name: &str, value: &str| td_string!(locale, phone.chip, name, value).to_string();
        match part {
            FilterPart::Text => match search_label {
                Some(label) => chip(label(locale), &filter.text),
                None => {
                    td_string!(locale, phone.search_chip, value = filter.text.as_str()).to_string()
                }
            },
            FilterPart::Order => match order_label {
                Some(label) => chip(label(locale), &filter.order),
                None => {
                    td_string!(locale, phone.search_chip, value = filter.order.as_str()).to_string()
                }
            },
            FilterPart::Period => {
                let day =
                    |d: Option<NaiveDate>| d.map_or("…".to_owned(), |d| format_day(&d, locale));
                let range = format!("{} – {}", day(filter.from), day(filter.to));
                chip(td_string!(locale, filters.period), &range)
            }
            FilterPart::Status(key) => {
                let name = statuses.with_value(|all| {
                    all.iter()
                        .find(|s| s.key == key)
                        .map_or(key, |s| (s.label)(locale))
                });
                let legend = statuses_legend.map_or_else(
                    || td_string!(locale, filters.status),
                    |legend| legend(locale),
                );
                chip(legend, name)
            }
            FilterPart::Amount => {
                let range = match (filter.min_amount, filter.max_amount) {
                    (Some(min), Some(max)) => format!(
                        "{} – {}",
                        amount_text(min, locale),
                        amount_text(max, locale)
                    ),
                    (Some(min), None) => format!("≥ {}", amount_text(min, locale)),
                    (None, Some(max)) => format!("≤ {}", amount_text(max, locale)),
                    (None, None) => String::new(),
                };
                chip(td_string!(locale, filters.amount), &range)
            }
        }
    };
    let parts = move || value.with(Filter::parts);
    view! {
        <Show when=move || !parts().is_empty()>
            <ul class="active-filters" data-testid="active-filters"
                aria-label=move || td_string!(i18n.get_locale(), phone.active_filters)>
                <For each=parts key=|part| *part children=move |part| {
                        let text = move || chip_text(part, i18n.get_locale());
                        let remove = move |_| value.update(|v| *v = v.without(part));
                        view! {
                            <li>
                                <button type="button" class="chip chip--removable" on:click=remove
                                    aria-label=move || td_string!(i18n.get_locale(), phone.remove_filter, filter = text()).to_string()>
                                    <span>{text}</span>
                                    <span class="chip__remove" aria-hidden="true">"✕"</span>
                                </button>
                            </li>
                        }
                    } />
            </ul>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn presets_end_today() {
        let today = day("2026-05-31");
        assert_eq!(
            DatePreset::ThisMonth.range(today),
            (day("2026-05-01"), today)
        );
        assert_eq!(
            DatePreset::LastThreeMonths.range(today),
            (day("2026-02-28"), today)
        );
        assert_eq!(
            DatePreset::ThisYear.range(today),
            (day("2026-01-01"), today)
        );
    }

    fn statuses(key: &str) -> Option<&'static str> {
        ["paid", "unpaid", "overdue"]
            .into_iter()
            .find(|k| *k == key)
    }

    fn from_pairs(pairs: &[(&str, &str)]) -> Filter {
        Filter::from_query(
            |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v),
            statuses,
        )
    }

    #[test]
    fn a_filter_survives_its_url() {
        let filter = Filter {
            text: "FR 2026/01&x=1".into(),
            order: "=12 3".into(),
            from: Some(day("2026-01-01")),
            to: Some(day("2026-03-31")),
            statuses: vec!["unpaid", "paid"],
            min_amount: Some(Decimal::new(4990, 2)),
            max_amount: Some(Decimal::new(1000, 0)),
        };
        let query = filter.to_query();
        assert_eq!(
            query,
            "q=FR%202026%2F01%26x%3D1&order=%3D12%203&from=2026-01-01&to=2026-03-31&status=unpaid,paid&min=49.90&max=1000"
        );
        // The router hands the page decoded values.
        let decoded = [
            ("q", "FR 2026/01&x=1"),
            ("order", "=12 3"),
            ("from", "2026-01-01"),
            ("to", "2026-03-31"),
            ("status", "unpaid,paid"),
            ("min", "49.90"),
            ("max", "1000"),
            ("page", "3"),
        ];
        assert_eq!(from_pairs(&decoded), filter);
        assert!(filter.is_active());
    }

    #[test]
    fn no_filter_is_an_empty_query() {
        assert_eq!(Filter::default().to_query(), "");
        assert_eq!(from_pairs(&[("page", "2")]), Filter::default());
        assert!(!Filter::default().is_active());
        assert_eq!(
            Filter {
                statuses: vec!["overdue"],
                ..Filter::default()
            }
            .to_query(),
            "status=overdue"
        );
    }

    #[test]
    fn malformed_values_are_left_out() {
        let filter = from_pairs(&[
            ("q", "  FA-12  "),
            ("from", "2026-13-01"),
            ("to", "yesterday"),
            ("status", "paid,,refunded,paid,overdue"),
            ("min", "ten"),
            ("max", "12,5"),
        ]);
        assert_eq!(
            filter,
            Filter {
                text: "FA-12".into(),
                statuses: vec!["paid", "overdue"],
                max_amount: Some(Decimal::new(125, 1)),
                ..Filter::default()
            }
        );
    }

    #[test]
    fn reversed_ranges_are_dropped() {
        let filter = from_pairs(&[
            ("from", "2026-05-01"),
            ("to", "2026-04-01"),
            ("min", "100"),
            ("max", "10"),
        ]);
        assert_eq!(filter, Filter::default());
        let one_end = from_pairs(&[("to", "2026-04-01"), ("min", "100")]);
        assert_eq!(one_end.to, Some(day("2026-04-01")));
        assert_eq!(one_end.min_amount, Some(Decimal::new(100, 0)));
    }

    #[test]
    fn amounts_are_read_in_every_locale_style() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("1 234,50"), Ok(Some(Decimal::new(123450, 2))));
        assert_eq!(parse_amount("1234.5 €"), Ok(Some(Decimal::new(12345, 1))));
        assert_eq!(parse_amount("-12,5"), Ok(Some(Decimal::new(-125, 1))));
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("1e3").is_err());
        assert!(parse_amount("12,").is_err());
    }
}

//! The invoices the customer ticked, across pages: the ids (the table's
//! checkboxes), what the selection knows of each (to total its balance per
//! currency without asking the API again), and "all N invoices matching
//! these filters", which covers pages not seen yet.
//!
//! Paging and sorting keep the selection; a new filter clears it (the page
//! says so). Unticking a row while "all matching" is on leaves that mode and
//! keeps the rows ticked on screen, as mail clients do.

use super::export::totals_per_currency;
use crate::api::ApiResource;
use crate::api::models::{InvoiceSummary, InvoiceTotals, Money};
use crate::components::MoneyText;
use crate::format::{PluralCategory, format_count, plural_category};
use crate::i18n::*;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy)]
pub struct InvoiceSelection {
    /// The ticked ids (the table's selection).
    pub ids: RwSignal<HashSet<String>>,
    /// What is known of each ticked invoice, from the pages it was seen on.
    pub known: RwSignal<HashMap<String, InvoiceSummary>>,
    /// Every invoice the filter matches, on every page.
    pub all_matching: RwSignal<bool>,
    /// The ids at the last look, to tell a tick from an untick.
    previous: StoredValue<HashSet<String>>,
}

impl InvoiceSelection {
    pub fn new() -> Self {
        let selection = InvoiceSelection {
            ids: RwSignal::new(HashSet::new()),
            known: RwSignal::new(HashMap::new()),
            all_matching: RwSignal::new(false),
            previous: StoredValue::new(HashSet::new()),
        };
        // An untick leaves "all matching"; what is unticked is forgotten.
        Effect::new(move |_| {
            let ids = selection.ids.get();
            let removed = selection
                .previous
                .with_value(|before| before.iter().any(|id| !ids.contains(id)));
            if removed {
                if selection.all_matching.get_untracked() {
                    selection.all_matching.set(false);
                }
                selection
                    .known
                    .update(|known| known.retain(|id, _| ids.contains(id)));
            }
            selection.previous.set_value(ids);
        });
        selection
    }

    /// The rows on screen: remembered when ticked; all ticked in "all
    /// matching" mode.
    pub fn see(&self, rows: &[InvoiceSummary]) {
        if self.all_matching.get_untracked() {
            let missing = self
                .ids
                .with_untracked(|ids| rows.iter().any(|r| !ids.contains(&r.id)));
            if missing {
                self.ids
                    .update(|ids| ids.extend(rows.iter().map(|r| r.id.clone())));
            }
        }
        let ids = self.ids.get();
        let unknown: Vec<InvoiceSummary> = self.known.with_untracked(|known| {
            rows.iter()
                .filter(|r| ids.contains(&r.id) && !known.contains_key(&r.id))
                .cloned()
                .collect()
        });
        if !unknown.is_empty() {
            self.known.update(|known| {
                known.extend(unknown.into_iter().map(|r| (r.id.clone(), r)));
            });
        }
    }

    pub fn select_all_matching(&self, rows: &[InvoiceSummary]) {
        self.all_matching.set(true);
        self.see(rows);
    }

    pub fn clear(&self) {
        self.all_matching.set(false);
        self.ids.set(HashSet::new());
        self.known.set(HashMap::new());
    }

    pub fn is_active_untracked(&self) -> bool {
        self.all_matching.get_untracked() || self.ids.with_untracked(|ids| !ids.is_empty())
    }

    /// The ticked invoices known in full, newest first.
    pub fn picked(&self) -> Vec<InvoiceSummary> {
        let mut picked: Vec<InvoiceSummary> = self.known.with(|known| {
            self.ids
                .with(|ids| ids.iter().filter_map(|id| known.get(id).cloned()).collect())
        });
        picked.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        picked
    }
}

impl Default for InvoiceSelection {
    fn default() -> Self {
        Self::new()
    }
}

/// The balance of some invoices, one amount per currency.
pub fn balance_per_currency(invoices: &[InvoiceSummary]) -> Vec<Money> {
    totals_per_currency(invoices)
        .into_iter()
        .map(|t| Money::new(t.balance_due, t.currency))
        .collect()
}

/// The number selected and their balance per currency, always in view while
/// something is selected; "select all N matching" once the whole page is.
#[component]
pub fn SelectionBar(
    selection: InvoiceSelection,
    totals: ApiResource<InvoiceTotals>,
    page_rows: Memo<Vec<InvoiceSummary>>,
    page_total: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = selection.all_matching;
    let count = move || {
        if all.get() {
            totals
                .get()
                .and_then(Result::ok)
                .map_or(page_total, |t| t.count)
        } else {
            selection.ids.with(|ids| ids.len() as u64)
        }
    };
    let balances = move || -> Vec<Money> {
        if all.get() {
            totals
                .get()
                .and_then(Result::ok)
                .map(|t| {
                    t.currencies
                        .into_iter()
                        .map(|c| Money::new(c.balance_due, c.currency))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            balance_per_currency(&selection.picked())
        }
    };
    let whole_page = move || {
        page_rows.with(|rows| {
            !rows.is_empty()
                && selection
                    .ids
                    .with(|ids| rows.iter().all(|r| ids.contains(&r.id)))
        })
    };
    let offer_all =
        move || !all.get() && whole_page() && page_total > page_rows.with(|r| r.len() as u64);
    let label = move || {
        let locale = i18n.get_locale();
        let n = count();
        if n == 0 {
            return td_string!(locale, invoice_actions.selected_none).to_string();
        }
        let formatted = format_count(n, locale);
        match plural_category(locale, n) {
            PluralCategory::One => td_string!(
                locale,
                invoice_actions.selected.one,
                count = formatted.as_str()
            )
            .to_string(),
            PluralCategory::Other => td_string!(
                locale,
                invoice_actions.selected.other,
                count = formatted.as_str()
            )
            .to_string(),
        }
    };
    view! {
        <div class="selection-bar" data-testid="selection-bar">
            <p class="selection-bar__status" role="status">
            <span data-testid="selection-count">{label}</span>
            {move || (count() > 0).then(|| view! {
                <span class="selection-bar__balance" data-testid="selection-balance">
                    {move || td_string!(i18n.get_locale(), invoice_actions.selected_balance)}" "
                    {balances().into_iter().map(|money| {
                        let currency = money.currency.as_str().to_owned();
                        view! {
                            <span class="selection-bar__amount" data-currency=currency>
                                <MoneyText money />
                            </span>
                        }
                    }).collect_view()}
                </span>
            })}
            </p>
            {move || all.get().then(|| view! {
                <span data-testid="all-matching-selected">
                    {move || {
                        let locale = i18n.get_locale();
                        let n = format_count(count(), locale);
                        td_string!(locale, invoice_actions.all_matching_selected, count = n.as_str()).to_string()
                    }}
                </span>
            })}
            {move || offer_all().then(|| view! {
                <button type="button" class="button button--ghost" data-testid="select-all-matching"
                    on:click=move |_| page_rows.with_untracked(|rows| selection.select_all_matching(rows))>
                    {move || {
                        let locale = i18n.get_locale();
                        let n = format_count(page_total, locale);
                        td_string!(locale, invoice_actions.select_all_matching, count = n.as_str()).to_string()
                    }}
                </button>
            })}
            {move || (count() > 0).then(|| view! {
                <button type="button" class="button button--ghost" data-testid="clear-selection"
                    on:click=move |_| selection.clear()>
                    {move || td_string!(i18n.get_locale(), invoice_actions.clear_selection)}
                </button>
            })}
        </div>
    }
}

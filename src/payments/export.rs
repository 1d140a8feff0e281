//! `Exporter en CSV`: the payments' proofs as a spreadsheet, one row per
//! payment with its settled invoice references joined, written by the shared
//! CSV writer (`crate::export::csv`: BOM, `;` and decimal comma in French and
//! Italian, formulas neutralised, headers in the customer's language).
//! Either everything the filter matches (fetched page by page, with progress
//! and a cancel) or the rows the customer ticked.

use crate::api::models::Payment;
use crate::api::models::query::PaymentQuery;
use crate::api::use_api;
use crate::components::{Button, ButtonVariant, error_message};
use crate::export::csv::{Cell, download, file_name, write_csv};
use crate::export::fetch::{EXPORT_PAGE_SIZE, ExportError, Progress, fetch_all};
use crate::i18n::*;
use crate::payment_methods::payment_method_type_label;
use leptos::prelude::*;
use std::collections::HashSet;

/// The header row, in the customer's language.
pub fn headers(locale: Locale) -> Vec<&'static str> {
    vec![
        td_string!(locale, payment_tracking.csv_id),
        td_string!(locale, payments.date),
        td_string!(locale, payments.amount),
        td_string!(locale, payment_tracking.csv_currency),
        td_string!(locale, payment_tracking.csv_type),
        td_string!(locale, payments.method),
        td_string!(locale, payment_tracking.status),
        td_string!(locale, payments.invoices),
        td_string!(locale, payment_tracking.credit),
        td_string!(locale, payment_tracking.csv_credit_amount),
    ]
}

/// One payment as a row: its settled invoice references joined by ", ".
pub fn record(locale: Locale, payment: &Payment) -> Vec<Cell> {
    let invoices = payment
        .invoices
        .iter()
        .map(|settled| settled.reference.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        Cell::from(payment.id.as_str()),
        Cell::Date(payment.date.date_naive()),
        Cell::Amount(payment.amount.amount),
        Cell::from(payment.amount.currency.as_str()),
        Cell::from(payment_method_type_label(
            locale,
            payment.payment_method.kind,
        )),
        Cell::from(payment.payment_method.label.as_str()),
        Cell::from(super::list::payment_status_label(locale, payment.status)),
        Cell::from(invoices),
        Cell::from(
            payment
                .credit_note
                .as_ref()
                .map(|note| note.reference.clone())
                .unwrap_or_default(),
        ),
        payment
            .credit_applied
            .as_ref()
            .map_or(Cell::from(""), |credit| Cell::Amount(credit.amount)),
    ]
}

/// The whole file for these payments.
pub fn payments_csv(locale: Locale, payments: &[Payment]) -> String {
    write_csv(
        locale,
        &headers(locale),
        payments.iter().map(|payment| record(locale, payment)),
    )
}

/// Where an export stands, for the live region under the buttons.
#[derive(Debug, Clone, PartialEq)]
enum ExportState {
    Idle,
    Running(Progress),
    Done(String),
    Failed(String),
    Cancelled,
}

/// The two export buttons and what they are doing.
///
/// - `query`: the filter and sort in force (its page is ignored).
/// - `selection`: the ids ticked; `seen`: every payment shown since the
///   filter last changed, so a selection spanning pages exports whole.
#[component]
pub fn PaymentExport(
    #[prop(into)] query: Signal<PaymentQuery>,
    selection: RwSignal<HashSet<String>>,
    seen: RwSignal<Vec<Payment>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let state = RwSignal::new(ExportState::Idle);
    let controller = StoredValue::new_local(None::<web_sys::AbortController>);
    let running = move || matches!(state.get(), ExportState::Running(_));

    let save = move |payments: Vec<Payment>| {
        let locale = i18n.get_locale_untracked();
        let name = file_name(
            td_string!(locale, payment_tracking.file_kind),
            chrono::Local::now().date_naive(),
            "csv",
        );
        match download(&name, &payments_csv(locale, &payments)) {
            Ok(()) => state.set(ExportState::Done(name)),
            Err(reason) => state.set(ExportState::Failed(reason)),
        }
    };

    let export_selection = move |_| {
        let chosen = selection.get_untracked();
        let rows: Vec<Payment> = seen.with_untracked(|seen| {
            seen.iter()
                .filter(|payment| chosen.contains(&payment.id))
                .cloned()
                .collect()
        });
        save(rows);
    };

    let export_all = move |_| {
        let Ok(abort) = web_sys::AbortController::new() else {
            return;
        };
        let signal = abort.signal();
        controller.set_value(Some(abort));
        let base = query.get_untracked();
        let api = api.clone();
        state.set(ExportState::Running(Progress::default()));
        leptos::task::spawn_local(async move {
            let load = move |page: u32, cancel: &web_sys::AbortSignal| {
                let query = PaymentQuery {
                    page: Some(page),
                    page_size: Some(EXPORT_PAGE_SIZE),
                    ..base.clone()
                };
                api.payments(&query, cancel)
            };
            let progress = move |p: Progress| state.set(ExportState::Running(p));
            match fetch_all(load, &signal, progress).await {
                Ok(rows) => save(rows),
                Err(ExportError::Cancelled) => state.set(ExportState::Cancelled),
                Err(ExportError::Api(error)) => {
                    let reason = error_message(i18n.get_locale_untracked(), &error);
                    state.set(ExportState::Failed(reason));
                }
            }
            controller.set_value(None);
        });
    };

    let cancel = move |_| {
        controller.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    };

    let count = move || selection.with(HashSet::len);
    let message = move || {
        let locale = i18n.get_locale();
        match state.get() {
            ExportState::Idle => String::new(),
            ExportState::Running(p) => td_string!(
                locale,
                payment_tracking.exporting,
                page = p.page.max(1),
                pages = p.pages.max(1)
            )
            .to_string(),
            ExportState::Done(file) => {
                td_string!(locale, payment_tracking.exported, file = file.as_str()).to_string()
            }
            ExportState::Failed(reason) => td_string!(
                locale,
                payment_tracking.export_failed,
                reason = reason.as_str()
            )
            .to_string(),
            ExportState::Cancelled => {
                td_string!(locale, payment_tracking.export_cancelled).to_string()
            }
        }
    };
    view! {
        <div class="filter-bar__actions" data-testid="payments-export">
            <Button variant=ButtonVariant::Secondary busy=Signal::derive(running)
                on_click=Callback::new(export_all) attr:data-testid="export-all">
                {t!(i18n, payment_tracking.export_all)}
            </Button>
            <Button variant=ButtonVariant::Secondary disabled=Signal::derive(move || count() == 0 || running())
                on_click=Callback::new(export_selection) attr:data-testid="export-selection">
                {t!(i18n, payment_tracking.export_selection)}
                " (" {move || count().to_string()} ")"
            </Button>
            {move || running().then(|| view! {
                <Button variant=ButtonVariant::Ghost on_click=Callback::new(cancel)>
                    {t!(i18n, payment_tracking.cancel)}
                </Button>
            })}
        </div>
        <p role="status" class="list-summary" data-testid="export-status">{message}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::PaymentStatus;
    use crate::api::models::{
        CreditNoteRef, Money, PaymentMethodRef, PaymentMethodType, SettledInvoice,
    };
    use rust_decimal::Decimal;

    fn payment() -> Payment {
        Payment {
            id: "pay-fr-000001".into(),
            date: "2026-03-02T10:20:00+01:00".parse().unwrap(),
            amount: Money::eur(Decimal::new(123456, 2)),
            payment_method: PaymentMethodRef {
                kind: PaymentMethodType::Sepa,
                label: "=SEPA FR76 •••• 0189".into(),
            },
            invoices: vec![
                SettledInvoice {
                    id: "inv-1".into(),
                    reference: "FR00000001".into(),
                    amount_applied: Money::eur(Decimal::new(100000, 2)),
                },
                SettledInvoice {
                    id: "inv-2".into(),
                    reference: "FR00000002".into(),
                    amount_applied: Money::eur(Decimal::new(24456, 2)),
                },
            ],
            credit_applied: Some(Money::eur(Decimal::new(1000, 2))),
            status: PaymentStatus::Succeeded,
            credit_note: Some(CreditNoteRef {
                id: "cn-1".into(),
                reference: "FR-AV-1".into(),
            }),
        }
    }

    #[test]
    fn one_row_per_payment_with_its_invoices_joined() {
        let file = payments_csv(Locale::fr, &[payment()]);
        let lines: Vec<&str> = file.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert!(file.starts_with('\u{FEFF}'));
        assert_eq!(
            lines[0],
            "Identifiant du paiement;Date;Montant;Devise;Type de paiement;Moyen de paiement;Statut;Factures réglées;Avoir;Montant de l'avoir"
        );
        // The label starting with `=` is neutralised; amounts take the decimal comma.
        assert_eq!(
            lines[1],
            "pay-fr-000001;2026-03-02;1234,56;EUR;Prélèvement SEPA;\"'=SEPA FR76 •••• 0189\";Effectué;FR00000001, FR00000002;FR-AV-1;10,00"
        );
        assert_eq!(lines.len(), 3, "two lines and the final CRLF");
    }

    #[test]
    fn headers_follow_the_language() {
        let file = payments_csv(Locale::it, &[]);
        assert!(file.contains("Identificativo del pagamento;Data;Importo"));
        let english = payments_csv(Locale::en, &[payment()]);
        assert!(english.contains(",1234.56,EUR,"));
        assert!(english.contains(",\"FR00000001, FR00000002\","));
    }
}

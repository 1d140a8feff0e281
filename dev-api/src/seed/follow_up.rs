//! Order tracking histories (the four OVHcloud steps) from a compact pattern.

use billing_contract::{
    DateTimeOffset, FollowUp, FollowUpStep, HistoryEntry, StepName, StepStatus,
};
use chrono::Duration;

use super::catalog::Lang;

const STEPS: [StepName; 4] = [
    StepName::Validating,
    StepName::Validated,
    StepName::Delivering,
    StepName::Available,
];

fn text(label: &str, lang: Lang) -> &'static str {
    let (fr, it) = match label {
        "ORDER_ACCEPTED" => ("Commande enregistrée", "Ordine registrato"),
        "PAYMENT_INITIATED" => ("Paiement initié", "Pagamento avviato"),
        "PAYMENT_RECEIVED" => ("Paiement reçu", "Pagamento ricevuto"),
        "PAYMENT_REFUSED" => (
            "Paiement refusé par la banque",
            "Pagamento rifiutato dalla banca",
        ),
        "FRAUD_CHECK" => (
            "Vérification de la commande en cours",
            "Verifica dell'ordine in corso",
        ),
        "FRAUD_DOCS_REQUESTED" => (
            "Justificatifs demandés : pièce d'identité et justificatif de domicile",
            "Documenti richiesti: documento d'identità e prova di residenza",
        ),
        "PAYMENT_CONFIRMED" => ("Commande validée", "Ordine convalidato"),
        "INVOICE_IN_PROGRESS" => ("Facture en cours de création", "Fattura in preparazione"),
        "INVOICE_SENT" => ("Facture envoyée", "Fattura inviata"),
        "DELIVERY" => (
            "Livraison du service en cours",
            "Consegna del servizio in corso",
        ),
        "DELIVERY_FAILED" => (
            "Incident de livraison : nos équipes interviennent",
            "Problema di consegna: i nostri team sono al lavoro",
        ),
        "AVAILABLE" => ("Service disponible", "Servizio disponibile"),
        "AVAILABLE_FAILED" => ("Échec de la mise en service", "Attivazione non riuscita"),
        _ => ("Mise en service", "Attivazione"),
    };
    if lang == Lang::Fr { fr } else { it }
}

/// History codes shown for one step in one state; the dotted suffix picks a variant text.
fn events(step: StepName, status: StepStatus) -> &'static [&'static str] {
    use StepName as N;
    use StepStatus as S;
    match (step, status) {
        (_, S::Todo) | (_, S::Unknown) | (N::Unknown, _) => &[],
        (N::Validating, S::Doing) => &["ORDER_ACCEPTED", "PAYMENT_INITIATED"],
        (N::Validating, S::Done) => &["ORDER_ACCEPTED", "PAYMENT_INITIATED", "PAYMENT_RECEIVED"],
        (N::Validating, S::Error) => &["ORDER_ACCEPTED", "PAYMENT_INITIATED", "PAYMENT_REFUSED"],
        (N::Validated, S::Doing) => &["FRAUD_CHECK"],
        (N::Validated, S::Done) => &["FRAUD_CHECK", "PAYMENT_CONFIRMED"],
        (N::Validated, S::Error) => &["FRAUD_CHECK", "FRAUD_DOCS_REQUESTED"],
        (N::Delivering, S::Doing) => &["INVOICE_IN_PROGRESS", "DELIVERY"],
        (N::Delivering, S::Done) => &["INVOICE_IN_PROGRESS", "INVOICE_SENT", "DELIVERY"],
        (N::Delivering, S::Error) => &["INVOICE_SENT", "DELIVERY_FAILED"],
        (N::Available, S::Doing) => &["DELIVERY"],
        (N::Available, S::Done) => &["AVAILABLE"],
        (N::Available, S::Error) => &["AVAILABLE_FAILED"],
    }
}

/// Wire label: variants collapse onto OVHcloud's codes (`DELIVERY_FAILED` is a `DELIVERY` event).
fn wire_label(code: &str) -> &str {
    match code {
        "DELIVERY_FAILED" | "AVAILABLE" | "AVAILABLE_FAILED" => "DELIVERY",
        "PAYMENT_REFUSED" => "FRAUD_REFUSED",
        other => other,
    }
}

pub fn build(start: DateTimeOffset, pattern: [StepStatus; 4], lang: Lang) -> FollowUp {
    let mut at = start;
    let steps = STEPS
        .iter()
        .zip(pattern)
        .map(|(&step, status)| {
            let history = events(step, status)
                .iter()
                .map(|code| {
                    at += Duration::minutes(7);
                    HistoryEntry {
                        date: at,
                        label: wire_label(code).to_owned(),
                        description: text(code, lang).to_owned(),
                    }
                })
                .collect();
            FollowUpStep {
                step,
                status,
                history,
            }
        })
        .collect();
    FollowUp { steps }
}

/// Tracking of an order that has just been paid in the dev server.
pub fn after_payment(
    start: DateTimeOffset,
    paid_at: DateTimeOffset,
    lang: Lang,
    regularisation: bool,
) -> FollowUp {
    use StepStatus::*;
    let pattern = if regularisation {
        [Done, Done, Done, Done]
    } else {
        [Done, Done, Doing, Todo]
    };
    let mut f = build(start, pattern, lang);
    // Keep the history monotonic: everything after acceptance happened at payment time.
    for step in &mut f.steps {
        for h in &mut step.history {
            if h.label != "ORDER_ACCEPTED" {
                h.date = paid_at;
            }
        }
    }
    f
}

/// Moves an order's tracking one step on (the dev switch behind the tracking refresh
/// journeys): the step in progress (or in error) is done, the next one starts; when
/// nothing is in progress the first step still to do starts. Returns whether anything
/// changed (false once the four steps are done).
pub fn advance(follow_up: &mut FollowUp, now: DateTimeOffset, lang: Lang) -> bool {
    let entry = |code: &str| HistoryEntry {
        date: now,
        label: wire_label(code).to_owned(),
        description: text(code, lang).to_owned(),
    };
    let current = follow_up
        .steps
        .iter()
        .position(|s| matches!(s.status, StepStatus::Doing | StepStatus::Error));
    let next = match current {
        Some(i) => {
            let step = &mut follow_up.steps[i];
            step.status = StepStatus::Done;
            if let Some(code) = events(step.step, StepStatus::Done).last() {
                step.history.push(entry(code));
            }
            i + 1
        }
        None => match follow_up
            .steps
            .iter()
            .position(|s| s.status != StepStatus::Done)
        {
            Some(i) => i,
            None => return false,
        },
    };
    if let Some(step) = follow_up.steps.get_mut(next) {
        step.status = StepStatus::Doing;
        if let Some(code) = events(step.step, StepStatus::Doing).first() {
            step.history.push(entry(code));
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepStatus::*;

    #[test]
    fn advancing_finishes_the_step_in_progress_and_starts_the_next() {
        let start = DateTimeOffset::parse_from_rfc3339("2026-11-01T10:00:00+01:00").unwrap();
        let mut f = build(start, [Done, Done, Doing, Todo], Lang::Fr);
        assert!(advance(&mut f, start + Duration::hours(1), Lang::Fr));
        let states: Vec<_> = f.steps.iter().map(|s| s.status).collect();
        assert_eq!(states, [Done, Done, Done, Doing]);
        assert_eq!(f.steps[3].history.len(), 1);
        assert!(advance(&mut f, start + Duration::hours(2), Lang::Fr));
        assert!(!advance(&mut f, start + Duration::hours(3), Lang::Fr));
        assert!(f.steps.iter().all(|s| s.status == Done));
    }
}

//! Every visible string exists in French, Italian and English, with the same
//! placeholders: a missing key or a dropped `{{ amount }}` fails here, before
//! a customer meets a blank label or a sentence without its amount.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const LOCALES: [(&str, &str); 3] = [
    ("fr", include_str!("../locales/fr.json")),
    ("it", include_str!("../locales/it.json")),
    ("en", include_str!("../locales/en.json")),
];

fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, child, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_owned(), text.clone());
        }
        other => panic!("{prefix}: translations must be strings, found {other}"),
    }
}

fn strings(source: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    flatten(
        "",
        &serde_json::from_str(source).expect("locale file parses"),
        &mut out,
    );
    out
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split("}}").next())
        .map(|name| name.trim().to_owned())
        .collect()
}

#[test]
fn every_locale_has_every_key() {
    let all: Vec<_> = LOCALES
        .iter()
        .map(|(code, src)| (*code, strings(src)))
        .collect();
    let (_, french) = &all[0];
    for (code, translations) in &all[1..] {
        let missing: Vec<_> = french
            .keys()
            .filter(|k| !translations.contains_key(*k))
            .collect();
        let extra: Vec<_> = translations
            .keys()
            .filter(|k| !french.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(extra.is_empty(), "{code} has keys French lacks: {extra:?}");
    }
}

#[test]
fn no_translation_is_blank() {
    for (code, source) in LOCALES {
        for (key, text) in strings(source) {
            assert!(!text.trim().is_empty(), "{code}: {key} is blank");
        }
    }
}

#[test]
fn placeholders_agree_across_locales() {
    let french = strings(LOCALES[0].1);
    for (code, source) in &LOCALES[1..] {
        for (key, text) in strings(source) {
            assert_eq!(
                placeholders(&text),
                placeholders(&french[&key]),
                "{code}: {key} has different placeholders than French"
            );
        }
    }
}

#[test]
fn the_labels_customers_know_are_kept() {
    let french = strings(LOCALES[0].1);
    let italian = strings(LOCALES[1].1);
    for (key, label) in [
        ("nav.orders", "Mes commandes"),
        ("nav.invoices", "Factures"),
        ("nav.payments", "Suivi des paiements"),
        ("nav.payment_methods", "Moyens de paiement"),
        ("dashboard.pay_balance", "Régler mon solde immédiatement"),
    ] {
        assert_eq!(french[key], label);
    }
    for (key, label) in [
        ("nav.orders", "I tuoi ordini"),
        ("nav.invoices", "Fatture"),
        ("nav.payments", "Controllo dei pagamenti"),
        ("nav.payment_methods", "Metodi di pagamento"),
        ("dashboard.pay_balance", "Salda subito l'importo dovuto"),
    ] {
        assert_eq!(italian[key], label);
    }
}

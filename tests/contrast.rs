//! Every text/background pair and every UI-part pair of style/tokens.css
//! meets WCAG 2.2 AA, in the light and the dark theme: 4.5:1 for text
//! (WCAG 1.4.3), 3:1 for the boundaries of controls and the focus ring
//! (WCAG 1.4.11).
//!
//! The pairs are listed here by hand, one line per place the portal puts a
//! colour on another: a designer who adds a token pair to the CSS adds its
//! line here.
#![cfg(not(target_arch = "wasm32"))]

use billing_portal::config::HexColour;
use billing_portal::theme::{Theme, accent_backgrounds, contrast_ratio};
use std::collections::HashMap;

const TOKENS: &str = include_str!("../style/tokens.css");

const TEXT: f64 = 4.5;
const UI: f64 = 3.0;

const SURFACES: [&str; 5] = [
    "--color-bg",
    "--color-surface",
    "--color-surface-sunken",
    "--color-surface-hover",
    "--color-surface-selected",
];

const STATUSES: [&str; 16] = [
    "paid",
    "unpaid",
    "overdue",
    "not-paid",
    "checking",
    "documents-requested",
    "delivering",
    "delivered",
    "cancelling",
    "cancelled",
    "expired",
    "valid",
    "pending",
    "failed",
    "canceled",
    "unknown",
];

const TONES: [&str; 5] = ["success", "warning", "danger", "progress", "neutral"];

/// (foreground, background, minimum ratio, where it is used)
fn pairs() -> Vec<(String, String, f64, &'static str)> {
    let mut pairs = Vec::new();
    let mut add = |fg: &str, bg: &str, min: f64, usage: &'static str| {
        pairs.push((fg.to_owned(), bg.to_owned(), min, usage));
    };
    for surface in SURFACES {
        add("--color-text", surface, TEXT, "body text, table cells");
        add(
            "--color-text-muted",
            surface,
            TEXT,
            "secondary text, table headers",
        );
        add(
            "--color-link",
            surface,
            TEXT,
            "links, ghost buttons, sorted header",
        );
        add("--color-money-due", surface, TEXT, "amount due in red");
        add(
            "--color-danger",
            surface,
            TEXT,
            "field errors, danger menu item",
        );
        add("--color-focus-ring", surface, UI, "focus ring");
        add(
            "--color-accent",
            surface,
            UI,
            "primary button edge, checkbox, chip",
        );
    }
    for surface in ["--color-bg", "--color-surface"] {
        add(
            "--color-border-strong",
            surface,
            UI,
            "input, secondary button, chip edge",
        );
        add(
            "--color-danger",
            surface,
            UI,
            "danger button edge, invalid input",
        );
        add("--tone-progress-text", surface, TEXT, "step in progress");
        add("--tone-success-text", surface, TEXT, "step done");
        add("--tone-danger-text", surface, TEXT, "step in error");
        add("--step-todo", surface, UI, "step to do (marker, line)");
        add("--step-doing", surface, UI, "step marker");
        add("--step-done", surface, UI, "step marker");
        add("--step-error", surface, UI, "step marker");
    }
    for bg in [
        "--color-accent",
        "--color-accent-hover",
        "--color-accent-active",
    ] {
        add("--color-on-accent", bg, TEXT, "primary button label");
    }
    for bg in ["--color-danger", "--color-danger-hover"] {
        add("--color-on-danger", bg, TEXT, "danger button label");
    }
    for bg in ["--step-done", "--step-error"] {
        add("--color-surface", bg, TEXT, "step marker ✓ / !");
    }
    add("--color-toast-text", "--color-toast-bg", TEXT, "toast");
    for tone in TONES {
        let (text, bg) = (format!("--tone-{tone}-text"), format!("--tone-{tone}-bg"));
        add(&text, &bg, TEXT, "badge, banner title, error panel title");
        add("--color-text", &bg, TEXT, "banner and error panel body");
    }
    for status in STATUSES {
        let (text, bg) = (
            format!("--status-{status}-text"),
            format!("--status-{status}-bg"),
        );
        add(&text, &bg, TEXT, "status badge");
    }
    pairs
}

/// Declarations of the rule whose selector is exactly `selector`, searched
/// in `css` (comments removed), at any depth.
fn block(css: &str, selector: &str) -> HashMap<String, String> {
    let normalised = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let wanted = normalised(selector);
    let mut declarations = HashMap::new();
    let mut depth_starts: Vec<usize> = Vec::new();
    let mut found = false;
    let mut last_end = 0;
    for (at, c) in css.char_indices() {
        match c {
            '{' => {
                let head = normalised(&css[last_end..at]);
                if head == wanted {
                    assert!(!found, "{selector} declared twice");
                    found = true;
                    let end = at + css[at..].find('}').expect("closed rule");
                    for declaration in css[at + 1..end].split(';') {
                        if let Some((name, value)) = declaration.split_once(':') {
                            declarations.insert(name.trim().to_owned(), normalised(value));
                        }
                    }
                }
                depth_starts.push(at);
                last_end = at + 1;
            }
            '}' => {
                depth_starts.pop();
                last_end = at + 1;
            }
            ';' => last_end = at + 1,
            _ => {}
        }
    }
    assert!(found, "no rule for {selector} in style/tokens.css");
    declarations
}

fn without_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("*/").expect("closed comment") + start + 2;
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

struct ThemeTokens(HashMap<String, String>);

impl ThemeTokens {
    /// Resolves `var(--name, fallback)` chains down to a `#rrggbb` colour.
    fn colour(&self, name: &str) -> HexColour {
        let mut value = self
            .0
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not declared"))
            .clone();
        for _ in 0..10 {
            if let Some(inner) = value.strip_prefix("var(").and_then(|v| v.strip_suffix(')')) {
                let (reference, fallback) = match inner.split_once(',') {
                    Some((reference, fallback)) => (reference.trim(), Some(fallback.trim())),
                    None => (inner.trim(), None),
                };
                value = match (self.0.get(reference), fallback) {
                    (Some(next), _) => next.clone(),
                    (None, Some(fallback)) => fallback.to_owned(),
                    (None, None) => panic!("{name} refers to undeclared {reference}"),
                };
            } else {
                return HexColour::parse(&value)
                    .unwrap_or_else(|| panic!("{name} = {value:?} is not #rrggbb"));
            }
        }
        panic!("{name}: var() chain too long");
    }
}

fn themes() -> [(Theme, ThemeTokens); 2] {
    let css = without_comments(TOKENS);
    let shared = block(&css, ":root, [data-theme]");
    let with = |own: HashMap<String, String>| {
        let mut all = shared.clone();
        all.extend(own);
        ThemeTokens(all)
    };
    [
        (
            Theme::Light,
            with(block(&css, ":root, [data-theme=\"light\"]")),
        ),
        (Theme::Dark, with(block(&css, "[data-theme=\"dark\"]"))),
    ]
}

#[test]
fn every_pair_meets_wcag_aa_in_both_themes() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (theme, tokens) in themes() {
        for (fg, bg, min, usage) in pairs() {
            let ratio = contrast_ratio(tokens.colour(&fg), tokens.colour(&bg));
            checked += 1;
            if ratio < min {
                failures.push(format!(
                    "{theme:?}: {fg} on {bg} is {ratio:.2}:1, needs {min}:1 ({usage})"
                ));
            }
        }
    }
    assert!(checked > 150, "only {checked} pairs checked");
    assert!(
        failures.is_empty(),
        "contrast failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_system_dark_theme_is_the_chosen_dark_theme() {
    let css = without_comments(TOKENS);
    let chosen = block(&css, "[data-theme=\"dark\"]");
    let system = block(&css, ":root:not([data-theme=\"light\"])");
    assert_eq!(chosen, system, "style/tokens.css: blocks 2 and 3 differ");
}

#[test]
fn both_themes_declare_the_same_tokens() {
    let css = without_comments(TOKENS);
    let mut light: Vec<_> = block(&css, ":root, [data-theme=\"light\"]")
        .into_keys()
        .collect();
    let mut dark: Vec<_> = block(&css, "[data-theme=\"dark\"]").into_keys().collect();
    light.sort();
    dark.sort();
    assert_eq!(light, dark);
}

/// src/theme.rs derives the brand accent against these backgrounds; they
/// must be the ones the CSS paints.
#[test]
fn the_brand_accent_is_checked_against_the_real_backgrounds() {
    for (theme, tokens) in themes() {
        let css = [
            "--color-bg",
            "--color-surface",
            "--color-surface-sunken",
            "--color-surface-selected",
        ]
        .map(|name| tokens.colour(name));
        assert_eq!(accent_backgrounds(theme), css, "{theme:?}");
    }
}

//! Light and dark themes, and the deployment's brand colour.
//!
//! The theme follows `prefers-color-scheme` until the customer picks one with
//! the header toggle; the pick is remembered. The brand colour from
//! `config.json` becomes the accent tokens at run time, so a deployment
//! re-skins without a rebuild.

use crate::config::HexColour;

/// The theme in force, switchable from the header; provided by the app.
#[derive(Clone, Copy)]
pub struct ThemeSignal(pub leptos::prelude::RwSignal<Theme>);

pub const SAVED_THEME_KEY: &str = "billing-portal.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// WCAG relative luminance of an sRGB colour.
pub fn relative_luminance(colour: HexColour) -> f64 {
    let channel = |value: u8| {
        let c = f64::from(value) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast_ratio(a: HexColour, b: HexColour) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (lighter, darker) = if la > lb { (la, lb) } else { (lb, la) };
    (lighter + 0.05) / (darker + 0.05)
}

/// Mixes `colour` toward `target` by `amount` (0 = colour, 1 = target).
pub fn mix(colour: HexColour, target: HexColour, amount: f64) -> HexColour {
    let blend = |from: u8, to: u8| {
        (f64::from(from) + (f64::from(to) - f64::from(from)) * amount).round() as u8
    };
    HexColour {
        red: blend(colour.red, target.red),
        green: blend(colour.green, target.green),
        blue: blend(colour.blue, target.blue),
    }
}

const WHITE: HexColour = HexColour {
    red: 255,
    green: 255,
    blue: 255,
};
const BLACK: HexColour = HexColour {
    red: 0,
    green: 0,
    blue: 0,
};

/// The accent tokens derived from a brand colour for one theme: the accent
/// itself (darkened or lightened until text on it and it on the page
/// background both reach 4.5:1), its hover and active shades, and the text
/// colour to put on it.
#[derive(Debug, Clone, PartialEq)]
pub struct AccentTokens {
    pub accent: HexColour,
    pub accent_hover: HexColour,
    pub accent_active: HexColour,
    pub on_accent: HexColour,
}

/// The backgrounds the accent is read on, per theme: page, card, table
/// header, selected row (`--color-bg`, `--color-surface`,
/// `--color-surface-sunken`, `--color-surface-selected` in style/tokens.css;
/// tests/contrast.rs checks the two lists agree).
pub fn accent_backgrounds(theme: Theme) -> [HexColour; 4] {
    let hex = |red, green, blue| HexColour { red, green, blue };
    match theme {
        Theme::Light => [
            hex(0xf5, 0xf6, 0xf8),
            WHITE,
            hex(0xf1, 0xf3, 0xf6),
            hex(0xe8, 0xf0, 0xfe),
        ],
        Theme::Dark => [
            hex(0x12, 0x16, 0x1c),
            hex(0x19, 0x1e, 0x26),
            hex(0x1f, 0x25, 0x2e),
            hex(0x1c, 0x2b, 0x45),
        ],
    }
}

pub fn accent_tokens(brand: HexColour, theme: Theme) -> AccentTokens {
    let toward = match theme {
        Theme::Light => BLACK,
        Theme::Dark => WHITE,
    };
    let backgrounds = accent_backgrounds(theme);
    let worst = |colour: HexColour| {
        backgrounds
            .iter()
            .map(|bg| contrast_ratio(colour, *bg))
            .fold(f64::INFINITY, f64::min)
    };
    let mut accent = brand;
    let mut step = 0.0;
    while worst(accent) < 4.5 && step < 1.0 {
        step += 0.05;
        accent = mix(brand, toward, step);
    }
    let on_accent = if contrast_ratio(WHITE, accent) >= contrast_ratio(BLACK, accent) {
        WHITE
    } else {
        BLACK
    };
    AccentTokens {
        accent,
        accent_hover: mix(accent, toward, 0.15),
        accent_active: mix(accent, toward, 0.3),
        on_accent,
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// The saved pick, else the system preference.
    pub fn initial_theme() -> Theme {
        let saved = storage()
            .and_then(|s| s.get_item(SAVED_THEME_KEY).ok().flatten())
            .and_then(|t| Theme::parse(&t));
        saved.unwrap_or_else(|| {
            let prefers_dark = web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|query| query.matches());
            if prefers_dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        })
    }

    pub fn save_theme(theme: Theme) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(SAVED_THEME_KEY, theme.as_str());
        }
    }

    fn root() -> Option<web_sys::HtmlElement> {
        use wasm_bindgen::JsCast;
        web_sys::window()?
            .document()?
            .document_element()?
            .dyn_into::<web_sys::HtmlElement>()
            .ok()
    }

    /// Applies the theme to `<html>`, and the brand accents for *both* themes
    /// (`--brand-accent-light`, `--brand-accent-dark`…, read by
    /// style/tokens.css), so that a section the gallery renders in the other
    /// theme gets the right accent too.
    pub fn apply(theme: Theme, brand: Option<HexColour>) {
        let Some(root) = root() else { return };
        let _ = root.set_attribute("data-theme", theme.as_str());
        let style = root.style();
        if let Some(brand) = brand {
            for theme in [Theme::Light, Theme::Dark] {
                let tokens = accent_tokens(brand, theme);
                let name = theme.as_str();
                let _ =
                    style.set_property(&format!("--brand-accent-{name}"), &tokens.accent.to_css());
                let _ = style.set_property(
                    &format!("--brand-accent-hover-{name}"),
                    &tokens.accent_hover.to_css(),
                );
                let _ = style.set_property(
                    &format!("--brand-accent-active-{name}"),
                    &tokens.accent_active.to_css(),
                );
                let _ = style.set_property(
                    &format!("--brand-on-accent-{name}"),
                    &tokens.on_accent.to_css(),
                );
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{apply, initial_theme, save_theme};

#[cfg(not(target_arch = "wasm32"))]
pub fn initial_theme() -> Theme {
    Theme::Light
}
#[cfg(not(target_arch = "wasm32"))]
pub fn save_theme(_theme: Theme) {}
#[cfg(not(target_arch = "wasm32"))]
pub fn apply(_theme: Theme, _brand: Option<HexColour>) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> HexColour {
        HexColour::parse(text).unwrap()
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast_ratio(WHITE, BLACK) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(hex("#777777"), WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn any_brand_colour_yields_readable_accents_in_both_themes() {
        for brand in [
            "#0050d7", "#ffeb3b", "#00ff00", "#111111", "#ff69b4", "#ffffff",
        ] {
            for theme in [Theme::Light, Theme::Dark] {
                let tokens = accent_tokens(hex(brand), theme);
                for page in accent_backgrounds(theme) {
                    assert!(
                        contrast_ratio(tokens.accent, page) >= 4.5,
                        "{brand} on {page:?} in {theme:?}"
                    );
                }
                assert!(
                    contrast_ratio(tokens.on_accent, tokens.accent) >= 4.5,
                    "text on {brand} in {theme:?}"
                );
            }
        }
    }

    #[test]
    fn a_brand_colour_that_already_contrasts_is_kept() {
        let tokens = accent_tokens(hex("#0050d7"), Theme::Light);
        assert_eq!(tokens.accent, hex("#0050d7"));
        assert_eq!(tokens.on_accent, WHITE);
    }
}

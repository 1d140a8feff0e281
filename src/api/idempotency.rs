//! One key per customer *intent*: a double click, a retry after a timeout or a
//! replay after a lost answer all carry the same key, so the API performs the
//! payment once.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn new() -> Self {
        Self(random_uuid())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        Self::new()
    }
}

/// `crypto.randomUUID()`: every browser we support has it on HTTPS and on
/// localhost. Without it (a plain-HTTP deployment) the key still has to be
/// unique per intent, so time and a counter stand in.
#[cfg(target_arch = "wasm32")]
fn random_uuid() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_else(|| format!("{}-{}", js_sys::Date::now(), next_counter()))
}

#[cfg(not(target_arch = "wasm32"))]
fn random_uuid() -> String {
    format!("native-{}", next_counter())
}

fn next_counter() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_intent_gets_its_own_key_and_clones_share_it() {
        let first = IdempotencyKey::new();
        let second = IdempotencyKey::new();
        assert_ne!(first, second);
        assert_eq!(first.clone(), first);
    }
}

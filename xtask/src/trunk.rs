//! Trunk, for `trunk serve` only (`cargo xtask run`): the release build is
//! `release.rs`, because Trunk cannot split the wasm.

use std::process::Command;

use crate::util::command;

/// `trunk <args>`, offline (tools come from PATH; downloads would fail here anyway and
/// offline mode turns that into a clear error) and without the online update check.
pub fn trunk(args: &[&str]) -> Command {
    let mut trunk = command("trunk", args);
    trunk
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    trunk
}

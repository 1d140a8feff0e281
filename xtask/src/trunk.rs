//! Trunk invocations, shared by `test`, `run` and `bench`.

use std::process::Command;

use crate::util::command;

/// Where the second release build (public URL `/billing/`) goes.
pub const SUBPATH_DIST: &str = "target/dist-subpath";
pub const SUBPATH_PUBLIC_URL: &str = "/billing/";

/// `trunk <args>`, offline (tools come from PATH; downloads would fail here anyway and
/// offline mode turns that into a clear error) and without the online update check.
pub fn trunk(args: &[&str]) -> Command {
    let mut trunk = command("trunk", args);
    trunk
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    trunk
}

pub fn build_release() -> Command {
    trunk(&["build", "--release"])
}

pub fn build_release_subpath() -> Command {
    trunk(&[
        "build",
        "--release",
        "--public-url",
        SUBPATH_PUBLIC_URL,
        "--dist",
        SUBPATH_DIST,
    ])
}

/// The design-system gallery as its own app in `<dist>/_gallery/`, so it never
/// weighs on the portal's first load. Run after the portal's build: Trunk
/// replaces its whole dist directory.
pub fn build_gallery(dist: &str, public_url: &str) -> Command {
    let gallery_dist = format!("{dist}/_gallery");
    let gallery_url = format!("{public_url}_gallery/");
    trunk(&[
        "build",
        // Before `--release`, which takes an optional value.
        "gallery.html",
        "--release",
        "--dist",
        &gallery_dist,
        "--public-url",
        &gallery_url,
    ])
}

//! `cargo xtask bench [--invoices N] [--runs N]`: release build of the portal, release dev
//! API seeded with many invoices, and the e2e crate's browser harness measuring page loads
//! (medians of first-contentful-paint and time-to-content per page; pages are listed in
//! e2e/src/bench.rs).

use crate::setup::{self, Needs};
use crate::trunk;
use crate::util::{self, Result, command, flag_value, root};

pub fn bench(args: &[String]) -> Result {
    setup::setup(Needs { browser: true })?;
    util::run(trunk::build_release())?;
    // Release binaries: seeding 10 000 invoices and serving them should not be what we time.
    util::run(command(
        "cargo",
        &[
            "build",
            "--release",
            "-p",
            "billing-dev-api",
            "-p",
            "billing-e2e",
        ],
    ))?;
    let root = root();
    let invoices = flag_value(args, "--invoices").unwrap_or("10000");
    let runs = flag_value(args, "--runs").unwrap_or("5");
    let mut harness = command(
        &root.join("target/release/billing-e2e").to_string_lossy(),
        &["bench", "--invoices", invoices, "--runs", runs],
    );
    harness
        .env("E2E_DIST", root.join("dist"))
        .env("E2E_BASE_PATH", "/")
        .env(
            "E2E_DEV_API_BIN",
            root.join("target/release/billing-dev-api"),
        )
        .env("E2E_ARTIFACTS", root.join("target/e2e/bench"));
    util::run(harness)
}

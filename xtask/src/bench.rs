//! `cargo xtask bench [--runs N] [--invoices 100,10000] [--cpu 1,4] [--only NAME]`: release
//! builds of the portal and its gallery, the same portal unsplit (when the routes table is
//! asked for), release dev API and harness, then the e2e crate's browser bench, which
//! prints the machine and one table of medians (scenarios are listed in e2e/src/bench.rs,
//! which also says what each figure measures). The flags go to the harness as given.

use crate::release;
use crate::setup::{self, Needs};
use crate::util::{self, Result, command, root, target_dir};

pub fn bench(args: &[String]) -> Result {
    setup::setup(Needs {
        browser: true,
        ..Needs::default()
    })?;
    // The portal and, in dist/_gallery/, the gallery's bench page (a DataTable fed
    // every invoice).
    release::build(&[release::root_site()])?;
    // The navigation table compares each page's first visit with the unsplit portal's.
    let only = util::flag_value(args, "--only");
    let routes = only.is_none_or(|only| "routes".contains(only));
    if routes {
        release::build_unsplit()?;
    }
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
    let release = target_dir().join("release");
    let mut harness_args = vec!["bench"];
    harness_args.extend(args.iter().map(String::as_str));
    let mut harness = command(
        &release.join("billing-e2e").to_string_lossy(),
        &harness_args,
    );
    harness
        .env("E2E_DIST", root.join("dist"))
        .env("E2E_BASE_PATH", "/")
        .env("E2E_DEV_API_BIN", release.join("billing-dev-api"))
        .env("E2E_ARTIFACTS", target_dir().join("e2e/bench"));
    if routes {
        harness.env("E2E_UNSPLIT_DIST", root.join(release::UNSPLIT_DIST));
    }
    util::run(harness)
}

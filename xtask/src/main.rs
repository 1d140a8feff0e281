//! The project's task runner: `cargo xtask <command>` (alias in .cargo/config.toml).
//! std, plus the compressors `size` needs and the wasm splitter the release build needs.

mod bench;
mod release;
mod run;
mod setup;
mod size;
mod test;
mod trunk;
mod util;
mod versions;
mod wasm_breakdown;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  setup [--browser] [--no-trunk]
                        install or reuse the pinned tools (trunk, wasm-bindgen-cli, npm
                        packages; --browser: chromium + chromedriver; --no-trunk: what
                        CI needs, Trunk being only for `run`)
  build [--public-url /x/] [--subpath]
                        the release dist/ (portal split per page, gallery in _gallery/)
                        for the public URL / (or /x/); --subpath: also
                        target/dist-subpath/ for /billing/, as CI tests it
  run                   dev API on :8787 + trunk serve on http://127.0.0.1:8080/
  test [--from STAGE]   the CI pipeline: fmt, clippy (native + wasm), native and wasm tests,
                        release builds (/ and /billing/), size budget, e2e journeys on both
                        (--from: start at the first stage whose name contains STAGE)
  e2e [--filter NAME] [--subpath] [--no-build]
                        release build + the journeys whose name contains NAME (a quick
                        loop; `test` runs them all)
  screenshots [--no-build]
                        every page at 360 px and 1280 px, signed in, into
                        target/screenshots/{360,1280}/ (release build + e2e infra)
  size [--budget-kb N]  per-file raw/gzip/brotli sizes of dist/, what each page's chunks
                        add, the wasm by crate and by function; fails when the first load or
                        an invoice's e-mail link exceeds 200 KB brotli (or N), or the total
                        its ratchet
  bench [--runs N] [--invoices 100,10000] [--cpu 1,4] [--only NAME]
                        one table of medians per scenario, account size and CPU slow-down:
                        page loads, filter keystroke to rows, JS heap and wasm memory;
                        each navigation link's click to data, split beside unsplit
                        (--only routes; builds target/dist-unsplit)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup::setup(setup::Needs {
            browser: rest.iter().any(|arg| arg == "--browser"),
            trunk: !rest.iter().any(|arg| arg == "--no-trunk"),
        }),
        Some("build") => build_command(rest),
        Some("run") => run::run(),
        Some("test") => test::test(util::flag_value(rest, "--from")),
        Some("size") => size_command(rest),
        Some("e2e") => test::e2e(rest),
        Some("screenshots") => test::screenshots(rest),
        Some("bench") => bench::bench(rest),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn size_command(args: &[String]) -> util::Result {
    let limit = match util::flag_value(args, "--budget-kb") {
        Some(value) => size::Limit::Kb(
            value
                .parse()
                .map_err(|_| format!("--budget-kb wants a number, got {value:?}"))?,
        ),
        None => size::Limit::Ceilings,
    };
    let dist = util::flag_value(args, "--dist")
        .map_or_else(|| util::root().join("dist"), |d| util::root().join(d));
    setup::setup(setup::Needs::default())?;
    size::size(&dist, limit, size::Breakdown::Always)
}

fn build_command(args: &[String]) -> util::Result {
    setup::setup(setup::Needs::default())?;
    let mut root_site = release::root_site();
    if let Some(url) = util::flag_value(args, "--public-url") {
        if !(url.starts_with('/') && url.ends_with('/')) {
            return Err(format!(
                "--public-url wants a path that starts and ends with /, got {url:?}"
            ));
        }
        root_site.public_url = url.to_owned();
    }
    let mut sites = vec![root_site];
    if args.iter().any(|arg| arg == "--subpath") {
        sites.push(release::subpath_site());
    }
    release::build(&sites)
}

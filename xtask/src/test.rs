//! `cargo xtask test`: the whole CI pipeline, in order, stopping at the first failure, then
//! a summary table and one closing `N passed, M failed` line (what CI reads).

use std::process::Command;
use std::time::Instant;

use crate::release;
use crate::setup::{self, Needs};
use crate::util::{self, Result, command, root, target_dir};

/// How a stage's output is counted.
#[derive(Clone, Copy)]
enum Counting {
    /// Pass/fail only; a failure counts as one failed check.
    Outcome,
    /// Sum the `test result: ok. N passed; M failed; …` lines (cargo test, wasm-bindgen-test-runner).
    CargoTest,
    /// The e2e harness's closing `N passed, M failed` line.
    Journeys,
}

struct Stage {
    name: &'static str,
    command: Command,
    counting: Counting,
    /// Runs before the command (e.g. the size check is Rust code, not a process).
    in_process: Option<fn() -> Result>,
}

impl Stage {
    fn run(name: &'static str, command: Command, counting: Counting) -> Self {
        Stage {
            name,
            command,
            counting,
            in_process: None,
        }
    }
}

struct Outcome {
    name: &'static str,
    passed: u64,
    failed: u64,
    seconds: f64,
    error: Option<String>,
}

/// `from`: a developer convenience (`cargo xtask test --from e2e`) that skips the stages
/// before the first one whose name contains it. CI runs everything.
pub fn test(from: Option<&str>) -> Result {
    let started = Instant::now();
    setup::setup(Needs {
        browser: true,
        ..Needs::default()
    })?;

    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut stages = stages();
    if let Some(from) = from {
        let first = stages
            .iter()
            .position(|stage| stage.name.contains(from))
            .ok_or_else(|| format!("no stage name contains {from:?}"))?;
        for skipped in stages.drain(..first) {
            println!("skip    {}", skipped.name);
        }
    }
    let total_stages = stages.len();
    for stage in stages {
        println!(
            "\n== {} ({}/{})",
            stage.name,
            outcomes.len() + 1,
            total_stages
        );
        let outcome = run_stage(stage);
        let failed = outcome.error.is_some();
        outcomes.push(outcome);
        if failed {
            break;
        }
    }
    print_summary(&outcomes, total_stages, started.elapsed().as_secs_f64());
    match outcomes
        .iter()
        .find_map(|outcome| outcome.error.as_ref().map(|e| (outcome.name, e)))
    {
        Some((name, error)) => Err(format!("stage `{name}` failed: {error}")),
        None => Ok(()),
    }
}

fn stages() -> Vec<Stage> {
    let cargo = |args: &[&str]| command("cargo", args);
    let mut wasm_tests = cargo(&[
        "test",
        "-p",
        "billing-portal",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    wasm_tests
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        // Browser startup plus a debug wasm on 2 cores needs more than the default 20 s.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180")
        // Chromium binary and the flags this sandbox needs (the runner adds headless, no-sandbox).
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            root().join("xtask/webdriver.json"),
        );

    vec![
        Stage::run(
            "format",
            cargo(&["fmt", "--all", "--", "--check"]),
            Counting::Outcome,
        ),
        Stage::run(
            "clippy (native)",
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            Counting::Outcome,
        ),
        Stage::run(
            "clippy (wasm)",
            cargo(&[
                "clippy",
                "-p",
                "billing-portal",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                // As the release build compiles it: the split points are what ships.
                "--features",
                "split",
                "--",
                "-D",
                "warnings",
            ]),
            Counting::Outcome,
        ),
        Stage::run(
            "native tests",
            cargo(&["test", "--workspace"]),
            Counting::CargoTest,
        ),
        Stage::run("wasm component tests", wasm_tests, Counting::CargoTest),
        // One compilation, written for both public URLs: dist/ and target/dist-subpath/.
        Stage {
            name: "release build (/ and /billing/)",
            command: command("true", &[]),
            counting: Counting::Outcome,
            in_process: Some(|| release::build(&[release::root_site(), release::subpath_site()])),
        },
        // Fails when the first load grows past its recorded ceiling (a
        // deterministic byte count, not a timing); prints the distance to the
        // 200 KB target, and where the wasm's bytes go when a limit is passed.
        Stage {
            name: "size budget",
            command: command("true", &[]),
            counting: Counting::Outcome,
            in_process: Some(|| {
                crate::size::size(
                    &root().join("dist"),
                    crate::size::Limit::Ceilings,
                    crate::size::Breakdown::OnFailure,
                )
            }),
        },
        Stage::run(
            "build e2e harness",
            cargo(&["build", "-p", "billing-dev-api", "-p", "billing-e2e"]),
            Counting::Outcome,
        ),
        Stage::run(
            "e2e (/)",
            e2e_command("dist", "/", "root"),
            Counting::Journeys,
        ),
        Stage::run(
            "e2e (/billing/)",
            e2e_command(
                release::SUBPATH_DIST,
                release::SUBPATH_PUBLIC_URL,
                "subpath",
            ),
            Counting::Journeys,
        ),
    ]
}

/// `cargo xtask e2e [--filter NAME] [--subpath] [--no-build]`: a developer's quick loop.
/// Builds the release portal (unless `--no-build`) and the harness, then runs the journeys
/// whose name contains NAME (all by default) at `/`, or under `/billing/` with `--subpath`.
pub fn e2e(args: &[String]) -> Result {
    setup::setup(Needs {
        browser: true,
        ..Needs::default()
    })?;
    let subpath = args.iter().any(|arg| arg == "--subpath");
    if !args.iter().any(|arg| arg == "--no-build") {
        release::build(&[if subpath {
            release::subpath_site()
        } else {
            release::root_site()
        }])?;
    }
    util::run(command(
        "cargo",
        &["build", "-p", "billing-dev-api", "-p", "billing-e2e"],
    ))?;
    let mut journeys = if subpath {
        e2e_command(
            release::SUBPATH_DIST,
            release::SUBPATH_PUBLIC_URL,
            "subpath",
        )
    } else {
        e2e_command("dist", "/", "root")
    };
    if let Some(filter) = util::flag_value(args, "--filter") {
        journeys.env("E2E_FILTER", filter);
    }
    util::run(journeys)
}

/// `cargo xtask screenshots [--no-build]`: every page at 360 and 1280 px into
/// `target/screenshots/{360,1280}/` (release build, dev API, static server, Chromium, as
/// the journeys run).
pub fn screenshots(args: &[String]) -> Result {
    setup::setup(Needs {
        browser: true,
        ..Needs::default()
    })?;
    if !args.iter().any(|arg| arg == "--no-build") {
        release::build(&[release::root_site()])?;
    }
    util::run(command(
        "cargo",
        &["build", "-p", "billing-dev-api", "-p", "billing-e2e"],
    ))?;
    let out = target_dir().join("screenshots");
    let mut shots = e2e_command("dist", "/", "screenshots");
    shots.arg("screenshots").arg(&out);
    util::run(shots)
}

/// The already-built harness binary (not `cargo run`, so no cargo output interleaves).
pub fn e2e_command(dist: &str, base_path: &str, artifacts: &str) -> Command {
    let root = root();
    let debug = target_dir().join("debug");
    let mut e2e = command(&debug.join("billing-e2e").to_string_lossy(), &[]);
    e2e.env("E2E_DIST", root.join(dist))
        .env("E2E_BASE_PATH", base_path)
        .env("E2E_DEV_API_BIN", debug.join("billing-dev-api"))
        .env("E2E_ARTIFACTS", target_dir().join("e2e").join(artifacts))
        .env("CHROMEDRIVER", "/usr/bin/chromedriver");
    e2e
}

fn run_stage(stage: Stage) -> Outcome {
    let started = Instant::now();
    let (result, output) = match stage.in_process {
        Some(check) => (check(), String::new()),
        None => util::run_tee(stage.command),
    };
    let counts = match stage.counting {
        Counting::Outcome => None,
        Counting::CargoTest => cargo_test_counts(&output),
        Counting::Journeys => journey_counts(&output),
    };
    // A failure that produced no count (compile error, crash) still counts as one failure.
    let (passed, failed) = match (counts, &result) {
        (Some((passed, failed)), Err(_)) => (passed, failed.max(1)),
        (Some(counts), Ok(())) => counts,
        (None, Ok(())) => (1, 0),
        (None, Err(_)) => (0, 1),
    };
    Outcome {
        name: stage.name,
        passed,
        failed,
        seconds: started.elapsed().as_secs_f64(),
        error: result.err(),
    }
}

/// Sums every `test result: … N passed; M failed; …` line.
fn cargo_test_counts(output: &str) -> Option<(u64, u64)> {
    let mut total: Option<(u64, u64)> = None;
    for line in output.lines().filter(|line| line.contains("test result:")) {
        let passed = number_before(line, " passed")?;
        let failed = number_before(line, " failed")?;
        let (p, f) = total.unwrap_or((0, 0));
        total = Some((p + passed, f + failed));
    }
    total
}

/// The last line that is exactly `N passed, M failed`.
fn journey_counts(output: &str) -> Option<(u64, u64)> {
    output.lines().rev().find_map(|line| {
        let (passed, failed) = line.trim().split_once(", ")?;
        Some((
            passed.strip_suffix(" passed")?.parse().ok()?,
            failed.strip_suffix(" failed")?.parse().ok()?,
        ))
    })
}

/// The integer right before `word` in `line`, e.g. 12 in `ok. 12 passed;`.
fn number_before(line: &str, word: &str) -> Option<u64> {
    let head = &line[..line.find(word)?];
    head.rsplit(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

fn print_summary(outcomes: &[Outcome], total_stages: usize, seconds: f64) {
    println!("\n== summary ({seconds:.0} s)");
    println!(
        "{:<26} {:<8} {:>8} {:>8} {:>9}",
        "stage", "result", "passed", "failed", "seconds"
    );
    for outcome in outcomes {
        let result = if outcome.error.is_some() {
            "FAILED"
        } else {
            "ok"
        };
        println!(
            "{:<26} {:<8} {:>8} {:>8} {:>9.1}",
            outcome.name, result, outcome.passed, outcome.failed, outcome.seconds
        );
    }
    if outcomes.len() < total_stages {
        println!("({} later stage(s) not run)", total_stages - outcomes.len());
    }
    let passed: u64 = outcomes.iter().map(|o| o.passed).sum();
    let failed: u64 = outcomes.iter().map(|o| o.failed).sum();
    println!("{passed} passed, {failed} failed");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_test_summaries() {
        let output = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 10 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(cargo_test_counts(output), Some((13, 2)));
        assert_eq!(cargo_test_counts("error: could not compile"), None);
    }

    #[test]
    fn reads_the_journeys_closing_line() {
        let output = "ok      a (1.0 s)\nFAILED  b (2.0 s): boom\n1 passed, 1 failed\n";
        assert_eq!(journey_counts(output), Some((1, 1)));
        assert_eq!(journey_counts("billing-e2e: no dist\n"), None);
    }
}

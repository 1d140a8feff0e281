//! Speed and memory figures, printed as one table: a row per scenario, per seeded account
//! size and per CPU speed, each cell the median over `--runs` cold runs (a fresh browser
//! for every run). Figures are printed, never asserted: they depend on the machine.
//!
//! `billing-e2e bench [--runs N] [--invoices 100,10000] [--cpu 1,4] [--only NAME]`
//! - `--invoices`: the account sizes the dev API is seeded with, one dev API each.
//!   Scenarios marked [`Seeds::Every`] run against each; the others against the largest.
//! - `--cpu`: CPU slow-down factors applied through the DevTools protocol
//!   (`Emulation.setCPUThrottlingRate`) to the measured load, 1 = the machine's speed.
//! - `--only`: scenarios whose name contains NAME.
//!
//! What one run measures, after signing in (not measured) and navigating to the page:
//! - FCP: the Paint Timing API's first-contentful-paint, ms since navigation start;
//! - data shown: ms since navigation start until the scenario's `ready` selector matches;
//! - filter: for scenarios with a [`FilterStep`], ms from the filter's key event (its
//!   `keydown` timestamp) to the moment the table's rows all show the text, as seen by a
//!   MutationObserver in the page (DOM updated; painting comes after);
//! - JS heap: V8's used heap after a forced garbage collection (`Runtime.getHeapUsage`);
//! - wasm memory: the size of the app's WebAssembly memory (linear memory only grows, so
//!   this is its high-water mark).
//!
//! Memory is read once the data shows, before the filter step.
//!
//! Then a second table, the invoices page's exports and sorts (`bench_actions.rs`, `--only
//! actions`), and a third, the invoices page through the OVHcloud adapter in its two
//! listing modes (`bench_ovhcloud.rs`, `--only ovhcloud`), and a fourth, each navigation
//! link's click to its page's data on a cold cache, split build beside unsplit
//! (`bench_routes.rs`, `--only routes`, at each `--cpu`).

use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use fantoccini::Locator;
use serde_json::{Value, json};

use crate::browser::{Browser, PageLoad};
use crate::infra::{Infra, Settings};

/// Which seeded accounts a scenario runs against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seeds {
    Every,
    Largest,
}

/// How the filter step picks its text and which key applies it.
#[derive(Clone, Copy)]
enum FilterKeys {
    /// The text of the n-th cell (or the last), typed, then Enter (a filter applied on Enter).
    CellThenEnter(usize),
    /// One digit missing from the first cell, as a single keystroke (a filter applied on
    /// every keystroke): the first row must go, and with many rows some must stay.
    OneAbsentDigit,
}

struct FilterStep {
    /// The text field to type into.
    field: &'static str,
    /// The cells that must all contain the text once the filter has applied.
    cells: &'static str,
    keys: FilterKeys,
}

struct Scenario {
    name: &'static str,
    /// Route under the base path; `{invoices}` stands for the account's size.
    route: &'static str,
    /// The data counts as shown when this selector matches.
    ready: &'static str,
    seeds: Seeds,
    filter: Option<FilterStep>,
    /// An element whose `data-fetch-ms` says how much of "data shown" went to API requests.
    fetch_ms: Option<&'static str>,
}

/// Orders in the largest account (the others keep the dev API's default).
const ORDERS_IN_LARGEST: usize = 5_000;

/// One line per scenario; the table gets a row per scenario, account size and CPU factor.
const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "dashboard",
        route: "",
        ready: "[data-testid=balance-due]",
        seeds: Seeds::Largest,
        filter: None,
        fetch_ms: None,
    },
    // Against the largest account, which also holds ORDERS_IN_LARGEST orders: the API
    // pages and searches them; the filter is a search by number, applied on Enter.
    Scenario {
        name: "orders",
        route: "orders",
        ready: "[data-testid=orders-table] tbody tr td",
        seeds: Seeds::Largest,
        filter: Some(FilterStep {
            field: "form.filter-bar input[type=search]",
            cells: "[data-testid=orders-table] tbody tr [data-column=id]",
            keys: FilterKeys::CellThenEnter(4),
        }),
        fetch_ms: None,
    },
    Scenario {
        name: "invoices",
        route: "invoices",
        ready: "[data-testid=invoices-table] tbody tr td",
        seeds: Seeds::Every,
        filter: Some(FilterStep {
            field: "form.filter-bar input[type=search]",
            cells: "[data-testid=invoices-table] tbody tr [data-column=reference]",
            keys: FilterKeys::CellThenEnter(4),
        }),
        fetch_ms: None,
    },
    // The design system's table fed every invoice of the account at once (the gallery's
    // bench page, src/gallery/bench.rs), filtered in the browser at each keystroke.
    Scenario {
        name: "gallery DataTable",
        route: "_gallery/?bench={invoices}",
        ready: "[data-testid=gallery-bench-table] tbody tr [data-column=reference]",
        seeds: Seeds::Largest,
        filter: Some(FilterStep {
            field: "[data-testid=gallery-bench-filter]",
            cells: "[data-testid=gallery-bench-table] tbody tr [data-column=reference]",
            keys: FilterKeys::OneAbsentDigit,
        }),
        fetch_ms: Some("[data-testid=gallery-bench-fetched]"),
    },
];

/// Resolves with `performance.now()` (ms since navigation start) once the selector matches.
/// Started right after DOMContentLoaded (eager page-load strategy), before the wasm app has
/// rendered; if the content was already there, the time reported is an upper bound.
const WAIT_FOR_READY: &str = r#"
const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
const finish = () => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  done({ ready: performance.now(), fcp: paint ? paint.startTime : null });
};
if (document.querySelector(selector)) { finish(); } else {
  new MutationObserver((_, observer) => {
    if (document.querySelector(selector)) { observer.disconnect(); finish(); }
  }).observe(document, { childList: true, subtree: true });
}
"#;

/// Arms the filter probe before the keys are sent: notes the `keydown` time of the key that
/// applies the filter, then watches the DOM until the cells have changed and all contain
/// the text. `window.__benchFilter` resolves with the interval.
const ARM_FILTER_PROBE: &str = r#"
const [cells, needle, finalKey] = arguments;
const texts = () => [...document.querySelectorAll(cells)].map((cell) => cell.textContent.trim());
const before = texts().join('\n');
window.__benchFilter = new Promise((resolve) => {
  let keyAt = null;
  const onKey = (event) => { if (event.key === finalKey) keyAt = event.timeStamp; };
  document.addEventListener('keydown', onKey, true);
  const observer = new MutationObserver(() => {
    if (keyAt === null) return;
    const now = texts();
    if (now.length === 0 || now.join('\n') === before || !now.every((t) => t.includes(needle))) return;
    const at = performance.now();
    observer.disconnect();
    document.removeEventListener('keydown', onKey, true);
    resolve({ ms: at - keyAt, rows: now.length });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
});
"#;

const AWAIT_FILTER_PROBE: &str = r#"
const done = arguments[arguments.length - 1];
window.__benchFilter.then(done, (error) => done({ error: String(error) }));
"#;

/// The app's wasm memory. boot.js started the app with the wasm-bindgen module's `init`,
/// which, called again, hands back the instance it already made (its exports include
/// `memory`) instead of loading anything: the app needs no hook for this.
const WASM_MEMORY: &str = r#"
const done = arguments[arguments.length - 1];
const app = document.querySelector('meta[name="billing-portal-app"]');
import(app.dataset.js)
  .then((module) => module.default())
  .then((wasm) => done(wasm.memory.buffer.byteLength), (error) => done({ error: String(error) }));
"#;

const READ_FETCH_MS: &str = r#"
const element = document.querySelector(arguments[0]);
return element ? Number(element.dataset.fetchMs) : null;
"#;

const WEBDRIVER_ENTER: &str = "\u{E007}";
/// The page size the gallery's bench page asks the API for (the contract's maximum).
const GALLERY_PAGE_SIZE: u32 = 200;

struct Options {
    runs: usize,
    seeds: Vec<usize>,
    cpu_rates: Vec<u32>,
    only: Option<String>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let list = |name: &str, default: &str| -> Result<Vec<u64>> {
            let text = flag(args, name).unwrap_or_else(|| default.to_owned());
            let mut values = text
                .split(',')
                .map(|v| {
                    v.trim()
                        .parse::<u64>()
                        .with_context(|| format!("{name} {text}"))
                })
                .collect::<Result<Vec<_>>>()?;
            values.sort_unstable();
            values.dedup();
            if values.is_empty() || values.contains(&0) {
                bail!("{name} needs positive numbers, got {text:?}");
            }
            Ok(values)
        };
        let runs: usize = flag(args, "--runs").map_or(Ok(5), |n| n.parse())?;
        if runs == 0 {
            bail!("--runs must be at least 1");
        }
        Ok(Options {
            runs,
            seeds: list("--invoices", "100,10000")?
                .into_iter()
                .map(|n| n as usize)
                .collect(),
            cpu_rates: list("--cpu", "1,4")?
                .into_iter()
                .map(|n| n as u32)
                .collect(),
            only: flag(args, "--only"),
        })
    }
}

/// One cold run's figures; `None` where the scenario does not measure it.
struct Sample {
    fcp: f64,
    ready: f64,
    fetch: Option<f64>,
    filter: Option<f64>,
    js_heap: Option<f64>,
    wasm_memory: Option<f64>,
}

/// A row of the table: medians over the runs.
struct Row {
    cpu: u32,
    /// Where the scenario is in [`SCENARIOS`], and its account size: the table's order.
    order: (usize, usize),
    label: String,
    cells: [Option<f64>; 5],
    /// The API requests' share of "data shown", when the scenario reports it.
    fetch: Option<f64>,
}

const COLUMNS: [&str; 5] = [
    "FCP ms",
    "data shown ms",
    "filter → rows ms",
    "JS heap MiB",
    "wasm memory MiB",
];

pub async fn run(settings: Settings, args: &[String]) -> Result<bool> {
    let options = Options::parse(args)?;
    let scenarios: Vec<&Scenario> = SCENARIOS
        .iter()
        .filter(|s| {
            options
                .only
                .as_deref()
                .is_none_or(|only| s.name.contains(only))
        })
        .collect();
    let selected = |name: &str| {
        options
            .only
            .as_deref()
            .is_none_or(|only| name.contains(only))
    };
    if scenarios.is_empty()
        && !selected("invoice actions")
        && !selected("ovhcloud")
        && !selected("routes")
    {
        bail!("no scenario matches --only {:?}", options.only);
    }
    if options.only.as_deref() == Some("routes") && crate::bench_routes::unsplit_dist().is_none() {
        bail!("--only routes needs E2E_UNSPLIT_DIST (`cargo xtask bench` builds it)");
    }
    let largest = *options.seeds.last().expect("at least one seed");

    let mut rows = Vec::new();
    let mut action_rows = Vec::new();
    let mut header_printed = false;
    for &seed in &options.seeds {
        let actions_here = seed == largest && selected("invoice actions");
        if header_printed && !actions_here && scenarios.is_empty() {
            continue;
        }
        let mut seed_args = vec!["--invoices".to_owned(), seed.to_string()];
        if seed == largest {
            seed_args.extend(["--orders".to_owned(), ORDERS_IN_LARGEST.to_string()]);
        }
        let infra = Arc::new(
            Infra::start(settings.clone(), &seed_args)
                .await
                .with_context(|| format!("starting a dev API seeded with {seed} invoices"))?,
        );
        // The gallery's bench page only exists where the gallery is switched on.
        let mut config = infra.static_server.default_config();
        config["gallery"] = json!(true);
        infra.static_server.set_config(config.to_string());
        if !header_printed {
            print_machine(&infra, &options).await?;
            header_printed = true;
        }
        if actions_here {
            action_rows = crate::bench_actions::measure_all(&infra, seed, options.runs)
                .await
                .context("measuring the invoices page's actions")?;
        }
        for (index, scenario) in scenarios.iter().enumerate() {
            if scenario.seeds == Seeds::Largest && seed != largest {
                continue;
            }
            for &cpu in &options.cpu_rates {
                let label = if scenario.name == "orders" {
                    format!(
                        "{} ({} orders)",
                        scenario.name,
                        thousands(ORDERS_IN_LARGEST as u64)
                    )
                } else {
                    format!("{} ({} invoices)", scenario.name, thousands(seed as u64))
                };
                let mut samples = Vec::new();
                for run in 1..=options.runs {
                    let sample = measure(&infra, scenario, seed, cpu)
                        .await
                        .with_context(|| format!("measuring {label} at {cpu}× CPU, run {run}"))?;
                    samples.push(sample);
                }
                let row = Row {
                    cpu,
                    order: (index, seed),
                    label,
                    cells: [
                        median(samples.iter().map(|s| Some(s.fcp))),
                        median(samples.iter().map(|s| Some(s.ready))),
                        median(samples.iter().map(|s| s.filter)),
                        median(samples.iter().map(|s| s.js_heap)),
                        median(samples.iter().map(|s| s.wasm_memory)),
                    ],
                    fetch: median(samples.iter().map(|s| s.fetch)),
                };
                eprintln!("measured {}", format_row(&row));
                rows.push(row);
            }
        }
    }
    let ovhcloud_rows = if selected("ovhcloud") {
        crate::bench_ovhcloud::measure_all(&settings, options.runs)
            .await
            .context("measuring the invoices page through the OVHcloud adapter")?
    } else {
        Vec::new()
    };
    let route_rows = match crate::bench_routes::unsplit_dist() {
        Some(unsplit) if selected("routes") => {
            crate::bench_routes::measure_all(&settings, unsplit, &options.cpu_rates, options.runs)
                .await
                .context("timing each navigation link, split and unsplit")?
        }
        _ => Vec::new(),
    };
    // Slowed-down rows after the others, each group in scenario order, small account first.
    rows.sort_by_key(|row| (row.cpu, row.order));
    if !rows.is_empty() {
        println!();
        println!("| scenario | CPU | {} |", COLUMNS.join(" | "));
        println!("|---|---:|{}", "---:|".repeat(COLUMNS.len()));
        for row in &rows {
            println!("{}", format_row(row));
        }
    }
    if !action_rows.is_empty() {
        println!();
        println!("| invoice action (1× CPU) | click → result ms | longest task ms |");
        println!("|---|---:|---:|");
        let ms = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.0}"));
        for row in &action_rows {
            println!("| {} | {} | {} |", row.label, ms(row.ms), ms(row.longest));
        }
    }
    if !ovhcloud_rows.is_empty() {
        println!();
        println!(
            "| invoices page through the OVHcloud adapter (1× CPU) | first rows ms | summary ms |"
        );
        println!("|---|---:|---:|");
        let ms = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| format!("{v:.0}"));
        for row in &ovhcloud_rows {
            println!(
                "| {} | {} | {} |",
                row.label,
                ms(row.first_rows),
                ms(row.summary)
            );
        }
    }
    if !route_rows.is_empty() {
        println!();
        println!(
            "| navigation link (default seed): click → data shown, cold cache | CPU | split ms | unsplit ms | split: wasm files fetched after the click |"
        );
        println!("|---|---:|---:|---:|---:|");
        for row in &route_rows {
            println!("{}", crate::bench_routes::format_row(row));
        }
    }
    for row in rows.iter().filter(|row| row.fetch.is_some()) {
        println!(
            "\n{} at {}×: {:.0} ms of \"data shown\" were the API requests ({} invoices a request, one after another).",
            row.label,
            row.cpu,
            row.fetch.unwrap_or_default(),
            GALLERY_PAGE_SIZE
        );
    }
    Ok(true)
}

fn format_row(row: &Row) -> String {
    let cells: Vec<String> = row
        .cells
        .iter()
        .enumerate()
        .map(|(column, value)| match value {
            None => "–".to_owned(),
            // Times in whole ms, memory in MiB with one decimal.
            Some(v) if column < 3 => format!("{v:.0}"),
            Some(v) => format!("{:.1}", v / (1024.0 * 1024.0)),
        })
        .collect();
    format!("| {} | {}× | {} |", row.label, row.cpu, cells.join(" | "))
}

/// The machine the figures come from: CPU, cores and memory from /proc, the browser's
/// version from its WebDriver session.
async fn print_machine(infra: &Arc<Infra>, options: &Options) -> Result<()> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU", |(_, name)| name.trim());
    let cores = cpuinfo
        .lines()
        .filter(|line| line.starts_with("processor"))
        .count();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(String::new(), |kb| {
            format!(", {:.0} GiB", kb / (1024.0 * 1024.0))
        });
    let browser = Browser::open(infra.clone(), PageLoad::Normal).await?;
    let version = browser
        .client
        .capabilities()
        .and_then(|caps| caps.get("browserVersion"))
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_owned();
    browser.close().await;
    println!("machine: {model}, {cores} cores{memory}");
    println!("browser: headless Chromium {version}");
    println!(
        "bench: medians of {} cold runs (fresh browser each), dist {}, dev API seeded with {} invoices, CPU {}",
        options.runs,
        infra.settings.dist.display(),
        options
            .seeds
            .iter()
            .map(|n| thousands(*n as u64))
            .collect::<Vec<_>>()
            .join(" / "),
        options
            .cpu_rates
            .iter()
            .map(|r| format!("{r}×"))
            .collect::<Vec<_>>()
            .join(" and "),
    );
    Ok(())
}

/// One cold run in a fresh browser: sign in (not measured), slow the CPU down if asked,
/// load the page and time it, read the memory, then time the filter step if any.
async fn measure(infra: &Arc<Infra>, scenario: &Scenario, seed: usize, cpu: u32) -> Result<Sample> {
    let route = scenario.route.replace("{invoices}", &seed.to_string());
    let browser = Browser::open(infra.clone(), PageLoad::Eager).await?;
    let outcome = async {
        browser.sign_in("fr-consumer").await?;
        if cpu > 1 {
            // Emulation settings belong to the tab and outlive its navigations.
            browser
                .cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu }))
                .await?;
        }
        browser.client.goto(&browser.app_url(&route)).await?;
        let timing = browser
            .client
            .execute_async(WAIT_FOR_READY, vec![json!(scenario.ready)])
            .await?;
        let ready = timing["ready"]
            .as_f64()
            .ok_or_else(|| anyhow!("no ready time: {timing}"))?;
        // Without a paint entry (should not happen), count FCP as the ready time.
        let fcp = timing["fcp"].as_f64().unwrap_or(ready);
        let fetch = match scenario.fetch_ms {
            Some(css) => {
                let value = browser.js(READ_FETCH_MS, vec![json!(css)]).await?;
                Some(
                    value
                        .as_f64()
                        .ok_or_else(|| anyhow!("no `{css}` with data-fetch-ms"))?,
                )
            }
            None => None,
        };
        let (js_heap, wasm_memory) = memory(&browser).await?;
        let filter = match &scenario.filter {
            Some(step) => Some(filter_latency(&browser, step).await?),
            None => None,
        };
        Ok(Sample {
            fcp,
            ready,
            fetch,
            filter,
            js_heap: Some(js_heap),
            wasm_memory: Some(wasm_memory),
        })
    }
    .await;
    if outcome.is_err() {
        // What the page showed is usually the diagnosis.
        let screenshot = infra.settings.artifacts.join("bench-failure.png");
        if browser.screenshot(&screenshot).await.is_ok() {
            eprintln!("screenshot: {}", screenshot.display());
        }
    }
    browser.close().await;
    outcome
}

/// V8's used heap after a full garbage collection, and the wasm memory's size, in bytes.
async fn memory(browser: &Browser) -> Result<(f64, f64)> {
    browser
        .cdp("HeapProfiler.collectGarbage", json!({}))
        .await?;
    let heap = browser.cdp("Runtime.getHeapUsage", json!({})).await?;
    let js_heap = heap["usedSize"]
        .as_f64()
        .ok_or_else(|| anyhow!("Runtime.getHeapUsage answered {heap}"))?;
    let wasm = browser.client.execute_async(WASM_MEMORY, vec![]).await?;
    let wasm_memory = wasm
        .as_f64()
        .ok_or_else(|| anyhow!("could not read the wasm memory: {wasm}"))?;
    Ok((js_heap, wasm_memory))
}

/// Types the filter text with real key events and times the last one to the updated rows.
async fn filter_latency(browser: &Browser, step: &FilterStep) -> Result<f64> {
    let cells = browser
        .js(
            "return [...document.querySelectorAll(arguments[0])].map((c) => c.textContent.trim());",
            vec![json!(step.cells)],
        )
        .await?;
    let cells: Vec<&str> = cells
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let (needle, keys, final_key) = match step.keys {
        FilterKeys::CellThenEnter(n) => {
            let text = cells
                .get(n)
                .or(cells.last())
                .ok_or_else(|| anyhow!("no `{}` to take a filter text from", step.cells))?
                .to_string();
            let keys = format!("{text}{WEBDRIVER_ENTER}");
            (text, keys, "Enter".to_owned())
        }
        FilterKeys::OneAbsentDigit => {
            let first = cells
                .first()
                .ok_or_else(|| anyhow!("no `{}` to pick a digit from", step.cells))?;
            let digit = ('0'..='9')
                .find(|d| !first.contains(*d))
                .ok_or_else(|| anyhow!("{first:?} contains every digit"))?
                .to_string();
            (digit.clone(), digit.clone(), digit)
        }
    };
    browser
        .js(
            ARM_FILTER_PROBE,
            vec![json!(step.cells), json!(needle), json!(final_key)],
        )
        .await?;
    browser
        .client
        .find(Locator::Css(step.field))
        .await
        .with_context(|| format!("finding the filter field `{}`", step.field))?
        .send_keys(&keys)
        .await?;
    let outcome = browser
        .client
        .execute_async(AWAIT_FILTER_PROBE, vec![])
        .await
        .context("waiting for the filtered rows")?;
    outcome["ms"]
        .as_f64()
        .ok_or_else(|| anyhow!("the filter probe answered {outcome}"))
}

/// The median of the values present; None when no run measured it.
pub(crate) fn median(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let mut values: Vec<f64> = values.flatten().collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(values[values.len() / 2])
}

/// `10000` → `10,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|arg| arg == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_skip_missing_values() {
        assert_eq!(
            median([Some(3.0), None, Some(1.0), Some(2.0)].into_iter()),
            Some(2.0)
        );
        assert_eq!(median([None, None].into_iter()), None);
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn options_default_to_both_accounts_and_both_speeds() {
        let options = Options::parse(&[]).unwrap();
        assert_eq!(options.runs, 5);
        assert_eq!(options.seeds, [100, 10_000]);
        assert_eq!(options.cpu_rates, [1, 4]);
        let args: Vec<String> = ["--invoices", "2000", "--cpu", "4", "--runs", "3"]
            .map(String::from)
            .into();
        let options = Options::parse(&args).unwrap();
        assert_eq!(
            (options.runs, options.seeds, options.cpu_rates),
            (3, vec![2000], vec![4])
        );
        assert!(Options::parse(&["--cpu".into(), "0".into()]).is_err());
    }
}

//! `billing-dev-api`: run the reference billing API locally.

use std::io::Write;
use std::time::Duration;

use billing_dev_api::{AppState, Seed, router};
use chrono::{DateTime, FixedOffset, Local, Timelike};

const HELP: &str =
    "billing-dev-api: reference billing API for portal development (binds 127.0.0.1 only)

USAGE:
    billing-dev-api [OPTIONS]

OPTIONS:
    --port N          port to listen on (default 8787; 0 picks a free port)
    --seed N          seed of the demo data (default 42)
    --invoices N      invoices per demo customer (default 60)
    --orders N        orders per demo customer (default 30)
    --latency-ms N    delay added to every API response (default 0)
    --invoice-extras  add invoices above 1,000, a formula order number and a GBP invoice
    --ovh-id-lists    the OVHcloud-shaped API (/ovh/1.0) ignores the paginated-objects
                      headers and answers ID lists only
    --now DATETIME    pin \"now\" for the demo data, RFC 3339 (default: the real time)
    --help            print this help

Prints `billing-dev-api listening on http://127.0.0.1:PORT` once bound.";

struct Cli {
    port: u16,
    seed: Seed,
}

fn parse(args: &[String]) -> Result<Option<Cli>, String> {
    // Whole seconds: the wire dates stay short and stable within a second.
    let now: DateTime<FixedOffset> = Local::now()
        .fixed_offset()
        .with_nanosecond(0)
        .unwrap_or_else(|| Local::now().fixed_offset());
    let mut seed = Seed::new(42, now);
    let mut port = 8787u16;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let num = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: expected a non-negative integer, got {v:?}"))
        };
        match flag.as_str() {
            "--port" => {
                port =
                    u16::try_from(num(value()?)?).map_err(|_| "--port: at most 65535".to_owned())?
            }
            "--seed" => seed.seed = num(value()?)?,
            "--invoices" => seed.invoices = num(value()?)? as usize,
            "--orders" => seed.orders = num(value()?)? as usize,
            "--invoice-extras" => seed.invoice_extras = true,
            "--ovh-id-lists" => seed.ovh_pagination = false,
            "--latency-ms" => seed.latency = Duration::from_millis(num(value()?)?),
            "--now" => {
                let v = value()?;
                seed.now = DateTime::parse_from_rfc3339(&v)
                    .map_err(|e| format!("--now: {e} (expected e.g. 2026-11-23T10:00:00+01:00)"))?;
            }
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    Ok(Some(Cli { port, seed }))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cli = match parse(&args) {
        Ok(Some(cli)) => cli,
        Ok(None) => {
            println!("{HELP}");
            return;
        }
        Err(e) => {
            eprintln!("billing-dev-api: {e}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", cli.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("billing-dev-api: cannot bind 127.0.0.1:{}: {e}", cli.port);
            std::process::exit(1);
        }
    };
    let app = router(AppState::new(cli.seed));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(cli.port);
    println!("billing-dev-api listening on http://127.0.0.1:{port}");
    let _ = std::io::stdout().flush();
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("billing-dev-api: {e}");
        std::process::exit(1);
    }
}

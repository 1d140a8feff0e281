//! `cargo xtask run`: the dev API on :8787 and `trunk serve` on :8080 (Trunk.toml proxies
//! /api/ to the dev API). Ctrl-C stops both: the terminal sends SIGINT to the whole
//! foreground process group, children included; and if either child exits on its own,
//! the other is stopped too.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::setup::{self, Needs};
use crate::trunk;
use crate::util::{Result, command};

const DEV_API_PORT: &str = "8787";
const PORTAL_URL: &str = "http://127.0.0.1:8080/";

pub fn run() -> Result {
    setup::setup(Needs {
        trunk: true,
        ..Needs::default()
    })?;
    println!("== starting the dev API (cargo run -p billing-dev-api -- --port {DEV_API_PORT})");
    let mut dev_api = command(
        "cargo",
        &["run", "-p", "billing-dev-api", "--", "--port", DEV_API_PORT],
    )
    .stdout(Stdio::piped())
    .spawn()
    .map_err(|error| format!("starting the dev API: {error}"))?;

    // Echo the dev API's output, and learn when it listens (it compiles first).
    let (listening_tx, listening_rx) = mpsc::channel();
    let stdout = dev_api.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(|line| line.ok()) {
            println!("[dev-api] {line}");
            if line.contains("billing-dev-api listening on") {
                let _ = listening_tx.send(());
            }
        }
    });
    loop {
        if listening_rx
            .recv_timeout(Duration::from_millis(200))
            .is_ok()
        {
            break;
        }
        if let Ok(Some(status)) = dev_api.try_wait() {
            return Err(format!("the dev API exited before listening ({status})"));
        }
    }

    println!("== starting trunk serve");
    let trunk_serve = trunk::trunk(&["serve"])
        .spawn()
        .map_err(|error| format!("starting trunk serve: {error}"));
    let mut trunk_serve = match trunk_serve {
        Ok(child) => child,
        Err(error) => {
            stop(&mut dev_api);
            return Err(error);
        }
    };
    supervise(&mut dev_api, &mut trunk_serve)
}

/// Waits until one child exits, announcing the URL once Trunk's server answers.
fn supervise(dev_api: &mut Child, trunk_serve: &mut Child) -> Result {
    let mut announced = false;
    let started = Instant::now();
    loop {
        if !announced && TcpStream::connect("127.0.0.1:8080").is_ok() {
            announced = true;
            println!(
                "\n    ==> billing portal: {PORTAL_URL}  (dev API on :{DEV_API_PORT}; Ctrl-C stops both)\n"
            );
        } else if !announced
            && started.elapsed() > Duration::from_secs(2)
            && started.elapsed().as_secs().is_multiple_of(60)
        {
            println!("(trunk is still building; the portal will be at {PORTAL_URL})");
        }
        if let Ok(Some(status)) = dev_api.try_wait() {
            stop(trunk_serve);
            return Err(format!("the dev API stopped ({status})"));
        }
        if let Ok(Some(status)) = trunk_serve.try_wait() {
            stop(dev_api);
            return if status.success() {
                Ok(())
            } else {
                Err(format!("trunk serve stopped ({status})"))
            };
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

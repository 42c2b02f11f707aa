//! Figures measured on the real binary in a pseudo-terminal, next to the floor (a
//! ratatui program that draws one frame): startup to first frame, key press to updated
//! frame, CPU used while idle, resident memory. Ignored by default; run with
//! `cargo test --release --test perf -- --ignored --nocapture`. It prints figures and
//! asserts no time limits: the machines are shared and noisy. The three programs'
//! starts are taken in turn, round by round, for the same reason.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Planbook;

const RUNS: usize = 21;

/// Starts `program` and returns it with how long its first frame (showing `first`)
/// took to land.
fn start(program: &Path, args: &[&str], home: &Path, first: &str) -> (Planbook, Duration) {
    let started = Instant::now();
    let probe = common::start_watching(program, args, home, first);
    let took = probe.seen_since(started);
    (probe, took)
}

/// Quits with q and waits for the process to end.
fn quit(mut probe: Planbook) {
    probe.send("q");
    probe.wait_exit();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// CPU time (user + system) a process has used, from `/proc/PID/stat`.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    let hz: u64 = String::from_utf8(
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .parse()
    .unwrap_or(100);
    Duration::from_millis(ticks * 1000 / hz)
}

/// Resident memory of a process, from `/proc/PID/status`.
fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap();
    kb / 1024.0
}

fn floor_program() -> PathBuf {
    // target/<profile>/deps/perf-… -> target/<profile>/examples/floor
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let floor = dir.join("examples").join("floor");
    if !floor.exists() {
        // `cargo test` builds examples, `cargo test --test perf` does not.
        let release = dir.file_name().is_some_and(|n| n == "release");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = std::process::Command::new(cargo);
        build.args(["build", "--example", "floor"]);
        if release {
            build.arg("--release");
        }
        assert!(
            build.status().unwrap().success(),
            "building the floor example failed"
        );
    }
    floor
}

struct Figures {
    key_nav: Duration,
    key_tick: Duration,
    idle_cpu: Duration,
    rss: f64,
}

fn measure_planbook(workbook: &Path, home: &Path) -> Figures {
    let planbook = PathBuf::from(env!("CARGO_BIN_EXE_planbook"));
    let args = [workbook.to_str().unwrap()];
    let (mut probe, _) = start(&planbook, &args, home, "Session setup");
    let mut nav = Vec::new();
    for _ in 0..RUNS {
        nav.push(probe.key_to_frame("2", "Technical readiness"));
        nav.push(probe.key_to_frame("3", "Against target"));
    }
    probe.key_to_frame("2", "Technical readiness");
    let mut tick = Vec::new();
    for _ in 0..RUNS {
        // Space ticks the first item (and saves after the frame is drawn), moving on
        // to the next; back up, Space takes the tick back.
        tick.push(probe.key_to_frame(" ", "▸  [ ] Documentation and knowledge"));
        probe.key_to_frame("\x1b[A", "▸  [x] Existing monitoring");
        tick.push(probe.key_to_frame(" ", "▸  [ ] Existing monitoring"));
    }
    let rss = rss_mb(probe.pid());
    let before = cpu_time(probe.pid());
    std::thread::sleep(Duration::from_secs(10));
    let idle_cpu = cpu_time(probe.pid()).saturating_sub(before);
    quit(probe);
    Figures {
        key_nav: median(nav),
        key_tick: median(tick),
        idle_cpu,
        rss,
    }
}

#[test]
#[ignore = "measures figures; run with --release -- --ignored --nocapture"]
fn startup_latency_idle_and_memory() {
    let home = tempfile::tempdir().unwrap();
    let default = home.path().join("default.toml");
    let large = home.path().join("large.toml");
    planbook::store::save(&default, &planbook::model::Workbook::template()).unwrap();
    planbook::store::save(&large, &planbook::model::demo::large()).unwrap();

    let floor = floor_program();
    // Startup: the floor and planbook on both workbooks start in turn, round by round,
    // so that a machine busier in one part of the run weighs on all three alike.
    let planbook = PathBuf::from(env!("CARGO_BIN_EXE_planbook"));
    let once = |program: &Path, args: &[&str], first: &str| {
        let (probe, took) = start(program, args, home.path(), first);
        quit(probe);
        took
    };
    let (mut floor_runs, mut default_runs, mut large_runs) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        floor_runs.push(once(&floor, &[], "floor: one frame"));
        default_runs.push(once(
            &planbook,
            &[default.to_str().unwrap()],
            "Session setup",
        ));
        large_runs.push(once(&planbook, &[large.to_str().unwrap()], "Session setup"));
    }
    let floor_startup = median(floor_runs);
    let (default_startup, large_startup) = (median(default_runs), median(large_runs));
    let (probe, _) = start(&floor, &[], home.path(), "floor: one frame");
    let floor_rss = rss_mb(probe.pid());
    let before = cpu_time(probe.pid());
    std::thread::sleep(Duration::from_secs(10));
    let floor_idle = cpu_time(probe.pid()).saturating_sub(before);
    quit(probe);

    let d = measure_planbook(&default, home.path());
    let l = measure_planbook(&large, home.path());
    let ratio = |x: Duration| x.as_secs_f64() / floor_startup.as_secs_f64();
    println!("\nfigure                          | floor      | default          | large");
    println!("--------------------------------|------------|------------------|-----------------");
    println!(
        "startup to first frame (median) | {} | {} ({:.2}x) | {} ({:.2}x)",
        ms(floor_startup),
        ms(default_startup),
        ratio(default_startup),
        ms(large_startup),
        ratio(large_startup)
    );
    println!(
        "key to frame, switch screen     |            | {}          | {}",
        ms(d.key_nav),
        ms(l.key_nav)
    );
    println!(
        "key to frame, tick (then save)  |            | {}          | {}",
        ms(d.key_tick),
        ms(l.key_tick)
    );
    println!(
        "idle CPU over 10 s              | {} | {}          | {}",
        ms(floor_idle),
        ms(d.idle_cpu),
        ms(l.idle_cpu)
    );
    println!(
        "resident memory                 | {floor_rss:.1} MB    | {:.1} MB          | {:.1} MB",
        d.rss, l.rss
    );
    println!("({RUNS} runs each; medians)");
}

//! Figures measured on the real binary in a pseudo-terminal, next to the floor (a
//! ratatui program that draws one frame): startup to first frame, key press to updated
//! frame, CPU used while idle, resident memory. Ignored by default; run with
//! `cargo test --release --test perf -- --ignored --nocapture`. It prints figures and
//! asserts no time limits: the machines are shared and noisy.

#![allow(clippy::unwrap_used)] // tests may unwrap

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const RUNS: usize = 21;
const DEADLINE: Duration = Duration::from_secs(30);

/// A program in an 80x24 pseudo-terminal whose screen is checked for a needle after
/// every chunk of output, so the moment a frame lands is known to the microsecond.
/// The screen, and the text being waited for with the moment it appeared.
type Watched = Arc<Mutex<(vt100::Parser, Option<(String, Option<Instant>)>)>>;

struct Probe {
    state: Watched,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Probe {
    fn start(program: &Path, args: &[&str], home: &Path, first: &str) -> (Self, Duration) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("HOME", home);
        cmd.env("TERM", "xterm-256color");
        let parser = vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        );
        let state = Arc::new(Mutex::new((parser, Some((first.to_string(), None)))));
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let s = Arc::clone(&state);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut guard = s.lock().unwrap();
                let (parser, watch) = &mut *guard;
                parser.process(&buf[..n]);
                if let Some((needle, seen @ None)) = watch
                    && parser.screen().contents().contains(needle.as_str())
                {
                    *seen = Some(Instant::now());
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        let mut probe = Self {
            state,
            writer,
            child,
            _master: pair.master,
        };
        let took = probe.wait_seen(started);
        (probe, took)
    }

    fn wait_seen(&mut self, since: Instant) -> Duration {
        loop {
            {
                let guard = self.state.lock().unwrap();
                if let Some((_, Some(at))) = &guard.1 {
                    return at.duration_since(since);
                }
                assert!(
                    since.elapsed() < DEADLINE,
                    "never saw {:?}:\n{}",
                    guard.1,
                    guard.0.screen().contents()
                );
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Sends `keys` and returns how long until the screen shows `needle`.
    fn key_to_frame(&mut self, keys: &str, needle: &str) -> Duration {
        self.state.lock().unwrap().1 = Some((needle.to_string(), None));
        let sent = Instant::now();
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.wait_seen(sent)
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    fn quit(mut self) {
        self.writer.write_all(b"q").unwrap();
        self.writer.flush().unwrap();
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < DEADLINE, "did not quit");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
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
    startup: Duration,
    key_nav: Duration,
    key_tick: Duration,
    idle_cpu: Duration,
    rss: f64,
}

fn measure_planbook(workbook: &Path, home: &Path) -> Figures {
    let planbook = PathBuf::from(env!("CARGO_BIN_EXE_planbook"));
    let args = [workbook.to_str().unwrap()];
    let startup = median(
        (0..RUNS)
            .map(|_| {
                let (probe, took) = Probe::start(&planbook, &args, home, "Session setup");
                probe.quit();
                took
            })
            .collect(),
    );
    let (mut probe, _) = Probe::start(&planbook, &args, home, "Session setup");
    let mut nav = Vec::new();
    for _ in 0..RUNS {
        nav.push(probe.key_to_frame("2", "Technical readiness"));
        nav.push(probe.key_to_frame("3", "Against target"));
    }
    probe.key_to_frame("2", "Technical readiness");
    let mut tick = Vec::new();
    for _ in 0..RUNS {
        // Space ticks the first item (and saves after the frame is drawn).
        tick.push(probe.key_to_frame(" ", "▸  [x] Existing monitoring"));
        tick.push(probe.key_to_frame(" ", "▸  [ ] Existing monitoring"));
    }
    let rss = rss_mb(probe.pid());
    let before = cpu_time(probe.pid());
    std::thread::sleep(Duration::from_secs(10));
    let idle_cpu = cpu_time(probe.pid()).saturating_sub(before);
    probe.quit();
    Figures {
        startup,
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
    let floor_startup = median(
        (0..RUNS)
            .map(|_| {
                let (probe, took) = Probe::start(&floor, &[], home.path(), "floor: one frame");
                probe.quit();
                took
            })
            .collect(),
    );
    let (probe, _) = Probe::start(&floor, &[], home.path(), "floor: one frame");
    let floor_rss = rss_mb(probe.pid());
    let before = cpu_time(probe.pid());
    std::thread::sleep(Duration::from_secs(10));
    let floor_idle = cpu_time(probe.pid()).saturating_sub(before);
    probe.quit();

    let d = measure_planbook(&default, home.path());
    let l = measure_planbook(&large, home.path());
    let ratio = |x: Duration| x.as_secs_f64() / floor_startup.as_secs_f64();
    println!("\nfigure                          | floor      | default          | large");
    println!("--------------------------------|------------|------------------|-----------------");
    println!(
        "startup to first frame (median) | {} | {} ({:.2}x) | {} ({:.2}x)",
        ms(floor_startup),
        ms(d.startup),
        ratio(d.startup),
        ms(l.startup),
        ratio(l.startup)
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

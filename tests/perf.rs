//! Figures measured on the real binary in a pseudo-terminal, next to the floor (a
//! ratatui program that draws one frame): startup to first frame (the frame kept for
//! the start, and the app's own when none is kept), key press to updated frame, CPU
//! used while idle, resident memory. Ignored by default; run with
//! `cargo test --release --test perf -- --ignored --nocapture`. It prints figures and
//! asserts no time limits: the machines are shared and noisy. The programs' starts
//! and keys are taken in turn, round by round, for the same reason; with
//! `PLANBOOK_BEFORE=PATH` an earlier build is measured beside this one.

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
    startup: Duration,
    own_frame: Duration,
    key_nav: Duration,
    key_tick: Duration,
    idle_cpu: Duration,
    rss: f64,
}

/// One program on one workbook, as the test measures it.
struct Subject {
    program: PathBuf,
    workbook: PathBuf,
    starts: Vec<Duration>,
    /// Starts with no kept first frame (`planbook::preview`): the app's own.
    own_starts: Vec<Duration>,
}

impl Subject {
    fn args(&self) -> [&str; 1] {
        [self.workbook.to_str().unwrap()]
    }

    /// Removes the first frame kept for the next start, so that it draws its own.
    fn forget_kept_frame(&self, home: &Path) {
        let cache = home.join("state").join("planbook").join("cache");
        let frame = planbook::state::file_in(&cache, &self.workbook, "frame");
        let _ = std::fs::remove_file(frame);
    }
}

/// Key figures, idle CPU and memory of each subject, one planbook of each open at a
/// time, key by key in turn.
fn measure_keys(subjects: &[Subject], home: &Path) -> Vec<Figures> {
    let mut probes: Vec<Planbook> = subjects
        .iter()
        .map(|s| start(&s.program, &s.args(), home, "Session setup").0)
        .collect();
    let mut nav = vec![Vec::new(); probes.len()];
    let mut tick = vec![Vec::new(); probes.len()];
    for _ in 0..RUNS {
        for (probe, nav) in probes.iter_mut().zip(&mut nav) {
            nav.push(probe.key_to_frame("2", "Technical readiness"));
            nav.push(probe.key_to_frame("3", "Against target"));
        }
    }
    for probe in &mut probes {
        probe.key_to_frame("2", "Technical readiness");
    }
    for _ in 0..RUNS {
        for (probe, tick) in probes.iter_mut().zip(&mut tick) {
            // Space ticks the first item (and saves after the frame is drawn), moving
            // on to the next; back up, Space takes the tick back.
            tick.push(probe.key_to_frame(" ", "▸  [ ] Documentation and knowledge"));
            probe.key_to_frame("\x1b[A", "▸  [x] Existing monitoring");
            tick.push(probe.key_to_frame(" ", "▸  [ ] Existing monitoring"));
        }
    }
    let rss: Vec<f64> = probes.iter().map(|p| rss_mb(p.pid())).collect();
    let before: Vec<Duration> = probes.iter().map(|p| cpu_time(p.pid())).collect();
    std::thread::sleep(Duration::from_secs(10));
    let idle: Vec<Duration> = probes
        .iter()
        .zip(before)
        .map(|(p, b)| cpu_time(p.pid()).saturating_sub(b))
        .collect();
    for probe in probes {
        quit(probe);
    }
    subjects
        .iter()
        .enumerate()
        .map(|(i, s)| Figures {
            startup: median(s.starts.clone()),
            own_frame: median(s.own_starts.clone()),
            key_nav: median(nav[i].clone()),
            key_tick: median(tick[i].clone()),
            idle_cpu: idle[i],
            rss: rss[i],
        })
        .collect()
}

#[test]
#[ignore = "measures figures; run with --release -- --ignored --nocapture"]
fn startup_latency_idle_and_memory() {
    let home = tempfile::tempdir().unwrap();
    let workbook = |name: &str, wb: &planbook::model::Workbook| {
        let path = home.path().join(name);
        planbook::store::save(&path, wb).unwrap();
        path
    };
    let template = planbook::model::Workbook::template();
    let large = planbook::model::demo::large();
    let planbook = PathBuf::from(env!("CARGO_BIN_EXE_planbook"));
    let mut subjects = vec![
        Subject {
            program: planbook.clone(),
            workbook: workbook("default.toml", &template),
            starts: Vec::new(),
            own_starts: Vec::new(),
        },
        Subject {
            program: planbook,
            workbook: workbook("large.toml", &large),
            starts: Vec::new(),
            own_starts: Vec::new(),
        },
    ];
    // PLANBOOK_BEFORE names another build (an earlier commit's) to measure beside
    // this one, in turn, on its own copies of the workbooks: figures of the same hour.
    let before = std::env::var_os("PLANBOOK_BEFORE").map(PathBuf::from);
    if let Some(program) = &before {
        for (name, wb) in [
            ("default-before.toml", &template),
            ("large-before.toml", &large),
        ] {
            subjects.push(Subject {
                program: program.clone(),
                workbook: workbook(name, wb),
                starts: Vec::new(),
                own_starts: Vec::new(),
            });
        }
    }

    let floor = floor_program();
    // Startup: the floor and each planbook on each workbook start in turn, round by
    // round, so that a busier stretch of the machine weighs on all alike.
    let mut floor_starts = Vec::new();
    for _ in 0..RUNS {
        let (probe, took) = start(&floor, &[], home.path(), "floor: one frame");
        quit(probe);
        floor_starts.push(took);
        for s in &mut subjects {
            let (probe, took) = start(&s.program, &s.args(), home.path(), "Session setup");
            quit(probe);
            s.starts.push(took);
        }
        // The same starts with no kept first frame: the app draws its own.
        for s in &mut subjects {
            s.forget_kept_frame(home.path());
            let (probe, took) = start(&s.program, &s.args(), home.path(), "Session setup");
            quit(probe);
            s.own_starts.push(took);
        }
    }
    let floor_startup = median(floor_starts);
    let (probe, _) = start(&floor, &[], home.path(), "floor: one frame");
    let floor_rss = rss_mb(probe.pid());
    let cpu = cpu_time(probe.pid());
    std::thread::sleep(Duration::from_secs(10));
    let floor_idle = cpu_time(probe.pid()).saturating_sub(cpu);
    quit(probe);

    let figures = measure_keys(&subjects, home.path());
    print_figures(&figures, floor_startup, floor_idle, floor_rss);
}

/// Prints the figures of each build (this one, then `PLANBOOK_BEFORE`'s) beside the
/// floor's.
fn print_figures(
    figures: &[Figures],
    floor_startup: Duration,
    floor_idle: Duration,
    floor_rss: f64,
) {
    let ratio = |x: Duration| x.as_secs_f64() / floor_startup.as_secs_f64();
    for (pair, title) in figures.chunks(2).zip(["this build", "PLANBOOK_BEFORE"]) {
        let (d, l) = (&pair[0], &pair[1]);
        println!("\n{title}");
        println!("figure                          | floor      | default          | large");
        println!(
            "--------------------------------|------------|------------------|-----------------"
        );
        println!(
            "startup to first frame (median) | {} | {} ({:.2}x) | {} ({:.2}x)",
            ms(floor_startup),
            ms(d.startup),
            ratio(d.startup),
            ms(l.startup),
            ratio(l.startup)
        );
        println!(
            "  the app's own first frame     | {} | {} ({:.2}x) | {} ({:.2}x)",
            ms(floor_startup),
            ms(d.own_frame),
            ratio(d.own_frame),
            ms(l.own_frame),
            ratio(l.own_frame)
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
    }
    println!("({RUNS} runs each; medians)");
}

//! End-to-end: fill in readiness and baseline metrics, with a refused value, and find
//! everything in the workbook and on screen after reopening.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml, read_toml_when};

fn collapsed(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

use common::metric;

#[test]
fn readiness_and_baseline_are_filled_in_and_kept() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Session setup");

    // Readiness: tick two items and write a note on the first.
    pb.press_until("2", "Technical readiness");
    // A tick moves on to the next item.
    pb.send(" ");
    pb.wait_for("Readiness 1/15");
    pb.send(" ");
    pb.wait_for("Readiness 2/15");
    pb.wait_for("▸  [ ] Automation tools and capabilities");
    pb.send(keys::UP);
    pb.send(keys::UP);
    pb.press_until(keys::ENTER, "note [");
    pb.type_text("Prometheus + PagerDuty");
    pb.send(keys::ENTER);
    pb.wait_for("[x] Existing monitoring and alerting systems  — Prometheus + PagerDuty");

    // Baseline: uptime 99.5, then a refused 150, then MTTR 1h30m.
    pb.press_until("3", "Service reliability");
    pb.send(keys::ENTER);
    pb.wait_for("Baseline    [");
    pb.type_text("99.5");
    pb.send(keys::ENTER);
    pb.wait_for("99.5 %");
    // The seeds give uptime no target; the team sets its own, shown as the team's.
    pb.wait_for("· no target");
    pb.send(keys::UP);
    pb.wait_for("Current uptime/availability percentages ─");
    pb.press_until("t", "Target      [");
    pb.type_text("at least 99.9%");
    pb.send(keys::ENTER);
    pb.wait_for("! misses by 0.4 points");
    pb.wait_for("the team's (the framework's: none)");
    read_toml_when(&path, "the team's uptime target", |wb| {
        metric(wb, "uptime")["target"].as_str() == Some("at least 99.9%")
            && metric(wb, "uptime")["seed_target"].as_str() == Some("none")
    });
    pb.send(keys::DOWN);
    read_toml_when(&path, "uptime 99.5", |wb| {
        metric(wb, "uptime")["value"].as_str() == Some("99.5")
    });

    // A kept value moves on to the next metric, as a kept Setup field does.
    pb.wait_for("Mean Time To Recovery (MTTR) for incidents ─");
    pb.send(keys::UP);
    pb.press_until(keys::ENTER, "Baseline    [99.5");
    pb.send("\x15"); // Ctrl-U clears the field
    pb.type_text("150");
    pb.send(keys::ENTER);
    pb.wait_until("the refusal message", |s| {
        collapsed(s).contains(
            "150 is outside 0 to 100; uptime is a percentage from 0 to 100, such as 99.95",
        )
    });
    assert_eq!(
        metric(&read_toml(&path), "uptime")["value"].as_str(),
        Some("99.5"),
        "a refused value is never saved"
    );
    pb.send(keys::ESC);
    pb.wait_for("Baseline    99.5 %");

    pb.send(keys::DOWN);
    pb.wait_for("Mean Time To Recovery (MTTR) for incidents ─");
    pb.press_until(keys::ENTER, "Baseline    [");
    pb.type_text("1h30m");
    pb.send(keys::ENTER);
    pb.wait_for("Mean Time to Detect (MTTD) ─");
    pb.send(keys::UP);
    pb.wait_for("1 h 30 min (typed 1h30m)");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let wb = read_toml(&path);
    let technical = wb["readiness"][0]["items"].as_array().unwrap();
    assert_eq!(technical[0]["done"].as_bool(), Some(true));
    assert_eq!(technical[1]["done"].as_bool(), Some(true));
    assert_eq!(technical[2]["done"].as_bool(), Some(false));
    assert_eq!(
        technical[0]["note"].as_str(),
        Some("Prometheus + PagerDuty")
    );
    let uptime = metric(&wb, "uptime");
    assert_eq!(uptime["normalized"].as_float(), Some(99.5));
    assert_eq!(
        uptime["measured_on"].as_datetime().map(ToString::to_string),
        Some("2027-02-10".to_string()),
        "written as a TOML date"
    );
    let mttr = metric(&wb, "mttr");
    assert_eq!(mttr["value"].as_str(), Some("1h30m"));
    assert_eq!(mttr["normalized"].as_float(), Some(90.0));

    // Reopen: back on the baseline, on MTTR, with everything shown.
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    let screen = pb.wait_for("1 h 30 min (typed 1h30m)");
    assert!(screen.contains("99.5 %"), "{screen}");
    pb.press_until("2", "Prometheus + PagerDuty");
    pb.wait_for("Readiness 2/15");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

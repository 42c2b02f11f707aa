//! End-to-end: take a snapshot from the Summary, re-measure a metric, see the change
//! since the baseline and since the previous measurement; the baseline stays fixed in
//! the file through two re-measurements; next month the check-in is offered and can
//! be skipped.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml};

#[test]
fn snapshot_then_change_shows_the_difference() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    // The plan starts this month.
    for _ in 0..3 {
        pb.send(keys::DOWN);
    }
    pb.send(keys::ENTER);
    pb.type_text("2027-02");
    pb.send(keys::ENTER);
    pb.wait_for("Setup 2/4");

    pb.press_until("3", "Service reliability");
    pb.press_until(keys::ENTER, "Baseline    [");
    pb.type_text("99.5");
    pb.send(keys::ENTER);
    pb.wait_for("99.5 %");

    pb.press_until("6", "Where the team stands");
    pb.press_until("s", "Snapshot label: [Baseline Feb 2027");
    pb.send(keys::ENTER);
    pb.wait_for("Snapshot 'Baseline Feb 2027' taken on 2027-02-10");

    // The baseline is fixed now: a new value is a measurement dated today. (The kept
    // value moved the cursor on to the next metric: Home is the first.)
    pb.press_until("3", "Service reliability");
    pb.send(keys::HOME);
    pb.wait_for("Current uptime/availability percentages ─");
    pb.press_until(keys::ENTER, "New value   [");
    pb.type_text("99.9");
    pb.send(keys::ENTER);
    pb.wait_for("Mean Time To Recovery (MTTR) for incidents ─");
    pb.send(keys::UP);
    pb.wait_for("Latest      99.9 % · 2027-02-10");
    pb.wait_for("Baseline    99.5 % · 2027-02-10");

    pb.press_until("6", "Where the team stands");
    // Uptime is the first of the 23 metrics, the Summary's last rows.
    pb.send(keys::END);
    for _ in 0..22 {
        pb.send(keys::UP);
    }
    // (polled until the uptime row and its changes under it are both in view: the
    // keys may still be scrolling the list)
    let screen = pb.wait_until("uptime and its changes", |s| {
        let mut lines = s.lines().skip_while(|l| !l.contains("uptime"));
        lines.next().is_some() && lines.next().is_some_and(|l| l.contains("vs baseline"))
    });
    let mut lines = screen.lines().skip_while(|l| !l.contains("uptime"));
    let row = lines
        .next()
        .unwrap_or_else(|| panic!("no uptime row:\n{screen}"));
    // At 80 columns: baseline, latest and the status on the metric's line, its changes
    // since the baseline and since the previous measurement on the line under it.
    assert!(
        row.contains("99.5 %") && row.contains("99.9 %") && row.contains("· no target"),
        "{row}"
    );
    let changes = lines.next().unwrap_or_default();
    assert!(
        changes.contains("vs baseline +0.4 pts better")
            && changes.contains("vs previous +0.4 pts better"),
        "{screen}"
    );
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let wb = read_toml(&path);
    let snapshots = wb["snapshots"].as_array().unwrap();
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0]["metrics"]["uptime"].as_float(), Some(99.5));
    let uptime = common::metric(&wb, "uptime");
    assert_eq!(uptime["value"].as_str(), Some("99.5"), "the baseline stays");
    assert_eq!(
        uptime["measurements"][0]["value"].as_str(),
        Some("99.9"),
        "the new value is a measurement"
    );

    // A month later, planbook offers the check-in; Esc skips it for the month.
    let mut pb = sandbox.start(&[arg, "--today", "2027-03-02"]);
    pb.wait_for("Monthly check-in · Mar 2027");
    // It starts with who to chase: February's five milestones are overdue.
    pb.wait_for("Who to chase: 5 overdue");
    pb.wait_for("! 2 days late · no owner · Team trained on framework basics");
    pb.press_until(keys::ESC, "Check-in skipped until next month");
    // A second re-measure: the change since the previous one is from 99.9, not zero.
    pb.press_until("3", "Service reliability");
    pb.press_until(keys::ENTER, "New value   [");
    pb.type_text("99.7");
    pb.send(keys::ENTER);
    pb.wait_for("Mean Time To Recovery (MTTR) for incidents ─");
    pb.send(keys::UP);
    pb.wait_for("+0.2 pts better since baseline · -0.2 pts worse since previous");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let wb = read_toml(&path);
    let uptime = common::metric(&wb, "uptime");
    assert_eq!(uptime["value"].as_str(), Some("99.5"));
    assert_eq!(
        uptime["measured_on"].as_datetime().map(ToString::to_string),
        Some("2027-02-10".to_string()),
        "the baseline keeps its date"
    );
    assert_eq!(uptime["measurements"].as_array().map(Vec::len), Some(2));
    let mut pb = sandbox.start(&[arg, "--today", "2027-03-20"]);
    pb.wait_for("Baseline    99.5 % · 2027-02-10 · fixed at the first snapshot");
    assert!(!pb.screen().contains("Monthly check-in"));
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    // Before the plan's first month, no check-in is offered.
    let mut pb = sandbox.start(&[arg, "--today", "2027-01-20"]);
    pb.wait_for("Baseline    99.5 %");
    assert!(!pb.screen().contains("Monthly check-in"));
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

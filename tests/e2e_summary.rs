//! End-to-end: take a snapshot from the Summary, change a metric, see the change
//! against the snapshot; next month the check-in is offered and can be skipped.

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

    pb.press_until("3", "Service reliability");
    pb.press_until(keys::ENTER, "Value       [");
    pb.type_text("99.5");
    pb.send(keys::ENTER);
    pb.wait_for("99.5 %");

    pb.press_until("6", "Where the team stands");
    pb.press_until("s", "Snapshot label: [Baseline Feb 2027");
    pb.send(keys::ENTER);
    pb.wait_for("Snapshot 'Baseline Feb 2027' taken on 2027-02-10");

    pb.press_until("3", "Service reliability");
    pb.press_until(keys::ENTER, "Value       [99.5");
    pb.send("\x15");
    pb.type_text("99.9");
    pb.send(keys::ENTER);
    pb.wait_for("Value       99.9 %");

    pb.press_until("6", "Where the team stands");
    pb.send(keys::END);
    let screen = pb.wait_for("vs base ");
    let row = screen
        .lines()
        .find(|l| l.contains("uptime"))
        .unwrap_or_else(|| panic!("no uptime row:\n{screen}"));
    assert!(
        row.contains("99.9 %") && row.contains("+0.4 %") && row.contains("✓ meets"),
        "{row}"
    );
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let wb = read_toml(&path);
    let snapshots = wb["snapshots"].as_array().unwrap();
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0]["metrics"]["uptime"].as_float(), Some(99.5));

    // A month later, planbook offers the check-in; Esc skips it for the month.
    let mut pb = sandbox.start(&[arg, "--today", "2027-03-02"]);
    pb.wait_for("Monthly check-in · Mar 2027");
    pb.wait_for("Key metrics: Enter re-measures");
    pb.press_until(keys::ESC, "Check-in skipped until next month");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let mut pb = sandbox.start(&[arg, "--today", "2027-03-20"]);
    pb.wait_for("Metrics against targets");
    assert!(!pb.screen().contains("Monthly check-in"));
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

//! End-to-end: Ctrl-Z puts the file back as it was before the last change and Ctrl-Y
//! brings the change back; in a window below 80x24 keys change nothing.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::time::{Duration, Instant};

use common::{Sandbox, keys};

/// Waits until the file holds `want`, and fails with what it holds after the deadline.
fn wait_for_file(path: &std::path::Path, want: &[u8]) {
    let deadline = Instant::now() + common::DEADLINE;
    loop {
        let now = std::fs::read(path).unwrap();
        if now == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the file never came back to what it was"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_restores_the_file_and_ctrl_y_redoes() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    let before = std::fs::read(&path).unwrap();

    pb.press_until("2", "Technical readiness");
    pb.send(" ");
    pb.wait_for("Readiness 1/15");
    pb.press_until("1", "Session setup");
    pb.send(keys::ENTER);
    pb.type_text("Platform Ops");
    pb.send(keys::ENTER);
    pb.wait_for("planbook Platform Ops");

    // Undo works from any screen, one change at a time, newest first.
    pb.send("\x1a");
    pb.wait_for("Undid a change to Setup");
    pb.wait_until("the team name gone", |s| !s.contains("Platform Ops"));
    pb.send("\x1a");
    pb.wait_for("Undid a change to Readiness");
    pb.wait_for("Readiness 0/15");
    wait_for_file(&path, &before);

    pb.send("\x19");
    pb.wait_for("Redid a change to Readiness");
    pb.wait_for("Readiness 1/15");
    pb.send("\x1a");
    pb.wait_for("Readiness 0/15");
    wait_for_file(&path, &before);
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn below_80x24_keys_change_nothing() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start_sized(&[arg, "--today", "2027-02-10"], 70, 20);
    pb.wait_for("planbook needs a larger window");
    let before = std::fs::read(&path).unwrap();
    for k in ["2", " ", keys::DOWN, " ", keys::ENTER, "x", "\x1a"] {
        pb.send(k);
    }
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing was ticked unseen"
    );
}

//! End-to-end: a new user names the team, walks every screen, quits and comes back.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml};

#[test]
fn first_run_walk_quit_and_resume() {
    let sandbox = Sandbox::new();
    let mut pb = sandbox.start(&["--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    pb.wait_for("Setup 1/4");

    // Type a team name on Setup, with a correction made by cursor editing.
    pb.send(keys::ENTER);
    pb.type_text("Platfrm Ops");
    pb.send(keys::LEFT);
    pb.send(keys::LEFT);
    pb.send(keys::LEFT);
    pb.send(keys::LEFT);
    pb.send(keys::LEFT);
    pb.send(keys::LEFT);
    pb.type_text("o");
    pb.send(keys::ENTER);
    pb.wait_for("Setup 2/4");
    pb.wait_for("Platform Ops");

    // Visit every screen in order.
    for text in [
        "Technical readiness",
        "Service reliability",
        "Data collection",
        "Milestones of",
        "implementation phase",
    ] {
        pb.press_until(keys::TAB, text);
    }
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let out = pb.wait_output("workbook saved to");
    assert!(out.contains("workbook.toml"), "{out}");

    // The workbook on disk holds the team and where the user was.
    let path = sandbox.default_workbook();
    let text = std::fs::read_to_string(&path).expect("workbook written");
    assert!(text.starts_with("# planbook workbook"), "{text}");
    let wb = read_toml(&path);
    assert_eq!(
        wb["format"].as_integer(),
        Some(i64::from(planbook::model::FORMAT))
    );
    assert_eq!(wb["plan"]["team"].as_str(), Some("Platform Ops"));
    // Where the user was is theirs alone: it is not in the shared workbook.
    assert!(wb.get("resume").is_none(), "{text}");

    // Starting again shows the team name and the screen where they left off.
    let mut pb = sandbox.start(&["--today", "2027-02-10"]);
    let screen = pb.wait_for("implementation phase");
    assert!(screen.contains("Platform Ops"), "{screen}");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

#[test]
fn resume_lands_on_the_selected_item() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let path_arg = path.to_str().expect("utf-8 path");
    let mut pb = sandbox.start(&[path_arg]);
    pb.wait_for("Session setup");
    pb.press_until("2", "Technical readiness");
    for _ in 0..3 {
        pb.send(keys::DOWN);
    }
    pb.wait_for("▸  [ ] Incident response procedures");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let mut pb = sandbox.start(&[path_arg]);
    pb.wait_for("▸  [ ] Incident response procedures");
    pb.send(keys::CTRL_C);
    assert_eq!(pb.wait_exit(), 0);
    assert!(path.exists());
    assert!(
        !sandbox.default_workbook().exists(),
        "a PATH leaves the default alone"
    );
}

#[test]
fn a_broken_workbook_is_refused_and_left_untouched() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("broken.toml");
    let original = b"format = 1\n[plan\nteam = \"x\"\n".to_vec();
    std::fs::write(&path, &original).expect("write");
    let mut pb = sandbox.start(&[path.to_str().expect("utf-8 path")]);
    let code = pb.wait_exit();
    assert_ne!(code, 0);
    let out = pb.wait_output("broken.toml:2:");
    assert!(
        !out.contains("\x1b[?1049h"),
        "the terminal was not taken over: {out:?}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), original);
}

#[test]
fn a_small_window_says_how_large_it_must_be() {
    let sandbox = Sandbox::new();
    let mut pb = sandbox.start_sized(&[], 60, 20);
    pb.wait_for("at least 80x24");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

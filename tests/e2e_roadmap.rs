//! End-to-end: tick a milestone in month 2, add a custom one, quit and reopen.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml};

#[test]
fn tick_and_add_milestones_survive_a_restart() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    // The plan starts in January 2027.
    for _ in 0..3 {
        pb.send(keys::DOWN);
    }
    pb.press_until(keys::ENTER, "Plan starts         [");
    pb.type_text("2027-01");
    pb.send(keys::ENTER);
    pb.wait_for("Jan 2027 to Jun 2027");

    pb.press_until("5", "Milestones of Jan 2027");
    pb.wait_for("▼Feb 27 0/5");
    pb.press_until(keys::RIGHT, "Milestones of Feb 2027 · 0/5 done");
    pb.press_until(keys::ENTER, "▸  [ ] Daily operations cycle implemented");
    pb.press_until(" ", "Milestones of Feb 2027 · 1/5 done");
    pb.wait_for("[x] Daily operations cycle implemented  · done 2027-02-10");

    pb.press_until("a", "m a milestone, a an activity");
    pb.press_until("m", "New milestone: [");
    pb.type_text("Pilot team onboarded");
    pb.send(keys::ENTER);
    pb.wait_for("▸  [ ] Pilot team onboarded");
    pb.wait_for("Milestones of Feb 2027 · 1/6 done");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let wb = read_toml(&path);
    let milestones = wb["roadmap"]["milestones"].as_array().unwrap();
    let ticked = milestones
        .iter()
        .find(|m| m["text"].as_str() == Some("Daily operations cycle implemented"))
        .unwrap();
    assert_eq!(
        ticked["done_on"].as_datetime().map(ToString::to_string),
        Some("2027-02-10".to_string())
    );
    let added = milestones
        .iter()
        .find(|m| m["text"].as_str() == Some("Pilot team onboarded"))
        .unwrap();
    assert_eq!(added["month"].as_integer(), Some(2));
    assert_eq!(added["id"].as_str(), Some("m2-pilot-team-onboarded"));
    assert_eq!(added["track"].as_str(), Some("foundation"));
    assert!(added.get("done_on").is_none(), "open: no done date");

    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Pilot team onboarded");
    pb.wait_for("[x] Daily operations cycle implemented");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

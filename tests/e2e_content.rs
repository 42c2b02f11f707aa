//! End-to-end: the team adapts the framework's content in the app. A readiness item
//! is added, a framework item reworded (its wording kept and shown) and one removed
//! after a question; a metric of the team's own gets a kind, a unit and a target; a
//! question of the team's own is added and moved to a level.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml_when};

#[test]
fn readiness_items_metrics_and_questions_are_added_reworded_and_removed() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Session setup");

    // Readiness: add after the first item, reword the first, remove the added one.
    pb.press_until("2", "Technical readiness");
    pb.press_until("a", "New item in Technical readiness:");
    pb.type_text("On-call handbook in the wiki");
    pb.send(keys::ENTER);
    pb.wait_for("▸  [ ] On-call handbook in the wiki · ours");
    pb.wait_for("Readiness 0/16");
    pb.send(keys::HOME);
    pb.press_until("e", "Item: [");
    pb.send("\x15"); // Ctrl-U clears the field
    pb.type_text("Monitoring and paging in place");
    pb.send(keys::ENTER);
    pb.wait_for("Monitoring and paging in place · reworded");
    pb.wait_for("Framework's wording: Existing monitoring and alerting systems");
    pb.send(keys::DOWN);
    pb.press_until(
        "r",
        "! Remove 'On-call handbook in the wiki'? y removes it, n keeps it",
    );
    pb.send("n");
    pb.wait_until("the question gone", |s| !s.contains("! Remove"));
    pb.wait_for("On-call handbook in the wiki · ours");
    pb.press_until("r", "! Remove 'On-call handbook in the wiki'?");
    pb.send("y");
    pb.wait_for("Removed 'On-call handbook in the wiki' (Ctrl-Z brings it back)");
    pb.wait_for("Readiness 0/15");

    // Baseline: a metric of the team's own, typed as a percentage, with a target.
    pb.press_until("3", "Service reliability");
    pb.press_until("a", "New metric in Service reliability:");
    pb.type_text("Deploys that need a hotfix");
    pb.send(keys::ENTER);
    pb.wait_for("the team's own · amount");
    pb.send(keys::RIGHT);
    pb.wait_for("the team's own · percent");
    pb.press_until("t", "Target      [");
    pb.type_text("< 5%");
    pb.send(keys::ENTER);
    pb.press_until(keys::ENTER, "Baseline    [");
    pb.type_text("8");
    pb.send(keys::ENTER);
    pb.send(keys::UP);
    pb.wait_for("! misses by 3 points");
    // Once it has a value, its kind stays.
    pb.send(keys::RIGHT);
    pb.wait_for("has values already: its kind (percent) stays");

    // Maturity: a question of the team's own, needed from level 3.
    pb.press_until("4", "Data collection · level 0");
    pb.press_until("a", "New question in Data collection:");
    pb.type_text("Are dashboards reviewed weekly?");
    pb.send(keys::ENTER);
    pb.wait_for("Question added: a yes is needed from level 1 up (l changes the level)");
    pb.wait_for("Are dashboards reviewed weekly?  L1+ · ours");
    pb.press_until("l", "A yes is needed from level (1 to 4):");
    pb.send("\x15");
    pb.type_text("3");
    pb.send(keys::ENTER);
    pb.wait_for("Are dashboards reviewed weekly?  L3+ · ours");

    let wb = read_toml_when(&path, "the question's level saved", |wb| {
        wb["maturity"][0]["questions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["levels"].as_array().map(Vec::len) == Some(2))
    });
    let first = &wb["readiness"][0]["items"][0];
    assert_eq!(
        first["text"].as_str(),
        Some("Monitoring and paging in place")
    );
    assert_eq!(
        first["seed_text"].as_str(),
        Some("Existing monitoring and alerting systems")
    );
    assert_eq!(
        wb["readiness"][0]["items"].as_array().map(Vec::len),
        Some(5)
    );
    let metric = common::metric(&wb, "own-deploys-that-need-a-hotfix");
    assert_eq!(metric["kind"].as_str(), Some("percent"));
    assert_eq!(metric["origin"].as_str(), Some("team"));
    assert_eq!(metric["target_max"].as_float(), Some(5.0));
    assert!(
        metric.get("seed_target").is_none(),
        "the team's own has none"
    );
    let q = wb["maturity"][0]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q.get("added").and_then(toml::Value::as_bool) == Some(true))
        .unwrap();
    assert_eq!(q["text"].as_str(), Some("Are dashboards reviewed weekly?"));
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

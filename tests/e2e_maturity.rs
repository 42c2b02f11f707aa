//! End-to-end: answer a whole dimension yes, watch its level and the overall average
//! change live, quit and find the answers in the workbook.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, read_toml};

#[test]
fn answering_data_collection_yes_reaches_level_four() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg]);
    pb.wait_for("Session setup");
    pb.press_until("4", "Data collection · level 0 Reactive");
    pb.wait_for("Overall 0.0");
    for done in 1..=5 {
        pb.send("y");
        pb.wait_for(&format!("Maturity {done}/30"));
    }
    pb.wait_for("Data collection ████████ 4 Autonomous");
    // Answering moved on to Analytics, whose level-1 question now blocks it.
    pb.wait_for("▸! [ ] Are threshold-based alerts configured?");
    pb.press_until(common::keys::HOME, "Data collection · level 4 Autonomous");
    // One dimension at level 4 and five at level 0: 4/6 = 0.7.
    pb.wait_for("Overall 0.7");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let wb = read_toml(&path);
    let data = wb["maturity"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"].as_str() == Some("data_collection"))
        .unwrap();
    let answers: Vec<_> = data["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["answer"].as_str().unwrap())
        .collect();
    assert_eq!(answers, ["yes"; 5]);
    let analytics = &wb["maturity"][1]["questions"][0];
    assert_eq!(analytics["answer"].as_str(), Some(""));
}

//! End-to-end: the challenges register on the Summary. A challenge marked faced with
//! nothing done about it is flagged on the screen and in the report; picking one of
//! the seed's solutions, writing the team's own and naming an owner clear the flag,
//! and all of it is in the file.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml_when};

#[test]
fn a_faced_challenge_without_mitigation_is_flagged_until_the_team_acts() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    // No start month: no milestones to chase; the six maturity gaps come first.
    pb.press_until("6", "Where the team stands");
    pb.send(keys::HOME);
    for _ in 0..6 {
        pb.send(keys::DOWN);
    }
    pb.wait_for("▸  [ ] ▸ Resistance to Change");
    pb.wait_for("Challenges and resistance: 0 faced");
    pb.wait_for("Space faced  Enter solutions  o owner");

    pb.send(" ");
    pb.wait_for("Challenges and resistance: 1 faced · ! 1 with no mitigation");
    pb.wait_for("[x] ▸ ! Resistance to Change · no mitigation · no owner");
    read_toml_when(&path, "the challenge faced", |wb| {
        wb["challenges"][0]["faced"].as_bool() == Some(true)
    });
    let out = common::run(
        &sandbox.dir.path().join("home"),
        &["report", arg, "--format", "markdown"],
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("- ! Resistance to Change: no mitigation (! no owner)"),
        "{report}"
    );

    // Its solutions: the seed's five and the team's own.
    pb.send(keys::ENTER);
    pb.wait_for("Symptoms: Team members preferring old processes");
    pb.send(keys::DOWN);
    pb.wait_for("Space apply");
    pb.send(" ");
    pb.wait_for("[x] Start with willing team members as champions");
    pb.wait_for("Resistance to Change · 1 of 5 solutions · no owner");
    pb.wait_until("the flag gone", |s| !s.contains("with no mitigation"));
    for _ in 0..5 {
        pb.send(keys::DOWN);
    }
    pb.wait_for("Enter write our own");
    pb.send(keys::ENTER);
    pb.wait_for("Our own mitigation:");
    pb.type_text("Pair each new joiner with a champion");
    pb.send(keys::ENTER);
    pb.wait_for("Our own: Pair each new joiner with a champion");
    // Back on the challenge: its owner.
    for _ in 0..6 {
        pb.send(keys::UP);
    }
    pb.wait_for("Space faced  Enter solutions  o owner");
    pb.send("o");
    pb.wait_for("Owner of the challenge:");
    pb.type_text("Sam");
    pb.send(keys::ENTER);
    pb.wait_for("Resistance to Change · 1 of 5 solutions and our own · Sam");

    let wb = read_toml_when(&path, "the owner saved", |wb| {
        wb["challenges"][0]["owner"].as_str() == Some("Sam")
    });
    let c = &wb["challenges"][0];
    assert_eq!(
        c["applying"].as_array().unwrap()[0].as_str(),
        Some("Start with willing team members as champions")
    );
    assert_eq!(
        c["own"].as_str(),
        Some("Pair each new joiner with a champion")
    );
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

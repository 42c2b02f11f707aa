//! End-to-end: in the room. Presentation mode shows one question large with no
//! footer; a voting round with three voters, two yes and one no, reveals `yes 2 · no
//! 1` and flags no consensus; the workbook keeps the counts and nothing of who voted
//! what; Esc mid-round changes nothing; a timebox shows the time spent at the top.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml, read_toml_when};

#[test]
fn present_vote_and_timebox() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-10", "--present"]);
    // Presentation mode from the start: the position line, no footer.
    pb.wait_for("Setup");
    pb.press_until("4", "Maturity · Data collection · 1 of 5");
    let screen = pb.screen();
    assert!(!screen.contains("? help"), "{screen}");
    assert!(!screen.contains("Session setup"), "{screen}");
    // P returns to the normal layout on the same question.
    pb.press_until("P", "? help");
    pb.wait_for("▸! [ ] Are metrics collected from all critical systems?");

    // A round of three on the first question.
    pb.press_until("v", "How many people vote (2 to 30)?");
    pb.send("\x15");
    pb.type_text("3");
    pb.send(keys::ENTER);
    pb.wait_for("Vote · Maturity · voter 1 of 3");
    pb.send("y");
    pb.wait_for("Pass the laptop to the next person, then press Enter");
    pb.send(keys::ENTER);
    pb.wait_for("voter 2 of 3");
    pb.send("y");
    pb.wait_for("2 of 3 voted");
    pb.send(keys::ENTER);
    pb.wait_for("voter 3 of 3");
    pb.send("n");
    pb.wait_for("yes 2 · no 1 · n/a 0 · ! no consensus, discuss");
    pb.send(keys::ENTER);
    pb.wait_for("voted 2–1");
    pb.wait_for("Vote: yes 2 · no 1 · n/a 0 · ! split: discuss");
    // The facilitation view: every item whose vote split.
    pb.press_until("V", "Votes that split: discuss these first");
    pb.wait_for("! Maturity · Data collection: Are metrics collected from all");
    pb.wait_for("yes 2 · no 1 · n/a 0");
    pb.send(keys::ESC);
    pb.wait_until("the list closed", |s| !s.contains("Votes that split"));
    let wb = read_toml_when(&path, "the counts saved", |wb| {
        wb["maturity"][0]["questions"][0].get("voted_yes").is_some()
    });
    let q = wb["maturity"][0]["questions"][0].as_table().unwrap();
    assert_eq!(q["voted_yes"].as_integer(), Some(2));
    assert_eq!(q["voted_no"].as_integer(), Some(1));
    // Only the counts: no key names a voter or holds a list of votes.
    let mut keys_of_q: Vec<&str> = q.keys().map(String::as_str).collect();
    keys_of_q.sort_unstable();
    assert_eq!(
        keys_of_q,
        [
            "answer",
            "id",
            "levels",
            "note",
            "text",
            "voted_no",
            "voted_yes"
        ]
    );
    assert_eq!(
        q["answer"].as_str(),
        Some(""),
        "the lead records the answer"
    );

    // Esc mid-round changes nothing.
    let before = std::fs::read(&path).unwrap();
    pb.send(keys::DOWN);
    pb.press_until("v", "How many people vote (2 to 30)?");
    pb.send(keys::ENTER);
    pb.wait_for("voter 1 of 3");
    pb.send("y");
    pb.wait_for("Pass the laptop");
    pb.send(keys::ESC);
    pb.wait_for("Vote cancelled: nothing recorded");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A timebox: the time spent on the screen shows at the top.
    pb.press_until("T", "Timebox for Maturity, in minutes (empty for none):");
    pb.send("\x15");
    pb.type_text("25");
    pb.send(keys::ENTER);
    pb.wait_for("of 25 min");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    // The timebox is the session's: the workbook does not change for it.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let _ = read_toml(&path);
}

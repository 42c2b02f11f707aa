//! End-to-end: a lead's whole first planning session at 80x24, as a new user types
//! it, from an empty workbook to the snapshot that fixes the baselines. It counts the
//! keys the session takes (printed with `--nocapture`) and checks what was saved.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Planbook, Sandbox, keys, metric, read_toml};

/// The keys a first session may take: what it takes today, with a little room. A
/// change that makes the same session longer to type fails here.
const BUDGET: usize = 230;

#[test]
fn a_whole_first_session_at_80x24() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("team.toml");
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-01-10"]);
    pb.wait_for("Session setup");

    // Setup: Enter edits a field, Enter again keeps it and moves to the next.
    for name in ["Payments Platform", "Dana Okafor"] {
        pb.press_until(keys::ENTER, "[");
        pb.type_text(name);
        pb.send(keys::ENTER);
        pb.wait_for(name);
    }
    pb.send(keys::RIGHT); // organization size: the next one
    pb.send(keys::ENTER); // keeps it, moves on to the start month
    pb.press_until(keys::ENTER, "[");
    pb.type_text("Jan 2027");
    pb.send(keys::ENTER);
    pb.wait_for("Jan 2027 to Jun 2027");
    let setup = pb.keys_typed();

    // Readiness: a tick moves on; the ninth item gets a note.
    pb.press_until(keys::TAB, "Technical readiness");
    for _ in 0..4 {
        pb.send(" ");
    }
    pb.send(keys::DOWN);
    for _ in 0..3 {
        pb.send(" ");
    }
    pb.wait_for("Readiness 7/15");
    pb.press_until(keys::ENTER, "note [");
    pb.type_text("sponsor: VP Operations");
    pb.send(keys::ENTER);
    pb.wait_for("Note: sponsor: VP Operations");
    let readiness = pb.keys_typed() - setup;

    // Baseline: each figure as people say it; Enter keeps it and moves on.
    pb.press_until(keys::TAB, "Service reliability");
    for (i, typed) in ["99.5%", "1h 30min", "4 min", "12 a month", "n/a", "60/40"]
        .iter()
        .enumerate()
    {
        pb.press_until(keys::ENTER, "Baseline    [");
        pb.type_text(typed);
        pb.send(keys::ENTER);
        // Each kept value selects the next metric: its name heads the detail pane.
        let next = [
            "Mean Time To Recovery (MTTR) for incidents ─",
            "Mean Time to Detect (MTTD) ─",
            "Incident frequency and severity distribution ─",
            "Service Level Objective compliance rates ─",
            "Time allocation between planned and unplanned work ─",
            "Documentation coverage and quality ─",
        ][i];
        pb.wait_for(next);
    }
    pb.wait_for("Baseline 5/23");
    let baseline = pb.keys_typed() - setup - readiness;

    // Maturity: thirty answers, each moving on.
    pb.press_until(keys::TAB, "Data collection · level");
    for i in 0..30 {
        pb.send(if i % 3 == 0 { "n" } else { "y" });
    }
    pb.wait_for("Maturity 30/30");
    let maturity = pb.keys_typed() - setup - readiness - baseline;

    // Roadmap: January's list; the last milestone ticked, the one before it given an
    // owner and a due date.
    pb.press_until(keys::TAB, "Milestones of Jan 2027");
    pb.press_until(keys::ENTER, "Space tick");
    pb.send(keys::END);
    pb.send(" ");
    pb.wait_for("Roadmap 1/30");
    pb.send(keys::UP);
    pb.press_until("o", "owner [");
    pb.type_text("Priya");
    pb.send(keys::ENTER);
    pb.wait_for("owner Priya");
    pb.press_until("u", "due [");
    pb.type_text("2027-01-29");
    pb.send(keys::ENTER);
    pb.wait_for("due 2027-01-29");
    let roadmap = pb.keys_typed() - setup - readiness - baseline - maturity;

    // Summary: the first maturity gap goes on the roadmap, then the snapshot.
    pb.press_until(keys::TAB, "Where the team stands");
    plan_a_gap_and_take_the_snapshot(&mut pb);
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let summary = pb.keys_typed() - setup - readiness - baseline - maturity - roadmap;

    let total = pb.keys_typed();
    eprintln!(
        "a whole first session at 80x24: {total} keys (setup {setup}, readiness \
         {readiness}, baseline {baseline}, maturity {maturity}, roadmap {roadmap}, \
         summary and quit {summary})"
    );
    assert!(total <= BUDGET, "{total} keys, more than {BUDGET}");

    the_session_is_saved(&read_toml(&path));
}

/// What the session typed is in the workbook.
fn the_session_is_saved(wb: &toml::Table) {
    assert_eq!(wb["plan"]["team"].as_str(), Some("Payments Platform"));
    assert_eq!(wb["plan"]["lead"].as_str(), Some("Dana Okafor"));
    assert_eq!(wb["plan"]["start_month"].as_str(), Some("2027-01"));
    let ticked: usize = wb["readiness"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .filter(|i| i["done"].as_bool() == Some(true))
        .count();
    assert_eq!(ticked, 7);
    assert_eq!(metric(wb, "mttr")["value"].as_str(), Some("1h 30min"));
    assert_eq!(metric(wb, "slo-compliance")["value"].as_str(), Some("n/a"));
    let answered = wb["maturity"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["questions"].as_array().unwrap())
        .filter(|q| !q["answer"].as_str().unwrap_or_default().is_empty())
        .count();
    assert_eq!(answered, 30);
    let milestones = wb["roadmap"]["milestones"].as_array().unwrap();
    assert!(
        milestones
            .iter()
            .any(|m| m["owner"].as_str() == Some("Priya"))
    );
    assert_eq!(milestones.len(), 31, "the gap became a milestone");
    assert_eq!(wb["snapshots"].as_array().unwrap().len(), 1);
}

/// On the Summary: the first maturity gap goes on the roadmap, then the snapshot.
fn plan_a_gap_and_take_the_snapshot(pb: &mut Planbook) {
    pb.send(keys::HOME);
    let on_gap = |s: &str| {
        s.lines()
            .any(|l| l.starts_with('▸') && l.contains(" to level "))
    };
    for _ in 0..40 {
        let before = pb.screen();
        if on_gap(&before) {
            break;
        }
        pb.send(keys::DOWN);
        pb.wait_until("the selection to move", |s| s != before);
    }
    assert!(
        on_gap(&pb.screen()),
        "no maturity gap selected:\n{}",
        pb.screen()
    );
    pb.press_until(keys::ENTER, "Enter add");
    pb.send(keys::ENTER);
    pb.wait_for("✓ planned");
    pb.press_until("s", "Snapshot label: [Baseline Jan 2027");
    pb.send(keys::ENTER);
    pb.wait_for("Snapshot 'Baseline Jan 2027' taken on 2027-01-10");
}

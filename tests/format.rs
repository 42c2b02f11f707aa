//! The workbook stays the team's file: a format 1 workbook opens with every answer
//! intact and its original kept, a hand-edited workbook keeps its comments and layout
//! through edits in the app, and opening and quitting changes nothing.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::{Path, PathBuf};

use common::{Sandbox, keys};
use planbook::model::Answer;
use planbook::session::Session;

const COMMENTS: [&str; 3] = [
    "# reviewed with the team on 2026-12-12",
    "# runs the monthly meeting",
    "# our own track order",
];

/// The filled format 1 fixture, copied where it may be changed.
fn v1_copy(dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/filled.toml");
    let to = dir.join("plan.toml");
    std::fs::copy(from, &to).unwrap();
    to
}

/// The tables of every `outer` table's `inner` list, in file order.
fn nested<'a>(
    doc: &'a toml::Table,
    outer: &str,
    inner: &'a str,
) -> impl Iterator<Item = &'a toml::Value> {
    doc[outer]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(move |t| t[inner].as_array().unwrap())
}

#[test]
fn a_format_1_workbook_opens_with_every_answer_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = v1_copy(dir.path());
    let original = std::fs::read(&path).unwrap();
    // What the format 1 file says, read as plain TOML.
    let v1: toml::Table = toml::from_str(std::str::from_utf8(&original).unwrap()).unwrap();

    let (session, loaded) = Session::open(&path).unwrap();
    let up = loaded.upgrade.clone().unwrap();
    assert_eq!(up.from, 1);
    let resume = up.resume.unwrap();
    assert_eq!(resume.screen, "maturity");
    assert_eq!(resume.items.get("maturity"), Some(&4));
    assert_eq!(resume.checkin_skipped, "2027-02".parse().ok());

    let wb = &loaded.workbook;
    assert_eq!(wb.format, 2);
    assert_eq!(
        (wb.plan.team.as_str(), wb.plan.lead.as_str()),
        ("Platform Ops", "Dana Reyes")
    );
    assert_eq!(wb.plan.start_month, "2027-01".parse().ok());
    // Every readiness tick and note, answer and note, metric and milestone, as written.
    let items = wb.readiness.iter().flat_map(|c| &c.items);
    for (item, old) in items.zip(nested(&v1, "readiness", "items")) {
        assert_eq!(item.done, old["done"].as_bool().unwrap(), "{}", item.id);
        assert_eq!(item.note, old["note"].as_str().unwrap(), "{}", item.id);
    }
    assert_eq!(wb.readiness_progress().done, 3);
    let questions = wb.maturity.iter().flat_map(|d| &d.questions);
    for (q, old) in questions.zip(nested(&v1, "maturity", "questions")) {
        let answer = match q.answer {
            Answer::Unanswered => "",
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotApplicable => "na",
        };
        assert_eq!(answer, old["answer"].as_str().unwrap(), "{}", q.id);
        assert_eq!(q.note, old["note"].as_str().unwrap(), "{}", q.id);
    }
    let uptime = wb.metrics().find(|(_, m)| m.id == "uptime").unwrap().1;
    assert_eq!(uptime.value, "99,5 %");
    assert_eq!(uptime.measured_on, "2027-01-15".parse().ok());
    assert_eq!(uptime.source, "PagerDuty export");
    let first = &wb.roadmap.milestones[0];
    assert_eq!(first.done_on, "2027-01-20".parse().ok());
    assert_eq!(first.due, "2027-01-25".parse().ok());
    assert_eq!(first.owner, "Sam");
    assert_eq!(wb.roadmap.milestones[1].done_on, None);
    assert_eq!(wb.snapshots.len(), 1);
    assert_eq!(wb.snapshots[0].taken_on, jiff::civil::date(2027, 1, 31));
    assert_eq!(wb.snapshots[0].metrics.get("mttr"), Some(&90.0));

    // On disk: format 2, no resume, every comment; the original beside it, unchanged.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("format = 2"), "{text}");
    assert!(!text.contains("[resume"), "{text}");
    for comment in COMMENTS {
        assert!(text.contains(comment), "{comment} lost");
    }
    let kept = dir.path().join("plan.toml.v1.bak");
    assert_eq!(std::fs::read(&kept).unwrap(), original);
    // Upgraded text reads back as the same workbook, and a second open changes nothing.
    drop(session);
    let (_again, reloaded) = Session::open(&path).unwrap();
    assert!(reloaded.upgrade.is_none(), "upgraded once");
    assert_eq!(&reloaded.workbook, wb);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_app_says_once_that_it_upgraded_and_resumes_where_format_1_left_off() {
    let sandbox = Sandbox::new();
    let path = v1_copy(sandbox.dir.path());
    let mut pb = sandbox.start(&[path.to_str().unwrap(), "--today", "2027-02-10"]);
    pb.wait_for("Upgraded to format 2; original in plan.toml.v1.bak");
    // The resume position of the old file: the Maturity screen.
    pb.wait_for("Data collection");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let mut pb = sandbox.start(&[path.to_str().unwrap(), "--today", "2027-02-10"]);
    let screen = pb.wait_for("Data collection");
    assert!(!screen.contains("Upgraded"), "said once: {screen}");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

#[test]
fn opening_and_quitting_leaves_the_workbook_byte_identical() {
    let sandbox = Sandbox::new();
    // A first run creates the workbook; later looks must not change it.
    let mut pb = sandbox.start(&["--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let path = sandbox.default_workbook();
    let before = std::fs::read(&path).unwrap();

    let mut pb = sandbox.start(&["--today", "2027-02-10"]);
    pb.wait_for("Session setup");
    pb.send(keys::TAB);
    pb.send(keys::DOWN);
    pb.wait_for("Technical readiness");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a look changed the file"
    );
    assert!(
        !sandbox
            .dir
            .path()
            .join("data/planbook/workbook.toml.bak")
            .exists(),
        "nothing was saved, so nothing was backed up"
    );

    // Where the user was is still remembered, outside the workbook.
    let mut pb = sandbox.start(&["--today", "2027-02-10"]);
    pb.wait_for("Technical readiness");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

#[test]
fn a_tick_in_the_app_changes_only_the_tick_in_a_hand_edited_file() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("team.toml");
    let mut pb = sandbox.start(&[path.to_str().unwrap()]);
    pb.wait_for("Session setup");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    // The team edits the file by hand: comments, an inline array, single quotes.
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replacen(
            "[plan]",
            "# reviewed with the team on 2026-12-12\n[plan]",
            1,
        )
        .replacen("team = \"\"", "team = 'Platform Ops' # our name", 1)
        .replacen(
            "[[readiness.items]]",
            "# the first thing we check\n[[readiness.items]]",
            1,
        );
    std::fs::write(&path, &text).unwrap();

    let mut pb = sandbox.start(&[path.to_str().unwrap()]);
    pb.wait_for("Platform Ops");
    pb.send(keys::TAB);
    pb.wait_for("Technical readiness");
    pb.send(" ");
    pb.wait_for("Readiness 1/15");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    let after = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = text
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(text.lines().count(), after.lines().count(), "{after}");
    assert_eq!(
        changed,
        [("done = false", "done = true")],
        "only the tick changed"
    );
}

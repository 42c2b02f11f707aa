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
    assert_eq!(wb.format, planbook::model::FORMAT);
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

    // On disk: the current format, no resume, every comment; the original beside it, unchanged.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("format = 4"), "{text}");
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
    pb.wait_for("Upgraded to format 4; original in plan.toml.v1.bak");
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

/// A string field of a v1 table: `""` where it is absent.
fn text_of<'a>(t: &'a toml::Value, key: &str) -> &'a str {
    t.get(key).and_then(toml::Value::as_str).unwrap_or("")
}

/// A date as a format 1 file writes it: text, `""` when unset.
fn date_text(d: Option<jiff::civil::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn every_format_1_fixture_keeps_every_answer_field_by_field() {
    // One written by hand from the format 1 template, one saved by planbook 0.1 (the
    // landed 93b1a2f) after a session in a terminal: setup, ticks and notes, values,
    // answers and notes, a ticked milestone with an owner, an added one, a snapshot.
    for name in ["filled.toml", "written-by-planbook.toml"] {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/v1")
            .join(name);
        let path = dir.path().join("plan.toml");
        std::fs::copy(&from, &path).unwrap();
        let original = std::fs::read_to_string(&path).unwrap();
        let v1: toml::Table = toml::from_str(&original).unwrap();
        let (session, loaded) = Session::open(&path).unwrap();
        drop(session);
        assert_eq!(loaded.upgrade.as_ref().map(|u| u.from), Some(1), "{name}");
        // Read back from disk: what was written is what counts.
        let wb = planbook::store::load(&path).unwrap().workbook;
        assert_eq!(wb.format, planbook::model::FORMAT);
        let plan = &v1["plan"];
        assert_eq!(wb.plan.team, text_of(plan, "team"), "{name}");
        assert_eq!(wb.plan.lead, text_of(plan, "lead"), "{name}");
        assert_eq!(
            wb.plan.org_size.label(),
            text_of(plan, "org_size"),
            "{name}"
        );
        assert_eq!(
            wb.plan
                .start_month
                .map(|m| m.to_string())
                .unwrap_or_default(),
            text_of(plan, "start_month")
        );
        let items = wb.readiness.iter().flat_map(|c| &c.items);
        let mut n = 0;
        for (item, old) in items.zip(nested(&v1, "readiness", "items")) {
            assert_eq!(item.id, text_of(old, "id"));
            assert_eq!(
                item.done,
                old["done"].as_bool().unwrap(),
                "{name} {}",
                item.id
            );
            assert_eq!(item.note, text_of(old, "note"), "{name} {}", item.id);
            n += 1;
        }
        assert_eq!(n, 15, "{name}");
        for ((_, m), old) in wb.metrics().zip(nested(&v1, "baseline", "metrics")) {
            assert_eq!(m.id, text_of(old, "id"));
            // The value last recorded is the latest; where snapshots show it was
            // re-measured, the baseline is what the first snapshot recorded.
            assert_eq!(m.latest().value, text_of(old, "value"), "{name} {}", m.id);
            assert_eq!(m.source, text_of(old, "source"), "{name} {}", m.id);
            if m.measurements.is_empty() {
                assert_eq!(
                    date_text(m.measured_on),
                    text_of(old, "measured_on"),
                    "{name} {}",
                    m.id
                );
            }
            assert_eq!(
                m.latest().normalized.is_some(),
                old.get("normalized").is_some(),
                "{name} {}",
                m.id
            );
        }
        for (q, old) in
            wb.maturity
                .iter()
                .flat_map(|d| &d.questions)
                .zip(nested(&v1, "maturity", "questions"))
        {
            let answer = match q.answer {
                Answer::Unanswered => "",
                Answer::Yes => "yes",
                Answer::No => "no",
                Answer::NotApplicable => "na",
            };
            assert_eq!(answer, text_of(old, "answer"), "{name} {}", q.id);
            assert_eq!(q.note, text_of(old, "note"), "{name} {}", q.id);
        }
        roadmap_and_snapshots_match(name, &wb, &v1);
        assert!(
            wb.readiness_progress().done >= 3,
            "{name}: a filled fixture"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("plan.toml.v1.bak")).unwrap(),
            original,
            "{name}: the original is kept"
        );
    }
}

/// The roadmap's milestones and ticked activities, and the snapshots, as format 1
/// had them.
fn roadmap_and_snapshots_match(name: &str, wb: &planbook::model::Workbook, v1: &toml::Table) {
    let old_milestones = v1["roadmap"]["milestones"].as_array().unwrap();
    assert_eq!(wb.roadmap.milestones.len(), old_milestones.len(), "{name}");
    for (m, old) in wb.roadmap.milestones.iter().zip(old_milestones) {
        assert_eq!(
            (m.id.as_str(), m.text.as_str()),
            (text_of(old, "id"), text_of(old, "text"))
        );
        assert_eq!(m.owner, text_of(old, "owner"), "{name} {}", m.id);
        assert_eq!(date_text(m.due), text_of(old, "due"), "{name} {}", m.id);
        assert_eq!(
            date_text(m.done_on),
            text_of(old, "done_on"),
            "{name} {}",
            m.id
        );
    }
    let ticked = |t: &toml::Value| {
        t["tracks"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["activities"].as_array().unwrap())
            .filter(|a| a["done"].as_bool() == Some(true))
            .count()
    };
    let done_now = wb
        .roadmap
        .tracks
        .iter()
        .flat_map(|t| &t.activities)
        .filter(|a| a.done)
        .count();
    assert_eq!(done_now, ticked(&v1["roadmap"]), "{name}");
    let old_snapshots = v1.get("snapshots").and_then(toml::Value::as_array);
    assert_eq!(
        wb.snapshots.len(),
        old_snapshots.map_or(0, Vec::len),
        "{name}"
    );
    for (s, old) in wb.snapshots.iter().zip(old_snapshots.into_iter().flatten()) {
        assert_eq!(s.taken_on.to_string(), text_of(old, "taken_on"));
        assert_eq!(s.label, text_of(old, "label"));
    }
}

/// Opens the filled fixture of format `from` (`tests/fixtures/vN/filled.toml`, a copy)
/// as a session would: it is upgraded, the original is kept beside it as it was, and
/// the team's comments stay. The original's text and the workbook now.
fn upgraded(from: u32) -> (String, planbook::model::Workbook) {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{from}/filled.toml"));
    let path = dir.path().join("plan.toml");
    std::fs::copy(&fixture, &path).unwrap();
    let original = std::fs::read_to_string(&path).unwrap();
    let (session, loaded) = Session::open(&path).unwrap();
    drop(session);
    assert_eq!(loaded.upgrade.as_ref().map(|u| u.from), Some(from));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(format!("plan.toml.v{from}.bak"))).unwrap(),
        original,
        "the original is kept as it was"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# reviewed with the team on 2027-01-15"));
    let wb = planbook::store::load(&path).unwrap().workbook;
    assert_eq!(wb.format, planbook::model::FORMAT);
    (original, wb)
}

/// A format 2 workbook, written by planbook's format 2 code after three months (a
/// metric re-measured over its baseline twice, two snapshots), opens in the current format with
/// each metric's history rebuilt from the snapshots and nothing else changed.
#[test]
fn a_format_2_workbook_gets_its_metric_history_back() {
    let (original, wb) = upgraded(2);
    let metric = |id: &str| wb.metrics().find(|(_, m)| m.id == id).unwrap().1.clone();

    // MTTR: 90 at the first snapshot, 60 at the second, 45 typed since.
    let mttr = metric("mttr");
    assert_eq!(mttr.baseline().number(), Some(90.0));
    assert_eq!(
        mttr.measured_on,
        "2027-01-12".parse().ok(),
        "first measured"
    );
    assert_eq!(mttr.source, "PagerDuty export");
    let values: Vec<_> = mttr.series().map(|r| r.number()).collect();
    assert_eq!(values, [Some(90.0), Some(60.0), Some(45.0)]);
    assert_eq!(
        mttr.measurements[0].measured_on,
        "2027-02-15".parse().unwrap()
    );
    assert_eq!(mttr.latest().value, "45m", "as the team typed it");
    assert_eq!(mttr.since_previous(), Some((60.0, 45.0)));

    // MTTD: 20, then 15 at the second snapshot and still 15.
    let detect = metric("mttd");
    let values: Vec<_> = detect.series().map(|r| r.number()).collect();
    assert_eq!(values, [Some(20.0), Some(15.0)]);
    assert_eq!(detect.latest().value, "15m");

    // Never re-measured: the value is the baseline, exactly as it was.
    let incidents = metric("incident-frequency-severity");
    assert!(incidents.measurements.is_empty());
    assert_eq!(incidents.value, "sev1 2, sev2 5, sev3 12");
    let docs = metric("documentation-coverage");
    assert_eq!(docs.value, "patchy, mostly in heads");

    // Everything else as it was.
    let v2: toml::Table = toml::from_str(&original).unwrap();
    assert_eq!(
        wb.snapshots.len(),
        v2["snapshots"].as_array().unwrap().len()
    );
    let done = wb
        .readiness
        .iter()
        .flat_map(|c| &c.items)
        .filter(|i| i.done)
        .count();
    let done_v2 = nested(&v2, "readiness", "items")
        .filter(|i| i["done"].as_bool() == Some(true))
        .count();
    assert_eq!(done, done_v2);
    let answers: Vec<_> = wb
        .maturity
        .iter()
        .flat_map(|d| &d.questions)
        .map(|q| q.answer)
        .collect();
    assert_eq!(answers.iter().filter(|a| **a == Answer::Yes).count(), 8);
    assert_eq!(wb.roadmap.milestones[0].done_on, "2027-01-28".parse().ok());
    assert_eq!(wb.roadmap.milestones[2].owner, "Sam");
}

/// A format 3 workbook, written by planbook's format 3 code after four months (three
/// snapshots, a team target on MTTR, comments), opens as format 4: the framework
/// content new in format 4 joins it, and nothing of the team's changes.
#[test]
fn a_format_3_workbook_gains_the_framework_content_and_keeps_everything() {
    let (original, wb) = upgraded(3);
    let old: planbook::model::Workbook = toml::from_str(&original).unwrap();
    assert_eq!(old.format, 3);

    // New: the phase 1 exit check, the seven KPI metrics, the challenges register.
    let exit = wb.readiness.iter().find(|c| c.exit_check).unwrap();
    assert_eq!(exit.items.len(), 8);
    assert!(exit.items.iter().all(|i| !i.done));
    let kpis = wb
        .baseline
        .iter()
        .find(|g| g.id == "framework-kpis")
        .unwrap();
    assert_eq!(kpis.metrics.len(), 7);
    assert_eq!(wb.challenges.len(), 8);
    assert!(wb.challenges.iter().all(|c| !c.faced));
    // The way a metric improves, where its target does not say.
    let uptime = wb.metrics().find(|(_, m)| m.id == "uptime").unwrap().1;
    assert_eq!(uptime.better, Some(planbook::model::Better::Higher));

    // Everything the team had, as it was.
    let team = |wb: &planbook::model::Workbook| {
        (
            wb.plan.clone(),
            wb.readiness
                .iter()
                .filter(|c| !c.exit_check)
                .cloned()
                .collect::<Vec<_>>(),
            wb.maturity.clone(),
            wb.roadmap.clone(),
            wb.snapshots.clone(),
            wb.health.clone(),
        )
    };
    assert_eq!(team(&wb), team(&old));
    for (_, before) in old.metrics() {
        let (_, now) = wb.metrics().find(|(_, m)| m.id == before.id).unwrap();
        let mut now = now.clone();
        now.better = before.better;
        assert_eq!(&now, before, "{}", before.id);
    }
    let mttr = wb.metrics().find(|(_, m)| m.id == "mttr").unwrap().1;
    assert_eq!(mttr.target, "< 20 minutes", "the team's target stays");
    assert_eq!(mttr.seed_target, "at most 30 min");
}

//! `planbook diff`: what changed between two workbooks, a workbook and its version
//! at a git revision, or two snapshots, in plain words grouped by screen.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use planbook::diff::{Section, workbooks};
use planbook::model::{Answer, Workbook};

fn lines<'a>(sections: &'a [Section], screen: &str) -> Vec<&'a str> {
    sections
        .iter()
        .find(|s| s.screen == screen)
        .map(|s| s.lines.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

fn day(s: &str) -> jiff::civil::Date {
    s.parse().unwrap()
}

/// A workbook a month into its plan, and the same a month later with one change of
/// each kind.
fn before_and_after() -> (Workbook, Workbook) {
    let mut old = Workbook::template();
    old.plan.team = "Platform Ops".into();
    old.plan.start_month = "2027-01".parse().ok();
    old.metric_mut("mttr")
        .unwrap()
        .record("90m", day("2027-01-12"), false)
        .unwrap();
    old.readiness[0].items[1].done = true;
    old.take_snapshot("Kickoff", day("2027-01-15"));
    let mut new = old.clone();
    new.readiness[0].items[0].done = true;
    new.readiness[0].items[1].done = false;
    new.reword_readiness_item(2, "Automation tools we trust")
        .unwrap();
    new.metric_mut("mttr")
        .unwrap()
        .record("45m", day("2027-02-10"), true)
        .unwrap();
    new.metric_mut("mttd")
        .unwrap()
        .set_target("< 3 min")
        .unwrap();
    for q in &mut new.maturity[1].questions {
        q.answer = Answer::Yes;
    }
    let ms = &mut new.roadmap.milestones;
    ms[0].done_on = Some(day("2027-01-28"));
    ms[1].owner = "Sam".into();
    ms[2].due = Some(day("2027-02-15"));
    ms[3].month = 2;
    ms.remove(4);
    new.add_milestone(3, "core-processes", "Pager rota agreed");
    new.challenges[0].faced = true;
    new.take_snapshot("February", day("2027-02-20"));
    (old, new)
}

#[test]
fn each_kind_of_change_is_said_in_words_under_its_screen() {
    let (old, new) = before_and_after();
    let d = workbooks(&old, &new);
    let screens: Vec<&str> = d.iter().map(|s| s.screen).collect();
    assert_eq!(
        screens,
        [
            "Readiness",
            "Baseline",
            "Maturity",
            "Roadmap",
            "Challenges",
            "Snapshots"
        ]
    );
    let readiness = lines(&d, "Readiness");
    assert!(
        readiness.contains(&"[x] ticked: Existing monitoring and alerting systems"),
        "{readiness:?}"
    );
    assert!(readiness.contains(&"[ ] unticked: Documentation and knowledge management practices"));
    assert!(
        readiness.contains(
            &"reworded: 'Automation tools and capabilities' → 'Automation tools we trust'"
        )
    );
    let baseline = lines(&d, "Baseline");
    assert!(
        baseline.contains(&"MTTR re-measured: 1 h 30 min → 45 min (-45 min better)"),
        "{baseline:?}"
    );
    assert!(
        baseline.contains(&"MTTD target: '< 5 minutes' → '< 3 min'"),
        "{baseline:?}"
    );
    let maturity = lines(&d, "Maturity");
    assert!(
        maturity.contains(
            &"Analytics: Are threshold-based alerts configured? not answered → yes · Analytics level 0 Reactive → 4 Autonomous"
        ),
        "{maturity:?}"
    );
    assert!(maturity.contains(&"Analytics: Is anomaly detection deployed? not answered → yes"));
    let roadmap = lines(&d, "Roadmap");
    for want in [
        "[x] done: Current state fully assessed and documented (on 2027-01-28)",
        "owner of Implementation plan approved by leadership: (empty) → 'Sam'",
        "due of Team trained on framework basics: 2027-01-31 → 2027-02-15",
        "moved: Baseline metrics established from month 1 to month 2",
        "milestone removed: Initial stakeholder communications completed",
        "milestone added: Pager rota agreed (month 3, Core Processes)",
    ] {
        assert!(roadmap.contains(&want), "{want}\n{roadmap:?}");
    }
    assert_eq!(
        lines(&d, "Challenges"),
        ["[x] now faced: Resistance to Change"]
    );
    assert_eq!(
        lines(&d, "Snapshots"),
        ["snapshot taken: 'February' on 2027-02-20"]
    );
    // Nothing changed: nothing said.
    assert!(workbooks(&new, &new).is_empty());
}

/// A copy with a ticked milestone, a changed answer and a re-measured metric: exactly
/// those three changes are named.
#[test]
fn three_changes_are_three_lines() {
    let (mut old, _) = before_and_after();
    old.take_snapshot("Kickoff again", day("2027-01-16"));
    let mut new = old.clone();
    new.roadmap.milestones[0].done_on = Some(day("2027-01-28"));
    new.maturity[0].questions[0].answer = Answer::Yes;
    new.metric_mut("mttr")
        .unwrap()
        .record("45m", day("2027-02-10"), true)
        .unwrap();
    let d = workbooks(&old, &new);
    let all: Vec<&str> = d
        .iter()
        .flat_map(|s| s.lines.iter().map(String::as_str))
        .collect();
    assert_eq!(
        all,
        [
            "MTTR re-measured: 1 h 30 min → 45 min (-45 min better)",
            "Data collection: Are metrics collected from all critical systems? not answered → yes · Data collection level 0 Reactive → 1 Monitored",
            "[x] done: Current state fully assessed and documented (on 2027-01-28)",
        ]
    );
}

#[test]
#[allow(clippy::too_many_lines)] // one story: files, snapshots, git, textconv
fn the_command_compares_files_revisions_and_snapshots() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = before_and_after();
    let (a, b) = (dir.path().join("old.toml"), dir.path().join("plan.toml"));
    planbook::store::save(&a, &old).unwrap();
    planbook::store::save(&b, &new).unwrap();
    let run = |args: &[&str]| {
        let out = common::run(home.path(), args);
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, text, _) = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        text.contains("\nReadiness\n  [x] ticked: Existing monitoring"),
        "{text}"
    );
    assert!(
        text.contains("  MTTR re-measured: 1 h 30 min → 45 min (-45 min better)"),
        "{text}"
    );
    let (_, md, _) = run(&[
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert!(md.contains("## Roadmap\n"), "{md}");
    assert!(
        md.contains("- done: Current state fully assessed and documented (on 2027-01-28)"),
        "{md}"
    );

    // Two snapshots of one workbook, by label.
    let (code, text, _) = run(&[
        "diff",
        b.to_str().unwrap(),
        "--snapshots",
        "kickoff",
        "February",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("MTTR: 1 h 30 min → 45 min (-45 min better)"),
        "{text}"
    );
    assert!(text.contains("milestones done 0/30 → 1/30"), "{text}");
    let (code, _, err) = run(&[
        "diff",
        b.to_str().unwrap(),
        "--snapshots",
        "March",
        "February",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "no snapshot 'March'; the workbook has 'Kickoff' (2027-01-15), 'February' (2027-02-20)"
        ),
        "{err}"
    );

    // Outside a git repository, --since says why it cannot.
    let (code, _, err) = run(&["diff", b.to_str().unwrap(), "--since", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("is not in a git repository"), "{err}");

    // In one: the workbook against its last commit.
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args([
                "-c",
                "user.name=planbook",
                "-c",
                "user.email=planbook@example.com",
            ])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    planbook::store::save(&b, &old).unwrap();
    git(&["add", "plan.toml"]);
    git(&["commit", "-q", "-m", "January"]);
    planbook::store::save(&b, &new).unwrap();
    let (code, text, err) = run(&["diff", b.to_str().unwrap(), "--since", "HEAD"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("since HEAD"), "{text}");
    assert!(
        text.contains("[x] now faced: Resistance to Change"),
        "{text}"
    );

    // For git's textconv: one fact per line.
    let (_, facts, _) = run(&["diff", "--textconv", b.to_str().unwrap()]);
    assert!(
        facts.contains(
            "Readiness · Technical readiness · [x] Existing monitoring and alerting systems\n"
        ),
        "{facts}"
    );
    assert!(facts.contains("Roadmap · month 1 · Foundation · [x] done 2027-01-28 Current state fully assessed and documented"), "{facts}");
}

//! End-to-end: a workbook opened again unchanged is read from the parsed copy kept in
//! the state directory; one edited by hand in between is read from its text, so the
//! edit shows. The copy is never beside the workbook. A start opened again shows the
//! first frame kept for it at once, and then its own.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys};

/// The files in the state directory's cache folder whose names end in `.EXT`.
fn kept_as(sandbox: &Sandbox, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = sandbox.dir.path().join("state/planbook/cache");
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default()
}

fn kept(sandbox: &Sandbox) -> Vec<std::path::PathBuf> {
    kept_as(sandbox, "cache")
}

#[test]
fn an_unchanged_workbook_opens_from_its_parsed_copy_and_an_edited_one_from_its_text() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let mut wb = planbook::model::Workbook::template();
    wb.plan.team = "Night Ops".into();
    wb.plan.start_month = "2027-01".parse().ok();
    planbook::store::save(&path, &wb).unwrap();
    let arg = path.to_str().unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut pb = sandbox.start(&[arg, "--today", "2027-01-05"]);
    pb.wait_for("Night Ops");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let files = kept(&sandbox);
    assert_eq!(files.len(), 1, "{files:?}");
    let copy = std::fs::read_to_string(&files[0]).unwrap();
    assert!(copy.starts_with("planbook-cache "), "{copy:.80}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the workbook is untouched"
    );
    let beside: Vec<_> = std::fs::read_dir(sandbox.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("plan") || n.starts_with(".plan"))
        .filter(|n| n != ".plan.toml.lock")
        .collect();
    assert_eq!(beside, ["plan.toml"], "nothing new beside the workbook");

    // Opened again unchanged: the same workbook, from the copy. (That it is read
    // from the copy shows with a copy altered behind planbook's back.)
    let mut pb = sandbox.start(&[arg, "--today", "2027-01-05"]);
    pb.wait_for("Night Ops");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), copy);
    std::fs::write(&files[0], copy.replacen("Night Ops", "Kept Ops", 1)).unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-01-05"]);
    pb.wait_for("Kept Ops");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);

    // Edited by hand: the edit shows, and the copy follows the text.
    let text = String::from_utf8(before)
        .unwrap()
        .replacen("Night Ops", "Day Ops", 1);
    std::fs::write(&path, &text).unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-01-05"]);
    pb.wait_for("Day Ops");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let after = std::fs::read_to_string(&files[0]).unwrap();
    assert_ne!(after, copy);
    assert!(after.contains("Day Ops"));
}

#[test]
fn a_start_shows_the_first_frame_kept_for_it_then_draws_its_own() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let mut wb = planbook::model::Workbook::template();
    wb.plan.team = "Night Ops".into();
    planbook::store::save(&path, &wb).unwrap();
    let arg = path.to_str().unwrap();
    let args = [arg, "--today", "2027-01-05"];

    // A first start keeps its first frame; quitting keeps the one the next start
    // will draw (here the same: nothing changed).
    let mut pb = sandbox.start(&args);
    pb.wait_for("Night Ops");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let frames = kept_as(&sandbox, "frame");
    assert_eq!(frames.len(), 1, "{frames:?}");
    let frame = std::fs::read_to_string(&frames[0]).unwrap();
    assert!(frame.contains("Session setup"), "{frame}");

    // That the kept frame is shown first, and the app's own frame after it, shows
    // with a frame altered behind planbook's back (the same width, so it is used).
    std::fs::write(
        &frames[0],
        frame.replacen("Session setup", "SESSION SETUP", 1),
    )
    .unwrap();
    let mut pb = sandbox.start(&args);
    pb.wait_until("the app's own frame", |s| {
        s.contains("Session setup") && !s.contains("SESSION SETUP")
    });
    assert!(
        pb.output().contains("SESSION"),
        "the kept frame was shown first"
    );
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&frames[0]).unwrap(),
        frame,
        "the app's own frame replaced the altered one"
    );

    // Moved to another screen, then quit: the next start opens there, and the frame
    // kept for it is that screen's.
    let mut pb = sandbox.start(&args);
    pb.wait_for("Session setup");
    pb.press_until(keys::TAB, "Technical readiness");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let moved = std::fs::read_to_string(&frames[0]).unwrap();
    assert!(moved.contains("Technical readiness"), "{moved}");
    let mut pb = sandbox.start(&args);
    pb.wait_for("Technical readiness");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&frames[0]).unwrap(), moved);
}

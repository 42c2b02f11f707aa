//! End-to-end: two planbooks on one workbook, saves that fail, a file changed
//! underneath, and hostile text, each in a real pseudo-terminal.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml};

#[test]
fn a_second_planbook_is_read_only_and_the_first_keeps_its_edits() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut first = sandbox.start(&[arg]);
    first.wait_for("Session setup");
    first.send(keys::ENTER);
    first.type_text("First team");
    first.send(keys::ENTER);
    first.wait_for("Setup 2/4");

    let mut second = sandbox.start(&[arg]);
    second.wait_for("! Read-only: another planbook (process");
    second.wait_for("First team");
    second.send(keys::ENTER);
    second.type_text("Second");
    second.send(keys::ENTER);
    second.wait_for("Read-only, not changed");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    second.wait_output("opened read-only");

    first.press_until("2", "Technical readiness");
    first.send(" ");
    first.wait_for("Readiness 1/15");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
    let wb = read_toml(&path);
    assert_eq!(wb["plan"]["team"].as_str(), Some("First team"));
    assert_eq!(wb["readiness"][0]["items"][0]["done"].as_bool(), Some(true));
}

#[test]
fn a_failed_save_keeps_the_edits_offers_save_as_and_warns_on_quit() {
    let sandbox = Sandbox::new();
    let folder = sandbox.dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("plan.toml");
    let mut pb = sandbox.start(&[path.to_str().unwrap()]);
    pb.wait_for("Session setup");
    // The folder disappears and a file takes its name: no save can succeed there.
    std::fs::remove_dir_all(&folder).unwrap();
    std::fs::write(&folder, "not a folder").unwrap();
    pb.send(keys::ENTER);
    pb.type_text("Night shift");
    pb.send(keys::ENTER);
    pb.wait_for("! Not saved, edits kept");
    pb.wait_for("Night shift");

    // Quitting does not lose the edits silently.
    pb.wait_for("q twice quits without saving");
    pb.wait_for("Ctrl-S retry save");
    pb.send("q");
    pb.wait_for("q again quits WITHOUT saving");
    // Save elsewhere instead.
    pb.send("\x0f"); // Ctrl-O
    pb.wait_for("Save as: [");
    pb.send("\x15"); // Ctrl-U
    let other = sandbox.dir.path().join("rescued.toml");
    pb.type_text(other.to_str().unwrap());
    pb.send(keys::ENTER);
    pb.wait_for("Saved; planbook now edits rescued.toml");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    assert_eq!(
        read_toml(&other)["plan"]["team"].as_str(),
        Some("Night shift")
    );
    assert_eq!(std::fs::read_to_string(&folder).unwrap(), "not a folder");
}

#[test]
fn a_write_that_fails_midway_leaves_the_old_file_whole() {
    // A file-size limit stands in for a full disk: the write fails partway through,
    // as it would on a full disk, with the reason shown in the app.
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    planbook::store::save(&path, &planbook::model::Workbook::template()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let script = format!(
        "trap '' XFSZ; ulimit -f 16; exec {} {}",
        env!("CARGO_BIN_EXE_planbook"),
        path.display()
    );
    let mut pb = sandbox.start_command("sh", &["-c", &script]);
    pb.wait_for("Session setup");
    pb.send(keys::ENTER);
    pb.type_text("Lost?");
    pb.send(keys::ENTER);
    pb.wait_for("! Not saved, edits kept");
    pb.wait_for("File too large");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is whole"
    );
    pb.send("q");
    pb.wait_for("q again quits WITHOUT saving");
    pb.send("q");
    assert_ne!(pb.wait_exit(), 0);
    pb.wait_output("quit without saving the last edits");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_changed_underneath_is_not_overwritten() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    planbook::store::save(&path, &planbook::model::Workbook::template()).unwrap();
    let original = std::fs::read(&path).unwrap();
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg]);
    pb.wait_for("Session setup");
    // Someone else edits the file (a git pull, another editor).
    let mut theirs = planbook::store::load(&path).unwrap().workbook;
    theirs.plan.lead = "Their lead".into();
    planbook::store::save(&path, &theirs).unwrap();

    pb.send(keys::ENTER);
    pb.type_text("Our team");
    pb.send(keys::ENTER);
    pb.wait_for("! The workbook changed on disk.");
    assert_eq!(
        read_toml(&path)["plan"]["team"].as_str(),
        Some(""),
        "not overwritten"
    );
    pb.press_until("k", "Kept yours; theirs is in");
    let wb = read_toml(&path);
    assert_eq!(wb["plan"]["team"].as_str(), Some("Our team"));
    let kept = read_toml(&sandbox.dir.path().join("plan.theirs.toml"));
    assert_eq!(kept["plan"]["lead"].as_str(), Some("Their lead"));

    // Again, and this time take theirs.
    planbook::store::save(&path, &theirs).unwrap();
    // Enter kept the team name and moved on to the lead.
    pb.send(keys::ENTER);
    pb.type_text("Our lead");
    pb.send(keys::ENTER);
    pb.wait_for("! The workbook changed on disk.");
    pb.press_until("r", "Loaded theirs; yours is in");
    pb.wait_for("lead Their lead");
    let mine = read_toml(&sandbox.dir.path().join("plan.mine.toml"));
    assert_eq!(mine["plan"]["lead"].as_str(), Some("Our lead"));
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    // The first save of the session kept the version it replaced: theirs, at the time.
    let bak = planbook::store::load(&sandbox.dir.path().join("plan.toml.bak")).unwrap();
    assert_eq!(bak.workbook.plan.lead, "Their lead");
    assert_ne!(std::fs::read(&path).unwrap(), original);
}

#[test]
fn hostile_text_in_a_workbook_is_shown_neutralized() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let mut wb = planbook::model::Workbook::template();
    wb.plan.team = "Ops\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
    planbook::store::save(&path, &wb).unwrap();
    let mut pb = sandbox.start(&[path.to_str().unwrap()]);
    pb.wait_for("Ops^[]0;pwned^G^[[2J");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
    let raw = pb.output();
    assert!(
        !raw.contains("\u{1b}]0;pwned"),
        "the title escape reached the terminal"
    );
}

#[test]
fn a_lock_left_by_a_killed_planbook_blocks_nobody() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let arg = path.to_str().unwrap();
    let mut first = sandbox.start(&[arg]);
    first.wait_for("Session setup");
    first.kill(); // SIGKILL: no chance to clean up
    assert!(
        planbook::store::lock_path(&path).exists(),
        "the lock file stays behind"
    );
    let mut second = sandbox.start(&[arg]);
    second.wait_for("Session setup");
    assert!(
        !second.screen().contains("Read-only"),
        "{}",
        second.screen()
    );
    second.send(keys::ENTER);
    second.type_text("After the crash");
    second.send(keys::ENTER);
    second.wait_for("✓ saved");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    assert_eq!(
        read_toml(&path)["plan"]["team"].as_str(),
        Some("After the crash")
    );
}

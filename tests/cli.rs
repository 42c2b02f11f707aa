//! The command line is safe to type at: a typo creates nothing, no terminal creates
//! nothing, `check` lists every problem at its line, messages never carry a file's
//! escape sequences, and leftovers of killed saves are cleaned up.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::Path;

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A new workbook from the template, made by `planbook new`, in a folder of its own.
fn new_workbook() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("plan.toml");
    assert!(
        common::run(home.path(), &["new", path.to_str().unwrap()])
            .status
            .success()
    );
    (home, path)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_mistyped_command_creates_nothing_and_suggests_the_closest() {
    let home = tempfile::tempdir().unwrap();
    for word in ["stauts", "chek"] {
        let out = common::run(home.path(), &[word]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(&format!("no workbook or command named '{word}'")));
    }
    let out = common::run(home.path(), &["chek"]);
    assert!(stderr(&out).contains("'check'"), "{}", stderr(&out));
    assert!(
        files_in(home.path()).is_empty(),
        "{:?}",
        files_in(home.path())
    );
    assert!(!home.path().join("data").exists());
}

#[test]
fn without_a_terminal_nothing_is_created_and_the_headless_commands_are_named() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("plan.toml");
    let out = common::run(home.path(), &[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("planbook report") && err.contains("planbook check"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        files_in(home.path()).is_empty(),
        "{:?}",
        files_in(home.path())
    );
}

#[test]
fn check_lists_three_problems_each_at_its_line() {
    let (home, path) = new_workbook();
    let text = std::fs::read_to_string(&path).unwrap();
    let first_id = text
        .lines()
        .find_map(|l| l.strip_prefix("id = \"m2-"))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let second_id = text
        .lines()
        .filter_map(|l| l.strip_prefix("id = \"m2-"))
        .nth(1)
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let bad = text
        .replacen("org_size = \"medium\"", "org_size = \"huge\"", 1)
        .replacen("track = \"foundation\"", "track = \"secops\"", 1)
        .replacen(
            &format!("id = \"m2-{second_id}\""),
            &format!("id = \"m2-{first_id}\""),
            1,
        );
    std::fs::write(&path, &bad).unwrap();
    let line_of = |needle: &str, nth: usize| {
        bad.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth)
            .unwrap()
            .0
            + 1
    };
    let out = common::run(home.path(), &["check", path.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("3 problems found"), "{err}");
    let name = path.display().to_string();
    for (line, says) in [
        (line_of("org_size = \"huge\"", 0), "unknown variant `huge`"),
        (line_of("track = \"secops\"", 0), "names track 'secops'"),
        (
            line_of(&format!("id = \"m2-{first_id}\""), 1),
            "is used twice",
        ),
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("{name}:{line}:")) && l.contains(says)),
            "'{says}' at line {line}: {err}"
        );
    }
}

#[test]
fn the_large_demo_passes_check() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("large.toml");
    let out = common::run(
        home.path(),
        &["new", "--demo-large", path.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = common::run(home.path(), &["check", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{text}", stderr(&out));
    assert!(text.contains("ok, a valid workbook (0 warnings)"), "{text}");
}

#[test]
fn a_hostile_workbook_never_reaches_the_terminal_raw() {
    let (home, path) = new_workbook();
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "org_size = \"medium\"",
        "org_size = \"medium\\u001b]0;PWNED\\u0007\"",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    for args in [
        vec![path.to_str().unwrap()],
        vec!["check", path.to_str().unwrap()],
    ] {
        let out = common::run(home.path(), &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("unknown variant"), "{err}");
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{7}'),
            "raw escape in {err:?}"
        );
        assert!(err.contains("^[]0;PWNED^G"), "{err}");
    }
}

#[test]
fn leftovers_of_killed_saves_are_removed_by_the_next_writer() {
    let (home, path) = new_workbook();
    for name in [
        ".plan.toml.Ab12Cd",
        ".plan.toml.bak.Zz99zz",
        ".plan.toml.notes",
    ] {
        let file = home.path().join(name);
        std::fs::write(&file, "half a save").unwrap();
        // Killed a minute ago: older than the lock the next writer takes.
        let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(minute_ago)
            .unwrap();
    }
    let out = common::run(
        home.path(),
        &["snapshot", path.to_str().unwrap(), "--label", "x"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let left = files_in(home.path());
    assert!(
        !left
            .iter()
            .any(|n| n == ".plan.toml.Ab12Cd" || n == ".plan.toml.bak.Zz99zz"),
        "{left:?}"
    );
    assert!(
        left.iter().any(|n| n == ".plan.toml.notes"),
        "not ours, so kept: {left:?}"
    );
}

#[test]
fn headless_commands_say_when_a_format_1_workbook_is_or_will_be_upgraded() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("plan.toml");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/filled.toml");
    std::fs::copy(&fixture, &path).unwrap();
    let out = common::run(home.path(), &["check", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("written in format 1"), "{text}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&fixture).unwrap(),
        "check writes nothing"
    );
    let out = common::run(
        home.path(),
        &["snapshot", path.to_str().unwrap(), "--label", "March"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("upgraded from format 1 to 4"), "{text}");
    assert!(text.contains("plan.toml.v1.bak"), "{text}");
}

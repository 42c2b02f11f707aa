//! The corpus of bad workbooks in `tests/fixtures/bad/`: each one is refused with
//! file, line and column, exit status 2, and left byte-for-byte as it was; `check`
//! lists every problem. Unknown keys are the exception: a warning, and kept on save.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::{Path, PathBuf};

/// A copy of a fixture in a scratch folder, so nothing is ever written beside the
/// corpus itself.
fn copy(dir: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad")
        .join(name);
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    to
}

/// What the error for each fixture must say, besides its place.
const EXPECTED: &[(&str, &str)] = &[
    ("binary-garbage.bin", "UTF-8"),
    ("deeply-nested.toml", "recursion"),
    ("duplicate-ids.toml", "used twice"),
    ("empty.toml", "missing `format = 4`"),
    ("future-format.toml", "newer than this planbook"),
    ("invalid-toml.toml", "invalid"),
    ("invalid-utf8.toml", "UTF-8"),
    ("missing-sections.toml", "roadmap"),
    ("out-of-range.toml", "months run from 1 to 6"),
    ("wrong-types.toml", "bool"),
];

fn has_place(text: &str, file: &str) -> bool {
    text.match_indices(&format!("{file}:")).any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let col = parts.next().unwrap_or("");
        !line.is_empty()
            && line.chars().all(|c| c.is_ascii_digit())
            && !col.is_empty()
            && col.chars().all(|c| c.is_ascii_digit())
    })
}

#[test]
fn every_bad_workbook_is_refused_clearly_and_left_untouched() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "unknown-keys.toml")
        .collect();
    names.sort();
    let expected: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, expected, "every fixture has an expectation");

    let home = tempfile::tempdir().unwrap();
    for (name, says) in EXPECTED {
        let path = copy(home.path(), name);
        let before = std::fs::read(&path).unwrap();
        for args in [
            vec![path.to_str().unwrap()],
            vec!["check", path.to_str().unwrap()],
        ] {
            let out = common::run(home.path(), &args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {err}");
            assert!(has_place(&err, name), "{name}: no file:line:col in {err}");
            assert!(err.contains(says), "{name}: expected '{says}' in {err}");
            assert!(!err.contains("panicked"), "{name}: {err}");
            assert_eq!(std::fs::read(&path).unwrap(), before, "{name} was changed");
        }
    }
    // Nothing was left beside the files: no lock, no backup, no temporary file.
    let mut left: Vec<String> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, expected);
}

#[test]
fn check_lists_every_problem_not_just_the_first() {
    let home = tempfile::tempdir().unwrap();
    let path = copy(home.path(), "out-of-range.toml");
    let out = common::run(home.path(), &["check", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("4 problems found"), "{err}");
    for says in [
        "start_month",
        "levels [0, 5]",
        "month 9",
        "normalized = 150",
    ] {
        assert!(err.contains(says), "expected '{says}' in {err}");
    }
    let path = copy(home.path(), "duplicate-ids.toml");
    let out = common::run(home.path(), &["check", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 problems found"), "{err}");
}

#[test]
fn a_twenty_megabyte_file_is_refused_without_reading_it_all() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("huge.toml");
    let mut text = String::from("format = 1\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(&path, &text).unwrap();
    let out = common::run(home.path(), &[path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("huge.toml:1:1:") && err.contains("at most 8 MB"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(&path).unwrap().len(), text.len() as u64);
}

#[test]
fn unknown_keys_are_a_warning_and_survive_a_save() {
    let home = tempfile::tempdir().unwrap();
    let path = copy(home.path(), "unknown-keys.toml");
    let out = common::run(home.path(), &["check", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("unknown key `plan.colour`"), "{text}");
    // A format 1 workbook's `[resume]` is read to be moved, not an unknown key.
    assert!(!text.contains("resume"), "{text}");
    assert!(
        text.contains("unknown key `roadmap.milestones.m1-current-state-assessed.priority`"),
        "{text}"
    );
    assert!(text.contains("2 warnings"), "{text}");
    assert!(has_place(&text, "unknown-keys.toml"), "{text}");

    // A save through planbook keeps them.
    let out = common::run(
        home.path(),
        &["snapshot", path.to_str().unwrap(), "--label", "x"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("colour = \"teal\"") && saved.contains("priority = 3"));
}

//! Loading, validating and atomically saving workbook files.

use std::collections::HashSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{FORMAT, Workbook};

/// The comment every saved workbook starts with.
pub const HEADER: &str = "\
# planbook workbook: one team's plan for adopting the operations framework over six months.
# The framework content and the team's answers live together in this file; it is plain
# TOML, safe to read, diff and keep in git. planbook rewrites it on every change.
";

/// Why a workbook could not be opened.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug)]
pub enum LoadErrorKind {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is not UTF-8 text.
    NotText { line: usize, column: usize },
    /// Not TOML, or not the shape of a workbook.
    Parse {
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer planbook.
    FutureFormat { found: i64 },
    /// Parsed, but the content breaks the workbook's rules.
    Invalid(Vec<String>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            LoadErrorKind::Io(e) => write!(f, "{path}: cannot read the workbook: {e}"),
            LoadErrorKind::NotText { line, column } => write!(
                f,
                "{path}:{line}:{column}: not a text file: a workbook is UTF-8 TOML text"
            ),
            LoadErrorKind::Parse {
                line,
                column,
                message,
            } => write!(f, "{path}:{line}:{column}: {message}"),
            LoadErrorKind::FutureFormat { found } => write!(
                f,
                "{path}: the workbook has format = {found}, newer than this planbook \
                 understands (format = {FORMAT}); update planbook to open it"
            ),
            LoadErrorKind::Invalid(problems) => {
                write!(f, "{path}: the workbook is not valid:")?;
                for p in problems {
                    write!(f, "\n  - {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// 1-based line and column of a byte offset in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

fn parse_error(text: &str, e: &toml::de::Error) -> LoadErrorKind {
    let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    let message = e.message().trim().to_string();
    LoadErrorKind::Parse {
        line,
        column,
        message: if message.is_empty() {
            "not a valid workbook".to_string()
        } else {
            message
        },
    }
}

/// Parses workbook text. `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Workbook, LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    // First as plain TOML, so the format can be checked before the shape.
    let table: toml::Table = toml::from_str(text).map_err(|e| err(parse_error(text, &e)))?;
    match table.get("format") {
        None => {
            return Err(err(LoadErrorKind::Parse {
                line: 1,
                column: 1,
                message: format!(
                    "missing `format = {FORMAT}` at the top: this does not look like a planbook workbook"
                ),
            }));
        }
        Some(toml::Value::Integer(n)) if *n > i64::from(FORMAT) => {
            return Err(err(LoadErrorKind::FutureFormat { found: *n }));
        }
        Some(toml::Value::Integer(n)) if *n >= 1 => {}
        Some(other) => {
            let at = text.find("format").unwrap_or(0);
            let (line, column) = line_col(text, at);
            return Err(err(LoadErrorKind::Parse {
                line,
                column,
                message: format!(
                    "`format` must be a whole number from 1 to {FORMAT}, found {other}"
                ),
            }));
        }
    }
    let wb: Workbook = toml::from_str(text).map_err(|e| err(parse_error(text, &e)))?;
    let problems = validate(&wb);
    if problems.is_empty() {
        Ok(wb)
    } else {
        Err(err(LoadErrorKind::Invalid(problems)))
    }
}

/// Reads and parses a workbook file.
pub fn load(path: &Path) -> Result<Workbook, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        kind: LoadErrorKind::Io(e),
    })?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let (line, column) = line_col(valid, valid.len());
            return Err(LoadError {
                path: path.to_path_buf(),
                kind: LoadErrorKind::NotText { line, column },
            });
        }
    };
    parse(path, text)
}

fn check_unique<'a>(
    problems: &mut Vec<String>,
    what: &str,
    ids: impl IntoIterator<Item = &'a str>,
) {
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            problems.push(format!("a {what} has an empty id"));
        } else if !seen.insert(id) {
            problems.push(format!(
                "{what} id '{id}' is used twice; ids must be unique"
            ));
        }
    }
}

/// Every rule a parsed workbook breaks, in file order.
pub fn validate(wb: &Workbook) -> Vec<String> {
    let mut problems = Vec::new();
    if !wb.plan.start_month.trim().is_empty()
        && let Err(e) = wb.plan.start_month.parse::<crate::model::PlanMonth>()
    {
        problems.push(format!("plan.start_month: {e}"));
    }
    check_unique(
        &mut problems,
        "readiness category",
        wb.readiness.iter().map(|c| c.id.as_str()),
    );
    check_unique(
        &mut problems,
        "readiness item",
        wb.readiness
            .iter()
            .flat_map(|c| c.items.iter().map(|i| i.id.as_str())),
    );
    check_unique(
        &mut problems,
        "metric group",
        wb.baseline.iter().map(|g| g.id.as_str()),
    );
    check_unique(
        &mut problems,
        "metric",
        wb.metrics().map(|(_, m)| m.id.as_str()),
    );
    check_unique(
        &mut problems,
        "maturity dimension",
        wb.maturity.iter().map(|d| d.id.as_str()),
    );
    for d in &wb.maturity {
        check_unique(
            &mut problems,
            &format!("question in '{}'", d.id),
            d.questions.iter().map(|q| q.id.as_str()),
        );
        for q in &d.questions {
            if q.levels.iter().any(|l| !(1..=4).contains(l)) {
                problems.push(format!(
                    "question '{}' in '{}': levels run from 1 to 4, found {:?}",
                    q.id, d.id, q.levels
                ));
            }
        }
    }
    check_unique(
        &mut problems,
        "phase",
        wb.phases.iter().map(|p| p.id.as_str()),
    );
    let months = wb.roadmap.months;
    if !(1..=60).contains(&months) {
        problems.push(format!(
            "roadmap.months is {months}; a plan runs 1 to 60 months"
        ));
    }
    check_unique(
        &mut problems,
        "track",
        wb.roadmap.tracks.iter().map(|t| t.id.as_str()),
    );
    check_unique(
        &mut problems,
        "activity",
        wb.roadmap
            .tracks
            .iter()
            .flat_map(|t| t.activities.iter().map(|a| a.id.as_str())),
    );
    check_unique(
        &mut problems,
        "milestone",
        wb.roadmap.milestones.iter().map(|m| m.id.as_str()),
    );
    for t in &wb.roadmap.tracks {
        for a in &t.activities {
            if !(1..=months).contains(&a.month) {
                problems.push(format!(
                    "activity '{}' of track '{}' is in month {}; months run from 1 to {months}",
                    a.id, t.id, a.month
                ));
            }
        }
    }
    for m in &wb.roadmap.milestones {
        if !(1..=months).contains(&m.month) {
            problems.push(format!(
                "milestone '{}' is in month {}; months run from 1 to {months}",
                m.id, m.month
            ));
        }
    }
    check_unique(&mut problems, "KPI", wb.kpis.iter().map(|k| k.id.as_str()));
    problems
}

/// The text of a workbook file: the header comment, then the TOML.
pub fn to_text(wb: &Workbook) -> Result<String, toml::ser::Error> {
    Ok(format!("{HEADER}{}", toml::to_string_pretty(wb)?))
}

/// Why a save failed.
#[derive(Debug)]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not save {}: {}",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for SaveError {}

/// Saves atomically: a temporary file in the same folder, synced, then renamed over
/// the workbook, so a crash leaves the old file or the new one, never a torn one.
pub fn save(path: &Path, wb: &Workbook) -> Result<(), SaveError> {
    let text = to_text(wb).map_err(|e| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes())
}

/// Writes `bytes` to `path` atomically (temporary file, sync, rename), creating the
/// folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |e: std::io::Error| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.commit().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn template_round_trips() {
        let wb = Workbook::template();
        let text = to_text(&wb).unwrap();
        assert!(text.starts_with("# planbook workbook"));
        let back = parse(Path::new("t.toml"), &text).unwrap();
        assert_eq!(back, wb);
        // Deterministic: the same workbook always gives the same text.
        assert_eq!(to_text(&back).unwrap(), text);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let text = "format = 1\n[plan\nteam = 'x'\n";
        let e = parse(Path::new("w.toml"), text).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("w.toml:2:"), "{msg}");
    }

    #[test]
    fn wrong_shape_names_line_and_column() {
        let mut text = to_text(&Workbook::template()).unwrap();
        text = text.replacen("done = false", "done = \"maybe\"", 1);
        let e = parse(Path::new("w.toml"), &text).unwrap_err();
        let msg = e.to_string();
        let line = text.lines().position(|l| l.contains("\"maybe\"")).unwrap() + 1;
        assert!(msg.starts_with(&format!("w.toml:{line}:")), "{msg}");
        assert!(msg.contains("bool") || msg.contains("boolean"), "{msg}");
    }

    #[test]
    fn future_format_is_refused() {
        let text = to_text(&Workbook::template())
            .unwrap()
            .replacen("format = 1", "format = 7", 1);
        let msg = parse(Path::new("w.toml"), &text).unwrap_err().to_string();
        assert!(msg.contains("format = 7") && msg.contains("newer"), "{msg}");
    }

    #[test]
    fn missing_format_is_refused() {
        let msg = parse(Path::new("w.toml"), "team = 'x'\n")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("format = 1"), "{msg}");
    }

    #[test]
    fn duplicate_ids_are_listed() {
        let mut wb = Workbook::template();
        let id = wb.roadmap.milestones[0].id.clone();
        wb.roadmap.milestones[1].id.clone_from(&id);
        wb.plan.start_month = "2027-13".into();
        let problems = validate(&wb);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[1].contains(&id));
    }

    #[test]
    fn save_then_load_and_no_temp_files_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/plan.toml");
        let mut wb = Workbook::template();
        wb.plan.team = "Platform \"Ops\"\nnight shift".into();
        save(&path, &wb).unwrap();
        assert_eq!(load(&path).unwrap(), wb);
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("plan.toml")]);
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, b"format = 1\nteam = \"\xff\"\n").unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(msg.contains(":2:9:") && msg.contains("UTF-8"), "{msg}");
    }
}

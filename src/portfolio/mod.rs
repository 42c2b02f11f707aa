//! Many teams at once: `planbook rollup` reads every team's workbook (files, folders
//! searched recursively, globs), one at a time on each core, and keeps of each only
//! its row and what the organisation-wide picture needs (the most common maturity
//! gaps, the most overdue milestones), so memory stays that of the largest workbook
//! plus a small row per team. Workbooks are read, never written or locked.

pub mod render;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use jiff::civil::Date;

use crate::model::maturity::assess;
use crate::model::measure::{TargetStatus, target_status};
use crate::model::readiness::overall_percent;
use crate::model::{PlanMonth, Workbook};

/// How many of the most overdue milestones the portfolio keeps.
pub const TOP_OVERDUE: usize = 10;

/// One team's standing, as the rollup lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub path: PathBuf,
    pub team: String,
    pub lead: String,
    pub start: Option<PlanMonth>,
    /// The plan month today falls in, if the plan runs today.
    pub month: Option<u32>,
    /// Today is before the plan's first month.
    pub before_start: bool,
    pub months: u32,
    pub readiness: u32,
    pub maturity: f64,
    /// The level of each dimension, in the order of `Portfolio::dimensions`.
    pub levels: Vec<Option<u8>>,
    pub phase: u8,
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
    /// Metrics meeting their target, out of those measured against one.
    pub meeting: usize,
    pub judged: usize,
    pub last_snapshot: Option<Date>,
    /// Readiness went down since the last snapshot.
    pub readiness_down: bool,
    /// The maturity average went down since the last snapshot.
    pub maturity_down: bool,
}

/// A workbook that could not be read, with why (its place as `file:line:col`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: PathBuf,
    pub error: String,
}

/// An overdue milestone of some team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateMilestone {
    pub days_late: i64,
    pub team: String,
    pub text: String,
    pub owner: String,
    pub due: Option<Date>,
}

/// Every team's row and the organisation's picture.
#[derive(Debug, Default)]
pub struct Portfolio {
    /// Dimension titles, by id, in the order of the first workbook that has them.
    pub dimensions: Vec<(String, String)>,
    pub teams: Vec<TeamRow>,
    pub failures: Vec<Failure>,
    /// TOML files that are not planbook workbooks, skipped.
    pub skipped: usize,
    /// Each maturity gap (dimension title, question) and how many teams have it.
    pub gaps: HashMap<(String, String), usize>,
    /// The most overdue milestones across teams, most late first.
    pub overdue: Vec<LateMilestone>,
}

/// How the teams are sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::EnumString, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum SortBy {
    /// Most overdue milestones first.
    #[default]
    Overdue,
    Team,
    Readiness,
    Maturity,
    Month,
    Done,
    Metrics,
    Snapshot,
}

/// The paths the arguments name: files as they are, folders searched recursively for
/// `.toml` files (hidden folders skipped), and glob patterns expanded. Sorted, with
/// duplicates removed. A path that does not exist is a failure of its own.
pub fn find(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut found = Vec::new();
    let mut failures = Vec::new();
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.is_dir() {
            walk(arg, &mut found, &mut failures);
        } else if arg.exists() {
            found.push(arg.clone());
        } else if text.contains(['*', '?', '[']) {
            match glob::glob(&text) {
                Ok(paths) => {
                    for p in paths.flatten() {
                        if p.is_dir() {
                            walk(&p, &mut found, &mut failures);
                        } else {
                            found.push(p);
                        }
                    }
                }
                Err(e) => failures.push(Failure {
                    path: arg.clone(),
                    error: format!("{text}: not a pattern: {e}"),
                }),
            }
        } else {
            failures.push(Failure {
                path: arg.clone(),
                error: format!("{text}: no such file or folder"),
            });
        }
    }
    found.sort();
    found.dedup();
    (found, failures)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failures.push(Failure {
                path: dir.to_path_buf(),
                error: format!("{}: {e}", dir.display()),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        match entry.file_type() {
            Ok(t) if t.is_dir() && !hidden => walk(&path, found, failures),
            Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "toml") => {
                found.push(path);
            }
            _ => {}
        }
    }
}

/// What reading one file gave.
enum Read {
    Team(Box<Workbook>),
    Failed(String),
    NotAWorkbook,
}

fn read(path: &Path) -> Read {
    let bytes = match crate::store::read_capped(path) {
        Ok(b) => b,
        Err(e) => return Read::Failed(e.to_string()),
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        // Not UTF-8: a workbook that says it is one fails with the loader's reason;
        // anything else is not ours.
        return if crate::store::is_workbook_text(&String::from_utf8_lossy(&bytes)) {
            // (read again by the loader, which says where the bad bytes are: rare)
            Read::Failed(crate::store::load(path).err().map_or_else(
                || format!("{}: not UTF-8 text", path.display()),
                |e| e.to_string(),
            ))
        } else {
            Read::NotAWorkbook
        };
    };
    if !crate::store::is_workbook_text(text) {
        return Read::NotAWorkbook;
    }
    match crate::store::parse(path, text) {
        Ok(loaded) => Read::Team(Box::new(loaded.workbook)),
        Err(e) => Read::Failed(e.to_string()),
    }
}

/// A team's row (levels by dimension id), its gaps and its overdue milestones.
fn row(
    path: &Path,
    wb: &Workbook,
    today: Date,
    into: &mut Part,
) -> (TeamRow, Vec<(String, Option<u8>)>) {
    let a = assess(wb);
    let mut levels = Vec::with_capacity(a.dimensions.len());
    for d in &a.dimensions {
        into.dimension(&d.dimension.id, &d.dimension.title);
        levels.push((d.dimension.id.clone(), d.level));
        for q in &d.gaps {
            *into
                .gaps
                .entry((d.dimension.title.clone(), q.text.clone()))
                .or_default() += 1;
        }
    }
    let team = if wb.plan.team.trim().is_empty() {
        path.file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
    } else {
        wb.plan.team.clone()
    };
    let mut overdue = 0;
    for ms in wb.overdue_milestones(today) {
        overdue += 1;
        into.late(LateMilestone {
            days_late: wb.days_late(ms, today),
            team: team.clone(),
            text: ms.text.clone(),
            owner: ms.owner.clone(),
            due: wb.due_date(ms),
        });
    }
    let (mut meeting, mut judged) = (0, 0);
    for (_, m) in wb.metrics() {
        match target_status(m) {
            TargetStatus::Meets => {
                meeting += 1;
                judged += 1;
            }
            TargetStatus::Misses(_) => judged += 1,
            _ => {}
        }
    }
    let progress = wb.roadmap_progress();
    let readiness = overall_percent(wb);
    let maturity = a.rounded_average();
    let last = wb.last_snapshot();
    let row = TeamRow {
        path: path.to_path_buf(),
        team,
        lead: wb.plan.lead.clone(),
        start: wb.start(),
        month: wb.month_of(today),
        before_start: wb.start().is_some_and(|s| s > PlanMonth::containing(today)),
        months: wb.roadmap.months,
        readiness,
        maturity,
        levels: Vec::new(),
        phase: a.current_phase(),
        done: progress.done,
        total: progress.total,
        overdue,
        meeting,
        judged,
        last_snapshot: last.map(|s| s.taken_on),
        readiness_down: last.is_some_and(|s| readiness < s.readiness_percent),
        maturity_down: last.is_some_and(|s| maturity + 1e-9 < s.maturity_average),
    };
    (row, levels)
}

/// A team's row with its levels by dimension id, before the portfolio orders them.
type PendingRow = (TeamRow, Vec<(String, Option<u8>)>);

/// What one worker gathers; merged into the portfolio at the end.
#[derive(Default)]
struct Part {
    dimensions: Vec<(String, String)>,
    teams: Vec<PendingRow>,
    failures: Vec<Failure>,
    skipped: usize,
    gaps: HashMap<(String, String), usize>,
    overdue: Vec<LateMilestone>,
}

impl Part {
    fn dimension(&mut self, id: &str, title: &str) {
        if !self.dimensions.iter().any(|(i, _)| i == id) {
            self.dimensions.push((id.to_string(), title.to_string()));
        }
    }

    /// Keeps a late milestone if it may be among the most late.
    fn late(&mut self, ms: LateMilestone) {
        self.overdue.push(ms);
        if self.overdue.len() > TOP_OVERDUE * 4 {
            trim_overdue(&mut self.overdue);
        }
    }
}

fn trim_overdue(list: &mut Vec<LateMilestone>) {
    list.sort_by(|a, b| {
        b.days_late
            .cmp(&a.days_late)
            .then_with(|| a.team.cmp(&b.team))
            .then_with(|| a.text.cmp(&b.text))
    });
    list.truncate(TOP_OVERDUE);
}

/// Reads every file, `workers` at a time (one per core by default), and gathers the
/// portfolio. Each workbook is dropped as soon as its row is made.
pub fn rollup(paths: &[PathBuf], today: Date, workers: usize) -> Portfolio {
    let next = AtomicUsize::new(0);
    let parts = Mutex::new(Vec::new());
    let workers = workers.clamp(1, paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut part = Part::default();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    match read(path) {
                        Read::Team(wb) => {
                            let r = row(path, &wb, today, &mut part);
                            part.teams.push(r);
                        }
                        Read::Failed(error) => part.failures.push(Failure {
                            path: path.clone(),
                            error,
                        }),
                        Read::NotAWorkbook => part.skipped += 1,
                    }
                }
                if let Ok(mut all) = parts.lock() {
                    all.push(part);
                }
            });
        }
    });
    let parts = parts.into_inner().unwrap_or_default();
    let mut p = Portfolio::default();
    let mut pending = Vec::new();
    for part in parts {
        for (id, title) in part.dimensions {
            if !p.dimensions.iter().any(|(i, _)| *i == id) {
                p.dimensions.push((id, title));
            }
        }
        pending.extend(part.teams);
        p.failures.extend(part.failures);
        p.skipped += part.skipped;
        for (k, n) in part.gaps {
            *p.gaps.entry(k).or_default() += n;
        }
        p.overdue.extend(part.overdue);
    }
    // The framework's order of dimensions, whichever worker saw them first.
    let order: Vec<String> = Workbook::template()
        .maturity
        .iter()
        .map(|d| d.id.clone())
        .collect();
    p.dimensions
        .sort_by_key(|(id, _)| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
    p.teams = pending
        .into_iter()
        .map(|(mut row, levels)| {
            row.levels = p
                .dimensions
                .iter()
                .map(|(id, _)| levels.iter().find(|(i, _)| i == id).and_then(|(_, l)| *l))
                .collect();
            row
        })
        .collect();
    trim_overdue(&mut p.overdue);
    p.failures.sort_by(|a, b| a.path.cmp(&b.path));
    p
}

impl Portfolio {
    /// Sorts the teams; ties keep the team name's order.
    pub fn sort(&mut self, by: SortBy) {
        self.teams.sort_by(|a, b| {
            use std::cmp::Ordering as O;
            let main = match by {
                SortBy::Overdue => b.overdue.cmp(&a.overdue),
                SortBy::Team => O::Equal,
                SortBy::Readiness => a.readiness.cmp(&b.readiness),
                SortBy::Maturity => a.maturity.total_cmp(&b.maturity),
                SortBy::Month => b.month.cmp(&a.month),
                SortBy::Done => {
                    let share = |r: &TeamRow| r.done * 1000 / r.total.max(1);
                    share(a).cmp(&share(b))
                }
                SortBy::Metrics => a.meeting.cmp(&b.meeting),
                SortBy::Snapshot => a.last_snapshot.cmp(&b.last_snapshot),
            };
            main.then_with(|| a.team.to_lowercase().cmp(&b.team.to_lowercase()))
                .then_with(|| a.path.cmp(&b.path))
        });
    }

    /// The most common maturity gaps, most teams first: (dimension, question, teams).
    pub fn common_gaps(&self, n: usize) -> Vec<(&str, &str, usize)> {
        let mut gaps: Vec<_> = self
            .gaps
            .iter()
            .map(|((d, q), k)| (d.as_str(), q.as_str(), *k))
            .collect();
        gaps.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (a.0, a.1).cmp(&(b.0, b.1))));
        gaps.truncate(n);
        gaps
    }

    /// How many teams are in each implementation phase, 1 to 4.
    pub fn phases(&self) -> [usize; 4] {
        let mut by = [0; 4];
        for t in &self.teams {
            if let Some(slot) = by.get_mut(usize::from(t.phase.clamp(1, 4)) - 1) {
                *slot += 1;
            }
        }
        by
    }
}

/// The column names a sort accepts, for messages.
pub fn sort_names() -> String {
    <SortBy as strum::VariantNames>::VARIANTS.join(", ")
}

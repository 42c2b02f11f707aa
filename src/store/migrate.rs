//! Opening workbooks written in an older format: each change between formats is
//! applied on open, with nothing lost, and the original file is kept beside it.
//!
//! Format 1 to 2: the `[resume]` table (where the user left off) moves out of the
//! shared workbook into the user's state directory; unset dates and the start month
//! are left out instead of written `""`, and dates are written as TOML dates. Format 1
//! text reads as format 2 in every other respect.
//!
//! Format 2 to 3: a metric keeps its baseline apart from its later measurements.
//! Format 2 wrote a re-measured value over the baseline, so its history is rebuilt
//! from the snapshots, which recorded every metric's value on their day: the first
//! snapshot's value becomes the baseline (dated when it was first measured), each
//! later snapshot whose value differs becomes a measurement dated that day, and the
//! current value, where it differs from the last snapshot, becomes the latest
//! measurement. Format 2 did not record the day of a re-measure, so that one is dated
//! the day the workbook was last saved (`saved_on`), or the last snapshot's day if
//! that is unknown. A workbook without snapshots keeps its values as baselines. The
//! health measures and leading indicators, new in format 3, come from the template,
//! unscored.
//!
//! Format 3 to 4: the framework gains what the seeds have and format 3 lacked, added
//! from the template where the workbook does not have it yet, and nothing of the
//! team's changed: phase 1's exit check (month 1's deliverables and success
//! criteria), a metric for each of the seven KPIs that had none, which way each
//! template metric improves (`better`) where the workbook does not say, and the
//! challenges register. Metrics may now be of kind `amount`, which format 3 did not
//! know.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::model::history::Measurement;
use crate::model::measure::fmt_num;
use crate::model::{Extra, FORMAT, MetricKind, Normalized, Workbook};
use crate::state::Resume;

/// What an upgrade did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    /// The format the file was in.
    pub from: u32,
    /// Where the user left off, as the old file kept it.
    pub resume: Option<Resume>,
}

/// Brings a workbook read from an older format up to this one, in memory. `None` when
/// it is already current.
pub fn upgrade(wb: &mut Workbook, saved_on: Option<Date>) -> Option<Upgrade> {
    if wb.format >= FORMAT {
        return None;
    }
    let from = wb.format;
    let resume = wb
        .extra
        .remove("resume")
        .and_then(|table| table.try_into::<Resume>().ok());
    if from <= 2 {
        history_from_snapshots(wb, saved_on);
        // Format 3 scores 002's health measures and leading indicators each month.
        if wb.health.is_empty() {
            wb.health = Workbook::template().health;
        }
    }
    if from <= 3 {
        framework_content(wb);
    }
    wb.format = FORMAT;
    Some(Upgrade { from, resume })
}

/// Adds the framework content new in format 4 (see the module's documentation).
fn framework_content(wb: &mut Workbook) {
    let template = Workbook::template();
    if !wb.readiness.iter().any(|c| c.exit_check) {
        for check in template.readiness.iter().filter(|c| c.exit_check) {
            if !wb.readiness.iter().any(|c| c.id == check.id) {
                wb.readiness.push(check.clone());
            }
        }
    }
    let ids: std::collections::BTreeSet<String> = wb.metrics().map(|(_, m)| m.id.clone()).collect();
    for group in &template.baseline {
        if wb.baseline.iter().any(|g| g.id == group.id) {
            continue;
        }
        let mut group = group.clone();
        group.metrics.retain(|m| !ids.contains(&m.id));
        if !group.metrics.is_empty() {
            wb.baseline.push(group);
        }
    }
    for (_, t) in template.metrics() {
        if let Some(m) = wb.metric_mut(&t.id)
            && m.better.is_none()
        {
            m.better = t.better;
        }
    }
    if wb.challenges.is_empty() {
        wb.challenges = template.challenges;
    }
}

/// Two numbers the same as far as a workbook shows them.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.005
}

/// A number in a metric's unit as a person would type it.
fn typed(kind: MetricKind, unit: &str, x: f64) -> String {
    match kind {
        MetricKind::Percent => format!("{}%", fmt_num(x)),
        MetricKind::Severity => format!("{} in all", fmt_num(x)),
        _ if unit.is_empty() => fmt_num(x),
        _ => format!("{} {unit}", fmt_num(x)),
    }
}

fn history_from_snapshots(wb: &mut Workbook, saved_on: Option<Date>) {
    let Some((first, later)) = wb.snapshots.split_first() else {
        return;
    };
    let last_day = wb.snapshots.last().map_or(first.taken_on, |s| s.taken_on);
    let current_day = saved_on.filter(|d| *d > last_day).unwrap_or(last_day);
    for m in wb.baseline.iter_mut().flat_map(|g| g.metrics.iter_mut()) {
        let Some(&base) = first.metrics.get(&m.id) else {
            continue;
        };
        let mut known = base;
        let mut history = Vec::new();
        for s in later {
            if let Some(&v) = s.metrics.get(&m.id)
                && !same(v, known)
            {
                history.push(Measurement {
                    measured_on: s.taken_on,
                    value: typed(m.kind, &m.unit, v),
                    normalized: Some(Normalized::Number(v)),
                    source: String::new(),
                    note: format!("as the snapshot of {} recorded it", s.taken_on),
                    extra: Extra::new(),
                });
                known = v;
            }
        }
        let current = m.baseline().number();
        if let Some(last) = history.last_mut()
            && current.is_some_and(|c| same(c, known))
        {
            // The last snapshot's value is the one the team typed: keep it as typed.
            last.value.clone_from(&m.value);
            last.normalized.clone_from(&m.normalized);
        }
        if current.is_some_and(|c| !same(c, known)) {
            history.push(Measurement {
                measured_on: current_day,
                value: m.value.clone(),
                normalized: m.normalized.clone(),
                source: m.source.clone(),
                note: "re-measured after the last snapshot; dated the day the workbook \
                       was last saved"
                    .to_string(),
                extra: Extra::new(),
            });
        }
        if history.is_empty() && current.is_some_and(|c| same(c, base)) {
            continue;
        }
        m.value = typed(m.kind, &m.unit, base);
        m.normalized = Some(Normalized::Number(base));
        if m.measured_on.is_none_or(|d| d > first.taken_on) {
            m.measured_on = Some(first.taken_on);
        }
        m.measurements = history;
    }
}

/// Where the original of a workbook of format `from` is kept: `plan.toml.v1.bak`.
pub fn original_path(path: &Path, from: u32) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "workbook.toml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    path.with_file_name(format!("{name}.v{from}.bak"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_1_resume_moves_out() {
        let text = crate::model::TEMPLATE
            .replacen("format = 4", "format = 1", 1)
            .replacen(
                "[plan]",
                "[resume]\nscreen = \"maturity\"\ncheckin_skipped = \"2027-02\"\n\n[resume.items]\nmaturity = 4\n\n[plan]",
                1,
            );
        let mut wb: Workbook = toml::from_str(&text).unwrap();
        let up = upgrade(&mut wb, None).unwrap();
        assert_eq!(up.from, 1);
        let resume = up.resume.unwrap();
        assert_eq!(resume.screen, "maturity");
        assert_eq!(resume.items.get("maturity"), Some(&4));
        assert_eq!(resume.checkin_skipped, "2027-02".parse().ok());
        assert!(wb.extra.is_empty());
        assert_eq!(wb.format, FORMAT);
        assert_eq!(upgrade(&mut wb, None), None, "once");
    }
}

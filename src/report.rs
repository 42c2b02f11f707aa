//! Reports to share: a Markdown assessment and plan, JSON with every score, a CSV of
//! milestones and a Mermaid Gantt chart. Workbook text is escaped for each format.

use std::fmt::Write as _;
use std::str::FromStr;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::model::maturity::{Assessment, assess, level_name, phase_statuses};
use crate::model::measure::{TargetStatus, target_status};
use crate::model::readiness::{category_scores, overall_percent};
use crate::model::{PlanMonth, Workbook};
use crate::present::{display_reading, display_value, judged_change, sparkline, status_text};

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Markdown,
    Json,
    Csv,
    /// Every metric's baseline and measurements and every health score per
    /// snapshot, one value per row.
    Metrics,
    Mermaid,
}

impl Format {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The file name ending a report of this format gets beside the workbook.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Markdown => "-report.md",
            Self::Json => "-report.json",
            Self::Csv => "-milestones.csv",
            Self::Metrics => "-metrics.csv",
            Self::Mermaid => "-roadmap.mmd",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|f| {
                f.name().eq_ignore_ascii_case(s.trim()) || (s == "md" && *f == Self::Markdown)
            })
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a report format: use markdown, json, csv (milestones), \
                     metrics (a CSV of every value over time) or mermaid"
                )
            })
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write the JSON report: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write the CSV report: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write the CSV report: {0}")]
    CsvBuffer(String),
}

/// Renders the report of `wb` as of `today`.
pub fn render(wb: &Workbook, format: Format, today: Date) -> Result<String, ReportError> {
    match format {
        Format::Markdown => Ok(markdown(wb, today)),
        Format::Json => {
            let mut report = json_report(wb, today);
            for_programs(&mut report);
            Ok(serde_json::to_string_pretty(&report)?)
        }
        Format::Csv => csv_report(wb, today),
        Format::Metrics => metrics_csv(wb),
        Format::Mermaid => Ok(mermaid(wb, today)),
    }
}

/// Text made safe for Markdown: one line, no control characters, and whatever
/// Markdown, HTML or GitHub's extensions would read as markup escaped with a backslash,
/// so that it shows as typed in a renderer and reads plainly in the file (`->`, not
/// `-&gt;`): tables, emphasis, strike-through, links and bare URLs cannot be made.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // A bare URL or www. name would become a link.
    out.replace("://", "\\://")
        .replace("www.", "www\\.")
        .replace("WWW.", "WWW\\.")
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "-".to_string()
    } else {
        md(s)
    }
}

/// The plan's first month, or this month when none is set.
fn start_or_now(wb: &Workbook, today: Date) -> PlanMonth {
    wb.start().unwrap_or_else(|| PlanMonth::containing(today))
}

fn month_name(wb: &Workbook, m: u32, today: Date) -> String {
    let offset = i32::try_from(m).unwrap_or(1) - 1;
    start_or_now(wb, today).plus(offset).label()
}

fn team_name(wb: &Workbook) -> &str {
    if wb.plan.team.trim().is_empty() {
        "The team"
    } else {
        &wb.plan.team
    }
}

fn markdown(wb: &Workbook, today: Date) -> String {
    let mut o = String::new();
    let a = assess(wb);
    let months = wb.roadmap.months;
    let _ = writeln!(
        o,
        "# {}: operations framework adoption plan\n",
        md(team_name(wb))
    );
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(o, "| Team | {} |", or_dash(&wb.plan.team));
    let _ = writeln!(o, "| Lead | {} |", or_dash(&wb.plan.lead));
    let _ = writeln!(o, "| Organization size | {} |", wb.plan.org_size.label());
    let plan = match wb.start() {
        Some(s) => format!(
            "{} to {}",
            s.label(),
            s.plus(i32::try_from(months).unwrap_or(6) - 1).label()
        ),
        None => "start month not set".to_string(),
    };
    let _ = writeln!(o, "| Plan | {plan} |");
    let _ = writeln!(o, "| Report date | {today} |\n");

    let _ = writeln!(o, "## Summary for stakeholders\n");
    let roadmap = wb.roadmap_progress();
    let overdue = wb.overdue_milestones(today).count();
    let _ = writeln!(
        o,
        "{} is {}% ready, at maturity {:.1} ({}), in implementation phase {}. \
         {roadmap} roadmap milestones are done; {overdue} are overdue.\n",
        md(team_name(wb)),
        overall_percent(wb),
        a.rounded_average(),
        level_name(a.overall_level()),
        a.current_phase()
    );
    let _ = writeln!(o, "Recommendation: {}\n", a.recommendation());

    md_assessment(&mut o, wb, &a);
    md_plan(&mut o, wb, &a, today);
    md_progress(&mut o, wb);
    md_training(&mut o, wb, today);
    md_next_actions(&mut o, wb, &a, today);
    o
}

/// Readiness, baseline metrics and maturity: the current state assessment.
fn md_assessment(o: &mut String, wb: &Workbook, a: &Assessment) {
    let _ = writeln!(o, "## 1. Current state assessment\n");
    let _ = writeln!(o, "### Readiness: {}%\n", overall_percent(wb));
    let _ = writeln!(o, "| Category | Score | Status |\n|---|---|---|");
    for s in category_scores(wb) {
        let status = if s.at_risk {
            format!(
                "! at risk: puts {} at risk",
                md(&s.tracks_at_risk.join(", "))
            )
        } else {
            "ready".to_string()
        };
        let _ = writeln!(
            o,
            "| {} | {} | {status} |",
            md(&s.category.title),
            s.progress
        );
    }
    o.push('\n');
    for c in &wb.readiness {
        let _ = writeln!(o, "{}:\n", md(&c.title));
        for i in &c.items {
            let mark = if i.done { "x" } else { " " };
            let note = if i.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", md(&i.note))
            };
            let _ = writeln!(o, "- [{mark}] {}{note}", md(&i.text));
        }
        o.push('\n');
    }

    let _ = writeln!(o, "### Metrics: baseline and latest\n");
    let _ = writeln!(
        o,
        "| Group | Metric | Baseline | Measured on | Source | Latest | Target | Against target |"
    );
    let _ = writeln!(o, "|---|---|---|---|---|---|---|---|");
    for (g, m) in wb.metrics() {
        let base = m.baseline();
        let value =
            display_reading(m, &base).map_or_else(|| "not measured".to_string(), |v| md(&v));
        let latest = if m.measurements.is_empty() {
            "-".to_string()
        } else {
            let l = m.latest();
            let v = display_reading(m, &l).unwrap_or_default();
            l.on.map_or_else(|| md(&v), |d| format!("{} ({d})", md(&v)))
        };
        let status = match target_status(m) {
            TargetStatus::NoValue => "-".to_string(),
            _ => status_text(m),
        };
        let _ = writeln!(
            o,
            "| {} | {} | {value} | {} | {} | {latest} | {} | {status} |",
            md(&g.title),
            md(&m.name),
            base.on.map_or_else(|| "-".to_string(), |d| d.to_string()),
            or_dash(&m.source),
            or_dash(&m.target),
        );
    }
    o.push('\n');

    health_markdown(wb, o);

    let _ = writeln!(
        o,
        "### Maturity: {:.1} ({}), implementation phase {}\n",
        a.rounded_average(),
        level_name(a.overall_level()),
        a.current_phase()
    );
    let _ = writeln!(
        o,
        "| Dimension | Level | Blocks the next level |\n|---|---|---|"
    );
    for d in &a.dimensions {
        let level = d.level.map_or_else(
            || "not assessed".to_string(),
            |l| format!("{l} {}", level_name(l)),
        );
        let gaps: Vec<String> = d.gaps.iter().map(|q| md(&q.text)).collect();
        let gaps = if gaps.is_empty() {
            "-".to_string()
        } else {
            gaps.join("; ")
        };
        let _ = writeln!(o, "| {} | {level} | {gaps} |", md(&d.dimension.title));
    }
    let _ = writeln!(o, "\nRecommendation: {}\n", a.recommendation());
}

/// The phases and the roadmap month by month: the implementation plan and timeline.
fn md_plan(o: &mut String, wb: &Workbook, a: &Assessment, today: Date) {
    let months = wb.roadmap.months;
    let _ = writeln!(o, "## 2. Implementation plan and timeline\n");
    let _ = writeln!(o, "### Phases\n");
    for (p, status) in phase_statuses(&wb.phases, a.current_phase()) {
        let _ = writeln!(
            o,
            "- **{}** ({}): {}",
            md(&p.name),
            status.label(),
            md(&p.objectives.join("; "))
        );
    }
    o.push('\n');
    for m in 1..=months {
        let stage = wb
            .roadmap
            .stages
            .iter()
            .find(|s| s.first_month <= m && m <= s.last_month)
            .map_or(String::new(), |s| format!(" ({})", md(&s.name)));
        let overdue = if wb.month_overdue(m, today) {
            ", ! overdue"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "### Month {m}: {}{stage}, milestones {}{overdue}\n",
            month_name(wb, m, today),
            wb.month_progress(m)
        );
        for t in &wb.roadmap.tracks {
            let acts: Vec<String> = t
                .activities
                .iter()
                .filter(|x| x.month == m)
                .map(|x| format!("[{}] {}", if x.done { "x" } else { " " }, md(&x.text)))
                .collect();
            if !acts.is_empty() {
                let _ = writeln!(o, "- {}: {}", md(&t.name), acts.join("; "));
            }
        }
        o.push('\n');
        let _ = writeln!(
            o,
            "| Milestone | Track | Owner | Due | Done |\n|---|---|---|---|---|"
        );
        for ms in wb.milestones_of(m) {
            let track = wb
                .roadmap
                .tracks
                .iter()
                .find(|t| t.id == ms.track)
                .map_or_else(|| or_dash(&ms.track), |t| md(&t.name));
            let due = wb
                .due_date(ms)
                .map_or_else(|| "-".to_string(), |d| d.to_string());
            let done = if let Some(day) = ms.done_on {
                day.to_string()
            } else if wb.is_overdue(ms, today) {
                "! overdue".to_string()
            } else {
                "-".to_string()
            };
            let _ = writeln!(
                o,
                "| {} | {track} | {} | {due} | {done} |",
                md(&ms.text),
                or_dash(&ms.owner)
            );
        }
        o.push('\n');
    }
}

/// Snapshots and how the metrics moved.
fn md_progress(o: &mut String, wb: &Workbook) {
    if !wb.snapshots.is_empty() {
        let _ = writeln!(o, "## 3. Progress over time\n");
        let _ = writeln!(
            o,
            "| Date | Label | Readiness | Maturity | Milestones |\n|---|---|---|---|---|"
        );
        for s in &wb.snapshots {
            let _ = writeln!(
                o,
                "| {} | {} | {}% | {:.1} | {}/{} |",
                s.taken_on,
                md(&s.label),
                s.readiness_percent,
                s.maturity_average,
                s.milestones_done,
                s.milestones_total
            );
        }
        o.push('\n');
        let _ = writeln!(
            o,
            "| Metric | Baseline | Latest | Since baseline | Since previous | Trend |\n|---|---|---|---|---|---|"
        );
        for (_, m) in wb.metrics() {
            if display_value(m).is_none() {
                continue;
            }
            let dated = |r: &crate::model::history::Reading<'_>| {
                let value = display_reading(m, r).unwrap_or_else(|| "-".to_string());
                r.on.map_or(value.clone(), |d| format!("{value} ({d})"))
            };
            let change =
                |c: Option<(f64, f64)>| c.map_or_else(|| "-".to_string(), |c| judged_change(m, c));
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                md(&m.name),
                md(&dated(&m.baseline())),
                if m.measurements.is_empty() {
                    "-".to_string()
                } else {
                    md(&dated(&m.latest()))
                },
                change(m.since_baseline()),
                change(m.since_previous()),
                sparkline(&m.trend()).trim()
            );
        }
        o.push('\n');
    }
}

/// Words that mark an activity or milestone as part of the team's training.
const TRAINING: [&str; 6] = [
    "train",
    "mentor",
    "certif",
    "skill",
    "knowledge transfer",
    "expertise",
];

fn is_training(text: &str) -> bool {
    let t = text.to_lowercase();
    TRAINING.iter().any(|w| t.contains(w))
}

/// The team training schedule: every training activity and milestone, by month.
fn md_training(o: &mut String, wb: &Workbook, today: Date) {
    let _ = writeln!(o, "## Team training schedule\n");
    let _ = writeln!(
        o,
        "| Month | Track | Training | Status |\n|---|---|---|---|"
    );
    let mut any = false;
    for m in 1..=wb.roadmap.months {
        for t in &wb.roadmap.tracks {
            for a in t
                .activities
                .iter()
                .filter(|a| a.month == m && is_training(&a.text))
            {
                let status = if a.done { "done" } else { "planned" };
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {status} |",
                    month_name(wb, m, today),
                    md(&t.name),
                    md(&a.text)
                );
                any = true;
            }
        }
        for ms in wb.milestones_of(m).filter(|ms| is_training(&ms.text)) {
            let status = if let Some(day) = ms.done_on {
                format!("done {day}")
            } else {
                "milestone".to_string()
            };
            let _ = writeln!(
                o,
                "| {} | - | {} | {status} |",
                month_name(wb, m, today),
                md(&ms.text)
            );
            any = true;
        }
    }
    if !any {
        let _ = writeln!(o, "| - | - | no training activities in the plan | - |");
    }
    o.push('\n');
}

/// What blocks the next maturity level, and what is overdue.
fn md_next_actions(o: &mut String, wb: &Workbook, a: &Assessment, today: Date) {
    let _ = writeln!(o, "## Next actions\n");
    for d in &a.dimensions {
        for q in &d.gaps {
            let next = d.level.unwrap_or(0) + 1;
            let _ = writeln!(
                o,
                "- {} to level {next}: {}",
                md(&d.dimension.title),
                md(&q.text)
            );
        }
    }
    for ms in wb.overdue_milestones(today) {
        let _ = writeln!(o, "- ! overdue from month {}: {}", ms.month, md(&ms.text));
    }
}

/// The health measures and leading indicators: each snapshot's score (the last
/// six) and this month's, 1 to 5.
fn health_markdown(wb: &Workbook, o: &mut String) {
    let scored = wb.health.iter().any(|h| h.score.is_some())
        || wb.snapshots.iter().any(|s| !s.health.is_empty());
    if !scored {
        return;
    }
    let shown = &wb.snapshots[wb.snapshots.len().saturating_sub(6)..];
    let _ = writeln!(
        o,
        "### Implementation health and leading indicators (1 to 5)\n"
    );
    let mut head = "| Measure | Kind |".to_string();
    let mut rule = "|---|---|".to_string();
    for s in shown {
        let _ = write!(head, " {} |", s.taken_on);
        rule.push_str("---|");
    }
    head.push_str(" Now |");
    rule.push_str("---|");
    let _ = writeln!(o, "{head}\n{rule}");
    for h in &wb.health {
        let kind = match h.kind {
            crate::model::HealthKind::Health => "health",
            crate::model::HealthKind::Indicator => "leading",
        };
        let mut row = format!("| {} | {kind} |", md(&h.name));
        for s in shown {
            let _ = write!(
                row,
                " {} |",
                s.health
                    .get(&h.id)
                    .map_or("-".to_string(), ToString::to_string)
            );
        }
        let _ = write!(
            row,
            " {} |",
            h.score.map_or("-".to_string(), |x| x.to_string())
        );
        let _ = writeln!(o, "{row}");
    }
    o.push('\n');
}

/// One metric in the JSON report: where it stands, its baseline, latest value and
/// history.
fn metric_json(m: &crate::model::Metric) -> Value {
    let (status, misses_by) = match target_status(m) {
        TargetStatus::NoValue => ("not measured", None),
        TargetStatus::NoTarget => ("no target", None),
        TargetStatus::Meets => ("meets", None),
        TargetStatus::Misses(by) => ("misses", Some(by)),
    };
    let reading = |r: &crate::model::history::Reading<'_>| {
        json!({
            "value": r.value,
            "display": display_reading(m, r),
            "measured_on": r.on.map(|d| d.to_string()),
        })
    };
    let history: Vec<Value> = m
        .series()
        .filter(|r| r.normalized.is_some())
        .map(|r| reading(&r))
        .collect();
    let corrections: Vec<Value> = m
        .corrections
        .iter()
        .map(|c| json!({ "corrected_on": c.corrected_on.to_string(), "was": c.was, "now": c.now }))
        .collect();
    json!({
        "id": m.id,
        "status": status,
        "misses_by": misses_by,
        "display": display_value(m),
        "baseline": reading(&m.baseline()),
        "baseline_source": m.source,
        "latest": reading(&m.latest()),
        "history": history,
        "corrections": corrections,
    })
}

/// One convention for programs reading the JSON report: whatever is unset is `null`
/// (an empty text in the workbook, an unscored measure), and a number is rounded to
/// what it means: at most three decimals, without the noise of float arithmetic
/// (`0.4`, not `0.4000000000000057`).
fn for_programs(v: &mut Value) {
    match v {
        Value::String(s) if s.is_empty() => *v = Value::Null,
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64() {
                let rounded = (x * 1000.0).round() / 1000.0;
                *v = serde_json::Number::from_f64(rounded).map_or(Value::Null, Value::Number);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(for_programs),
        Value::Object(fields) => fields.values_mut().for_each(for_programs),
        _ => {}
    }
}

fn json_report(wb: &Workbook, today: Date) -> Value {
    let a = assess(wb);
    let readiness: Vec<Value> = category_scores(wb)
        .iter()
        .map(|s| {
            json!({
                "id": s.category.id,
                "done": s.progress.done,
                "total": s.progress.total,
                "at_risk": s.at_risk,
                "tracks_at_risk": s.tracks_at_risk,
            })
        })
        .collect();
    let dimensions: Vec<Value> = a
        .dimensions
        .iter()
        .map(|d| {
            json!({
                "id": d.dimension.id,
                "level": d.level,
                "level_name": d.level.map(level_name),
                "gaps": d.gaps.iter().map(|q| q.id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let phases: Vec<Value> = phase_statuses(&wb.phases, a.current_phase())
        .iter()
        .map(|(p, s)| json!({ "id": p.id, "name": p.name, "status": s.label() }))
        .collect();
    let metrics: Vec<Value> = wb.metrics().map(|(_, m)| metric_json(m)).collect();
    let health: Vec<Value> = wb
        .health
        .iter()
        .map(|h| {
            let by_snapshot: Vec<Value> = wb
                .snapshots
                .iter()
                .filter_map(|s| {
                    let score = s.health.get(&h.id)?;
                    Some(json!({ "taken_on": s.taken_on.to_string(), "score": score }))
                })
                .collect();
            json!({
                "id": h.id,
                "name": h.name,
                "kind": h.kind,
                "score": h.score,
                "scored_on": h.scored_on.map(|d| d.to_string()),
                "by_snapshot": by_snapshot,
            })
        })
        .collect();
    let months: Vec<Value> = (1..=wb.roadmap.months)
        .map(|m| {
            let p = wb.month_progress(m);
            json!({
                "month": m,
                "calendar_month": wb.calendar_month(m).map(|c| c.to_string()),
                "done": p.done,
                "total": p.total,
                "overdue": wb.month_overdue(m, today),
            })
        })
        .collect();
    let roadmap = wb.roadmap_progress();
    json!({
        "planbook_report": 1,
        "generated_on": today.to_string(),
        "workbook": wb,
        "scores": {
            "readiness": { "percent": overall_percent(wb), "categories": readiness },
            "maturity": {
                "average": a.rounded_average(),
                "overall_level": a.overall_level(),
                "overall_level_name": level_name(a.overall_level()),
                "recommendation": a.recommendation(),
                "current_phase": a.current_phase(),
                "dimensions": dimensions,
                "phases": phases,
            },
            "metrics": metrics,
            "health": health,
            "roadmap": {
                "done": roadmap.done,
                "total": roadmap.total,
                "overdue": wb.overdue_milestones(today).map(|m| m.id.clone()).collect::<Vec<_>>(),
                "months": months,
            },
        },
    })
}

/// A CSV cell that a spreadsheet will not run as a formula.
fn cell(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    }
}

/// Every value over time, one per row: each metric's baseline and measurements, and
/// each health measure's score in each snapshot and now. Columns: `kind` (`metric`
/// or `health`), `id`, `name`, `reading` (`baseline`, `measurement`, `snapshot`,
/// `now`), `date`, `value` (as typed, or the score), `number`, `unit`, `source`,
/// `note`.
fn metrics_csv(wb: &Workbook) -> Result<String, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "kind", "id", "name", "reading", "date", "value", "number", "unit", "source", "note",
    ])?;
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for (_, m) in wb.metrics() {
        for (i, r) in m.series().enumerate() {
            if r.normalized.is_none() {
                continue;
            }
            let (source, note) = match i.checked_sub(1).and_then(|j| m.measurements.get(j)) {
                Some(x) => (x.source.as_str(), x.note.as_str()),
                None => (m.source.as_str(), ""),
            };
            w.write_record([
                "metric".to_string(),
                cell(&m.id),
                cell(&m.name),
                if r.baseline {
                    "baseline"
                } else {
                    "measurement"
                }
                .to_string(),
                date(r.on),
                cell(r.value),
                r.number()
                    .map(crate::model::measure::fmt_num)
                    .unwrap_or_default(),
                cell(&m.unit),
                cell(source),
                cell(note),
            ])?;
        }
    }
    for h in &wb.health {
        let scores = wb
            .snapshots
            .iter()
            .filter_map(|s| Some(("snapshot", Some(s.taken_on), *s.health.get(&h.id)?)))
            .chain(h.score.map(|x| ("now", h.scored_on, x)));
        for (reading, on, score) in scores {
            w.write_record([
                "health".to_string(),
                cell(&h.id),
                cell(&h.name),
                reading.to_string(),
                date(on),
                score.to_string(),
                score.to_string(),
                "score 1-5".to_string(),
                String::new(),
                String::new(),
            ])?;
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ReportError::CsvBuffer(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ReportError::CsvBuffer(e.to_string()))
}

fn csv_report(wb: &Workbook, today: jiff::civil::Date) -> Result<String, ReportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "id",
        "month",
        "calendar_month",
        "track",
        "milestone",
        "owner",
        "due",
        "done_on",
        "status",
    ];
    w.write_record(header)?;
    for ms in &wb.roadmap.milestones {
        let track = wb
            .roadmap
            .tracks
            .iter()
            .find(|t| t.id == ms.track)
            .map_or(ms.track.as_str(), |t| t.name.as_str());
        let calendar = wb
            .calendar_month(ms.month)
            .map(|m| m.to_string())
            .unwrap_or_default();
        let due = wb.due_date(ms).map(|d| d.to_string()).unwrap_or_default();
        let status = if ms.is_done() {
            "done"
        } else if wb.is_overdue(ms, today) {
            "overdue"
        } else {
            "open"
        };
        w.write_record([
            cell(&ms.id),
            ms.month.to_string(),
            calendar,
            cell(track),
            cell(&ms.text),
            cell(&ms.owner),
            due,
            ms.done_on.map_or_else(String::new, |d| d.to_string()),
            status.to_string(),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ReportError::CsvBuffer(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ReportError::CsvBuffer(e.to_string()))
}

/// Text for a Mermaid chart, written so that it shows exactly as typed and cannot be
/// read as syntax: `:`, `;`, `#`, `<` and `>` as Mermaid's entity codes (`#58;`...),
/// and a first letter or digit as its numeric code, so that no name is read as a
/// keyword (`click`, `topAxis`) or a date. Control characters become spaces.
fn mm(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return "(unnamed)".to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            c if i == 0 && c.is_ascii_alphanumeric() => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid task id: letters, digits and underscores.
fn mm_id(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Mermaid renders a chart of at most 50,000 characters (its `maxTextSize`, counted in
/// UTF-16 units); a plan whose detail would not fit is drawn track by track.
const MERMAID_MAX: usize = 48_000;

fn mermaid(wb: &Workbook, today: Date) -> String {
    let detailed = mermaid_chart(wb, today, true);
    if detailed.encode_utf16().count() <= MERMAID_MAX {
        detailed
    } else {
        mermaid_chart(wb, today, false)
    }
}

/// The roadmap as a Mermaid Gantt chart: each activity and milestone (`detailed`), or
/// for a large plan one bar per track and month with its activities counted and one
/// milestone per month with its milestones counted (the CSV has the detail). Without
/// a start month the months are numbered 1 to 6 on the axis, and there is no today.
fn mermaid_chart(wb: &Workbook, today: Date, detailed: bool) -> String {
    let mut o = String::new();
    // With no start month, a stand-in year whose months read as the plan's: Month 1...
    let start = wb
        .start()
        .unwrap_or_else(|| PlanMonth::new(2000, 1).unwrap_or_else(|| PlanMonth::containing(today)));
    let dated = wb.start().is_some();
    let current = wb.month_of(today);
    let _ = writeln!(o, "gantt");
    let _ = writeln!(
        o,
        "    title {}#58; operations framework adoption plan",
        mm(team_name(wb))
    );
    let _ = writeln!(o, "    dateFormat YYYY-MM-DD");
    if dated {
        // Mermaid draws its own line for today.
        let _ = writeln!(o, "    axisFormat %b %Y");
    } else {
        let _ = writeln!(o, "    axisFormat Month %-m");
        let _ = writeln!(o, "    todayMarker off");
    }
    let month = |m: u32| start.plus(i32::try_from(m).unwrap_or(1) - 1);
    let milestone_line = |o: &mut String, ms: &crate::model::Milestone| {
        let due = wb
            .due_date(ms)
            .unwrap_or_else(|| month(ms.month).last_day());
        let state = milestone_state(ms.is_done(), wb.is_overdue(ms, today));
        let _ = writeln!(
            o,
            "    {} :milestone, {state}{}, {due}, 0d",
            mm(&ms.text),
            mm_id(&ms.id)
        );
    };
    for (t_index, t) in wb.roadmap.tracks.iter().enumerate() {
        let _ = writeln!(o, "    section {}", mm(&t.name));
        if detailed {
            for a in &t.activities {
                let state = task_state(a.done, Some(a.month) == current);
                let m = month(a.month);
                let _ = writeln!(
                    o,
                    "    {} :{state}{}, {}, {}",
                    mm(&a.text),
                    mm_id(&a.id),
                    m.first_day(),
                    m.last_day()
                );
            }
            for ms in wb.roadmap.milestones.iter().filter(|ms| ms.track == t.id) {
                milestone_line(&mut o, ms);
            }
        } else {
            mm_track_months(&mut o, wb, t_index, &month, current);
        }
    }
    if detailed {
        let loose: Vec<_> = wb
            .roadmap
            .milestones
            .iter()
            .filter(|ms| !wb.roadmap.tracks.iter().any(|t| t.id == ms.track))
            .collect();
        if !loose.is_empty() {
            let _ = writeln!(o, "    section Milestones");
            for ms in loose {
                milestone_line(&mut o, ms);
            }
        }
    } else {
        mm_month_milestones(&mut o, wb, today, &month);
    }
    o
}

/// A Mermaid milestone's state: done, or critical when late.
fn milestone_state(done: bool, late: bool) -> &'static str {
    if done {
        "done, "
    } else if late {
        "crit, "
    } else {
        ""
    }
}

/// A Mermaid task's state: done, or active in this month.
fn task_state(done: bool, this_month: bool) -> &'static str {
    if done {
        "done, "
    } else if this_month {
        "active, "
    } else {
        ""
    }
}

/// A track of a large plan: one bar per month with activities, counted.
fn mm_track_months(
    o: &mut String,
    wb: &Workbook,
    t_index: usize,
    month: &dyn Fn(u32) -> PlanMonth,
    current: Option<u32>,
) {
    let t = &wb.roadmap.tracks[t_index];
    for m in 1..=wb.roadmap.months {
        let p = t.cell_progress(m);
        if p.total == 0 {
            continue;
        }
        let state = task_state(p.done == p.total, Some(m) == current);
        let cm = month(m);
        let _ = writeln!(
            o,
            "    {} :{state}t{t_index}_m{m}, {}, {}",
            mm(&format!("{} activities, {} done", p.total, p.done)),
            cm.first_day(),
            cm.last_day()
        );
    }
}

/// The milestones of a large plan: one per month, counted, at the month's end.
fn mm_month_milestones(
    o: &mut String,
    wb: &Workbook,
    today: Date,
    month: &dyn Fn(u32) -> PlanMonth,
) {
    let _ = writeln!(o, "    section Milestones");
    for m in 1..=wb.roadmap.months {
        let p = wb.month_progress(m);
        if p.total == 0 {
            continue;
        }
        let state = milestone_state(p.done == p.total, wb.month_overdue(m, today));
        let _ = writeln!(
            o,
            "    {} :milestone, {state}ms_m{m}, {}, 0d",
            mm(&format!("{} of {} milestones done", p.done, p.total)),
            month(m).last_day()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("Markdown".parse(), Ok(Format::Markdown));
        assert_eq!("md".parse(), Ok(Format::Markdown));
        assert_eq!("mermaid".parse(), Ok(Format::Mermaid));
        assert_eq!("metrics".parse(), Ok(Format::Metrics));
        assert!(
            "pdf"
                .parse::<Format>()
                .unwrap_err()
                .contains("metrics (a CSV of every value over time) or mermaid")
        );
    }

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(
            md("Monitor -> Respond & Review"),
            "Monitor -\\> Respond \\& Review"
        );
        assert_eq!(md("~~gone~~"), "\\~\\~gone\\~\\~");
        assert_eq!(
            md("see https://x.io or www.y.io"),
            "see https\\://x.io or www\\.y.io"
        );
        assert_eq!(md("one\ntwo"), "one two");
        assert_eq!(md("\u{1b}[31m"), "\u{fffd}\\[31m");
    }

    #[test]
    fn csv_cells_never_run_as_formulas() {
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("plain, \"quoted\""), "plain, \"quoted\"");
    }

    #[test]
    fn mermaid_text_has_no_syntax() {
        assert_eq!(mm("a: b; #1 <x>"), "#97;#58; b#59; #35;1 #lt;x#gt;");
        assert_eq!(mm("2027-10-15 go-live"), "#50;027-10-15 go-live");
        assert_eq!(mm("Monitor -> Respond"), "#77;onitor -#gt; Respond");
        assert_eq!(mm("東京 ✓"), "東京 ✓");
        assert_eq!(mm(" \u{1b}]0;x\u{7} "), "]0#59;x");
        assert_eq!(mm(""), "(unnamed)");
        assert_eq!(mm_id("m1-a.b"), "m1_a_b");
    }
}

//! The Markdown report: an assessment and plan to share.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{month_name, team_name};
use crate::model::Workbook;
use crate::model::maturity::{Assessment, assess, level_name, phase_statuses};
use crate::model::measure::{TargetStatus, target_status};
use crate::model::readiness::{category_scores, overall_percent};
use crate::present::{display_reading, display_value, judged_change, sparkline, status_text};

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

pub(super) fn markdown(wb: &Workbook, today: Date) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}

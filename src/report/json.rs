//! The JSON report: the whole workbook and every score, for programs.

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::model::Workbook;
use crate::model::maturity::{assess, level_name, phase_statuses};
use crate::model::measure::{TargetStatus, target_status};
use crate::model::readiness::{category_scores, exit_checks, overall_percent};
use crate::present::{display_reading, display_value};

/// One metric in the JSON report: where it stands, its baseline, latest value and
/// history.
fn metric_json(wb: &Workbook, m: &crate::model::Metric) -> Value {
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
        "path": wb.path_of(m).map(|p| path_json(m, &p)),
    })
}

/// A metric's planned path against its measurements, month by month, and whether the
/// latest measured month is behind it.
fn path_json(m: &crate::model::Metric, p: &crate::model::path::Path) -> Value {
    let months: Vec<Value> = p
        .planned
        .iter()
        .zip(&p.actual)
        .zip(&p.set)
        .enumerate()
        .map(|(i, ((planned, actual), set))| {
            json!({
                "month": i + 1,
                "planned": planned,
                "planned_by_team": set,
                "actual": actual,
            })
        })
        .collect();
    json!({
        "baseline": p.baseline,
        "months": months,
        "behind": p.behind(m).map(|b| json!({
            "month": b.month,
            "planned": b.planned,
            "actual": b.actual,
            "by": b.by,
        })),
    })
}

/// The tracks shifted since the baseline, each with its shifts added up.
fn shifted(wb: &Workbook) -> Vec<Value> {
    wb.shifted_since_baseline()
        .into_iter()
        .map(|t| {
            json!({
                "track": t.track,
                "name": t.name,
                "months": t.net,
                "shifts": t.count,
                "last_shifted_on": t.last.to_string(),
            })
        })
        .collect()
}

/// One convention for programs reading the JSON report: whatever is unset is `null`
/// (an empty text in the workbook, an unscored measure), and a number is rounded to
/// what it means: at most three decimals, without the noise of float arithmetic
/// (`0.4`, not `0.4000000000000057`).
pub(super) fn for_programs(v: &mut Value) {
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

/// The exit checks with their progress.
fn exit_checks_json(wb: &Workbook) -> Vec<Value> {
    exit_checks(wb)
        .iter()
        .map(|(c, p)| json!({ "id": c.id, "title": c.title, "done": p.done, "total": p.total }))
        .collect()
}

/// The cross-checks that fired, open or dismissed with the team's note.
fn crosschecks(wb: &Workbook, today: Date) -> Vec<Value> {
    crate::model::crosscheck::findings(wb, today)
        .into_iter()
        .map(|f| {
            json!({
                "id": f.id,
                "says": f.says,
                "answer": f.answer,
                "figure": if f.figure.is_empty() { Value::Null } else { Value::from(f.figure) },
                "dismissed": f.dismissed,
            })
        })
        .collect()
}

/// The challenges the team faces, and those of them with no mitigation, by id.
fn challenges(wb: &Workbook) -> Value {
    let ids = |keep: fn(&crate::model::Challenge) -> bool| {
        wb.challenges
            .iter()
            .filter(|c| keep(c))
            .map(|c| c.id.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "faced": ids(|c| c.faced),
        "unmitigated": ids(crate::model::Challenge::unmitigated),
    })
}

pub(super) fn json_report(wb: &Workbook, today: Date) -> Value {
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
                "not_applicable": d.not_applicable,
            })
        })
        .collect();
    let phases: Vec<Value> = phase_statuses(&wb.phases, a.current_phase())
        .iter()
        .map(|(p, s)| json!({ "id": p.id, "name": p.name, "status": s.label() }))
        .collect();
    let metrics: Vec<Value> = wb.metrics().map(|(_, m)| metric_json(wb, m)).collect();
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
            "readiness": {
                "percent": overall_percent(wb),
                "categories": readiness,
                "exit_checks": exit_checks_json(wb),
            },
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
            "challenges": challenges(wb),
            "crosschecks": crosschecks(wb, today),
            "behind_path": wb.behind_path().into_iter().map(|(m, _)| m.id.clone()).collect::<Vec<_>>(),
            "roadmap": {
                "done": roadmap.done,
                "total": roadmap.total,
                "overdue": wb.overdue_milestones(today).map(|m| m.id.clone()).collect::<Vec<_>>(),
                "months": months,
                "shifted_since_baseline": shifted(wb),
            },
        },
    })
}

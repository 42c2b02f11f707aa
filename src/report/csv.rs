//! The CSV reports: one row per milestone, and one row per value over time.

use super::ReportError;
use crate::model::Workbook;

/// A CSV cell that a spreadsheet will not run as a formula.
pub(crate) fn cell(s: &str) -> String {
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
pub(super) fn metrics_csv(wb: &Workbook) -> Result<String, ReportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
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

pub(super) fn csv_report(wb: &Workbook, today: jiff::civil::Date) -> Result<String, ReportError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
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
        let track = wb.track_name(ms);
        let calendar = wb
            .calendar_month(ms.month)
            .map(|m| m.to_string())
            .unwrap_or_default();
        let due = wb.due_date(ms).map(|d| d.to_string()).unwrap_or_default();
        let status = wb.milestone_status(ms, today);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_run_as_formulas() {
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("plain, \"quoted\""), "plain, \"quoted\"");
    }
}

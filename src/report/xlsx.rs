//! The spreadsheet report: an xlsx workbook with a sheet each for where the team
//! stands, the milestones, the metrics, the maturity answers and the readiness
//! checklist. Every text is a string cell, never a formula; dates are date cells.

use jiff::civil::Date;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as Xlsx, Worksheet, XlsxError};

use super::{ReportError, team_name};
use crate::model::maturity::{assess, level_name};
use crate::model::measure::{TargetStatus, target_status};
use crate::model::readiness::{category_scores, overall_percent};
use crate::model::{Progress, Workbook};
use crate::present::{display_reading, status_text};

/// Excel holds at most 32,767 characters in a cell.
const MAX_CELL: usize = 32_000;

/// One sheet being written: a bold header row, then rows written cell by cell.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    row: u32,
    col: u16,
    date: &'a Format,
}

impl<'a> Sheet<'a> {
    fn new(
        ws: &'a mut Worksheet,
        name: &str,
        header: &[(&str, f64)],
        bold: &Format,
        date: &'a Format,
    ) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        for (col, (title, width)) in (0u16..).zip(header) {
            ws.write_string_with_format(0, col, *title, bold)?;
            ws.set_column_width(col, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        let last = u16::try_from(header.len().saturating_sub(1)).unwrap_or(0);
        ws.autofilter(0, 0, 0, last)?;
        Ok(Self {
            ws,
            row: 0,
            col: 0,
            date,
        })
    }

    fn next_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    /// A text, as a string cell whatever it starts with; empty text leaves the cell
    /// empty.
    fn text(&mut self, s: &str) -> Result<(), XlsxError> {
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
            .take(MAX_CELL)
            .collect();
        if !clean.is_empty() {
            self.ws.write_string(self.row, self.col, clean)?;
        }
        self.col += 1;
        Ok(())
    }

    fn number(&mut self, x: Option<f64>) -> Result<(), XlsxError> {
        if let Some(x) = x.filter(|x| x.is_finite()) {
            self.ws.write_number(self.row, self.col, x)?;
        }
        self.col += 1;
        Ok(())
    }

    fn date(&mut self, d: Option<Date>) -> Result<(), XlsxError> {
        if let Some(d) = d {
            let year = u16::try_from(d.year()).unwrap_or(1900);
            let month = u8::try_from(d.month()).unwrap_or(1);
            let day = u8::try_from(d.day()).unwrap_or(1);
            // Excel's dates start in 1900; an earlier one is written as text.
            match ExcelDateTime::from_ymd(year, month, day) {
                Ok(x) if year >= 1900 => {
                    self.ws
                        .write_datetime_with_format(self.row, self.col, &x, self.date)?;
                }
                _ => {
                    self.ws.write_string(self.row, self.col, d.to_string())?;
                }
            }
        }
        self.col += 1;
        Ok(())
    }
}

pub(super) fn xlsx(wb: &Workbook, today: Date) -> Result<Vec<u8>, ReportError> {
    let mut book = Xlsx::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    summary_sheet(book.add_worksheet(), wb, today, &bold, &date)?;
    milestones_sheet(book.add_worksheet(), wb, today, &bold, &date)?;
    metrics_sheet(book.add_worksheet(), wb, &bold, &date)?;
    maturity_sheet(book.add_worksheet(), wb, &bold, &date)?;
    readiness_sheet(book.add_worksheet(), wb, &bold, &date)?;
    challenges_sheet(book.add_worksheet(), wb, &bold, &date)?;
    Ok(book.save_to_buffer()?)
}

fn summary_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    today: Date,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(
        ws,
        "Summary",
        &[("What", 30.0), ("Value", 50.0)],
        bold,
        date,
    )?;
    let a = assess(wb);
    let roadmap = wb.roadmap_progress();
    let overdue = wb.overdue_milestones(today).count();
    let count = |n: usize| Some(f64::from(u32::try_from(n).unwrap_or(u32::MAX)));
    let texts = [
        ("Team", team_name(wb).to_string()),
        ("Lead", wb.plan.lead.clone()),
        ("Organization size", wb.plan.org_size.label().to_string()),
        (
            "Industry",
            crate::model::guide::Guide::shared()
                .industry(&wb.plan.industry)
                .map_or_else(String::new, |i| i.name.clone()),
        ),
        (
            "Maturity level",
            format!("{} {}", a.overall_level(), level_name(a.overall_level())),
        ),
        ("Recommendation", a.recommendation().to_string()),
    ];
    for (what, value) in texts {
        s.next_row();
        s.text(what)?;
        s.text(&value)?;
    }
    s.next_row();
    s.text("Plan starts")?;
    s.date(wb.start().map(crate::model::PlanMonth::first_day))?;
    s.next_row();
    s.text("Report date")?;
    s.date(Some(today))?;
    let numbers = [
        ("Readiness %", Some(f64::from(overall_percent(wb)))),
        ("Maturity average (0 to 4)", Some(a.rounded_average())),
        ("Implementation phase", Some(f64::from(a.current_phase()))),
        ("Milestones done", count(roadmap.done)),
        ("Milestones in the plan", count(roadmap.total)),
        ("Milestones overdue", count(overdue)),
    ];
    for (what, value) in numbers {
        s.next_row();
        s.text(what)?;
        s.number(value)?;
    }
    Ok(())
}

fn milestones_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    today: Date,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let header = [
        ("Month", 7.0),
        ("Month starts", 12.0),
        ("Track", 18.0),
        ("Milestone", 50.0),
        ("Owner", 16.0),
        ("Due", 12.0),
        ("Done on", 12.0),
        ("Status", 10.0),
        ("Days late", 9.0),
        ("Id", 24.0),
    ];
    let mut s = Sheet::new(ws, "Milestones", &header, bold, date)?;
    for ms in &wb.roadmap.milestones {
        s.next_row();
        let track = wb.track_name(ms);
        let overdue = wb.is_overdue(ms, today);
        s.number(Some(f64::from(ms.month)))?;
        s.date(
            wb.calendar_month(ms.month)
                .map(crate::model::PlanMonth::first_day),
        )?;
        s.text(track)?;
        s.text(&ms.text)?;
        s.text(&ms.owner)?;
        s.date(wb.due_date(ms))?;
        s.date(ms.done_on)?;
        s.text(wb.milestone_status(ms, today))?;
        #[allow(clippy::cast_precision_loss)] // days
        s.number(overdue.then(|| wb.days_late(ms, today) as f64))?;
        s.text(&ms.id)?;
    }
    Ok(())
}

fn metrics_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let header = [
        ("Group", 20.0),
        ("Metric", 40.0),
        ("Unit", 10.0),
        ("Baseline", 20.0),
        ("Baseline number", 10.0),
        ("Measured on", 12.0),
        ("Source", 16.0),
        ("Latest", 20.0),
        ("Latest number", 10.0),
        ("Latest on", 12.0),
        ("Target", 24.0),
        ("Status", 20.0),
        ("Id", 24.0),
    ];
    let mut s = Sheet::new(ws, "Metrics", &header, bold, date)?;
    for (g, m) in wb.metrics() {
        s.next_row();
        let base = m.baseline();
        let latest = m.latest();
        s.text(&g.title)?;
        s.text(&m.name)?;
        s.text(&m.unit)?;
        s.text(&display_reading(m, &base).unwrap_or_default())?;
        s.number(base.number())?;
        s.date(base.on)?;
        s.text(&m.source)?;
        if m.measurements.is_empty() {
            s.col += 3;
        } else {
            s.text(&display_reading(m, &latest).unwrap_or_default())?;
            s.number(latest.number())?;
            s.date(latest.on)?;
        }
        s.text(&m.target)?;
        let status = match target_status(m) {
            TargetStatus::NoValue => "not measured".to_string(),
            _ => status_text(m),
        };
        s.text(&status)?;
        s.text(&m.id)?;
    }
    Ok(())
}

fn maturity_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let header = [
        ("Dimension", 18.0),
        ("Dimension level", 10.0),
        ("Question", 60.0),
        ("For levels", 10.0),
        ("Answer", 12.0),
        ("Evidence", 40.0),
        ("Id", 24.0),
    ];
    let mut s = Sheet::new(ws, "Maturity", &header, bold, date)?;
    let a = assess(wb);
    for d in &a.dimensions {
        for q in &d.dimension.questions {
            s.next_row();
            s.text(&d.dimension.title)?;
            s.number(d.level.map(f64::from))?;
            s.text(&q.text)?;
            let levels: Vec<String> = q.levels.iter().map(ToString::to_string).collect();
            s.text(&levels.join(", "))?;
            s.text(super::answer_word(q.answer))?;
            s.text(&q.note)?;
            s.text(&q.id)?;
        }
    }
    Ok(())
}

fn readiness_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let header = [
        ("Category", 24.0),
        ("Category score", 10.0),
        ("At risk", 8.0),
        ("Item", 50.0),
        ("Done", 6.0),
        ("Note", 40.0),
        ("Id", 24.0),
    ];
    let mut s = Sheet::new(ws, "Readiness", &header, bold, date)?;
    let scores = category_scores(wb);
    for category in &wb.readiness {
        let score = scores.iter().find(|s| std::ptr::eq(s.category, category));
        let progress = Progress {
            done: category.items.iter().filter(|i| i.done).count(),
            total: category.items.len(),
        };
        let at_risk = match score {
            Some(s) if s.at_risk => "yes",
            Some(_) => "no",
            None => "not scored",
        };
        for i in &category.items {
            s.next_row();
            s.text(&category.title)?;
            s.text(&progress.to_string())?;
            s.text(at_risk)?;
            s.text(&i.label())?;
            s.text(if i.done { "yes" } else { "no" })?;
            s.text(&i.note)?;
            s.text(&i.id)?;
        }
    }
    Ok(())
}

fn challenges_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let header = [
        ("Challenge", 30.0),
        ("Kind", 16.0),
        ("Faced", 6.0),
        ("Flag", 16.0),
        ("Applying", 60.0),
        ("Our own", 40.0),
        ("Owner", 16.0),
        ("Symptoms", 60.0),
        ("Id", 24.0),
    ];
    let mut s = Sheet::new(ws, "Challenges", &header, bold, date)?;
    for c in &wb.challenges {
        s.next_row();
        s.text(&c.name)?;
        s.text(match c.kind {
            crate::model::ChallengeKind::Implementation => "implementation",
            crate::model::ChallengeKind::Resistance => "resistance",
        })?;
        s.text(if c.faced { "yes" } else { "no" })?;
        s.text(if c.unmitigated() {
            "! no mitigation"
        } else {
            ""
        })?;
        s.text(&c.applying.join("; "))?;
        s.text(&c.own)?;
        s.text(&c.owner)?;
        s.text(&c.symptoms)?;
        s.text(&c.id)?;
    }
    Ok(())
}

//! The Roadmap screen: a Gantt chart of tracks by month, and the monthly milestones.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{ListRow, bar, list, pad, truncate};
use super::{Theme, safe};
use crate::app::App;
use crate::model::{PlanMonth, Workbook};

/// The label of plan month `m` (1-based): a calendar month when the start is known.
pub fn month_label(wb: &Workbook, m: u32, wide: bool) -> String {
    match wb.start() {
        Some(start) => {
            let month = start.plus(i32::try_from(m).unwrap_or(1) - 1);
            if wide {
                month.label()
            } else {
                format!("{} {:02}", month.short_name(), month.year() % 100)
            }
        }
        None if wide => format!("Month {m}"),
        None => format!("M{m}"),
    }
}

/// The plan month (1-based) that `today` falls in, if it is inside the plan.
pub fn today_month(wb: &Workbook, today: PlanMonth) -> Option<u32> {
    let start = wb.start()?;
    let offset = start.months_until(today);
    u32::try_from(offset + 1)
        .ok()
        .filter(|m| (1..=wb.roadmap.months).contains(m))
}

fn chart(app: &App, width: usize, selected_month: u32, theme: Theme) -> Vec<Line<'static>> {
    let wb = &app.workbook;
    let months = wb.roadmap.months.max(1);
    let wide = width >= 120;
    let name_width = if wide { 18 } else { 10 };
    let col = (width.saturating_sub(name_width + 1) / months as usize).max(4);
    let today = today_month(wb, PlanMonth::containing(app.today));

    let mut stage_line = vec![Span::raw(" ".repeat(name_width))];
    let mut m = 1;
    while m <= months {
        if let Some(stage) = wb
            .roadmap
            .stages
            .iter()
            .find(|s| s.first_month <= m && m <= s.last_month)
        {
            let span = (stage.last_month.min(months) - m + 1) as usize;
            let w = span * col;
            let text = format!(" {}", pad(&safe(&stage.name), w.saturating_sub(1)));
            stage_line.push(Span::styled(text, theme.heading()));
            m += u32::try_from(span).unwrap_or(1);
        } else {
            stage_line.push(Span::raw(" ".repeat(col)));
            m += 1;
        }
    }

    // Each month column is a one-cell gutter (the today mark `▼` goes there) and
    // `col - 1` cells of label or bar.
    let mut header = vec![Span::raw(" ".repeat(name_width))];
    for m in 1..=months {
        let done = wb
            .roadmap
            .milestones
            .iter()
            .filter(|x| x.month == m && x.is_done())
            .count();
        let total = wb
            .roadmap
            .milestones
            .iter()
            .filter(|x| x.month == m)
            .count();
        let gutter = if today == Some(m) { "▼" } else { " " };
        let text = format!("{} {done}/{total}", month_label(wb, m, wide));
        let style = if m == selected_month {
            theme.selected()
        } else if today == Some(m) {
            theme.today()
        } else {
            theme.base()
        };
        header.push(Span::styled(gutter, theme.today()));
        header.push(Span::styled(pad(&text, col.saturating_sub(1)), style));
    }

    let mut lines = vec![Line::from(stage_line), Line::from(header)];
    for track in &wb.roadmap.tracks {
        let name = if wide || track.short.is_empty() {
            track.name.as_str()
        } else {
            track.short.as_str()
        };
        let mut spans = vec![Span::styled(pad(&safe(name), name_width), theme.heading())];
        for m in 1..=months {
            let acts: Vec<_> = track.activities.iter().filter(|a| a.month == m).collect();
            let w = col.saturating_sub(1);
            spans.push(Span::raw(" "));
            if acts.is_empty() {
                spans.push(Span::styled(pad("", w), theme.dim()));
            } else {
                let done = acts.iter().filter(|a| a.done).count();
                let (full, empty) = bar(done, acts.len(), w);
                spans.push(Span::styled(full, theme.bar_done()));
                spans.push(Span::styled(empty, theme.bar()));
            }
        }
        lines.push(Line::from(spans));
    }
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let wb = &app.workbook;
    let selected = app.selected();
    let selected_month = wb.roadmap.milestones.get(selected).map_or(1, |m| m.month);
    let chart_lines = chart(app, usize::from(area.width), selected_month, theme);
    let chart_height = u16::try_from(chart_lines.len() + 1).unwrap_or(u16::MAX);
    let [chart_area, detail] =
        Layout::vertical([Constraint::Length(chart_height), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(chart_lines), chart_area);

    let width = usize::from(area.width);
    let mut rows = Vec::new();
    let mut month = 0;
    for ms in &wb.roadmap.milestones {
        if ms.month != month {
            month = ms.month;
            rows.push(ListRow::text(Line::styled(
                format!(" Milestones of {}", month_label(wb, month, true)),
                theme.heading(),
            )));
        }
        let mark = if ms.is_done() { "[x]" } else { "[ ]" };
        let mut text = format!("   {mark} {}", safe(&ms.text));
        if ms.is_done() {
            let _ = write!(text, "  done {}", ms.done_on);
        }
        rows.push(ListRow::item(Line::raw(truncate(&text, width))));
    }
    list(frame, detail, rows, Some(selected), theme);
}

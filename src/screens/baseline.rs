//! The Baseline screen: every metric in its group with its value and target, and a
//! detail pane for the selected metric where values are typed and checked.

use crate::app::{Action, App, Effect, Field};
use crate::model::Metric;
use crate::model::measure::{TargetStatus, accepted, target_status};
use crate::present::{display_value, status_text};
use crate::ui::widgets::{ListRow, input_span, list, pad, wrap};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use std::fmt::Write as _;

/// Applies an action on the Baseline screen: each key opens one field of the metric.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let i = app.selected();
    let field = match action {
        Action::Activate => Field::MetricValue(i),
        Action::EditMeasuredOn => Field::MeasuredOn(i),
        Action::EditSource => Field::Source(i),
        _ => return None,
    };
    app.start_edit(field);
    None
}

// ---- The view

/// Width from which the list shows target and measured-on columns.
const WIDE: u16 = 120;

fn status_span(m: &Metric, show_target: bool, theme: Theme) -> Span<'static> {
    let style = match target_status(m) {
        TargetStatus::Meets => theme.good(),
        TargetStatus::Misses(_) => theme.bad(),
        TargetStatus::NoValue | TargetStatus::NoTarget => theme.dim(),
    };
    let text = match target_status(m) {
        TargetStatus::NoValue | TargetStatus::NoTarget if show_target && !m.target.is_empty() => {
            format!("target {}", m.target)
        }
        TargetStatus::NoValue => "not measured".to_string(),
        _ => status_text(m),
    };
    Span::styled(safe(&text).into_owned(), style)
}

fn rows(app: &App, width: usize, theme: Theme) -> Vec<ListRow<'_>> {
    let wide = width >= usize::from(WIDE);
    let value_width = if wide { 26 } else { 18 };
    let target_width = if wide { 26 } else { 0 };
    let date_width = if wide { 12 } else { 0 };
    let status_width = 24;
    let name_width = width
        .saturating_sub(3 + value_width + target_width + date_width + status_width)
        .max(20);
    let mut header = vec![
        Span::styled(format!("   {}", pad("Metric", name_width)), theme.heading()),
        Span::styled(pad("Baseline", value_width), theme.heading()),
    ];
    if wide {
        header.push(Span::styled(pad("Target", target_width), theme.heading()));
        header.push(Span::styled(pad("Measured", date_width), theme.heading()));
    }
    header.push(Span::styled("Against target", theme.heading()));
    let mut rows = vec![ListRow::text(Line::from(header))];
    for group in &app.workbook.baseline {
        rows.push(ListRow::text(Line::styled(
            format!(" {}", safe(&group.title)),
            theme.heading(),
        )));
        for m in &group.metrics {
            rows.push(ListRow::lazy_item(move || {
                let value = display_value(m).unwrap_or_else(|| "—".to_string());
                let mut spans = vec![
                    Span::raw(format!(
                        "   {}",
                        pad(&safe(&m.name), name_width.saturating_sub(1))
                    )),
                    Span::raw(" "),
                    Span::raw(pad(&safe(&value), value_width.saturating_sub(1))),
                    Span::raw(" "),
                ];
                if wide {
                    let target = if m.target.is_empty() {
                        "—"
                    } else {
                        &m.target
                    };
                    spans.push(Span::styled(
                        pad(&safe(target), target_width - 1),
                        theme.dim(),
                    ));
                    spans.push(Span::raw(" "));
                    let date = m
                        .measured_on
                        .map_or_else(|| "—".to_string(), |d| d.to_string());
                    spans.push(Span::styled(pad(&date, date_width - 1), theme.dim()));
                    spans.push(Span::raw(" "));
                }
                spans.push(status_span(m, !wide, theme));
                Line::from(spans)
            }));
        }
    }
    rows
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let detail_height = if area.height >= 30 { 8 } else { 6 };
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(area);
    list(
        frame,
        list_area,
        rows(app, usize::from(list_area.width), theme),
        Some(app.selected()),
        theme,
    );
    if let Some(m) = app.metric(app.selected()) {
        draw_detail(frame, detail_area, app, m, theme);
    }
}

fn draw_detail(frame: &mut Frame, area: Rect, app: &App, m: &Metric, theme: Theme) {
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" {} ", safe(&m.name)),
            theme.heading(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(1));
    let mut lines = Vec::new();

    let mut about = format!(" {}", m.kind.label());
    if !m.unit.is_empty() {
        let _ = write!(about, ", in {}", m.unit);
    }
    if !m.target.is_empty() {
        let _ = write!(about, " · target {}", m.target);
        if !m.target_source.is_empty() {
            let _ = write!(about, " ({})", m.target_source);
        }
    }
    if m.key {
        about.push_str(" · re-measured monthly");
    }
    lines.push(Line::styled(safe(&about).into_owned(), theme.dim()));

    let edit = app.edit.as_ref().filter(|e| {
        matches!(
            e.field,
            Field::MetricValue(_) | Field::MeasuredOn(_) | Field::Source(_)
        )
    });
    let label_of = |f: Field| match f {
        Field::MeasuredOn(_) => " Measured on ",
        Field::Source(_) => " Source      ",
        _ => " Value       ",
    };
    if let Some(edit) = edit {
        let label = label_of(edit.field);
        let (span, offset) = input_span(
            &edit.input,
            width.saturating_sub(label.len()).min(50),
            theme,
        );
        let y = inner.y + u16::try_from(lines.len()).unwrap_or(0);
        let x = inner.x + u16::try_from(label.len()).unwrap_or(0) + offset;
        frame.set_cursor_position(Position::new(x, y));
        lines.push(Line::from(vec![Span::styled(label, theme.heading()), span]));
        if let Some(error) = &edit.error {
            for l in wrap(&format!("! {error}"), width.saturating_sub(1)) {
                lines.push(Line::styled(format!(" {l}"), theme.bad()));
            }
        } else {
            let hint = match edit.field {
                Field::MeasuredOn(_) => "a date such as 2027-01-15, or today".to_string(),
                Field::Source(_) => {
                    "where the figure came from, such as a dashboard or export".to_string()
                }
                _ => accepted(m),
            };
            for l in wrap(&hint, width.saturating_sub(1)) {
                lines.push(Line::styled(format!(" {l}"), theme.dim()));
            }
        }
    } else {
        let value = match display_value(m) {
            Some(v) if v != m.value => format!("{} (typed {})", v, m.value),
            Some(v) => v,
            None => "not measured yet: Enter to type it".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(" Value       ", theme.heading()),
            Span::raw(format!("{}  ", safe(&value))),
            status_span(m, true, theme),
        ]));
        let date = m
            .measured_on
            .map_or_else(|| "—".to_string(), |d| d.to_string());
        let source = if m.source.is_empty() {
            "—"
        } else {
            &m.source
        };
        lines.push(Line::from(vec![
            Span::styled(" Measured on ", theme.heading()),
            Span::raw(format!("{date}  ")),
            Span::styled("Source ", theme.heading()),
            Span::raw(safe(source).into_owned()),
        ]));
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| crate::ui::widgets::fit_line(l, usize::from(inner.width)))
        .collect();
    crate::ui::widgets::render_lines(frame, inner, lines);
}

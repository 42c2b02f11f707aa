//! The monthly check-in: who to chase, the metrics with targets to re-measure, the
//! health measures to score, then the month's snapshot; or skip until next month.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use super::widgets::{ListRow, field_editor, list, pad};
use super::{Theme, safe};
use crate::app::{App, Field};
use crate::model::PlanMonth;
use crate::present::{display_value, status_text};
use crate::screens::summary::CheckInItem;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(checkin) = app.checkin else {
        return;
    };
    let area = super::overlay::centred(area, 110);
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(
                " Monthly check-in · {} (Esc skips until next month) ",
                PlanMonth::containing(app.today).label()
            ),
            theme.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let wb = &app.workbook;
    let width = usize::from(inner.width);
    let name_width = (width / 2).max(20);
    let items = app.checkin_items();
    let editing = app.edit.as_ref().map(|e| e.field);
    let mut rows = Vec::new();
    let mut last_kind = None;
    for (i, item) in items.iter().enumerate() {
        let kind = std::mem::discriminant(item);
        if last_kind != Some(kind) {
            if !rows.is_empty() {
                rows.push(ListRow::text(Line::raw("")));
            }
            let heading = match item {
                CheckInItem::Milestone(_) => format!(
                    " Who to chase: {} overdue, then this month's (D sets a done date)",
                    wb.overdue_milestones(app.today).count()
                ),
                CheckInItem::Metric(_) => {
                    " Metrics with targets: Enter records this month's value".to_string()
                }
                CheckInItem::Health(_) => {
                    " Health and leading indicators: Enter scores 1 to 5".to_string()
                }
                CheckInItem::TakeSnapshot => " Then record the month".to_string(),
            };
            rows.push(ListRow::text(Line::styled(heading, theme.heading())));
            last_kind = Some(kind);
        }
        let here = i == checkin.item;
        let row = item_line(app, *item, name_width, theme);
        let whole = if here && app.edit.is_none() {
            said_whole(app, *item, &row, width, name_width, theme)
        } else {
            Vec::new()
        };
        rows.push(ListRow::item(row));
        rows.extend(whole);
        if here
            && matches!(
                editing,
                Some(
                    Field::MetricValue(_)
                        | Field::HealthScore(_)
                        | Field::SnapshotLabel
                        | Field::Owner(_)
                        | Field::Due(_)
                        | Field::DoneOn(_)
                )
            )
        {
            rows.push(ListRow::text(Line::raw("")));
            rows.push(ListRow::text(Line::raw("")));
        }
        // The selected measure says in full what 1 and 5 mean.
        if here
            && let CheckInItem::Health(h) = *item
            && let Some(m) = wb.health.get(h)
        {
            for (n, meaning) in [(1, &m.low), (5, &m.high)] {
                rows.push(ListRow::text(Line::styled(
                    format!("       {n} = {}", safe(meaning)),
                    theme.dim(),
                )));
            }
        }
    }
    let y = list(frame, inner, rows, Some(checkin.item), theme);
    if let (Some(edit), Some(y)) = (app.edit.as_ref(), y) {
        let label = match edit.field {
            Field::SnapshotLabel => "       label ",
            Field::Owner(_) => "       owner ",
            Field::Due(_) => "         due ",
            Field::DoneOn(_) => "     done on ",
            Field::HealthScore(_) => "       score ",
            _ => "       value ",
        };
        field_editor(frame, inner, y + 1, label, edit, theme);
    }
}

/// The selected row, when too long for the window, said whole under it: a health
/// measure's name (what 1 and 5 mean follow it), or the row's text.
fn said_whole(
    app: &App,
    item: CheckInItem,
    row: &Line,
    width: usize,
    name_width: usize,
    theme: Theme,
) -> Vec<ListRow<'static>> {
    let cut = row.spans.iter().any(|s| s.content.contains('…'));
    if row.width() < width && !cut {
        return Vec::new();
    }
    let full = match item {
        CheckInItem::Health(h) => app
            .workbook
            .health
            .get(h)
            .filter(|m| safe(&m.name).width() > name_width)
            .map(|m| m.name.clone())
            .unwrap_or_default(),
        // A metric's row has its cells cut: said from the metric itself.
        CheckInItem::Metric(i) => app
            .metric(i)
            .map(|m| {
                let text = crate::screens::summary::metric_text(m);
                match planned_now(app, m) {
                    Some(planned) => format!("{text} · {planned}"),
                    None => text,
                }
            })
            .unwrap_or_default(),
        _ => row
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
            .trim()
            .to_string(),
    };
    super::widgets::wrap(&safe(&full), width.saturating_sub(8))
        .into_iter()
        .map(|l| ListRow::text(Line::styled(format!("       {l}"), theme.dim())))
        .collect()
}

/// Where a metric's path says it should be this month, as a figure to measure
/// against: `planned 45 min this month`.
fn planned_now(app: &App, m: &crate::model::Metric) -> Option<String> {
    let path = app.workbook.path_of(m)?;
    let planned = path.planned_in(app.current_month()?)?;
    let (lo, hi) = path.bounds();
    Some(format!(
        "planned {} {} this month",
        crate::present::path_figure(planned, hi - lo),
        crate::present::path_unit(m)
    ))
}

/// A milestone of the check-in: done (with its day), or one to chase.
fn milestone_line(app: &App, m: usize, theme: Theme) -> Line<'static> {
    let wb = &app.workbook;
    let Some(ms) = wb.roadmap.milestones.get(m) else {
        return Line::raw("");
    };
    if ms.is_done() {
        let on = ms
            .done_on
            .map_or_else(String::new, |d| format!(" · done {d}"));
        return Line::raw(format!("   [x] {}{on}", safe(&ms.text)));
    }
    let style = if wb.is_overdue(ms, app.today) {
        theme.warn()
    } else {
        ratatui::style::Style::default()
    };
    Line::from(vec![
        Span::raw("   [ ] "),
        Span::styled(crate::present::chase_text(wb, m, app.today), style),
    ])
}

/// A health measure or leading indicator with its score and what 1 and 5 mean.
fn health_line(app: &App, h: usize, name_width: usize, theme: Theme) -> Line<'static> {
    let Some(m) = app.workbook.health.get(h) else {
        return Line::raw("");
    };
    let score = m.score.map_or_else(|| "–".to_string(), |s| s.to_string());
    let mark = if m.kind == crate::model::HealthKind::Indicator {
        "leading"
    } else {
        "health"
    };
    Line::from(vec![
        Span::raw(format!("   {}", pad(&safe(&m.name), name_width))),
        Span::raw(format!(" {score} / 5  ")),
        Span::styled(
            format!("{mark} · 1 {} · 5 {}", safe(&m.low), safe(&m.high)),
            theme.dim(),
        ),
    ])
}

/// One row of the check-in.
fn item_line(app: &App, item: CheckInItem, name_width: usize, theme: Theme) -> Line<'static> {
    match item {
        CheckInItem::Milestone(m) => milestone_line(app, m, theme),
        CheckInItem::Metric(m) => {
            let metric = app.metric(m).cloned();
            let (name, value, mut status) = metric.as_ref().map_or_else(Default::default, |x| {
                (
                    x.name.clone(),
                    display_value(x).unwrap_or_else(|| "—".to_string()),
                    status_text(x),
                )
            });
            if let Some(planned) = metric.as_ref().and_then(|x| planned_now(app, x)) {
                status = format!("{status} · {planned}");
            }
            Line::from(vec![
                Span::raw(format!("   {}", pad(&safe(&name), name_width))),
                Span::raw(format!(" {}  ", pad(&safe(&value), 16))),
                Span::styled(status, theme.dim()),
            ])
        }
        CheckInItem::Health(h) => health_line(app, h, name_width, theme),
        CheckInItem::TakeSnapshot => Line::raw("   ▶ Take this month's snapshot (Enter)"),
    }
}

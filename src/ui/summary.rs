//! The Summary screen: where the team stands, what comes next (maturity gaps and this
//! month's open milestones), and the metrics against their targets and over time.

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::roadmap::month_label;
use super::widgets::{ListRow, field_editor, fit_line, list, pad, wrap};
use super::{Theme, safe};
use crate::app::summary::SummaryItem;
use crate::app::{App, Field, Prompt};
use crate::model::maturity::{Assessment, assess, level_name};
use crate::model::measure::{TargetStatus, display_value, fmt_change, status_text, target_status};
use crate::model::readiness::{category_scores, overall_percent};
use crate::model::snapshot::{metric_change, metric_history, sparkline};

fn standing(app: &App, a: &Assessment, width: usize, theme: Theme) -> Vec<ListRow<'static>> {
    let wb = &app.workbook;
    let mut rows = Vec::new();
    let mut head = " Where the team stands".to_string();
    if let Some(m) = app.current_month() {
        let _ = write!(
            head,
            " · {} is month {m} of {}",
            month_label(wb, m, true),
            wb.roadmap.months
        );
    }
    if let Some(s) = wb.last_snapshot() {
        let _ = write!(head, " · last snapshot '{}' {}", safe(&s.label), s.taken_on);
    }
    rows.push(ListRow::text(Line::styled(head, theme.heading())));

    let scores = category_scores(wb);
    let parts: Vec<String> = scores
        .iter()
        .map(|s| {
            let mark = if s.at_risk { "!" } else { "✓" };
            format!("{} {} {mark}", safe(&s.category.id), s.progress)
        })
        .collect();
    rows.push(ListRow::text(Line::raw(format!(
        "   Readiness {}%: {}",
        overall_percent(wb),
        parts.join(" · ")
    ))));
    for s in scores.iter().filter(|s| s.at_risk) {
        rows.push(ListRow::text(Line::styled(
            format!(
                "     ! {} puts {} at risk",
                safe(&s.category.title),
                s.tracks_at_risk.join(", ")
            ),
            theme.warn(),
        )));
    }

    maturity_rows(app, a, width, theme, &mut rows);
    roadmap_and_baseline_rows(app, theme, &mut rows);
    rows
}

/// The maturity lines of the standing: levels, phase and recommendation.
fn maturity_rows(
    app: &App,
    a: &Assessment,
    width: usize,
    theme: Theme,
    rows: &mut Vec<ListRow<'static>>,
) {
    let wb = &app.workbook;
    let phase = wb
        .phases
        .get(usize::from(a.current_phase()).saturating_sub(1))
        .map_or(String::new(), |p| format!(" ({})", safe(&p.name)));
    rows.push(ListRow::text(Line::raw(format!(
        "   Maturity {:.1} {} · implementation phase {}{phase}",
        a.rounded_average(),
        level_name(a.overall_level()),
        a.current_phase()
    ))));
    let dims: Vec<String> = a
        .dimensions
        .iter()
        .map(|d| {
            let level = d.level.map_or_else(|| "n/a".to_string(), |l| l.to_string());
            format!("{} {level}", safe(&d.dimension.title))
        })
        .collect();
    for l in wrap(&dims.join(" · "), width.saturating_sub(5)) {
        rows.push(ListRow::text(Line::styled(
            format!("     {l}"),
            theme.dim(),
        )));
    }
    for l in wrap(a.recommendation(), width.saturating_sub(5)) {
        rows.push(ListRow::text(Line::styled(
            format!("     {l}"),
            theme.dim(),
        )));
    }
}

/// Roadmap progress and the baseline against its targets.
fn roadmap_and_baseline_rows(app: &App, theme: Theme, rows: &mut Vec<ListRow<'static>>) {
    let wb = &app.workbook;
    let progress = wb.roadmap_progress();
    let overdue = wb.overdue_milestones(app.today).count();
    let this_month = app.current_month().map_or(String::new(), |m| {
        format!("this month {} · ", wb.month_progress(m))
    });
    let overdue_text = if overdue > 0 {
        format!(" · ! {overdue} overdue")
    } else {
        String::new()
    };
    rows.push(ListRow::text(Line::raw(format!(
        "   Roadmap: {this_month}overall {progress} milestones{overdue_text}"
    ))));
    if wb.start().is_none() {
        rows.push(ListRow::text(Line::styled(
            "     Set the start month on Setup (1) to date the roadmap and its milestones",
            theme.dim(),
        )));
    }

    let (mut meets, mut misses, mut measured) = (0, 0, 0);
    for (_, m) in wb.metrics() {
        match target_status(m) {
            TargetStatus::Meets => meets += 1,
            TargetStatus::Misses(_) => misses += 1,
            TargetStatus::NoValue => continue,
            TargetStatus::NoTarget => {}
        }
        measured += 1;
    }
    rows.push(ListRow::text(Line::raw(format!(
        "   Baseline: {measured} of {} metrics measured; {meets} meet their targets, {misses} miss",
        wb.metrics().count()
    ))));
}

/// Column widths of the metric rows.
struct MetricColumns {
    short_names: bool,
    name: usize,
    value: usize,
    status: usize,
    change: usize,
    changes: bool,
}

impl MetricColumns {
    fn new(width: usize, changes: bool) -> Self {
        let wide = width >= 120;
        let (value, status, change) = if wide { (16, 24, 12) } else { (12, 22, 9) };
        let fixed = 3 + 1 + value + 1 + status + 1 + if changes { 2 * change + 2 + 6 } else { 0 };
        Self {
            short_names: !wide,
            name: width.saturating_sub(fixed).clamp(12, 60),
            value,
            status,
            change,
            changes,
        }
    }
}

fn item_row(
    app: &App,
    a: &Assessment,
    item: SummaryItem,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let wb = &app.workbook;
    match item {
        SummaryItem::Gap(q) => {
            let (d, question) = app.question(q).map_or((0, None), |(d, q)| (d, Some(q)));
            let dim = &wb.maturity[d];
            let level = a.dimensions[d].level.unwrap_or(0) + 1;
            Line::from(vec![
                Span::styled(" ! ", theme.warn()),
                Span::raw(format!(
                    "{} to level {level}: {}",
                    safe(&dim.title),
                    safe(question.map_or("", |q| q.text.as_str()))
                )),
            ])
        }
        SummaryItem::Milestone(i) => {
            let ms = &wb.roadmap.milestones[i];
            Line::raw(format!("   [ ] {} (this month)", safe(&ms.text)))
        }
        SummaryItem::Metric(i) => {
            let Some(m) = app.metric(i) else {
                return Line::raw("");
            };
            let g = MetricColumns::new(width, !wb.snapshots.is_empty());
            let value = display_value(m).unwrap_or_else(|| "—".to_string());
            let status = match target_status(m) {
                TargetStatus::NoValue => "not measured".to_string(),
                _ => status_text(m),
            };
            let style = match target_status(m) {
                TargetStatus::Meets => theme.good(),
                TargetStatus::Misses(_) => theme.bad(),
                _ => theme.dim(),
            };
            let change = |s: Option<&crate::model::Snapshot>| {
                s.and_then(|s| metric_change(m, s))
                    .map_or_else(|| "—".to_string(), |d| fmt_change(m, d))
            };
            let name = if g.short_names { m.label() } else { &m.name };
            let mut spans = vec![
                Span::raw(format!("   {} ", pad(&safe(name), g.name))),
                Span::raw(format!("{} ", pad(&safe(&value), g.value))),
                Span::styled(format!("{} ", pad(&status, g.status)), style),
            ];
            if g.changes {
                spans.push(Span::raw(format!(
                    "{} {} ",
                    pad(&change(wb.baseline_snapshot()), g.change),
                    pad(&change(wb.last_snapshot()), g.change)
                )));
                spans.push(Span::styled(
                    sparkline(&metric_history(wb, m)),
                    theme.bar_done(),
                ));
            }
            Line::from(spans)
        }
    }
}

/// Every row of the Summary. The assessment is made once, by the caller, for all of them.
fn rows<'a>(app: &'a App, a: &'a Assessment<'a>, width: usize, theme: Theme) -> Vec<ListRow<'a>> {
    let mut rows = standing(app, a, width, theme);
    let items = app.summary_items();
    rows.push(ListRow::text(Line::raw("")));
    rows.push(ListRow::text(Line::styled(
        " Next actions: maturity gaps (Enter puts one on the roadmap), open milestones",
        theme.heading(),
    )));
    let mut in_metrics = false;
    for item in items {
        if matches!(item, SummaryItem::Metric(_)) && !in_metrics {
            in_metrics = true;
            rows.push(ListRow::text(Line::raw("")));
            let g = MetricColumns::new(width, !app.workbook.snapshots.is_empty());
            let mut head = " Metrics against targets".to_string();
            if g.changes {
                head = format!(
                    "{}{} {} trend",
                    pad(&head, 3 + g.name + 1 + g.value + 1 + g.status + 1),
                    pad(
                        if g.change > 10 {
                            "vs baseline"
                        } else {
                            "vs base"
                        },
                        g.change
                    ),
                    pad("vs last", g.change)
                );
            }
            rows.push(ListRow::text(Line::styled(head, theme.heading())));
        }
        rows.push(ListRow::lazy_item(move || {
            item_row(app, a, item, width, theme)
        }));
    }
    rows
}

/// The question or field shown above the list, if any.
fn top(app: &App) -> Option<String> {
    let wb = &app.workbook;
    match app.prompt? {
        Prompt::GapMilestone {
            question,
            month,
            track,
        } => {
            let text = app.gap_milestone_text(question).unwrap_or_default();
            let track = wb
                .roadmap
                .tracks
                .get(track)
                .map_or(String::new(), |t| safe(&t.name).into_owned());
            Some(format!(
                " Add '{}' to ◂ {} ▸ in ◂ {track} ▸ · ←→ month, ↑↓ track, Enter adds, Esc cancels",
                safe(&text),
                month_label(wb, month, true)
            ))
        }
        Prompt::ExportFormat => Some(
            " Export a report beside the workbook: m Markdown, j JSON, c CSV, g Mermaid Gantt · Esc cancels"
                .to_string(),
        ),
        _ => None,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let assessment = assess(&app.workbook);
    let prompt = top(app);
    let label = app
        .edit
        .as_ref()
        .filter(|e| e.field == Field::SnapshotLabel && app.checkin.is_none());
    let top_height = if label.is_some() {
        2
    } else {
        u16::from(prompt.is_some()) * 2
    };
    let [top_area, body] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
    if let Some(text) = prompt {
        let width = usize::from(area.width);
        let lines: Vec<Line> = wrap(&text, width)
            .into_iter()
            .take(2)
            .map(|l| fit_line(Line::styled(l, theme.selected()), width))
            .collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), top_area);
    }
    if let Some(edit) = label {
        field_editor(
            frame,
            top_area,
            top_area.y,
            " Snapshot label: ",
            edit,
            theme,
        );
    }
    list(
        frame,
        body,
        rows(app, &assessment, usize::from(body.width), theme),
        Some(app.cursor[crate::app::Screen::Summary.index()]),
        theme,
    );
}

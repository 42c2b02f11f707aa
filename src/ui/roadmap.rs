//! The Roadmap screen: a Gantt chart of tracks by month with a cell cursor, and below
//! it the selected cell's activities and the selected month's milestones.
//!
//! Only the months and tracks that fit are drawn: the chart scrolls to keep the
//! cursor in view, so its cost does not grow with the size of the plan.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::widgets::{ListRow, field_editor, fit_line, list, pad};
use super::{Theme, safe};
use crate::app::roadmap::{Focus, Item};
use crate::app::{App, Field, Prompt};
use crate::model::Workbook;

/// From this width the chart shows full track and month names.
const WIDE: u16 = 120;

/// The label of plan month `m` (1-based): a calendar month when the start is known.
pub fn month_label(wb: &Workbook, m: u32, wide: bool) -> String {
    match wb.calendar_month(m) {
        Some(month) if wide => month.label(),
        Some(month) => format!("{} {:02}", month.short_name(), month.year() % 100),
        None if wide => format!("Month {m}"),
        None => format!("M{m}"),
    }
}

/// The first of `visible` items to show so that `selected` is in view, centred where
/// there is room.
fn window(total: usize, visible: usize, selected: usize) -> usize {
    if total <= visible {
        0
    } else {
        selected.saturating_sub(visible / 2).min(total - visible)
    }
}

/// Where the chart's columns go.
struct Geometry {
    wide: bool,
    name_width: usize,
    col: usize,
    /// The plan months that fit, in order.
    shown: Vec<u32>,
    /// Whether months before / after the shown ones exist.
    more_before: bool,
    more_after: bool,
}

impl Geometry {
    fn new(app: &App, width: usize) -> Self {
        let months = usize::try_from(app.workbook.roadmap.months.max(1)).unwrap_or(1);
        let wide = width >= usize::from(WIDE);
        let name_width = if wide { 20 } else { 8 };
        let min_col = if wide { 15 } else { 12 };
        let visible = (width.saturating_sub(name_width) / min_col).clamp(1, months);
        let col = width.saturating_sub(name_width) / visible;
        let selected = usize::try_from(app.roadmap.month).unwrap_or(1);
        let first = window(months, visible, selected - 1) + 1;
        Self {
            wide,
            name_width,
            col,
            shown: (first..first + visible)
                .filter_map(|m| u32::try_from(m).ok())
                .collect(),
            more_before: first > 1,
            more_after: first + visible <= months,
        }
    }
}

/// The stages of the plan above the month columns.
fn stage_line(app: &App, g: &Geometry, theme: Theme) -> Line<'static> {
    let stages = &app.workbook.roadmap.stages;
    let mut spans = vec![Span::raw(pad(
        if g.more_before { "◂" } else { "" },
        g.name_width,
    ))];
    let mut i = 0;
    while i < g.shown.len() {
        let m = g.shown[i];
        let stage = stages
            .iter()
            .find(|s| s.first_month <= m && m <= s.last_month);
        let span = stage.map_or(1, |s| {
            g.shown[i..]
                .iter()
                .take_while(|&&x| x <= s.last_month)
                .count()
        });
        let name = stage.map_or(String::new(), |s| safe(&s.name).into_owned());
        spans.push(Span::styled(
            format!(" {}", pad(&name, (span * g.col).saturating_sub(1))),
            theme.heading(),
        ));
        i += span.max(1);
    }
    if g.more_after {
        spans.push(Span::raw("▸"));
    }
    Line::from(spans)
}

/// Month headers: label, milestones done, `!` when overdue; `▼` marks today.
fn month_line(app: &App, g: &Geometry, theme: Theme) -> Line<'static> {
    let wb = &app.workbook;
    let today = wb.month_of(app.today);
    let mut spans = vec![Span::raw(" ".repeat(g.name_width))];
    for &m in &g.shown {
        let overdue = if wb.month_overdue(m, app.today) {
            "!"
        } else {
            ""
        };
        let text = format!(
            "{} {}{overdue}",
            month_label(wb, m, g.wide),
            wb.month_progress(m)
        );
        let style = if m == app.roadmap.month {
            theme.selected()
        } else if today == Some(m) {
            theme.today()
        } else {
            theme.base()
        };
        let gutter = if today == Some(m) { "▼" } else { " " };
        spans.push(Span::styled(gutter, theme.today()));
        spans.push(Span::styled(pad(&text, g.col.saturating_sub(1)), style));
    }
    Line::from(spans)
}

/// One track: a bar per month with activities, filled in proportion to those done;
/// the selected cell is bracketed.
fn track_line(app: &App, g: &Geometry, t: usize, theme: Theme) -> Line<'static> {
    let c = app.roadmap;
    let track = &app.workbook.roadmap.tracks[t];
    let name = if g.wide || track.short.is_empty() {
        track.name.as_str()
    } else {
        track.short.as_str()
    };
    let selected_track = t == c.track;
    let pointer = if selected_track { "▸" } else { " " };
    let mut spans = vec![Span::styled(
        format!("{pointer}{}", pad(&safe(name), g.name_width - 1)),
        if selected_track {
            theme.heading()
        } else {
            theme.base()
        },
    )];
    for &m in &g.shown {
        let p = track.cell_progress(m);
        let inner = g.col.saturating_sub(3);
        let here = selected_track && m == c.month;
        let (open, close) = if here { ("[", "]") } else { (" ", " ") };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(open, theme.selected()));
        if p.total == 0 {
            spans.push(Span::styled(" ".repeat(inner), theme.dim()));
        } else {
            let (full, empty) = super::widgets::bar(p.done, p.total, inner);
            let (full_style, empty_style) = if here && c.focus == Focus::Chart {
                (theme.selected(), theme.selected())
            } else {
                (theme.bar_done(), theme.bar())
            };
            spans.push(Span::styled(full, full_style));
            spans.push(Span::styled(empty, empty_style));
        }
        spans.push(Span::styled(close, theme.selected()));
    }
    Line::from(spans)
}

/// The chart's lines for an area `width` columns wide with room for `rows` lines.
/// Only the tracks and months that fit are drawn.
fn chart(app: &App, width: usize, rows: usize, theme: Theme) -> Vec<Line<'static>> {
    let g = Geometry::new(app, width);
    let mut lines = vec![stage_line(app, &g, theme), month_line(app, &g, theme)];
    let tracks = app.workbook.roadmap.tracks.len();
    let track_rows = rows.saturating_sub(2).max(1);
    let first = window(tracks, track_rows, app.roadmap.track);
    for t in (first..tracks).take(track_rows) {
        lines.push(track_line(app, &g, t, theme));
    }
    if tracks > track_rows {
        lines.push(Line::styled(
            format!(" {} more tracks: ↑↓ scroll", tracks - track_rows),
            theme.dim(),
        ));
    }
    lines
}

fn milestone_row(app: &App, i: usize, wide: bool, theme: Theme) -> Line<'static> {
    let wb = &app.workbook;
    let ms = &wb.roadmap.milestones[i];
    let overdue = wb.is_overdue(ms, app.today);
    let mark = if ms.is_done() { "[x]" } else { "[ ]" };
    let lead = if overdue { " ! " } else { "   " };
    let mut spans = vec![Span::raw(format!("{lead}{mark} {}", safe(&ms.text)))];
    let mut facts = Vec::new();
    if let Some(day) = ms.done_on {
        facts.push(format!("done {day}"));
    } else if overdue {
        facts.push("overdue".to_string());
    }
    if !ms.owner.is_empty() {
        facts.push(format!("owner {}", safe(&ms.owner)));
    }
    if !ms.is_done() {
        match (ms.due, wb.due_date(ms)) {
            (Some(due), _) => facts.push(format!("due {due}")),
            (None, Some(d)) if wide => facts.push(format!("due {d}")),
            _ => {}
        }
    }
    if wide && let Some(track) = wb.roadmap.tracks.iter().find(|t| t.id == ms.track) {
        facts.push(safe(&track.name).into_owned());
    }
    if !facts.is_empty() {
        let style = if overdue { theme.warn() } else { theme.dim() };
        spans.push(Span::styled(format!("  · {}", facts.join(" · ")), style));
    }
    Line::from(spans)
}

/// The list under the chart, and the index of the list row each item is on.
fn detail_rows(app: &App, wide: bool, theme: Theme) -> Vec<ListRow<'_>> {
    let wb = &app.workbook;
    let c = app.roadmap;
    let month = month_label(wb, c.month, true);
    let mut rows = Vec::new();
    let track = wb.roadmap.tracks.get(c.track);
    let editing = app.edit.as_ref().map(|e| e.field);
    let items = app.roadmap_items();
    for (i, item) in items.iter().enumerate() {
        let first_of_kind =
            i == 0 || std::mem::discriminant(&items[i - 1]) != std::mem::discriminant(item);
        if first_of_kind {
            if !rows.is_empty() {
                rows.push(ListRow::text(Line::raw("")));
            }
            rows.push(match item {
                Item::Activity(t, _) => {
                    let p = wb.roadmap.tracks[*t].cell_progress(c.month);
                    ListRow::text(Line::styled(
                        format!(
                            " {} · {month} · activities {p}",
                            safe(track.map_or("", |t| t.name.as_str()))
                        ),
                        theme.heading(),
                    ))
                }
                Item::Milestone(_) => milestone_heading(app, theme),
            });
        }
        rows.push(match *item {
            Item::Activity(t, a) => {
                let act = &wb.roadmap.tracks[t].activities[a];
                let mark = if act.done { "[x]" } else { "[ ]" };
                ListRow::item(Line::raw(format!("   {mark} {}", safe(&act.text))))
            }
            Item::Milestone(i) => ListRow::lazy_item(move || milestone_row(app, i, wide, theme)),
        });
        // Room for an editor opened on this item.
        let here = c.focus == Focus::List && c.item == i;
        if here
            && matches!(
                editing,
                Some(
                    Field::ActivityText(..)
                        | Field::MilestoneText(_)
                        | Field::Owner(_)
                        | Field::Due(_)
                )
            )
        {
            rows.push(ListRow::text(Line::raw("")));
        }
    }
    if !items.iter().any(|i| matches!(i, Item::Activity(..))) {
        rows.insert(
            0,
            ListRow::text(Line::styled(
                format!(
                    " {} · {month} · no activities this month (a adds one)",
                    safe(track.map_or("", |t| t.name.as_str()))
                ),
                theme.dim(),
            )),
        );
    }
    if !items.iter().any(|i| matches!(i, Item::Milestone(_))) {
        rows.push(ListRow::text(Line::raw("")));
        rows.push(milestone_heading(app, theme));
        rows.push(ListRow::text(Line::styled(
            "   no milestones (a adds one)",
            theme.dim(),
        )));
    }
    rows
}

fn milestone_heading(app: &App, theme: Theme) -> ListRow<'static> {
    let wb = &app.workbook;
    let m = app.roadmap.month;
    let p = wb.month_progress(m);
    let mut text = format!(" Milestones of {} · {p} done", month_label(wb, m, true));
    if wb.month_overdue(m, app.today) {
        text.push_str(" · ! overdue: the month has ended with open milestones");
    }
    ListRow::text(Line::styled(text, theme.heading()))
}

/// A line above the list for a question or a new item's name.
fn top_line(app: &App) -> Option<String> {
    let wb = &app.workbook;
    let c = app.roadmap;
    let track = wb
        .roadmap
        .tracks
        .get(c.track)
        .map_or(String::new(), |t| safe(&t.name).into_owned());
    let month = month_label(wb, c.month, true);
    match app.prompt {
        Some(Prompt::AddKind) => Some(format!(
            " Add to {month} · {track}: m a milestone, a an activity, Esc cancels"
        )),
        Some(Prompt::Delete(item)) => {
            let what = match item {
                Item::Activity(t, a) => wb
                    .roadmap
                    .tracks
                    .get(t)
                    .and_then(|t| t.activities.get(a))
                    .map(|a| a.text.clone()),
                Item::Milestone(i) => wb.roadmap.milestones.get(i).map(|m| m.text.clone()),
            }
            .unwrap_or_default();
            Some(format!(" Delete '{}'? y deletes, n keeps it", safe(&what)))
        }
        _ => None,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let wide = area.width >= WIDE;
    let tracks = app.workbook.roadmap.tracks.len();
    // The chart takes what it needs, up to half the screen.
    let want = tracks + 3;
    let chart_rows = want.min(usize::from(area.height / 2).max(5));
    let chart_lines = chart(app, usize::from(area.width), chart_rows, theme);
    let chart_height = u16::try_from(chart_lines.len()).unwrap_or(0);
    let edit = app.edit.as_ref();
    let new_item = edit.filter(|e| {
        matches!(
            e.field,
            Field::NewActivity | Field::NewMilestone | Field::TrackName(_)
        )
    });
    let top = top_line(app);
    let top_height = if new_item.is_some() {
        2
    } else {
        u16::from(top.is_some())
    };
    let [chart_area, _, top_area, detail] = Layout::vertical([
        Constraint::Length(chart_height),
        Constraint::Length(1),
        Constraint::Length(top_height),
        Constraint::Min(0),
    ])
    .areas(area);
    super::widgets::render_lines(frame, chart_area, chart_lines);

    if let Some(text) = top {
        frame.render_widget(
            fit_line(
                Line::styled(text, theme.selected()),
                usize::from(area.width),
            ),
            top_area,
        );
    }
    if let Some(edit) = new_item {
        let label = match edit.field {
            Field::NewActivity => " New activity: ",
            Field::NewMilestone => " New milestone: ",
            _ => " Track name: ",
        };
        field_editor(frame, top_area, top_area.y, label, edit, theme);
    }

    let selected = (app.roadmap.focus == Focus::List).then_some(app.roadmap.item);
    let y = list(
        frame,
        detail,
        detail_rows(app, wide, theme),
        selected,
        theme,
    );
    if let (Some(edit), Some(y)) = (edit, y) {
        let label = match edit.field {
            Field::ActivityText(..) | Field::MilestoneText(_) => Some("       rename "),
            Field::Owner(_) => Some("       owner "),
            Field::Due(_) => Some("       due "),
            _ => None,
        };
        if let Some(label) = label {
            field_editor(frame, detail, y + 1, label, edit, theme);
        }
    }
}

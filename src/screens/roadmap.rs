//! The Roadmap screen: a Gantt chart of tracks by month with a cell cursor, and below
//! it the selected cell's activities and the selected month's milestones; ticking,
//! adding, renaming and deleting them. Its state (the cursor), update and view.

use crate::app::{Action, App, Effect, Field, Prompt};
use crate::model::Workbook;
use crate::ui::widgets::{ListRow, field_editor, fit_line, list, pad};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Which part of the Roadmap screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Arrows move between cells of the chart.
    #[default]
    Chart,
    /// Arrows move through the selected cell's activities and month's milestones.
    List,
}

/// The Roadmap screen's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoadmapCursor {
    /// Index of the selected track.
    pub track: usize,
    /// The selected plan month, from 1.
    pub month: u32,
    pub focus: Focus,
    /// Selected row of the list, when it has the focus.
    pub item: usize,
}

impl Default for RoadmapCursor {
    fn default() -> Self {
        Self {
            track: 0,
            month: 1,
            focus: Focus::Chart,
            item: 0,
        }
    }
}

/// One row of the Roadmap list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Track index and activity index within the track.
    Activity(usize, usize),
    /// Milestone index.
    Milestone(usize),
}

impl App {
    /// The rows of the Roadmap list: the selected cell's activities, then the selected
    /// month's milestones.
    pub fn roadmap_items(&self) -> Vec<Item> {
        let c = self.roadmap;
        let rm = &self.workbook.roadmap;
        let mut items: Vec<Item> = rm
            .tracks
            .get(c.track)
            .map(|t| {
                t.activities
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.month == c.month)
                    .map(|(i, _)| Item::Activity(c.track, i))
                    .collect()
            })
            .unwrap_or_default();
        items.extend(
            rm.milestones
                .iter()
                .enumerate()
                .filter(|(_, m)| m.month == c.month)
                .map(|(i, _)| Item::Milestone(i)),
        );
        items
    }

    /// The list row under the cursor, when the list has the focus.
    pub fn roadmap_item(&self) -> Option<Item> {
        if self.roadmap.focus != Focus::List {
            return None;
        }
        self.roadmap_items().get(self.roadmap.item).copied()
    }

    /// Keeps the cursor inside the plan after a change of size or content.
    pub(crate) fn clamp_roadmap(&mut self) {
        let months = self.workbook.roadmap.months.max(1);
        let tracks = self.workbook.roadmap.tracks.len();
        let c = &mut self.roadmap;
        c.month = c.month.clamp(1, months);
        c.track = c.track.min(tracks.saturating_sub(1));
        let n = self.roadmap_items().len();
        let c = &mut self.roadmap;
        c.item = c.item.min(n.saturating_sub(1));
        if n == 0 {
            c.focus = Focus::Chart;
        }
    }

    fn move_roadmap(&mut self, action: Action) {
        let months = self.workbook.roadmap.months.max(1);
        let tracks = self.workbook.roadmap.tracks.len();
        let list = self.roadmap.focus == Focus::List;
        let rows = if list {
            self.roadmap_items().len()
        } else {
            tracks
        };
        let c = &mut self.roadmap;
        let row = if list { &mut c.item } else { &mut c.track };
        match action {
            Action::Left => c.month = c.month.saturating_sub(1).max(1),
            Action::Right => c.month = (c.month + 1).min(months),
            Action::Up => *row = row.saturating_sub(1),
            Action::Down => *row = (*row + 1).min(rows.saturating_sub(1)),
            Action::PageUp | Action::Home => *row = 0,
            Action::PageDown | Action::End => *row = rows.saturating_sub(1),
            _ => {}
        }
        self.clamp_roadmap();
    }

    /// Whether a list item is ticked.
    fn item_done(&self, item: Item) -> bool {
        let rm = &self.workbook.roadmap;
        match item {
            Item::Activity(t, a) => rm
                .tracks
                .get(t)
                .and_then(|t| t.activities.get(a))
                .is_some_and(|a| a.done),
            Item::Milestone(i) => rm
                .milestones
                .get(i)
                .is_some_and(crate::model::Milestone::is_done),
        }
    }

    fn toggle_item(&mut self, item: Item) -> Option<Effect> {
        let today = self.today;
        let rm = &mut self.workbook.roadmap;
        match item {
            Item::Activity(t, a) => {
                let act = rm.tracks.get_mut(t)?.activities.get_mut(a)?;
                act.done = !act.done;
            }
            Item::Milestone(i) => {
                let ms = rm.milestones.get_mut(i)?;
                ms.toggle(today);
            }
        }
        Some(self.changed())
    }

    fn delete_item(&mut self, item: Item) -> Option<Effect> {
        let rm = &mut self.workbook.roadmap;
        match item {
            Item::Activity(t, a) => {
                let acts = &mut rm.tracks.get_mut(t)?.activities;
                (a < acts.len()).then(|| acts.remove(a))?;
            }
            Item::Milestone(i) => {
                (i < rm.milestones.len()).then(|| rm.milestones.remove(i))?;
            }
        }
        self.clamp_roadmap();
        Some(self.changed())
    }

    /// The text an edit of the roadmap starts from.
    pub(crate) fn roadmap_field_value(&self, field: Field) -> Option<String> {
        let rm = &self.workbook.roadmap;
        Some(match field {
            Field::TrackName(t) => rm.tracks.get(t)?.name.clone(),
            Field::ActivityText(t, a) => rm.tracks.get(t)?.activities.get(a)?.text.clone(),
            Field::MilestoneText(i) => rm.milestones.get(i)?.text.clone(),
            Field::Owner(i) => rm.milestones.get(i)?.owner.clone(),
            Field::Due(i) => rm
                .milestones
                .get(i)?
                .due
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Field::NewActivity | Field::NewMilestone => String::new(),
            _ => return None,
        })
    }

    /// Stores a confirmed roadmap edit; `Ok(changed)` or why it was refused.
    pub(crate) fn commit_roadmap_field(
        &mut self,
        field: Field,
        text: String,
    ) -> Result<bool, String> {
        if text.is_empty()
            && matches!(
                field,
                Field::TrackName(_)
                    | Field::ActivityText(..)
                    | Field::MilestoneText(_)
                    | Field::NewActivity
                    | Field::NewMilestone
            )
        {
            return Err("a name cannot be empty; Esc cancels".to_string());
        }
        crate::app::check_length("a name", &text)?;
        let today = self.today;
        let c = self.roadmap;
        let rm = &mut self.workbook.roadmap;
        let slot = match field {
            Field::TrackName(t) => rm.tracks.get_mut(t).map(|t| &mut t.name),
            Field::ActivityText(t, a) => rm
                .tracks
                .get_mut(t)
                .and_then(|t| t.activities.get_mut(a))
                .map(|a| &mut a.text),
            Field::MilestoneText(i) => rm.milestones.get_mut(i).map(|m| &mut m.text),
            Field::Owner(i) => rm.milestones.get_mut(i).map(|m| &mut m.owner),
            Field::Due(i) => {
                let value = crate::app::parse_day(&text, today)?;
                // A day outside the plan's months is kept, with a word about it.
                if let (Some(day), Some((first, last))) = (value, self.workbook.plan_days())
                    && (day < first || day > last)
                {
                    self.notice = Some(format!(
                        "Due {day} is outside the plan's months ({first} to {last}); kept"
                    ));
                }
                let rm = &mut self.workbook.roadmap;
                return Ok(rm
                    .milestones
                    .get_mut(i)
                    .is_some_and(|m| crate::app::replace(&mut m.due, value)));
            }
            Field::NewActivity => {
                if self
                    .workbook
                    .add_activity(c.track, c.month, &text)
                    .is_none()
                {
                    return Ok(false);
                }
                self.focus_last_of(|item| matches!(item, Item::Activity(..)));
                return Ok(true);
            }
            Field::NewMilestone => {
                let track_id = rm
                    .tracks
                    .get(c.track)
                    .map(|t| t.id.clone())
                    .unwrap_or_default();
                self.workbook.add_milestone(c.month, &track_id, &text);
                self.focus_last_of(|item| matches!(item, Item::Milestone(_)));
                return Ok(true);
            }
            _ => return Ok(false),
        };
        Ok(slot.is_some_and(|s| crate::app::replace(s, text)))
    }

    /// Puts the list focus on the last row that matches, such as a new milestone.
    fn focus_last_of(&mut self, matches: impl Fn(&Item) -> bool) {
        let items = self.roadmap_items();
        if let Some(i) = items.iter().rposition(matches) {
            self.roadmap.focus = Focus::List;
            self.roadmap.item = i;
        }
    }
}

/// Applies an action on the Roadmap screen.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let item = app.roadmap_item();
    match action {
        Action::Left
        | Action::Right
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            app.move_roadmap(action);
            None
        }
        Action::Activate => {
            match (app.roadmap.focus, item) {
                (Focus::Chart, _) => {
                    if !app.roadmap_items().is_empty() {
                        app.roadmap.focus = Focus::List;
                        app.roadmap.item = 0;
                    }
                }
                (Focus::List, Some(item)) => app.start_edit(rename_field(item)),
                (Focus::List, None) => {}
            }
            None
        }
        Action::Cancel => {
            app.roadmap.focus = Focus::Chart;
            None
        }
        Action::Toggle => {
            let effect = app.toggle_item(item?);
            // A tick moves on to the next item of the list, as on every screen.
            if app.item_done(item?) {
                let last = app.roadmap_items().len().saturating_sub(1);
                app.roadmap.item = (app.roadmap.item + 1).min(last);
            }
            effect
        }
        Action::Add => {
            app.prompt = Some(Prompt::AddKind);
            None
        }
        Action::AddActivity => {
            app.prompt = None;
            app.start_edit(Field::NewActivity);
            None
        }
        Action::AddMilestone => {
            app.prompt = None;
            app.start_edit(Field::NewMilestone);
            None
        }
        Action::ShiftLater | Action::ShiftEarlier if app.roadmap.focus == Focus::Chart => {
            app.prompt = Some(Prompt::Shift {
                track: app.roadmap.track,
                from: app.roadmap.month,
                delta: if action == Action::ShiftLater { 1 } else { -1 },
            });
            None
        }
        Action::NextMetric => {
            let i = app.next_path_metric()?;
            let name = app.metric(i).map(|m| m.label().to_string());
            app.notice = name.map(|n| format!("Under the chart: {n}'s path"));
            None
        }
        Action::Rename => {
            let field = match (app.roadmap.focus, item) {
                (Focus::List, Some(item)) => rename_field(item),
                _ => Field::TrackName(app.roadmap.track),
            };
            app.start_edit(field);
            None
        }
        Action::Delete => {
            app.prompt = Some(Prompt::Delete(item?));
            None
        }
        Action::Confirm => match app.prompt.take() {
            Some(Prompt::Delete(item)) => app.delete_item(item),
            _ => None,
        },
        Action::EditOwner | Action::EditDue | Action::EditDoneOn => {
            let Some(Item::Milestone(i)) = item else {
                return None;
            };
            app.start_edit(crate::app::milestone_field(action, i)?);
            None
        }
        _ => None,
    }
}

fn rename_field(item: Item) -> Field {
    match item {
        Item::Activity(t, a) => Field::ActivityText(t, a),
        Item::Milestone(i) => Field::MilestoneText(i),
    }
}

// ---- The view

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
            // Wide cells say how many activities are done beside the bar.
            let figure = if g.wide && inner >= 12 {
                format!(" {p}")
            } else {
                String::new()
            };
            let (full, empty) = crate::ui::widgets::bar(p.done, p.total, inner - figure.width());
            let (full_style, empty_style) = if here && c.focus == Focus::Chart {
                (theme.selected(), theme.selected())
            } else {
                (theme.bar_done(), theme.bar())
            };
            spans.push(Span::styled(full, full_style));
            spans.push(Span::styled(empty, empty_style));
            spans.push(Span::styled(figure, theme.dim()));
        }
        spans.push(Span::styled(close, theme.selected()));
    }
    Line::from(spans)
}

/// The chart's lines for an area `width` columns wide with room for `rows` lines.
/// Only the tracks and months that fit are drawn.
fn chart(app: &App, g: &Geometry, rows: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![stage_line(app, g, theme), month_line(app, g, theme)];
    let tracks = app.workbook.roadmap.tracks.len();
    let track_rows = rows.saturating_sub(2).max(1);
    let first = window(tracks, track_rows, app.roadmap.track);
    for t in (first..tracks).take(track_rows) {
        lines.push(track_line(app, g, t, theme));
    }
    if tracks > track_rows {
        lines.push(Line::styled(
            format!(" {} more tracks: ↑↓ scroll", tracks - track_rows),
            theme.dim(),
        ));
    }
    lines
}

/// The path of the metric `path_metric` picks, under the chart in its month columns:
/// a heading, then the planned and the measured value of each month, each led by a
/// bar so that the two rows read as sparklines on one scale.
/// In a short window (`compact`) the heading is left out and the metric's name leads
/// the planned row.
fn path_rows(
    app: &App,
    g: &Geometry,
    width: usize,
    compact: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    use crate::present::{behind_short, path_unit, sparkline_in};
    let wb = &app.workbook;
    let Some(m) = app.path_metric().and_then(|i| app.metric(i)) else {
        return Vec::new();
    };
    let Some(path) = wb.path_of(m) else {
        return Vec::new();
    };
    let (lo, hi) = path.bounds();
    let fig = |x: f64| crate::present::path_figure(x, hi - lo);
    let heading = match path.behind(m) {
        Some(b) => format!(
            " {} ({}) · ! {}",
            m.label(),
            path_unit(m),
            behind_short(wb, m, &b, fig)
        ),
        None => format!(
            " {} ({}): the path planned, then measured",
            m.label(),
            path_unit(m)
        ),
    };
    let plan_label = if compact {
        format!(" {}", safe(m.label()))
    } else if g.wide {
        "  planned".to_string()
    } else {
        "  plan".to_string()
    };
    let mut plan = vec![Span::styled(
        pad(&plan_label, g.name_width),
        if compact {
            theme.heading()
        } else {
            theme.dim()
        },
    )];
    let mut done = vec![Span::styled(pad("  actual", g.name_width), theme.dim())];
    for &month in &g.shown {
        let inner = g.col.saturating_sub(1);
        let p = path.planned_in(month);
        let bar = sparkline_in(&[p], lo, hi);
        plan.push(Span::raw(" "));
        plan.push(Span::styled(
            pad(
                &p.map_or(String::new(), |p| format!("{bar} {}", fig(p))),
                inner,
            ),
            theme.base(),
        ));
        done.push(Span::raw(" "));
        let (text, style) = match path.actual_in(month) {
            None => ("  ·".to_string(), theme.dim()),
            Some(a) => {
                let bar = sparkline_in(&[Some(a)], lo, hi);
                match path.behind_in(m, month) {
                    Some(_) => (format!("{bar} {} !", fig(a)), theme.bad()),
                    None => (format!("{bar} {} ✓", fig(a)), theme.good()),
                }
            }
        };
        done.push(Span::styled(pad(&text, inner), style));
    }
    let mut lines = vec![Line::from(plan), Line::from(done)];
    if !compact {
        lines.insert(
            0,
            fit_line(
                Line::styled(safe(&heading).into_owned(), theme.heading()),
                width,
            ),
        );
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
                let kind = if act.kind.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", safe(&act.kind))
                };
                ListRow::item(Line::raw(format!("   {mark} {kind}{}", safe(&act.text))))
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
                        | Field::DoneOn(_)
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

/// The preview of a shift, over the roadmap: what moves, the targets among it,
/// whether the plan grows, and what stays.
fn draw_shift(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (track, from, delta): (usize, u32, i32),
    theme: Theme,
) {
    let wb = &app.workbook;
    let Some(t) = wb.roadmap.tracks.get(track) else {
        return;
    };
    let p = wb.preview_shift(&t.id, from, delta);
    let area = crate::ui::overlay::centred(area, 110);
    let width = usize::from(area.width.saturating_sub(4));
    let months = if delta.abs() == 1 { "month" } else { "months" };
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut say = |text: String, style: ratatui::style::Style| {
        for (i, l) in crate::ui::widgets::wrap(&text, width)
            .into_iter()
            .enumerate()
        {
            lines.push(Line::styled(
                if i == 0 { l } else { format!("    {l}") },
                style,
            ));
        }
    };
    say(
        format!(
            "Move {}'s open work from {} by {delta:+} {months}:",
            safe(&t.name),
            month_label(wb, from, true)
        ),
        theme.heading(),
    );
    let targets: Vec<String> = p.targets().map(|m| safe(&m.text).into_owned()).collect();
    if !targets.is_empty() {
        say(
            format!("Targets that move with it: {}", targets.join("; ")),
            theme.warn(),
        );
    }
    if p.months > wb.roadmap.months {
        say(
            format!(
                "! The plan grows to {} months: work falls after month {}",
                p.months, wb.roadmap.months
            ),
            theme.warn(),
        );
    }
    if p.stays > 0 {
        say(
            format!(
                "{} done (or already in month 1) stay where they are",
                p.stays
            ),
            theme.dim(),
        );
    }
    say(
        "Enter applies it as one change (Ctrl-Z undoes it) · > later · < earlier · Esc discards"
            .into(),
        theme.dim(),
    );
    if p.moves.is_empty() {
        say("nothing: no open work there".into(), theme.dim());
    }
    for m in &p.moves {
        let due = m
            .due
            .map_or(String::new(), |(a, b)| format!(" · due {a} → {b}"));
        say(
            format!(
                "- {}: {} · {} → {}{due}",
                m.kind,
                safe(&m.text),
                month_label(wb, m.from, false),
                month_label(wb, m.to, false)
            ),
            theme.base(),
        );
    }
    crate::ui::overlay::draw(frame, area, "What if the track moves?", lines, 0, theme);
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    draw_inner(frame, area, app, theme);
    // A shift's preview stands over the roadmap it would change.
    if let Some(Prompt::Shift { track, from, delta }) = app.prompt {
        draw_shift(frame, area, app, (track, from, delta), theme);
    }
}

fn draw_inner(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let wide = area.width >= WIDE;
    let tracks = app.workbook.roadmap.tracks.len();
    // The chart takes what it needs, up to half the screen.
    let want = tracks + 3;
    let chart_rows = want.min(usize::from(area.height / 2).max(5));
    let g = Geometry::new(app, usize::from(area.width));
    let mut chart_lines = chart(app, &g, chart_rows, theme);
    // The selected metric's path, where it leaves the list room for a few lines.
    let path = path_rows(app, &g, usize::from(area.width), area.height < 30, theme);
    if chart_lines.len() + path.len() + 8 <= usize::from(area.height) {
        chart_lines.extend(path);
    }
    let chart_height = u16::try_from(chart_lines.len()).unwrap_or(0);
    let edit = app.edit.as_ref();
    let new_item = edit.filter(|e| {
        matches!(
            e.field,
            Field::NewActivity | Field::NewMilestone | Field::TrackName(_)
        )
    });
    // A question above the list wraps between words (a long milestone's name).
    let top: Vec<String> = top_line(app).map_or_else(Vec::new, |t| {
        crate::ui::widgets::wrap(&t, usize::from(area.width).saturating_sub(1))
            .into_iter()
            .take(3)
            .collect()
    });
    let top_height = if new_item.is_some() {
        2
    } else {
        u16::try_from(top.len()).unwrap_or(0)
    };
    let [chart_area, _, top_area, detail] = Layout::vertical([
        Constraint::Length(chart_height),
        Constraint::Length(1),
        Constraint::Length(top_height),
        Constraint::Min(0),
    ])
    .areas(area);
    crate::ui::widgets::render_lines(frame, chart_area, chart_lines);

    crate::ui::widgets::render_lines(
        frame,
        top_area,
        top.into_iter().map(|l| {
            fit_line(
                Line::styled(format!(" {l}"), theme.selected()),
                usize::from(area.width),
            )
        }),
    );
    if let Some(edit) = new_item {
        let label = match edit.field {
            Field::NewActivity => " New activity: ",
            Field::NewMilestone => " New milestone: ",
            _ => " Track name: ",
        };
        field_editor(frame, top_area, top_area.y, label, edit, theme);
    }

    let selected = (app.roadmap.focus == Focus::List).then_some(app.roadmap.item);
    let detail = match app.roadmap_item() {
        Some(item) if selected.is_some() && edit.is_none() && app.prompt.is_none() => {
            let line = match item {
                Item::Milestone(i) => milestone_row(app, i, wide, theme),
                Item::Activity(t, a) => Line::raw(format!(
                    "   [ ] {}",
                    safe(&app.workbook.roadmap.tracks[t].activities[a].text)
                )),
            };
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::ui::widgets::split_for_detail(
                frame,
                detail,
                line.width(),
                &[("", text.trim().to_string())],
                3,
                theme,
            )
        }
        _ => detail,
    };
    // Headings too long for the window wrap; the list's last column may be its
    // scroll bar.
    let rows = detail_rows(app, wide, theme)
        .into_iter()
        .flat_map(|r| r.wrapped(usize::from(detail.width).saturating_sub(1)))
        .collect();
    let y = list(frame, detail, rows, selected, theme);
    if let (Some(edit), Some(y)) = (edit, y) {
        let label = match edit.field {
            Field::ActivityText(..) | Field::MilestoneText(_) => Some("       rename "),
            Field::Owner(_) => Some("       owner "),
            Field::Due(_) => Some("       due "),
            Field::DoneOn(_) => Some("       done on "),
            _ => None,
        };
        if let Some(label) = label {
            field_editor(frame, detail, y + 1, label, edit, theme);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Screen, update};
    use crate::model::Workbook;
    use jiff::civil::Date;
    use tui_input::InputRequest;

    fn app() -> App {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        let mut a = App::new(wb, Date::new(2027, 2, 10).unwrap());
        update(&mut a, Action::GoTo(Screen::Roadmap));
        a
    }

    fn type_text(a: &mut App, text: &str) {
        for c in text.chars() {
            update(a, Action::Edit(InputRequest::InsertChar(c)));
        }
    }

    #[test]
    fn arrows_move_the_cell_cursor_within_the_plan() {
        let mut a = app();
        update(&mut a, Action::Left);
        update(&mut a, Action::Up);
        assert_eq!((a.roadmap.track, a.roadmap.month), (0, 1));
        for _ in 0..10 {
            update(&mut a, Action::Right);
            update(&mut a, Action::Down);
        }
        assert_eq!((a.roadmap.track, a.roadmap.month), (5, 6));
        assert_eq!(a.roadmap.focus, Focus::Chart);
    }

    #[test]
    fn the_list_holds_the_cell_activities_then_the_month_milestones() {
        let mut a = app();
        update(&mut a, Action::Right); // month 2, Foundation: no activities
        let items = a.roadmap_items();
        assert_eq!(items.len(), 5);
        assert!(items.iter().all(|i| matches!(i, Item::Milestone(_))));
        update(&mut a, Action::Down); // Core Processes
        let items = a.roadmap_items();
        assert_eq!(items.len(), 4 + 5);
        assert!(matches!(items[0], Item::Activity(1, _)));
    }

    #[test]
    fn space_ticks_with_todays_date_and_unticks() {
        let mut a = app();
        update(&mut a, Action::Right);
        update(&mut a, Action::Activate);
        assert_eq!(a.roadmap.focus, Focus::List);
        let Some(Item::Milestone(i)) = a.roadmap_item() else {
            panic!("a milestone is selected");
        };
        assert_eq!(update(&mut a, Action::Toggle), Some(Effect::Save));
        assert_eq!(
            a.workbook.roadmap.milestones[i].done_on,
            "2027-02-10".parse().ok()
        );
        // The tick moved on to the next item; back to take it back, which stays.
        assert_eq!(a.roadmap.item, 1);
        update(&mut a, Action::Up);
        update(&mut a, Action::Toggle);
        assert_eq!(a.roadmap.item, 0);
        assert_eq!(a.workbook.roadmap.milestones[i].done_on, None);
        // Activities tick too.
        update(&mut a, Action::Cancel);
        update(&mut a, Action::Down);
        update(&mut a, Action::Activate);
        update(&mut a, Action::Toggle);
        assert!(
            a.workbook.roadmap.tracks[1]
                .activities
                .iter()
                .any(|x| x.done)
        );
    }

    #[test]
    fn add_rename_and_delete_with_confirmation() {
        let mut a = app();
        update(&mut a, Action::Down);
        update(&mut a, Action::Right);
        update(&mut a, Action::Add);
        assert_eq!(a.prompt, Some(Prompt::AddKind));
        update(&mut a, Action::AddActivity);
        assert_eq!(a.prompt, None);
        type_text(&mut a, "Run a game day");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        let acts = &a.workbook.roadmap.tracks[1].activities;
        let new = acts.last().unwrap();
        assert_eq!(
            (new.id.as_str(), new.month, new.text.as_str()),
            ("run-a-game-day", 2, "Run a game day")
        );
        assert_eq!(
            a.roadmap_item(),
            Some(Item::Activity(1, acts.len() - 1)),
            "the new item is selected"
        );

        // An empty name is refused.
        update(&mut a, Action::Rename);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        assert_eq!(update(&mut a, Action::Activate), None);
        assert!(a.edit.as_ref().unwrap().error.is_some());
        type_text(&mut a, "Run two game days");
        update(&mut a, Action::Activate);
        assert_eq!(
            a.workbook.roadmap.tracks[1].activities.last().unwrap().text,
            "Run two game days"
        );

        // Delete asks first; n keeps it, y deletes it.
        let before = a.workbook.roadmap.tracks[1].activities.len();
        update(&mut a, Action::Delete);
        assert!(matches!(a.prompt, Some(Prompt::Delete(_))));
        update(&mut a, Action::Cancel);
        assert_eq!(a.workbook.roadmap.tracks[1].activities.len(), before);
        update(&mut a, Action::Delete);
        assert_eq!(update(&mut a, Action::Confirm), Some(Effect::Save));
        assert_eq!(a.workbook.roadmap.tracks[1].activities.len(), before - 1);
    }

    #[test]
    fn milestones_get_owners_and_checked_due_dates() {
        let mut a = app();
        update(&mut a, Action::Right);
        for _ in 0..2 {
            update(&mut a, Action::Add);
            update(&mut a, Action::AddMilestone);
            type_text(&mut a, "Pilot team onboarded");
            update(&mut a, Action::Activate);
        }
        let Some(Item::Milestone(i)) = a.roadmap_item() else {
            panic!("the new milestone is selected");
        };
        let ms = &a.workbook.roadmap.milestones[i];
        assert_eq!(ms.id, "m2-pilot-team-onboarded-2", "ids stay unique");
        assert_eq!(
            a.workbook.roadmap.milestones[i - 1].month,
            2,
            "kept in month order"
        );
        assert_eq!(a.workbook.roadmap.milestones[i + 1].month, 3);
        update(&mut a, Action::EditOwner);
        type_text(&mut a, "Sam");
        update(&mut a, Action::Activate);
        update(&mut a, Action::EditDue);
        type_text(&mut a, "next week");
        assert_eq!(update(&mut a, Action::Activate), None);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        type_text(&mut a, "2027-02-14");
        update(&mut a, Action::Activate);
        let ms = &a.workbook.roadmap.milestones[i];
        assert_eq!(
            (ms.owner.as_str(), ms.due),
            ("Sam", "2027-02-14".parse().ok())
        );
    }

    #[test]
    fn the_cursor_is_resumed() {
        let mut a = app();
        update(&mut a, Action::Down);
        update(&mut a, Action::Right);
        update(&mut a, Action::Right);
        update(&mut a, Action::Activate);
        update(&mut a, Action::Down);
        update(&mut a, Action::Quit);
        let b = App::resuming(a.workbook.clone(), a.resume_to_save().clone(), a.today);
        assert_eq!(b.screen, Screen::Roadmap);
        assert_eq!(b.roadmap, a.roadmap);
    }
}

//! The Baseline screen: every metric in its group with its value and target, and a
//! detail pane for the selected metric where values are typed and checked.

use crate::app::{Action, App, Effect, Field, Prompt};
use crate::model::Metric;
use crate::model::history::Judgement;
use crate::model::measure::{TargetStatus, accepted, target_status};
use crate::present::{display_reading, display_value, judged_change, sparkline, status_text};
use crate::ui::widgets::{ListRow, input_span, list, pad, wrap};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Applies an action on the Baseline screen: each key opens one field of the metric.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let i = app.selected();
    let field = match action {
        // Until the first snapshot the value is the baseline: no need to ask.
        Action::CorrectBaseline
            if app
                .metric(i)
                .is_some_and(|m| m.is_fixed(app.workbook.baselines_fixed())) =>
        {
            app.prompt = Some(crate::app::Prompt::CorrectBaseline(i));
            return None;
        }
        Action::Activate | Action::CorrectBaseline => Field::MetricValue(i),
        Action::EditMeasuredOn => Field::MeasuredOn(i),
        Action::EditTarget => Field::Target(i),
        Action::EditSource => Field::Source(i),
        Action::EditMeasurementNote
            if app.metric(i).is_some_and(|m| !m.measurements.is_empty()) =>
        {
            Field::MeasurementNote(i)
        }
        Action::Add => Field::NewMetric(i),
        Action::Rename => Field::MetricName(i),
        Action::EditUnit => Field::MetricUnit(i),
        Action::EditPath => {
            let m = app.metric(i)?;
            if app.workbook.path_of(m).is_none() {
                app.notice = Some(no_path_reason(m));
                return None;
            }
            // The month the plan is in, or its first.
            let month = app.current_month().unwrap_or(1);
            app.prompt = Some(crate::app::Prompt::Path { metric: i, month });
            return None;
        }
        Action::Delete => {
            app.metric(i)?;
            app.prompt = Some(crate::app::Prompt::Remove(crate::app::Content::Metric(i)));
            return None;
        }
        Action::Left | Action::Right => {
            let m = app.metric_mut(i)?;
            match m.cycle_kind(action == Action::Right) {
                Ok(kind) => {
                    app.notice = Some(format!("Kind: {}", kind.label()));
                    return Some(app.changed());
                }
                Err(why) => {
                    app.notice = Some(why);
                    return None;
                }
            }
        }
        _ => return None,
    };
    app.start_edit(field);
    None
}

/// Applies an action while a metric's path is planned: ←→ choose the month, Enter
/// plans a value for it, Backspace makes it straight again.
pub(crate) fn update_path(
    app: &mut App,
    metric: usize,
    month: u32,
    action: Action,
) -> Option<Effect> {
    match action {
        Action::Left | Action::Right => {
            let months = app.workbook.roadmap.months.max(1);
            let month = if action == Action::Left {
                month.saturating_sub(1).max(1)
            } else {
                (month + 1).min(months)
            };
            app.prompt = Some(Prompt::Path { metric, month });
            None
        }
        Action::Activate => {
            app.start_edit(Field::Planned(metric, month));
            None
        }
        Action::Delete => {
            let m = app.metric_mut(metric)?;
            if m.set_planned(month, "").unwrap_or(false) {
                app.notice = Some(format!("Month {month} is on the straight path again"));
                Some(app.changed())
            } else {
                None
            }
        }
        _ => None,
    }
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
    // Once baselines are fixed, the latest value and the change since the baseline
    // have their columns.
    let fixed = app.workbook.baselines_fixed();
    let value_width = if fixed && !wide { 11 } else { 18 };
    let latest_width = if fixed { value_width } else { 0 };
    let change_width = match (wide, fixed) {
        (_, false) => 0,
        (true, true) => 20,
        (false, true) => 17,
    };
    let previous_width = if wide && fixed { 20 } else { 0 };
    let target_width = if wide { 22 } else { 0 };
    let status_width = if fixed && !wide { 14 } else { 22 };
    // The name takes what is left, up to 60 columns; beyond that, the target does.
    // (and one column for the list's scroll bar)
    let others = 3 + value_width + latest_width + change_width + previous_width + status_width + 1;
    let longest = app
        .workbook
        .metrics()
        .map(|(_, m)| safe(&m.name).width() + 1)
        .max()
        .unwrap_or(14);
    let name_width = width
        .saturating_sub(others + target_width)
        .clamp(14, longest.clamp(14, 60));
    let target_width = if wide {
        width.saturating_sub(others + name_width).max(target_width)
    } else {
        0
    };
    let mut header = vec![
        Span::styled(format!("   {}", pad("Metric", name_width)), theme.heading()),
        Span::styled(pad("Baseline", value_width), theme.heading()),
    ];
    if fixed {
        header.push(Span::styled(pad("Latest", latest_width), theme.heading()));
        header.push(Span::styled(
            pad("Since baseline", change_width),
            theme.heading(),
        ));
    }
    if wide && fixed {
        header.push(Span::styled(
            pad("Since previous", previous_width),
            theme.heading(),
        ));
    }
    if wide {
        header.push(Span::styled(pad("Target", target_width), theme.heading()));
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
                let cell = |text: &str, w: usize| pad(&safe(text), w.saturating_sub(1)) + " ";
                let base = display_reading(m, &m.baseline()).unwrap_or_else(|| "—".to_string());
                let mut spans = vec![
                    Span::raw(format!("   {}", cell(&m.name, name_width))),
                    Span::raw(cell(&base, value_width)),
                ];
                if fixed {
                    let latest = if m.measurements.is_empty() {
                        "—".to_string()
                    } else {
                        display_value(m).unwrap_or_else(|| "—".to_string())
                    };
                    spans.push(Span::raw(cell(&latest, latest_width)));
                    spans.push(change_span(m, m.since_baseline(), change_width, theme));
                }
                if wide && fixed {
                    spans.push(change_span(m, m.since_previous(), previous_width, theme));
                }
                if wide {
                    let target = if m.target.is_empty() {
                        "—"
                    } else {
                        &m.target
                    };
                    spans.push(Span::styled(cell(target, target_width), theme.dim()));
                }
                spans.push(status_span(m, !wide, theme));
                Line::from(spans)
            }));
        }
    }
    rows
}

/// A change in a column of `width`, marked better or worse in words.
fn change_span(
    m: &Metric,
    change: Option<(f64, f64)>,
    width: usize,
    theme: Theme,
) -> Span<'static> {
    let Some(c) = change else {
        return Span::styled(pad("—", width), theme.dim());
    };
    let style = match m.judge(c.0, c.1) {
        Judgement::Better => theme.good(),
        Judgement::Worse => theme.bad(),
        Judgement::Same | Judgement::Unjudged => theme.dim(),
    };
    Span::styled(
        pad(&judged_change(m, c), width.saturating_sub(1)) + " ",
        style,
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    // The detail pane takes the lines it needs, wrapped between words; the list the
    // rest.
    let detail = app
        .metric(app.selected())
        .map(|m| detail_lines(app, m, usize::from(area.width), theme));
    let detail_height = detail.as_ref().map_or(0, |(lines, _)| {
        u16::try_from(lines.len() + 1)
            .unwrap_or(u16::MAX)
            // The list keeps eight lines: its heading, a group and a few metrics.
            .clamp(4, area.height.saturating_sub(8).max(area.height / 2).max(4))
    });
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(area);
    list(
        frame,
        list_area,
        rows(app, usize::from(list_area.width), theme),
        Some(app.selected()),
        theme,
    );
    if let (Some(m), Some((lines, cursor))) = (app.metric(app.selected()), detail) {
        let block = Block::new()
            .borders(Borders::TOP)
            .border_style(theme.border())
            .title(Span::styled(
                format!(" {} ", safe(&m.name)),
                theme.heading(),
            ));
        let inner = block.inner(detail_area);
        frame.render_widget(block, detail_area);
        if let Some((row, x)) = cursor
            && row < inner.height
        {
            frame.set_cursor_position(Position::new(inner.x + x, inner.y + row));
        }
        crate::ui::widgets::render_lines(frame, inner, lines);
    }
}

/// What the metric is: its kind and unit, its target and whose it is, and whether it
/// is re-measured monthly.
fn about(m: &Metric) -> String {
    let mut about = format!(" {}", m.kind.label());
    if m.origin == crate::model::content::TEAM {
        about.insert_str(0, " the team's own ·");
    } else if !m.seed_name.is_empty() {
        let _ = write!(about, " · renamed (the framework's: {})", m.seed_name);
    }
    if !m.unit.is_empty() {
        let _ = write!(about, ", in {}", m.unit);
    }
    if !m.target.is_empty() {
        let _ = write!(about, " · target {}", m.target);
        if !m.seed_target.is_empty() {
            let _ = write!(about, ", the team's (the framework's: {})", m.seed_target);
        }
        if !m.target_source.is_empty() {
            let _ = write!(about, " ({})", m.target_source);
        }
    } else if !m.seed_target.is_empty() {
        let _ = write!(
            about,
            " · no target, the team's choice (the framework's: {})",
            m.seed_target
        );
    }
    if m.key {
        about.push_str(" · re-measured monthly");
    }
    about
}

/// The detail pane of the selected metric, wrapped to `width`, and where the cursor
/// of an open field is (line, column).
fn detail_lines(
    app: &App,
    m: &Metric,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Option<(u16, u16)>) {
    let text_width = width.saturating_sub(1);
    let mut lines = vec![Line::styled(safe(&about(m)).into_owned(), theme.dim())];

    // This metric's baseline is fixed once the workbook's are and it has a value.
    let fixed = m.is_fixed(app.workbook.baselines_fixed());
    if let Some(Prompt::CorrectBaseline(_)) = app.prompt {
        let ask = format!(
            "Correct the baseline of {}? It is fixed since the first snapshot; the \
             value it had is kept as a correction. y corrects it, n keeps it",
            m.label()
        );
        for l in wrap(&ask, text_width.saturating_sub(1)) {
            lines.push(Line::styled(format!(" {}", safe(&l)), theme.heading()));
        }
    }
    let edit = app.edit.as_ref().filter(|e| {
        matches!(
            e.field,
            Field::MetricValue(_)
                | Field::BaselineCorrection(_)
                | Field::MeasuredOn(_)
                | Field::Target(_)
                | Field::Source(_)
                | Field::MeasurementNote(_)
                | Field::Planned(..)
        )
    });
    // While the path is planned, it stands above the month's field.
    let planning = match (app.prompt, edit.map(|e| e.field)) {
        (_, Some(Field::Planned(_, month))) | (Some(Prompt::Path { month, .. }), _) => Some(month),
        _ => None,
    };
    if let Some(month) = planning {
        lines.extend(path_lines(app, m, width, Some(month), theme));
    }
    let label_of = |f: Field| match f {
        Field::Planned(..) => " Planned     ",
        Field::MeasuredOn(_) => " Measured on ",
        Field::Target(_) => " Target      ",
        Field::Source(_) => " Source      ",
        Field::BaselineCorrection(_) => " Corrected   ",
        Field::MeasurementNote(_) => " Note        ",
        _ if fixed => " New value   ",
        _ => " Baseline    ",
    };
    let mut cursor = None;
    if let Some(edit) = edit {
        let label = label_of(edit.field);
        let (span, offset) = input_span(
            &edit.input,
            text_width.saturating_sub(label.len()).min(50),
            theme,
        );
        let mut before: Vec<Line> = Vec::new();
        for l in lines.drain(..) {
            before.extend(crate::ui::widgets::wrap_line(l, width, 1));
        }
        lines = before;
        cursor = Some((
            u16::try_from(lines.len()).unwrap_or(u16::MAX),
            u16::try_from(label.len()).unwrap_or(0) + offset,
        ));
        lines.push(Line::from(vec![Span::styled(label, theme.heading()), span]));
        let (text, style) = match &edit.error {
            Some(error) => (format!("! {error}"), theme.bad()),
            None => (edit_hint(edit.field, m, fixed, app.today), theme.dim()),
        };
        for l in wrap(&text, text_width.saturating_sub(1)) {
            lines.push(Line::styled(format!(" {l}"), style));
        }
        return (lines, cursor);
    }
    // With a path, the months' measurements are in it: no separate history.
    let history = app.workbook.path_of(m).is_none();
    lines.extend(value_lines(m, fixed, history, theme));
    if planning.is_none() {
        lines.extend(path_lines(app, m, width, None, theme));
    }
    let lines = lines
        .into_iter()
        .flat_map(|l| {
            // Under a label such as ` Baseline    `, further lines start under its text.
            let indent = if l.spans.len() > 1 { 13 } else { 1 };
            crate::ui::widgets::wrap_line(l, width, indent)
        })
        .collect();
    (lines, cursor)
}

/// The selected metric's baseline, latest value, changes and history.
fn value_lines(m: &Metric, fixed: bool, history: bool, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let base = m.baseline();
    // What was typed is shown where it reads differently, not for a unit alone.
    let plain = |t: &str| t.replace([' ', '%'], "");
    let value = match display_reading(m, &base) {
        Some(v) if plain(&v) != plain(&m.value) => format!("{} (typed {})", v, m.value),
        Some(v) => v,
        None => "not measured yet: Enter to type it".to_string(),
    };
    let mut about_base = vec![value];
    if let Some(d) = base.on {
        about_base.push(d.to_string());
    }
    if !m.source.is_empty() {
        about_base.push(m.source.clone());
    }
    if fixed {
        about_base.push("fixed at the first snapshot · B corrects".to_string());
    }
    lines.push(Line::from(vec![
        Span::styled(" Baseline    ", theme.heading()),
        Span::raw(safe(&about_base.join(" · ")).into_owned()),
    ]));
    if m.measurements.is_empty() {
        if fixed {
            lines.push(Line::from(vec![
                Span::styled(" Latest      ", theme.heading()),
                Span::styled("no measurement since: Enter records one  ", theme.dim()),
                status_span(m, true, theme),
            ]));
        } else {
            lines.push(Line::from(vec![
                Span::styled(" Against     ", theme.heading()),
                status_span(m, true, theme),
                Span::styled(" · the baseline until the first snapshot", theme.dim()),
            ]));
        }
    } else {
        let latest = m.latest();
        let mut text = display_reading(m, &latest).unwrap_or_default();
        if let Some(d) = latest.on {
            text = format!("{text} · {d}");
        }
        if let Some(x) = m.measurements.last() {
            for extra in [&x.source, &x.note] {
                if !extra.is_empty() {
                    text = format!("{text} · {extra}");
                }
            }
        }
        lines.push(Line::from(vec![
            Span::styled(" Latest      ", theme.heading()),
            Span::raw(format!("{}  ", safe(&text))),
            status_span(m, true, theme),
        ]));
        let mut changes = Vec::new();
        if let Some(c) = m.since_baseline() {
            changes.push(format!("{} since baseline", judged_change(m, c)));
        }
        if m.measurements.len() > 1
            && let Some(c) = m.since_previous()
        {
            changes.push(format!("{} since previous", judged_change(m, c)));
        }
        if !changes.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(" Change      ", theme.heading()),
                Span::raw(changes.join(" · ")),
            ]));
        }
        if history {
            let values: Vec<String> = m.series().filter_map(|r| display_reading(m, &r)).collect();
            lines.push(Line::from(vec![
                Span::styled(" History     ", theme.heading()),
                Span::raw(format!("{}  ", safe(&values.join(" → ")))),
                Span::styled(sparkline(&m.trend()), theme.bar_done()),
            ]));
        }
    }
    if let Some(c) = m.corrections.last() {
        lines.push(Line::styled(
            format!(
                " Corrected   {}: was {}, now {}",
                c.corrected_on,
                safe(&c.was),
                safe(&c.now)
            ),
            theme.dim(),
        ));
    }
    lines
}

/// Why a metric has no path, and what would give it one.
pub(crate) fn no_path_reason(m: &Metric) -> String {
    let name = m.label();
    if m.not_tracked() {
        format!("{name} is not tracked, so it has no path")
    } else if m.baseline().number().is_none() {
        format!("{name} has no path yet: it starts from a baseline figure (Enter types it)")
    } else {
        format!("{name} has no path yet: it heads for a target (t sets one)")
    }
}

/// The months of a path that fit in `cells` columns, around `month`.
fn path_window(months: usize, cells: usize, month: usize) -> std::ops::Range<usize> {
    let cells = cells.clamp(1, months.max(1));
    let first = month
        .saturating_sub(cells / 2)
        .min(months.saturating_sub(cells));
    first..first + cells
}

/// The planned path against the measurements, month by month: figures in columns
/// under the months and, before them, a sparkline of each on one scale. `selected`
/// is the month being planned, in reverse video.
pub(crate) fn path_lines(
    app: &App,
    m: &Metric,
    width: usize,
    selected: Option<u32>,
    theme: Theme,
) -> Vec<Line<'static>> {
    use crate::present::{path_unit, sparkline_in};
    let wb = &app.workbook;
    let Some(path) = wb.path_of(m) else {
        return Vec::new();
    };
    let months = path.planned.len();
    let label = |m: usize| {
        crate::screens::roadmap::month_label(wb, u32::try_from(m + 1).unwrap_or(1), false)
    };
    let (lo, hi) = path.bounds();
    let fig = |x: f64| crate::present::path_figure(x, hi - lo);
    let cell = (0..months)
        .map(|i| {
            let actual = path.actual[i].map_or(0, |a| fig(a).width() + 2);
            label(i)
                .width()
                .max(fig(path.planned[i]).width() + 1)
                .max(actual)
        })
        .max()
        .unwrap_or(6)
        + 2;
    // ` Path        ` then `planned ` then the sparkline.
    let (lead, kind) = (13, 8);
    let focus = selected
        .or_else(|| app.current_month())
        .and_then(|x| usize::try_from(x).ok())
        .map_or(0, |x| x.saturating_sub(1));
    // Each month takes its cell and a column of the sparkline; the line also holds the
    // sparkline's last column, `▸` where months are left out, and the unit.
    let unit = format!(" {}", safe(&path_unit(m)));
    let line = |n: usize| lead + kind + 1 + n * (cell + 1) + usize::from(n < months) + unit.width();
    let fits = (1..=months).rev().find(|&n| line(n) <= width).unwrap_or(1);
    let shown = path_window(months, fits, focus);
    let spark = shown.len() + 1;
    let planned: Vec<Option<f64>> = path.planned[shown.clone()]
        .iter()
        .map(|x| Some(*x))
        .collect();
    let actual: Vec<Option<f64>> = path.actual[shown.clone()].to_vec();
    let more = |i: usize| if i > 0 { "◂" } else { " " };

    let mut head = vec![
        Span::styled(" Path        ", theme.heading()),
        Span::styled(pad(more(shown.start), kind + spark), theme.dim()),
    ];
    let mut plan = vec![
        Span::raw(" ".repeat(lead)),
        Span::styled(pad("planned", kind), theme.dim()),
        Span::styled(pad(&sparkline_in(&planned, lo, hi), spark), theme.bar()),
    ];
    let mut done = vec![
        Span::raw(" ".repeat(lead)),
        Span::styled(pad("actual", kind), theme.dim()),
        Span::styled(pad(&sparkline_in(&actual, lo, hi), spark), theme.bar_done()),
    ];
    for i in shown.clone() {
        let month = u32::try_from(i + 1).unwrap_or(1);
        let here = selected == Some(month);
        let style = |s| if here { theme.selected() } else { s };
        head.push(Span::styled(pad(&label(i), cell), style(theme.heading())));
        // A month the team planned is marked `*`.
        let mark = if path.set[i] { "*" } else { "" };
        plan.push(Span::styled(
            pad(&format!("{}{mark}", fig(path.planned[i])), cell),
            style(theme.base()),
        ));
        let (text, st) = match path.actual[i] {
            None => ("·".to_string(), theme.dim()),
            Some(a) => match path.behind_in(m, month) {
                Some(_) => (format!("{} !", fig(a)), theme.bad()),
                None => (format!("{} ✓", fig(a)), theme.good()),
            },
        };
        done.push(Span::styled(pad(&text, cell), style(st)));
    }
    if shown.end < months {
        head.push(Span::styled("▸", theme.dim()));
    }
    head.push(Span::styled(unit, theme.dim()));
    let (text, style) = path_about(wb, m, &path, selected.is_some(), fig, theme);
    vec![
        Line::from(head),
        Line::from(plan),
        Line::from(done),
        Line::from(vec![
            Span::raw(" ".repeat(lead)),
            Span::styled(safe(&text).into_owned(), style),
        ]),
    ]
}

/// The line under a path: how far behind it is, or how it was made.
fn path_about(
    wb: &crate::model::Workbook,
    m: &Metric,
    path: &crate::model::path::Path,
    planning: bool,
    fig: impl Fn(f64) -> String,
    theme: Theme,
) -> (String, ratatui::style::Style) {
    match path.behind(m) {
        Some(b) => (
            format!("! {}", crate::present::behind_short(wb, m, &b, fig)),
            theme.bad(),
        ),
        None if path.actual.iter().any(Option::is_some) => {
            ("on the path or ahead of it".to_string(), theme.good())
        }
        None if planning => (
            "months between planned ones (*) stay straight".to_string(),
            theme.dim(),
        ),
        None => {
            let how = if path.set.contains(&true) {
                "* planned by the team, straight between"
            } else {
                "straight from the baseline to the target"
            };
            let key = crate::keymap::label_for(
                crate::keymap::Scope::Screen(crate::app::Screen::Baseline),
                crate::app::Action::EditPath,
            );
            (
                key.map_or_else(|| how.to_string(), |k| format!("{how} · {k} plans it")),
                theme.dim(),
            )
        }
    }
}

/// What a field of the detail pane takes, said under it while it is edited.
fn edit_hint(field: Field, m: &Metric, fixed: bool, today: jiff::civil::Date) -> String {
    match field {
        Field::Planned(_, month) => format!(
            "the value planned for month {month}: {}; empty makes the month straight again",
            accepted(m)
        ),
        Field::MeasuredOn(_) => crate::model::month::TYPED_DATE_HINT.to_string(),
        Field::Target(_) => crate::model::measure::TARGET_HINT.to_string(),
        Field::Source(_) if !m.measurements.is_empty() => {
            "where the latest measurement came from, such as a dashboard".to_string()
        }
        Field::Source(_) => "where the figure came from, such as a dashboard or export".to_string(),
        Field::MeasurementNote(_) => {
            "what the team should know about the latest measurement".to_string()
        }
        Field::BaselineCorrection(_) => {
            format!("the baseline as it should have been; {}", accepted(m))
        }
        _ if fixed => format!(
            "a measurement dated {} (the baseline stays); {}; {}",
            today,
            accepted(m),
            crate::model::measure::ALSO_ACCEPTED
        ),
        _ => format!("{}; {}", accepted(m), crate::model::measure::ALSO_ACCEPTED),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Workbook;

    /// A path's lines fit the pane's width however many months the plan has: the
    /// months that do not fit are left out behind ◂ ▸, and the unit stays on the line.
    #[test]
    fn a_path_fits_its_width_for_any_plan_length() {
        let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        for months in [1, 6, 7, 12, 24] {
            let mut wb = Workbook::template();
            wb.plan.start_month = "2027-01".parse().ok();
            wb.roadmap.months = months;
            let m = wb.metric_mut("mttr").unwrap();
            m.record("60 min", day("2027-01-05"), false).unwrap();
            let app = App::new(wb, day("2027-02-10"));
            let (i, _) = app
                .workbook
                .metrics()
                .enumerate()
                .find(|(_, (_, m))| m.id == "mttr")
                .unwrap();
            let m = app.metric(i).unwrap();
            for width in [80, 120, 200] {
                let lines = path_lines(&app, m, width, None, Theme::plain());
                assert_eq!(lines.len(), 4, "{months} months at {width}");
                for l in &lines {
                    assert!(l.width() <= width, "{months} months at {width}: {l}");
                }
                let head = lines[0].to_string();
                assert!(head.ends_with(" min"), "{head}");
                // Six months fit at 80 columns; more are windowed there.
                if months <= 6 {
                    assert!(!head.contains('▸'), "{head}");
                } else if width == 80 {
                    assert!(head.contains('▸'), "{head}");
                }
            }
        }
    }
}

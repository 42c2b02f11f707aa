//! The Maturity screen: yes/no questions per dimension, and live results: the level of
//! each dimension as a bar chart, what blocks the next level, the overall level with
//! its recommendation, and the implementation phases.

use crate::app::{Action, App, Effect, Field, Overlay};
use crate::model::maturity::{
    Assessment, DimensionResult, MAX_LEVEL, PhaseStatus, assess, level_name, phase_statuses,
};
use crate::model::{Answer, Question, Snapshot};
use crate::ui::widgets::{ListRow, fit_line, list, note_editor, pad, wrap};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

/// From this width the levels, gaps and phases stand in a panel beside the questions;
/// below it, levels and gaps share a panel under them (`p` shows the phases).
pub const MATURITY_WIDE: u16 = 140;

/// Applies an action on the Maturity screen: answers, notes and `p`, every phase.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let i = app.selected();
    match action {
        Action::Answer(answer) => {
            let q = app.question_mut(i)?;
            let changed = q.answer != answer;
            q.answer = answer;
            // Answering moves on to the next question, as on a paper form.
            if answer != Answer::Unanswered {
                app.move_cursor(1);
            }
            changed.then(|| app.changed())
        }
        Action::Activate => {
            app.start_edit(Field::AnswerNote(i));
            None
        }
        Action::Compare => {
            // Latest snapshot first, then each earlier one, then none.
            let n = app.workbook.snapshots.len();
            app.maturity_compare = match app.maturity_compare {
                None if n > 0 => Some(n - 1),
                Some(i) if i > 0 => Some(i - 1),
                _ => None,
            };
            None
        }
        Action::SwitchPanel => {
            app.overlay = Some(Overlay::Phases);
            app.overlay_scroll = 0;
            None
        }
        Action::Add => {
            app.start_edit(Field::NewQuestion(i));
            None
        }
        Action::Rename => {
            app.start_edit(Field::QuestionText(i));
            None
        }
        // The framework's levels are its scoring: only the team's own questions move.
        Action::EditLevel if app.question(i).is_some_and(|(_, q)| q.added) => {
            app.start_edit(Field::QuestionLevel(i));
            None
        }
        Action::Delete => {
            app.question(i)?;
            app.prompt = Some(crate::app::Prompt::Remove(crate::app::Content::Question(i)));
            None
        }
        _ => None,
    }
}

// ---- The view

pub fn answer_mark(a: Answer) -> &'static str {
    match a {
        Answer::Unanswered => "[ ]",
        Answer::Yes => "[y]",
        Answer::No => "[n]",
        Answer::NotApplicable => "[-]",
    }
}

fn level_text(level: Option<u8>) -> String {
    match level {
        Some(l) => format!("level {l} {}", level_name(l)),
        None => "not assessed".to_string(),
    }
}

/// `L2+` for a question needed from level 2 up; `L4` for level 4 only.
fn levels_text(q: &Question) -> String {
    match (q.levels.iter().min(), q.levels.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => format!("L{lo}"),
        (Some(lo), Some(_)) => format!("L{lo}+"),
        _ => String::new(),
    }
}

/// The snapshot the screen compares with, if any.
fn compared(app: &App) -> Option<&Snapshot> {
    app.workbook.snapshots.get(app.maturity_compare?)
}

/// The answer a question had in a snapshot (unanswered if it was not recorded).
fn answer_then(then: &Snapshot, q: &Question) -> Answer {
    then.answers
        .get(&q.id)
        .copied()
        .unwrap_or(Answer::Unanswered)
}

fn answer_word(a: Answer) -> &'static str {
    match a {
        Answer::Unanswered => "unanswered",
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotApplicable => "n/a",
    }
}

fn question_rows(app: &App, a: &Assessment, wide: bool, theme: Theme) -> Vec<ListRow<'static>> {
    let editing = app
        .edit
        .as_ref()
        .filter(|e| matches!(e.field, Field::AnswerNote(_)));
    let then = compared(app);
    let mut rows = Vec::new();
    if let Some(then) = then {
        let changed = a
            .dimensions
            .iter()
            .flat_map(|d| &d.dimension.questions)
            .filter(|q| answer_then(then, q) != q.answer)
            .count();
        rows.push(ListRow::text(Line::styled(
            format!(
                " Compared with '{}' ({}): {changed} answer{} changed · c: an earlier one",
                safe(&then.label),
                then.taken_on,
                if changed == 1 { "" } else { "s" }
            ),
            theme.selected(),
        )));
    }
    let mut index = 0;
    for result in &a.dimensions {
        if !rows.is_empty() {
            rows.push(ListRow::text(Line::raw("")));
        }
        let mut head = vec![
            Span::styled(
                format!(" {}", safe(&result.dimension.title)),
                theme.heading(),
            ),
            Span::raw(format!(" · {}", level_text(result.level))),
        ];
        if result.not_applicable > 0 && result.level.is_some() {
            head.push(Span::raw(format!(" · {} n/a", result.not_applicable)));
        }
        if let Some(then) = then {
            let was = then.maturity.get(&result.dimension.id).copied();
            if was != result.level {
                head.push(Span::styled(
                    format!(
                        " (was {})",
                        was.map_or_else(|| "not assessed".to_string(), |l| l.to_string())
                    ),
                    theme.warn(),
                ));
            }
        }
        if wide && result.dimension.written_for_planbook {
            head.push(Span::styled(
                "  (questions written for planbook)",
                theme.dim(),
            ));
        }
        rows.push(ListRow::text(Line::from(head)));
        for q in &result.dimension.questions {
            let gap = result.gaps.iter().any(|g| g.id == q.id);
            let mut spans = vec![
                Span::raw(if gap { " ! " } else { "   " }),
                Span::raw(format!("{} ", answer_mark(q.answer))),
            ];
            // A changed answer says what it was first, where a narrow screen keeps it.
            if let Some(was) = then.map(|t| answer_then(t, q)).filter(|w| *w != q.answer) {
                spans.push(Span::styled(
                    format!("Δ was {} · ", answer_word(was)),
                    theme.warn(),
                ));
            }
            spans.push(Span::raw(safe(&q.text).into_owned()));
            spans.push(Span::styled(format!("  {}", levels_text(q)), theme.dim()));
            if !q.seed_text.is_empty() {
                spans.push(Span::styled(" · reworded", theme.dim()));
            } else if q.added {
                spans.push(Span::styled(" · ours", theme.dim()));
            }
            spans.extend(crate::ui::widgets::votes_span(
                crate::model::votes::Voted::votes(q),
                theme,
            ));
            let editing_this = editing.is_some_and(|e| e.field == Field::AnswerNote(index));
            if !q.note.is_empty() && !editing_this {
                spans.push(Span::styled(format!("  — {}", safe(&q.note)), theme.dim()));
            }
            rows.push(ListRow::item(Line::from(spans)));
            if editing_this {
                rows.push(ListRow::text(Line::raw("")));
            }
            index += 1;
        }
    }
    rows
}

/// One bar per dimension, two cells per level, with the level number written out so
/// it reads without colour.
fn level_lines(a: &Assessment, width: usize, roomy: bool, theme: Theme) -> Vec<Line<'static>> {
    let cell = if width >= 60 { 4 } else { 2 };
    let name_width = a
        .dimensions
        .iter()
        .map(|d| d.dimension.title.width())
        .max()
        .unwrap_or(10)
        .min(width.saturating_sub(usize::from(MAX_LEVEL) * cell + 14))
        .max(4);
    let mut lines = Vec::new();
    for d in &a.dimensions {
        let mut spans = vec![Span::raw(format!(
            "{} ",
            pad(&safe(&d.dimension.title), name_width)
        ))];
        match d.level {
            Some(l) => {
                let filled = usize::from(l) * cell;
                let empty = usize::from(MAX_LEVEL) * cell - filled;
                spans.push(Span::styled("█".repeat(filled), theme.bar_done()));
                spans.push(Span::styled("░".repeat(empty), theme.dim()));
                spans.push(Span::raw(format!(" {l} {}", level_name(l))));
            }
            None => {
                spans.push(Span::styled(
                    format!("{} not assessed", "·".repeat(usize::from(MAX_LEVEL) * cell)),
                    theme.dim(),
                ));
            }
        }
        lines.push(fit_line(Line::from(spans), width));
    }
    if roomy {
        lines.push(Line::raw(""));
    }
    lines.push(fit_line(
        Line::styled(
            format!(
                "Overall {:.1} · {} · phase {}",
                a.rounded_average(),
                level_name(a.overall_level()),
                a.current_phase()
            ),
            theme.heading(),
        ),
        width,
    ));
    for l in wrap(a.recommendation(), width) {
        lines.push(Line::raw(l));
    }
    lines
}

fn gap_lines(result: Option<&DimensionResult>, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let Some(result) = result else {
        return Vec::new();
    };
    let title = safe(&result.dimension.title).into_owned();
    let mut lines = Vec::new();
    match result.level {
        None => lines.push(Line::styled(
            format!("{title}: every question is not applicable"),
            theme.dim(),
        )),
        Some(l) if l >= MAX_LEVEL => lines.push(Line::styled(
            format!("✓ {title} is at the top level"),
            theme.good(),
        )),
        Some(l) => {
            let next = l + 1;
            for w in wrap(
                &format!("To reach level {next} {} in {title}:", level_name(next)),
                width,
            ) {
                lines.push(Line::styled(w, theme.heading()));
            }
            for q in &result.gaps {
                let text = format!("! {} {}", answer_mark(q.answer), q.text);
                for (i, w) in wrap(&safe(&text), width.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                {
                    let indent = if i == 0 { "" } else { "      " };
                    lines.push(Line::styled(format!("{indent}{w}"), theme.warn()));
                }
            }
        }
    }
    lines
}

/// Items as `- ` bullets after `indent`, wrapped between words within `width`.
fn bullets(items: &[String], indent: &str, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for item in items {
        for (i, w) in wrap(&safe(item), width.saturating_sub(indent.len() + 2))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 { "- " } else { "  " };
            lines.push(Line::raw(format!("{indent}{lead}{w}")));
        }
    }
    lines
}

fn phase_lines(app: &App, a: &Assessment, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let current = a.current_phase();
    let statuses = phase_statuses(&app.workbook.phases, current);
    let mut lines = Vec::new();
    for (phase, status) in &statuses {
        let mark = match status {
            PhaseStatus::Completed => "✓",
            PhaseStatus::InProgress => "▶",
            PhaseStatus::Planned => "·",
        };
        let style = if *status == PhaseStatus::InProgress {
            theme.heading()
        } else {
            theme.base()
        };
        lines.push(fit_line(
            Line::styled(
                format!("{mark} {} ({})", safe(&phase.name), status.label()),
                style,
            ),
            width,
        ));
    }
    if let Some((phase, _)) = statuses.iter().find(|(_, s)| *s == PhaseStatus::InProgress) {
        for (title, items) in [
            ("Objectives", &phase.objectives),
            ("Deliverables", &phase.deliverables),
            ("Success criteria", &phase.success_criteria),
        ] {
            lines.push(Line::styled(title.to_string(), theme.heading()));
            lines.extend(bullets(items, "", width));
        }
    }
    lines
}

fn section(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Span::styled(format!(" {title} "), theme.heading()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    crate::ui::widgets::render_lines(
        frame,
        inner.inner(ratatui::layout::Margin::new(1, 0)),
        lines,
    );
}

/// A question or note too long for its row is shown whole under the list: the list's
/// area is what is left.
fn with_detail(frame: &mut Frame, list_area: Rect, app: &App, theme: Theme) -> Rect {
    // A question or note too long for its row is shown whole under the list.
    let editing = app
        .edit
        .as_ref()
        .is_some_and(|e| matches!(e.field, Field::AnswerNote(_)));
    match app.question(app.selected()) {
        Some((_, q)) if !editing => {
            let note = if q.note.is_empty() {
                0
            } else {
                safe(&q.note).width() + 4
            };
            // A reworded question always shows the framework's wording under the list.
            let votes = crate::model::votes::Voted::votes(q);
            let votes_width =
                crate::ui::widgets::votes_span(votes, theme).map_or(0, |s| s.content.width());
            let row_width = if q.seed_text.is_empty() {
                7 + safe(&q.text).width() + 2 + levels_text(q).width() + note + votes_width
            } else {
                usize::MAX
            };
            crate::ui::widgets::split_for_detail(
                frame,
                list_area,
                row_width,
                &[
                    ("", format!("{}  {}", safe(&q.text), levels_text(q))),
                    ("Note", safe(&q.note).into_owned()),
                    ("Framework's wording", safe(&q.seed_text).into_owned()),
                    ("Vote", crate::ui::widgets::vote_detail(votes)),
                ],
                5,
                theme,
            )
        }
        _ => list_area,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let a = assess(&app.workbook);
    let wide = area.width >= MATURITY_WIDE;
    let selected_dimension = app.question(app.selected()).map(|(d, _)| d);
    let selected_result = selected_dimension.and_then(|d| a.dimensions.get(d));

    let (list_area, panel_area) = if wide {
        // The panel grows with the window: on a big screen its lines need not wrap.
        let panel = 64.max(area.width * 2 / 5);
        let [l, p] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(panel)]).areas(area);
        (l, p)
    } else {
        let panel_height = (area.height / 2).max(10).min(area.height.saturating_sub(5));
        let [l, p] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(panel_height)]).areas(area);
        (l, p)
    };

    let list_area = with_detail(frame, list_area, app, theme);
    // Headings and the comparison's banner wrap; the last column may be the scroll bar.
    let rows = question_rows(app, &a, wide, theme)
        .into_iter()
        .flat_map(|r| r.wrapped(usize::from(list_area.width).saturating_sub(1)))
        .collect();
    let selected_y = list(frame, list_area, rows, Some(app.selected()), theme);
    if let (Some(edit), Some(y)) = (
        app.edit
            .as_ref()
            .filter(|e| matches!(e.field, Field::AnswerNote(_))),
        selected_y,
    ) {
        note_editor(frame, list_area, y, edit, theme);
    }

    if wide {
        let inner_width = usize::from(panel_area.width.saturating_sub(3));
        let levels = level_lines(&a, inner_width, true, theme);
        let gaps = gap_lines(selected_result, inner_width, theme);
        let levels_h = u16::try_from(levels.len() + 1).unwrap_or(10);
        let gaps_h = u16::try_from(gaps.len() + 2).unwrap_or(6);
        let [l, g, p] = Layout::vertical([
            Constraint::Length(levels_h),
            Constraint::Length(gaps_h),
            Constraint::Min(0),
        ])
        .areas(panel_area);
        let block = Block::new()
            .borders(Borders::LEFT)
            .border_style(theme.border());
        for part in [l, g, p] {
            frame.render_widget(block.clone(), part);
        }
        let shift = |r: Rect| Rect::new(r.x + 1, r.y, r.width.saturating_sub(1), r.height);
        section(frame, shift(l), "Levels", levels, theme);
        section(frame, shift(g), "Blocks the next level", gaps, theme);
        section(
            frame,
            shift(p),
            "Implementation phases (p: in full)",
            phase_lines(app, &a, inner_width, theme),
            theme,
        );
    } else {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(panel_area);
        let w = usize::from(left.width.saturating_sub(2));
        let roomy = panel_area.height > 10;
        section(
            frame,
            left,
            "Levels",
            level_lines(&a, w, roomy, theme),
            theme,
        );
        let w = usize::from(right.width.saturating_sub(2));
        section(
            frame,
            right,
            "Blocks the next level",
            gap_lines(selected_result, w, theme),
            theme,
        );
    }
}

/// Every implementation phase in full, over the screen (`p`): its status, then its
/// objectives, deliverables, success criteria, risks and dependencies. Returns the
/// furthest it can scroll.
pub fn draw_phases(frame: &mut Frame, area: Rect, app: &App, theme: Theme) -> u16 {
    let area = crate::ui::overlay::centred(area, 110);
    let width = usize::from(area.width.saturating_sub(4));
    let a = assess(&app.workbook);
    let mut lines = Vec::new();
    for (phase, status) in phase_statuses(&app.workbook.phases, a.current_phase()) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            format!("{} ({})", safe(&phase.name), status.label()),
            theme.heading(),
        ));
        for (title, items) in [
            ("Objectives", &phase.objectives),
            ("Deliverables", &phase.deliverables),
            ("Success criteria", &phase.success_criteria),
            ("Risks", &phase.risks),
            ("Dependencies", &phase.dependencies),
        ] {
            if items.is_empty() {
                continue;
            }
            lines.push(Line::styled(title.to_string(), theme.title()));
            lines.extend(bullets(items, "  ", width));
        }
    }
    crate::ui::overlay::draw(
        frame,
        area,
        "Implementation phases (↑↓ scroll, Esc closes)",
        lines,
        app.overlay_scroll,
        theme,
    )
}

//! The Readiness screen: three checklists with notes, a score per category, overall
//! readiness, and the roadmap tracks a weak category puts at risk.

use crate::app::{Action, App, Content, Effect, Field, Prompt};
use crate::model::ReadinessCategory;
use crate::model::readiness::{CategoryScore, category_scores, exit_checks, overall_percent};
use crate::model::votes::Voted;
use crate::ui::widgets::{ListRow, bar, list, note_editor, split_for_detail, wrap};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Applies an action on the Readiness screen: Space ticks, Enter writes a note.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let i = app.selected();
    match action {
        Action::Toggle => {
            let item = app.readiness_item_mut(i)?;
            item.done = !item.done;
            // A tick moves on to the next item, as an answer does on Maturity; taking
            // one back stays.
            if item.done {
                app.move_cursor(1);
            }
            Some(app.changed())
        }
        Action::Activate => {
            app.start_edit(Field::Note(i));
            None
        }
        Action::Add => {
            app.start_edit(Field::NewItem(i));
            None
        }
        Action::Rename => {
            app.start_edit(Field::ItemText(i));
            None
        }
        Action::Delete => {
            app.readiness_item(i)?;
            app.prompt = Some(Prompt::Remove(Content::ReadinessItem(i)));
            None
        }
        _ => None,
    }
}

// ---- The view

/// Width from which the scores move to a panel of gauges beside the checklist.
const WIDE: u16 = 120;
const PANEL_WIDTH: u16 = 44;

fn risk_text(score: &CategoryScore) -> String {
    format!("! risk: {}", score.tracks_at_risk.join(", "))
}

fn category_heading(score: &CategoryScore, inline_score: bool, theme: Theme) -> Line<'static> {
    let mut head = vec![Span::styled(
        format!(" {}", safe(&score.category.title)),
        theme.heading(),
    )];
    if inline_score {
        let (full, empty) = bar(score.progress.done, score.progress.total, 10);
        head.push(Span::raw(" "));
        head.push(Span::styled(full, theme.good()));
        head.push(Span::styled(empty, theme.dim()));
        head.push(Span::raw(format!(" {}", score.progress)));
        if score.at_risk {
            head.push(Span::styled(
                format!("  {}", risk_text(score)),
                theme.warn(),
            ));
        }
    } else {
        head.push(Span::raw(format!("  {}", score.progress)));
    }
    Line::from(head)
}

/// The heading of an exit check: its progress, and that it is not scored.
fn exit_heading(category: &ReadinessCategory, theme: Theme) -> Line<'static> {
    let done = category.items.iter().filter(|i| i.done).count();
    let mark = if done == category.items.len() {
        "✓"
    } else {
        "·"
    };
    Line::from(vec![
        Span::styled(format!(" {}", safe(&category.title)), theme.heading()),
        Span::raw(format!("  {mark} {done}/{}", category.items.len())),
        Span::styled("  not part of the score", theme.dim()),
    ])
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let wb = &app.workbook;
    let scores = category_scores(wb);
    let wide = area.width >= WIDE;
    let (list_area, panel) = if wide {
        let [l, p] =
            // The panel grows with the window: on a big screen its lines need not wrap.
            Layout::horizontal([
                Constraint::Min(0),
                Constraint::Length(PANEL_WIDTH.max(area.width / 3)),
            ])
            .areas(area);
        (l, Some(p))
    } else {
        (area, None)
    };

    let editing = app
        .edit
        .as_ref()
        .filter(|e| matches!(e.field, Field::Note(_)));
    let mut rows = Vec::new();
    if !wide {
        rows.push(ListRow::text(Line::styled(
            format!(" Overall readiness {}%", overall_percent(wb)),
            theme.heading(),
        )));
    }
    let mut index = 0;
    for category in &wb.readiness {
        if !rows.is_empty() {
            rows.push(ListRow::text(Line::raw("")));
        }
        let heading = match scores.iter().find(|s| std::ptr::eq(s.category, category)) {
            Some(score) => category_heading(score, !wide, theme),
            None => exit_heading(category, theme),
        };
        rows.push(ListRow::text(heading));
        for item in &category.items {
            let mark = if item.done { "[x]" } else { "[ ]" };
            let mut spans = vec![Span::raw(format!("   {mark} {}", safe(&item.label())))];
            if !item.seed_text.is_empty() {
                spans.push(Span::styled(" · reworded", theme.dim()));
            } else if item.added {
                spans.push(Span::styled(" · ours", theme.dim()));
            }
            spans.extend(crate::ui::widgets::votes_span(item.votes(), theme));
            let editing_this = editing.is_some_and(|e| e.field == Field::Note(index));
            if !item.note.is_empty() && !editing_this {
                spans.push(Span::styled(
                    format!("  — {}", safe(&item.note)),
                    theme.dim(),
                ));
            }
            rows.push(ListRow::item(Line::from(spans)));
            if editing_this {
                // The note editor opens on the line under its item.
                rows.push(ListRow::text(Line::raw("")));
            }
            index += 1;
        }
    }
    // A row too long for the window (a long item or note) is shown whole under the list.
    let list_area = match app.readiness_item(app.selected()) {
        Some(item) if editing.is_none() => with_detail(frame, list_area, item, theme),
        _ => list_area,
    };
    let selected_y = list(frame, list_area, rows, Some(app.selected()), theme);

    if let (Some(edit), Some(y)) = (editing, selected_y) {
        note_editor(frame, list_area, y, edit, theme);
    }
    if let Some(panel) = panel {
        draw_panel(frame, panel, app, &scores, theme);
    }
}

/// The selected item shown whole under the list when its row is too long (a long
/// item or note), or when it has the framework's wording or a vote to show; the
/// list's area is what is left.
fn with_detail(
    frame: &mut Frame,
    list_area: Rect,
    item: &crate::model::ReadinessItem,
    theme: Theme,
) -> Rect {
    let note_width = if item.note.is_empty() {
        0
    } else {
        safe(&item.note).width() + 4
    };
    // A reworded item always shows the framework's wording under the list.
    let votes = item.votes();
    let votes_width = crate::ui::widgets::votes_span(votes, theme).map_or(0, |s| s.content.width());
    let row_width = if item.seed_text.is_empty() {
        7 + safe(&item.label()).width() + note_width + votes_width
    } else {
        usize::MAX
    };
    split_for_detail(
        frame,
        list_area,
        row_width,
        &[
            ("", safe(&item.label()).into_owned()),
            ("Note", safe(&item.note).into_owned()),
            ("Framework's wording", safe(&item.seed_text).into_owned()),
            ("Vote", crate::ui::widgets::vote_detail(votes)),
        ],
        6,
        theme,
    )
}

/// A gauge in `width` columns: a bar whose empty part is drawn too, and its label
/// beside it, never over it.
fn gauge(
    done: usize,
    total: usize,
    label: &str,
    width: u16,
    style: ratatui::style::Style,
    theme: Theme,
) -> Line<'static> {
    let bar_width = usize::from(width).saturating_sub(label.width() + 1);
    let (full, empty) = bar(done, total, bar_width);
    Line::from(vec![
        Span::styled(full, style),
        Span::styled(empty, theme.bar()),
        Span::raw(format!(" {label}")),
    ])
}

/// Gauges per category, overall readiness and the tracks at risk, beside the list.
fn draw_panel(frame: &mut Frame, area: Rect, app: &App, scores: &[CategoryScore], theme: Theme) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut y = inner.y;
    let width = inner.width.saturating_sub(2);
    let x = inner.x + 1;
    let overall = overall_percent(&app.workbook);
    let put = |frame: &mut Frame, widget: Line<'static>, y: &mut u16| {
        if *y < inner.bottom() {
            frame.render_widget(widget, Rect::new(x, *y, width, 1));
        }
        *y += 1;
    };
    put(
        frame,
        Line::styled(format!("Overall readiness {overall}%"), theme.heading()),
        &mut y,
    );
    let overall_u = usize::try_from(overall).unwrap_or(100);
    put(
        frame,
        gauge(
            overall_u,
            100,
            &format!("{overall}%"),
            width,
            theme.good(),
            theme,
        ),
        &mut y,
    );
    y += 1;
    for score in scores {
        let mark = if score.at_risk { "!" } else { "✓" };
        put(
            frame,
            Line::styled(
                format!("{mark} {}", safe(&score.category.title)),
                theme.heading(),
            ),
            &mut y,
        );
        let style = if score.at_risk {
            theme.warn()
        } else {
            theme.good()
        };
        let p = score.progress;
        put(
            frame,
            gauge(p.done, p.total, &p.to_string(), width, style, theme),
            &mut y,
        );
        if score.at_risk {
            for l in wrap(&risk_text(score), usize::from(width)) {
                put(frame, Line::styled(l, theme.warn()), &mut y);
            }
        }
        y += 1;
    }
    for (check, p) in exit_checks(&app.workbook) {
        let mark = if p.done == p.total { "✓" } else { "·" };
        put(
            frame,
            Line::styled(format!("{mark} {}", safe(&check.title)), theme.heading()),
            &mut y,
        );
        put(
            frame,
            gauge(p.done, p.total, &p.to_string(), width, theme.good(), theme),
            &mut y,
        );
        y += 1;
    }
    let note = "A category below 3/5 puts the roadmap tracks that depend on it at risk.";
    let lines: Vec<Line> = wrap(note, usize::from(width))
        .into_iter()
        .map(|l| Line::styled(l, theme.dim()))
        .collect();
    if y < inner.bottom() {
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(x, y, width, inner.bottom() - y),
        );
    }
}

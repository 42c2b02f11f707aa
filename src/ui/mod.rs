//! Drawing: the frame around the screens (title, tabs, footer, help) and one module per
//! screen. Everything renders from `&App`; nothing here changes state.

mod checkin;
mod guide;
mod help;
pub(crate) mod overlay;
mod projector;
pub mod theme;
pub(crate) mod widgets;

use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Overlay, SaveState, Screen};
use crate::keymap;
use crate::screens::{baseline, maturity, readiness, roadmap, setup, summary};
pub use theme::Theme;

/// The smallest terminal planbook draws its screens in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub use crate::present::safe;

/// What drawing learned that the app's view state needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// How far the open overlay can scroll, so scrolling stops at its end.
    pub overlay_max_scroll: Option<u16>,
}

/// Draws the whole app.
pub fn draw(frame: &mut Frame, app: &App, theme: Theme) -> Drawn {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return Drawn::default();
    }
    if draw_for_the_room(frame, area, app, theme) {
        return Drawn::default();
    }
    // A warning or a notice too long for its line wraps onto more lines (at most
    // three) rather than being cut: file names and reasons stay readable.
    let width = usize::from(area.width);
    let banner_lines = banner(app).map_or_else(Vec::new, |b| {
        let mut lines = widgets::wrap(&safe(&b), width.saturating_sub(2));
        lines.truncate(3);
        lines
    });
    let notice_lines = long_notice(app, width);
    let [title, tabs, body, notice, footer] = frame_rows(
        area,
        u16::try_from(banner_lines.len().max(1)).unwrap_or(1),
        u16::try_from(notice_lines.len()).unwrap_or(0),
    );
    if banner_lines.is_empty() {
        draw_title(frame, title, app, theme);
    } else {
        let style = theme.bad().add_modifier(ratatui::style::Modifier::REVERSED);
        let lines: Vec<Line> = banner_lines
            .into_iter()
            .map(|l| {
                let pad = width.saturating_sub(l.width() + 1);
                Line::styled(format!(" {l}{}", " ".repeat(pad)), style)
            })
            .collect();
        widgets::render_lines(frame, title, lines);
    }
    if !notice_lines.is_empty() {
        let lines: Vec<Line> = notice_lines
            .into_iter()
            .map(|l| Line::styled(format!(" {l}"), theme.heading()))
            .collect();
        widgets::render_lines(frame, notice, lines);
    }
    draw_tabs(frame, tabs, app, theme);
    // Rules above and below the screen: drawn as lines, which touch only their rows.
    let rule = Line::styled("─".repeat(usize::from(body.width)), theme.border());
    frame.render_widget(rule.clone(), Rect::new(body.x, body.y, body.width, 1));
    frame.render_widget(rule, Rect::new(body.x, body.bottom() - 1, body.width, 1));
    let inner = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(2),
    );
    match app.screen {
        Screen::Setup => setup::draw(frame, inner, app, theme),
        Screen::Readiness => readiness::draw(frame, inner, app, theme),
        Screen::Baseline => baseline::draw(frame, inner, app, theme),
        Screen::Maturity => maturity::draw(frame, inner, app, theme),
        Screen::Roadmap => roadmap::draw(frame, inner, app, theme),
        Screen::Summary => summary::draw(frame, inner, app, theme),
    }
    // Saving elsewhere, and adding or rewording content, can be asked for on any
    // screen: the field opens at the bottom of the screen, over whatever is there.
    if let Some(edit) = &app.edit {
        let label = if edit.field == crate::app::Field::SaveAs {
            Some(" Save as: ".to_string())
        } else {
            content_label(app, edit.field)
        };
        if let Some(label) = label {
            let rows = Rect::new(
                inner.x,
                inner.bottom().saturating_sub(2),
                inner.width,
                2.min(inner.height),
            );
            frame.render_widget(ratatui::widgets::Clear, rows);
            widgets::field_editor(frame, rows, rows.y, &label, edit, theme);
        }
    }
    let overlay_max_scroll = match app.overlay {
        Some(Overlay::Help) => Some(help::draw(frame, body, app, theme)),
        Some(Overlay::Guide) => Some(guide::draw(frame, body, app, theme)),
        Some(Overlay::Splits) => Some(splits(frame, body, app, theme)),
        Some(Overlay::Phases) => Some(crate::screens::maturity::draw_phases(
            frame, body, app, theme,
        )),
        None => {
            if app.checkin.is_some() {
                checkin::draw(frame, body, app, theme);
            }
            None
        }
    };
    draw_footer(frame, footer, app, theme);
    Drawn { overlay_max_scroll }
}

/// The rows of a frame: the title (`title` rows), the tabs, the screen, the notice
/// (`notice` rows) and the footer. What `Layout::vertical` gives for them in a window
/// of at least `MIN_HEIGHT` rows (a test compares), without its constraint solver,
/// whose first use costs a fifth of a millisecond of the first frame.
fn frame_rows(area: Rect, title: u16, notice: u16) -> [Rect; 5] {
    let row = |y: u16, height: u16| Rect::new(area.x, y, area.width, height);
    let body = area.height.saturating_sub(title + 1 + notice + 1);
    let tabs = area.y + title;
    let under = tabs + 1 + body;
    [
        row(area.y, title),
        row(tabs, 1),
        row(tabs + 1, body),
        row(under, notice),
        row(under + notice, 1),
    ]
}

/// A voting round, and presentation mode, take the whole window (a field or a
/// question, and help, still show over presentation mode). Whether they did.
fn draw_for_the_room(frame: &mut Frame, area: Rect, app: &App, theme: Theme) -> bool {
    if app.vote.is_some() && app.edit.is_none() && app.overlay.is_none() {
        // The keys of the round's stage, from the keymap like every footer.
        let [body, footer] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        projector::draw_vote(frame, body, app, theme);
        draw_footer(frame, footer, app, theme);
        return true;
    }
    if app.present && app.edit.is_none() && app.prompt.is_none() && app.overlay.is_none() {
        projector::draw(frame, area, app, theme);
        return true;
    }
    false
}

fn too_small(frame: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled("planbook needs a larger window", theme.heading()),
        Line::raw(format!(
            "at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}",
            area.width, area.height
        )),
        Line::raw("q quits"),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The label of a field that adds, rewords or names content, with where it goes;
/// `None` for other fields.
fn content_label(app: &App, field: crate::app::Field) -> Option<String> {
    use crate::app::Field;
    let wb = &app.workbook;
    let category = |i: usize| {
        let (c, _) = wb.readiness_at(i)?;
        Some(safe(&wb.readiness[c].title).into_owned())
    };
    let group = |i: usize| {
        let (g, _) = wb.metric_at(i)?;
        Some(safe(&wb.baseline[g].title).into_owned())
    };
    let dimension = |i: usize| {
        let (d, _) = wb.question_at(i)?;
        Some(safe(&wb.maturity[d].title).into_owned())
    };
    Some(match field {
        Field::NewItem(i) => format!(" New item in {}: ", category(i).unwrap_or_default()),
        Field::ItemText(_) => " Item: ".to_string(),
        Field::NewMetric(i) => format!(" New metric in {}: ", group(i).unwrap_or_default()),
        Field::MetricName(_) => " Metric: ".to_string(),
        Field::MetricUnit(_) => " Unit (such as hours per week; empty for none): ".to_string(),
        Field::NewQuestion(i) => {
            format!(" New question in {}: ", dimension(i).unwrap_or_default())
        }
        Field::QuestionText(_) => " Question: ".to_string(),
        Field::QuestionLevel(_) => " A yes is needed from level (1 to 4): ".to_string(),
        Field::Voters(_) => " How many people vote (2 to 30)? ".to_string(),
        Field::Timebox => format!(
            " Timebox for {}, in minutes (empty for none): ",
            app.screen.title()
        ),
        _ => return None,
    })
}

/// The items whose vote split, where the discussion starts: Readiness first, then
/// Maturity, each with its counts.
fn splits(frame: &mut Frame, area: Rect, app: &App, theme: Theme) -> u16 {
    use crate::model::votes::Voted;
    let area = overlay::centred(area, 110);
    let width = usize::from(area.width.saturating_sub(4));
    let wb = &app.workbook;
    let mut lines = Vec::new();
    let mut add = |place: String, text: &str, votes: crate::model::votes::Votes| {
        for (i, l) in widgets::wrap(
            &format!("! {place}: {} · {}", safe(text), votes.counts()),
            width,
        )
        .into_iter()
        .enumerate()
        {
            lines.push(Line::raw(if i == 0 { l } else { format!("  {l}") }));
        }
    };
    for c in &wb.readiness {
        for item in c.items.iter().filter(|x| x.votes().split()) {
            add(
                format!("Readiness · {}", safe(&c.title)),
                &item.label(),
                item.votes(),
            );
        }
    }
    for d in &wb.maturity {
        for q in d.questions.iter().filter(|q| q.votes().split()) {
            add(format!("Maturity · {}", safe(&d.title)), &q.text, q.votes());
        }
    }
    if lines.is_empty() {
        lines.push(Line::raw(
            "No vote has split: v on an item or a question starts a round.",
        ));
    } else {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "On Readiness or Maturity, ] goes to the next of these.",
            theme.dim(),
        ));
    }
    overlay::draw(
        frame,
        area,
        "Votes that split: discuss these first (Esc closes)",
        lines,
        app.overlay_scroll,
        theme,
    )
}

/// What a removal would take away, for its question.
fn removal(app: &App, content: crate::app::Content) -> String {
    use crate::app::Content;
    let text = match content {
        Content::ReadinessItem(i) => app.readiness_item(i).map(|x| x.text.clone()),
        Content::Metric(i) => app.metric(i).map(|m| m.name.clone()),
        Content::Question(i) => app.question(i).map(|(_, q)| q.text.clone()),
    };
    format!(
        "Remove '{}'? y removes it, n keeps it (Ctrl-Z brings it back)",
        safe(&text.unwrap_or_default())
    )
}

/// A warning that takes the title line: nothing may be lost without the user seeing.
fn banner(app: &App) -> Option<String> {
    if app.prompt == Some(crate::app::Prompt::Conflict) {
        return Some(
            "! The workbook changed on disk. k keeps yours (theirs saved beside it), \
             r reloads theirs (yours saved beside it)"
                .to_string(),
        );
    }
    if let Some(crate::app::Prompt::Remove(content)) = app.prompt {
        return Some(format!("! {}", removal(app, content)));
    }
    if let Some(why) = &app.read_only {
        return Some(format!("! Read-only: {why}. Changes are not saved."));
    }
    if let SaveState::Failed(e) = &app.save_state {
        let quit = if app.quit_armed {
            "q again quits WITHOUT saving"
        } else {
            "q twice quits without saving"
        };
        // What to do first, then why: the reason may be long.
        return Some(format!("! Not saved, edits kept ({quit}): {e}"));
    }
    None
}

/// Columns the footer keeps for `? help  q quit  ✓ saved`, beside a notice.
const FOOTER_RIGHT: usize = 26;

/// A notice too long to share the footer line, wrapped to lines of its own above it.
fn long_notice(app: &App, width: usize) -> Vec<String> {
    let Some(notice) = &app.notice else {
        return Vec::new();
    };
    let notice = safe(notice);
    if notice.width() + 2 + FOOTER_RIGHT <= width {
        return Vec::new();
    }
    let mut lines = widgets::wrap(&notice, width.saturating_sub(2));
    lines.truncate(3);
    lines
}

fn draw_title(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let plan = &app.workbook.plan;
    let mut spans = vec![Span::styled(" planbook ", theme.title())];
    let team = if plan.team.is_empty() {
        "(team not named yet)"
    } else {
        &plan.team
    };
    spans.push(Span::styled(safe(team).into_owned(), theme.base()));
    if !plan.lead.is_empty() {
        spans.push(Span::styled(
            format!(" · lead {}", safe(&plan.lead)),
            theme.dim(),
        ));
    }
    if let Some(start) = app.workbook.start() {
        let months = i32::try_from(app.workbook.roadmap.months).unwrap_or(6);
        spans.push(Span::styled(
            format!(" · {} to {}", start.label(), start.plus(months - 1).label()),
            theme.dim(),
        ));
    }
    // The current screen's time against its timebox, at the right.
    if let Some(timer) = app.timer_text() {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let room = usize::from(area.width).saturating_sub(used + timer.width() + 1);
        let style = if timer.starts_with('!') {
            theme.warn()
        } else {
            theme.dim()
        };
        spans.push(Span::raw(" ".repeat(room)));
        spans.push(Span::styled(timer, style));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The tab label of a screen, with its completion.
fn tab_text(app: &App, s: Screen, numbered: bool) -> String {
    let wb = &app.workbook;
    let progress = match s {
        Screen::Setup => Some(wb.setup_progress()),
        Screen::Readiness => Some(wb.readiness_progress()),
        Screen::Baseline => Some(wb.baseline_progress()),
        Screen::Maturity => Some(wb.maturity_progress()),
        Screen::Roadmap => Some(wb.roadmap_progress()),
        Screen::Summary => None,
    };
    let mut text = if numbered {
        format!("{} {}", s.index() + 1, s.title())
    } else {
        s.title().to_string()
    };
    if let Some(p) = progress {
        let _ = write!(text, " {p}");
    }
    text
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    // The roomiest form that fits: numbered and padded, then plain.
    let forms = [(true, " ", "│"), (false, " ", ""), (false, "", " ")];
    let width = usize::from(area.width);
    let build = |(numbered, pad, divider): (bool, &str, &str)| {
        let mut spans = Vec::new();
        let mut len = 0;
        for (i, s) in Screen::ALL.iter().copied().enumerate() {
            if i > 0 && !divider.is_empty() {
                spans.push(Span::styled(divider.to_string(), theme.border()));
                len += divider.width();
            }
            let text = format!("{pad}{}{pad}", tab_text(app, s, numbered));
            len += text.width();
            let style = if s == app.screen {
                theme.selected()
            } else {
                theme.tab()
            };
            spans.push(Span::styled(text, style));
        }
        (len, spans)
    };
    let mut chosen = None;
    for form in forms {
        let (len, spans) = build(form);
        if len < width {
            chosen = Some(spans);
            break;
        }
    }
    let spans = chosen.unwrap_or_else(|| build(forms[2]).1);
    let mut line = vec![Span::raw(" ")];
    line.extend(spans);
    frame.render_widget(Line::from(line), area);
}

fn hint_spans(hints: &[keymap::Hint], room: usize, theme: Theme) -> (Vec<Span<'static>>, usize) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (keys, hint) in hints {
        let need = keys.width() + hint.width() + 3;
        if used + need > room {
            break;
        }
        spans.push(Span::styled(*keys, theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
        used += need;
    }
    (spans, used)
}

fn draw_footer(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let (state, style) = match &app.save_state {
        SaveState::Saved => ("✓ saved".to_string(), theme.good()),
        SaveState::Unsaved => ("* saving…".to_string(), theme.warn()),
        // The banner above says why.
        SaveState::Failed(_) => ("! not saved".to_string(), theme.bad()),
    };
    let width = usize::from(area.width);
    let state = widgets::truncate(&state, width / 2);
    let (local, mut global) = keymap::footer_hints(app);
    // A long notice has lines of its own above: the footer keeps its keys.
    let notice = app
        .notice
        .as_ref()
        .filter(|_| long_notice(app, width).is_empty());
    let room = width.saturating_sub(state.width() + 2);
    // The screen's own keys come first; global hints drop from the front (Tab
    // first: the tab bar already shows the screens) until both fit.
    let need = |hints: &[keymap::Hint]| -> usize {
        hints.iter().map(|(k, h)| k.width() + h.width() + 3).sum()
    };
    // `?` and `q` always stay: with them every other key can be found.
    // A notice takes the place of the screen's keys, and needs the room.
    let left_need = notice.map_or_else(|| need(&local), |n| n.width() + 1);
    while global.len() > 2 && left_need + need(&global) + 1 > room {
        global.remove(0);
    }
    let (global_spans, global_used) = hint_spans(&global, room, theme);
    let (local_spans, _) = hint_spans(&local, room.saturating_sub(global_used + 1), theme);
    let mut left = vec![Span::raw(" ")];
    match notice {
        Some(notice) => left.push(Span::styled(
            widgets::truncate(&safe(notice), room.saturating_sub(global_used + 1)),
            theme.heading(),
        )),
        None => left.extend(local_spans),
    }
    frame.render_widget(Line::from(left), area);
    let mut right = global_spans;
    right.push(Span::styled(state, style));
    right.push(Span::raw(" "));
    frame.render_widget(Line::from(right).right_aligned(), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_rows_are_what_the_layout_solver_gives() {
        for height in MIN_HEIGHT..=70 {
            for title in 1..=3 {
                for notice in 0..=3 {
                    let area = Rect::new(0, 2, 80, height);
                    let solved: [Rect; 5] = Layout::vertical([
                        Constraint::Length(title),
                        Constraint::Length(1),
                        Constraint::Min(1),
                        Constraint::Length(notice),
                        Constraint::Length(1),
                    ])
                    .areas(area);
                    assert_eq!(
                        frame_rows(area, title, notice),
                        solved,
                        "{height} {title} {notice}"
                    );
                }
            }
        }
    }
}

//! Presentation mode and the voting round, drawn for a projector: the current item
//! alone, in large text (tui-big-text) where it fits, its answer as a large mark, and
//! nothing else but a one-line position. A terminal cannot change its font size, so
//! the text is drawn with blocks: four columns and four rows per letter where the
//! window allows, plain and centred where it does not.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use super::widgets::wrap;
use super::{Theme, safe};
use crate::app::vote::{Stage, VoteOn};
use crate::app::{App, Screen};
use crate::model::Answer;
use crate::model::maturity::{assess, level_name};
use crate::model::readiness::overall_percent;
use crate::model::votes::Voted;

/// What the projector shows: where we are, the item, its mark, and a line under it.
struct Slide {
    position: String,
    text: String,
    mark: Option<String>,
    under: Option<String>,
}

impl Slide {
    /// Where we are and a text, with no mark and nothing under it.
    fn plain(position: String, text: String) -> Self {
        Self {
            position,
            text,
            mark: None,
            under: None,
        }
    }
}

fn answer_mark(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "YES",
        Answer::No => "NO",
        Answer::NotApplicable => "N/A",
        Answer::Unanswered => "?",
    }
}

fn slide(app: &App) -> Slide {
    let wb = &app.workbook;
    let i = app.selected();
    match app.screen {
        Screen::Readiness | Screen::Maturity => checklist_slide(app),
        Screen::Baseline => {
            let Some((g, k)) = wb.metric_at(i) else {
                return Slide::plain("Baseline".into(), String::new());
            };
            let group = &wb.baseline[g];
            let m = &group.metrics[k];
            Slide {
                position: format!(
                    "Baseline · {} · {} of {}",
                    group.title,
                    k + 1,
                    group.metrics.len()
                ),
                text: m.name.clone(),
                mark: Some(crate::present::display_value(m).unwrap_or_else(|| "?".into())),
                under: (!m.target.is_empty()).then(|| format!("target {}", m.target)),
            }
        }
        Screen::Setup => Slide {
            position: "Setup".into(),
            text: if wb.plan.team.is_empty() {
                "Team not named yet".into()
            } else {
                wb.plan.team.clone()
            },
            mark: None,
            under: Some(format!(
                "lead {} · starts {}",
                if wb.plan.lead.is_empty() {
                    "not named"
                } else {
                    &wb.plan.lead
                },
                wb.start()
                    .map_or_else(|| "not set".into(), crate::model::PlanMonth::label)
            )),
        },
        Screen::Roadmap => {
            let c = app.roadmap;
            let track = wb
                .roadmap
                .tracks
                .get(c.track)
                .map_or("", |t| t.name.as_str());
            let ms: Vec<_> = wb
                .roadmap
                .milestones
                .iter()
                .filter(|m| m.month == c.month)
                .collect();
            let done = ms.iter().filter(|m| m.is_done()).count();
            Slide {
                position: format!(
                    "Roadmap · month {} of {} · {track}",
                    c.month, wb.roadmap.months
                ),
                text: format!("Month {}: {track}", c.month),
                mark: Some(format!("{done}/{}", ms.len())),
                under: Some("milestones of the month done".into()),
            }
        }
        Screen::Summary => {
            let a = assess(wb);
            Slide {
                position: "Summary · where the team stands".into(),
                text: format!("Readiness {}%", overall_percent(wb)),
                mark: Some(format!("{:.1}", a.rounded_average())),
                under: Some(format!(
                    "maturity average, {} · phase {}",
                    level_name(a.overall_level()),
                    a.current_phase()
                )),
            }
        }
    }
}

/// A Readiness item or a Maturity question, with its mark and its vote.
fn checklist_slide(app: &App) -> Slide {
    let wb = &app.workbook;
    let i = app.selected();
    match app.screen {
        Screen::Readiness => {
            let Some((c, k)) = wb.readiness_at(i) else {
                return Slide::plain("Readiness".into(), String::new());
            };
            let cat = &wb.readiness[c];
            let item = &cat.items[k];
            let votes = item.votes();
            Slide {
                position: format!(
                    "Readiness · {} · {} of {}",
                    cat.title,
                    k + 1,
                    cat.items.len()
                ),
                text: item.label(),
                mark: Some(if item.done { "[X]" } else { "[ ]" }.into()),
                under: Some(format!(
                    "{}{}",
                    if item.done {
                        "ticked: the team has it"
                    } else {
                        "not ticked yet"
                    },
                    votes_after(votes)
                )),
            }
        }
        Screen::Maturity => {
            let Some((d, k)) = wb.question_at(i) else {
                return Slide::plain("Maturity".into(), String::new());
            };
            let dim = &wb.maturity[d];
            let q = &dim.questions[k];
            let votes = q.votes();
            let level = assess(wb).dimensions.get(d).and_then(|r| r.level);
            Slide {
                position: format!(
                    "Maturity · {} · {} of {}",
                    dim.title,
                    k + 1,
                    dim.questions.len()
                ),
                text: q.text.clone(),
                mark: Some(answer_mark(q.answer).into()),
                under: Some(format!(
                    "{} now at level {}{}",
                    dim.title,
                    level.map_or_else(|| "-".into(), |l| format!("{l} {}", level_name(l))),
                    votes_after(votes)
                )),
            }
        }
        _ => Slide::plain(String::new(), String::new()),
    }
}

/// Whether the big font draws every character (Latin letters, figures, punctuation).
fn big_font_has(text: &str) -> bool {
    text.chars()
        .all(|c| (' '..='~').contains(&c) || ('\u{a0}'..='\u{ff}').contains(&c))
}

/// The block sizes the big font comes in, largest first: the pixel size, and the
/// columns and rows of one letter.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// How `text` is drawn in a `width` x `height` area: the largest block size whose
/// wrapped lines fit, with the lines; `None` when even the smallest does not (or the
/// font lacks a character), and the text is drawn plain.
fn layout_big(text: &str, width: u16, height: u16) -> Option<(PixelSize, Vec<String>, u16)> {
    if !big_font_has(text) {
        return None;
    }
    SIZES.iter().find_map(|&(size, cw, ch)| {
        let per_line = usize::from(width / cw);
        if per_line == 0 {
            return None;
        }
        let lines = wrap(text, per_line);
        let rows = u16::try_from(lines.len()).ok()?.checked_mul(ch)?;
        (rows <= height && lines.iter().all(|l| l.width() <= per_line))
            .then_some((size, lines, rows))
    })
}

/// Lines of big text in the top `rows` of `area`, centred.
fn render_big(
    frame: &mut Frame,
    area: Rect,
    (size, lines, rows): (PixelSize, Vec<String>, u16),
    style: Style,
) {
    let widget = BigText::builder()
        .pixel_size(size)
        .style(style)
        .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .centered()
        .build();
    frame.render_widget(
        widget,
        Rect {
            height: rows,
            ..area
        },
    );
}

/// Draws `text` as large as it fits in `area` (see `layout_big`), else plain bold
/// text, wrapped and centred. Returns the rows used.
fn big(frame: &mut Frame, area: Rect, text: &str, style: Style) -> u16 {
    let text = safe(text).into_owned();
    if let Some(big) = layout_big(&text, area.width, area.height) {
        let rows = big.2;
        render_big(frame, area, big, style);
        return rows;
    }
    let lines: Vec<Line> = wrap(&text, usize::from(area.width.saturating_sub(2)))
        .into_iter()
        .map(|l| Line::styled(l, style.add_modifier(Modifier::BOLD)))
        .collect();
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
    rows
}

/// The rows `text` takes when drawn by `big` in an area this size.
fn big_rows(text: &str, width: u16, height: u16) -> u16 {
    let text = safe(text).into_owned();
    layout_big(&text, width, height).map_or_else(
        || {
            u16::try_from(wrap(&text, usize::from(width.saturating_sub(2))).len())
                .unwrap_or(u16::MAX)
                .min(height)
        },
        |(_, _, rows)| rows,
    )
}

/// A mark such as `YES` or `[X]`, as large as fits on one line in `area`.
fn big_mark(frame: &mut Frame, area: Rect, mark: &str, style: Style) {
    let mark = safe(mark).into_owned();
    match layout_big(&mark, area.width, area.height).filter(|(_, lines, _)| lines.len() == 1) {
        Some(big) => render_big(frame, area, big, style),
        None => frame.render_widget(
            Paragraph::new(Line::styled(mark, style.add_modifier(Modifier::BOLD)))
                .alignment(Alignment::Center),
            area,
        ),
    }
}

fn position_line(frame: &mut Frame, area: Rect, text: &str, theme: Theme) {
    let width = usize::from(area.width);
    let text = super::widgets::truncate(&format!(" {}", safe(text)), width);
    let pad = width.saturating_sub(text.width());
    frame.render_widget(
        Line::styled(format!("{text}{}", " ".repeat(pad)), theme.selected()),
        area,
    );
}

/// The whole window: the position on the first line, the item large, its mark large
/// under it, and one line under that; the item and its mark centred in what is left.
fn draw_slide(frame: &mut Frame, area: Rect, s: &Slide, theme: Theme) {
    let [top, _, body, under] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(s.under.is_some())),
    ])
    .areas(area);
    position_line(frame, top, &s.position, theme);
    // The mark takes a third of the body at most (8 rows on a large window, 4 on a
    // small one), the text the rest.
    let mark_rows: u16 = match &s.mark {
        Some(_) if body.height >= 30 => 8,
        Some(_) => 4,
        None => 0,
    };
    let gap = u16::from(s.mark.is_some());
    let text_room = body.height.saturating_sub(mark_rows + gap);
    let text_rows = big_rows(&s.text, body.width, text_room);
    let block = text_rows + gap + mark_rows;
    let y = body.y + body.height.saturating_sub(block) / 2;
    let used = big(
        frame,
        Rect::new(
            body.x,
            y,
            body.width,
            text_room.min(body.bottom().saturating_sub(y)),
        ),
        &s.text,
        theme.base(),
    );
    if let Some(mark) = &s.mark {
        let my = y + used + gap;
        let mark_area = Rect::new(
            body.x,
            my,
            body.width,
            mark_rows.min(body.bottom().saturating_sub(my)),
        );
        big_mark(frame, mark_area, mark, theme.heading());
    }
    if let Some(text) = &s.under {
        frame.render_widget(
            Paragraph::new(Line::styled(safe(text).into_owned(), theme.heading()))
                .alignment(Alignment::Center),
            under,
        );
    }
}

/// Presentation mode: the current item of the screen, alone and large.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut s = slide(app);
    if let Some(timer) = app.timer_text() {
        s.position = format!("{} · {timer}", s.position);
    }
    draw_slide(frame, area, &s, theme);
}

/// A voting round: each voter sees only the question; between voters the screen
/// hides the vote; at the end the counts, and whether the room agrees.
pub fn draw_vote(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(round) = app.vote else {
        return;
    };
    let text = app.vote_text(round.on).unwrap_or_default();
    let what = match round.on {
        VoteOn::Item(_) => "Readiness",
        VoteOn::Question(_) => "Maturity",
    };
    let slide = match round.stage {
        Stage::Asking(n) => Slide {
            position: format!("Vote · {what} · voter {n} of {}", round.voters),
            text,
            mark: None,
            under: Some(format!("Voter {n}: your answer is not shown to anyone")),
        },
        Stage::Hidden(n) => Slide {
            position: format!("Vote · {what} · {n} of {} voted", round.voters),
            text: "Pass the laptop".into(),
            mark: None,
            under: Some("Pass the laptop to the next person, then press Enter".into()),
        },
        Stage::Revealed => {
            let v = round.votes;
            Slide {
                position: format!("Vote · {what} · the result · {}", safe(&text)),
                text: format!("yes {} no {} n/a {}", v.yes, v.no, v.na),
                mark: None,
                under: Some(format!(
                    "{}{}",
                    v.counts(),
                    if v.split() {
                        " · ! no consensus, discuss".to_string()
                    } else if round.skipped > 0 {
                        format!(" · {} skipped", round.skipped)
                    } else {
                        String::new()
                    }
                )),
            }
        }
    };
    draw_slide(frame, area, &slide, theme);
}

/// The counts of the last vote, after what the slide says: ` · voted 2–1 · ! split`.
fn votes_after(votes: crate::model::votes::Votes) -> String {
    if !votes.any() {
        return String::new();
    }
    let split = if votes.split() { " · ! split" } else { "" };
    format!(" · {}{split}", votes.short())
}

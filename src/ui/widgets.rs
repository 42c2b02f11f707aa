//! Shared drawing pieces: a scrolling list with a selected row, text bars and
//! truncation with an ellipsis.

use ratatui::Frame;
use ratatui::layout::{Margin, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use tui_input::Input;

use super::Theme;
use crate::app::Edit;

/// One line of a list: a heading or blank that cannot be selected, or an item.
pub struct ListRow<'a> {
    content: Content<'a>,
    pub item: bool,
    /// A further line of the item above it: selected and scrolled with it.
    follows: bool,
}

/// A row's text, or how to make it: long lists make only the rows on screen.
enum Content<'a> {
    Ready(Line<'static>),
    Lazy(Box<dyn Fn() -> Line<'static> + 'a>),
}

impl<'a> ListRow<'a> {
    pub fn item(line: impl Into<Line<'static>>) -> Self {
        Self {
            content: Content::Ready(line.into()),
            item: true,
            follows: false,
        }
    }

    pub fn text(line: impl Into<Line<'static>>) -> Self {
        Self {
            content: Content::Ready(line.into()),
            item: false,
            follows: false,
        }
    }

    /// An item whose line is made only if it is drawn.
    pub fn lazy_item(make: impl Fn() -> Line<'static> + 'a) -> Self {
        Self {
            content: Content::Lazy(Box::new(make)),
            item: true,
            follows: false,
        }
    }

    /// A second line of the item above, made only if it is drawn: it is highlighted
    /// with that item and cannot be selected on its own.
    pub fn lazy_follow(make: impl Fn() -> Line<'static> + 'a) -> Self {
        Self {
            content: Content::Lazy(Box::new(make)),
            item: false,
            follows: true,
        }
    }

    /// A heading or text row too wide for `width` columns as several rows, wrapped
    /// between words; further lines are indented two columns more than the first.
    /// Items stay as they are (their detail shows them whole).
    pub fn wrapped(self, width: usize) -> Vec<Self> {
        match self.content {
            Content::Ready(line) if !self.item && !self.follows && line.width() > width => {
                let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
                let indent = text.len() - text.trim_start().len() + 2;
                wrap_line(line, width, indent)
                    .into_iter()
                    .map(Self::text)
                    .collect()
            }
            content => vec![Self { content, ..self }],
        }
    }

    fn into_line(self) -> Line<'static> {
        match self.content {
            Content::Ready(line) => line,
            Content::Lazy(make) => make(),
        }
    }
}

/// Draws `rows`, highlighting the `selected`-th item and scrolling to keep it in view
/// (centred where there is room), and returns the screen row the selected item is
/// on. Only the visible rows are drawn.
pub fn list(
    frame: &mut Frame,
    area: Rect,
    rows: Vec<ListRow>,
    selected: Option<usize>,
    theme: Theme,
) -> Option<u16> {
    if area.height == 0 || area.width == 0 {
        return None;
    }
    let height = usize::from(area.height);
    let selected_line = selected.and_then(|sel| {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.item)
            .nth(sel)
            .map(|(i, _)| i)
    });
    // The selected item's own line and the lines that follow it.
    let selected_lines = selected_line.map(|first| {
        let extra = rows[first + 1..].iter().take_while(|r| r.follows).count();
        first..=first + extra
    });
    let total = rows.len();
    // From the top while the selection fits with room to spare; centred after.
    let extra = selected_lines.as_ref().map_or(0, |r| r.end() - r.start());
    let offset = match selected_line {
        // The first item shows as much as can be of what stands above it (a summary's
        // preamble), with itself on the last row if need be.
        Some(line) if total > height && selected == Some(0) => (line + extra + 1)
            .saturating_sub(height)
            .min(total - height),
        Some(line) if total > height && line + 3 + extra >= height => {
            line.saturating_sub(height / 2).min(total - height)
        }
        _ => 0,
    };
    let width = usize::from(area.width.saturating_sub(u16::from(total > height)));
    let visible: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            if selected_lines.as_ref().is_some_and(|r| r.contains(&i)) {
                // A pointer as well as reverse video, so the selection survives
                // NO_COLOR, projectors and plain-text captures.
                let mut line = row.into_line();
                if Some(i) == selected_line
                    && let Some(first) = line.spans.first_mut()
                    && first.content.starts_with(' ')
                {
                    first.content = format!("▸{}", &first.content[1..]).into();
                }
                let mut line = fit_line(line, width);
                let pad = width.saturating_sub(line.width());
                line.spans.push(Span::raw(" ".repeat(pad)));
                line.style(theme.selected())
            } else {
                fit_line(row.into_line(), width)
            }
        })
        .collect();
    render_lines(frame, area, visible);
    if total > height {
        let mut state = ScrollbarState::new(total - height).position(offset);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│"))
                .thumb_symbol("█"),
            area.inner(Margin::new(0, 0)),
            &mut state,
        );
    }
    let line = selected_line?.checked_sub(offset)?;
    (line < height).then(|| area.y + u16::try_from(line).unwrap_or(0))
}

/// An input field being edited, drawn as `[text   ]` in `width` columns, and the
/// column of its cursor relative to the opening bracket.
pub fn input_span(input: &Input, width: usize, theme: Theme) -> (Span<'static>, u16) {
    let inner = width.saturating_sub(2).max(1);
    let scroll = input.visual_scroll(inner.saturating_sub(1));
    // tui-input counts the scroll and the cursor in display columns.
    let shown = columns(input.value(), scroll, inner);
    let cursor = input.visual_cursor().saturating_sub(scroll) + 1;
    (
        Span::styled(
            format!("[{}]", pad(&super::safe(shown), inner)),
            theme.selected(),
        ),
        u16::try_from(cursor).unwrap_or(0),
    )
}

/// Draws lines one row each from the top of `area`, as many as fit. Unlike a
/// paragraph, it touches only the rows it draws.
pub fn render_lines<'a>(frame: &mut Frame, area: Rect, lines: impl IntoIterator<Item = Line<'a>>) {
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        frame.render_widget(line, Rect::new(area.x, y, area.width, 1));
    }
}

/// Cuts a line to `width` columns, ending in `…` when anything was cut.
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut out = Vec::new();
    let mut used = 0;
    let room = width.saturating_sub(1);
    for span in line.spans {
        let w = span.width();
        if used + w <= room {
            used += w;
            out.push(span);
        } else {
            // What follows is cut, so the line ends in `…` even where this span
            // itself would fit to the last column.
            let kept = columns(&span.content, 0, room - used).trim_end();
            out.push(Span::styled(format!("{kept}…"), span.style));
            break;
        }
    }
    Line::from(out).style(line.style)
}

/// `s` cut to at most `width` display columns (a wide character such as `東` takes
/// two), ending in `…` when anything was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = columns(s, 0, width - 1).trim_end().to_string();
    out.push('…');
    out
}

/// The characters of `s` that fall in display columns `skip..skip + take`: a wide
/// character that would straddle either edge is left out.
pub fn columns(s: &str, skip: usize, take: usize) -> &str {
    let mut col = 0;
    let mut start = s.len();
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if start == s.len() && col >= skip {
            start = i;
        }
        if start != s.len() && col + w > skip + take {
            end = i;
            break;
        }
        col += w;
    }
    s.get(start..end.max(start)).unwrap_or("")
}

/// `s` padded with spaces, or cut with an ellipsis, to exactly `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let n = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(n)))
}

/// A text bar such as `███░░` for `done` of `total` in `width` cells.
pub fn bar(done: usize, total: usize, width: usize) -> (String, String) {
    let filled = (done * width + total / 2)
        .checked_div(total)
        .unwrap_or(0)
        .min(width);
    ("█".repeat(filled), "░".repeat(width - filled))
}

/// Splits text into lines of at most `width` columns at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let need = if current.is_empty() {
            word.width()
        } else {
            current.width() + 1 + word.width()
        };
        if need > width && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        // A word wider than a line (a file path, a URL) is broken where the line ends.
        let mut rest = word;
        while current.width() + rest.width() > width {
            let room = width - current.width();
            let head = columns(rest, 0, room);
            if head.is_empty() {
                break;
            }
            current.push_str(head);
            lines.push(std::mem::take(&mut current));
            rest = &rest[head.len()..];
        }
        current.push_str(rest);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.into_iter().map(|l| truncate(&l, width)).collect()
}

/// Wraps a styled line into lines of at most `width` columns, between words; each
/// further line starts with `indent` spaces (under a label, say). Runs of spaces
/// within a line are kept, so columns laid out with spaces stay where they were.
pub fn wrap_line(line: Line<'static>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 1);
    if line.width() <= width {
        return vec![line];
    }
    // Pieces of text in their span's style: a word, or a run of spaces.
    let mut pieces: Vec<(String, ratatui::style::Style)> = Vec::new();
    for span in &line.spans {
        let mut word = String::new();
        let mut in_space = false;
        for c in span.content.chars() {
            if (c == ' ') != in_space && !word.is_empty() {
                pieces.push((std::mem::take(&mut word), span.style));
            }
            in_space = c == ' ';
            word.push(c);
        }
        if !word.is_empty() {
            pieces.push((word, span.style));
        }
    }
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let new_line =
        |spans: &mut Vec<Span<'static>>, used: &mut usize, lines: &mut Vec<Line<'static>>| {
            lines.push(Line::from(std::mem::take(spans)).style(line.style));
            spans.push(Span::raw(" ".repeat(indent)));
            *used = indent;
        };
    // A space that did not fit: the next word starts a new line.
    let mut broken = false;
    for (text, style) in pieces {
        let w = text.width();
        if text.starts_with(' ') {
            // Spaces at the end of a line are dropped, and so are those that would
            // start the next one.
            let continued_start = !lines.is_empty() && used == indent;
            if !continued_start && used + w < width {
                spans.push(Span::styled(text, style));
                used += w;
            } else if !continued_start {
                broken = true;
            }
            continue;
        }
        if (used + w > width || std::mem::take(&mut broken)) && used > indent {
            // Spaces before a word that moves to the next line stay behind.
            while spans.last().is_some_and(|s| s.content.trim().is_empty()) && spans.len() > 1 {
                spans.pop();
            }
            new_line(&mut spans, &mut used, &mut lines);
        }
        // A word wider than a whole line is broken where the line ends.
        let mut rest = text.as_str();
        while used + rest.width() > width {
            let head = columns(rest, 0, width - used);
            if head.is_empty() {
                break;
            }
            spans.push(Span::styled(head.to_string(), style));
            rest = &rest[head.len()..];
            new_line(&mut spans, &mut used, &mut lines);
        }
        if !rest.is_empty() {
            used += rest.width();
            spans.push(Span::styled(rest.to_string(), style));
        }
    }
    if used > indent {
        lines.push(Line::from(spans).style(line.style));
    }
    lines
}

/// Splits `area` for a list whose selected row is cut: the full text of that row,
/// wrapped between words, goes in a few lines under a rule at the bottom (at most
/// `max` lines), and the rest is the list's. `parts` are the row's pieces, each shown
/// from a new line with its label (`Note: …`). Nothing is taken when the row fits.
pub fn split_for_detail(
    frame: &mut Frame,
    area: Rect,
    row_width: usize,
    parts: &[(&str, String)],
    max: usize,
    theme: Theme,
) -> Rect {
    let width = usize::from(area.width);
    // The list's last column may be its scroll bar.
    if row_width < width || area.height < 6 {
        return area;
    }
    let mut lines: Vec<Line> = Vec::new();
    for (label, text) in parts.iter().filter(|(_, t)| !t.is_empty()) {
        let lead = if label.is_empty() {
            String::new()
        } else {
            format!("{label}: ")
        };
        for (i, l) in wrap(&format!("{lead}{text}"), width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let style = if i == 0 && label.is_empty() {
                theme.base()
            } else {
                theme.dim()
            };
            lines.push(Line::styled(format!(" {l}"), style));
        }
    }
    lines.truncate(max);
    let height = u16::try_from(lines.len() + 1)
        .unwrap_or(1)
        .min(area.height / 2);
    let [list, detail] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(0),
        ratatui::layout::Constraint::Length(height),
    ])
    .areas(area);
    let rule = Line::styled(
        format!(" Selected {}", "─".repeat(width.saturating_sub(10))),
        theme.border(),
    );
    frame.render_widget(rule, Rect::new(detail.x, detail.y, detail.width, 1));
    render_lines(
        frame,
        Rect::new(
            detail.x,
            detail.y + 1,
            detail.width,
            detail.height.saturating_sub(1),
        ),
        lines,
    );
    list
}

/// The in-place editor of a list item's note, drawn on the row under the item at
/// screen row `item_y`, with the refusal message under it if there is one.
pub fn note_editor(frame: &mut Frame, area: Rect, item_y: u16, edit: &Edit, theme: Theme) {
    field_editor(frame, area, item_y + 1, "       note ", edit, theme);
}

/// A labelled text field on screen row `y`, with the refusal message under it.
pub fn field_editor(frame: &mut Frame, area: Rect, y: u16, label: &str, edit: &Edit, theme: Theme) {
    if y >= area.bottom() {
        return;
    }
    let label_width = label.width();
    let width = usize::from(area.width).saturating_sub(label_width + 1);
    let (span, offset) = input_span(&edit.input, width, theme);
    frame.render_widget(
        Line::from(vec![Span::styled(label.to_string(), theme.heading()), span]),
        Rect::new(area.x, y, area.width, 1),
    );
    let x = area.x + u16::try_from(label_width).unwrap_or(0) + offset;
    frame.set_cursor_position(Position::new(x, y));
    if let Some(error) = &edit.error {
        // The whole message, wrapped between words: it may cover the rows under the
        // field (never the footer) while the field is open.
        let indent = label_width.min(12);
        let lines = wrap(
            &format!("! {error}"),
            usize::from(area.width).saturating_sub(indent + 1),
        );
        let bottom = frame.area().bottom().saturating_sub(2).max(area.bottom());
        let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let rect = Rect::new(
            area.x,
            y + 1,
            area.width,
            bottom.saturating_sub(y + 1).min(rows),
        );
        frame.render_widget(ratatui::widgets::Clear, rect);
        render_lines(
            frame,
            rect,
            lines
                .into_iter()
                .map(|l| Line::styled(format!("{}{l}", " ".repeat(indent)), theme.bad())),
        );
    }
}

/// A vote's counts after an item, ` · voted 2–1`, and ` ! split` when the room
/// disagreed; nothing when no vote was kept.
pub fn votes_span(votes: crate::model::votes::Votes, theme: Theme) -> Option<Span<'static>> {
    if !votes.any() {
        return None;
    }
    Some(if votes.split() {
        Span::styled(format!(" · {} ! split", votes.short()), theme.warn())
    } else {
        Span::styled(format!(" · {}", votes.short()), theme.dim())
    })
}

/// A vote's counts for the line under a list, with a flag where the room split;
/// empty when no vote was kept.
pub fn vote_detail(votes: crate::model::votes::Votes) -> String {
    if !votes.any() {
        return String::new();
    }
    let split = if votes.split() {
        " · ! split: discuss"
    } else {
        ""
    };
    format!("{}{split}", votes.counts())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_following_line_is_selected_and_shown_with_its_item() {
        use ratatui::{Terminal, backend::TestBackend, style::Modifier};
        let mut terminal = Terminal::new(TestBackend::new(20, 3)).unwrap();
        let theme = Theme::plain();
        terminal
            .draw(|frame| {
                let rows = vec![
                    ListRow::item(" first"),
                    ListRow::lazy_follow(|| Line::raw("   more of first")),
                    ListRow::item(" second"),
                ];
                let at = list(frame, frame.area(), rows, Some(0), theme);
                assert_eq!(at, Some(0));
            })
            .unwrap();
        let buffer = terminal.backend().buffer();
        let reversed = |y: u16| buffer[(3, y)].modifier.contains(Modifier::REVERSED);
        assert_eq!(
            buffer[(0, 0)].symbol(),
            "▸",
            "the pointer is on the item's line"
        );
        assert_eq!(buffer[(0, 1)].symbol(), " ", "and only there");
        assert!(reversed(0) && reversed(1), "both lines are highlighted");
        assert!(!reversed(2));
    }

    #[test]
    fn a_line_cut_between_spans_ends_in_an_ellipsis() {
        // The first span would fit to the last column; the second is cut away.
        let line = Line::from(vec![Span::raw("abcdefghij"), Span::raw("  L2+")]);
        assert_eq!(fit_line(line, 10).to_string(), "abcdefghi…");
        let fits = Line::from(vec![Span::raw("abcde"), Span::raw(" L2+")]);
        assert_eq!(fit_line(fits, 10).to_string(), "abcde L2+");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Foundation", 20), "Foundation");
        assert_eq!(truncate("Foundation", 6), "Found…");
        assert_eq!(truncate("Core Processes", 6), "Core…");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn widths_are_display_columns() {
        // Two columns for each CJK character, one for ü and ✓.
        assert_eq!(pad("Zürich 東京 ✓", 14), "Zürich 東京 ✓ ");
        assert_eq!(truncate("東京東京", 5), "東京…");
        assert_eq!(truncate("東京東京", 4), "東…");
        assert_eq!(pad("東京東京", 4).width(), 4);
        assert_eq!(columns("a東b", 1, 2), "東");
        assert_eq!(
            columns("a東b", 2, 2),
            "b",
            "half a wide character is left out"
        );
        assert_eq!(wrap("東京 東京 東京", 9), ["東京 東京", "東京"]);
        // A word longer than a line is broken, not cut.
        assert_eq!(wrap("to /a/long/path.md", 8), ["to", "/a/long/", "path.md"]);
        assert_eq!(wrap("東京東京東", 4), ["東京", "東京", "東"]);
        // An emoji is two columns wide too.
        assert_eq!(pad("🚀 go", 6), "🚀 go ");
    }

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(3, 5, 10), ("██████".into(), "░░░░".into()));
        assert_eq!(bar(0, 0, 4), (String::new(), "░░░░".into()));
        assert_eq!(bar(5, 5, 4), ("████".into(), String::new()));
    }

    #[test]
    fn styled_lines_wrap_between_words_under_their_label() {
        let line = Line::from(vec![
            Span::raw(" Baseline    "),
            Span::raw("1 h 30 min · 2027-01-12 · from the PagerDuty export"),
        ]);
        let lines: Vec<String> = wrap_line(line, 40, 13)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                " Baseline    1 h 30 min · 2027-01-12 ·",
                "             from the PagerDuty export",
            ]
        );
        // Every line fits, no word is cut, and a word longer than a line is broken.
        let long = Line::raw(format!("see {} now", "x".repeat(30)));
        let lines: Vec<String> = wrap_line(long, 12, 2)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                "see",
                "  xxxxxxxxxx",
                "  xxxxxxxxxx",
                "  xxxxxxxxxx",
                "  now"
            ]
        );
        let short = Line::raw("fits as it is");
        assert_eq!(wrap_line(short.clone(), 20, 0), vec![short]);
        // A space that falls on the last column: the word after it is not glued on.
        let edge = Line::raw("abcdefgh a month");
        let lines: Vec<String> = wrap_line(edge, 9, 0)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(lines, ["abcdefgh", "a month"]);
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
    }
}

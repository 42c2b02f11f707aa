//! The help overlay: every key, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::Theme;
use super::widgets::pad;
use crate::keymap::{BINDINGS, EDIT_KEYS, Scope};

fn section(title: &str, entries: &[(&str, &str)], theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title.to_string(), theme.heading())];
    for (keys, hint) in entries {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", pad(keys, 14)), theme.key()),
            Span::raw((*hint).to_string()),
        ]));
    }
    lines
}

/// All help lines, in keymap order: one section per scope, then text editing.
pub fn lines(theme: Theme) -> Vec<Line<'static>> {
    let mut scopes: Vec<Scope> = Vec::new();
    for b in BINDINGS {
        if !scopes.contains(&b.scope) {
            scopes.push(b.scope);
        }
    }
    // Everywhere first: it is what a new user needs.
    scopes.sort_by_key(|s| *s != Scope::Global);
    let mut out = Vec::new();
    for scope in scopes {
        let entries: Vec<(&str, &str)> = BINDINGS
            .iter()
            .filter(|b| b.scope == scope)
            .map(|b| (b.label, b.hint))
            .collect();
        out.extend(section(scope.title(), &entries, theme));
    }
    out.extend(section("Text fields", EDIT_KEYS, theme));
    out
}

pub fn draw(frame: &mut Frame, area: Rect, theme: Theme) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(" Keys (Esc or ? closes) ", theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = lines(theme);
    // Flow into as many columns as it takes to fit.
    let height = usize::from(inner.height.max(1));
    let columns = all.len().div_ceil(height).max(1);
    let constraints = vec![Constraint::Ratio(1, u32::try_from(columns).unwrap_or(1)); columns];
    let areas = Layout::horizontal(constraints).split(inner);
    for (chunk, col_area) in all.chunks(height).zip(areas.iter()) {
        frame.render_widget(Paragraph::new(chunk.to_vec()), *col_area);
    }
}

//! The help overlay: every key, generated from the keymap, and how maturity is scored.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::widgets::{pad, wrap, wrap_line};
use crate::app::App;
use crate::keymap::{BINDINGS, EDIT_KEYS, Scope};

/// How maturity answers are scored, as the framework's assessment does it.
const SCORING: &[&str] = &[
    "A dimension is at the highest level (1 to 4) whose every required question is answered yes; otherwise level 0, Reactive. The levels are Reactive, Monitored, Analyzed, Automated and Autonomous.",
    "Unanswered questions are shown as [ ] but score as no.",
    "A question answered x (not applicable, [-]) is left out of every level's requirements.",
    "A dimension whose questions are all not applicable is not assessed and is left out of the average.",
    "Questions marked ! block the dimension's next level.",
    "The overall level is the average of the assessed dimensions, to one decimal. Below 1.5 is phase 1, below 2.5 phase 2, below 3.5 phase 3, otherwise phase 4.",
];

const KEY_WIDTH: usize = 14;

fn section(title: &str, entries: &[(&str, &str)], theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(title.to_string(), theme.heading())];
    for (keys, hint) in entries {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", pad(keys, KEY_WIDTH)), theme.key()),
            Span::raw((*hint).to_string()),
        ]));
    }
    lines.push(Line::raw(""));
    lines
}

/// All help lines, in keymap order: one section per scope, then text editing and the
/// scoring rules.
pub fn lines(width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut scopes: Vec<Scope> = Vec::new();
    for b in BINDINGS.iter() {
        if !scopes.contains(&b.scope) {
            scopes.push(b.scope);
        }
    }
    // Everywhere first: it is what a new user needs.
    scopes.sort_by_key(|s| *s != Scope::Global);
    let mut out = Vec::new();
    for scope in scopes {
        // Within a scope, what applies anywhere in it first, then each place where
        // keys do something else (on the chart, in a cell's list), named; each key
        // once per place.
        let mut places: Vec<Option<&str>> = vec![None];
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            if !places.contains(&b.place) {
                places.push(b.place);
            }
        }
        out.push(Line::styled(scope.title().to_string(), theme.heading()));
        for place in places {
            let mut entries: Vec<(&str, &str)> = Vec::new();
            for b in BINDINGS
                .iter()
                .filter(|b| b.scope == scope && b.place == place)
            {
                if !entries.iter().any(|(l, h)| *l == b.label && *h == b.hint) {
                    entries.push((b.label.as_str(), b.hint.as_ref()));
                }
            }
            let indent = if let Some(place) = place {
                out.push(Line::styled(format!("  {place}"), theme.dim()));
                "    "
            } else {
                "  "
            };
            for (keys, hint) in entries {
                // A long hint wraps under itself, past the keys' column.
                out.extend(wrap_line(
                    Line::from(vec![
                        Span::styled(format!("{indent}{}", pad(keys, KEY_WIDTH)), theme.key()),
                        Span::raw(hint.to_string()),
                    ]),
                    width,
                    indent.len() + KEY_WIDTH,
                ));
            }
        }
        out.push(Line::raw(""));
    }
    out.extend(section("Text fields", EDIT_KEYS, theme));
    out.push(Line::styled("How maturity is scored", theme.heading()));
    for rule in SCORING {
        for (i, l) in wrap(rule, width.saturating_sub(4)).into_iter().enumerate() {
            let lead = if i == 0 { "- " } else { "  " };
            out.push(Line::raw(format!("  {lead}{l}")));
        }
    }
    out
}

/// Draws the overlay and returns how far it can scroll.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) -> u16 {
    let area = super::overlay::centred(area, 100);
    let lines = lines(usize::from(area.width.saturating_sub(4)), theme);
    super::overlay::draw(
        frame,
        area,
        "Keys and rules (Esc or ? closes)",
        lines,
        app.overlay_scroll,
        theme,
    )
}

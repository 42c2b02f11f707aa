//! The Readiness screen: three checklists with a score per category.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::widgets::{ListRow, bar, list};
use super::{Theme, safe};
use crate::app::App;
use crate::model::readiness::{category_scores, overall_percent};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let wb = &app.workbook;
    let mut rows = vec![ListRow::text(Line::styled(
        format!(" Readiness {}%", overall_percent(wb)),
        theme.heading(),
    ))];
    for score in category_scores(wb) {
        let (full, empty) = bar(score.progress.done, score.progress.total, 10);
        let mut head = vec![
            Span::styled(
                format!(" {} ", safe(&score.category.title)),
                theme.heading(),
            ),
            Span::styled(full, theme.good()),
            Span::styled(empty, theme.dim()),
            Span::raw(format!(" {}", score.progress)),
        ];
        if score.at_risk {
            head.push(Span::styled(
                format!("  ! risk to {}", score.tracks_at_risk.join(", ")),
                theme.warn(),
            ));
        }
        rows.push(ListRow::text(Line::raw("")));
        rows.push(ListRow::text(Line::from(head)));
        for item in &score.category.items {
            let mark = if item.done { "[x]" } else { "[ ]" };
            let mut spans = vec![Span::raw(format!("   {mark} {}", safe(&item.text)))];
            if !item.note.is_empty() {
                spans.push(Span::styled(
                    format!("  — {}", safe(&item.note)),
                    theme.dim(),
                ));
            }
            rows.push(ListRow::item(Line::from(spans)));
        }
    }
    list(frame, area, rows, Some(app.selected()), theme);
}

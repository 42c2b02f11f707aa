//! The Baseline screen: every metric in its group, with its unit and target.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::widgets::{ListRow, list, pad};
use super::{Theme, safe};
use crate::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let width = usize::from(area.width);
    let name_width = (width * 45 / 100).max(30);
    let value_width = 16;
    let mut rows = vec![ListRow::text(Line::from(vec![
        Span::styled(
            format!(" {}", pad("Baseline metric", name_width)),
            theme.heading(),
        ),
        Span::styled(pad("Value", value_width), theme.heading()),
        Span::styled("Target", theme.heading()),
    ]))];
    for group in &app.workbook.baseline {
        rows.push(ListRow::text(Line::raw("")));
        rows.push(ListRow::text(Line::styled(
            format!(" {}", safe(&group.title)),
            theme.heading(),
        )));
        for m in &group.metrics {
            let value = if m.value.is_empty() {
                format!("— {}", m.unit)
            } else {
                format!("{} {}", m.value, m.unit)
            };
            let target = if m.target.is_empty() {
                "—".to_string()
            } else {
                m.target.clone()
            };
            rows.push(ListRow::item(Line::from(vec![
                Span::raw(format!("   {}", pad(&safe(&m.name), name_width - 2))),
                Span::raw(pad(&safe(&value), value_width)),
                Span::styled(safe(&target).into_owned(), theme.dim()),
            ])));
        }
    }
    list(frame, area, rows, Some(app.selected()), theme);
}

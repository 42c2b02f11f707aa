//! The Maturity screen: yes/no questions per dimension and the level they give.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::widgets::{ListRow, list};
use super::{Theme, safe};
use crate::app::App;
use crate::model::Answer;
use crate::model::maturity::{assess, level_name};

pub fn answer_mark(a: Answer) -> &'static str {
    match a {
        Answer::Unanswered => "[ ]",
        Answer::Yes => "[y]",
        Answer::No => "[n]",
        Answer::NotApplicable => "[-]",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let assessment = assess(&app.workbook);
    let mut rows = vec![ListRow::text(Line::styled(
        format!(
            " Overall {:.1} · phase {} · {}",
            assessment.rounded_average(),
            assessment.current_phase(),
            assessment.recommendation()
        ),
        theme.heading(),
    ))];
    for result in &assessment.dimensions {
        let level = match result.level {
            Some(l) => format!("level {l} {}", level_name(l)),
            None => "not assessed".to_string(),
        };
        rows.push(ListRow::text(Line::raw("")));
        rows.push(ListRow::text(Line::from(vec![
            Span::styled(
                format!(" {} ", safe(&result.dimension.title)),
                theme.heading(),
            ),
            Span::raw(level),
        ])));
        for q in &result.dimension.questions {
            let levels: Vec<String> = q.levels.iter().map(u8::to_string).collect();
            rows.push(ListRow::item(Line::from(vec![
                Span::raw(format!("   {} {}", answer_mark(q.answer), safe(&q.text))),
                Span::styled(format!("  L{}", levels.join(",")), theme.dim()),
            ])));
        }
    }
    list(frame, area, rows, Some(app.selected()), theme);
}

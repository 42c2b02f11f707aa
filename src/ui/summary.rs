//! The Summary screen: where the team stands and what comes next.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::widgets::{ListRow, list};
use super::{Theme, safe};
use crate::app::App;
use crate::model::maturity::{assess, level_name};
use crate::model::readiness::{category_scores, overall_percent};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let wb = &app.workbook;
    let mut rows = vec![ListRow::text(Line::styled(
        format!(" Readiness {}%", overall_percent(wb)),
        theme.heading(),
    ))];
    for s in category_scores(wb) {
        let risk = if s.at_risk {
            format!("  ! risk to {}", s.tracks_at_risk.join(", "))
        } else {
            "  ✓".to_string()
        };
        rows.push(ListRow::text(Line::from(vec![
            Span::raw(format!("   {} {}", safe(&s.category.title), s.progress)),
            Span::styled(
                risk,
                if s.at_risk {
                    theme.warn()
                } else {
                    theme.good()
                },
            ),
        ])));
    }
    let a = assess(wb);
    rows.push(ListRow::text(Line::raw("")));
    rows.push(ListRow::text(Line::styled(
        format!(
            " Maturity {:.1} ({}) · implementation phase {}",
            a.rounded_average(),
            level_name(a.overall_level()),
            a.current_phase()
        ),
        theme.heading(),
    )));
    rows.push(ListRow::text(Line::raw(format!(
        "   {}",
        a.recommendation()
    ))));
    let baseline = wb.baseline_progress();
    rows.push(ListRow::text(Line::raw("")));
    rows.push(ListRow::text(Line::styled(
        format!(" Baseline {baseline} metrics measured"),
        theme.heading(),
    )));
    let roadmap = wb.roadmap_progress();
    rows.push(ListRow::text(Line::raw("")));
    rows.push(ListRow::text(Line::styled(
        format!(" Roadmap {roadmap} milestones done"),
        theme.heading(),
    )));
    list(frame, area, rows, None, theme);
}

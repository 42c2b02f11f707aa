//! The Setup screen: team, lead, organization size, industry and the month the plan
//! starts.

use crate::app::{Action, App, Effect, Field, SetupField};
use crate::model::OrgSize;
use crate::ui::widgets::{input_span, pad, wrap};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

/// Applies an action on the Setup screen: Enter edits a field; on the organization
/// size, Space and Right pick the next size, Left the one before, and Enter moves on.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let field = app.setup_field();
    match (field, action) {
        (SetupField::OrgSize, Action::Toggle | Action::Right) => Some(app.cycle_org_size(true)),
        // Enter keeps the size or industry chosen and goes on, as it does after a
        // field's edit.
        (SetupField::OrgSize | SetupField::Industry, Action::Activate) => {
            app.move_cursor(1);
            None
        }
        (SetupField::OrgSize, Action::Left) => Some(app.cycle_org_size(false)),
        (SetupField::Industry, Action::Toggle | Action::Right) => Some(app.cycle_industry(true)),
        (SetupField::Industry, Action::Left) => Some(app.cycle_industry(false)),
        (_, Action::Activate) => {
            app.start_edit(Field::Setup(field));
            None
        }
        _ => None,
    }
}

// ---- The view

const LABEL_WIDTH: usize = 20;

fn describe(field: SetupField) -> &'static str {
    match field {
        SetupField::Team => "The team this plan is for, as it should appear on reports.",
        SetupField::Lead => "Who runs the adoption and owns this workbook.",
        SetupField::OrgSize => {
            "Sets the recommended team structure and headcount in the guide: small, medium, \
             large or enterprise."
        }
        SetupField::Industry => {
            "Optional. An industry adds its adaptation of the framework to the \
             organizational readiness checklist and to the report; choosing none takes it \
             away again, unless the team ticked it or wrote a note on it."
        }
        SetupField::StartMonth => {
            "The first month of the six-month plan, such as 2027-01, Jan 2027 or 01/2027. \
             The roadmap labels its months from it."
        }
    }
}

fn value_of(app: &App, field: SetupField) -> String {
    let plan = &app.workbook.plan;
    match field {
        SetupField::Team => plan.team.clone(),
        SetupField::Lead => plan.lead.clone(),
        SetupField::OrgSize => OrgSize::ALL
            .iter()
            .map(|s| {
                if *s == plan.org_size {
                    format!("({}) ", s.label())
                } else {
                    format!(" {}  ", s.label())
                }
            })
            .collect(),
        SetupField::Industry => {
            let industries = crate::model::guide::Guide::industries();
            let names: Vec<&str> = std::iter::once("none")
                .chain(industries.iter().map(|i| i.name.as_str()))
                .collect();
            let at = industries
                .iter()
                .position(|i| i.id == plan.industry)
                .map_or(0, |i| i + 1);
            format!("◂ {} ▸  ({} of {})", names[at], at + 1, names.len())
        }
        SetupField::StartMonth => match app.workbook.start() {
            Some(m) => format!("{m}  ({})", m.label()),
            None => String::new(),
        },
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = vec![
        Line::styled(" Session setup", theme.heading()),
        Line::raw(""),
    ];
    let selected = app.selected();
    let mut cursor = None;
    for (i, field) in SetupField::ALL.iter().copied().enumerate() {
        let editing = app.edit.as_ref().filter(|e| e.field == Field::Setup(field));
        let pointer = if i == selected { '▸' } else { ' ' };
        let label = format!("{pointer}{}", pad(field.label(), LABEL_WIDTH));
        let value_width = width.saturating_sub(LABEL_WIDTH + 2);
        let line = if let Some(edit) = editing {
            let (span, offset) = input_span(&edit.input, value_width + 1, theme);
            let x = area.x + u16::try_from(LABEL_WIDTH + 1).unwrap_or(0) + offset;
            let y = area.y + u16::try_from(lines.len()).unwrap_or(0);
            cursor = Some(Position::new(x.min(area.right().saturating_sub(1)), y));
            Line::from(vec![Span::styled(label, theme.heading()), span])
        } else {
            let mut value = value_of(app, field);
            if value.is_empty() {
                value = "(not set)".to_string();
            }
            let style = if i == selected {
                theme.selected()
            } else {
                theme.base()
            };
            Line::from(vec![
                Span::styled(label, style),
                Span::styled(format!(" {}", pad(&safe(&value), value_width)), style),
            ])
        };
        lines.push(line);
        if let Some(error) = editing.and_then(|e| e.error.as_ref()) {
            for l in wrap(&format!("! {error}"), width.saturating_sub(LABEL_WIDTH + 2)) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(LABEL_WIDTH + 2)),
                    Span::styled(l, theme.bad()),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    if let Some(crate::app::Prompt::MoveStart(to)) = app.prompt {
        let (own_due, done) = app.workbook.dated_milestones();
        let ask = format!(
            "Start the plan in {}? {own_due} open milestone{} have due dates of their own: \
             s shifts them with the plan, k keeps them where they are, Esc cancels. \
             {done} done date{} stay as recorded.",
            to.label(),
            if own_due == 1 { "" } else { "s" },
            if done == 1 { "" } else { "s" }
        );
        for l in wrap(&ask, width) {
            lines.push(Line::styled(format!(" {l}"), theme.selected()));
        }
        lines.push(Line::raw(""));
    }
    let field = SetupField::ALL[selected.min(SetupField::ALL.len() - 1)];
    // The guide's industries are read only when the industry is selected.
    if field == SetupField::Industry
        && let Some(i) = crate::model::guide::Guide::industries()
            .iter()
            .find(|i| i.id == app.workbook.plan.industry)
    {
        let added = format!(
            "On the organizational readiness checklist: {}: {}",
            i.name, i.adaptation
        );
        for l in wrap(&added, width) {
            lines.push(Line::raw(format!(" {l}")));
        }
    }
    for l in wrap(describe(field), width) {
        lines.push(Line::styled(format!(" {l}"), theme.dim()));
    }
    crate::ui::widgets::render_lines(frame, area, lines);
    if let Some(pos) = cursor {
        frame.set_cursor_position(pos);
    }
}

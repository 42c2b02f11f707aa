//! The guide overlay: what a facilitator reaches for during a session: team structure
//! sized for the organization, the KPI framework, adoption phases and resistance,
//! implementation challenges, and leading and lagging indicators.

use unicode_width::UnicodeWidthStr;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::widgets::wrap;
use super::{Theme, safe};
use crate::app::App;
use crate::model::guide::Guide;

fn guide() -> &'static Guide {
    Guide::shared()
}

struct Writer {
    lines: Vec<Line<'static>>,
    width: usize,
    theme: Theme,
}

impl Writer {
    fn heading(&mut self, text: &str) {
        if !self.lines.is_empty() {
            self.lines.push(Line::raw(""));
        }
        self.lines
            .push(Line::styled(text.to_string(), self.theme.heading()));
    }

    fn sub(&mut self, text: &str) {
        self.lines
            .push(Line::styled(safe(text).into_owned(), self.theme.title()));
    }

    /// A paragraph wrapped at the width, with `lead` before its first line.
    fn para(&mut self, lead: &str, text: &str) {
        let indent = " ".repeat(lead.width());
        for (i, l) in wrap(&safe(text), self.width.saturating_sub(indent.width()))
            .into_iter()
            .enumerate()
        {
            let first = if i == 0 { lead } else { &indent };
            self.lines.push(Line::raw(format!("{first}{l}")));
        }
    }

    fn bullets(&mut self, items: &[String]) {
        for item in items {
            self.para("  - ", item);
        }
    }
}

/// Every line of the guide for a panel `width` columns wide.
pub fn lines(app: &App, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let g = guide();
    let mut w = Writer {
        lines: Vec::new(),
        width,
        theme,
    };
    for agenda in &g.agenda {
        let total: u16 = agenda.steps.iter().map(|s| s.minutes).sum();
        w.heading(&format!("Agenda: {} ({total} minutes)", agenda.name));
        for step in &agenda.steps {
            w.para(&format!("  {:>2} min  ", step.minutes), &step.text);
        }
    }
    let size = app.workbook.plan.org_size;
    let (lo, hi) = g.headcount(size);
    let label = size.label();
    let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    w.heading(&format!(
        "Team structure for {article} {label} organization: {lo} to {hi} people"
    ));
    for role in &g.team.roles {
        w.sub(&format!("{} ({})", role.title, role.headcount));
        w.para("  does:   ", &role.responsibilities.join("; "));
        w.para("  skills: ", &role.skills.join("; "));
    }
    w.bullets(&g.team.notes);

    w.heading("KPI framework: targets and cadence");
    let mut categories: Vec<&str> = Vec::new();
    for k in &app.workbook.kpis {
        if !categories.contains(&k.category.as_str()) {
            categories.push(&k.category);
        }
    }
    for c in categories {
        w.sub(&format!("{}{}", c[..1].to_uppercase(), &c[1..]));
        for k in app.workbook.kpis.iter().filter(|k| k.category == c) {
            w.para(
                "  - ",
                &format!(
                    "{}: {} ({}, from {}). Formula: {}",
                    k.name, k.target, k.cadence, k.data_source, k.formula
                ),
            );
        }
    }

    w.heading("Adapting the framework");
    for c in &g.customization {
        w.para("  - ", &format!("{}: {}", c.name, c.text));
    }
    w.sub("Industry adaptations (Setup's industry adds one to the readiness checklist)");
    for i in &g.industries {
        let chosen = if app.workbook.plan.industry == i.id {
            " (this team's)"
        } else {
            ""
        };
        w.para("  - ", &format!("{}: {}{chosen}", i.name, i.adaptation));
    }

    w.heading("Adoption phases");
    for p in &g.adoption {
        w.sub(&p.name);
        w.para("  do:   ", &p.activities.join("; "));
        w.para("  with: ", &p.stakeholders.join(", "));
    }
    w.heading("Resistance and how to meet it");
    for r in &g.resistance {
        w.sub(&r.concern);
        w.para("  ", &r.mitigation);
    }

    w.heading("Implementation challenges");
    for c in &g.challenges {
        w.sub(&c.name);
        w.para("  symptoms: ", &c.symptoms);
        w.bullets(&c.solutions);
    }

    w.heading("Leading indicators (early signs of success)");
    w.bullets(&g.indicators.leading);
    w.heading("Lagging indicators (long-term success)");
    w.bullets(&g.indicators.lagging);
    w.heading("Implementation health");
    for h in &g.indicators.health {
        w.para("  - ", &format!("{}: {}", h.name, h.description));
    }
    w.lines
}

/// Draws the overlay and returns how far it can scroll.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) -> u16 {
    let area = super::overlay::centred(area, 110);
    let lines = lines(app, usize::from(area.width.saturating_sub(4)), theme);
    super::overlay::draw(
        frame,
        area,
        "Guide (↑↓ scroll, Esc or g closes)",
        lines,
        app.overlay_scroll,
        theme,
    )
}

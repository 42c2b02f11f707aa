//! The facilitator's guide: reference material from the framework (team structure,
//! adoption strategy, challenges, indicators), embedded from `assets/guide.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::OrgSize;

/// The guide as shipped with planbook.
pub const GUIDE: &str = include_str!("../../assets/guide.toml");

/// The same guide as JSON, made by `build.rs`: what the app reads (the JSON parser's
/// code is already loaded at start, the TOML parser's is not).
const GUIDE_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/guide.json"));

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub format: u32,
    pub team: TeamStructure,
    pub adoption: Vec<AdoptionPhase>,
    pub resistance: Vec<Resistance>,
    pub challenges: Vec<Challenge>,
    pub indicators: Indicators,
    /// 002's framework customization guidelines.
    pub customization: Vec<Guideline>,
    /// 002's industry-specific adaptations.
    pub industries: Vec<Industry>,
    /// Agendas for the room: a first session and a monthly check-in.
    pub agenda: Vec<Agenda>,
}

/// An agenda for a session, step by step.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    pub name: String,
    pub steps: Vec<AgendaStep>,
}

/// One step of an agenda: how long, on which screen (by id), what to do.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaStep {
    pub minutes: u16,
    pub screen: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guideline {
    pub name: String,
    pub text: String,
}

/// An industry and what the framework adapts for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    pub id: String,
    pub name: String,
    pub adaptation: String,
}

impl Industry {
    /// The id of the readiness item this industry adds.
    pub fn item_id(&self) -> String {
        format!("industry-{}", self.id)
    }

    /// The text of the readiness item this industry adds.
    pub fn item_text(&self) -> String {
        format!("{}: {}", self.name, self.adaptation)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamStructure {
    pub base_min: u32,
    pub base_max: u32,
    pub notes: Vec<String>,
    pub multipliers: BTreeMap<String, f64>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    pub headcount: String,
    pub responsibilities: Vec<String>,
    pub skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdoptionPhase {
    pub name: String,
    pub activities: Vec<String>,
    pub stakeholders: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resistance {
    pub concern: String,
    pub mitigation: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub name: String,
    pub symptoms: String,
    pub solutions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    pub leading: Vec<String>,
    pub lagging: Vec<String>,
    pub health: Vec<HealthMetric>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthMetric {
    pub name: String,
    pub description: String,
}

impl Guide {
    /// The embedded guide. It is checked by a test; a broken one is a build defect.
    pub fn load() -> Self {
        toml::from_str(GUIDE).expect("the embedded guide is valid")
    }

    /// The embedded guide, read once (from its JSON form, which a test checks against
    /// the TOML).
    pub fn shared() -> &'static Self {
        static SHARED: std::sync::OnceLock<Guide> = std::sync::OnceLock::new();
        SHARED
            .get_or_init(|| serde_json::from_str(GUIDE_JSON).expect("the embedded guide is valid"))
    }

    /// The first session's minutes for a screen (by id): the default of its timebox.
    pub fn timebox_minutes(&self, screen: &str) -> Option<u16> {
        let first = self.agenda.first()?;
        let minutes: u16 = first
            .steps
            .iter()
            .filter(|s| s.screen == screen)
            .map(|s| s.minutes)
            .sum();
        (minutes > 0).then_some(minutes)
    }

    /// The industries alone, read from their own JSON (the Setup screen, the first a
    /// new workbook opens on, needs nothing else of the guide; reading the whole
    /// guide there cost 0.06 ms of the first frame). The same as `shared().industries`,
    /// as a test checks.
    pub fn industries() -> &'static [Industry] {
        static INDUSTRIES: std::sync::OnceLock<Vec<Industry>> = std::sync::OnceLock::new();
        INDUSTRIES.get_or_init(|| {
            serde_json::from_str(include_str!(concat!(
                env!("OUT_DIR"),
                "/guide-industries.json"
            )))
            .expect("the embedded guide is valid")
        })
    }

    /// The industry with this id.
    pub fn industry(&self, id: &str) -> Option<&Industry> {
        self.industries.iter().find(|i| i.id == id)
    }

    /// The recommended team size for an organization size, as `(min, max)`: the base
    /// range times the size's multiplier, rounded down.
    pub fn headcount(&self, size: OrgSize) -> (u32, u32) {
        let mult = self
            .team
            .multipliers
            .get(size.label())
            .copied()
            .unwrap_or(1.0);
        let scale = |n: u32| {
            // Small positive numbers: the cast cannot truncate meaningfully.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = (f64::from(n) * mult).floor() as u32;
            v
        };
        (scale(self.team.base_min), scale(self.team.base_max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_the_app_reads_is_the_toml() {
        assert_eq!(Guide::shared(), &Guide::load());
        assert_eq!(Guide::industries(), Guide::load().industries.as_slice());
    }

    #[test]
    fn the_guide_is_complete() {
        assert!(GUIDE.is_ascii());
        let g = Guide::load();
        assert_eq!(g.team.roles.len(), 5);
        assert!(
            g.team
                .roles
                .iter()
                .all(|r| r.responsibilities.len() == 4 && r.skills.len() == 4)
        );
        assert_eq!(g.adoption.len(), 5);
        assert_eq!(g.resistance.len(), 4);
        assert_eq!(g.challenges.len(), 4);
        assert!(g.challenges.iter().all(|c| c.solutions.len() == 5));
        assert_eq!(
            (
                g.indicators.leading.len(),
                g.indicators.lagging.len(),
                g.indicators.health.len()
            ),
            (5, 5, 5)
        );
    }

    #[test]
    fn headcount_scales_with_organization_size() {
        let g = Guide::load();
        assert_eq!(g.headcount(OrgSize::Small), (4, 8));
        assert_eq!(g.headcount(OrgSize::Medium), (8, 16));
        assert_eq!(g.headcount(OrgSize::Large), (12, 24));
        assert_eq!(g.headcount(OrgSize::Enterprise), (16, 32));
    }
}

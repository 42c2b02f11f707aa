//! The workbook: framework content and the team's answers, independent of any UI.

pub mod content;
pub mod crosscheck;
pub mod demo;
pub mod guide;
pub mod history;
pub mod maturity;
pub mod measure;
pub mod month;
pub mod path;
pub mod readiness;
pub mod roadmap;
pub mod shift;
pub mod snapshot;
pub mod votes;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use month::PlanMonth;

/// For `skip_serializing_if`: a count of zero is left out.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Unknown keys of a table, by name.
pub type Extra = std::collections::BTreeMap<String, toml::Value>;

/// The newest workbook format this program reads and writes.
pub const FORMAT: u32 = 4;

/// The template every new workbook starts from, embedded at build time.
pub const TEMPLATE: &str = include_str!("../../assets/template.toml");

/// One team's whole plan: content and answers together, so a saved workbook is
/// self-contained and keeps opening after the template changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub format: u32,
    pub plan: Plan,
    pub readiness: Vec<ReadinessCategory>,
    pub baseline: Vec<MetricGroup>,
    pub maturity: Vec<Dimension>,
    pub phases: Vec<Phase>,
    pub roadmap: Roadmap,
    pub kpis: Vec<Kpi>,
    /// The implementation health measures and leading indicators of 002, scored 1
    /// to 5 at each monthly check-in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub health: Vec<HealthMeasure>,
    /// The challenges register: 002's implementation challenges and 000's resistance
    /// points, which of them the team faces and what it does about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub challenges: Vec<Challenge>,
    /// Cross-checks the team dismissed, by finding id, with its note.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub dismissed: std::collections::BTreeMap<String, String>,
    /// Measurements taken over the months, oldest first. Never changed once taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<Snapshot>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Session setup: who the plan is for and when it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub org_size: OrgSize,
    /// The industry chosen in Setup (an id of the guide's industries), or empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    /// The plan's first month, until chosen none. Written `YYYY-MM`.
    #[serde(
        default,
        with = "month::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_month: Option<PlanMonth>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The organization sizes of the team-structure model.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum OrgSize {
    Small,
    #[default]
    Medium,
    Large,
    Enterprise,
}

impl OrgSize {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        self.into()
    }

    /// The next size in the list, wrapping around (`forward = false` goes back).
    #[must_use]
    pub fn cycle(self, forward: bool) -> Self {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(1);
        let n = Self::ALL.len();
        Self::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadinessCategory {
    pub id: String,
    pub title: String,
    /// Roadmap tracks (by id) that a weak score in this category puts at risk.
    #[serde(default)]
    pub risk_tracks: Vec<String>,
    /// A checklist of what a phase must leave behind (002's month-1 deliverables
    /// and success criteria), ticked as the phase ends. It is not part of the
    /// readiness score and puts no track at risk.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exit_check: bool,
    pub items: Vec<ReadinessItem>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadinessItem {
    pub id: String,
    pub text: String,
    /// The framework's wording, kept when the team reworded the item.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seed_text: String,
    /// Added by the team, not from the framework.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    /// What the seed calls it in an exit check: `Deliverable` or `Success
    /// criterion`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub note: String,
    /// The counts of the team's last vote on it (`v`): never who voted what.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voted_yes: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voted_no: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voted_na: u32,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricGroup {
    pub id: String,
    pub title: String,
    pub metrics: Vec<Metric>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a metric's value is typed and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    Percent,
    Duration,
    Rate,
    Split,
    Score,
    Severity,
    /// A number in the metric's unit, such as a cost: `12,000`, `$12k`, `1.5M`.
    Amount,
    Text,
}

/// Which way a metric improves, for a metric whose target does not say (or that has
/// none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

impl MetricKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Percent => "percent",
            Self::Duration => "duration",
            Self::Rate => "count per period",
            Self::Split => "planned/unplanned split",
            Self::Score => "score 1-5",
            Self::Severity => "counts per severity",
            Self::Amount => "amount",
            Self::Text => "text",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    /// The framework's name, kept when the team renamed the metric.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seed_name: String,
    /// A short name for messages, such as `uptime` or `MTTR`.
    #[serde(default)]
    pub short: String,
    pub kind: MetricKind,
    #[serde(default)]
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_max: Option<f64>,
    /// The bounds are strict, as the seed's `< 5 minutes`: a value on the bound
    /// misses.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub target_strict: bool,
    /// Which way the metric improves, where the target does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<Better>,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub target_source: String,
    /// The framework's target, kept when the team set its own in `target`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seed_target: String,
    #[serde(default)]
    pub origin: String,
    #[serde(default)]
    pub key: bool,
    /// The value as the team typed it.
    #[serde(default)]
    pub value: String,
    /// The value in canonical form: a number in the metric's unit, counts per
    /// severity, or text. Absent until a value is entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Normalized>,
    #[serde(
        default,
        with = "month::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub measured_on: Option<Date>,
    #[serde(default)]
    pub source: String,
    /// Values measured after the baseline, oldest first. The fields above are the
    /// baseline: fixed once the first snapshot is taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<history::Measurement>,
    /// Corrections made to the baseline after it was fixed, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<history::Correction>,
    /// The values the team plans for some months on the way to the target; the path
    /// is straight between them (and without any).
    #[serde(
        default,
        with = "path::planned_months",
        skip_serializing_if = "std::collections::BTreeMap::is_empty"
    )]
    pub planned: std::collections::BTreeMap<u32, f64>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Metric {
    /// Whether the team said it does not track this metric (`not tracked`, with a
    /// reason or not), as its latest value.
    pub fn not_tracked(&self) -> bool {
        let latest = self.measurements.last().map_or(&self.value, |m| &m.value);
        latest.trim().to_lowercase().starts_with("not tracked")
    }

    /// The name to use in messages: the short name if there is one.
    pub fn label(&self) -> &str {
        if self.short.is_empty() {
            &self.name
        } else {
            &self.short
        }
    }
}

/// A metric value in canonical form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Normalized {
    Number(f64),
    Counts(std::collections::BTreeMap<String, u32>),
    Text(String),
}

impl Normalized {
    /// The number a target is compared with: counts per severity are summed; text has
    /// none.
    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Number(x) => Some(*x),
            Self::Counts(c) => Some(f64::from(c.values().sum::<u32>())),
            Self::Text(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub written_for_planbook: bool,
    /// The roadmap track (by id) where work on this dimension's gaps goes.
    #[serde(default)]
    pub track: String,
    pub questions: Vec<Question>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A yes/no maturity question and the levels that require it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// The framework's wording, kept when the team reworded the question.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seed_text: String,
    /// Added by the team, not from the framework.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    pub levels: Vec<u8>,
    #[serde(default)]
    pub answer: Answer,
    #[serde(default)]
    pub note: String,
    /// The counts of the team's last vote on it (`v`): never who voted what.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voted_yes: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voted_no: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub voted_na: u32,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A maturity answer. Unanswered scores as "no"; not applicable is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    #[default]
    #[serde(rename = "")]
    Unanswered,
    Yes,
    No,
    #[serde(rename = "na")]
    NotApplicable,
}

impl Answer {
    pub fn is_answered(self) -> bool {
        self != Self::Unanswered
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: String,
    pub name: String,
    pub objectives: Vec<String>,
    pub deliverables: Vec<String>,
    pub success_criteria: Vec<String>,
    pub risks: Vec<String>,
    pub dependencies: Vec<String>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roadmap {
    pub months: u32,
    pub stages: Vec<Stage>,
    pub tracks: Vec<Track>,
    pub milestones: Vec<Milestone>,
    /// The shifts applied to tracks, oldest first: what re-planning moved, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shifts: Vec<shift::Shifted>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A span of months with a name, drawn above the month columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub name: String,
    pub first_month: u32,
    pub last_month: u32,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Track {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub short: String,
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub month: u32,
    pub text: String,
    /// What the seed calls it, when it is more than an activity: `Deliverable`,
    /// `Success criterion`, `Key milestone`, `Achievement target`...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default)]
    pub done: bool,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub month: u32,
    pub text: String,
    #[serde(default)]
    pub track: String,
    #[serde(default)]
    pub owner: String,
    /// A due date of its own; without one, a milestone is due at its month's end.
    #[serde(
        default,
        with = "month::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<Date>,
    /// The day it was done; none while it is open.
    #[serde(
        default,
        with = "month::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub done_on: Option<Date>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Milestone {
    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }

    /// Ticks an open milestone as done today, or reopens a done one.
    pub fn toggle(&mut self, today: Date) {
        self.done_on = if self.is_done() { None } else { Some(today) };
    }
}

/// Whether a health measure is one of 002's implementation health metrics or one of
/// its leading indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthKind {
    Health,
    Indicator,
}

/// A measure scored 1 to 5 each month, with what 1 and 5 mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthMeasure {
    pub id: String,
    pub name: String,
    pub kind: HealthKind,
    /// What it measures, as 002 says it.
    #[serde(default)]
    pub measures: String,
    /// What a score of 1 means.
    pub low: String,
    /// What a score of 5 means.
    pub high: String,
    /// This month's score, 1 to 5, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(
        default,
        with = "month::optional",
        skip_serializing_if = "Option::is_none"
    )]
    pub scored_on: Option<Date>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a challenge comes from: 002's implementation challenges, or 000's
/// resistance points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChallengeKind {
    Implementation,
    Resistance,
}

/// A challenge the team may face, the seed's ways of meeting it, and the team's
/// choice among them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    pub id: String,
    pub kind: ChallengeKind,
    pub name: String,
    /// How it shows, as 002 says it (resistance points have none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub symptoms: String,
    /// The seed's solutions, or its mitigation of a resistance point.
    #[serde(default)]
    pub solutions: Vec<String>,
    /// Whether the team faces it.
    #[serde(default)]
    pub faced: bool,
    /// The seed's solutions the team applies, as written in `solutions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applying: Vec<String>,
    /// The team's own mitigation, in its words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub own: String,
    #[serde(default)]
    pub owner: String,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Challenge {
    /// Whether the team has a mitigation: a seed solution it applies or its own.
    pub fn mitigated(&self) -> bool {
        !self.applying.is_empty() || !self.own.trim().is_empty()
    }

    /// A challenge the team faces with nothing done about it: flagged.
    pub fn unmitigated(&self) -> bool {
        self.faced && !self.mitigated()
    }

    /// Picks a seed solution, or drops it if it was picked.
    pub fn toggle_solution(&mut self, solution: usize) -> bool {
        let Some(text) = self.solutions.get(solution) else {
            return false;
        };
        if let Some(at) = self.applying.iter().position(|a| a == text) {
            self.applying.remove(at);
        } else {
            self.applying.push(text.clone());
        }
        true
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub id: String,
    pub name: String,
    pub category: String,
    pub formula: String,
    pub target: String,
    pub cadence: String,
    pub data_source: String,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The state of the plan on one day: readiness, metric values, maturity levels and
/// roadmap progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: String,
    #[serde(with = "month::required")]
    pub taken_on: Date,
    pub label: String,
    pub readiness_percent: u32,
    pub maturity_average: f64,
    pub milestones_done: usize,
    pub milestones_total: usize,
    /// Items ticked per readiness category id.
    #[serde(default)]
    pub readiness: std::collections::BTreeMap<String, usize>,
    /// Level per assessed maturity dimension id.
    #[serde(default)]
    pub maturity: std::collections::BTreeMap<String, u8>,
    /// Numeric value per metric id (counts per severity are summed).
    #[serde(default)]
    pub metrics: std::collections::BTreeMap<String, f64>,
    /// The score of every scored health measure and indicator, by id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub health: std::collections::BTreeMap<String, u8>,
    /// The answer to every answered maturity question, by question id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub answers: std::collections::BTreeMap<String, Answer>,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Progress as `done` out of `total`, shown as `7/15` in the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.done, self.total)
    }
}

impl Workbook {
    /// A fresh workbook from the embedded template.
    pub fn template() -> Self {
        // The template is checked by a test; a broken one is a build defect.
        toml::from_str(TEMPLATE).expect("the embedded template is a valid workbook")
    }

    /// How many setup fields are filled in.
    pub fn setup_progress(&self) -> Progress {
        let p = &self.plan;
        let done = [
            !p.team.trim().is_empty(),
            !p.lead.trim().is_empty(),
            true,
            p.start_month.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count();
        Progress { done, total: 4 }
    }

    /// Readiness items ticked, out of all those that count towards the score (exit
    /// checks do not).
    pub fn readiness_progress(&self) -> Progress {
        let items = self
            .readiness
            .iter()
            .filter(|c| !c.exit_check)
            .flat_map(|c| &c.items);
        Progress {
            done: items.clone().filter(|i| i.done).count(),
            total: items.count(),
        }
    }

    /// Metrics measured, out of those the team tracks (a metric marked `not
    /// tracked` is left out).
    pub fn baseline_progress(&self) -> Progress {
        let metrics = self
            .baseline
            .iter()
            .flat_map(|g| &g.metrics)
            .filter(|m| !m.not_tracked());
        Progress {
            // Measured: a value was given, not just `n/a` or `not measured`.
            done: metrics
                .clone()
                .filter(|m| {
                    let given =
                        |v: &str| !v.trim().is_empty() && measure::not_measured(v).is_none();
                    given(&m.value) || m.measurements.iter().any(|x| given(&x.value))
                })
                .count(),
            total: metrics.count(),
        }
    }

    pub fn maturity_progress(&self) -> Progress {
        let questions = self.maturity.iter().flat_map(|d| &d.questions);
        Progress {
            done: questions.clone().filter(|q| q.answer.is_answered()).count(),
            total: questions.count(),
        }
    }

    pub fn roadmap_progress(&self) -> Progress {
        let ms = &self.roadmap.milestones;
        Progress {
            done: ms.iter().filter(|m| m.is_done()).count(),
            total: ms.len(),
        }
    }

    /// The metric with this id.
    pub fn metric_mut(&mut self, id: &str) -> Option<&mut Metric> {
        self.baseline
            .iter_mut()
            .flat_map(|g| g.metrics.iter_mut())
            .find(|m| m.id == id)
    }

    /// All metrics in group order, with their group.
    pub fn metrics(&self) -> impl Iterator<Item = (&MetricGroup, &Metric)> {
        self.baseline
            .iter()
            .flat_map(|g| g.metrics.iter().map(move |m| (g, m)))
    }

    /// Whether metric baselines are fixed: after the first snapshot, a new value is
    /// a measurement, not a new baseline.
    pub fn baselines_fixed(&self) -> bool {
        !self.snapshots.is_empty()
    }

    /// The plan's first month, if it has been set and is valid.
    pub fn start(&self) -> Option<PlanMonth> {
        self.plan.start_month
    }
}

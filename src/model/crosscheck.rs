//! Cross-checks: rules, kept as data in `assets/crosschecks.toml`, that connect the
//! team's answers with its numbers and fire where they disagree (anomaly detection
//! deployed while alert accuracy misses its target). A finding is shown "to discuss"
//! with the answer and the figure side by side; the team can dismiss one with a note.

use jiff::civil::Date;
use serde::Deserialize;

use super::Workbook;
use super::measure::{TargetStatus, target_status};
use super::readiness::category_scores;

/// The rules as shipped.
pub const RULES: &str = include_str!("../../assets/crosschecks.toml");

/// The same rules as JSON, made by `build.rs`: what the app reads (as the guide).
const RULES_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/crosschecks.json"));

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Rules {
    check: Vec<Rule>,
}

/// One rule: every condition given must hold for it to fire.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub dimension: Option<String>,
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub state: Option<MetricState>,
    #[serde(default)]
    pub readiness_at_risk: bool,
    pub says: String,
}

/// What a rule asks of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricState {
    /// It misses its target.
    Misses,
    /// Measured again since its baseline, and not lower.
    NotFallen,
}

/// The rules. They are checked by a test; a broken file is a build defect.
pub fn rules() -> &'static [Rule] {
    static RULES_PARSED: std::sync::OnceLock<Vec<Rule>> = std::sync::OnceLock::new();
    RULES_PARSED.get_or_init(|| {
        serde_json::from_str::<Rules>(RULES_JSON)
            .map(|r| r.check)
            .expect("assets/crosschecks.toml is valid")
    })
}

/// A rule that fired: what it says, the answer and the figure side by side, and the
/// team's note if it dismissed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id, and for a readiness finding its category: `rule:category`.
    pub id: String,
    pub says: String,
    pub answer: String,
    pub figure: String,
    /// The team's note, once dismissed.
    pub dismissed: Option<String>,
}

/// Every finding for the workbook today, dismissed ones included.
pub fn findings(wb: &Workbook, today: Date) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules() {
        if rule.readiness_at_risk {
            out.extend(readiness_findings(wb, rule, today));
            continue;
        }
        let mut answer = Vec::new();
        if let Some(id) = &rule.question {
            let Some(q) = wb
                .maturity
                .iter()
                .flat_map(|d| &d.questions)
                .find(|q| &q.id == id)
            else {
                continue;
            };
            if q.answer != super::Answer::Yes {
                continue;
            }
            answer.push(format!("{} yes", q.text));
        }
        if let (Some(dim), Some(level)) = (&rule.dimension, rule.level) {
            let a = super::maturity::assess(wb);
            let Some(d) = a.dimensions.iter().find(|d| &d.dimension.id == dim) else {
                continue;
            };
            match d.level {
                Some(l) if l >= level => answer.push(format!("{} at level {l}", d.dimension.title)),
                _ => continue,
            }
        }
        let mut figure = String::new();
        if let (Some(id), Some(state)) = (&rule.metric, rule.state) {
            let Some((_, m)) = wb.metrics().find(|(_, m)| &m.id == id) else {
                continue;
            };
            let shown = crate::present::display_value(m).unwrap_or_else(|| "-".into());
            let fires = match state {
                MetricState::Misses => matches!(target_status(m), TargetStatus::Misses(_)),
                MetricState::NotFallen => match m.since_baseline() {
                    Some((from, to)) => to >= from,
                    None => false,
                },
            };
            if !fires {
                continue;
            }
            figure = match state {
                MetricState::Misses => format!("{} {shown} (target {})", m.label(), m.target),
                MetricState::NotFallen => format!(
                    "{} {shown}, baseline {}",
                    m.label(),
                    crate::present::display_reading(m, &m.baseline()).unwrap_or_default()
                ),
            };
        }
        out.push(Finding {
            dismissed: wb.dismissed.get(&rule.id).cloned(),
            id: rule.id.clone(),
            says: rule.says.clone(),
            answer: answer.join("; "),
            figure,
        });
    }
    out
}

/// One finding per readiness category at risk whose tracks have open milestones due
/// this month; it names the category (the rule's own words are for the guide).
fn readiness_findings(wb: &Workbook, rule: &Rule, today: Date) -> Vec<Finding> {
    let Some(month) = wb.month_of(today) else {
        return Vec::new();
    };
    category_scores(wb)
        .into_iter()
        .filter(|s| s.at_risk)
        .filter_map(|s| {
            let due: Vec<&str> = wb
                .roadmap
                .milestones
                .iter()
                .filter(|m| m.month == month && !m.is_done())
                .filter(|m| s.category.risk_tracks.contains(&m.track))
                .map(|m| m.text.as_str())
                .collect();
            if due.is_empty() {
                return None;
            }
            let id = format!("{}:{}", rule.id, s.category.id);
            Some(Finding {
                dismissed: wb.dismissed.get(&id).cloned(),
                id,
                says: format!(
                    "{} is at risk while milestones of the tracks it puts at risk are due this month",
                    s.category.title
                ),
                answer: format!("{} {} (at risk)", s.category.title, s.progress),
                figure: format!(
                    "{} milestone{} of {} due this month: {}",
                    due.len(),
                    if due.len() == 1 { "" } else { "s" },
                    s.tracks_at_risk.join(", "),
                    due.join("; ")
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_json_the_app_reads_is_the_toml() {
        let toml: Rules = toml::from_str(RULES).unwrap();
        assert_eq!(rules(), toml.check.as_slice());
    }

    #[test]
    fn every_rule_names_what_exists() {
        let wb = Workbook::template();
        let questions: Vec<&str> = wb
            .maturity
            .iter()
            .flat_map(|d| &d.questions)
            .map(|q| q.id.as_str())
            .collect();
        for r in rules() {
            if let Some(q) = &r.question {
                assert!(questions.contains(&q.as_str()), "{}: {q}", r.id);
            }
            if let Some(m) = &r.metric {
                assert!(wb.metrics().any(|(_, x)| &x.id == m), "{}: {m}", r.id);
                assert!(r.state.is_some(), "{}", r.id);
            }
        }
        assert_eq!(rules().len(), 4);
    }

    #[test]
    fn anomaly_detection_deployed_with_poor_alert_accuracy_fires() {
        let mut wb = Workbook::template();
        let today = day("2027-02-10");
        assert!(findings(&wb, today).is_empty());
        wb.metric_mut("alert-accuracy")
            .unwrap()
            .record("60%", today, false)
            .unwrap();
        assert!(findings(&wb, today).is_empty(), "no answer yet");
        let q = wb
            .maturity
            .iter_mut()
            .flat_map(|d| &mut d.questions)
            .find(|q| q.id == "anomaly-detection")
            .unwrap();
        q.answer = Answer::Yes;
        let f = findings(&wb, today);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].says,
            "Anomaly detection is deployed, yet alert accuracy misses its target"
        );
        assert_eq!(f[0].answer, "Is anomaly detection deployed? yes");
        assert_eq!(f[0].figure, "alert accuracy 60 % (target > 90%)");
        assert_eq!(f[0].dismissed, None);
        // 95 % meets the target: nothing to discuss.
        wb.metric_mut("alert-accuracy")
            .unwrap()
            .record("95%", today, false)
            .unwrap();
        assert!(findings(&wb, today).is_empty());
        // Dismissed with a note, it stays, said as dismissed.
        wb.metric_mut("alert-accuracy")
            .unwrap()
            .record("60%", today, false)
            .unwrap();
        wb.dismissed
            .insert(f[0].id.clone(), "thresholds being tuned".into());
        assert_eq!(
            findings(&wb, today)[0].dismissed.as_deref(),
            Some("thresholds being tuned")
        );
    }

    #[test]
    fn scripted_remediations_with_manual_time_not_fallen_fires() {
        let mut wb = Workbook::template();
        let today = day("2027-03-10");
        let q = wb
            .maturity
            .iter_mut()
            .flat_map(|d| &mut d.questions)
            .find(|q| q.id == "remediations-scripted")
            .unwrap();
        q.answer = Answer::Yes;
        let m = wb.metric_mut("manual-task-time").unwrap();
        m.record("10 per week", day("2027-01-10"), false).unwrap();
        assert!(findings(&wb, today).is_empty(), "not measured again yet");
        wb.take_snapshot("Kickoff", day("2027-01-15"));
        wb.metric_mut("manual-task-time")
            .unwrap()
            .record("12 per week", today, true)
            .unwrap();
        let f = findings(&wb, today);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].figure,
            "manual task time 12 hours per week, baseline 10 hours per week"
        );
        wb.metric_mut("manual-task-time")
            .unwrap()
            .record("8 per week", today, true)
            .unwrap();
        assert!(findings(&wb, today).is_empty(), "it fell");
    }

    #[test]
    fn metrics_collected_with_slow_detection_and_readiness_at_risk_fire() {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        let today = day("2027-01-20");
        let q = wb
            .maturity
            .iter_mut()
            .flat_map(|d| &mut d.questions)
            .find(|q| q.id == "metrics-from-critical-systems")
            .unwrap();
        q.answer = Answer::Yes;
        wb.metric_mut("mttd")
            .unwrap()
            .record("20 min", today, false)
            .unwrap();
        let f = findings(&wb, today);
        let ids: Vec<&str> = f.iter().map(|f| f.id.as_str()).collect();
        // Every readiness category is at risk in a new workbook, and month 1 has
        // Foundation and Change milestones due.
        assert_eq!(
            ids,
            [
                "metrics-collected-vs-mttd",
                "readiness-risk-vs-milestones-due:cultural",
                "readiness-risk-vs-milestones-due:organizational"
            ]
        );
        assert!(
            f[2].figure
                .starts_with("4 milestones of Core Processes, Foundation due this month"),
            "{}",
            f[2].figure
        );
    }
}

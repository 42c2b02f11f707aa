//! A metric over time: its baseline (fixed once the first snapshot is taken) and the
//! dated measurements after it, and whether a change is for the better.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::measure::parse;
use super::{Extra, Metric, Normalized, month};

/// A value measured after the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    #[serde(with = "month::required")]
    pub measured_on: Date,
    /// The value as the team typed it.
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<Normalized>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A change to a baseline after it was fixed: what it was and what it became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    #[serde(with = "month::required")]
    pub corrected_on: Date,
    pub was: String,
    pub now: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One value of a metric: the baseline or a measurement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading<'a> {
    pub value: &'a str,
    pub normalized: Option<&'a Normalized>,
    pub on: Option<Date>,
    /// Whether this is the baseline rather than a later measurement.
    pub baseline: bool,
}

impl Reading<'_> {
    /// The number a target is compared with, if the value has one.
    pub fn number(&self) -> Option<f64> {
        self.normalized?.number()
    }
}

/// Whether a change moved a metric towards its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    Better,
    Worse,
    Same,
    /// The metric has no numeric target, so no direction is better.
    Unjudged,
}

impl Metric {
    /// Whether this metric's baseline is fixed, when the workbook's baselines are
    /// (`fixed`): a metric never measured has no baseline to fix yet.
    pub fn is_fixed(&self, fixed: bool) -> bool {
        fixed && (self.normalized.is_some() || !self.measurements.is_empty())
    }

    /// The baseline: the value as first measured (or as corrected).
    pub fn baseline(&self) -> Reading<'_> {
        Reading {
            value: &self.value,
            normalized: self.normalized.as_ref(),
            on: self.measured_on,
            baseline: true,
        }
    }

    fn reading(m: &Measurement) -> Reading<'_> {
        Reading {
            value: &m.value,
            normalized: m.normalized.as_ref(),
            on: Some(m.measured_on),
            baseline: false,
        }
    }

    /// The latest value: the last measurement, or the baseline before any.
    pub fn latest(&self) -> Reading<'_> {
        self.measurements
            .last()
            .map_or_else(|| self.baseline(), Self::reading)
    }

    /// The value before the latest one, if there is one.
    pub fn previous(&self) -> Option<Reading<'_>> {
        match self.measurements.len() {
            0 => None,
            1 => Some(self.baseline()),
            n => self.measurements.get(n - 2).map(Self::reading),
        }
    }

    /// Every value with a number, baseline first, with its date.
    pub fn series(&self) -> impl Iterator<Item = Reading<'_>> {
        std::iter::once(self.baseline()).chain(self.measurements.iter().map(Self::reading))
    }

    /// Records a value as typed. Before the baseline is fixed (no snapshot yet) it is
    /// the baseline, dated `today` when first set; empty input clears it. Once fixed, a
    /// value is a measurement dated `today` (a second one the same day replaces the
    /// first; empty input removes today's). Returns whether anything changed, or why
    /// the input was refused (then nothing changes).
    pub fn record(&mut self, typed: &str, today: Date, fixed: bool) -> Result<bool, String> {
        // A metric first measured after the first snapshot: that value is its baseline.
        let fixed = self.is_fixed(fixed);
        let typed = typed.trim();
        // `n/a`, `unknown`, `not measured: no tooling yet`: kept as typed, with no value.
        let unmeasured = crate::model::measure::not_measured(typed).is_some();
        let normalized = if typed.is_empty() || unmeasured {
            None
        } else {
            Some(parse(self, typed)?)
        };
        if !fixed {
            let changed = self.value != typed || self.normalized != normalized;
            if normalized.is_some() && self.measured_on.is_none() {
                self.measured_on = Some(today);
            }
            self.value = typed.to_string();
            self.normalized = normalized;
            return Ok(changed);
        }
        let today_last = self
            .measurements
            .last()
            .is_some_and(|m| m.measured_on == today);
        let Some(normalized) = normalized else {
            if unmeasured {
                // Not measured this time: a measurement that says so, with no value.
                let changed = self.measurements.last().is_none_or(|m| {
                    m.measured_on != today || m.value != typed || m.normalized.is_some()
                });
                if today_last {
                    self.measurements.pop();
                }
                self.measurements.push(Measurement {
                    measured_on: today,
                    value: typed.to_string(),
                    normalized: None,
                    source: String::new(),
                    note: String::new(),
                    extra: Extra::new(),
                });
                return Ok(changed);
            }
            // Nothing typed: today's measurement, if any, is taken back; the baseline
            // stays as it is.
            if today_last {
                self.measurements.pop();
                return Ok(true);
            }
            return Ok(false);
        };
        if today_last && let Some(m) = self.measurements.last_mut() {
            let changed = m.value != typed || m.normalized.as_ref() != Some(&normalized);
            m.value = typed.to_string();
            m.normalized = Some(normalized);
            return Ok(changed);
        }
        self.measurements.push(Measurement {
            measured_on: today,
            value: typed.to_string(),
            normalized: Some(normalized),
            source: String::new(),
            note: String::new(),
            extra: Extra::new(),
        });
        Ok(true)
    }

    /// Corrects a fixed baseline: the new value replaces it (its date stays), and the
    /// correction is recorded with what it was. Returns whether anything changed.
    pub fn correct_baseline(&mut self, typed: &str, today: Date) -> Result<bool, String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(format!(
                "a baseline is corrected to a value; {}",
                super::measure::accepted(self)
            ));
        }
        let normalized = parse(self, typed)?;
        if self.value == typed && self.normalized.as_ref() == Some(&normalized) {
            return Ok(false);
        }
        self.corrections.push(Correction {
            corrected_on: today,
            was: std::mem::replace(&mut self.value, typed.to_string()),
            now: typed.to_string(),
            note: String::new(),
            extra: Extra::new(),
        });
        self.normalized = Some(normalized);
        if self.measured_on.is_none() {
            self.measured_on = Some(today);
        }
        Ok(true)
    }

    /// The baseline and the latest number, once a measurement followed the baseline.
    pub fn since_baseline(&self) -> Option<(f64, f64)> {
        if self.measurements.is_empty() {
            return None;
        }
        Some((self.baseline().number()?, self.latest().number()?))
    }

    /// The two latest numbers: the change the last measurement made.
    pub fn since_previous(&self) -> Option<(f64, f64)> {
        Some((self.previous()?.number()?, self.latest().number()?))
    }

    /// Every value's number, baseline first (gaps where a value has none).
    pub fn trend(&self) -> Vec<Option<f64>> {
        self.series().map(|r| r.number()).collect()
    }

    /// How far a number is from the target: 0 inside it.
    fn distance(&self, x: f64) -> Option<f64> {
        match (self.target_min, self.target_max) {
            (None, None) => None,
            (min, max) => Some(
                min.map_or(0.0, |lo| (lo - x).max(0.0))
                    .max(max.map_or(0.0, |hi| (x - hi).max(0.0))),
            ),
        }
    }

    /// Whether going from `from` to `to` is better, judged by the target: lower is
    /// better under a maximum (MTTR), higher above a minimum (uptime), and closer to
    /// a range that has both.
    pub fn judge(&self, from: f64, to: f64) -> Judgement {
        const EPSILON: f64 = 1e-9;
        let (Some(before), Some(after)) = (self.distance(from), self.distance(to)) else {
            // A reduction target (`50% reduction`): lower is better; without a
            // target, the way the metric improves, if it is known.
            let lower_is_better = if super::measure::relative_target(&self.target).is_some() {
                true
            } else {
                match self.better {
                    Some(super::Better::Lower) => true,
                    Some(super::Better::Higher) => false,
                    None => return Judgement::Unjudged,
                }
            };
            return if (to - from).abs() < EPSILON {
                Judgement::Same
            } else if (to < from) == lower_is_better {
                Judgement::Better
            } else {
                Judgement::Worse
            };
        };
        if (to - from).abs() < EPSILON {
            return Judgement::Same;
        }
        if after + EPSILON < before {
            return Judgement::Better;
        }
        if before + EPSILON < after {
            return Judgement::Worse;
        }
        // Equally far (both within the target): the direction of a one-sided target.
        let lower_is_better = match (self.target_min, self.target_max) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            _ => return Judgement::Same,
        };
        if (to < from) == lower_is_better {
            Judgement::Better
        } else {
            Judgement::Worse
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Workbook;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn metric(id: &str) -> Metric {
        Workbook::template().metric_mut(id).unwrap().clone()
    }

    #[test]
    fn a_value_is_the_baseline_until_fixed_then_a_measurement() {
        let mut m = metric("mttr");
        assert!(m.record("90m", day("2027-01-12"), false).unwrap());
        assert!(m.record("80m", day("2027-01-13"), false).unwrap());
        assert_eq!(m.baseline().value, "80m");
        assert_eq!(m.measured_on, Some(day("2027-01-12")), "first date kept");
        // Fixed: re-measuring never touches the baseline.
        assert!(m.record("60m", day("2027-02-14"), true).unwrap());
        assert!(m.record("45m", day("2027-03-10"), true).unwrap());
        assert_eq!(
            (m.value.as_str(), m.measured_on),
            ("80m", Some(day("2027-01-12")))
        );
        assert_eq!(m.latest().value, "45m");
        assert_eq!(m.latest().on, Some(day("2027-03-10")));
        assert_eq!(m.previous().map(|r| r.value), Some("60m"));
        // A second value the same day replaces it; empty removes it.
        assert!(m.record("40m", day("2027-03-10"), true).unwrap());
        assert_eq!(m.measurements.len(), 2);
        assert!(m.record("", day("2027-03-10"), true).unwrap());
        assert_eq!(m.latest().value, "60m");
        assert!(
            !m.record("", day("2027-03-11"), true).unwrap(),
            "baseline stays"
        );
        assert_eq!(m.value, "80m");
        assert!(m.record("soon", day("2027-03-11"), true).is_err());
        assert_eq!(m.measurements.len(), 1, "a refused value changes nothing");
        // Never measured before the first snapshot: the first value is the baseline.
        let mut late = metric("mttd");
        assert!(late.record("20m", day("2027-03-11"), true).unwrap());
        assert_eq!((late.value.as_str(), late.measurements.len()), ("20m", 0));
        assert_eq!(late.measured_on, Some(day("2027-03-11")));
        assert!(late.record("15m", day("2027-04-11"), true).unwrap());
        assert_eq!((late.value.as_str(), late.measurements.len()), ("20m", 1));
    }

    #[test]
    fn a_corrected_baseline_keeps_what_it_was() {
        let mut m = metric("mttr");
        m.record("90m", day("2027-01-12"), false).unwrap();
        assert!(m.correct_baseline("95m", day("2027-02-01")).unwrap());
        assert_eq!(m.value, "95m");
        assert_eq!(m.measured_on, Some(day("2027-01-12")));
        let c = &m.corrections[0];
        assert_eq!((c.was.as_str(), c.now.as_str()), ("90m", "95m"));
        assert_eq!(c.corrected_on, day("2027-02-01"));
        assert!(!m.correct_baseline("95m", day("2027-02-02")).unwrap());
        assert!(m.correct_baseline("", day("2027-02-02")).is_err());
    }

    /// The direction of better for every kind of target in the template.
    #[test]
    fn better_and_worse_follow_the_target() {
        let wb = Workbook::template();
        let mut judged = 0;
        for (_, m) in wb.metrics() {
            let (lo, hi) = (m.target_min, m.target_max);
            let verdicts = (m.judge(10.0, 5.0), m.judge(5.0, 10.0), m.judge(7.0, 7.0));
            match (lo, hi) {
                // A reduction: lower is better.
                (None, None) if crate::model::measure::relative_target(&m.target).is_some() => {
                    assert_eq!(
                        verdicts,
                        (Judgement::Better, Judgement::Worse, Judgement::Same),
                        "{}",
                        m.id
                    );
                }
                // No target: the way the metric improves, where it is known.
                (None, None) => {
                    let expected = match m.better {
                        Some(crate::model::Better::Higher) => {
                            (Judgement::Worse, Judgement::Better, Judgement::Same)
                        }
                        Some(crate::model::Better::Lower) => {
                            (Judgement::Better, Judgement::Worse, Judgement::Same)
                        }
                        None => (
                            Judgement::Unjudged,
                            Judgement::Unjudged,
                            Judgement::Unjudged,
                        ),
                    };
                    assert_eq!(verdicts, expected, "{}", m.id);
                }
                (None, Some(_)) => {
                    assert_eq!(verdicts.0, Judgement::Better, "lower is better: {}", m.id);
                    assert_eq!(verdicts.1, Judgement::Worse, "{}", m.id);
                    assert_eq!(verdicts.2, Judgement::Same, "{}", m.id);
                    judged += 1;
                }
                (Some(_), None) => {
                    assert_eq!(verdicts.0, Judgement::Worse, "higher is better: {}", m.id);
                    assert_eq!(verdicts.1, Judgement::Better, "{}", m.id);
                    judged += 1;
                }
                (Some(_), Some(_)) => judged += 1,
            }
        }
        assert!(judged >= 5, "only {judged} metrics have targets");
        let mut range = metric("mttr");
        (range.target_min, range.target_max) = (Some(40.0), Some(60.0));
        assert_eq!(range.judge(90.0, 70.0), Judgement::Better, "closer");
        assert_eq!(range.judge(20.0, 10.0), Judgement::Worse, "further below");
        assert_eq!(range.judge(45.0, 55.0), Judgement::Same, "both inside");
        // Uptime has no target in the seeds; higher is better.
        let uptime = metric("uptime");
        assert_eq!((uptime.target_min, uptime.target_max), (None, None));
        assert_eq!(uptime.judge(99.5, 99.95), Judgement::Better);
        assert_eq!(uptime.judge(99.95, 99.5), Judgement::Worse);
        let mut docs = metric("documentation-coverage");
        assert_eq!(docs.judge(1.0, 2.0), Judgement::Unjudged, "not known");
        docs.better = Some(crate::model::Better::Lower);
        assert_eq!(docs.judge(2.0, 1.0), Judgement::Better);
    }
}

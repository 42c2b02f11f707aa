//! Target trajectories: where a metric should be each month on its way from its
//! baseline to its target. The path is straight by default; a value the team plans
//! for a month (`planned = { 3 = 40 }`) bends it, and the months between the values
//! it knows stay straight.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::history::Judgement;
use super::measure::{Relative, relative_target};
use super::{Metric, Normalized, Workbook};

/// A metric's planned path against what was measured, month by month.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// The baseline the path starts from (month 0).
    pub baseline: f64,
    /// The planned value of each plan month, month 1 first.
    pub planned: Vec<f64>,
    /// The latest measurement of each plan month, where there is one.
    pub actual: Vec<Option<f64>>,
    /// Which months' planned values the team set (the others are straight).
    pub set: Vec<bool>,
}

/// A metric behind its path: in which month, planned and measured, and by how much
/// (in the metric's unit, always positive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Behind {
    pub month: u32,
    pub planned: f64,
    pub actual: f64,
    pub by: f64,
}

/// The index of plan month `m` (1-based) in a path's months.
fn index(m: u32) -> Option<usize> {
    usize::try_from(m).ok()?.checked_sub(1)
}

impl Path {
    /// The planned value of plan month `m` (1-based).
    pub fn planned_in(&self, m: u32) -> Option<f64> {
        self.planned.get(index(m)?).copied()
    }

    /// The latest measurement of plan month `m` (1-based), if it was measured.
    pub fn actual_in(&self, m: u32) -> Option<f64> {
        self.actual.get(index(m)?).copied().flatten()
    }

    /// The lowest and the highest value of the path and its measurements, baseline
    /// included: the scale its two sparklines share.
    pub fn bounds(&self) -> (f64, f64) {
        self.planned
            .iter()
            .chain(self.actual.iter().flatten())
            .chain(std::iter::once(&self.baseline))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            })
    }

    /// Whether the measurement of month `m` (1-based) is behind the path there.
    pub fn behind_in(&self, metric: &Metric, m: u32) -> Option<Behind> {
        let (planned, actual) = (self.planned_in(m)?, self.actual_in(m)?);
        (metric.judge(planned, actual) == Judgement::Worse && !metric.meets(actual, self.baseline))
            .then(|| Behind {
                month: m,
                planned,
                actual,
                by: (actual - planned).abs(),
            })
    }

    /// The latest month that was measured: whether the metric is behind there.
    pub fn behind(&self, metric: &Metric) -> Option<Behind> {
        let m = self.actual.iter().rposition(Option::is_some)?;
        self.behind_in(metric, u32::try_from(m + 1).ok()?)
    }
}

impl Metric {
    /// Where the path ends in the plan's last month: the target's nearest bound, or
    /// the baseline less a reduction target's share. A baseline already inside its
    /// target stays where it is.
    pub fn path_end(&self, baseline: f64) -> Option<f64> {
        if self.target_min.is_some() || self.target_max.is_some() {
            let mut end = baseline;
            if let Some(min) = self.target_min {
                end = end.max(min);
            }
            if let Some(max) = self.target_max {
                end = end.min(max);
            }
            return Some(end);
        }
        match relative_target(&self.target)? {
            Relative::FromBaseline(share) => Some(baseline * (1.0 - share / 100.0)),
            Relative::EachTime => None,
        }
    }

    /// Whether a value meets the target (`baseline` for a reduction from it).
    pub fn meets(&self, x: f64, baseline: f64) -> bool {
        if self.target_min.is_none() && self.target_max.is_none() {
            return match relative_target(&self.target) {
                Some(Relative::FromBaseline(share)) => x <= baseline * (1.0 - share / 100.0),
                _ => false,
            };
        }
        let strict = self.target_strict;
        let above = self
            .target_min
            .is_none_or(|min| if strict { x > min } else { x >= min });
        let below = self
            .target_max
            .is_none_or(|max| if strict { x < max } else { x <= max });
        above && below
    }

    /// The straight path over `months` months, bent through the months the team
    /// planned, with the latest measurement of each month (`month_of` places a date in
    /// the plan). None for a metric with no baseline figure, or with neither a target
    /// to head for nor a month planned, or not tracked.
    pub fn path(&self, months: u32, month_of: impl Fn(Date) -> Option<u32>) -> Option<Path> {
        if self.not_tracked() || months == 0 {
            return None;
        }
        let baseline = self.baseline().number()?;
        let end = self.path_end(baseline);
        if end.is_none() && self.planned.is_empty() {
            return None;
        }
        // The points the path goes through: the baseline, the planned months, the end.
        let mut points: BTreeMap<u32, f64> = BTreeMap::new();
        points.insert(0, baseline);
        for (&m, &v) in self.planned.range(1..=months) {
            points.insert(m, v);
        }
        if let Some(end) = end {
            points.entry(months).or_insert(end);
        }
        let planned = (1..=months)
            .map(|m| {
                let before = points.range(..=m).next_back();
                let after = points.range(m..).next();
                match (before, after) {
                    (Some((&a, &va)), Some((&b, &vb))) if b > a => {
                        va + (vb - va) * f64::from(m - a) / f64::from(b - a)
                    }
                    (Some((_, &v)), _) | (None, Some((_, &v))) => v,
                    (None, None) => baseline,
                }
            })
            .collect();
        let mut actual = vec![None; usize::try_from(months).unwrap_or(0)];
        for x in &self.measurements {
            if let Some(m) = month_of(x.measured_on)
                && let Some(value) = x.normalized.as_ref().and_then(Normalized::number)
                && let Some(slot) = index(m).and_then(|i| actual.get_mut(i))
            {
                *slot = Some(value);
            }
        }
        let set = (1..=months)
            .map(|m| self.planned.contains_key(&m))
            .collect();
        Some(Path {
            baseline,
            planned,
            actual,
            set,
        })
    }

    /// Plans `typed` for month `m`; empty input makes the month straight again.
    /// Returns whether anything changed, or why the input was refused.
    pub fn set_planned(&mut self, m: u32, typed: &str) -> Result<bool, String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(self.planned.remove(&m).is_some());
        }
        let value = super::measure::parse(self, typed)?
            .number()
            .ok_or_else(|| {
                format!(
                    "a planned value is a figure; {}",
                    super::measure::accepted(self)
                )
            })?;
        Ok(self.planned.insert(m, value) != Some(value))
    }
}

impl Workbook {
    /// The path of a metric over this plan's months, placed by the plan's start.
    pub fn path_of(&self, m: &Metric) -> Option<Path> {
        m.path(self.roadmap.months, |d| self.month_of(d))
    }

    /// Every metric behind its path, in the order of the Baseline screen.
    pub fn behind_path(&self) -> Vec<(&Metric, Behind)> {
        self.metrics()
            .filter_map(|(_, m)| Some((m, self.path_of(m)?.behind(m)?)))
            .collect()
    }
}

/// The planned months of a metric, written `planned = { 3 = 40, 5 = 32.5 }`: months as
/// keys, whole numbers without a fraction.
pub mod planned_months {
    use std::collections::BTreeMap;

    use serde::de::{self, Deserializer, MapAccess, Visitor};
    use serde::ser::{SerializeMap, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)]
    pub fn serialize<S: Serializer>(map: &BTreeMap<u32, f64>, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_map(Some(map.len()))?;
        for (m, v) in map {
            let key = m.to_string();
            // A whole number is written as one: `40`, not `40.0`.
            #[allow(clippy::cast_possible_truncation)]
            if v.fract() == 0.0 && v.abs() < 1e15 {
                out.serialize_entry(&key, &(*v as i64))?;
            } else {
                out.serialize_entry(&key, v)?;
            }
        }
        out.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<u32, f64>, D::Error> {
        struct Months;
        impl<'de> Visitor<'de> for Months {
            type Value = BTreeMap<u32, f64>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("planned values by month, such as { 3 = 40, 5 = 32.5 }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, f64>()? {
                    let month = key
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|m| *m >= 1)
                        .ok_or_else(|| {
                            de::Error::custom(format!(
                                "'{key}' is not a plan month: planned values are keyed by \
                                 month number, such as {{ 3 = 40 }}"
                            ))
                        })?;
                    if !value.is_finite() {
                        return Err(de::Error::custom(format!(
                            "month {month}'s planned value is not a number"
                        )));
                    }
                    out.insert(month, value);
                }
                Ok(out)
            }
        }
        d.deserialize_map(Months)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mttr() -> Metric {
        let wb = Workbook::template();
        let (_, m) = wb
            .metrics()
            .find(|(_, m)| m.id == "mttr")
            .expect("the template has MTTR");
        let mut m = m.clone();
        m.record("60 min", "2027-01-05".parse().unwrap(), false)
            .unwrap();
        // A target of at most 30 minutes, not strict: the path ends on it.
        m.set_target("at most 30 min").unwrap();
        m
    }

    fn month_of(d: Date) -> Option<u32> {
        // A plan starting in January 2027.
        (d.year() == 2027).then(|| u32::try_from(d.month()).unwrap())
    }

    fn measure(m: &mut Metric, on: &str, value: &str) {
        m.measurements.push(super::super::history::Measurement {
            measured_on: on.parse().unwrap(),
            value: value.to_string(),
            normalized: Some(Normalized::Number(value.parse().unwrap())),
            source: String::new(),
            note: String::new(),
            extra: super::super::Extra::new(),
        });
    }

    #[test]
    fn a_60_minute_baseline_heads_straight_for_30_over_six_months() {
        let m = mttr();
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.planned, vec![55.0, 50.0, 45.0, 40.0, 35.0, 30.0]);
        assert_eq!(path.actual, vec![None; 6]);
        assert!(path.behind(&m).is_none());
    }

    #[test]
    fn a_measurement_above_the_path_is_behind_by_the_difference() {
        let mut m = mttr();
        measure(&mut m, "2027-02-03", "52");
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.actual[1], Some(52.0));
        let behind = path.behind(&m).unwrap();
        assert_eq!(
            (behind.month, behind.planned, behind.actual),
            (2, 50.0, 52.0)
        );
        assert!((behind.by - 2.0).abs() < 1e-9);
        // On the path or ahead of it is not behind.
        measure(&mut m, "2027-03-01", "45");
        assert!(m.path(6, month_of).unwrap().behind(&m).is_none());
        measure(&mut m, "2027-04-01", "20");
        assert!(m.path(6, month_of).unwrap().behind(&m).is_none());
    }

    #[test]
    fn the_latest_measurement_of_a_month_counts() {
        let mut m = mttr();
        measure(&mut m, "2027-02-03", "58");
        measure(&mut m, "2027-02-20", "49");
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.actual[1], Some(49.0));
        assert!(path.behind(&m).is_none());
    }

    #[test]
    fn a_planned_month_bends_the_path_and_the_rest_stays_straight() {
        let mut m = mttr();
        assert_eq!(m.set_planned(2, "58 min"), Ok(true));
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.planned[..2], [59.0, 58.0]);
        // From 58 in month 2 to 30 in month 6: 7 a month.
        assert_eq!(path.planned[2..], [51.0, 44.0, 37.0, 30.0]);
        assert_eq!(path.set, vec![false, true, false, false, false, false]);
        // The same again changes nothing; empty input makes it straight again.
        assert_eq!(m.set_planned(2, "58"), Ok(false));
        assert_eq!(m.set_planned(2, ""), Ok(true));
        assert_eq!(
            m.path(6, month_of).unwrap().planned,
            vec![55.0, 50.0, 45.0, 40.0, 35.0, 30.0]
        );
        assert!(m.set_planned(3, "soon").is_err());
        assert!(m.planned.is_empty());
    }

    #[test]
    fn the_last_month_can_be_planned_short_of_the_target() {
        let mut m = mttr();
        m.set_planned(6, "40").unwrap();
        let path = m.path(6, month_of).unwrap();
        assert!((path.planned[5] - 40.0).abs() < 1e-9);
        assert!((path.planned[2] - 50.0).abs() < 1e-9);
    }

    #[test]
    fn a_grown_plan_stretches_the_path() {
        let m = mttr();
        let path = m.path(7, month_of).unwrap();
        assert_eq!(path.planned.len(), 7);
        assert!((path.planned[6] - 30.0).abs() < 1e-9);
    }

    #[test]
    fn a_higher_is_better_target_climbs_and_a_met_one_stays_flat() {
        let mut m = mttr();
        m.target.clear();
        m.target_max = None;
        m.target_min = Some(90.0);
        m.value = "60".into();
        m.normalized = Some(Normalized::Number(60.0));
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.planned, vec![65.0, 70.0, 75.0, 80.0, 85.0, 90.0]);
        measure(&mut m, "2027-01-20", "61");
        let behind = m.path(6, month_of).unwrap().behind(&m).unwrap();
        assert!((behind.by - 4.0).abs() < 1e-9);
        // A baseline inside the target: flat, and a value still inside is not behind.
        m.normalized = Some(Normalized::Number(95.0));
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.planned, vec![95.0; 6]);
        measure(&mut m, "2027-02-20", "93");
        assert!(m.path(6, month_of).unwrap().behind(&m).is_none());
    }

    #[test]
    fn a_reduction_target_heads_for_its_share_of_the_baseline() {
        let mut m = mttr();
        m.target_max = None;
        m.target = "50% reduction from baseline".into();
        let path = m.path(5, month_of).unwrap();
        assert_eq!(path.planned, vec![54.0, 48.0, 42.0, 36.0, 30.0]);
    }

    #[test]
    fn no_path_without_a_baseline_figure_or_anything_to_head_for() {
        let mut m = mttr();
        m.target.clear();
        m.target_max = None;
        assert!(m.path(6, month_of).is_none());
        // A planned month alone gives a path that stays level after it.
        m.set_planned(3, "45").unwrap();
        let path = m.path(6, month_of).unwrap();
        assert_eq!(path.planned, vec![55.0, 50.0, 45.0, 45.0, 45.0, 45.0]);
        let mut m = mttr();
        m.value.clear();
        m.normalized = None;
        assert!(m.path(6, month_of).is_none());
    }

    #[test]
    fn planned_months_read_and_write_as_a_small_table() {
        #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
        struct T {
            #[serde(with = "planned_months")]
            planned: BTreeMap<u32, f64>,
        }
        let t: T = toml::from_str("planned = { 3 = 40, 5 = 32.5 }").unwrap();
        assert_eq!(t.planned, BTreeMap::from([(3, 40.0), (5, 32.5)]));
        let text = toml::to_string(&t).unwrap();
        assert!(
            text.contains("3 = 40\n") && text.contains("5 = 32.5"),
            "{text}"
        );
        let err = toml::from_str::<T>("planned = { soon = 40 }").unwrap_err();
        assert!(err.to_string().contains("not a plan month"), "{err}");
    }
}

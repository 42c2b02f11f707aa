//! A large generated workbook, ten times the template and more: for benchmarks, and
//! for trying planbook on a big plan (`planbook new --demo-large PATH`).

use jiff::civil::Date;

use super::PlanMonth;

use super::{
    Activity, Answer, Extra, Metric, MetricGroup, MetricKind, Milestone, Normalized, Stage, Track,
    Workbook,
};

const MONTHS: u32 = 24;

fn tracks() -> Vec<Track> {
    (1..=30)
        .map(|t| Track {
            id: format!("track-{t:02}"),
            name: format!("Track {t:02} of the large plan"),
            short: format!("T{t:02}"),
            activities: (1..=MONTHS)
                .flat_map(|m| {
                    (1..=2).map(move |a| Activity {
                        id: format!("t{t:02}-m{m:02}-a{a}"),
                        month: m,
                        text: format!("Activity {a} of track {t} in month {m}"),
                        kind: String::new(),
                        done: (t + m + a).is_multiple_of(3),
                        extra: Extra::new(),
                    })
                })
                .collect(),
            extra: Extra::new(),
        })
        .collect()
}

fn milestones() -> Vec<Milestone> {
    (0..2000u32)
        .map(|i| {
            let month = i * MONTHS / 2000 + 1;
            Milestone {
                id: format!("m{month:02}-demo-{i:04}"),
                month,
                text: format!("Milestone {i} of month {month}"),
                track: format!("track-{:02}", i % 30 + 1),
                owner: if i.is_multiple_of(4) {
                    "Sam".into()
                } else {
                    String::new()
                },
                due: None,
                done_on: (month < 3 && i.is_multiple_of(2)).then(|| jiff::civil::date(2027, 2, 1)),
                extra: Extra::new(),
            }
        })
        .collect()
}

fn metric(group: &str, i: usize) -> Metric {
    const KINDS: [(MetricKind, &str, Option<f64>, Option<f64>); 4] = [
        (MetricKind::Percent, "%", Some(99.9), None),
        (MetricKind::Duration, "min", None, Some(30.0)),
        (MetricKind::Rate, "per month", None, Some(10.0)),
        (MetricKind::Score, "1-5", Some(4.0), None),
    ];
    let (kind, unit, min, max) = KINDS[i % KINDS.len()];
    let step = f64::from(u32::try_from(i % 50).unwrap_or(0));
    let value = match kind {
        MetricKind::Percent => 99.0 + step / 50.0,
        MetricKind::Score => 3.0,
        _ => step,
    };
    Metric {
        id: format!("{group}-{i:03}"),
        name: format!("Demo metric {i} of {group}"),
        seed_name: String::new(),
        short: format!("{group} {i}"),
        kind,
        unit: unit.into(),
        target_min: min,
        target_max: max,
        target_strict: false,
        better: None,
        target: String::new(),
        target_source: String::new(),
        seed_target: String::new(),
        origin: "demo".into(),
        key: i.is_multiple_of(5),
        value: value.to_string(),
        normalized: Some(Normalized::Number(value)),
        measured_on: Some(jiff::civil::date(2027, 1, 15)),
        source: String::new(),
        measurements: Vec::new(),
        corrections: Vec::new(),
        planned: std::collections::BTreeMap::new(),
        extra: Extra::new(),
    }
}

/// 24 months, 30 tracks, 2,000 milestones, 200 metrics and 100 snapshots.
pub fn large() -> Workbook {
    let mut wb = Workbook::template();
    wb.plan.team = "Demo: a large plan".into();
    wb.plan.lead = "Demo lead".into();
    wb.plan.start_month = PlanMonth::new(2027, 1);
    wb.roadmap.months = MONTHS;
    wb.roadmap.stages = [
        ("Foundation", 1, 2),
        ("Build-out", 3, 8),
        ("Scale", 9, MONTHS),
    ]
    .into_iter()
    .map(|(name, first_month, last_month)| Stage {
        name: name.into(),
        first_month,
        last_month,
        extra: Extra::new(),
    })
    .collect();
    wb.roadmap.tracks = tracks();
    wb.roadmap.milestones = milestones();
    // References follow the tracks: every one names a track the demo has.
    for (i, c) in wb.readiness.iter_mut().enumerate() {
        c.risk_tracks = vec![format!("track-{:02}", i + 1)];
    }
    for (i, d) in wb.maturity.iter_mut().enumerate() {
        d.track = format!("track-{:02}", i + 4);
    }
    wb.baseline = ["reliability", "performance", "efficiency"]
        .iter()
        .zip([68, 66, 66])
        .map(|(group, n)| MetricGroup {
            id: (*group).to_string(),
            title: format!("Demo {group}"),
            metrics: (0..n).map(|i| metric(group, i)).collect(),
            extra: Extra::new(),
        })
        .collect();
    for (i, q) in wb
        .maturity
        .iter_mut()
        .flat_map(|d| d.questions.iter_mut())
        .enumerate()
    {
        q.answer = if i.is_multiple_of(3) {
            Answer::Yes
        } else {
            Answer::No
        };
    }
    let start = Date::new(2027, 1, 1).unwrap_or_default();
    for s in 0..100i32 {
        let day = start
            .checked_add(jiff::Span::new().days(s * 7))
            .unwrap_or(start);
        wb.take_snapshot(&format!("Weekly {s}"), day);
    }
    wb
}

/// A small deterministic generator (`SplitMix64`), so that a seed gives the same team
/// on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const TEAM_NAMES: [&str; 12] = [
    "Platform",
    "Payments",
    "Search",
    "Checkout",
    "Identity",
    "Data",
    "Mobile",
    "Edge",
    "Billing",
    "Messaging",
    "Storage",
    "Observability",
];
const LEADS: [&str; 10] = [
    "Dana Reyes",
    "Sam Okafor",
    "Ines Duarte",
    "Kai Nakamura",
    "Priya Raman",
    "Tomás Ruiz",
    "Lea Schmidt",
    "Omar Haddad",
    "Mei Lin",
    "Jonas Berg",
];

/// A varied, realistic team of the template's size for `seed` (`planbook new
/// --demo-team SEED PATH`): started some months before `today`, part of its readiness
/// ticked and maturity answered, metrics measured, milestones done (some late), and a
/// snapshot each month. Used to try the rollup on many teams and to benchmark it.
pub fn demo_team(seed: u64, today: Date) -> Workbook {
    let mut d = Dice(seed);
    let mut wb = Workbook::template();
    let name = TEAM_NAMES[usize::try_from(d.below(12)).unwrap_or(0)];
    wb.plan.team = format!("{name} {seed}");
    wb.plan.lead = LEADS[usize::try_from(d.below(10)).unwrap_or(0)].to_string();
    let started = i32::try_from(d.below(7)).unwrap_or(0);
    let start = PlanMonth::containing(today).plus(-started);
    wb.plan.start_month = Some(start);
    let progress = d.below(80) + 10;
    for item in wb.readiness.iter_mut().flat_map(|c| c.items.iter_mut()) {
        item.done = d.chance(progress);
    }
    // Each dimension is near a level of its own: its questions up to that level are
    // mostly yes, those above mostly no.
    for dim in &mut wb.maturity {
        let near = u8::try_from(d.below(5)).unwrap_or(0);
        for q in &mut dim.questions {
            let needed_from = q.levels.first().copied().unwrap_or(1);
            q.answer = match d.below(20) {
                0 => Answer::NotApplicable,
                1 => Answer::Unanswered,
                _ if needed_from <= near && d.chance(90) => Answer::Yes,
                _ if d.chance(10) => Answer::Yes,
                _ => Answer::No,
            };
        }
    }
    let first = start.first_day();
    let months_in = u32::try_from(started).unwrap_or(0);
    for ms in &mut wb.roadmap.milestones {
        if ms.month <= months_in && d.chance(progress) {
            let day = i8::try_from(d.below(27) + 1).unwrap_or(1);
            ms.done_on = start
                .plus(i32::try_from(ms.month).unwrap_or(1) - 1)
                .first_day()
                .with()
                .day(day)
                .build()
                .ok()
                .filter(|x| *x <= today);
        }
        if d.chance(40) {
            ms.owner = LEADS[usize::try_from(d.below(10)).unwrap_or(0)].to_string();
        }
    }
    let measured_on = first.max(today.saturating_sub(jiff::Span::new().days(200)));
    for (id, value) in [
        ("mttr", format!("{} min", 20 + d.below(120))),
        ("mttd", format!("{} min", 2 + d.below(30))),
        ("alert-accuracy", format!("{}%", 50 + d.below(50))),
        ("on-call-pages", format!("{}/shift", d.below(6))),
        ("uptime", format!("99.{}", d.below(99))),
    ] {
        if let Some(m) = wb.metric_mut(id) {
            let _ = m.record(&value, measured_on, false);
        }
    }
    for k in 0..months_in.min(3) {
        let on = start.plus(i32::try_from(k).unwrap_or(0)).last_day();
        if on <= today {
            wb.take_snapshot(&format!("Month {} check-in", k + 1), on);
        }
    }
    wb
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_large_demo_is_a_valid_workbook_of_the_promised_size() {
        let wb = large();
        assert!(
            crate::store::validate(&wb).is_empty(),
            "{:?}",
            crate::store::validate(&wb)
        );
        assert_eq!(wb.roadmap.months, 24);
        assert_eq!(wb.roadmap.tracks.len(), 30);
        assert_eq!(wb.roadmap.milestones.len(), 2000);
        assert_eq!(wb.metrics().count(), 200);
        assert_eq!(wb.snapshots.len(), 100);
        let text = crate::store::to_text(&wb).unwrap();
        let back = crate::store::parse(std::path::Path::new("large.toml"), &text).unwrap();
        assert_eq!(back.workbook, wb);
    }
}

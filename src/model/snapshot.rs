//! Snapshots: recording the plan's state on a day, and comparing the present with the
//! first snapshot (the baseline) and the last one.

use jiff::civil::Date;

use super::maturity::assess;
use super::measure::numeric_value;
use super::readiness::{category_scores, overall_percent};
use super::roadmap::{slug, unique_id};
use super::{PlanMonth, Snapshot, Workbook};

impl Workbook {
    /// Records the plan's state today under `label`, after every earlier snapshot.
    pub fn take_snapshot(&mut self, label: &str, today: Date) -> &Snapshot {
        let label = label.trim();
        let label = if label.is_empty() {
            format!("Snapshot {today}")
        } else {
            label.to_string()
        };
        let base = format!("{today}-{}", slug(&label));
        let id = unique_id(&base, |id| self.snapshots.iter().any(|s| s.id == id));
        let a = assess(self);
        let roadmap = self.roadmap_progress();
        let snapshot = Snapshot {
            id,
            taken_on: today,
            label,
            readiness_percent: overall_percent(self),
            maturity_average: a.rounded_average(),
            milestones_done: roadmap.done,
            milestones_total: roadmap.total,
            readiness: category_scores(self)
                .iter()
                .map(|s| (s.category.id.clone(), s.progress.done))
                .collect(),
            maturity: a
                .dimensions
                .iter()
                .filter_map(|d| Some((d.dimension.id.clone(), d.level?)))
                .collect(),
            metrics: self
                .metrics()
                .filter_map(|(_, m)| Some((m.id.clone(), numeric_value(m)?)))
                .collect(),
            health: self
                .health
                .iter()
                .filter_map(|h| Some((h.id.clone(), h.score?)))
                .collect(),
            answers: self
                .maturity
                .iter()
                .flat_map(|d| &d.questions)
                .filter(|q| q.answer.is_answered())
                .map(|q| (q.id.clone(), q.answer))
                .collect(),
            extra: super::Extra::new(),
        };
        self.snapshots.push(snapshot);
        let last = self.snapshots.len() - 1;
        &self.snapshots[last]
    }

    /// The most recent snapshot.
    pub fn last_snapshot(&self) -> Option<&Snapshot> {
        self.snapshots.last()
    }

    /// The newest snapshot taken before `today`'s month: where the plan stood "last
    /// month", for saying what changed since.
    pub fn snapshot_before_month(&self, today: Date) -> Option<&Snapshot> {
        let now = PlanMonth::containing(today);
        self.snapshots
            .iter()
            .rev()
            .find(|s| PlanMonth::containing(s.taken_on) < now)
    }

    /// Whether opening planbook `today` should offer the monthly check-in: once per
    /// calendar month from the plan's first month to its last (and after, while a
    /// milestone is open), never before; not in a month that already has a snapshot,
    /// nor in the first month before the first one. `skipped` is the month whose
    /// check-in the user skipped, if any.
    pub fn checkin_due(&self, today: Date, skipped: Option<PlanMonth>) -> bool {
        let Some(start) = self.start() else {
            return false;
        };
        let now = PlanMonth::containing(today);
        let months = i32::try_from(self.roadmap.months).unwrap_or(i32::MAX);
        let last = start.plus(months.saturating_sub(1));
        let open = self.roadmap.milestones.iter().any(|m| !m.is_done());
        if now < start || (now > last && !open) || skipped == Some(now) {
            return false;
        }
        match self.last_snapshot() {
            Some(s) => now > PlanMonth::containing(s.taken_on),
            // The planning session itself takes the first snapshot.
            None => now > start,
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // exact values, chosen to be representable
mod tests {
    use super::*;
    use crate::model::{Answer, Normalized};

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn set(wb: &mut Workbook, id: &str, typed: &str) {
        set_on(wb, id, typed, "2027-01-12");
    }

    fn set_on(wb: &mut Workbook, id: &str, typed: &str, on: &str) {
        let fixed = wb.baselines_fixed();
        let m = wb.metric_mut(id).unwrap();
        m.record(typed, day(on), fixed).unwrap();
    }

    #[test]
    fn last_month_is_the_newest_snapshot_before_this_month() {
        let mut wb = Workbook::template();
        assert!(wb.snapshot_before_month(day("2027-02-10")).is_none());
        wb.take_snapshot("Kickoff", day("2026-12-15"));
        wb.take_snapshot("January", day("2027-01-20"));
        wb.take_snapshot("Early February", day("2027-02-03"));
        let last = wb.snapshot_before_month(day("2027-02-10")).unwrap();
        assert_eq!(last.label, "January");
        assert_eq!(
            wb.snapshot_before_month(day("2027-01-31")).unwrap().label,
            "Kickoff"
        );
    }

    #[test]
    fn a_snapshot_records_the_state_of_the_day() {
        let mut wb = Workbook::template();
        wb.readiness[0].items[0].done = true;
        wb.maturity[0].questions[0].answer = Answer::Yes;
        wb.maturity[5]
            .questions
            .iter_mut()
            .for_each(|q| q.answer = Answer::NotApplicable);
        wb.roadmap.milestones[0].done_on = "2027-01-10".parse().ok();
        set(&mut wb, "mttr", "45m");
        set(&mut wb, "incident-frequency-severity", "sev1 2, sev2 5");
        set(&mut wb, "documentation-coverage", "patchy");
        let s = wb.take_snapshot("  Kickoff ", day("2027-01-15")).clone();
        assert_eq!(s.id, "2027-01-15-kickoff");
        assert_eq!(s.label, "Kickoff");
        assert_eq!(s.readiness_percent, 7);
        assert_eq!(s.readiness["technical"], 1);
        assert_eq!(s.maturity["data_collection"], 1);
        assert!(
            !s.maturity.contains_key("tooling"),
            "not assessed is left out"
        );
        assert!((s.maturity_average - 0.2).abs() < 1e-9);
        assert_eq!((s.milestones_done, s.milestones_total), (1, 30));
        assert_eq!(s.metrics["mttr"], 45.0);
        assert_eq!(s.metrics["incident-frequency-severity"], 7.0);
        assert!(!s.metrics.contains_key("documentation-coverage"));
        // A second snapshot with the same label on the same day gets its own id.
        let again = wb.take_snapshot("Kickoff", day("2027-01-15")).id.clone();
        assert_eq!(again, "2027-01-15-kickoff-2");
        assert_eq!(
            wb.take_snapshot("", day("2027-01-16")).label,
            "Snapshot 2027-01-16"
        );
    }

    #[test]
    fn changes_are_measured_against_baseline_and_previous() {
        let mut wb = Workbook::template();
        set(&mut wb, "mttr", "90m");
        wb.take_snapshot("Baseline", day("2027-01-15"));
        set_on(&mut wb, "mttr", "60m", "2027-02-14");
        wb.take_snapshot("February", day("2027-02-15"));
        set_on(&mut wb, "mttr", "45m", "2027-03-10");
        let mttr = wb
            .metrics()
            .find(|(_, m)| m.id == "mttr")
            .unwrap()
            .1
            .clone();
        // Since the baseline, and since the previous measurement: the month's
        // snapshot does not make the change zero.
        assert_eq!(mttr.since_baseline(), Some((90.0, 45.0)));
        assert_eq!(mttr.since_previous(), Some((60.0, 45.0)));
        wb.take_snapshot("March", day("2027-03-15"));
        let mttr = wb.metric_mut("mttr").unwrap().clone();
        assert_eq!(mttr.since_previous(), Some((60.0, 45.0)));
        assert_eq!(mttr.trend(), [Some(90.0), Some(60.0), Some(45.0)]);
        assert_eq!(wb.snapshots[2].metrics["mttr"], 45.0);
        let mut text = mttr.clone();
        text.measurements.clear();
        text.normalized = Some(Normalized::Text("n/a".into()));
        assert_eq!(text.since_previous(), None);
    }

    #[test]
    fn the_checkin_is_offered_from_the_first_month_to_the_last() {
        let mut wb = Workbook::template();
        assert!(!wb.checkin_due(day("2027-03-01"), None), "no start month");
        wb.plan.start_month = "2027-03".parse().ok();
        assert!(!wb.checkin_due(day("2027-02-20"), None), "before the plan");
        assert!(
            !wb.checkin_due(day("2027-03-20"), None),
            "the planning month"
        );
        assert!(wb.checkin_due(day("2027-04-02"), None));
        wb.take_snapshot("Baseline", day("2027-04-02"));
        assert!(!wb.checkin_due(day("2027-04-30"), None), "once a month");
        assert!(wb.checkin_due(day("2027-08-01"), None), "the last month");
        assert!(
            wb.checkin_due(day("2027-10-01"), None),
            "after, with open milestones"
        );
        for m in &mut wb.roadmap.milestones {
            m.done_on = Some(day("2027-08-20"));
        }
        assert!(!wb.checkin_due(day("2027-10-01"), None), "after, all done");
    }

    #[test]
    fn the_checkin_is_offered_in_a_later_month_unless_skipped() {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        wb.take_snapshot("Baseline", day("2027-01-31"));
        assert!(!wb.checkin_due(day("2027-01-31"), None));
        assert!(wb.checkin_due(day("2027-02-01"), None));
        assert!(wb.checkin_due(day("2028-01-02"), None));
        let skipped = "2027-02".parse().ok();
        assert!(
            !wb.checkin_due(day("2027-02-20"), skipped),
            "skipped this month"
        );
        assert!(wb.checkin_due(day("2027-03-01"), skipped));
    }
}

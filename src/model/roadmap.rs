//! Roadmap rules: the calendar month of each plan month, progress per cell and per
//! month, due dates and what is overdue, and ids for items a team adds.

use jiff::civil::Date;

use super::{Activity, Extra, Milestone, PlanMonth, Progress, Track, Workbook};

impl Workbook {
    /// Every activity and milestone id, so that new ones can be unique.
    fn roadmap_ids(&self) -> std::collections::HashSet<String> {
        let rm = &self.roadmap;
        rm.tracks
            .iter()
            .flat_map(|t| t.activities.iter().map(|a| a.id.clone()))
            .chain(rm.milestones.iter().map(|m| m.id.clone()))
            .collect()
    }

    /// Adds a milestone to month `month` on the track with id `track`, after that
    /// month's last milestone so the file stays in month order. Returns its index.
    pub fn add_milestone(&mut self, month: u32, track: &str, text: &str) -> usize {
        let taken = self.roadmap_ids();
        let id = unique_id(&format!("m{month}-{}", slug(text)), |id| taken.contains(id));
        let ms = &mut self.roadmap.milestones;
        let at = ms
            .iter()
            .rposition(|m| m.month <= month)
            .map_or(0, |i| i + 1);
        ms.insert(
            at,
            Milestone {
                id,
                month,
                text: text.to_string(),
                track: track.to_string(),
                owner: String::new(),
                due: None,
                done_on: None,
                extra: Extra::new(),
            },
        );
        at
    }

    /// Adds an activity to month `month` of track `track` (by index). Returns its
    /// index in the track, or `None` if there is no such track.
    pub fn add_activity(&mut self, track: usize, month: u32, text: &str) -> Option<usize> {
        let taken = self.roadmap_ids();
        let id = unique_id(&slug(text), |id| taken.contains(id));
        let activities = &mut self.roadmap.tracks.get_mut(track)?.activities;
        activities.push(Activity {
            id,
            month,
            text: text.to_string(),
            kind: String::new(),
            done: false,
            extra: Extra::new(),
        });
        Some(activities.len() - 1)
    }

    /// The calendar month of plan month `m` (1-based), when the start is known.
    pub fn calendar_month(&self, m: u32) -> Option<PlanMonth> {
        let offset = i32::try_from(m).ok()? - 1;
        Some(self.start()?.plus(offset))
    }

    /// The plan month (1-based) that `today` falls in, if it is inside the plan.
    pub fn month_of(&self, today: Date) -> Option<u32> {
        let offset = self.start()?.months_until(PlanMonth::containing(today));
        u32::try_from(offset + 1)
            .ok()
            .filter(|m| (1..=self.roadmap.months).contains(m))
    }

    /// Milestones of plan month `m`, in file order.
    pub fn milestones_of(&self, m: u32) -> impl Iterator<Item = &Milestone> {
        self.roadmap.milestones.iter().filter(move |x| x.month == m)
    }

    /// Milestones done out of all milestones of month `m`.
    pub fn month_progress(&self, m: u32) -> Progress {
        Progress {
            done: self.milestones_of(m).filter(|x| x.is_done()).count(),
            total: self.milestones_of(m).count(),
        }
    }

    /// The day a milestone is due: its own due date, or else the last day of its month.
    pub fn due_date(&self, ms: &Milestone) -> Option<Date> {
        ms.due
            .or_else(|| Some(self.calendar_month(ms.month)?.last_day()))
    }

    /// An open milestone whose due day has passed.
    pub fn is_overdue(&self, ms: &Milestone, today: Date) -> bool {
        !ms.is_done() && self.due_date(ms).is_some_and(|due| due < today)
    }

    /// A month that has ended with open milestones.
    pub fn month_overdue(&self, m: u32, today: Date) -> bool {
        self.calendar_month(m)
            .is_some_and(|cm| cm.last_day() < today && self.milestones_of(m).any(|x| !x.is_done()))
    }

    /// Who to chase at the monthly meeting: the overdue milestones, most late first,
    /// then this month's open ones by due date (milestone indexes).
    pub fn who_to_chase(&self, today: Date) -> Vec<usize> {
        let ms = &self.roadmap.milestones;
        // Each month's last day once, not once per milestone: the Summary asks on
        // every key, and a plan may hold thousands of milestones.
        let month_end: Vec<Option<Date>> = (0..=self.roadmap.months)
            .map(|m| self.calendar_month(m).map(PlanMonth::last_day))
            .collect();
        let due = |m: &Milestone| {
            m.due.or_else(|| {
                month_end
                    .get(usize::try_from(m.month).unwrap_or(usize::MAX))
                    .copied()
                    .flatten()
            })
        };
        let now = self.month_of(today);
        let mut overdue = Vec::new();
        let mut this_month = Vec::new();
        for (i, m) in ms.iter().enumerate().filter(|(_, m)| !m.is_done()) {
            let due = due(m);
            if due.is_some_and(|d| d < today) {
                overdue.push((due, i));
            } else if now == Some(m.month) {
                this_month.push((due, i));
            }
        }
        overdue.sort_unstable();
        this_month.sort_unstable();
        overdue
            .into_iter()
            .chain(this_month)
            .map(|(_, i)| i)
            .collect()
    }

    /// The check-in's milestones: who to chase, and those due since the last
    /// snapshot that are done, by due date. Ticking one, or setting when it was done,
    /// leaves it where it is.
    pub fn checkin_milestones(&self, today: Date) -> Vec<usize> {
        let ms = &self.roadmap.milestones;
        let since = self.last_snapshot().map(|s| s.taken_on);
        let now = self.month_of(today);
        let mut list = self.who_to_chase(today);
        list.extend((0..ms.len()).filter(|&i| {
            ms[i].is_done()
                && now.is_some_and(|m| ms[i].month <= m)
                && self
                    .due_date(&ms[i])
                    .is_some_and(|due| since.is_none_or(|s| due > s))
        }));
        list.sort_by_key(|&i| (self.due_date(&ms[i]), i));
        list
    }

    /// Open milestones with a due date of their own, and milestones done: the dates
    /// a change of the start month affects.
    pub fn dated_milestones(&self) -> (usize, usize) {
        let ms = &self.roadmap.milestones;
        (
            ms.iter()
                .filter(|m| m.due.is_some() && !m.is_done())
                .count(),
            ms.iter().filter(|m| m.is_done()).count(),
        )
    }

    /// Moves the plan to start in `to`. With `shift_due`, open milestones' own due
    /// dates move by as many months (the day kept, or the month's last day); done
    /// dates are facts and never move. Returns how many due dates moved.
    pub fn move_start(&mut self, to: PlanMonth, shift_due: bool) -> usize {
        let from = self.plan.start_month.replace(to);
        let Some(from) = from.filter(|_| shift_due) else {
            return 0;
        };
        let months = to.months_since(from);
        let mut moved = 0;
        for m in self.roadmap.milestones.iter_mut().filter(|m| !m.is_done()) {
            if let Some(due) = m.due
                && let Ok(shifted) = due.checked_add(jiff::Span::new().months(months))
            {
                m.due = Some(shifted);
                moved += 1;
            }
        }
        moved
    }

    /// The plan's first and last day, once it has a start month.
    pub fn plan_days(&self) -> Option<(Date, Date)> {
        let start = self.start()?;
        let months = i32::try_from(self.roadmap.months).ok()?;
        Some((start.first_day(), start.plus(months - 1).last_day()))
    }

    /// Days a milestone is late today: 0 if it is not overdue.
    pub fn days_late(&self, ms: &Milestone, today: Date) -> i64 {
        match self.due_date(ms) {
            Some(due) if self.is_overdue(ms, today) => i64::from((today - due).get_days()),
            _ => 0,
        }
    }

    /// Records when a milestone was done. A day after `today` is refused; a day
    /// before the plan's first month is accepted, with a warning to show.
    pub fn set_done_on(
        &mut self,
        i: usize,
        day: Date,
        today: Date,
    ) -> Result<Option<String>, String> {
        if day > today {
            return Err(format!(
                "{day} is in the future: a milestone is done on or before today ({today})"
            ));
        }
        let warning = self.start().filter(|s| day < s.first_day()).map(|s| {
            format!(
                "{day} is before the plan's first month ({}); recorded anyway",
                s.label()
            )
        });
        let ms = self
            .roadmap
            .milestones
            .get_mut(i)
            .ok_or_else(|| "no such milestone".to_string())?;
        ms.done_on = Some(day);
        Ok(warning)
    }

    /// The name of a milestone's track, or the id it names when no track has it.
    pub fn track_name<'a>(&'a self, ms: &'a Milestone) -> &'a str {
        self.roadmap
            .tracks
            .iter()
            .find(|t| t.id == ms.track)
            .map_or(ms.track.as_str(), |t| t.name.as_str())
    }

    /// A milestone's status in a report: `done`, `overdue` or `open`.
    pub fn milestone_status(&self, ms: &Milestone, today: Date) -> &'static str {
        if ms.is_done() {
            "done"
        } else if self.is_overdue(ms, today) {
            "overdue"
        } else {
            "open"
        }
    }

    /// Every milestone that is overdue.
    pub fn overdue_milestones(&self, today: Date) -> impl Iterator<Item = &Milestone> {
        self.roadmap
            .milestones
            .iter()
            .filter(move |ms| self.is_overdue(ms, today))
    }
}

impl Track {
    /// Activities done out of all activities of month `m`.
    pub fn cell_progress(&self, m: u32) -> Progress {
        let acts = self.activities.iter().filter(|a| a.month == m);
        Progress {
            done: acts.clone().filter(|a| a.done).count(),
            total: acts.count(),
        }
    }
}

/// A lowercase ASCII slug of `text`, at most 40 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "item".to_string()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`… whichever `taken` does not hold.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..=u32::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wb(start: &str) -> Workbook {
        let mut wb = Workbook::template();
        wb.plan.start_month = start.parse().ok();
        wb
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months_cross_the_year_from_a_december_start() {
        let wb = wb("2026-12");
        let labels: Vec<String> = (1..=6)
            .map(|m| wb.calendar_month(m).unwrap().label())
            .collect();
        assert_eq!(labels[0], "Dec 2026");
        assert_eq!(labels[1], "Jan 2027");
        assert_eq!(labels[5], "May 2027");
        assert_eq!(wb.month_of(day("2027-01-31")), Some(2));
        assert_eq!(wb.month_of(day("2026-11-30")), None, "before the plan");
        assert_eq!(wb.month_of(day("2027-06-01")), None, "after the plan");
        assert_eq!(
            Workbook::template().month_of(day("2027-01-01")),
            None,
            "no start"
        );
    }

    #[test]
    fn cell_and_month_progress() {
        let mut wb = wb("2027-01");
        let foundation = &mut wb.roadmap.tracks[0];
        foundation.activities[0].done = true;
        assert_eq!(foundation.cell_progress(1).to_string(), "1/4");
        assert_eq!(foundation.cell_progress(2).to_string(), "0/0");
        wb.roadmap.milestones[0].done_on = "2027-01-20".parse().ok();
        wb.roadmap.milestones[1].done_on = "2027-01-21".parse().ok();
        assert_eq!(wb.month_progress(1).to_string(), "2/5");
        assert_eq!(wb.month_progress(2).to_string(), "0/5");
    }

    #[test]
    fn overdue_months_and_milestones() {
        let mut wb = wb("2027-01");
        let today = day("2027-02-10");
        assert!(
            wb.month_overdue(1, today),
            "January ended with open milestones"
        );
        assert!(!wb.month_overdue(2, today), "February has not ended");
        for ms in wb.roadmap.milestones.iter_mut().filter(|m| m.month == 1) {
            ms.done_on = "2027-01-30".parse().ok();
        }
        assert!(!wb.month_overdue(1, today), "all done");
        // A milestone's own due date counts; without one it is due at month end.
        let ms = &mut wb.roadmap.milestones[5];
        assert_eq!(ms.month, 2);
        ms.due = "2027-02-05".parse().ok();
        let ms = wb.roadmap.milestones[5].clone();
        assert_eq!(wb.due_date(&ms), Some(day("2027-02-05")));
        assert!(wb.is_overdue(&ms, today));
        let other = wb.roadmap.milestones[6].clone();
        assert_eq!(wb.due_date(&other), Some(day("2027-02-28")));
        assert!(!wb.is_overdue(&other, today));
        assert_eq!(wb.overdue_milestones(today).count(), 1);
        // Without a start month nothing is dated, so nothing is overdue.
        assert!(!Workbook::template().month_overdue(1, today));
    }

    #[test]
    fn who_to_chase_is_most_late_first_then_this_month() {
        let mut wb = wb("2027-01");
        let today = day("2027-03-10");
        wb.roadmap.milestones[7].due = Some(day("2027-01-05"));
        wb.roadmap.milestones[1].done_on = Some(day("2027-01-20"));
        let chase = wb.who_to_chase(today);
        let overdue: Vec<usize> = chase
            .iter()
            .copied()
            .filter(|&i| wb.is_overdue(&wb.roadmap.milestones[i], today))
            .collect();
        assert_eq!(overdue[0], 7, "due earliest, most late");
        assert_eq!(wb.days_late(&wb.roadmap.milestones[7], today), 64);
        assert!(!chase.contains(&1), "done is not chased");
        // Month 1 and 2 open milestones are overdue; month 3's open ones follow.
        let rest = &chase[overdue.len()..];
        assert!(rest.iter().all(|&i| wb.roadmap.milestones[i].month == 3));
        assert!(!rest.is_empty());
        assert!(overdue.windows(2).all(|w| {
            wb.due_date(&wb.roadmap.milestones[w[0]]) <= wb.due_date(&wb.roadmap.milestones[w[1]])
        }));
    }

    #[test]
    fn a_done_date_is_not_in_the_future_and_warns_before_the_plan() {
        let mut wb = wb("2027-01");
        let today = day("2027-03-10");
        assert!(wb.set_done_on(0, day("2027-03-11"), today).is_err());
        assert_eq!(wb.roadmap.milestones[0].done_on, None);
        assert_eq!(wb.set_done_on(0, day("2027-03-03"), today), Ok(None));
        assert_eq!(wb.roadmap.milestones[0].done_on, Some(day("2027-03-03")));
        let warning = wb
            .set_done_on(1, day("2026-12-30"), today)
            .unwrap()
            .unwrap();
        assert!(
            warning.contains("before the plan's first month"),
            "{warning}"
        );
        assert_eq!(wb.roadmap.milestones[1].done_on, Some(day("2026-12-30")));
    }

    #[test]
    fn moving_the_start_shifts_own_due_dates_if_asked_and_never_done_dates() {
        let mut wb = wb("2027-01");
        wb.roadmap.milestones[3].due = Some(day("2027-01-31"));
        wb.roadmap.milestones[8].due = Some(day("2027-02-14"));
        wb.roadmap.milestones[0].done_on = Some(day("2027-01-10"));
        assert_eq!(wb.dated_milestones(), (2, 1));
        let mut kept = wb.clone();
        assert_eq!(kept.move_start("2027-03".parse().unwrap(), false), 0);
        assert_eq!(kept.roadmap.milestones[3].due, Some(day("2027-01-31")));
        assert_eq!(wb.move_start("2027-03".parse().unwrap(), true), 2);
        assert_eq!(wb.roadmap.milestones[3].due, Some(day("2027-03-31")));
        assert_eq!(wb.roadmap.milestones[8].due, Some(day("2027-04-14")));
        assert_eq!(wb.roadmap.milestones[0].done_on, Some(day("2027-01-10")));
        assert_eq!(wb.plan_days(), Some((day("2027-03-01"), day("2027-08-31"))));
    }

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(
            slug("Migrate CI to GitHub Actions!"),
            "migrate-ci-to-github-actions"
        );
        assert_eq!(slug("  --  "), "item");
        assert_eq!(slug("Über-wichtig"), "ber-wichtig");
        let taken = ["a", "a-2"];
        assert_eq!(unique_id("a", |id| taken.contains(&id)), "a-3");
        assert_eq!(unique_id("b", |id| taken.contains(&id)), "b");
    }
}

//! Re-planning: a track slips (or comes forward) by a month. The preview says what
//! would move before anything does: the open milestones and their due dates, the
//! activities, the targets among them, and whether the plan grows a month. Done
//! milestones and activities never move.

use jiff::ToSpan;
use jiff::civil::Date;

use serde::{Deserialize, Serialize};

use super::Workbook;

/// One thing a shift moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub text: String,
    /// `milestone`, `activity`, or the seed's label of a target (`Achievement target`).
    pub kind: String,
    pub from: u32,
    pub to: u32,
    /// A milestone's due date before and after, where it has one of its own.
    pub due: Option<(Date, Date)>,
}

/// What moving a track's open work by `delta` months from `from` on would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    pub track: String,
    pub from: u32,
    pub delta: i32,
    pub moves: Vec<Move>,
    /// How many months the plan would have: more than now when work moves past its
    /// last month.
    pub months: u32,
    /// What stays because it is done (or cannot move before month 1).
    pub stays: usize,
}

impl Shift {
    /// The moves that are targets (month 5's key milestones, month 6's achievement
    /// targets and success indicators), named as the seed does.
    pub fn targets(&self) -> impl Iterator<Item = &Move> {
        self.moves.iter().filter(|m| {
            matches!(
                m.kind.as_str(),
                "Key milestone" | "Achievement target" | "Success indicator"
            )
        })
    }
}

/// A shift that was applied: the track, from which month, by how much, on which day
/// and how many items it moved. Kept in the workbook (`[[roadmap.shifts]]`) so the
/// report can say which tracks slipped since the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shifted {
    pub track: String,
    pub from: u32,
    pub delta: i32,
    #[serde(with = "super::month::required")]
    pub shifted_on: Date,
    #[serde(default)]
    pub moved: usize,
    /// Keys planbook does not know, kept as they are so nothing is lost on save.
    #[serde(flatten)]
    pub extra: super::Extra,
}

/// A track's shifts since the baseline, added up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackShifts {
    pub track: String,
    /// The track's name (its id when the track is gone).
    pub name: String,
    /// The months the shifts add up to: later when positive.
    pub net: i32,
    pub count: usize,
    pub last: Date,
}

fn moved(month: u32, delta: i32) -> Option<u32> {
    u32::try_from(i64::from(month) + i64::from(delta))
        .ok()
        .filter(|m| *m >= 1)
}

impl Workbook {
    /// What shifting track `track` (by id) by `delta` months, from month `from` on,
    /// would move. Nothing changes.
    pub fn preview_shift(&self, track: &str, from: u32, delta: i32) -> Shift {
        let mut moves = Vec::new();
        let mut stays = 0;
        let mut months = self.roadmap.months;
        for ms in self
            .roadmap
            .milestones
            .iter()
            .filter(|m| m.track == track && m.month >= from)
        {
            match moved(ms.month, delta).filter(|_| !ms.is_done()) {
                Some(to) => {
                    months = months.max(to);
                    moves.push(Move {
                        text: ms.text.clone(),
                        kind: "milestone".into(),
                        from: ms.month,
                        to,
                        due: ms
                            .due
                            .and_then(|d| Some((d, d.checked_add(delta.months()).ok()?))),
                    });
                }
                None => stays += 1,
            }
        }
        if let Some(t) = self.roadmap.tracks.iter().find(|t| t.id == track) {
            for a in t.activities.iter().filter(|a| a.month >= from) {
                match moved(a.month, delta).filter(|_| !a.done) {
                    Some(to) => {
                        months = months.max(to);
                        moves.push(Move {
                            text: a.text.clone(),
                            kind: if a.kind.is_empty() {
                                "activity".into()
                            } else {
                                a.kind.clone()
                            },
                            from: a.month,
                            to,
                            due: None,
                        });
                    }
                    None => stays += 1,
                }
            }
        }
        Shift {
            track: track.to_string(),
            from,
            delta,
            moves,
            months,
            stays,
        }
    }

    /// Applies a shift previewed with `preview_shift`: the open milestones (and their
    /// own due dates) and activities move, and the plan grows if it must. Returns
    /// how many things moved.
    pub fn apply_shift(&mut self, track: &str, from: u32, delta: i32, today: Date) -> usize {
        let preview = self.preview_shift(track, from, delta);
        let mut n = 0;
        for ms in self
            .roadmap
            .milestones
            .iter_mut()
            .filter(|m| m.track == track && m.month >= from && !m.is_done())
        {
            if let Some(to) = moved(ms.month, delta) {
                ms.month = to;
                ms.due = ms.due.and_then(|d| d.checked_add(delta.months()).ok());
                n += 1;
            }
        }
        if let Some(t) = self.roadmap.tracks.iter_mut().find(|t| t.id == track) {
            for a in t
                .activities
                .iter_mut()
                .filter(|a| a.month >= from && !a.done)
            {
                if let Some(to) = moved(a.month, delta) {
                    a.month = to;
                    n += 1;
                }
            }
        }
        if preview.months > self.roadmap.months {
            self.roadmap.months = preview.months;
            if let Some(last) = self.roadmap.stages.last_mut() {
                last.last_month = last.last_month.max(preview.months);
            }
        }
        if n > 0 {
            self.roadmap.shifts.push(Shifted {
                track: track.to_string(),
                from,
                delta,
                shifted_on: today,
                moved: n,
                extra: super::Extra::new(),
            });
        }
        n
    }

    /// The tracks shifted since the baseline was fixed (the first snapshot; every
    /// shift while there is none), each with its shifts added up, in track order.
    pub fn shifted_since_baseline(&self) -> Vec<TrackShifts> {
        let since = self.snapshots.first().map(|s| s.taken_on);
        let mut out: Vec<TrackShifts> = Vec::new();
        for s in self
            .roadmap
            .shifts
            .iter()
            .filter(|s| since.is_none_or(|d| s.shifted_on >= d))
        {
            if let Some(t) = out.iter_mut().find(|t| t.track == s.track) {
                t.net += s.delta;
                t.count += 1;
                t.last = t.last.max(s.shifted_on);
            } else {
                let name = self
                    .roadmap
                    .tracks
                    .iter()
                    .find(|t| t.id == s.track)
                    .map_or_else(|| s.track.clone(), |t| t.name.clone());
                out.push(TrackShifts {
                    track: s.track.clone(),
                    name,
                    net: s.delta,
                    count: 1,
                    last: s.shifted_on,
                });
            }
        }
        let order = |id: &str| self.roadmap.tracks.iter().position(|t| t.id == id);
        out.sort_by_key(|t| order(&t.track).unwrap_or(usize::MAX));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn shifting_tools_from_month_3_moves_open_work_and_leaves_done_alone() {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        let tools: Vec<usize> = wb
            .roadmap
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, m)| m.track == "tools" && m.month >= 3)
            .map(|(i, _)| i)
            .collect();
        assert!(tools.len() >= 2, "{tools:?}");
        // One done, one with its own due date.
        wb.roadmap.milestones[tools[0]].done_on = Some(day("2027-03-05"));
        wb.roadmap.milestones[tools[1]].due = Some(day("2027-04-15"));
        let before = wb.clone();
        let p = wb.preview_shift("tools", 3, 1);
        assert_eq!(wb, before, "a preview changes nothing");
        assert!(p.moves.iter().all(|m| m.to == m.from + 1));
        assert!(
            !p.moves
                .iter()
                .any(|m| m.text == before.roadmap.milestones[tools[0]].text)
        );
        assert!(p.stays >= 1);
        let due = p
            .moves
            .iter()
            .find(|m| m.text == before.roadmap.milestones[tools[1]].text)
            .unwrap();
        assert_eq!(due.due, Some((day("2027-04-15"), day("2027-05-15"))));
        // Month 6's Tools work moves to a seventh month: the plan grows.
        assert_eq!(p.months, 7);

        let n = wb.apply_shift("tools", 3, 1, day("2027-03-02"));
        assert_eq!(n, p.moves.len());
        assert_eq!(wb.roadmap.months, 7);
        let done = &wb.roadmap.milestones[tools[0]];
        assert_eq!(
            done.month, before.roadmap.milestones[tools[0]].month,
            "done stays"
        );
        let moved = &wb.roadmap.milestones[tools[1]];
        assert_eq!(moved.month, before.roadmap.milestones[tools[1]].month + 1);
        assert_eq!(moved.due, Some(day("2027-05-15")));
        // Other tracks are untouched.
        for (a, b) in wb.roadmap.milestones.iter().zip(&before.roadmap.milestones) {
            if a.track != "tools" {
                assert_eq!(a, b);
            }
        }
        // Back again: nothing goes before month 1.
        let back = wb.preview_shift("tools", 1, -1);
        assert!(back.moves.iter().all(|m| m.to >= 1));
        // The shift is kept in the log.
        assert_eq!(wb.roadmap.shifts.len(), 1);
        assert_eq!(wb.roadmap.shifts[0].moved, n);
    }

    #[test]
    fn shifts_since_the_baseline_add_up_per_track() {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        // Before the first snapshot: planning, not slipping.
        wb.apply_shift("core-processes", 2, 1, day("2027-01-10"));
        wb.snapshots.push(crate::model::Snapshot {
            id: "s1".into(),
            taken_on: day("2027-01-31"),
            label: "Baseline".into(),
            readiness_percent: 0,
            maturity_average: 0.0,
            milestones_done: 0,
            milestones_total: 0,
            readiness: std::collections::BTreeMap::new(),
            maturity: std::collections::BTreeMap::new(),
            metrics: std::collections::BTreeMap::new(),
            health: std::collections::BTreeMap::new(),
            answers: std::collections::BTreeMap::new(),
            extra: crate::model::Extra::new(),
        });
        wb.apply_shift("tools", 3, 1, day("2027-02-10"));
        wb.apply_shift("tools", 4, 1, day("2027-03-10"));
        wb.apply_shift("core-processes", 3, -1, day("2027-03-11"));
        // A shift that moves nothing is not kept.
        let kept = wb.roadmap.shifts.len();
        assert_eq!(wb.apply_shift("tools", 99, 1, day("2027-03-12")), 0);
        assert_eq!(wb.roadmap.shifts.len(), kept);
        let since = wb.shifted_since_baseline();
        let tools = since.iter().find(|t| t.track == "tools").unwrap();
        assert_eq!(
            (tools.net, tools.count, tools.last),
            (2, 2, day("2027-03-10"))
        );
        let process = since.iter().find(|t| t.track == "core-processes").unwrap();
        assert_eq!((process.net, process.count), (-1, 1));
    }
}

//! The Summary screen: where the team stands, what comes next (maturity gaps to turn
//! into milestones, this month's open milestones, metrics), snapshots and exports,
//! and the monthly check-in. Its state, update and view.

use crate::app::{Action, App, Effect, Field, Prompt, Screen};
use crate::model::maturity::{Assessment, assess, level_name};
use crate::model::measure::{TargetStatus, target_status};
use crate::model::readiness::{category_scores, overall_percent};
use crate::present::{display_reading, judged_change, sparkline, status_text};
use crate::screens::roadmap::month_label;
use crate::ui::widgets::{ListRow, field_editor, fit_line, list, pad, wrap};
use crate::ui::{Theme, safe};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use std::fmt::Write as _;

/// A selectable row of the Summary screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryItem {
    /// A question (screen index on Maturity) that blocks its dimension's next level.
    Gap(usize),
    /// A milestone to chase: overdue, or open this month (milestone index).
    Milestone(usize),
    /// A baseline metric (screen index on Baseline).
    Metric(usize),
    /// A challenge or resistance point of the register (index in `challenges`).
    Challenge(usize),
    /// One of the seed's solutions of the open challenge: challenge, solution.
    Solution(usize, usize),
    /// The team's own mitigation of the open challenge.
    OwnMitigation(usize),
    /// A cross-check that fired (index in `crosscheck::findings`).
    CrossCheck(usize),
    /// A metric behind its planned path (screen index on Baseline).
    Behind(usize),
}

/// The monthly check-in: who to chase, the metrics with targets, the health measures,
/// then the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckIn {
    /// Selected row.
    pub item: usize,
}

/// A row of the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInItem {
    Milestone(usize),
    Metric(usize),
    /// A health measure or leading indicator to score (index in `health`).
    Health(usize),
    TakeSnapshot,
}

impl App {
    /// The plan month today falls in, if the plan has started and not ended.
    pub fn current_month(&self) -> Option<u32> {
        self.workbook.month_of(self.today)
    }

    /// The Summary's selectable rows, in screen order: made once after each update.
    pub fn summary_items(&self) -> std::rc::Rc<[SummaryItem]> {
        if let Some(items) = self.summary_rows.borrow().as_ref() {
            return items.clone();
        }
        let items: std::rc::Rc<[SummaryItem]> = self.make_summary_items().into();
        *self.summary_rows.borrow_mut() = Some(items.clone());
        items
    }

    fn make_summary_items(&self) -> Vec<SummaryItem> {
        let wb = &self.workbook;
        // Who to chase comes first: it is what the monthly meeting is for.
        let mut items: Vec<SummaryItem> = wb
            .who_to_chase(self.today)
            .into_iter()
            .map(SummaryItem::Milestone)
            .collect();
        let a = assess(wb);
        let mut index = 0;
        for (d, result) in wb.maturity.iter().zip(&a.dimensions) {
            for q in &d.questions {
                if result.gaps.iter().any(|g| g.id == q.id) {
                    items.push(SummaryItem::Gap(index));
                }
                index += 1;
            }
        }
        // Answers and figures that disagree, to discuss.
        items.extend(
            (0..crate::model::crosscheck::findings(wb, self.today).len())
                .map(SummaryItem::CrossCheck),
        );
        // The metrics behind their path, by how much.
        items.extend(
            wb.metrics()
                .enumerate()
                .filter(|(_, (_, m))| wb.path_of(m).is_some_and(|p| p.behind(m).is_some()))
                .map(|(i, _)| SummaryItem::Behind(i)),
        );
        // The challenges register; the open one shows its solutions.
        for (i, c) in wb.challenges.iter().enumerate() {
            items.push(SummaryItem::Challenge(i));
            if self.challenge_open == Some(i) {
                items.extend((0..c.solutions.len()).map(|j| SummaryItem::Solution(i, j)));
                items.push(SummaryItem::OwnMitigation(i));
            }
        }
        // Every metric the team tracks.
        items.extend(
            wb.metrics()
                .enumerate()
                .filter(|(_, (_, m))| !m.not_tracked())
                .map(|(i, _)| SummaryItem::Metric(i)),
        );
        items
    }

    /// The Summary row under the cursor.
    pub fn summary_item(&self) -> Option<SummaryItem> {
        self.summary_items()
            .get(self.cursor[Screen::Summary.index()])
            .copied()
    }

    /// The rows of the check-in.
    pub fn checkin_items(&self) -> Vec<CheckInItem> {
        let wb = &self.workbook;
        // It starts with who to chase, as the Summary does (what gets ticked stays).
        let mut items: Vec<CheckInItem> = wb
            .checkin_milestones(self.today)
            .into_iter()
            .map(CheckInItem::Milestone)
            .collect();
        // Then the metrics to re-measure: the key ones, and those with a target that
        // the team has measured; never one it does not track.
        items.extend(
            wb.metrics()
                .enumerate()
                .filter(|(_, (_, m))| {
                    let has_target = m.target_min.is_some()
                        || m.target_max.is_some()
                        || crate::model::measure::relative_target(&m.target).is_some();
                    !m.not_tracked() && (m.key || (has_target && m.latest().number().is_some()))
                })
                .map(|(i, _)| CheckInItem::Metric(i)),
        );
        items.extend((0..wb.health.len()).map(CheckInItem::Health));
        items.push(CheckInItem::TakeSnapshot);
        items
    }

    /// Opens the check-in if it is due: called once when planbook starts.
    pub fn offer_checkin(&mut self) {
        if self
            .workbook
            .checkin_due(self.today, self.resume.checkin_skipped)
        {
            self.checkin = Some(CheckIn::default());
        }
    }

    /// The milestone under the check-in's cursor, if it is on one.
    pub fn checkin_milestone(&self) -> Option<usize> {
        let c = self.checkin?;
        match self.checkin_items().get(c.item)? {
            CheckInItem::Milestone(i) => Some(*i),
            _ => None,
        }
    }

    /// A label for the next snapshot.
    fn default_label(&self) -> String {
        let month = crate::model::PlanMonth::containing(self.today).label();
        if self.workbook.snapshots.is_empty() {
            format!("Baseline {month}")
        } else {
            format!("Check-in {month}")
        }
    }

    pub(crate) fn start_snapshot(&mut self) {
        let label = self.default_label();
        self.start_edit(Field::SnapshotLabel);
        if let Some(edit) = &mut self.edit {
            edit.input = tui_input::Input::new(label);
        }
    }

    /// Takes the snapshot named in the label field; closes the check-in.
    pub(crate) fn commit_snapshot(&mut self, label: &str) -> bool {
        let snapshot = self.workbook.take_snapshot(label, self.today);
        self.notice = Some(format!(
            "Snapshot '{}' taken on {}",
            snapshot.label, snapshot.taken_on
        ));
        self.checkin = None;
        true
    }

    fn toggle_milestone(&mut self, i: usize) -> Option<Effect> {
        let today = self.today;
        self.workbook.roadmap.milestones.get_mut(i)?.toggle(today);
        Some(self.changed())
    }

    /// The milestone text a maturity gap becomes.
    pub fn gap_milestone_text(&self, question: usize) -> Option<String> {
        let (_, q) = self.question(question)?;
        Some(format!("Maturity gap: {}", q.text))
    }

    /// The milestone a maturity gap already became, if it is on the roadmap (by its
    /// text, as the Summary wrote it; case and spacing aside).
    pub fn gap_planned(&self, question: usize) -> Option<usize> {
        let text = self.gap_milestone_text(question)?;
        let same = |t: &str| {
            t.split_whitespace()
                .map(str::to_lowercase)
                .eq(text.split_whitespace().map(str::to_lowercase))
        };
        self.workbook
            .roadmap
            .milestones
            .iter()
            .position(|m| same(&m.text))
    }

    /// Where a planned gap's milestone is: `Mar 2027, Tools`.
    fn planned_where(&self, milestone: usize) -> String {
        let wb = &self.workbook;
        let Some(m) = wb.roadmap.milestones.get(milestone) else {
            return String::new();
        };
        let track = wb
            .roadmap
            .tracks
            .iter()
            .find(|t| t.id == m.track)
            .map_or(String::new(), |t| format!(", {}", safe(&t.name)));
        format!("{}{track}", month_label(wb, m.month, true))
    }

    fn add_gap_milestone(&mut self, question: usize, month: u32, track: usize) -> Option<Effect> {
        if let Some(m) = self.gap_planned(question) {
            self.notice = Some(format!(
                "Already on the roadmap ({}): a gap is planned once",
                self.planned_where(m)
            ));
            return None;
        }
        let text = self.gap_milestone_text(question)?;
        let track = self.workbook.roadmap.tracks.get(track)?.id.clone();
        self.workbook.add_milestone(month, &track, &text);
        self.clamp_roadmap();
        self.notice = Some(format!(
            "Added as a milestone in month {month} of the roadmap"
        ));
        Some(self.changed())
    }
}

/// The track a maturity dimension's gaps default to: the one named by the
/// dimension, if any, else the first.
fn default_track(app: &App, question: usize) -> usize {
    let Some((d, _)) = app.question(question) else {
        return 0;
    };
    let wanted = &app.workbook.maturity[d].track;
    app.workbook
        .roadmap
        .tracks
        .iter()
        .position(|t| &t.id == wanted)
        .unwrap_or(0)
}

/// Applies an action on the Summary screen.
pub(crate) fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Snapshot => {
            app.start_snapshot();
            None
        }
        Action::Export => {
            app.prompt = Some(Prompt::ExportFormat);
            None
        }
        Action::EditOwner | Action::EditDue | Action::EditDoneOn => {
            match app.summary_item() {
                Some(SummaryItem::Milestone(i)) => {
                    app.start_edit(crate::app::milestone_field(action, i)?);
                }
                Some(SummaryItem::Challenge(i)) if action == Action::EditOwner => {
                    app.start_edit(Field::ChallengeOwner(i));
                }
                _ => {}
            }
            None
        }
        Action::Activate | Action::Toggle => match app.summary_item()? {
            SummaryItem::CrossCheck(i) => {
                app.start_edit(Field::Dismiss(i));
                None
            }
            SummaryItem::Challenge(i) => {
                if action == Action::Toggle {
                    let c = app.workbook.challenges.get_mut(i)?;
                    c.faced = !c.faced;
                    Some(app.changed())
                } else {
                    // Enter opens the challenge's solutions, or closes them.
                    app.challenge_open = if app.challenge_open == Some(i) {
                        None
                    } else {
                        Some(i)
                    };
                    None
                }
            }
            SummaryItem::Solution(i, j) => {
                let c = app.workbook.challenges.get_mut(i)?;
                c.toggle_solution(j).then(|| app.changed())
            }
            SummaryItem::OwnMitigation(i) => {
                app.start_edit(Field::ChallengeOwn(i));
                None
            }
            SummaryItem::Gap(question) => {
                if let Some(m) = app.gap_planned(question) {
                    app.notice = Some(format!(
                        "Already on the roadmap ({}): a gap is planned once",
                        app.planned_where(m)
                    ));
                    return None;
                }
                let month = app.current_month().unwrap_or(1);
                let track = default_track(app, question);
                app.prompt = Some(Prompt::GapMilestone {
                    question,
                    month,
                    track,
                });
                None
            }
            SummaryItem::Milestone(i) => app.toggle_milestone(i),
            SummaryItem::Metric(i) | SummaryItem::Behind(i) => {
                app.screen = Screen::Baseline;
                app.cursor[Screen::Baseline.index()] = i;
                None
            }
        },
        _ => None,
    }
}

/// Applies an action while the gap-to-milestone question is open.
pub(crate) fn update_gap_prompt(app: &mut App, action: Action) -> Option<Effect> {
    let Some(Prompt::GapMilestone {
        question,
        month,
        track,
    }) = app.prompt
    else {
        return None;
    };
    let months = app.workbook.roadmap.months.max(1);
    let tracks = app.workbook.roadmap.tracks.len();
    let (month, track) = match action {
        Action::Left => (month.saturating_sub(1).max(1), track),
        Action::Right => ((month + 1).min(months), track),
        Action::Up => (month, track.saturating_sub(1)),
        Action::Down => (month, (track + 1).min(tracks.saturating_sub(1))),
        Action::Confirm | Action::Activate => {
            app.prompt = None;
            return app.add_gap_milestone(question, month, track);
        }
        _ => return None,
    };
    app.prompt = Some(Prompt::GapMilestone {
        question,
        month,
        track,
    });
    None
}

/// Applies an action while the monthly check-in is open.
pub(crate) fn update_checkin(app: &mut App, action: Action) -> Option<Effect> {
    let items = app.checkin_items();
    let checkin = app.checkin.as_mut()?;
    let last = items.len().saturating_sub(1);
    match action {
        Action::Resize(width, _) => app.width = width,
        Action::Up => checkin.item = checkin.item.saturating_sub(1),
        Action::Down => checkin.item = (checkin.item + 1).min(last),
        Action::Home | Action::PageUp => checkin.item = 0,
        Action::End | Action::PageDown => checkin.item = last,
        Action::Quit => return Some(crate::app::quit(app)),
        Action::Cancel => {
            // Skipped: not offered again this month.
            app.checkin = None;
            app.resume.checkin_skipped = Some(crate::model::PlanMonth::containing(app.today));
            app.notice = Some("Check-in skipped until next month".to_string());
            return Some(Effect::SaveResume);
        }
        Action::EditOwner | Action::EditDue | Action::EditDoneOn => {
            if let Some(CheckInItem::Milestone(i)) = items.get(checkin.item) {
                app.start_edit(crate::app::milestone_field(action, *i)?);
            }
        }
        Action::Toggle | Action::Activate => match items.get(checkin.item)? {
            CheckInItem::Milestone(i) => return app.toggle_milestone(*i),
            CheckInItem::Metric(i) if action == Action::Activate => {
                app.start_edit(Field::MetricValue(*i));
            }
            CheckInItem::Health(i) if action == Action::Activate => {
                app.start_edit(Field::HealthScore(*i));
            }
            CheckInItem::TakeSnapshot if action == Action::Activate => app.start_snapshot(),
            _ => {}
        },
        _ => {}
    }
    None
}

// ---- The view

fn standing(app: &App, a: &Assessment, width: usize, theme: Theme) -> Vec<ListRow<'static>> {
    let wb = &app.workbook;
    let mut rows = Vec::new();
    let mut head = " Where the team stands".to_string();
    if let Some(m) = app.current_month() {
        let _ = write!(
            head,
            " · {} is month {m} of {}",
            month_label(wb, m, true),
            wb.roadmap.months
        );
    }
    if let Some(s) = wb.last_snapshot() {
        let _ = write!(head, " · last snapshot '{}' {}", safe(&s.label), s.taken_on);
    }
    rows.push(ListRow::text(Line::styled(head, theme.heading())));

    let scores = category_scores(wb);
    let parts: Vec<String> = scores
        .iter()
        .map(|s| {
            let mark = if s.at_risk { "!" } else { "✓" };
            format!("{} {} {mark}", safe(&s.category.id), s.progress)
        })
        .collect();
    rows.push(ListRow::text(Line::raw(format!(
        "   Readiness {}%: {}",
        overall_percent(wb),
        parts.join(" · ")
    ))));
    for s in scores.iter().filter(|s| s.at_risk) {
        rows.push(ListRow::text(Line::styled(
            format!(
                "     ! {} puts {} at risk",
                safe(&s.category.title),
                s.tracks_at_risk.join(", ")
            ),
            theme.warn(),
        )));
    }

    maturity_rows(app, a, width, theme, &mut rows);
    roadmap_and_baseline_rows(app, theme, &mut rows);
    if wb.challenges.iter().any(|c| c.faced) {
        let text =
            challenges_heading(app).replacen(" Challenges and resistance:", "   Challenges:", 1);
        let style = if wb
            .challenges
            .iter()
            .any(crate::model::Challenge::unmitigated)
        {
            theme.warn()
        } else {
            ratatui::style::Style::default()
        };
        rows.push(ListRow::text(Line::styled(text, style)));
    }
    if let Some(line) = trend_line(app, a) {
        rows.push(ListRow::text(Line::raw(line)));
    }
    // (one column for the list's scroll bar)
    rows.into_iter()
        .flat_map(|r| r.wrapped(width.saturating_sub(1)))
        .collect()
}

/// How readiness, maturity and milestones moved over the snapshots, to today:
/// `Trend: readiness ▁▄█ 20→60 % · maturity ▁▄█ 0.8→1.2 · done ▁▂█ 0→3`, one bar
/// per snapshot and one for today.
fn trend_line(app: &App, a: &Assessment) -> Option<String> {
    let wb = &app.workbook;
    let first = wb.snapshots.first()?;
    let series = |then: &dyn Fn(&crate::model::Snapshot) -> f64, now: f64| {
        let values: Vec<Option<f64>> = wb
            .snapshots
            .iter()
            .map(|s| Some(then(s)))
            .chain(std::iter::once(Some(now)))
            .collect();
        sparkline(&values)
    };
    let readiness_now = f64::from(overall_percent(wb));
    let maturity_now = a.rounded_average();
    let done_now = wb.roadmap_progress().done;
    #[allow(clippy::cast_precision_loss)] // counts of milestones
    let done = series(&|s| s.milestones_done as f64, done_now as f64);
    let health = health_trend(app);
    Some(
        format!(
            "   Trend: readiness {} {}→{} % · maturity {} {:.1}→{:.1} · done {} {}→{}",
            series(&|s| f64::from(s.readiness_percent), readiness_now),
            first.readiness_percent,
            overall_percent(wb),
            series(&|s| s.maturity_average, maturity_now),
            first.maturity_average,
            maturity_now,
            done,
            first.milestones_done,
            done_now,
        ) + &health,
    )
}

/// The average health score per snapshot and now, as ` · health ▃▅ 2.4→3.1`, once
/// something has been scored.
fn health_trend(app: &App) -> String {
    let wb = &app.workbook;
    let average = |scores: &mut dyn Iterator<Item = u8>| {
        let (sum, n) = scores.fold((0u32, 0u32), |(s, n), x| (s + u32::from(x), n + 1));
        (n > 0).then(|| f64::from(sum) / f64::from(n))
    };
    let mut values: Vec<Option<f64>> = wb
        .snapshots
        .iter()
        .map(|s| average(&mut s.health.values().copied()))
        .collect();
    values.push(average(&mut wb.health.iter().filter_map(|h| h.score)));
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    match (known.first(), known.last()) {
        (Some(a), Some(b)) => format!(" · health {} {a:.1}→{b:.1}", sparkline(&values)),
        _ => String::new(),
    }
}

/// The maturity lines of the standing: levels, phase and recommendation.
fn maturity_rows(
    app: &App,
    a: &Assessment,
    width: usize,
    theme: Theme,
    rows: &mut Vec<ListRow<'static>>,
) {
    let wb = &app.workbook;
    let phase = wb
        .phases
        .get(usize::from(a.current_phase()).saturating_sub(1))
        .map_or(String::new(), |p| format!(" ({})", safe(&p.name)));
    rows.push(ListRow::text(Line::raw(format!(
        "   Maturity {:.1} {} · implementation phase {}{phase}",
        a.rounded_average(),
        level_name(a.overall_level()),
        a.current_phase()
    ))));
    let dims: Vec<String> = a
        .dimensions
        .iter()
        .map(|d| {
            let level = d.level.map_or_else(|| "n/a".to_string(), |l| l.to_string());
            format!("{} {level}", safe(&d.dimension.title))
        })
        .collect();
    for l in wrap(&dims.join(" · "), width.saturating_sub(5)) {
        rows.push(ListRow::text(Line::styled(
            format!("     {l}"),
            theme.dim(),
        )));
    }
    for l in wrap(a.recommendation(), width.saturating_sub(5)) {
        rows.push(ListRow::text(Line::styled(
            format!("     {l}"),
            theme.dim(),
        )));
    }
}

/// Roadmap progress and the baseline against its targets.
fn roadmap_and_baseline_rows(app: &App, theme: Theme, rows: &mut Vec<ListRow<'static>>) {
    let wb = &app.workbook;
    let progress = wb.roadmap_progress();
    let overdue = wb.overdue_milestones(app.today).count();
    let this_month = app.current_month().map_or(String::new(), |m| {
        format!("this month {} · ", wb.month_progress(m))
    });
    let overdue_text = if overdue > 0 {
        format!(" · ! {overdue} overdue")
    } else {
        String::new()
    };
    rows.push(ListRow::text(Line::raw(format!(
        "   Roadmap: {this_month}overall {progress} milestones{overdue_text}"
    ))));
    if wb.start().is_none() {
        rows.push(ListRow::text(Line::styled(
            "     Set the start month on Setup (1) to date the roadmap and its milestones",
            theme.dim(),
        )));
    }

    let (mut meets, mut misses, mut measured) = (0, 0, 0);
    for (_, m) in wb.metrics() {
        match target_status(m) {
            TargetStatus::Meets => meets += 1,
            TargetStatus::Misses(_) => misses += 1,
            TargetStatus::NoValue => continue,
            TargetStatus::NoTarget => {}
        }
        measured += 1;
    }
    rows.push(ListRow::text(Line::raw(format!(
        "   Baseline: {measured} of {} metrics measured; {meets} {} target, {misses} {}",
        wb.metrics().count(),
        if meets == 1 {
            "meets its"
        } else {
            "meet their"
        },
        if misses == 1 { "misses" } else { "miss" }
    ))));
    // Counted from the Summary's rows, made once per change.
    let behind = app
        .summary_items()
        .iter()
        .filter(|i| matches!(i, SummaryItem::Behind(_)))
        .count();
    if behind > 0 {
        rows.push(ListRow::text(Line::styled(
            format!(
                "     ! {behind} behind {} path to the target (listed below)",
                if behind == 1 { "its" } else { "their" }
            ),
            theme.warn(),
        )));
    }
}

/// Column widths of the metric rows: `name value status` until the first snapshot,
/// then `name baseline latest status`, with the changes since the baseline and since
/// the previous measurement and the trend on the same line where the window is wide
/// enough, and on a second line under the metric where it is not.
struct MetricColumns {
    short_names: bool,
    name: usize,
    /// The baseline's and the latest value's column (one value before any snapshot).
    value: usize,
    status: usize,
    change: usize,
    /// A snapshot has been taken: there are baselines and measurements to compare.
    changes: bool,
    /// The changes fit on the metric's own line.
    one_line: bool,
}

impl MetricColumns {
    /// Narrowest name column the one-line layout accepts.
    const NAME: usize = 30;

    fn new(width: usize, changes: bool) -> Self {
        // A change reads `-1 h 30 min better`; a status `! misses by 1 h 30 min`.
        let (change, status, trend) = (19, 23, 8);
        let values = if changes { 2 } else { 1 };
        // Three columns of indent and the list's scroll bar in the last one.
        let line = |value: usize, extra: usize| 3 + values * (value + 1) + status + 1 + extra + 1;
        let wide_extra = 2 * (change + 1) + trend;
        let one_line = changes && width >= line(16, wide_extra) + Self::NAME;
        let extra = if one_line { wide_extra } else { 0 };
        let name = width.saturating_sub(line(16, extra)).clamp(12, 52);
        // What is left past the longest names goes to the values, which can be long
        // (`19 (sev1 2, sev2 5, sev3 12)`).
        let spare = width.saturating_sub(line(16, extra) + name) / values;
        let value = if width >= 100 { 16 + spare.min(14) } else { 11 };
        let name = if width >= 100 {
            name
        } else {
            width.saturating_sub(line(value, extra)).max(12)
        };
        Self {
            short_names: name < 40,
            name,
            value,
            status,
            change,
            changes,
            one_line,
        }
    }

    /// The heading over the metric rows.
    fn heading(&self) -> String {
        let mut head = pad(" Metrics against targets", 3 + self.name + 1);
        if self.changes {
            let _ = write!(
                head,
                "{} {} ",
                pad("baseline", self.value),
                pad("latest", self.value)
            );
        } else {
            let _ = write!(head, "{} ", pad("value", self.value));
        }
        head.push_str(&pad("against target", self.status));
        if self.one_line {
            let _ = write!(
                head,
                " {} {} trend",
                pad("vs baseline", self.change),
                pad("vs previous", self.change)
            );
        }
        head.trim_end().to_string()
    }
}

fn item_row(
    app: &App,
    a: &Assessment,
    item: SummaryItem,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let wb = &app.workbook;
    match item {
        SummaryItem::Gap(q) => {
            let (d, question) = app.question(q).map_or((0, None), |(d, q)| (d, Some(q)));
            let dim = &wb.maturity[d];
            let level = a.dimensions[d].level.unwrap_or(0) + 1;
            let text = format!(
                "{} to level {level}: {}",
                safe(&dim.title),
                safe(question.map_or("", |q| q.text.as_str()))
            );
            match app.gap_planned(q) {
                Some(m) => Line::from(vec![
                    Span::styled(" ✓ ", theme.good()),
                    Span::raw(format!("planned {} · {text}", app.planned_where(m))),
                ]),
                None => Line::from(vec![Span::styled(" ! ", theme.warn()), Span::raw(text)]),
            }
        }
        SummaryItem::Milestone(i) => {
            let late = wb
                .roadmap
                .milestones
                .get(i)
                .is_some_and(|ms| wb.is_overdue(ms, app.today));
            let style = if late {
                theme.warn()
            } else {
                ratatui::style::Style::default()
            };
            Line::from(vec![
                Span::raw("   [ ] "),
                Span::styled(crate::present::chase_text(wb, i, app.today), style),
            ])
        }
        SummaryItem::Metric(i) => metric_row(app, i, width, theme),
        SummaryItem::Behind(i) => {
            let Some((m, b)) = app
                .metric(i)
                .and_then(|m| Some((m, wb.path_of(m)?.behind(m)?)))
            else {
                return Line::raw("");
            };
            Line::from(vec![
                Span::styled(" ! ", theme.warn()),
                Span::raw(format!(
                    "{}: {}",
                    safe(m.label()),
                    safe(&crate::present::behind_text(wb, m, &b))
                )),
            ])
        }
        SummaryItem::Challenge(i) => challenge_row(app, i, theme),
        SummaryItem::CrossCheck(i) => {
            let Some(f) = crate::model::crosscheck::findings(wb, app.today)
                .into_iter()
                .nth(i)
            else {
                return Line::raw("");
            };
            match &f.dismissed {
                Some(_) => Line::from(vec![
                    Span::styled(" ✓ ", theme.good()),
                    Span::styled(format!("dismissed · {}", safe(&f.says)), theme.dim()),
                ]),
                None => Line::from(vec![
                    Span::styled(" ! ", theme.warn()),
                    Span::raw(safe(&f.says).into_owned()),
                ]),
            }
        }
        SummaryItem::Solution(i, j) => {
            let Some(c) = wb.challenges.get(i) else {
                return Line::raw("");
            };
            let text = c.solutions.get(j).map_or("", String::as_str);
            let mark = if c.applying.iter().any(|a| a == text) {
                "[x]"
            } else {
                "[ ]"
            };
            Line::raw(format!("         {mark} {}", safe(text)))
        }
        SummaryItem::OwnMitigation(i) => {
            let own = wb.challenges.get(i).map_or("", |c| c.own.as_str());
            if own.trim().is_empty() {
                Line::styled(
                    "         Our own: none yet (Enter to write one)",
                    theme.dim(),
                )
            } else {
                Line::raw(format!("         Our own: {}", safe(own)))
            }
        }
    }
}

/// A challenge of the register: faced or not, flagged when faced with nothing done
/// about it, what the team does and who owns it.
fn challenge_row(app: &App, i: usize, theme: Theme) -> Line<'static> {
    let Some(c) = app.workbook.challenges.get(i) else {
        return Line::raw("");
    };
    let mark = if c.faced { "[x]" } else { "[ ]" };
    let open = if app.challenge_open == Some(i) {
        "▾"
    } else {
        "▸"
    };
    let mut spans = vec![Span::raw(format!("   {mark} {open} "))];
    if c.unmitigated() {
        spans.push(Span::styled("! ", theme.warn()));
    }
    spans.push(Span::raw(safe(&c.name).into_owned()));
    if c.kind == crate::model::ChallengeKind::Resistance {
        spans.push(Span::styled(" (resistance)", theme.dim()));
    }
    if c.faced {
        let what = match (c.applying.len(), c.own.trim().is_empty()) {
            (0, true) => "no mitigation".to_string(),
            (0, false) => "our own mitigation".to_string(),
            (n, own) => {
                let of = if c.solutions.len() > 1 {
                    format!("{n} of {} solutions", c.solutions.len())
                } else {
                    "the mitigation".to_string()
                };
                if own { of } else { format!("{of} and our own") }
            }
        };
        let owner = if c.owner.trim().is_empty() {
            "no owner".to_string()
        } else {
            safe(&c.owner).into_owned()
        };
        let style = if c.unmitigated() {
            theme.warn()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" · {what} · {owner}"), style));
    }
    Line::from(spans)
}

/// A cross-check's answer and figure side by side (or the team's note, once
/// dismissed), wrapped under it.
fn crosscheck_rows(app: &App, i: usize, width: usize, theme: Theme) -> Vec<ListRow<'static>> {
    let Some(f) = crate::model::crosscheck::findings(&app.workbook, app.today)
        .into_iter()
        .nth(i)
    else {
        return Vec::new();
    };
    let text = match &f.dismissed {
        Some(note) => format!("note: {note}"),
        None if f.figure.is_empty() => format!("answer: {}", f.answer),
        None => format!("answer: {} · figure: {}", f.answer, f.figure),
    };
    wrap(&safe(&text), width.saturating_sub(8).max(20))
        .into_iter()
        .map(|l| ListRow::text(Line::styled(format!("     {l}"), theme.dim())))
        .collect()
}

/// The symptoms of the open challenge, wrapped under it.
fn symptom_rows(app: &App, i: usize, width: usize, theme: Theme) -> Vec<ListRow<'static>> {
    let Some(c) = app.workbook.challenges.get(i) else {
        return Vec::new();
    };
    if c.symptoms.is_empty() {
        return Vec::new();
    }
    wrap(
        &format!("Symptoms: {}", safe(&c.symptoms)),
        width.saturating_sub(10).max(20),
    )
    .into_iter()
    .map(|l| ListRow::text(Line::styled(format!("         {l}"), theme.dim())))
    .collect()
}

/// A metric's line: name, values and how it stands against its target (and, where the
/// window is wide enough, its changes).
fn metric_row(app: &App, i: usize, width: usize, theme: Theme) -> Line<'static> {
    let Some(m) = app.metric(i) else {
        return Line::raw("");
    };
    let g = MetricColumns::new(width, !app.workbook.snapshots.is_empty());
    let status = match target_status(m) {
        TargetStatus::NoValue => "not measured".to_string(),
        _ => status_text(m),
    };
    let style = match target_status(m) {
        TargetStatus::Meets => theme.good(),
        TargetStatus::Misses(_) => theme.bad(),
        _ => theme.dim(),
    };
    let name = if g.short_names { m.label() } else { &m.name };
    let shown = |r: &crate::model::history::Reading<'_>| {
        display_reading(m, r).unwrap_or_else(|| "—".to_string())
    };
    let mut spans = vec![Span::raw(format!("   {} ", pad(&safe(name), g.name)))];
    if g.changes {
        let latest = if m.measurements.is_empty() {
            "—".to_string()
        } else {
            shown(&m.latest())
        };
        spans.push(Span::raw(format!(
            "{} {} ",
            pad(&safe(&shown(&m.baseline())), g.value),
            pad(&safe(&latest), g.value)
        )));
    } else {
        spans.push(Span::raw(format!(
            "{} ",
            pad(&safe(&shown(&m.latest())), g.value)
        )));
    }
    spans.push(Span::styled(pad(&status, g.status), style));
    if g.one_line {
        let (base, previous) = changes(m);
        spans.push(Span::raw(format!(
            " {} {} ",
            pad(&base, g.change),
            pad(&previous, g.change)
        )));
        spans.push(Span::styled(sparkline(&m.trend()), theme.bar_done()));
    }
    Line::from(spans)
}

/// A metric's change since its baseline and since its previous measurement, judged.
fn changes(m: &crate::model::Metric) -> (String, String) {
    let change = |c: Option<(f64, f64)>| c.map_or_else(|| "—".to_string(), |c| judged_change(m, c));
    (change(m.since_baseline()), change(m.since_previous()))
}

/// Whether a metric has a second line: in a narrow window, once it can be compared.
fn has_changes_row(app: &App, i: usize, width: usize) -> bool {
    let g = MetricColumns::new(width, !app.workbook.snapshots.is_empty());
    g.changes && !g.one_line && app.metric(i).is_some_and(|m| m.since_baseline().is_some())
}

/// The second line of a metric in a narrow window, once it has something to compare:
/// `vs baseline -45 min better · vs previous -15 min better · █▃▁`.
fn metric_changes_row(app: &App, i: usize, width: usize, theme: Theme) -> Option<Line<'static>> {
    if !has_changes_row(app, i, width) {
        return None;
    }
    let m = app.metric(i)?;
    let (base, previous) = changes(m);
    Some(Line::from(vec![
        Span::styled(
            format!("     vs baseline {base} · vs previous {previous} · "),
            theme.dim(),
        ),
        Span::styled(sparkline(&m.trend()), theme.bar_done()),
    ]))
}

/// Every row of the Summary. The assessment is made once, by the caller, for all of them.
fn rows<'a>(app: &'a App, a: &'a Assessment<'a>, width: usize, theme: Theme) -> Vec<ListRow<'a>> {
    let mut rows = standing(app, a, width, theme);
    let items = app.summary_items();
    let chase = items
        .iter()
        .filter(|i| matches!(i, SummaryItem::Milestone(_)))
        .count();
    if chase > 0 {
        let overdue = app.workbook.overdue_milestones(app.today).count();
        rows.push(ListRow::text(Line::raw("")));
        rows.push(ListRow::text(Line::styled(
            format!(" Who to chase: {overdue} overdue, most late first, then this month's"),
            theme.heading(),
        )));
    }
    let mut in_metrics = false;
    let mut in_gaps = false;
    let mut in_challenges = false;
    let mut in_checks = false;
    let mut in_behind = false;
    for &item in items.iter() {
        if matches!(item, SummaryItem::CrossCheck(_)) && !in_checks {
            in_checks = true;
            rows.push(ListRow::text(Line::raw("")));
            rows.push(ListRow::text(Line::styled(
                " To discuss: answers and figures that disagree",
                theme.heading(),
            )));
        }
        if matches!(item, SummaryItem::Behind(_)) && !in_behind {
            in_behind = true;
            rows.push(ListRow::text(Line::raw("")));
            rows.push(ListRow::text(Line::styled(
                " Behind their path (Enter opens the metric)",
                theme.heading(),
            )));
        }
        if matches!(item, SummaryItem::Challenge(_)) && !in_challenges {
            in_challenges = true;
            rows.push(ListRow::text(Line::raw("")));
            rows.push(ListRow::text(Line::styled(
                challenges_heading(app),
                theme.heading(),
            )));
        }
        if matches!(item, SummaryItem::Gap(_)) && !in_gaps {
            in_gaps = true;
            rows.push(ListRow::text(Line::raw("")));
            rows.push(ListRow::text(Line::styled(
                " Next actions: maturity gaps (Enter puts one on the roadmap; ✓ planned)",
                theme.heading(),
            )));
        }
        if matches!(item, SummaryItem::Metric(_)) && !in_metrics {
            in_metrics = true;
            rows.push(ListRow::text(Line::raw("")));
            let g = MetricColumns::new(width, !app.workbook.snapshots.is_empty());
            rows.push(ListRow::text(Line::styled(g.heading(), theme.heading())));
        }
        rows.push(ListRow::lazy_item(move || {
            item_row(app, a, item, width, theme)
        }));
        if let SummaryItem::Challenge(i) = item
            && app.challenge_open == Some(i)
        {
            rows.extend(symptom_rows(app, i, width, theme));
        }
        if let SummaryItem::CrossCheck(i) = item {
            rows.extend(crosscheck_rows(app, i, width, theme));
        }
        if let SummaryItem::Metric(i) = item
            && has_changes_row(app, i, width)
        {
            rows.push(ListRow::lazy_follow(move || {
                metric_changes_row(app, i, width, theme).unwrap_or_default()
            }));
        }
    }
    rows
}

/// The register's heading: how many challenges the team faces, and how many of them
/// have no mitigation yet.
fn challenges_heading(app: &App) -> String {
    let faced = app.workbook.challenges.iter().filter(|c| c.faced).count();
    let bare = app
        .workbook
        .challenges
        .iter()
        .filter(|c| c.unmitigated())
        .count();
    let mut head = format!(" Challenges and resistance: {faced} faced");
    if bare > 0 {
        let _ = write!(head, " · ! {bare} with no mitigation");
    }
    head
}

/// The question or field shown above the list, if any.
fn top(app: &App) -> Option<String> {
    let wb = &app.workbook;
    match app.prompt? {
        Prompt::GapMilestone {
            question,
            month,
            track,
        } => {
            let text = app.gap_milestone_text(question).unwrap_or_default();
            let track = wb
                .roadmap
                .tracks
                .get(track)
                .map_or(String::new(), |t| safe(&t.name).into_owned());
            Some(format!(
                " Add '{}' to ◂ {} ▸ in ◂ {track} ▸ · ←→ month, ↑↓ track, Enter adds, Esc cancels",
                safe(&text),
                month_label(wb, month, true)
            ))
        }
        Prompt::ExportFormat => Some(
            " Export a report beside the workbook: m Markdown, j JSON, c milestones CSV, v metrics CSV, g Mermaid Gantt, x xlsx spreadsheet, a all · Esc cancels"
                .to_string(),
        ),
        _ => None,
    }
}

/// The label before a field edited from the Summary or the check-in.
pub fn milestone_field_label(field: Field) -> &'static str {
    match field {
        Field::Owner(_) => " Owner: ",
        Field::Due(_) => " Due (2027-01-15, 15 Jan 2027; empty for the month's end): ",
        Field::DoneOn(_) => " Done on (2027-01-15, today, yesterday; empty reopens): ",
        Field::ChallengeOwner(_) => " Owner of the challenge: ",
        Field::ChallengeOwn(_) => " Our own mitigation: ",
        Field::Dismiss(_) => " Dismiss with a note (empty reopens it): ",
        _ => " Snapshot label: ",
    }
}

/// A metric said whole: name, baseline, latest value, target and how it stands.
pub fn metric_text(m: &crate::model::Metric) -> String {
    let shown = |r: &crate::model::history::Reading<'_>| {
        display_reading(m, r).unwrap_or_else(|| "—".to_string())
    };
    let mut text = format!("{}: baseline {}", m.name, shown(&m.baseline()));
    if !m.measurements.is_empty() {
        let _ = write!(text, " · latest {}", shown(&m.latest()));
    }
    if !m.target.is_empty() {
        let _ = write!(text, " · target {}", m.target);
    }
    let status = match target_status(m) {
        TargetStatus::NoValue => "not measured".to_string(),
        _ => status_text(m),
    };
    // (`status_text` may start with its own `· `)
    let _ = write!(text, " · {}", status.trim_start_matches("· "));
    text
}

/// The selected row, when it is too long for the window (a milestone to chase, a
/// maturity gap) or has a cell cut (a metric), is shown whole under the list: the
/// list's area is what is left.
fn with_detail(frame: &mut Frame, body: Rect, app: &App, a: &Assessment, theme: Theme) -> Rect {
    if app.edit.is_some() || app.prompt.is_some() {
        return body;
    }
    let Some(item) = app.summary_item() else {
        return body;
    };
    let width = usize::from(body.width);
    let plain = |line: &Line| -> String { line.spans.iter().map(|s| s.content.as_ref()).collect() };
    let (row_width, text) = if let SummaryItem::Metric(i) = item {
        let Some(m) = app.metric(i) else {
            return body;
        };
        if !plain(&metric_row(app, i, width, theme)).contains('…') {
            return body;
        }
        (usize::MAX, metric_text(m))
    } else {
        let line = item_row(app, a, item, width, theme);
        (line.width(), plain(&line).trim().to_string())
    };
    crate::ui::widgets::split_for_detail(
        frame,
        body,
        row_width,
        &[("", safe(&text).into_owned())],
        3,
        theme,
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let assessment = assess(&app.workbook);
    let prompt = top(app);
    let label = app.edit.as_ref().filter(|e| {
        matches!(
            e.field,
            Field::SnapshotLabel
                | Field::Owner(_)
                | Field::Due(_)
                | Field::DoneOn(_)
                | Field::ChallengeOwner(_)
                | Field::ChallengeOwn(_)
                | Field::Dismiss(_)
        ) && app.checkin.is_none()
    });
    let top_height = if label.is_some() {
        2
    } else {
        u16::from(prompt.is_some()) * 2
    };
    let [top_area, body] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
    if let Some(text) = prompt {
        let width = usize::from(area.width);
        let lines: Vec<Line> = wrap(&text, width)
            .into_iter()
            .take(2)
            .map(|l| fit_line(Line::styled(l, theme.selected()), width))
            .collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), top_area);
    }
    if let Some(edit) = label {
        field_editor(
            frame,
            top_area,
            top_area.y,
            milestone_field_label(edit.field),
            edit,
            theme,
        );
    }
    let body = with_detail(frame, body, app, &assessment, theme);
    list(
        frame,
        body,
        rows(app, &assessment, usize::from(body.width), theme),
        Some(app.cursor[crate::app::Screen::Summary.index()]),
        theme,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;
    use crate::model::Workbook;
    use jiff::civil::Date;
    use tui_input::InputRequest;

    fn app(today: &str) -> App {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        App::new(wb, today.parse::<Date>().unwrap())
    }

    #[test]
    fn summary_rows_are_who_to_chase_then_gaps_then_metrics() {
        let a = app("2027-02-10");
        let items = a.summary_items();
        // Month 1's five are overdue, most late first; month 2's five follow.
        let chase: Vec<usize> = items
            .iter()
            .map_while(|i| match i {
                SummaryItem::Milestone(m) => Some(*m),
                _ => None,
            })
            .collect();
        let ms = &a.workbook.roadmap.milestones;
        assert_eq!(chase.len(), 10);
        assert!(chase[..5].iter().all(|&m| ms[m].month == 1));
        assert!(chase[5..].iter().all(|&m| ms[m].month == 2));
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, SummaryItem::Gap(_)))
                .count(),
            6
        );
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, SummaryItem::Milestone(_)))
                .count(),
            10
        );
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, SummaryItem::Metric(_)))
                .count(),
            23
        );
        // A metric the team does not track leaves the Summary.
        let mut b = a.clone();
        let today = b.today;
        let cost = b.workbook.metric_mut("infrastructure-cost").unwrap();
        cost.record("not tracked: no access to billing", today, false)
            .unwrap();
        b.summary_rows.replace(None);
        assert_eq!(
            b.summary_items()
                .iter()
                .filter(|i| matches!(i, SummaryItem::Metric(_)))
                .count(),
            22
        );
        let outside = app("2026-10-01");
        assert!(
            !outside
                .summary_items()
                .iter()
                .any(|i| matches!(i, SummaryItem::Milestone(_)))
        );
    }

    #[test]
    fn an_owner_and_a_due_date_are_set_from_who_to_chase() {
        let mut a = app("2027-02-10");
        update(&mut a, Action::GoTo(Screen::Summary));
        let Some(SummaryItem::Milestone(i)) = a.summary_item() else {
            panic!("who to chase comes first");
        };
        update(&mut a, Action::EditOwner);
        for c in "Sam".chars() {
            update(&mut a, Action::Edit(InputRequest::InsertChar(c)));
        }
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.workbook.roadmap.milestones[i].owner, "Sam");
        update(&mut a, Action::EditDue);
        for c in "2027-02-20".chars() {
            update(&mut a, Action::Edit(InputRequest::InsertChar(c)));
        }
        update(&mut a, Action::Activate);
        assert_eq!(
            a.workbook.roadmap.milestones[i].due,
            "2027-02-20".parse().ok()
        );
        // No longer overdue: it moved down among this month's.
        assert_ne!(a.summary_item(), Some(SummaryItem::Milestone(i)));
    }

    #[test]
    fn a_gap_becomes_a_milestone_in_the_chosen_month_and_track() {
        let mut a = app("2027-02-10");
        update(&mut a, Action::GoTo(Screen::Summary));
        // Past the ten milestones to chase, to the first gap.
        for _ in 0..10 {
            update(&mut a, Action::Down);
        }
        update(&mut a, Action::Activate);
        let Some(Prompt::GapMilestone { month, track, .. }) = a.prompt else {
            panic!("asks where to put it");
        };
        assert_eq!(month, 2, "this month by default");
        assert_eq!(
            a.workbook.roadmap.tracks[track].id,
            a.workbook.maturity[0].track
        );
        update(&mut a, Action::Right);
        update(&mut a, Action::Down);
        assert_eq!(update(&mut a, Action::Confirm), Some(Effect::Save));
        let ms = a
            .workbook
            .roadmap
            .milestones
            .iter()
            .find(|m| m.text == "Maturity gap: Are metrics collected from all critical systems?")
            .unwrap();
        assert_eq!(ms.month, 3);
        assert_eq!(ms.track, a.workbook.roadmap.tracks[track + 1].id);
        assert_eq!(a.screen, Screen::Summary);

        // The gap is marked as planned, and cannot be added again.
        let gap = a.summary_item();
        let Some(SummaryItem::Gap(q)) = gap else {
            panic!("still on the gap: {gap:?}");
        };
        assert!(a.gap_planned(q).is_some());
        let count = a.workbook.roadmap.milestones.len();
        assert_eq!(update(&mut a, Action::Activate), None);
        assert_eq!(a.prompt, None, "no second question");
        assert_eq!(a.workbook.roadmap.milestones.len(), count);
        let notice = a.notice.clone().unwrap_or_default();
        assert!(
            notice.starts_with("Already on the roadmap (Mar 2027, "),
            "{notice}"
        );
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 40)).unwrap();
        terminal
            .draw(|f| draw(f, f.area(), &a, Theme::plain()))
            .unwrap();
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert!(
            screen.contains("✓ planned Mar 2027, "),
            "the gap shows as planned"
        );
    }

    #[test]
    fn snapshot_and_export_from_the_summary() {
        let mut a = app("2027-02-10");
        update(&mut a, Action::GoTo(Screen::Summary));
        update(&mut a, Action::Snapshot);
        assert_eq!(a.edit.as_ref().unwrap().input.value(), "Baseline Feb 2027");
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        for c in "Kickoff".chars() {
            update(&mut a, Action::Edit(InputRequest::InsertChar(c)));
        }
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.workbook.snapshots.len(), 1);
        assert_eq!(a.workbook.snapshots[0].label, "Kickoff");
        update(&mut a, Action::Export);
        assert_eq!(a.prompt, Some(Prompt::ExportFormat));
        assert_eq!(
            update(&mut a, Action::ExportAs(crate::report::Format::Csv)),
            Some(Effect::Export(crate::report::Format::Csv.alone()))
        );
        assert_eq!(a.prompt, None);
    }

    #[test]
    fn the_checkin_starts_with_who_to_chase_and_ends_with_a_snapshot() {
        let mut a = app("2027-01-20");
        let today = a.today;
        let uptime = a.workbook.metric_mut("uptime").unwrap();
        uptime.record("99.5", today, false).unwrap();
        a.workbook.take_snapshot("Baseline", a.today);
        let mut a = App::new(a.workbook.clone(), "2027-02-03".parse().unwrap());
        a.offer_checkin();
        assert!(a.checkin.is_some());
        let items = a.checkin_items();
        assert!(matches!(items[0], CheckInItem::Milestone(0)));
        // January's five (overdue) and February's five.
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, CheckInItem::Milestone(_)))
                .count(),
            10
        );
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, CheckInItem::Metric(_)))
                .count(),
            9,
            "the key metrics (a metric with a target joins once measured)"
        );
        assert_eq!(
            items
                .iter()
                .filter(|i| matches!(i, CheckInItem::Health(_)))
                .count(),
            10,
            "five health measures and five leading indicators"
        );
        assert_eq!(items.last(), Some(&CheckInItem::TakeSnapshot));
        // Tick the first milestone to chase, re-measure the first metric.
        update(&mut a, Action::Toggle);
        assert_eq!(
            a.workbook.roadmap.milestones[0].done_on,
            "2027-02-03".parse().ok()
        );
        assert_eq!(a.checkin_items(), items, "a ticked row stays where it was");
        // Another was done last week: its done date is set, not today.
        update(&mut a, Action::Down);
        update(&mut a, Action::EditDoneOn);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        for c in "2027-01-28".chars() {
            update(&mut a, Action::Edit(InputRequest::InsertChar(c)));
        }
        update(&mut a, Action::Activate);
        let CheckInItem::Milestone(second) = items[1] else {
            panic!("a milestone");
        };
        assert_eq!(
            a.workbook.roadmap.milestones[second].done_on,
            "2027-01-28".parse().ok()
        );
        for _ in 0..9 {
            update(&mut a, Action::Down);
        }
        update(&mut a, Action::Activate);
        for c in "99.9".chars() {
            update(&mut a, Action::Edit(InputRequest::InsertChar(c)));
        }
        update(&mut a, Action::Activate);
        // A measurement dated today; the baseline stays as it was.
        let m = a.metric(0).unwrap();
        assert_eq!((m.value.as_str(), m.latest().value), ("99.5", "99.9"));
        assert_eq!(m.latest().on, Some(a.today));
        // Score the first health measure: 4, then a refused 7.
        let first_health = items
            .iter()
            .position(|i| matches!(i, CheckInItem::Health(_)))
            .unwrap();
        update(&mut a, Action::Home);
        for _ in 0..first_health {
            update(&mut a, Action::Down);
        }
        update(&mut a, Action::Activate);
        update(&mut a, Action::Edit(InputRequest::InsertChar('7')));
        update(&mut a, Action::Activate);
        let refused = a.edit.as_ref().and_then(|e| e.error.clone()).unwrap();
        assert!(refused.contains("a whole number from 1 to 5"), "{refused}");
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        update(&mut a, Action::Edit(InputRequest::InsertChar('4')));
        update(&mut a, Action::Activate);
        assert_eq!(a.workbook.health[0].score, Some(4));
        assert_eq!(a.workbook.health[0].scored_on, Some(a.today));
        update(&mut a, Action::End);
        update(&mut a, Action::Activate);
        assert_eq!(a.edit.as_ref().unwrap().input.value(), "Check-in Feb 2027");
        update(&mut a, Action::Activate);
        assert!(a.checkin.is_none());
        assert_eq!(a.workbook.snapshots.len(), 2);
        assert_eq!(
            a.workbook.snapshots[1].health.get("adoption-rate"),
            Some(&4)
        );
        assert!(!a.workbook.checkin_due(a.today, None));
    }

    #[test]
    fn skipping_the_checkin_waits_for_next_month() {
        let mut a = app("2027-01-20");
        a.workbook.take_snapshot("Baseline", a.today);
        let mut a = App::new(a.workbook.clone(), "2027-02-03".parse().unwrap());
        a.offer_checkin();
        assert_eq!(update(&mut a, Action::Cancel), Some(Effect::SaveResume));
        assert!(a.checkin.is_none());
        let resume = a.resume_to_save().clone();
        let mut again = App::resuming(
            a.workbook.clone(),
            resume.clone(),
            "2027-02-20".parse().unwrap(),
        );
        again.offer_checkin();
        assert!(again.checkin.is_none());
        let mut march = App::resuming(a.workbook.clone(), resume, "2027-03-01".parse().unwrap());
        march.offer_checkin();
        assert!(march.checkin.is_some());
    }
}

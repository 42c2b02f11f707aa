//! Application state, the actions a user can take, and the one pure `update` that
//! applies them. No IO happens here: saving and quitting are returned as effects.

pub mod outcome;
pub mod undo;
pub mod vote;

use crate::screens::{self, roadmap, summary};

use jiff::civil::Date;
use tui_input::{Input, InputRequest};

use crate::model::{Answer, Metric, OrgSize, PlanMonth, Question, ReadinessItem, Workbook};
pub use crate::state::Resume;

/// The six screens, in session order. Their order, names and parsing are derived
/// (strum): the title is the variant's name, and a screen id parses whatever its case.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[strum(ascii_case_insensitive)]
pub enum Screen {
    Setup,
    Readiness,
    Baseline,
    Maturity,
    Roadmap,
    Summary,
}

impl Screen {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        self.into()
    }

    /// The id kept in the user's resume state.
    pub fn id(self) -> &'static str {
        match self {
            Self::Setup => "setup",
            Self::Readiness => "readiness",
            Self::Baseline => "baseline",
            Self::Maturity => "maturity",
            Self::Roadmap => "roadmap",
            Self::Summary => "summary",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        id.parse().ok()
    }

    #[must_use]
    pub fn next(self) -> Self {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    #[must_use]
    pub fn prev(self) -> Self {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// The rows of the Setup screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum SetupField {
    Team,
    Lead,
    OrgSize,
    StartMonth,
    /// Optional, so last.
    Industry,
}

impl SetupField {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn label(self) -> &'static str {
        match self {
            Self::Team => "Team name",
            Self::Lead => "Team lead",
            Self::OrgSize => "Organization size",
            Self::Industry => "Industry",
            Self::StartMonth => "Plan starts",
        }
    }
}

/// What a text field being edited will change when confirmed. Indexes count items
/// across the whole screen, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Setup(SetupField),
    /// The note of a readiness item.
    Note(usize),
    /// A metric's value: its baseline until the first snapshot, then a measurement.
    MetricValue(usize),
    /// A correction of a metric's fixed baseline.
    BaselineCorrection(usize),
    /// The date a baseline metric was measured.
    MeasuredOn(usize),
    /// A metric's target, as the team sets it.
    Target(usize),
    /// Where a baseline metric's value came from.
    Source(usize),
    /// The evidence note of a maturity answer.
    AnswerNote(usize),
    /// A roadmap track's name.
    TrackName(usize),
    /// A roadmap activity's text: track index, activity index.
    ActivityText(usize, usize),
    /// A milestone's text.
    MilestoneText(usize),
    /// Who owns a milestone.
    Owner(usize),
    /// A milestone's due date.
    Due(usize),
    /// The day a milestone was done.
    DoneOn(usize),
    /// This month's score of a health measure or leading indicator.
    HealthScore(usize),
    /// A note on a metric's latest measurement.
    MeasurementNote(usize),
    /// A new activity for the selected track and month.
    NewActivity,
    /// A new milestone for the selected month (and track).
    NewMilestone,
    /// The label of a snapshot about to be taken.
    SnapshotLabel,
    /// Another file to save the workbook to.
    SaveAs,
    /// Who owns a challenge of the register.
    ChallengeOwner(usize),
    /// The team's own mitigation of a challenge.
    ChallengeOwn(usize),
    /// A readiness item's wording (flat index).
    ItemText(usize),
    /// A new readiness item, after this one (flat index).
    NewItem(usize),
    /// A metric's name.
    MetricName(usize),
    /// The unit a metric is measured in.
    MetricUnit(usize),
    /// A new metric, after this one.
    NewMetric(usize),
    /// A maturity question's wording (flat index).
    QuestionText(usize),
    /// A new maturity question, after this one.
    NewQuestion(usize),
    /// The level from which the team's own question needs a yes.
    QuestionLevel(usize),
    /// How many people vote on an item or question.
    Voters(vote::VoteOn),
    /// The current screen's timebox, in minutes.
    Timebox,
    /// The note that dismisses a cross-check (index in its findings).
    Dismiss(usize),
    /// A metric's planned value for a plan month.
    Planned(usize, u32),
}

/// A piece of the framework's content the team can remove, by flat index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    ReadinessItem(usize),
    Metric(usize),
    Question(usize),
}

/// A question planbook asks before it acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// Add a milestone or an activity?
    AddKind,
    /// Delete this roadmap item?
    Delete(roadmap::Item),
    /// Add a maturity gap (question index) as a milestone: in which month and track?
    GapMilestone {
        question: usize,
        month: u32,
        track: usize,
    },
    /// Export a report: which format?
    ExportFormat,
    /// The file changed on disk since it was loaded: keep ours or take theirs?
    Conflict,
    /// Correct this metric's baseline, fixed since the first snapshot?
    CorrectBaseline(usize),
    /// The plan moves to start in this month: move the milestones' own due dates?
    MoveStart(PlanMonth),
    /// Remove this readiness item, metric or question?
    Remove(Content),
    /// Shift a track's open work from a month on by `delta` months? (the preview)
    Shift { track: usize, from: u32, delta: i32 },
    /// The planned path of a metric (index) is edited: which month.
    Path { metric: usize, month: u32 },
}

/// The longest note or source a field takes.
pub const MAX_NOTE: usize = 200;

/// A text field being edited, with its draft and the reason it was refused, if any.
#[derive(Debug, Clone)]
pub struct Edit {
    pub field: Field,
    pub input: Input,
    pub error: Option<String>,
    /// A quit was asked for while the draft could not be kept: the next one leaves
    /// without it.
    pub quit_asked: bool,
}

/// Everything a user can ask for. Keys map to these in `keymap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextScreen,
    PrevScreen,
    GoTo(Screen),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Toggle,
    /// Enter: start editing the selected item, or confirm the edit.
    Activate,
    /// Edit the selected metric's measured-on date.
    EditMeasuredOn,
    /// Set the selected metric's target.
    EditTarget,
    /// Presentation mode on or off.
    Present,
    /// Start a voting round on the selected item or question.
    StartVote,
    /// A voter passes: no vote.
    VoteSkip,
    /// Go to the next item whose vote split.
    NextSplit,
    /// List every item whose vote split.
    ListSplits,
    /// Give the current screen a timebox.
    SetTimebox,
    /// The clock, in seconds, from the run loop while a timebox is set.
    Tick(u64),
    /// Preview moving the selected track's open work a month later, or earlier.
    ShiftLater,
    ShiftEarlier,
    /// Edit the unit of the selected metric.
    EditUnit,
    /// Plan the selected metric's path month by month.
    EditPath,
    /// Show the next metric's path under the roadmap's chart.
    NextMetric,
    /// Edit the level from which the team's own question needs a yes.
    EditLevel,
    /// Edit where the selected metric's value came from.
    EditSource,
    /// Correct the selected metric's baseline (asks first once it is fixed).
    CorrectBaseline,
    /// Write a note on the selected metric's latest measurement.
    EditMeasurementNote,
    /// Answer the selected maturity question (unanswered clears it).
    Answer(Answer),
    /// Switch the side panel of a screen between its views.
    SwitchPanel,
    /// Compare with the next earlier snapshot (then none).
    Compare,
    /// Move the milestones' own due dates with the plan.
    ShiftDates,
    /// Keep the milestones' own due dates where they are.
    KeepDates,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Add an item (asks which kind).
    Add,
    AddActivity,
    AddMilestone,
    /// Rename the selected item.
    Rename,
    /// Delete the selected item (asks first).
    Delete,
    /// Yes to the question asked.
    Confirm,
    /// Edit the selected milestone's owner.
    EditOwner,
    /// Edit the selected milestone's due date.
    EditDue,
    /// Set the day the selected milestone was done.
    EditDoneOn,
    /// Open the facilitator's guide.
    Guide,
    /// Take a snapshot (asks for a label).
    Snapshot,
    /// Export a report (asks for the format).
    Export,
    /// Export in this format.
    ExportAs(crate::report::Format),
    /// Export in every format.
    ExportAll,
    /// Save now (after a failed save, to retry).
    SaveNow,
    /// Save to another file (asks for the path).
    SaveAs,
    /// After a change on disk: keep ours.
    KeepMine,
    /// After a change on disk: take theirs.
    TakeTheirs,
    /// Esc: cancel an edit or close an overlay.
    Cancel,
    Help,
    Quit,
    /// A key typed into the field being edited.
    Edit(InputRequest),
    /// Put back the workbook as it was before the last change.
    Undo,
    /// Bring back the last change undone.
    Redo,
}

/// IO that the run loop performs after `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The workbook changed: write it to disk now.
    Save,
    /// Save, then leave.
    Quit,
    /// Write a report of the workbook in each of these formats beside it.
    Export(&'static [crate::report::Format]),
    /// Save to this path and go on editing that file.
    SaveAs(String),
    /// The file changed on disk: keep this workbook (theirs is kept beside it).
    KeepMine,
    /// The file changed on disk: load theirs (this workbook is kept beside it).
    TakeTheirs,
    /// Only what is personal changed (a skipped check-in): keep it in the state
    /// directory; the workbook stays as it is.
    SaveResume,
    /// Leave now: the workbook is saved, or cannot be (read-only, or a failed save
    /// the user chose to quit on).
    Leave,
}

/// Whether the workbook on disk matches the one in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Failed(String),
}

/// What keys act on now: exactly one mode at a time. The keymap and `update` both
/// ask `App::mode`, so the order of precedence is written once. (What each mode
/// holds stays in its own field: an edit can be open inside the check-in, and the
/// check-in is still there when the edit closes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A text field is being edited.
    Editing(Field),
    /// planbook asks a question.
    Prompt(Prompt),
    /// The help or the guide is open.
    Overlay(Overlay),
    /// The monthly check-in is open.
    CheckIn,
    /// A voting round is under way.
    Vote,
    /// Browsing a screen.
    Screen(Screen),
}

/// Reference material drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key, and how maturity is scored.
    Help,
    /// The facilitator's guide: team structure, KPIs, adoption, challenges.
    Guide,
    /// Every implementation phase in full: objectives, deliverables, success
    /// criteria, risks and dependencies.
    Phases,
    /// The readiness items and maturity questions whose vote split.
    Splits,
}

/// The whole application state. Rendering reads it; only `update` changes it.
#[derive(Debug, Clone)]
pub struct App {
    pub workbook: Workbook,
    pub screen: Screen,
    /// The selected row of each screen, indexed by `Screen::index`.
    pub cursor: [usize; 6],
    pub edit: Option<Edit>,
    /// The reference overlay over the screen, if one is open.
    pub overlay: Option<Overlay>,
    /// How far the overlay is scrolled, in lines.
    pub overlay_scroll: u16,
    /// The monthly check-in, while it is open.
    pub checkin: Option<summary::CheckIn>,
    /// A one-off message for the footer, such as where a report was written.
    pub notice: Option<String>,
    /// The workbook file, as shown to the user.
    pub path: String,
    /// Why changes cannot be saved in this session, if they cannot.
    pub read_only: Option<String>,
    /// A quit failed to save: the next quit leaves without saving.
    pub quit_armed: bool,
    /// A question waiting for an answer, such as "delete this milestone?".
    pub prompt: Option<Prompt>,
    /// The Roadmap screen's cell cursor and list selection.
    pub roadmap: roadmap::RoadmapCursor,
    pub save_state: SaveState,
    /// What the Maturity screen's panel shows when there is no room for both views.
    /// The snapshot (index) the Maturity screen compares today's answers with.
    pub maturity_compare: Option<usize>,
    /// The challenge whose solutions the Summary shows, if one is open.
    pub challenge_open: Option<usize>,
    /// Presentation mode: the current item alone, large, for a projector.
    pub present: bool,
    /// A voting round, while one is under way.
    pub vote: Option<vote::Round>,
    /// How many people voted last, offered for the next round (this session).
    pub voters: u8,
    /// Each screen's timebox in minutes, once the lead gives one (this session).
    pub timebox: [Option<u16>; 6],
    /// Seconds spent on each screen so far, and the clock (seconds) when the current
    /// screen was entered, both kept only while a timebox is set.
    pub spent: [u64; 6],
    pub clock: Option<(u64, usize)>,
    /// Terminal columns, for key hints that depend on the layout.
    pub width: u16,
    /// Terminal rows: below `ui::MIN_HEIGHT` (or `ui::MIN_WIDTH` columns) nothing can
    /// be seen, so only quitting and resizing act.
    pub height: u16,
    /// The session's changes, for Ctrl-Z and Ctrl-Y.
    pub history: undo::History,
    /// Today's date: from the clock in the binary, fixed in tests.
    pub today: Date,
    /// Where the user left off, kept outside the workbook.
    pub resume: Resume,
    /// The Summary's rows, made once between two updates: the view, the footer's key
    /// hints and the keymap's conditions all ask for them.
    pub(crate) summary_rows: std::cell::RefCell<Option<std::rc::Rc<[summary::SummaryItem]>>>,
}

impl App {
    /// Opens a workbook at its start.
    pub fn new(workbook: Workbook, today: Date) -> Self {
        Self::resuming(workbook, Resume::default(), today)
    }

    /// Opens a workbook where its user left off.
    pub fn resuming(workbook: Workbook, resume: Resume, today: Date) -> Self {
        let screen = Screen::from_id(&resume.screen).unwrap_or(Screen::Setup);
        let mut app = Self {
            workbook,
            screen,
            cursor: [0; 6],
            edit: None,
            overlay: None,
            overlay_scroll: 0,
            checkin: None,
            notice: None,
            path: String::new(),
            read_only: None,
            quit_armed: false,
            prompt: None,
            roadmap: roadmap::RoadmapCursor::default(),
            summary_rows: std::cell::RefCell::default(),
            challenge_open: None,
            present: false,
            vote: None,
            voters: 3,
            timebox: [None; 6],
            spent: [0; 6],
            clock: None,
            save_state: SaveState::Saved,
            maturity_compare: None,
            width: 80,
            height: 24,
            history: undo::History::default(),
            today,
            resume,
        };
        let items = &app.resume.items;
        let saved = |key: &str| items.get(key).copied().unwrap_or(0);
        app.roadmap.track = saved("roadmap_track");
        app.roadmap.month = u32::try_from(saved("roadmap_month")).unwrap_or(1);
        let item = saved("roadmap_item");
        if item > 0 {
            app.roadmap.focus = roadmap::Focus::List;
            app.roadmap.item = item - 1;
        }
        for &s in Screen::ALL {
            // Counting a screen's rows can cost (the Summary's are worked out): only
            // a row kept for it needs the count, to stay on the screen.
            let saved = app.resume.items.get(s.id()).copied().unwrap_or(0);
            if saved > 0 {
                app.cursor[s.index()] = saved.min(app.row_count(s).saturating_sub(1));
            }
        }
        app.clamp_roadmap();
        app
    }

    /// The mode keys act on, in order of precedence: a field being edited, then a
    /// question, an overlay, the check-in, and last the screen.
    pub fn mode(&self) -> Mode {
        // Help opened from a field or a question stands over it until it is closed.
        if let Some(overlay) = self.overlay {
            Mode::Overlay(overlay)
        } else if let Some(edit) = &self.edit {
            Mode::Editing(edit.field)
        } else if let Some(prompt) = self.prompt {
            Mode::Prompt(prompt)
        } else if self.vote.is_some() {
            Mode::Vote
        } else if self.checkin.is_some() {
            Mode::CheckIn
        } else {
            Mode::Screen(self.screen)
        }
    }

    /// The selected row on the current screen.
    pub fn selected(&self) -> usize {
        self.cursor[self.screen.index()]
    }

    /// Whether the window is too small to show planbook.
    pub fn too_small(&self) -> bool {
        self.width < crate::ui::MIN_WIDTH || self.height < crate::ui::MIN_HEIGHT
    }

    /// How many selectable rows a screen has.
    pub fn row_count(&self, screen: Screen) -> usize {
        let wb = &self.workbook;
        match screen {
            Screen::Setup => SetupField::ALL.len(),
            Screen::Readiness => wb.readiness.iter().map(|c| c.items.len()).sum(),
            Screen::Baseline => wb.metrics().count(),
            Screen::Maturity => wb.maturity.iter().map(|d| d.questions.len()).sum(),
            Screen::Roadmap => self.roadmap_items().len(),
            Screen::Summary => self.summary_items().len(),
        }
    }

    /// Writes the current screen and selections into the resume state.
    fn sync_resume(&mut self) {
        let resume = &mut self.resume;
        resume.screen = self.screen.id().to_string();
        resume.items.clear();
        for &s in Screen::ALL {
            let c = self.cursor[s.index()];
            if c > 0 {
                resume.items.insert(s.id().to_string(), c);
            }
        }
        let r = self.roadmap;
        let list_item = if r.focus == roadmap::Focus::List {
            r.item + 1
        } else {
            0
        };
        for (key, value) in [
            ("roadmap_track", r.track),
            ("roadmap_month", usize::try_from(r.month).unwrap_or(1)),
            ("roadmap_item", list_item),
        ] {
            if value > usize::from(key == "roadmap_month") {
                resume.items.insert(key.to_string(), value);
            }
        }
    }

    /// Keeps the overlay's scroll within what the last frame could show, so scrolling
    /// back starts at once. View state, set by the run loop after drawing.
    pub fn clamp_overlay_scroll(&mut self, max: Option<u16>) {
        if let Some(max) = max {
            self.overlay_scroll = self.overlay_scroll.min(max);
        }
    }

    /// Where the user is now, to keep for next time.
    pub fn resume_to_save(&mut self) -> &Resume {
        self.sync_resume();
        &self.resume
    }

    pub(crate) fn changed(&mut self) -> Effect {
        self.save_state = SaveState::Unsaved;
        Effect::Save
    }

    pub(crate) fn move_cursor(&mut self, delta: isize) {
        let n = self.row_count(self.screen);
        let c = &mut self.cursor[self.screen.index()];
        if n == 0 {
            *c = 0;
            return;
        }
        let max = n - 1;
        *c = c.saturating_add_signed(delta).min(max);
    }

    /// The selected row of the Setup screen.
    pub fn setup_field(&self) -> SetupField {
        SetupField::ALL[self.cursor[Screen::Setup.index()].min(SetupField::ALL.len() - 1)]
    }

    /// The readiness item at a screen index.
    pub fn readiness_item(&self, i: usize) -> Option<&ReadinessItem> {
        self.workbook.readiness.iter().flat_map(|c| &c.items).nth(i)
    }

    pub(crate) fn readiness_item_mut(&mut self, i: usize) -> Option<&mut ReadinessItem> {
        self.workbook
            .readiness
            .iter_mut()
            .flat_map(|c| c.items.iter_mut())
            .nth(i)
    }

    /// The baseline metric at a screen index.
    pub fn metric(&self, i: usize) -> Option<&Metric> {
        self.workbook.metrics().nth(i).map(|(_, m)| m)
    }

    /// The metric whose path the roadmap shows under its chart: the one selected on
    /// the Baseline screen if it has a path, or else the first that has one.
    pub fn path_metric(&self) -> Option<usize> {
        let selected = self.cursor[Screen::Baseline.index()];
        if self.has_path(selected) {
            return Some(selected);
        }
        (0..self.row_count(Screen::Baseline)).find(|&i| self.has_path(i))
    }

    /// Whether the metric at `i` (on the Baseline screen) has a path to its target.
    fn has_path(&self, i: usize) -> bool {
        self.metric(i)
            .is_some_and(|m| self.workbook.path_of(m).is_some())
    }

    /// Selects the next metric with a path (after `path_metric`), for the roadmap.
    pub(crate) fn next_path_metric(&mut self) -> Option<usize> {
        let count = self.row_count(Screen::Baseline);
        let from = self.path_metric()?;
        let next = (1..=count)
            .map(|k| (from + k) % count)
            .find(|&i| self.has_path(i))?;
        self.cursor[Screen::Baseline.index()] = next;
        Some(next)
    }

    /// The draft of a metric's field: its value (a new measurement starts empty), the
    /// date it was measured, its target, or the latest source or note.
    fn metric_draft(&self, field: Field, i: usize) -> Option<String> {
        let fixed = self.workbook.baselines_fixed();
        let today = self.today;
        let m = self.metric(i)?;
        let fixed = m.is_fixed(fixed);
        Some(match field {
            // Once the baseline is fixed, a value is a new measurement: the
            // draft starts empty, or holds today's measurement to correct it.
            Field::MetricValue(_) if fixed => {
                let latest = m.latest();
                if latest.on == Some(today) && !latest.baseline {
                    latest.value.to_string()
                } else {
                    String::new()
                }
            }
            Field::MetricValue(_) | Field::BaselineCorrection(_) => m.value.clone(),
            Field::MeasuredOn(_) => m.measured_on.map(|d| d.to_string()).unwrap_or_default(),
            Field::Target(_) => m.target.clone(),
            // Once measured again, the source and note are the latest
            // measurement's; before, the source is the baseline's.
            Field::MeasurementNote(_) => m
                .measurements
                .last()
                .map(|x| x.note.clone())
                .unwrap_or_default(),
            _ => m
                .measurements
                .last()
                .map_or_else(|| m.source.clone(), |x| x.source.clone()),
        })
    }

    /// The draft of a month's planned value: as the team planned it, or where the
    /// straight path puts it.
    fn planned_draft(&self, i: usize, month: u32) -> Option<String> {
        let m = self.metric(i)?;
        let value = m
            .planned
            .get(&month)
            .copied()
            .or_else(|| self.workbook.path_of(m)?.planned_in(month));
        Some(
            value
                .map(crate::model::measure::fmt_num)
                .unwrap_or_default(),
        )
    }

    pub(crate) fn metric_mut(&mut self, i: usize) -> Option<&mut Metric> {
        self.workbook
            .baseline
            .iter_mut()
            .flat_map(|g| g.metrics.iter_mut())
            .nth(i)
    }

    /// The maturity question at a screen index, with its dimension's index.
    pub fn question(&self, i: usize) -> Option<(usize, &Question)> {
        self.workbook
            .maturity
            .iter()
            .enumerate()
            .flat_map(|(d, dim)| dim.questions.iter().map(move |q| (d, q)))
            .nth(i)
    }

    pub(crate) fn question_mut(&mut self, i: usize) -> Option<&mut Question> {
        self.workbook
            .maturity
            .iter_mut()
            .flat_map(|d| d.questions.iter_mut())
            .nth(i)
    }

    pub(crate) fn start_edit(&mut self, field: Field) {
        let value = match field {
            Field::Setup(SetupField::Team) => self.workbook.plan.team.clone(),
            Field::Setup(SetupField::Lead) => self.workbook.plan.lead.clone(),
            Field::Setup(SetupField::StartMonth) => self
                .workbook
                .plan
                .start_month
                .map(|m| m.to_string())
                .unwrap_or_default(),
            Field::Setup(SetupField::OrgSize | SetupField::Industry) => return,
            Field::Note(i) => match self.readiness_item(i) {
                Some(item) => item.note.clone(),
                None => return,
            },
            Field::AnswerNote(i) => match self.question(i) {
                Some((_, q)) => q.note.clone(),
                None => return,
            },
            Field::TrackName(_)
            | Field::ActivityText(..)
            | Field::MilestoneText(_)
            | Field::Owner(_)
            | Field::Due(_)
            | Field::NewActivity
            | Field::NewMilestone => match self.roadmap_field_value(field) {
                Some(v) => v,
                None => return,
            },
            Field::SaveAs => self.path.clone(),
            Field::SnapshotLabel
            | Field::Planned(..)
            | Field::NewItem(_)
            | Field::NewMetric(_)
            | Field::NewQuestion(_)
            | Field::ItemText(_)
            | Field::MetricName(_)
            | Field::MetricUnit(_)
            | Field::QuestionText(_)
            | Field::QuestionLevel(_)
            | Field::ChallengeOwner(_)
            | Field::ChallengeOwn(_)
            | Field::Voters(_)
            | Field::Timebox
            | Field::Dismiss(_) => match self.content_value(field) {
                Some(v) => v,
                None => return,
            },
            Field::DoneOn(i) => {
                let Some(ms) = self.workbook.roadmap.milestones.get(i) else {
                    return;
                };
                ms.done_on.unwrap_or(self.today).to_string()
            }
            Field::HealthScore(i) => {
                let Some(h) = self.workbook.health.get(i) else {
                    return;
                };
                h.score.map(|s| s.to_string()).unwrap_or_default()
            }
            Field::MetricValue(i)
            | Field::BaselineCorrection(i)
            | Field::MeasuredOn(i)
            | Field::Target(i)
            | Field::Source(i)
            | Field::MeasurementNote(i) => match self.metric_draft(field, i) {
                Some(v) => v,
                None => return,
            },
        };
        self.edit = Some(Edit {
            field,
            input: Input::new(value),
            error: None,
            quit_asked: false,
        });
    }

    /// Tries to store the draft: `Ok(changed)`, or the reason it was refused (the
    /// field then stays open).
    pub(crate) fn commit_edit(&mut self) -> Result<bool, String> {
        let Some(edit) = &self.edit else {
            return Ok(false);
        };
        let field = edit.field;
        let text = edit.input.value().trim().to_string();
        let today = self.today;
        let changed = match field {
            Field::Setup(SetupField::Team) => replace(&mut self.workbook.plan.team, text),
            Field::Setup(SetupField::Lead) => replace(&mut self.workbook.plan.lead, text),
            Field::Setup(SetupField::StartMonth) => match self.commit_start_month(&text)? {
                Some(changed) => changed,
                None => return Ok(false),
            },
            // Handled elsewhere: the size cycles without a field, and saving to another
            // file is IO, done by the run loop.
            Field::Setup(SetupField::OrgSize | SetupField::Industry) | Field::SaveAs => false,
            Field::Note(i) => {
                check_length("a note", &text)?;
                self.readiness_item_mut(i)
                    .is_some_and(|item| replace(&mut item.note, text))
            }
            Field::MetricValue(i) => {
                let fixed = self.workbook.baselines_fixed();
                match self.metric_mut(i) {
                    Some(m) => m.record(&text, today, fixed)?,
                    None => false,
                }
            }
            Field::BaselineCorrection(i) => match self.metric_mut(i) {
                Some(m) => m.correct_baseline(&text, today)?,
                None => false,
            },
            Field::Target(i) => {
                check_length("a target", &text)?;
                match self.metric_mut(i) {
                    Some(m) => m.set_target(&text)?,
                    None => false,
                }
            }
            Field::Planned(i, month) => match self.metric_mut(i) {
                Some(m) => m.set_planned(month, &text)?,
                None => false,
            },
            Field::MeasuredOn(i) => {
                let value = parse_day(&text, today)?;
                self.metric_mut(i)
                    .is_some_and(|m| replace(&mut m.measured_on, value))
            }
            Field::AnswerNote(i) => {
                check_length("a note", &text)?;
                self.question_mut(i)
                    .is_some_and(|q| replace(&mut q.note, text))
            }
            Field::Source(i) => {
                check_length("a source", &text)?;
                self.metric_mut(i)
                    .is_some_and(|m| match m.measurements.last_mut() {
                        Some(latest) => replace(&mut latest.source, text),
                        None => replace(&mut m.source, text),
                    })
            }
            Field::MeasurementNote(i) => {
                check_length("a note", &text)?;
                self.metric_mut(i)
                    .and_then(|m| m.measurements.last_mut())
                    .is_some_and(|latest| replace(&mut latest.note, text))
            }
            Field::TrackName(_)
            | Field::ActivityText(..)
            | Field::MilestoneText(_)
            | Field::Owner(_)
            | Field::Due(_)
            | Field::NewActivity
            | Field::NewMilestone => self.commit_roadmap_field(field, text)?,
            Field::SnapshotLabel => {
                check_length("a label", &text)?;
                self.commit_snapshot(&text)
            }
            Field::HealthScore(i) => self.commit_health_score(i, &text, today)?,
            Field::DoneOn(i) => self.commit_done_on(i, &text, today)?,
            Field::ItemText(_)
            | Field::NewItem(_)
            | Field::MetricName(_)
            | Field::MetricUnit(_)
            | Field::NewMetric(_)
            | Field::QuestionText(_)
            | Field::NewQuestion(_)
            | Field::QuestionLevel(_)
            | Field::ChallengeOwner(_)
            | Field::ChallengeOwn(_)
            | Field::Dismiss(_) => self.commit_content_field(field, &text)?,
            Field::Voters(_) | Field::Timebox => return self.commit_room_field(field, &text),
        };
        self.edit = None;
        Ok(changed)
    }

    /// The plan's start month: a new one with milestones dated on their own asks
    /// whether they move (`None`: asked, nothing changed yet).
    fn commit_start_month(&mut self, text: &str) -> Result<Option<bool>, String> {
        let value = if text.is_empty() {
            None
        } else {
            Some(crate::model::month::typed_month(text).map_err(|e| e.to_string())?)
        };
        let (own_due, _) = self.workbook.dated_milestones();
        match (self.workbook.plan.start_month, value) {
            // Milestones have due dates of their own: ask before they stay
            // behind (or move).
            (Some(from), Some(to)) if from != to && own_due > 0 => {
                self.prompt = Some(Prompt::MoveStart(to));
                self.edit = None;
                Ok(None)
            }
            _ => Ok(Some(replace(&mut self.workbook.plan.start_month, value))),
        }
    }

    /// What a field of the framework's content (or of a challenge) holds before it is
    /// edited; `None` when what it edits is gone.
    fn content_value(&self, field: Field) -> Option<String> {
        Some(match field {
            Field::Planned(i, month) => self.planned_draft(i, month)?,
            Field::ItemText(i) => self.readiness_item(i)?.text.clone(),
            Field::MetricName(i) => self.metric(i)?.name.clone(),
            Field::MetricUnit(i) => self.metric(i)?.unit.clone(),
            Field::QuestionText(i) => self.question(i)?.1.text.clone(),
            Field::QuestionLevel(i) => self
                .question(i)?
                .1
                .levels
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            Field::ChallengeOwner(i) => self.workbook.challenges.get(i)?.owner.clone(),
            Field::Dismiss(i) => crate::model::crosscheck::findings(&self.workbook, self.today)
                .into_iter()
                .nth(i)?
                .dismissed
                .unwrap_or_default(),
            Field::ChallengeOwn(i) => self.workbook.challenges.get(i)?.own.clone(),
            Field::Voters(_) => self.voters.to_string(),
            Field::Timebox => self.timebox[self.screen.index()]
                .or_else(|| crate::model::guide::Guide::shared().timebox_minutes(self.screen.id()))
                .map(|m| m.to_string())
                .unwrap_or_default(),
            // New things, and a snapshot's label, start empty.
            _ => String::new(),
        })
    }

    /// The wording of a readiness item, metric or question, a new one, a metric's
    /// unit or a question's level. A new one is selected once added.
    fn commit_content_field(&mut self, field: Field, text: &str) -> Result<bool, String> {
        let wb = &mut self.workbook;
        Ok(match field {
            Field::ItemText(i) => wb.reword_readiness_item(i, text)?,
            Field::NewItem(after) => {
                let i = wb.add_readiness_item(after, text)?;
                self.cursor[Screen::Readiness.index()] = i;
                true
            }
            Field::MetricName(i) => match self.metric_mut(i) {
                Some(m) => m.rename(text)?,
                None => false,
            },
            Field::MetricUnit(i) => match self.metric_mut(i) {
                Some(m) => m.set_unit(text)?,
                None => false,
            },
            Field::NewMetric(after) => {
                let i = wb.add_metric(after, text)?;
                self.cursor[Screen::Baseline.index()] = i;
                self.notice = Some(
                    "Metric added, read as a number: ←→ changes its kind, u its unit, t its target"
                        .into(),
                );
                true
            }
            Field::QuestionText(i) => wb.reword_question(i, text)?,
            Field::NewQuestion(after) => {
                // It needs a yes from the level its dimension works towards.
                let dimension = self.question(after).map(|(d, _)| d);
                let a = crate::model::maturity::assess(&self.workbook);
                let from = dimension
                    .and_then(|d| a.dimensions.get(d)?.level)
                    .map_or(1, |l| (l + 1).min(4));
                let i = self.workbook.add_question(after, text, from)?;
                self.cursor[Screen::Maturity.index()] = i;
                self.notice = Some(format!(
                    "Question added: a yes is needed from level {from} up (l changes the level)"
                ));
                true
            }
            Field::ChallengeOwner(i) | Field::ChallengeOwn(i) => {
                self.commit_challenge_field(field, i, text.to_string())?
            }
            Field::Dismiss(i) => {
                check_length("a note", text)?;
                let Some(f) = crate::model::crosscheck::findings(wb, self.today)
                    .into_iter()
                    .nth(i)
                else {
                    return Ok(false);
                };
                if text.is_empty() {
                    wb.dismissed.remove(&f.id).is_some()
                } else {
                    wb.dismissed.insert(f.id, text.to_string()).as_deref() != Some(text)
                }
            }
            Field::QuestionLevel(i) => {
                let from = crate::model::content::parse_level(text)?;
                let levels = crate::model::content::levels_from(from);
                self.question_mut(i)
                    .is_some_and(|q| replace(&mut q.levels, levels))
            }
            _ => false,
        })
    }

    /// Removes a readiness item, metric or question the team confirmed; the cursor
    /// stays in range.
    pub(crate) fn remove_content(&mut self, content: Content) -> Option<Effect> {
        let wb = &mut self.workbook;
        let removed = match content {
            Content::ReadinessItem(i) => wb.remove_readiness_item(i).map(|x| x.text),
            Content::Metric(i) => wb.remove_metric(i).map(|m| m.name),
            Content::Question(i) => wb.remove_question(i).map(|q| q.text),
        }?;
        self.move_cursor(0);
        self.notice = Some(format!("Removed '{removed}' (Ctrl-Z brings it back)"));
        Some(self.changed())
    }

    /// How many vote (then the round starts), or the screen's timebox.
    fn commit_room_field(&mut self, field: Field, text: &str) -> Result<bool, String> {
        if let Field::Voters(on) = field {
            let n = vote::parse_voters(text)?;
            self.edit = None;
            self.start_round(on, n);
        } else {
            self.set_timebox(text)?;
            self.edit = None;
        }
        Ok(false)
    }

    /// A challenge's owner, or the team's own mitigation.
    fn commit_challenge_field(
        &mut self,
        field: Field,
        i: usize,
        text: String,
    ) -> Result<bool, String> {
        let owner = matches!(field, Field::ChallengeOwner(_));
        check_length(if owner { "an owner" } else { "a mitigation" }, &text)?;
        Ok(self
            .workbook
            .challenges
            .get_mut(i)
            .is_some_and(|c| replace(if owner { &mut c.owner } else { &mut c.own }, text)))
    }

    /// A health measure's score for this month: 1 to 5, or empty to clear it.
    fn commit_health_score(&mut self, i: usize, text: &str, today: Date) -> Result<bool, String> {
        let score = if text.is_empty() {
            None
        } else {
            match text.parse::<u8>() {
                Ok(s @ 1..=5) => Some(s),
                _ => {
                    return Err(format!(
                        "'{text}' is not a score: a score is a whole number from 1 \
                         to 5 (empty clears it)"
                    ));
                }
            }
        };
        Ok(match self.workbook.health.get_mut(i) {
            Some(h) if h.score != score => {
                h.score = score;
                h.scored_on = score.map(|_| today);
                true
            }
            _ => false,
        })
    }

    /// The day a milestone was done: not in the future; empty reopens it.
    fn commit_done_on(&mut self, i: usize, text: &str, today: Date) -> Result<bool, String> {
        let before = self.workbook.roadmap.milestones.get(i).map(|m| m.done_on);
        match parse_day(text, today)? {
            // Nothing typed: the milestone is open again.
            None => {
                if let Some(ms) = self.workbook.roadmap.milestones.get_mut(i) {
                    ms.done_on = None;
                }
            }
            Some(day) => {
                if let Some(warning) = self.workbook.set_done_on(i, day, today)? {
                    self.notice = Some(warning);
                }
            }
        }
        Ok(before != self.workbook.roadmap.milestones.get(i).map(|m| m.done_on))
    }

    pub(crate) fn cycle_org_size(&mut self, forward: bool) -> Effect {
        let plan = &mut self.workbook.plan;
        plan.org_size = plan.org_size.cycle(forward);
        self.changed()
    }

    /// Picks the next industry in the guide's list (none before the first), with
    /// its readiness item.
    pub(crate) fn cycle_industry(&mut self, forward: bool) -> Effect {
        let guide = crate::model::guide::Guide::shared();
        let ids: Vec<&str> = std::iter::once("")
            .chain(guide.industries.iter().map(|i| i.id.as_str()))
            .collect();
        let n = ids.len();
        let at = ids
            .iter()
            .position(|id| *id == self.workbook.plan.industry)
            .unwrap_or(0);
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.workbook.set_industry(ids[next], guide);
        self.changed()
    }

    /// The organization size, for screens that show it.
    pub fn org_size(&self) -> OrgSize {
        self.workbook.plan.org_size
    }
}

pub(crate) fn check_length(what: &str, text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n > MAX_NOTE {
        Err(format!(
            "{what} is at most {MAX_NOTE} characters; this one has {n}"
        ))
    } else {
        Ok(())
    }
}

/// The milestone field a key edits: owner, due date or done date.
pub(crate) fn milestone_field(action: Action, i: usize) -> Option<Field> {
    match action {
        Action::EditOwner => Some(Field::Owner(i)),
        Action::EditDue => Some(Field::Due(i)),
        Action::EditDoneOn => Some(Field::DoneOn(i)),
        _ => None,
    }
}

/// A date typed into a field (`2027-01-15`, `15 Jan 2027`, `yesterday`…); empty is none.
pub(crate) fn parse_day(text: &str, today: Date) -> Result<Option<Date>, String> {
    crate::model::month::typed_date(text, today)
}

pub(crate) fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

/// Applies one action. Pure: any IO it needs is returned as an effect.
///
/// In a read-only session every change to the workbook is undone at once, with a
/// notice saying why: nothing can be saved, so nothing should look changed.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    let screen = app.screen;
    let moving = matches!(
        action,
        Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Home | Action::End
    ) || (screen == Screen::Roadmap && matches!(action, Action::Left | Action::Right));
    // Any other action may change the workbook: the Summary's rows are made again,
    // and the history keeps a copy to tell what changed (once).
    if !moving {
        app.summary_rows.get_mut().take();
        if !matches!(action, Action::Resize(..)) {
            app.history.begin(&app.workbook);
        }
    }
    let effect = update_unclamped(app, action);
    if effect == Some(Effect::Save) {
        app.history.record(&app.workbook);
    }
    // Moving within a list keeps to its rows by itself and changes nothing to save
    // (every change to the workbook asks for a save).
    if moving && effect.is_none() && app.screen == screen {
        return effect;
    }
    app.summary_rows.get_mut().take();
    // A change can shorten the current list (a ticked milestone leaves the Summary's
    // list): the selection stays on a row that exists.
    let rows = app.row_count(app.screen);
    let c = &mut app.cursor[app.screen.index()];
    *c = (*c).min(rows.saturating_sub(1));
    effect
}

fn update_unclamped(app: &mut App, action: Action) -> Option<Effect> {
    let Some(why) = app.read_only.clone() else {
        return apply(app, action);
    };
    let before = app.workbook.clone();
    let effect = apply(app, action);
    match effect {
        Some(Effect::Save | Effect::SaveAs(_) | Effect::KeepMine | Effect::TakeTheirs) => {
            app.workbook = before;
            app.save_state = SaveState::Saved;
            app.notice = Some(format!("Read-only, not changed: {why}"));
            None
        }
        other => other,
    }
}

/// Help (and, from the check-in, the guide) opens over a field, a question or the
/// check-in, which it closes back to. Whether it did.
fn open_over(app: &mut App, action: Action) -> bool {
    let over = match (action, app.mode()) {
        (Action::Help, Mode::Editing(_) | Mode::Prompt(_) | Mode::CheckIn) => Overlay::Help,
        (Action::Guide, Mode::CheckIn) => Overlay::Guide,
        _ => return false,
    };
    app.overlay = Some(over);
    app.overlay_scroll = 0;
    true
}

/// The room's keys, on every screen: presentation mode, a timebox, a vote and the
/// next split vote. `None` when the action is not one of them.
#[allow(clippy::option_option)] // handled (with its effect) or not one of these
fn room_keys(app: &mut App, action: Action) -> Option<Option<Effect>> {
    match action {
        Action::Present => app.present = !app.present,
        Action::SetTimebox => app.start_edit(Field::Timebox),
        Action::StartVote => {
            if let Some(on) = app.vote_target() {
                app.start_edit(Field::Voters(on));
            }
        }
        Action::NextSplit => app.next_split(),
        Action::ListSplits => {
            app.overlay = Some(Overlay::Splits);
            app.overlay_scroll = 0;
        }
        _ => return None,
    }
    Some(None)
}

fn apply(app: &mut App, action: Action) -> Option<Effect> {
    if let Action::Resize(width, height) = action {
        app.width = width;
        app.height = height;
    }
    // A window too small to show anything: keys that would act unseen do nothing.
    if app.too_small() && !matches!(action, Action::Resize(..) | Action::Quit) {
        return None;
    }
    if let Action::Tick(now) = action {
        app.tick(now);
        return None;
    }
    if !matches!(action, Action::Resize(..)) {
        app.notice = None;
        app.quit_armed &= action == Action::Quit;
    }
    if matches!(action, Action::Undo | Action::Redo)
        && !matches!(app.mode(), Mode::Editing(_) | Mode::Prompt(_))
    {
        return undo_or_redo(app, action == Action::Undo);
    }
    if open_over(app, action) {
        return None;
    }
    let screen = match app.mode() {
        Mode::Editing(_) => return update_editing(app, action),
        Mode::Prompt(prompt) => return update_prompt(app, prompt, action),
        Mode::Overlay(open) => return update_overlay(app, open, action),
        Mode::Vote => return vote::update_vote(app, action),
        Mode::CheckIn => return summary::update_checkin(app, action),
        Mode::Screen(screen) => screen,
    };
    if let Some(effect) = room_keys(app, action) {
        return effect;
    }
    if screen == Screen::Roadmap
        && !matches!(
            action,
            Action::NextScreen
                | Action::PrevScreen
                | Action::GoTo(_)
                | Action::Help
                | Action::Guide
                | Action::SaveNow
                | Action::SaveAs
                | Action::Quit
                | Action::Resize(..)
        )
    {
        return roadmap::update(app, action);
    }
    match action {
        Action::NextScreen => app.screen = app.screen.next(),
        Action::PrevScreen => app.screen = app.screen.prev(),
        Action::GoTo(s) => app.screen = s,
        Action::Up => app.move_cursor(-1),
        Action::Down => app.move_cursor(1),
        Action::PageUp => app.move_cursor(-10),
        Action::PageDown => app.move_cursor(10),
        Action::Home => app.move_cursor(isize::MIN),
        Action::End => app.move_cursor(isize::MAX),
        Action::Help => {
            app.overlay = Some(Overlay::Help);
            app.overlay_scroll = 0;
        }
        Action::Guide => {
            app.overlay = Some(Overlay::Guide);
            app.overlay_scroll = 0;
        }
        Action::Resize(width, _) => app.width = width,
        Action::Quit => return Some(quit(app)),
        Action::Cancel
        | Action::Edit(_)
        | Action::AddActivity
        | Action::AddMilestone
        | Action::Confirm
        | Action::ShiftDates
        | Action::KeepDates
        | Action::ExportAs(_)
        | Action::ExportAll
        | Action::KeepMine
        | Action::TakeTheirs
        | Action::Undo
        | Action::Redo => {}
        Action::SaveNow => return Some(Effect::Save),
        Action::SaveAs => app.start_edit(Field::SaveAs),
        // Everything else is the screen's: toggles, edits, answers, exports...
        _ => {
            return on_screen(app, action);
        }
    }
    None
}

/// Ctrl-Z and Ctrl-Y: the workbook as it was before the last change, or after the
/// change last undone. Saved like any edit.
fn undo_or_redo(app: &mut App, undo: bool) -> Option<Effect> {
    let touched = if undo {
        app.history.undo(&mut app.workbook)
    } else {
        app.history.redo(&mut app.workbook)
    };
    let Some(touched) = touched else {
        app.notice = Some(
            if undo {
                "Nothing to undo in this session"
            } else {
                "Nothing to redo"
            }
            .to_string(),
        );
        return None;
    };
    app.clamp_roadmap();
    app.notice = Some(if undo {
        format!("Undid a change to {touched}; Ctrl-Y redoes")
    } else {
        format!("Redid a change to {touched}; Ctrl-Z undoes")
    });
    Some(Effect::Save)
}

/// Applies an action while a question is asked.
fn update_prompt(app: &mut App, prompt: Prompt, action: Action) -> Option<Effect> {
    match (prompt, action) {
        (_, Action::Resize(width, _)) => {
            app.width = width;
            None
        }
        (Prompt::Conflict, Action::KeepMine) => {
            app.prompt = None;
            Some(Effect::KeepMine)
        }
        (Prompt::Conflict, Action::TakeTheirs) => {
            app.prompt = None;
            Some(Effect::TakeTheirs)
        }
        // Quitting tries to save, which asks again: the file must not be overwritten,
        // nor theirs lost, until the question is answered.
        (Prompt::Conflict, Action::Quit) => Some(quit(app)),
        (Prompt::Conflict, _) => None,
        (_, Action::Cancel) => {
            app.prompt = None;
            None
        }
        (_, Action::Quit) => {
            app.prompt = None;
            Some(quit(app))
        }
        (Prompt::AddKind, Action::AddActivity | Action::AddMilestone)
        | (Prompt::Delete(_), Action::Confirm) => roadmap::update(app, action),
        (Prompt::Shift { track, from, delta }, Action::ShiftLater | Action::ShiftEarlier) => {
            // Once more in the same direction, or back towards none (never zero).
            let step = if action == Action::ShiftLater { 1 } else { -1 };
            let delta = match delta + step {
                0 => step,
                d => d.clamp(-12, 12),
            };
            app.prompt = Some(Prompt::Shift { track, from, delta });
            None
        }
        (Prompt::Shift { track, from, delta }, Action::Confirm | Action::Activate) => {
            app.prompt = None;
            let id = app.workbook.roadmap.tracks.get(track)?.id.clone();
            let n = app.workbook.apply_shift(&id, from, delta, app.today);
            app.notice = Some(format!(
                "Shifted {n} item{} of {} by {delta:+} month{} (Ctrl-Z undoes it)",
                if n == 1 { "" } else { "s" },
                app.workbook
                    .roadmap
                    .tracks
                    .get(track)
                    .map_or("", |t| t.name.as_str()),
                if delta.abs() == 1 { "" } else { "s" }
            ));
            (n > 0).then(|| app.changed())
        }
        (Prompt::Path { metric, month }, _) => {
            screens::baseline::update_path(app, metric, month, action)
        }
        (Prompt::Remove(content), Action::Confirm) => {
            app.prompt = None;
            app.remove_content(content)
        }
        (Prompt::MoveStart(to), Action::ShiftDates | Action::KeepDates) => {
            app.prompt = None;
            let shift = action == Action::ShiftDates;
            let moved = app.workbook.move_start(to, shift);
            let (_, done) = app.workbook.dated_milestones();
            let dates = if shift {
                format!(
                    "{moved} due date{} moved with it",
                    if moved == 1 { "" } else { "s" }
                )
            } else {
                "due dates kept".to_string()
            };
            app.notice = Some(format!(
                "The plan starts in {}: {dates}; {done} done date{} stay as recorded",
                to.label(),
                if done == 1 { "" } else { "s" }
            ));
            Some(app.changed())
        }
        (Prompt::CorrectBaseline(i), Action::Confirm) => {
            app.prompt = None;
            app.start_edit(Field::BaselineCorrection(i));
            None
        }
        (Prompt::GapMilestone { .. }, _) => summary::update_gap_prompt(app, action),
        (Prompt::ExportFormat, Action::ExportAs(format)) => {
            app.prompt = None;
            Some(Effect::Export(format.alone()))
        }
        (Prompt::ExportFormat, Action::ExportAll) => {
            app.prompt = None;
            Some(Effect::Export(crate::report::Format::ALL))
        }
        _ => None,
    }
}

/// Applies an action while help or the guide is open.
fn update_overlay(app: &mut App, open: Overlay, action: Action) -> Option<Effect> {
    let scroll = &mut app.overlay_scroll;
    match action {
        Action::Resize(width, _) => app.width = width,
        Action::Cancel => app.overlay = None,
        // Over a field or a question, q closes help: the field is not left unsaid.
        Action::Quit if app.edit.is_some() || app.prompt.is_some() => app.overlay = None,
        Action::Help | Action::Guide => {
            let asked = if action == Action::Help {
                Overlay::Help
            } else {
                Overlay::Guide
            };
            app.overlay = (asked != open).then_some(asked);
            app.overlay_scroll = 0;
        }
        Action::Quit => return Some(quit(app)),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::PageDown => *scroll = scroll.saturating_add(10),
        Action::Home => *scroll = 0,
        Action::End => *scroll = u16::MAX,
        _ => {}
    }
    None
}

pub(crate) fn quit(app: &mut App) -> Effect {
    app.sync_resume();
    // A read-only session has nothing to save.
    if app.read_only.is_some() {
        Effect::Leave
    } else {
        Effect::Quit
    }
}

fn update_editing(app: &mut App, action: Action) -> Option<Effect> {
    if action == Action::Activate
        && let Some(edit) = app.edit.as_ref().filter(|e| e.field == Field::SaveAs)
    {
        let path = edit.input.value().trim().to_string();
        if path.is_empty() {
            if let Some(edit) = &mut app.edit {
                edit.error = Some("give a file to save to, such as plan-copy.toml".into());
            }
            return None;
        }
        app.edit = None;
        return Some(Effect::SaveAs(path));
    }
    match action {
        Action::Resize(width, _) => {
            app.width = width;
            None
        }
        Action::Edit(req) => {
            if let Some(edit) = &mut app.edit {
                edit.input.handle(req);
                edit.error = None;
                edit.quit_asked = false;
            }
            None
        }
        Action::Activate => {
            let field = app.edit.as_ref().map(|e| e.field);
            let committed = app.commit_edit();
            // Setup is a form, and the Baseline a list of figures read out in turn: a
            // field or value kept, the next one is selected.
            let moves_on = match field {
                Some(Field::Setup(_)) => app.screen == Screen::Setup,
                Some(Field::MetricValue(_)) => {
                    app.screen == Screen::Baseline && app.checkin.is_none()
                }
                _ => false,
            };
            if moves_on && committed.is_ok() && app.edit.is_none() {
                app.move_cursor(1);
            }
            match committed {
                Ok(true) => Some(app.changed()),
                Ok(false) => None,
                Err(message) => {
                    if let Some(edit) = &mut app.edit {
                        edit.error = Some(message);
                    }
                    None
                }
            }
        }
        Action::Cancel => {
            app.edit = None;
            None
        }
        Action::Quit => {
            // Keep a valid draft rather than lose it. An invalid one stays, with what
            // is wrong and a question: a second quit leaves without it.
            let changed = match app.commit_edit() {
                Ok(changed) => changed,
                Err(message) => {
                    if let Some(edit) = app.edit.as_mut().filter(|e| !e.quit_asked) {
                        edit.error = Some(format!(
                            "{message} · This draft cannot be kept: fix it and press Enter, or quit again to leave without it"
                        ));
                        edit.quit_asked = true;
                        return None;
                    }
                    false
                }
            };
            app.edit = None;
            if changed {
                app.save_state = SaveState::Unsaved;
            }
            Some(quit(app))
        }
        _ => None,
    }
}

/// An action for the screen being browsed, dispatched to the screen's own module.
fn on_screen(app: &mut App, action: Action) -> Option<Effect> {
    match app.screen {
        Screen::Setup => screens::setup::update(app, action),
        Screen::Readiness => screens::readiness::update(app, action),
        Screen::Baseline => screens::baseline::update(app, action),
        Screen::Maturity => screens::maturity::update(app, action),
        Screen::Roadmap => screens::roadmap::update(app, action),
        Screen::Summary => screens::summary::update(app, action),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        App::new(Workbook::template(), Date::new(2027, 2, 10).unwrap())
    }

    #[test]
    fn a_window_too_small_to_see_takes_only_quit_and_resize() {
        let mut a = app();
        update(&mut a, Action::GoTo(Screen::Readiness));
        update(&mut a, Action::Resize(79, 40));
        assert_eq!(update(&mut a, Action::Toggle), None);
        assert_eq!(update(&mut a, Action::Down), None);
        assert_eq!(update(&mut a, Action::GoTo(Screen::Setup)), None);
        assert!(!a.workbook.readiness[0].items[0].done);
        assert_eq!(
            (a.screen, a.cursor[Screen::Readiness.index()]),
            (Screen::Readiness, 0)
        );
        update(&mut a, Action::Resize(80, 24));
        assert_eq!(update(&mut a, Action::Toggle), Some(Effect::Save));
        assert!(a.workbook.readiness[0].items[0].done);
        update(&mut a, Action::Resize(120, 23));
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
    }

    #[test]
    fn undo_and_redo_across_screens_say_what_they_touched() {
        let mut a = app();
        assert_eq!(update(&mut a, Action::Undo), None);
        assert_eq!(a.notice.as_deref(), Some("Nothing to undo in this session"));
        update(&mut a, Action::GoTo(Screen::Readiness));
        update(&mut a, Action::Toggle);
        update(&mut a, Action::GoTo(Screen::Maturity));
        update(&mut a, Action::Answer(crate::model::Answer::Yes));
        let answered = a.workbook.clone();
        update(&mut a, Action::GoTo(Screen::Setup));

        assert_eq!(update(&mut a, Action::Undo), Some(Effect::Save));
        assert!(
            a.notice
                .as_deref()
                .is_some_and(|n| n.contains("to Maturity"))
        );
        assert_eq!(update(&mut a, Action::Undo), Some(Effect::Save));
        assert!(!a.workbook.readiness[0].items[0].done);
        assert_eq!(a.workbook, Workbook::template());
        assert_eq!(update(&mut a, Action::Redo), Some(Effect::Save));
        assert!(a.workbook.readiness[0].items[0].done);
        assert_eq!(update(&mut a, Action::Redo), Some(Effect::Save));
        assert_eq!(a.workbook, answered);
        assert_eq!(update(&mut a, Action::Redo), None);
        // While a field is edited, Ctrl-Z does not reach the workbook.
        update(&mut a, Action::Activate);
        assert!(a.edit.is_some());
        assert_eq!(update(&mut a, Action::Undo), None);
        assert_eq!(a.workbook, answered);
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            update(app, Action::Edit(InputRequest::InsertChar(c)));
        }
    }

    /// Sets the start month on Setup as a user types it.
    fn start_in(a: &mut App, month: &str) -> Option<Effect> {
        update(a, Action::GoTo(Screen::Setup));
        // The start month is the field before the (optional) industry, the last.
        update(a, Action::End);
        update(a, Action::Up);
        update(a, Action::Activate);
        update(a, Action::Edit(InputRequest::DeleteLine));
        type_text(a, month);
        update(a, Action::Activate)
    }

    #[test]
    fn moving_the_start_asks_about_own_due_dates() {
        let mut a = app();
        a.workbook.plan.start_month = "2027-01".parse().ok();
        a.workbook.roadmap.milestones[3].due = "2027-01-20".parse().ok();
        a.workbook.roadmap.milestones[0].done_on = "2027-01-10".parse().ok();
        assert_eq!(start_in(&mut a, "2027-03"), None, "nothing changes yet");
        assert_eq!(
            a.prompt,
            Some(Prompt::MoveStart("2027-03".parse().unwrap()))
        );
        assert_eq!(a.workbook.plan.start_month, "2027-01".parse().ok());
        // Esc: nothing moves.
        update(&mut a, Action::Cancel);
        assert_eq!(a.workbook.plan.start_month, "2027-01".parse().ok());
        start_in(&mut a, "2027-03");
        assert_eq!(update(&mut a, Action::ShiftDates), Some(Effect::Save));
        assert_eq!(a.workbook.plan.start_month, "2027-03".parse().ok());
        assert_eq!(
            a.workbook.roadmap.milestones[3].due,
            "2027-03-20".parse().ok()
        );
        assert_eq!(
            a.workbook.roadmap.milestones[0].done_on,
            "2027-01-10".parse().ok()
        );
        let notice = a.notice.clone().unwrap();
        assert!(notice.contains("1 due date moved with it"), "{notice}");
        start_in(&mut a, "2027-04");
        assert_eq!(update(&mut a, Action::KeepDates), Some(Effect::Save));
        assert_eq!(
            a.workbook.roadmap.milestones[3].due,
            "2027-03-20".parse().ok()
        );
        // Without own due dates, the start just moves.
        let mut b = app();
        b.workbook.plan.start_month = "2027-01".parse().ok();
        assert_eq!(start_in(&mut b, "2027-05"), Some(Effect::Save));
        assert_eq!(b.prompt, None);
    }

    #[test]
    fn a_measurement_has_its_own_source_and_note() {
        let mut a = app();
        let uptime = a.workbook.metric_mut("uptime").unwrap();
        uptime.record("99.5", a.today, false).unwrap();
        uptime.source = "status page".into();
        a.workbook.take_snapshot("Baseline", a.today);
        update(&mut a, Action::GoTo(Screen::Baseline));
        update(&mut a, Action::Activate);
        type_text(&mut a, "99.8");
        update(&mut a, Action::Activate);
        // A kept value moves on to the next metric: back to this one.
        assert_eq!(a.selected(), 1);
        update(&mut a, Action::Up);
        update(&mut a, Action::EditSource);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        type_text(&mut a, "SLO dashboard");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        update(&mut a, Action::EditMeasurementNote);
        type_text(&mut a, "after the failover test");
        update(&mut a, Action::Activate);
        let m = a.metric(0).unwrap();
        assert_eq!(m.source, "status page", "the baseline's source stays");
        let latest = m.measurements.last().unwrap();
        assert_eq!(latest.source, "SLO dashboard");
        assert_eq!(latest.note, "after the failover test");
    }

    #[test]
    fn a_due_date_outside_the_plan_is_kept_with_a_warning() {
        let mut a = app();
        a.workbook.plan.start_month = "2027-01".parse().ok();
        a.start_edit(Field::Due(0));
        type_text(&mut a, "2027-09-01");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(
            a.workbook.roadmap.milestones[0].due,
            "2027-09-01".parse().ok()
        );
        let notice = a.notice.clone().unwrap();
        assert!(
            notice.contains("outside the plan's months (2027-01-01 to 2027-06-30)"),
            "{notice}"
        );
    }

    #[test]
    fn tab_walks_every_screen_and_wraps() {
        let mut a = app();
        let mut seen = vec![a.screen];
        for _ in 0..6 {
            update(&mut a, Action::NextScreen);
            seen.push(a.screen);
        }
        assert_eq!(seen[..6], *Screen::ALL);
        assert_eq!(seen[6], Screen::Setup);
        update(&mut a, Action::PrevScreen);
        assert_eq!(a.screen, Screen::Summary);
    }

    #[test]
    fn typing_a_team_name_saves_on_enter() {
        let mut a = app();
        assert_eq!(update(&mut a, Action::Activate), None);
        assert!(a.edit.is_some());
        type_text(&mut a, "Platform Ops");
        assert_eq!(a.workbook.plan.team, "", "nothing is stored before Enter");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.workbook.plan.team, "Platform Ops");
        assert!(a.edit.is_none());
        assert_eq!(a.save_state, SaveState::Unsaved);
    }

    #[test]
    fn cursor_editing_moves_within_the_field() {
        let mut a = app();
        update(&mut a, Action::Activate);
        type_text(&mut a, "Ops");
        update(&mut a, Action::Edit(InputRequest::GoToStart));
        type_text(&mut a, "SRE ");
        update(&mut a, Action::Activate);
        assert_eq!(a.workbook.plan.team, "SRE Ops");
    }

    #[test]
    fn a_bad_start_month_stays_in_the_field_with_a_message() {
        let mut a = app();
        a.cursor[0] = 3;
        update(&mut a, Action::Activate);
        type_text(&mut a, "2027-13");
        assert_eq!(update(&mut a, Action::Activate), None);
        let edit = a.edit.as_ref().unwrap();
        assert!(edit.error.as_ref().unwrap().contains("01 to 12"));
        assert_eq!(a.workbook.plan.start_month, None);
        // Esc restores the previous value.
        update(&mut a, Action::Cancel);
        assert!(a.edit.is_none());
        assert_eq!(a.workbook.plan.start_month, None);
        // A good one is stored normalized.
        update(&mut a, Action::Activate);
        type_text(&mut a, "2027-3");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.workbook.plan.start_month, "2027-03".parse().ok());
    }

    #[test]
    fn screen_keys_type_into_a_field_instead_of_switching() {
        let mut a = app();
        update(&mut a, Action::Activate);
        // While editing, the keymap sends characters as edits; a stray screen action
        // is ignored rather than leaving the field.
        assert_eq!(update(&mut a, Action::NextScreen), None);
        assert_eq!(a.screen, Screen::Setup);
        assert!(a.edit.is_some());
    }

    #[test]
    fn org_size_cycles_both_ways() {
        let mut a = app();
        a.cursor[0] = 2;
        assert_eq!(update(&mut a, Action::Toggle), Some(Effect::Save));
        assert_eq!(a.org_size(), OrgSize::Large);
        update(&mut a, Action::Left);
        update(&mut a, Action::Left);
        assert_eq!(a.org_size(), OrgSize::Small);
    }

    #[test]
    fn quit_while_editing_keeps_the_draft_and_the_position() {
        let mut a = app();
        update(&mut a, Action::Activate);
        type_text(&mut a, "Night shift");
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(a.workbook.plan.team, "Night shift");
        update(&mut a, Action::GoTo(Screen::Maturity));
        update(&mut a, Action::Down);
        update(&mut a, Action::Down);
        update(&mut a, Action::Quit);
        let resume = a.resume_to_save().clone();
        assert_eq!(resume.screen, "maturity");
        assert_eq!(resume.items.get("maturity"), Some(&2));
        let again = App::resuming(a.workbook.clone(), resume, a.today);
        assert_eq!(again.screen, Screen::Maturity);
        assert_eq!(again.selected(), 2);
    }

    #[test]
    fn a_kept_row_past_the_end_of_its_screen_lands_on_the_last_row() {
        let a = app();
        let mut resume = Resume {
            screen: "summary".into(),
            ..Resume::default()
        };
        resume.items.insert("summary".into(), 10_000);
        resume.items.insert("readiness".into(), 3);
        let again = App::resuming(a.workbook.clone(), resume, a.today);
        let last = |s: Screen| again.row_count(s) - 1;
        assert!(last(Screen::Summary) > 0);
        assert_eq!(again.cursor[Screen::Summary.index()], last(Screen::Summary));
        assert_eq!(again.cursor[Screen::Readiness.index()], 3);
        // A screen with nothing kept starts on its first row.
        assert_eq!(again.cursor[Screen::Maturity.index()], 0);
    }

    #[test]
    fn setup_is_a_form_enter_keeps_a_field_and_moves_on() {
        let mut a = app();
        update(&mut a, Action::Activate);
        type_text(&mut a, "Platform Ops");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.setup_field(), SetupField::Lead);
        update(&mut a, Action::Activate);
        type_text(&mut a, "Dana");
        update(&mut a, Action::Activate);
        assert_eq!(a.setup_field(), SetupField::OrgSize);
        let size = a.workbook.plan.org_size;
        assert_eq!(
            update(&mut a, Action::Activate),
            None,
            "Enter does not cycle"
        );
        assert_eq!(a.workbook.plan.org_size, size);
        assert_eq!(a.setup_field(), SetupField::StartMonth);
        // A refused value keeps the field open where it is.
        update(&mut a, Action::Activate);
        type_text(&mut a, "soon");
        update(&mut a, Action::Activate);
        assert!(a.edit.is_some());
        assert_eq!(a.setup_field(), SetupField::StartMonth);
    }

    #[test]
    fn quit_with_a_draft_that_cannot_be_kept_asks_first() {
        let mut a = app();
        for _ in 0..3 {
            update(&mut a, Action::Down);
        }
        update(&mut a, Action::Activate);
        type_text(&mut a, "someday");
        assert_eq!(update(&mut a, Action::Quit), None, "not yet");
        let error = a.edit.as_ref().and_then(|e| e.error.clone()).unwrap();
        assert!(error.contains("quit again to leave without it"), "{error}");
        assert_eq!(a.edit.as_ref().unwrap().input.value(), "someday");
        // Typing makes it a new draft: the question is asked again.
        update(&mut a, Action::Edit(InputRequest::DeletePrevChar));
        assert_eq!(update(&mut a, Action::Quit), None);
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(a.workbook.plan.start_month, None);
    }

    #[test]
    fn cursor_stays_in_range() {
        let mut a = app();
        update(&mut a, Action::GoTo(Screen::Readiness));
        update(&mut a, Action::End);
        // 15 readiness items and the 8 of the exit check.
        assert_eq!(a.selected(), 22);
        update(&mut a, Action::Down);
        assert_eq!(a.selected(), 22);
        update(&mut a, Action::Home);
        update(&mut a, Action::Up);
        assert_eq!(a.selected(), 0);
    }

    #[test]
    fn help_opens_and_closes() {
        let mut a = app();
        update(&mut a, Action::Help);
        assert_eq!(a.overlay, Some(Overlay::Help));
        update(&mut a, Action::Down);
        assert_eq!(
            a.selected(),
            0,
            "keys do not reach the screen under the overlay"
        );
        update(&mut a, Action::Cancel);
        assert_eq!(a.overlay, None);
    }

    #[test]
    fn help_and_the_guide_open_on_every_screen() {
        for &screen in Screen::ALL {
            let mut a = app();
            update(&mut a, Action::GoTo(screen));
            update(&mut a, Action::Guide);
            assert_eq!(a.overlay, Some(Overlay::Guide), "{screen:?}");
            update(&mut a, Action::Cancel);
            update(&mut a, Action::Help);
            assert_eq!(a.overlay, Some(Overlay::Help), "{screen:?}");
        }
    }

    #[test]
    fn help_opens_over_a_field_and_a_question_and_closes_back_to_them() {
        let mut a = app();
        update(&mut a, Action::Activate);
        assert!(a.edit.is_some());
        update(&mut a, Action::Help);
        assert_eq!(a.mode(), Mode::Overlay(Overlay::Help));
        // q closes help; the field and its draft are still there.
        update(&mut a, Action::Quit);
        assert!(matches!(a.mode(), Mode::Editing(_)));
        update(&mut a, Action::Cancel);
        update(&mut a, Action::GoTo(Screen::Summary));
        update(&mut a, Action::Export);
        assert!(matches!(a.mode(), Mode::Prompt(_)));
        let (_, right) = crate::keymap::footer_hints(&a);
        assert!(right.contains(&("?", "help")), "{right:?}");
        update(&mut a, Action::Help);
        assert_eq!(a.mode(), Mode::Overlay(Overlay::Help));
        update(&mut a, Action::Cancel);
        assert!(matches!(a.mode(), Mode::Prompt(_)));
        update(&mut a, Action::Cancel);
        // And over the check-in.
        a.workbook.plan.start_month = "2027-01".parse().ok();
        a.offer_checkin();
        assert_eq!(a.mode(), Mode::CheckIn);
        update(&mut a, Action::Help);
        assert_eq!(a.mode(), Mode::Overlay(Overlay::Help));
        update(&mut a, Action::Cancel);
        assert_eq!(a.mode(), Mode::CheckIn);
    }

    #[test]
    fn saving_keys_work_on_the_roadmap_too() {
        let mut a = app();
        update(&mut a, Action::GoTo(Screen::Roadmap));
        assert_eq!(update(&mut a, Action::SaveNow), Some(Effect::Save));
        update(&mut a, Action::SaveAs);
        assert_eq!(a.edit.as_ref().map(|e| e.field), Some(Field::SaveAs));
    }

    #[test]
    fn space_ticks_a_readiness_item_and_enter_edits_its_note() {
        let mut a = app();
        update(&mut a, Action::GoTo(Screen::Readiness));
        update(&mut a, Action::Down);
        assert_eq!(update(&mut a, Action::Toggle), Some(Effect::Save));
        assert!(a.readiness_item(1).unwrap().done);
        // A tick moves on to the next item; taking it back stays.
        assert_eq!(a.selected(), 2);
        update(&mut a, Action::Up);
        update(&mut a, Action::Toggle);
        assert!(!a.readiness_item(1).unwrap().done);
        assert_eq!(a.selected(), 1);
        update(&mut a, Action::Activate);
        type_text(&mut a, "  no on-call rota yet ");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.readiness_item(1).unwrap().note, "no on-call rota yet");
        // A note that is too long is refused with its length.
        update(&mut a, Action::Activate);
        type_text(&mut a, &"x".repeat(MAX_NOTE + 1));
        assert_eq!(update(&mut a, Action::Activate), None);
        assert!(
            a.edit
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("at most 200")
        );
    }

    #[test]
    fn metric_values_are_parsed_dated_and_refused_when_bad() {
        let mut a = app();
        update(&mut a, Action::GoTo(Screen::Baseline));
        update(&mut a, Action::Activate);
        type_text(&mut a, "99,5 %");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        let m = a.metric(0).unwrap();
        assert_eq!(m.value, "99,5 %");
        assert_eq!(m.normalized, Some(crate::model::Normalized::Number(99.5)));
        assert_eq!(
            m.measured_on,
            "2027-02-10".parse().ok(),
            "the first value is dated today"
        );

        // A kept value moves on to the next metric; a bad value keeps the field
        // open and the old value stored.
        assert_eq!(a.selected(), 1);
        update(&mut a, Action::Up);
        update(&mut a, Action::Activate);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        type_text(&mut a, "150");
        assert_eq!(update(&mut a, Action::Activate), None);
        let error = a.edit.as_ref().unwrap().error.clone().unwrap();
        assert!(
            error.contains("uptime is a percentage from 0 to 100, such as 99.95"),
            "{error}"
        );
        assert_eq!(a.metric(0).unwrap().value, "99,5 %");
        update(&mut a, Action::Cancel);
        assert_eq!(a.metric(0).unwrap().value, "99,5 %");

        // Measured-on and source.
        update(&mut a, Action::EditMeasuredOn);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        type_text(&mut a, "2027-13-01");
        assert_eq!(update(&mut a, Action::Activate), None);
        assert!(
            a.edit
                .as_ref()
                .unwrap()
                .error
                .as_ref()
                .unwrap()
                .contains("2027-01-15")
        );
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        type_text(&mut a, "2027-01-31");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        update(&mut a, Action::EditSource);
        type_text(&mut a, "from the PagerDuty export");
        update(&mut a, Action::Activate);
        let m = a.metric(0).unwrap();
        assert_eq!(
            (m.measured_on, m.source.as_str()),
            ("2027-01-31".parse().ok(), "from the PagerDuty export")
        );

        // An empty value clears the metric.
        update(&mut a, Action::Activate);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        assert_eq!(a.metric(0).unwrap().normalized, None);
        assert_eq!(a.workbook.baseline_progress().done, 0);
    }

    #[test]
    fn maturity_answers_and_notes() {
        let mut a = app();
        update(&mut a, Action::GoTo(Screen::Maturity));
        assert_eq!(
            update(&mut a, Action::Answer(Answer::Yes)),
            Some(Effect::Save)
        );
        assert_eq!(a.question(0).unwrap().1.answer, Answer::Yes);
        assert_eq!(a.selected(), 1, "answering moves to the next question");
        update(&mut a, Action::Up);
        assert_eq!(
            update(&mut a, Action::Answer(Answer::Yes)),
            None,
            "no change, no save"
        );
        assert_eq!(
            update(&mut a, Action::Answer(Answer::NotApplicable)),
            Some(Effect::Save)
        );
        update(&mut a, Action::Up);
        assert_eq!(a.question(1).unwrap().1.answer, Answer::NotApplicable);
        update(&mut a, Action::Answer(Answer::Unanswered));
        assert_eq!(a.question(1).unwrap().1.answer, Answer::Unanswered);
        update(&mut a, Action::Activate);
        type_text(&mut a, "Loki for all services");
        update(&mut a, Action::Activate);
        assert_eq!(a.question(1).unwrap().1.note, "Loki for all services");
        // The last question of the last dimension is reachable.
        update(&mut a, Action::End);
        assert_eq!(a.question(a.selected()).unwrap().0, 5);
        update(&mut a, Action::SwitchPanel);
        assert_eq!(a.overlay, Some(Overlay::Phases));
        update(&mut a, Action::Cancel);
        assert_eq!(a.overlay, None);
    }
}

//! The one place key codes live: `assets/keymap.toml`, parsed here into bindings of
//! keys to actions. The footer and the help overlay are made from the same bindings,
//! with labels rendered from the keys, so what they say cannot disagree with what the
//! keys do.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;
use tui_input::InputRequest;

use crate::app::vote::Stage;
use crate::app::{Action, App, Mode, Prompt as AppPrompt, Screen};
use crate::model::Answer;
use crate::report::Format;
use crate::screens::roadmap::{Focus, Item as RoadmapItem};
use crate::screens::summary::SummaryItem;

/// The keymap, embedded at build time.
pub const KEYMAP: &str = include_str!("../assets/keymap.toml");

/// A key with the modifier that matters (Ctrl; Shift is part of the character, and a
/// key pressed with Alt matches nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    /// Reads a key name of `assets/keymap.toml`.
    fn parse(name: &str) -> Result<Self, String> {
        let plain = |code| Self { code, ctrl: false };
        if let Some(c) = name.strip_prefix("Ctrl-") {
            let mut chars = c.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Self {
                    code: KeyCode::Char(c.to_ascii_lowercase()),
                    ctrl: true,
                }),
                _ => Err(format!("'{name}': Ctrl- takes one character")),
            };
        }
        Ok(plain(match name {
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Space" => KeyCode::Char(' '),
            "F1" => KeyCode::F(1),
            _ => {
                let mut chars = name.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("'{name}' is not a key name")),
                }
            }
        }))
    }

    /// How the footer and the help write the key.
    pub fn label(self) -> String {
        match self.code {
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) if self.ctrl => format!("Ctrl-{}", c.to_ascii_uppercase()),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        }
    }

    fn is_arrow(self) -> bool {
        matches!(
            self.code,
            KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
        )
    }
}

/// The label of a binding: its first `show` keys, arrows side by side (`←→`), others
/// joined by `/` (`↑/k`, `n/Esc`).
fn label_of(keys: &[Key]) -> String {
    let mut out = String::new();
    for (i, k) in keys.iter().enumerate() {
        let joined = i > 0 && !(k.is_arrow() && keys[i - 1].is_arrow());
        if joined {
            out.push('/');
        }
        out.push_str(&k.label());
    }
    out
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any screen, when no field is being edited.
    Global,
    /// One screen only.
    Screen(Screen),
    /// While a text field is being edited.
    Editing,
    /// While the help overlay is open.
    Help,
    /// While planbook asks a question, such as whether to delete.
    Prompt,
    /// While the monthly check-in is open.
    CheckIn,
    /// During a voting round.
    Vote,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Screen(s) => s.title(),
            Self::Editing => "Editing a field",
            Self::Help => "Help and guide",
            Self::Prompt => "Questions",
            Self::CheckIn => "Monthly check-in",
            Self::Vote => "A voting round",
        }
    }

    /// How many scopes there are.
    const COUNT: usize = 6 + Screen::ALL.len();

    /// The scope's place among `COUNT`.
    fn slot(self) -> usize {
        match self {
            Self::Global => 0,
            Self::Editing => 1,
            Self::Help => 2,
            Self::Prompt => 3,
            Self::CheckIn => 4,
            Self::Vote => 5,
            Self::Screen(s) => 6 + s.index(),
        }
    }

    fn parse(name: &str) -> Result<Self, String> {
        Ok(match name {
            "global" => Self::Global,
            "editing" => Self::Editing,
            "help" => Self::Help,
            "prompt" => Self::Prompt,
            "checkin" => Self::CheckIn,
            "vote" => Self::Vote,
            other => Self::Screen(
                Screen::ALL
                    .iter()
                    .copied()
                    .find(|s| s.id() == other)
                    .ok_or_else(|| format!("'{other}' is not a scope"))?,
            ),
        })
    }
}

/// A condition on the app's state under which a binding applies.
type Condition = fn(&App) -> bool;

/// Whether the footer shows a binding.
#[derive(Debug, Clone, Copy)]
enum Footer {
    Never,
    Always,
    When(Condition),
}

/// One binding of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    pub scope: Scope,
    pub keys: Vec<Key>,
    /// The keys as the footer and the help write them, rendered from `keys`.
    pub label: String,
    /// What the keys do; `None` for a line that is a hint only (such as `←→↑↓ move`).
    pub action: Option<Action>,
    pub hint: Cow<'static, str>,
    /// What the footer says, when it says something else than the help.
    footer_hint: Cow<'static, str>,
    footer: Footer,
    /// Whether the binding applies in the app's state (for example, on one row only).
    when: Condition,
    /// Where it applies within its scope, for the help (`on a milestone`), if its
    /// condition is a place.
    pub place: Option<&'static str>,
}

impl Binding {
    fn applies(&self, app: &App) -> bool {
        (self.when)(app)
    }

    fn in_footer(&self, app: &App) -> bool {
        match self.footer {
            Footer::Never => false,
            Footer::Always => true,
            Footer::When(c) => c(app),
        }
    }
}

/// The conditions `when` and `footer` may name.
fn condition(name: &str) -> Option<Condition> {
    Some(match name {
        "on-org-size" => |app| {
            app.screen == Screen::Setup && app.setup_field() == crate::app::SetupField::OrgSize
        },
        "on-industry" => |app| {
            app.screen == Screen::Setup && app.setup_field() == crate::app::SetupField::Industry
        },
        "on-text-field" => |app| {
            app.screen == Screen::Setup
                && !matches!(
                    app.setup_field(),
                    crate::app::SetupField::OrgSize | crate::app::SetupField::Industry
                )
        },
        // Screen switching works only with no overlay or check-in in front.
        "screens-reachable" => |app| app.overlay.is_none() && app.checkin.is_none(),
        "on-gap" => |app| matches!(app.summary_item(), Some(SummaryItem::Gap(_))),
        "on-summary-milestone" => {
            |app| matches!(app.summary_item(), Some(SummaryItem::Milestone(_)))
        }
        "on-checkin-milestone" => |app| app.checkin_milestone().is_some(),
        "on-checkin-entry" => |app| app.checkin.is_some() && app.checkin_milestone().is_none(),
        // Over a field or a question, q closes help instead of quitting.
        "quits" => |app| app.overlay.is_none() || (app.edit.is_none() && app.prompt.is_none()),
        "on-summary-metric" => |app| {
            matches!(
                app.summary_item(),
                Some(SummaryItem::Metric(_) | SummaryItem::Behind(_))
            )
        },
        "on-challenge" => |app| matches!(app.summary_item(), Some(SummaryItem::Challenge(_))),
        "on-crosscheck" => |app| matches!(app.summary_item(), Some(SummaryItem::CrossCheck(_))),
        "on-solution" => |app| matches!(app.summary_item(), Some(SummaryItem::Solution(..))),
        "on-own-mitigation" => {
            |app| matches!(app.summary_item(), Some(SummaryItem::OwnMitigation(_)))
        }
        "on-chart" => |app| app.roadmap.focus == Focus::Chart,
        "on-list" => |app| app.roadmap.focus == Focus::List,
        "on-milestone" => |app| matches!(app.roadmap_item(), Some(RoadmapItem::Milestone(_))),
        "asks-kind" => |app| app.prompt == Some(AppPrompt::AddKind),
        "asks-gap" => |app| matches!(app.prompt, Some(AppPrompt::GapMilestone { .. })),
        "asks-export" => |app| app.prompt == Some(AppPrompt::ExportFormat),
        "asks-delete" => |app| matches!(app.prompt, Some(AppPrompt::Delete(_))),
        "asks-remove" => |app| matches!(app.prompt, Some(AppPrompt::Remove(_))),
        "asks-shift" => |app| matches!(app.prompt, Some(AppPrompt::Shift { .. })),
        "asks-path" => |app| matches!(app.prompt, Some(AppPrompt::Path { .. })),
        "has-path" => |app| app.path_metric().is_some(),
        "vote-asking" => |app| matches!(app.vote.map(|r| r.stage), Some(Stage::Asking(_))),
        "vote-hidden" => |app| matches!(app.vote.map(|r| r.stage), Some(Stage::Hidden(_))),
        "vote-revealed" => |app| matches!(app.vote.map(|r| r.stage), Some(Stage::Revealed)),
        "on-own-question" => |app| {
            app.screen == Screen::Maturity
                && app.question(app.selected()).is_some_and(|(_, q)| q.added)
        },
        "asks-correct" => |app| matches!(app.prompt, Some(AppPrompt::CorrectBaseline(_))),
        "baseline-fixed" => |app| app.workbook.baselines_fixed(),
        "asks-move" => |app| matches!(app.prompt, Some(AppPrompt::MoveStart(_))),
        "has-snapshots" => |app| !app.workbook.snapshots.is_empty(),
        "asks-conflict" => |app| app.prompt == Some(AppPrompt::Conflict),
        "can-cancel" => |app| app.prompt != Some(AppPrompt::Conflict),
        "save-failed" => |app| matches!(app.save_state, crate::app::SaveState::Failed(_)),
        _ => return None,
    })
}

/// The place a condition stands for, as the help names it; `None` for conditions that
/// are not places (the window's width, whether screens can be switched).
fn place(name: &str) -> Option<&'static str> {
    Some(match name {
        "on-org-size" => "On the organization size",
        "on-text-field" => "On a text field",
        "on-gap" => "On a maturity gap",
        "on-summary-milestone" => "On a milestone to chase",
        "on-checkin-milestone" => "On a milestone",
        "on-checkin-entry" => "On a metric, a measure or the snapshot",
        "on-summary-metric" => "On a metric",
        "on-challenge" => "On a challenge",
        "on-crosscheck" => "On a cross-check to discuss",
        "on-solution" => "On a challenge's solution",
        "on-own-mitigation" => "On the team's own mitigation",
        "on-chart" => "On the chart",
        "on-list" => "In a cell's list",
        "on-milestone" => "On a milestone in the list",
        "asks-kind" => "When asked what to add",
        "asks-gap" => "When asked where a gap goes",
        "asks-export" => "When asked for a report format",
        "asks-delete" => "When asked to delete",
        "asks-remove" => "When asked to remove",
        "asks-shift" => "When a shift is previewed",
        "asks-path" => "While a metric's path is planned",
        "vote-asking" => "While a voter answers",
        "vote-hidden" => "While the laptop is passed",
        "vote-revealed" => "Once the counts are shown",
        "on-own-question" => "On the team's own question",
        "asks-correct" => "When asked to correct a baseline",
        "asks-move" => "When the start month moves",
        "asks-conflict" => "When the file changed on disk",
        "baseline-fixed" => "Once the baselines are fixed",
        "has-snapshots" => "Once there are snapshots",
        _ => return None,
    })
}

/// The actions `action` may name.
fn action_named(name: &str) -> Option<Action> {
    let screen = |id: &str| Screen::ALL.iter().copied().find(|s| s.id() == id);
    Some(match name {
        "next-screen" => Action::NextScreen,
        "prev-screen" => Action::PrevScreen,
        "up" => Action::Up,
        "down" => Action::Down,
        "left" => Action::Left,
        "right" => Action::Right,
        "page-up" => Action::PageUp,
        "page-down" => Action::PageDown,
        "home" => Action::Home,
        "end" => Action::End,
        "toggle" => Action::Toggle,
        "activate" => Action::Activate,
        "edit-measured-on" => Action::EditMeasuredOn,
        "edit-target" => Action::EditTarget,
        "edit-unit" => Action::EditUnit,
        "edit-path" => Action::EditPath,
        "next-metric" => Action::NextMetric,
        "shift-later" => Action::ShiftLater,
        "shift-earlier" => Action::ShiftEarlier,
        "present" => Action::Present,
        "start-vote" => Action::StartVote,
        "vote-skip" => Action::VoteSkip,
        "next-split" => Action::NextSplit,
        "list-splits" => Action::ListSplits,
        "set-timebox" => Action::SetTimebox,
        "edit-level" => Action::EditLevel,
        "edit-source" => Action::EditSource,
        "correct-baseline" => Action::CorrectBaseline,
        "edit-measurement-note" => Action::EditMeasurementNote,
        "answer-yes" => Action::Answer(Answer::Yes),
        "answer-no" => Action::Answer(Answer::No),
        "answer-na" => Action::Answer(Answer::NotApplicable),
        "answer-clear" => Action::Answer(Answer::Unanswered),
        "switch-panel" => Action::SwitchPanel,
        "compare" => Action::Compare,
        "shift-dates" => Action::ShiftDates,
        "keep-dates" => Action::KeepDates,
        "add" => Action::Add,
        "add-activity" => Action::AddActivity,
        "add-milestone" => Action::AddMilestone,
        "rename" => Action::Rename,
        "delete" => Action::Delete,
        "confirm" => Action::Confirm,
        "edit-owner" => Action::EditOwner,
        "edit-due" => Action::EditDue,
        "edit-done-on" => Action::EditDoneOn,
        "guide" => Action::Guide,
        "snapshot" => Action::Snapshot,
        "export" => Action::Export,
        "save-now" => Action::SaveNow,
        "save-as" => Action::SaveAs,
        "keep-mine" => Action::KeepMine,
        "take-theirs" => Action::TakeTheirs,
        "cancel" => Action::Cancel,
        "help" => Action::Help,
        "quit" => Action::Quit,
        "undo" => Action::Undo,
        "redo" => Action::Redo,
        "export-all" => Action::ExportAll,
        _ => {
            if let Some(id) = name.strip_prefix("goto-") {
                Action::GoTo(screen(id)?)
            } else if let Some(format) = name.strip_prefix("export-") {
                Action::ExportAs(format.parse::<Format>().ok()?)
            } else {
                return None;
            }
        }
    })
}

/// A `[[bind]]` table as written in `assets/keymap.toml`.
/// One `[[bind]]` entry, as written: borrowed text where it is compiled in
/// (`EMBEDDED`), owned where a keymap is parsed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    scope: Cow<'static, str>,
    keys: Cow<'static, [Cow<'static, str>]>,
    show: Option<usize>,
    action: Option<Cow<'static, str>>,
    hint: Cow<'static, str>,
    footer_hint: Option<Cow<'static, str>>,
    #[serde(default)]
    footer: FooterEntry,
    when: Option<Cow<'static, str>>,
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum FooterEntry {
    #[default]
    No,
    Flag(bool),
    When(Cow<'static, str>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    bind: Vec<Entry>,
}

/// Parses a keymap: every binding, or what is wrong with the first bad one.
pub fn parse(text: &str) -> Result<Vec<Binding>, String> {
    let file: KeymapFile = toml::from_str(text).map_err(|e| e.to_string())?;
    build(&file.bind)
}

/// The keymap as `build.rs` compiled it from `assets/keymap.toml`: the same entries,
/// static, with no TOML to parse and no text to allocate when planbook starts.
static EMBEDDED: &[Entry] = include!(concat!(env!("OUT_DIR"), "/keymap.rs"));

/// Bindings from the keymap's entries: every one, or what is wrong with the first bad
/// one.
fn build(entries: &[Entry]) -> Result<Vec<Binding>, String> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| build_one(i, e))
        .collect()
}

/// The binding of entry `e`, the `i`th (from 0) of its keymap.
fn build_one(i: usize, e: &Entry) -> Result<Binding, String> {
    let at = |why: String| format!("binding {} ({}): {why}", i + 1, e.hint);
    let keys = e
        .keys
        .iter()
        .map(|k| Key::parse(k))
        .collect::<Result<Vec<_>, _>>()
        .map_err(at)?;
    let named =
        |name: &str| condition(name).ok_or_else(|| at(format!("'{name}' is not a condition")));
    let footer = match &e.footer {
        FooterEntry::No | FooterEntry::Flag(false) => Footer::Never,
        FooterEntry::Flag(true) => Footer::Always,
        FooterEntry::When(name) => Footer::When(named(name)?),
    };
    let action = match e.action.as_deref() {
        Some(name) => {
            Some(action_named(name).ok_or_else(|| at(format!("'{name}' is not an action")))?)
        }
        None => None,
    };
    let shown = e.show.unwrap_or(keys.len()).min(keys.len());
    Ok(Binding {
        scope: Scope::parse(&e.scope).map_err(at)?,
        label: label_of(&keys[..shown]),
        keys,
        action,
        footer_hint: e.footer_hint.clone().unwrap_or_else(|| e.hint.clone()),
        hint: e.hint.clone(),
        footer,
        when: match &e.when {
            Some(name) => named(name)?,
            None => |_| true,
        },
        place: e.when.as_deref().and_then(place),
    })
}

/// Every binding, in the order the help overlay lists them.
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    // The embedded keymap is checked by a test: a broken one is a build defect.
    build(EMBEDDED).expect("assets/keymap.toml is a valid keymap")
});

/// The bindings of one scope, in keymap order, built when the scope is first in use:
/// a start builds only the few its first screen needs (about 30 of 150; building the
/// whole keymap took 0.1 ms of the first frame).
fn scoped(scope: Scope) -> &'static [Binding] {
    static BUILT: [OnceLock<Vec<Binding>>; Scope::COUNT] =
        [const { OnceLock::new() }; Scope::COUNT];
    BUILT[scope.slot()].get_or_init(|| {
        EMBEDDED
            .iter()
            .enumerate()
            .filter(|(_, e)| Scope::parse(&e.scope).is_ok_and(|s| s == scope))
            .map(|(i, e)| build_one(i, e).expect("assets/keymap.toml is a valid keymap"))
            .collect()
    })
}

/// The scope of the mode the app is in.
pub fn scope_of(app: &App) -> Scope {
    match app.mode() {
        Mode::Editing(_) => Scope::Editing,
        Mode::Prompt(_) => Scope::Prompt,
        Mode::Overlay(_) => Scope::Help,
        Mode::CheckIn => Scope::CheckIn,
        Mode::Vote => Scope::Vote,
        Mode::Screen(s) => Scope::Screen(s),
    }
}

/// The label of the key bound to `action` in `scope`, for a hint in the text of a
/// screen (`p plans it`), so that the text says the key the keymap binds.
pub fn label_for(scope: Scope, action: Action) -> Option<&'static str> {
    scoped(scope)
        .iter()
        .find(|b| b.action == Some(action))
        .map(|b| b.label.as_str())
}

/// The bindings that apply now, most specific first.
pub fn active(app: &App) -> impl Iterator<Item = &'static Binding> {
    let scope = scope_of(app);
    // A voting round takes only its own keys: nothing else may happen mid-round.
    let with_global = !matches!(scope, Scope::Editing | Scope::Prompt | Scope::Vote);
    let global: &[Binding] = if with_global {
        scoped(Scope::Global)
    } else {
        &[]
    };
    scoped(scope)
        .iter()
        .chain(global)
        .filter(|b| b.applies(app))
}

fn matches(k: &Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    !alt && k.ctrl == ctrl && k.code == ev.code
}

/// The action for a key press in the app's current state, if any.
pub fn action_for(app: &App, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let bound = active(app)
        .filter(|b| b.action.is_some())
        .find(|b| b.keys.iter().any(|k| matches(k, ev)));
    if let Some(b) = bound {
        return b.action;
    }
    if app.edit.is_some() {
        return edit_request(ev).map(Action::Edit);
    }
    None
}

/// The text-editing keys, as the help overlay lists them (see `edit_request`).
pub const EDIT_KEYS: &[(&str, &str)] = &[
    ("←/→", "move the cursor"),
    ("Ctrl-←/→", "move by word"),
    ("Home/Ctrl-A", "start of field"),
    ("End/Ctrl-E", "end of field"),
    ("Backspace/Del", "delete a character"),
    ("Ctrl-W", "delete a word"),
    ("Ctrl-U", "clear the field"),
    ("Ctrl-K", "delete to the end"),
];

/// Text-editing keys of a field: the usual readline-style set.
pub fn edit_request(ev: &KeyEvent) -> Option<InputRequest> {
    use InputRequest as R;
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    Some(match (ev.code, ctrl, alt) {
        (KeyCode::Char('a'), true, _) | (KeyCode::Home, _, _) => R::GoToStart,
        (KeyCode::Char('e'), true, _) | (KeyCode::End, _, _) => R::GoToEnd,
        (KeyCode::Char('u'), true, _) => R::DeleteLine,
        (KeyCode::Char('k'), true, _) => R::DeleteTillEnd,
        (KeyCode::Char('w'), true, _) | (KeyCode::Backspace, _, true) => R::DeletePrevWord,
        (KeyCode::Left, true, _) | (KeyCode::Char('b'), _, true) => R::GoToPrevWord,
        (KeyCode::Right, true, _) | (KeyCode::Char('f'), _, true) => R::GoToNextWord,
        (KeyCode::Left, false, _) => R::GoToPrevChar,
        (KeyCode::Right, false, _) => R::GoToNextChar,
        (KeyCode::Backspace, _, _) => R::DeletePrevChar,
        (KeyCode::Delete, _, _) => R::DeleteNextChar,
        (KeyCode::Char(c), false, false) if !c.is_control() => R::InsertChar(c),
        _ => return None,
    })
}

/// A key and what it does, as the footer shows it.
pub type Hint = (&'static str, &'static str);

/// Footer hints for the current state, as `(keys, what they do)`: first those of
/// the screen or field, then the ones that work everywhere.
pub fn footer_hints(app: &App) -> (Vec<Hint>, Vec<Hint>) {
    let scope = scope_of(app);
    // Help stands with the keys that work everywhere, at the right, in every mode.
    let right = |b: &Binding| b.scope == Scope::Global || b.action == Some(Action::Help);
    let hints = |global: bool| {
        active(app)
            .filter(|b| b.in_footer(app) && right(b) == global)
            .filter(|b| global || b.scope == scope)
            .map(|b| (b.label.as_str(), b.footer_hint.as_ref()))
            .collect()
    };
    (hints(false), hints(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Workbook;
    use jiff::civil::Date;

    fn app() -> App {
        App::new(Workbook::template(), Date::new(2027, 1, 1).unwrap())
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn digits_switch_screens_unless_editing() {
        let mut a = app();
        assert_eq!(
            action_for(&a, &press(KeyCode::Char('3'))),
            Some(Action::GoTo(Screen::Baseline))
        );
        crate::app::update(&mut a, Action::Activate);
        assert_eq!(
            action_for(&a, &press(KeyCode::Char('3'))),
            Some(Action::Edit(InputRequest::InsertChar('3')))
        );
        assert_eq!(
            action_for(&a, &press(KeyCode::Char('q'))),
            Some(Action::Edit(InputRequest::InsertChar('q')))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&a, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn row_and_layout_bound_keys_apply_only_there() {
        let mut a = app();
        let left = press(KeyCode::Left);
        assert_eq!(
            action_for(&a, &left),
            None,
            "on Team name, Left does nothing"
        );
        // The industry, last, and the organization size take Left; the start month
        // between them does not.
        crate::app::update(&mut a, Action::End);
        assert_eq!(action_for(&a, &left), Some(Action::Left));
        crate::app::update(&mut a, Action::Up);
        assert_eq!(action_for(&a, &left), None);
        crate::app::update(&mut a, Action::Up);
        assert_eq!(action_for(&a, &left), Some(Action::Left));
        crate::app::update(&mut a, Action::GoTo(Screen::Maturity));
        let p = press(KeyCode::Char('p'));
        assert_eq!(action_for(&a, &p), Some(Action::SwitchPanel));
        crate::app::update(&mut a, Action::Resize(160, 48));
        assert_eq!(
            action_for(&a, &p),
            Some(Action::SwitchPanel),
            "every phase in full, on any layout"
        );
        assert!(footer_hints(&a).0.contains(&("p", "phases")));
    }

    #[test]
    fn shifted_question_mark_opens_help() {
        let a = app();
        let ev = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&a, &ev), Some(Action::Help));
    }

    #[test]
    fn no_key_means_two_things_at_once() {
        // Every state a user can be in: each screen, each roadmap focus, each
        // question, help and editing.
        let mut states = Vec::new();
        for &screen in Screen::ALL {
            for focus in [Focus::Chart, Focus::List] {
                for prompt in [None, Some(AppPrompt::AddKind)] {
                    let mut a = app();
                    a.workbook.plan.start_month = "2027-01".parse().ok();
                    crate::app::update(&mut a, Action::GoTo(screen));
                    a.roadmap.focus = focus;
                    a.prompt = prompt;
                    states.push(a);
                }
            }
        }
        let mut help = app();
        help.overlay = Some(crate::app::Overlay::Help);
        states.push(help);
        let mut editing = app();
        crate::app::update(&mut editing, Action::Activate);
        states.push(editing);
        let mut failed = app();
        crate::app::outcome::settle(
            &mut failed,
            crate::app::outcome::Outcome::SaveFailed {
                why: "disk full".into(),
                quitting: false,
            },
        );
        states.push(failed);
        let mut conflict = app();
        crate::app::outcome::settle(&mut conflict, crate::app::outcome::Outcome::Conflict);
        states.push(conflict);
        let mut checkin = app();
        checkin.checkin = Some(crate::screens::summary::CheckIn::default());
        states.push(checkin);
        for prompt in [
            AppPrompt::ExportFormat,
            AppPrompt::GapMilestone {
                question: 0,
                month: 1,
                track: 0,
            },
        ] {
            let mut a = app();
            a.prompt = Some(prompt);
            states.push(a);
        }
        for a in &states {
            // Hint-only lines (`←→↑↓ move`) bind nothing.
            let active: Vec<_> = active(a).filter(|b| b.action.is_some()).collect();
            for (i, x) in active.iter().enumerate() {
                for y in &active[i + 1..] {
                    // A screen binding may shadow a global one on purpose.
                    if x.scope != y.scope {
                        continue;
                    }
                    for k in &x.keys {
                        assert!(!y.keys.contains(k), "{k:?} twice in {:?}", x.scope);
                    }
                }
            }
        }
    }

    #[test]
    fn footer_comes_from_the_keymap() {
        let a = app();
        let (local, global) = footer_hints(&a);
        assert!(local.contains(&("Enter", "edit")));
        assert!(global.contains(&("q", "quit")));
        assert!(global.contains(&("?", "help")));
    }
}

#[cfg(test)]
mod conflict_keys {
    use super::*;
    use crate::model::Workbook;
    use jiff::civil::Date;

    #[test]
    fn k_and_r_answer_a_conflict() {
        let mut a = App::new(Workbook::template(), Date::new(2027, 1, 1).unwrap());
        crate::app::outcome::settle(&mut a, crate::app::outcome::Outcome::Conflict);
        let k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
        assert_eq!(action_for(&a, &k), Some(Action::KeepMine));
        assert_eq!(
            crate::app::update(&mut a, Action::KeepMine),
            Some(crate::app::Effect::KeepMine)
        );
        crate::app::outcome::settle(&mut a, crate::app::outcome::Outcome::Conflict);
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            action_for(&a, &esc),
            None,
            "a conflict cannot be brushed aside"
        );
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(action_for(&a, &r), Some(Action::TakeTheirs));
    }

    #[test]
    fn the_embedded_keymap_parses_and_labels_come_from_the_keys() {
        let bindings = parse(KEYMAP).unwrap();
        assert!(bindings.len() > 60, "{}", bindings.len());
        let label = |hint: &str| {
            bindings
                .iter()
                .find(|b| b.hint == hint)
                .map(|b| b.label.clone())
                .unwrap()
        };
        assert_eq!(label("quit"), "q");
        assert_eq!(label("move"), "←→↑↓");
        assert_eq!(label("up"), "↑/k");
        assert_eq!(label("cancel"), "Esc");
        assert_eq!(label("save now"), "Ctrl-S");
        assert_eq!(label("previous screen"), "S-Tab");
    }

    #[test]
    fn the_compiled_keymap_is_the_toml_one() {
        let parsed = parse(KEYMAP).unwrap();
        assert_eq!(parsed.len(), BINDINGS.len());
        for (a, b) in parsed.iter().zip(BINDINGS.iter()) {
            assert_eq!(
                (
                    a.scope,
                    &a.keys,
                    &a.label,
                    a.action,
                    &a.hint,
                    &a.footer_hint
                ),
                (
                    b.scope,
                    &b.keys,
                    &b.label,
                    b.action,
                    &b.hint,
                    &b.footer_hint
                )
            );
            assert_eq!(format!("{:?}", a.footer), format!("{:?}", b.footer));
            assert_eq!(a.when as usize, b.when as usize, "{}", a.hint);
            assert_eq!(a.place, b.place, "{}", a.hint);
        }
    }

    #[test]
    fn each_scope_built_alone_has_its_bindings_of_the_whole_keymap_in_order() {
        let scopes = [
            Scope::Global,
            Scope::Editing,
            Scope::Help,
            Scope::Prompt,
            Scope::CheckIn,
            Scope::Vote,
        ]
        .into_iter()
        .chain(Screen::ALL.iter().map(|&s| Scope::Screen(s)));
        let mut slots = Vec::new();
        let mut total = 0;
        for scope in scopes {
            slots.push(scope.slot());
            let alone = scoped(scope);
            let of_all: Vec<&Binding> = BINDINGS.iter().filter(|b| b.scope == scope).collect();
            assert!(!alone.is_empty(), "{scope:?} has bindings");
            assert_eq!(alone.len(), of_all.len(), "{scope:?}");
            for (a, b) in alone.iter().zip(of_all) {
                assert_eq!(
                    (a.scope, &a.keys, &a.label, a.action, &a.hint),
                    (b.scope, &b.keys, &b.label, b.action, &b.hint)
                );
                assert_eq!(a.when as usize, b.when as usize, "{}", a.hint);
            }
            total += alone.len();
        }
        // Every scope has its own slot, and together they hold the whole keymap.
        slots.sort_unstable();
        assert_eq!(slots, (0..Scope::COUNT).collect::<Vec<_>>());
        assert_eq!(total, BINDINGS.len());
    }

    #[test]
    fn a_bad_keymap_says_which_binding_and_why() {
        let bad = "[[bind]]\nscope = \"global\"\nkeys = [\"Ctrl-\"]\naction = \"quit\"\nhint = \"quit\"\n";
        assert!(parse(bad).unwrap_err().contains("binding 1 (quit)"));
        let bad = bad
            .replace("Ctrl-", "q")
            .replace("\"quit\"\nhint", "\"leave\"\nhint");
        assert!(
            parse(&bad)
                .unwrap_err()
                .contains("'leave' is not an action")
        );
        let bad = bad.replace("leave", "quit").replace("global", "everywhere");
        assert!(
            parse(&bad)
                .unwrap_err()
                .contains("'everywhere' is not a scope")
        );
    }

    #[test]
    fn a_key_with_alt_triggers_no_plain_binding() {
        let a = App::new(Workbook::template(), Date::new(2027, 1, 1).unwrap());
        let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
        assert_eq!(action_for(&a, &alt_q), None);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&a, &q), Some(Action::Quit));
    }

    #[test]
    fn every_bindable_action_has_a_key() {
        let bound: Vec<Action> = BINDINGS.iter().filter_map(|b| b.action).collect();
        let mut wanted = vec![
            Action::NextScreen,
            Action::PrevScreen,
            Action::Up,
            Action::Down,
            Action::Left,
            Action::Right,
            Action::PageUp,
            Action::PageDown,
            Action::Home,
            Action::End,
            Action::Toggle,
            Action::Activate,
            Action::EditMeasuredOn,
            Action::EditTarget,
            Action::EditUnit,
            Action::EditPath,
            Action::NextMetric,
            Action::EditLevel,
            Action::ShiftLater,
            Action::ShiftEarlier,
            Action::Present,
            Action::StartVote,
            Action::VoteSkip,
            Action::NextSplit,
            Action::ListSplits,
            Action::SetTimebox,
            Action::EditSource,
            Action::SwitchPanel,
            Action::Add,
            Action::AddActivity,
            Action::AddMilestone,
            Action::Rename,
            Action::Delete,
            Action::Confirm,
            Action::EditOwner,
            Action::EditDue,
            Action::Guide,
            Action::Snapshot,
            Action::Export,
            Action::ExportAll,
            Action::SaveNow,
            Action::SaveAs,
            Action::KeepMine,
            Action::TakeTheirs,
            Action::Cancel,
            Action::Help,
            Action::Quit,
        ];
        wanted.extend(Screen::ALL.iter().copied().map(Action::GoTo));
        wanted.extend(Format::ALL.iter().copied().map(Action::ExportAs));
        wanted.extend(
            [
                Answer::Yes,
                Answer::No,
                Answer::NotApplicable,
                Answer::Unanswered,
            ]
            .map(Action::Answer),
        );
        for a in wanted {
            assert!(bound.contains(&a), "{a:?} has no key");
        }
    }
}

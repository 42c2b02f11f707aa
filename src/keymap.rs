//! The one place key codes live: keys to actions, and the hint text that the footer
//! and the help overlay are generated from.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::InputRequest;

use crate::app::roadmap::{Focus, Item as RoadmapItem};
use crate::app::summary::SummaryItem;
use crate::app::{Action, App, Prompt as AppPrompt, Screen};
use crate::model::Answer;
use crate::report::Format;

/// A key with the modifiers that matter (Ctrl and Alt; Shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
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
        }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help, such as `Tab/S-Tab`.
    pub label: &'static str,
    pub action: Action,
    pub hint: &'static str,
    /// Shown in the footer (every binding is in the help overlay).
    pub footer: bool,
    /// Whether the binding applies in the app's state (for example, on one row only).
    pub when: fn(&App) -> bool,
}

impl Binding {
    const fn only_when(self, when: fn(&App) -> bool) -> Self {
        Self { when, ..self }
    }
}

fn always(_: &App) -> bool {
    true
}

/// The Maturity panel has two views only below this width; above, both show.
pub const MATURITY_WIDE: u16 = 140;

fn narrow_maturity(app: &App) -> bool {
    app.width < MATURITY_WIDE
}

/// Screen switching works only with no overlay or check-in in front.
fn screens_reachable(app: &App) -> bool {
    app.overlay.is_none() && app.checkin.is_none()
}

fn on_gap(app: &App) -> bool {
    matches!(app.summary_item(), Some(SummaryItem::Gap(_)))
}

fn on_summary_milestone(app: &App) -> bool {
    matches!(app.summary_item(), Some(SummaryItem::Milestone(_)))
}

fn on_summary_metric(app: &App) -> bool {
    matches!(app.summary_item(), Some(SummaryItem::Metric(_)))
}

fn on_chart(app: &App) -> bool {
    app.roadmap.focus == Focus::Chart
}

fn on_list(app: &App) -> bool {
    app.roadmap.focus == Focus::List
}

fn on_milestone(app: &App) -> bool {
    matches!(app.roadmap_item(), Some(RoadmapItem::Milestone(_)))
}

fn asks_kind(app: &App) -> bool {
    app.prompt == Some(AppPrompt::AddKind)
}

fn asks_gap(app: &App) -> bool {
    matches!(app.prompt, Some(AppPrompt::GapMilestone { .. }))
}

fn asks_export(app: &App) -> bool {
    app.prompt == Some(AppPrompt::ExportFormat)
}

fn asks_conflict(app: &App) -> bool {
    app.prompt == Some(AppPrompt::Conflict)
}

fn can_cancel(app: &App) -> bool {
    !asks_conflict(app)
}

fn save_ok(app: &App) -> bool {
    !save_failed(app)
}

fn save_failed(app: &App) -> bool {
    matches!(app.save_state, crate::app::SaveState::Failed(_))
}

fn asks_delete(app: &App) -> bool {
    matches!(app.prompt, Some(AppPrompt::Delete(_)))
}

fn on_org_size(app: &App) -> bool {
    app.screen == Screen::Setup && app.setup_field() == crate::app::SetupField::OrgSize
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    hint: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        action,
        hint,
        footer,
        when: always,
    }
}

use Scope::{Editing, Global, Help, Prompt};

const ROADMAP: Scope = Scope::Screen(Screen::Roadmap);
const SUMMARY: Scope = Scope::Screen(Screen::Summary);

/// Every binding, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    // Setup
    bind(
        Scope::Screen(Screen::Setup),
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "edit",
        true,
    ),
    bind(
        Scope::Screen(Screen::Setup),
        &[
            key(KeyCode::Left),
            key(KeyCode::Right),
            ch(' '),
            ch('h'),
            ch('l'),
        ],
        "←→",
        Action::Toggle,
        "change size",
        true,
    )
    .only_when(on_org_size),
    // Readiness
    bind(
        Scope::Screen(Screen::Readiness),
        &[ch(' ')],
        "Space",
        Action::Toggle,
        "tick",
        true,
    ),
    bind(
        Scope::Screen(Screen::Readiness),
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "note",
        true,
    ),
    // Baseline
    bind(
        Scope::Screen(Screen::Baseline),
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "value",
        true,
    ),
    bind(
        Scope::Screen(Screen::Baseline),
        &[ch('d')],
        "d",
        Action::EditMeasuredOn,
        "date",
        true,
    ),
    bind(
        Scope::Screen(Screen::Baseline),
        &[ch('s')],
        "s",
        Action::EditSource,
        "source",
        true,
    ),
    // Maturity
    bind(
        Scope::Screen(Screen::Maturity),
        &[ch('y')],
        "y",
        Action::Answer(Answer::Yes),
        "yes",
        true,
    ),
    bind(
        Scope::Screen(Screen::Maturity),
        &[ch('n')],
        "n",
        Action::Answer(Answer::No),
        "no",
        true,
    ),
    bind(
        Scope::Screen(Screen::Maturity),
        &[ch('x')],
        "x",
        Action::Answer(Answer::NotApplicable),
        "n/a",
        true,
    ),
    bind(
        Scope::Screen(Screen::Maturity),
        &[key(KeyCode::Backspace), key(KeyCode::Delete)],
        "Bksp",
        Action::Answer(Answer::Unanswered),
        "clear",
        false,
    ),
    bind(
        Scope::Screen(Screen::Maturity),
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "note",
        true,
    ),
    bind(
        Scope::Screen(Screen::Maturity),
        &[ch('p')],
        "p",
        Action::SwitchPanel,
        "phases",
        true,
    )
    .only_when(narrow_maturity),
    // Roadmap
    bind(
        ROADMAP,
        &[key(KeyCode::Left), ch('h')],
        "←",
        Action::Left,
        "previous month",
        false,
    ),
    bind(
        ROADMAP,
        &[key(KeyCode::Right), ch('l')],
        "→",
        Action::Right,
        "next month",
        false,
    ),
    bind(ROADMAP, &[], "←→↑↓", Action::Down, "move", true).only_when(on_chart),
    bind(
        ROADMAP,
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "open cell",
        true,
    )
    .only_when(on_chart),
    bind(ROADMAP, &[ch(' ')], "Space", Action::Toggle, "tick", true).only_when(on_list),
    bind(ROADMAP, &[ch('a')], "a", Action::Add, "add", true),
    bind(
        ROADMAP,
        &[ch('e')],
        "e",
        Action::Rename,
        "rename track",
        true,
    )
    .only_when(on_chart),
    bind(
        ROADMAP,
        &[ch('e'), key(KeyCode::Enter)],
        "e",
        Action::Rename,
        "rename",
        true,
    )
    .only_when(on_list),
    bind(ROADMAP, &[ch('d')], "d", Action::Delete, "delete", true).only_when(on_list),
    bind(ROADMAP, &[ch('o')], "o", Action::EditOwner, "owner", true).only_when(on_milestone),
    bind(ROADMAP, &[ch('u')], "u", Action::EditDue, "due date", true).only_when(on_milestone),
    bind(
        ROADMAP,
        &[key(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "chart",
        true,
    )
    .only_when(on_list),
    // Summary
    bind(
        SUMMARY,
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "add to roadmap",
        true,
    )
    .only_when(on_gap),
    bind(
        SUMMARY,
        &[key(KeyCode::Enter), ch(' ')],
        "Space",
        Action::Activate,
        "tick",
        true,
    )
    .only_when(on_summary_milestone),
    bind(
        SUMMARY,
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "open metric",
        true,
    )
    .only_when(on_summary_metric),
    bind(
        Scope::Screen(Screen::Summary),
        &[ch('s')],
        "s",
        Action::Snapshot,
        "snapshot",
        true,
    ),
    bind(
        Scope::Screen(Screen::Summary),
        &[ch('x')],
        "x",
        Action::Export,
        "export",
        true,
    ),
    // Monthly check-in
    bind(
        Scope::CheckIn,
        &[ch(' ')],
        "Space",
        Action::Toggle,
        "tick",
        true,
    ),
    bind(
        Scope::CheckIn,
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "edit",
        true,
    ),
    bind(
        Scope::CheckIn,
        &[key(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "skip",
        true,
    ),
    // Questions
    bind(
        Prompt,
        &[ch('m')],
        "m",
        Action::AddMilestone,
        "milestone",
        true,
    )
    .only_when(asks_kind),
    bind(
        Prompt,
        &[ch('a'), ch('t')],
        "a",
        Action::AddActivity,
        "activity",
        true,
    )
    .only_when(asks_kind),
    bind(Prompt, &[ch('y')], "y", Action::Confirm, "delete", true).only_when(asks_delete),
    bind(
        Prompt,
        &[key(KeyCode::Left), ch('h')],
        "←→",
        Action::Left,
        "month",
        true,
    )
    .only_when(asks_gap),
    bind(
        Prompt,
        &[key(KeyCode::Right), ch('l')],
        "→",
        Action::Right,
        "next month",
        false,
    )
    .only_when(asks_gap),
    bind(
        Prompt,
        &[key(KeyCode::Up), ch('k')],
        "↑↓",
        Action::Up,
        "track",
        true,
    )
    .only_when(asks_gap),
    bind(
        Prompt,
        &[key(KeyCode::Down), ch('j')],
        "↓",
        Action::Down,
        "next track",
        false,
    )
    .only_when(asks_gap),
    bind(
        Prompt,
        &[key(KeyCode::Enter), ch('y')],
        "Enter",
        Action::Confirm,
        "add",
        true,
    )
    .only_when(asks_gap),
    bind(
        Prompt,
        &[ch('m')],
        "m",
        Action::ExportAs(Format::Markdown),
        "markdown",
        true,
    )
    .only_when(asks_export),
    bind(
        Prompt,
        &[ch('j')],
        "j",
        Action::ExportAs(Format::Json),
        "json",
        true,
    )
    .only_when(asks_export),
    bind(
        Prompt,
        &[ch('c')],
        "c",
        Action::ExportAs(Format::Csv),
        "csv",
        true,
    )
    .only_when(asks_export),
    bind(
        Prompt,
        &[ch('g')],
        "g",
        Action::ExportAs(Format::Mermaid),
        "mermaid",
        true,
    )
    .only_when(asks_export),
    bind(Prompt, &[ch('k')], "k", Action::KeepMine, "keep mine", true).only_when(asks_conflict),
    bind(
        Prompt,
        &[ch('r')],
        "r",
        Action::TakeTheirs,
        "reload theirs",
        true,
    )
    .only_when(asks_conflict),
    bind(
        Prompt,
        &[ch('n'), key(KeyCode::Esc)],
        "n/Esc",
        Action::Cancel,
        "cancel",
        true,
    )
    .only_when(can_cancel),
    bind(
        Prompt,
        &[ctrl('c')],
        "Ctrl-C",
        Action::Quit,
        "save & quit",
        false,
    ),
    // Editing a field
    bind(
        Editing,
        &[key(KeyCode::Enter)],
        "Enter",
        Action::Activate,
        "confirm",
        true,
    ),
    bind(
        Editing,
        &[key(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "cancel",
        true,
    ),
    bind(
        Editing,
        &[ctrl('c')],
        "Ctrl-C",
        Action::Quit,
        "save & quit",
        true,
    ),
    // Help overlay
    bind(
        Help,
        &[key(KeyCode::Esc)],
        "Esc",
        Action::Cancel,
        "close",
        true,
    ),
    // A hint only: the movement keys of `Global` scroll the overlay.
    bind(Help, &[], "↑↓ PgUp PgDn", Action::Down, "scroll", true),
    // Everywhere
    bind(
        Global,
        &[key(KeyCode::Up), ch('k')],
        "↑/k",
        Action::Up,
        "up",
        false,
    ),
    bind(
        Global,
        &[key(KeyCode::Down), ch('j')],
        "↓/j",
        Action::Down,
        "down",
        false,
    ),
    bind(
        Global,
        &[key(KeyCode::PageUp)],
        "PgUp",
        Action::PageUp,
        "page up",
        false,
    ),
    bind(
        Global,
        &[key(KeyCode::PageDown)],
        "PgDn",
        Action::PageDown,
        "page down",
        false,
    ),
    bind(
        Global,
        &[key(KeyCode::Home)],
        "Home",
        Action::Home,
        "first",
        false,
    ),
    bind(
        Global,
        &[key(KeyCode::End)],
        "End",
        Action::End,
        "last",
        false,
    ),
    bind(
        Global,
        &[key(KeyCode::Tab)],
        "Tab",
        Action::NextScreen,
        "next screen",
        true,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[key(KeyCode::BackTab)],
        "S-Tab",
        Action::PrevScreen,
        "previous screen",
        false,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[ch('1')],
        "1",
        Action::GoTo(Screen::Setup),
        "Setup",
        false,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[ch('2')],
        "2",
        Action::GoTo(Screen::Readiness),
        "Readiness",
        false,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[ch('3')],
        "3",
        Action::GoTo(Screen::Baseline),
        "Baseline",
        false,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[ch('4')],
        "4",
        Action::GoTo(Screen::Maturity),
        "Maturity",
        false,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[ch('5')],
        "5",
        Action::GoTo(Screen::Roadmap),
        "Roadmap",
        false,
    )
    .only_when(screens_reachable),
    bind(
        Global,
        &[ch('6')],
        "6",
        Action::GoTo(Screen::Summary),
        "Summary",
        false,
    )
    .only_when(screens_reachable),
    bind(Global, &[ch('?')], "?", Action::Help, "help", true),
    bind(Global, &[ch('g')], "g", Action::Guide, "guide", false),
    bind(
        Global,
        &[ctrl('s')],
        "Ctrl-S",
        Action::SaveNow,
        "save now",
        false,
    )
    .only_when(save_ok),
    bind(
        Global,
        &[ctrl('s')],
        "Ctrl-S",
        Action::SaveNow,
        "retry save",
        true,
    )
    .only_when(save_failed),
    bind(
        Global,
        &[ctrl('o')],
        "Ctrl-O",
        Action::SaveAs,
        "save as",
        false,
    )
    .only_when(save_ok),
    bind(
        Global,
        &[ctrl('o')],
        "Ctrl-O",
        Action::SaveAs,
        "save as",
        true,
    )
    .only_when(save_failed),
    bind(
        Global,
        &[ch('q'), ctrl('c')],
        "q",
        Action::Quit,
        "quit",
        true,
    ),
];

/// The scope the app is in: editing, help, or a screen.
pub fn scope_of(app: &App) -> Scope {
    if app.edit.is_some() {
        Editing
    } else if app.prompt.is_some() {
        Prompt
    } else if app.overlay.is_some() {
        Help
    } else if app.checkin.is_some() {
        Scope::CheckIn
    } else {
        Scope::Screen(app.screen)
    }
}

/// The bindings that apply now, most specific first.
pub fn active(app: &App) -> impl Iterator<Item = &'static Binding> {
    let scope = scope_of(app);
    let with_global = !matches!(scope, Editing | Prompt);
    BINDINGS
        .iter()
        .filter(move |b| b.scope == scope)
        .chain(
            BINDINGS
                .iter()
                .filter(move |b| with_global && b.scope == Global),
        )
        .filter(|b| (b.when)(app))
}

fn matches(k: &Key, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    k.ctrl == ctrl && k.code == ev.code
}

/// The action for a key press in the app's current state, if any.
pub fn action_for(app: &App, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(b) = active(app).find(|b| b.keys.iter().any(|k| matches(k, ev))) {
        // On Setup, Left moves the size back rather than forward.
        if b.action == Action::Toggle && matches!(ev.code, KeyCode::Left | KeyCode::Char('h')) {
            return Some(Action::Left);
        }
        return Some(b.action);
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
    let local = active(app)
        .filter(|b| b.footer && b.scope == scope)
        .map(|b| (b.label, b.hint))
        .collect();
    let global = active(app)
        .filter(|b| b.footer && b.scope == Global)
        .map(|b| (b.label, b.hint))
        .collect();
    (local, global)
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
        crate::app::update(&mut a, Action::End);
        crate::app::update(&mut a, Action::Up);
        assert_eq!(action_for(&a, &left), Some(Action::Left));
        crate::app::update(&mut a, Action::GoTo(Screen::Maturity));
        let p = press(KeyCode::Char('p'));
        assert_eq!(action_for(&a, &p), Some(Action::SwitchPanel));
        crate::app::update(&mut a, Action::Resize(160, 48));
        assert_eq!(action_for(&a, &p), None, "wide layouts show both panels");
        assert!(!footer_hints(&a).0.contains(&("p", "phases")));
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
        for screen in Screen::ALL {
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
        checkin.checkin = Some(crate::app::summary::CheckIn::default());
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
            let active: Vec<_> = active(a).collect();
            for (i, x) in active.iter().enumerate() {
                for y in &active[i + 1..] {
                    // A screen binding may shadow a global one on purpose.
                    if x.scope != y.scope {
                        continue;
                    }
                    for k in x.keys {
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
}

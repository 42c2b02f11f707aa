//! Properties over many generated inputs: scoring is monotone and no key sequence
//! makes `update` panic.

#![allow(clippy::unwrap_used)] // tests may unwrap

use jiff::civil::Date;
use planbook::app::{Action, App, Screen, update};
use planbook::model::maturity::assess;
use planbook::model::{Answer, Workbook};
use proptest::prelude::*;
use tui_input::InputRequest;

fn answer(i: u8) -> Answer {
    [
        Answer::Unanswered,
        Answer::Yes,
        Answer::No,
        Answer::NotApplicable,
    ][usize::from(i % 4)]
}

proptest! {
    /// Changing one answer from no to yes never lowers any dimension's level.
    #[test]
    fn a_yes_never_lowers_a_level(
        answers in proptest::collection::vec(0u8..4, 30),
        pick in 0usize..30,
    ) {
        let mut wb = Workbook::template();
        for (q, a) in wb.maturity.iter_mut().flat_map(|d| d.questions.iter_mut()).zip(&answers) {
            q.answer = answer(*a);
        }
        let q = wb.maturity.iter_mut().flat_map(|d| d.questions.iter_mut()).nth(pick).unwrap();
        q.answer = Answer::No;
        let before: Vec<_> = assess(&wb).dimensions.iter().map(|d| d.level).collect();
        let q = wb.maturity.iter_mut().flat_map(|d| d.questions.iter_mut()).nth(pick).unwrap();
        q.answer = Answer::Yes;
        let after: Vec<_> = assess(&wb).dimensions.iter().map(|d| d.level).collect();
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(a >= b, "{before:?} -> {after:?}");
        }
    }
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::NextScreen),
        Just(Action::PrevScreen),
        (0usize..6).prop_map(|i| Action::GoTo(Screen::ALL[i])),
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Left),
        Just(Action::Right),
        Just(Action::PageUp),
        Just(Action::PageDown),
        Just(Action::Home),
        Just(Action::End),
        Just(Action::Toggle),
        Just(Action::Activate),
        Just(Action::EditMeasuredOn),
        Just(Action::EditTarget),
        Just(Action::EditUnit),
        Just(Action::EditPath),
        Just(Action::NextMetric),
        Just(Action::ShiftLater),
        Just(Action::ShiftEarlier),
        Just(Action::EditLevel),
        Just(Action::Present),
        Just(Action::StartVote),
        Just(Action::VoteSkip),
        Just(Action::NextSplit),
        Just(Action::ListSplits),
        Just(Action::SetTimebox),
        (0u64..100_000).prop_map(Action::Tick),
        Just(Action::EditSource),
        Just(Action::CorrectBaseline),
        Just(Action::EditMeasurementNote),
        Just(Action::Cancel),
        Just(Action::Help),
        Just(Action::SwitchPanel),
        Just(Action::Compare),
        Just(Action::ShiftDates),
        Just(Action::KeepDates),
        (0u8..4).prop_map(|a| Action::Answer(answer(a))),
        (1u16..300, 1u16..100).prop_map(|(w, h)| Action::Resize(w, h)),
        any::<char>().prop_map(|c| Action::Edit(InputRequest::InsertChar(c))),
        Just(Action::Edit(InputRequest::DeletePrevChar)),
        Just(Action::Edit(InputRequest::GoToStart)),
        Just(Action::Edit(InputRequest::DeleteLine)),
        Just(Action::Add),
        Just(Action::AddActivity),
        Just(Action::AddMilestone),
        Just(Action::Rename),
        Just(Action::Delete),
        Just(Action::Confirm),
        Just(Action::EditOwner),
        Just(Action::EditDue),
        Just(Action::EditDoneOn),
        Just(Action::Guide),
        Just(Action::Snapshot),
        Just(Action::Export),
        (0usize..planbook::report::Format::ALL.len())
            .prop_map(|i| Action::ExportAs(planbook::report::Format::ALL[i])),
        Just(Action::ExportAll),
        Just(Action::SaveNow),
        Just(Action::SaveAs),
        Just(Action::KeepMine),
        Just(Action::TakeTheirs),
        Just(Action::Quit),
        Just(Action::Undo),
        Just(Action::Redo),
    ]
}

/// Every action the strategy above must generate: a new action fails to compile here
/// until it is added there too.
#[allow(dead_code)]
fn every_action_is_generated(a: &Action) {
    match a {
        Action::NextScreen
        | Action::PrevScreen
        | Action::GoTo(_)
        | Action::Up
        | Action::Down
        | Action::Left
        | Action::Right
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End
        | Action::Toggle
        | Action::Activate
        | Action::EditMeasuredOn
        | Action::EditTarget
        | Action::EditUnit
        | Action::EditPath
        | Action::NextMetric
        | Action::ShiftLater
        | Action::ShiftEarlier
        | Action::EditLevel
        | Action::Present
        | Action::StartVote
        | Action::VoteSkip
        | Action::NextSplit
        | Action::ListSplits
        | Action::SetTimebox
        | Action::Tick(_)
        | Action::EditSource
        | Action::CorrectBaseline
        | Action::EditMeasurementNote
        | Action::Answer(_)
        | Action::SwitchPanel
        | Action::Compare
        | Action::ShiftDates
        | Action::KeepDates
        | Action::Resize(..)
        | Action::Add
        | Action::AddActivity
        | Action::AddMilestone
        | Action::Rename
        | Action::Delete
        | Action::Confirm
        | Action::EditOwner
        | Action::EditDue
        | Action::EditDoneOn
        | Action::Guide
        | Action::Snapshot
        | Action::Export
        | Action::ExportAs(_)
        | Action::ExportAll
        | Action::SaveNow
        | Action::SaveAs
        | Action::KeepMine
        | Action::TakeTheirs
        | Action::Cancel
        | Action::Help
        | Action::Quit
        | Action::Undo
        | Action::Redo
        | Action::Edit(_) => {}
    }
}

/// Draws the app at its size, as the run loop would after a key.
fn render(app: &App, height: u16) {
    let width = app.width.max(1);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    t.draw(|f| {
        planbook::ui::draw(f, app, planbook::ui::Theme::from_env());
    })
    .unwrap();
}

proptest! {
    // Each case draws a frame after every step: fewer cases, each a long session.
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any key sequence keeps the app consistent: no panic, the cursor in range, every
    /// frame drawn, and the workbook still valid.
    #[test]
    fn any_actions_keep_the_app_consistent(actions in proptest::collection::vec(action(), 0..150)) {
        let mut app = App::new(Workbook::template(), Date::new(2027, 2, 10).unwrap());
        let mut height = 24;
        for a in actions {
            if let Action::Resize(_, h) = a {
                height = h;
            }
            update(&mut app, a);
            let rows = app.row_count(app.screen);
            prop_assert!(rows == 0 || app.selected() < rows);
            render(&app, height);
        }
        prop_assert!(planbook::store::validate(&app.workbook).is_empty());
        let text = planbook::store::to_text(&app.workbook).unwrap();
        let back = planbook::store::parse(std::path::Path::new("p.toml"), &text).unwrap().workbook;
        prop_assert_eq!(back, app.workbook);
    }
}

//! Screen snapshots on ratatui's `TestBackend`, at 80x24 and at a large size.

#![allow(clippy::unwrap_used)] // tests may unwrap

use jiff::civil::Date;
use planbook::app::{Action, App, Screen, update};
use planbook::model::{Answer, Workbook, measure};
use planbook::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A workbook with some of everything filled in.
pub fn filled() -> Workbook {
    let mut wb = Workbook::template();
    wb.plan.team = "Platform Ops".into();
    wb.plan.lead = "Dana Reyes".into();
    wb.plan.start_month = "2027-01".parse().ok();
    for item in wb.readiness[0].items.iter_mut().take(4) {
        item.done = true;
    }
    wb.readiness[0].items[0].note = "Prometheus + PagerDuty".into();
    wb.readiness[1].items[1].done = true;
    for (group, metric, typed) in [
        (0, 0, "99.5"),
        (0, 1, "1h30m"),
        (0, 2, "4 min"),
        (1, 0, "60/40"),
    ] {
        let m = &mut wb.baseline[group].metrics[metric];
        m.normalized = Some(measure::parse(m, typed).unwrap());
        m.value = typed.into();
        m.measured_on = "2027-01-12".parse().ok();
    }
    wb.baseline[0].metrics[1].source = "from the PagerDuty export".into();
    for q in &mut wb.maturity[0].questions {
        q.answer = Answer::Yes;
    }
    wb.maturity[1].questions[0].answer = Answer::Yes;
    wb.maturity[1].questions[1].answer = Answer::No;
    wb.maturity[5].questions[4].answer = Answer::NotApplicable;
    for ms in wb.roadmap.milestones.iter_mut().take(3) {
        ms.done_on = "2027-01-20".parse().ok();
    }
    for a in wb.roadmap.tracks[0].activities.iter_mut().take(2) {
        a.done = true;
    }
    wb
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            ui::draw(f, app, Theme::plain());
        })
        .unwrap();
    terminal.backend().to_string()
}

fn app_on(screen: Screen, width: u16, height: u16) -> App {
    let mut app = App::new(filled(), Date::new(2027, 2, 10).unwrap());
    update(&mut app, Action::Resize(width, height));
    update(&mut app, Action::GoTo(screen));
    update(&mut app, Action::Down);
    app
}

#[test]
fn every_screen_at_80x24() {
    for &screen in Screen::ALL {
        let app = app_on(screen, 80, 24);
        insta::assert_snapshot!(format!("{}_80x24", screen.id()), render(&app, 80, 24));
    }
}

#[test]
fn every_screen_at_200x50() {
    for &screen in Screen::ALL {
        let app = app_on(screen, 200, 50);
        insta::assert_snapshot!(format!("{}_200x50", screen.id()), render(&app, 200, 50));
    }
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = app_on(Screen::Setup, 80, 24);
    update(&mut app, Action::Help);
    insta::assert_snapshot!("help_80x24", render(&app, 80, 24));
}

#[test]
fn editing_a_field_shows_the_error_under_it() {
    let mut app = app_on(Screen::Setup, 80, 24);
    // The start month, before the industry.
    update(&mut app, Action::End);
    update(&mut app, Action::Up);
    update(&mut app, Action::Activate);
    update(&mut app, Action::Edit(tui_input::InputRequest::DeleteLine));
    for c in "2027-13".chars() {
        update(
            &mut app,
            Action::Edit(tui_input::InputRequest::InsertChar(c)),
        );
    }
    update(&mut app, Action::Activate);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("! '2027-13' has month 13"), "{screen}");
    insta::assert_snapshot!("setup_error_80x24", screen);
}

#[test]
fn roadmap_list_focus_with_an_owner_and_a_due_date() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app_on(Screen::Roadmap, w, h);
        app.workbook.roadmap.milestones[6].owner = "Sam".into();
        app.workbook.roadmap.milestones[7].due = "2027-02-05".parse().ok();
        update(&mut app, Action::Right);
        update(&mut app, Action::Activate);
        for _ in 0..5 {
            update(&mut app, Action::Down);
        }
        insta::assert_snapshot!(format!("roadmap_list_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn summary_with_snapshots_and_the_guide() {
    let mut app = app_on(Screen::Summary, 80, 24);
    app.workbook
        .take_snapshot("Kickoff", Date::new(2027, 1, 15).unwrap());
    let m = &mut app.workbook.baseline[0].metrics[1];
    // Re-measured after the snapshot: a measurement, the baseline stays.
    m.record("45m", Date::new(2027, 2, 10).unwrap(), true)
        .unwrap();
    // Down to MTTR, the second metric.
    for _ in 0..40 {
        if app.summary_item() == Some(planbook::screens::summary::SummaryItem::Metric(1)) {
            break;
        }
        update(&mut app, Action::Down);
    }
    insta::assert_snapshot!("summary_snapshots_80x24", render(&app, 80, 24));
    update(&mut app, Action::Export);
    insta::assert_snapshot!("summary_export_80x24", render(&app, 80, 24));
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Guide);
    insta::assert_snapshot!("guide_80x24", render(&app, 80, 24));
}

#[test]
fn checkin_at_80x24() {
    let mut wb = filled();
    wb.take_snapshot("Kickoff", Date::new(2027, 1, 15).unwrap());
    let mut app = App::new(wb, Date::new(2027, 2, 10).unwrap());
    app.offer_checkin();
    insta::assert_snapshot!("checkin_80x24", render(&app, 80, 24));
}

#[test]
fn too_small_window_says_so() {
    let app = app_on(Screen::Roadmap, 60, 20);
    let screen = render(&app, 60, 20);
    assert!(
        screen.contains("at least 80x24; this one is 60x20"),
        "{screen}"
    );
}

/// Re-taking the assessment: compared with the snapshot, a changed answer says what
/// it was, and its dimension's level then and now.
#[test]
fn maturity_compared_with_a_snapshot() {
    let mut app = app_on(Screen::Maturity, 80, 24);
    app.workbook
        .take_snapshot("Kickoff", Date::new(2027, 1, 15).unwrap());
    let before = render(&app, 80, 24);
    assert!(!before.contains("Compared with"), "{before}");
    let q = &mut app.workbook.maturity[0].questions[0];
    let was = q.answer;
    q.answer = if was == planbook::model::Answer::Yes {
        planbook::model::Answer::No
    } else {
        planbook::model::Answer::Yes
    };
    update(&mut app, Action::Compare);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Compared with 'Kickoff' (2027-01-15): 1 answer changed"),
        "{screen}"
    );
    let word = if was == planbook::model::Answer::Yes {
        "yes"
    } else {
        "no"
    };
    assert!(screen.contains(&format!("Δ was {word}")), "{screen}");
    assert!(screen.contains("(was "), "the level then: {screen}");
    // c again goes to an earlier snapshot; there is none, so the comparison ends.
    update(&mut app, Action::Compare);
    assert!(!render(&app, 80, 24).contains("Compared with"));
}

/// A notice or a warning too long for its line wraps onto lines of its own: the file
/// name at the end of an export notice and the reason of a failed save stay readable
/// at 80x24.
#[test]
fn long_notices_and_warnings_wrap_instead_of_being_cut() {
    let mut app = app_on(Screen::Summary, 80, 24);
    let path = "/home/dana/teams/platform-operations/plans/2027/platform-ops-plan-assessment.md";
    app.notice = Some(format!("Markdown report written to {path}"));
    let screen = render(&app, 80, 24);
    // The path is broken where the line ends, not cut.
    let together: String = screen.lines().map(|l| l.trim_matches([' ', '"'])).collect();
    assert!(together.contains(path), "{screen}");
    let last = screen.lines().last().unwrap_or_default().to_string();
    assert!(
        last.contains("? help"),
        "the footer keeps its keys:\n{screen}"
    );

    app.notice = None;
    app.save_state = planbook::app::SaveState::Failed(
        "could not write /home/dana/teams/platform-operations/plan.toml: No space left on device (os error 28)".into(),
    );
    let screen = render(&app, 80, 24);
    let joined = joined(&screen);
    assert!(
        joined.contains("No space left on device (os error 28)"),
        "{screen}"
    );
    assert!(joined.contains("q twice quits without saving"), "{screen}");
    insta::assert_snapshot!(screen);
}

/// At 80x24 a selected row too long for the window is shown whole under the list,
/// wrapped between words; a row that fits takes no room.
#[test]
fn a_cut_row_is_readable_whole_under_the_list() {
    let mut app = app_on(Screen::Readiness, 80, 24);
    let i = app.selected();
    let note = "budget approved by the VP on 2026-12-12, and two extra on-call engineers funded for the pilot quarter";
    let mut n = 0;
    for c in &mut app.workbook.readiness {
        for item in &mut c.items {
            if n == i {
                item.note = note.into();
            }
            n += 1;
        }
    }
    let screen = render(&app, 80, 24);
    let joined = joined(&screen);
    assert!(joined.contains(&format!("Note: {note}")), "{screen}");
    assert!(!screen.contains("pilot qua…"), "no word is cut:\n{screen}");
    insta::assert_snapshot!(screen);

    let app = app_on(Screen::Setup, 80, 24);
    assert!(!render(&app, 80, 24).contains("Selected ─"));
}

/// Big screens are used: Gantt cells say how many activities are done, and a gauge's
/// label stands beside its bar, whose empty part is drawn.
#[test]
fn big_screens_show_figures_in_cells_and_labels_beside_gauges() {
    let app = app_on(Screen::Roadmap, 200, 50);
    let screen = render(&app, 200, 50);
    // Foundation's January cell: 2 of its activities are done.
    let foundation = screen
        .lines()
        .find(|l| l.contains(" Foundation  "))
        .unwrap_or_default();
    assert!(foundation.contains("░ 2/"), "{screen}");

    let app = app_on(Screen::Readiness, 200, 50);
    let screen = render(&app, 200, 50);
    let gauge = screen
        .lines()
        .skip_while(|l| !l.contains("✓ Technical readiness"))
        .nth(1)
        .unwrap_or_default();
    assert!(gauge.contains("█░"), "the empty part is drawn: {gauge}");
    assert!(
        gauge.contains("░ 4/5"),
        "the label is beside the bar: {gauge}"
    );
}

/// At 80x24 the Baseline's detail pane wraps its lines between words instead of
/// cutting them, and the list takes the rows the pane does not need.
#[test]
fn the_baseline_detail_wraps_and_leaves_spare_rows_to_the_list() {
    let app = app_on(Screen::Baseline, 80, 24);
    let screen = render(&app, 80, 24);
    let detail: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Mean Time To Recovery (MTTR) for incidents ─"))
        .skip(1)
        .collect();
    let joined = detail
        .iter()
        .map(|l| l.trim_matches([' ', '"']))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains("(KPI: Mean Time to Resolve (MTTR))"),
        "{screen}"
    );
    assert!(!detail.iter().any(|l| l.contains('…')), "{screen}");
    // No blank rows between the pane's last line and the footer's rule.
    let blank = detail
        .iter()
        .take_while(|l| !l.contains("────"))
        .filter(|l| l.trim_matches([' ', '"']).is_empty())
        .count();
    assert_eq!(blank, 0, "{screen}");
}

/// On the Roadmap list, a milestone too long for its row is shown whole under it,
/// and a question about it wraps.
#[test]
fn a_long_milestone_is_readable_whole_on_the_roadmap() {
    let mut app = app_on(Screen::Roadmap, 80, 24);
    let long = "Runbooks reviewed with the database, network and storage teams, and signed off by the service owners";
    app.workbook.roadmap.milestones[5].text = long.into();
    update(&mut app, Action::Right);
    update(&mut app, Action::Activate);
    for _ in 0..10 {
        if app.roadmap_item() == Some(planbook::screens::roadmap::Item::Milestone(5)) {
            break;
        }
        update(&mut app, Action::Down);
    }
    let screen = render(&app, 80, 24);
    let joined = joined(&screen);
    assert!(joined.contains(long), "{screen}");
    insta::assert_snapshot!(screen);
}

/// A refused due date on the Roadmap list says why in full at 80x24, wrapped.
#[test]
fn a_refused_due_date_is_readable_whole() {
    let mut app = on_a_roadmap_milestone();
    update(&mut app, Action::EditDue);
    for c in "2027-13-40".chars() {
        update(
            &mut app,
            Action::Edit(tui_input::InputRequest::InsertChar(c)),
        );
    }
    update(&mut app, Action::Activate);
    let message = app.edit.as_ref().and_then(|e| e.error.clone()).unwrap();
    let screen = render(&app, 80, 24);
    let joined = joined(&screen);
    assert!(joined.contains(&format!("! {message}")), "{screen}");
    assert!(screen.lines().last().unwrap().contains("help"), "{screen}");
}

/// Joins a screen's lines with their frame and scroll bar trimmed, to find text that
/// wraps over several of them.
fn joined(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches([' ', '"', '│', '█', '║']))
        .collect::<Vec<_>>()
        .join(" ")
}

/// In the check-in at 80x24, the selected milestone to chase is said whole under its
/// row, and a row that is not selected stays one line.
#[test]
fn the_checkin_says_the_selected_row_whole() {
    let mut wb = filled();
    wb.take_snapshot("Kickoff", Date::new(2027, 1, 15).unwrap());
    let long = "Initial stakeholder communications completed with every service owner";
    let i = wb
        .roadmap
        .milestones
        .iter()
        .position(|m| m.text == "Initial stakeholder communications completed")
        .unwrap();
    wb.roadmap.milestones[i].text = long.into();
    let mut app = App::new(wb, Date::new(2027, 2, 10).unwrap());
    update(&mut app, Action::Resize(80, 24));
    app.offer_checkin();
    for _ in 0..5 {
        let screen = render(&app, 80, 24);
        if screen
            .lines()
            .any(|l| l.contains('▸') && l.contains("Initial stakeholder"))
        {
            break;
        }
        update(&mut app, Action::Down);
    }
    let screen = render(&app, 80, 24);
    assert!(
        joined(&screen).contains(&format!("{long} · due 2027-01-31")),
        "{screen}"
    );
}

/// p opens every implementation phase in full over the screen, scrollable, with the
/// risks and dependencies the panel had no room for; Esc closes it.
#[test]
fn every_phase_in_full_over_the_maturity_screen() {
    let mut app = app_on(Screen::Maturity, 80, 24);
    update(&mut app, Action::SwitchPanel);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Implementation phases"), "{screen}");
    assert!(
        screen.contains("Phase 1: Foundation (in progress)"),
        "{screen}"
    );
    let last_risk = app.workbook.phases[3].dependencies.last().cloned().unwrap();
    update(&mut app, Action::End);
    let end = render(&app, 80, 24);
    assert!(joined(&end).contains(&last_risk), "{end}");
    update(&mut app, Action::Cancel);
    assert!(!render(&app, 80, 24).contains("Implementation phases ("));
}

/// A metric whose value is cut on the Summary at 80x24 is said whole under the list.
#[test]
fn a_cut_metric_is_said_whole_on_the_summary() {
    let mut app = app_on(Screen::Summary, 80, 24);
    let m = app
        .workbook
        .metric_mut("incident-frequency-severity")
        .unwrap();
    m.record("12 a month", Date::new(2027, 2, 1).unwrap(), false)
        .unwrap();
    while !matches!(
        app.summary_item(),
        Some(planbook::screens::summary::SummaryItem::Metric(3))
    ) {
        update(&mut app, Action::Down);
    }
    let screen = render(&app, 80, 24);
    assert!(
        joined(&screen).contains("Incident frequency and severity distribution: baseline 12"),
        "{screen}"
    );
}

/// D on a Roadmap milestone opens its done-date field where it can be seen.
#[test]
fn the_done_date_field_opens_on_the_roadmap_list() {
    let mut app = on_a_roadmap_milestone();
    update(&mut app, Action::EditDoneOn);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("done on ["), "{screen}");
}

/// The Roadmap at 80x24 with the first milestone of February's Core Processes cell
/// selected in its list.
fn on_a_roadmap_milestone() -> App {
    let mut app = app_on(Screen::Roadmap, 80, 24);
    update(&mut app, Action::Right);
    update(&mut app, Action::Activate);
    while !matches!(
        app.roadmap_item(),
        Some(planbook::screens::roadmap::Item::Milestone(_))
    ) {
        update(&mut app, Action::Down);
    }
    app
}

/// Presentation mode: the current question alone, large, at both sizes; the
/// Readiness item and the Summary's figures too.
#[test]
fn presentation_mode_at_80x24_and_200x50() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app_on(Screen::Maturity, w, h);
        update(&mut app, Action::Present);
        let screen = render(&app, w, h);
        assert!(!screen.contains("? help"), "no footer in presentation mode");
        insta::assert_snapshot!(format!("present_maturity_{w}x{h}"), screen);
        update(&mut app, Action::GoTo(Screen::Readiness));
        insta::assert_snapshot!(format!("present_readiness_{w}x{h}"), render(&app, w, h));
    }
}

/// A voting round: a voter sees only the question; between voters the vote is hidden;
/// at the end the counts and whether the room agrees.
#[test]
fn a_voting_round_at_80x24_and_200x50() {
    use planbook::model::Answer;
    for (w, h) in [(80, 24), (200, 50)] {
        let mut app = app_on(Screen::Maturity, w, h);
        app.start_round(planbook::app::vote::VoteOn::Question(1), 3);
        insta::assert_snapshot!(format!("vote_asking_{w}x{h}"), render(&app, w, h));
        update(&mut app, Action::Answer(Answer::Yes));
        let hidden = render(&app, w, h);
        assert!(hidden.contains("Pass the laptop to the next person, then press Enter"));
        insta::assert_snapshot!(format!("vote_hidden_{w}x{h}"), hidden);
        update(&mut app, Action::Activate);
        update(&mut app, Action::Answer(Answer::Yes));
        update(&mut app, Action::Activate);
        update(&mut app, Action::Answer(Answer::No));
        let revealed = render(&app, w, h);
        assert!(
            revealed.contains("yes 2 · no 1 · n/a 0 · ! no consensus, discuss"),
            "{revealed}"
        );
        insta::assert_snapshot!(format!("vote_revealed_{w}x{h}"), revealed);
    }
}

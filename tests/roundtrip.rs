//! Property: saving and loading any workbook gives back the same workbook.

#![allow(clippy::unwrap_used)] // tests may unwrap

use planbook::model::{Answer, OrgSize, Workbook};
use planbook::store;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Change {
    Team(String),
    Lead(String),
    Size(usize),
    Tick(usize),
    Note(usize, String),
    Value(usize, String),
    Answer(usize, u8),
    Milestone(usize, Option<(i16, i8, i8)>),
    Track(String),
    AddMilestone(usize, String),
    DeleteMilestone(usize),
    Snapshot(String),
    /// A challenge of the register: faced, a solution picked, our own, the owner.
    Challenge(usize, u8, String),
}

fn change() -> impl Strategy<Value = Change> {
    let text = "\\PC{0,30}";
    prop_oneof![
        text.prop_map(Change::Team),
        text.prop_map(Change::Lead),
        (0..4usize).prop_map(Change::Size),
        (0..15usize).prop_map(Change::Tick),
        (0..15usize, text).prop_map(|(i, s)| Change::Note(i, s)),
        (0..16usize, text).prop_map(|(i, s)| Change::Value(i, s)),
        (0..30usize, 0..4u8).prop_map(|(i, a)| Change::Answer(i, a)),
        (
            0..30usize,
            proptest::option::of((2000i16..2100, 1i8..=12, 1i8..=28))
        )
            .prop_map(|(i, d)| Change::Milestone(i, d)),
        text.prop_map(Change::Track),
        (0..30usize, text).prop_map(|(i, s)| Change::AddMilestone(i, s)),
        (0..30usize).prop_map(Change::DeleteMilestone),
        text.prop_map(Change::Snapshot),
        (0..8usize, 0..4u8, text).prop_map(|(i, op, s)| Change::Challenge(i, op, s)),
    ]
}

fn apply(wb: &mut Workbook, c: Change) {
    match c {
        Change::Challenge(i, op, s) => {
            let c = &mut wb.challenges[i];
            match op {
                0 => c.faced = !c.faced,
                1 => {
                    c.toggle_solution(0);
                }
                2 => c.own = s,
                _ => c.owner = s,
            }
        }
        Change::Team(s) => wb.plan.team = s,
        Change::Lead(s) => wb.plan.lead = s,
        Change::Size(i) => wb.plan.org_size = OrgSize::ALL[i],
        Change::Tick(i) => {
            let item = wb
                .readiness
                .iter_mut()
                .flat_map(|c| c.items.iter_mut())
                .nth(i)
                .unwrap();
            item.done = !item.done;
        }
        Change::Note(i, s) => {
            wb.readiness
                .iter_mut()
                .flat_map(|c| c.items.iter_mut())
                .nth(i)
                .unwrap()
                .note = s;
        }
        Change::Value(i, s) => {
            wb.baseline
                .iter_mut()
                .flat_map(|g| g.metrics.iter_mut())
                .nth(i)
                .unwrap()
                .value = s;
        }
        Change::Answer(i, a) => {
            let answer = [
                Answer::Unanswered,
                Answer::Yes,
                Answer::No,
                Answer::NotApplicable,
            ][usize::from(a)];
            wb.maturity
                .iter_mut()
                .flat_map(|d| d.questions.iter_mut())
                .nth(i)
                .unwrap()
                .answer = answer;
        }
        Change::Milestone(i, d) => {
            let n = wb.roadmap.milestones.len();
            wb.roadmap.milestones[i % n].done_on = d.map(|(y, m, d)| jiff::civil::date(y, m, d));
        }
        Change::Track(name) => {
            let mut track = wb.roadmap.tracks[0].clone();
            track.id = format!("own-{}", wb.roadmap.tracks.len());
            track.name = name;
            track.activities.clear();
            wb.roadmap.tracks.insert(1, track);
        }
        Change::AddMilestone(i, text) => {
            let month = wb.roadmap.milestones[i.min(wb.roadmap.milestones.len() - 1)].month;
            let _ = wb.add_milestone(month, "foundation", &text);
        }
        Change::DeleteMilestone(i) => {
            if wb.roadmap.milestones.len() > 1 {
                wb.roadmap
                    .milestones
                    .remove(i % wb.roadmap.milestones.len());
            }
        }
        Change::Snapshot(label) => {
            wb.take_snapshot(&label, jiff::civil::date(2027, 2, 10));
        }
    }
}

proptest! {
    #[test]
    fn save_load_is_lossless(changes in proptest::collection::vec(change(), 0..20)) {
        let mut wb = Workbook::template();
        for c in changes {
            apply(&mut wb, c);
        }
        let text = store::to_text(&wb).unwrap();
        let back = store::parse(std::path::Path::new("prop.toml"), &text).unwrap().workbook;
        prop_assert_eq!(&back, &wb);
        prop_assert_eq!(store::to_text(&back).unwrap(), text);
    }
}

/// A workbook as a team might have edited it by hand: comments above and beside
/// values, an inline table, a string in single quotes.
fn hand_edited() -> String {
    store::to_text(&Workbook::template())
        .unwrap()
        .replacen(
            "[plan]",
            "# reviewed with the team on 2026-12-12\n[plan]",
            1,
        )
        .replacen("lead = \"\"", "lead = '' # who runs the meeting", 1)
        .replacen(
            "[[roadmap.tracks]]",
            "# our own track\n[[roadmap.tracks]]",
            1,
        )
}

proptest! {
    /// Any edits saved over a hand-edited file read back as the edited workbook, and
    /// every comment the team wrote is still there.
    #[test]
    fn saves_over_a_hand_edited_file_keep_its_comments(
        changes in proptest::collection::vec(change(), 0..20)
    ) {
        let text = hand_edited();
        let mut wb = store::parse(std::path::Path::new("hand.toml"), &text).unwrap().workbook;
        for c in changes {
            apply(&mut wb, c);
        }
        let mut doc = store::document(&text).unwrap();
        let saved = store::text_over(&mut doc, &wb).unwrap();
        let back = store::parse(std::path::Path::new("hand.toml"), &saved).unwrap().workbook;
        prop_assert_eq!(&back, &wb);
        for comment in ["# reviewed with the team on 2026-12-12", "# who runs the meeting", "# our own track"] {
            prop_assert!(saved.contains(comment), "{} lost", comment);
        }
    }
}

proptest! {
    /// Saving only what changed since the last save gives, byte for byte, the text a
    /// merge of the whole workbook gives, save after save.
    #[test]
    fn saving_only_the_changes_equals_merging_everything(
        rounds in proptest::collection::vec(proptest::collection::vec(change(), 0..6), 1..5)
    ) {
        let text = hand_edited();
        let mut wb = store::parse(std::path::Path::new("hand.toml"), &text).unwrap().workbook;
        let mut whole = store::document(&text).unwrap();
        let mut b = text.clone();
        let mut layout = None;
        let mut last = wb.clone();
        for round in rounds {
            for c in round {
                apply(&mut wb, c);
            }
            let a = store::text_over(&mut whole, &wb).unwrap();
            store::text_over_changes(&mut b, &mut layout, &mut last, &wb).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(&last, &wb, "last is brought up to now");
            let back = store::parse(std::path::Path::new("hand.toml"), &b).unwrap().workbook;
            prop_assert_eq!(&back, &wb);
        }
    }
}

/// The edits a team makes every month rewrite only their own piece of the file: a
/// tick, a note, an answer, a milestone done, added or deleted, a track added, a
/// snapshot taken, the team renamed. (The first snapshot adds a list the file did not
/// have: that one merges the whole document.)
#[test]
fn everyday_edits_rewrite_only_their_piece() {
    let text = hand_edited();
    let mut wb = store::parse(std::path::Path::new("hand.toml"), &text)
        .unwrap()
        .workbook;
    let mut whole = store::document(&text).unwrap();
    let mut b = text.clone();
    let mut layout = None;
    let mut last = wb.clone();
    let everyday = [
        Change::Tick(3),
        Change::Note(4, "asked # twice".into()),
        Change::Value(2, "12".into()),
        Change::Answer(7, 1),
        Change::Milestone(5, Some((2027, 2, 3))),
        Change::AddMilestone(9, "our own".into()),
        Change::DeleteMilestone(2),
        Change::Track("Security".into()),
        Change::Snapshot("February".into()),
        Change::Snapshot("March".into()),
        Change::Team("Ops".into()),
        Change::Challenge(1, 0, String::new()),
        Change::Challenge(1, 1, String::new()),
        Change::Challenge(1, 2, "a budget line of our own".into()),
        Change::Challenge(6, 3, "Sam".into()),
    ];
    for c in everyday {
        let what = format!("{c:?}");
        let first_snapshot = matches!(c, Change::Snapshot(_)) && wb.snapshots.is_empty();
        apply(&mut wb, c);
        let rewrite = store::text_over_changes(&mut b, &mut layout, &mut last, &wb).unwrap();
        let expected = if first_snapshot {
            store::Rewrite::Whole
        } else {
            store::Rewrite::Pieces
        };
        assert_eq!(rewrite, expected, "{what}");
        assert_eq!(b, store::text_over(&mut whole, &wb).unwrap(), "{what}");
    }
}

proptest! {
    /// A workbook written whole (serializer, then layout on the text) is, byte for
    /// byte, the text a laid-out `toml_edit` document gives, whatever its strings hold.
    #[test]
    fn written_whole_equals_the_laid_out_document(
        changes in proptest::collection::vec(change(), 0..12),
        notes in proptest::collection::vec(any::<String>(), 0..4),
        long in proptest::collection::vec("[a-z \"'\\\\]{0,40}", 0..6),
    ) {
        let mut wb = Workbook::template();
        for c in changes {
            apply(&mut wb, c);
        }
        for (i, note) in notes.into_iter().enumerate() {
            wb.readiness[0].items[i].note = note;
        }
        wb.phases[0].risks = long;
        prop_assert_eq!(store::to_text(&wb).unwrap(), store::to_text_via_document(&wb).unwrap());
    }
}

/// The same for the large demo workbook and every fixture that loads, unknown keys
/// and all.
#[test]
fn written_whole_equals_the_laid_out_document_for_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for sub in ["bad", "v1"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(loaded) = store::parse(&path, &text) else {
                continue;
            };
            let wb = loaded.workbook;
            assert_eq!(
                store::to_text(&wb).unwrap(),
                store::to_text_via_document(&wb).unwrap(),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} fixtures load");
    let large = planbook::model::demo::large();
    assert_eq!(
        store::to_text(&large).unwrap(),
        store::to_text_via_document(&large).unwrap()
    );
}

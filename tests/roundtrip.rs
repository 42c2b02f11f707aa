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
    Milestone(usize, String),
    Resume(String, usize),
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
        (0..30usize, "[0-9-]{0,10}").prop_map(|(i, s)| Change::Milestone(i, s)),
        ("[a-z]{0,8}", 0..40usize).prop_map(|(s, i)| Change::Resume(s, i)),
    ]
}

fn apply(wb: &mut Workbook, c: Change) {
    match c {
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
        Change::Milestone(i, s) => wb.roadmap.milestones[i].done_on = s,
        Change::Resume(s, i) => {
            wb.resume.items.insert(s, i);
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

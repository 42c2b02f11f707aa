//! End-to-end: what if the Tools track slips a month from month 3? The preview lists
//! what moves before anything does; Esc changes nothing; Enter moves the open
//! milestones (and leaves done ones); Ctrl-Z puts the file back.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml_when};

fn tools_months(wb: &toml::Table) -> Vec<(String, i64)> {
    wb["roadmap"]["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["track"].as_str() == Some("tools"))
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_string(),
                m["month"].as_integer().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_track_shifted_a_month_moves_its_open_milestones_once_previewed() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let mut wb = planbook::model::Workbook::template();
    wb.plan.start_month = "2027-01".parse().ok();
    // Month 2's Tools milestone is done: it never moves.
    let done = wb
        .roadmap
        .milestones
        .iter_mut()
        .find(|m| m.track == "tools" && m.month == 4)
        .unwrap();
    done.done_on = "2027-03-01".parse().ok();
    let done_id = done.id.clone();
    planbook::store::save(&path, &wb).unwrap();
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-03-10"]);
    pb.press_until(keys::ESC, "Check-in skipped until next month");
    let before = std::fs::read(&path).unwrap();
    let months_before = tools_months(&toml::from_str(&String::from_utf8_lossy(&before)).unwrap());

    // Tools is the third track; month 3 is two to the right of month 1.
    pb.press_until("5", "Foundation");
    pb.send(keys::DOWN);
    pb.send(keys::DOWN);
    pb.send(keys::RIGHT);
    pb.send(keys::RIGHT);
    pb.press_until(">", "Move Tools's open work from Mar 2027 by +1 month:");
    pb.wait_for("milestone: Advanced capabilities operational · May 27 → Jun 27");
    pb.send(keys::ESC);
    pb.wait_until("the preview closed", |s| {
        !s.contains("What if the track moves?")
    });
    assert_eq!(std::fs::read(&path).unwrap(), before, "Esc changes nothing");

    pb.press_until(">", "What if the track moves?");
    pb.send(keys::ENTER);
    pb.wait_for("Shifted");
    let wb = read_toml_when(&path, "the shift saved", |wb| {
        tools_months(wb) != months_before
    });
    for ((id, was), (_, now)) in months_before.iter().zip(tools_months(&wb)) {
        if *id == done_id || *was < 3 {
            assert_eq!(now, *was, "{id} stays");
        } else {
            assert_eq!(now, was + 1, "{id} moves a month");
        }
    }
    // One change: one undo puts the file back.
    pb.send("\x1a");
    pb.wait_for("Undid a change to the Roadmap");
    read_toml_when(&path, "the file back", |wb| {
        tools_months(wb) == months_before
    });
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

//! End-to-end: MTTR has a baseline of 60 min and heads for 30 min over six months.
//! The Baseline screen shows the planned value of each month; a measurement above the
//! path is behind, by how much, there, under the roadmap's chart and on the Summary;
//! a month planned by the team bends the path and is kept in the workbook.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use common::{Sandbox, keys, read_toml_when};

fn planned(wb: &toml::Table) -> Option<toml::Table> {
    wb["baseline"]
        .as_array()?
        .iter()
        .flat_map(|g| g["metrics"].as_array().unwrap())
        .find(|m| m["id"].as_str() == Some("mttr"))?
        .get("planned")?
        .as_table()
        .cloned()
}

#[test]
fn a_measurement_above_the_path_is_behind_and_a_planned_month_bends_it() {
    let sandbox = Sandbox::new();
    let path = sandbox.dir.path().join("plan.toml");
    let mut wb = planbook::model::Workbook::template();
    wb.plan.start_month = "2027-01".parse().ok();
    let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let mttr = wb.metric_mut("mttr").unwrap();
    mttr.record("60 min", day("2027-01-05"), false).unwrap();
    assert_eq!(mttr.set_target("at most 30 min"), Ok(true));
    wb.take_snapshot("Baseline", day("2027-01-10"));
    planbook::store::save(&path, &wb).unwrap();
    let arg = path.to_str().unwrap();
    let mut pb = sandbox.start(&[arg, "--today", "2027-02-12"]);
    pb.press_until(keys::ESC, "Check-in skipped until next month");

    // A planned value for each month: 60 to 30 over six months.
    pb.press_until("3", "Metric");
    pb.press_until(keys::DOWN, "Path");
    pb.wait_for("planned ▇▆▅▃▂▁ 55      50      45      40      35      30");

    // February's measurement, 58 min, is above the path's 50.
    pb.press_until(keys::ENTER, "New value");
    pb.type_text("58");
    pb.send(keys::ENTER);
    pb.press_until(keys::UP, "! 8 min behind in Feb 27: 58 against 50 planned");
    pb.wait_for("58 !");

    // Under the roadmap's chart, and on the Summary with how much.
    pb.press_until("5", "Foundation");
    pb.wait_for("58 !");
    pb.press_until("6", "! 1 behind its path to the target");
    // Up from the last row, through the metrics and the challenges, to the list.
    let mut screen = pb.press_until(keys::END, "automation confidence");
    for _ in 0..60 {
        if screen.contains("Behind their path") {
            break;
        }
        pb.send(keys::UP);
        screen = pb.wait_until("the cursor to move up", |s| s != screen);
    }
    pb.wait_for("MTTR: 8 min behind the path in Feb 2027 (58 min against 50 min");

    // The team plans March at 52 min: the file keeps it, the path bends through it.
    pb.press_until("3", "Path");
    pb.press_until("p", "Enter plan the month");
    pb.send(keys::RIGHT);
    pb.press_until(keys::ENTER, "Planned");
    for _ in 0..8 {
        pb.send(keys::BACKSPACE);
    }
    pb.type_text("52");
    pb.send(keys::ENTER);
    pb.wait_for("52*");
    let saved = read_toml_when(&path, "the planned month saved", |wb| planned(wb).is_some());
    let months = planned(&saved).unwrap();
    assert_eq!(months.len(), 1, "{months:?}");
    assert_eq!(months["3"].as_integer(), Some(52));

    // Backspace makes March straight again.
    pb.send(keys::BACKSPACE);
    pb.wait_for("on the straight path again");
    read_toml_when(&path, "the planned month gone", |wb| planned(wb).is_none());
    pb.press_until(keys::ESC, "Enter value");
    pb.send("q");
    assert_eq!(pb.wait_exit(), 0);
}

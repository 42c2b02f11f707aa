//! `planbook rollup`: a folder of generated team workbooks, one broken file and one
//! unrelated TOML file. Every team is listed, the broken file is named with its
//! line and column and makes the exit status 1, the other TOML file is skipped, and
//! no workbook is written or locked.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::Path;

use planbook::model::demo::demo_team;

const TODAY: &str = "2027-04-20";

/// A folder with `n` teams (some in a subfolder), a broken workbook, a `Cargo.toml`
/// and a hidden folder that must not be searched.
fn portfolio(dir: &Path, n: u64) {
    std::fs::create_dir_all(dir.join("emea")).unwrap();
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let today = TODAY.parse().unwrap();
    for seed in 1..=n {
        let sub = if seed % 2 == 0 { "emea" } else { "" };
        let wb = demo_team(seed, today);
        planbook::store::save(&dir.join(sub).join(format!("team-{seed}.toml")), &wb).unwrap();
    }
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(
        dir.join("broken.toml"),
        "format = 4\n[plan]\nteam = \"Broken\"\norg_size = \"huge\"\n",
    )
    .unwrap();
    std::fs::write(dir.join(".git").join("config.toml"), "format = 4\n[plan]\n").unwrap();
}

fn snapshot_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                files.push((
                    e.path().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
    }
    files.sort();
    files
}

fn rollup(home: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["rollup", "--today", TODAY];
    all.extend(args);
    let out = common::run(home, &all);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_team_is_listed_the_broken_one_named_and_nothing_written() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    portfolio(dir.path(), 9);
    let before = snapshot_of(dir.path());
    let arg = dir.path().to_str().unwrap();

    let (code, out, _) = rollup(home.path(), &[arg]);
    assert_eq!(code, 1, "a file failed: {out}");
    for seed in 1..=9 {
        let wb = demo_team(seed, TODAY.parse().unwrap());
        assert!(
            out.contains(&wb.plan.team),
            "{} missing:\n{out}",
            wb.plan.team
        );
    }
    assert!(
        out.contains("9 teams · ! 1 failed to load · 1 other TOML file skipped"),
        "{out}"
    );
    assert!(
        out.contains("broken.toml:4:12: org_size: unknown variant `huge`"),
        "{out}"
    );
    // Sorted by most overdue first.
    let late: Vec<u32> = out
        .lines()
        .skip(1)
        .take(9)
        .map(|l| {
            let cell = l
                .split_whitespace()
                .find(|w| w.starts_with('!') || *w == "0")
                .unwrap();
            cell.trim_start_matches('!').parse().unwrap()
        })
        .collect();
    assert!(late.windows(2).all(|w| w[0] >= w[1]), "{late:?}\n{out}");
    assert_eq!(
        snapshot_of(dir.path()),
        before,
        "read, never written or locked"
    );

    // Without the broken file, the exit status is 0; a glob works too.
    std::fs::remove_file(dir.path().join("broken.toml")).unwrap();
    let pattern = format!("{arg}/emea/*.toml");
    let (code, out, _) = rollup(home.path(), &[&pattern]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("4 teams"), "{out}");
}

#[test]
fn markdown_csv_and_json_carry_the_portfolio() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    portfolio(dir.path(), 6);
    let arg = dir.path().to_str().unwrap();

    let (code, md, err) = rollup(
        home.path(),
        &[arg, "--format", "markdown", "--sort", "team"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("broken.toml:4:12"), "{err}");
    for heading in [
        "## Teams",
        "## Maturity heat map",
        "## Teams per implementation phase",
        "## Most common maturity gaps",
        "## Most overdue milestones",
    ] {
        assert!(md.contains(heading), "{heading}\n{md}");
    }
    assert!(md.contains("| Team | Data collection | Analytics | Automation | Governance | Team capability | Tooling |"));
    // Sorted by team name.
    let teams: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Team | Lead"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap().trim())
        .collect();
    let mut sorted = teams.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(teams, sorted);
    assert_eq!(teams.len(), 6);

    let (_, csv, _) = rollup(home.path(), &[arg, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let head = reader.headers().unwrap().clone();
    assert!(head.iter().any(|h| h == "level_analytics"), "{head:?}");
    assert_eq!(reader.records().count(), 6);

    let (_, json, _) = rollup(home.path(), &[arg, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["teams"].as_array().unwrap().len(), 6);
    assert_eq!(v["failed"].as_array().unwrap().len(), 1);
    assert_eq!(v["skipped"], 1);
    let phases: u64 = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(phases, 6);

    let (code, _, err) = rollup(home.path(), &[arg, "--sort", "colour"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("'colour' is not a column to sort by; use one of overdue, team"),
        "{err}"
    );
}

#[test]
fn the_table_fits_the_width_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    portfolio(dir.path(), 4);
    let (paths, _) = planbook::portfolio::find(&[dir.path().to_path_buf()]);
    let mut p = planbook::portfolio::rollup(&paths, TODAY.parse().unwrap(), 2);
    p.sort(planbook::portfolio::SortBy::Overdue);
    for width in [60, 80, 120, 200] {
        let text = planbook::portfolio::render::table(&p, width);
        let rows: Vec<&str> = text.lines().take(5).collect();
        for row in &rows {
            assert!(
                unicode_width::UnicodeWidthStr::width(*row) <= width,
                "{width}: {row}"
            );
        }
        assert!(
            rows[0].starts_with("team") && rows[0].contains("late"),
            "{width}: {}",
            rows[0]
        );
    }
    let wide = planbook::portfolio::render::table(&p, 200);
    assert!(
        wide.lines().next().unwrap().contains("DC An Au Go TC To"),
        "{wide}"
    );
}

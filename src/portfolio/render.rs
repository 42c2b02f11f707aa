//! The rollup written out: a table that fits the terminal, Markdown with the
//! portfolio picture, CSV, JSON and a spreadsheet.

use std::fmt::Write as _;

use jiff::civil::Date;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use super::{Portfolio, TeamRow};
use crate::present::safe;
use crate::report::markdown::md;
use crate::ui::widgets::{pad, truncate};

/// A short name for a dimension's column: `DC` for Data collection, `TC` for Team
/// capability, `An` for Analytics.
pub fn short_title(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    match words.as_slice() {
        [one] => one.chars().take(2).collect(),
        [a, b, ..] => [a, b]
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect(),
        [] => "?".into(),
    }
}

fn level(l: Option<u8>) -> String {
    l.map_or_else(|| "-".to_string(), |l| l.to_string())
}

fn down(r: &TeamRow) -> String {
    let mut s = String::new();
    if r.readiness_down {
        s.push_str("R↓");
    }
    if r.maturity_down {
        s.push_str("M↓");
    }
    s
}

fn month(r: &TeamRow) -> String {
    match (r.start, r.month) {
        (None, _) => "no start".into(),
        (Some(_), Some(m)) => format!("{m}/{}", r.months),
        (Some(_), None) if r.before_start => "not yet".into(),
        (Some(_), None) => "ended".into(),
    }
}

/// A column of the terminal table: its heading, how soon it is dropped when the
/// window is narrow (higher first), and each row's cell.
struct Column {
    heading: String,
    drop_rank: u8,
    right: bool,
    cells: Vec<String>,
}

fn columns(p: &Portfolio) -> Vec<Column> {
    let col = |heading: &str, drop_rank: u8, right: bool, f: &dyn Fn(&TeamRow) -> String| Column {
        heading: heading.to_string(),
        drop_rank,
        right,
        cells: p.teams.iter().map(f).collect(),
    };
    let levels_heading = p
        .dimensions
        .iter()
        .map(|(_, t)| format!("{:<2}", short_title(t)))
        .collect::<Vec<_>>()
        .join(" ");
    vec![
        col("team", 0, false, &|r| safe(&r.team).into_owned()),
        col("late", 0, true, &|r| {
            if r.overdue > 0 {
                format!("!{}", r.overdue)
            } else {
                "0".into()
            }
        }),
        col("ready", 1, true, &|r| format!("{}%", r.readiness)),
        col("mat.", 1, true, &|r| format!("{:.1}", r.maturity)),
        col("down", 1, false, &down),
        col("month", 2, true, &month),
        col("done", 2, true, &|r| format!("{}/{}", r.done, r.total)),
        col("ph", 3, true, &|r| r.phase.to_string()),
        col(&levels_heading, 4, false, &|r| {
            r.levels
                .iter()
                .map(|l| format!("{:<2}", level(*l)))
                .collect::<Vec<_>>()
                .join(" ")
        }),
        col("targets", 5, true, &|r| {
            format!("{}/{}", r.meeting, r.judged)
        }),
        col("snapshot", 5, false, &|r| {
            r.last_snapshot
                .map_or_else(|| "-".into(), |d| d.to_string())
        }),
        col("lead", 6, false, &|r| safe(&r.lead).into_owned()),
        col("start", 6, false, &|r| {
            r.start.map_or_else(|| "-".into(), |s| s.to_string())
        }),
    ]
}

/// The team column shrinks to this before any other column goes.
const TEAM_MIN: usize = 12;

/// The teams as a table at most `width` columns wide: the least needed columns are
/// dropped first and long team names are cut with `…`. Then the files that failed,
/// and how many were skipped.
pub fn table(p: &Portfolio, width: usize) -> String {
    let mut cols = columns(p);
    let natural = |c: &Column| {
        c.cells
            .iter()
            .map(|s| s.width())
            .chain([c.heading.width()])
            .max()
            .unwrap_or(0)
    };
    let mut widths: Vec<usize> = cols.iter().map(natural).collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    loop {
        let over = total(&widths).saturating_sub(width);
        if over == 0 {
            break;
        }
        if widths[0] > TEAM_MIN {
            widths[0] = widths[0].saturating_sub(over).max(TEAM_MIN);
            continue;
        }
        // Drop the last of the columns most readily dropped.
        let Some((i, _)) = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| c.drop_rank > 0)
            .max_by_key(|(i, c)| (c.drop_rank, *i))
        else {
            break;
        };
        cols.remove(i);
        widths.remove(i);
    }
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        let text: Vec<String> = cells
            .iter()
            .zip(&cols)
            .zip(&widths)
            .map(|((s, c), w)| {
                let s = truncate(s, *w);
                if c.right {
                    format!("{}{s}", " ".repeat(w.saturating_sub(s.width())))
                } else {
                    pad(&s, *w)
                }
            })
            .collect();
        let _ = writeln!(out, "{}", text.join("  ").trim_end());
    };
    line(cols.iter().map(|c| c.heading.clone()).collect(), &mut out);
    for i in 0..p.teams.len() {
        line(cols.iter().map(|c| c.cells[i].clone()).collect(), &mut out);
    }
    // The failures wrap at the width, each line of a failure indented under its mark.
    for (i, line) in summary_line(p).lines().enumerate() {
        let lead = if i == 0 || line.starts_with('!') {
            ""
        } else {
            "  "
        };
        for (k, l) in crate::ui::widgets::wrap(line, width.saturating_sub(2).max(20))
            .into_iter()
            .enumerate()
        {
            let indent = if k == 0 { lead } else { "  " };
            let _ = writeln!(out, "{indent}{l}");
        }
    }
    out
}

/// `12 teams · 1 failed · 3 other TOML files skipped`, and each failure.
fn summary_line(p: &Portfolio) -> String {
    let mut s = format!(
        "{} team{}",
        p.teams.len(),
        if p.teams.len() == 1 { "" } else { "s" }
    );
    if !p.failures.is_empty() {
        let _ = write!(s, " · ! {} failed to load", p.failures.len());
    }
    if p.skipped > 0 {
        let _ = write!(
            s,
            " · {} other TOML file{} skipped",
            p.skipped,
            if p.skipped == 1 { "" } else { "s" }
        );
    }
    for f in &p.failures {
        let _ = write!(s, "\n! {}", safe(&f.error));
    }
    s
}

/// The portfolio in Markdown: every team's row, a heat map of teams by maturity
/// dimension (levels as figures), the teams per phase, the most common maturity gaps
/// and the most overdue milestones.
pub fn markdown(p: &Portfolio, today: Date) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Portfolio: {} teams on {today}\n", p.teams.len());
    if !p.failures.is_empty() {
        let n = p.failures.len();
        let _ = writeln!(
            o,
            "**! {n} workbook{} failed to load:**\n",
            if n == 1 { "" } else { "s" }
        );
        for f in &p.failures {
            let _ = writeln!(o, "- {}", md(&f.error));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## Teams\n");
    let _ = writeln!(
        o,
        "| Team | Lead | Start | Month | Readiness | Maturity | Phase | Milestones done | Overdue | Metrics meeting target | Last snapshot | Down since it |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for r in &p.teams {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {}% | {:.1} | {} | {}/{} | {} | {}/{} | {} | {} |",
            md(&r.team),
            md(&r.lead),
            r.start.map_or_else(|| "-".into(), |s| s.to_string()),
            month(r),
            r.readiness,
            r.maturity,
            r.phase,
            r.done,
            r.total,
            if r.overdue > 0 {
                format!("! {}", r.overdue)
            } else {
                "0".into()
            },
            r.meeting,
            r.judged,
            r.last_snapshot
                .map_or_else(|| "-".into(), |d| d.to_string()),
            match (r.readiness_down, r.maturity_down) {
                (true, true) => "! readiness, maturity",
                (true, false) => "! readiness",
                (false, true) => "! maturity",
                (false, false) => "-",
            }
        );
    }
    o.push('\n');
    heat_map_and_phases(&mut o, p);
    let _ = writeln!(o, "## Most common maturity gaps\n");
    let gaps = p.common_gaps(10);
    if gaps.is_empty() {
        let _ = writeln!(o, "None: every team is at level 4, or nothing is assessed.");
    } else {
        let _ = writeln!(o, "| Teams | Dimension | Question |\n|---|---|---|");
        for (d, q, n) in gaps {
            let _ = writeln!(o, "| {n} | {} | {} |", md(d), md(q));
        }
    }
    o.push('\n');
    let _ = writeln!(o, "## Most overdue milestones\n");
    if p.overdue.is_empty() {
        let _ = writeln!(o, "None overdue.");
    } else {
        let _ = writeln!(
            o,
            "| Days late | Team | Owner | Milestone | Due |\n|---|---|---|---|---|"
        );
        for m in &p.overdue {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                m.days_late,
                md(&m.team),
                if m.owner.trim().is_empty() {
                    "! no owner".to_string()
                } else {
                    md(&m.owner)
                },
                md(&m.text),
                m.due.map_or_else(|| "-".into(), |d| d.to_string())
            );
        }
    }
    o
}

/// Teams by maturity dimension, levels as figures; then how many teams are in each
/// implementation phase.
fn heat_map_and_phases(o: &mut String, p: &Portfolio) {
    let _ = writeln!(
        o,
        "## Maturity heat map\n\nThe level of each dimension, 0 (Reactive) to 4 (Autonomous); `-` where every question is not applicable.\n"
    );
    let _ = write!(o, "| Team |");
    let mut rule = String::from("|---|");
    for (_, title) in &p.dimensions {
        let _ = write!(o, " {} |", md(title));
        rule.push_str("---|");
    }
    let _ = writeln!(o, "\n{rule}");
    for r in &p.teams {
        let _ = write!(o, "| {} |", md(&r.team));
        for l in &r.levels {
            let _ = write!(o, " {} |", level(*l));
        }
        o.push('\n');
    }
    o.push('\n');
    let _ = writeln!(o, "## Teams per implementation phase\n");
    let names = crate::model::Workbook::template().phases;
    let most = p.phases().into_iter().max().unwrap_or(0).max(1);
    for (i, n) in p.phases().into_iter().enumerate() {
        let name = names
            .get(i)
            .map_or_else(|| format!("Phase {}", i + 1), |ph| ph.name.clone());
        let bar = "█".repeat(n * 20 / most);
        let _ = writeln!(o, "- {}: {n} {bar}", md(&name));
    }
    o.push('\n');
}

/// One row per team; a column per maturity dimension.
pub fn csv(p: &Portfolio) -> Result<String, ::csv::Error> {
    use crate::report::csv::cell;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = [
        "team",
        "lead",
        "file",
        "start",
        "month",
        "months",
        "readiness",
        "maturity",
    ]
    .map(String::from)
    .to_vec();
    head.extend(p.dimensions.iter().map(|(id, _)| format!("level_{id}")));
    head.extend(
        [
            "phase",
            "milestones_done",
            "milestones_total",
            "overdue",
            "metrics_meeting",
            "metrics_judged",
            "last_snapshot",
            "readiness_down",
            "maturity_down",
        ]
        .map(String::from),
    );
    w.write_record(&head)?;
    for r in &p.teams {
        let mut rec = vec![
            cell(&r.team),
            cell(&r.lead),
            cell(&r.path.display().to_string()),
            r.start.map(|s| s.to_string()).unwrap_or_default(),
            r.month.map(|m| m.to_string()).unwrap_or_default(),
            r.months.to_string(),
            r.readiness.to_string(),
            format!("{:.1}", r.maturity),
        ];
        rec.extend(
            r.levels
                .iter()
                .map(|l| l.map(|l| l.to_string()).unwrap_or_default()),
        );
        rec.extend([
            r.phase.to_string(),
            r.done.to_string(),
            r.total.to_string(),
            r.overdue.to_string(),
            r.meeting.to_string(),
            r.judged.to_string(),
            r.last_snapshot.map(|d| d.to_string()).unwrap_or_default(),
            r.readiness_down.to_string(),
            r.maturity_down.to_string(),
        ]);
        w.write_record(&rec)?;
    }
    let bytes = w.into_inner().map_err(::csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Everything, for programs.
pub fn json(p: &Portfolio, today: Date) -> Value {
    let teams: Vec<Value> = p
        .teams
        .iter()
        .map(|r| {
            let levels: serde_json::Map<String, Value> = p
                .dimensions
                .iter()
                .zip(&r.levels)
                .map(|((id, _), l)| (id.clone(), l.map_or(Value::Null, Value::from)))
                .collect();
            json!({
                "team": r.team,
                "lead": if r.lead.is_empty() { Value::Null } else { Value::from(r.lead.clone()) },
                "file": r.path.display().to_string(),
                "start": r.start.map(|s| s.to_string()),
                "month": r.month,
                "months": r.months,
                "readiness": r.readiness,
                "maturity": r.maturity,
                "levels": levels,
                "phase": r.phase,
                "milestones": { "done": r.done, "total": r.total, "overdue": r.overdue },
                "metrics": { "meeting": r.meeting, "judged": r.judged },
                "last_snapshot": r.last_snapshot.map(|d| d.to_string()),
                "down_since_last_snapshot": { "readiness": r.readiness_down, "maturity": r.maturity_down },
            })
        })
        .collect();
    json!({
        "planbook_rollup": 1,
        "generated_on": today.to_string(),
        "teams": teams,
        "failed": p.failures.iter().map(|f| json!({"file": f.path.display().to_string(), "error": f.error})).collect::<Vec<_>>(),
        "skipped": p.skipped,
        "phases": p.phases(),
        "common_gaps": p.common_gaps(10).iter().map(|(d, q, n)| json!({"dimension": d, "question": q, "teams": n})).collect::<Vec<_>>(),
        "most_overdue": p.overdue.iter().map(|m| json!({
            "team": m.team, "milestone": m.text, "owner": m.owner, "days_late": m.days_late,
            "due": m.due.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
    })
}

/// A spreadsheet: a sheet of teams, one of failures.
pub fn xlsx(p: &Portfolio) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name("Teams")?;
    let mut head: Vec<String> = ["Team", "Lead", "Start", "Month", "Readiness %", "Maturity"]
        .map(String::from)
        .to_vec();
    head.extend(p.dimensions.iter().map(|(_, t)| t.clone()));
    head.extend(
        [
            "Phase",
            "Done",
            "Total",
            "Overdue",
            "Metrics meeting",
            "Metrics judged",
            "Last snapshot",
            "Down since it",
            "File",
        ]
        .map(String::from),
    );
    for (c, h) in head.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, c, h, &bold)?;
    }
    for (i, r) in p.teams.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut c: u16 = 0;
        let mut text = |ws: &mut rust_xlsxwriter::Worksheet,
                        s: &str|
         -> Result<(), rust_xlsxwriter::XlsxError> {
            ws.write_string(row, c, s)?;
            c += 1;
            Ok(())
        };
        text(ws, &r.team)?;
        text(ws, &r.lead)?;
        text(ws, &r.start.map(|s| s.to_string()).unwrap_or_default())?;
        text(ws, &month(r))?;
        let mut c2 = c;
        ws.write_number(row, c2, f64::from(r.readiness))?;
        c2 += 1;
        ws.write_number(row, c2, r.maturity)?;
        c2 += 1;
        for l in &r.levels {
            if let Some(l) = l {
                ws.write_number(row, c2, f64::from(*l))?;
            }
            c2 += 1;
        }
        #[allow(clippy::cast_precision_loss)] // counts of milestones and metrics
        for n in [
            usize::from(r.phase),
            r.done,
            r.total,
            r.overdue,
            r.meeting,
            r.judged,
        ] {
            ws.write_number(row, c2, n as f64)?;
            c2 += 1;
        }
        ws.write_string(
            row,
            c2,
            r.last_snapshot.map(|d| d.to_string()).unwrap_or_default(),
        )?;
        ws.write_string(row, c2 + 1, down(r))?;
        ws.write_string(row, c2 + 2, r.path.display().to_string())?;
    }
    let ws = book.add_worksheet();
    ws.set_name("Failed")?;
    ws.write_string_with_format(0, 0, "File", &bold)?;
    ws.write_string_with_format(0, 1, "Error", &bold)?;
    for (i, f) in p.failures.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        ws.write_string(row, 0, f.path.display().to_string())?;
        ws.write_string(row, 1, &f.error)?;
    }
    book.save_to_buffer()
}

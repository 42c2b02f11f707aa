//! The roadmap as a Mermaid Gantt chart.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::team_name;
use crate::model::{PlanMonth, Workbook};

/// Text for a Mermaid chart, written so that it shows exactly as typed and cannot be
/// read as syntax: `:`, `;`, `#`, `<`, `>`, `%` and `` ` `` as Mermaid's entity codes (`#58;`...),
/// and a first letter or digit as its numeric code, so that no name is read as a
/// keyword (`click`, `topAxis`) or a date. Control characters become spaces.
fn mm(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return "(unnamed)".to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            // A chart inside a Markdown code fence must not close it.
            '`' => out.push_str("#96;"),
            // `%%` starts a comment: the task would vanish.
            '%' => out.push_str("#37;"),
            c if i == 0 && c.is_ascii_alphanumeric() => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid task id: letters, digits and underscores.
fn mm_id(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Mermaid renders a chart of at most 50,000 characters (its `maxTextSize`, counted in
/// UTF-16 units); a plan whose detail would not fit is drawn track by track.
const MERMAID_MAX: usize = 48_000;

pub(super) fn mermaid(wb: &Workbook, today: Date) -> String {
    let detailed = mermaid_chart(wb, today, true);
    if detailed.encode_utf16().count() <= MERMAID_MAX {
        detailed
    } else {
        mermaid_chart(wb, today, false)
    }
}

/// The roadmap as a Mermaid Gantt chart: each activity and milestone (`detailed`), or
/// for a large plan one bar per track and month with its activities counted and one
/// milestone per month with its milestones counted (the CSV has the detail). Without
/// a start month the months are numbered 1 to 6 on the axis, and there is no today.
fn mermaid_chart(wb: &Workbook, today: Date, detailed: bool) -> String {
    let mut o = String::new();
    // With no start month, a stand-in year whose months read as the plan's: Month 1...
    let start = wb
        .start()
        .unwrap_or_else(|| PlanMonth::new(2000, 1).unwrap_or_else(|| PlanMonth::containing(today)));
    let dated = wb.start().is_some();
    let current = wb.month_of(today);
    let _ = writeln!(o, "gantt");
    let _ = writeln!(
        o,
        "    title {}#58; operations framework adoption plan",
        mm(team_name(wb))
    );
    let _ = writeln!(o, "    dateFormat YYYY-MM-DD");
    if dated {
        // Mermaid draws its own line for today.
        let _ = writeln!(o, "    axisFormat %b %Y");
    } else {
        let _ = writeln!(o, "    axisFormat Month %-m");
        let _ = writeln!(o, "    todayMarker off");
    }
    let month = |m: u32| start.plus(i32::try_from(m).unwrap_or(1) - 1);
    let milestone_line = |o: &mut String, ms: &crate::model::Milestone| {
        let due = wb
            .due_date(ms)
            .unwrap_or_else(|| month(ms.month).last_day());
        let state = milestone_state(ms.is_done(), wb.is_overdue(ms, today));
        let _ = writeln!(
            o,
            "    {} :milestone, {state}{}, {due}, 0d",
            mm(&ms.text),
            mm_id(&ms.id)
        );
    };
    for (t_index, t) in wb.roadmap.tracks.iter().enumerate() {
        let _ = writeln!(o, "    section {}", mm(&t.name));
        if detailed {
            for a in &t.activities {
                let state = task_state(a.done, Some(a.month) == current);
                let m = month(a.month);
                let _ = writeln!(
                    o,
                    "    {} :{state}{}, {}, {}",
                    mm(&a.text),
                    mm_id(&a.id),
                    m.first_day(),
                    m.last_day()
                );
            }
            for ms in wb.roadmap.milestones.iter().filter(|ms| ms.track == t.id) {
                milestone_line(&mut o, ms);
            }
        } else {
            mm_track_months(&mut o, wb, t_index, &month, current);
        }
    }
    if detailed {
        let loose: Vec<_> = wb
            .roadmap
            .milestones
            .iter()
            .filter(|ms| !wb.roadmap.tracks.iter().any(|t| t.id == ms.track))
            .collect();
        if !loose.is_empty() {
            let _ = writeln!(o, "    section Milestones");
            for ms in loose {
                milestone_line(&mut o, ms);
            }
        }
    } else {
        mm_month_milestones(&mut o, wb, today, &month);
    }
    o
}

/// A Mermaid milestone's state: done, or critical when late.
fn milestone_state(done: bool, late: bool) -> &'static str {
    if done {
        "done, "
    } else if late {
        "crit, "
    } else {
        ""
    }
}

/// A Mermaid task's state: done, or active in this month.
fn task_state(done: bool, this_month: bool) -> &'static str {
    if done {
        "done, "
    } else if this_month {
        "active, "
    } else {
        ""
    }
}

/// A track of a large plan: one bar per month with activities, counted.
fn mm_track_months(
    o: &mut String,
    wb: &Workbook,
    t_index: usize,
    month: &dyn Fn(u32) -> PlanMonth,
    current: Option<u32>,
) {
    let t = &wb.roadmap.tracks[t_index];
    for m in 1..=wb.roadmap.months {
        let p = t.cell_progress(m);
        if p.total == 0 {
            continue;
        }
        let state = task_state(p.done == p.total, Some(m) == current);
        let cm = month(m);
        let _ = writeln!(
            o,
            "    {} :{state}t{t_index}_m{m}, {}, {}",
            mm(&format!("{} activities, {} done", p.total, p.done)),
            cm.first_day(),
            cm.last_day()
        );
    }
}

/// The milestones of a large plan: one per month, counted, at the month's end.
fn mm_month_milestones(
    o: &mut String,
    wb: &Workbook,
    today: Date,
    month: &dyn Fn(u32) -> PlanMonth,
) {
    let _ = writeln!(o, "    section Milestones");
    for m in 1..=wb.roadmap.months {
        let p = wb.month_progress(m);
        if p.total == 0 {
            continue;
        }
        let state = milestone_state(p.done == p.total, wb.month_overdue(m, today));
        let _ = writeln!(
            o,
            "    {} :milestone, {state}ms_m{m}, {}, 0d",
            mm(&format!("{} of {} milestones done", p.done, p.total)),
            month(m).last_day()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_text_has_no_syntax() {
        assert_eq!(mm("a: b; #1 <x>"), "#97;#58; b#59; #35;1 #lt;x#gt;");
        assert_eq!(mm("2027-10-15 go-live"), "#50;027-10-15 go-live");
        assert_eq!(mm("Monitor -> Respond"), "#77;onitor -#gt; Respond");
        assert_eq!(mm("東京 ✓"), "東京 ✓");
        assert_eq!(mm(" \u{1b}]0;x\u{7} "), "]0#59;x");
        assert_eq!(mm(""), "(unnamed)");
        assert_eq!(mm("%% not a comment"), "#37;#37; not a comment");
        assert_eq!(mm_id("m1-a.b"), "m1_a_b");
    }
}

//! What changed between two versions of a workbook, or two of its snapshots, in
//! plain words grouped by screen: `planbook diff`. Also the workbook as one fact per
//! line, for git's `textconv`, so that `git log -p` reads in words.

// Pairs of before and after read best as `a`/`b`, `o`/`n`, `x`/`y`.
#![allow(clippy::many_single_char_names)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::maturity::{assess, level_name};
use crate::model::readiness::overall_percent;
use crate::model::{Metric, Snapshot, Workbook};
use crate::present::{display_value, fmt_amount, judged_change};
use crate::report::answer_word;

/// The changes of one screen, in the order they read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub screen: &'static str,
    pub lines: Vec<String>,
}

fn quote(s: &str) -> String {
    if s.trim().is_empty() {
        "(empty)".to_string()
    } else {
        format!("'{s}'")
    }
}

/// An item of one list matched with the other's by id.
enum Pair<'a, T> {
    Both(&'a T, &'a T),
    Added(&'a T),
    Removed(&'a T),
}

/// The items of `new` in order, each with its match in `old` (or added), then those
/// only `old` has.
fn pairs<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl for<'x> Fn(&'x T) -> &'x str,
) -> Vec<Pair<'a, T>> {
    let old_by: BTreeMap<&str, &'a T> = old.iter().map(|t| (id(t), t)).collect();
    let new_ids: std::collections::BTreeSet<&str> = new.iter().map(&id).collect();
    let mut out: Vec<Pair<'a, T>> = new
        .iter()
        .map(|n| match old_by.get(id(n)) {
            Some(o) => Pair::Both(*o, n),
            None => Pair::Added(n),
        })
        .collect();
    out.extend(
        old.iter()
            .filter(|o| !new_ids.contains(id(o)))
            .map(Pair::Removed),
    );
    out
}

/// What changed from `old` to `new`, screen by screen; screens with no change are
/// left out.
pub fn workbooks(old: &Workbook, new: &Workbook) -> Vec<Section> {
    let mut out = vec![
        setup(old, new),
        readiness(old, new),
        baseline(old, new),
        maturity(old, new),
        roadmap(old, new),
        challenges(old, new),
        snapshots(old, new),
    ];
    out.retain(|s| !s.lines.is_empty());
    out
}

fn setup(old: &Workbook, new: &Workbook) -> Section {
    let mut lines = Vec::new();
    let (o, n) = (&old.plan, &new.plan);
    let mut field = |name: &str, a: String, b: String| {
        if a != b {
            lines.push(format!("{name}: {} → {}", quote(&a), quote(&b)));
        }
    };
    field("team", o.team.clone(), n.team.clone());
    field("lead", o.lead.clone(), n.lead.clone());
    field(
        "organization size",
        o.org_size.label().into(),
        n.org_size.label().into(),
    );
    field("industry", o.industry.clone(), n.industry.clone());
    field(
        "start month",
        o.start_month.map(|m| m.to_string()).unwrap_or_default(),
        n.start_month.map(|m| m.to_string()).unwrap_or_default(),
    );
    Section {
        screen: "Setup",
        lines,
    }
}

fn readiness(old: &Workbook, new: &Workbook) -> Section {
    let mut lines = Vec::new();
    let items = |wb: &Workbook| -> Vec<(String, crate::model::ReadinessItem)> {
        wb.readiness
            .iter()
            .flat_map(|c| c.items.iter().map(move |i| (c.title.clone(), i.clone())))
            .collect()
    };
    let (o, n) = (items(old), items(new));
    for pair in pairs(&o, &n, |(_, i)| &i.id) {
        match pair {
            Pair::Added((cat, item)) => lines.push(format!("added to {cat}: {}", item.text)),
            Pair::Removed((cat, item)) => lines.push(format!("removed from {cat}: {}", item.text)),
            Pair::Both((_, was), (_, item)) => {
                if was.text != item.text {
                    lines.push(format!(
                        "reworded: {} → {}",
                        quote(&was.text),
                        quote(&item.text)
                    ));
                }
                if was.done != item.done {
                    let word = if item.done {
                        "[x] ticked"
                    } else {
                        "[ ] unticked"
                    };
                    lines.push(format!("{word}: {}", item.text));
                }
                if was.note != item.note {
                    lines.push(format!(
                        "note on {}: {} → {}",
                        item.text,
                        quote(&was.note),
                        quote(&item.note)
                    ));
                }
            }
        }
    }
    let (a, b) = (overall_percent(old), overall_percent(new));
    if a != b {
        lines.insert(0, format!("readiness {a}% → {b}%"));
    }
    Section {
        screen: "Readiness",
        lines,
    }
}

/// A metric's latest value as a person reads it, or `not measured`.
fn shown(m: &Metric) -> String {
    display_value(m).unwrap_or_else(|| "not measured".to_string())
}

/// How a metric's planned months changed: `month 3 planned 70 → 65, month 5
/// straight → 40`.
fn planned_change(was: &Metric, m: &Metric) -> String {
    let fig = crate::model::measure::fmt_num;
    let months: std::collections::BTreeSet<u32> = was
        .planned
        .keys()
        .chain(m.planned.keys())
        .copied()
        .collect();
    months
        .into_iter()
        .filter_map(|k| {
            let show = |v: Option<&f64>| v.map_or_else(|| "straight".to_string(), |x| fig(*x));
            let (a, b) = (was.planned.get(&k), m.planned.get(&k));
            (a != b).then(|| format!("month {k} {} → {}", show(a), show(b)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn baseline(old: &Workbook, new: &Workbook) -> Section {
    let mut lines = Vec::new();
    let o: Vec<Metric> = old.metrics().map(|(_, m)| m.clone()).collect();
    let n: Vec<Metric> = new.metrics().map(|(_, m)| m.clone()).collect();
    for pair in pairs(&o, &n, |m| &m.id) {
        let (was, m) = match pair {
            Pair::Added(m) => {
                lines.push(format!("added: {}", m.name));
                continue;
            }
            Pair::Removed(m) => {
                lines.push(format!("removed: {}", m.name));
                continue;
            }
            Pair::Both(was, m) => (was, m),
        };
        if was.name != m.name {
            lines.push(format!(
                "renamed: {} → {}",
                quote(&was.name),
                quote(&m.name)
            ));
        }
        let (a, b) = (was.latest(), m.latest());
        if a.value != b.value || a.on != b.on {
            let change = match (a.number(), b.number()) {
                (Some(x), Some(y)) => format!(" ({})", judged_change(m, (x, y))),
                _ => String::new(),
            };
            let verb = if m.measurements.len() > was.measurements.len() {
                "re-measured"
            } else if m.measurements.is_empty() && was.value.trim().is_empty() {
                "baseline set"
            } else {
                "changed"
            };
            lines.push(format!(
                "{} {verb}: {} → {}{change}",
                m.label(),
                shown(was),
                shown(m)
            ));
        }
        if was.target != m.target {
            lines.push(format!(
                "{} target: {} → {}",
                m.label(),
                quote(&was.target),
                quote(&m.target)
            ));
        }
        if was.planned != m.planned {
            lines.push(format!("{} path: {}", m.label(), planned_change(was, m)));
        }
        if was.unit != m.unit || was.kind != m.kind {
            lines.push(format!(
                "{} is now {} in {}",
                m.label(),
                m.kind.label(),
                quote(&m.unit)
            ));
        }
    }
    Section {
        screen: "Baseline",
        lines,
    }
}

/// Answers changed, each with its dimension's level before and after where the level
/// moved (said once per dimension); a level that moved with no answer changed (a
/// question added or removed) on a line of its own.
fn maturity(old: &Workbook, new: &Workbook) -> Section {
    let mut lines = Vec::new();
    let (a, b) = (assess(old), assess(new));
    let word = |l: Option<u8>| {
        l.map_or_else(
            || "not assessed".into(),
            |l| format!("{l} {}", level_name(l)),
        )
    };
    // The level change of each dimension that moved, by title, until said.
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    for d in &b.dimensions {
        let before = a
            .dimensions
            .iter()
            .find(|x| x.dimension.id == d.dimension.id)
            .and_then(|x| x.level);
        if before != d.level {
            moved.insert(
                d.dimension.title.clone(),
                format!("level {} → {}", word(before), word(d.level)),
            );
        }
    }
    let questions = |wb: &Workbook| -> Vec<(String, crate::model::Question)> {
        wb.maturity
            .iter()
            .flat_map(|d| {
                d.questions
                    .iter()
                    .map(move |q| (d.title.clone(), q.clone()))
            })
            .collect()
    };
    let (o, n) = (questions(old), questions(new));
    for pair in pairs(&o, &n, |(_, q)| &q.id) {
        match pair {
            Pair::Added((dim, q)) => lines.push(format!("added to {dim}: {}", q.text)),
            Pair::Removed((dim, q)) => lines.push(format!("removed from {dim}: {}", q.text)),
            Pair::Both((_, was), (dim, q)) => {
                if was.text != q.text {
                    lines.push(format!(
                        "reworded: {} → {}",
                        quote(&was.text),
                        quote(&q.text)
                    ));
                }
                if was.answer != q.answer {
                    let level = moved
                        .remove(dim)
                        .map_or_else(String::new, |l| format!(" · {dim} {l}"));
                    lines.push(format!(
                        "{dim}: {} {} → {}{level}",
                        q.text,
                        answer_word(was.answer),
                        answer_word(q.answer)
                    ));
                }
            }
        }
    }
    for (dim, level) in moved {
        lines.push(format!("{dim} {level}"));
    }
    Section {
        screen: "Maturity",
        lines,
    }
}

fn roadmap(old: &Workbook, new: &Workbook) -> Section {
    let mut lines = Vec::new();
    let day = |d: Option<jiff::civil::Date>| d.map_or_else(|| "none".into(), |d| d.to_string());
    for pair in pairs(&old.roadmap.milestones, &new.roadmap.milestones, |m| &m.id) {
        let (was, m) = match pair {
            Pair::Added(m) => {
                lines.push(format!(
                    "milestone added: {} (month {}, {})",
                    m.text,
                    m.month,
                    new.track_name(m)
                ));
                continue;
            }
            Pair::Removed(m) => {
                lines.push(format!("milestone removed: {}", m.text));
                continue;
            }
            Pair::Both(was, m) => (was, m),
        };
        if was.text != m.text {
            lines.push(format!(
                "reworded: {} → {}",
                quote(&was.text),
                quote(&m.text)
            ));
        }
        match (was.done_on, m.done_on) {
            (None, Some(on)) => lines.push(format!("[x] done: {} (on {on})", m.text)),
            (Some(_), None) => lines.push(format!("[ ] reopened: {}", m.text)),
            (Some(a), Some(b)) if a != b => lines.push(format!("{} done on {a} → {b}", m.text)),
            _ => {}
        }
        if was.month != m.month {
            lines.push(format!(
                "moved: {} from month {} to month {}",
                m.text, was.month, m.month
            ));
        }
        if was.due != m.due {
            lines.push(format!(
                "due of {}: {} → {}",
                m.text,
                day(old.due_date(was)),
                day(new.due_date(m))
            ));
        }
        if was.owner != m.owner {
            lines.push(format!(
                "owner of {}: {} → {}",
                m.text,
                quote(&was.owner),
                quote(&m.owner)
            ));
        }
        if was.track != m.track {
            lines.push(format!("{} moved to track {}", m.text, new.track_name(m)));
        }
    }
    tracks(old, new, &mut lines);
    // Shifts are only ever added: those beyond the old log are new.
    for s in new.roadmap.shifts.iter().skip(old.roadmap.shifts.len()) {
        lines.push(shift_line(new, s));
    }
    Section {
        screen: "Roadmap",
        lines,
    }
}

/// A shift of a track in words: `Tools shifted 1 month later from month 3 (13 items,
/// on 2027-01-12)`.
fn shift_line(wb: &Workbook, s: &crate::model::shift::Shifted) -> String {
    let name = wb
        .roadmap
        .tracks
        .iter()
        .find(|t| t.id == s.track)
        .map_or(s.track.as_str(), |t| t.name.as_str());
    format!(
        "{name} shifted {} month{} {} from month {} ({} item{}, on {})",
        s.delta.abs(),
        if s.delta.abs() == 1 { "" } else { "s" },
        if s.delta > 0 { "later" } else { "earlier" },
        s.from,
        s.moved,
        if s.moved == 1 { "" } else { "s" },
        s.shifted_on
    )
}

/// The months the team planned for a metric, one fact each.
fn planned_facts(o: &mut String, group: &str, m: &Metric) {
    for (month, x) in &m.planned {
        let _ = writeln!(
            o,
            "Baseline · {group} · {}: planned for month {month}: {}",
            m.name,
            crate::model::measure::fmt_num(*x)
        );
    }
}

/// Tracks added, removed or renamed, and their activities.
fn tracks(old: &Workbook, new: &Workbook, lines: &mut Vec<String>) {
    for t in &new.roadmap.tracks {
        let Some(was) = old.roadmap.tracks.iter().find(|x| x.id == t.id) else {
            lines.push(format!("track added: {}", t.name));
            continue;
        };
        if was.name != t.name {
            lines.push(format!(
                "track renamed: {} → {}",
                quote(&was.name),
                quote(&t.name)
            ));
        }
        for pair in pairs(&was.activities, &t.activities, |a| &a.id) {
            match pair {
                Pair::Added(a) => lines.push(format!(
                    "activity added to {} (month {}): {}",
                    t.name, a.month, a.text
                )),
                Pair::Removed(a) => {
                    lines.push(format!("activity removed from {}: {}", t.name, a.text));
                }
                Pair::Both(a, b) => {
                    if a.text != b.text {
                        lines.push(format!("reworded: {} → {}", quote(&a.text), quote(&b.text)));
                    }
                    if a.done != b.done {
                        let word = if b.done {
                            "[x] activity done"
                        } else {
                            "[ ] activity reopened"
                        };
                        lines.push(format!("{word}: {}", b.text));
                    }
                }
            }
        }
    }
    for t in &old.roadmap.tracks {
        if !new.roadmap.tracks.iter().any(|x| x.id == t.id) {
            lines.push(format!("track removed: {}", t.name));
        }
    }
}

fn challenges(old: &Workbook, new: &Workbook) -> Section {
    let mut lines = Vec::new();
    for c in &new.challenges {
        let Some(was) = old.challenges.iter().find(|x| x.id == c.id) else {
            continue;
        };
        if was.faced != c.faced {
            let word = if c.faced {
                "[x] now faced"
            } else {
                "[ ] no longer faced"
            };
            lines.push(format!("{word}: {}", c.name));
        }
        for s in c.applying.iter().filter(|s| !was.applying.contains(s)) {
            lines.push(format!("{}: applying {s}", c.name));
        }
        for s in was.applying.iter().filter(|s| !c.applying.contains(s)) {
            lines.push(format!("{}: no longer applying {s}", c.name));
        }
        if was.own != c.own {
            lines.push(format!(
                "{}: our own mitigation {} → {}",
                c.name,
                quote(&was.own),
                quote(&c.own)
            ));
        }
        if was.owner != c.owner {
            lines.push(format!(
                "{}: owner {} → {}",
                c.name,
                quote(&was.owner),
                quote(&c.owner)
            ));
        }
    }
    Section {
        screen: "Challenges",
        lines,
    }
}

fn snapshots(old: &Workbook, new: &Workbook) -> Section {
    let lines = new
        .snapshots
        .iter()
        .filter(|s| !old.snapshots.iter().any(|o| o.id == s.id))
        .map(|s| format!("snapshot taken: '{}' on {}", s.label, s.taken_on))
        .collect();
    Section {
        screen: "Snapshots",
        lines,
    }
}

/// Finds a snapshot by its label (case aside), its date or its id.
pub fn find_snapshot<'a>(wb: &'a Workbook, name: &str) -> Result<&'a Snapshot, String> {
    let name = name.trim();
    wb.snapshots
        .iter()
        .find(|s| s.label.eq_ignore_ascii_case(name) || s.id == name)
        .or_else(|| {
            wb.snapshots
                .iter()
                .rev()
                .find(|s| s.taken_on.to_string() == name)
        })
        .ok_or_else(|| {
            let known: Vec<String> = wb
                .snapshots
                .iter()
                .map(|s| format!("'{}' ({})", s.label, s.taken_on))
                .collect();
            if known.is_empty() {
                format!("no snapshot '{name}': the workbook has no snapshots yet")
            } else {
                format!(
                    "no snapshot '{name}'; the workbook has {}",
                    known.join(", ")
                )
            }
        })
}

/// What changed between two snapshots of one workbook, in the same words.
pub fn snapshots_between(wb: &Workbook, a: &Snapshot, b: &Snapshot) -> Vec<Section> {
    let mut readiness = Vec::new();
    if a.readiness_percent != b.readiness_percent {
        readiness.push(format!(
            "readiness {}% → {}%",
            a.readiness_percent, b.readiness_percent
        ));
    }
    for c in &wb.readiness {
        let (x, y) = (a.readiness.get(&c.id), b.readiness.get(&c.id));
        if x != y {
            let n = |v: Option<&usize>| v.map_or_else(|| "-".into(), ToString::to_string);
            readiness.push(format!("{}: {} → {} ticked", c.title, n(x), n(y)));
        }
    }
    let mut maturity = Vec::new();
    if (a.maturity_average - b.maturity_average).abs() > 1e-9 {
        maturity.push(format!(
            "average {:.1} → {:.1}",
            a.maturity_average, b.maturity_average
        ));
    }
    for d in &wb.maturity {
        let (x, y) = (a.maturity.get(&d.id), b.maturity.get(&d.id));
        if x != y {
            let n = |v: Option<&u8>| {
                v.map_or_else(
                    || "not assessed".into(),
                    |l| format!("{l} {}", level_name(*l)),
                )
            };
            maturity.push(format!("{} level {} → {}", d.title, n(x), n(y)));
        }
        // Snapshots before format 3 recorded no answers: nothing to compare then.
        if a.answers.is_empty() || b.answers.is_empty() {
            continue;
        }
        for q in &d.questions {
            let (x, y) = (a.answers.get(&q.id), b.answers.get(&q.id));
            if x != y {
                let w =
                    |v: Option<&crate::model::Answer>| answer_word(v.copied().unwrap_or_default());
                maturity.push(format!("{}: {} {} → {}", d.title, q.text, w(x), w(y)));
            }
        }
    }
    let mut metrics = Vec::new();
    for (_, m) in wb.metrics() {
        match (a.metrics.get(&m.id), b.metrics.get(&m.id)) {
            (Some(x), Some(y)) if (x - y).abs() > 1e-9 => metrics.push(format!(
                "{}: {} → {} ({})",
                m.label(),
                fmt_amount(m, *x),
                fmt_amount(m, *y),
                judged_change(m, (*x, *y))
            )),
            (None, Some(y)) => {
                metrics.push(format!("{}: measured, {}", m.label(), fmt_amount(m, *y)));
            }
            _ => {}
        }
    }
    let mut health = Vec::new();
    for h in &wb.health {
        let (x, y) = (a.health.get(&h.id), b.health.get(&h.id));
        if x != y {
            let n = |v: Option<&u8>| v.map_or_else(|| "-".into(), ToString::to_string);
            health.push(format!("{}: {} → {}", h.name, n(x), n(y)));
        }
    }
    let mut roadmap = Vec::new();
    if a.milestones_done != b.milestones_done {
        roadmap.push(format!(
            "milestones done {}/{} → {}/{}",
            a.milestones_done, a.milestones_total, b.milestones_done, b.milestones_total
        ));
    }
    let mut out = vec![
        Section {
            screen: "Readiness",
            lines: readiness,
        },
        Section {
            screen: "Baseline",
            lines: metrics,
        },
        Section {
            screen: "Maturity",
            lines: maturity,
        },
        Section {
            screen: "Roadmap",
            lines: roadmap,
        },
        Section {
            screen: "Health",
            lines: health,
        },
    ];
    out.retain(|s| !s.lines.is_empty());
    out
}

/// The sections as plain text: a heading per screen, a line per change.
pub fn text(title: &str, sections: &[Section]) -> String {
    let mut o = format!("{title}\n");
    if sections.is_empty() {
        o.push_str("\nNo changes.\n");
    }
    for s in sections {
        let _ = writeln!(o, "\n{}", s.screen);
        for l in &s.lines {
            let _ = writeln!(o, "  {l}");
        }
    }
    o
}

/// The sections as Markdown, for a status mail or a pull request.
pub fn markdown(title: &str, sections: &[Section]) -> String {
    use crate::report::markdown::md;
    let mut o = format!("# {}\n", md(title));
    if sections.is_empty() {
        o.push_str("\nNo changes.\n");
    }
    for s in sections {
        let _ = writeln!(o, "\n## {}\n", s.screen);
        for l in &s.lines {
            // A list item needs no checkbox drawn in brackets: the words say it.
            let l = l
                .strip_prefix("[x] ")
                .or_else(|| l.strip_prefix("[ ] "))
                .unwrap_or(l);
            let _ = writeln!(o, "- {}", md(l));
        }
    }
    o
}

/// The workbook as one fact per line, `Screen · what · state`, for git's `textconv`:
/// the line diff git makes of two versions then reads in words.
pub fn facts(wb: &Workbook) -> String {
    let mut o = String::new();
    let p = &wb.plan;
    let _ = writeln!(o, "Setup · team: {}", p.team);
    let _ = writeln!(o, "Setup · lead: {}", p.lead);
    let _ = writeln!(o, "Setup · organization size: {}", p.org_size.label());
    let _ = writeln!(
        o,
        "Setup · start month: {}",
        p.start_month.map(|m| m.to_string()).unwrap_or_default()
    );
    if !p.industry.is_empty() {
        let _ = writeln!(o, "Setup · industry: {}", p.industry);
    }
    let _ = writeln!(o, "Readiness · {}%", overall_percent(wb));
    for c in &wb.readiness {
        for i in &c.items {
            let mark = if i.done { "[x]" } else { "[ ]" };
            let note = if i.note.is_empty() {
                String::new()
            } else {
                format!(" · note: {}", i.note)
            };
            let _ = writeln!(o, "Readiness · {} · {mark} {}{note}", c.title, i.label());
        }
    }
    for (g, m) in wb.metrics() {
        let _ = writeln!(
            o,
            "Baseline · {} · {}: {} · target {}",
            g.title,
            m.name,
            shown(m),
            quote(&m.target)
        );
        planned_facts(&mut o, &g.title, m);
    }
    let a = assess(wb);
    let _ = writeln!(o, "Maturity · average {:.1}", a.rounded_average());
    for d in &a.dimensions {
        let level = d.level.map_or_else(
            || "not assessed".into(),
            |l| format!("level {l} {}", level_name(l)),
        );
        let _ = writeln!(o, "Maturity · {} · {level}", d.dimension.title);
        for q in &d.dimension.questions {
            let _ = writeln!(
                o,
                "Maturity · {} · {}: {}",
                d.dimension.title,
                q.text,
                answer_word(q.answer)
            );
        }
    }
    for m in &wb.roadmap.milestones {
        let state = m
            .done_on
            .map_or_else(|| "[ ]".into(), |d| format!("[x] done {d}"));
        let due = wb.due_date(m).map(|d| d.to_string()).unwrap_or_default();
        let owner = if m.owner.is_empty() {
            "no owner".into()
        } else {
            format!("owner {}", m.owner)
        };
        let _ = writeln!(
            o,
            "Roadmap · month {} · {} · {state} {} · {owner} · due {due}",
            m.month,
            wb.track_name(m),
            m.text
        );
    }
    for s in &wb.roadmap.shifts {
        let _ = writeln!(o, "Roadmap · {}", shift_line(wb, s));
    }
    for c in wb.challenges.iter().filter(|c| c.faced) {
        let owner = if c.owner.is_empty() {
            "no owner".into()
        } else {
            format!("owner {}", c.owner)
        };
        let _ = writeln!(
            o,
            "Challenges · [x] {} · {owner} · applying {} · own {}",
            c.name,
            c.applying.join("; "),
            quote(&c.own)
        );
    }
    for s in &wb.snapshots {
        let _ = writeln!(o, "Snapshots · '{}' {}", s.label, s.taken_on);
    }
    o
}

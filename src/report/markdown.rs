//! The Markdown report: a one-page executive summary a lead can send, then the
//! details (readiness, metrics, maturity, phases, roadmap, KPIs) and the activities
//! month by month in an appendix.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{month_name, team_name};
use crate::model::maturity::{
    Assessment, LEVEL_MEANINGS, LEVEL_NAMES, assess, level_name, phase_statuses,
};
use crate::model::measure::{TargetStatus, numeric_value, target_status};
use crate::model::readiness::{CategoryScore, category_scores, exit_checks, overall_percent};
use crate::model::{Challenge, ChallengeKind, Metric, Milestone, Phase, Snapshot, Workbook};
use crate::present::{display_reading, display_value, judged_change, sparkline, status_text};

/// Text made safe for Markdown: one line, no control characters, and whatever
/// Markdown, HTML or GitHub's extensions would read as markup escaped with a backslash,
/// so that it shows as typed in a renderer and reads plainly in the file (`->`, not
/// `-&gt;`): tables, emphasis, strike-through, links and bare URLs cannot be made.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // A bare URL or www. name would become a link.
    out.replace("://", "\\://")
        .replace("www.", "www\\.")
        .replace("WWW.", "WWW\\.")
}

/// Content as the team has it, saying where it differs from the framework's: `Our
/// wording (reworded; the framework's: Their wording)`, `Ours (the team's own)`.
fn adapted(text: &str, seed: &str, added: bool) -> String {
    if !seed.is_empty() {
        format!("{} (reworded; the framework's: {})", md(text), md(seed))
    } else if added {
        format!("{} (the team's own)", md(text))
    } else {
        md(text)
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "-".to_string()
    } else {
        md(s)
    }
}

/// At most this many rows in a list of the executive summary; the rest are counted
/// and found in the details.
const SUMMARY_ROWS: usize = 5;

/// Numbered headings: `## 2. Readiness`, `### 2.1 ...`, then `## Appendix A.`, so
/// the numbering stays consistent whichever optional sections a plan has.
#[derive(Default)]
struct Headings {
    section: u32,
    sub: u32,
}

impl Headings {
    fn section(&mut self, o: &mut String, title: &str) {
        self.section += 1;
        self.sub = 0;
        let _ = writeln!(o, "## {}. {title}\n", self.section);
    }

    fn sub(&mut self, o: &mut String, title: &str) {
        self.sub += 1;
        let _ = writeln!(o, "### {}.{} {title}\n", self.section, self.sub);
    }
}

pub(super) fn markdown(wb: &Workbook, today: Date) -> String {
    let mut o = String::new();
    let a = assess(wb);
    let mut h = Headings::default();
    title(&mut o, wb, today);
    executive_summary(&mut o, &mut h, wb, &a, today);
    md_readiness(&mut o, &mut h, wb);
    md_challenges(&mut o, &mut h, wb);
    md_metrics(&mut o, &mut h, wb, &a, today);
    md_maturity(&mut o, &mut h, &a);
    md_phases(&mut o, &mut h, wb, &a);
    md_roadmap(&mut o, &mut h, wb, today);
    md_kpis(&mut o, &mut h, wb);
    md_appendix(&mut o, wb, today);
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

/// The plan's months as `Jan 2027 to Jun 2027`, with where today falls.
fn plan_span(wb: &Workbook, today: Date) -> String {
    let months = wb.roadmap.months;
    match wb.start() {
        Some(s) => {
            let mut span = format!(
                "{} to {}",
                s.label(),
                s.plus(i32::try_from(months).unwrap_or(6) - 1).label()
            );
            if let Some(m) = wb.month_of(today) {
                let _ = write!(span, ", now month {m} of {months}");
            }
            span
        }
        None => format!("{months} months, start month not set"),
    }
}

fn title(o: &mut String, wb: &Workbook, today: Date) {
    let _ = writeln!(
        o,
        "# {}: operations framework adoption plan\n",
        md(team_name(wb))
    );
    let industry = crate::model::guide::Guide::shared()
        .industry(&wb.plan.industry)
        .map_or_else(String::new, |i| {
            format!(
                " · Industry: {} ({})",
                md(&i.name),
                md(&lower_first(&i.adaptation))
            )
        });
    let _ = writeln!(
        o,
        "Lead: {} · Organization size: {}{industry} · Plan: {} · Report of {today}\n",
        or_dash(&wb.plan.lead),
        wb.plan.org_size.label(),
        plan_span(wb, today)
    );
}

/// The current phase, and the one after it (none after the last).
fn current_and_next<'a>(
    wb: &'a Workbook,
    a: &Assessment,
) -> (Option<&'a Phase>, Option<&'a Phase>) {
    let i = usize::from(a.current_phase().max(1)) - 1;
    (wb.phases.get(i), wb.phases.get(i + 1))
}

/// A sentence's first word in lower case, unless it is an abbreviation (`ML`).
fn lower_first(s: &str) -> String {
    let first = s.split([' ', '-']).next().unwrap_or_default();
    if first
        .chars()
        .filter(char::is_ascii_alphabetic)
        .all(|c| c.is_ascii_uppercase())
        && first.len() > 1
    {
        return s.to_string();
    }
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A change of a whole-number measure with a sign, and whether higher is better.
fn signed(delta: f64, unit: &str, higher_is_better: bool) -> String {
    if delta.abs() < 0.05 {
        return "±0".to_string();
    }
    let better = (delta > 0.0) == higher_is_better;
    format!(
        "{}{:.*}{unit} {}",
        if delta > 0.0 { "+" } else { "-" },
        usize::from(unit.is_empty() && delta.fract().abs() > 0.01),
        delta.abs(),
        if better { "better" } else { "worse" }
    )
}

fn executive_summary(o: &mut String, h: &mut Headings, wb: &Workbook, a: &Assessment, today: Date) {
    h.section(o, "Executive summary");
    standing_table(o, wb, a, today);
    what_changed(o, wb, today);
    overdue_table(o, wb, today);
    let scores = category_scores(wb);
    let (current, _) = current_and_next(wb, a);
    risks_and_asks(o, wb, &scores, current);
    to_discuss(o, wb, today);
    re_planning(o, wb);
    next_actions(o, wb, a, today);
}

/// The tracks shifted since the baseline and the metrics behind their path.
fn re_planning(o: &mut String, wb: &Workbook) {
    let shifted = wb.shifted_since_baseline();
    if !shifted.is_empty() {
        let _ = writeln!(o, "**Tracks shifted since the baseline:**\n");
        for t in shifted {
            let direction = if t.net >= 0 { "later" } else { "earlier" };
            let _ = writeln!(
                o,
                "- {}: {} month{} {direction} ({} shift{}, the last on {})",
                md(&t.name),
                t.net.abs(),
                if t.net.abs() == 1 { "" } else { "s" },
                t.count,
                if t.count == 1 { "" } else { "s" },
                t.last
            );
        }
        o.push('\n');
    }
    let behind = wb.behind_path();
    if !behind.is_empty() {
        let _ = writeln!(o, "**Metrics behind their path:**\n");
        for (m, b) in behind {
            let _ = writeln!(
                o,
                "- ! {}: {}",
                md(m.label()),
                md(&crate::present::behind_text(wb, m, &b))
            );
        }
        o.push('\n');
    }
}

/// What a snapshot recorded of a row.
type Recorded = fn(&Snapshot) -> f64;

/// A row of where the team stands: its value now in words, and as a number to
/// compare with what a snapshot recorded.
struct Standing {
    name: &'static str,
    now: String,
    /// The number now, and in a snapshot; none for a row snapshots do not record.
    number: Option<(f64, Recorded)>,
    unit: &'static str,
}

#[allow(clippy::cast_precision_loss)] // counts of milestones
fn standings(wb: &Workbook, a: &Assessment, today: Date) -> Vec<Standing> {
    let readiness = wb.readiness_progress();
    let roadmap = wb.roadmap_progress();
    let overdue = wb.overdue_milestones(today).count();
    let measured: Vec<&Metric> = wb
        .metrics()
        .map(|(_, m)| m)
        .filter(|m| {
            matches!(
                target_status(m),
                TargetStatus::Meets | TargetStatus::Misses(_)
            )
        })
        .collect();
    let meeting = measured
        .iter()
        .filter(|m| target_status(m) == TargetStatus::Meets)
        .count();
    let phase = current_and_next(wb, a)
        .0
        .map_or_else(|| format!("phase {}", a.current_phase()), |p| md(&p.name));
    vec![
        Standing {
            name: "Readiness",
            now: format!(
                "{}% ({} of {} items)",
                overall_percent(wb),
                readiness.done,
                readiness.total
            ),
            number: Some((f64::from(overall_percent(wb)), |s| {
                f64::from(s.readiness_percent)
            })),
            unit: " pts",
        },
        Standing {
            name: "Maturity (0 to 4)",
            now: format!(
                "{:.1}: level {} {}",
                a.rounded_average(),
                a.overall_level(),
                level_name(a.overall_level())
            ),
            number: Some((a.rounded_average(), |s| s.maturity_average)),
            unit: "",
        },
        Standing {
            name: "Milestones done",
            now: if overdue > 0 {
                format!("{} of {}, ! {overdue} overdue", roadmap.done, roadmap.total)
            } else {
                format!("{} of {}", roadmap.done, roadmap.total)
            },
            number: Some((roadmap.done as f64, |s| s.milestones_done as f64)),
            unit: "",
        },
        Standing {
            name: "Metrics meeting their target",
            now: if measured.is_empty() {
                "none measured yet".to_string()
            } else {
                format!("{meeting} of {} measured against one", measured.len())
            },
            number: None,
            unit: "",
        },
        Standing {
            name: "Implementation phase",
            now: phase,
            number: None,
            unit: "",
        },
    ]
}

/// Where the team stands now, since the baseline (the first snapshot) and since last
/// month (the newest snapshot before this month).
fn standing_table(o: &mut String, wb: &Workbook, a: &Assessment, today: Date) {
    let base = wb.snapshots.first();
    let last = wb.snapshot_before_month(today);
    let rows = standings(wb, a, today);
    if base.is_none() {
        // Nothing to compare with yet: the table says only where the team is.
        let _ = writeln!(o, "| | Now |\n|---|---|");
        for r in rows {
            let _ = writeln!(o, "| {} | {} |", r.name, r.now);
        }
    } else {
        let head =
            |s: Option<&Snapshot>| s.map_or_else(String::new, |s| format!(" ({})", s.taken_on));
        let _ = writeln!(
            o,
            "| | Now | Since the baseline{} | Since last month{} |\n|---|---|---|---|",
            head(base),
            head(last)
        );
        for r in rows {
            let since = |then: Option<&Snapshot>| match (then, r.number) {
                (Some(s), Some((now, was))) => signed(now - was(s), r.unit, true),
                _ => "-".to_string(),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                r.name,
                r.now,
                since(base),
                since(last)
            );
        }
    }
    o.push('\n');
    let scale: Vec<String> = LEVEL_NAMES
        .iter()
        .zip(LEVEL_MEANINGS)
        .enumerate()
        .map(|(i, (n, m))| format!("{i} {n} ({})", lower_first(m)))
        .collect();
    let _ = writeln!(o, "Maturity scale: {}.\n", scale.join(", "));
    if base.is_none() {
        let _ = writeln!(
            o,
            "No snapshot yet: the first one (`s` on the Summary) records the baseline \
             that later reports compare with.\n"
        );
    }
}

/// How the metrics moved since their baseline and since last month, better or
/// worse as their targets judge it.
fn what_changed(o: &mut String, wb: &Workbook, today: Date) {
    let last = wb.snapshot_before_month(today);
    let mut lines = Vec::new();
    for (_, m) in wb.metrics() {
        let Some(since_base) = m.since_baseline() else {
            continue;
        };
        let Some(now) = display_value(m) else {
            continue;
        };
        let mut line = format!(
            "- {}: {} now, {} since the baseline",
            md(m.label()),
            md(&now),
            judged_change(m, since_base)
        );
        if let (Some(then), Some(to)) = (
            last.and_then(|s| s.metrics.get(&m.id)).copied(),
            numeric_value(m),
        ) {
            let _ = write!(line, ", {} since last month", judged_change(m, (then, to)));
        }
        lines.push(line);
    }
    if lines.is_empty() {
        let _ = writeln!(
            o,
            "**What changed:** no metric has been measured again since its baseline yet.\n"
        );
        return;
    }
    let _ = writeln!(o, "**What changed:**\n");
    let more = lines.len().saturating_sub(SUMMARY_ROWS);
    for line in lines.iter().take(SUMMARY_ROWS) {
        let _ = writeln!(o, "{line}");
    }
    if more > 0 {
        let _ = writeln!(o, "- and {more} more metrics: see Metrics below");
    }
    o.push('\n');
}

/// The overdue milestones, most late first, with who owns them.
fn overdue_table(o: &mut String, wb: &Workbook, today: Date) {
    let overdue: Vec<&Milestone> = wb
        .who_to_chase(today)
        .into_iter()
        .map(|i| &wb.roadmap.milestones[i])
        .filter(|ms| wb.is_overdue(ms, today))
        .collect();
    if overdue.is_empty() {
        let _ = writeln!(o, "**Overdue milestones:** none.\n");
        return;
    }
    let _ = writeln!(
        o,
        "**Overdue milestones:** {}, most late first\n",
        overdue.len()
    );
    let _ = writeln!(
        o,
        "| Late by | Owner | Milestone | Due |\n|----|-----|--------------|-----|"
    );
    for ms in overdue.iter().take(SUMMARY_ROWS) {
        let late = match wb.days_late(ms, today) {
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        };
        let owner = if ms.owner.trim().is_empty() {
            "! no owner".to_string()
        } else {
            md(&ms.owner)
        };
        let due = wb
            .due_date(ms)
            .map_or_else(|| "-".to_string(), |d| d.to_string());
        let _ = writeln!(o, "| ! {late} | {owner} | {} | {due} |", md(&ms.text));
    }
    o.push('\n');
    if overdue.len() > SUMMARY_ROWS {
        let _ = writeln!(
            o,
            "And {} more overdue: see the Roadmap's milestones below.\n",
            overdue.len() - SUMMARY_ROWS
        );
    }
}

/// The top risks (readiness categories at risk, the current phase's risks) and the
/// asks (the current phase's dependencies).
fn risks_and_asks(
    o: &mut String,
    wb: &Workbook,
    scores: &[CategoryScore],
    current: Option<&Phase>,
) {
    let _ = writeln!(o, "**Top risks:**\n");
    let mut any = false;
    let weak: Vec<String> = scores
        .iter()
        .filter(|s| s.at_risk)
        .map(|s| {
            let tracks = if s.tracks_at_risk.is_empty() {
                String::new()
            } else {
                format!(", putting {} at risk", md(&s.tracks_at_risk.join(", ")))
            };
            format!("{} {}{tracks}", md(&s.category.title), s.progress)
        })
        .collect();
    if !weak.is_empty() {
        let _ = writeln!(o, "- ! Readiness below 3 of 5: {}", weak.join("; "));
        any = true;
    }
    if let Some(p) = current.filter(|p| !p.risks.is_empty()) {
        let risks: Vec<String> = p.risks.iter().map(|r| md(r)).collect();
        let _ = writeln!(o, "- {}: {}", md(&p.name), risks.join("; "));
        any = true;
    }
    // The challenges the team faces, those with nothing done about them first.
    let mut faced: Vec<&Challenge> = wb.challenges.iter().filter(|c| c.faced).collect();
    faced.sort_by_key(|c| !c.unmitigated());
    for c in faced {
        let _ = writeln!(o, "- {}", challenge_line(c));
        any = true;
    }
    if !any {
        let _ = writeln!(o, "- None recorded.");
    }
    o.push('\n');
    match current.filter(|p| !p.dependencies.is_empty()) {
        Some(p) => {
            let deps: Vec<String> = p.dependencies.iter().map(|d| md(d)).collect();
            let _ = writeln!(
                o,
                "**Asks:** {} depends on {}.",
                md(&p.name),
                deps.join("; ")
            );
        }
        None => {
            let _ = writeln!(o, "**Asks:** none recorded.");
        }
    }
    o.push('\n');
}

/// What the team does about a challenge (the seed's solutions it applies, then its
/// own), empty when nothing; and its owner, flagged when there is none.
fn challenge_parts(c: &Challenge) -> (String, String) {
    let mut what = c
        .applying
        .iter()
        .map(|a| md(a))
        .collect::<Vec<_>>()
        .join("; ");
    if !c.own.trim().is_empty() {
        if !what.is_empty() {
            what.push_str(" · ");
        }
        let _ = write!(what, "our own: {}", md(&c.own));
    }
    let owner = if c.owner.trim().is_empty() {
        "! no owner".to_string()
    } else {
        format!("owner {}", md(&c.owner))
    };
    (what, owner)
}

/// The cross-checks that fired: the answer and the figure side by side; dismissed
/// ones with the team's note.
fn to_discuss(o: &mut String, wb: &Workbook, today: Date) {
    let findings = crate::model::crosscheck::findings(wb, today);
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(o, "**To discuss (answers and figures that disagree):**\n");
    for f in findings {
        let side = if f.figure.is_empty() {
            format!("answer: {}", md(&f.answer))
        } else {
            format!("answer: {} · figure: {}", md(&f.answer), md(&f.figure))
        };
        match &f.dismissed {
            None => {
                let _ = writeln!(o, "- ! {} ({side})", md(&f.says));
            }
            Some(note) => {
                let _ = writeln!(
                    o,
                    "- dismissed: {} ({side}; note: {})",
                    md(&f.says),
                    md(note)
                );
            }
        }
    }
    o.push('\n');
}

/// A faced challenge in a line, for the top risks, flagged when it has no mitigation.
fn challenge_line(c: &Challenge) -> String {
    let (what, owner) = challenge_parts(c);
    if what.is_empty() {
        format!("! {}: no mitigation ({owner})", md(&c.name))
    } else {
        format!("{}: {what} ({owner})", md(&c.name))
    }
}

/// The challenges register: the challenges and resistance points the team faces, with
/// their symptoms and what it does about them, then those it does not face.
fn md_challenges(o: &mut String, h: &mut Headings, wb: &Workbook) {
    if wb.challenges.is_empty() {
        return;
    }
    h.section(o, "Challenges and resistance");
    let faced: Vec<&Challenge> = wb.challenges.iter().filter(|c| c.faced).collect();
    if faced.is_empty() {
        let _ = writeln!(o, "The team has marked none of them as faced.\n");
    }
    for c in &faced {
        let kind = match c.kind {
            ChallengeKind::Implementation => "implementation challenge",
            ChallengeKind::Resistance => "resistance point",
        };
        let _ = writeln!(o, "- **{}** ({kind})", md(&c.name));
        if !c.symptoms.is_empty() {
            let _ = writeln!(o, "  - Symptoms: {}", md(&c.symptoms));
        }
        let (what, _) = challenge_parts(c);
        if what.is_empty() {
            let _ = writeln!(o, "  - ! No mitigation yet");
        } else {
            let _ = writeln!(o, "  - What we do: {what}");
        }
        if c.owner.trim().is_empty() {
            let _ = writeln!(o, "  - ! No owner");
        } else {
            let _ = writeln!(o, "  - Owner: {}", md(&c.owner));
        }
    }
    let others: Vec<String> = wb
        .challenges
        .iter()
        .filter(|c| !c.faced)
        .map(|c| md(&c.name))
        .collect();
    if !others.is_empty() {
        if !faced.is_empty() {
            o.push('\n');
        }
        let _ = writeln!(o, "Not faced: {}.", others.join(", "));
    }
    o.push('\n');
}

/// What to do next: chase what slipped, finish this month, close the maturity gaps
/// that block the next level, measure what has no baseline.
fn next_actions(o: &mut String, wb: &Workbook, a: &Assessment, today: Date) {
    let _ = writeln!(o, "**Next actions:**\n");
    let mut actions = vec![format!("{}.", a.recommendation())];
    let overdue = wb.overdue_milestones(today).count();
    if overdue > 0 {
        actions.push(format!(
            "Chase the {overdue} overdue milestone{} with their owners.",
            if overdue == 1 { "" } else { "s" }
        ));
    }
    if let Some(m) = wb.month_of(today) {
        let open: Vec<&Milestone> = wb.milestones_of(m).filter(|x| !x.is_done()).collect();
        if !open.is_empty() {
            let names: Vec<String> = open.iter().take(2).map(|x| md(&x.text)).collect();
            let more = open.len().saturating_sub(2);
            actions.push(format!(
                "Finish month {m}'s {} open milestone{}: {}{}.",
                open.len(),
                if open.len() == 1 { "" } else { "s" },
                names.join("; "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
    }
    let mut dims: Vec<_> = a
        .dimensions
        .iter()
        .filter(|d| d.level.is_some() && !d.gaps.is_empty())
        .collect();
    dims.sort_by_key(|d| d.level);
    for d in dims.iter().take(2) {
        let next = d.level.unwrap_or(0) + 1;
        actions.push(format!(
            "{} to level {next} ({}): {}",
            md(&d.dimension.title),
            level_name(next),
            md(&d.gaps[0].text)
        ));
    }
    let unmeasured = wb
        .metrics()
        .filter(|(_, m)| target_status(m) == TargetStatus::NoValue)
        .count();
    if unmeasured > 0 {
        actions.push(format!(
            "Measure the {unmeasured} metrics that have no baseline yet."
        ));
    }
    for (i, action) in actions.iter().enumerate() {
        let _ = writeln!(o, "{}. {action}", i + 1);
    }
    o.push('\n');
}

fn md_readiness(o: &mut String, h: &mut Headings, wb: &Workbook) {
    h.section(o, &format!("Readiness: {}%", overall_percent(wb)));
    let _ = writeln!(o, "| Category | Score | Status |\n|---|---|---|");
    for s in category_scores(wb) {
        let status = if s.at_risk {
            if s.tracks_at_risk.is_empty() {
                "! at risk".to_string()
            } else {
                format!(
                    "! at risk, and with it {}",
                    md(&s.tracks_at_risk.join(", "))
                )
            }
        } else {
            "ready".to_string()
        };
        let _ = writeln!(
            o,
            "| {} | {} | {status} |",
            md(&s.category.title),
            s.progress
        );
    }
    for (check, progress) in exit_checks(wb) {
        let status = if progress.done == progress.total {
            "done (not part of the score)"
        } else {
            "open (not part of the score)"
        };
        let _ = writeln!(o, "| {} | {progress} | {status} |", md(&check.title));
    }
    o.push('\n');
    for c in &wb.readiness {
        h.sub(o, &md(&c.title));
        for i in &c.items {
            let mark = if i.done { "x" } else { " " };
            let note = if i.note.trim().is_empty() {
                String::new()
            } else {
                format!(" (note: {})", md(&i.note))
            };
            let label = if i.kind.is_empty() {
                adapted(&i.text, &i.seed_text, i.added)
            } else {
                md(&i.label())
            };
            let votes = crate::model::votes::Voted::votes(i);
            let vote_note = if votes.any() {
                format!(" ({})", votes.short())
            } else {
                String::new()
            };
            let _ = writeln!(o, "- [{mark}] {label}{vote_note}{note}");
        }
        o.push('\n');
    }
}

#[allow(clippy::many_single_char_names)] // o, h, a as everywhere in this file
fn md_metrics(o: &mut String, h: &mut Headings, wb: &Workbook, a: &Assessment, today: Date) {
    h.section(o, "Metrics");
    h.sub(o, "Baseline, latest and targets");
    let _ = writeln!(
        o,
        "| Group | Metric | Baseline | Measured on | Source | Latest | Target | Against target |"
    );
    let _ = writeln!(o, "|---|---|---|---|---|---|---|---|");
    for (g, m) in wb.metrics() {
        let base = m.baseline();
        let value =
            display_reading(m, &base).map_or_else(|| "not measured".to_string(), |v| md(&v));
        let latest = if m.measurements.is_empty() {
            "-".to_string()
        } else {
            let l = m.latest();
            let v = display_reading(m, &l).unwrap_or_default();
            l.on.map_or_else(|| md(&v), |d| format!("{} ({d})", md(&v)))
        };
        let status = match target_status(m) {
            TargetStatus::NoValue => "-".to_string(),
            _ => status_text(m),
        };
        let _ = writeln!(
            o,
            "| {} | {} | {value} | {} | {} | {latest} | {} | {status} |",
            md(&g.title),
            adapted(
                &m.name,
                &m.seed_name,
                m.origin == crate::model::content::TEAM
            ),
            base.on.map_or_else(|| "-".to_string(), |d| d.to_string()),
            or_dash(&m.source),
            if m.seed_target.is_empty() {
                or_dash(&m.target)
            } else {
                format!(
                    "{}, the team's (framework: {})",
                    or_dash(&m.target),
                    md(&m.seed_target)
                )
            },
        );
    }
    o.push('\n');
    md_paths(o, h, wb);
    health_markdown(o, h, wb);
    md_progress(o, h, wb, a, today);
}

/// Each metric's planned path to its target against what was measured, month by
/// month: `!` where a measurement is behind the path, `*` where the team planned
/// the month.
fn md_paths(o: &mut String, h: &mut Headings, wb: &Workbook) {
    let paths: Vec<_> = wb
        .metrics()
        .filter_map(|(_, m)| Some((m, wb.path_of(m)?)))
        .collect();
    if paths.is_empty() {
        return;
    }
    h.sub(o, "Paths to target");
    let _ = writeln!(
        o,
        "Straight from the baseline to the target unless the team planned a month (`*`); \
         the latest measurement of each month below its plan, `!` where it is behind.\n"
    );
    let months = 1..=wb.roadmap.months;
    let labels: Vec<String> = months
        .clone()
        .map(|m| crate::screens::roadmap::month_label(wb, m, false))
        .collect();
    let _ = writeln!(o, "| Metric | | {} |", labels.join(" | "));
    let _ = writeln!(o, "|---|---|{}", "---|".repeat(labels.len()));
    for (m, p) in &paths {
        let (lo, hi) = p.bounds();
        let fig = |x: f64| crate::present::path_figure(x, hi - lo);
        let planned: Vec<String> = months
            .clone()
            .map(|month| match p.planned_in(month) {
                Some(x) if m.planned.contains_key(&month) => format!("{}*", fig(x)),
                Some(x) => fig(x),
                None => String::new(),
            })
            .collect();
        let measured: Vec<String> = months
            .clone()
            .map(|month| match p.actual_in(month) {
                None => "-".to_string(),
                Some(x) if p.behind_in(m, month).is_some() => format!("{} !", fig(x)),
                Some(x) => fig(x),
            })
            .collect();
        let _ = writeln!(
            o,
            "| {} ({}) | planned | {} |",
            md(m.label()),
            md(&crate::present::path_unit(m)),
            planned.join(" | ")
        );
        let _ = writeln!(o, "| | measured | {} |", measured.join(" | "));
    }
    o.push('\n');
}

/// Snapshots, today, and how the metrics moved.
fn md_progress(o: &mut String, h: &mut Headings, wb: &Workbook, a: &Assessment, today: Date) {
    if wb.snapshots.is_empty() {
        return;
    }
    h.sub(o, "Progress over time");
    let _ = writeln!(
        o,
        "| Date | Label | Readiness | Maturity | Milestones |\n|---|---|---|---|---|"
    );
    for s in &wb.snapshots {
        let _ = writeln!(
            o,
            "| {} | {} | {}% | {:.1} | {}/{} |",
            s.taken_on,
            md(&s.label),
            s.readiness_percent,
            s.maturity_average,
            s.milestones_done,
            s.milestones_total
        );
    }
    let roadmap = wb.roadmap_progress();
    let _ = writeln!(
        o,
        "| {today} | now | {}% | {:.1} | {roadmap} |\n",
        overall_percent(wb),
        a.rounded_average(),
    );
    let _ = writeln!(
        o,
        "| Metric | Baseline | Latest | Since baseline | Since previous | Trend |\n|---|---|---|---|---|---|"
    );
    for (_, m) in wb.metrics() {
        if display_value(m).is_none() {
            continue;
        }
        let dated = |r: &crate::model::history::Reading<'_>| {
            let value = display_reading(m, r).unwrap_or_else(|| "-".to_string());
            r.on.map_or(value.clone(), |d| format!("{value} ({d})"))
        };
        let change =
            |c: Option<(f64, f64)>| c.map_or_else(|| "-".to_string(), |c| judged_change(m, c));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            md(&m.name),
            md(&dated(&m.baseline())),
            if m.measurements.is_empty() {
                "-".to_string()
            } else {
                md(&dated(&m.latest()))
            },
            change(m.since_baseline()),
            change(m.since_previous()),
            sparkline(&m.trend()).trim()
        );
    }
    o.push('\n');
}

/// The health measures and leading indicators: each snapshot's score (the last
/// six) and this month's, 1 to 5.
fn health_markdown(o: &mut String, h: &mut Headings, wb: &Workbook) {
    let scored = wb.health.iter().any(|h| h.score.is_some())
        || wb.snapshots.iter().any(|s| !s.health.is_empty());
    if !scored {
        return;
    }
    let shown = &wb.snapshots[wb.snapshots.len().saturating_sub(6)..];
    h.sub(o, "Implementation health and leading indicators (1 to 5)");
    let mut head = "| Measure | Kind |".to_string();
    let mut rule = "|---|---|".to_string();
    for s in shown {
        let _ = write!(head, " {} |", s.taken_on);
        rule.push_str("---|");
    }
    head.push_str(" Now |");
    rule.push_str("---|");
    let _ = writeln!(o, "{head}\n{rule}");
    for m in &wb.health {
        let kind = match m.kind {
            crate::model::HealthKind::Health => "health",
            crate::model::HealthKind::Indicator => "leading",
        };
        let mut row = format!("| {} | {kind} |", md(&m.name));
        for s in shown {
            let _ = write!(
                row,
                " {} |",
                s.health
                    .get(&m.id)
                    .map_or("-".to_string(), ToString::to_string)
            );
        }
        let _ = write!(
            row,
            " {} |",
            m.score.map_or("-".to_string(), |x| x.to_string())
        );
        let _ = writeln!(o, "{row}");
    }
    o.push('\n');
}

/// The scale, each dimension's level and what blocks the next, then every answer
/// with its evidence note, dimension by dimension.
fn md_maturity(o: &mut String, h: &mut Headings, a: &Assessment) {
    h.section(
        o,
        &format!(
            "Maturity: {:.1} ({})",
            a.rounded_average(),
            level_name(a.overall_level())
        ),
    );
    let _ = writeln!(o, "| Level | Name | Means |\n|---|---|---|");
    for (i, (n, m)) in LEVEL_NAMES.iter().zip(LEVEL_MEANINGS).enumerate() {
        let _ = writeln!(o, "| {i} | {n} | {m} |");
    }
    let _ = writeln!(
        o,
        "\nA dimension is at the highest level whose every question is answered yes; \
         unanswered counts as no. A question answered not applicable is left out, but a \
         level needs at least one yes. The average is of the assessed dimensions, \
         rounded half to even.\n"
    );
    let _ = writeln!(
        o,
        "| Dimension | Level | Not applicable | Blocks the next level |\n|---|---|---|---|"
    );
    for d in &a.dimensions {
        let level = d.level.map_or_else(
            || "not assessed".to_string(),
            |l| format!("{l} {}", level_name(l)),
        );
        let gaps: Vec<String> = d.gaps.iter().map(|q| md(&q.text)).collect();
        let gaps = if gaps.is_empty() {
            "-".to_string()
        } else {
            gaps.join("; ")
        };
        let _ = writeln!(
            o,
            "| {} | {level} | {} of {} | {gaps} |",
            md(&d.dimension.title),
            d.not_applicable,
            d.dimension.questions.len()
        );
    }
    let _ = writeln!(o, "\nRecommendation: {}.\n", a.recommendation());
    for d in &a.dimensions {
        let level = d
            .level
            .map_or_else(|| "not assessed".to_string(), |l| format!("level {l}"));
        h.sub(o, &format!("{}: {level}", md(&d.dimension.title)));
        let _ = writeln!(
            o,
            "| Question | For levels | Answer | Evidence |\n|---|---|---|---|"
        );
        for q in &d.dimension.questions {
            let levels: Vec<String> = q.levels.iter().map(ToString::to_string).collect();
            let votes = crate::model::votes::Voted::votes(q);
            let answer = if votes.any() {
                format!(
                    "{}, {}{}",
                    super::answer_word(q.answer),
                    votes.short(),
                    if votes.split() { " (split)" } else { "" }
                )
            } else {
                super::answer_word(q.answer).to_string()
            };
            let _ = writeln!(
                o,
                "| {} | {} | {answer} | {} |",
                adapted(&q.text, &q.seed_text, q.added),
                levels.join(", "),
                or_dash(&q.note)
            );
        }
        o.push('\n');
    }
}

fn list(o: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(o, "{title}:\n");
    for i in items {
        let _ = writeln!(o, "- {}", md(i));
    }
    o.push('\n');
}

/// Every phase with its status, then the current and the next phase in full.
fn md_phases(o: &mut String, h: &mut Headings, wb: &Workbook, a: &Assessment) {
    h.section(o, "Implementation phases");
    let _ = writeln!(o, "| Phase | Status | Objectives |\n|---|---|---|");
    for (p, status) in phase_statuses(&wb.phases, a.current_phase()) {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            md(&p.name),
            status.label(),
            md(&p.objectives.join("; "))
        );
    }
    o.push('\n');
    let (current, next) = current_and_next(wb, a);
    for (which, phase) in [("Now", current), ("Next", next)] {
        let Some(p) = phase else { continue };
        h.sub(o, &format!("{which}: {}", md(&p.name)));
        list(o, "Objectives", &p.objectives);
        list(o, "Deliverables", &p.deliverables);
        list(o, "Success criteria", &p.success_criteria);
        list(o, "Risks", &p.risks);
        list(o, "Dependencies", &p.dependencies);
    }
}

/// The roadmap: the Gantt chart, every milestone with owner and status, and the
/// training in it.
fn md_roadmap(o: &mut String, h: &mut Headings, wb: &Workbook, today: Date) {
    h.section(o, "Roadmap");
    h.sub(o, "Chart");
    let _ = writeln!(o, "```mermaid\n{}```\n", super::mermaid::mermaid(wb, today));
    h.sub(o, &format!("Milestones: {} done", wb.roadmap_progress()));
    let _ = writeln!(
        o,
        "| Month | Milestone | Track | Owner | Due | Status |\n|---|---|---|---|---|---|"
    );
    for m in 1..=wb.roadmap.months {
        for ms in wb.milestones_of(m) {
            let track = or_dash(wb.track_name(ms));
            let due = wb
                .due_date(ms)
                .map_or_else(|| "-".to_string(), |d| d.to_string());
            let status = if let Some(day) = ms.done_on {
                format!("done {day}")
            } else if wb.is_overdue(ms, today) {
                "! overdue".to_string()
            } else {
                "open".to_string()
            };
            let _ = writeln!(
                o,
                "| {m} | {} | {track} | {} | {due} | {status} |",
                md(&ms.text),
                or_dash(&ms.owner)
            );
        }
    }
    o.push('\n');
    md_training(o, h, wb, today);
}

/// Words that mark an activity or milestone as part of the team's training.
const TRAINING: [&str; 6] = [
    "train",
    "mentor",
    "certif",
    "skill",
    "knowledge transfer",
    "expertise",
];

fn is_training(text: &str) -> bool {
    let t = text.to_lowercase();
    TRAINING.iter().any(|w| t.contains(w))
}

/// The team training schedule: every training activity and milestone, by month.
fn md_training(o: &mut String, h: &mut Headings, wb: &Workbook, today: Date) {
    h.sub(o, "Team training schedule");
    let _ = writeln!(
        o,
        "| Month | Track | Training | Status |\n|---|---|---|---|"
    );
    let mut any = false;
    for m in 1..=wb.roadmap.months {
        for t in &wb.roadmap.tracks {
            for a in t
                .activities
                .iter()
                .filter(|a| a.month == m && is_training(&a.text))
            {
                let status = if a.done { "done" } else { "planned" };
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {status} |",
                    month_name(wb, m, today),
                    md(&t.name),
                    md(&a.text)
                );
                any = true;
            }
        }
        for ms in wb.milestones_of(m).filter(|ms| is_training(&ms.text)) {
            let status = if let Some(day) = ms.done_on {
                format!("done {day}")
            } else {
                "milestone".to_string()
            };
            let _ = writeln!(
                o,
                "| {} | - | {} | {status} |",
                month_name(wb, m, today),
                md(&ms.text)
            );
            any = true;
        }
    }
    if !any {
        let _ = writeln!(o, "| - | - | no training activities in the plan | - |");
    }
    o.push('\n');
}

/// The KPI framework: what is measured, how, how often and from where.
fn md_kpis(o: &mut String, h: &mut Headings, wb: &Workbook) {
    if wb.kpis.is_empty() {
        return;
    }
    h.section(o, "KPI framework");
    let _ = writeln!(
        o,
        "| KPI | Category | Formula | Target | Cadence | Data source |\n|---|---|---|---|---|---|"
    );
    for k in &wb.kpis {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            md(&k.name),
            or_dash(&k.category),
            or_dash(&k.formula),
            or_dash(&k.target),
            or_dash(&k.cadence),
            or_dash(&k.data_source)
        );
    }
    o.push('\n');
}

/// The activities month by month, with each month's stage and milestone count.
fn md_appendix(o: &mut String, wb: &Workbook, today: Date) {
    let _ = writeln!(o, "## Appendix A. Activities month by month\n");
    for m in 1..=wb.roadmap.months {
        let stage = wb
            .roadmap
            .stages
            .iter()
            .find(|s| s.first_month <= m && m <= s.last_month)
            .map_or(String::new(), |s| format!(" ({})", md(&s.name)));
        let overdue = if wb.month_overdue(m, today) {
            ", ! overdue"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "### A.{m} Month {m}: {}{stage}, milestones {}{overdue}\n",
            month_name(wb, m, today),
            wb.month_progress(m)
        );
        let mut any = false;
        for t in &wb.roadmap.tracks {
            let acts: Vec<String> = t
                .activities
                .iter()
                .filter(|x| x.month == m)
                .map(|x| {
                    let kind = if x.kind.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", md(&x.kind))
                    };
                    format!("[{}] {kind}{}", if x.done { "x" } else { " " }, md(&x.text))
                })
                .collect();
            if !acts.is_empty() {
                let _ = writeln!(o, "- {}: {}", md(&t.name), acts.join("; "));
                any = true;
            }
        }
        if !any {
            let _ = writeln!(o, "- No activities.");
        }
        o.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(
            md("Monitor -> Respond & Review"),
            "Monitor -\\> Respond \\& Review"
        );
        assert_eq!(md("~~gone~~"), "\\~\\~gone\\~\\~");
        assert_eq!(
            md("see https://x.io or www.y.io"),
            "see https\\://x.io or www\\.y.io"
        );
        assert_eq!(md("one\ntwo"), "one two");
        assert_eq!(md("\u{1b}[31m"), "\u{fffd}\\[31m");
    }

    #[test]
    fn a_sentence_starts_in_lower_case_unless_it_is_an_abbreviation() {
        assert_eq!(
            lower_first("Manual, reactive operations"),
            "manual, reactive operations"
        );
        assert_eq!(lower_first("ML-assisted analysis"), "ML-assisted analysis");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn changes_say_better_or_worse() {
        assert_eq!(signed(20.0, " pts", true), "+20 pts better");
        assert_eq!(signed(-0.3, "", true), "-0.3 worse");
        assert_eq!(signed(2.0, "", true), "+2 better");
        assert_eq!(signed(0.0, "", true), "±0");
    }
}

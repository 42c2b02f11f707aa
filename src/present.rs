//! How things read, for the screens and the reports alike: text from a workbook made
//! safe (control characters and escape sequences never reach a terminal raw, in the
//! app, in messages or in exports a terminal may print), and values, changes,
//! statuses and trends in words and marks that need no colour. The model stays free
//! of glyphs.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::model::measure::{TargetStatus, fmt_num, target_status};
use crate::model::{Metric, MetricKind, Normalized};

/// Text from a workbook or a paste, made safe to draw on one line: control characters
/// are shown as visible escapes (`^[` for ESC, `^G` for BEL, `\u{9b}` for C1 codes)
/// and never reach the terminal raw; line breaks and tabs become spaces.
pub fn safe(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// The same for a message of several lines: line breaks stay.
pub fn safe_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() && !(keep_lines && c == '\n');
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_lines => out.push('\n'),
            // A line ending of two characters, as CSV writes it.
            '\r' if keep_lines && chars.peek() == Some(&'\n') => out.push('\r'),
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{7f}' => out.push_str("^?"),
            c if u32::from(c) < 0x20 => {
                out.push('^');
                out.push(char::from_u32(u32::from(c) + 64).unwrap_or('?'));
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

// ---- How values, changes and statuses read, for the screens and the reports alike.

/// A number of minutes as a person reads it: `45 min`, `1 h 30 min`, `2.5 d`.
pub fn fmt_minutes(minutes: f64) -> String {
    if minutes < 1.0 && minutes > 0.0 {
        return format!("{} s", fmt_num(minutes * 60.0));
    }
    if minutes < 60.0 {
        return format!("{} min", fmt_num(minutes));
    }
    if minutes < 2880.0 {
        let whole = minutes.round();
        let h = (whole / 60.0).floor();
        let m = whole - h * 60.0;
        return if m == 0.0 {
            format!("{} h", fmt_num(h))
        } else {
            format!("{} h {} min", fmt_num(h), fmt_num(m))
        };
    }
    format!("{} d", fmt_num(minutes / 1440.0))
}

/// An amount in a metric's unit, for values and differences.
pub fn fmt_amount(m: &Metric, x: f64) -> String {
    match m.kind {
        MetricKind::Percent => format!("{} %", fmt_num(x)),
        MetricKind::Duration => fmt_minutes(x),
        MetricKind::Split => format!("{}/{}", fmt_num(x), fmt_num(100.0 - x)),
        MetricKind::Score => format!("{}/5", fmt_num(x)),
        MetricKind::Rate | MetricKind::Severity | MetricKind::Text => {
            format!("{} {}", fmt_num(x), m.unit).trim_end().to_string()
        }
        MetricKind::Amount => {
            let number = fmt_grouped(x);
            // A currency leads: `$12,000 per month`.
            match m.unit.strip_prefix(['$', '€', '£', '¥']) {
                Some(rest) => format!("{}{number}{rest}", &m.unit[..m.unit.len() - rest.len()]),
                None => format!("{number} {}", m.unit).trim_end().to_string(),
            }
        }
    }
}

/// A number with its thousands grouped: `12,000`, `1,250,000.5`.
fn fmt_grouped(x: f64) -> String {
    let text = fmt_num(x);
    let (sign, text) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |t| ("-", t));
    let (whole, fraction) = text.split_once('.').map_or((text, ""), |(w, f)| (w, f));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// A change in a metric, signed, in its unit: `+0.45 %`, `-45 min`, `±0`.
pub fn fmt_change(m: &Metric, delta: f64) -> String {
    if delta.abs() < 0.005 {
        return "±0".to_string();
    }
    let sign = if delta > 0.0 { '+' } else { '-' };
    let amount = match m.kind {
        // A percentage moves in points: 99.5 % to 99.9 % is +0.4 pts, not +0.4 %.
        MetricKind::Split | MetricKind::Percent => format!("{} pts", fmt_num(delta.abs())),
        _ => fmt_amount(m, delta.abs()),
    };
    format!("{sign}{amount}")
}

/// A change with what it means for the target, in words that need no colour:
/// `-15 min better`, `+2 pts worse`, `±0`.
pub fn judged_change(m: &Metric, (from, to): (f64, f64)) -> String {
    use crate::model::history::Judgement;
    let change = fmt_change(m, to - from);
    match m.judge(from, to) {
        Judgement::Better => format!("{change} better"),
        Judgement::Worse => format!("{change} worse"),
        Judgement::Same | Judgement::Unjudged => change,
    }
}

/// The latest value, in canonical form, as a person reads it.
pub fn display_value(m: &Metric) -> Option<String> {
    display_reading(m, &m.latest())
}

/// One value of a metric (its baseline, a measurement), as a person reads it.
pub fn display_reading(m: &Metric, r: &crate::model::history::Reading<'_>) -> Option<String> {
    let Some(normalized) = r.normalized else {
        // `n/a`, `unknown`, `not measured: no tooling yet`, as the team said it.
        return crate::model::measure::not_measured(r.value).map(|_| r.value.to_string());
    };
    Some(match normalized {
        Normalized::Number(x) => {
            let approximate = crate::model::measure::approximate(r.value).1;
            format!(
                "{}{}",
                if approximate { "~" } else { "" },
                fmt_amount(m, *x)
            )
        }
        Normalized::Counts(c) if c.len() == 1 && c.contains_key(crate::model::measure::TOTAL) => {
            let total: u32 = c.values().sum();
            format!("{total} (no breakdown)")
        }
        Normalized::Counts(c) => {
            let total: u32 = c.values().sum();
            let parts: Vec<String> = c.iter().map(|(k, v)| format!("{k} {v}")).collect();
            format!("{total} ({})", parts.join(", "))
        }
        Normalized::Text(t) => t.clone(),
    })
}

/// The status as text with a mark that needs no colour: `✓ meets`, `! misses by 12 min`.
pub fn status_text(m: &Metric) -> String {
    match target_status(m) {
        TargetStatus::NoValue => String::new(),
        // A reduction is judged once the metric is measured again.
        TargetStatus::NoTarget if crate::model::measure::relative_target(&m.target).is_some() => {
            "· judged at the next measurement".to_string()
        }
        // Another target in words is the team's to judge.
        TargetStatus::NoTarget if !m.target.trim().is_empty() => "· judged by the team".to_string(),
        TargetStatus::NoTarget => "· no target".to_string(),
        TargetStatus::Meets => "✓ meets".to_string(),
        // On a strict bound: `< 5 minutes` is missed by exactly 5.
        TargetStatus::Misses(by) if by.abs() < 1e-9 => format!("! misses: {}", m.target.trim()),
        TargetStatus::Misses(by) => {
            let amount = match m.kind {
                MetricKind::Percent | MetricKind::Split | MetricKind::Score => {
                    format!("{} points", fmt_num(by))
                }
                _ => fmt_amount(m, by),
            };
            format!("! misses by {amount}")
        }
    }
}

/// A text sparkline such as `▁▃▅█` for the values, scaled between their least and
/// greatest; a gap shows as a space.
pub fn sparkline(values: &[Option<f64>]) -> String {
    let (lo, hi) = range(values.iter().flatten().copied());
    sparkline_in(values, lo, hi)
}

/// The lowest and highest of some values.
pub fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// A sparkline on a given scale, so that two lines (planned and actual) compare.
pub fn sparkline_in(values: &[Option<f64>], lo: f64, hi: f64) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if (hi - lo).abs() < f64::EPSILON => BARS[3],
            Some(v) => {
                // The ratio lies in 0..=1, so the index is 0..=7.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let i = (((v - lo) / (hi - lo)) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
        })
        .collect()
}

/// A path's figure, as precise as the path's span needs: whole numbers over a span of
/// ten or more (`88`, not `88.33`), one decimal over a span of one or more, else two.
pub fn path_figure(x: f64, span: f64) -> String {
    let decimals: i32 = if span >= 10.0 {
        0
    } else if span >= 1.0 {
        1
    } else {
        2
    };
    let scale = 10f64.powi(decimals);
    fmt_num((x * scale).round() / scale)
}

/// The unit a path's figures are in, said once: `min`, `%`, `pages per week`.
pub fn path_unit(m: &Metric) -> String {
    match m.kind {
        MetricKind::Duration => "min".to_string(),
        MetricKind::Percent | MetricKind::Split => "%".to_string(),
        MetricKind::Score => "score of 5".to_string(),
        _ => m.unit.clone(),
    }
}

/// How far behind its path a metric is, in words:
/// `3 min behind the path in Feb 27 (58 min against 55 min planned)`.
pub fn behind_text(
    wb: &crate::model::Workbook,
    m: &Metric,
    b: &crate::model::path::Behind,
) -> String {
    format!(
        "{} behind the path in {} ({} against {} planned)",
        fmt_amount(m, b.by),
        crate::screens::roadmap::month_label(wb, b.month, true),
        fmt_amount(m, b.actual),
        fmt_amount(m, b.planned),
    )
}

/// The same, short, in a path's figures and its unit: `15 min behind in Jan 27: 95
/// against 80 planned`.
pub fn behind_short(
    wb: &crate::model::Workbook,
    m: &Metric,
    b: &crate::model::path::Behind,
    fig: impl Fn(f64) -> String,
) -> String {
    format!(
        "{} {} behind in {}: {} against {} planned",
        fig(b.by),
        path_unit(m),
        crate::screens::roadmap::month_label(wb, b.month, false),
        fig(b.actual),
        fig(b.planned)
    )
}

/// A milestone to chase, as one line: how late, who owns it, what it is, then when it
/// was due (last, as the first thing a narrow screen can spare):
/// `! 12 days late · Sam · Daily review meetings established · due 2027-01-31`.
pub fn chase_text(wb: &crate::model::Workbook, i: usize, today: jiff::civil::Date) -> String {
    let Some(ms) = wb.roadmap.milestones.get(i) else {
        return String::new();
    };
    let mut parts = Vec::new();
    match wb.days_late(ms, today) {
        0 => {}
        1 => parts.push("! 1 day late".to_string()),
        n => parts.push(format!("! {n} days late")),
    }
    parts.push(if ms.owner.is_empty() {
        "no owner".to_string()
    } else {
        safe(&ms.owner).into_owned()
    });
    parts.push(safe(&ms.text).into_owned());
    if let Some(due) = wb.due_date(ms) {
        parts.push(format!("due {due}"));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(safe("medium\u{1b}]0;PWNED\u{7}"), "medium^[]0;PWNED^G");
        assert_eq!(safe("a\u{9b}b\u{7f}"), "a\\u{9b}b^?");
        assert_eq!(safe("two\nlines"), "two lines");
        assert_eq!(safe_lines("two\nlines\u{1b}"), "two\nlines^[");
        assert_eq!(safe_lines("a,b\r\nc\rd"), "a,b\r\nc d");
        assert!(matches!(safe("plain 東京 ✓"), Cow::Borrowed(_)));
    }

    fn metric(id: &str) -> Metric {
        crate::model::Workbook::template()
            .metrics()
            .find(|(_, m)| m.id == id)
            .map(|(_, m)| m.clone())
            .unwrap()
    }

    #[test]
    fn statuses_carry_a_mark_and_the_amount() {
        let mut m = metric("mttr");
        m.normalized = Some(Normalized::Number(42.0));
        assert_eq!(status_text(&m), "! misses by 12 min");
        // The seed's `< 30 minutes` is strict: 30 misses, 29.5 meets.
        m.normalized = Some(Normalized::Number(30.0));
        assert_eq!(status_text(&m), "! misses: < 30 minutes");
        m.normalized = Some(Normalized::Number(29.5));
        assert_eq!(status_text(&m), "✓ meets");
        let mut mttd = metric("mttd");
        mttd.normalized = Some(Normalized::Number(5.0));
        assert_eq!(status_text(&mttd), "! misses: < 5 minutes");
        let mut alerts = metric("alert-accuracy");
        alerts.normalized = Some(Normalized::Number(90.0));
        assert_eq!(status_text(&alerts), "! misses: > 90%");
        alerts.normalized = Some(Normalized::Number(90.5));
        assert_eq!(status_text(&alerts), "✓ meets");
        let mut util = metric("resource-utilization");
        util.normalized = Some(Normalized::Number(85.0));
        assert_eq!(status_text(&util), "! misses by 5 points");
        util.normalized = Some(Normalized::Number(55.5));
        assert_eq!(status_text(&util), "! misses by 4.5 points");
        util.normalized = Some(Normalized::Number(70.0));
        assert_eq!(status_text(&util), "✓ meets");
    }

    #[test]
    fn changes_are_signed_in_the_unit() {
        let m = metric("mttr");
        assert_eq!(fmt_change(&m, -45.0), "-45 min");
        assert_eq!(
            fmt_change(&metric("uptime"), 0.45),
            "+0.45 pts",
            "points, not %"
        );
        assert_eq!(fmt_change(&m, 0.0), "±0");
        assert_eq!(judged_change(&m, (90.0, 45.0)), "-45 min better");
        assert_eq!(judged_change(&m, (45.0, 60.0)), "+15 min worse");
        assert_eq!(
            judged_change(&metric("uptime"), (99.9, 99.5)),
            "-0.4 pts worse"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(fmt_minutes(90.0), "1 h 30 min");
        assert_eq!(fmt_minutes(45.0), "45 min");
        assert_eq!(fmt_minutes(120.0), "2 h");
        assert_eq!(fmt_minutes(2880.0), "2 d");
    }

    #[test]
    fn sparklines_scale_between_least_and_greatest() {
        assert_eq!(sparkline(&[Some(90.0), Some(60.0), Some(45.0)]), "█▃▁");
        assert_eq!(sparkline(&[None, Some(1.0), Some(1.0)]), " ▄▄");
    }
}

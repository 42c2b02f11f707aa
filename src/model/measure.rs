//! Metric values: reading what a person types for each kind of metric, the canonical
//! form stored next to it, and how a value compares with its target.

use std::collections::BTreeMap;

use super::{Metric, MetricKind, Normalized};

/// The forms a metric accepts, as a sentence for messages.
pub fn accepted(m: &Metric) -> String {
    let label = m.label();
    match m.kind {
        MetricKind::Percent => format!("{label} is a percentage from 0 to 100, such as 99.95"),
        MetricKind::Duration => {
            format!("{label} is a duration such as 45m, 45 min, 1h30m, 1.5h or 2d")
        }
        MetricKind::Rate => match period_of_unit(&m.unit) {
            Some(Period::Shift) => format!(
                "{label} is a count per shift such as 2/shift, 0.5 per shift or 3 per week over 14 shifts"
            ),
            own => {
                let period = own.map_or("month", Period::name);
                format!(
                    "{label} is a count per period such as 12/{period}, 3 per week or 40 a quarter"
                )
            }
        },
        MetricKind::Split => {
            format!("{label} is planned versus unplanned work, such as 70/30 or 70% planned")
        }
        MetricKind::Score => format!(
            "{label} is a score from 1 (very poor: the team would call it a problem) to 5 \
             (excellent: nothing to improve), such as 4 or 3.5"
        ),
        MetricKind::Severity => {
            format!(
                "{label} is a count per severity such as sev1 2 sev2 5 sev3 12, or a total such as 12 a month"
            )
        }
        MetricKind::Amount => {
            let unit = if m.unit.is_empty() {
                String::new()
            } else {
                format!(" in {}", m.unit)
            };
            format!("{label} is an amount{unit} such as 12000, 12,000, $12k or 1.5M")
        }
        MetricKind::Text => format!("{label} is free text of at most {MAX_TEXT} characters"),
    }
}

/// What every kind also accepts, for messages: a metric can be said to be not
/// measured, and a value can be approximate.
pub const ALSO_ACCEPTED: &str = "also n/a, unknown, not measured or not tracked (with a reason after a colon), and ~ or about before an approximate value";

/// The examples a hint gives after `such as`: `12/month, 3 per week or 40 a quarter`
/// gives three. A test parses every one.
pub fn examples(hint: &str) -> Vec<String> {
    let Some((_, list)) = hint.split_once("such as ") else {
        return Vec::new();
    };
    list.split(", or ")
        .flat_map(|part| part.split(", "))
        .flat_map(|part| part.split(" or "))
        .map(|e| {
            e.trim()
                .trim_start_matches("a total such as ")
                .trim_end_matches(')')
                .to_string()
        })
        .filter(|e| !e.is_empty())
        .collect()
}

/// Whether a typed value says the metric is not measured (`n/a`, `unknown`, `not
/// measured`, each with an optional reason after a colon or dash): the reason, or
/// the words themselves.
pub fn not_measured(typed: &str) -> Option<String> {
    let t = typed.trim();
    let lower = t.to_lowercase();
    for word in [
        "not measured yet",
        "not measured",
        "not tracked",
        "unmeasured",
        "unknown",
        "n/a",
        "n.a.",
        "na",
        "none yet",
    ] {
        if let Some(rest) = lower.strip_prefix(word) {
            let rest = rest.trim_start();
            if rest.is_empty() {
                return Some(t.to_string());
            }
            if let Some(reason) = rest.strip_prefix([':', '-', '–', '(']) {
                let start = t.len() - reason.len();
                let reason = t[start..].trim().trim_end_matches(')').trim();
                return Some(if reason.is_empty() {
                    t.to_string()
                } else {
                    reason.to_string()
                });
            }
        }
    }
    None
}

/// Words that mark a value as approximate: `~10%`, `about 3 a week`, `approx. 45 min`.
const APPROXIMATE: [&str; 9] = [
    "~",
    "≈",
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "circa",
];

/// The value without the words that make it approximate, and whether there were any.
pub fn approximate(typed: &str) -> (&str, bool) {
    let t = typed.trim();
    let lower = t.to_lowercase();
    for word in APPROXIMATE {
        if lower.starts_with(word) {
            return (t[word.len()..].trim_start(), true);
        }
    }
    (t, false)
}

/// The longest free-text value.
pub const MAX_TEXT: usize = 500;

/// Reads a typed value. Empty input is refused here: clearing a value is the caller's
/// choice, not a value.
pub fn parse(m: &Metric, input: &str) -> Result<Normalized, String> {
    let text = input.trim();
    let fail = |why: &str| {
        if why.is_empty() {
            accepted(m)
        } else {
            format!("{why}; {}", accepted(m))
        }
    };
    if text.is_empty() {
        return Err(fail("no value given"));
    }
    // `~10%` is 10 %, kept marked as approximate by what was typed.
    let text = if m.kind == MetricKind::Text {
        text
    } else {
        approximate(text).0
    };
    let result = match m.kind {
        MetricKind::Percent => parse_percent(text).map(Normalized::Number),
        MetricKind::Duration => parse_minutes(text).map(Normalized::Number),
        MetricKind::Rate => parse_rate(text, period_of_unit(&m.unit)).map(Normalized::Number),
        MetricKind::Split => parse_split(text).map(Normalized::Number),
        MetricKind::Score => parse_score(text).map(Normalized::Number),
        MetricKind::Severity => parse_severity(text).map(Normalized::Counts),
        MetricKind::Amount => parse_amount(text, &m.unit).map(Normalized::Number),
        MetricKind::Text => {
            if text.chars().count() > MAX_TEXT {
                Err(format!("that is {} characters", text.chars().count()))
            } else {
                Ok(Normalized::Text(text.to_string()))
            }
        }
    };
    result.map_err(|why| fail(&why))
}

/// Reads a plain decimal number; a comma may stand for the decimal point.
fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+'))
    {
        return None;
    }
    let s = if s.contains(',') && !s.contains('.') && s.matches(',').count() == 1 {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// An amount: `12000`, `12,000`, `12 000`, `$12k`, `1.5M`, `€2.5 bn`, with the
/// metric's own unit or a currency code after it if the person types one.
fn parse_amount(text: &str, unit: &str) -> Result<f64, String> {
    const CURRENCY: &[char] = &['$', '€', '£', '¥'];
    let bad = || format!("'{text}' is not an amount");
    let t = text.trim().trim_start_matches(CURRENCY).trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '-' | '+')))
        .unwrap_or(t.len());
    let (digits, rest) = t.split_at(end);
    let digits = digits.trim();
    if digits.starts_with('-') {
        return Err(format!("{digits} is negative"));
    }
    // `12,000` and `12 000` group thousands; a lone comma before one or two
    // digits is a decimal point (`12,5`).
    let groups: Vec<&str> = digits.split([',', ' ']).collect();
    let grouped = groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.len() == 3 || (g.len() > 3 && g.as_bytes()[3] == b'.'));
    let x = if grouped {
        number(&groups.concat())
    } else {
        number(digits)
    }
    .ok_or_else(bad)?;
    let rest = rest.trim().trim_start_matches(CURRENCY).trim();
    let lower = rest.to_lowercase();
    let (factor, rest) = [("bn", 1e9), ("b", 1e9), ("m", 1e6), ("k", 1e3)]
        .iter()
        .find_map(|(s, f)| {
            let after = lower.strip_prefix(s)?;
            (after.is_empty() || after.starts_with([' ', '/'])).then(|| (*f, after.trim()))
        })
        .unwrap_or((1.0, lower.trim()));
    let rest = rest.trim_start_matches(CURRENCY).trim();
    let unit_plain: String = unit
        .to_lowercase()
        .chars()
        .filter(|c| !CURRENCY.contains(c))
        .collect();
    let code = rest.len() == 3 && rest.chars().all(|c| c.is_ascii_alphabetic());
    if !(rest.is_empty() || rest == unit_plain.trim() || code) {
        return Err(bad());
    }
    non_negative(x * factor)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn non_negative(x: f64) -> Result<f64, String> {
    if x < 0.0 {
        Err(format!("{} is negative", fmt_num(x)))
    } else {
        Ok(x)
    }
}

fn parse_percent(text: &str) -> Result<f64, String> {
    // `60% actionable`: words after the percent sign say what it is a percentage of.
    let t = match text.split_once('%') {
        Some((number, rest))
            if rest
                .chars()
                .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-') =>
        {
            number
        }
        _ => text,
    };
    let t = t.trim_end_matches('%').trim();
    let x = number(t).ok_or_else(|| format!("'{text}' is not a number"))?;
    if !(0.0..=100.0).contains(&x) {
        return Err(format!("{} is outside 0 to 100", fmt_num(x)));
    }
    Ok(x)
}

fn duration_unit(unit: &str) -> Option<f64> {
    Some(match unit {
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 60.0,
        "" | "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
        "d" | "day" | "days" => 1440.0,
        "w" | "wk" | "week" | "weeks" => 10080.0,
        _ => return None,
    })
}

/// A duration in minutes: `45m`, `45 min`, `1h30m`, `1.5h`, `2d`, `1:30`, or a plain
/// number of minutes.
pub fn parse_minutes(text: &str) -> Result<f64, String> {
    let t = text.to_lowercase();
    let bad = || format!("'{text}' is not a duration");
    if t.trim_start().starts_with('-') {
        return Err("a duration cannot be negative".to_string());
    }
    if let Some((h, m)) = t.split_once(':') {
        let (h, m) = (number(h).ok_or_else(bad)?, number(m).ok_or_else(bad)?);
        if h < 0.0 || !(0.0..60.0).contains(&m) {
            return Err(bad());
        }
        return Ok(round2(h * 60.0 + m));
    }
    let mut total = 0.0;
    let mut rest = t.trim();
    let mut parts = 0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(bad());
        }
        let x = number(&rest[..num_len]).ok_or_else(bad)?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let factor = duration_unit(&rest[..unit_len]).ok_or_else(bad)?;
        rest = rest[unit_len..].trim_start();
        total += x * factor;
        parts += 1;
    }
    if parts == 0 {
        return Err(bad());
    }
    Ok(round2(total))
}

/// A period a count is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Shift,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "shift" | "shifts" => Self::Shift,
            "d" | "day" | "days" | "daily" => Self::Day,
            "w" | "wk" | "week" | "weeks" | "weekly" => Self::Week,
            "mo" | "month" | "months" | "monthly" => Self::Month,
            "q" | "quarter" | "quarters" | "quarterly" => Self::Quarter,
            "y" | "yr" | "year" | "years" | "yearly" | "annually" => Self::Year,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Shift => "shift",
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Year => "year",
        }
    }

    /// Length in days; a shift has no fixed length.
    fn days(self) -> Option<f64> {
        match self {
            Self::Shift => None,
            Self::Day => Some(1.0),
            Self::Week => Some(7.0),
            Self::Month => Some(365.25 / 12.0),
            Self::Quarter => Some(365.25 / 4.0),
            Self::Year => Some(365.25),
        }
    }
}

/// The period a metric's unit counts over: `per month` is a month.
pub fn period_of_unit(unit: &str) -> Option<Period> {
    unit.split_whitespace().last().and_then(Period::parse)
}

/// A count per period, converted to the metric's own period.
fn parse_rate(text: &str, own: Option<Period>) -> Result<f64, String> {
    let t = text.to_lowercase();
    // `3 per week over 14 shifts`: a count per shift, from the shifts in the period.
    if let Some((count, shifts)) = t
        .rsplit_once(" over ")
        .or_else(|| t.rsplit_once(" across "))
        .or_else(|| t.rsplit_once(", "))
        && let Some(n) = shifts
            .trim()
            .strip_suffix("shifts")
            .or_else(|| shifts.trim().strip_suffix("shift"))
            .and_then(number)
    {
        if own != Some(Period::Shift) {
            return Err(format!(
                "'{text}' counts shifts, and this metric is not per shift"
            ));
        }
        if n < 1.0 {
            return Err(format!("'{text}' has no shifts to divide by"));
        }
        let typed = parse_rate(count, Some(Period::Week))?;
        return Ok(round2(typed / n));
    }
    let bad = || format!("'{text}' is not a count per period");
    let num_len = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')))
        .unwrap_or(t.len());
    let count = non_negative(number(&t[..num_len]).ok_or_else(bad)?)?;
    let mut period = None;
    let mut after_separator = false;
    let rest = t[num_len..].replace('/', " per ");
    for word in rest.split_whitespace() {
        if matches!(word, "per" | "a" | "an" | "each" | "every" | "in") {
            after_separator = true;
        } else if let Some(p) = Period::parse(word).filter(|_| period.is_none()) {
            period = Some(p);
            after_separator = false;
        } else if !after_separator
            && period.is_none()
            && word.chars().all(|c| c.is_ascii_alphabetic())
        {
            // A noun such as "pages" or "hours" before the period.
        } else {
            return Err(bad());
        }
    }
    if after_separator {
        return Err(bad());
    }
    let typed = period.or(own).unwrap_or(Period::Month);
    let own = own.unwrap_or(typed);
    if typed == own {
        return Ok(round2(count));
    }
    match (typed.days(), own.days()) {
        (Some(from), Some(to)) => Ok(round2(count * to / from)),
        (Some(_), None) => Err(format!(
            "a count per {} cannot be turned into one per shift without the shifts in it: \
             type it as {} per {} over 14 shifts, say",
            typed.name(),
            fmt_num(count),
            typed.name()
        )),
        _ => Err(format!(
            "a count per {} cannot be turned into one per {}",
            typed.name(),
            own.name()
        )),
    }
}

/// Planned work as a percentage: `70/30`, `70% planned`, `30% unplanned`.
fn parse_split(text: &str) -> Result<f64, String> {
    let t = text.to_lowercase();
    let bad = || format!("'{text}' is not a split");
    if let Some((a, b)) = t.split_once('/') {
        let a = number(a.trim().trim_end_matches('%')).ok_or_else(bad)?;
        let b = number(b.trim().trim_end_matches('%')).ok_or_else(bad)?;
        let (a, b) = (non_negative(a)?, non_negative(b)?);
        if (a + b - 100.0).abs() > 0.5 {
            return Err(format!(
                "{}/{} adds up to {}, not 100",
                fmt_num(a),
                fmt_num(b),
                fmt_num(a + b)
            ));
        }
        return Ok(round2(a));
    }
    let (num, unplanned) = if let Some(n) = t.strip_suffix("unplanned") {
        (n, true)
    } else if let Some(n) = t.strip_suffix("planned") {
        (n, false)
    } else {
        (t.as_str(), false)
    };
    let x = parse_percent(num.trim().trim_end_matches('%').trim()).map_err(|_| bad())?;
    Ok(if unplanned { round2(100.0 - x) } else { x })
}

fn parse_score(text: &str) -> Result<f64, String> {
    let t = text.trim().strip_suffix("/5").unwrap_or(text).trim();
    let x = number(t).ok_or_else(|| format!("'{text}' is not a number"))?;
    if !(1.0..=5.0).contains(&x) {
        return Err(format!("{} is outside 1 to 5", fmt_num(x)));
    }
    Ok((x * 10.0).round() / 10.0)
}

/// A severity label in canonical form: `sev1`, `S1`, `P1` and `sev-1` are `sev1`.
fn severity_label(word: &str) -> Option<String> {
    let w = word.to_lowercase();
    for prefix in ["sev-", "sev", "s", "p"] {
        if let Some(n) = w.strip_prefix(prefix)
            && !n.is_empty()
            && n.len() <= 2
            && n.chars().all(|c| c.is_ascii_digit())
        {
            return Some(format!("sev{}", n.trim_start_matches('0').max("0")));
        }
    }
    matches!(
        w.as_str(),
        "critical" | "major" | "high" | "medium" | "minor" | "low"
    )
    .then_some(w)
}

/// The key of a total given without a breakdown by severity.
pub const TOTAL: &str = "total";

/// Counts per severity: `sev1 2, sev2 5` (also `sev1=2`, `S1: 2`, `P1 2`), or a total
/// without a breakdown (`12 a month`).
fn parse_severity(text: &str) -> Result<BTreeMap<String, u32>, String> {
    let mut counts = BTreeMap::new();
    // A total without a breakdown: `12`, `12 a month`, `12 incidents`.
    let lead = text.trim_start();
    if lead.starts_with(|c: char| c.is_ascii_digit()) {
        let n = parse_rate(lead, None)?;
        if n.fract() != 0.0 {
            return Err(format!("'{text}' is not a whole number of incidents"));
        }
        // A count of incidents: far below u32::MAX, as the rate parser rounds.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        counts.insert(TOTAL.to_string(), n as u32);
        return Ok(counts);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '=' | ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut iter = words.chunks(2);
    for pair in iter.by_ref() {
        let [label, count] = pair else {
            return Err(format!("'{}' has no count", pair[0]));
        };
        let label = severity_label(label).ok_or_else(|| format!("'{label}' is not a severity"))?;
        let n: u32 = count
            .parse()
            .map_err(|_| format!("'{count}' is not a whole number of incidents"))?;
        if counts.insert(label.clone(), n).is_some() {
            return Err(format!("{label} is given twice"));
        }
    }
    if counts.is_empty() {
        return Err(format!("'{text}' has no severities"));
    }
    Ok(counts)
}

/// A number with at most two decimals and no trailing zeros.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.2}", round2(x));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A target as the team types it: `< 5 min` (strict), `at most 30 min`, `> 90%`,
/// `at least 99.9 %`, `60-80 %`. Its bounds, as `(min, max, strict)`, in the
/// metric's unit; `None` for an empty text, which clears the target.
pub type Bounds = (Option<f64>, Option<f64>, bool);

/// What a typed target may look like.
pub const TARGET_HINT: &str =
    "a target such as < 5 min, at most 30 min, > 90%, at least 99.9% or 60-80% (empty for none)";

/// The words that open a bound: (prefix, is a maximum, is strict).
const BOUNDS: [(&str, bool, bool); 16] = [
    ("<=", true, false),
    ("≤", true, false),
    ("at most", true, false),
    ("max", true, false),
    ("<", true, true),
    ("under", true, true),
    ("below", true, true),
    ("less than", true, true),
    (">=", false, false),
    ("≥", false, false),
    ("at least", false, false),
    ("min", false, false),
    (">", false, true),
    ("over", false, true),
    ("above", false, true),
    ("more than", false, true),
];

/// Reads a target typed for metric `m` (see [`Bounds`]).
pub fn parse_target(m: &Metric, typed: &str) -> Result<Option<Bounds>, String> {
    let text = typed.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if !matches!(
        m.kind,
        MetricKind::Percent
            | MetricKind::Duration
            | MetricKind::Rate
            | MetricKind::Split
            | MetricKind::Score
            | MetricKind::Amount
    ) {
        return Err(format!(
            "{} is {}: its target is the team's to judge, so it takes no bounds",
            m.label(),
            m.kind.label()
        ));
    }
    let lower = text.to_lowercase();
    let amount = |s: &str| -> Result<f64, String> {
        // The number and its unit lead; words after them (`per shift`) are the
        // team's to keep in the text.
        let words: Vec<&str> = s.split_whitespace().collect();
        (1..=words.len())
            .rev()
            .find_map(|k| match parse(m, &words[..k].join(" ")) {
                Ok(Normalized::Number(x)) => Some(x),
                _ => None,
            })
            .ok_or_else(|| format!("'{}' is not {}", s.trim(), accepted(m)))
    };
    for (prefix, is_max, strict) in BOUNDS {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let x = amount(&text[text.len() - rest.len()..])?;
            return Ok(Some(if is_max {
                (None, Some(x), strict)
            } else {
                (Some(x), None, strict)
            }));
        }
    }
    for sep in [" to ", "-", "–"] {
        if let Some((a, b)) = text.split_once(sep)
            && let (Ok(lo), Ok(hi)) = (amount(a), amount(b))
        {
            if lo > hi {
                return Err(format!(
                    "{} is more than {}: write the lower bound first",
                    a.trim(),
                    b.trim()
                ));
            }
            return Ok(Some((Some(lo), Some(hi), false)));
        }
    }
    Err(format!("'{text}' says no bound: write {TARGET_HINT}"))
}

/// What `seed_target` says when the team set a target where the framework gives
/// none.
pub const NO_SEED_TARGET: &str = "none";

impl Metric {
    /// Sets the team's own target from what it typed (see [`parse_target`]); the
    /// framework's target is kept beside it, and typing it again restores it.
    /// Returns whether anything changed.
    pub fn set_target(&mut self, typed: &str) -> Result<bool, String> {
        let bounds = parse_target(self, typed)?;
        let text = typed.trim().to_string();
        let before = (
            self.target.clone(),
            self.target_min,
            self.target_max,
            self.target_strict,
        );
        // The team's own metric has no framework target to keep.
        if self.seed_target.is_empty() && self.origin != super::content::TEAM {
            // The framework's target, or `none` where it gives none.
            self.seed_target = if self.target.trim().is_empty() {
                NO_SEED_TARGET.to_string()
            } else {
                self.target.clone()
            };
        }
        let restored = if self.seed_target.is_empty() {
            false
        } else if self.seed_target == NO_SEED_TARGET {
            text.is_empty()
        } else {
            text == self.seed_target.trim()
        };
        if restored {
            self.seed_target.clear();
        }
        let (min, max, strict) = bounds.unwrap_or((None, None, false));
        self.target = text;
        self.target_min = min;
        self.target_max = max;
        self.target_strict = strict;
        Ok(before
            != (
                self.target.clone(),
                self.target_min,
                self.target_max,
                self.target_strict,
            ))
    }
}

/// The number a target is compared with, if the latest value has one.
pub fn numeric_value(m: &Metric) -> Option<f64> {
    m.latest().number()
}

/// How a metric's value stands against its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TargetStatus {
    /// No value entered yet.
    NoValue,
    /// The metric has no numeric target.
    NoTarget,
    Meets,
    /// Misses the target by this much, in the metric's unit.
    Misses(f64),
}

/// A target set against earlier values of the metric, as the seed writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relative {
    /// `50% reduction (from baseline)`: at most the baseline less this share.
    FromBaseline(f64),
    /// `month-over-month reduction`, `continuous reduction`: below the value before.
    EachTime,
}

/// The relative target a target text states, if it is one.
pub fn relative_target(text: &str) -> Option<Relative> {
    let t = text.trim().to_lowercase();
    if t == "month-over-month reduction" || t == "continuous reduction" {
        return Some(Relative::EachTime);
    }
    let (share, rest) = t.split_once('%')?;
    let rest = rest.trim();
    if rest == "reduction" || rest == "reduction from baseline" {
        let share = number(share)?;
        return (0.0..=100.0)
            .contains(&share)
            .then_some(Relative::FromBaseline(share));
    }
    None
}

/// How the latest value stands against a relative target: none until the metric
/// was measured after its baseline.
fn relative_status(m: &Metric, v: f64, relative: Relative) -> TargetStatus {
    match relative {
        Relative::FromBaseline(share) => {
            let base = if m.measurements.is_empty() {
                None
            } else {
                m.baseline().number()
            };
            match base {
                Some(base) => {
                    let bound = base * (1.0 - share / 100.0);
                    if v <= bound {
                        TargetStatus::Meets
                    } else {
                        TargetStatus::Misses(v - bound)
                    }
                }
                None => TargetStatus::NoTarget,
            }
        }
        Relative::EachTime => match m.since_previous() {
            Some((before, now)) if now < before => TargetStatus::Meets,
            Some((before, now)) => TargetStatus::Misses(now - before),
            None => TargetStatus::NoTarget,
        },
    }
}

pub fn target_status(m: &Metric) -> TargetStatus {
    let Some(v) = numeric_value(m) else {
        return if m.latest().normalized.is_some() {
            TargetStatus::NoTarget
        } else {
            TargetStatus::NoValue
        };
    };
    if m.target_min.is_none() && m.target_max.is_none() {
        return relative_target(&m.target)
            .map_or(TargetStatus::NoTarget, |r| relative_status(m, v, r));
    }
    if let Some(min) = m.target_min
        && (v < min || (m.target_strict && v <= min))
    {
        return TargetStatus::Misses(min - v);
    }
    if let Some(max) = m.target_max
        && (v > max || (m.target_strict && v >= max))
    {
        return TargetStatus::Misses(v - max);
    }
    TargetStatus::Meets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Workbook;

    fn metric(id: &str) -> Metric {
        Workbook::template()
            .metrics()
            .find(|(_, m)| m.id == id)
            .map(|(_, m)| m.clone())
            .unwrap()
    }

    fn num(m: &Metric, input: &str) -> Result<f64, String> {
        parse(m, input).map(|n| match n {
            Normalized::Number(x) => x,
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn targets_are_read_as_typed_with_their_strictness() {
        let mttd = metric("mttd");
        assert_eq!(
            parse_target(&mttd, "< 5 min"),
            Ok(Some((None, Some(5.0), true)))
        );
        assert_eq!(
            parse_target(&mttd, "at most 1h"),
            Ok(Some((None, Some(60.0), false)))
        );
        assert_eq!(
            parse_target(&mttd, "under 90 seconds"),
            Ok(Some((None, Some(1.5), true)))
        );
        assert_eq!(parse_target(&mttd, "  "), Ok(None));
        let uptime = metric("uptime");
        assert_eq!(
            parse_target(&uptime, ">= 99.95 %"),
            Ok(Some((Some(99.95), None, false)))
        );
        assert_eq!(
            parse_target(&uptime, "> 99%"),
            Ok(Some((Some(99.0), None, true)))
        );
        let util = metric("resource-utilization");
        assert_eq!(
            parse_target(&util, "60-80 % average"),
            Ok(Some((Some(60.0), Some(80.0), false)))
        );
        assert_eq!(
            parse_target(&util, "60 to 80"),
            Ok(Some((Some(60.0), Some(80.0), false)))
        );
        assert!(
            parse_target(&util, "80-60")
                .unwrap_err()
                .contains("lower bound first")
        );
        assert!(
            parse_target(&mttd, "5 min")
                .unwrap_err()
                .contains("says no bound")
        );
        assert!(
            parse_target(&mttd, "< soon")
                .unwrap_err()
                .contains("'soon' is not")
        );
        let severity = metric("incident-frequency-severity");
        assert!(
            parse_target(&severity, "< 5")
                .unwrap_err()
                .contains("takes no bounds")
        );
    }

    #[test]
    fn a_team_target_replaces_the_seeds_and_keeps_it_beside() {
        let mut m = metric("mttd");
        m.normalized = Some(Normalized::Number(4.0));
        assert_eq!(target_status(&m), TargetStatus::Meets);
        assert_eq!(m.set_target("< 3 min"), Ok(true));
        assert_eq!(
            (m.target.as_str(), m.seed_target.as_str()),
            ("< 3 min", "< 5 minutes")
        );
        assert_eq!(target_status(&m), TargetStatus::Misses(1.0));
        // A second change keeps the framework's, not the team's first.
        assert_eq!(m.set_target("at most 4 min"), Ok(true));
        assert_eq!(m.seed_target, "< 5 minutes");
        assert_eq!(target_status(&m), TargetStatus::Meets);
        assert_eq!(m.set_target("at most 4 min"), Ok(false));
        // Typing the framework's again restores it; a bad one changes nothing.
        assert!(m.set_target("soon").is_err());
        assert_eq!(m.target, "at most 4 min");
        assert_eq!(m.set_target("< 5 minutes"), Ok(true));
        assert!(m.seed_target.is_empty());
        assert_eq!((m.target_max, m.target_strict), (Some(5.0), true));
        // Empty is no target, and the framework's stays beside.
        assert_eq!(m.set_target(""), Ok(true));
        assert_eq!((m.target_min, m.target_max), (None, None));
        assert_eq!(m.seed_target, "< 5 minutes");
        assert_eq!(target_status(&m), TargetStatus::NoTarget);
        // Where the framework gives none, the team's is still the team's.
        let mut uptime = metric("uptime");
        uptime.normalized = Some(Normalized::Number(99.5));
        assert_eq!(target_status(&uptime), TargetStatus::NoTarget);
        assert_eq!(uptime.set_target("at least 99.9%"), Ok(true));
        assert_eq!(uptime.seed_target, NO_SEED_TARGET);
        assert!(
            matches!(target_status(&uptime), TargetStatus::Misses(by) if (by - 0.4).abs() < 1e-9)
        );
        assert_eq!(uptime.set_target(""), Ok(true));
        assert!(
            uptime.seed_target.is_empty(),
            "back to the framework's: none"
        );
    }

    #[test]
    fn reduction_targets_are_judged_against_earlier_values() {
        let day = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(
            relative_target("50% reduction from baseline"),
            Some(Relative::FromBaseline(50.0))
        );
        assert_eq!(
            relative_target("20% reduction"),
            Some(Relative::FromBaseline(20.0))
        );
        assert_eq!(
            relative_target("Month-over-month reduction"),
            Some(Relative::EachTime)
        );
        assert_eq!(relative_target("fewer pages"), None);
        // 50% less manual work than the baseline of 10 hours a week.
        let mut toil = metric("manual-task-time");
        toil.record("10", day("2027-01-12"), false).unwrap();
        assert_eq!(
            target_status(&toil),
            TargetStatus::NoTarget,
            "not yet measured again"
        );
        assert_eq!(
            crate::present::status_text(&toil),
            "· judged at the next measurement"
        );
        toil.record("6", day("2027-02-12"), true).unwrap();
        assert_eq!(target_status(&toil), TargetStatus::Misses(1.0));
        toil.record("5", day("2027-03-12"), true).unwrap();
        assert_eq!(target_status(&toil), TargetStatus::Meets);
        // Fewer incidents than the month before, each month.
        let mut incidents = metric("incident-frequency-severity");
        incidents
            .record("sev1 2, sev2 5", day("2027-01-12"), false)
            .unwrap();
        incidents
            .record("sev1 1, sev2 8", day("2027-02-12"), true)
            .unwrap();
        assert_eq!(target_status(&incidents), TargetStatus::Misses(2.0));
        assert_eq!(
            incidents.judge(7.0, 9.0),
            crate::model::history::Judgement::Worse
        );
        incidents.record("sev2 6", day("2027-03-12"), true).unwrap();
        assert_eq!(target_status(&incidents), TargetStatus::Meets);
    }

    #[test]
    fn percent_table() {
        let m = metric("uptime");
        for (input, want) in [
            ("99.9", 99.9),
            ("99.9%", 99.9),
            ("99.9 %", 99.9),
            ("  99.95  ", 99.95),
            ("99,5", 99.5),
            ("100", 100.0),
            ("0", 0.0),
        ] {
            assert_eq!(num(&m, input), Ok(want), "{input}");
        }
        for input in ["", "   ", "150", "-1", "abc", "99.9.9", "inf", "NaN", "9 9"] {
            let e = num(&m, input).unwrap_err();
            assert!(
                e.ends_with("uptime is a percentage from 0 to 100, such as 99.95"),
                "{input}: {e}"
            );
        }
        assert!(
            num(&m, "150")
                .unwrap_err()
                .starts_with("150 is outside 0 to 100")
        );
    }

    #[test]
    fn duration_table() {
        let m = metric("mttr");
        for (input, want) in [
            ("45m", 45.0),
            ("45 min", 45.0),
            ("45 MIN", 45.0),
            ("1h30m", 90.0),
            ("1h 30m", 90.0),
            ("1.5h", 90.0),
            ("1,5h", 90.0),
            ("2d", 2880.0),
            (" 90 ", 90.0),
            ("1:30", 90.0),
            ("30s", 0.5),
            ("2 hours", 120.0),
            ("1h30", 90.0),
        ] {
            assert_eq!(num(&m, input), Ok(want), "{input}");
        }
        for input in ["", "-5m", "5 parsecs", "h", "m45", "1:75", "1.2.3h"] {
            let e = num(&m, input).unwrap_err();
            assert!(e.contains("MTTR is a duration"), "{input}: {e}");
        }
    }

    #[test]
    fn rate_table() {
        let mut m = metric("on-call-pages");
        m.unit = "per month".into();
        for (input, want) in [
            ("12/month", 12.0),
            ("12 / Month", 12.0),
            ("3 per week", 13.04),
            ("40 a quarter", 13.33),
            ("12", 12.0),
            ("12,5 per month", 12.5),
            ("24 incidents per year", 2.0),
        ] {
            assert_eq!(num(&m, input), Ok(want), "{input}");
        }
        for input in [
            "",
            "-3/week",
            "twelve",
            "3 per fortnight",
            "3 per week per day",
        ] {
            assert!(num(&m, input).is_err(), "{input}");
        }
        let shift = metric("on-call-pages");
        assert_eq!(num(&shift, "3"), Ok(3.0));
        assert_eq!(num(&shift, "3 pages per shift"), Ok(3.0));
        let e = num(&shift, "3/week").unwrap_err();
        assert!(
            e.contains("per week cannot be turned into one per shift"),
            "{e}"
        );
    }

    #[test]
    fn split_table() {
        let m = metric("planned-unplanned-work");
        for (input, want) in [
            ("70/30", 70.0),
            (" 70 / 30 ", 70.0),
            ("70%/30%", 70.0),
            ("70% planned", 70.0),
            ("70 PLANNED", 70.0),
            ("30% unplanned", 70.0),
            ("70", 70.0),
            ("62,5/37,5", 62.5),
        ] {
            assert_eq!(num(&m, input), Ok(want), "{input}");
        }
        for input in ["", "70/20", "-10/110", "lots planned", "150% planned"] {
            assert!(num(&m, input).is_err(), "{input}");
        }
        assert!(
            num(&m, "70/20")
                .unwrap_err()
                .starts_with("70/20 adds up to 90, not 100")
        );
    }

    #[test]
    fn score_table() {
        let m = metric("team-satisfaction-burnout");
        for (input, want) in [
            ("1", 1.0),
            ("5", 5.0),
            (" 4 ", 4.0),
            ("3,5", 3.5),
            ("4/5", 4.0),
        ] {
            assert_eq!(num(&m, input), Ok(want), "{input}");
        }
        for input in ["", "0", "6", "-1", "great"] {
            let e = num(&m, input).unwrap_err();
            assert!(
                e.contains("is a score from 1 (very poor") && e.contains("to 5 (excellent"),
                "{input}: {e}"
            );
        }
    }

    #[test]
    fn severity_table() {
        let m = metric("incident-frequency-severity");
        let counts = |input| match parse(&m, input) {
            Ok(Normalized::Counts(c)) => Ok(c.into_iter().collect::<Vec<_>>()),
            Ok(other) => panic!("{other:?}"),
            Err(e) => Err(e),
        };
        let want = vec![("sev1".to_string(), 2), ("sev2".to_string(), 5)];
        for input in [
            "sev1 2, sev2 5",
            "SEV1=2; sev2=5",
            "S1: 2 S2: 5",
            "p1 2 p2 5",
            " sev-1 2 , sev2 5 ",
        ] {
            assert_eq!(counts(input), Ok(want.clone()), "{input}");
        }
        for input in [
            "",
            "sev1",
            "sev1 -2",
            "sev1 two",
            "bogus 3",
            "sev1 2, sev1 3",
            "sev1 2.5",
        ] {
            let e = counts(input).unwrap_err();
            assert!(e.contains("is a count per severity"), "{input}: {e}");
        }
    }

    #[test]
    fn every_example_in_a_hint_is_accepted() {
        let wb = Workbook::template();
        for (_, m) in wb.metrics() {
            let examples = examples(&accepted(m));
            assert!(
                !examples.is_empty() || m.kind == MetricKind::Text,
                "{}",
                m.id
            );
            for example in examples {
                assert!(parse(m, &example).is_ok(), "{}: {example}", m.id);
            }
        }
        for also in ["n/a", "unknown", "not measured", "~", "about"] {
            assert!(ALSO_ACCEPTED.contains(also), "{also}");
        }
    }

    #[test]
    fn amounts_read_as_people_write_money() {
        let mut m = metric("infrastructure-cost");
        assert_eq!(m.kind, MetricKind::Amount);
        for (typed, want) in [
            ("12000", 12000.0),
            ("12,000", 12000.0),
            ("12 000", 12000.0),
            ("$12,000", 12000.0),
            ("$12k", 12000.0),
            ("1.5M", 1_500_000.0),
            ("€2.5 bn", 2.5e9),
            ("12,5", 12.5),
            ("1,250,000.50", 1_250_000.5),
            ("12000 $ per month", 12000.0),
            ("12k USD", 12000.0),
            ("~12k", 12000.0),
        ] {
            assert_eq!(parse(&m, typed), Ok(Normalized::Number(want)), "{typed}");
        }
        for typed in ["", "twelve", "-5", "12 hours", "12k apples", "$"] {
            let e = parse(&m, typed).unwrap_err();
            assert!(
                e.contains("is an amount in $ per month such as"),
                "{typed}: {e}"
            );
        }
        assert_eq!(
            crate::present::fmt_amount(&m, 1_250_000.0),
            "$1,250,000 per month"
        );
        m.unit = "EUR".into();
        assert_eq!(crate::present::fmt_amount(&m, 950.5), "950.5 EUR");
        // Not tracked: said, kept, and left out of the count.
        let mut wb = crate::model::Workbook::template();
        let before = wb.baseline_progress().total;
        let today = jiff::civil::date(2027, 2, 1);
        let cost = wb.metric_mut("infrastructure-cost").unwrap();
        assert!(
            cost.record("not tracked: no access to billing", today, false)
                .unwrap()
        );
        assert!(cost.not_tracked());
        assert_eq!(wb.baseline_progress().total, before - 1);
    }

    #[test]
    fn not_measured_is_said_with_a_reason() {
        assert_eq!(not_measured("n/a").as_deref(), Some("n/a"));
        assert_eq!(not_measured("Unknown").as_deref(), Some("Unknown"));
        assert_eq!(
            not_measured("not measured: no tooling yet").as_deref(),
            Some("no tooling yet")
        );
        assert_eq!(not_measured("N/A (no pager)").as_deref(), Some("no pager"));
        assert_eq!(not_measured("nanny"), None);
        assert_eq!(not_measured("99.5"), None);
        // Kept as typed, with no value: not counted as measured.
        let mut m = metric("uptime");
        let today = jiff::civil::Date::new(2027, 2, 10).unwrap();
        assert!(
            m.record("not measured: no status page", today, false)
                .unwrap()
        );
        assert_eq!(m.value, "not measured: no status page");
        assert_eq!(m.normalized, None);
        assert_eq!(target_status(&m), TargetStatus::NoValue);
        // After the baseline is fixed, a month without a figure says so too.
        m.record("99.5", today, false).unwrap();
        let later = jiff::civil::Date::new(2027, 3, 10).unwrap();
        assert!(m.record("n/a", later, true).unwrap());
        assert_eq!(m.measurements.last().map(|x| x.value.as_str()), Some("n/a"));
        assert_eq!(m.since_baseline(), None);
    }

    #[test]
    fn approximate_values_and_totals_are_accepted() {
        assert_eq!(num(&metric("uptime"), "~99.5%"), Ok(99.5));
        assert_eq!(num(&metric("uptime"), "60% actionable"), Ok(60.0));
        assert_eq!(num(&metric("mttr"), "approx. 45 min"), Ok(45.0));
        assert_eq!(num(&metric("mttr"), "about 1h"), Ok(60.0));
        assert_eq!(approximate("~10%"), ("10%", true));
        assert_eq!(approximate("10%"), ("10%", false));
        let severity = metric("incident-frequency-severity");
        assert_eq!(
            parse(&severity, "12 a month"),
            Ok(Normalized::Counts(BTreeMap::from([(
                TOTAL.to_string(),
                12
            )])))
        );
        assert!(parse(&severity, "12.5").is_err());
    }

    #[test]
    fn a_count_per_shift_can_be_given_per_week_with_its_shifts() {
        let pages = metric("on-call-pages");
        assert_eq!(num(&pages, "3 per week over 14 shifts"), Ok(0.21));
        assert_eq!(num(&pages, "about 3 a week over 12 shifts"), Ok(0.25));
        let e = num(&pages, "3 per week").unwrap_err();
        assert!(e.contains("over 14 shifts"), "{e}");
        assert!(num(&metric("mttr"), "3 per week over 14 shifts").is_err());
    }

    #[test]
    fn text_keeps_what_was_typed() {
        let m = metric("documentation-coverage");
        assert_eq!(
            parse(&m, "  runbooks for 60% of services "),
            Ok(Normalized::Text("runbooks for 60% of services".into()))
        );
        assert!(parse(&m, "").is_err());
        assert!(parse(&m, &"x".repeat(MAX_TEXT + 1)).is_err());
    }

    #[test]
    fn targets_are_met_or_missed_by_an_amount() {
        let m = metric("mttr");
        assert_eq!(target_status(&m), TargetStatus::NoValue);
        let mut slo = metric("slo-compliance");
        slo.normalized = Some(Normalized::Number(97.0));
        assert_eq!(target_status(&slo), TargetStatus::NoTarget);
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(fmt_num(13.0), "13");
        assert_eq!(fmt_num(99.95), "99.95");
    }
}

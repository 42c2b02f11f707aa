//! Every problem in a workbook, each at its exact place: the rules a parsed workbook
//! must keep (unique ids, values in range, references to tracks that exist), and the
//! shape errors of a file that does not deserialize, all of them rather than the first.
//! Places come from the spans of the parsed TOML (`toml::de::DeTable`), found by each
//! problem's path in the workbook, never by searching the text.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::{MetricKind, Normalized, Workbook};

/// One step of a path into the workbook: a key, or an index into an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A rule the workbook breaks, and the path of the value that breaks it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub message: String,
    pub path: Vec<Seg>,
}

use Seg::{Index as I, Key as K};

struct Checker {
    found: Vec<Found>,
}

impl Checker {
    fn problem(&mut self, path: Vec<Seg>, message: String) {
        self.found.push(Found { message, path });
    }

    /// Ids must be present and unique among `items`: each an id and the path of the
    /// table that has it.
    fn unique<'a>(&mut self, what: &str, items: impl IntoIterator<Item = (&'a str, Vec<Seg>)>) {
        let mut seen = HashSet::new();
        for (id, mut path) in items {
            path.push(K("id"));
            if id.trim().is_empty() {
                self.problem(
                    path,
                    format!(
                        "{} {what} has an empty id; give it a unique slug",
                        if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        }
                    ),
                );
            } else if !seen.insert(id) {
                self.problem(
                    path,
                    format!("{what} id '{id}' is used twice; ids must be unique"),
                );
            }
        }
    }

    /// A reference to a roadmap track must name one that exists.
    fn track_ref(&mut self, tracks: &HashSet<&str>, id: &str, path: Vec<Seg>, whose: &str) {
        if !id.is_empty() && !tracks.contains(id) {
            let mut known: Vec<&str> = tracks.iter().copied().collect();
            known.sort_unstable();
            self.problem(
                path,
                format!(
                    "{whose} names track '{id}', which the roadmap does not have (tracks: {})",
                    known.join(", ")
                ),
            );
        }
    }
}

/// Every rule a parsed workbook breaks, in the order of the file's sections.
pub fn rules(wb: &Workbook) -> Vec<Found> {
    let mut c = Checker { found: Vec::new() };
    c.unique(
        "health measure",
        wb.health
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id.as_str(), vec![K("health"), I(i)])),
    );
    for (i, h) in wb.health.iter().enumerate() {
        if let Some(score) = h.score.filter(|s| !(1..=5).contains(s)) {
            c.problem(
                vec![K("health"), I(i), K("score")],
                format!(
                    "health measure '{}' has score {score}; a score runs from 1 to 5",
                    h.id
                ),
            );
        }
    }
    let tracks: HashSet<&str> = wb.roadmap.tracks.iter().map(|t| t.id.as_str()).collect();

    c.unique(
        "readiness category",
        wb.readiness
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), vec![K("readiness"), I(i)])),
    );
    c.unique(
        "readiness item",
        wb.readiness.iter().enumerate().flat_map(|(ci, cat)| {
            cat.items.iter().enumerate().map(move |(ii, item)| {
                (
                    item.id.as_str(),
                    vec![K("readiness"), I(ci), K("items"), I(ii)],
                )
            })
        }),
    );
    for (ci, cat) in wb.readiness.iter().enumerate() {
        for (ti, t) in cat.risk_tracks.iter().enumerate() {
            c.track_ref(
                &tracks,
                t,
                vec![K("readiness"), I(ci), K("risk_tracks"), I(ti)],
                &format!("readiness category '{}' (risk_tracks)", cat.id),
            );
        }
    }

    metrics(&mut c, wb);
    maturity(&mut c, wb, &tracks);
    roadmap(&mut c, wb, &tracks);
    c.unique(
        "KPI",
        wb.kpis
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.as_str(), vec![K("kpis"), I(i)])),
    );
    c.unique(
        "snapshot",
        wb.snapshots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), vec![K("snapshots"), I(i)])),
    );
    c.found
}

fn metrics(c: &mut Checker, wb: &Workbook) {
    c.unique(
        "metric group",
        wb.baseline
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), vec![K("baseline"), I(i)])),
    );
    let metric_path = |gi, mi| vec![K("baseline"), I(gi), K("metrics"), I(mi)];
    c.unique(
        "metric",
        wb.baseline.iter().enumerate().flat_map(|(gi, g)| {
            g.metrics
                .iter()
                .enumerate()
                .map(move |(mi, m)| (m.id.as_str(), metric_path(gi, mi)))
        }),
    );
    let months = wb.roadmap.months;
    for (gi, g) in wb.baseline.iter().enumerate() {
        for (mi, m) in g.metrics.iter().enumerate() {
            if let Some(late) = m.planned.keys().find(|&&k| k > months) {
                let mut path = metric_path(gi, mi);
                path.push(K("planned"));
                c.problem(
                    path,
                    format!(
                        "metric '{}' plans a value for month {late}; the plan's months run from 1 to {months}",
                        m.id
                    ),
                );
            }
            let (lo, hi) = match m.kind {
                MetricKind::Percent | MetricKind::Split => (0.0, Some(100.0)),
                MetricKind::Score => (1.0, Some(5.0)),
                MetricKind::Duration | MetricKind::Rate | MetricKind::Amount => (0.0, None),
                MetricKind::Severity | MetricKind::Text => continue,
            };
            if let Some(Normalized::Number(x)) = &m.normalized
                && (*x < lo || hi.is_some_and(|hi| *x > hi))
            {
                let range =
                    hi.map_or_else(|| format!("{lo} or more"), |hi| format!("{lo} to {hi}"));
                let mut path = metric_path(gi, mi);
                path.push(K("normalized"));
                c.problem(
                    path,
                    format!("metric '{}' has normalized = {x}; it must be {range}", m.id),
                );
            }
        }
    }
}

fn maturity(c: &mut Checker, wb: &Workbook, tracks: &HashSet<&str>) {
    c.unique(
        "maturity dimension",
        wb.maturity
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), vec![K("maturity"), I(i)])),
    );
    for (di, d) in wb.maturity.iter().enumerate() {
        c.unique(
            &format!("question in '{}'", d.id),
            d.questions.iter().enumerate().map(|(i, q)| {
                (
                    q.id.as_str(),
                    vec![K("maturity"), I(di), K("questions"), I(i)],
                )
            }),
        );
        c.track_ref(
            tracks,
            &d.track,
            vec![K("maturity"), I(di), K("track")],
            &format!("maturity dimension '{}'", d.id),
        );
        for (qi, q) in d.questions.iter().enumerate() {
            if q.levels.is_empty() || q.levels.iter().any(|l| !(1..=4).contains(l)) {
                c.problem(
                    vec![K("maturity"), I(di), K("questions"), I(qi), K("levels")],
                    format!(
                        "question '{}' in '{}' has levels {:?}; levels run from 1 to 4",
                        q.id, d.id, q.levels
                    ),
                );
            }
        }
    }
    c.unique(
        "phase",
        wb.phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), vec![K("phases"), I(i)])),
    );
}

fn roadmap(c: &mut Checker, wb: &Workbook, tracks: &HashSet<&str>) {
    let months = wb.roadmap.months;
    if !(1..=60).contains(&months) {
        c.problem(
            vec![K("roadmap"), K("months")],
            format!("roadmap.months is {months}; a plan runs 1 to 60 months"),
        );
    }
    for (si, s) in wb.roadmap.stages.iter().enumerate() {
        if s.first_month < 1 || s.first_month > s.last_month || s.last_month > months {
            c.problem(
                vec![K("roadmap"), K("stages"), I(si), K("first_month")],
                format!(
                    "stage '{}' runs from month {} to {}; stages lie within months 1 to {months}",
                    s.name, s.first_month, s.last_month
                ),
            );
        }
    }
    c.unique(
        "track",
        wb.roadmap
            .tracks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), vec![K("roadmap"), K("tracks"), I(i)])),
    );
    c.unique(
        "activity",
        wb.roadmap.tracks.iter().enumerate().flat_map(|(ti, t)| {
            t.activities.iter().enumerate().map(move |(ai, a)| {
                let path = vec![K("roadmap"), K("tracks"), I(ti), K("activities"), I(ai)];
                (a.id.as_str(), path)
            })
        }),
    );
    for (ti, t) in wb.roadmap.tracks.iter().enumerate() {
        for (ai, a) in t.activities.iter().enumerate() {
            let at = |key| {
                vec![
                    K("roadmap"),
                    K("tracks"),
                    I(ti),
                    K("activities"),
                    I(ai),
                    K(key),
                ]
            };
            if !(1..=months).contains(&a.month) {
                c.problem(
                    at("month"),
                    format!(
                        "activity '{}' of track '{}' is in month {}; months run from 1 to {months}",
                        a.id, t.id, a.month
                    ),
                );
            }
        }
    }
    c.unique(
        "milestone",
        wb.roadmap
            .milestones
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), vec![K("roadmap"), K("milestones"), I(i)])),
    );
    for (mi, m) in wb.roadmap.milestones.iter().enumerate() {
        let at = |key| vec![K("roadmap"), K("milestones"), I(mi), K(key)];
        if !(1..=months).contains(&m.month) {
            c.problem(
                at("month"),
                format!(
                    "milestone '{}' is in month {}; months run from 1 to {months}",
                    m.id, m.month
                ),
            );
        }
        c.track_ref(
            tracks,
            &m.track,
            at("track"),
            &format!("milestone '{}'", m.id),
        );
    }
}

/// The byte range of the value at `path` in the parsed file: the value itself where it
/// is written inline, or the header of a table. `None` if the path is not in the file
/// (a value left to its default).
pub fn span_of(root: &Spanned<DeTable<'_>>, path: &[Seg]) -> Option<Range<usize>> {
    let mut span = root.span();
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut array: Option<&[Spanned<DeValue<'_>>]> = None;
    for seg in path {
        let value = match seg {
            Seg::Key(k) => table?.get(*k)?,
            Seg::Index(i) => array?.get(*i)?,
        };
        span = value.span();
        table = None;
        array = None;
        match value.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(a),
            _ => {}
        }
    }
    Some(span)
}

/// A shape error's message and where in the file it is, if the parser said.
pub type ShapeError = (String, Option<Range<usize>>);

/// Shape errors (a wrong type, an unknown value, a missing key), all of them: after
/// each error the part of the file it is in is set aside and the rest is read again.
/// Each is the error's message and its byte range. When only single keys had to be
/// set aside, the workbook read without them comes too, so its rules can be checked.
pub fn shape_errors(text: &str) -> (Vec<ShapeError>, Option<Workbook>) {
    let Ok(mut root) = DeTable::parse(text) else {
        return (Vec::new(), None);
    };
    let mut errors = Vec::new();
    let mut removed_key: Option<String> = None;
    let mut removed_tables = false;
    // Bounded: each round removes a part of the file, and a file has few errors.
    for _ in 0..200 {
        let e = match Workbook::deserialize(toml::de::Deserializer::from(root.clone())) {
            Ok(wb) => return (errors, (!removed_tables).then_some(wb)),
            Err(e) => e,
        };
        let message = e.message().trim().to_string();
        // A required key set aside in the round before is now missing: that is the
        // same error again, and nothing more can be read past it.
        if let Some(key) = &removed_key
            && message.contains(&format!("missing field `{key}`"))
        {
            break;
        }
        let span = e.span();
        errors.push((message, span.clone()));
        let Some(span) = span else { break };
        match set_aside(&mut root, span.start) {
            SetAside::Key(key) => removed_key = Some(key),
            SetAside::Table => {
                removed_key = None;
                removed_tables = true;
            }
            SetAside::Nothing => break,
        }
    }
    (errors, None)
}

/// A table in the file: where its header starts, and how to reach it.
struct Header {
    start: usize,
    path: Vec<PathStep>,
    in_array: bool,
}

#[derive(Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn headers(table: &DeTable<'_>, path: &mut Vec<PathStep>, out: &mut Vec<Header>) {
    for (k, v) in table {
        path.push(PathStep::Key(k.get_ref().to_string()));
        match v.get_ref() {
            DeValue::Table(t) => {
                out.push(Header {
                    start: v.span().start,
                    path: path.clone(),
                    in_array: false,
                });
                headers(t, path, out);
            }
            DeValue::Array(a) => {
                for (i, e) in a.iter().enumerate() {
                    if let DeValue::Table(t) = e.get_ref() {
                        path.push(PathStep::Index(i));
                        out.push(Header {
                            start: e.span().start,
                            path: path.clone(),
                            in_array: true,
                        });
                        headers(t, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }
}

/// What was set aside to read on past an error.
enum SetAside {
    /// This key of a table.
    Key(String),
    /// A whole table of a list.
    Table,
    /// Nothing could be: reading stops.
    Nothing,
}

/// Sets aside the part of the file an error at `offset` is in: the whole table if it
/// is one of a list (`[[roadmap.milestones]]`), else the key whose value holds the
/// error.
fn set_aside(root: &mut Spanned<DeTable<'_>>, offset: usize) -> SetAside {
    set_aside_in(root, offset).unwrap_or(SetAside::Nothing)
}

fn set_aside_in(root: &mut Spanned<DeTable<'_>>, offset: usize) -> Option<SetAside> {
    let mut all = Vec::new();
    headers(root.get_ref(), &mut Vec::new(), &mut all);
    let owner = all
        .iter()
        .filter(|h| h.start <= offset)
        .max_by_key(|h| h.start);
    let (path, in_array) = match owner {
        Some(h) => (h.path.clone(), h.in_array),
        None => (Vec::new(), false),
    };
    if in_array {
        let (last, parent) = path.split_last()?;
        let PathStep::Index(i) = last else {
            return None;
        };
        let DeValue::Array(a) = value_mut(root, parent)? else {
            return None;
        };
        let rest = std::mem::replace(a, std::iter::empty().collect());
        *a = rest
            .into_iter()
            .enumerate()
            .filter(|(j, _)| j != i)
            .map(|(_, v)| v)
            .collect();
        return Some(SetAside::Table);
    }
    let table = if path.is_empty() {
        root.get_mut()
    } else {
        let DeValue::Table(t) = value_mut(root, &path)? else {
            return None;
        };
        t
    };
    let key = table
        .iter()
        .find(|(k, v)| v.span().contains(&offset) || k.span().contains(&offset))
        .map(|(k, _)| k.clone())?;
    table.remove(&key);
    Some(SetAside::Key(key.get_ref().to_string()))
}

fn value_mut<'a, 'i>(
    root: &'a mut Spanned<DeTable<'i>>,
    path: &[PathStep],
) -> Option<&'a mut DeValue<'i>> {
    let (first, rest) = path.split_first()?;
    let PathStep::Key(k) = first else { return None };
    let mut value = root.get_mut().get_mut(k.as_str())?.get_mut();
    for step in rest {
        value = match (step, value) {
            (PathStep::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str())?.get_mut(),
            (PathStep::Index(i), DeValue::Array(a)) => a.get_mut(*i)?.get_mut(),
            _ => return None,
        };
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_across_nested_lists_with_their_paths() {
        let mut wb = Workbook::template();
        let first = wb.roadmap.tracks[0].activities[0].id.clone();
        wb.roadmap.tracks[2].activities[1].id.clone_from(&first);
        wb.readiness[1].items[0].id = String::new();
        let found = rules(&wb);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].message,
            "a readiness item has an empty id; give it a unique slug"
        );
        assert_eq!(
            found[0].path,
            [K("readiness"), I(1), K("items"), I(0), K("id")]
        );
        assert!(
            found[1]
                .message
                .contains(&format!("activity id '{first}' is used twice"))
        );
        assert_eq!(
            found[1].path,
            [
                K("roadmap"),
                K("tracks"),
                I(2),
                K("activities"),
                I(1),
                K("id")
            ]
        );
    }
}

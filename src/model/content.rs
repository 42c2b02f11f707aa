//! Adapting the framework's content: the team adds, rewords and removes readiness
//! items, metrics and maturity questions. A reworded item keeps the framework's
//! wording beside the team's, and typing it again restores it.

use super::roadmap::{slug, unique_id};
use super::{Answer, Metric, MetricKind, Question, ReadinessItem, Workbook};

/// The longest text an item, a metric's name or a question takes.
pub const MAX_TEXT: usize = 200;

/// Why a text cannot be an item's wording.
fn check(text: &str) -> Result<&str, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the text is empty: write what the item says (Esc keeps it as it was)".into());
    }
    if text.chars().count() > MAX_TEXT {
        return Err(format!(
            "that is {} characters; at most {MAX_TEXT} are kept",
            text.chars().count()
        ));
    }
    Ok(text)
}

/// Rewords `text` (with `seed` the framework's wording, empty until reworded, and
/// `added` whether the team wrote it): keeps the framework's beside the team's, and
/// restores it when typed again. Returns whether anything changed.
fn reword(text: &mut String, seed: &mut String, added: bool, new: &str) -> Result<bool, String> {
    let new = check(new)?;
    if new == text.as_str() {
        return Ok(false);
    }
    if !added && seed.is_empty() {
        *seed = std::mem::take(text);
    }
    if new == seed.as_str() {
        seed.clear();
    }
    *text = new.to_string();
    Ok(true)
}

/// A flat index (as the screens count: every item of every category, in order) as
/// `(category, item)`.
fn locate(lists: impl Iterator<Item = usize>, i: usize) -> Option<(usize, usize)> {
    let mut start = 0;
    for (c, len) in lists.enumerate() {
        if i < start + len {
            return Some((c, i - start));
        }
        start += len;
    }
    None
}

impl Workbook {
    /// Readiness item `i`, counted across categories as the screen does, as
    /// `(category, item)`.
    pub fn readiness_at(&self, i: usize) -> Option<(usize, usize)> {
        locate(self.readiness.iter().map(|c| c.items.len()), i)
    }

    /// Metric `i`, counted across groups, as `(group, metric)`.
    pub fn metric_at(&self, i: usize) -> Option<(usize, usize)> {
        locate(self.baseline.iter().map(|g| g.metrics.len()), i)
    }

    /// Question `i`, counted across dimensions, as `(dimension, question)`.
    pub fn question_at(&self, i: usize) -> Option<(usize, usize)> {
        locate(self.maturity.iter().map(|d| d.questions.len()), i)
    }

    /// Adds the team's own readiness item after item `after` (flat index), in its
    /// category. Returns the new item's flat index.
    pub fn add_readiness_item(&mut self, after: usize, text: &str) -> Result<usize, String> {
        let text = check(text)?;
        let (c, k) = self
            .readiness_at(after)
            .or_else(|| Some((self.readiness.len().checked_sub(1)?, 0)))
            .ok_or("there is no checklist to add to")?;
        let id = unique_id(&format!("own-{}", slug(text)), |id| {
            self.readiness
                .iter()
                .flat_map(|c| &c.items)
                .any(|x| x.id == id)
        });
        let items = &mut self.readiness[c].items;
        let at = (k + 1).min(items.len());
        items.insert(at, ReadinessItem::new(id, text.to_string(), true));
        let before: usize = self.readiness[..c].iter().map(|c| c.items.len()).sum();
        Ok(before + at)
    }

    /// Rewords readiness item `i` (flat index).
    pub fn reword_readiness_item(&mut self, i: usize, text: &str) -> Result<bool, String> {
        let (c, k) = self.readiness_at(i).ok_or("no such item")?;
        let item = &mut self.readiness[c].items[k];
        reword(&mut item.text, &mut item.seed_text, item.added, text)
    }

    /// Removes readiness item `i` (flat index); returns it.
    pub fn remove_readiness_item(&mut self, i: usize) -> Option<ReadinessItem> {
        let (c, k) = self.readiness_at(i)?;
        Some(self.readiness[c].items.remove(k))
    }

    /// Adds the team's own metric after metric `after` (flat index), in its group: a
    /// number (kind `amount`) until the team picks another kind. Returns its flat
    /// index.
    pub fn add_metric(&mut self, after: usize, name: &str) -> Result<usize, String> {
        let name = check(name)?;
        let (g, k) = self
            .metric_at(after)
            .or_else(|| Some((self.baseline.len().checked_sub(1)?, 0)))
            .ok_or("there is no metric group to add to")?;
        let id = unique_id(&format!("own-{}", slug(name)), |id| {
            self.metrics().any(|(_, m)| m.id == id)
        });
        let metrics = &mut self.baseline[g].metrics;
        let at = (k + 1).min(metrics.len());
        metrics.insert(
            at,
            Metric {
                id,
                name: name.to_string(),
                seed_name: String::new(),
                short: String::new(),
                kind: MetricKind::Amount,
                unit: String::new(),
                target_min: None,
                target_max: None,
                target_strict: false,
                better: None,
                target: String::new(),
                target_source: String::new(),
                seed_target: String::new(),
                origin: TEAM.to_string(),
                key: false,
                value: String::new(),
                normalized: None,
                measured_on: None,
                source: String::new(),
                measurements: Vec::new(),
                corrections: Vec::new(),
                planned: std::collections::BTreeMap::new(),
                extra: super::Extra::new(),
            },
        );
        let before: usize = self.baseline[..g].iter().map(|g| g.metrics.len()).sum();
        Ok(before + at)
    }

    /// Removes metric `i` (flat index); returns it.
    pub fn remove_metric(&mut self, i: usize) -> Option<Metric> {
        let (g, k) = self.metric_at(i)?;
        Some(self.baseline[g].metrics.remove(k))
    }

    /// Adds the team's own question to the dimension of question `after` (flat
    /// index), required from level `from` up. Returns its flat index.
    pub fn add_question(&mut self, after: usize, text: &str, from: u8) -> Result<usize, String> {
        let text = check(text)?;
        let (d, k) = self
            .question_at(after)
            .or_else(|| Some((self.maturity.len().checked_sub(1)?, 0)))
            .ok_or("there is no dimension to add to")?;
        let id = unique_id(&format!("own-{}", slug(text)), |id| {
            self.maturity
                .iter()
                .flat_map(|d| &d.questions)
                .any(|q| q.id == id)
        });
        let questions = &mut self.maturity[d].questions;
        let at = (k + 1).min(questions.len());
        questions.insert(
            at,
            Question {
                id,
                text: text.to_string(),
                seed_text: String::new(),
                added: true,
                levels: levels_from(from),
                answer: Answer::Unanswered,
                note: String::new(),
                voted_yes: 0,
                voted_no: 0,
                voted_na: 0,
                extra: super::Extra::new(),
            },
        );
        let before: usize = self.maturity[..d].iter().map(|d| d.questions.len()).sum();
        Ok(before + at)
    }

    /// Rewords question `i` (flat index).
    pub fn reword_question(&mut self, i: usize, text: &str) -> Result<bool, String> {
        let (d, k) = self.question_at(i).ok_or("no such question")?;
        let q = &mut self.maturity[d].questions[k];
        reword(&mut q.text, &mut q.seed_text, q.added, text)
    }

    /// Removes question `i` (flat index); returns it.
    pub fn remove_question(&mut self, i: usize) -> Option<Question> {
        let (d, k) = self.question_at(i)?;
        Some(self.maturity[d].questions.remove(k))
    }
}

/// Every kind, in the order ←→ goes through them on the Baseline.
const KINDS: [MetricKind; 8] = [
    MetricKind::Amount,
    MetricKind::Percent,
    MetricKind::Duration,
    MetricKind::Rate,
    MetricKind::Score,
    MetricKind::Split,
    MetricKind::Severity,
    MetricKind::Text,
];

/// What `origin` says of a metric the team added.
pub const TEAM: &str = "team";

/// The levels that require a question asked from level `from` up: `from` to 4.
pub fn levels_from(from: u8) -> Vec<u8> {
    (from.clamp(1, 4)..=4).collect()
}

/// Reads the level a team's question is required from: a whole number from 1 to 4.
pub fn parse_level(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(l @ 1..=4) => Ok(l),
        _ => Err(format!(
            "'{}' is not a level: write a whole number from 1 to 4, the first level that needs a yes",
            text.trim()
        )),
    }
}

impl Metric {
    /// Renames the metric, keeping the framework's name beside the team's.
    pub fn rename(&mut self, name: &str) -> Result<bool, String> {
        let added = self.origin == TEAM;
        reword(&mut self.name, &mut self.seed_name, added, name)
    }

    /// Sets the unit the metric is measured in.
    pub fn set_unit(&mut self, unit: &str) -> Result<bool, String> {
        let unit = unit.trim();
        if unit.chars().count() > 40 {
            return Err("a unit takes at most 40 characters, such as hours per week".into());
        }
        if unit == self.unit {
            return Ok(false);
        }
        self.unit = unit.to_string();
        Ok(true)
    }

    /// The next kind (or the previous one), while the metric has no value yet: a
    /// value typed as one kind would not read as another.
    pub fn cycle_kind(&mut self, forward: bool) -> Result<MetricKind, String> {
        if !self.value.trim().is_empty() || !self.measurements.is_empty() {
            return Err(format!(
                "{} has values already: its kind ({}) stays, so that they keep their meaning",
                self.label(),
                self.kind.label()
            ));
        }
        let i = KINDS.iter().position(|k| *k == self.kind).unwrap_or(0);
        let n = KINDS.len();
        self.kind = KINDS[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        // A target in another kind's terms no longer reads.
        if self.target_min.is_some() || self.target_max.is_some() {
            self.set_target("")?;
        }
        Ok(self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_added_reworded_with_the_seed_kept_and_removed() {
        let mut wb = Workbook::template();
        let total = wb.readiness_progress().total;
        // After the second item of the first category.
        let i = wb
            .add_readiness_item(1, "  On-call handbook in the wiki ")
            .unwrap();
        assert_eq!(i, 2);
        let item = &wb.readiness[0].items[2];
        assert_eq!(
            (item.text.as_str(), item.added),
            ("On-call handbook in the wiki", true)
        );
        assert_eq!(item.id, "own-on-call-handbook-in-the-wiki");
        assert_eq!(wb.readiness_progress().total, total + 1);
        assert!(wb.add_readiness_item(1, "   ").is_err());

        // Rewording a framework item keeps its wording; typing it again restores it.
        assert_eq!(
            wb.reword_readiness_item(0, "Monitoring and paging in place"),
            Ok(true)
        );
        let first = &wb.readiness[0].items[0];
        assert_eq!(first.seed_text, "Existing monitoring and alerting systems");
        assert_eq!(wb.reword_readiness_item(0, "Monitoring, paging"), Ok(true));
        assert_eq!(
            wb.readiness[0].items[0].seed_text,
            "Existing monitoring and alerting systems"
        );
        assert_eq!(
            wb.reword_readiness_item(0, "Existing monitoring and alerting systems"),
            Ok(true)
        );
        assert!(wb.readiness[0].items[0].seed_text.is_empty());
        // The team's own item has no framework wording to keep.
        assert_eq!(wb.reword_readiness_item(2, "On-call handbook"), Ok(true));
        assert!(wb.readiness[0].items[2].seed_text.is_empty());

        let gone = wb.remove_readiness_item(2).unwrap();
        assert_eq!(gone.text, "On-call handbook");
        assert_eq!(wb.readiness_progress().total, total);
        assert!(wb.remove_readiness_item(999).is_none());
    }

    #[test]
    fn metrics_are_added_typed_renamed_and_removed() {
        let mut wb = Workbook::template();
        let n = wb.metrics().count();
        let i = wb.add_metric(0, "Deploys per week").unwrap();
        assert_eq!(i, 1);
        let m = wb.metrics().nth(1).unwrap().1.clone();
        assert_eq!((m.origin.as_str(), m.kind), (TEAM, MetricKind::Amount));
        let m = wb.metric_mut("own-deploys-per-week").unwrap();
        assert_eq!(m.cycle_kind(true), Ok(MetricKind::Percent));
        assert_eq!(m.cycle_kind(false), Ok(MetricKind::Amount));
        assert_eq!(m.set_unit("deploys per week"), Ok(true));
        assert_eq!(m.set_target("at least 10 deploys per week"), Ok(true));
        assert_eq!(m.target_min, Some(10.0));
        assert_eq!(m.cycle_kind(true), Ok(MetricKind::Percent));
        assert_eq!(
            (m.target_min, m.target.as_str()),
            (None, ""),
            "the target goes with the kind"
        );
        m.value = "12".into();
        assert!(
            m.cycle_kind(true)
                .unwrap_err()
                .contains("has values already")
        );
        // A framework metric renamed keeps its name beside.
        let uptime = wb.metric_mut("uptime").unwrap();
        assert_eq!(
            uptime.rename("Availability of the checkout service"),
            Ok(true)
        );
        assert_eq!(uptime.seed_name, "Current uptime/availability percentages");
        assert_eq!(
            wb.remove_metric(1).map(|m| m.id),
            Some("own-deploys-per-week".into())
        );
        assert_eq!(wb.metrics().count(), n);
    }

    #[test]
    fn questions_are_added_from_a_level_and_count_in_the_score() {
        let mut wb = Workbook::template();
        // Data collection: every framework question yes gives level 4.
        for q in &mut wb.maturity[0].questions {
            q.answer = Answer::Yes;
        }
        assert_eq!(
            crate::model::maturity::assess(&wb).dimensions[0].level,
            Some(4)
        );
        let i = wb
            .add_question(4, "Are traces sampled from every service?", 3)
            .unwrap();
        assert_eq!(i, 5);
        let q = &wb.maturity[0].questions[5];
        assert_eq!((q.levels.clone(), q.added), (vec![3, 4], true));
        // Unanswered, it now holds the dimension at level 2.
        assert_eq!(
            crate::model::maturity::assess(&wb).dimensions[0].level,
            Some(2)
        );
        assert_eq!(parse_level("3"), Ok(3));
        assert!(parse_level("5").unwrap_err().contains("from 1 to 4"));
        assert_eq!(
            wb.reword_question(0, "Are metrics collected everywhere?"),
            Ok(true)
        );
        assert_eq!(
            wb.maturity[0].questions[0].seed_text,
            "Are metrics collected from all critical systems?"
        );
        assert!(wb.remove_question(5).is_some());
        assert_eq!(
            crate::model::maturity::assess(&wb).dimensions[0].level,
            Some(4)
        );
    }
}

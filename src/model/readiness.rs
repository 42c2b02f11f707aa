//! Readiness scoring: per-category scores, overall percent and the tracks a weak
//! category puts at risk.

use super::guide::Guide;
use super::{Progress, ReadinessCategory, ReadinessItem, Workbook};

/// A category scoring below this share of its items (3 of 5) is a risk.
const RISK_BELOW: (usize, usize) = (3, 5);

/// The score of one readiness category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore<'a> {
    pub category: &'a ReadinessCategory,
    pub progress: Progress,
    /// True when the category scores below 3 out of 5 (or the same share).
    pub at_risk: bool,
    /// Names of the roadmap tracks this category puts at risk, when it is at risk.
    pub tracks_at_risk: Vec<&'a str>,
}

/// The score of every scored category (exit checks are not scored).
pub fn category_scores(wb: &Workbook) -> Vec<CategoryScore<'_>> {
    wb.readiness
        .iter()
        .filter(|c| !c.exit_check)
        .map(|category| {
            let total = category.items.len();
            let done = category.items.iter().filter(|i| i.done).count();
            let at_risk = total > 0 && done * RISK_BELOW.1 < RISK_BELOW.0 * total;
            let tracks_at_risk = if at_risk {
                category
                    .risk_tracks
                    .iter()
                    .map(|id| {
                        wb.roadmap
                            .tracks
                            .iter()
                            .find(|t| &t.id == id)
                            .map_or(id.as_str(), |t| t.name.as_str())
                    })
                    .collect()
            } else {
                Vec::new()
            };
            CategoryScore {
                category,
                progress: Progress { done, total },
                at_risk,
                tracks_at_risk,
            }
        })
        .collect()
}

/// The exit checks (such as phase 1's deliverables and success criteria) with their
/// progress.
pub fn exit_checks(wb: &Workbook) -> Vec<(&ReadinessCategory, Progress)> {
    wb.readiness
        .iter()
        .filter(|c| c.exit_check)
        .map(|c| {
            let done = c.items.iter().filter(|i| i.done).count();
            (
                c,
                Progress {
                    done,
                    total: c.items.len(),
                },
            )
        })
        .collect()
}

impl ReadinessItem {
    /// A new, unticked item: the team's own (`added`), or the framework's.
    pub fn new(id: String, text: String, added: bool) -> Self {
        Self {
            id,
            text,
            seed_text: String::new(),
            added,
            kind: String::new(),
            done: false,
            note: String::new(),
            voted_yes: 0,
            voted_no: 0,
            voted_na: 0,
            extra: super::Extra::new(),
        }
    }

    /// The item as shown: its text, after its kind when it has one
    /// (`Deliverable: Implementation plan and timeline`).
    pub fn label(&self) -> String {
        if self.kind.is_empty() {
            self.text.clone()
        } else {
            format!("{}: {}", self.kind, self.text)
        }
    }
}

/// Overall readiness in whole percent (0 when there are no items).
pub fn overall_percent(wb: &Workbook) -> u32 {
    let p = wb.readiness_progress();
    if p.total == 0 {
        return 0;
    }
    let pct = (p.done * 100 + p.total / 2) / p.total;
    u32::try_from(pct).unwrap_or(100)
}

/// The readiness category an industry's adaptation joins.
const INDUSTRY_CATEGORY: &str = "organizational";

impl Workbook {
    /// Chooses the team's industry (`""` for none): its adaptation joins the
    /// organizational readiness checklist, and that of the industry chosen before
    /// leaves it, unless the team ticked it or wrote a note on it. Returns whether the
    /// workbook changed.
    pub fn set_industry(&mut self, id: &str, guide: &Guide) -> bool {
        if self.plan.industry == id {
            return false;
        }
        let old = std::mem::replace(&mut self.plan.industry, id.to_string());
        let Some(category) = self
            .readiness
            .iter_mut()
            .find(|c| c.id == INDUSTRY_CATEGORY)
        else {
            return true;
        };
        if let Some(before) = guide.industry(&old) {
            let item = before.item_id();
            category
                .items
                .retain(|i| i.id != item || i.done || !i.note.trim().is_empty());
        }
        if let Some(now) = guide.industry(id) {
            let item = now.item_id();
            if !category.items.iter().any(|i| i.id == item) {
                category
                    .items
                    .push(ReadinessItem::new(item, now.item_text(), false));
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_industry_adds_its_adaptation_and_takes_it_away_again() {
        let guide = Guide::shared();
        let mut wb = Workbook::template();
        let org = |wb: &Workbook| {
            wb.readiness
                .iter()
                .find(|c| c.id == "organizational")
                .unwrap()
                .items
                .iter()
                .map(|i| i.text.clone())
                .collect::<Vec<_>>()
        };
        let before = org(&wb);
        assert!(wb.set_industry("healthcare", guide));
        assert_eq!(wb.plan.industry, "healthcare");
        let with = org(&wb);
        assert_eq!(with.len(), before.len() + 1);
        assert_eq!(
            with.last().unwrap(),
            "Healthcare: Patient safety and regulatory compliance integration"
        );
        assert!(!wb.set_industry("healthcare", guide), "no change");
        // Another industry replaces it; none takes it away.
        wb.set_industry("government", guide);
        assert_eq!(
            org(&wb).last().unwrap(),
            "Government: Compliance with procurement and security regulations"
        );
        assert_eq!(org(&wb).len(), before.len() + 1);
        wb.set_industry("", guide);
        assert_eq!(org(&wb), before);
        // Ticked or noted, the item is the team's and stays.
        wb.set_industry("technology", guide);
        let last = wb.readiness[2].items.last_mut().unwrap();
        last.note = "release train every two weeks".into();
        wb.set_industry("", guide);
        assert_eq!(org(&wb).len(), before.len() + 1);
        assert!(wb.plan.industry.is_empty());
    }

    #[test]
    fn the_exit_check_is_ticked_but_not_scored() {
        let mut wb = Workbook::template();
        let exit = wb.readiness.iter_mut().find(|c| c.exit_check).unwrap();
        for item in &mut exit.items {
            item.done = true;
        }
        assert_eq!(overall_percent(&wb), 0);
        assert_eq!(wb.readiness_progress().to_string(), "0/15");
        assert!(category_scores(&wb).iter().all(|s| !s.category.exit_check));
        let checks = exit_checks(&wb);
        assert_eq!(checks.len(), 1);
        assert_eq!(checks[0].1.to_string(), "8/8");
    }

    #[test]
    fn empty_workbook_puts_every_category_at_risk() {
        let wb = Workbook::template();
        let scores = category_scores(&wb);
        assert_eq!(scores.len(), 3);
        assert!(scores.iter().all(|s| s.at_risk));
        let technical = &scores[0];
        assert_eq!(technical.tracks_at_risk, ["Tools", "Metrics"]);
        assert_eq!(overall_percent(&wb), 0);
    }

    #[test]
    fn three_of_five_is_not_a_risk_and_two_is() {
        let mut wb = Workbook::template();
        for item in wb.readiness[1].items.iter_mut().take(3) {
            item.done = true;
        }
        for item in wb.readiness[2].items.iter_mut().take(2) {
            item.done = true;
        }
        let scores = category_scores(&wb);
        assert_eq!(scores[1].progress.to_string(), "3/5");
        assert!(!scores[1].at_risk);
        assert!(scores[1].tracks_at_risk.is_empty());
        assert!(scores[2].at_risk);
        assert_eq!(scores[2].tracks_at_risk, ["Core Processes", "Foundation"]);
        assert_eq!(overall_percent(&wb), 33);
    }
}

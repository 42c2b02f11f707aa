//! Undo and redo for the whole session: Ctrl-Z puts back the workbook as it was
//! before the last change, Ctrl-Y brings the change back.
//!
//! A change is kept as the parts of the workbook it changed (Setup, Readiness, the
//! roadmap…), as they were before it: a tick on Readiness keeps one copy of the
//! readiness lists, not of the whole workbook. The history compares the workbook
//! after each change with a copy of it as it was after the previous one, made at the
//! first action that could change it.

use crate::model::Workbook;

/// Declares the parts of a workbook a change is kept by: each a field, with the name
/// a notice uses for it.
macro_rules! parts {
    ($($kind:ident => $field:ident: $ty:ty, $name:literal;)*) => {
        /// Which part of the workbook.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Kind { $($kind),* }

        /// A part of the workbook, as it was.
        #[derive(Debug, Clone)]
        enum Part { $($kind($ty)),* }

        const KINDS: &[Kind] = &[$(Kind::$kind),*];

        impl Kind {
            fn differs(self, a: &Workbook, b: &Workbook) -> bool {
                match self { $(Self::$kind => a.$field != b.$field),* }
            }

            fn copy(self, wb: &Workbook) -> Part {
                match self { $(Self::$kind => Part::$kind(wb.$field.clone())),* }
            }

            fn name(self) -> &'static str {
                match self { $(Self::$kind => $name),* }
            }
        }

        impl Part {
            fn kind(&self) -> Kind {
                match self { $(Self::$kind(_) => Kind::$kind),* }
            }

            /// Puts this part into `wb` and gives back what was there.
            fn swap_into(self, wb: &mut Workbook) -> Part {
                match self {
                    $(Self::$kind(v) => Part::$kind(std::mem::replace(&mut wb.$field, v))),*
                }
            }
        }
    };
}

parts! {
    Plan => plan: crate::model::Plan, "Setup";
    Readiness => readiness: Vec<crate::model::ReadinessCategory>, "Readiness";
    Baseline => baseline: Vec<crate::model::MetricGroup>, "Baseline";
    Maturity => maturity: Vec<crate::model::Dimension>, "Maturity";
    Phases => phases: Vec<crate::model::Phase>, "the phases";
    Roadmap => roadmap: crate::model::Roadmap, "the Roadmap";
    Kpis => kpis: Vec<crate::model::Kpi>, "the KPIs";
    Health => health: Vec<crate::model::HealthMeasure>, "the health scores";
    Snapshots => snapshots: Vec<crate::model::Snapshot>, "the snapshots";
    Extra => extra: crate::model::Extra, "keys planbook keeps";
}

/// One change: the parts it changed, as they were on the other side of it.
#[derive(Debug, Clone)]
struct Change {
    parts: Vec<Part>,
}

impl Change {
    /// What the change touched, for a notice: `Readiness`, `the Roadmap and the
    /// snapshots`.
    fn names(&self) -> String {
        let names: Vec<&str> = self.parts.iter().map(|p| p.kind().name()).collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// The session's changes, to undo and redo.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The workbook as it was after the last change recorded.
    base: Option<Box<Workbook>>,
    past: Vec<Change>,
    future: Vec<Change>,
}

impl History {
    /// How many changes can be undone: older ones are let go.
    pub const LIMIT: usize = 200;

    /// Called before an action that may change `wb`: keeps a copy to compare with,
    /// once.
    pub fn begin(&mut self, wb: &Workbook) {
        if self.base.is_none() {
            self.base = Some(Box::new(wb.clone()));
        }
    }

    /// Called after an action that changed `wb`: keeps what it changed, as it was.
    /// A new change cannot be redone past: what was undone is let go.
    pub fn record(&mut self, wb: &Workbook) {
        let Some(base) = self.base.as_deref_mut() else {
            return;
        };
        let mut parts = Vec::new();
        for k in KINDS {
            if k.differs(base, wb) {
                parts.push(k.copy(wb).swap_into(base));
            }
        }
        if parts.is_empty() {
            return;
        }
        self.past.push(Change { parts });
        if self.past.len() > Self::LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// Starts over from this workbook (one loaded from disk, say): nothing before it
    /// can be undone.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Puts back `wb` as it was before the last change; says what it touched.
    pub fn undo(&mut self, wb: &mut Workbook) -> Option<String> {
        let change = self.past.pop()?;
        let (names, redo) = self.swap(change, wb);
        self.future.push(redo);
        Some(names)
    }

    /// Brings back the last change undone; says what it touched.
    pub fn redo(&mut self, wb: &mut Workbook) -> Option<String> {
        let change = self.future.pop()?;
        let (names, undo) = self.swap(change, wb);
        self.past.push(undo);
        Some(names)
    }

    /// Puts a change's parts into the workbook (and the copy compared with) and
    /// returns the parts they replaced: the change that goes the other way.
    fn swap(&mut self, change: Change, wb: &mut Workbook) -> (String, Change) {
        let names = change.names();
        let parts = change
            .parts
            .into_iter()
            .map(|part| {
                if let Some(base) = self.base.as_deref_mut() {
                    let _ = part.clone().swap_into(base);
                }
                part.swap_into(wb)
            })
            .collect();
        (names, Change { parts })
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    #[test]
    fn undo_puts_back_each_change_and_redo_brings_it_back() {
        let mut wb = Workbook::template();
        let mut h = History::default();
        let start = wb.clone();

        h.begin(&wb);
        wb.plan.team = "Platform Ops".into();
        h.record(&wb);
        let named = wb.clone();

        h.begin(&wb);
        wb.readiness[0].items[0].done = true;
        wb.roadmap.milestones[0].toggle(Date::new(2027, 1, 5).unwrap());
        h.record(&wb);
        let ticked = wb.clone();

        assert_eq!(
            h.undo(&mut wb).as_deref(),
            Some("Readiness and the Roadmap")
        );
        assert_eq!(wb, named);
        assert_eq!(h.undo(&mut wb).as_deref(), Some("Setup"));
        assert_eq!(wb, start);
        assert_eq!(h.undo(&mut wb), None, "nothing before the session");
        assert_eq!(wb, start);

        assert_eq!(h.redo(&mut wb).as_deref(), Some("Setup"));
        assert_eq!(wb, named);
        assert_eq!(
            h.redo(&mut wb).as_deref(),
            Some("Readiness and the Roadmap")
        );
        assert_eq!(wb, ticked);
        assert_eq!(h.redo(&mut wb), None);
    }

    #[test]
    fn a_new_change_after_an_undo_cannot_be_redone_past() {
        let mut wb = Workbook::template();
        let mut h = History::default();
        h.begin(&wb);
        wb.plan.team = "A".into();
        h.record(&wb);
        h.undo(&mut wb);
        wb.plan.lead = "B".into();
        h.record(&wb);
        assert_eq!(h.redo(&mut wb), None);
        assert_eq!(h.undo(&mut wb).as_deref(), Some("Setup"));
        assert_eq!(wb.plan.team, "");
        assert_eq!(wb.plan.lead, "");
    }

    #[test]
    fn an_action_that_changed_nothing_is_not_a_change() {
        let mut wb = Workbook::template();
        let mut h = History::default();
        h.begin(&wb);
        h.record(&wb);
        assert!(!h.can_undo());
        // Only the changed part is kept.
        wb.plan.team = "A".into();
        h.record(&wb);
        assert!(matches!(h.past[0].parts.as_slice(), [Part::Plan(_)]));
    }

    #[test]
    fn the_oldest_changes_go_past_the_limit() {
        let mut wb = Workbook::template();
        let mut h = History::default();
        h.begin(&wb);
        for i in 0..=History::LIMIT {
            wb.plan.team = format!("team {i}");
            h.record(&wb);
        }
        let mut undone = 0;
        while h.undo(&mut wb).is_some() {
            undone += 1;
        }
        assert_eq!(undone, History::LIMIT);
        assert_eq!(wb.plan.team, "team 0");
    }
}

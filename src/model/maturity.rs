//! Maturity scoring, following the framework's assessment rules: a dimension is at the
//! highest level whose every required question is answered yes; unanswered counts as
//! no; not-applicable questions are left out of every level's requirements, but a
//! level is never reached on not-applicable answers alone: it needs a yes among the
//! questions it requires. The average is rounded half to even, as the seed's Python
//! `round(average, 1)` does.

use super::{Answer, Dimension, Phase, Question, Workbook};

/// The five maturity levels.
pub const LEVEL_NAMES: [&str; 5] = [
    "Reactive",
    "Monitored",
    "Analyzed",
    "Automated",
    "Autonomous",
];

/// What each level means, as the framework's maturity model comments it.
pub const LEVEL_MEANINGS: [&str; 5] = [
    "Manual, reactive operations",
    "Basic monitoring and alerting",
    "ML-assisted analysis",
    "Automated recommendations",
    "Self-healing infrastructure",
];

/// The highest level.
pub const MAX_LEVEL: u8 = 4;

pub fn level_name(level: u8) -> &'static str {
    LEVEL_NAMES[usize::from(level.min(MAX_LEVEL))]
}

/// The result for one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionResult<'a> {
    pub dimension: &'a Dimension,
    /// `None` when every question is not applicable: the dimension is not assessed.
    pub level: Option<u8>,
    /// The questions that keep the dimension from the next level it can reach
    /// (empty at level 4).
    pub gaps: Vec<&'a Question>,
    /// How many of its questions are answered not applicable.
    pub not_applicable: usize,
}

/// The whole assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment<'a> {
    pub dimensions: Vec<DimensionResult<'a>>,
    /// Mean level of the assessed dimensions, unrounded.
    pub average: f64,
}

/// Where a phase stands relative to the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseStatus {
    Completed,
    InProgress,
    Planned,
}

impl PhaseStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Completed => "completed",
            Self::InProgress => "in progress",
            Self::Planned => "planned",
        }
    }
}

fn counts_as_yes(q: &Question) -> bool {
    q.answer == Answer::Yes
}

fn required_for(questions: &[Question], level: u8) -> impl Iterator<Item = &Question> {
    questions
        .iter()
        .filter(move |q| q.answer != Answer::NotApplicable && q.levels.contains(&level))
}

/// Whether a level is reached: it requires some question that is not "not
/// applicable", and every such question is answered yes.
fn reached(questions: &[Question], level: u8) -> bool {
    required_for(questions, level).next().is_some()
        && required_for(questions, level).all(counts_as_yes)
}

/// Scores one dimension.
pub fn assess_dimension(dimension: &Dimension) -> DimensionResult<'_> {
    let qs = &dimension.questions;
    let not_applicable = qs
        .iter()
        .filter(|q| q.answer == Answer::NotApplicable)
        .count();
    if not_applicable == qs.len() {
        return DimensionResult {
            dimension,
            level: None,
            gaps: Vec::new(),
            not_applicable,
        };
    }
    let level = (1..=MAX_LEVEL).rev().find(|&l| reached(qs, l)).unwrap_or(0);
    // The next level that requires anything: a level whose questions are all not
    // applicable is passed over, as it can never be reached.
    let gaps = (level + 1..=MAX_LEVEL)
        .find(|&l| required_for(qs, l).next().is_some())
        .map_or_else(Vec::new, |next| {
            required_for(qs, next)
                .filter(|q| !counts_as_yes(q))
                .collect()
        });
    DimensionResult {
        dimension,
        level: Some(level),
        gaps,
        not_applicable,
    }
}

/// Scores every dimension of the workbook.
pub fn assess(wb: &Workbook) -> Assessment<'_> {
    let dimensions: Vec<_> = wb.maturity.iter().map(assess_dimension).collect();
    let levels: Vec<u8> = dimensions.iter().filter_map(|d| d.level).collect();
    let average = if levels.is_empty() {
        0.0
    } else {
        levels.iter().map(|&l| f64::from(l)).sum::<f64>()
            / f64::from(u32::try_from(levels.len()).unwrap_or(u32::MAX))
    };
    Assessment {
        dimensions,
        average,
    }
}

impl Assessment<'_> {
    /// The average to one decimal, as shown and as used to pick the phase: rounded
    /// half to even on the exact value, as Python's `round(average, 1)` (1.25 is
    /// 1.2, 0.75 is 0.8).
    pub fn rounded_average(&self) -> f64 {
        round_half_even_1(self.average)
    }

    /// The recommendation for the band the average falls in.
    pub fn recommendation(&self) -> &'static str {
        recommendation(self.average)
    }

    /// The current implementation phase, 1 to 4.
    pub fn current_phase(&self) -> u8 {
        current_phase(self.rounded_average())
    }

    /// The overall level: the whole part of the average.
    pub fn overall_level(&self) -> u8 {
        // The average lies in 0..=4, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let l = self.average.floor().clamp(0.0, 4.0) as u8;
        l
    }
}

/// `x` to one decimal as Python's `round(x, 1)`: the exact binary value rounded, ties
/// to even. Rust's formatting rounds the same way.
pub fn round_half_even_1(x: f64) -> f64 {
    format!("{x:.1}").parse().unwrap_or(x)
}

pub fn recommendation(average: f64) -> &'static str {
    if average < 1.0 {
        "Focus on establishing basic monitoring and observability foundation"
    } else if average < 2.0 {
        "Implement ML-based analytics for anomaly detection and log analysis"
    } else if average < 3.0 {
        "Build automation capabilities with human-in-the-loop approval"
    } else if average < 4.0 {
        "Enable autonomous operations with comprehensive safety controls"
    } else {
        "Continue optimizing and expanding autonomous capabilities"
    }
}

/// The implementation phase for a (rounded) average level.
pub fn current_phase(average: f64) -> u8 {
    if average < 1.5 {
        1
    } else if average < 2.5 {
        2
    } else if average < 3.5 {
        3
    } else {
        4
    }
}

/// Every phase with its status relative to the current phase.
pub fn phase_statuses(phases: &[Phase], current: u8) -> Vec<(&Phase, PhaseStatus)> {
    phases
        .iter()
        .zip(1u8..)
        .map(|(p, n)| {
            let status = match n.cmp(&current) {
                std::cmp::Ordering::Less => PhaseStatus::Completed,
                std::cmp::Ordering::Equal => PhaseStatus::InProgress,
                std::cmp::Ordering::Greater => PhaseStatus::Planned,
            };
            (p, status)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_all(wb: &mut Workbook, a: Answer) {
        for q in wb.maturity.iter_mut().flat_map(|d| d.questions.iter_mut()) {
            q.answer = a;
        }
    }

    #[test]
    fn all_yes_is_level_four_and_phase_four() {
        let mut wb = Workbook::template();
        answer_all(&mut wb, Answer::Yes);
        let a = assess(&wb);
        assert!(
            a.dimensions
                .iter()
                .all(|d| d.level == Some(4) && d.gaps.is_empty())
        );
        assert!((a.rounded_average() - 4.0).abs() < f64::EPSILON);
        assert_eq!(a.current_phase(), 4);
        assert_eq!(
            a.recommendation(),
            "Continue optimizing and expanding autonomous capabilities"
        );
    }

    #[test]
    fn nothing_answered_is_level_zero_and_phase_one() {
        let wb = Workbook::template();
        let a = assess(&wb);
        assert!(a.dimensions.iter().all(|d| d.level == Some(0)));
        assert_eq!(a.current_phase(), 1);
        assert_eq!(level_name(0), "Reactive");
        // At level 0 the gaps are the level-1 questions.
        let data = &a.dimensions[0];
        assert_eq!(data.gaps.len(), 1);
        assert_eq!(
            data.gaps[0].text,
            "Are metrics collected from all critical systems?"
        );
    }

    #[test]
    fn level_one_question_alone_gives_level_one() {
        let mut wb = Workbook::template();
        wb.maturity[0].questions[0].answer = Answer::Yes;
        let a = assess(&wb);
        assert_eq!(a.dimensions[0].level, Some(1));
        // The gap list for level 2 is exact: the level-2 questions not yet yes.
        let gaps: Vec<&str> = a.dimensions[0]
            .gaps
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(
            gaps,
            [
                "Is log aggregation centralized?",
                "Are traces collected for request flows?"
            ]
        );
    }

    #[test]
    fn a_level_three_yes_without_level_two_does_not_lift() {
        let mut wb = Workbook::template();
        let qs = &mut wb.maturity[0].questions;
        qs[0].answer = Answer::Yes;
        qs[3].answer = Answer::Yes; // data retention: levels 3 and 4 only
        qs[4].answer = Answer::Yes;
        assert_eq!(assess(&wb).dimensions[0].level, Some(1));
    }

    #[test]
    fn averages_on_the_half_pick_the_upper_phase() {
        assert_eq!(current_phase(1.5), 2);
        assert_eq!(current_phase(2.5), 3);
        assert_eq!(current_phase(3.5), 4);
        assert_eq!(current_phase(1.4), 1);
        // 1.5 from a real workbook: three dimensions at level 1, three at level 2.
        let mut wb = Workbook::template();
        for (i, d) in wb.maturity.iter_mut().enumerate() {
            let target = if i < 3 { 1 } else { 2 };
            for q in &mut d.questions {
                if q.levels.iter().any(|&l| l <= target) {
                    q.answer = Answer::Yes;
                }
            }
        }
        let a = assess(&wb);
        let levels: Vec<_> = a.dimensions.iter().map(|d| d.level).collect();
        assert_eq!(
            levels,
            [Some(1), Some(1), Some(1), Some(2), Some(2), Some(2)]
        );
        assert!((a.rounded_average() - 1.5).abs() < f64::EPSILON);
        assert_eq!(a.current_phase(), 2);
    }

    #[test]
    fn not_applicable_is_left_out() {
        let mut wb = Workbook::template();
        // Analytics: level-1 yes, the level-2 anomaly question not applicable.
        let qs = &mut wb.maturity[1].questions;
        qs[0].answer = Answer::Yes;
        qs[1].answer = Answer::NotApplicable;
        let a = assess(&wb);
        assert_eq!(a.dimensions[1].level, Some(2));
        assert!(
            a.dimensions[1]
                .gaps
                .iter()
                .all(|q| q.answer != Answer::NotApplicable)
        );

        // A dimension with every question not applicable is not assessed and is left
        // out of the average.
        let mut wb = Workbook::template();
        answer_all(&mut wb, Answer::Yes);
        for q in &mut wb.maturity[5].questions {
            q.answer = Answer::NotApplicable;
        }
        for q in &mut wb.maturity[4].questions {
            q.answer = Answer::No;
        }
        let a = assess(&wb);
        assert_eq!(a.dimensions[5].level, None);
        assert_eq!(a.dimensions[4].level, Some(0));
        assert!((a.average - 16.0 / 5.0).abs() < 1e-9);
    }

    /// The seed's `MaturityAssessment.assess` for yes/no answers, written as it is:
    /// levels from 4 down, the first whose questions are all yes; the gaps of level
    /// `min(level + 1, 4)`; the average of every dimension.
    fn seed_assess(wb: &Workbook) -> (Vec<u8>, Vec<Vec<String>>, f64) {
        let mut levels = Vec::new();
        let mut gaps = Vec::new();
        for d in &wb.maturity {
            let yes = |q: &Question| q.answer == Answer::Yes;
            let level = [4u8, 3, 2, 1]
                .into_iter()
                .find(|&l| {
                    d.questions
                        .iter()
                        .filter(|q| q.levels.contains(&l))
                        .all(yes)
                })
                .unwrap_or(0);
            let next = (level + 1).min(4);
            gaps.push(
                d.questions
                    .iter()
                    .filter(|q| q.levels.contains(&next) && !yes(q))
                    .map(|q| q.text.clone())
                    .collect(),
            );
            levels.push(level);
        }
        let count = f64::from(u32::try_from(levels.len()).unwrap());
        let average = levels.iter().map(|&l| f64::from(l)).sum::<f64>() / count;
        (levels, gaps, average)
    }

    proptest::proptest! {
        /// For yes/no answers, levels, gaps, average, recommendation and phase are the
        /// seed's.
        #[test]
        fn yes_and_no_score_as_the_seed(answers in proptest::collection::vec(proptest::bool::ANY, 30)) {
            let mut wb = Workbook::template();
            let questions = wb.maturity.iter_mut().flat_map(|d| d.questions.iter_mut());
            for (q, yes) in questions.zip(answers) {
                q.answer = if yes { Answer::Yes } else { Answer::No };
            }
            let (levels, gaps, average) = seed_assess(&wb);
            let a = assess(&wb);
            let ours: Vec<u8> = a.dimensions.iter().map(|d| d.level.unwrap()).collect();
            proptest::prop_assert_eq!(&ours, &levels);
            let our_gaps: Vec<Vec<String>> = a
                .dimensions
                .iter()
                .map(|d| d.gaps.iter().map(|q| q.text.clone()).collect())
                .collect();
            proptest::prop_assert_eq!(our_gaps, gaps);
            proptest::prop_assert!((a.average - average).abs() < 1e-12);
            proptest::prop_assert_eq!(a.recommendation(), recommendation(average));
            proptest::prop_assert_eq!(a.current_phase(), current_phase(round_half_even_1(average)));
        }
    }

    #[test]
    fn the_average_rounds_half_to_even_as_python() {
        // Python: round(1.25, 1) == 1.2, round(0.75, 1) == 0.8, round(2.25, 1) == 2.2,
        // round(0.35, 1) == 0.3 (0.35 is a little under), round(1.05, 1) == 1.1.
        for (x, rounded) in [
            (1.25, 1.2),
            (0.75, 0.8),
            (2.25, 2.2),
            (0.35, 0.3),
            (1.05, 1.1),
            (3.75, 3.8),
        ] {
            assert!((round_half_even_1(x) - rounded).abs() < 1e-12, "{x}");
        }
        // Four dimensions assessed at 1, 1, 1 and 2: 1.25 shows as 1.2.
        let mut wb = Workbook::template();
        for d in &mut wb.maturity[4..] {
            for q in &mut d.questions {
                q.answer = Answer::NotApplicable;
            }
        }
        for d in &mut wb.maturity[..4] {
            d.questions[0].answer = Answer::Yes;
        }
        for q in &mut wb.maturity[3].questions {
            if q.levels.contains(&2) {
                q.answer = Answer::Yes;
            }
        }
        let a = assess(&wb);
        assert!((a.average - 1.25).abs() < 1e-12);
        assert!((a.rounded_average() - 1.2).abs() < 1e-12);
        assert_eq!(a.current_phase(), 1);
    }

    #[test]
    fn not_applicable_alone_never_reaches_a_level() {
        let mut wb = Workbook::template();
        // Data collection: the only level-1 question not applicable, nothing yes.
        wb.maturity[0].questions[0].answer = Answer::NotApplicable;
        let a = assess(&wb);
        assert_eq!(a.dimensions[0].level, Some(0));
        assert_eq!(a.dimensions[0].not_applicable, 1);
        // The next level it can reach is 2: its questions are the gaps.
        let gaps: Vec<&str> = a.dimensions[0]
            .gaps
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(
            gaps,
            [
                "Is log aggregation centralized?",
                "Are traces collected for request flows?"
            ]
        );
        // With those two yes, level 2 is reached without level 1's question.
        for q in &mut wb.maturity[0].questions[1..3] {
            q.answer = Answer::Yes;
        }
        assert_eq!(assess(&wb).dimensions[0].level, Some(2));
        // One yes and four not applicable: the yes is required at every level.
        let mut wb = Workbook::template();
        for q in &mut wb.maturity[0].questions {
            q.answer = Answer::NotApplicable;
        }
        wb.maturity[0].questions[0].answer = Answer::Yes;
        let d = &assess(&wb).dimensions[0];
        assert_eq!((d.level, d.not_applicable), (Some(4), 4));
    }

    #[test]
    fn phases_are_marked_around_the_current_one() {
        let wb = Workbook::template();
        let s: Vec<_> = phase_statuses(&wb.phases, 2)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(
            s,
            [
                PhaseStatus::Completed,
                PhaseStatus::InProgress,
                PhaseStatus::Planned,
                PhaseStatus::Planned
            ]
        );
    }
}

//! Every embedded asset parses and carries the framework content in full.

#![allow(clippy::unwrap_used)] // tests may unwrap

use std::collections::BTreeMap;

use planbook::model::{MetricKind, TEMPLATE, Workbook};

fn template() -> Workbook {
    toml::from_str(TEMPLATE).expect("assets/template.toml is a valid workbook")
}

#[test]
fn template_is_plain_text_without_garbled_characters() {
    for (n, line) in TEMPLATE.lines().enumerate() {
        assert!(line.is_ascii(), "line {}: not plain ASCII: {line}", n + 1);
    }
    let wb = template();
    assert!(planbook::store::validate(&wb).is_empty());
    assert_eq!(wb.format, planbook::model::FORMAT);
}

#[test]
fn readiness_has_fifteen_items_in_three_categories_and_an_exit_check() {
    let wb = template();
    let ids: Vec<_> = wb.readiness.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["technical", "cultural", "organizational", "phase-1-exit"]
    );
    assert!(wb.readiness[..3].iter().all(|c| c.items.len() == 5));
    assert_eq!(
        wb.readiness_progress().total,
        15,
        "the exit check is not scored"
    );
    // Month 1's four deliverables and four success criteria, as 002 writes them.
    let exit = &wb.readiness[3];
    assert!(exit.exit_check);
    let kinds: Vec<_> = exit.items.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(kinds[..4], ["Deliverable"; 4]);
    assert_eq!(kinds[4..], ["Success criterion"; 4]);
    assert_eq!(
        exit.items[4].label(),
        "Success criterion: 100% of team members understand framework basics"
    );
    assert_eq!(
        wb.readiness[0].items[0].text,
        "Existing monitoring and alerting systems"
    );
    assert_eq!(
        wb.readiness[2].items[4].text,
        "Integration with other teams and processes"
    );
    // Each category names the tracks it puts at risk, and they exist.
    for c in wb.readiness.iter().filter(|c| !c.exit_check) {
        assert_eq!(c.risk_tracks.len(), 2, "{}", c.id);
        for t in &c.risk_tracks {
            assert!(wb.roadmap.tracks.iter().any(|x| &x.id == t), "{t}");
        }
    }
}

#[test]
fn every_baseline_bullet_is_a_typed_metric() {
    let wb = template();
    let groups: Vec<_> = wb.baseline.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        groups,
        [
            "service-reliability",
            "team-performance",
            "operational-efficiency",
            "framework-kpis"
        ]
    );
    let seed: Vec<_> = wb
        .metrics()
        .filter(|(_, m)| m.origin == "seed")
        .map(|(_, m)| m.name.as_str())
        .collect();
    assert_eq!(seed.len(), 12);
    for bullet in [
        "Current uptime/availability percentages",
        "Mean Time To Recovery (MTTR) for incidents",
        "Incident frequency and severity distribution",
        "Service Level Objective compliance rates",
        "Time allocation between planned and unplanned work",
        "Documentation coverage and quality",
        "Knowledge transfer effectiveness",
        "Team satisfaction and burnout indicators",
        "Manual task frequency and time consumption",
        "Change success rates and rollback frequency",
        "Monitoring effectiveness and false positive rates",
        "Stakeholder satisfaction with IT services",
    ] {
        assert!(seed.contains(&bullet), "missing {bullet}");
    }
    let mut kinds = BTreeMap::new();
    for (_, m) in wb.metrics() {
        *kinds.entry(m.kind.label()).or_insert(0) += 1;
        if m.kind != MetricKind::Text {
            assert!(!m.unit.is_empty(), "{} has no unit", m.id);
        }
    }
    assert_eq!(kinds.len(), 8, "every kind is used: {kinds:?}");
    let mttr = wb.metrics().find(|(_, m)| m.id == "mttr").expect("mttr").1;
    assert_eq!(mttr.target_max, Some(30.0));
    // No target the seeds do not give: uptime has none.
    let uptime = wb
        .metrics()
        .find(|(_, m)| m.id == "uptime")
        .expect("uptime")
        .1;
    assert_eq!((uptime.target.as_str(), uptime.target_min), ("", None));
}

/// Every one of the 15 KPIs is a metric the team can track, with the KPI's target.
#[test]
fn every_kpi_is_a_metric() {
    let wb = template();
    assert_eq!(wb.kpis.len(), 15);
    for kpi in &wb.kpis {
        let source = format!("KPI: {}", kpi.name);
        let (_, m) = wb
            .metrics()
            .find(|(_, m)| m.target_source == source)
            .unwrap_or_else(|| panic!("no metric for {}", kpi.name));
        // The KPI's target, or the seed's own wording of the same target.
        assert!(
            m.target.eq_ignore_ascii_case(&kpi.target)
                || m.target.starts_with(&kpi.target)
                || ["< 30 minutes", "month-over-month reduction"].contains(&m.target.as_str()),
            "{}: {} vs {}",
            kpi.name,
            m.target,
            kpi.target
        );
    }
}

#[test]
fn maturity_has_six_dimensions_of_five_questions() {
    let wb = template();
    let ids: Vec<_> = wb.maturity.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "data_collection",
            "analytics",
            "automation",
            "governance",
            "team_capability",
            "tooling"
        ]
    );
    assert!(wb.maturity.iter().all(|d| d.questions.len() == 5));
    let written: Vec<_> = wb
        .maturity
        .iter()
        .filter(|d| d.written_for_planbook)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(written, ["team_capability", "tooling"]);
    // Verbatim questions with their level flags.
    let gov = &wb.maturity[3].questions;
    assert_eq!(gov[4].text, "Is continuous compliance monitoring enabled?");
    assert_eq!(gov[4].levels, [4]);
    assert_eq!(wb.maturity[0].questions[3].levels, [3, 4]);
    for d in &wb.maturity {
        assert_eq!(d.questions[0].levels, [1, 2, 3, 4], "{}", d.id);
        assert!(d.questions.iter().all(|q| q.text.ends_with('?')));
    }
}

#[test]
fn phases_roadmap_milestones_and_kpis_are_complete() {
    let wb = template();
    assert_eq!(wb.phases.len(), 4);
    for p in &wb.phases {
        for list in [
            &p.objectives,
            &p.deliverables,
            &p.success_criteria,
            &p.risks,
            &p.dependencies,
        ] {
            assert!(!list.is_empty(), "{}", p.id);
        }
    }
    assert_eq!(wb.roadmap.months, 6);
    assert_eq!(wb.roadmap.stages.len(), 3);
    let tracks: Vec<_> = wb.roadmap.tracks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        tracks,
        [
            "Foundation",
            "Core Processes",
            "Tools",
            "Team",
            "Metrics",
            "Change & Adoption"
        ]
    );
    for t in &wb.roadmap.tracks {
        let months: Vec<u32> = (1..=6)
            .filter(|m| t.activities.iter().any(|a| a.month == *m))
            .collect();
        let expected: Vec<u32> = match t.id.as_str() {
            "foundation" => vec![1],
            "change-adoption" => (1..=6).collect(),
            _ => (2..=6).collect(),
        };
        assert_eq!(months, expected, "{}", t.id);
        assert!(t.short.chars().count() <= 6, "{}", t.short);
    }
    assert_eq!(wb.roadmap.milestones.len(), 30);
    for m in 1..=6 {
        assert_eq!(
            wb.roadmap
                .milestones
                .iter()
                .filter(|x| x.month == m)
                .count(),
            5
        );
    }
    assert_eq!(wb.kpis.len(), 15);
    let categories: std::collections::BTreeSet<_> =
        wb.kpis.iter().map(|k| k.category.as_str()).collect();
    assert_eq!(
        categories.into_iter().collect::<Vec<_>>(),
        ["financial", "operational", "quality", "team"]
    );
    assert!(
        wb.kpis
            .iter()
            .all(|k| !k.target.is_empty() && !k.cadence.is_empty())
    );
}

#[test]
fn months_five_and_six_keep_the_seeds_wording_and_labels() {
    let wb = template();
    let labelled = |kind: &str| {
        let mut texts: Vec<String> = wb
            .roadmap
            .tracks
            .iter()
            .flat_map(|t| &t.activities)
            .filter(|a| a.kind == kind)
            .map(|a| a.text.clone())
            .collect();
        texts.sort();
        texts
    };
    // 002, Month 5: Advanced Capabilities, "Key Milestones".
    assert_eq!(
        labelled("Key milestone"),
        [
            "80% of routine tasks automated",
            "Proactive issue detection preventing 50% of potential incidents",
            "Strategic technology roadmap established",
            "Team members achieving advanced certifications",
        ]
    );
    assert_eq!(labelled("Focus area").len(), 4);
    // 002, Month 6: Full Framework Adoption.
    assert_eq!(
        labelled("Achievement target"),
        [
            "All three operational cycles running smoothly",
            "Continuous improvement culture fully established",
            "Framework integrated with organizational processes",
            "Team operating with high autonomy and expertise",
        ]
    );
    assert_eq!(
        labelled("Success indicator"),
        [
            "Framework practices becoming organizational standards",
            "Service reliability targets consistently met",
            "Stakeholder confidence in operations capabilities",
            "Team satisfaction and engagement high",
        ]
    );
}

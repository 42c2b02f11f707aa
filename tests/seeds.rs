//! The framework content in `assets/` compared with the two book chapters it comes
//! from: every list item of the chapters (Markdown bullets, and the strings of the
//! lists in their sample code) must be found verbatim in the template or the guide,
//! or be named below with the reason it is not. The chapters live beside the project
//! (`../shared/seeds`); where they are not, the test says so and passes.

#![allow(clippy::unwrap_used)] // tests may unwrap

use std::path::Path;

/// Seed items planbook does not carry verbatim, and why.
const NOT_CARRIED: &[(&str, &str)] = &[
    // 002's own overview and its tools' and case study's titles.
    (
        "The six-month implementation roadmap",
        "the chapter's overview of itself",
    ),
    (
        "How to manage change without disrupting",
        "the chapter's overview of itself",
    ),
    (
        "Key milestones and success criteria for each phase",
        "the chapter's overview of itself",
    ),
    (
        "Common implementation challenges and how to overcome them",
        "the chapter's overview of itself",
    ),
    (
        "Implementation Planning Workbook",
        "the title of the chapter's template, which planbook is",
    ),
    (
        "Team and Organizational Readiness Evaluation",
        "a title; its checklist is carried",
    ),
    (
        "Successful SysOps Framework Implementation",
        "a case study's title",
    ),
    (
        "Monday: Database performance degradation",
        "a case study's worked week, not a list to track",
    ),
    (
        "Wednesday: Security patch deployment",
        "a case study's worked week",
    ),
    (
        "Friday: Network equipment failure",
        "a case study's worked week",
    ),
    (
        "Daily Cycle: Handle each incident",
        "a case study's worked week",
    ),
    (
        "Weekly Cycle: Identify patterns",
        "a case study's worked week",
    ),
    (
        "Team Support: Celebrate successful incident responses",
        "a case study's worked week",
    ),
    // 000: rules are code, and the content speaks of the framework, not of AIOps.
    (
        "Focus on establishing basic monitoring",
        "a recommendation: a rule, in src/model/maturity.rs",
    ),
    (
        "Implement ML-based analytics for anomaly",
        "a recommendation: a rule, in src/model/maturity.rs",
    ),
    (
        "Build automation capabilities with human-in-the-loop",
        "a recommendation: a rule, in src/model/maturity.rs",
    ),
    (
        "Enable autonomous operations with comprehensive",
        "a recommendation: a rule, in src/model/maturity.rs",
    ),
    (
        "Continue optimizing and expanding autonomous",
        "a recommendation: a rule, in src/model/maturity.rs",
    ),
    (
        "AIOps Platform Lead",
        "carried as 'Operations Platform Lead': planbook speaks of the framework",
    ),
    (
        "Executive briefings on AIOps value",
        "carried as 'Executive briefings on the framework's value'",
    ),
    (
        "AIOps creates higher-value roles",
        "carried with 'the framework' for 'AIOps'",
    ),
];

/// Every string of a TOML file.
fn strings(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        toml::Value::Table(t) => t.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// The list items of a chapter: Markdown bullets without their checkbox and bold
/// marks, and the quoted strings that stand as list elements in its sample code.
fn items(chapter: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut code = false;
    for line in chapter.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            code = !code;
            continue;
        }
        if code {
            // `"Metrics collection from all critical systems",` or `'x': 'text'`.
            if t.contains("\"\"\"") || t.starts_with('#') {
                continue;
            }
            for quote in ['"', '\''] {
                let parts: Vec<&str> = t.split(quote).collect();
                for (i, p) in parts.iter().enumerate() {
                    let quoted = i % 2 == 1 && i + 1 < parts.len();
                    let after = parts.get(i + 1).map_or("", |a| a.trim_start());
                    let element =
                        after.is_empty() || after.starts_with(',') || after.starts_with(']');
                    if quoted
                        && element
                        && p.len() > 6
                        && p.starts_with(|c: char| c.is_ascii_uppercase())
                        && p.contains(' ')
                    {
                        out.push((*p).to_string());
                    }
                }
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            let rest = rest.trim_start_matches("[ ] ").trim_start_matches("[x] ");
            out.push(rest.replace("**", "").trim().to_string());
        }
    }
    out
}

/// What the chapters' garbled characters stood for, as the assets write it.
fn clean(s: &str) -> String {
    s.replace("‚Üí", "->")
        .replace("â€”", "-")
        .replace("â€™", "'")
        .chars()
        .filter(|c| !matches!(c, '\u{fffd}'))
        .collect::<String>()
        .trim()
        .to_string()
}

#[test]
fn every_seed_list_item_is_carried_verbatim_or_named() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    let chapters = ["002_6285ef1520e10e9a.txt", "000_a3db328b67c0dd9d.txt"];
    if !chapters.iter().all(|c| seeds.join(c).exists()) {
        eprintln!("the seed chapters are not beside the project: not compared");
        return;
    }
    let mut hay = Vec::new();
    for file in ["assets/template.toml", "assets/guide.toml"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        strings(&toml::Value::Table(table), &mut hay);
    }
    let found = |text: &str| hay.iter().any(|h| h.contains(text));
    // `Name: text` may be carried as a name and a text.
    let carried = |item: &str| {
        found(item)
            || item
                .split_once(": ")
                .is_some_and(|(a, b)| found(a) && found(b))
    };
    let mut missing = Vec::new();
    let mut checked = 0;
    let mut named_used = vec![false; NOT_CARRIED.len()];
    for chapter in chapters {
        let bytes = std::fs::read(seeds.join(chapter)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for item in items(&text) {
            let item = clean(&item);
            if item.len() < 8 {
                continue;
            }
            checked += 1;
            let named = NOT_CARRIED
                .iter()
                .position(|(start, _)| item.contains(start));
            if let Some(i) = named {
                named_used[i] = true;
            }
            let named = named.is_some();
            if !named && !carried(&item) {
                missing.push(format!("{chapter}: {item}"));
            }
        }
    }
    eprintln!("{checked} seed list items compared");
    let stale: Vec<&str> = NOT_CARRIED
        .iter()
        .zip(&named_used)
        .filter(|(_, used)| !**used)
        .map(|((start, _), _)| *start)
        .collect();
    assert!(stale.is_empty(), "named but in no seed list: {stale:?}");
    assert!(
        missing.is_empty(),
        "{} seed items are not carried verbatim nor named:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

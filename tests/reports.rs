//! Report formats for a fixture workbook with answers, snapshots, done milestones and
//! awkward text; plus the `report` and `snapshot` commands run as a user would.

#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use jiff::civil::Date;
use planbook::model::maturity::assess;
use planbook::model::readiness::overall_percent;
use planbook::model::{Answer, Workbook};
use planbook::report::{Format, render};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn set(wb: &mut Workbook, id: &str, typed: &str) {
    let fixed = wb.baselines_fixed();
    let m = wb.metric_mut(id).unwrap();
    m.record(typed, day("2027-01-12"), fixed).unwrap();
}

/// Answers, two snapshots, some milestones done, and text with `|`, `,`, quotes,
/// `<script>` and newlines.
fn fixture() -> Workbook {
    let mut wb = Workbook::template();
    wb.plan.team = "Ops | \"Night\", <script>alert(1)</script>".into();
    wb.plan.lead = "Dana\nReyes".into();
    wb.plan.start_month = "2026-12".parse().ok();
    for item in wb.readiness[0].items.iter_mut().take(4) {
        item.done = true;
    }
    wb.readiness[0].items[0].note = "Prometheus, \"PagerDuty\" | Grafana".into();
    set(&mut wb, "mttr", "90m");
    set(&mut wb, "uptime", "99.5");
    wb.health[0].score = Some(2);
    wb.take_snapshot("Baseline, \"kickoff\"", day("2026-12-15"));
    wb.health[0].score = Some(3);
    wb.health[5].score = Some(4);
    set(&mut wb, "mttr", "45m");
    set(&mut wb, "uptime", "99.95");
    set(
        &mut wb,
        "documentation-coverage",
        "runbooks for <b>60%</b>\nof services",
    );
    for q in &mut wb.maturity[0].questions {
        q.answer = Answer::Yes;
    }
    wb.maturity[1].questions[0].answer = Answer::Yes;
    wb.take_snapshot("January | check-in", day("2027-01-20"));
    for ms in wb.roadmap.milestones.iter_mut().take(4) {
        ms.done_on = "2026-12-20".parse().ok();
    }
    wb.roadmap.milestones[5].owner = "=cmd|' /C calc'!A0".into();
    wb.roadmap.milestones[6].text = "Alerting: on-call; #1 <priority>, \"now\"".into();
    wb.roadmap.tracks[0].activities[0].done = true;
    // Two challenges faced: one with nothing done about it, one mitigated.
    wb.challenges[0].faced = true;
    let fear = &mut wb.challenges[4];
    fear.faced = true;
    fear.toggle_solution(0);
    fear.own = "monthly 1:1s, *no* surprises".into();
    fear.owner = "Sam | lead".into();
    wb
}

/// A faced challenge with no mitigation is flagged among the report's top risks and
/// in its register; a mitigated one says what is done and who owns it.
#[test]
fn faced_challenges_are_risks_and_one_without_mitigation_is_flagged() {
    let text = render(&fixture(), Format::Markdown, day(TODAY)).unwrap();
    let risks = &text[text.find("**Top risks:**").unwrap()..text.find("**Asks:**").unwrap()];
    assert!(
        risks.contains("- ! Resistance to Change: no mitigation (! no owner)"),
        "{risks}"
    );
    assert!(
        risks.contains("- Fear of job loss: Emphasize upskilling"),
        "{risks}"
    );
    assert!(
        risks.contains(
            "elimination. · our own: monthly 1:1s, \\*no\\* surprises (owner Sam \\| lead)"
        ),
        "{risks}"
    );
    let register = &text[text.find(". Challenges and resistance").unwrap()..];
    assert!(register.contains("- **Resistance to Change** (implementation challenge)"));
    assert!(register.contains("Not faced: Resource Constraints,"));
    let json: serde_json::Value =
        serde_json::from_str(&render(&fixture(), Format::Json, day(TODAY)).unwrap()).unwrap();
    assert_eq!(
        json["scores"]["challenges"]["unmitigated"],
        serde_json::json!(["resistance-to-change"])
    );
}

const TODAY: &str = "2027-02-10";

#[test]
fn markdown_report() {
    let text = render(&fixture(), Format::Markdown, day(TODAY)).unwrap();
    assert!(!text.contains("<script>"));
    // Escaped with backslashes, not HTML entities: it reads as typed in the file too.
    assert!(text.contains("Ops \\| \"Night\", \\<script\\>"));
    assert!(!text.contains("&lt;") && !text.contains("&amp;") && !text.contains("&gt;"));
    insta::assert_snapshot!("report_markdown", text);
}

/// The executive summary: everything before section 2.
fn executive_summary(report: &str) -> &str {
    &report[..report.find("\n## 2. ").unwrap()]
}

#[test]
fn markdown_opens_with_a_one_page_executive_summary() {
    let mut wb = fixture();
    wb.roadmap.milestones[5].owner = "Sam".into();
    let text = render(&wb, Format::Markdown, day(TODAY)).unwrap();
    let summary = executive_summary(&text);
    assert!(summary.contains("\n## 1. Executive summary\n"));
    // Where the team stands, with the changes since the baseline and last month.
    assert!(
        summary.contains(
            "| | Now | Since the baseline (2026-12-15) | Since last month (2027-01-20) |"
        )
    );
    assert!(summary.contains("| Maturity (0 to 4) | 0.8: level 0 Reactive | +0.8 better | ±0 |"));
    assert!(summary.contains("| Milestones done | 4 of 30, ! 6 overdue | +4 better | +4 better |"));
    assert!(summary.contains("0 Reactive (manual, reactive operations)"));
    assert!(summary.contains("- MTTR: 45 min now, -45 min better since the baseline"));
    // The overdue milestones with their owners and due dates, most late first.
    assert!(summary.contains("**Overdue milestones:** 6, most late first"));
    assert!(summary.contains(
        "| ! 41 days | ! no owner | Initial stakeholder communications completed | 2026-12-31 |"
    ));
    assert!(
        summary.contains("| ! 10 days | Sam | Daily operations cycle implemented | 2027-01-31 |")
    );
    assert!(summary.contains("And 1 more overdue"));
    // Risks from readiness and the current phase; its dependencies as asks.
    assert!(summary.contains("Cultural readiness 0/5, putting Team, Change \\& Adoption at risk"));
    assert!(summary.contains("- Phase 1: Foundation: Data volume exceeds storage capacity;"));
    assert!(summary.contains(
        "**Asks:** Phase 1: Foundation depends on Budget approval; Infrastructure access; Team training plan."
    ));
    assert!(summary.contains("2. Chase the 6 overdue milestones with their owners."));
    // The template's summary fits a printed page (Chromium prints 36 such lines on
    // one Letter page; see the README).
    let template = render(&Workbook::template(), Format::Markdown, day(TODAY)).unwrap();
    let lines = executive_summary(&template).lines().count();
    assert!(lines <= 40, "{lines} lines");
}

#[test]
fn markdown_details_are_complete_and_numbered() {
    let mut wb = fixture();
    wb.maturity[0].questions[1].note = "ELK since 2025".into();
    let text = render(&wb, Format::Markdown, day(TODAY)).unwrap();
    // Numbered sections 1, 2, 3...; subsections n.1, n.2... under each; then appendix.
    let mut section = 0;
    let mut sub = 0;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            if h.starts_with("Appendix") {
                break;
            }
            section += 1;
            sub = 0;
            assert!(h.starts_with(&format!("{section}. ")), "{line}");
        } else if let Some(h) = line.strip_prefix("### ") {
            sub += 1;
            assert!(h.starts_with(&format!("{section}.{sub} ")), "{line}");
        }
    }
    assert!(section >= 7, "{section} sections");
    for heading in [
        "## 2. Readiness: 27%",
        "## 3. Challenges and resistance",
        "## 4. Metrics",
        "## 5. Maturity: 0.8 (Reactive)",
        "## 6. Implementation phases",
        "### 6.1 Now: Phase 1: Foundation",
        "### 6.2 Next: Phase 2: Intelligence",
        "## 7. Roadmap",
        "## 8. KPI framework",
        "## Appendix A. Activities month by month",
        "### A.1 Month 1: Dec 2026",
    ] {
        assert!(text.contains(&format!("\n{heading}")), "{heading}");
    }
    // Readiness notes, maturity answers with evidence, the phase's full lists, KPIs.
    assert!(text.contains("(note: Prometheus, \"PagerDuty\" \\| Grafana)"));
    assert!(text.contains("| Is log aggregation centralized? | 2, 3, 4 | yes | ELK since 2025 |"));
    assert!(text.contains("| Is anomaly detection deployed? | 2, 3, 4 | not answered | - |"));
    assert!(text.contains("Success criteria:\n\n- 95% of critical systems instrumented"));
    assert!(text.contains("Dependencies:\n\n- Phase 1 completion"));
    assert!(text.contains("| 2027-02-10 | now | 27% | 0.8 | 4/30 |"));
    let kpis = wb.kpis.len();
    let kpi_rows = text[text.find("## 8. KPI framework").unwrap()..]
        .lines()
        .skip(4)
        .take_while(|l| l.starts_with("| "))
        .count();
    assert_eq!(kpi_rows, kpis);
    // The roadmap as a Mermaid block, the same chart as the Mermaid report.
    let chart = render(&wb, Format::Mermaid, day(TODAY)).unwrap();
    assert!(text.contains(&format!("```mermaid\n{chart}```\n")));
}

#[test]
fn xlsx_has_a_sheet_per_part_with_text_never_a_formula_and_dates_as_dates() {
    use calamine::{Data, Reader as _};
    let mut wb = fixture();
    wb.roadmap.milestones[6].owner = "東京 Zürich".into();
    wb.roadmap.milestones[7].owner = "@SUM(A1)".into();
    let bytes = planbook::report::render_bytes(&wb, Format::Xlsx, day(TODAY)).unwrap();
    assert!(
        render(&wb, Format::Xlsx, day(TODAY)).is_err(),
        "xlsx is not text"
    );
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Summary",
            "Milestones",
            "Metrics",
            "Maturity",
            "Readiness",
            "Challenges"
        ]
    );
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
    }
    // An Excel date is days since 1899-12-30.
    let serial = |d: &str| {
        let days = day(d).since(day("1899-12-30")).unwrap().get_days();
        Data::DateTime(calamine::ExcelDateTime::new(
            f64::from(days),
            calamine::ExcelDateTimeType::DateTime,
            false,
        ))
    };
    let text = |s: &str| Data::String(s.to_string());
    let milestones = book.worksheet_range("Milestones").unwrap();
    let header: Vec<String> = milestones
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "Month",
            "Month starts",
            "Track",
            "Milestone",
            "Owner",
            "Due",
            "Done on",
            "Status",
            "Days late",
            "Id"
        ]
    );
    let row = |i: usize| milestones.rows().nth(i + 1).unwrap().to_vec();
    let done = row(0);
    assert_eq!(done[1], serial("2026-12-01"));
    assert_eq!(done[6], serial("2026-12-20"));
    assert_eq!(done[7], text("done"));
    let formula = row(5);
    assert_eq!(formula[4], text("=cmd|' /C calc'!A0"));
    assert_eq!(formula[5], serial("2027-01-31"));
    assert_eq!(formula[7], text("overdue"));
    assert_eq!(formula[8], Data::Float(10.0));
    assert_eq!(row(6)[4], text("東京 Zürich"));
    assert_eq!(row(6)[3], text("Alerting: on-call; #1 <priority>, \"now\""));
    assert_eq!(row(7)[4], text("@SUM(A1)"));
    assert_eq!(milestones.height(), wb.roadmap.milestones.len() + 1);

    let metrics = book.worksheet_range("Metrics").unwrap();
    let mttr = metrics.rows().find(|r| r[12] == text("mttr")).unwrap();
    assert_eq!(mttr[3], text("1 h 30 min"));
    assert_eq!(mttr[4], Data::Float(90.0));
    assert_eq!(mttr[5], serial("2027-01-12"));
    assert_eq!(mttr[8], Data::Float(45.0));
    assert_eq!(mttr[11], text("! misses by 15 min"));

    let maturity = book.worksheet_range("Maturity").unwrap();
    let first = maturity.rows().nth(1).unwrap();
    assert_eq!(first[0], text("Data collection"));
    assert_eq!(first[1], Data::Float(4.0));
    assert_eq!(first[4], text("yes"));

    let readiness = book.worksheet_range("Readiness").unwrap();
    let noted = readiness.rows().nth(1).unwrap();
    assert_eq!(noted[4], text("yes"));
    assert_eq!(noted[5], text("Prometheus, \"PagerDuty\" | Grafana"));
}

#[test]
fn json_report_parses_and_matches_the_model() {
    let wb = fixture();
    let text = render(&wb, Format::Json, day(TODAY)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let a = assess(&wb);
    let scores = &v["scores"];
    assert_eq!(
        scores["maturity"]["average"].as_f64(),
        Some(a.rounded_average())
    );
    assert_eq!(
        scores["maturity"]["current_phase"].as_u64(),
        Some(u64::from(a.current_phase()))
    );
    assert_eq!(
        scores["readiness"]["percent"].as_u64(),
        Some(u64::from(overall_percent(&wb)))
    );
    let levels: Vec<_> = scores["maturity"]["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["level"].as_u64().map(|l| u8::try_from(l).unwrap()))
        .collect();
    let model: Vec<_> = a.dimensions.iter().map(|d| d.level).collect();
    assert_eq!(levels, model);
    assert_eq!(
        v["workbook"]["plan"]["team"].as_str(),
        Some(wb.plan.team.as_str())
    );
    assert_eq!(v["workbook"]["snapshots"].as_array().unwrap().len(), 2);
    insta::assert_snapshot!("report_json", text);
}

#[test]
fn csv_report_parses_with_one_row_per_milestone() {
    let wb = fixture();
    let text = render(&wb, Format::Csv, day(TODAY)).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[3], "track");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), wb.roadmap.milestones.len());
    assert_eq!(&rows[6][4], "Alerting: on-call; #1 <priority>, \"now\"");
    assert_eq!(&rows[5][5], "'=cmd|' /C calc'!A0", "formulas are defused");
    assert_eq!(&rows[0][7], "2026-12-20");
    assert_eq!(&rows[0][2], "2026-12");
    insta::assert_snapshot!("report_csv", text);
}

/// The metrics CSV: one row per value over time. The baseline stays the first row of
/// each metric after re-measures; health scores come per snapshot and now.
#[test]
fn metrics_csv_has_every_value_over_time() {
    let mut wb = fixture();
    let today = day(TODAY);
    let m = wb.metric_mut("mttr").unwrap();
    m.record("40m", today, true).unwrap();
    let text = render(&wb, Format::Metrics, today).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "kind", "id", "name", "reading", "date", "value", "number", "unit", "source", "note"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mttr: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| &r[1] == "mttr")
        .map(|r| (&r[3], &r[5], &r[6]))
        .collect();
    assert_eq!(
        mttr,
        [
            ("baseline", "90m", "90"),
            ("measurement", "45m", "45"),
            ("measurement", "40m", "40")
        ]
    );
    let adoption: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| &r[0] == "health" && &r[1] == "adoption-rate")
        .map(|r| (&r[3], &r[5]))
        .collect();
    assert_eq!(
        adoption,
        [("snapshot", "2"), ("snapshot", "3"), ("now", "3")]
    );
    // Formula-looking text is neutralized, as in the milestones CSV.
    assert!(!text.lines().any(|l| l.contains(",=")));
}

#[test]
fn mermaid_report_has_a_section_per_track_and_a_line_per_milestone() {
    let wb = fixture();
    let text = render(&wb, Format::Mermaid, day(TODAY)).unwrap();
    assert!(text.starts_with("gantt\n"));
    let sections: Vec<_> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("section "))
        .collect();
    // A section per track, its name written with Mermaid's entity codes.
    assert_eq!(sections.len(), wb.roadmap.tracks.len());
    assert!(
        sections[0].contains("section #70;oundation"),
        "{sections:?}"
    );
    for ms in &wb.roadmap.milestones {
        let id = ms.id.replace('-', "_");
        let lines = text
            .lines()
            .filter(|l| l.contains(":milestone, ") && l.contains(&format!(" {id}, ")))
            .count();
        assert_eq!(lines, 1, "{}", ms.id);
    }
    // Mermaid draws today's line itself: no milestone of planbook's stands for it.
    assert!(!text.contains("section Today") && !text.contains("todayMarker"));
    // A milestone's text shows as typed: `:`, `;`, `#` and `<>` as entity codes.
    assert!(
        text.contains("#65;lerting#58; on-call#59; #35;1 #lt;priority#gt;, \"now\" :milestone")
    );
    assert!(text.contains(":done, "));
    assert!(text.contains(":active, "));
    insta::assert_snapshot!("report_mermaid", text);
}

/// Without a start month the chart's months are numbered, with no today line; a plan
/// too large for Mermaid's 50,000 characters is drawn track by track and month by month.
#[test]
fn mermaid_without_a_start_month_and_for_a_large_plan() {
    let wb = Workbook::template();
    assert!(wb.plan.start_month.is_none());
    let text = render(&wb, Format::Mermaid, day(TODAY)).unwrap();
    assert!(
        text.contains("axisFormat Month %-m\n    todayMarker off\n"),
        "{text}"
    );
    assert!(
        text.contains(", 2000-01-01, 2000-01-31"),
        "month 1 on the axis"
    );

    let large = planbook::model::demo::large();
    let text = render(&large, Format::Mermaid, day(TODAY)).unwrap();
    assert!(text.encode_utf16().count() < 50_000, "{}", text.len());
    assert!(
        text.contains(" activities, "),
        "counted per track and month"
    );
    assert!(text.contains("milestones done :milestone"));
}

#[test]
fn report_without_a_workbook_says_so_and_creates_nothing() {
    let home = tempfile::tempdir().unwrap();
    let out = common::run(home.path(), &["report", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no workbook at") && err.contains("workbook.toml"),
        "{err}"
    );
    assert!(!home.path().join("data").exists(), "nothing was created");
}

#[test]
fn report_and_snapshot_commands_on_a_workbook() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("plan.toml");
    planbook::store::save(&path, &fixture()).unwrap();
    let p = path.to_str().unwrap();

    let out = common::run(
        home.path(),
        &["report", p, "--format", "csv", "--today", TODAY],
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("id,month,"));

    let file = home.path().join("out/roadmap.mmd");
    let out = common::run(
        home.path(),
        &["report", p, "-f", "mermaid", "-o", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("gantt"));

    let out = common::run(home.path(), &["report", p, "--format", "pdf"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("metrics (a CSV of every value over time), mermaid or xlsx")
    );

    let out = common::run(
        home.path(),
        &[
            "snapshot",
            p,
            "--label",
            "March check-in",
            "--today",
            "2027-03-01",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let wb = planbook::store::load(&path).unwrap().workbook;
    assert_eq!(wb.snapshots.len(), 3);
    assert_eq!(wb.snapshots[2].label, "March check-in");
    assert_eq!(wb.snapshots[2].taken_on, jiff::civil::date(2027, 3, 1));
    // Earlier snapshots are untouched.
    assert_eq!(wb.snapshots[..2], fixture().snapshots[..]);

    let bad = home.path().join("bad.toml");
    std::fs::write(&bad, "format = 1\n[plan\n").unwrap();
    let out = common::run(home.path(), &["report", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:2:"));
}

/// Fails at the first empty text or number with more than three decimals.
fn walk(v: &serde_json::Value, path: &str) {
    match v {
        serde_json::Value::String(s) => assert!(!s.is_empty(), "\"\" at {path}"),
        serde_json::Value::Number(n) => {
            if let Some(x) = n.as_f64() {
                let digits = n.to_string();
                let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
                assert!(decimals <= 3, "{x} at {path} has {decimals} decimals");
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{path}[{i}]"));
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                walk(x, &format!("{path}.{k}"));
            }
        }
        _ => {}
    }
}

/// The JSON report says unset one way (`null`, never `""`) and has no float noise.
#[test]
fn json_says_unset_as_null_and_rounds_numbers() {
    let mut wb = fixture();
    // 99.9 - 99.5 is 0.4000000000000057 in floating point (the team's target: the
    // seeds give uptime none).
    set(&mut wb, "uptime", "99.5");
    wb.metric_mut("uptime")
        .unwrap()
        .set_target("at least 99.9%")
        .unwrap();
    let text = render(&wb, Format::Json, day(TODAY)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    walk(&v, "");
    // An owner never given is null; a given one is kept as typed.
    let milestones = v["workbook"]["roadmap"]["milestones"].as_array().unwrap();
    assert!(milestones[0]["owner"].is_null());
    assert_eq!(milestones[5]["owner"].as_str(), Some("=cmd|' /C calc'!A0"));
    let uptime = v["scores"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "uptime")
        .unwrap();
    assert_eq!(uptime["misses_by"].as_f64(), Some(0.4));
}

/// Every JSON report is valid against the schema shipped in `assets/`: the template
/// plan, the fixture with answers, snapshots and awkward text, and the large demo.
#[test]
fn json_reports_follow_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../assets/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut fresh = Workbook::template();
    fresh.plan.start_month = None;
    for (name, wb) in [
        ("template", fresh),
        ("fixture", fixture()),
        ("large demo", planbook::model::demo::large()),
    ] {
        let text = render(&wb, Format::Json, day(TODAY)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&v)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    // The schema is not a test that cannot fail: a report with an empty text fails it.
    let mut v: serde_json::Value =
        serde_json::from_str(&render(&fixture(), Format::Json, day(TODAY)).unwrap()).unwrap();
    v["scores"]["metrics"][0]["display"] = serde_json::Value::String(String::new());
    assert!(!validator.is_valid(&v));
}

/// `--bom` starts a CSV report with a byte-order mark for Excel; without it the CSV is
/// plain UTF-8; on a format that is not CSV it is refused with the reason.
#[test]
fn csv_gets_a_byte_order_mark_when_asked() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("plan.toml");
    let mut wb = fixture();
    wb.roadmap.milestones[0].owner = "東京 Zürich".into();
    planbook::store::save(&path, &wb).unwrap();
    let p = path.to_str().unwrap();
    for format in ["csv", "metrics"] {
        let out = common::run(home.path(), &["report", p, "-f", format, "--bom"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.starts_with("\u{feff}".as_bytes()), "{format}");
        let out = common::run(home.path(), &["report", p, "-f", format]);
        assert!(!out.stdout.starts_with("\u{feff}".as_bytes()), "{format}");
    }
    let out = common::run(home.path(), &["report", p, "-f", "csv", "--bom"]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("東京 Zürich")
    );
    let out = common::run(home.path(), &["report", p, "-f", "json", "--bom"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--bom is for the csv and metrics formats, not json")
    );
}

/// A re-planned workbook: a track shifted after the baseline and a metric behind the
/// path the team planned. The executive summary lists both, the metrics section has
/// the path month by month, and the JSON report carries them (valid by the schema).
#[test]
fn shifted_tracks_and_metrics_behind_their_path_are_reported() {
    let mut wb = fixture();
    // MTTR: 90 min at the baseline, 45 min measured in January; the team planned 40.
    let mttr = wb.metric_mut("mttr").unwrap();
    assert_eq!(mttr.set_planned(2, "40 min"), Ok(true));
    let moved = wb.apply_shift("tools", 3, 1, day("2027-02-01"));
    assert!(moved > 0);

    let text = render(&wb, Format::Markdown, day(TODAY)).unwrap();
    let summary = &text[..text.find("## 2.").unwrap()];
    assert!(
        summary.contains("**Tracks shifted since the baseline:**\n\n- Tools: 1 month later (1 shift, the last on 2027-02-01)"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "**Metrics behind their path:**\n\n- ! MTTR: 5 min behind the path in Jan 2027 (45 min against 40 min planned)"
        ),
        "{summary}"
    );
    assert!(
        text.contains("| MTTR (min) | planned | 65 | 40* | 38 | 36 | 34 | 32 | 30 |"),
        "{text}"
    );
    assert!(
        text.contains("| | measured | - | 45 ! | - | - | - | - | - |"),
        "{text}"
    );

    let v: serde_json::Value =
        serde_json::from_str(&render(&wb, Format::Json, day(TODAY)).unwrap()).unwrap();
    assert_eq!(v["scores"]["behind_path"], serde_json::json!(["mttr"]));
    let mttr = v["scores"]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "mttr")
        .unwrap();
    assert_eq!(
        mttr["path"]["behind"],
        serde_json::json!({ "month": 2, "planned": 40.0, "actual": 45.0, "by": 5.0 })
    );
    assert_eq!(mttr["path"]["months"][1]["planned_by_team"], true);
    let shifted = &v["scores"]["roadmap"]["shifted_since_baseline"];
    assert_eq!(shifted[0]["track"], "tools");
    assert_eq!(shifted[0]["months"], 1);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../assets/report.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

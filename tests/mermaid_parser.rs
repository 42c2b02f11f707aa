//! Mermaid charts checked by Mermaid's own parser (npm `mermaid` in a jsdom window),
//! when `node` and `npm` are on the machine: the template plan, a plan whose names are
//! Mermaid syntax (dates, `click`, `topAxis`, `:`, `#`, `<>`, control characters, CJK),
//! one with no start month, and the large demo, which must stay under Mermaid's
//! 50,000-character limit. The parser is installed once, from `tests/mermaid`'s lock
//! file, under Cargo's temporary directory. Without node, or when npm cannot install
//! it, the test says so and passes: the charts' shape is also checked without node in
//! `tests/reports.rs`.

#![allow(clippy::unwrap_used)] // tests may unwrap

use std::path::{Path, PathBuf};
use std::process::Command;

use planbook::model::Workbook;
use planbook::report::{Format, render};

/// Names that are Mermaid syntax, or that broke the chart before they were encoded.
const HOSTILE: &[&str] = &[
    "2027-10-15 go-live",
    "click here",
    "topAxis",
    "weekday monday",
    "a: b; #1 <x> -> ~~y~~ http://x.io",
    "東京 ✓",
    "excludes weekends",
    "section x",
    "dateFormat X",
    "todayMarker off",
    "%% comment",
    "accTitle: t",
    "",
    "   ",
    "#",
    ";",
    "x\u{1b}]0;PWNED\u{7}y",
];

fn hostile() -> Workbook {
    let mut wb = Workbook::template();
    wb.plan.team = "Ops: #1 <night>".into();
    wb.plan.start_month = "2027-01".parse().ok();
    let names = HOSTILE.iter().cycle();
    for (ms, name) in wb.roadmap.milestones.iter_mut().zip(names.clone()) {
        ms.text = (*name).to_string();
    }
    for (a, name) in wb.roadmap.tracks[0].activities.iter_mut().zip(names) {
        a.text = (*name).to_string();
    }
    wb.roadmap.tracks[1].name = "click".into();
    wb
}

/// Where Mermaid's parser is installed, or why it cannot be.
fn parser() -> Result<PathBuf, String> {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("no node on this machine".into());
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mermaid-check");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid");
    std::fs::create_dir_all(&dir).unwrap();
    for file in ["package.json", "package-lock.json", "parse.mjs"] {
        std::fs::copy(source.join(file), dir.join(file)).unwrap();
    }
    if !dir.join("node_modules/mermaid").exists() {
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .output()
            .map_err(|e| format!("npm did not run: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "npm could not install Mermaid: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(dir)
}

#[test]
fn mermaids_own_parser_accepts_every_chart() {
    let today = "2027-02-10".parse().unwrap();
    let mut template = Workbook::template();
    template.plan.start_month = "2027-01".parse().ok();
    let mut no_start = Workbook::template();
    no_start.plan.start_month = None;
    let charts = [
        ("template", template),
        ("hostile", hostile()),
        ("no-start", no_start),
        ("large", planbook::model::demo::large()),
    ]
    .map(|(name, wb)| (name, render(&wb, Format::Mermaid, today).unwrap()));
    for (name, text) in &charts {
        // Mermaid's maxTextSize counts UTF-16 units.
        let size = text.encode_utf16().count();
        assert!(size < 50_000, "{name}: {size} characters");
    }
    let dir = match parser() {
        Ok(dir) => dir,
        Err(why) => {
            eprintln!("Mermaid's parser not run: {why}");
            return;
        }
    };
    let mut files = Vec::new();
    for (name, text) in &charts {
        let file = dir.join(format!("{name}.mmd"));
        std::fs::write(&file, text).unwrap();
        files.push(file);
    }
    let out = Command::new("node")
        .arg("parse.mjs")
        .args(&files)
        .current_dir(&dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    eprintln!("{said}");
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(said.lines().filter(|l| l.starts_with("ok ")).count(), 4);
}

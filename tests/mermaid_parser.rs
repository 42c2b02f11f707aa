//! Mermaid charts checked by Mermaid's own parser (npm `mermaid` in a jsdom window),
//! and Markdown reports as markdown-it renders them (tables, no markup from user text,
//! the embedded chart), when `node` and `npm` are on the machine: the template plan, a plan whose names are
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

/// Where Mermaid's parser is installed, or why it cannot be. One test at a time
/// installs it.
fn parser() -> Result<PathBuf, String> {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = INSTALL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("no node on this machine".into());
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mermaid-check");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid");
    std::fs::create_dir_all(&dir).unwrap();
    for file in [
        "package.json",
        "package-lock.json",
        "parse.mjs",
        "markdown.mjs",
    ] {
        std::fs::copy(source.join(file), dir.join(file)).unwrap();
    }
    let installed = ["mermaid", "markdown-it", "jsdom"]
        .iter()
        .all(|m| dir.join("node_modules").join(m).exists());
    if !installed {
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

/// Texts a team may type that Markdown, HTML or GitHub's extensions would read as
/// markup, and that must show exactly as typed.
const TYPED: &[&str] = &[
    "Ops | \"Night\" `shift`",
    "~~not struck~~ and *not emphasis* or _this_",
    "see https://wiki.example.org/ops and www.example.com",
    "[a link](http://x.io) <b>bold</b> &amp; -> done",
    "2027-10-15 go-live",
    "click here",
    "| a | b |",
    "# not a heading",
    "東京 Zürich ✓",
    "1. not a list",
];

/// A workbook with `TYPED` in every kind of text a report shows.
fn typed_workbook() -> Workbook {
    let mut wb = hostile();
    let mut texts = TYPED.iter().cycle().map(|t| (*t).to_string());
    let mut next = || texts.next().unwrap();
    wb.plan.team = next();
    wb.plan.lead = next();
    for c in &mut wb.readiness {
        c.items[0].note = next();
        c.items[1].done = true;
    }
    for d in &mut wb.maturity {
        d.questions[0].note = next();
        d.questions[0].answer = planbook::model::Answer::Yes;
    }
    for ms in &mut wb.roadmap.milestones {
        ms.text = next();
        ms.owner = next();
    }
    for m in wb.baseline.iter_mut().flat_map(|g| g.metrics.iter_mut()) {
        m.source = next();
    }
    wb.take_snapshot(&next(), "2027-01-20".parse().unwrap());
    wb
}

#[test]
fn markdown_reports_render_as_typed_with_their_chart() {
    let today = "2027-03-10".parse().unwrap();
    let reports = [
        ("template", Workbook::template()),
        ("typed", typed_workbook()),
        ("large", planbook::model::demo::large()),
    ]
    .map(|(name, wb)| (name, render(&wb, Format::Markdown, today).unwrap()));
    let dir = match parser() {
        Ok(dir) => dir,
        Err(why) => {
            eprintln!("markdown-it not run: {why}");
            return;
        }
    };
    let mut files = Vec::new();
    for (name, text) in &reports {
        let file = dir.join(format!("{name}.md"));
        std::fs::write(&file, text).unwrap();
        files.push(file);
    }
    let typed = dir.join("typed.json");
    std::fs::write(&typed, serde_json::to_string(TYPED).unwrap()).unwrap();
    // The typed texts are checked in the typed report; the others only for markup.
    for (i, file) in files.iter().enumerate() {
        let mut cmd = Command::new("node");
        cmd.arg("markdown.mjs").current_dir(&dir);
        if i == 1 {
            cmd.arg("--typed").arg(&typed);
        }
        let out = cmd.arg(file).output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        eprintln!("{said}");
        assert!(
            out.status.success() && said.starts_with("ok "),
            "{said}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A Chromium on this machine, for rendering charts.
fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(PathBuf::from)
}

/// Text as an HTML serializer wrote it, read back.
fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// A name as the chart should show it: control characters as spaces, trimmed.
fn shown(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let s = s.trim();
    if s.is_empty() {
        "(unnamed)".to_string()
    } else {
        s.to_string()
    }
}

#[test]
fn mermaid_draws_every_name_as_typed() {
    let today = "2027-02-10".parse().unwrap();
    let wb = hostile();
    let chart = render(&wb, Format::Mermaid, today).unwrap();
    let (dir, browser) = match (parser(), chromium()) {
        (Ok(dir), Some(browser)) => (dir, browser),
        (Err(why), _) => {
            eprintln!("Mermaid not rendered: {why}");
            return;
        }
        (_, None) => {
            eprintln!("Mermaid not rendered: no Chromium on this machine");
            return;
        }
    };
    let page = format!(
        r#"<!doctype html><meta charset="utf-8"><body><div id="c"></div><pre id="out">pending</pre>
<script src="node_modules/mermaid/dist/mermaid.min.js"></script>
<script>
mermaid.initialize({{ startOnLoad: false }});
mermaid.render('chart', {}).then(({{ svg }}) => {{
  document.getElementById('c').innerHTML = svg;
  const texts = [...document.querySelectorAll('#c svg text')].map((t) => t.textContent.trim());
  document.getElementById('out').textContent = 'RENDERED' + JSON.stringify(texts) + 'END';
}}).catch((e) => {{ document.getElementById('out').textContent = 'FAILED ' + e + 'END'; }});
</script>"#,
        serde_json::to_string(&chart).unwrap()
    );
    let file = dir.join("render.html");
    std::fs::write(&file, page).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", file.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    // The script's own text names the markers too: the result is what follows
    // `RENDERED[`.
    let Some(start) = dom.find("RENDERED[") else {
        panic!(
            "Mermaid did not render: {}",
            dom.rfind("FAILED").map_or("no result", |i| &dom[i..])
        );
    };
    let end = dom[start..].find("]END").unwrap() + start + 1;
    let texts: Vec<String> =
        serde_json::from_str(&unescape_html(&dom[start + "RENDERED".len()..end])).unwrap();
    let mut names: Vec<String> = wb
        .roadmap
        .milestones
        .iter()
        .map(|m| shown(&m.text))
        .collect();
    names.extend(wb.roadmap.tracks.iter().flat_map(|t| {
        std::iter::once(shown(&t.name)).chain(t.activities.iter().map(|a| shown(&a.text)))
    }));
    names.push(format!(
        "{}: operations framework adoption plan",
        shown(&wb.plan.team)
    ));
    let missing: Vec<&String> = names.iter().filter(|n| !texts.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "drawn otherwise than typed: {missing:?}\ndrawn: {texts:?}"
    );
    eprintln!("{} names drawn as typed", names.len());
}

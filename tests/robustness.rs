//! Nothing panics and nothing is lost: every screen renders at every size, any text
//! loads to a workbook or an error, no escape sequence reaches the terminal, and a
//! save killed at any moment leaves the old workbook or the new one.

#![allow(clippy::unwrap_used)] // tests may unwrap

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::civil::Date;
use planbook::app::{Action, App, Overlay, Screen, update};
use planbook::model::{Answer, Workbook};
use planbook::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn filled() -> Workbook {
    let mut wb = Workbook::template();
    wb.plan.team = "Platform Ops".into();
    wb.plan.start_month = "2027-01".parse().ok();
    for q in &mut wb.maturity[0].questions {
        q.answer = Answer::Yes;
    }
    wb.readiness[0].items[0].done = true;
    wb.roadmap.milestones[0].done_on = "2027-01-10".parse().ok();
    wb.take_snapshot("Kickoff", Date::new(2027, 1, 15).unwrap());
    wb
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        ui::draw(f, app, Theme::from_env());
    })
    .unwrap();
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

#[test]
fn every_screen_renders_at_every_size() {
    let widths = [
        1, 2, 5, 10, 20, 40, 79, 80, 81, 100, 119, 120, 139, 140, 160, 200, 250, 300,
    ];
    let heights = [1, 2, 5, 10, 23, 24, 25, 40, 60, 100];
    let mut sizes = 0;
    for &screen in Screen::ALL {
        for state in 0..4 {
            let mut app = App::new(filled(), Date::new(2027, 2, 10).unwrap());
            update(&mut app, Action::GoTo(screen));
            match state {
                1 => {
                    update(&mut app, Action::Activate);
                }
                2 => app.overlay = Some(Overlay::Guide),
                3 => app.checkin = Some(planbook::screens::summary::CheckIn::default()),
                _ => {}
            }
            for &w in &widths {
                for &h in &heights {
                    update(&mut app, Action::Resize(w, h));
                    let text = screen_text(&app, w, h);
                    if w >= ui::MIN_WIDTH && h >= ui::MIN_HEIGHT {
                        // The tab bar names every screen, and nothing asks for room.
                        for &s in Screen::ALL {
                            assert!(text.contains(s.title()), "{screen:?} {w}x{h}: {text}");
                        }
                        assert!(!text.contains("needs a larger window"), "{w}x{h}");
                    } else if w >= 40 && h >= 5 {
                        assert!(
                            text.contains("needs a larger window"),
                            "{screen:?} {w}x{h} says what size it needs: {text}"
                        );
                    }
                    sizes += 1;
                }
            }
        }
    }
    assert_eq!(sizes, 6 * 4 * 18 * 10);
    println!("rendered {sizes} screen, state and size combinations");
}

#[test]
fn escape_sequences_from_a_workbook_never_reach_the_terminal() {
    let mut wb = filled();
    let evil = "Ops\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\r\nend";
    wb.plan.team = evil.into();
    wb.plan.lead = evil.into();
    wb.readiness[0].items[0].note = evil.into();
    wb.roadmap.milestones[0].text = evil.into();
    wb.roadmap.tracks[0].name = evil.into();
    wb.maturity[0].questions[0].note = evil.into();
    wb.baseline[0].metrics[0].source = evil.into();
    for &screen in Screen::ALL {
        let mut app = App::new(wb.clone(), Date::new(2027, 2, 10).unwrap());
        update(&mut app, Action::GoTo(screen));
        for (w, h) in [(80, 24), (200, 60)] {
            let text = screen_text(&app, w, h);
            assert!(
                !text.chars().any(char::is_control),
                "{screen:?}: a control character got through"
            );
        }
    }
    // Exports neutralize them too where they matter.
    for &format in planbook::report::Format::ALL {
        let day = Date::new(2027, 2, 10).unwrap();
        if format.is_text() {
            let text = planbook::report::render(&wb, format, day).unwrap();
            assert!(!text.contains('\u{1b}'), "{format:?} carries a raw escape");
        } else {
            use calamine::Reader as _;
            let bytes = planbook::report::render_bytes(&wb, format, day).unwrap();
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            for (name, range) in book.worksheets() {
                let escaped = range.used_cells().any(|(_, _, c)| {
                    matches!(c, calamine::Data::String(s) if s.chars().any(|c| c.is_control() && c != '\n'))
                });
                assert!(!escaped, "{name} carries a control character");
            }
        }
    }
}

proptest! {
    /// Any text given to the loader gives a workbook or an error, never a panic.
    #[test]
    fn any_text_loads_or_is_refused(text in "\\PC{0,400}") {
        // A refusal always says where: the file, then a line and a column.
        if let Err(e) = planbook::store::parse(Path::new("any.toml"), &text) {
            let message = e.to_string();
            let place = message.strip_prefix("any.toml:").unwrap_or("");
            let mut parts = place.splitn(3, ':');
            let (line, column) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            prop_assert!(
                line.parse::<usize>().is_ok() && column.parse::<usize>().is_ok()
                    || message.starts_with("any.toml: ") && message.contains("problem"),
                "no place in {}", message
            );
        }
    }

    /// Text that starts like a workbook and then goes wrong anywhere.
    #[test]
    fn damaged_workbooks_load_or_are_refused(cut in 0usize..60_000, junk in "\\PC{0,20}") {
        let good = planbook::store::to_text(&filled()).unwrap();
        let cut = good.char_indices().map(|(i, _)| i).find(|&i| i >= cut).unwrap_or(good.len());
        let text = format!("{}{junk}{}", &good[..cut], &good[cut..(cut + 40).min(good.len())]);
        match planbook::store::parse(Path::new("w.toml"), &text) {
            Err(e) => prop_assert!(e.to_string().starts_with("w.toml")),
            // What loads, saved over its own text, reads back the same.
            Ok(loaded) => {
                let mut doc = planbook::store::document(&text).unwrap();
                let saved = planbook::store::text_over(&mut doc, &loaded.workbook).unwrap();
                let back = planbook::store::parse(Path::new("w.toml"), &saved).unwrap();
                prop_assert_eq!(back.workbook, loaded.workbook);
            }
        }
    }
}

/// A small, seeded random number generator: the kill moments differ run to run of
/// the loop, and every run of the test is the same.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn saves_killed_at_random_moments_leave_the_old_or_the_new_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    // A large workbook, so a save takes long enough to be interrupted inside.
    let mut wb = filled();
    for i in 0..1500 {
        wb.take_snapshot(&format!("padding {i}"), Date::new(2027, 1, 1).unwrap());
    }
    planbook::store::save(&path, &wb).unwrap();
    let run = |label: &str| {
        Command::new(env!("CARGO_BIN_EXE_planbook"))
            .args(["snapshot", path.to_str().unwrap(), "--label", label])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one snapshot run takes here, to spread the kills over it.
    let start = Instant::now();
    assert!(run("timing").wait().unwrap().success());
    let span = start.elapsed().as_micros().max(1000);
    let mut count = planbook::store::load(&path)
        .unwrap()
        .workbook
        .snapshots
        .len();

    let mut rng = XorShift(0x5eed_cafe);
    let (mut kills, mut completed) = (0, 0);
    let mut span = u64::try_from(span).unwrap();
    for i in 0..200 {
        let started = Instant::now();
        let mut child = run(&format!("run {i}"));
        // Most of a run is starting and loading; the save is near its end, so the
        // kills are spread over the later part of a run, and a little past it.
        let delay = Duration::from_micros(span * 2 / 5 + rng.next() % (span * 4 / 5));
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            completed += 1;
            // The timing run may have been slow (other tests share the cores): a run
            // that finished before its kill says how long a run takes now.
            let took = u64::try_from(started.elapsed().as_micros()).unwrap();
            if took < span {
                span = took.max(1000);
            }
        } else {
            kills += 1;
        }
        let now = planbook::store::load(&path)
            .unwrap_or_else(|e| panic!("after kill {i} the workbook does not load: {e}"))
            .workbook
            .snapshots
            .len();
        assert!(
            now == count || now == count + 1,
            "run {i}: {count} -> {now} snapshots"
        );
        count = now;
    }
    // A kill inside a save leaves its temporary file behind (never the workbook
    // half-written): count them, as evidence the kills landed inside saves.
    let inside_save = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            name.starts_with(".plan.toml.") && name != ".plan.toml.lock"
        })
        .count();
    println!(
        "{kills} runs killed ({inside_save} inside a save), {completed} completed; \
         the workbook loaded after every one"
    );
    assert!(
        kills > 0,
        "the test killed nothing: the delays are too long"
    );
}

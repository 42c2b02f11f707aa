//! Benchmarks: rendering every screen, load and save, and `update` for a typical key
//! on each screen, for the default workbook and a large generated one.
//! Run with `cargo bench`; the figures are in `benches/README.md`.

#![allow(clippy::unwrap_used)] // benchmarks may unwrap

use divan::Bencher;
use jiff::civil::Date;
use planbook::app::{Action, App, Screen, update};
use planbook::model::Workbook;
use planbook::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn workbook(kind: &str) -> Workbook {
    if kind == "large" {
        return planbook::model::demo::large();
    }
    let mut wb = Workbook::template();
    wb.plan.team = "Platform Ops".into();
    wb.plan.start_month = "2027-01".parse().ok();
    wb
}

fn app(kind: &str, screen: Screen, width: u16, height: u16) -> App {
    let mut app = App::new(workbook(kind), Date::new(2027, 3, 10).unwrap());
    update(&mut app, Action::Resize(width, height));
    update(&mut app, Action::GoTo(screen));
    app
}

const SCREENS: &[Screen] = Screen::ALL;
const KINDS: [&str; 2] = ["default", "large"];

/// One frame of a screen through `Terminal<TestBackend>`, at 80x24 and 200x60.
#[divan::bench(args = SCREENS, consts = [80, 200])]
fn render_default<const W: u16>(bencher: Bencher, screen: Screen) {
    render(bencher, "default", screen, W);
}

#[divan::bench(args = SCREENS, consts = [80, 200])]
fn render_large<const W: u16>(bencher: Bencher, screen: Screen) {
    render(bencher, "large", screen, W);
}

fn render(bencher: Bencher, kind: &str, screen: Screen, width: u16) {
    let height = if width == 80 { 24 } else { 60 };
    let app = app(kind, screen, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    bencher.bench_local(|| {
        terminal
            .draw(|f| {
                ui::draw(f, &app, Theme::plain());
            })
            .unwrap();
    });
}

/// Load and save of the workbook file, atomically, on a temporary folder.
#[divan::bench(args = KINDS)]
fn load_and_save(bencher: Bencher, kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    planbook::store::save(&path, &workbook(kind)).unwrap();
    bencher.bench_local(|| {
        let loaded = planbook::store::load(&path).unwrap();
        planbook::store::save(&path, &loaded.workbook).unwrap();
    });
}

#[divan::bench(args = KINDS)]
fn load_only(bencher: Bencher, kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    planbook::store::save(&path, &workbook(kind)).unwrap();
    bencher.bench_local(|| planbook::store::load(&path).unwrap());
}

/// A load from the parsed copy an unchanged workbook is opened from (`store::cache`):
/// the same reading of the file, then JSON instead of TOML.
#[divan::bench(args = KINDS)]
fn load_from_copy(bencher: Bencher, kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let cache = dir.path().join("cache");
    planbook::store::save(&path, &workbook(kind)).unwrap();
    planbook::store::cache::refresh(&cache, &path);
    let first = planbook::store::load_with(&path, Some(&cache)).unwrap();
    assert_eq!(
        first.workbook,
        planbook::store::load(&path).unwrap().workbook
    );
    bencher.bench_local(|| planbook::store::load_with(&path, Some(&cache)).unwrap());
}

#[divan::bench(args = KINDS)]
fn save_only(bencher: Bencher, kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let wb = workbook(kind);
    bencher.bench_local(|| planbook::store::save(&path, &wb).unwrap());
}

/// What the app does on every change: one tick saved through the session, which
/// checks the file on disk, merges only what changed into the document read (comments
/// and layout kept) and writes it atomically.
#[divan::bench(args = KINDS)]
fn edit_and_save(bencher: Bencher, kind: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    planbook::store::save(&path, &workbook(kind)).unwrap();
    let (mut session, loaded) = planbook::session::Session::open(&path).unwrap();
    let mut wb = loaded.workbook;
    bencher.bench_local(|| {
        let item = &mut wb.readiness[0].items[0];
        item.done = !item.done;
        assert_eq!(session.save(&wb), planbook::session::SaveOutcome::Saved);
    });
}

/// A typical key on each screen: the change `update` makes, without IO.
#[divan::bench(args = SCREENS)]
fn update_default(bencher: Bencher, screen: Screen) {
    typical_key(bencher, "default", screen);
}

#[divan::bench(args = SCREENS)]
fn update_large(bencher: Bencher, screen: Screen) {
    typical_key(bencher, "large", screen);
}

fn typical_key(bencher: Bencher, kind: &str, screen: Screen) {
    let action = match screen {
        Screen::Setup | Screen::Roadmap => Action::Right,
        Screen::Readiness => Action::Toggle,
        Screen::Baseline | Screen::Summary => Action::Down,
        Screen::Maturity => Action::Answer(planbook::model::Answer::Yes),
    };
    let mut app = app(kind, screen, 200, 60);
    if screen == Screen::Setup {
        update(&mut app, Action::End);
        update(&mut app, Action::Up); // organization size
    }
    bencher.bench_local(|| {
        update(&mut app, action);
        update(&mut app, Action::Home);
    });
}

/// The floor of a frame: an empty one, for comparison with the screens.
#[divan::bench(consts = [80, 200])]
fn render_nothing<const W: u16>(bencher: Bencher) {
    let height = if W == 80 { 24 } else { 60 };
    let mut terminal = Terminal::new(TestBackend::new(W, height)).unwrap();
    bencher.bench_local(|| {
        terminal.draw(|_| {}).unwrap();
    });
}

/// The rollup of many generated teams (`planbook new --demo-team`), read from disk
/// on both cores, as `planbook rollup DIR` does. The folder is made once per size.
#[divan::bench(args = [100, 1000], sample_count = 10)]
fn rollup_teams(bencher: Bencher, teams: u64) {
    let dir = std::env::temp_dir().join(format!("planbook-bench-rollup-{teams}"));
    let today = Date::new(2027, 4, 20).unwrap();
    if !dir.join(format!("team-{teams}.toml")).exists() {
        std::fs::create_dir_all(&dir).unwrap();
        for seed in 1..=teams {
            let wb = planbook::model::demo::demo_team(seed, today);
            planbook::store::save(&dir.join(format!("team-{seed}.toml")), &wb).unwrap();
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    bencher.bench(|| {
        let (paths, _) = planbook::portfolio::find(std::slice::from_ref(&dir));
        let mut p = planbook::portfolio::rollup(&paths, today, workers);
        p.sort(planbook::portfolio::SortBy::Overdue);
        planbook::portfolio::render::table(&p, 200)
    });
}

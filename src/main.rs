//! The planbook binary: command line, terminal setup and the event loop that performs
//! the IO `update` asks for.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{self, Event};
use ratatui::DefaultTerminal;

use planbook::app::{Action, App, Effect, SaveState, update};
use planbook::model::Workbook;
use planbook::{keymap, report, store, ui};

/// Plan and run the six-month adoption of an operations framework.
///
/// Opens the workbook at PATH (created from the framework template if it does not
/// exist), or the default workbook in the platform data directory.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// The workbook file to open or create.
    path: Option<PathBuf>,

    /// Pretend today is this date (YYYY-MM-DD); for demos and tests.
    #[arg(long, hide = true, global = true)]
    today: Option<jiff::civil::Date>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a report of a workbook, without opening the terminal UI.
    Report {
        /// The workbook (default: the default workbook). It must exist.
        path: Option<PathBuf>,
        /// markdown (an assessment and plan to share), json (everything, with scores),
        /// csv (one row per milestone) or mermaid (the roadmap as a Gantt chart).
        #[arg(long, short, default_value = "markdown", value_parser = parse_format)]
        format: report::Format,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Record today's readiness, metrics, maturity and roadmap progress in a workbook.
    Snapshot {
        /// The workbook (default: the default workbook). It must exist.
        path: Option<PathBuf>,
        /// What to call the snapshot, such as "March check-in".
        #[arg(long)]
        label: String,
    },
}

fn parse_format(s: &str) -> Result<report::Format, String> {
    s.parse()
}

/// Where the default workbook lives: the platform data directory, which honours
/// `XDG_DATA_HOME` on Linux.
fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "planbook").ok_or_else(|| {
        color_eyre::eyre::eyre!("no home directory found for the default workbook; give a PATH")
    })?;
    Ok(dirs.data_dir().join("workbook.toml"))
}

/// Loads the workbook, or creates it from the template when there is no file yet.
fn open(path: &Path) -> Result<Workbook, String> {
    if path.exists() {
        store::load(path).map_err(|e| e.to_string())
    } else {
        let wb = Workbook::template();
        store::save(path, &wb).map_err(|e| e.to_string())?;
        Ok(wb)
    }
}

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("planbook: {e}");
        return ExitCode::FAILURE;
    }
    let cli = Cli::parse();
    match run_cli(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("planbook: {e:?}");
            ExitCode::FAILURE
        }
    }
}

/// Loads an existing workbook for a command that must not create one.
fn load_existing(path: Option<&PathBuf>) -> Result<Result<(PathBuf, Workbook), String>> {
    let path = match path {
        Some(p) => p.clone(),
        None => default_path()?,
    };
    if !path.exists() {
        return Ok(Err(format!(
            "no workbook at {}: run planbook once to create it, or name an existing workbook",
            path.display()
        )));
    }
    Ok(store::load(&path)
        .map(|wb| (path, wb))
        .map_err(|e| e.to_string()))
}

fn today(cli: &Cli) -> jiff::civil::Date {
    cli.today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

fn run_command(cli: &Cli, command: &Command) -> Result<ExitCode> {
    let fail = |message: String| {
        eprintln!("planbook: {message}");
        Ok(ExitCode::from(2))
    };
    match command {
        Command::Report {
            path,
            format,
            output,
        } => {
            let (_, wb) = match load_existing(path.as_ref())? {
                Ok(found) => found,
                Err(message) => return fail(message),
            };
            let text = match report::render(&wb, *format, today(cli)) {
                Ok(text) => text,
                Err(message) => return fail(message),
            };
            match output {
                Some(out) => {
                    if let Err(e) = store::write_atomic(out, text.as_bytes()) {
                        return fail(e.to_string());
                    }
                    eprintln!(
                        "planbook: {} report written to {}",
                        format.name(),
                        out.display()
                    );
                }
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Snapshot { path, label } => {
            let (path, mut wb) = match load_existing(path.as_ref())? {
                Ok(found) => found,
                Err(message) => return fail(message),
            };
            let snapshot = wb.take_snapshot(label, today(cli));
            let message = format!(
                "snapshot '{}' taken on {} in {}",
                snapshot.label,
                snapshot.taken_on,
                path.display()
            );
            if let Err(e) = store::save(&path, &wb) {
                return fail(e.to_string());
            }
            println!("planbook: {message}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_cli(cli: &Cli) -> Result<ExitCode> {
    if let Some(command) = &cli.command {
        return run_command(cli, command);
    }
    let path = match &cli.path {
        Some(p) => p.clone(),
        None => default_path()?,
    };
    // Every problem with the file is reported before the terminal is taken over.
    let workbook = match open(&path) {
        Ok(wb) => wb,
        Err(message) => {
            eprintln!("planbook: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut app = App::new(workbook, today(cli));
    app.offer_checkin();
    let theme = ui::Theme::from_env();

    let mut terminal = ratatui::init();
    let outcome = run(&mut terminal, &mut app, &path, theme);
    ratatui::restore();
    outcome?;

    if let SaveState::Failed(e) = &app.save_state {
        eprintln!("planbook: quit without saving the last edits: {e}");
        return Ok(ExitCode::FAILURE);
    }
    println!("planbook: workbook saved to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn save(app: &mut App, path: &Path) {
    let result = store::save(path, app.workbook_to_save()).map_err(|e| e.to_string());
    app.record_save(result);
}

/// Writes a report beside the workbook, and says where (or why not) in the footer.
fn export(app: &mut App, path: &Path, format: report::Format) {
    let stem = path
        .file_stem()
        .map_or_else(|| "workbook".into(), |s| s.to_string_lossy().into_owned());
    let out = path.with_file_name(format!("{stem}{}", format.suffix()));
    let result = report::render(&app.workbook, format, app.today)
        .and_then(|text| store::write_atomic(&out, text.as_bytes()).map_err(|e| e.to_string()));
    app.notice = Some(match result {
        Ok(()) => format!("{} report written to {}", format.name(), out.display()),
        Err(e) => format!("! report not written: {e}"),
    });
}

/// The event loop: blocks on the next event and redraws only when something changed.
fn run(terminal: &mut DefaultTerminal, app: &mut App, path: &Path, theme: ui::Theme) -> Result<()> {
    let mut redraw = true;
    let size = terminal.size().wrap_err("reading the terminal size")?;
    update(app, Action::Resize(size.width, size.height));
    loop {
        if redraw {
            let mut drawn = ui::Drawn::default();
            terminal
                .draw(|frame| drawn = ui::draw(frame, app, theme))
                .wrap_err("drawing the screen")?;
            app.clamp_overlay_scroll(drawn.overlay_max_scroll);
            redraw = false;
        }
        match event::read().wrap_err("reading the keyboard")? {
            Event::Key(key) => {
                let Some(action) = keymap::action_for(app, &key) else {
                    continue;
                };
                redraw = true;
                match update(app, action) {
                    Some(Effect::Save) => save(app, path),
                    Some(Effect::Quit) => {
                        let failed_before = matches!(app.save_state, SaveState::Failed(_));
                        save(app, path);
                        // A failed save keeps planbook open with the error shown; a
                        // second quit leaves anyway.
                        if !matches!(app.save_state, SaveState::Failed(_)) || failed_before {
                            return Ok(());
                        }
                    }
                    Some(Effect::Export(format)) => export(app, path, format),
                    None => {}
                }
            }
            Event::Resize(width, height) => {
                update(app, Action::Resize(width, height));
                redraw = true;
            }
            _ => {}
        }
    }
}

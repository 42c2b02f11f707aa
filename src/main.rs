//! The planbook binary: command line, terminal setup and the event loop that performs
//! the IO `update` asks for.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{self, Event};

use planbook::app::outcome::{Outcome, settle};
use planbook::app::{Action, App, Effect, SaveState, update};
use planbook::preview::{FileStamp, Preview};
use planbook::session::{SaveOutcome, Session};
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

    /// Pretend today is this date (YYYY-MM-DD): the way to try a later month of the
    /// plan (its check-in, overdue milestones) without waiting for it.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    today: Option<jiff::civil::Date>,

    /// Open in presentation mode: the current item alone, large, for a projector
    /// (P switches back).
    #[arg(long)]
    present: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a report of a workbook, without opening the terminal UI.
    Report {
        /// The workbook (default: the default workbook). It must exist.
        path: Option<PathBuf>,
        /// markdown (an executive summary, then the assessment and plan), json
        /// (everything, with scores), csv (one row per milestone, open, done or
        /// overdue), metrics (a CSV of every metric value and health score over time),
        /// mermaid (the roadmap as a Gantt chart) or xlsx (a spreadsheet of milestones,
        /// metrics, maturity answers and readiness; needs -o or a pipe).
        #[arg(long, short, default_value = "markdown", value_parser = parse_format)]
        format: report::Format,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Start a CSV report with a byte-order mark, so that Excel reads its text as
        /// UTF-8 (csv and metrics only).
        #[arg(long)]
        bom: bool,
    },
    /// Record today's readiness, metrics, maturity and roadmap progress in a workbook.
    Snapshot {
        /// The workbook (default: the default workbook). It must exist.
        path: Option<PathBuf>,
        /// What to call the snapshot, such as "March check-in".
        #[arg(long)]
        label: String,
    },
    /// Check a workbook and list every problem found, without changing it.
    Check {
        /// The workbook (default: the default workbook). It must exist.
        path: Option<PathBuf>,
    },
    /// Create a workbook from the framework template (it must not exist yet).
    New {
        /// Where to create it.
        path: PathBuf,
        /// Fill it with a large generated plan instead: 24 months, 30 tracks, 2,000
        /// milestones, 200 metrics and 100 snapshots.
        #[arg(long, conflicts_with = "demo_team")]
        demo_large: bool,
        /// Fill it with a generated team instead, varied by SEED (a number): started
        /// some months ago, partly ticked, answered and measured, with snapshots. For
        /// trying the rollup on many teams.
        #[arg(long, value_name = "SEED")]
        demo_team: Option<u64>,
    },
    /// List many teams' workbooks side by side: where each stands, who is slipping.
    ///
    /// Reads workbooks from files, folders (searched for .toml files; other TOML files
    /// are skipped) and glob patterns, never writing or locking them. A workbook that
    /// fails to load is listed with its error, and the exit status is then 1.
    Rollup {
        /// Workbook files, folders or glob patterns such as 'teams/*.toml'.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// table (fits the terminal), markdown (with a heat map of teams by maturity
        /// dimension, teams per phase, the most common gaps and the most overdue
        /// milestones), csv, json or xlsx (needs -o or a pipe).
        #[arg(long, short, default_value = "table")]
        format: RollupFormat,
        /// The column to sort by: overdue (most first, the default), team, readiness,
        /// maturity, month, done, metrics or snapshot.
        #[arg(long, default_value = "overdue", value_parser = parse_sort)]
        sort: planbook::portfolio::SortBy,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Say in plain words what changed between two workbooks, a workbook and its
    /// version at a git revision, or two of its snapshots.
    ///
    /// planbook diff OLD NEW; planbook diff PATH --since REV (read with git show);
    /// planbook diff PATH --snapshots A B (by label or date). For git, --textconv
    /// PATH writes a workbook as one fact per line (see the README).
    Diff {
        /// The older workbook, or the workbook whose history is compared.
        path: PathBuf,
        /// The newer workbook.
        new: Option<PathBuf>,
        /// Compare with the workbook as it was at this git revision (HEAD, main~3, a
        /// tag or a commit).
        #[arg(long, value_name = "REV", conflicts_with_all = ["new", "snapshots", "textconv"])]
        since: Option<String>,
        /// Compare two snapshots of the workbook, by label or date.
        #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with_all = ["new", "textconv"])]
        snapshots: Option<Vec<String>>,
        /// text (default) or markdown, for a status mail or a pull request.
        #[arg(long, short, default_value = "text")]
        format: DiffFormat,
        /// Write the workbook as one fact per line instead, for git's textconv.
        #[arg(long, conflicts_with = "new")]
        textconv: bool,
    },
}

/// The diff's output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
}

/// The rollup's output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RollupFormat {
    Table,
    Markdown,
    Csv,
    Json,
    Xlsx,
}

fn parse_sort(s: &str) -> Result<planbook::portfolio::SortBy, String> {
    s.parse().map_err(|_| {
        format!(
            "'{s}' is not a column to sort by; use one of {}",
            planbook::portfolio::sort_names()
        )
    })
}

fn parse_format(s: &str) -> Result<report::Format, String> {
    s.parse()
}

/// Prints a line on standard output; no control character from a file gets there raw.
macro_rules! say {
    ($($t:tt)*) => {
        println!("{}", planbook::present::safe_lines(&format!($($t)*)))
    };
}

/// Prints a line on standard error; no control character from a file gets there raw.
macro_rules! warn {
    ($($t:tt)*) => {
        eprintln!("{}", planbook::present::safe_lines(&format!($($t)*)))
    };
}

/// Where the default workbook lives: the platform data directory, which honours
/// `XDG_DATA_HOME` on Linux.
fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "planbook").ok_or_else(|| {
        color_eyre::eyre::eyre!("no home directory found for the default workbook; give a PATH")
    })?;
    Ok(dirs.data_dir().join("workbook.toml"))
}

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        warn!("planbook: {e}");
        return ExitCode::FAILURE;
    }
    let cli = quick_cli(std::env::args_os().skip(1)).unwrap_or_else(Cli::parse);
    match run_cli(&cli) {
        Ok(code) => code,
        Err(e) => {
            warn!("planbook: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The names clap reads as commands rather than as a PATH (`help` is clap's own).
const COMMANDS: [&str; 7] = [
    "report", "snapshot", "check", "new", "rollup", "diff", "help",
];

/// The command line of the commonest start, `planbook [PATH] [--today DATE]
/// [--present]` with PATH an existing file, read as clap reads it but without clap:
/// clap builds the description of every command and option first, a quarter of a
/// millisecond before the first frame. Anything else (a command, help, an
/// option or a form of one not listed, a PATH that is not an existing file, text that
/// is not UTF-8) is clap's, with its messages: `None`.
fn quick_cli(args: impl Iterator<Item = std::ffi::OsString>) -> Option<Cli> {
    let mut cli = Cli {
        path: None,
        today: None,
        present: false,
        command: None,
    };
    let mut args = args.map(std::ffi::OsString::into_string);
    while let Some(arg) = args.next() {
        let arg = arg.ok()?;
        match arg.as_str() {
            "--present" if !cli.present => cli.present = true,
            "--today" if cli.today.is_none() => {
                cli.today = Some(args.next()?.ok()?.parse().ok()?);
            }
            word if cli.path.is_none()
                && !word.starts_with('-')
                && !COMMANDS.contains(&word)
                && Path::new(word).is_file() =>
            {
                cli.path = Some(PathBuf::from(word));
            }
            _ => return None,
        }
    }
    Some(cli)
}

/// The workbook a command names, which must exist: commands never create one.
fn existing_path(path: Option<&PathBuf>) -> Result<Result<PathBuf, String>> {
    let path = match path {
        Some(p) => p.clone(),
        None => default_path()?,
    };
    if path.exists() {
        Ok(Ok(path))
    } else {
        Ok(Err(format!(
            "no workbook at {}: run planbook once to create it, or name an existing workbook",
            path.display()
        )))
    }
}

fn today(cli: &Cli) -> jiff::civil::Date {
    cli.today.unwrap_or_else(local_today)
}

/// Today in the local time zone. Read from `TZ` or `/etc/localtime` directly where
/// they exist: asking for the system zone by name walks the whole zone database,
/// which cost planbook's startup milliseconds.
fn local_today() -> jiff::civil::Date {
    use jiff::tz::TimeZone;
    let tz = std::env::var("TZ")
        .ok()
        .and_then(|name| TimeZone::get(name.trim_start_matches(':')).ok())
        .or_else(|| {
            std::fs::read("/etc/localtime")
                .ok()
                .and_then(|bytes| TimeZone::tzif("localtime", &bytes).ok())
        })
        .unwrap_or_else(TimeZone::system);
    tz.to_datetime(jiff::Timestamp::now()).date()
}

/// A clear message and exit status 2, for a workbook that cannot be used.
fn refuse(message: &str) -> ExitCode {
    warn!("planbook: {message}");
    ExitCode::from(2)
}

/// Unwraps a step that either goes on or ends the command with a refusal.
macro_rules! or_refuse {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(message) => return Ok(refuse(&message.to_string())),
        }
    };
}

fn report_command(
    cli: &Cli,
    path: Option<&PathBuf>,
    format: report::Format,
    output: Option<&PathBuf>,
    bom: bool,
) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let csv = matches!(format, report::Format::Csv | report::Format::Metrics);
    if bom && !csv {
        return Ok(refuse(&format!(
            "--bom is for the csv and metrics formats, not {}",
            format.name()
        )));
    }
    if !format.is_text() && output.is_none() && std::io::stdout().is_terminal() {
        return Ok(refuse(&format!(
            "the {} report is a binary file: write it with -o FILE, or redirect it",
            format.name()
        )));
    }
    let path = or_refuse!(existing_path(path)?);
    let wb = or_refuse!(store::load(&path)).workbook;
    let mut bytes = or_refuse!(report::render_bytes(&wb, format, today(cli)));
    if bom {
        bytes.splice(0..0, "\u{feff}".bytes());
    }
    or_refuse!(emit(&bytes, output, &format!("{} report", format.name())));
    Ok(ExitCode::SUCCESS)
}

/// Writes a command's output: to `output` when given (then says so on stderr,
/// naming `what`), else to standard output, safe for a person at a terminal and
/// as it is for a pipe.
fn emit(bytes: &[u8], output: Option<&PathBuf>, what: &str) -> Result<(), String> {
    use std::io::{IsTerminal, Write as _};
    if let Some(out) = output {
        store::write_atomic(out, bytes).map_err(|e| e.to_string())?;
        warn!("planbook: {what} written to {}", out.display());
    } else if std::io::stdout().is_terminal() {
        // Read by a person: nothing from a workbook may steer the terminal.
        print!(
            "{}",
            planbook::present::safe_lines(&String::from_utf8_lossy(bytes))
        );
    } else {
        // Piped, it is data and goes out as it is.
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn snapshot_command(cli: &Cli, path: Option<&PathBuf>, label: &str) -> Result<ExitCode> {
    let path = or_refuse!(existing_path(path)?);
    let (mut session, loaded) = or_refuse!(Session::open(&path));
    if let Some(why) = &session.read_only {
        return Ok(refuse(&format!(
            "{}: {why}; no snapshot taken",
            path.display()
        )));
    }
    if let Some(up) = &loaded.upgrade {
        say!(
            "planbook: {} upgraded from format {} to {}; the original is kept as {}",
            path.display(),
            up.from,
            planbook::model::FORMAT,
            planbook::store::migrate::original_path(&path, up.from).display()
        );
    }
    let mut wb = loaded.workbook;
    let snapshot = wb.take_snapshot(label, today(cli));
    let message = format!(
        "snapshot '{}' taken on {} in {}",
        snapshot.label,
        snapshot.taken_on,
        path.display()
    );
    match session.save(&wb) {
        SaveOutcome::Saved => {
            say!("planbook: {message}");
            Ok(ExitCode::SUCCESS)
        }
        SaveOutcome::Conflict => Ok(refuse("the workbook changed while it was read; try again")),
        SaveOutcome::Failed(e) => Ok(refuse(&e.to_string())),
    }
}

fn check_command(path: Option<&PathBuf>) -> Result<ExitCode> {
    let path = or_refuse!(existing_path(path)?);
    let loaded = or_refuse!(store::load(&path));
    for w in &loaded.warnings {
        say!("{w}");
    }
    let n = loaded.warnings.len();
    say!(
        "{}: ok, a valid workbook ({n} warning{})",
        path.display(),
        if n == 1 { "" } else { "s" }
    );
    if let Some(up) = &loaded.upgrade {
        say!(
            "{}: written in format {}; planbook upgrades it to format {} the next time it \
             opens it for writing, and keeps the original beside it",
            path.display(),
            up.from,
            planbook::model::FORMAT
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn new_command(
    cli: &Cli,
    path: &Path,
    demo_large: bool,
    demo_team: Option<u64>,
) -> Result<ExitCode> {
    if path.exists() {
        return Ok(refuse(&format!(
            "{} exists already; planbook new never overwrites a workbook",
            path.display()
        )));
    }
    let wb = if demo_large {
        planbook::model::demo::large()
    } else if let Some(seed) = demo_team {
        planbook::model::demo::demo_team(seed, today(cli))
    } else {
        planbook::model::Workbook::template()
    };
    or_refuse!(store::save(path, &wb));
    say!("planbook: created {}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn run_command(cli: &Cli, command: &Command) -> Result<ExitCode> {
    match command {
        Command::Report {
            path,
            format,
            output,
            bom,
        } => report_command(cli, path.as_ref(), *format, output.as_ref(), *bom),
        Command::Snapshot { path, label } => snapshot_command(cli, path.as_ref(), label),
        Command::Check { path } => check_command(path.as_ref()),
        Command::New {
            path,
            demo_large,
            demo_team,
        } => new_command(cli, path, *demo_large, *demo_team),
        Command::Rollup {
            paths,
            format,
            sort,
            output,
        } => rollup_command(cli, paths, *format, *sort, output.as_ref()),
        Command::Diff {
            path,
            new,
            since,
            snapshots,
            format,
            textconv,
        } => diff_command(
            path,
            new.as_ref(),
            since.as_deref(),
            snapshots.as_deref(),
            *format,
            *textconv,
        ),
    }
}

/// A workbook as it was at a git revision: `git show REV:./NAME`, run in its folder.
fn at_revision(path: &Path, rev: &str) -> Result<planbook::model::Workbook, String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} names no file", path.display()))?;
    let inside = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .map_err(|e| format!("git could not be run ({e}); --since needs git"))?;
    if !inside.status.success() {
        return Err(format!(
            "{} is not in a git repository: --since REV reads the workbook's history \
             from git; compare two files with planbook diff OLD NEW instead",
            dir.display()
        ));
    }
    let spec = format!("{rev}:./{}", name.to_string_lossy());
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &spec])
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git show {spec} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8(out.stdout).map_err(|_| format!("{spec} is not UTF-8 text"))?;
    let shown = PathBuf::from(format!("{}@{rev}", path.display()));
    store::parse(&shown, &text)
        .map(|l| l.workbook)
        .map_err(|e| e.to_string())
}

fn diff_command(
    path: &Path,
    new: Option<&PathBuf>,
    since: Option<&str>,
    snapshots: Option<&[String]>,
    format: DiffFormat,
    textconv: bool,
) -> Result<ExitCode> {
    use planbook::diff;
    let load = |p: &Path| store::load(p).map(|l| l.workbook);
    let (title, sections) = if textconv {
        let wb = or_refuse!(load(path));
        print!("{}", planbook::present::safe_lines(&diff::facts(&wb)));
        return Ok(ExitCode::SUCCESS);
    } else if let Some([a, b]) = snapshots {
        let wb = or_refuse!(load(path));
        let sa = or_refuse!(diff::find_snapshot(&wb, a));
        let sb = or_refuse!(diff::find_snapshot(&wb, b));
        (
            format!(
                "{}: snapshot '{}' ({}) to '{}' ({})",
                path.display(),
                sa.label,
                sa.taken_on,
                sb.label,
                sb.taken_on
            ),
            diff::snapshots_between(&wb, sa, sb),
        )
    } else if let Some(rev) = since {
        let old = or_refuse!(at_revision(path, rev));
        let now = or_refuse!(load(path));
        (
            format!("{}: since {rev}", path.display()),
            diff::workbooks(&old, &now),
        )
    } else {
        let Some(new) = new else {
            return Ok(refuse(
                "name two workbooks (planbook diff OLD NEW), a revision (--since REV) or two snapshots (--snapshots A B)",
            ));
        };
        let old = or_refuse!(load(path));
        let now = or_refuse!(load(new));
        (
            format!("{} to {}", path.display(), new.display()),
            diff::workbooks(&old, &now),
        )
    };
    let text = match format {
        DiffFormat::Text => diff::text(&title, &sections),
        DiffFormat::Markdown => diff::markdown(&title, &sections),
    };
    print!("{}", planbook::present::safe_lines(&text));
    Ok(ExitCode::SUCCESS)
}

fn rollup_command(
    cli: &Cli,
    paths: &[PathBuf],
    format: RollupFormat,
    sort: planbook::portfolio::SortBy,
    output: Option<&PathBuf>,
) -> Result<ExitCode> {
    use planbook::portfolio::{self as pf, render};
    use std::io::IsTerminal;
    if format == RollupFormat::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        return Ok(refuse(
            "the xlsx rollup is a binary file: write it with -o FILE, or redirect it",
        ));
    }
    let today = today(cli);
    let (found, missing) = pf::find(paths);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut p = pf::rollup(&found, today, workers);
    p.failures.extend(missing);
    p.sort(sort);
    let bytes = match format {
        RollupFormat::Table => {
            // As wide as the terminal; piped, every column.
            let width = if std::io::stdout().is_terminal() {
                crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w))
            } else {
                usize::MAX
            };
            render::table(&p, width).into_bytes()
        }
        RollupFormat::Markdown => render::markdown(&p, today).into_bytes(),
        RollupFormat::Csv => or_refuse!(render::csv(&p)).into_bytes(),
        RollupFormat::Json => {
            let mut text = or_refuse!(serde_json::to_string_pretty(&render::json(&p, today)));
            text.push('\n');
            text.into_bytes()
        }
        RollupFormat::Xlsx => or_refuse!(render::xlsx(&p)),
    };
    or_refuse!(emit(
        &bytes,
        output,
        &format!("rollup of {} teams", p.teams.len())
    ));
    // The table lists failures itself; every other format says them on stderr.
    if format != RollupFormat::Table || output.is_some() {
        for f in &p.failures {
            warn!("planbook: ! {}", f.error);
        }
    }
    Ok(if p.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A bare word that is neither a workbook nor a path to one is most likely a
/// mistyped command (`planbook stauts`): say so, with clap's suggestion, and create
/// nothing. Returns the exit code when the word was refused.
fn refuse_stray_word(path: &Path) -> Option<ExitCode> {
    let word = path.to_str()?;
    let looks_like_a_path = path.exists()
        || path.extension().is_some_and(|e| e == "toml")
        || word.contains(std::path::MAIN_SEPARATOR)
        || word.contains('/');
    if looks_like_a_path {
        return None;
    }
    // The same commands without the PATH argument, so that clap reads the word as a
    // command and suggests the closest one.
    let commands = clap::Command::new("planbook")
        .subcommands(Cli::command().get_subcommands().cloned())
        .disable_help_subcommand(true);
    let mut message = format!(
        "planbook: no workbook or command named '{}': a new workbook's name ends in .toml \
         (planbook {}.toml creates one)\n",
        planbook::present::safe(word),
        planbook::present::safe(word)
    );
    if let Err(e) = commands.try_get_matches_from(["planbook", word]) {
        let rendered = e.render().to_string();
        if let Some(tip) = rendered.lines().find(|l| l.contains("similar")) {
            message.push_str(tip.trim());
            message.push('\n');
        }
    }
    message.push_str("See planbook --help for the commands.");
    warn!("{message}");
    Some(ExitCode::from(2))
}

/// The terminal UI needs a terminal on both ends; without one (a script, a pipe),
/// nothing is created and the commands that work without one are named.
fn refuse_without_terminal() -> Option<ExitCode> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return None;
    }
    warn!(
        "planbook: the workbook opens in a terminal, and there is none here (standard \
         input or output is not a terminal). Without one, use: planbook report, \
         planbook snapshot, planbook check or planbook new (planbook --help)."
    );
    Some(ExitCode::from(2))
}

/// The workbook a start without a command opens, or how it exits when it opens none
/// (a stray word, no terminal).
fn workbook_to_open(cli: &Cli) -> Result<std::result::Result<PathBuf, ExitCode>> {
    if let Some(code) = cli.path.as_deref().and_then(refuse_stray_word) {
        return Ok(Err(code));
    }
    let path = match &cli.path {
        Some(p) => p.clone(),
        None => default_path()?,
    };
    if let Some(code) = refuse_without_terminal() {
        // A file that does not open says why first: that is what needs fixing.
        if path.exists()
            && let Err(e) = store::load(&path)
        {
            return Ok(Err(refuse(&e.to_string())));
        }
        return Ok(Err(code));
    }
    Ok(Ok(path))
}

fn run_cli(cli: &Cli) -> Result<ExitCode> {
    if let Some(command) = &cli.command {
        return run_command(cli, command);
    }
    let path = match workbook_to_open(cli)? {
        Ok(path) => path,
        Err(code) => return Ok(code),
    };
    let state_dir = planbook::state::dir();
    let cache = state_dir.as_deref().map(planbook::state::cache_dir);
    let kept_resume = state_dir
        .as_deref()
        .map(|dir| planbook::state::load_from(dir, &path))
        .unwrap_or_default();
    let today = today(cli);
    let theme = ui::Theme::from_env();
    let shown_path = path.display().to_string();
    let size = crossterm::terminal::size().wrap_err("reading the terminal's size")?;
    let start = Start {
        path: &path,
        shown_path: &shown_path,
        today,
        theme,
        present: cli.present,
        size,
    };
    // The first frame this start will draw, if an earlier start with the same inputs
    // kept it: shown before the workbook is read (`planbook::preview`).
    let first = start.first_frame(&kept_resume);
    let shown = first
        .as_ref()
        .zip(cache.as_deref())
        .map(|(first, cache)| show_kept_frame(first, cache))
        .transpose()?
        .flatten();
    // Otherwise every problem with the file is reported before the terminal is taken
    // over. What a first frame need not wait for is done once it is drawn (`run`).
    let (mut session, loaded) = match Session::open_unsettled(&path, cache.as_deref()) {
        Ok(opened) => opened,
        Err(message) => {
            if shown.is_some() {
                ratatui::restore();
            }
            return Ok(refuse(&message.to_string()));
        }
    };
    let resume = match &loaded.upgrade {
        Some(up) if up.resume.is_some() => up.resume.clone().unwrap_or_default(),
        _ => kept_resume,
    };
    let mut app = opening_app(
        loaded,
        resume,
        today,
        &path,
        shown_path.clone(),
        cli.present,
        session.read_only.clone(),
    );
    let (mut terminal, preview) = match shown {
        Some((terminal, preview)) => (terminal, Some(preview)),
        None => (init_terminal(size)?, None),
    };
    // A frame drawn read-only is not what a start that may write shows.
    let first = first
        .filter(|_| session.read_only.is_none())
        .map(|first| FirstFrame { preview, ..first });
    let outcome = run(
        &mut terminal,
        &mut app,
        &mut session,
        state_dir.as_deref(),
        theme,
        first,
    );
    let area = terminal.get_frame().area();
    ratatui::restore();
    outcome?;
    // The workbook as it is on disk now, kept parsed for the next start, and the
    // first frame the next start will draw on a terminal of this size, today.
    if let (Some(cache), Some(dir)) = (&cache, &state_dir) {
        planbook::store::cache::refresh(cache, &session.path);
        if session.read_only.is_none()
            && session.path == path
            && !matches!(app.save_state, SaveState::Failed(_))
        {
            let next = Start {
                size: (area.width, area.height),
                ..start
            };
            next.keep_first_frame(cache, dir);
        }
    }

    if let Some(why) = &session.read_only {
        say!("planbook: opened read-only ({why}); nothing was saved");
        return Ok(ExitCode::SUCCESS);
    }
    if let SaveState::Failed(e) = &app.save_state {
        warn!("planbook: quit without saving the last edits: {e}");
        return Ok(ExitCode::FAILURE);
    }
    say!("planbook: workbook saved to {}", session.path.display());
    Ok(ExitCode::SUCCESS)
}

/// The app a start opens on: the workbook as loaded, where the user left off, and
/// what the start says first about the file (an upgrade, unknown keys) and the month.
fn opening_app(
    loaded: store::Loaded,
    resume: planbook::state::Resume,
    today: jiff::civil::Date,
    path: &Path,
    shown_path: String,
    present: bool,
    read_only: Option<String>,
) -> App {
    let mut app = App::resuming(loaded.workbook, resume, today);
    app.path = shown_path;
    app.present = present;
    app.read_only = read_only;
    if let Some(up) = &loaded.upgrade {
        app.notice = Some(if app.read_only.is_some() {
            format!(
                "This workbook is in format {}; it will be upgraded when it opens for writing",
                up.from
            )
        } else {
            // Short enough for the footer at 80 columns, file name included.
            format!(
                "Upgraded to format {}; original in {}",
                planbook::model::FORMAT,
                planbook::store::migrate::original_path(path, up.from)
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            )
        });
    } else if !loaded.warnings.is_empty() {
        app.notice = Some(format!(
            "{} unknown key{} kept: {} (planbook check lists them)",
            loaded.warnings.len(),
            if loaded.warnings.len() == 1 { "" } else { "s" },
            loaded.warnings[0]
        ));
    }
    if app.read_only.is_none() {
        app.offer_checkin();
    }
    app
}

/// Saves the workbook and says how it went.
fn save(app: &App, session: &mut Session, quitting: bool) -> Outcome {
    match session.save(&app.workbook) {
        SaveOutcome::Saved => Outcome::Saved { quitting },
        SaveOutcome::Conflict => Outcome::Conflict,
        SaveOutcome::Failed(e) => Outcome::SaveFailed {
            why: e.to_string(),
            quitting,
        },
    }
}

/// Writes reports beside the workbook, one file per format.
fn export(app: &App, path: &Path, formats: &[report::Format]) -> Outcome {
    let stem = path
        .file_stem()
        .map_or_else(|| "workbook".into(), |s| s.to_string_lossy().into_owned());
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for &format in formats {
        let to = path.with_file_name(format!("{stem}{}", format.suffix()));
        let result = report::render_bytes(&app.workbook, format, app.today)
            .map_err(|e| e.to_string())
            .and_then(|bytes| store::write_atomic(&to, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => written.push(to),
            Err(e) => failed.push((format, e)),
        }
    }
    Outcome::Exported { written, failed }
}

/// Keeps where the user is in the state directory. Only a convenience: a state
/// directory that cannot be written costs nothing but landing on the first screen
/// next time.
fn keep_resume(state_dir: Option<&Path>, app: &mut App, session: &Session) {
    if let Some(dir) = state_dir {
        let _ = planbook::state::save_to(dir, &session.path, app.resume_to_save());
    }
}

/// Performs an effect's IO and says what it came to; `update`'s counterpart,
/// `settle`, turns that into the app's new state. `None` when there is nothing to
/// tell.
fn perform(
    app: &mut App,
    session: &mut Session,
    state_dir: Option<&Path>,
    effect: Effect,
) -> Option<Outcome> {
    Some(match effect {
        Effect::Save => save(app, session, false),
        Effect::Quit => save(app, session, true),
        Effect::Leave | Effect::SaveResume => {
            keep_resume(state_dir, app, session);
            return None;
        }
        Effect::Export(formats) => export(app, &session.path, formats),
        Effect::SaveAs(to) => {
            let to = PathBuf::from(to);
            match session.save_as(&to, &app.workbook) {
                Ok(()) => Outcome::SavedAs { to },
                Err(e) => Outcome::SaveAsFailed {
                    to,
                    why: e.to_string(),
                },
            }
        }
        Effect::KeepMine => match session.keep_mine(&app.workbook) {
            Ok(theirs) => Outcome::KeptMine { theirs },
            Err(e) => Outcome::SaveFailed {
                why: e.to_string(),
                quitting: false,
            },
        },
        Effect::TakeTheirs => match session.take_theirs(&app.workbook) {
            Ok((loaded, mine)) => Outcome::Reloaded {
                workbook: Box::new(loaded.workbook),
                mine,
            },
            Err(e) => Outcome::ReloadFailed(e.to_string()),
        },
    })
}

/// The terminal the app draws on.
type Term =
    ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

/// Sets the terminal up as `ratatui::init` does (raw mode, the alternate screen, a
/// panic hook that restores it before the panic is reported), with differences that
/// each frame gains from: a frame is written in one piece, where standard output's
/// own buffer wrote it a kilobyte at a time (the switch to the alternate screen goes
/// with the first); and the terminal's size is asked once, here, then told by resize
/// events (`run`), where ratatui asks before every frame (crossterm opens `/dev/tty`
/// each time). `ratatui::restore` undoes it.
fn init_terminal(size: (u16, u16)) -> Result<Term> {
    set_up_terminal(size)
        .inspect_err(|_| ratatui::restore())
        .wrap_err("setting up the terminal")
}

fn set_up_terminal((width, height): (u16, u16)) -> std::io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    crossterm::terminal::enable_raw_mode()?;
    // A first frame at 80x24 is about 3 KB; a larger one goes out in more writes.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout());
    // Sent with the first frame: the screen switches and shows it at once.
    crossterm::queue!(out, crossterm::terminal::EnterAlternateScreen)?;
    ratatui::Terminal::with_options(
        ratatui::backend::CrosstermBackend::new(out),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height)),
        },
    )
}

/// How long after the first frame the opening is finished, if no key comes first
/// (`Session::settle`).
const SETTLE_AFTER_MS: u64 = 20;

/// Shows the first frame an earlier start kept for this one (`first`), if `cache`
/// holds it: the terminal is then set up already, and returned with it.
fn show_kept_frame(first: &FirstFrame, cache: &Path) -> Result<Option<(Term, Preview)>> {
    let Some(preview) = Preview::read(cache, &first.workbook, first.key, first.area) else {
        return Ok(None);
    };
    let mut terminal = init_terminal((first.area.width, first.area.height))?;
    let drew = terminal
        .draw(|frame| preview.paint(frame.buffer_mut()))
        .map(|_| ());
    if let Err(e) = drew {
        ratatui::restore();
        return Err(e).wrap_err("drawing the screen");
    }
    Ok(Some((terminal, preview)))
}

/// What a start's first frame is drawn from, besides the workbook and where the user
/// left off: this start's, or at quit the next one's (the same terminal, the same
/// day).
struct Start<'a> {
    path: &'a Path,
    shown_path: &'a str,
    today: jiff::civil::Date,
    theme: ui::Theme,
    present: bool,
    size: (u16, u16),
}

impl Start<'_> {
    /// The first frame of this start, with `resume` (where the user left off): `None`
    /// when there is no workbook file yet, as a start creates it.
    fn first_frame(&self, resume: &planbook::state::Resume) -> Option<FirstFrame> {
        let stamp = FileStamp::of(self.path)?;
        let (width, height) = self.size;
        let key = planbook::preview::key(&planbook::preview::Inputs {
            path: self.shown_path,
            file: &stamp,
            resume,
            today: self.today,
            color: self.theme.color,
            present: self.present,
            width,
            height,
        });
        Some(FirstFrame {
            key,
            area: ratatui::layout::Rect::new(0, 0, width, height),
            workbook: self.path.to_path_buf(),
            stamp,
            preview: None,
        })
    }

    /// Draws, off screen, the first frame this start will draw, as it will (the
    /// workbook as on disk, read through `cache`; where the user left off, from
    /// `state_dir`), and keeps it for the start to show at once
    /// (`planbook::preview`). Nothing is said when it cannot be.
    fn keep_first_frame(&self, cache: &Path, state_dir: &Path) {
        let Some(drawn) = self.draw_first_frame(cache, state_dir) else {
            return;
        };
        planbook::preview::keep(cache, self.path, &drawn);
    }

    /// This start's first frame, encoded under the key it will look for.
    fn draw_first_frame(&self, cache: &Path, state_dir: &Path) -> Option<String> {
        let resume = planbook::state::load_from(state_dir, self.path);
        let first = self.first_frame(&resume)?;
        let loaded = store::load_with(self.path, Some(cache)).ok()?;
        let mut app = opening_app(
            loaded,
            resume,
            self.today,
            self.path,
            self.shown_path.to_string(),
            self.present,
            None,
        );
        let (width, height) = self.size;
        update(&mut app, Action::Resize(width, height));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).ok()?;
        let completed = terminal
            .draw(|frame| {
                ui::draw(frame, &app, self.theme);
            })
            .ok()?;
        planbook::preview::encode(first.key, completed.buffer)
    }
}

/// The first frame of this start: the key it is kept under (`planbook::preview`), the
/// workbook file as it was before the start read it, and the kept frame shown while
/// it was read, if there was one.
struct FirstFrame {
    key: u64,
    area: ratatui::layout::Rect,
    workbook: PathBuf,
    stamp: FileStamp,
    preview: Option<Preview>,
}

impl FirstFrame {
    /// Keeps `drawn`, the app's first frame (as `preview::encode` gave it), for the
    /// next start, unless the workbook file changed since this start read it (an
    /// upgrade, say) or it is the frame already kept.
    fn keep(&self, cache: &Path, drawn: &str) {
        if self.preview.as_ref().is_some_and(|p| p.is(drawn))
            || FileStamp::of(&self.workbook).as_ref() != Some(&self.stamp)
        {
            return;
        }
        planbook::preview::keep(cache, &self.workbook, drawn);
    }
}

/// The event loop: blocks on the next event and redraws only when something changed.
fn run(
    terminal: &mut Term,
    app: &mut App,
    session: &mut Session,
    state_dir: Option<&Path>,
    theme: ui::Theme,
    mut first: Option<FirstFrame>,
) -> Result<()> {
    let mut redraw = true;
    // The app's first frame, encoded once it is out, kept once the opening settles.
    let mut drawn_first: Option<String> = None;
    // An effect waits until the frame that shows the change is drawn: a key press
    // shows at once, and the save follows.
    let mut pending: Option<Effect> = None;
    let size = terminal.get_frame().area();
    update(app, Action::Resize(size.width, size.height));
    let clock = std::time::Instant::now();
    let mut settled = false;
    loop {
        if redraw {
            let mut drawn = ui::Drawn::default();
            let completed = terminal
                .draw(|frame| drawn = ui::draw(frame, app, theme))
                .wrap_err("drawing the screen")?;
            if let Some(first) = &first
                && !settled
            {
                drawn_first = planbook::preview::encode(first.key, completed.buffer);
            }
            app.clamp_overlay_scroll(drawn.overlay_max_scroll);
            redraw = false;
        }
        if !settled {
            // The first frame is written. Finishing the opening waits a moment, or
            // until the first key, so the terminal has the processor to show the
            // frame first; no event has been handled, so the workbook is as loaded.
            let key_waiting = event::poll(std::time::Duration::from_millis(SETTLE_AFTER_MS))
                .wrap_err("reading the keyboard")?;
            session.settle(&app.workbook);
            if let (Some(first), Some(drawn), Some(dir)) = (first.take(), &drawn_first, state_dir) {
                first.keep(&planbook::state::cache_dir(dir), drawn);
            }
            settled = true;
            if !key_waiting {
                continue;
            }
        }
        if let Some(effect) = pending.take() {
            let leave = effect == Effect::Leave;
            if let Some(outcome) = perform(app, session, state_dir, effect) {
                pending = settle(app, outcome);
            }
            if leave {
                return Ok(());
            }
            redraw = true;
            continue;
        }
        // With a timebox set, the clock wakes the loop once a second (at the next
        // whole second) to show the time spent; without one, nothing wakes it.
        if app.ticking() {
            let now = clock.elapsed();
            let next = std::time::Duration::from_secs(now.as_secs() + 1).saturating_sub(now);
            if !event::poll(next).wrap_err("reading the keyboard")? {
                let before = app.timer_text();
                update(app, Action::Tick(clock.elapsed().as_secs()));
                redraw = app.timer_text() != before;
                continue;
            }
        }
        match event::read().wrap_err("reading the keyboard")? {
            Event::Key(key) => {
                let Some(action) = keymap::action_for(app, &key) else {
                    continue;
                };
                if app.ticking() {
                    // The time so far goes to the screen being left.
                    update(app, Action::Tick(clock.elapsed().as_secs()));
                }
                redraw = true;
                pending = update(app, action);
            }
            Event::Resize(width, height) => {
                // The viewport is fixed: it follows the window here.
                terminal
                    .resize(ratatui::layout::Rect::new(0, 0, width, height))
                    .wrap_err("resizing the screen")?;
                update(app, Action::Resize(width, height));
                redraw = true;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests may unwrap
    use super::*;

    /// Draws `app`'s first frame off screen, as `run` draws it on the terminal.
    fn first_frame_of(
        mut app: App,
        theme: ui::Theme,
        (w, h): (u16, u16),
    ) -> ratatui::buffer::Buffer {
        update(&mut app, Action::Resize(w, h));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|frame| {
                ui::draw(frame, &app, theme);
            })
            .unwrap()
            .buffer
            .clone()
    }

    #[test]
    fn the_frame_kept_at_quit_is_the_one_the_next_start_draws() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let state_dir = dir.path().join("state/resume");
        let cache = planbook::state::cache_dir(&state_dir);
        let mut wb = planbook::model::Workbook::template();
        wb.plan.team = "Zürich 東京 Ops".into();
        wb.plan.start_month = "2027-01".parse().ok();
        wb.readiness[0].items[1].done = true;
        store::save(&path, &wb).unwrap();
        let mut resume = planbook::state::Resume {
            screen: "readiness".into(),
            ..planbook::state::Resume::default()
        };
        resume.items.insert("readiness".into(), 3);
        planbook::state::save_to(&state_dir, &path, &resume).unwrap();
        planbook::store::cache::refresh(&cache, &path);
        let today = jiff::civil::date(2027, 2, 3);
        let shown = path.display().to_string();
        for (theme, size) in [
            (ui::Theme { color: true }, (80, 24)),
            (ui::Theme::plain(), (120, 40)),
        ] {
            let start = Start {
                path: &path,
                shown_path: &shown,
                today,
                theme,
                present: false,
                size,
            };
            start.keep_first_frame(&cache, &state_dir);

            // The next start, as `run_cli` makes it.
            let kept_resume = planbook::state::load_from(&state_dir, &path);
            let first = start.first_frame(&kept_resume).unwrap();
            let preview = Preview::read(&cache, &path, first.key, first.area).unwrap();
            let mut shown_first = ratatui::buffer::Buffer::empty(first.area);
            preview.paint(&mut shown_first);
            let (_session, loaded) = Session::open_unsettled(&path, Some(&cache)).unwrap();
            let app = opening_app(
                loaded,
                kept_resume,
                today,
                &path,
                shown.clone(),
                false,
                None,
            );
            let drawn = first_frame_of(app, theme, size);
            assert_eq!(shown_first, drawn, "{theme:?} {size:?}");
            assert!(
                format!("{drawn:?}").contains("Monthly check-in"),
                "{drawn:?}"
            );

            // Another day, or the workbook changed: the kept frame is not used.
            let resume = planbook::state::load_from(&state_dir, &path);
            let tomorrow = today.tomorrow().unwrap();
            let other = Start {
                today: tomorrow,
                ..start
            }
            .first_frame(&resume);
            assert!(Preview::read(&cache, &path, other.unwrap().key, first.area).is_none());
        }
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("# reviewed\n{text}")).unwrap();
        let resume = planbook::state::load_from(&state_dir, &path);
        let start = Start {
            path: &path,
            shown_path: &shown,
            today,
            theme: ui::Theme::plain(),
            present: false,
            size: (120, 40),
        };
        let edited = start.first_frame(&resume).unwrap();
        assert!(Preview::read(&cache, &path, edited.key, edited.area).is_none());
    }

    #[test]
    fn the_quick_reading_knows_every_command_clap_knows() {
        let mut cli = Cli::command();
        cli.build();
        let mut names: Vec<String> = cli
            .get_subcommands()
            .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
            .map(str::to_string)
            .collect();
        names.sort();
        let mut ours: Vec<String> = COMMANDS.iter().map(|c| (*c).to_string()).collect();
        ours.sort();
        assert_eq!(names, ours);
    }

    #[test]
    fn the_quick_reading_reads_what_clap_reads_or_leaves_it_to_clap() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.toml");
        std::fs::write(&file, "").unwrap();
        let file = file.to_str().unwrap();
        let missing = dir.path().join("new.toml");
        let missing = missing.to_str().unwrap();
        let lines: Vec<Vec<&str>> = vec![
            vec![],
            vec![file],
            vec![file, "--today", "2027-03-10"],
            vec!["--today", "2027-03-10", file, "--present"],
            vec!["--present"],
            // Clap's: commands (a file of that name is still the command), help, a new
            // file, a bad date, an option given twice, an unknown option, the = form,
            // two paths.
            vec!["check", file],
            vec!["check"],
            vec!["--help"],
            vec![missing],
            vec![file, "--today", "March"],
            vec![file, "--today"],
            vec![file, "--present", "--present"],
            vec![file, "--colour"],
            vec![file, "--today=2027-03-10"],
            vec![file, file],
        ];
        let mut quick = 0;
        for line in lines {
            let args = line.iter().map(std::ffi::OsString::from);
            let Some(ours) = quick_cli(args) else {
                continue;
            };
            quick += 1;
            let clap = Cli::try_parse_from(std::iter::once("planbook").chain(line.clone()));
            assert_eq!(
                format!("{ours:?}"),
                format!("{:?}", clap.unwrap()),
                "{line:?}"
            );
        }
        assert_eq!(
            quick, 5,
            "the first five lines are read quickly, the rest by clap"
        );
    }
}

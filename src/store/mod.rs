//! Loading, validating and atomically saving workbook files, the lock that keeps a
//! second planbook from writing the same workbook, and change detection.

use std::fmt;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use toml_edit::DocumentMut;

use crate::model::{Extra, FORMAT, Workbook};

pub mod cache;
pub mod check;
pub mod edit;
pub mod fresh;
pub mod migrate;
pub mod splice;

/// The comment every saved workbook starts with.
pub const HEADER: &str = "\
# planbook workbook: one team's plan for adopting the operations framework over six months.
# The framework content and the team's answers live together in this file; it is plain
# TOML, safe to read, diff and keep in git. planbook edits it in place: your comments
# and layout stay.
";

/// The largest workbook planbook opens. A real one is well under a megabyte.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Why a workbook could not be opened: each problem led by `file:line:col`.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.describe())]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

/// A problem found in a workbook, at a place in the file where it can be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Debug)]
pub enum LoadErrorKind {
    /// The file could not be read.
    Io(std::io::Error),
    /// Not a regular file, or too large to be a workbook.
    NotAWorkbook(String),
    /// The file is not UTF-8 text.
    NotText { line: usize, column: usize },
    /// Not TOML, or not the shape of a workbook.
    Parse(Problem),
    /// Written by a newer planbook.
    FutureFormat { found: i64 },
    /// Parsed, but the content breaks the workbook's rules.
    Invalid(Vec<Problem>),
}

impl LoadError {
    fn describe(&self) -> String {
        let mut out = String::new();
        let _ = self.write_to(&mut out);
        out
    }

    fn write_to(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            LoadErrorKind::Io(e) => write!(f, "{path}: cannot read the workbook: {e}"),
            LoadErrorKind::NotAWorkbook(why) => write!(f, "{path}:1:1: {why}"),
            LoadErrorKind::NotText { line, column } => write!(
                f,
                "{path}:{line}:{column}: not a text file: a workbook is UTF-8 TOML text"
            ),
            LoadErrorKind::Parse(p) => write!(f, "{path}:{}:{}: {}", p.line, p.column, p.message),
            LoadErrorKind::FutureFormat { found } => write!(
                f,
                "{path}:1:1: the workbook has format = {found}, newer than this planbook \
                 understands (format = {FORMAT}); update planbook to open it"
            ),
            LoadErrorKind::Invalid(problems) => {
                let n = problems.len();
                write!(
                    f,
                    "{path}: {n} problem{} found:",
                    if n == 1 { "" } else { "s" }
                )?;
                for p in problems {
                    write!(f, "\n{path}:{}:{}: {}", p.line, p.column, p.message)?;
                }
                Ok(())
            }
        }
    }
}

/// A workbook as read from disk, with what planbook noticed but could open anyway.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub workbook: Workbook,
    /// Unknown keys, kept as they are: `file:line:col: ...`.
    pub warnings: Vec<String>,
    /// Identifies the bytes read, to notice when the file changes underneath.
    pub fingerprint: u64,
    /// The text read: a save edits it in place. A session keeps it, so what
    /// `Session::open` returns holds none.
    pub text: String,
    /// Set when the file was in an older format and was brought up to this one.
    pub upgrade: Option<migrate::Upgrade>,
}

/// The day (UTC) a file was last written, if it can be told.
fn saved_on(path: &Path) -> Option<jiff::civil::Date> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let ts = jiff::Timestamp::try_from(modified).ok()?;
    Some(jiff::tz::TimeZone::UTC.to_datetime(ts).date())
}

/// A fingerprint of file contents, to tell whether a file changed: XXH3, 64 bits
/// (a start hashes the workbook to match its parsed copy; `SipHash`, the standard
/// library's, took 0.02 ms of it for 46 KB).
pub fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// 1-based line and column of a byte offset in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(1, |s| s.chars().count() + 1);
    (line, column)
}

fn at(text: &str, offset: usize, message: String) -> Problem {
    let (line, column) = line_col(text, offset);
    Problem {
        line,
        column,
        message,
    }
}

fn parse_error(text: &str, e: &toml::de::Error) -> Problem {
    let offset = e.span().map_or(0, |s| s.start);
    at(
        text,
        offset,
        keyed(text, offset, with_hint(e.message().trim().to_string())),
    )
}

/// A message about the value at `offset`, led by its key (`start_month: ...`) when
/// the value sits on a `key = value` line.
fn keyed(text: &str, offset: usize, message: String) -> String {
    let before = text.get(..offset).unwrap_or("");
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    match line.split_once('=') {
        Some((key, rest)) if rest.trim().is_empty() && !key.trim().is_empty() => {
            format!("{}: {message}", key.trim())
        }
        _ => message,
    }
}

/// A shape error's message, with what to do about a missing key.
fn with_hint(mut message: String) -> String {
    if message.starts_with("missing field") {
        message.push_str(
            ": every workbook has it (a new workbook shows it, and the README lists the \
             sections)",
        );
    }
    if message.is_empty() {
        "not a valid workbook".to_string()
    } else {
        message
    }
}

/// Parses workbook text. `path` is only used in messages.
pub fn parse(path: &Path, text: &str) -> Result<Loaded, LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    // The format is checked before the shape, from its line at the top, so that a
    // newer workbook is refused as newer rather than as malformed. One parse follows.
    let format = format_line(text);
    if let Some((offset, value)) = format {
        match value.parse::<i64>() {
            Ok(n) if n > i64::from(FORMAT) => {
                return Err(err(LoadErrorKind::FutureFormat { found: n }));
            }
            Ok(n) if n >= 1 => {}
            _ => {
                return Err(err(LoadErrorKind::Parse(at(
                    text,
                    offset,
                    format!("`format` must be a whole number from 1 to {FORMAT}, found {value}"),
                ))));
            }
        }
    }
    let mut workbook: Workbook = toml::from_str(text).map_err(|e| {
        if format.is_none() && e.message().contains("missing field `format`") {
            err(LoadErrorKind::Parse(at(
                text,
                0,
                format!(
                    "missing `format = {FORMAT}` at the top: this does not look like a planbook \
                     workbook"
                ),
            )))
        } else {
            // Every shape error, not just the first, where the file parses as TOML.
            let (shape, rest) = check::shape_errors(text);
            let mut all: Vec<Problem> = shape
                .into_iter()
                .map(|(message, span)| {
                    let offset = span.map_or(0, |s| s.start);
                    at(text, offset, keyed(text, offset, with_hint(message)))
                })
                .collect();
            if let Some(rest) = rest {
                all.extend(validate_at(&rest, text));
            }
            if all.len() > 1 {
                all.sort_by_key(|p| (p.line, p.column));
                err(LoadErrorKind::Invalid(all))
            } else {
                err(LoadErrorKind::Parse(parse_error(text, &e)))
            }
        }
    })?;
    let problems = validate_at(&workbook, text);
    if !problems.is_empty() {
        return Err(err(LoadErrorKind::Invalid(problems)));
    }
    // An older format is brought up to this one in memory; what it moves (such as
    // format 1's `[resume]`) is then no unknown key.
    let saved = (workbook.format < FORMAT).then(|| saved_on(path)).flatten();
    let upgrade = migrate::upgrade(&mut workbook, saved);
    let warnings = unknown_keys(&workbook)
        .into_iter()
        .map(|key| {
            let name = key.rsplit('.').next().unwrap_or(&key).to_string();
            let offset = text
                .match_indices(&name)
                .find(|(i, _)| {
                    let line_start = text[..*i].rfind('\n').map_or(0, |n| n + 1);
                    text[line_start..*i]
                        .trim()
                        .trim_start_matches('[')
                        .is_empty()
                        || text[line_start..*i].trim_end().ends_with('.')
                })
                .map_or(0, |(i, _)| i);
            let p = at(
                text,
                offset,
                format!("unknown key `{key}`: kept as it is, but planbook does not use it"),
            );
            format!("{}:{}:{}: {}", path.display(), p.line, p.column, p.message)
        })
        .collect();
    Ok(Loaded {
        workbook,
        warnings,
        fingerprint: fingerprint(text.as_bytes()),
        text: text.to_string(),
        upgrade,
    })
}

/// Whether a text says it is a planbook workbook: a `format = N` line at its top and
/// one of a workbook's tables. Other TOML files (a `Cargo.toml`, a tool's settings)
/// do not.
pub fn is_workbook_text(text: &str) -> bool {
    format_line(text).is_some()
        && ["[plan]", "[[readiness]]", "[roadmap]", "[[baseline]]"]
            .iter()
            .any(|t| text.contains(t))
}

/// The `format = N` line among the top-level keys: its offset and its value.
fn format_line(text: &str) -> Option<(usize, &str)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix("format")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let value = value.split('#').next().unwrap_or("").trim();
            return Some((offset + (line.len() - trimmed.len()), value));
        }
        offset += line.len();
    }
    None
}

/// Reads a file of at most `MAX_BYTES`, refusing anything that is not a regular file
/// (a device such as `/dev/zero` never ends).
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    let err = |kind| LoadError {
        path: path.to_path_buf(),
        kind,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(LoadErrorKind::Io(e)))?;
    if !meta.is_file() {
        return Err(err(LoadErrorKind::NotAWorkbook(
            "not a regular file: a workbook is a TOML file".to_string(),
        )));
    }
    let too_large = |size: u64| {
        err(LoadErrorKind::NotAWorkbook(format!(
            "the file is {:.1} MB; a workbook is at most {} MB",
            f64::from(u32::try_from(size / 1024).unwrap_or(u32::MAX)) / 1024.0,
            MAX_BYTES / 1024 / 1024
        )))
    };
    if meta.len() > MAX_BYTES {
        return Err(too_large(meta.len()));
    }
    // Sized to the file, so it is read in one go rather than in growing chunks.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| err(LoadErrorKind::Io(e)))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads and parses a workbook file. The file is only read, never changed.
/// Reads, parses and upgrades a workbook file in memory; the file is not changed.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    load_with(path, None)
}

/// Loads a workbook, from the parsed copy kept in `cache` (a folder) when it holds
/// exactly the text on disk.
pub fn load_with(path: &Path, cache: Option<&Path>) -> Result<Loaded, LoadError> {
    // The bytes become the text without a copy.
    let text = match String::from_utf8(read_capped(path)?) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or("");
            let (line, column) = line_col(valid, valid.len());
            return Err(LoadError {
                path: path.to_path_buf(),
                kind: LoadErrorKind::NotText { line, column },
            });
        }
    };
    let Some(dir) = cache else {
        return parse(path, &text);
    };
    let fingerprint = fingerprint(text.as_bytes());
    if let Some(workbook) = cache::read(dir, path, &text, fingerprint) {
        // Kept only from a load with no problems, no unknown keys and no upgrade.
        return Ok(Loaded {
            workbook,
            warnings: Vec::new(),
            fingerprint,
            text,
            upgrade: None,
        });
    }
    parse(path, &text)
}

/// Every unknown key in the workbook, as a dotted path with ids for list items.
pub fn unknown_keys(wb: &Workbook) -> Vec<String> {
    let mut keys = Vec::new();
    // The path of an item is only spelled out when it has unknown keys: most have none.
    let mut add = |prefix: &dyn Fn() -> String, extra: &Extra| {
        if extra.is_empty() {
            return;
        }
        let prefix = prefix();
        for k in extra.keys() {
            keys.push(if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            });
        }
    };
    add(&String::new, &wb.extra);
    add(&|| "plan".to_string(), &wb.plan.extra);
    for c in &wb.readiness {
        add(&|| format!("readiness.{}", c.id), &c.extra);
        for i in &c.items {
            add(&|| format!("readiness.{}.{}", c.id, i.id), &i.extra);
        }
    }
    for g in &wb.baseline {
        add(&|| format!("baseline.{}", g.id), &g.extra);
        for m in &g.metrics {
            add(&|| format!("baseline.{}.{}", g.id, m.id), &m.extra);
        }
    }
    for d in &wb.maturity {
        add(&|| format!("maturity.{}", d.id), &d.extra);
        for q in &d.questions {
            add(&|| format!("maturity.{}.{}", d.id, q.id), &q.extra);
        }
    }
    for p in &wb.phases {
        add(&|| format!("phases.{}", p.id), &p.extra);
    }
    add(&|| "roadmap".to_string(), &wb.roadmap.extra);
    for s in &wb.roadmap.stages {
        add(&|| format!("roadmap.stages.{}", s.name), &s.extra);
    }
    for t in &wb.roadmap.tracks {
        add(&|| format!("roadmap.tracks.{}", t.id), &t.extra);
        for a in &t.activities {
            add(&|| format!("roadmap.tracks.{}.{}", t.id, a.id), &a.extra);
        }
    }
    for m in &wb.roadmap.milestones {
        add(&|| format!("roadmap.milestones.{}", m.id), &m.extra);
    }
    for k in &wb.kpis {
        add(&|| format!("kpis.{}", k.id), &k.extra);
    }
    for s in &wb.snapshots {
        add(&|| format!("snapshots.{}", s.id), &s.extra);
    }
    keys
}

/// Every rule a parsed workbook breaks, as messages.
pub fn validate(wb: &Workbook) -> Vec<String> {
    check::rules(wb).into_iter().map(|f| f.message).collect()
}

/// Every rule a parsed workbook breaks, each at the place in `text` of the value that
/// breaks it.
fn validate_at(wb: &Workbook, text: &str) -> Vec<Problem> {
    let found = check::rules(wb);
    if found.is_empty() {
        return Vec::new();
    }
    // The file is parsed again for its spans only when there is something to place.
    let root = toml::de::DeTable::parse(text).ok();
    let mut problems: Vec<Problem> = found
        .into_iter()
        .map(|f| {
            let offset = root
                .as_ref()
                .and_then(|r| check::span_of(r, &f.path))
                .map_or(0, |s| s.start);
            at(text, offset, f.message)
        })
        .collect();
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// The text of a new workbook file: the header comment, then the TOML, laid out as
/// `taplo fmt` would lay it out.
pub fn to_text(wb: &Workbook) -> Result<String, toml::ser::Error> {
    fresh::to_text(HEADER, wb)
}

/// The same text as `to_text`, made the slow way: a `toml_edit` document built from
/// the model and laid out. Kept to check `to_text` against.
#[doc(hidden)]
pub fn to_text_via_document(wb: &Workbook) -> Result<String, toml_edit::ser::Error> {
    let mut doc = edit::to_document(wb)?;
    edit::lay_out(&mut doc);
    Ok(format!("{HEADER}{doc}"))
}

/// The text of `wb` written over `doc`, the document as last read or written: only
/// what changed is changed, so comments and layout stay.
pub fn text_over(doc: &mut DocumentMut, wb: &Workbook) -> Result<String, toml_edit::ser::Error> {
    let new = edit::to_document(wb)?;
    edit::merge(doc, &new);
    Ok(doc.to_string())
}

/// Why a workbook's text could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("the workbook as read is no longer TOML: {0}")]
    Document(#[from] toml_edit::TomlError),
    #[error("the workbook cannot be written as TOML: {0}")]
    Serialize(#[from] toml_edit::ser::Error),
}

/// Brings `text`, which holds `last`, up to `now`, and `last` with it: only what
/// changed between the two is written. An item edited, added or removed in a list is
/// rewritten in its own piece of the text (`layout` says where the pieces are, and is
/// kept from save to save); anything else is merged into the whole document.
pub fn text_over_changes(
    text: &mut String,
    layout: &mut Option<splice::Layout>,
    last: &mut Workbook,
    now: &Workbook,
) -> Result<Rewrite, EditError> {
    if *last == *now {
        return Ok(Rewrite::Nothing);
    }
    if layout.is_none() {
        *layout = splice::Layout::of(text);
    }
    if let Some(pieces) = layout {
        splice::apply(text, pieces, last, now)?;
    }
    if *last != *now {
        let mut doc = document(text)?;
        edit::merge_changes(&mut doc, last, now)?;
        if *last != *now {
            // A part of the workbook the narrow merge does not know: merged whole,
            // so that no edit is ever left unsaved.
            edit::merge(&mut doc, &edit::to_document(now)?);
            last.clone_from(now);
        }
        *text = doc.to_string();
        *layout = None;
        return Ok(Rewrite::Whole);
    }
    Ok(Rewrite::Pieces)
}

/// How much of a workbook's text a save rewrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rewrite {
    /// Nothing changed.
    Nothing,
    /// Only the pieces of the items that changed.
    Pieces,
    /// The whole document was merged and written out again.
    Whole,
}

/// Parses text planbook read or wrote into a document to edit.
pub fn document(text: &str) -> Result<DocumentMut, toml_edit::TomlError> {
    text.parse::<DocumentMut>()
}

/// Why a save failed. The reason comes first: it is what a person needs, and it
/// survives a narrow screen.
#[derive(Debug, thiserror::Error)]
#[error("{message} (writing {})", .path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
}

/// Saves atomically: a temporary file in the same folder, synced, then renamed over
/// the workbook, so a crash leaves the old file or the new one, never a torn one.
/// Returns the fingerprint of what was written.
pub fn save(path: &Path, wb: &Workbook) -> Result<u64, SaveError> {
    let text = to_text(wb).map_err(|e| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes())?;
    Ok(fingerprint(text.as_bytes()))
}

/// Writes `bytes` to `path` atomically (temporary file, sync, rename), creating the
/// folder if needed. Only regular files are replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |e: std::io::Error| SaveError {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
    {
        return Err(SaveError {
            path: path.to_path_buf(),
            message: "it is not a regular file; planbook only replaces regular files".into(),
        });
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.commit().map_err(fail)
}

/// Writes a workbook's text into any writer, such as a file on a full disk.
pub fn write_to(w: &mut impl Write, wb: &Workbook) -> std::io::Result<()> {
    let text = to_text(wb).map_err(std::io::Error::other)?;
    w.write_all(text.as_bytes())?;
    w.flush()
}

/// The lock that makes one planbook the only writer of a workbook: an OS file lock
/// on a sibling `.NAME.lock` file (the workbook itself is replaced on every save, so
/// a lock on it would protect nothing). The OS drops the lock when the process ends,
/// however it ends, so a lock left by a dead process never blocks anyone.
#[derive(Debug)]
pub struct Lock {
    file: File,
    pub path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it; its pid if it wrote one.
    #[error("another planbook{} has this workbook open", .pid.map_or_else(String::new, |p| format!(" (process {p})")))]
    Held { pid: Option<u32> },
    #[error("cannot lock the workbook: {0}")]
    Io(#[source] std::io::Error),
}

/// The lock file of a workbook.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "workbook".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.lock"))
}

/// Removes the temporary files of saves that were killed before they finished: an
/// atomic save writes `.NAME.XXXXXX` (six letters or digits) beside `NAME` and renames
/// it over `NAME` at the end. `names` are the files planbook writes beside the
/// workbook. Only the holder of the workbook's lock calls this, so no save of another
/// planbook is under way; and only files last written before `taken` (when the lock
/// was taken) go: a file written since is not what a killed save left, but a save
/// under way of something that does not take the lock. Returns how many were removed.
pub fn remove_leftovers(dir: &Path, names: &[String], taken: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let leftover = names.iter().any(|name| {
            file_name
                .strip_prefix('.')
                .and_then(|rest| rest.strip_prefix(name.as_str()))
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|tail| {
                    tail.len() == 6 && tail.bytes().all(|b| b.is_ascii_alphanumeric())
                })
        });
        if leftover
            && entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| t < taken))
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

impl Lock {
    /// When the lock was taken, by the clock of the file system that holds it: the
    /// lock file is written once, when it is taken.
    pub fn taken(&self) -> Option<SystemTime> {
        self.file.metadata().and_then(|m| m.modified()).ok()
    }

    /// Takes the workbook's lock, or says who holds it.
    pub fn acquire(path: &Path) -> Result<Self, LockError> {
        let lock = lock_path(path);
        if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(LockError::Io)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {
                // Say who holds it, for the message a second planbook shows: always
                // the same width, so the file never needs truncating (which is slow).
                let _ = file.seek(std::io::SeekFrom::Start(0));
                // One write, not one per padding space.
                let _ = file.write_all(format!("{:<12}", std::process::id()).as_bytes());
                Ok(Self { file, path: lock })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                Err(LockError::Held {
                    pid: text.trim().parse().ok(),
                })
            }
            Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn template_round_trips() {
        let wb = Workbook::template();
        let text = to_text(&wb).unwrap();
        assert!(text.starts_with("# planbook workbook"));
        let back = parse(Path::new("t.toml"), &text).unwrap();
        assert_eq!(back.workbook, wb);
        assert!(back.warnings.is_empty());
        // Deterministic: the same workbook always gives the same text.
        assert_eq!(to_text(&back.workbook).unwrap(), text);
    }

    #[test]
    fn planned_months_round_trip_by_both_writers() {
        const PLANNED: &str = "[baseline.metrics.planned]\n3 = 40\n5 = 32.5\n";
        let mut wb = Workbook::template();
        let m = &mut wb.baseline[0].metrics[0];
        m.planned.insert(3, 40.0);
        m.planned.insert(5, 32.5);
        let text = to_text(&wb).unwrap();
        assert!(text.contains(PLANNED), "{text}");
        let back = parse(Path::new("t.toml"), &text).unwrap();
        assert_eq!(back.workbook, wb);
        // A save that adds a planned month to a file writes it the same way.
        let mut text = to_text(&Workbook::template()).unwrap();
        let (mut layout, mut last) = (None, Workbook::template());
        text_over_changes(&mut text, &mut layout, &mut last, &wb).unwrap();
        assert!(text.contains(PLANNED), "{text}");
        assert_eq!(parse(Path::new("t.toml"), &text).unwrap().workbook, wb);
    }

    #[test]
    fn a_month_planned_after_the_plan_is_a_problem_at_its_line() {
        let mut wb = Workbook::template();
        wb.baseline[0].metrics[1].planned.insert(9, 40.0);
        let text = to_text(&wb).unwrap();
        let e = parse(Path::new("w.toml"), &text).unwrap_err();
        let line = text
            .lines()
            .position(|l| l == "[baseline.metrics.planned]")
            .unwrap()
            + 1;
        let msg = e.to_string();
        assert!(
            msg.contains(&format!("w.toml:{line}:"))
                && msg.contains("plans a value for month 9; the plan's months run from 1 to 6"),
            "{msg}"
        );
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let text = "format = 1\n[plan\nteam = 'x'\n";
        let e = parse(Path::new("w.toml"), text).unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("w.toml:2:"), "{msg}");
    }

    #[test]
    fn wrong_shape_names_line_and_column() {
        let mut text = to_text(&Workbook::template()).unwrap();
        text = text.replacen("done = false", "done = \"maybe\"", 1);
        let e = parse(Path::new("w.toml"), &text).unwrap_err();
        let msg = e.to_string();
        let line = text.lines().position(|l| l.contains("\"maybe\"")).unwrap() + 1;
        assert!(msg.starts_with(&format!("w.toml:{line}:")), "{msg}");
        assert!(msg.contains("bool") || msg.contains("boolean"), "{msg}");
    }

    #[test]
    fn future_format_is_refused() {
        let text = to_text(&Workbook::template())
            .unwrap()
            .replacen("format = 4", "format = 7", 1);
        let msg = parse(Path::new("w.toml"), &text).unwrap_err().to_string();
        assert!(msg.contains("format = 7") && msg.contains("newer"), "{msg}");
    }

    #[test]
    fn missing_format_is_refused() {
        let msg = parse(Path::new("w.toml"), "team = 'x'\n")
            .unwrap_err()
            .to_string();
        assert!(msg.contains("format = 4"), "{msg}");
    }

    #[test]
    fn every_problem_is_listed_with_its_place() {
        let mut wb = Workbook::template();
        let id = wb.roadmap.milestones[0].id.clone();
        wb.roadmap.milestones[1].id.clone_from(&id);
        wb.roadmap.tracks[0].activities[0].month = 99;
        wb.maturity[0].questions[0].levels = vec![0, 5];
        let text = to_text(&wb).unwrap();
        let e = parse(Path::new("w.toml"), &text).unwrap_err();
        let LoadErrorKind::Invalid(problems) = &e.kind else {
            panic!("{e}");
        };
        assert_eq!(problems.len(), 3, "{e}");
        let second = text
            .match_indices(&format!("id = \"{id}\""))
            .nth(1)
            .unwrap()
            .0;
        let (line, _) = line_col(&text, second);
        assert!(
            problems
                .iter()
                .any(|p| p.line == line && p.message.contains(&id)),
            "{e}"
        );
        assert!(e.to_string().contains("3 problems found"));
    }

    #[test]
    fn unknown_keys_are_kept_and_named() {
        let text = to_text(&Workbook::template()).unwrap().replacen(
            "team = \"\"",
            "team = \"\"\ncolour = \"teal\"",
            1,
        );
        let loaded = parse(Path::new("w.toml"), &text).unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        let line = text.lines().position(|l| l.starts_with("colour")).unwrap() + 1;
        assert!(
            loaded.warnings[0].starts_with(&format!("w.toml:{line}:1: unknown key `plan.colour`")),
            "{:?}",
            loaded.warnings
        );
        // Saved again, the key is still there.
        let again = to_text(&loaded.workbook).unwrap();
        assert!(again.contains("colour = \"teal\""));
    }

    #[test]
    fn save_then_load_and_no_temp_files_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/plan.toml");
        let mut wb = Workbook::template();
        wb.plan.team = "Platform \"Ops\"\nnight shift".into();
        let written = save(&path, &wb).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.workbook, wb);
        assert_eq!(loaded.fingerprint, written);
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("plan.toml")]);
    }

    #[test]
    fn invalid_utf8_is_reported_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, b"format = 1\nteam = \"\xff\"\n").unwrap();
        let msg = load(&path).unwrap_err().to_string();
        assert!(msg.contains(":2:9:") && msg.contains("UTF-8"), "{msg}");
    }

    #[test]
    fn devices_are_not_read_or_replaced() {
        let msg = load(Path::new("/dev/zero")).unwrap_err().to_string();
        assert!(msg.contains("not a regular file"), "{msg}");
        let e = write_atomic(Path::new("/dev/full"), b"x").unwrap_err();
        assert!(e.message.contains("not a regular file"), "{e}");
    }

    #[test]
    fn a_full_disk_fails_the_write_with_its_reason() {
        let mut full = OpenOptions::new().write(true).open("/dev/full").unwrap();
        let e = write_to(&mut full, &Workbook::template()).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
    }

    #[test]
    fn one_lock_holder_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let first = Lock::acquire(&path).unwrap();
        match Lock::acquire(&path) {
            Err(LockError::Held { pid }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        let msg = Lock::acquire(&path).unwrap_err().to_string();
        assert!(msg.contains("another planbook (process"), "{msg}");
        drop(first);
        assert!(
            Lock::acquire(&path).is_ok(),
            "released when the holder ends"
        );
    }
}

//! One editing session of a workbook file: the lock that makes this planbook its only
//! writer, the backup before the first save, and noticing when the file changed on
//! disk so another editor's work is never overwritten silently.

use std::path::{Path, PathBuf};

use crate::model::Workbook;
use crate::store::{self, Loaded, Lock, LockError};

/// Why a session could not open, save or resolve a conflict.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Load(#[from] store::LoadError),
    #[error(transparent)]
    Save(#[from] store::SaveError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("the workbook as read is no longer TOML: {0}")]
    Document(#[from] toml_edit::TomlError),
    #[error("the workbook cannot be written as TOML: {0}")]
    Serialize(#[from] toml_edit::ser::Error),
    #[error(transparent)]
    Edit(#[from] store::EditError),
    #[error("the workbook cannot be written as TOML: {0}")]
    Write(#[from] toml::ser::Error),
    #[error("read-only: {0}")]
    ReadOnly(String),
    #[error("{0}; the backup comes before the save")]
    Backup(#[source] store::SaveError),
    #[error("the file changed again; try once more")]
    ChangedAgain,
    #[error("their version does not open, so yours stays: {0}")]
    TheirsDoNotOpen(#[source] store::LoadError),
    #[error("{}: the file changed while it was being upgraded; open it again", .0.display())]
    ChangedDuringUpgrade(PathBuf),
    #[error("{}: cannot upgrade the workbook to format {}: {why}; the file is unchanged", .path.display(), crate::model::FORMAT)]
    Upgrade {
        path: PathBuf,
        #[source]
        why: Box<SessionError>,
    },
}

/// How a save went.
#[derive(Debug)]
pub enum SaveOutcome {
    Saved,
    /// The file changed on disk since it was loaded or saved: nothing was written.
    Conflict,
    /// Nothing was written, for this reason; the edits are still in memory.
    Failed(SessionError),
}

impl PartialEq for SaveOutcome {
    /// Outcomes are equal when they say the same.
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Saved, Self::Saved) | (Self::Conflict, Self::Conflict) => true,
            (Self::Failed(a), Self::Failed(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }
}

/// An open workbook file.
#[derive(Debug)]
pub struct Session {
    pub path: PathBuf,
    /// Fingerprint of the file as last read or written; `None` before it exists.
    fingerprint: Option<u64>,
    /// The text of the file as last read, brought up to date by each save (also when
    /// writing it failed): saves edit it in place.
    text: String,
    /// Where the lists' items stand in `text`, found at the first save and kept.
    layout: Option<store::splice::Layout>,
    /// The workbook `text` holds, when known: a save then serializes only what
    /// changed since. Unknown (a file just upgraded), a save merges everything.
    last: Option<Workbook>,
    backed_up: bool,
    /// Held for the whole session; the OS releases it when the process ends.
    lock: Option<Lock>,
    /// Why this session may not write, if it may not.
    pub read_only: Option<String>,
    /// What opening left for `settle`, until it runs.
    unsettled: Option<Unsettled>,
}

/// What opening a workbook leaves until its first frame is on screen.
#[derive(Debug, Clone, Copy)]
struct Unsettled {
    /// Remove what killed saves left behind (this session holds the lock).
    leftovers: bool,
    /// Keep a copy of the workbook as loaded, for the first save to compare with.
    keep_last: bool,
}

/// A file beside the workbook: `plan.toml` with `theirs` gives `plan.theirs.toml`.
pub fn sibling(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "workbook".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map_or_else(|| "toml".into(), |e| e.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.{tag}.{ext}"))
}

/// The backup kept before the first save of a session.
pub fn backup_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "workbook.toml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    path.with_file_name(format!("{name}.bak"))
}

impl Session {
    /// Opens the workbook at `path`, creating it from the template if there is no file.
    /// A workbook another planbook holds opens read-only. A file that does not load is
    /// an error, and is left untouched.
    pub fn open(path: &Path) -> Result<(Self, Loaded), SessionError> {
        Self::open_with(path, None)
    }

    /// Opens as `open` does, from the parsed copy kept in `cache` (a folder) when it
    /// holds exactly the text on disk.
    pub fn open_with(path: &Path, cache: Option<&Path>) -> Result<(Self, Loaded), SessionError> {
        let (mut session, loaded) = Self::open_unsettled(path, cache)?;
        session.settle(&loaded.workbook);
        Ok((session, loaded))
    }

    /// Opens as `open_with` does, but leaves for `settle` what a first frame need not
    /// wait for: removing leftovers of killed saves, and copying the model for the
    /// first save (together about 0.2 ms of a start). A save before `settle` still
    /// removes the leftovers first, and writes correctly without the copy.
    pub fn open_unsettled(
        path: &Path,
        cache: Option<&Path>,
    ) -> Result<(Self, Loaded), SessionError> {
        let (lock, read_only) = match Lock::acquire(path) {
            Ok(lock) => (Some(lock), None),
            Err(e @ LockError::Held { .. }) => (None, Some(e.to_string())),
            // No lock can be made (a read-only folder, say): saving will say why.
            Err(LockError::Io(_)) => (None, None),
        };
        let mut session = Self {
            path: path.to_path_buf(),
            fingerprint: None,
            text: String::new(),
            layout: None,
            last: None,
            backed_up: false,
            lock,
            read_only,
            unsettled: None,
        };
        if path.exists() {
            let mut loaded = match store::load_with(path, cache) {
                Ok(loaded) => loaded,
                Err(e) => {
                    // Leave nothing behind beside a file that does not open.
                    if session.lock.is_some() {
                        session.remove_leftovers();
                    }
                    if let Some(lock) = session.lock.take() {
                        let lock_file = lock.path.clone();
                        drop(lock);
                        let _ = std::fs::remove_file(lock_file);
                    }
                    return Err(e.into());
                }
            };
            session.fingerprint = Some(loaded.fingerprint);
            // One copy of the text is enough: the session keeps it.
            session.text = std::mem::take(&mut loaded.text);
            session.unsettled = Some(Unsettled {
                // The only writer now: what killed saves left behind can go.
                leftovers: session.lock.is_some(),
                // An upgraded workbook is not what the text holds: its first save
                // merges everything.
                keep_last: loaded.upgrade.is_none(),
            });
            if let Some(up) = &loaded.upgrade
                && session.read_only.is_none()
            {
                session.write_upgrade(up.from, &loaded.workbook)?;
            }
            Ok((session, loaded))
        } else {
            if session.lock.is_some() {
                session.remove_leftovers();
            }
            let workbook = Workbook::template();
            let text = store::to_text(&workbook)?;
            if session.read_only.is_none() {
                store::write_atomic(path, text.as_bytes())?;
                session.fingerprint = Some(store::fingerprint(text.as_bytes()));
                // A new file has no earlier version to back up.
                session.backed_up = true;
            }
            session.text = text;
            session.last = Some(workbook.clone());
            let fingerprint = session.fingerprint.unwrap_or(0);
            Ok((
                session,
                Loaded {
                    workbook,
                    warnings: Vec::new(),
                    fingerprint,
                    text: String::new(),
                    upgrade: None,
                },
            ))
        }
    }

    /// Finishes opening: removes what killed saves left behind (this session being the
    /// only writer), and keeps `wb`, the workbook as loaded and not yet changed, for the
    /// first save to compare with. The app calls it once its first frame is drawn;
    /// later calls do nothing.
    pub fn settle(&mut self, wb: &Workbook) {
        let Some(unsettled) = self.unsettled.take() else {
            return;
        };
        if unsettled.leftovers {
            self.remove_leftovers();
        }
        if unsettled.keep_last && self.last.is_none() {
            self.last = Some(wb.clone());
        }
    }

    /// Writes a workbook upgraded from format `from`, after keeping the original as
    /// `NAME.vN.bak` (an original kept by an earlier try stays as it was).
    fn write_upgrade(&mut self, from: u32, wb: &Workbook) -> Result<(), SessionError> {
        let original = crate::store::migrate::original_path(&self.path, from);
        if !original.exists() {
            store::write_atomic(&original, self.text.as_bytes())?;
        }
        // The original is kept: no second backup is needed.
        self.backed_up = true;
        match self.save(wb) {
            SaveOutcome::Saved => Ok(()),
            SaveOutcome::Conflict => Err(SessionError::ChangedDuringUpgrade(self.path.clone())),
            SaveOutcome::Failed(e) => Err(SessionError::Upgrade {
                path: self.path.clone(),
                why: Box::new(e),
            }),
        }
    }

    /// The fingerprint of the file on disk now, if there is one.
    fn on_disk(&self) -> Result<Option<(u64, Vec<u8>)>, SessionError> {
        if !self.path.exists() {
            return Ok(None);
        }
        let bytes = store::read_capped(&self.path)?;
        Ok(Some((store::fingerprint(&bytes), bytes)))
    }

    /// Saves `wb`, unless the file changed on disk since this session last read or
    /// wrote it. Before the first save, the previous version is kept as `NAME.bak`.
    pub fn save(&mut self, wb: &Workbook) -> SaveOutcome {
        if let Some(why) = &self.read_only {
            return SaveOutcome::Failed(SessionError::ReadOnly(why.clone()));
        }
        // Saved before `settle`: the leftovers go first; without the copy of what was
        // loaded, everything is merged.
        if let Some(unsettled) = self.unsettled.take()
            && unsettled.leftovers
        {
            self.remove_leftovers();
        }
        let disk = match self.on_disk() {
            Ok(disk) => disk,
            Err(e) => return SaveOutcome::Failed(e),
        };
        if let (Some((now, _)), Some(known)) = (&disk, self.fingerprint)
            && *now != known
        {
            return SaveOutcome::Conflict;
        }
        if let Err(e) = self.bring_up_to(wb) {
            return SaveOutcome::Failed(e);
        }
        if disk
            .as_ref()
            .is_some_and(|(_, bytes)| bytes.as_slice() == self.text.as_bytes())
        {
            // Nothing changed: the file stays byte for byte as it is.
            return SaveOutcome::Saved;
        }
        if !self.backed_up
            && let Some((_, bytes)) = &disk
        {
            if let Err(e) = store::write_atomic(&backup_path(&self.path), bytes) {
                return SaveOutcome::Failed(SessionError::Backup(e));
            }
            self.backed_up = true;
        }
        match store::write_atomic(&self.path, self.text.as_bytes()) {
            Ok(()) => {
                self.fingerprint = Some(store::fingerprint(self.text.as_bytes()));
                SaveOutcome::Saved
            }
            Err(e) => SaveOutcome::Failed(e.into()),
        }
    }

    /// Brings the text up to `wb`: only what changed is changed. The text and `last`
    /// hold `wb` from here on, whatever becomes of the write.
    fn bring_up_to(&mut self, wb: &Workbook) -> Result<(), SessionError> {
        if let Some(last) = &mut self.last {
            store::text_over_changes(&mut self.text, &mut self.layout, last, wb)?;
        } else {
            let mut doc = store::document(&self.text)?;
            self.text = store::text_over(&mut doc, wb)?;
            self.layout = None;
            self.last = Some(wb.clone());
        }
        Ok(())
    }

    /// The files planbook writes beside the workbook, whose killed saves may have
    /// left temporary files.
    fn remove_leftovers(&self) -> usize {
        let Some(taken) = self.lock.as_ref().and_then(store::Lock::taken) else {
            return 0;
        };
        let Some(name) = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            return 0;
        };
        let file = |p: PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned());
        let names: Vec<String> = [
            Some(name),
            file(backup_path(&self.path)),
            file(sibling(&self.path, "theirs")),
            file(sibling(&self.path, "mine")),
            file(crate::store::migrate::original_path(&self.path, 1)),
            file(crate::store::migrate::original_path(&self.path, 2)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let dir = self
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        store::remove_leftovers(dir, &names, taken)
    }

    /// Resolves a conflict by keeping this session's workbook: the version on disk is
    /// kept beside it as `NAME.theirs.toml`. Returns where theirs went.
    pub fn keep_mine(&mut self, wb: &Workbook) -> Result<PathBuf, SessionError> {
        let theirs = sibling(&self.path, "theirs");
        if let Some((now, bytes)) = self.on_disk()? {
            store::write_atomic(&theirs, &bytes)?;
            self.fingerprint = Some(now);
        }
        match self.save(wb) {
            SaveOutcome::Saved => Ok(theirs),
            SaveOutcome::Conflict => Err(SessionError::ChangedAgain),
            SaveOutcome::Failed(e) => Err(e),
        }
    }

    /// Resolves a conflict by taking the version on disk: this session's workbook is
    /// kept beside it as `NAME.mine.toml`. Returns the loaded file and where ours went.
    pub fn take_theirs(&mut self, mine: &Workbook) -> Result<(Loaded, PathBuf), SessionError> {
        let mine_path = sibling(&self.path, "mine");
        self.bring_up_to(mine)?;
        store::write_atomic(&mine_path, self.text.as_bytes())?;
        let mut loaded = store::load(&self.path).map_err(SessionError::TheirsDoNotOpen)?;
        self.fingerprint = Some(loaded.fingerprint);
        self.text = std::mem::take(&mut loaded.text);
        self.layout = None;
        self.last = Some(loaded.workbook.clone());
        Ok((loaded, mine_path))
    }

    /// Saves to another file and carries on editing that one.
    pub fn save_as(&mut self, path: &Path, wb: &Workbook) -> Result<(), SessionError> {
        let lock = match Lock::acquire(path) {
            Ok(lock) => Some(lock),
            Err(e @ LockError::Held { .. }) => return Err(e.into()),
            Err(LockError::Io(_)) => None,
        };
        // The copy keeps this file's comments and layout.
        self.bring_up_to(wb)?;
        store::write_atomic(path, self.text.as_bytes())?;
        *self = Self {
            path: path.to_path_buf(),
            fingerprint: Some(store::fingerprint(self.text.as_bytes())),
            text: std::mem::take(&mut self.text),
            layout: self.layout.take(),
            last: self.last.take(),
            backed_up: true,
            lock,
            read_only: None,
            unsettled: None,
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_opening_leaves_for_settle_is_done_by_settle_or_the_first_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        // A comment of the team's: a save that merged everything would keep it too,
        // but only the copy kept by `settle` makes a save touch nothing else.
        let text = store::to_text(&Workbook::template()).unwrap().replacen(
            "team = \"\"",
            "team = \"\" # named at the kick-off",
            1,
        );
        std::fs::write(&path, &text).unwrap();
        let leftover = dir.path().join(".plan.toml.Ab12Cd");
        for (settle_first, name) in [(true, "Settled"), (false, "Unsettled")] {
            write_before_now(&leftover, "half a save");
            let (mut s, loaded) = Session::open_unsettled(&path, None).unwrap();
            assert!(leftover.exists(), "left until the first frame is drawn");
            assert!(s.last.is_none());
            if settle_first {
                s.settle(&loaded.workbook);
                assert!(!leftover.exists());
                assert_eq!(s.last.as_ref(), Some(&loaded.workbook));
            }
            let mut wb = loaded.workbook;
            wb.plan.team = name.into();
            assert_eq!(s.save(&wb), SaveOutcome::Saved);
            assert!(!leftover.exists(), "a save removes them first");
            let saved = std::fs::read_to_string(&path).unwrap();
            assert!(
                saved.contains(&format!("team = \"{name}\" # named at the kick-off")),
                "{saved}"
            );
            assert_eq!(store::load(&path).unwrap().workbook, wb);
            drop(s);
        }
    }

    /// Writes a file as a save killed a minute ago would have left it.
    fn write_before_now(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
        let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(minute_ago)
            .unwrap();
    }

    #[test]
    fn a_temporary_file_written_after_the_lock_is_taken_is_not_a_leftover() {
        // Something that does not take the lock (a script using the library) may be
        // saving beside the workbook: its temporary file is newer than the lock.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        store::save(&path, &Workbook::template()).unwrap();
        let old = dir.path().join(".plan.toml.Old123");
        write_before_now(&old, "half a save");
        let (mut s, loaded) = Session::open_unsettled(&path, None).unwrap();
        let new = dir.path().join(".plan.toml.New456");
        std::fs::write(&new, "a save under way").unwrap();
        s.settle(&loaded.workbook);
        assert!(!old.exists(), "left by a killed save, so removed");
        assert!(new.exists(), "written after the lock was taken, so kept");
    }

    #[test]
    fn first_save_keeps_a_backup_of_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let mut wb = Workbook::template();
        wb.plan.team = "Before".into();
        store::save(&path, &wb).unwrap();
        let before = std::fs::read(&path).unwrap();
        let (mut s, loaded) = Session::open(&path).unwrap();
        let mut wb = loaded.workbook;
        wb.plan.team = "After".into();
        assert_eq!(s.save(&wb), SaveOutcome::Saved);
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), before);
        wb.plan.team = "Later".into();
        assert_eq!(s.save(&wb), SaveOutcome::Saved);
        assert_eq!(
            std::fs::read(backup_path(&path)).unwrap(),
            before,
            "only the first save"
        );
    }

    #[test]
    fn a_change_on_disk_is_never_overwritten_silently() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let (mut s, loaded) = Session::open(&path).unwrap();
        let mut mine = loaded.workbook;
        mine.plan.team = "Mine".into();
        let mut theirs = mine.clone();
        theirs.plan.team = "Theirs".into();
        store::save(&path, &theirs).unwrap();
        assert_eq!(s.save(&mine), SaveOutcome::Conflict);
        assert_eq!(store::load(&path).unwrap().workbook.plan.team, "Theirs");

        let kept = s.keep_mine(&mine).unwrap();
        assert_eq!(store::load(&path).unwrap().workbook.plan.team, "Mine");
        assert_eq!(store::load(&kept).unwrap().workbook.plan.team, "Theirs");
        assert_eq!(kept, dir.path().join("plan.theirs.toml"));

        store::save(&path, &theirs).unwrap();
        assert_eq!(s.save(&mine), SaveOutcome::Conflict);
        let (loaded, mine_path) = s.take_theirs(&mine).unwrap();
        assert_eq!(loaded.workbook.plan.team, "Theirs");
        assert_eq!(store::load(&mine_path).unwrap().workbook.plan.team, "Mine");
        assert_eq!(
            s.save(&loaded.workbook),
            SaveOutcome::Saved,
            "in step again"
        );
    }

    #[test]
    fn a_second_session_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let (_first, _) = Session::open(&path).unwrap();
        let (mut second, loaded) = Session::open(&path).unwrap();
        let why = second.read_only.clone().unwrap();
        assert!(why.contains("another planbook (process"), "{why}");
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(
            second.save(&loaded.workbook),
            SaveOutcome::Failed(_)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_failed_save_says_why_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // The folder cannot be made: a file stands where it would be.
        std::fs::write(dir.path().join("blocker"), "x").unwrap();
        let path = dir.path().join("blocker/plan.toml");
        assert!(Session::open(&path).is_err());
        let ok = dir.path().join("plan.toml");
        let (mut s, loaded) = Session::open(&ok).unwrap();
        s.path = path;
        let SaveOutcome::Failed(why) = s.save(&loaded.workbook) else {
            panic!("the save cannot succeed");
        };
        assert!(why.to_string().contains("blocker"), "{why}");
    }

    #[test]
    fn edits_of_a_failed_save_reach_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("plan.toml");
        let (mut s, loaded) = Session::open(&ok).unwrap();
        std::fs::write(dir.path().join("blocker"), "x").unwrap();
        s.path = dir.path().join("blocker/plan.toml");
        let mut wb = loaded.workbook;
        wb.plan.team = "Night shift".into();
        assert!(matches!(s.save(&wb), SaveOutcome::Failed(_)));
        let rescued = dir.path().join("rescued.toml");
        s.save_as(&rescued, &wb).unwrap();
        assert_eq!(
            store::load(&rescued).unwrap().workbook.plan.team,
            "Night shift"
        );
    }

    #[test]
    fn save_as_moves_the_session() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, loaded) = Session::open(&dir.path().join("a.toml")).unwrap();
        let b = dir.path().join("elsewhere/b.toml");
        s.save_as(&b, &loaded.workbook).unwrap();
        assert_eq!(s.path, b);
        assert_eq!(s.save(&loaded.workbook), SaveOutcome::Saved);
        assert!(b.exists());
    }
}

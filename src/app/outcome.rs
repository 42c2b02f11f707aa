//! What the run loop's IO came to, fed back into the app: every change of state that
//! follows a save, an export, a save-as or a conflict happens here, not in main, so
//! the quit, conflict and save-as flows are tested without a terminal.

use std::path::{Path, PathBuf};

use super::{App, Effect, Prompt, SaveState, Screen};
use crate::model::Workbook;
use crate::report::Format;

/// The result of performing an effect.
#[derive(Debug)]
pub enum Outcome {
    /// The workbook was saved (or was already as on disk). `quitting` when the save
    /// was the one before leaving.
    Saved { quitting: bool },
    /// Nothing was written, for this reason; the edits are still in memory.
    SaveFailed { why: String, quitting: bool },
    /// The file changed on disk since it was read: nothing was written.
    Conflict,
    /// Reports were written to `written`; those of `failed` could not be, for the
    /// reason given.
    Exported {
        written: Vec<PathBuf>,
        failed: Vec<(Format, String)>,
    },
    /// The workbook was saved to `to`, which planbook now edits.
    SavedAs { to: PathBuf },
    /// Saving to `to` failed, for this reason.
    SaveAsFailed { to: PathBuf, why: String },
    /// The conflict was settled by keeping this workbook; theirs went to `theirs`.
    KeptMine { theirs: PathBuf },
    /// The version on disk was loaded; this session's went to `mine`.
    Reloaded {
        workbook: Box<Workbook>,
        mine: PathBuf,
    },
    /// The version on disk could not be taken, for this reason; the conflict stays.
    ReloadFailed(String),
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// What an export wrote, every file by name, and what it could not write:
/// `Reports written in /home/dana: ops-report.md, ops-report.json`.
fn exported(written: &[PathBuf], failed: &[(Format, String)]) -> String {
    let mut parts = Vec::new();
    if let Some(first) = written.first() {
        let dir = first
            .parent()
            .map_or_else(String::new, |d| d.display().to_string());
        let names: Vec<String> = written.iter().map(|p| file_name(p)).collect();
        parts.push(format!(
            "{} written in {dir}: {}",
            if written.len() == 1 {
                "Report"
            } else {
                "Reports"
            },
            names.join(", ")
        ));
    }
    for (format, why) in failed {
        parts.push(format!("! {} report not written: {why}", format.name()));
    }
    parts.join(" · ")
}

/// Applies what the IO came to. Returns `Effect::Leave` when planbook should leave.
pub fn settle(app: &mut App, outcome: Outcome) -> Option<Effect> {
    match outcome {
        Outcome::Saved { quitting } => {
            app.save_state = SaveState::Saved;
            if quitting {
                return Some(Effect::Leave);
            }
        }
        Outcome::SaveFailed { why, quitting } => {
            app.save_state = SaveState::Failed(why);
            // A failed save keeps planbook open with the error shown; a second quit in
            // a row leaves anyway, without saving.
            if quitting {
                if app.quit_armed {
                    return Some(Effect::Leave);
                }
                app.quit_armed = true;
            }
        }
        Outcome::Conflict => {
            app.save_state = SaveState::Unsaved;
            app.edit = None;
            app.prompt = Some(Prompt::Conflict);
        }
        Outcome::Exported { written, failed } => app.notice = Some(exported(&written, &failed)),
        Outcome::SavedAs { to } => {
            app.path = to.display().to_string();
            app.read_only = None;
            app.save_state = SaveState::Saved;
            let dir = to
                .parent()
                .map_or_else(String::new, |d| d.display().to_string());
            app.notice = Some(format!(
                "Saved; planbook now edits {} in {dir}",
                file_name(&to)
            ));
        }
        Outcome::SaveAsFailed { to, why } => {
            app.notice = Some(format!("! not saved to {}: {why}", to.display()));
        }
        Outcome::KeptMine { theirs } => {
            app.save_state = SaveState::Saved;
            app.notice = Some(format!("Kept yours; theirs is in {}", theirs.display()));
        }
        Outcome::Reloaded { workbook, mine } => {
            app.workbook = *workbook;
            // What was undone before was done to the other version.
            app.history.reset();
            app.save_state = SaveState::Saved;
            app.clamp_roadmap();
            for &s in Screen::ALL {
                let n = app.row_count(s);
                let c = &mut app.cursor[s.index()];
                *c = (*c).min(n.saturating_sub(1));
            }
            app.notice = Some(format!("Loaded theirs; yours is in {}", mine.display()));
        }
        Outcome::ReloadFailed(why) => {
            app.save_state = SaveState::Unsaved;
            app.edit = None;
            app.prompt = Some(Prompt::Conflict);
            app.notice = Some(format!("! {why}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};

    fn app() -> App {
        App::new(Workbook::template(), "2027-02-10".parse().unwrap())
    }

    #[test]
    fn quitting_after_a_good_save_leaves() {
        let mut a = app();
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(
            settle(&mut a, Outcome::Saved { quitting: true }),
            Some(Effect::Leave)
        );
    }

    #[test]
    fn a_failed_save_on_quit_stays_once_then_leaves() {
        let mut a = app();
        let failed = |quitting| Outcome::SaveFailed {
            why: "disk full".into(),
            quitting,
        };
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(settle(&mut a, failed(true)), None, "the first quit stays");
        assert!(a.quit_armed);
        assert_eq!(a.save_state, SaveState::Failed("disk full".into()));
        // Another key disarms it.
        update(&mut a, Action::Down);
        assert!(!a.quit_armed);
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(settle(&mut a, failed(true)), None);
        // A second quit in a row leaves without saving.
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(settle(&mut a, failed(true)), Some(Effect::Leave));
    }

    #[test]
    fn a_conflict_asks_and_keep_or_reload_settle_it() {
        let mut a = app();
        update(&mut a, Action::NextScreen);
        assert_eq!(update(&mut a, Action::Toggle), Some(Effect::Save));
        assert_eq!(settle(&mut a, Outcome::Conflict), None);
        assert_eq!(a.prompt, Some(Prompt::Conflict));
        // A quit does not leave while the conflict is open.
        assert_eq!(update(&mut a, Action::Quit), Some(Effect::Quit));
        assert_eq!(settle(&mut a, Outcome::Conflict), None);
        assert_eq!(update(&mut a, Action::KeepMine), Some(Effect::KeepMine));
        settle(
            &mut a,
            Outcome::KeptMine {
                theirs: "plan.theirs.toml".into(),
            },
        );
        assert_eq!(a.save_state, SaveState::Saved);
        assert!(
            a.notice
                .as_deref()
                .unwrap_or("")
                .contains("plan.theirs.toml")
        );

        let mut theirs = Workbook::template();
        theirs.plan.team = "Theirs".into();
        settle(&mut a, Outcome::Conflict);
        assert_eq!(update(&mut a, Action::TakeTheirs), Some(Effect::TakeTheirs));
        settle(
            &mut a,
            Outcome::Reloaded {
                workbook: Box::new(theirs),
                mine: "plan.mine.toml".into(),
            },
        );
        assert_eq!(a.workbook.plan.team, "Theirs");
        assert_eq!(a.save_state, SaveState::Saved);
    }

    #[test]
    fn save_as_moves_the_app_to_the_new_file() {
        let mut a = app();
        a.read_only = Some("another planbook has it".into());
        settle(
            &mut a,
            Outcome::SavedAs {
                to: "/tmp/rescued.toml".into(),
            },
        );
        assert_eq!(a.path, "/tmp/rescued.toml");
        assert_eq!(a.read_only, None);
        assert_eq!(
            a.notice.as_deref(),
            Some("Saved; planbook now edits rescued.toml in /tmp")
        );
        settle(
            &mut a,
            Outcome::SaveAsFailed {
                to: "/nope/x.toml".into(),
                why: "no such folder".into(),
            },
        );
        assert_eq!(
            a.notice.as_deref(),
            Some("! not saved to /nope/x.toml: no such folder")
        );
    }
}

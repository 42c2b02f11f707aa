//! What is personal to one user of a workbook, kept out of the shared file: where they
//! left off and the month whose check-in they skipped. It lives in the platform state
//! directory (`$XDG_STATE_HOME/planbook` on Linux), one small file per workbook, named
//! after the workbook's canonical path, so opening a workbook and quitting leaves the
//! workbook itself untouched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::PlanMonth;
use crate::model::month::optional;

/// Where the user left off in one workbook.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Resume {
    /// The workbook this is for (its canonical path), for a person reading the file.
    #[serde(default)]
    pub workbook: String,
    /// The screen's id, such as `maturity`.
    #[serde(default)]
    pub screen: String,
    /// Selected row per screen id, and the roadmap cursor (`roadmap_track`,
    /// `roadmap_month`, `roadmap_item`).
    #[serde(default)]
    pub items: BTreeMap<String, usize>,
    /// The month whose check-in the user skipped, so it is not offered again then.
    #[serde(default, with = "optional", skip_serializing_if = "Option::is_none")]
    pub checkin_skipped: Option<PlanMonth>,
}

/// The folder of planbook's state files: the platform state directory where there is
/// one (Linux, honouring `XDG_STATE_HOME`), else the local data directory.
pub fn dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "planbook")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .join("resume"),
    )
}

/// The folder of the parsed workbooks kept so that an unchanged one opens without
/// parsing (`store::cache`), beside `dir`, the resume folder.
pub fn cache_dir(dir: &Path) -> PathBuf {
    dir.with_file_name("cache")
}

/// FNV-1a: a hash that stays the same across builds and platforms, so a workbook
/// finds its state file again after planbook is updated.
pub(crate) fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The canonical form of a workbook's path: the same file always gives the same key.
fn canonical(workbook: &Path) -> PathBuf {
    std::fs::canonicalize(workbook).unwrap_or_else(|_| workbook.to_path_buf())
}

/// The file of a workbook in `dir` (its resume state or its parsed copy), ending in
/// `.ext`.
pub fn file_in(dir: &Path, workbook: &Path, ext: &str) -> PathBuf {
    let key = canonical(workbook);
    let name = key
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    // The name is for a person browsing the folder; the hash makes it unique.
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    let hash = stable_hash(key.as_os_str().as_encoded_bytes());
    dir.join(format!("{name}-{hash:016x}.{ext}"))
}

/// Where the user left off in `workbook`, or the start if nothing was kept (or what
/// was kept does not read: it is only a convenience). Kept as JSON, whose parser a
/// start has already loaded for the parsed copy of the workbook; a file kept as TOML
/// by an earlier planbook is still read (and replaced by the next save).
pub fn load_from(dir: &Path, workbook: &Path) -> Resume {
    if let Ok(text) = std::fs::read_to_string(file_in(dir, workbook, "json")) {
        return serde_json::from_str(&text).unwrap_or_default();
    }
    std::fs::read_to_string(file_in(dir, workbook, "toml"))
        .ok()
        .and_then(|text| toml::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps where the user left off in `workbook`.
pub fn save_to(dir: &Path, workbook: &Path, resume: &Resume) -> Result<(), String> {
    let mut resume = resume.clone();
    resume.workbook = canonical(workbook).display().to_string();
    let text = serde_json::to_string_pretty(&resume).map_err(|e| e.to_string())?;
    crate::store::write_atomic(&file_in(dir, workbook, "json"), text.as_bytes())
        .map_err(|e| e.to_string())?;
    // The earlier planbook's TOML file, if any, is replaced by this one.
    let _ = std::fs::remove_file(file_in(dir, workbook, "toml"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_per_workbook_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::fs::write(&a, "").unwrap();
        let mut r = Resume {
            screen: "maturity".into(),
            checkin_skipped: "2027-02".parse().ok(),
            ..Resume::default()
        };
        r.items.insert("maturity".into(), 3);
        save_to(&dir.path().join("state"), &a, &r).unwrap();
        let back = load_from(&dir.path().join("state"), &a);
        assert_eq!(
            (back.screen.as_str(), back.items.get("maturity")),
            ("maturity", Some(&3))
        );
        assert_eq!(back.checkin_skipped, r.checkin_skipped);
        assert_eq!(load_from(&dir.path().join("state"), &b), Resume::default());
        // The same file by another path is the same workbook.
        let other = dir.path().join(".").join("a.toml");
        assert_eq!(
            load_from(&dir.path().join("state"), &other).screen,
            "maturity"
        );
    }

    #[test]
    fn a_resume_file_kept_as_toml_by_an_earlier_planbook_is_read_then_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "").unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(&state).unwrap();
        let old = file_in(&state, &a, "toml");
        std::fs::write(
            &old,
            "# planbook: where you left off in a workbook. Safe to delete.\n\
             screen = \"roadmap\"\ncheckin_skipped = \"2027-03\"\n\n[items]\nroadmap_track = 2\n",
        )
        .unwrap();
        let back = load_from(&state, &a);
        assert_eq!(back.screen, "roadmap");
        assert_eq!(back.items.get("roadmap_track"), Some(&2));
        assert_eq!(back.checkin_skipped, "2027-03".parse().ok());
        save_to(&state, &a, &back).unwrap();
        assert!(!old.exists());
        let kept = std::fs::read_to_string(file_in(&state, &a, "json")).unwrap();
        assert!(kept.contains("\"screen\": \"roadmap\""), "{kept}");
        assert_eq!(load_from(&state, &a).items, back.items);
    }

    #[test]
    fn the_key_is_stable() {
        // FNV-1a of the path, as computed independently (Python, the published offset
        // basis and prime): the same across builds, so a state file is found again.
        assert_eq!(stable_hash(b"/home/dana/plan.toml"), 0xd545_98e0_3a8f_3640);
    }
}

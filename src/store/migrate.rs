//! Opening workbooks written in an older format: each change between formats is
//! applied on open, with nothing lost, and the original file is kept beside it.
//!
//! Format 1 to 2: the `[resume]` table (where the user left off) moves out of the
//! shared workbook into the user's state directory; unset dates and the start month
//! are left out instead of written `""`, and dates are written as TOML dates. Format 1
//! text reads as format 2 in every other respect.

use std::path::{Path, PathBuf};

use crate::model::{FORMAT, Workbook};
use crate::state::Resume;

/// What an upgrade did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    /// The format the file was in.
    pub from: u32,
    /// Where the user left off, as the old file kept it.
    pub resume: Option<Resume>,
}

/// Brings a workbook read from an older format up to this one, in memory. `None` when
/// it is already current.
pub fn upgrade(wb: &mut Workbook) -> Option<Upgrade> {
    if wb.format >= FORMAT {
        return None;
    }
    let from = wb.format;
    let resume = wb
        .extra
        .remove("resume")
        .and_then(|table| table.try_into::<Resume>().ok());
    wb.format = FORMAT;
    Some(Upgrade { from, resume })
}

/// Where the original of a workbook of format `from` is kept: `plan.toml.v1.bak`.
pub fn original_path(path: &Path, from: u32) -> PathBuf {
    let name = path.file_name().map_or_else(
        || "workbook.toml".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    path.with_file_name(format!("{name}.v{from}.bak"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_1_resume_moves_out() {
        let text = crate::model::TEMPLATE
            .replacen("format = 2", "format = 1", 1)
            .replacen(
                "[plan]",
                "[resume]\nscreen = \"maturity\"\ncheckin_skipped = \"2027-02\"\n\n[resume.items]\nmaturity = 4\n\n[plan]",
                1,
            );
        let mut wb: Workbook = toml::from_str(&text).unwrap();
        let up = upgrade(&mut wb).unwrap();
        assert_eq!(up.from, 1);
        let resume = up.resume.unwrap();
        assert_eq!(resume.screen, "maturity");
        assert_eq!(resume.items.get("maturity"), Some(&4));
        assert_eq!(resume.checkin_skipped, "2027-02".parse().ok());
        assert!(wb.extra.is_empty());
        assert_eq!(wb.format, FORMAT);
        assert_eq!(upgrade(&mut wb), None, "once");
    }
}

//! Reports to share: a Markdown assessment and plan, JSON with every score, CSVs of
//! milestones and of values over time, a Mermaid Gantt chart and an xlsx workbook.
//! Workbook text is escaped for each format. One file per format.

pub(crate) mod csv;
mod json;
pub(crate) mod markdown;
mod mermaid;
mod xlsx;

use std::str::FromStr;

use jiff::civil::Date;

use crate::model::{PlanMonth, Workbook};

pub use markdown::md;

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    Markdown,
    Json,
    Csv,
    /// Every metric's baseline and measurements and every health score per
    /// snapshot, one value per row.
    Metrics,
    Mermaid,
    /// A spreadsheet with a sheet each for the summary, milestones, metrics,
    /// maturity answers and readiness.
    Xlsx,
}

impl Format {
    pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The file name ending a report of this format gets beside the workbook.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Markdown => "-report.md",
            Self::Json => "-report.json",
            Self::Csv => "-milestones.csv",
            Self::Metrics => "-metrics.csv",
            Self::Mermaid => "-roadmap.mmd",
            Self::Xlsx => "-report.xlsx",
        }
    }

    /// This format alone, as a list of formats.
    pub fn alone(self) -> &'static [Self] {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        &Self::ALL[i..=i]
    }

    /// Whether the report is text (every format but xlsx).
    pub fn is_text(self) -> bool {
        self != Self::Xlsx
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|f| {
                f.name().eq_ignore_ascii_case(s.trim()) || (s == "md" && *f == Self::Markdown)
            })
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a report format: use markdown, json, csv (milestones), \
                     metrics (a CSV of every value over time), mermaid or xlsx"
                )
            })
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot write the JSON report: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot write the CSV report: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot write the CSV report: {0}")]
    CsvBuffer(String),
    #[error("cannot write the xlsx report: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the {0} report is not text")]
    NotText(&'static str),
}

/// The report of `wb` as of `today`, as the bytes of its file.
pub fn render_bytes(wb: &Workbook, format: Format, today: Date) -> Result<Vec<u8>, ReportError> {
    match format {
        Format::Xlsx => xlsx::xlsx(wb, today),
        _ => render(wb, format, today).map(String::into_bytes),
    }
}

/// The report of `wb` as of `today`, for a text format (all but xlsx).
pub fn render(wb: &Workbook, format: Format, today: Date) -> Result<String, ReportError> {
    match format {
        Format::Markdown => Ok(markdown::markdown(wb, today)),
        Format::Json => {
            let mut report = json::json_report(wb, today);
            json::for_programs(&mut report);
            Ok(serde_json::to_string_pretty(&report)?)
        }
        Format::Csv => csv::csv_report(wb, today),
        Format::Metrics => csv::metrics_csv(wb),
        Format::Mermaid => Ok(mermaid::mermaid(wb, today)),
        Format::Xlsx => Err(ReportError::NotText(format.name())),
    }
}

/// A maturity answer as the reports say it.
pub fn answer_word(answer: crate::model::Answer) -> &'static str {
    use crate::model::Answer;
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotApplicable => "n/a",
        Answer::Unanswered => "not answered",
    }
}

/// The plan's first month, or this month when none is set.
pub(super) fn start_or_now(wb: &Workbook, today: Date) -> PlanMonth {
    wb.start().unwrap_or_else(|| PlanMonth::containing(today))
}

pub(super) fn month_name(wb: &Workbook, m: u32, today: Date) -> String {
    let offset = i32::try_from(m).unwrap_or(1) - 1;
    start_or_now(wb, today).plus(offset).label()
}

pub(super) fn team_name(wb: &Workbook) -> &str {
    if wb.plan.team.trim().is_empty() {
        "The team"
    } else {
        &wb.plan.team
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("Markdown".parse(), Ok(Format::Markdown));
        assert_eq!("md".parse(), Ok(Format::Markdown));
        assert_eq!("mermaid".parse(), Ok(Format::Mermaid));
        assert_eq!("metrics".parse(), Ok(Format::Metrics));
        assert_eq!("XLSX".parse(), Ok(Format::Xlsx));
        assert!(
            "pdf"
                .parse::<Format>()
                .unwrap_err()
                .contains("metrics (a CSV of every value over time), mermaid or xlsx")
        );
    }
}

//! Calendar months of the plan: parsing `YYYY-MM` and month arithmetic (via jiff).

use std::fmt;
use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;

/// A calendar month, such as the month a plan starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanMonth {
    first_day: Date,
}

/// Why a month could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MonthError(pub String);

const MONTH_HINT: &str = "the start month is a year and month such as 2027-01";

/// What a typed month may look like, for messages. Every example is accepted (a test
/// reads them all).
pub const TYPED_MONTH_HINT: &str =
    "type a month such as 2027-01, Jan 2027, January 2027 or 01/2027";

/// What a typed date may look like, for messages. Every example is accepted.
pub const TYPED_DATE_HINT: &str =
    "type a date such as 2027-01-15, 15 Jan 2027, Jan 15 2027, today, yesterday or last week";

/// The month a month name (`jan`, `January`, `Sept.`) stands for.
fn month_named(word: &str) -> Option<i8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let found = NAMES.iter().position(|n| n.starts_with(w.as_str()))?;
    i8::try_from(found + 1).ok()
}

/// Whether a typed month starts with a four-digit year and a separator (`2027-`).
fn year_first(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() > 5 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/')
}

/// A month as a person types it: `2027-01`, `2027/1`, `Jan 2027`, `January 2027`,
/// `01/2027`. The workbook itself keeps `YYYY-MM` (`FromStr`).
pub fn typed_month(text: &str) -> Result<PlanMonth, MonthError> {
    let t = text.trim();
    match t.parse::<PlanMonth>() {
        Ok(m) => return Ok(m),
        // Year first (`2027-13`): what is wrong with it says more than the forms.
        Err(e) if year_first(t) => {
            return Err(MonthError(e.0.replace(MONTH_HINT, TYPED_MONTH_HINT)));
        }
        Err(_) => {}
    }
    let bad = || MonthError(format!("'{t}' is not a month: {TYPED_MONTH_HINT}"));
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let year_of = |w: &str| {
        (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<i16>().ok())
            .flatten()
    };
    let (year, month) = match words.as_slice() {
        [name, year] => match (month_named(name), year_of(year)) {
            (Some(m), Some(y)) => (y, m),
            _ => match (year_of(name), month_named(year)) {
                (Some(y), Some(m)) => (y, m),
                _ => return Err(bad()),
            },
        },
        [one] => {
            // 01/2027 or 1-2027: the month first.
            let (m, y) = one.split_once(['/', '-', '.']).ok_or_else(bad)?;
            let y = year_of(y).ok_or_else(bad)?;
            if m.is_empty() || m.len() > 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            (y, m.parse::<i8>().map_err(|_| bad())?)
        }
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&month) {
        // Said of what was typed (`13/2027`), not of the form planbook keeps.
        return Err(MonthError(format!(
            "'{t}' has month {month}: months run from 1 to 12; {TYPED_MONTH_HINT}"
        )));
    }
    format!("{year:04}-{month:02}")
        .parse::<PlanMonth>()
        .map_err(|e| {
            MonthError(
                e.0.replace(&format!("{year:04}-{month:02}"), t)
                    .replace(MONTH_HINT, TYPED_MONTH_HINT),
            )
        })
}

/// A date as a person types it: `2027-01-15`, `15 Jan 2027`, `Jan 15 2027`,
/// `January 15, 2027`, `today`, `yesterday`, `last week` (seven days ago). Empty is
/// no date.
pub fn typed_date(text: &str, today: Date) -> Result<Option<Date>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let lower = t.to_lowercase();
    let back = |days: i64| today.checked_sub(days.days()).ok();
    match lower.as_str() {
        "today" => return Ok(Some(today)),
        "yesterday" => return Ok(back(1)),
        "last week" | "a week ago" => return Ok(back(7)),
        _ => {}
    }
    let bad = || format!("'{t}' is not a date: {TYPED_DATE_HINT}");
    if let Ok(d) = t.parse::<Date>() {
        return Ok(Some(d));
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let day_of = |w: &str| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<i8>().ok())
            .flatten()
    };
    let (day, month, year) = match words.as_slice() {
        [first, second, year] => match (
            day_of(first),
            month_named(second),
            month_named(first),
            day_of(second),
        ) {
            (Some(day), Some(month), _, _) | (_, _, Some(month), Some(day)) => (day, month, *year),
            _ => return Err(bad()),
        },
        _ => return Err(bad()),
    };
    let year: i16 = (year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
        .ok_or_else(bad)?;
    Date::new(year, month, day)
        .map(Some)
        .map_err(|_| format!("'{t}' is not a day of the calendar: {TYPED_DATE_HINT}"))
}

impl PlanMonth {
    pub fn new(year: i16, month: i8) -> Option<Self> {
        Date::new(year, month, 1)
            .ok()
            .map(|first_day| Self { first_day })
    }

    /// The month containing `date`.
    pub fn containing(date: Date) -> Self {
        Self {
            first_day: date.first_of_month(),
        }
    }

    pub fn year(self) -> i16 {
        self.first_day.year()
    }

    pub fn month(self) -> i8 {
        self.first_day.month()
    }

    pub fn first_day(self) -> Date {
        self.first_day
    }

    pub fn last_day(self) -> Date {
        self.first_day.last_of_month()
    }

    /// The month `n` months later (`n` may be negative).
    #[must_use]
    pub fn plus(self, n: i32) -> Self {
        let first_day = self
            .first_day
            .checked_add(n.months())
            .unwrap_or(self.first_day);
        Self { first_day }
    }

    /// How many months after `other` this month is (negative if before).
    pub fn months_since(self, other: Self) -> i32 {
        (i32::from(self.year()) - i32::from(other.year())) * 12 + i32::from(self.month())
            - i32::from(other.month())
    }

    /// Short English label, such as `Jan 2027`.
    pub fn label(self) -> String {
        format!("{} {}", self.short_name(), self.year())
    }

    /// Three-letter month name.
    pub fn short_name(self) -> &'static str {
        const NAMES: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let i = usize::try_from(self.month() - 1).unwrap_or(0);
        NAMES[i.min(11)]
    }

    /// Months from `self` to `other` (positive when `other` is later).
    pub fn months_until(self, other: PlanMonth) -> i32 {
        (i32::from(other.year()) - i32::from(self.year())) * 12 + i32::from(other.month())
            - i32::from(self.month())
    }
}

impl fmt::Display for PlanMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl FromStr for PlanMonth {
    type Err = MonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let err = || MonthError(format!("'{s}' is not a month: {MONTH_HINT}"));
        if s.is_empty() {
            return Err(MonthError(format!("no month given: {MONTH_HINT}")));
        }
        let (y, m) = s.split_once(['-', '/']).ok_or_else(err)?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        if m.is_empty() || m.len() > 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i16 = y.parse().map_err(|_| err())?;
        let month: i8 = m.parse().map_err(|_| err())?;
        if !(1..=12).contains(&month) {
            return Err(MonthError(format!(
                "'{s}' has month {month}: months run from 01 to 12 ({MONTH_HINT})"
            )));
        }
        if !(1970..=2200).contains(&year) {
            return Err(MonthError(format!(
                "'{s}' has year {year}: years from 1970 to 2200 are accepted"
            )));
        }
        Self::new(year, month).ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let m: PlanMonth = "2027-01".parse().unwrap();
        assert_eq!(m.to_string(), "2027-01");
        assert_eq!(m.label(), "Jan 2027");
        assert_eq!(
            " 2027-3 ".parse::<PlanMonth>().unwrap().to_string(),
            "2027-03"
        );
        assert_eq!(
            "2027/11".parse::<PlanMonth>().unwrap().to_string(),
            "2027-11"
        );
    }

    #[test]
    fn months_and_dates_are_read_as_people_type_them() {
        let jan = PlanMonth::new(2027, 1).unwrap();
        for typed in [
            "2027-01",
            "2027/1",
            "Jan 2027",
            "jan 2027",
            "January 2027",
            "01/2027",
            "1/2027",
            "2027 Jan",
            "Jan. 2027",
        ] {
            assert_eq!(typed_month(typed), Ok(jan), "{typed}");
        }
        assert_eq!(
            typed_month("Sept 2027"),
            Ok(PlanMonth::new(2027, 9).unwrap())
        );
        for bad in ["Janu 2027x", "13/2027", "Ja 2027", "2027", "soon", "Jan 27"] {
            let e = typed_month(bad).unwrap_err();
            assert!(e.0.contains("Jan 2027"), "{bad}: {e}");
        }
        let today = Date::new(2027, 3, 10).unwrap();
        let d = |s| typed_date(s, today);
        let jan15 = Some(Date::new(2027, 1, 15).unwrap());
        for typed in [
            "2027-01-15",
            "15 Jan 2027",
            "15 January 2027",
            "Jan 15 2027",
            "January 15, 2027",
            "15th Jan 2027",
        ] {
            assert_eq!(d(typed), Ok(jan15), "{typed}");
        }
        assert_eq!(d("today"), Ok(Some(today)));
        assert_eq!(d("Yesterday"), Ok(Some(Date::new(2027, 3, 9).unwrap())));
        assert_eq!(d("last week"), Ok(Some(Date::new(2027, 3, 3).unwrap())));
        assert_eq!(d(""), Ok(None));
        assert!(
            d("31 Feb 2027")
                .unwrap_err()
                .contains("not a day of the calendar")
        );
        assert!(d("someday").unwrap_err().contains("15 Jan 2027"));
    }

    #[test]
    fn a_refused_month_quotes_what_was_typed() {
        let e = typed_month("13/2027").unwrap_err().to_string();
        assert_eq!(
            e,
            format!("'13/2027' has month 13: months run from 1 to 12; {TYPED_MONTH_HINT}")
        );
        let e = typed_month("2027-13").unwrap_err().to_string();
        assert!(e.starts_with("'2027-13' has month 13"), "{e}");
        assert!(
            e.contains(TYPED_MONTH_HINT) && !e.contains(MONTH_HINT),
            "{e}"
        );
        let e = typed_month("Jan 1900").unwrap_err().to_string();
        assert!(e.starts_with("'Jan 1900' has year 1900"), "{e}");
    }

    #[test]
    fn every_example_in_the_hints_is_accepted() {
        let today = Date::new(2027, 3, 10).unwrap();
        for example in crate::model::measure::examples(TYPED_MONTH_HINT) {
            assert!(typed_month(&example).is_ok(), "{example}");
        }
        for example in crate::model::measure::examples(TYPED_DATE_HINT) {
            assert!(typed_date(&example, today).is_ok(), "{example}");
        }
    }

    #[test]
    fn rejects_with_a_reason() {
        for bad in [
            "",
            "2027",
            "2027-13",
            "2027-00",
            "27-01",
            "jan 2027",
            "2027-01-05",
            "1800-01",
        ] {
            let e = bad.parse::<PlanMonth>().unwrap_err();
            assert!(
                e.0.contains("2027-01") || e.0.contains("1970"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn december_start_crosses_the_year() {
        let m: PlanMonth = "2026-12".parse().unwrap();
        let labels: Vec<String> = (0..6).map(|i| m.plus(i).label()).collect();
        assert_eq!(
            labels,
            [
                "Dec 2026", "Jan 2027", "Feb 2027", "Mar 2027", "Apr 2027", "May 2027"
            ]
        );
        assert_eq!(m.months_until(m.plus(5)), 5);
        assert_eq!(m.plus(2).months_until(m), -2);
    }

    #[test]
    fn a_date_on_the_31st_maps_to_its_month() {
        let d = Date::new(2027, 1, 31).unwrap();
        let m = PlanMonth::containing(d);
        assert_eq!(m.to_string(), "2027-01");
        assert_eq!(m.plus(1).to_string(), "2027-02");
        assert_eq!(m.plus(1).last_day(), Date::new(2027, 2, 28).unwrap());
    }
}

impl serde::Serialize for PlanMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PlanMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Optional values in a workbook: absent, or written `""` by hand (as format 1
/// workbooks do), mean not set.
pub mod optional {
    use std::fmt;
    use std::marker::PhantomData;
    use std::str::FromStr;

    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserializer, Serializer};

    /// Writes a set value as text; `skip_serializing_if = "Option::is_none"` leaves
    /// an unset one out.
    pub fn serialize<T: fmt::Display, S: Serializer>(
        value: &Option<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    /// Reads text (`""` is unset) or a TOML date such as `2027-01-15`.
    pub fn deserialize<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
    where
        T: FromStr,
        T::Err: fmt::Display,
        D: Deserializer<'de>,
    {
        d.deserialize_any(OptionalVisitor(PhantomData))
    }

    struct OptionalVisitor<T>(PhantomData<T>);

    impl<'de, T> Visitor<'de> for OptionalVisitor<T>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date such as 2027-01-15 (or \"\" for none)")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            if v.is_empty() {
                return Ok(None);
            }
            v.parse().map(Some).map_err(E::custom)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        /// A TOML date arrives as a one-entry map holding its text.
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let Some((_, text)) = map.next_entry::<String, String>()? else {
                return Ok(None);
            };
            if text.contains(['T', ' ', ':']) {
                return Err(de::Error::custom(format!(
                    "'{text}' has a time of day: a date is written like 2027-01-15"
                )));
            }
            self.visit_str(&text)
        }
    }
}

/// A date that must be there, written as text or as a TOML date.
pub mod required {
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<jiff::civil::Date, D::Error> {
        super::optional::deserialize(d)?
            .ok_or_else(|| serde::de::Error::custom("a date is needed, written like 2027-01-15"))
    }
}

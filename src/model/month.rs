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

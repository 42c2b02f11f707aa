//! How text from a workbook is shown: control characters and escape sequences never
//! reach a terminal raw, in the app, in messages or in exports a terminal may print.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Text from a workbook or a paste, made safe to draw on one line: control characters
/// are shown as visible escapes (`^[` for ESC, `^G` for BEL, `\u{9b}` for C1 codes)
/// and never reach the terminal raw; line breaks and tabs become spaces.
pub fn safe(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// The same for a message of several lines: line breaks stay.
pub fn safe_lines(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() && !(keep_lines && c == '\n');
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_lines => out.push('\n'),
            // A line ending of two characters, as CSV writes it.
            '\r' if keep_lines && chars.peek() == Some(&'\n') => out.push('\r'),
            '\n' | '\r' | '\t' => out.push(' '),
            '\u{7f}' => out.push_str("^?"),
            c if u32::from(c) < 0x20 => {
                out.push('^');
                out.push(char::from_u32(u32::from(c) + 64).unwrap_or('?'));
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(safe("medium\u{1b}]0;PWNED\u{7}"), "medium^[]0;PWNED^G");
        assert_eq!(safe("a\u{9b}b\u{7f}"), "a\\u{9b}b^?");
        assert_eq!(safe("two\nlines"), "two lines");
        assert_eq!(safe_lines("two\nlines\u{1b}"), "two\nlines^[");
        assert_eq!(safe_lines("a,b\r\nc\rd"), "a,b\r\nc d");
        assert!(matches!(safe("plain 東京 ✓"), Cow::Borrowed(_)));
    }
}

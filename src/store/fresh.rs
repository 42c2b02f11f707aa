//! The text of a workbook written whole (a new file, a snapshot, a copy): the `toml`
//! crate's serializer, then the layout `edit::lay_out` gives a document, applied to the
//! text directly: dates under date keys as TOML dates, and arrays wider than a line
//! one item per line. Writing 1 MB this way takes a few milliseconds, where building
//! and rendering a `toml_edit` document took tens; `tests/format.rs` checks that both
//! ways give the same text.

use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, Source, Span};

use super::edit::{ARRAY_WIDTH, DATE_KEYS, as_toml_date};

/// `value` as TOML text in the layout of a new workbook, after `header`.
pub fn to_text<T: serde::Serialize>(header: &str, value: &T) -> Result<String, toml::ser::Error> {
    let plain = toml::to_string(value)?;
    let bytes = plain.as_bytes();
    if memchr::memmem::find(bytes, b"\"\"\"").is_some()
        || memchr::memmem::find(bytes, b"'''").is_some()
    {
        // A string over several lines: lines are not key-value pairs, so the whole
        // text is scanned.
        return Ok(format!("{header}{}", lay_out(&plain)));
    }
    // Otherwise the serializer writes one header or one key-value pair per line, and
    // only a line that may hold a date or an array wider than a line needs a look.
    let mut out = String::with_capacity(header.len() + plain.len() + plain.len() / 16);
    out.push_str(header);
    // Text between changed lines is copied in one go.
    let (mut copied, mut at) = (0, 0);
    for line in plain.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let with = if let Some((key, date)) = plain_date(line) {
            format!("{key} = {date}\n")
        } else if line.len() > ARRAY_WIDTH && line.contains(" = [") {
            lay_out(line)
        } else {
            continue;
        };
        out.push_str(plain.get(copied..start).unwrap_or(""));
        out.push_str(&with);
        copied = at;
    }
    out.push_str(plain.get(copied..).unwrap_or(""));
    Ok(out)
}

/// A line `due = "2027-01-15"` under a date key, as its key and date.
fn plain_date(line: &str) -> Option<(&str, toml_edit::Datetime)> {
    // Every date key starts with one of these letters: most lines are passed over here.
    if !matches!(
        line.as_bytes().first(),
        Some(b'c' | b'd' | b'm' | b's' | b't')
    ) {
        return None;
    }
    DATE_KEYS.iter().find_map(|key| {
        let inner = line
            .strip_prefix(key)?
            .strip_prefix(" = \"")?
            .strip_suffix('\n')?
            .strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        Some((*key, as_toml_date(inner)?))
    })
}

/// One change to the serializer's text: `range` becomes `with`.
struct Change {
    start: usize,
    end: usize,
    with: String,
}

/// Finds the dates to unquote and the arrays to spread over lines.
struct Scan<'a> {
    source: Source<'a>,
    changes: Vec<Change>,
    /// The last key read at the top level of a table: for a key-value pair, its key.
    key: String,
    /// How deep in arrays and inline tables the scan is.
    depth: usize,
    line_start: usize,
    /// The top-level array being read: where it opens, and its values' spans.
    array: Option<(usize, Vec<(usize, usize)>)>,
    /// Where the current value inside the array began (for values with depth).
    value_start: usize,
}

impl Scan<'_> {
    fn text(&self, start: usize, end: usize) -> &str {
        self.source.input().get(start..end).unwrap_or("")
    }

    fn open(&mut self, span: Span) {
        if self.depth == 0 {
            self.array = Some((span.start(), Vec::new()));
        } else if self.depth == 1 {
            self.value_start = span.start();
        }
        self.depth += 1;
    }

    fn close(&mut self, span: Span) {
        self.depth = self.depth.saturating_sub(1);
        if self.depth == 1 {
            if let Some((_, values)) = &mut self.array {
                values.push((self.value_start, span.end()));
            }
        } else if self.depth == 0
            && let Some((open, values)) = self.array.take()
        {
            let inline = self.text(open, span.end());
            let width = self.key.len() + 3 + inline.chars().count();
            let on_one_line = !self.text(self.line_start, span.end()).contains('\n');
            if width > ARRAY_WIDTH && on_one_line {
                let mut spread = String::from("[");
                for (s, e) in values {
                    spread.push_str("\n  ");
                    spread.push_str(self.text(s, e));
                    spread.push(',');
                }
                spread.push_str("\n]");
                self.changes.push(Change {
                    start: open,
                    end: span.end(),
                    with: spread,
                });
            }
        }
    }
}

impl EventReceiver for Scan<'_> {
    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        if self.depth > 0 {
            self.open(span);
        } else {
            self.depth += 1;
        }
        true
    }
    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if self.depth > 1 {
            self.close(span);
        } else {
            self.depth = self.depth.saturating_sub(1);
        }
    }
    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.open(span);
        true
    }
    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close(span);
    }
    fn simple_key(
        &mut self,
        span: Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        if self.depth == 0 {
            let input = self.source.input();
            let text = input.get(span.start()..span.end()).unwrap_or("");
            let raw = toml_parser::Raw::new_unchecked(text, encoding, span);
            self.key.clear();
            raw.decode_key(&mut self.key, &mut ());
        }
    }
    fn scalar(
        &mut self,
        span: Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        if self.depth == 1
            && let Some((_, values)) = &mut self.array
        {
            values.push((span.start(), span.end()));
        }
        if self.depth == 0
            && encoding == Some(toml_parser::decoder::Encoding::BasicString)
            && DATE_KEYS.contains(&self.key.as_str())
        {
            let raw = self.text(span.start(), span.end());
            let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
            if let Some(date) = as_toml_date(inner) {
                self.changes.push(Change {
                    start: span.start(),
                    end: span.end(),
                    with: date.to_string(),
                });
            }
        }
    }
    fn newline(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if self.depth == 0 {
            self.line_start = span.end();
        }
    }
}

/// The serializer's text with the changes the scan finds.
fn lay_out(plain: &str) -> String {
    let source = Source::new(plain);
    let tokens = source.lex().into_vec();
    let mut scan = Scan {
        source,
        changes: Vec::new(),
        key: String::new(),
        depth: 0,
        line_start: 0,
        array: None,
        value_start: 0,
    };
    parse_document(&tokens, &mut scan, &mut ());
    let mut out = String::with_capacity(plain.len() + plain.len() / 8);
    let mut at = 0;
    for c in &scan.changes {
        out.push_str(plain.get(at..c.start).unwrap_or(""));
        out.push_str(&c.with);
        at = c.end;
    }
    out.push_str(plain.get(at..).unwrap_or(""));
    out
}

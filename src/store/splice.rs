//! Saving a change by rewriting only its own piece of the text. A workbook's lists are
//! written as arrays of tables (`[[roadmap.milestones]]`), so each list item owns a
//! piece of the file: from the blank lines and comments above its header to those of
//! the next table. A tick re-renders the one piece that holds the ticked item and
//! splices it in; the rest of the file is copied, not parsed or rendered again.
//!
//! The pieces are found with `toml_parser`'s lexer (the one `toml_edit` itself is
//! built on), in one pass that keeps no tokens, so they are where `toml_edit` puts a
//! table's decor. A piece is
//! only used when it holds exactly the item the model says it holds; anything else
//! (a list written inline, tables of one list scattered through the file, a list
//! that grew at its start) is left to the whole-document merge in `edit`, which gives
//! the same text.

use std::ops::Range;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};
use toml_parser::Source;

use super::edit;
use crate::model::Workbook;

/// The sections and lists whose pieces are tracked, by their path in the file.
const PATHS: [(&[&str], bool); 12] = [
    (&["plan"], false),
    (&["readiness"], true),
    (&["baseline"], true),
    (&["maturity"], true),
    (&["phases"], true),
    (&["kpis"], true),
    (&["snapshots"], true),
    (&["roadmap", "stages"], true),
    (&["roadmap", "tracks"], true),
    (&["roadmap", "milestones"], true),
    (&["health"], true),
    (&["challenges"], true),
];
const PLAN: usize = 0;
const READINESS: usize = 1;
const BASELINE: usize = 2;
const MATURITY: usize = 3;
const PHASES: usize = 4;
const KPIS: usize = 5;
const SNAPSHOTS: usize = 6;
const STAGES: usize = 7;
const TRACKS: usize = 8;
const MILESTONES: usize = 9;
const HEALTH: usize = 10;
const CHALLENGES: usize = 11;

/// One table's text: its leading blank lines and comments, its header, its keys and
/// the tables inside it, up to where the next table's leading lines begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: usize,
    header: usize,
    end: usize,
}

impl Piece {
    fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// Where each tracked section and list item stands in a workbook's text. A path whose
/// tables do not lie together as pieces is not tracked (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    places: [Option<Vec<Piece>>; PATHS.len()],
}

/// A table header as the scan met it.
struct Header {
    /// Where the blank lines and comments above it begin.
    start: usize,
    /// Where its `[` is.
    at: usize,
    array: bool,
    path: Vec<String>,
}

impl Layout {
    /// The pieces of `text`; `None` if its tokens do not make sense as TOML.
    ///
    /// One pass over the lexer's tokens, none of them kept: a `[` at the start of a
    /// line, outside any array or inline table, opens a header; a piece's leading
    /// lines begin just after the last line that held anything but blanks and a
    /// comment, which is where `toml_edit` begins a table's decor.
    pub fn of(text: &str) -> Option<Self> {
        use toml_parser::lexer::TokenKind as T;
        let source = Source::new(text);
        let mut tokens = source.lex().peekable();
        let mut headers = Vec::new();
        let mut depth = 0usize;
        // Whether the current line holds anything but blanks and a comment.
        let mut content = false;
        // Just after the newline that ended the last line with content.
        let mut after_content = 0;
        while let Some(token) = tokens.next() {
            match token.kind() {
                T::Whitespace | T::Comment => {}
                T::Newline => {
                    if content {
                        after_content = token.span().end();
                    }
                    content = false;
                }
                T::LeftSquareBracket if depth == 0 && !content => {
                    content = true;
                    let array = tokens
                        .next_if(|t| {
                            t.kind() == T::LeftSquareBracket
                                && t.span().start() == token.span().end()
                        })
                        .is_some();
                    let mut path = Vec::new();
                    loop {
                        let t = tokens.next()?;
                        match t.kind() {
                            T::Whitespace | T::Dot => {}
                            T::RightSquareBracket => break,
                            T::Atom | T::BasicString | T::LiteralString => {
                                let span = t.span();
                                let raw = toml_parser::Raw::new_unchecked(
                                    text.get(span.start()..span.end())?,
                                    t.kind().encoding(),
                                    span,
                                );
                                let mut key = String::new();
                                let mut bad = false;
                                raw.decode_key(&mut key, &mut |_| bad = true);
                                if bad {
                                    return None;
                                }
                                path.push(key);
                            }
                            _ => return None,
                        }
                    }
                    if array && tokens.next()?.kind() != T::RightSquareBracket {
                        return None;
                    }
                    headers.push(Header {
                        start: after_content,
                        at: token.span().start(),
                        array,
                        path,
                    });
                }
                T::LeftSquareBracket | T::LeftCurlyBracket => {
                    content = true;
                    depth += 1;
                }
                T::RightSquareBracket | T::RightCurlyBracket => {
                    content = true;
                    depth = depth.checked_sub(1)?;
                }
                T::Eof => break,
                _ => content = true,
            }
        }
        if depth != 0 {
            return None;
        }
        // Blank lines and comments after the last line with content are the
        // document's own trailing text, not part of the last table.
        let trailing = if content { text.len() } else { after_content };
        let places = PATHS.map(|(path, array)| pieces(&headers, trailing, path, array));
        Some(Self { places })
    }

    fn shift(&mut self, from: usize, by: isize) {
        for piece in self.places.iter_mut().flatten().flatten() {
            if piece.start >= from {
                piece.start = piece.start.saturating_add_signed(by);
                piece.header = piece.header.saturating_add_signed(by);
                piece.end = piece.end.saturating_add_signed(by);
            }
        }
    }
}

/// The pieces of the tables at `path`, if each of them lies in one piece with the
/// tables inside it and they are all written with headers of the expected kind.
fn pieces(headers: &[Header], trailing: usize, path: &[&str], array: bool) -> Option<Vec<Piece>> {
    let under = |p: &[String]| p.len() >= path.len() && p.iter().zip(path).all(|(a, b)| a == b);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(h) = headers.get(i) {
        if !under(&h.path) {
            i += 1;
            continue;
        }
        if h.path.len() != path.len() || h.array != array {
            // A table inside one of them, apart from it: not a piece.
            return None;
        }
        let mut j = i + 1;
        while headers
            .get(j)
            .is_some_and(|n| n.path.len() > path.len() && under(&n.path))
        {
            j += 1;
        }
        let end = headers.get(j).map_or(trailing, |n| n.start);
        out.push(Piece {
            start: h.start,
            header: h.at,
            end,
        });
        i = j;
    }
    Some(out)
}

/// Brings `text`, which holds `last`, as far towards `now` as rewriting pieces can,
/// and `last` with it. What is left (`last` still differs from `now`) needs the
/// whole-document merge.
pub fn apply(
    text: &mut String,
    layout: &mut Layout,
    last: &mut Workbook,
    now: &Workbook,
) -> Result<(), toml_edit::ser::Error> {
    let mut at = Splicer { text, layout };
    if last.plan != now.plan && at.edit(PLAN, 0, &last.plan, &now.plan)? {
        last.plan.clone_from(&now.plan);
    }
    at.list(
        READINESS,
        &mut last.readiness,
        &now.readiness,
        Some(|c| &c.id),
    )?;
    at.list(BASELINE, &mut last.baseline, &now.baseline, Some(|g| &g.id))?;
    at.list(MATURITY, &mut last.maturity, &now.maturity, Some(|d| &d.id))?;
    at.list(PHASES, &mut last.phases, &now.phases, Some(|p| &p.id))?;
    at.list(KPIS, &mut last.kpis, &now.kpis, Some(|k| &k.id))?;
    at.list(
        SNAPSHOTS,
        &mut last.snapshots,
        &now.snapshots,
        Some(|s| &s.id),
    )?;
    let (l, n) = (&mut last.roadmap, &now.roadmap);
    at.list(STAGES, &mut l.stages, &n.stages, None)?;
    at.list(TRACKS, &mut l.tracks, &n.tracks, Some(|t| &t.id))?;
    at.list(
        MILESTONES,
        &mut l.milestones,
        &n.milestones,
        Some(|m| &m.id),
    )?;
    at.list(HEALTH, &mut last.health, &now.health, Some(|h| &h.id))?;
    at.list(
        CHALLENGES,
        &mut last.challenges,
        &now.challenges,
        Some(|c| &c.id),
    )?;
    Ok(())
}

struct Splicer<'a> {
    text: &'a mut String,
    layout: &'a mut Layout,
}

impl Splicer<'_> {
    /// Brings one list from `last` to `now` where the change is items edited in
    /// place, or one item added after another, or one removed (in lists with ids).
    fn list<T: serde::Serialize + PartialEq + Clone>(
        &mut self,
        place: usize,
        last: &mut Vec<T>,
        now: &[T],
        id: Option<fn(&T) -> &String>,
    ) -> Result<(), toml_edit::ser::Error> {
        if last.as_slice() == now {
            return Ok(());
        }
        let Some(pieces) = &self.layout.places[place] else {
            return Ok(());
        };
        if pieces.len() != last.len() {
            return Ok(());
        }
        if last.len() == now.len() {
            for i in 0..now.len() {
                if last[i] != now[i] {
                    if !self.edit(place, i, &last[i], &now[i])? {
                        return Ok(());
                    }
                    last[i].clone_from(&now[i]);
                }
            }
            return Ok(());
        }
        // One added or one removed, matched by ids as the whole merge matches them.
        let Some(id) = id else { return Ok(()) };
        let first = last.iter().zip(now).take_while(|(a, b)| a == b).count();
        if !(unique(last, id) && unique(now, id)) {
            return Ok(());
        }
        if now.len() == last.len() + 1 && first > 0 && last[first..] == now[first + 1..] {
            if self.insert(place, first, &now[first])? {
                last.insert(first, now[first].clone());
            }
        } else if now.len() + 1 == last.len() && last[first + 1..] == now[first..] {
            self.remove(place, first);
            last.remove(first);
        }
        Ok(())
    }

    /// Rewrites the piece that holds `old` to hold `new`. False (nothing changed) if
    /// the piece does not hold exactly `old`.
    fn edit<T: serde::Serialize>(
        &mut self,
        place: usize,
        i: usize,
        old: &T,
        new: &T,
    ) -> Result<bool, toml_edit::ser::Error> {
        let Some(piece) = self.piece(place, i) else {
            return Ok(false);
        };
        let Some(part) = self.text.get(piece.range()) else {
            return Ok(false);
        };
        let Ok(mut doc) = part.parse::<DocumentMut>() else {
            return Ok(false);
        };
        let (Item::Table(old), Item::Table(new)) = (edit::to_item(old)?, edit::to_item(new)?)
        else {
            return Ok(false);
        };
        let (path, array) = PATHS[place];
        let Some(table) = only_table(&mut doc, path, array) else {
            return Ok(false);
        };
        // Merging what the piece should hold changes nothing, or it is not the piece.
        edit::merge_tables(table, &old);
        if doc.to_string() != part {
            return Ok(false);
        }
        let Some(table) = only_table(&mut doc, path, array) else {
            return Ok(false);
        };
        edit::merge_tables(table, &new);
        self.replace(piece, &doc.to_string());
        Ok(true)
    }

    /// Writes `new` as a new table after the piece of item `i - 1`, spaced like it.
    fn insert<T: serde::Serialize>(
        &mut self,
        place: usize,
        i: usize,
        new: &T,
    ) -> Result<bool, toml_edit::ser::Error> {
        let Some(before) = i.checked_sub(1).and_then(|b| self.piece(place, b)) else {
            return Ok(false);
        };
        let Item::Table(mut table) = edit::to_item(new)? else {
            return Ok(false);
        };
        // Spaced like the table before it, without its comments; where that one has
        // comments, one blank line, as `toml_edit` spaces a table of its own.
        let prefix = self
            .text
            .get(before.start..before.header)
            .filter(|p| p.trim().is_empty())
            .unwrap_or("\n")
            .to_string();
        table.decor_mut().set_prefix(&prefix);
        let (path, array) = PATHS[place];
        let mut doc = DocumentMut::new();
        let mut parent = doc.as_table_mut();
        for key in &path[..path.len() - 1] {
            let mut t = Table::new();
            t.set_implicit(true);
            parent.insert(key, Item::Table(t));
            let Some(Item::Table(t)) = parent.get_mut(key) else {
                return Ok(false);
            };
            parent = t;
        }
        let key = path[path.len() - 1];
        if array {
            let mut aot = ArrayOfTables::new();
            aot.push(table);
            parent.insert(key, Item::ArrayOfTables(aot));
        } else {
            parent.insert(key, Item::Table(table));
        }
        let written = doc.to_string();
        let at = before.end;
        self.text.insert_str(at, &written);
        self.layout
            .shift(at, isize::try_from(written.len()).unwrap_or(0));
        if let Some(ps) = self.layout.places[place].as_mut() {
            ps.insert(
                i,
                Piece {
                    start: at,
                    header: at + prefix.len(),
                    end: at + written.len(),
                },
            );
        }
        Ok(true)
    }

    /// Removes the piece of item `i`, its leading comments with it.
    fn remove(&mut self, place: usize, i: usize) {
        let Some(piece) = self.piece(place, i) else {
            return;
        };
        if let Some(ps) = self.layout.places[place].as_mut() {
            ps.remove(i);
        }
        self.replace(piece, "");
    }

    fn piece(&self, place: usize, i: usize) -> Option<Piece> {
        self.layout.places[place].as_ref()?.get(i).copied()
    }

    /// Puts `with` where `piece` was and moves every later piece along.
    fn replace(&mut self, piece: Piece, with: &str) {
        self.text.replace_range(piece.range(), with);
        let by = isize::try_from(with.len()).unwrap_or(0)
            - isize::try_from(piece.end - piece.start).unwrap_or(0);
        for p in self.layout.places.iter_mut().flatten().flatten() {
            if *p == piece {
                p.end = p.start + with.len();
            }
        }
        self.layout.shift(piece.end, by);
    }
}

/// Whether every item's id differs from every other's.
fn unique<T>(items: &[T], id: fn(&T) -> &String) -> bool {
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    items.iter().all(|t| seen.insert(id(t).as_str()))
}

/// The one table a piece holds at `path`: the piece's document must hold nothing else.
fn only_table<'d>(doc: &'d mut DocumentMut, path: &[&str], array: bool) -> Option<&'d mut Table> {
    let mut table = doc.as_table_mut();
    let (last, parents) = path.split_last()?;
    for key in parents {
        if table.len() != 1 {
            return None;
        }
        match table.get_mut(key)? {
            Item::Table(t) if t.is_implicit() => table = t,
            _ => return None,
        }
    }
    if table.len() != 1 {
        return None;
    }
    match table.get_mut(last)? {
        Item::ArrayOfTables(a) if array && a.len() == 1 => a.get_mut(0),
        Item::Table(t) if !array => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, place: usize) -> Vec<String> {
        Layout::of(text).unwrap().places[place]
            .clone()
            .unwrap()
            .into_iter()
            .map(|p| text[p.range()].to_string())
            .collect()
    }

    #[test]
    fn pieces_run_from_their_comments_to_the_next_tables() {
        let text = "format = 2\n\n# who\n[plan]\nteam = \"a\" # ours\n\n\
                    [[kpis]]\nid = \"k1\"\n[kpis.extra]\nx = 1\n\n# second\n[[kpis]]\nid = \"k2\"\n\n# end\n";
        assert_eq!(
            texts(text, PLAN),
            ["\n# who\n[plan]\nteam = \"a\" # ours\n"]
        );
        assert_eq!(
            texts(text, KPIS),
            [
                "\n[[kpis]]\nid = \"k1\"\n[kpis.extra]\nx = 1\n",
                "\n# second\n[[kpis]]\nid = \"k2\"\n"
            ]
        );
    }

    #[test]
    fn headers_with_comments_crlf_and_inline_tables_over_lines() {
        let text = "[[kpis]] # first\r\nid = \"k1\"\r\nt = {\r\n  a = [\r\n[1]]\r\n}\r\n\r\n[[ kpis ]]\r\nid = 'k2'\r\n";
        assert_eq!(
            texts(text, KPIS),
            [
                "[[kpis]] # first\r\nid = \"k1\"\r\nt = {\r\n  a = [\r\n[1]]\r\n}\r\n",
                "\r\n[[ kpis ]]\r\nid = 'k2'\r\n"
            ]
        );
    }

    #[test]
    fn brackets_inside_strings_and_arrays_are_not_headers() {
        let text = "[[kpis]]\nid = \"k1\"\nnote = \"\"\"\n[[kpis]]\n\"\"\"\nl = [\n  [1],\n]\n[[kpis]]\nid = \"k2\"\n";
        assert_eq!(texts(text, KPIS).len(), 2);
    }

    #[test]
    fn scattered_or_inline_lists_are_not_tracked() {
        let scattered = "[[readiness]]\nid = \"a\"\n[plan]\n[[readiness.items]]\nid = \"i\"\n";
        assert_eq!(Layout::of(scattered).unwrap().places[READINESS], None);
        let inline = "kpis = [{ id = \"k\" }]\n";
        assert_eq!(Layout::of(inline).unwrap().places[KPIS], Some(Vec::new()));
        let quoted = "[\"plan\"]\nteam = \"a\"\n";
        assert_eq!(texts(quoted, PLAN), ["[\"plan\"]\nteam = \"a\"\n"]);
    }
}

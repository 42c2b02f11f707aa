//! The first frame of a start, kept so that the next start with the same inputs
//! shows it at once, while the workbook is still being read.
//!
//! A start draws a frame that depends only on its inputs: the build, the workbook's
//! file (as its metadata shows it), where the user left off, today's date, the path
//! as given, the theme, the presenter mode and the terminal's size. The first frame
//! is kept in the state directory under a key made of those inputs. At the next
//! start with the same key it is painted before the workbook is read; the app's own
//! first frame follows as soon as the model is loaded, and the terminal then only
//! gets what differs, which is nothing when the key told the truth. Whatever is
//! wrong with a kept frame (another build, another size, damage, text that is not
//! printable) makes it unused: it only ever saves time, and nothing is decided on it.
//!
//! The file is text: a header, the styles used, then one line of cell symbols per
//! row and one line of style runs per row (`STYLE*COUNT`, by index).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::state::Resume;

const MAGIC: &str = "planbook-frame";

/// The kept frame's file name ends in this, in the state directory's cache folder.
const EXT: &str = "frame";

/// Which build drew the frame: another build may draw another one.
const BUILD: &str = env!("PLANBOOK_BUILD");

/// The workbook file as its metadata shows it: any write changes it (the change
/// time, which no tool sets back, and the inode, which a rename-over changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified_ns: u128,
    changed: (i64, i64),
    inode: (u64, u64),
}

impl FileStamp {
    /// The stamp of the file at `path`, if it exists.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((meta.ctime(), meta.ctime_nsec()), (meta.dev(), meta.ino()))
        };
        #[cfg(not(unix))]
        let (changed, inode) = ((0, 0), (0, 0));
        Some(Self {
            len: meta.len(),
            modified_ns,
            changed,
            inode,
        })
    }
}

/// Everything a start's first frame is drawn from, besides the build.
#[derive(Debug)]
pub struct Inputs<'a> {
    /// The workbook's path as given on the command line: the app shows it so.
    pub path: &'a str,
    pub file: &'a FileStamp,
    pub resume: &'a Resume,
    pub today: jiff::civil::Date,
    pub color: bool,
    pub present: bool,
    pub width: u16,
    pub height: u16,
}

/// The key a frame drawn from `inputs` is kept under.
pub fn key(inputs: &Inputs) -> u64 {
    let resume = serde_json::to_string(inputs.resume).unwrap_or_default();
    let text = format!(
        "{BUILD}\0{}\0{:?}\0{resume}\0{}\0{}\0{}\0{}x{}",
        inputs.path,
        inputs.file,
        inputs.today,
        inputs.color,
        inputs.present,
        inputs.width,
        inputs.height
    );
    crate::store::fingerprint(text.as_bytes())
}

fn file(dir: &Path, workbook: &Path) -> PathBuf {
    crate::state::file_in(dir, workbook, EXT)
}

/// The header line of a frame kept under `key` for a terminal of `area`'s size.
fn header(key: u64, area: Rect) -> String {
    format!(
        "{MAGIC} {BUILD} {key:016x} {} {}\n",
        area.width, area.height
    )
}

/// `frame` as the text kept, or `None` when a cell holds what one character cannot
/// say (a grapheme of several code points): such a frame is not kept.
pub fn encode(key: u64, frame: &Buffer) -> Option<String> {
    let area = frame.area;
    let mut styles: Vec<(Color, Color, Modifier)> = Vec::new();
    let mut rows = String::new();
    let mut runs = String::new();
    for y in area.top()..area.bottom() {
        let mut run: Option<(usize, u16)> = None;
        let mut first = true;
        for x in area.left()..area.right() {
            let cell = &frame[(x, y)];
            let mut chars = cell.symbol().chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            if c.is_control() {
                return None;
            }
            rows.push(c);
            let style = (cell.fg, cell.bg, cell.modifier);
            let index = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            run = match run {
                Some((i, n)) if i == index => Some((i, n + 1)),
                Some((i, n)) => {
                    push_run(&mut runs, &mut first, i, n);
                    Some((index, 1))
                }
                None => Some((index, 1)),
            };
        }
        if let Some((i, n)) = run {
            push_run(&mut runs, &mut first, i, n);
        }
        rows.push('\n');
        runs.push('\n');
    }
    let mut text = header(key, area);
    for (i, (fg, bg, modifier)) in styles.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let _ = write!(text, "{fg}/{bg}/{}", modifier.bits());
    }
    text.push('\n');
    text.push_str(&rows);
    text.push_str(&runs);
    Some(text)
}

fn push_run(runs: &mut String, first: &mut bool, index: usize, count: u16) {
    if !*first {
        runs.push(' ');
    }
    *first = false;
    let _ = write!(runs, "{index}*{count}");
}

/// A kept frame, read and checked whole: painting it cannot fail half-way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The file's text, kept to tell whether the app's own first frame is the same.
    text: String,
    styles: Vec<(Color, Color, Modifier)>,
    /// Per row: its symbols (one per cell) and its runs of styles.
    rows: Vec<(String, Vec<(usize, u16)>)>,
}

impl Preview {
    /// The frame kept in `dir` for `workbook` under `key`, for a terminal of `area`.
    pub fn read(dir: &Path, workbook: &Path, key: u64, area: Rect) -> Option<Self> {
        Self::parse(
            std::fs::read_to_string(file(dir, workbook)).ok()?,
            key,
            area,
        )
    }

    /// Reads `text`, a kept frame: `None` unless it is whole, for this build, `key`
    /// and `area`, and holds only printable text.
    pub fn parse(text: String, key: u64, area: Rect) -> Option<Self> {
        let body = text.strip_prefix(&header(key, area))?;
        let mut lines = body.split('\n');
        let styles = lines
            .next()?
            .split(' ')
            .map(|s| {
                let mut parts = s.split('/');
                let fg = parts.next()?.parse().ok()?;
                let bg = parts.next()?.parse().ok()?;
                let modifier = Modifier::from_bits(parts.next()?.parse().ok()?)?;
                parts.next().is_none().then_some((fg, bg, modifier))
            })
            .collect::<Option<Vec<_>>>()?;
        let height = usize::from(area.height);
        let width = usize::from(area.width);
        let symbols: Vec<&str> = lines.by_ref().take(height).collect();
        let mut rows = Vec::with_capacity(height);
        for symbols in symbols {
            if symbols.chars().count() != width || symbols.chars().any(char::is_control) {
                return None;
            }
            let runs = lines
                .next()?
                .split(' ')
                .map(|run| {
                    let (index, count) = run.split_once('*')?;
                    let index: usize = index.parse().ok()?;
                    (index < styles.len()).then_some(())?;
                    Some((index, count.parse::<u16>().ok()?))
                })
                .collect::<Option<Vec<_>>>()?;
            if runs.iter().map(|(_, n)| usize::from(*n)).sum::<usize>() != width {
                return None;
            }
            rows.push((symbols.to_string(), runs));
        }
        // Then only the end of the last line.
        if rows.len() != height || lines.next() != Some("") || lines.next().is_some() {
            return None;
        }
        Some(Self { text, styles, rows })
    }

    /// Paints the frame on `buf`, a buffer of the size it was read for.
    pub fn paint(&self, buf: &mut Buffer) {
        let area = buf.area;
        for ((symbols, runs), y) in self.rows.iter().zip(area.top()..area.bottom()) {
            let mut styles = runs
                .iter()
                .flat_map(|(index, count)| std::iter::repeat_n(*index, usize::from(*count)));
            for (c, x) in symbols.chars().zip(area.left()..area.right()) {
                let cell = &mut buf[(x, y)];
                cell.set_char(c);
                if let Some((fg, bg, modifier)) = styles.next().and_then(|i| self.styles.get(i)) {
                    cell.fg = *fg;
                    cell.bg = *bg;
                    cell.modifier = *modifier;
                }
            }
        }
    }

    /// Whether `encoded` (a frame as `encode` gives it) is this one.
    pub fn is(&self, encoded: &str) -> bool {
        self.text == encoded
    }
}

/// Keeps `encoded` (a first frame as `encode` gives it) for `workbook` in `dir`.
/// Nothing is said when it cannot be: the next start reads the workbook first. A
/// plain write, with no sync: a frame cut short by a crash, or two starts writing at
/// once, reads back as damaged and is not used.
pub fn keep(dir: &Path, workbook: &Path, encoded: &str) {
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(file(dir, workbook), encoded);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn frame() -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf.set_string(0, 0, "Setup 1/4", Style::new().add_modifier(Modifier::BOLD));
        buf.set_string(
            0,
            1,
            "Zürich 東京 ✓",
            Style::new().fg(Color::Rgb(1, 2, 250)),
        );
        buf.set_string(
            2,
            2,
            "[x]",
            Style::new().fg(Color::Indexed(12)).bg(Color::Red),
        );
        buf
    }

    #[test]
    fn a_frame_reads_back_as_it_was_drawn() {
        let frame = frame();
        let text = encode(7, &frame).unwrap();
        let preview = Preview::parse(text.clone(), 7, frame.area).unwrap();
        let mut painted = Buffer::empty(frame.area);
        preview.paint(&mut painted);
        assert_eq!(painted, frame);
        assert!(preview.is(&text));
    }

    #[test]
    fn a_frame_for_another_key_size_or_build_or_damaged_is_not_used() {
        let frame = frame();
        let text = encode(7, &frame).unwrap();
        assert!(Preview::parse(text.clone(), 8, frame.area).is_none());
        assert!(Preview::parse(text.clone(), 7, Rect::new(0, 0, 12, 4)).is_none());
        assert!(Preview::parse(text.replacen(BUILD, "0000", 1), 7, frame.area).is_none());
        for cut in [1, text.len() / 2, text.len() - 1] {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut cut_text = text.clone();
            cut_text.truncate(cut);
            assert!(Preview::parse(cut_text, 7, frame.area).is_none(), "{cut}");
        }
        // A row one cell short, or runs that do not cover the row.
        assert!(Preview::parse(text.replacen("Setup 1/4", "Setup 1/", 1), 7, frame.area).is_none());
        assert!(Preview::parse(text.replacen("1*7\n", "1*6\n", 1), 7, frame.area).is_none());
        assert!(Preview::parse(text.replacen("1*7\n", "4*7\n", 1), 7, frame.area).is_none());
    }

    #[test]
    fn control_characters_are_neither_kept_nor_painted() {
        let mut frame = frame();
        frame[(5, 2)].set_symbol("\u{1b}");
        assert_eq!(encode(7, &frame), None);
        let text = encode(7, &self::frame()).unwrap();
        let hostile = text.replacen("Setup", "Set\u{1b}p", 1);
        assert!(Preview::parse(hostile, 7, frame.area).is_none());
    }

    #[test]
    fn a_cell_of_several_code_points_is_not_kept() {
        let mut frame = frame();
        frame[(0, 2)].set_symbol("e\u{301}");
        assert_eq!(encode(7, &frame), None);
    }

    #[test]
    fn each_input_changes_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        std::fs::write(&path, "format = 4\n").unwrap();
        let stamp = FileStamp::of(&path).unwrap();
        let resume = Resume::default();
        let base = Inputs {
            path: "plan.toml",
            file: &stamp,
            resume: &resume,
            today: jiff::civil::date(2027, 1, 15),
            color: true,
            present: false,
            width: 80,
            height: 24,
        };
        let k = key(&base);
        assert_eq!(k, key(&base));
        std::fs::write(&path, "format = 4\n# a comment\n").unwrap();
        let edited = FileStamp::of(&path).unwrap();
        let moved = Resume {
            screen: "roadmap".into(),
            ..Resume::default()
        };
        for other in [
            Inputs {
                path: "./plan.toml",
                ..base
            },
            Inputs {
                file: &edited,
                ..base
            },
            Inputs {
                resume: &moved,
                ..base
            },
            Inputs {
                today: jiff::civil::date(2027, 1, 16),
                ..base
            },
            Inputs {
                color: false,
                ..base
            },
            Inputs {
                present: true,
                ..base
            },
            Inputs { width: 81, ..base },
            Inputs { height: 25, ..base },
        ] {
            assert_ne!(key(&other), k, "{other:?}");
        }
    }

    #[test]
    fn a_kept_frame_is_read_from_the_state_directory() {
        let dir = tempfile::tempdir().unwrap();
        let workbook = dir.path().join("plan.toml");
        let frame = frame();
        assert!(Preview::read(dir.path(), &workbook, 7, frame.area).is_none());
        keep(dir.path(), &workbook, &encode(7, &frame).unwrap());
        let mut painted = Buffer::empty(frame.area);
        Preview::read(dir.path(), &workbook, 7, frame.area)
            .unwrap()
            .paint(&mut painted);
        assert_eq!(painted, frame);
    }
}

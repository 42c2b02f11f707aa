//! End-to-end harness: runs the real planbook binary in a pseudo-terminal, types keys
//! and reads the screen back through a vt100 parser. Every wait polls with a deadline.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails with the screen shown.
pub const DEADLINE: Duration = Duration::from_secs(20);

pub mod keys {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const ESC: &str = "\x1b";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const BACKSPACE: &str = "\x7f";
    pub const CTRL_C: &str = "\x03";
    pub const END: &str = "\x1b[F";
    pub const HOME: &str = "\x1b[H";
}

/// Text being waited for, and the moment the screen first showed it: checked after
/// every chunk of output, so the moment a frame lands is known to the microsecond.
type Watch = Arc<Mutex<Option<(String, Option<Instant>)>>>;

/// A program (planbook, or the floor program of the speed figures) in a
/// pseudo-terminal.
pub struct Planbook {
    parser: Arc<Mutex<vt100::Parser>>,
    watch: Watch,
    /// Everything the process wrote, for messages printed after the screen closes.
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    /// How many keys have been typed: a named key (an escape sequence) counts one,
    /// and so does each character of text.
    keys: usize,
}

/// A scratch home for one test: its own data directory, so the default workbook is
/// created there.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Where planbook keeps its default workbook in this sandbox.
    pub fn default_workbook(&self) -> PathBuf {
        self.data_home().join("planbook").join("workbook.toml")
    }

    /// Starts planbook with `args` in an 80x24 terminal.
    pub fn start(&self, args: &[&str]) -> Planbook {
        self.start_sized(args, 80, 24)
    }

    /// Starts another program (such as a shell that starts planbook) in an 80x24
    /// terminal, with the same environment.
    pub fn start_command(&self, program: &str, args: &[&str]) -> Planbook {
        self.spawn(CommandBuilder::new(program), args, 80, 24)
    }

    pub fn start_sized(&self, args: &[&str], cols: u16, rows: u16) -> Planbook {
        self.spawn(
            CommandBuilder::new(env!("CARGO_BIN_EXE_planbook")),
            args,
            cols,
            rows,
        )
    }

    fn spawn(&self, cmd: CommandBuilder, args: &[&str], cols: u16, rows: u16) -> Planbook {
        spawn(cmd, args, self.dir.path(), cols, rows, None)
    }
}

/// Starts `program` with `args` in an 80x24 terminal, with `home` as its home and
/// data and state directories, watching for `first` from the moment it starts.
pub fn start_watching(program: &Path, args: &[&str], home: &Path, first: &str) -> Planbook {
    spawn(
        CommandBuilder::new(program),
        args,
        home,
        80,
        24,
        Some(first),
    )
}

fn spawn(
    mut cmd: CommandBuilder,
    args: &[&str],
    home: &Path,
    cols: u16,
    rows: u16,
    first: Option<&str>,
) -> Planbook {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    cmd.args(args);
    cmd.cwd(home);
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("XDG_STATE_HOME", home.join("state"));
    cmd.env("HOME", home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    let child = pair.slave.spawn_command(cmd).expect("start planbook");
    drop(pair.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(rows).expect("rows"),
        NonZeroU16::new(cols).expect("cols"),
        0,
    )));
    let output = Arc::new(Mutex::new(Vec::new()));
    let watch: Watch = Arc::new(Mutex::new(first.map(|f| (f.to_string(), None))));
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let (p, o, w) = (Arc::clone(&parser), Arc::clone(&output), Arc::clone(&watch));
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut parser = p.lock().expect("parser");
                    parser.process(&buf[..n]);
                    if let Some((needle, seen @ None)) = &mut *w.lock().expect("watch")
                        && parser.screen().contents().contains(needle.as_str())
                    {
                        *seen = Some(Instant::now());
                    }
                    o.lock().expect("output").extend_from_slice(&buf[..n]);
                }
            }
        }
    });
    let writer = pair.master.take_writer().expect("pty writer");
    Planbook {
        parser,
        watch,
        output,
        writer,
        child,
        _master: pair.master,
        keys: 0,
    }
}

impl Planbook {
    /// How long from `since` until the watched text was on the screen.
    pub fn seen_since(&self, since: Instant) -> Duration {
        loop {
            if let Some((_, Some(at))) = &*self.watch.lock().expect("watch") {
                return at.duration_since(since);
            }
            assert!(
                since.elapsed() < DEADLINE,
                "never saw {:?}:\n{}",
                self.watch.lock().expect("watch"),
                self.screen()
            );
            std::thread::sleep(Duration::from_micros(200));
        }
    }

    /// Sends `keys` and returns how long until the screen shows `needle`.
    pub fn key_to_frame(&mut self, keys: &str, needle: &str) -> Duration {
        *self.watch.lock().expect("watch") = Some((needle.to_string(), None));
        let sent = Instant::now();
        self.send(keys);
        self.seen_since(sent)
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running process")
    }

    /// How many keys have been typed so far.
    pub fn keys_typed(&self) -> usize {
        self.keys
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Everything the process printed, as text.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("output")).into_owned()
    }

    /// Types raw bytes (keys) into the terminal.
    pub fn send(&mut self, keys: &str) {
        self.keys += if keys.starts_with('\x1b') {
            1
        } else {
            keys.chars().count()
        };
        self.writer.write_all(keys.as_bytes()).expect("type keys");
        self.writer.flush().expect("flush keys");
    }

    /// Types text one character at a time, waiting for each to be read, so fast
    /// typing is never mistaken for a paste or an escape sequence.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b));
        }
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("the screen to show {text:?}"), |s| {
            s.contains(text)
        })
    }

    /// Waits until `check` holds for the screen text.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a key and waits for the screen to show `text`.
    pub fn press_until(&mut self, keys: &str, text: &str) -> String {
        self.send(keys);
        self.wait_for(text)
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status.exit_code();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "planbook did not exit; the screen shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the process with SIGKILL (it gets no chance to clean up) and waits for
    /// it to be gone.
    pub fn kill(&mut self) {
        let pid = self.child.process_id().expect("a running process");
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -KILL {pid} failed");
        self.wait_exit();
    }

    /// Waits until the process has printed `text` (after it left the screen).
    pub fn wait_output(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let out = self.output();
            if out.contains(text) {
                return out;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {text:?} in the output:\n{out}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Planbook {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs planbook without a terminal (a command such as `report` or `check`, or a
/// workbook that is refused before the terminal is used), with `home` as its home.
pub fn run(home: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_planbook"))
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .output()
        .expect("run planbook")
}

/// Reads a workbook file as a TOML table.
/// A metric's table in a workbook read with `read_toml`.
pub fn metric<'a>(wb: &'a toml::Table, id: &str) -> &'a toml::Table {
    wb["baseline"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["metrics"].as_array().unwrap())
        .map(|m| m.as_table().unwrap())
        .find(|m| m["id"].as_str() == Some(id))
        .unwrap()
}

pub fn read_toml(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).expect("read workbook");
    toml::from_str(&text).expect("workbook is valid TOML")
}

/// The workbook on disk once `ready` holds, polled until the deadline: the screen
/// shows an edit as soon as it is made, and the save that follows lands a moment
/// later.
pub fn read_toml_when(
    path: &Path,
    what: &str,
    ready: impl Fn(&toml::Table) -> bool,
) -> toml::Table {
    let start = Instant::now();
    loop {
        let table = read_toml(path);
        if ready(&table) {
            return table;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "timed out waiting for the workbook on disk to have {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

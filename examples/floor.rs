//! The floor no ratatui app can beat: start, draw one frame, wait for `q`, leave.
//! The startup benchmark compares planbook with it.
#![forbid(unsafe_code)]

use crossterm::event::{self, Event, KeyCode};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| {
        terminal.draw(|frame| {
            frame.render_widget(Paragraph::new("floor: one frame"), frame.area());
        })?;
        loop {
            if let Event::Key(key) = event::read()?
                && key.code == KeyCode::Char('q')
            {
                return Ok(());
            }
        }
    })();
    ratatui::restore();
    result
}

//! Pass-the-laptop voting: each person in turn answers a readiness item or a maturity
//! question unseen, and the counts are revealed at once. Only the counts are kept,
//! and only when the lead keeps them; Esc at any point changes nothing.

use super::{Action, App, Effect};
use crate::model::Answer;
use crate::model::votes::{Voted, Votes};

/// What a round votes on, by flat index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOn {
    Item(usize),
    Question(usize),
}

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Voter `n` (from 1) sees the question and answers.
    Asking(u8),
    /// Voter `n` has voted; the screen hides it until the laptop is passed.
    Hidden(u8),
    /// Every vote is in: the counts are shown.
    Revealed,
}

/// A voting round in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub on: VoteOn,
    pub voters: u8,
    pub stage: Stage,
    pub votes: Votes,
    pub skipped: u8,
}

/// The most people a round takes.
pub const MAX_VOTERS: u8 = 30;

/// Reads how many people vote: a whole number from 2 to 30.
pub fn parse_voters(text: &str) -> Result<u8, String> {
    match text.trim().parse::<u8>() {
        Ok(n @ 2..=MAX_VOTERS) => Ok(n),
        _ => Err(format!(
            "'{}' is not a number of voters: write a whole number from 2 to {MAX_VOTERS}",
            text.trim()
        )),
    }
}

impl App {
    /// The text a round votes on.
    pub fn vote_text(&self, on: VoteOn) -> Option<String> {
        match on {
            VoteOn::Item(i) => self
                .readiness_item(i)
                .map(crate::model::ReadinessItem::label),
            VoteOn::Question(i) => self.question(i).map(|(_, q)| q.text.clone()),
        }
    }

    /// What the row under the cursor votes on, on Readiness or Maturity.
    pub(crate) fn vote_target(&self) -> Option<VoteOn> {
        let i = self.selected();
        match self.screen {
            super::Screen::Readiness => self.readiness_item(i).map(|_| VoteOn::Item(i)),
            super::Screen::Maturity => self.question(i).map(|_| VoteOn::Question(i)),
            _ => None,
        }
    }

    /// Starts a round of `voters` on `on`.
    pub fn start_round(&mut self, on: VoteOn, voters: u8) {
        self.voters = voters;
        self.vote = Some(Round {
            on,
            voters,
            stage: Stage::Asking(1),
            votes: Votes::default(),
            skipped: 0,
        });
    }

    /// Moves the cursor to the next item or question, after this one, whose vote
    /// split; says so when there is none.
    pub(crate) fn next_split(&mut self) {
        let splits: Vec<usize> = match self.screen {
            super::Screen::Readiness => self
                .workbook
                .readiness
                .iter()
                .flat_map(|c| &c.items)
                .enumerate()
                .filter(|(_, x)| x.votes().split())
                .map(|(i, _)| i)
                .collect(),
            super::Screen::Maturity => self
                .workbook
                .maturity
                .iter()
                .flat_map(|d| &d.questions)
                .enumerate()
                .filter(|(_, q)| q.votes().split())
                .map(|(i, _)| i)
                .collect(),
            _ => return,
        };
        let here = self.selected();
        match splits
            .iter()
            .find(|&&i| i > here)
            .or_else(|| splits.first())
        {
            Some(&i) => {
                self.cursor[self.screen.index()] = i;
                self.notice = Some(format!(
                    "{} vote{} split: discuss this one",
                    splits.len(),
                    if splits.len() == 1 { "" } else { "s" }
                ));
            }
            None => self.notice = Some("No vote has split here".into()),
        }
    }
}

/// Applies an action during a round.
pub(crate) fn update_vote(app: &mut App, action: Action) -> Option<Effect> {
    let mut round = app.vote?;
    match (round.stage, action) {
        (_, Action::Resize(width, _)) => app.width = width,
        (_, Action::Cancel) => {
            app.vote = None;
            app.notice = Some("Vote cancelled: nothing recorded".into());
            return None;
        }
        (_, Action::Quit) => {
            app.vote = None;
            return Some(super::quit(app));
        }
        (Stage::Asking(n), Action::Answer(a)) if a != Answer::Unanswered => {
            match a {
                Answer::Yes => round.votes.yes += 1,
                Answer::No => round.votes.no += 1,
                _ => round.votes.na += 1,
            }
            round.stage = next(n, round.voters);
        }
        (Stage::Asking(n), Action::VoteSkip) => {
            round.skipped += 1;
            round.stage = next(n, round.voters);
        }
        (Stage::Hidden(n), Action::Activate) => round.stage = Stage::Asking(n + 1),
        (Stage::Revealed, Action::Activate) => {
            // Kept: the counts go next to the item; the lead records the answer.
            app.vote = None;
            let votes = round.votes;
            let kept = match round.on {
                VoteOn::Item(i) => app.readiness_item_mut(i).map(|x| x.set_votes(votes)),
                VoteOn::Question(i) => app.question_mut(i).map(|q| q.set_votes(votes)),
            };
            app.notice = Some(format!(
                "Votes kept ({}); now record the team's answer",
                votes.short()
            ));
            return kept.map(|()| app.changed());
        }
        _ => return None,
    }
    app.vote = Some(round);
    None
}

/// After voter `n` of `voters`: hide the vote for the next, or reveal.
fn next(n: u8, voters: u8) -> Stage {
    if n >= voters {
        Stage::Revealed
    } else {
        Stage::Hidden(n)
    }
}

impl App {
    /// Whether the run loop should send the clock: while any screen has a timebox.
    pub fn ticking(&self) -> bool {
        self.timebox.iter().any(Option::is_some)
    }

    /// The clock from the run loop, in seconds: the time since the last tick goes to
    /// the screen that was showing.
    pub(crate) fn tick(&mut self, now: u64) {
        if let Some((last, screen)) = self.clock
            && let Some(spent) = self.spent.get_mut(screen)
        {
            *spent += now.saturating_sub(last);
        }
        self.clock = Some((now, self.screen.index()));
    }

    /// Sets the current screen's timebox from what was typed: minutes, or empty for
    /// none.
    pub(crate) fn set_timebox(&mut self, text: &str) -> Result<(), String> {
        let text = text.trim();
        let minutes = if text.is_empty() {
            None
        } else {
            match text.trim_end_matches("min").trim().parse::<u16>() {
                Ok(m @ 1..=240) => Some(m),
                _ => {
                    return Err(format!(
                        "'{text}' is not a timebox: write minutes from 1 to 240, or nothing for none"
                    ));
                }
            }
        };
        self.timebox[self.screen.index()] = minutes;
        self.notice = Some(match minutes {
            Some(m) => format!(
                "{}: timebox {m} min, the time spent shows at the top",
                self.screen.title()
            ),
            None => format!("{}: no timebox", self.screen.title()),
        });
        Ok(())
    }

    /// The current screen's time against its timebox, `12:34 of 20 min`, with `!
    /// over` once past it; `None` without a timebox.
    pub fn timer_text(&self) -> Option<String> {
        let minutes = self.timebox[self.screen.index()]?;
        let spent = self.spent[self.screen.index()];
        let over = spent > u64::from(minutes) * 60;
        Some(format!(
            "{}{}:{:02} of {minutes} min",
            if over { "! over · " } else { "" },
            spent / 60,
            spent % 60
        ))
    }
}

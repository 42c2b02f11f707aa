//! The counts of a vote taken in the room on a readiness item or a maturity question:
//! how many said yes, no or not applicable. Who voted what is never kept.

use super::{Question, ReadinessItem};

/// The counts of one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Votes {
    pub yes: u32,
    pub no: u32,
    pub na: u32,
}

impl Votes {
    /// Whether a round was recorded.
    pub fn any(self) -> bool {
        self.yes + self.no + self.na > 0
    }

    /// The room disagreed: some said yes and some no.
    pub fn split(self) -> bool {
        self.yes > 0 && self.no > 0
    }

    /// `yes 2 · no 1 · n/a 0`, as the reveal says it.
    pub fn counts(self) -> String {
        format!("yes {} · no {} · n/a {}", self.yes, self.no, self.na)
    }

    /// `voted 4–2`, with `, 1 n/a` where some said not applicable.
    pub fn short(self) -> String {
        let na = if self.na > 0 {
            format!(", {} n/a", self.na)
        } else {
            String::new()
        };
        format!("voted {}–{}{na}", self.yes, self.no)
    }
}

/// Something the room votes on.
pub trait Voted {
    fn votes(&self) -> Votes;
    fn set_votes(&mut self, votes: Votes);
}

macro_rules! voted {
    ($t:ty) => {
        impl Voted for $t {
            fn votes(&self) -> Votes {
                Votes {
                    yes: self.voted_yes,
                    no: self.voted_no,
                    na: self.voted_na,
                }
            }

            fn set_votes(&mut self, votes: Votes) {
                self.voted_yes = votes.yes;
                self.voted_no = votes.no;
                self.voted_na = votes.na;
            }
        }
    };
}

voted!(Question);
voted!(ReadinessItem);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_vote_says_so_and_reads_short() {
        let v = Votes {
            yes: 2,
            no: 1,
            na: 0,
        };
        assert!(v.split() && v.any());
        assert_eq!(v.counts(), "yes 2 · no 1 · n/a 0");
        assert_eq!(v.short(), "voted 2–1");
        let all = Votes {
            yes: 4,
            no: 0,
            na: 1,
        };
        assert!(!all.split());
        assert_eq!(all.short(), "voted 4–0, 1 n/a");
        assert!(!Votes::default().any());
    }
}

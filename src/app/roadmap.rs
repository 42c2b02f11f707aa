//! Roadmap interaction: a cell cursor over tracks and months, the list of the selected
//! cell's activities and month's milestones, ticking, and adding, renaming and
//! deleting items.

use super::{Action, App, Effect, Field, Prompt};

/// Which part of the Roadmap screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// Arrows move between cells of the chart.
    #[default]
    Chart,
    /// Arrows move through the selected cell's activities and month's milestones.
    List,
}

/// The Roadmap screen's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoadmapCursor {
    /// Index of the selected track.
    pub track: usize,
    /// The selected plan month, from 1.
    pub month: u32,
    pub focus: Focus,
    /// Selected row of the list, when it has the focus.
    pub item: usize,
}

impl Default for RoadmapCursor {
    fn default() -> Self {
        Self {
            track: 0,
            month: 1,
            focus: Focus::Chart,
            item: 0,
        }
    }
}

/// One row of the Roadmap list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Track index and activity index within the track.
    Activity(usize, usize),
    /// Milestone index.
    Milestone(usize),
}

impl App {
    /// The rows of the Roadmap list: the selected cell's activities, then the selected
    /// month's milestones.
    pub fn roadmap_items(&self) -> Vec<Item> {
        let c = self.roadmap;
        let rm = &self.workbook.roadmap;
        let mut items: Vec<Item> = rm
            .tracks
            .get(c.track)
            .map(|t| {
                t.activities
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.month == c.month)
                    .map(|(i, _)| Item::Activity(c.track, i))
                    .collect()
            })
            .unwrap_or_default();
        items.extend(
            rm.milestones
                .iter()
                .enumerate()
                .filter(|(_, m)| m.month == c.month)
                .map(|(i, _)| Item::Milestone(i)),
        );
        items
    }

    /// The list row under the cursor, when the list has the focus.
    pub fn roadmap_item(&self) -> Option<Item> {
        if self.roadmap.focus != Focus::List {
            return None;
        }
        self.roadmap_items().get(self.roadmap.item).copied()
    }

    /// Keeps the cursor inside the plan after a change of size or content.
    pub(super) fn clamp_roadmap(&mut self) {
        let months = self.workbook.roadmap.months.max(1);
        let tracks = self.workbook.roadmap.tracks.len();
        let c = &mut self.roadmap;
        c.month = c.month.clamp(1, months);
        c.track = c.track.min(tracks.saturating_sub(1));
        let n = self.roadmap_items().len();
        let c = &mut self.roadmap;
        c.item = c.item.min(n.saturating_sub(1));
        if n == 0 {
            c.focus = Focus::Chart;
        }
    }

    fn move_roadmap(&mut self, action: Action) {
        let months = self.workbook.roadmap.months.max(1);
        let tracks = self.workbook.roadmap.tracks.len();
        let list = self.roadmap.focus == Focus::List;
        let rows = if list {
            self.roadmap_items().len()
        } else {
            tracks
        };
        let c = &mut self.roadmap;
        let row = if list { &mut c.item } else { &mut c.track };
        match action {
            Action::Left => c.month = c.month.saturating_sub(1).max(1),
            Action::Right => c.month = (c.month + 1).min(months),
            Action::Up => *row = row.saturating_sub(1),
            Action::Down => *row = (*row + 1).min(rows.saturating_sub(1)),
            Action::PageUp | Action::Home => *row = 0,
            Action::PageDown | Action::End => *row = rows.saturating_sub(1),
            _ => {}
        }
        self.clamp_roadmap();
    }

    fn toggle_item(&mut self, item: Item) -> Option<Effect> {
        let today = self.today;
        let rm = &mut self.workbook.roadmap;
        match item {
            Item::Activity(t, a) => {
                let act = rm.tracks.get_mut(t)?.activities.get_mut(a)?;
                act.done = !act.done;
            }
            Item::Milestone(i) => {
                let ms = rm.milestones.get_mut(i)?;
                ms.toggle(today);
            }
        }
        Some(self.changed())
    }

    fn delete_item(&mut self, item: Item) -> Option<Effect> {
        let rm = &mut self.workbook.roadmap;
        match item {
            Item::Activity(t, a) => {
                let acts = &mut rm.tracks.get_mut(t)?.activities;
                (a < acts.len()).then(|| acts.remove(a))?;
            }
            Item::Milestone(i) => {
                (i < rm.milestones.len()).then(|| rm.milestones.remove(i))?;
            }
        }
        self.clamp_roadmap();
        Some(self.changed())
    }

    /// The text an edit of the roadmap starts from.
    pub(super) fn roadmap_field_value(&self, field: Field) -> Option<String> {
        let rm = &self.workbook.roadmap;
        Some(match field {
            Field::TrackName(t) => rm.tracks.get(t)?.name.clone(),
            Field::ActivityText(t, a) => rm.tracks.get(t)?.activities.get(a)?.text.clone(),
            Field::MilestoneText(i) => rm.milestones.get(i)?.text.clone(),
            Field::Owner(i) => rm.milestones.get(i)?.owner.clone(),
            Field::Due(i) => rm
                .milestones
                .get(i)?
                .due
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Field::NewActivity | Field::NewMilestone => String::new(),
            _ => return None,
        })
    }

    /// Stores a confirmed roadmap edit; `Ok(changed)` or why it was refused.
    pub(super) fn commit_roadmap_field(
        &mut self,
        field: Field,
        text: String,
    ) -> Result<bool, String> {
        if text.is_empty()
            && matches!(
                field,
                Field::TrackName(_)
                    | Field::ActivityText(..)
                    | Field::MilestoneText(_)
                    | Field::NewActivity
                    | Field::NewMilestone
            )
        {
            return Err("a name cannot be empty; Esc cancels".to_string());
        }
        super::check_length("a name", &text)?;
        let today = self.today;
        let c = self.roadmap;
        let rm = &mut self.workbook.roadmap;
        let slot = match field {
            Field::TrackName(t) => rm.tracks.get_mut(t).map(|t| &mut t.name),
            Field::ActivityText(t, a) => rm
                .tracks
                .get_mut(t)
                .and_then(|t| t.activities.get_mut(a))
                .map(|a| &mut a.text),
            Field::MilestoneText(i) => rm.milestones.get_mut(i).map(|m| &mut m.text),
            Field::Owner(i) => rm.milestones.get_mut(i).map(|m| &mut m.owner),
            Field::Due(i) => {
                let value = super::parse_day(&text, today)?;
                return Ok(rm
                    .milestones
                    .get_mut(i)
                    .is_some_and(|m| super::replace(&mut m.due, value)));
            }
            Field::NewActivity => {
                if self
                    .workbook
                    .add_activity(c.track, c.month, &text)
                    .is_none()
                {
                    return Ok(false);
                }
                self.focus_last_of(|item| matches!(item, Item::Activity(..)));
                return Ok(true);
            }
            Field::NewMilestone => {
                let track_id = rm
                    .tracks
                    .get(c.track)
                    .map(|t| t.id.clone())
                    .unwrap_or_default();
                self.workbook.add_milestone(c.month, &track_id, &text);
                self.focus_last_of(|item| matches!(item, Item::Milestone(_)));
                return Ok(true);
            }
            _ => return Ok(false),
        };
        Ok(slot.is_some_and(|s| super::replace(s, text)))
    }

    /// Puts the list focus on the last row that matches, such as a new milestone.
    fn focus_last_of(&mut self, matches: impl Fn(&Item) -> bool) {
        let items = self.roadmap_items();
        if let Some(i) = items.iter().rposition(matches) {
            self.roadmap.focus = Focus::List;
            self.roadmap.item = i;
        }
    }
}

/// Applies an action on the Roadmap screen.
pub(super) fn update(app: &mut App, action: Action) -> Option<Effect> {
    let item = app.roadmap_item();
    match action {
        Action::Left
        | Action::Right
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            app.move_roadmap(action);
            None
        }
        Action::Activate => {
            match (app.roadmap.focus, item) {
                (Focus::Chart, _) => {
                    if !app.roadmap_items().is_empty() {
                        app.roadmap.focus = Focus::List;
                        app.roadmap.item = 0;
                    }
                }
                (Focus::List, Some(item)) => app.start_edit(rename_field(item)),
                (Focus::List, None) => {}
            }
            None
        }
        Action::Cancel => {
            app.roadmap.focus = Focus::Chart;
            None
        }
        Action::Toggle => app.toggle_item(item?),
        Action::Add => {
            app.prompt = Some(Prompt::AddKind);
            None
        }
        Action::AddActivity => {
            app.prompt = None;
            app.start_edit(Field::NewActivity);
            None
        }
        Action::AddMilestone => {
            app.prompt = None;
            app.start_edit(Field::NewMilestone);
            None
        }
        Action::Rename => {
            let field = match (app.roadmap.focus, item) {
                (Focus::List, Some(item)) => rename_field(item),
                _ => Field::TrackName(app.roadmap.track),
            };
            app.start_edit(field);
            None
        }
        Action::Delete => {
            app.prompt = Some(Prompt::Delete(item?));
            None
        }
        Action::Confirm => match app.prompt.take() {
            Some(Prompt::Delete(item)) => app.delete_item(item),
            _ => None,
        },
        Action::EditOwner | Action::EditDue => {
            let Some(Item::Milestone(i)) = item else {
                return None;
            };
            app.start_edit(if action == Action::EditOwner {
                Field::Owner(i)
            } else {
                Field::Due(i)
            });
            None
        }
        _ => None,
    }
}

fn rename_field(item: Item) -> Field {
    match item {
        Item::Activity(t, a) => Field::ActivityText(t, a),
        Item::Milestone(i) => Field::MilestoneText(i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Screen, update};
    use crate::model::Workbook;
    use jiff::civil::Date;
    use tui_input::InputRequest;

    fn app() -> App {
        let mut wb = Workbook::template();
        wb.plan.start_month = "2027-01".parse().ok();
        let mut a = App::new(wb, Date::new(2027, 2, 10).unwrap());
        update(&mut a, Action::GoTo(Screen::Roadmap));
        a
    }

    fn type_text(a: &mut App, text: &str) {
        for c in text.chars() {
            update(a, Action::Edit(InputRequest::InsertChar(c)));
        }
    }

    #[test]
    fn arrows_move_the_cell_cursor_within_the_plan() {
        let mut a = app();
        update(&mut a, Action::Left);
        update(&mut a, Action::Up);
        assert_eq!((a.roadmap.track, a.roadmap.month), (0, 1));
        for _ in 0..10 {
            update(&mut a, Action::Right);
            update(&mut a, Action::Down);
        }
        assert_eq!((a.roadmap.track, a.roadmap.month), (5, 6));
        assert_eq!(a.roadmap.focus, Focus::Chart);
    }

    #[test]
    fn the_list_holds_the_cell_activities_then_the_month_milestones() {
        let mut a = app();
        update(&mut a, Action::Right); // month 2, Foundation: no activities
        let items = a.roadmap_items();
        assert_eq!(items.len(), 5);
        assert!(items.iter().all(|i| matches!(i, Item::Milestone(_))));
        update(&mut a, Action::Down); // Core Processes
        let items = a.roadmap_items();
        assert_eq!(items.len(), 4 + 5);
        assert!(matches!(items[0], Item::Activity(1, _)));
    }

    #[test]
    fn space_ticks_with_todays_date_and_unticks() {
        let mut a = app();
        update(&mut a, Action::Right);
        update(&mut a, Action::Activate);
        assert_eq!(a.roadmap.focus, Focus::List);
        assert_eq!(update(&mut a, Action::Toggle), Some(Effect::Save));
        let Some(Item::Milestone(i)) = a.roadmap_item() else {
            panic!("a milestone is selected");
        };
        assert_eq!(
            a.workbook.roadmap.milestones[i].done_on,
            "2027-02-10".parse().ok()
        );
        update(&mut a, Action::Toggle);
        assert_eq!(a.workbook.roadmap.milestones[i].done_on, None);
        // Activities tick too.
        update(&mut a, Action::Cancel);
        update(&mut a, Action::Down);
        update(&mut a, Action::Activate);
        update(&mut a, Action::Toggle);
        assert!(
            a.workbook.roadmap.tracks[1]
                .activities
                .iter()
                .any(|x| x.done)
        );
    }

    #[test]
    fn add_rename_and_delete_with_confirmation() {
        let mut a = app();
        update(&mut a, Action::Down);
        update(&mut a, Action::Right);
        update(&mut a, Action::Add);
        assert_eq!(a.prompt, Some(Prompt::AddKind));
        update(&mut a, Action::AddActivity);
        assert_eq!(a.prompt, None);
        type_text(&mut a, "Run a game day");
        assert_eq!(update(&mut a, Action::Activate), Some(Effect::Save));
        let acts = &a.workbook.roadmap.tracks[1].activities;
        let new = acts.last().unwrap();
        assert_eq!(
            (new.id.as_str(), new.month, new.text.as_str()),
            ("run-a-game-day", 2, "Run a game day")
        );
        assert_eq!(
            a.roadmap_item(),
            Some(Item::Activity(1, acts.len() - 1)),
            "the new item is selected"
        );

        // An empty name is refused.
        update(&mut a, Action::Rename);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        assert_eq!(update(&mut a, Action::Activate), None);
        assert!(a.edit.as_ref().unwrap().error.is_some());
        type_text(&mut a, "Run two game days");
        update(&mut a, Action::Activate);
        assert_eq!(
            a.workbook.roadmap.tracks[1].activities.last().unwrap().text,
            "Run two game days"
        );

        // Delete asks first; n keeps it, y deletes it.
        let before = a.workbook.roadmap.tracks[1].activities.len();
        update(&mut a, Action::Delete);
        assert!(matches!(a.prompt, Some(Prompt::Delete(_))));
        update(&mut a, Action::Cancel);
        assert_eq!(a.workbook.roadmap.tracks[1].activities.len(), before);
        update(&mut a, Action::Delete);
        assert_eq!(update(&mut a, Action::Confirm), Some(Effect::Save));
        assert_eq!(a.workbook.roadmap.tracks[1].activities.len(), before - 1);
    }

    #[test]
    fn milestones_get_owners_and_checked_due_dates() {
        let mut a = app();
        update(&mut a, Action::Right);
        for _ in 0..2 {
            update(&mut a, Action::Add);
            update(&mut a, Action::AddMilestone);
            type_text(&mut a, "Pilot team onboarded");
            update(&mut a, Action::Activate);
        }
        let Some(Item::Milestone(i)) = a.roadmap_item() else {
            panic!("the new milestone is selected");
        };
        let ms = &a.workbook.roadmap.milestones[i];
        assert_eq!(ms.id, "m2-pilot-team-onboarded-2", "ids stay unique");
        assert_eq!(
            a.workbook.roadmap.milestones[i - 1].month,
            2,
            "kept in month order"
        );
        assert_eq!(a.workbook.roadmap.milestones[i + 1].month, 3);
        update(&mut a, Action::EditOwner);
        type_text(&mut a, "Sam");
        update(&mut a, Action::Activate);
        update(&mut a, Action::EditDue);
        type_text(&mut a, "next week");
        assert_eq!(update(&mut a, Action::Activate), None);
        update(&mut a, Action::Edit(InputRequest::DeleteLine));
        type_text(&mut a, "2027-02-14");
        update(&mut a, Action::Activate);
        let ms = &a.workbook.roadmap.milestones[i];
        assert_eq!(
            (ms.owner.as_str(), ms.due),
            ("Sam", "2027-02-14".parse().ok())
        );
    }

    #[test]
    fn the_cursor_is_resumed() {
        let mut a = app();
        update(&mut a, Action::Down);
        update(&mut a, Action::Right);
        update(&mut a, Action::Right);
        update(&mut a, Action::Activate);
        update(&mut a, Action::Down);
        update(&mut a, Action::Quit);
        let b = App::resuming(a.workbook.clone(), a.resume_to_save().clone(), a.today);
        assert_eq!(b.screen, Screen::Roadmap);
        assert_eq!(b.roadmap, a.roadmap);
    }
}

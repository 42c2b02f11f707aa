//! Editing a workbook's TOML document in place. A save serializes the model into a
//! fresh document and merges it into the document read from disk: only values that
//! changed are touched, so comments, blank lines, key order, inline arrays and string
//! styles the team wrote stay as they were.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// Keys whose values are calendar dates, written as TOML dates (`due = 2027-02-05`).
pub(super) const DATE_KEYS: [&str; 6] = [
    "corrected_on",
    "done_on",
    "due",
    "measured_on",
    "shifted_on",
    "taken_on",
];

/// The widest line a new workbook writes an array on; longer arrays get one item per
/// line. The same width as `taplo fmt`'s default, so the two agree on the layout.
pub(super) const ARRAY_WIDTH: usize = 80;

/// The model as a TOML document in the shape a file has: tables and arrays of tables
/// rather than inline ones, dates as TOML dates. No layout applied yet.
pub fn to_document<T: serde::Serialize>(value: &T) -> Result<DocumentMut, toml_edit::ser::Error> {
    let mut doc = toml_edit::ser::to_document(value)?;
    normalize_table(doc.as_table_mut());
    Ok(doc)
}

/// Turns inline tables into tables and arrays of inline tables into arrays of tables,
/// and date strings under date keys into TOML dates.
fn normalize_table(table: &mut Table) {
    for (key, item) in table.iter_mut() {
        let is_date = DATE_KEYS.contains(&key.get());
        normalize_item(item, is_date);
    }
}

fn normalize_item(item: &mut Item, is_date: bool) {
    let taken = std::mem::take(item);
    *item = match taken {
        Item::Value(Value::InlineTable(t)) => {
            let mut t = t.into_table();
            normalize_table(&mut t);
            Item::Table(t)
        }
        Item::Value(Value::Array(a))
            if !a.is_empty() && a.iter().all(|v| matches!(v, Value::InlineTable(_))) =>
        {
            let mut aot = ArrayOfTables::new();
            for v in a {
                if let Value::InlineTable(t) = v {
                    let mut t = t.into_table();
                    normalize_table(&mut t);
                    aot.push(t);
                }
            }
            Item::ArrayOfTables(aot)
        }
        Item::Value(Value::String(s)) if is_date => match as_toml_date(s.value()) {
            Some(d) => Item::Value(Value::from(d)),
            None => Item::Value(Value::String(s)),
        },
        other => other,
    };
}

pub(super) fn as_toml_date(s: &str) -> Option<toml_edit::Datetime> {
    let date: jiff::civil::Date = s.parse().ok()?;
    Some(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(date.year()).ok()?,
            month: u8::try_from(date.month()).ok()?,
            day: u8::try_from(date.day()).ok()?,
        }),
        time: None,
        offset: None,
    })
}

/// The layout of a new workbook: short arrays on one line, long ones one item per
/// line with a trailing comma, as `taplo fmt` lays them out by default.
pub fn lay_out(doc: &mut DocumentMut) {
    lay_out_table(doc.as_table_mut());
}

fn lay_out_table(table: &mut Table) {
    for (key, item) in table.iter_mut() {
        match item {
            Item::Table(t) => lay_out_table(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(lay_out_table),
            Item::Value(Value::Array(a)) => {
                a.fmt();
                // `key = [..]`, as wide as it is written on one line.
                let width = key.get().len() + 3 + a.to_string().trim().chars().count();
                if width > ARRAY_WIDTH {
                    expand(a);
                }
            }
            Item::Value(_) | Item::None => {}
        }
    }
}

fn expand(a: &mut Array) {
    for v in a.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
        v.decor_mut().set_suffix("");
    }
    a.set_trailing_comma(true);
    a.set_trailing("\n");
}

/// The model as one TOML item in the shape a file has.
pub(super) fn to_item<T: serde::Serialize + ?Sized>(
    value: &T,
) -> Result<Item, toml_edit::ser::Error> {
    let value = value.serialize(toml_edit::ser::ValueSerializer::new())?;
    let mut item = Item::Value(value);
    normalize_item(&mut item, false);
    Ok(item)
}

/// Merges into `doc` only what changed from `last` to `now`, where `doc` is the text
/// of `last` (as read from disk, or as last saved), and brings `last` up to `now` the
/// same way. Equal sections are not even serialized, and in a list only the items
/// that changed are (and only they are copied into `last`), so a tick costs the tick,
/// not the whole workbook. Anything this does not know how to narrow down is merged
/// whole, as `merge` does.
pub fn merge_changes(
    doc: &mut DocumentMut,
    last: &mut crate::model::Workbook,
    now: &crate::model::Workbook,
) -> Result<(), toml_edit::ser::Error> {
    if *last == *now {
        return Ok(());
    }
    if last.format != now.format || last.extra != now.extra {
        merge(doc, &to_document(now)?);
        last.clone_from(now);
        return Ok(());
    }
    let root = doc.as_table_mut();
    if last.plan != now.plan {
        merge_key(root, "plan", &now.plan)?;
        last.plan.clone_from(&now.plan);
    }
    merge_list(root, "readiness", &mut last.readiness, &now.readiness)?;
    merge_list(root, "baseline", &mut last.baseline, &now.baseline)?;
    merge_list(root, "maturity", &mut last.maturity, &now.maturity)?;
    merge_list(root, "phases", &mut last.phases, &now.phases)?;
    merge_list(root, "kpis", &mut last.kpis, &now.kpis)?;
    merge_optional_list(root, "health", &mut last.health, &now.health)?;
    merge_optional_list(root, "challenges", &mut last.challenges, &now.challenges)?;
    merge_optional_list(root, "snapshots", &mut last.snapshots, &now.snapshots)?;
    let (l, n) = (&mut last.roadmap, &now.roadmap);
    if *l != *n {
        match root.get_mut("roadmap") {
            Some(Item::Table(rm)) if l.months == n.months && l.extra == n.extra => {
                merge_list(rm, "stages", &mut l.stages, &n.stages)?;
                merge_list(rm, "tracks", &mut l.tracks, &n.tracks)?;
                merge_list(rm, "milestones", &mut l.milestones, &n.milestones)?;
                merge_optional_list(rm, "shifts", &mut l.shifts, &n.shifts)?;
            }
            _ => {
                merge_key(root, "roadmap", n)?;
                l.clone_from(n);
            }
        }
    }
    Ok(())
}

/// A list the model leaves out when empty (`skip_serializing_if`): an empty one
/// removes its key, as a whole save would.
fn merge_optional_list<T: serde::Serialize + PartialEq + Clone>(
    table: &mut Table,
    key: &str,
    last: &mut Vec<T>,
    now: &[T],
) -> Result<(), toml_edit::ser::Error> {
    if now.is_empty() {
        table.remove(key);
        last.clear();
        Ok(())
    } else {
        merge_list(table, key, last, now)
    }
}

/// Merges one key of a table with the model's value for it.
fn merge_key<T: serde::Serialize + ?Sized>(
    table: &mut Table,
    key: &str,
    value: &T,
) -> Result<(), toml_edit::ser::Error> {
    let new = to_item(value)?;
    match table.get_mut(key) {
        Some(old) => merge_items(old, &new),
        None if new.is_none() => {}
        None => {
            table.insert(key, new);
        }
    }
    Ok(())
}

/// Merges a list written as an array of tables: item by item where the file holds
/// the same number of tables as `last` had items, only the items that changed; and
/// brings `last` up to `now`.
fn merge_list<T: serde::Serialize + PartialEq + Clone>(
    table: &mut Table,
    key: &str,
    last: &mut Vec<T>,
    now: &[T],
) -> Result<(), toml_edit::ser::Error> {
    if last.as_slice() == now {
        return Ok(());
    }
    if let Some(Item::ArrayOfTables(aot)) = table.get_mut(key)
        && aot.len() == last.len()
        && last.len() == now.len()
    {
        let mut whole = false;
        for (i, (l, n)) in last.iter_mut().zip(now).enumerate() {
            if *l == *n {
                continue;
            }
            if let (Some(old), Item::Table(new)) = (aot.get_mut(i), to_item(n)?) {
                merge_tables(old, &new);
                l.clone_from(n);
            } else {
                whole = true;
                break;
            }
        }
        if !whole {
            return Ok(());
        }
    }
    if !(now.is_empty() && last.is_empty()) {
        merge_key(table, key, now)?;
    }
    *last = now.to_vec();
    Ok(())
}

/// Merges `new` into `old`: what is equal stays exactly as written, what changed takes
/// the new value (keeping the old one's comments), what is new is added and what is
/// gone is removed.
pub fn merge(old: &mut DocumentMut, new: &DocumentMut) {
    merge_tables(old.as_table_mut(), new.as_table());
}

pub(super) fn merge_tables(old: &mut dyn TableLike, new: &dyn TableLike) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| !new.contains_key(k))
        .collect();
    for key in gone {
        old.remove(&key);
    }
    for (key, new_item) in new.iter() {
        if let Some(old_item) = old.get_mut(key) {
            merge_items(old_item, new_item);
        } else {
            // New here: laid out as a new workbook is.
            let mut item = new_item.clone();
            match &mut item {
                Item::Table(t) => lay_out_table(t),
                Item::ArrayOfTables(a) => a.iter_mut().for_each(lay_out_table),
                _ => {}
            }
            old.insert(key, item);
        }
    }
}

fn merge_items(old: &mut Item, new: &Item) {
    match (old, new) {
        (Item::Value(o), Item::Value(n)) => merge_values(o, n),
        (Item::Table(o), Item::Table(n)) => merge_tables(o, n),
        (Item::Value(Value::InlineTable(o)), Item::Table(n)) => merge_tables(o, n),
        (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) => merge_arrays_of_tables(o, n),
        // An array of tables the user wrote inline stays inline.
        (Item::Value(o @ Value::Array(_)), Item::ArrayOfTables(n)) => {
            let mut inline = Array::new();
            for t in n {
                inline.push(t.clone().into_inline_table());
            }
            merge_values(o, &Value::Array(inline));
        }
        (o, n) => {
            let decor = match o {
                Item::Value(v) => Some(v.decor().clone()),
                _ => None,
            };
            *o = n.clone();
            if let (Some(decor), Item::Value(v)) = (decor, o) {
                *v.decor_mut() = decor;
            }
        }
    }
}

fn merge_values(old: &mut Value, new: &Value) {
    if values_equal(old, new) {
        return;
    }
    match (old, new) {
        (Value::Array(o), Value::Array(n)) => merge_arrays(o, n),
        (Value::InlineTable(o), Value::InlineTable(n)) => merge_tables(o, n),
        (o, n) => {
            let decor = o.decor().clone();
            // A date the user wrote as a string stays a string.
            let keep_string = matches!(o, Value::String(_)) && matches!(n, Value::Datetime(_));
            *o = if keep_string {
                Value::from(n.to_string().trim())
            } else {
                n.clone()
            };
            *o.decor_mut() = decor;
        }
    }
}

/// Item by item, so each keeps its place, comments and the array's line breaks.
fn merge_arrays(old: &mut Array, new: &Array) {
    let keep = old.len().min(new.len());
    for i in 0..keep {
        if let (Some(o), Some(n)) = (old.get_mut(i), new.get(i)) {
            merge_values(o, n);
        }
    }
    while old.len() > new.len() {
        old.remove(old.len() - 1);
    }
    // New items are written like the last one there (on its own line, or not).
    let like = old.iter().last().map(|v| v.decor().clone());
    for n in new.iter().skip(keep) {
        let mut v = n.clone();
        match &like {
            Some(decor) => *v.decor_mut() = decor.clone(),
            None => v.decor_mut().clear(),
        }
        old.push_formatted(v);
    }
    if old.len() == 1
        && let Some(first) = old.get_mut(0)
    {
        // A single item needs no leading space before it.
        let prefix = first
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("");
        if prefix.trim().is_empty() && !prefix.contains('\n') {
            first.decor_mut().set_prefix("");
        }
    }
}

/// The id that matches a table on disk with the same table in the model.
fn id_of(t: &Table) -> Option<&str> {
    t.get("id").and_then(Item::as_str)
}

/// Arrays of tables are matched by `id` where every table has one, so adding,
/// deleting or moving one leaves the others as they were; by position otherwise.
fn merge_arrays_of_tables(old: &mut ArrayOfTables, new: &ArrayOfTables) {
    let by_id = new.iter().all(|t| id_of(t).is_some()) && old.iter().all(|t| id_of(t).is_some());
    // The common case, an edit inside tables that stay where they are: merged in place.
    let same_order = old.len() == new.len()
        && (!by_id
            || old
                .iter()
                .zip(new.iter())
                .all(|(o, n)| id_of(o) == id_of(n)));
    if same_order {
        for (o, n) in old.iter_mut().zip(new.iter()) {
            merge_tables(o, n);
        }
        return;
    }
    let mut pool: Vec<Option<Table>> = std::mem::take(old).into_iter().map(Some).collect();
    // Where each id stands on disk: looked up once per table, not searched for.
    let at: std::collections::HashMap<String, usize> = if by_id {
        pool.iter()
            .enumerate()
            .filter_map(|(i, t)| Some((id_of(t.as_ref()?)?.to_string(), i)))
            .collect()
    } else {
        std::collections::HashMap::new()
    };
    let mut merged = ArrayOfTables::new();
    // The highest place in the file taken so far: a table that moved up in the order
    // loses its place, so it is written where the order puts it.
    let mut highest: Option<isize> = None;
    for (i, n) in new.iter().enumerate() {
        let found = if by_id {
            id_of(n).and_then(|id| at.get(id).copied())
        } else {
            (i < pool.len()).then_some(i)
        };
        let table = if let Some(mut o) = found.and_then(|j| pool.get_mut(j).and_then(Option::take))
        {
            merge_tables(&mut o, n);
            match (o.position(), highest) {
                (Some(p), Some(h)) if p < h => clear_positions(&mut o),
                (Some(p), _) => highest = Some(p),
                (None, _) => {}
            }
            o
        } else {
            let mut t = n.clone();
            clear_positions(&mut t);
            lay_out_table(&mut t);
            // Spaced like the table before it, without its comments.
            let blank = merged.iter().last().and_then(|p: &Table| {
                let prefix = p.decor().prefix()?.as_str()?;
                prefix.trim().is_empty().then(|| prefix.to_string())
            });
            if let Some(prefix) = blank {
                t.decor_mut().set_prefix(prefix);
            }
            t
        };
        merged.push(table);
    }
    *old = merged;
}

/// Forgets where a table (and the tables in it) stood in the file, so it is written
/// after the table before it.
fn clear_positions(t: &mut Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        match item {
            Item::Table(t) => clear_positions(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(clear_positions),
            _ => {}
        }
    }
}

/// Equal as data, whatever the layout: `1.0` and `1.00`, `'a'` and `"a"`, a date and
/// the same date written as a string.
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Integer(x), Value::Integer(y)) => x.value() == y.value(),
        #[allow(clippy::float_cmp)]
        (Value::Float(x), Value::Float(y)) => x.value() == y.value(),
        (Value::Boolean(x), Value::Boolean(y)) => x.value() == y.value(),
        (Value::Datetime(x), Value::Datetime(y)) => x.value() == y.value(),
        (Value::String(s), Value::Datetime(d)) | (Value::Datetime(d), Value::String(s)) => {
            s.value().trim() == d.value().to_string()
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| values_equal(a, b))
        }
        (Value::InlineTable(x), Value::InlineTable(y)) => inline_tables_equal(x, y),
        _ => false,
    }
}

fn inline_tables_equal(x: &InlineTable, y: &InlineTable) -> bool {
    x.len() == y.len()
        && x.iter()
            .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, new: &str) -> String {
        let mut doc: DocumentMut = old.parse().unwrap();
        let mut fresh: DocumentMut = new.parse().unwrap();
        normalize_table(fresh.as_table_mut());
        merge(&mut doc, &fresh);
        doc.to_string()
    }

    #[test]
    fn unchanged_is_byte_identical() {
        let text = "# mine\na = 'x'   # why\n\nlevels = [2,3]\n[t]\nb = 1.50\n";
        assert_eq!(
            apply(text, "a = \"x\"\nlevels = [2, 3]\n[t]\nb = 1.5\n"),
            text
        );
    }

    #[test]
    fn a_changed_value_keeps_its_comment() {
        let text = "# mine\ndone = false # reviewed\nnote = ''\n";
        assert_eq!(
            apply(text, "done = true\nnote = ''\n"),
            "# mine\ndone = true # reviewed\nnote = ''\n"
        );
    }

    #[test]
    fn tables_match_by_id_and_new_ones_follow_their_neighbour() {
        let text = "\
[[m]]
id = \"a\" # first
[[m]]
id = \"c\"

# the end
[x]
";
        let new = "[[m]]\nid = \"a\"\n[[m]]\nid = \"b\"\n[[m]]\nid = \"c\"\n[x]\n";
        let out = apply(text, new);
        assert_eq!(
            out,
            "[[m]]\nid = \"a\" # first\n[[m]]\nid = \"b\"\n[[m]]\nid = \"c\"\n\n# the end\n[x]\n"
        );
        // Deleting it again gives back the original.
        assert_eq!(
            apply(&out, "[[m]]\nid = \"a\"\n[[m]]\nid = \"c\"\n[x]\n"),
            text
        );
    }

    #[test]
    fn a_moved_table_is_written_in_its_new_place() {
        let text = "[[m]]\nid = \"a\"\n[[m]]\nid = \"b\"\n";
        let out = apply(text, "[[m]]\nid = \"b\"\n[[m]]\nid = \"a\"\n");
        let back: DocumentMut = out.parse().unwrap();
        let ids: Vec<_> = back["m"]
            .as_array_of_tables()
            .unwrap()
            .iter()
            .map(|t| id_of(t).unwrap().to_string())
            .collect();
        assert_eq!(ids, ["b", "a"], "{out}");
    }

    #[test]
    fn inline_arrays_stay_inline_and_multiline_ones_multiline() {
        assert_eq!(apply("l = [1, 2]\n", "l = [1, 2, 3]\n"), "l = [1, 2, 3]\n");
        assert_eq!(
            apply("l = [\n  1,\n  2,\n]\n", "l = [1, 3, 4]\n"),
            "l = [\n  1,\n  3,\n  4,\n]\n"
        );
        assert_eq!(apply("l = []\n", "l = [\"a\"]\n"), "l = [\"a\"]\n");
    }

    #[test]
    fn dates_are_written_as_dates_unless_the_user_wrote_strings() {
        assert_eq!(
            apply("x = 1\n", "x = 1\ndue = \"2027-02-05\"\n"),
            "x = 1\ndue = 2027-02-05\n"
        );
        assert_eq!(
            apply("due = \"2027-02-05\"\n", "due = \"2027-02-05\"\n"),
            "due = \"2027-02-05\"\n"
        );
        assert_eq!(
            apply("due = \"2027-02-05\"\n", "due = \"2027-03-01\"\n"),
            "due = \"2027-03-01\"\n"
        );
        assert_eq!(
            apply("due = 2027-02-05 # set\n", "due = \"2027-03-01\"\n"),
            "due = 2027-03-01 # set\n"
        );
    }

    #[test]
    fn gone_keys_are_removed_and_new_keys_added() {
        assert_eq!(apply("a = 1\nb = 2\n", "a = 1\nc = 3\n"), "a = 1\nc = 3\n");
    }

    #[test]
    fn a_user_inline_table_stays_inline() {
        assert_eq!(
            apply("n = { sev1 = 2 }\n", "[n]\nsev1 = 3\n"),
            "n = { sev1 = 3 }\n"
        );
    }

    #[test]
    fn a_list_of_tables_written_inline_stays_inline() {
        let text = "stages = [{ name = \"A\", first = 1 }, { name = \"B\", first = 2 }] # ours\n";
        let out = apply(
            text,
            "[[stages]]\nname = \"A\"\nfirst = 1\n[[stages]]\nname = \"B\"\nfirst = 3\n",
        );
        assert_eq!(
            out,
            "stages = [{ name = \"A\", first = 1 }, { name = \"B\", first = 3 }] # ours\n"
        );
    }
}

//! The ends of names' words: typing "lund" finds Frølund.
//!
//! `name_ends` holds every distinct word of the cached display names, folded
//! as the search index folds them and written backwards. A typed word,
//! reversed, is looked up there as a prefix, which gives the words it ends;
//! the search then asks the index for those words, exactly, beside the
//! words the typed one begins. The search index holds nothing more for it,
//! and a typed word that ends no word costs one lookup in a small table.
//! Why this rather than a trigram index, or nothing: docs/benchmarks.md.
//!
//! Words are added as syncs bring people (or new names); a word whose
//! people left stays, matching no one, which costs its lookup and nothing
//! more.

use rusqlite::{params, Connection};

use super::search::{has_letters, push_split, reversed, SUFFIX_MIN, TOKENIZER};
use super::Result;

/// More words than this ending with a typed word (typed "son" in an org of
/// Swedes), and that word is looked for at word starts only: an OR of
/// hundreds of words would cost more than it helps.
const MAX_ENDS: usize = 200;

/// Names folded at a time: one row of a scratch index.
const NAMES_AT_ONCE: usize = 20_000;

/// A scratch index on the connection that writes people, to fold their
/// names' words as the search index does.
pub(super) fn prepare(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.name_fold
           USING fts5(text, content = '', detail = none, tokenize = \"{TOKENIZER}\");
         CREATE VIRTUAL TABLE IF NOT EXISTS temp.name_fold_words USING fts5vocab(temp, name_fold, row);"
    ))?;
    Ok(())
}

/// Adds the words of `names` (display names) to `name_ends`.
pub(super) fn record<'a>(conn: &Connection, names: impl Iterator<Item = &'a str>) -> Result<()> {
    let names: Vec<&str> = names.collect();
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO name_ends (reversed) VALUES (?1)")?;
    let mut words = conn.prepare_cached("SELECT term FROM temp.name_fold_words")?;
    for chunk in names.chunks(NAMES_AT_ONCE) {
        let mut text = String::new();
        for name in chunk {
            push_split(&mut text, name);
        }
        conn.execute("INSERT INTO temp.name_fold (name_fold) VALUES ('delete-all')", [])?;
        conn.execute("INSERT INTO temp.name_fold (rowid, text) VALUES (1, ?1)", [text])?;
        // A lone mark folds to an empty word, which the vocabulary shows as NULL.
        let folded: Vec<Option<String>> = words.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for word in folded.iter().flatten() {
            if has_letters(word) && word.chars().count() >= SUFFIX_MIN {
                insert.execute([reversed(word)])?;
            }
        }
    }
    Ok(())
}

/// The names' words that end with `word` (as the index holds it) and do
/// not also begin with it: those its prefix finds already. Empty when more
/// than [`MAX_ENDS`] words end with it.
pub(super) fn words_ending(conn: &Connection, word: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT reversed FROM name_ends WHERE reversed >= ?1 AND reversed < ?1 || char(1114111) LIMIT ?2",
    )?;
    let ends: Vec<String> = stmt
        .query_map(params![reversed(word), MAX_ENDS as i64 + 1], |r| r.get::<_, String>(0))?
        .map(|end| end.map(|e| reversed(&e)))
        .collect::<rusqlite::Result<_>>()?;
    if ends.len() > MAX_ENDS {
        return Ok(Vec::new());
    }
    Ok(ends.into_iter().filter(|w| !w.starts_with(word)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::temp_store;
    use crate::webex::models::Person;

    fn named(names: &[String]) -> Vec<Person> {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| Person { id: format!("p{i}"), display_name: name.clone(), ..Default::default() })
            .collect()
    }

    #[test]
    fn a_typed_end_gives_the_words_it_ends_folded_leaving_those_it_begins() {
        let (_dir, store) = temp_store();
        let names = ["Ann Frølund", "Bo Lund", "Cy Lundgren", "Zoé Lefèvre", "Di Fevre"].map(String::from);
        store.replace_people("org", &named(&names)).unwrap();
        let conn = store.reader();
        assert_eq!(words_ending(&conn, "lund").unwrap(), ["frølund"], "Lund itself begins with it");
        assert_eq!(words_ending(&conn, "fevre").unwrap(), ["lefevre"], "accents folded as the index folds them");
        assert_eq!(words_ending(&conn, "gren").unwrap(), ["lundgren"]);
        assert!(words_ending(&conn, "xyz").unwrap().is_empty());
    }

    #[test]
    fn a_word_that_ends_too_many_is_looked_for_at_word_starts_only() {
        let (_dir, store) = temp_store();
        // "a" to "zz": more surnames ending in "son" than are looked up.
        let letters = |mut i: usize| {
            let mut s = String::new();
            loop {
                s.insert(0, char::from(b'a' + (i % 26) as u8));
                i /= 26;
                if i == 0 {
                    return s;
                }
            }
        };
        let names: Vec<String> = (0..=MAX_ENDS).map(|i| format!("Ann {}son", letters(i))).collect();
        store.replace_people("org", &named(&names)).unwrap();
        assert!(words_ending(&store.reader(), "son").unwrap().is_empty());
        // A longer end, fewer words: looked up.
        let bson = words_ending(&store.reader(), "bson").unwrap();
        assert!(!bson.is_empty() && bson.iter().all(|w| w.ends_with("bson") && w != "bson"), "{bson:?}");
    }
}

//! The app's log: one file a day, `PREFIX.YYYY-MM-DD` (UTC), as
//! tracing-appender's daily files were named, but created 0600.

use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;

use super::private::open_private_append;
use crate::store::{now_ms, rfc3339};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Appends to today's file, opening the next one when the day changes.
pub struct DailyLog {
    dir: PathBuf,
    prefix: String,
    /// The day (days since the epoch) and its file.
    current: Option<(i64, File)>,
}

impl DailyLog {
    /// Nothing is created until the first write.
    pub fn new(dir: impl Into<PathBuf>, prefix: &str) -> Self {
        Self { dir: dir.into(), prefix: prefix.to_owned(), current: None }
    }

    /// The file of the day `now_ms` falls in.
    pub fn path_at(&self, now_ms: i64) -> PathBuf {
        let date: String = rfc3339(now_ms).chars().take(10).collect();
        self.dir.join(format!("{}.{date}", self.prefix))
    }

    fn file(&mut self) -> io::Result<&mut File> {
        let now = now_ms();
        let day = now.div_euclid(DAY_MS);
        if self.current.as_ref().is_none_or(|(open_day, _)| *open_day != day) {
            self.current = Some((day, open_private_append(&self.path_at(now))?));
        }
        Ok(&mut self.current.as_mut().expect("opened above").1)
    }
}

impl Write for DailyLog {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.current {
            Some((_, file)) => file.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_the_day() {
        let log = DailyLog::new("/logs", "hubdesk.log");
        assert_eq!(log.path_at(0), PathBuf::from("/logs/hubdesk.log.1970-01-01"));
        assert_eq!(log.path_at(DAY_MS - 1), PathBuf::from("/logs/hubdesk.log.1970-01-01"));
        assert_eq!(log.path_at(DAY_MS), PathBuf::from("/logs/hubdesk.log.1970-01-02"));
    }

    #[test]
    fn lines_are_appended_to_a_file_only_its_owner_reads() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = DailyLog::new(dir.path(), "hubdesk.log");
        let path = log.path_at(now_ms());
        // An older build's file of today, readable by everyone.
        std::fs::write(&path, "before\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        writeln!(log, "one").unwrap();
        writeln!(log, "two").unwrap();
        log.flush().unwrap();
        let path = log.path_at(now_ms()); // the day may have turned meanwhile
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("one\ntwo\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_new_file_is_created_0600() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = DailyLog::new(dir.path(), "hubdesk.log");
        writeln!(log, "first").unwrap();
        let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap();
        assert!(file.file_name().to_string_lossy().starts_with("hubdesk.log.20"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}

//! Writing a file the admin named, so that a failure leaves the old file
//! as it was and a database is never overwritten.

use std::io::{BufWriter, Read, Write};
use std::path::Path;

use hubdesk_api::{ApiError, ErrorCode};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Writes `path` with what `write` writes: into a temporary file in the
/// same folder (created 0600), flushed and synced, then renamed over
/// `path`, only if `write` succeeded. A failed write, an error of `write`
/// or a crash leaves `path` as it was (or absent). An SQLite database at
/// `path` (hubdesk's cache or ledger, or another program's) is refused
/// before anything is written.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    if is_sqlite_database(path) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "That file is a database, so it was not overwritten. Choose another file name for the export.",
        )
        .with_detail(format!("refused to overwrite {}: it is an SQLite database", path.display())));
    }
    if path.is_dir() {
        return Err(ApiError::new(ErrorCode::InvalidInput, "That is a folder. Choose a file name for the export.")
            .with_detail(format!("{} is a folder", path.display())));
    }
    let cannot = |e: std::io::Error| cannot_write(path, e);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // tempfile creates it 0600 (unix) under a name no one else has.
    let mut temporary =
        tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir).map_err(cannot)?;
    let value = {
        let mut out = BufWriter::new(temporary.as_file_mut());
        let value = write(&mut out)?;
        out.flush().map_err(cannot)?;
        value
    };
    temporary.as_file().sync_all().map_err(cannot)?;
    temporary.persist(path).map_err(|e| cannot(e.error))?;
    // The rename itself reaches the disk with the folder (best effort: not
    // every platform can sync a folder).
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(value)
}

/// Whether `path` starts with SQLite's header; false when it cannot be read.
pub fn is_sqlite_database(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_ok() && &header == SQLITE_HEADER
}

fn cannot_write(path: &Path, e: std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, "The file could not be written. Check the folder and its free space.")
        .with_detail(format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let names = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned());
        names.filter(|n| n.ends_with(".tmp")).collect()
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        std::fs::write(&path, "old").unwrap();
        let n = write_atomically(&path, |out| {
            out.write_all(b"new").map_err(ApiError::internal)?;
            Ok(3)
        })
        .unwrap();
        assert_eq!((n, std::fs::read_to_string(&path).unwrap()), (3, "new".into()));
        assert!(leftovers(dir.path()).is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.csv");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomically(&path, |out| -> Result<(), ApiError> {
            out.write_all(b"half").map_err(ApiError::internal)?;
            Err(ApiError::new(ErrorCode::NotFound, "nothing to export"))
        })
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound, "the writer's own error");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
        let absent = dir.path().join("absent.csv");
        write_atomically(&absent, |_| -> Result<(), ApiError> { Err(ApiError::internal("x")) }).unwrap_err();
        assert!(!absent.exists(), "no empty file left behind");
    }

    #[test]
    fn a_database_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
        drop(conn);
        let before = std::fs::read(&path).unwrap();
        let mut called = false;
        let err = write_atomically(&path, |_| {
            called = true;
            Ok(())
        })
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("database"), "{}", err.message);
        assert!(!called, "refused before anything was written");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), |_| Ok(())).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }
}

//! Folders only their owner can enter, files only their owner can read.
//! Permissions are set explicitly, not through the process umask (which
//! would change them for everything else the process creates, Tauri's
//! files included).

use std::fs::{DirBuilder, File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` and any missing parents 0700. An existing folder is left
/// as it is: the command line's `--db` may be in a folder the user shares.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// [`private_dir`], and a folder that exists already is made 0700 too: for
/// folders that are hubdesk's own (the data folder, its logs), which older
/// builds created 0755.
pub fn private_dir_tightened(dir: &Path) -> io::Result<()> {
    private_dir(dir)?;
    set_mode(dir, 0o700)
}

/// Creates `path` empty and 0600 if it does not exist, so that SQLite,
/// which gives a database's `-wal` and `-shm` the database's own mode,
/// never creates any of them wider. An existing file is left as it is.
pub fn create_private_file(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes a database, its `-wal` and its `-shm` 0600 (older builds created
/// them 0644). Best effort: a file someone else owns keeps its mode, with
/// a warning in the log.
pub(crate) fn restrict_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Err(e) = restrict_to_owner(Path::new(&name)) {
            tracing::warn!("{} stays readable by others: {e}", Path::new(&name).display());
        }
    }
}

/// Makes an existing file 0600; a file that is not there is fine.
pub fn restrict_to_owner(path: &Path) -> io::Result<()> {
    match set_mode(path, 0o600) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Opens `path` to append, creating it 0600 (and making an older one 0600).
pub(super) fn open_private_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    open_private(path, options)
}

/// Creates or empties `path` to write it from the start, 0600 (a log the
/// app rewrites each time, e.g. the demo tenant's).
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    open_private(path, options)
}

fn open_private(path: &Path, mut options: OpenOptions) -> io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // The mode above applies to a new file only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_folders_are_0700_and_a_shared_one_is_left_alone() {
        let root = tempfile::tempdir().unwrap();
        std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let nested = root.path().join("a/b");
        private_dir(&nested).unwrap();
        assert_eq!((mode(&root.path().join("a")), mode(&nested)), (0o700, 0o700));
        private_dir(root.path()).unwrap();
        assert_eq!(mode(root.path()), 0o755, "an existing folder is not ours to change");
        private_dir_tightened(root.path()).unwrap();
        assert_eq!(mode(root.path()), 0o700, "unless it is hubdesk's own");
    }

    #[test]
    fn files_are_created_0600_and_older_databases_tightened() {
        let root = tempfile::tempdir().unwrap();
        let new = root.path().join("new.sqlite");
        create_private_file(&new).unwrap();
        assert_eq!(mode(&new), 0o600);
        let old = root.path().join("old.sqlite");
        std::fs::write(&old, b"kept").unwrap();
        std::fs::write(root.path().join("old.sqlite-wal"), b"").unwrap();
        for name in ["old.sqlite", "old.sqlite-wal"] {
            std::fs::set_permissions(root.path().join(name), std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        create_private_file(&old).unwrap();
        assert_eq!((mode(&old), std::fs::read(&old).unwrap()), (0o644, b"kept".to_vec()), "left, not emptied");
        restrict_database_files(&old);
        assert_eq!((mode(&old), mode(&root.path().join("old.sqlite-wal"))), (0o600, 0o600));
        assert!(!root.path().join("old.sqlite-shm").exists(), "nothing created");
    }
}

//! The files the core keeps: a data folder only its owner enters, databases
//! only its owner reads, another program's database left as it was, and a
//! read-only core that cannot write.

use std::path::Path;

use hubdesk_api::ErrorCode;
use hubdesk_core::{Core, CoreFiles};

use crate::support::{open_core, private_vault};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_fresh_data_folder_and_its_databases_are_the_owners_alone() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("com.hubdesk.app");
    let core = open_core(&data, private_vault());
    assert_eq!(mode(&data), 0o700, "the data folder");
    for name in ["cache.sqlite", "ledger.sqlite"] {
        for suffix in ["", "-wal", "-shm"] {
            let path = data.join(format!("{name}{suffix}"));
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
    drop(core);
}

#[cfg(unix)]
#[test]
fn an_older_data_folder_is_made_private_on_opening() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("com.hubdesk.app");
    drop(open_core(&data, private_vault()));
    // As an older build left them: folder 0755, files 0644.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(data.join("cache.sqlite"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(data.join("ledger.sqlite"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let _core = open_core(&data, private_vault());
    assert_eq!(mode(&data), 0o700);
    assert_eq!((mode(&data.join("cache.sqlite")), mode(&data.join("ledger.sqlite"))), (0o600, 0o600));
    assert_eq!(mode(&data.join("cache.sqlite-wal")), 0o600);
}

/// Another program's database where the cache or the ledger should be.
fn foreign(path: &Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');").unwrap();
    drop(conn);
    std::fs::read(path).unwrap()
}

#[test]
fn a_foreign_cache_or_ledger_is_refused_and_nothing_is_created() {
    for (foreign_name, other_name) in [("cache.sqlite", "ledger.sqlite"), ("ledger.sqlite", "cache.sqlite")] {
        let dir = tempfile::tempdir().unwrap();
        let bytes = foreign(&dir.path().join(foreign_name));
        let err = Core::open(&CoreFiles::in_data_dir(dir.path()), private_vault()).err().expect("refused");
        assert_eq!(err.code, ErrorCode::InvalidInput, "{err:?}");
        assert!(err.message.contains("left it as it was"), "{}", err.message);
        assert!(err.detail.as_deref().unwrap_or("").contains(foreign_name), "{err:?}");
        assert_eq!(std::fs::read(dir.path().join(foreign_name)).unwrap(), bytes, "{foreign_name} unchanged");
        assert!(!dir.path().join(other_name).exists(), "{other_name} not created beside a foreign {foreign_name}");
        assert!(!dir.path().join(format!("{foreign_name}-wal")).exists());
    }
}

#[test]
fn a_database_with_another_application_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    // Fossil's repositories say who they are the same way.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA application_id = 252006673;").unwrap();
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    let err = Core::open(&CoreFiles::in_data_dir(dir.path()), private_vault()).err().expect("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn an_empty_file_is_a_new_cache() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cache.sqlite"), b"").unwrap();
    let core = Core::open(&CoreFiles::in_data_dir(dir.path()), private_vault()).expect("initialised");
    assert!(core.list_orgs().unwrap().is_empty());
}

#[test]
fn a_read_only_core_reads_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    drop(open_core(dir.path(), private_vault()));
    let cache = dir.path().join("cache.sqlite");
    let files = CoreFiles::beside_cache(&cache, None);
    let core = Core::open_read_only(&files, private_vault()).expect("opens read-only");
    assert!(core.list_orgs().unwrap().is_empty(), "reads");
    let err = core.store.replace_people("org", &[]).expect_err("a read-only cache refuses writes");
    assert!(err.to_string().contains("readonly"), "{err}");
    assert!(!files.ledger.exists(), "no ledger created beside the cache");
    assert!(core.ledger.template_list("org").unwrap().is_empty(), "an empty ledger in its place");

    let absent = CoreFiles::beside_cache(&dir.path().join("absent.sqlite"), None);
    assert!(Core::open_read_only(&absent, private_vault()).is_err());
    assert!(!dir.path().join("absent.sqlite").exists(), "nothing created");
}

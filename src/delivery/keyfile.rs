//! Key files in the data folder: created once with mode 0600, read back at every start.

use std::io::Write;
use std::path::Path;

/// The contents of `path`, or `make()` written to a new file (mode 0600) if there is none.
/// Two servers starting at once on one data folder agree: only one creates the file. The
/// file appears whole or not at all (written beside it, then linked into place), so a crash
/// at the first start never leaves an empty key behind.
pub fn read_or_create(path: &Path, make: impl FnOnce() -> String) -> std::io::Result<String> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    if path.exists() {
        warn_if_readable_by_others(path);
        return std::fs::read_to_string(path);
    }
    let text = make();
    let tmp = sibling(path, &format!("{}.new", crate::core::Id::random()));
    write_synced(&tmp, &text)?;
    // Linking fails if the name exists, unlike a rename: the server that links first wins.
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            sync_folder(path)?;
            tracing::info!(path = %path.display(), "created a key file");
            Ok(text)
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::read_to_string(path)
        }
        Err(err) => Err(err),
    }
}

/// The file in the data folder that servers hold a shared lock on while they use its keys,
/// and `admin rotate-key` an exclusive one: a rotation under a running server would leave
/// that server sealing new contacts with a key the rotation drops.
const IN_USE: &str = "keys-in-use.lock";

/// Why the keys cannot be taken.
#[derive(Debug, thiserror::Error)]
pub enum InUse {
    #[error("a server is using the keys in {0}: stop it first")]
    ByServer(String),
    #[error("a key rotation is running on {0}: start the server when it has finished")]
    ByRotation(String),
    #[error("cannot lock {0}: {1}")]
    Io(String, std::io::Error),
}

/// Marks the data folder's keys as in use by a server, for as long as the file lives.
/// Several servers may share a folder; a rotation may not run beside any of them.
pub fn hold_for_server(dir: &Path) -> Result<std::fs::File, InUse> {
    hold(dir, true)
}

/// Takes the data folder's keys for a rotation, refused while any server holds them.
pub fn hold_for_rotation(dir: &Path) -> Result<std::fs::File, InUse> {
    hold(dir, false)
}

fn hold(dir: &Path, shared: bool) -> Result<std::fs::File, InUse> {
    let path = dir.join(IN_USE);
    let shown = || dir.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| InUse::Io(shown(), e))?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| InUse::Io(shown(), e))?;
    let taken = if shared {
        file.try_lock_shared()
    } else {
        file.try_lock()
    };
    match taken {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) if shared => Err(InUse::ByRotation(shown())),
        Err(std::fs::TryLockError::WouldBlock) => Err(InUse::ByServer(shown())),
        Err(std::fs::TryLockError::Error(e)) => Err(InUse::Io(shown(), e)),
    }
}

/// Replaces the contents of `path` with `text` so that a crash leaves either the old file
/// or the new one, never half of it (write a sibling, sync, rename, sync the folder).
pub fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = sibling(path, "new");
    write_synced(&tmp, text)?;
    std::fs::rename(&tmp, path)?;
    sync_folder(path)
}

/// `path` with `.suffix` added to its name.
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// Writes `text` to `path` (mode 0600), replacing what was there, and syncs it.
fn write_synced(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Makes a new name in `path`'s folder durable.
fn sync_folder(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn warn_if_readable_by_others(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(path = %path.display(), "key file is readable by others; chmod 600 it");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::{read_or_create, replace};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "outnumber-keyfile-{name}-{}-{}",
            std::process::id(),
            crate::core::Id::random()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn names_in(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_key_is_created_once_whole_and_private() {
        let dir = scratch("create");
        let path = dir.join("key");
        assert_eq!(
            read_or_create(&path, || "first".into()).expect("created"),
            "first"
        );
        assert_eq!(
            read_or_create(&path, || panic!("made again")).expect("read back"),
            "first"
        );
        assert_eq!(names_in(&dir), ["key"], "nothing is left beside it");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn servers_starting_together_agree_on_one_key() {
        let dir = scratch("race");
        let path = dir.join("key");
        let keys: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let path = path.clone();
                    scope.spawn(move || read_or_create(&path, || format!("key {i}")))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("thread").expect("key"))
                .collect()
        });
        assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
        assert_eq!(std::fs::read_to_string(&path).expect("file"), keys[0]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_replaced_key_is_whole() {
        let dir = scratch("replace");
        let path = dir.join("key");
        read_or_create(&path, || "old".into()).expect("created");
        replace(&path, "new").expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("file"), "new");
        assert_eq!(names_in(&dir), ["key"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

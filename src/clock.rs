//! Guarding the one read of the local clock. chrono reads the time zone file that `TZ`
//! (or `/etc/localtime`) names whole, with no size limit, and opening a FIFO blocks: a `TZ`
//! naming `/dev/zero` or a pipe would exhaust memory or hang. This module looks at the file
//! first, without opening it.

use std::path::{Path, PathBuf};

/// The largest time zone file accepted (real ones are a few KiB).
pub const MAX_TZ_FILE: u64 = 256 * 1024;

/// The folders chrono searches for a relative `TZ` name, in its order.
const ZONE_INFO_DIRECTORIES: [&str; 4] = [
    "/usr/share/zoneinfo",
    "/share/zoneinfo",
    "/etc/zoneinfo",
    "/usr/share/lib/zoneinfo",
];

/// Why the local time zone must not be read, or `None` when it is safe to.
pub fn unusable_tz() -> Option<String> {
    let tz = std::env::var("TZ").ok();
    let (file, shown) = match tz.as_deref() {
        // chrono ignores a TZ that is not Unicode, and reads /etc/localtime.
        None => (
            Some(PathBuf::from("/etc/localtime")),
            "/etc/localtime".to_string(),
        ),
        Some("") => return None,
        Some(v) => {
            let name = v.strip_prefix(':').unwrap_or(v);
            (
                tz_file(Path::new(name)),
                format!("TZ='{}'", crate::request::prefix(v)),
            )
        }
    };
    let file = file?;
    let meta = std::fs::metadata(&file).ok()?;
    if !meta.is_file() {
        return Some(format!(
            "{shown} names {}, which is not a regular file",
            crate::request::prefix(&file.display().to_string())
        ));
    }
    if meta.len() > MAX_TZ_FILE {
        return Some(format!(
            "{shown} names a file of {} bytes, too large for a time zone file",
            meta.len()
        ));
    }
    None
}

/// The file chrono would open for a `TZ` value: the path itself when absolute, else the first
/// zoneinfo folder that has it. `None` when no file exists (chrono then parses it as a POSIX
/// rule like `UTC0`, which reads nothing).
fn tz_file(name: &Path) -> Option<PathBuf> {
    if name.is_absolute() {
        return Some(name.to_path_buf());
    }
    ZONE_INFO_DIRECTORIES
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| std::fs::metadata(p).is_ok())
}

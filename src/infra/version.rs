//! The version of this kato binary.
//!
//! It is kept in one marked, fixed-size slot of the binary (`KATO-VERSION:<version>`
//! padded with NULs) and read from there at run time, so that a release bundle's manifest
//! and tests of a cluster upgrade can tell builds apart by their bytes alone.

/// The marker in front of the version in the binary.
pub const MARKER: &[u8] = b"KATO-VERSION:";

const SLOT: usize = 48;

const fn slot() -> [u8; SLOT] {
    let mut out = [0u8; SLOT];
    let marker = MARKER;
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut i = 0;
    while i < marker.len() {
        out[i] = marker[i];
        i += 1;
    }
    let mut j = 0;
    while j < version.len() && i + j < SLOT {
        out[i + j] = version[j];
        j += 1;
    }
    out
}

#[used]
static VERSION_SLOT: [u8; SLOT] = slot();

/// This binary's version, e.g. `0.1.0`.
pub fn current() -> String {
    // Read through black_box so the compiler cannot fold the slot into a constant.
    let bytes: &[u8; SLOT] = std::hint::black_box(&VERSION_SLOT);
    let text = &bytes[MARKER.len()..];
    let end = text.iter().position(|b| *b == 0).unwrap_or(text.len());
    String::from_utf8_lossy(&text[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_package_version() {
        assert_eq!(super::current(), env!("CARGO_PKG_VERSION"));
    }
}

//! Password hashing with argon2id (the argon2 crate's default algorithm and parameters).

use argon2::password_hash::{self, rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::Mutex;

/// Hashes a password into a PHC string (`$argon2id$v=19$...`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether the password matches the stored hash; a malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::default()), Version::try_from);
    let (Ok(version), Some(salt), Some(expected)) = (version, parsed.salt, parsed.hash) else {
        return false;
    };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let mut blocks = take_blocks(params.block_count());
    let hashed = Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut blocks[..])
        .is_ok();
    give_back(blocks);
    // `Output`'s equality is constant-time.
    hashed && password_hash::Output::new(&out).is_ok_and(|o| o == expected)
}

/// Argon2's working memory (19 MiB with the default parameters), kept for the next check: a
/// fresh allocation per login made the allocator hold on to one such block per thread that
/// ever checked a password (docs/benchmarks.md). At most two checks run at once, so at most
/// two buffers are kept.
static BLOCKS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

fn take_blocks(count: usize) -> Vec<Block> {
    let kept = BLOCKS.lock().ok().and_then(|mut b| b.pop());
    match kept {
        Some(mut blocks) => {
            blocks.resize(count, Block::default());
            blocks
        }
        None => vec![Block::default(); count],
    }
}

fn give_back(blocks: Vec<Block>) {
    if let Ok(mut kept) = BLOCKS.lock() {
        if kept.len() < 2 {
            kept.push(blocks);
        }
    }
}

/// A hash to verify against when the account does not exist, so that a login for an unknown
/// email takes as long as one for a known email.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("not the password of anyone").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_the_right_password() {
        let h = hash("oikea hevonen patteri niitti").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("oikea hevonen patteri niitti", &h));
        assert!(!verify("väärä", &h));
        assert!(!verify("anything", "not a hash"));
        assert!(
            verify("oikea hevonen patteri niitti", &h),
            "a second check reuses the memory"
        );
    }
}

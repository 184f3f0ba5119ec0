//! `--seed` on the command line: the seed of a game's chance rolls (or of
//! a batch of games, or of a host's first room).

/// The largest seed, as the error message writes it.
pub const MAX_SEED: u64 = u64::MAX;

/// A seed as typed: a whole number from 0 to 18446744073709551615,
/// surrounding spaces ignored. Errors name what was typed and the range.
pub fn flag(text: &str) -> Result<u64, String> {
    let t = text.trim();
    t.parse::<u64>().map_err(|_| {
        let what = if t.starts_with('-') && t[1..].chars().all(|c| c.is_ascii_digit()) && t.len() > 1 {
            "a negative number"
        } else if t.contains(['.', ',']) && t.chars().any(|c| c.is_ascii_digit()) {
            "not a whole number"
        } else if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
            "too large"
        } else {
            "not a number"
        };
        format!(
            "the seed is a whole number from 0 to {MAX_SEED}; `{}` is {what}",
            crate::text::clean_line(t)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::flag;

    #[test]
    fn a_seed_is_a_whole_number_in_range() {
        assert_eq!(flag("0"), Ok(0));
        assert_eq!(flag(" 42 "), Ok(42));
        assert_eq!(flag("18446744073709551615"), Ok(u64::MAX));
        for (text, why) in [
            ("-3", "a negative number"),
            ("18446744073709551616", "too large"),
            ("1.5", "not a whole number"),
            ("abc", "not a number"),
            ("", "not a number"),
        ] {
            let e = flag(text).unwrap_err();
            assert!(
                e.starts_with("the seed is a whole number from 0 to 18446744073709551615"),
                "{e}"
            );
            assert!(e.ends_with(why), "{text}: {e}");
        }
    }
}

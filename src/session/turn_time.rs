//! A turn's time as people type it, the same on the command line
//! (`--turn-timer`) and at the white cell's timer prompt: `90` (seconds),
//! `90s`, `10m`, `1h30m`, `1h 30m` (`humantime`'s units).

/// Longest turn a timer may set: a day, in seconds.
pub const MAX_TURN_SECONDS: u64 = 24 * 3600;

/// The seconds `text` means; `0` or `off` turn the timer off (Ok(0)).
///
/// Errors: the text is not a time (the message gives examples), or it is
/// over a day.
pub fn parse(text: &str) -> Result<u64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("type a time, such as 90, 90s, 10m or 1h30m (0 turns the timer off)".into());
    }
    if t.eq_ignore_ascii_case("off") {
        return Ok(0);
    }
    let seconds = match t.parse::<u64>() {
        Ok(n) => n,
        Err(_) => humantime::parse_duration(t)
            .map_err(|_| {
                format!(
                    "\"{}\" is not a time: try 90, 90s, 10m or 1h30m",
                    crate::text::clean_line(t)
                )
            })?
            .as_secs(),
    };
    if seconds > MAX_TURN_SECONDS {
        return Err(format!(
            "{} is over a day: a turn may last at most 24h (1..=86400 seconds)",
            super::report::duration_words(seconds)
        ));
    }
    Ok(seconds)
}

/// `--turn-timer` on the command line: as [`parse`], from 1 second to a
/// day; no timer is the option left out, so 0 and `off` are refused.
pub fn flag(text: &str) -> Result<u64, String> {
    match parse(text)? {
        0 => Err("a turn needs at least 1 second (1..=86400 seconds); leave --turn-timer out for no clock".into()),
        s => Ok(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_and_the_prompt_read_the_same_times() {
        for (t, s) in [("90", 90), ("90s", 90), ("10m", 600), ("1h30m", 5400), ("1h 30m", 5400)] {
            assert_eq!(parse(t), Ok(s), "{t}");
            assert_eq!(flag(t), Ok(s), "{t}");
        }
        assert_eq!(parse("off"), Ok(0));
        assert!(flag("0").unwrap_err().contains("leave --turn-timer out"));
        assert!(flag("25h").unwrap_err().contains("over a day"));
        assert!(flag("18446744073709551615").unwrap_err().contains("over a day"));
        assert!(flag("soon").unwrap_err().contains("try 90"));
    }
}

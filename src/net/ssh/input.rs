//! The bytes a participant's terminal sends over the channel, turned into
//! the key, mouse and paste events the game reads. The escape sequences
//! are parsed by `terminput` (crossterm's own parser as a library), byte by
//! byte as crossterm does for a local terminal.

use ratatui::crossterm::event::Event;

/// Longest sequence kept while waiting for its end: a bracketed paste
/// longer than this is dropped whole.
const MAX_PENDING: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Keeps an incomplete escape sequence between two reads.
#[derive(Default)]
pub struct InputParser {
    pending: Vec<u8>,
    /// Inside a paste too long to keep: its bytes are dropped to its end.
    dropping: bool,
}

impl InputParser {
    /// Parse `bytes` (as read from the channel) into events, in order. A
    /// sequence cut between two reads is completed by the next one; a lone
    /// Esc at the end of a read is the Esc key, as on a local terminal.
    /// Bytes that form no event are skipped.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        for (i, &b) in bytes.iter().enumerate() {
            self.pending.push(b);
            if self.dropping {
                if self.pending.ends_with(PASTE_END) {
                    self.dropping = false;
                    self.pending.clear();
                } else if self.pending.len() >= PASTE_END.len() {
                    self.pending.drain(..self.pending.len() + 1 - PASTE_END.len());
                }
                continue;
            }
            let more = i + 1 < bytes.len();
            if self.pending == [0x1b] && more {
                // The start of a sequence, not the Esc key.
                continue;
            }
            if self.pending.starts_with(PASTE_START) && !self.pending.ends_with(PASTE_END) {
                // Inside a paste: nothing to parse until its end.
                if self.pending.len() > MAX_PENDING {
                    self.pending.clear();
                    self.dropping = true;
                }
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(ev)) => {
                    if let Ok(ev) = terminput_crossterm::to_crossterm(ev) {
                        out.push(ev);
                    }
                    self.pending.clear();
                }
                Ok(None) if self.pending.len() <= MAX_PENDING => {}
                Ok(None) | Err(_) => self.pending.clear(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

    fn parse(chunks: &[&[u8]]) -> Vec<Event> {
        let mut p = InputParser::default();
        let mut out = Vec::new();
        for c in chunks {
            p.feed(c, &mut out);
        }
        out
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn keys_arrows_and_a_lone_esc() {
        let evs = parse(&[b"j\r\x1b[A\x7f", b"\x1b"]);
        assert_eq!(
            evs,
            vec![
                key(KeyCode::Char('j')),
                key(KeyCode::Enter),
                key(KeyCode::Up),
                key(KeyCode::Backspace),
                key(KeyCode::Esc),
            ]
        );
    }

    #[test]
    fn a_sequence_cut_between_reads() {
        assert_eq!(parse(&[b"\x1b[", b"B"]), vec![key(KeyCode::Down)]);
    }

    #[test]
    fn bracketed_paste_and_sgr_mouse() {
        let evs = parse(&[b"\x1b[200~hello\r\nworld", b"\x1b[201~\x1b[<0;10;5M"]);
        assert_eq!(evs[0], Event::Paste("hello\r\nworld".into()));
        match &evs[1] {
            Event::Mouse(m) => {
                assert!(matches!(m.kind, MouseEventKind::Down(_)));
                assert_eq!((m.column, m.row), (9, 4));
            }
            other => panic!("not a mouse event: {other:?}"),
        }
    }

    #[test]
    fn an_endless_paste_is_dropped() {
        let mut p = InputParser::default();
        let mut out = Vec::new();
        p.feed(PASTE_START, &mut out);
        p.feed(&vec![b'x'; MAX_PENDING + 10], &mut out);
        p.feed(b"xx\x1b[201", &mut out);
        p.feed(b"~q", &mut out);
        assert_eq!(out, vec![key(KeyCode::Char('q'))]);
    }
}

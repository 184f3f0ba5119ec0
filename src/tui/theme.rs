//! Colours, from `assets/theme.ron`; a plain theme when NO_COLOR is set.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::scenario::schema::Tlp;

const DEFAULT: &str = include_str!("../../assets/theme.ron");

#[derive(Deserialize)]
#[serde(rename = "Theme", deny_unknown_fields)]
struct ThemeFile {
    title: String,
    text: String,
    dim: String,
    border: String,
    focus: String,
    selected_bg: String,
    good: String,
    bad: String,
    warn: String,
    unread: String,
    tlp_clear: String,
    tlp_green: String,
    tlp_amber: String,
    tlp_red: String,
    rungs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub color: bool,
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub border: Style,
    pub focus: Style,
    pub selected: Style,
    pub good: Style,
    pub bad: Style,
    pub warn: Style,
    pub unread: Style,
    tlp: [Style; 5],
    rungs: Vec<Style>,
}

fn color(s: &str) -> Color {
    Color::from_str(s).unwrap_or(Color::Reset)
}

impl Theme {
    /// The shipped theme, or the plain one without colour.
    pub fn new(use_color: bool) -> Theme {
        if !use_color {
            return Theme::plain();
        }
        match ron::from_str::<ThemeFile>(DEFAULT) {
            Ok(f) => Theme::from_file(&f),
            Err(_) => Theme::plain(),
        }
    }

    /// Load a theme file a user wrote; errors say what is wrong.
    pub fn from_source(text: &str) -> Result<Theme, String> {
        ron::from_str::<ThemeFile>(text)
            .map(|f| Theme::from_file(&f))
            .map_err(|e| e.to_string())
    }

    fn from_file(f: &ThemeFile) -> Theme {
        let fg = |s: &str| Style::new().fg(color(s));
        Theme {
            color: true,
            title: fg(&f.title).add_modifier(Modifier::BOLD),
            text: fg(&f.text),
            dim: fg(&f.dim),
            border: fg(&f.border),
            focus: fg(&f.focus).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(color(&f.selected_bg)).add_modifier(Modifier::BOLD),
            good: fg(&f.good),
            bad: fg(&f.bad),
            warn: fg(&f.warn),
            unread: fg(&f.unread).add_modifier(Modifier::BOLD),
            tlp: [
                fg(&f.tlp_clear),
                fg(&f.tlp_green),
                fg(&f.tlp_amber),
                fg(&f.tlp_amber),
                fg(&f.tlp_red),
            ]
            .map(|s| s.add_modifier(Modifier::BOLD)),
            rungs: f.rungs.iter().map(|r| fg(r)).collect(),
        }
    }

    /// No colour at all: emphasis by bold and reverse video only.
    pub fn plain() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            color: false,
            title: bold,
            text: Style::new(),
            dim: Style::new(),
            border: Style::new(),
            focus: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            good: Style::new(),
            bad: bold,
            warn: bold,
            unread: bold,
            tlp: [bold; 5],
            rungs: vec![Style::new()],
        }
    }

    pub fn tlp(&self, t: Tlp) -> Style {
        self.tlp[t as usize]
    }

    pub fn rung(&self, rung: usize, of: usize) -> Style {
        if self.rungs.is_empty() {
            return Style::new();
        }
        // Spread the palette over the ladder.
        let i = if of <= 1 {
            0
        } else {
            rung * (self.rungs.len() - 1) / (of - 1)
        };
        self.rungs[i.min(self.rungs.len() - 1)]
    }
}

//! Every key, with what it does: the help overlay and the footer are built
//! from this table, so they never drift from the keys.

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Everywhere,
    Launcher,
    Briefing,
    Play,
    Resolution,
    Debrief,
    WhiteCell,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Context::Everywhere => "Everywhere",
            Context::Launcher => "Choosing a scenario",
            Context::Briefing => "Briefing",
            Context::Play => "Playing a turn",
            Context::Resolution => "Turn resolution",
            Context::Debrief => "Debrief",
            Context::WhiteCell => "Facilitator (white cell)",
        }
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static str,
    pub does: &'static str,
    /// Short label for the footer of its screen, if shown there.
    pub hint: Option<&'static str>,
}

const fn b(context: Context, keys: &'static str, does: &'static str, hint: Option<&'static str>) -> Binding {
    Binding {
        context,
        keys,
        does,
        hint,
    }
}

pub const BINDINGS: &[Binding] = &[
    b(Context::Everywhere, "?", "help: this list of keys", Some("help")),
    b(Context::Everywhere, "Esc", "back out of a dialog or screen", None),
    b(
        Context::Everywhere,
        "q",
        "quit (asks first during a game; it is saved)",
        Some("quit"),
    ),
    b(Context::Everywhere, "↑↓ / k j", "move the selection", None),
    b(Context::Everywhere, "PgUp PgDn", "move a page", None),
    b(Context::Everywhere, "mouse", "click to select, wheel to scroll", None),
    b(Context::Launcher, "Enter", "open the scenario's briefing", Some("open")),
    b(
        Context::Briefing,
        "Space",
        "switch the actor between you and a bot",
        Some("you/bot"),
    ),
    b(Context::Briefing, "b", "change the bot's policy", Some("bot policy")),
    b(Context::Briefing, "Enter", "start the game", Some("start")),
    b(
        Context::Play,
        "Tab / 1-5",
        "next panel / jump to a panel",
        Some("panels"),
    ),
    b(
        Context::Play,
        "Enter",
        "choose the action, or read the item",
        Some("choose/read"),
    ),
    b(Context::Play, "a", "attribute the incident publicly", Some("attribute")),
    b(Context::Play, "s", "share the selected evidence", Some("share")),
    b(
        Context::Play,
        "p",
        "publish the selected evidence (TLP:CLEAR only)",
        None,
    ),
    b(
        Context::Play,
        "o",
        "statements: sign or decline joint ones, retract or refine yours",
        Some("statements"),
    ),
    b(
        Context::Play,
        "t",
        "issue a tearline of the selected TLP:RED or AMBER+STRICT item",
        None,
    ),
    b(Context::Play, "n", "notes to self", None),
    b(Context::Play, "w", "withdraw the moves chosen this turn", None),
    b(Context::Play, "c", "commit: end your turn", Some("end turn")),
    b(Context::Resolution, "→ / Enter", "next event", Some("next")),
    b(Context::Resolution, "←", "previous event", Some("back")),
    b(Context::Resolution, "Esc", "skip to the game", Some("skip")),
    b(Context::Debrief, "← → / Tab", "switch tab", Some("tabs")),
    b(
        Context::Debrief,
        "e",
        "export the report (Markdown and HTML)",
        Some("export report"),
    ),
    b(Context::WhiteCell, "p", "pause or resume the game", Some("pause")),
    b(
        Context::WhiteCell,
        "t / +",
        "set the turn timer / add a minute",
        Some("timer"),
    ),
    b(Context::WhiteCell, "o", "on time-out: no move, or a bot moves", None),
    b(Context::WhiteCell, "i", "write an inject", Some("inject")),
    b(Context::WhiteCell, "f", "force the turn to resolve", Some("resolve")),
    b(
        Context::WhiteCell,
        "b",
        "hand the selected actor to a bot, or back",
        Some("bot/human"),
    ),
    b(Context::WhiteCell, "k", "disconnect the selected actor's player", None),
    b(
        Context::WhiteCell,
        "E",
        "end the game and show everyone the debrief",
        Some("end"),
    ),
];

/// Footer hints for a screen.
pub fn hints(context: Context) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|k| k.context == context || k.context == Context::Everywhere)
        .filter_map(|k| k.hint.map(|h| (k.keys, h)))
        .collect()
}

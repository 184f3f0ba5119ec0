//! Every key, with what it does. This table is the only place a key is
//! bound: input looks the key up here to find the action it runs, and the
//! help overlay and the footers are built from the same rows, so what the
//! screen says and what the key does cannot drift apart.
//!
//! A screen reads its keys from a stack of contexts (its own first, then the
//! shared ones: list movement, vim keys, everywhere); a key bound twice in
//! one stack is a test failure (`tests/tui_keymap.rs`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{Overlay, Screen};

pub use super::keymap_context::Context;

/// What a key does. Each screen's input code matches on these, never on
/// raw keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Help,
    Quit,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Back,
    Open,
    ToggleSeat,
    CyclePolicy,
    Start,
    Continue,
    /// Tab, Shift-Tab or 1-5: which panel comes from the key.
    Panels,
    Choose,
    Attribute,
    Share,
    Publish,
    Statements,
    Tearline,
    Notes,
    Withdraw,
    Commit,
    NextEvent,
    PrevEvent,
    Skip,
    /// ← → Tab Shift-Tab: the direction comes from the key.
    Tabs,
    Export,
    Pause,
    SetTimer,
    AddMinute,
    OnTimeout,
    Inject,
    ForceResolve,
    SeatBot,
    SeatPolicy,
    Kick,
    EndGame,
    NextRoom,
    /// The white cell console: open a room (Enter: the selected one; 1-9:
    /// that room).
    OpenRoom,
    /// The white cell console: back from a room to every room.
    Rooms,
    /// The white cell console: pause every room that runs, or else
    /// resume every paused one.
    PauseAll,
    /// The facilitator shows the next section of the debrief on the projector.
    Reveal,
    /// The facilitator takes the last section shown off the projector.
    Conceal,
    Yes,
    No,
    NextField,
    PrevField,
    Send,
    Tick,
    /// The attribution's layer (technique, group, state), in turn.
    Layer,
    /// Attribute alone, or propose a joint statement.
    Joint,
    Sign,
    Decline,
    Retract,
    /// Restate with more confidence.
    More,
    /// Restate with less confidence.
    Less,
    DeleteBack,
    Newline,
    /// Open the messages.
    Inbox,
    /// Write a message.
    Write,
    /// Propose a deal or a measure.
    Propose,
    /// Show one actor's messages only, then the next actor's.
    Filter,
    /// Answer a question asked through a channel.
    Reply,
}

/// One key as pressed: a code and its modifiers (Shift is ignored for
/// characters, which carry their case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    fn matches(&self, ev: &KeyEvent) -> bool {
        let strip = |m: KeyModifiers| m.difference(KeyModifiers::SHIFT);
        self.code == ev.code && strip(self.mods) == strip(ev.modifiers)
    }

    /// A printable key with no modifier: typed text in a text field.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn kc(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

pub struct Binding {
    pub context: Context,
    /// The keys that run the action; empty for a row that only documents
    /// (the mouse).
    pub keys: &'static [Key],
    /// How the keys are written in the help and footer.
    pub label: &'static str,
    pub does: &'static str,
    /// Short label for the footer of its screen, if shown there.
    pub hint: Option<&'static str>,
    pub action: Option<Action>,
}

const fn b(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    does: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        keys,
        label,
        does,
        hint,
        action: Some(action),
    }
}

use Action as A;
use Context as C;
use KeyCode as K;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(C::Always, &[ctrl('c')], "Ctrl-C", A::Quit, "quit (asks first during a game)", None),
    b(C::Everywhere, &[ch('?')], "?", A::Help, "help: the keys of this screen", Some("help")),
    b(C::Everywhere, &[ch('q')], "q", A::Quit, "quit (asks first during a game; it is saved)", Some("quit")),
    Binding { context: C::Everywhere, keys: &[], label: "mouse", does: "click to select, wheel to scroll", hint: None, action: None, },
    b(C::Lists, &[kc(K::Up)], "↑", A::Up, "move the selection up", None),
    b(C::Lists, &[kc(K::Down)], "↓", A::Down, "move the selection down", None),
    b(C::Lists, &[kc(K::PageUp)], "PgUp", A::PageUp, "up a page", None),
    b(C::Lists, &[kc(K::PageDown)], "PgDn", A::PageDown, "down a page", None),
    b(C::Lists, &[kc(K::Home)], "Home", A::Home, "to the first", None),
    b(C::Lists, &[kc(K::End)], "End", A::End, "to the last", None),
    b(C::VimKeys, &[ch('k')], "k", A::Up, "as ↑", None),
    b(C::VimKeys, &[ch('j')], "j", A::Down, "as ↓", None),
    b(C::VimKeys, &[ch('h')], "h", A::Left, "as ←", None),
    b(C::VimKeys, &[ch('l')], "l", A::Right, "as →", None),
    b(C::Launcher, &[kc(K::Enter)], "Enter", A::Open, "continue the saved game, or open the scenario's briefing", Some("open")),
    b(C::Launcher, &[kc(K::Esc)], "Esc", A::Back, "leave demarche", None),
    b(C::Briefing, &[ch(' ')], "Space", A::ToggleSeat, "switch the actor between you and a bot", Some("you/bot")),
    b(C::Briefing, &[ch('b')], "b", A::CyclePolicy, "change the bot's policy", Some("bot policy")),
    b(C::Briefing, &[kc(K::Enter)], "Enter", A::Start, "start the game", Some("start")),
    b(C::Briefing, &[kc(K::Left)], "←", A::Left, "scroll the briefing up", None),
    b(C::Briefing, &[kc(K::Right)], "→", A::Right, "scroll the briefing down", None),
    b(C::Briefing, &[kc(K::Esc)], "Esc", A::Back, "back to the scenarios", None),
    b(C::Privacy, &[kc(K::Enter)], "Enter", A::Continue, "show my screen", Some("continue")),
    b(C::Play, &[kc(K::Tab), kc(K::BackTab), ch('1'), ch('2'), ch('3'), ch('4'), ch('5')], "Tab / 1-5", A::Panels, "next panel (Shift-Tab: previous) / jump to a panel", Some("panels")),
    b(C::Play, &[kc(K::Enter)], "Enter", A::Choose, "choose the action, or read the item", Some("choose/read")),
    b(C::Play, &[ch('a')], "a", A::Attribute, "attribute the incident publicly", Some("attribute")),
    b(C::Play, &[ch('s')], "s", A::Share, "share the selected evidence", Some("share")),
    b(C::Play, &[ch('p')], "p", A::Publish, "publish the selected evidence (TLP:CLEAR only; asks first)", None),
    b(C::Play, &[ch('o')], "o", A::Statements, "statements: sign or decline joint ones, retract or refine yours", Some("statements")),
    b(C::Play, &[ch('t')], "t", A::Tearline, "issue a tearline of the selected TLP:RED or AMBER+STRICT item", None),
    b(C::Play, &[ch('n')], "n", A::Notes, "notes to self", None),
    b(C::Play, &[ch('w')], "w", A::Withdraw, "withdraw the moves chosen this turn", None),
    b(C::Play, &[ch('c')], "c", A::Commit, "commit: end your turn", Some("end turn")),
    b(C::Play, &[ch('m')], "m", A::Inbox, "messages: read, write, propose a deal, answer proposals", Some("messages")),
    b(C::Play, &[ch('r')], "r", A::Reply, "answer a question asked of you through a channel", None),
    b(C::Resolution, &[kc(K::Right), kc(K::Enter), ch(' ')], "→ / Enter", A::NextEvent, "next event", Some("next")),
    b(C::Resolution, &[kc(K::Left)], "←", A::PrevEvent, "previous event", Some("back")),
    b(C::Resolution, &[kc(K::Esc)], "Esc", A::Skip, "skip to the game", Some("skip")),
    b(C::Debrief, &[kc(K::Right), kc(K::Tab), kc(K::Left), kc(K::BackTab)], "← → / Tab", A::Tabs, "switch tab", Some("tabs")),
    b(C::Debrief, &[ch('f')], "f", A::Filter, "Messages tab: one actor's correspondence, then the next (then all)", None),
    b(C::Debrief, &[ch('e')], "e", A::Export, "export the report (Markdown and HTML)", Some("export report")),
    b(C::Debrief, &[ch('v')], "v", A::Reveal, "facilitator: show the next section on the projector", None),
    b(C::Debrief, &[ch('V')], "V", A::Conceal, "facilitator: take the last section shown off the projector", None),
    b(C::WhiteCell, &[ch('p')], "p", A::Pause, "pause or resume the game", Some("pause")),
    b(C::WhiteCell, &[ch('t')], "t", A::SetTimer, "set the turn timer (90, 90s, 10m, 1h30m)", Some("timer")),
    b(C::WhiteCell, &[ch('+')], "+", A::AddMinute, "add a minute to this turn", None),
    b(C::WhiteCell, &[ch('o')], "o", A::OnTimeout, "on time-out: no move, or a bot moves", None),
    b(C::WhiteCell, &[ch('i')], "i", A::Inject, "write an inject", Some("inject")),
    b(C::WhiteCell, &[ch('f')], "f", A::ForceResolve, "force the turn to resolve (asks first)", Some("resolve")),
    b(C::WhiteCell, &[ch('b')], "b", A::SeatBot, "hand the selected actor to a bot, or back", Some("bot/human")),
    b(C::WhiteCell, &[ch('B')], "B", A::SeatPolicy, "change the selected bot's policy", None),
    b(C::WhiteCell, &[ch('k')], "k", A::Kick, "disconnect the selected actor's player", None),
    b(C::WhiteCell, &[ch('m')], "m", A::Inbox, "every message as it is written; write as an actor", Some("messages")),
    b(C::WhiteCell, &[ch('E')], "E", A::EndGame, "end the game and show everyone the debrief", Some("end")),
    b(C::Rooms, &[kc(K::Enter), ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')], "Enter / 1-9", A::OpenRoom, "open the selected room's white cell (1-9: that room)", Some("open room")),
    b(C::Rooms, &[ch('p')], "p", A::Pause, "pause or resume the selected room", Some("pause")),
    b(C::Rooms, &[ch('P')], "P", A::PauseAll, "pause every room (when all are paused: resume every room)", Some("pause all")),
    b(C::ConsoleRoom, &[kc(K::Esc)], "Esc", A::Rooms, "back to every room", Some("all rooms")),
    b(C::ConsoleRoom, &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')], "1-9", A::OpenRoom, "go to that room's white cell", None),
    b(C::Reading, &[kc(K::Esc), kc(K::Enter), ch('?'), ch('q'), ch(' ')], "Esc", A::Back, "close", Some("close")),
    b(C::Confirm, &[ch('y'), kc(K::Enter)], "y / Enter", A::Yes, "yes", Some("yes")),
    b(C::Confirm, &[ch('n'), kc(K::Esc)], "n / Esc", A::No, "no", Some("no")),
    b(C::Share, &[ch(' ')], "Space", A::Tick, "tick or untick the recipient", Some("tick")),
    b(C::Share, &[kc(K::Enter)], "Enter", A::Send, "share with the ticked recipients", Some("share")),
    b(C::Share, &[kc(K::Esc)], "Esc", A::Back, "back", Some("back")),
    b(C::Attribute, &[kc(K::Left)], "←", A::Left, "state less confidence", Some("less sure")),
    b(C::Attribute, &[kc(K::Right)], "→", A::Right, "state more confidence", Some("more sure")),
    b(C::Attribute, &[kc(K::Tab)], "Tab", A::Layer, "attribute at another layer: technique, group, state", Some("layer")),
    b(C::Attribute, &[ch('p')], "p", A::Joint, "alone, or propose a joint statement", Some("alone/joint")),
    b(C::Attribute, &[kc(K::Enter)], "Enter", A::Send, "make the statement", Some("make it")),
    b(C::Attribute, &[kc(K::Esc)], "Esc", A::Back, "back", Some("back")),
    b(C::Statements, &[kc(K::Enter)], "Enter", A::Sign, "sign the selected joint statement", Some("sign")),
    b(C::Statements, &[ch('d')], "d", A::Decline, "decline the selected joint statement", Some("decline")),
    b(C::Statements, &[ch('r')], "r", A::Retract, "retract the selected statement of yours", Some("retract")),
    b(C::Statements, &[ch('+')], "+", A::More, "restate it with more confidence", Some("more")),
    b(C::Statements, &[ch('-')], "-", A::Less, "restate it with less confidence", Some("less")),
    b(C::Statements, &[kc(K::Tab)], "Tab", A::Layer, "restate it at the next layer", Some("layer")),
    b(C::Statements, &[kc(K::Esc)], "Esc", A::Back, "back", Some("back")),
    b(C::Notes, &[kc(K::Esc)], "Esc", A::Back, "save and close", Some("close")),
    b(C::Notes, &[kc(K::Enter)], "Enter", A::Newline, "new line", None),
    b(C::Notes, &[kc(K::Backspace)], "Backspace", A::DeleteBack, "delete a character", None),
    b(C::InjectForm, &[kc(K::Tab)], "Tab", A::NextField, "next field", Some("next field")),
    b(C::InjectForm, &[kc(K::BackTab)], "Shift-Tab", A::PrevField, "previous field", None),
    b(C::InjectForm, &[kc(K::Enter)], "Enter", A::Newline, "new line (in To: send)", None),
    b(C::InjectForm, &[ctrl('s')], "Ctrl-S", A::Send, "send the inject", Some("send")),
    b(C::InjectForm, &[kc(K::F(2))], "F2", A::Tick, "tick or untick the actor (in To)", Some("tick")),
    b(C::InjectForm, &[kc(K::Backspace)], "Backspace", A::DeleteBack, "delete a character", None),
    b(C::InjectForm, &[kc(K::Up)], "↑", A::Up, "previous actor (in To)", None),
    b(C::InjectForm, &[kc(K::Down)], "↓", A::Down, "next actor (in To)", None),
    b(C::InjectForm, &[kc(K::Esc)], "Esc", A::Back, "cancel", Some("cancel")),
    b(C::TimerPrompt, &[kc(K::Enter)], "Enter", A::Send, "set the timer", Some("set")),
    b(C::TimerPrompt, &[kc(K::Backspace)], "Backspace", A::DeleteBack, "delete a character", None),
    b(C::TimerPrompt, &[kc(K::Esc)], "Esc", A::Back, "cancel", Some("cancel")),
    b(C::Inbox, &[ch('w')], "w", A::Write, "write to the selected thread (public: everyone)", Some("write")),
    b(C::Inbox, &[ch('p')], "p", A::Propose, "propose restraint, assistance or a measure", Some("propose")),
    b(C::Inbox, &[ch('y')], "y", A::Yes, "accept the selected proposal", Some("accept")),
    b(C::Inbox, &[ch('x')], "x", A::Decline, "decline the selected proposal", Some("decline")),
    b(C::Inbox, &[kc(K::Tab)], "Tab", A::NextField, "move between threads and proposals", Some("threads/proposals")),
    b(C::Inbox, &[kc(K::Esc)], "Esc", A::Back, "close", Some("close")),
    b(C::Compose, &[ctrl('s')], "Ctrl-S", A::Send, "send the message", Some("send")),
    b(C::Compose, &[kc(K::Tab)], "Tab", A::NextField, "between the text and the recipients", Some("text/recipients")),
    b(C::Compose, &[kc(K::F(2))], "F2", A::Tick, "tick or untick the actor (in To)", Some("tick")),
    b(C::Compose, &[kc(K::Enter)], "Enter", A::Newline, "new line", None),
    b(C::Compose, &[kc(K::Backspace)], "Backspace", A::DeleteBack, "delete a character", None),
    b(C::Compose, &[kc(K::Up)], "↑", A::Up, "previous actor (in To)", None),
    b(C::Compose, &[kc(K::Down)], "↓", A::Down, "next actor (in To)", None),
    b(C::Compose, &[kc(K::Esc)], "Esc", A::Back, "cancel", Some("cancel")),
    b(C::Propose, &[kc(K::Tab)], "Tab", A::NextField, "next kind of proposal", Some("kind")),
    b(C::Propose, &[kc(K::BackTab)], "Shift-Tab", A::PrevField, "previous kind of proposal", None),
    b(C::Propose, &[ch('+')], "+", A::More, "one turn more of restraint", Some("+turn")),
    b(C::Propose, &[ch('-')], "-", A::Less, "one turn less of restraint", Some("-turn")),
    b(C::Propose, &[kc(K::Enter)], "Enter", A::Send, "propose it", Some("propose")),
    b(C::Propose, &[kc(K::Esc)], "Esc", A::Back, "back", Some("back")),
    b(C::PressDesk, &[kc(K::Right)], "→", A::Right, "next actor's messages (then all)", Some("actor")),
    b(C::PressDesk, &[kc(K::Left)], "←", A::Left, "previous actor's messages", None),
    b(C::PressDesk, &[ch('w')], "w", A::Write, "write as an actor the white cell plays", Some("write as")),
    b(C::PressDesk, &[kc(K::Esc)], "Esc", A::Back, "close", Some("close")),
    b(C::WriteAs, &[kc(K::Tab)], "Tab", A::NextField, "next field: writer, recipients, text", Some("next field")),
    b(C::WriteAs, &[kc(K::BackTab)], "Shift-Tab", A::PrevField, "previous field", None),
    b(C::WriteAs, &[kc(K::Left)], "←", A::Left, "previous writer (in From)", None),
    b(C::WriteAs, &[kc(K::Right)], "→", A::Right, "next writer (in From)", Some("writer")),
    b(C::WriteAs, &[kc(K::Up)], "↑", A::Up, "previous actor (in To)", None),
    b(C::WriteAs, &[kc(K::Down)], "↓", A::Down, "next actor (in To)", None),
    b(C::WriteAs, &[kc(K::F(2))], "F2", A::Tick, "tick or untick the actor (in To)", Some("tick")),
    b(C::WriteAs, &[kc(K::Enter)], "Enter", A::Newline, "new line (elsewhere: next field)", None),
    b(C::WriteAs, &[kc(K::Backspace)], "Backspace", A::DeleteBack, "delete a character", None),
    b(C::WriteAs, &[ctrl('s')], "Ctrl-S", A::Send, "send the message", Some("send")),
    b(C::WriteAs, &[kc(K::Esc)], "Esc", A::Back, "cancel", Some("cancel")),
    b(C::Reply, &[kc(K::Enter)], "Enter", A::Send, "give the selected answer", Some("answer")),
    b(C::Reply, &[kc(K::Tab)], "Tab", A::NextField, "the next question waiting for you", Some("next question")),
    b(C::Reply, &[kc(K::Esc)], "Esc", A::Back, "close; answer later (before the deadline)", Some("later")),
    b(C::Explain, &[kc(K::Enter)], "Enter", A::Send, "send the explanation", Some("send")),
    b(C::Explain, &[kc(K::Backspace)], "Backspace", A::DeleteBack, "delete a character", None),
    b(C::Explain, &[kc(K::Esc)], "Esc", A::Back, "back to the answers", Some("back")),
];

/// The contexts a screen reads its keys from, its own first.
pub fn screen_stack(screen: Screen) -> &'static [Context] {
    match screen {
        Screen::Launcher => &[C::Always, C::Launcher, C::Lists, C::VimKeys, C::Everywhere],
        Screen::Briefing => &[C::Always, C::Briefing, C::Lists, C::VimKeys, C::Everywhere],
        Screen::Privacy => &[C::Always, C::Privacy, C::Everywhere],
        Screen::Play => &[C::Always, C::Play, C::Lists, C::VimKeys, C::Everywhere],
        Screen::Resolution => &[C::Always, C::Resolution, C::Lists, C::VimKeys, C::Everywhere],
        Screen::Debrief => &[C::Always, C::Debrief, C::Lists, C::VimKeys, C::Everywhere],
        Screen::WhiteCell => &[C::Always, C::WhiteCell, C::Lists, C::Everywhere],
        Screen::Spectator => &[C::Always, C::Spectator, C::Everywhere],
        Screen::Rooms => &[C::Always, C::Rooms, C::Lists, C::VimKeys, C::Everywhere],
    }
}

/// The contexts of a room opened from the white cell console: its
/// screen's, after the keys that go back to the other rooms.
pub fn console_room_stack(screen: Screen) -> &'static [Context] {
    match screen {
        Screen::WhiteCell => &[C::Always, C::ConsoleRoom, C::WhiteCell, C::Lists, C::Everywhere],
        Screen::Debrief => &[
            C::Always,
            C::ConsoleRoom,
            C::Debrief,
            C::Lists,
            C::VimKeys,
            C::Everywhere,
        ],
        other => screen_stack(other),
    }
}

/// The contexts a dialog reads its keys from, its own first.
pub fn overlay_stack(overlay: &Overlay) -> &'static [Context] {
    match overlay {
        Overlay::Help | Overlay::Message { .. } => &[C::Always, C::Reading, C::Lists, C::VimKeys],
        Overlay::Quit
        | Overlay::EndTurn
        | Overlay::ConfirmAct(_)
        | Overlay::ConfirmPublish(_)
        | Overlay::ConfirmEndGame
        | Overlay::ConfirmForce => &[C::Always, C::Confirm],
        Overlay::Share { .. } => &[C::Always, C::Share, C::Lists, C::VimKeys],
        Overlay::Attribute { .. } => &[C::Always, C::Attribute, C::Lists, C::VimKeys],
        Overlay::Statements { .. } => &[C::Always, C::Statements, C::Lists, C::VimKeys],
        Overlay::Notes => &[C::Always, C::Notes],
        Overlay::InjectForm { .. } => &[C::Always, C::InjectForm],
        Overlay::TimerPrompt { .. } => &[C::Always, C::TimerPrompt],
        Overlay::Inbox(_) => &[C::Always, C::Inbox, C::Lists, C::VimKeys],
        Overlay::Compose(_) => &[C::Always, C::Compose],
        Overlay::Propose(_) => &[C::Always, C::Propose, C::Lists, C::VimKeys],
        Overlay::PressDesk(_) => &[C::Always, C::PressDesk, C::Lists],
        Overlay::WriteAs(_) => &[C::Always, C::WriteAs],
        Overlay::Reply(_) => &[C::Always, C::Reply, C::Lists, C::VimKeys],
        Overlay::Explain(_) => &[C::Always, C::Explain],
    }
}

/// The action a key runs in a stack of contexts, if any.
pub fn lookup(stack: &[Context], key: &KeyEvent) -> Option<Action> {
    stack.iter().find_map(|c| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *c)
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .and_then(|b| b.action)
    })
}

pub use super::keymap_query::{duplicates, help_rows, help_rows_of, hints, hints_for, label_of, rows};

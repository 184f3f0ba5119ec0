//! The contexts a key binding applies in: a screen, a dialog, or a set of
//! keys shared by several (list movement, vim keys, everywhere).

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Keys that work even inside dialogs and text fields (Ctrl-C).
    Always,
    Everywhere,
    /// Moving a selection with the arrow and paging keys.
    Lists,
    /// `k j h l` as arrows, on screens where no letter means anything else.
    VimKeys,
    Launcher,
    Briefing,
    Privacy,
    Play,
    Resolution,
    Debrief,
    WhiteCell,
    Spectator,
    /// The white cell console's rooms at a glance.
    Rooms,
    /// A room opened from the white cell console.
    ConsoleRoom,
    /// Reading the help or a message.
    Reading,
    /// A yes/no question.
    Confirm,
    /// Choosing who receives shared evidence.
    Share,
    /// Choosing a suspect, a stated confidence and a layer, alone or jointly.
    Attribute,
    /// Joint statements proposed to one, and one's own statements.
    Statements,
    /// Writing notes to self (text is typed or pasted).
    Notes,
    /// The facilitator's inject form (text is typed or pasted).
    InjectForm,
    /// The facilitator's turn timer prompt.
    TimerPrompt,
    /// Messages: threads per correspondent, proposals to answer.
    Inbox,
    /// Writing a message (text is typed or pasted).
    Compose,
    /// Proposing a deal or a measure to one actor.
    Propose,
    /// The white cell reading every message.
    PressDesk,
    /// The white cell writing as an actor (text is typed or pasted).
    WriteAs,
    /// Answering a question asked through a channel: choosing the answer.
    Reply,
    /// Explaining in one's own words (text is typed or pasted).
    Explain,
}

impl Context {
    pub fn label(self) -> &'static str {
        match self {
            Context::Always => "Always",
            Context::Everywhere => "Everywhere",
            Context::Lists => "Lists",
            Context::VimKeys => "Vim keys",
            Context::Launcher => "Choosing a scenario",
            Context::Briefing => "Briefing",
            Context::Privacy => "Passing the keyboard",
            Context::Play => "Playing a turn",
            Context::Resolution => "Turn resolution",
            Context::Debrief => "Debrief",
            Context::WhiteCell => "Facilitator (white cell)",
            Context::Spectator => "Projector",
            Context::Rooms => "Every room (white cell console)",
            Context::ConsoleRoom => "White cell console",
            Context::Reading => "Reading",
            Context::Confirm => "A question",
            Context::Share => "Sharing evidence",
            Context::Attribute => "Public attribution",
            Context::Statements => "Statements",
            Context::Notes => "Notes to self",
            Context::InjectForm => "Writing an inject",
            Context::TimerPrompt => "Turn timer",
            Context::Inbox => "Messages",
            Context::Compose => "Writing a message",
            Context::Propose => "Proposing a deal",
            Context::PressDesk => "Every message (white cell)",
            Context::WriteAs => "Writing as an actor",
            Context::Reply => "Answering a question",
            Context::Explain => "Explaining in your own words",
        }
    }

    /// Whether typed characters are text here: then no printable key may be
    /// bound in it, or it would eat the typing.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::InjectForm
                | Context::TimerPrompt
                | Context::Notes
                | Context::Compose
                | Context::WriteAs
                | Context::Explain
        )
    }
}

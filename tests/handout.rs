//! The workshop handout `demarche host` writes, through its public API: a
//! printed page per person, no facilitator code on a participant's page,
//! and the terminal size and keys it promises are the game's own.

use demarche::scenario::load;
use demarche::session::handout::{self, Sheet, KEYS, TERMINAL};
use demarche::tui::screens::{MIN_HEIGHT, MIN_WIDTH};

const SMALL: &str = include_str!("fixtures/small.ron");

fn codes(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("PLAYER-CODE-{i}")).collect()
}

#[test]
fn one_sheet_per_person_and_the_white_cells_codes_on_its_own_sheet() {
    let loaded = load::from_str("small", SMALL);
    let scenario = loaded.scenario.expect("small.ron loads");
    let f = &scenario.file;
    let players = codes(f.actors.len());
    let observers: Vec<String> = (0..f.actors.len()).map(|i| format!("OBSERVER-CODE-{i}")).collect();
    let sheets = [Sheet {
        room: 1,
        scenario: f,
        facilitator: "WHITE-CELL-CODE",
        spectator: "PROJECTOR-CODE",
        players: &players,
        observers: &observers,
        ssh: None,
    }];
    let html = handout::html(&sheets, "wss://example.org/demarche");
    let pages: Vec<&str> = html.split("<section class=\"sheet\">").skip(1).collect();
    assert_eq!(pages.len(), 1 + f.actors.len(), "a white cell sheet and one per actor");
    assert!(pages[0].contains("WHITE-CELL-CODE") && pages[0].contains("PROJECTOR-CODE"));
    // The observers' codes are on the white cell sheet, and nowhere else.
    assert!(observers.iter().all(|c| pages[0].contains(c.as_str())));
    for page in &pages[1..] {
        assert!(
            !page.contains("OBSERVER-CODE"),
            "a participant's sheet shows an observer code"
        );
    }
    for (i, (page, actor)) in pages[1..].iter().zip(&f.actors).enumerate() {
        assert!(page.contains(&players[i]), "sheet {i} carries its own code");
        assert!(page.contains(&actor.name));
        assert!(page.contains("wss://example.org/demarche"));
        for other in players.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c) {
            assert!(!page.contains(other.as_str()), "sheet {i} shows another seat's code");
        }
        assert!(!page.contains("WHITE-CELL-CODE") && !page.contains("PROJECTOR-CODE"));
        assert!(page.contains(&format!("{} columns", TERMINAL.0)));
    }
    // Each sheet after the first starts a printed page.
    assert!(html.contains(".sheet + .sheet { break-before: page;"));

    let md = handout::markdown(&sheets, "wss://example.org/demarche");
    assert!(!md.contains("\\newpage"));
    let md_pages: Vec<&str> = md.split("\n---\n").collect();
    assert_eq!(md_pages.len(), 1 + f.actors.len());
    assert!(observers.iter().all(|c| md_pages[0].contains(c.as_str())));
    for page in &md_pages[1..] {
        assert!(!page.contains("WHITE-CELL-CODE") && !page.contains("PROJECTOR-CODE"));
        assert!(!page.contains("OBSERVER-CODE"));
    }
}

#[test]
fn the_handouts_terminal_size_and_keys_are_the_games() {
    assert_eq!(TERMINAL, (MIN_WIDTH, MIN_HEIGHT));
    let labels: Vec<&str> = demarche::tui::keymap::help_rows(demarche::tui::app::Screen::Play)
        .iter()
        .flat_map(|b| b.label.split([' ', '/']))
        .collect();
    for (keys, _) in KEYS {
        // "↑↓" names two keys, each bound on its own.
        let bound = labels.contains(&keys) || keys.chars().all(|c| labels.contains(&c.to_string().as_str()));
        assert!(bound, "the handout names `{keys}`, which the game does not bind");
    }
}

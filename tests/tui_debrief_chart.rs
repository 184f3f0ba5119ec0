//! The debrief's escalation chart with eight actors: only the pairs that
//! moved, the highest first and at most six, the axes labelled with the
//! ladder's full rung names, and without colour each line told apart by
//! its marker in the legend.

use std::sync::Arc;

use demarche::bots::{self, Policy};
use demarche::engine::debrief::{Debrief, PairHistory};
use demarche::scenario::load;
use demarche::tui::app::{App, Screen};
use demarche::tui::screens::{self, debrief_chart};
use demarche::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn debrief() -> Debrief {
    let loaded = load::from_str("eight", include_str!("fixtures/eight.ron"));
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
    let s = Arc::new(loaded.scenario.expect("loads"));
    let policies = vec![Policy::Hawkish; s.actor_count()];
    let g = bots::play(s, 4, &policies, None);
    let mut d = Debrief::new(&g);
    // A tense game: of the 28 pairs, 11 left the first rung over 6 turns,
    // to different heights.
    let names: Vec<String> = d.actors.iter().map(|a| a.name.clone()).collect();
    assert_eq!(names.len(), 8);
    d.escalation.clear();
    let mut k = 0;
    for a in 0..8 {
        for b in a + 1..8 {
            let peak = if k % 5 < 2 || k < 3 { (k % 4) + 1 } else { 0 };
            let rungs = (0..=6).map(|t| peak.min(t * peak / 4)).collect();
            d.escalation.push(PairHistory {
                a: names[a].clone(),
                b: names[b].clone(),
                rungs,
                ladder: 0,
            });
            k += 1;
        }
    }
    d
}

fn screen(d: &Debrief, w: u16, h: u16) -> String {
    let mut app = App::new(Theme::plain(), Vec::new(), 0);
    app.debrief = Some(d.clone());
    app.screen = Screen::Debrief;
    app.debrief_tab = 2;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| screens::draw(&app, f)).expect("draw");
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn eight_actors_chart_the_pairs_that_moved_with_full_labels_and_markers() {
    let d = debrief();
    let moved = debrief_chart::moved(&d);
    assert!(moved.len() > debrief_chart::MAX_LINES, "{} pairs moved", moved.len());
    let peak = |i: usize| moved[i].rungs.iter().max().copied().unwrap_or(0);
    assert!(peak(0) >= peak(moved.len() - 1), "the highest first");
    let text = screen(&d, 120, 40);
    assert!(
        text.contains(&format!("the 6 highest of {} pairs that moved", moved.len())),
        "{text}"
    );
    // The six drawn are in the legend, each with its own marker, at
    // 120x40 and in the smallest window the game supports.
    let small = screen(&d, 80, 24);
    for text in [&text, &small] {
        for (p, mark) in moved.iter().zip(["⣿", "•", "█", "▄", "▀", "▚"]) {
            assert!(
                text.contains(&format!("{mark} {} – {}", p.a, p.b)),
                "{mark} {} – {}\n{text}",
                p.a,
                p.b
            );
        }
    }
    // The seventh is left out.
    let seventh = format!("{} – {}", moved[6].a, moved[6].b);
    assert!(!text.contains(&seventh), "{text}");
    // Rung names in full, and the turns.
    for rung in &d.ladder {
        assert!(text.contains(rung.as_str()), "{rung} is cut:\n{text}");
    }
    assert!(text.contains("turns played") && text.contains("start"), "{text}");
    insta::assert_snapshot!("escalation_eight_actors_80x24", screen(&d, 80, 24));
}

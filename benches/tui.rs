//! Drawing the main screen at 200x60 with a full feed, and the time from
//! `demarche play` to its first frame.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use demarche::session::catalog;
use demarche::tui::app::App;
use demarche::tui::screens;
use demarche::tui::theme::Theme;
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/small.ron")
        .to_string_lossy()
        .into_owned()
}

/// A game several turns in, so the feed is longer than the screen.
fn busy_app() -> App {
    let mut app = App::new(Theme::new(true), vec![catalog::entry(&fixture())], 11);
    let key = |app: &mut App, c: KeyCode| app.on_key(KeyEvent::new(c, KeyModifiers::NONE));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('c'));
        key(&mut app, KeyCode::Char('y'));
        key(&mut app, KeyCode::Esc);
    }
    app
}

fn draw(c: &mut Criterion) {
    let app = busy_app();
    let feed = app.view.as_ref().map_or(0, |v| v.feed.len());
    assert!(feed > 25, "the feed fills the panel ({feed} items)");
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function(&format!("draw main screen 200x60, {feed} feed items"), |b| {
        b.iter(|| term.draw(|f| screens::draw(&app, f)).map(|_| ()))
    });
}

fn first_frame(c: &mut Criterion) {
    let data = std::env::temp_dir().join("demarche-bench-data");
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("demarche play to first frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let pty = native_pty_system()
                    .openpty(PtySize {
                        rows: 40,
                        cols: 120,
                        pixel_width: 0,
                        pixel_height: 0,
                    })
                    .expect("pty");
                let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_demarche"));
                cmd.args(["play", &fixture(), "--as", "north", "--seed", "1"]);
                cmd.env("DEMARCHE_DATA_DIR", &data);
                cmd.env("DEMARCHE_EXIT_AFTER_FIRST_FRAME", "1");
                let start = Instant::now();
                let mut child = pty.slave.spawn_command(cmd).expect("spawn");
                let mut reader = pty.master.try_clone_reader().expect("reader");
                let drain = std::thread::spawn(move || {
                    let mut buf = [0u8; 65536];
                    while matches!(reader.read(&mut buf), Ok(n) if n > 0) {}
                });
                let _ = child.wait();
                total += start.elapsed();
                drop(pty);
                let _ = drain.join();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, draw, first_frame);
criterion_main!(benches);

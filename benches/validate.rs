//! `validate` on the largest scenario the loader accepts (4 MiB) holding as
//! many mistakes as fit, of three kinds: debrief questions pointing at
//! missing objectives (errors), injects that never fire (warnings), and
//! references to unknown ids (errors with a suggestion). Checking and
//! rendering the capped report must stay well under a second.

use criterion::{criterion_group, criterion_main, Criterion};
use demarche::scenario::diagnostic::render;
use demarche::scenario::load::{self, MAX_SIZE};

const SMALL: &str = include_str!("../tests/fixtures/small.ron");

/// small.ron with `item` repeated after `marker` until the file is just
/// under the size limit.
fn fill(marker: &str, item: impl Fn(usize) -> String) -> String {
    let room = MAX_SIZE - SMALL.len() - 64;
    let mut extra = String::with_capacity(room);
    let mut i = 0;
    loop {
        let next = item(i);
        if extra.len() + next.len() > room {
            break;
        }
        extra.push_str(&next);
        i += 1;
    }
    SMALL.replacen(marker, &format!("{marker}{extra}"), 1)
}

fn validate(c: &mut Criterion) {
    let files = [
        (
            "questions on missing objectives",
            fill("    debrief_questions: [\n", |i| {
                format!("Question(objective:{},text:\"\"),", 9 + i % 10)
            }),
        ),
        (
            "injects that never fire",
            fill("    injects: [\n", |i| {
                format!("Inject(id:\"w{i}\",when:Turn(0),audience:Public,headline:\"\"),")
            }),
        ),
        (
            "unknown ids",
            fill("    injects: [\n", |i| {
                format!(
                    "Inject(id:\"u{i}\",when:Turn(1),audience:Public,headline:\"\",effects:[Track(\"pressur\",1)]),"
                )
            }),
        ),
    ];
    let mut group = c.benchmark_group("validate a 4 MiB scenario");
    group.sample_size(10);
    for (what, source) in &files {
        let loaded = load::from_str("big", source);
        eprintln!(
            "{what}: {} bytes, {} error(s), {} warning(s)",
            source.len(),
            loaded.errors(),
            loaded.warnings()
        );
        group.bench_function(*what, |b| {
            b.iter(|| {
                let loaded = load::from_str("big", source);
                render("big.ron", &loaded.source, &loaded.diagnostics, false)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);

//! Full bot games on the largest shipped scenario.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use demarche::bots;
use demarche::scenario::{load, Scenario};
use demarche::shipped;
use demarche::simulate;

fn largest() -> Arc<Scenario> {
    let best = shipped::ALL
        .iter()
        .filter_map(|s| load::from_str(s.name, s.source).scenario)
        .max_by_key(|s| s.actor_count() * s.file.turns as usize * (s.file.actions.len() + s.file.injects.len()))
        .expect("a shipped scenario loads");
    Arc::new(best)
}

fn games(c: &mut Criterion) {
    let s = largest();
    let mut group = c.benchmark_group(format!("bot games ({})", s.name));
    group.throughput(Throughput::Elements(1));
    let mut seed = 0u64;
    group.bench_function("one full game", |b| {
        b.iter(|| {
            seed += 1;
            bots::play(Arc::clone(&s), seed, &[], None)
        })
    });
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("10,000 games, all cores", |b| {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        b.iter(|| simulate::run(&s, 10_000, 7, &[], threads))
    });
    group.finish();
}

criterion_group!(benches, games);
criterion_main!(benches);

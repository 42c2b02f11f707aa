use std::time::Instant;
fn main() {
    let p = std::path::Path::new(&std::env::args().nth(1).unwrap()).to_path_buf();
    let text = std::fs::read_to_string(&p).unwrap();
    for _ in 0..3 {
        let n = 50;
        let t = Instant::now();
        for _ in 0..n { let wb: planbook::model::Workbook = toml::from_str(&text).unwrap(); std::hint::black_box(wb); }
        let a = t.elapsed() / n;
        let wb: planbook::model::Workbook = toml::from_str(&text).unwrap();
        let t = Instant::now();
        for _ in 0..n { std::hint::black_box(planbook::store::validate(&wb)); }
        let b = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n { std::hint::black_box(planbook::store::unknown_keys(&wb)); }
        let c = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n { std::hint::black_box(planbook::store::fingerprint(text.as_bytes())); }
        let d = t.elapsed() / n;
        let t = Instant::now();
        for _ in 0..n { std::hint::black_box(planbook::store::load(&p).unwrap()); }
        let e = t.elapsed() / n;
        println!("parse {a:?} validate {b:?} unknown {c:?} fingerprint {d:?} load {e:?}");
    }
}

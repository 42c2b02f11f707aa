//! Fuzzes the workbook loader: any bytes give a workbook or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.toml");
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(loaded) = planbook::store::parse(path, text) {
            // What loads must save and load again to the same workbook.
            let again =
                planbook::store::to_text(&loaded.workbook).expect("a loaded workbook saves");
            let back = planbook::store::parse(path, &again).expect("a saved workbook loads");
            assert_eq!(back.workbook, loaded.workbook);
        }
    }
});

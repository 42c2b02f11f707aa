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
            // Saved over its own text (comments and layout kept), it loads the same too.
            let mut doc = planbook::store::document(text).expect("a workbook is a document");
            let edited = planbook::store::text_over(&mut doc, &loaded.workbook)
                .expect("a loaded workbook saves over its text");
            let back = planbook::store::parse(path, &edited).expect("an edited workbook loads");
            assert_eq!(back.workbook, loaded.workbook);
        }
    }
});

//! The batch through the library: documents are made on the pool's workers and written by
//! one writer thread, yet every input gets exactly one outcome, in input order, reported
//! once to the progress callback; a failure at any stage (loading, validation, a name
//! clash, writing) stays with its input.

mod common;

use std::path::PathBuf;
use std::sync::Mutex;

use gongkai::batch;
use gongkai::output::OutputDir;
use gongkai::{Error, Format, Options};

fn minimal() -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml")).expect("fixture")
}

#[test]
fn every_input_has_one_outcome_in_input_order_whatever_fails_where() {
    let dir = common::temp_dir("batch-order");
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).expect("inputs");
    let good = minimal();
    // Twelve good departments between a file that does not parse, one that fails
    // validation, two whose outputs would collide, and one whose PDF cannot be written.
    let mut files: Vec<PathBuf> = Vec::new();
    let mut add = |name: &str, text: &str| {
        let p = inputs.join(name);
        std::fs::write(&p, text).expect("write input");
        files.push(p);
    };
    add("a-broken.yaml", "department: [unclosed\n");
    for i in 0..6 {
        add(&format!("b-good-{i}.yaml"), &good);
    }
    add(
        "c-invalid.yaml",
        &good.replacen("year: 2025", "year: -1", 1),
    );
    add("d-clash.yaml", &good);
    add("D-CLASH.yaml", &good);
    add("e-unwritable.yaml", &good);
    for i in 0..6 {
        add(&format!("f-good-{i}.yaml"), &good);
    }
    let out_dir = dir.join("out");
    std::fs::create_dir_all(out_dir.join("e-unwritable.pdf")).expect("a directory in the way");

    let opts = Options {
        formats: vec![Format::Markdown, Format::Pdf],
        ..Options::default()
    };
    let out = OutputDir::new(&out_dir);
    let seen = Mutex::new(Vec::new());
    let outcomes = batch::run(&files, &opts, &out, 2, &|o| {
        seen.lock().expect("lock").push(o.input.clone());
    })
    .expect("the batch runs");

    let order: Vec<&PathBuf> = outcomes.iter().map(|o| &o.input).collect();
    assert_eq!(order, files.iter().collect::<Vec<_>>(), "input order");
    let mut reported = seen.into_inner().expect("lock");
    reported.sort();
    let mut expected = files.clone();
    expected.sort();
    assert_eq!(reported, expected, "progress once per input");

    let name = |o: &batch::Outcome| {
        o.input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    for o in &outcomes {
        let n = name(o);
        match (&o.result, n.as_str()) {
            (Ok(done), n) if n.contains("good") => {
                assert_eq!(done.written.len(), 2, "{n}");
                assert!(done.written.iter().all(|p| p.is_file()), "{n}");
            }
            (Err(Error::Invalid(_)), "a-broken.yaml" | "c-invalid.yaml") => {}
            (Err(Error::Usage(m)), "d-clash.yaml" | "D-CLASH.yaml") => {
                assert!(m.contains("输出文件名"), "{m}")
            }
            (Err(e), "e-unwritable.yaml") => {
                assert!(e.to_string().contains("e-unwritable.pdf"), "{e}");
                assert!(!out_dir.join("e-unwritable.md").exists(), "no half set");
            }
            (r, n) => panic!("{n}: unexpected {r:?}"),
        }
    }
    // Nothing left behind by the writer.
    let temps: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

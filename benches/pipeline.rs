//! Benchmarks (`cargo bench`): medians of each pipeline stage on the Jianghan report, the
//! whole report to PDF, the workbook import and output, and a scale run over synthetic departments (wall time, peak
//! memory, and how the cost grows with input size). Prints figures; asserts nothing.
//!
//! `GONGKAI_BENCH_DEPARTMENTS` sets the number of departments of the scale run (1,000);
//! `GONGKAI_BENCH_RUNS` the repetitions per stage (25).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use gongkai::synth::{budget_yaml, Spec};
use gongkai::{Format, Options};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Median of `runs` timings of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:9.3} ms", d.as_secs_f64() * 1e3)
}

/// Peak resident memory of this process so far (Linux `VmHWM`), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn stages(runs: usize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs/jianghan-2024.yaml");
    let text = std::fs::read_to_string(&path).expect("jianghan input");
    let load = || gongkai::load::from_str("jianghan.yaml", &text).expect("loads");
    let vopts = gongkai::validate::Options::default();
    let loaded = load();
    let validated = gongkai::validate::validate(loaded.clone(), &vopts, false).expect("valid");
    let report = gongkai::model::derive(&validated, false);
    let theme = gongkai::theme::load("standard", None).expect("layout");
    let renderer = gongkai::render::Renderer::new(theme, &report.meta).expect("templates");
    let blocks = renderer.blocks(&report).expect("blocks");
    println!("== stages, Jianghan 2024 (median of {runs})");
    println!("load      {}", ms(median(runs, load)));
    println!(
        "validate  {}",
        ms(median(runs, || gongkai::validate::check(&loaded, &vopts)))
    );
    println!(
        "derive    {}",
        ms(median(runs, || gongkai::model::derive(&validated, false)))
    );
    println!(
        "document  {}",
        ms(median(runs, || renderer.blocks(&report).expect("blocks")))
    );
    println!(
        "markdown  {}",
        ms(median(runs, || renderer
            .page(&report.meta, &report, &blocks, Format::Markdown)
            .expect("md")))
    );
    println!(
        "html      {}",
        ms(median(runs, || renderer
            .page(&report.meta, &report, &blocks, Format::Html)
            .expect("html")))
    );
    let whole = |formats: Vec<Format>| {
        let opts = Options {
            formats,
            ..Options::default()
        };
        median(runs, || gongkai::build(load(), &opts).expect("builds"))
    };
    println!(
        "pdf, whole report from YAML  {}",
        ms(whole(vec![Format::Pdf]))
    );
    println!(
        "all three formats from YAML  {}",
        ms(whole(vec![Format::Markdown, Format::Html, Format::Pdf]))
    );
}

fn scale(departments: usize) {
    let dir = std::env::temp_dir().join(format!("gongkai-bench-{}", std::process::id()));
    let (inputs, out) = (dir.join("inputs"), dir.join("output"));
    std::fs::create_dir_all(&inputs).expect("temp dir");
    for seed in 0..departments {
        let spec = Spec {
            seed: seed as u64 + 1,
            ..Spec::default()
        };
        std::fs::write(
            inputs.join(format!("dept-{seed:04}.yaml")),
            budget_yaml(&spec),
        )
        .expect("write input");
    }
    let files = gongkai::batch::collect_inputs(&[inputs]).expect("inputs");
    let opts = Options::default();
    let start = Instant::now();
    let out = gongkai::output::OutputDir::new(&out);
    let outcomes = gongkai::batch::run(&files.files, &opts, &out, 0, &|_| {}).expect("batch");
    let wall = start.elapsed();
    let ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
    println!("== scale: {departments} synthetic departments × every format (md, html, pdf, xlsx), all cores");
    println!(
        "wall {:.2} s, {ok}/{departments} succeeded, {:.1} ms per department, peak memory {:.0} MiB",
        wall.as_secs_f64(),
        wall.as_secs_f64() * 1e3 / departments as f64,
        peak_mib().unwrap_or(f64::NAN)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn growth(runs: usize) {
    println!("== growth: one department, all three formats (median of {runs})");
    let mut base: Option<f64> = None;
    for projects in [250usize, 500, 1000, 2000] {
        let spec = Spec {
            seed: 3,
            units: 4,
            projects,
            procurement_lines: projects / 4,
            forms: 0,
        };
        let text = budget_yaml(&spec);
        let opts = Options {
            formats: vec![Format::Markdown, Format::Html, Format::Pdf],
            ..Options::default()
        };
        let t = median(runs, || {
            let loaded = gongkai::load::from_str("synth.yaml", &text).expect("loads");
            gongkai::build(loaded, &opts).expect("builds")
        });
        let per = t.as_secs_f64() * 1e3 / projects as f64;
        let ratio = base.map_or(1.0, |b| per / b);
        base.get_or_insert(per);
        println!(
            "{projects:5} projects, {:4} procurement lines, {:6} KB input: {}  ({per:.3} ms per project, ×{ratio:.2} of the smallest)",
            projects / 4,
            text.len() / 1024,
            ms(t)
        );
    }
}

/// Every example input (all layouts and document kinds), whole pipeline from text to all
/// formats, median of `runs`.
fn examples(runs: usize) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("inputs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    inputs.sort();
    println!("\nexamples, whole pipeline from YAML text (median of {runs}):");
    for path in inputs {
        let text = std::fs::read_to_string(&path).expect("input");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let run = |formats: Vec<Format>| {
            median(runs, || {
                let input = gongkai::load::input_from_str(name, &text).expect("loads");
                gongkai::build_input(
                    input,
                    &Options {
                        formats: formats.clone(),
                        ..Options::default()
                    },
                )
                .expect("builds")
            })
        };
        println!(
            "  {name:32} md+html {}   pdf {}",
            ms(run(vec![Format::Markdown, Format::Html])),
            ms(run(vec![Format::Pdf]))
        );
    }
}

/// `gongkai import` of the example workbook (`inputs/example-2025.xlsx`, the README
/// tour's) and of a synthetic department of 40 projects, and the workbook output of the
/// Jianghan report: medians of `runs`.
fn workbooks(runs: usize) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let example = root.join("inputs/example-2025.xlsx");
    println!("\n== workbooks (median of {runs})");
    println!(
        "import inputs/example-2025.xlsx ({} KB)  {}",
        std::fs::metadata(&example).map_or(0, |m| m.len() / 1024),
        ms(median(runs, || gongkai::import::import(&example).expect("imports")))
    );
    let spec = Spec {
        seed: 5,
        units: 4,
        projects: 40,
        procurement_lines: 20,
        forms: 10,
    };
    let text = budget_yaml(&spec);
    let xlsx = Options {
        formats: vec![Format::Xlsx],
        ..Options::default()
    };
    let loaded = gongkai::load::from_str("synth.yaml", &text).expect("loads");
    let bytes = gongkai::build(loaded, &xlsx)
        .expect("builds")
        .outputs
        .remove(0)
        .1;
    let dir = std::env::temp_dir().join(format!("gongkai-bench-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let synth = dir.join("synth.xlsx");
    std::fs::write(&synth, &bytes).expect("write");
    println!(
        "import synthetic, 4 units, 40 projects ({} KB)  {}",
        bytes.len() / 1024,
        ms(median(runs, || gongkai::import::import(&synth).expect("imports")))
    );
    let _ = std::fs::remove_dir_all(&dir);
    let path = root.join("inputs/jianghan-2024.yaml");
    let jianghan = std::fs::read_to_string(path).expect("input");
    println!(
        "xlsx, whole Jianghan report from YAML  {}",
        ms(median(runs, || {
            let loaded = gongkai::load::from_str("jianghan.yaml", &jianghan).expect("loads");
            gongkai::build(loaded, &xlsx).expect("builds")
        }))
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing we need.
    let runs = env_usize("GONGKAI_BENCH_RUNS", 25);
    stages(runs);
    workbooks(runs);
    examples(runs.min(11));
    growth(runs.min(5));
    scale(env_usize("GONGKAI_BENCH_DEPARTMENTS", 1000));
}

//! Benchmarks (`cargo bench`): medians of each pipeline stage on the Jianghan report, the
//! whole report to PDF against the `typst` CLI compiling the same content (when a `typst`
//! binary is on the PATH or named by `GONGKAI_TYPST`), how the cost grows with input size
//! (all formats up to 2,000 projects; the PDF of one department with 10,000, 20,000 and
//! 40,000 projects), the workbook import and output, and a scale run over synthetic
//! departments (wall time, CPU, peak memory). Prints figures; asserts nothing.
//!
//! `GONGKAI_BENCH_DEPARTMENTS` sets the number of departments of the scale run (1,000),
//! `GONGKAI_BENCH_SCALE_RUNS` how many times it runs (3; the median is reported);
//! `GONGKAI_BENCH_RUNS` the repetitions per stage (25); `GONGKAI_BENCH_BIG=0` skips the
//! 10,000–40,000-project runs.

/// The allocator the `gongkai` binary uses, so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/typst.rs"]
mod typst;

use std::path::PathBuf;
use std::process::Command;
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

/// CPU time of this process so far, every thread (Linux `/proc/self/stat`), in seconds.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Median wall time of `runs` runs of `f`, and the mean CPU time a run took on every
/// thread (the figure to compare on a machine other programs load).
fn wall_and_cpu<T>(runs: usize, f: impl FnMut() -> T) -> (Duration, Option<f64>) {
    let before = cpu_seconds();
    let wall = median(runs, f);
    let cpu = before
        .zip(cpu_seconds())
        .map(|(a, b)| (b - a) * 1e3 / runs as f64);
    (wall, cpu)
}

fn cpu_ms(cpu: Option<f64>) -> String {
    cpu.map_or_else(|| "?".into(), |c| format!("{c:.1} ms"))
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
    let load = || {
        <gongkai::load::schema::Budget as gongkai::Kind>::parse("jianghan.yaml", &text)
            .expect("loads")
    };
    let vopts = gongkai::validate::Options::default();
    let loaded = load();
    let validated = gongkai::kind::validated(loaded.clone(), &vopts, false).expect("valid");
    let report = gongkai::model::derive(&validated, false, "standard");
    let theme = gongkai::theme::load("standard", &[]).expect("layout");
    let renderer = gongkai::render::Renderer::new(theme.clone(), &report.meta).expect("templates");
    let blocks = renderer.blocks(&report).expect("blocks");
    println!("== stages, Jianghan 2024 (median of {runs})");
    println!("load      {}", ms(median(runs, load)));
    println!(
        "validate  {}",
        ms(median(runs, || gongkai::validate::check(&loaded, &vopts)))
    );
    println!(
        "derive    {}",
        ms(median(runs, || gongkai::model::derive(
            &validated, false, "standard"
        )))
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
        wall_and_cpu(runs, || {
            gongkai::build(gongkai::Input::Budget(load()), &opts).expect("builds")
        })
    };
    let paged = gongkai::paged::PagedOptions::default();
    let typeset =
        || gongkai::paged::typeset(&blocks, &report.meta, &theme, &paged).expect("layout");
    println!("pdf layout {}", ms(median(runs, typeset)));
    let laid_out = typeset();
    println!(
        "pdf write  {}",
        ms(median(runs, || gongkai::pdf::write(
            &laid_out.document,
            &laid_out.fonts
        )
        .expect("pdf")))
    );
    let (pdf, cpu) = whole(vec![Format::Pdf]);
    println!(
        "pdf, whole report from YAML  {}   (CPU {} per run, all threads)",
        ms(pdf),
        cpu_ms(cpu)
    );
    let (all, cpu) = whole(vec![Format::Markdown, Format::Html, Format::Pdf]);
    println!(
        "all three formats from YAML  {}   (CPU {} per run, all threads)",
        ms(all),
        cpu_ms(cpu)
    );
    compare_typst(&blocks, pdf, runs.min(11));
}

/// The `typst` CLI compiling the same report (from the same blocks, with the same fonts),
/// median of `runs`, beside gongkai's `pdf` median.
fn compare_typst(blocks: &[gongkai::blocks::Block], pdf: Duration, runs: usize) {
    let program = std::env::var("GONGKAI_TYPST").unwrap_or_else(|_| "typst".into());
    let version = Command::new(&program).arg("--version").output();
    let Some(version) = version.ok().filter(|o| o.status.success()) else {
        println!("typst not found (GONGKAI_TYPST or PATH): no comparison");
        return;
    };
    let dir = std::env::temp_dir().join(format!("gongkai-bench-typst-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let source = dir.join("report.typ");
    std::fs::write(&source, typst::source(blocks)).expect("write typst source");
    let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let compile = || {
        let status = Command::new(&program)
            .args(["compile", "--font-path"])
            .arg(&fonts)
            .arg(&source)
            .arg(dir.join("report.pdf"))
            .status()
            .expect("run typst");
        assert!(status.success(), "typst compile failed");
    };
    let t = median(runs, compile);
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    println!(
        "{version} compile of the same report (CLI, median of {runs}) {}   (×{:.1} of gongkai's pdf)",
        ms(t),
        t.as_secs_f64() / pdf.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn scale(departments: usize, runs: usize) {
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
    println!(
        "== scale: {departments} synthetic departments × every format (md, html, pdf, xlsx), all cores, {runs} runs"
    );
    // Each run writes a fresh output folder (removed after it), as a bureau's first run.
    let mut walls: Vec<(f64, Option<f64>)> = (0..runs)
        .map(|run| {
            let out = out.join(run.to_string());
            let start = Instant::now();
            let cpu_start = cpu_seconds();
            let dir = gongkai::output::OutputDir::new(&out);
            let outcomes =
                gongkai::batch::run(&files.files, &opts, &dir, 0, &|_| {}).expect("batch");
            let wall = start.elapsed().as_secs_f64();
            let cpu = cpu_start.zip(cpu_seconds()).map(|(a, b)| b - a);
            let ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
            println!(
                "run {}: wall {wall:.2} s, {ok}/{departments} succeeded, CPU {:.1} s",
                run + 1,
                cpu.unwrap_or(f64::NAN)
            );
            drop(dir);
            let _ = std::fs::remove_dir_all(&out);
            (wall, cpu)
        })
        .collect();
    walls.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (wall, cpu) = walls[walls.len() / 2];
    println!(
        "median wall {wall:.2} s ({:.1} ms per department), its CPU {:.1} s, peak memory {:.0} MiB",
        wall * 1e3 / departments as f64,
        cpu.unwrap_or(f64::NAN),
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
            let loaded = gongkai::Input::from_str("synth.yaml", &text).expect("loads");
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
                let input = gongkai::Input::from_str(name, &text).expect("loads");
                gongkai::build(
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
    let loaded = gongkai::Input::from_str("synth.yaml", &text).expect("loads");
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
            let loaded = gongkai::Input::from_str("jianghan.yaml", &jianghan).expect("loads");
            gongkai::build(loaded, &xlsx).expect("builds")
        }))
    );
}

/// The PDF of one department with 10,000, 20,000 and 40,000 projects: time (one run each,
/// from YAML text), cost per project, and the process's peak memory so far.
fn growth_big() {
    println!("== growth: one department, PDF, 10,000 to 40,000 projects (one run each)");
    let mut base: Option<f64> = None;
    for projects in [10_000usize, 20_000, 40_000] {
        let spec = Spec {
            seed: 1,
            projects,
            ..Spec::default()
        };
        let text = budget_yaml(&spec);
        let opts = Options {
            formats: vec![Format::Pdf],
            ..Options::default()
        };
        let start = Instant::now();
        let loaded = gongkai::Input::from_str("synth.yaml", &text).expect("loads");
        let art = gongkai::build(loaded, &opts).expect("builds");
        let t = start.elapsed();
        let pages = art.pages.as_ref().map_or(0, |d| d.pages.len());
        drop(art);
        let per = t.as_secs_f64() * 1e3 / projects as f64;
        let ratio = base.map_or(1.0, |b| per / b);
        base.get_or_insert(per);
        println!(
            "{projects:6} projects, {pages:5} pages: {:8.2} s  ({per:.3} ms per project, ×{ratio:.2} of 10,000), peak memory so far {:.0} MiB",
            t.as_secs_f64(),
            peak_mib().unwrap_or(f64::NAN)
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing we need.
    let runs = env_usize("GONGKAI_BENCH_RUNS", 25);
    stages(runs);
    workbooks(runs);
    examples(runs.min(11));
    growth(runs.min(5));
    scale(
        env_usize("GONGKAI_BENCH_DEPARTMENTS", 1000),
        env_usize("GONGKAI_BENCH_SCALE_RUNS", 3).max(1),
    );
    // Last: its peak memory would stand in the scale run's figure.
    if env_usize("GONGKAI_BENCH_BIG", 1) != 0 {
        growth_big();
    }
}

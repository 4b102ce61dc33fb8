//! Writes synthetic department budgets for scale runs:
//! `cargo run --release --example synth -- DIR [COUNT] [PROJECTS]` writes
//! `DIR/dept-0000.yaml` … (default 1,000 departments of 6 projects), each a valid input.

use gongkai::synth::{budget_yaml, Spec};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("用法：synth 目录 [部门数] [每个部门的项目数]");
        return std::process::ExitCode::from(2);
    };
    let count: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let projects: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(6);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{dir}：{e}");
        return std::process::ExitCode::from(2);
    }
    for i in 0..count {
        let spec = Spec {
            seed: i as u64 + 1,
            projects,
            ..Spec::default()
        };
        let path = std::path::Path::new(dir).join(format!("dept-{i:04}.yaml"));
        if let Err(e) = std::fs::write(&path, budget_yaml(&spec)) {
            eprintln!("{}：{e}", path.display());
            return std::process::ExitCode::from(2);
        }
    }
    eprintln!("已写出 {count} 个部门到 {dir}");
    std::process::ExitCode::SUCCESS
}

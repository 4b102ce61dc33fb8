//! The `gongkai` command: argument parsing, printing diagnostics, exit codes.
//! No pipeline logic lives here; everything is a call into the library. The command's
//! parts are in `src/cli/`.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use gongkai::{present, render, validate, watch};

use cli::args::{Cli, Command, TemplatesAction};
use cli::check::check;
use cli::commands::{import, init, preview};
use cli::generate::{generate, GenerateArgs};
use cli::report::{sandbox, today};
use cli::zh::{parse, Parsed};

/// mimalloc instead of the system allocator: the pipeline allocates many small strings and
/// values (Tera contexts, text runs), and glibc's malloc and free were a fifth of the CPU
/// time of a batch run (see ARCHITECTURE.md, Decisions).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The child that renders a user's templates (see `render::sandbox`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == render::sandbox::SUBCOMMAND)
    {
        return ExitCode::from(u8::try_from(render::sandbox::serve()).unwrap_or(2));
    }
    let cli = match parse() {
        Parsed::Run(c) => c,
        Parsed::Exit(code) => return ExitCode::from(code),
    };
    match cli.command {
        Command::Generate {
            inputs,
            output,
            formats,
            templates,
            draft,
            jobs,
        } => generate(GenerateArgs {
            inputs,
            out_dir: output,
            formats,
            templates,
            draft,
            jobs,
        }),
        Command::Check {
            inputs,
            format,
            templates,
        } => check(&inputs, format, templates),
        Command::Import {
            workbook,
            output,
            force,
        } => import(&workbook, &output, force),
        Command::Watch {
            input,
            port,
            open,
            templates,
        } => preview(
            &watch::Config {
                input,
                templates,
                port,
                today: today(),
                sandbox: sandbox(),
            },
            open,
        ),
        Command::Layouts { templates } => cli::templates::layouts(&templates),
        Command::Templates {
            action: TemplatesAction::Export { layout, dir },
        } => cli::templates::export(&layout, &dir),
        Command::Templates {
            action: TemplatesAction::New { name, from },
        } => cli::templates::new(&name, &from),
        Command::Templates {
            action: TemplatesAction::Check { dir, inputs },
        } => cli::templates::check(&dir, &inputs),
        Command::Templates {
            action: TemplatesAction::Vars { input, templates },
        } => cli::templates::vars(&input, templates),
        Command::Init {
            output: path,
            layout,
            from,
        } => init(&path, &layout, from.as_deref()),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "gongkai",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Schema { kind, install } => cli::schema::schema(&kind, install),
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            for r in validate::RULES {
                let sev = present::severity_word(r.severity);
                let _ = writeln!(
                    out,
                    "{}  {}  {}\n          依据：{}",
                    r.id, sev, r.title, r.basis
                );
            }
            for (id, severity, title) in gongkai::import::RULES {
                let sev = present::severity_word(*severity);
                let _ = writeln!(
                    out,
                    "{id}  {sev}  {title}\n          依据：gongkai import 读入工作簿时的核对"
                );
            }
            ExitCode::SUCCESS
        }
    }
}

//! The command line: every subcommand, option and help text (Chinese; clap's own words
//! are translated in [`super::zh`]).

use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

pub(crate) const HELP_TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}";

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai（公开）：把部门预算（及绩效目标表、绩效自评表）的 YAML 生成公开文本，数字对不上就拒绝发布。",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "选项")]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "选项")]
    version: Option<bool>,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// 校验输入并生成报告（Markdown、HTML、PDF 和 Excel 报表）
    #[command(help_template = HELP_TEMPLATE)]
    Generate {
        /// 输入的 YAML 文件，或目录（生成其中全部 .yaml/.yml 文件，并写出门户目录 index.html）
        #[arg(required = true, value_name = "输入文件", help_heading = "参数")]
        inputs: Vec<PathBuf>,
        /// 输出目录（默认：output）
        #[arg(
            short = 'o',
            long = "output",
            value_name = "目录",
            default_value = "output",
            hide_default_value = true,
            help_heading = "选项"
        )]
        output: PathBuf,
        /// 输出格式，逗号分隔：md、html、pdf、xlsx（默认：版式支持的全部格式）
        #[arg(
            short = 'f',
            long = "format",
            value_name = "格式",
            value_delimiter = ',',
            help_heading = "选项"
        )]
        formats: Vec<String>,
        /// 版式目录（可重复）：layout.yaml 写明版式名称的目录只用于该版式的输入；未写名称的目录中与内置模板同名的文件对所有版式优先；各子目录都有 layout.yaml 的目录是一组版式
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Vec<PathBuf>,
        /// 即使有错误也生成，并在每个输出上标明“草稿”
        #[arg(long = "draft", help_heading = "选项")]
        draft: bool,
        /// 并行处理的文件数（默认：全部 CPU 核）
        #[arg(
            short = 'j',
            long = "jobs",
            value_name = "数量",
            default_value_t = 0,
            hide_default_value = true,
            help_heading = "选项"
        )]
        jobs: usize,
    },
    /// 从预算公开表工作簿（.xlsx、.xls）导入数字，写出输入文件（YAML）；表中没有的文字写成“【待填写】”
    #[command(help_template = HELP_TEMPLATE)]
    Import {
        /// 预算系统导出的工作簿（预算01表 … 预算15表，.xlsx 或 .xls）
        #[arg(value_name = "工作簿", help_heading = "参数")]
        workbook: PathBuf,
        /// 要写出的输入文件（YAML）
        #[arg(
            short = 'o',
            long = "output",
            value_name = "文件",
            required = true,
            help_heading = "选项"
        )]
        output: PathBuf,
        /// 文件已存在时覆盖
        #[arg(long = "force", help_heading = "选项")]
        force: bool,
    },
    /// 只校验输入，列出全部问题
    #[command(help_template = HELP_TEMPLATE)]
    Check {
        /// 输入的 YAML 文件，或目录（校验其中全部 .yaml/.yml 文件）
        #[arg(required = true, value_name = "输入文件", help_heading = "参数")]
        inputs: Vec<PathBuf>,
        /// 输出格式：human（默认，便于阅读）或 json（便于脚本处理）
        #[arg(
            long = "format",
            value_enum,
            default_value = "human",
            hide_default_value = true,
            hide_possible_values = true,
            value_name = "格式",
            help_heading = "选项"
        )]
        format: CheckFormat,
        /// 版式目录（可重复；其中 layout.yaml 的 checks 设置校验阈值），规则同 generate
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Vec<PathBuf>,
    },
    /// 实时预览：在本机浏览器中显示报告，每次保存后自动重新生成并刷新；有错误时列出全部问题（不写出任何文件）
    #[command(help_template = HELP_TEMPLATE)]
    Watch {
        /// 输入的 YAML 文件
        #[arg(value_name = "输入文件", help_heading = "参数")]
        input: PathBuf,
        /// 端口（只在 127.0.0.1 上提供，本机以外无法访问；默认 3000，被占用时由系统选择）
        #[arg(long = "port", value_name = "端口", help_heading = "选项")]
        port: Option<u16>,
        /// 启动后用系统默认浏览器打开预览页面
        #[arg(long = "open", help_heading = "选项")]
        open: bool,
        /// 版式目录（可重复），规则同 generate；修改模板后预览也自动刷新
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Vec<PathBuf>,
    },
    /// 列出全部校验规则
    #[command(help_template = HELP_TEMPLATE)]
    Rules,
    /// 列出内置版式及其文件类型；加 --templates 时也列出这些目录声明的版式
    #[command(help_template = HELP_TEMPLATE)]
    Layouts {
        /// 版式目录（可重复）
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Vec<PathBuf>,
    },
    /// 模板操作：new 新建版式目录，export 复制某个版式的全部模板，check 检查版式，vars 打印输入的模板数据
    #[command(help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// 新建输入文件：带中文说明的骨架，或由上年文件生成本年文件
    #[command(help_template = HELP_TEMPLATE)]
    Init {
        /// 要写出的新文件
        #[arg(value_name = "新文件", help_heading = "参数")]
        output: PathBuf,
        /// 版式（默认 standard）
        #[arg(
            long = "layout",
            value_name = "版式",
            default_value = "standard",
            hide_default_value = true,
            help_heading = "选项"
        )]
        layout: String,
        /// 上年的输入文件：沿用结构和文字，把上年数填入“上年”字段
        #[arg(long = "from", value_name = "上年文件", help_heading = "选项")]
        from: Option<PathBuf>,
    },
    /// 输出命令行补全脚本（bash、zsh、fish、powershell），例如 gongkai completions bash > ~/.local/share/bash-completion/completions/gongkai
    #[command(help_template = HELP_TEMPLATE)]
    Completions {
        /// 终端类型：bash、zsh、fish 或 powershell
        #[arg(
            value_enum,
            value_name = "终端",
            help_heading = "参数",
            hide_possible_values = true
        )]
        shell: clap_complete::Shell,
    },
    /// 输出输入文件的 JSON Schema（供编辑器自动补全和检查）
    #[command(help_template = HELP_TEMPLATE)]
    Schema {
        /// 文件类型（kind），默认 budget（部门预算），可选值见 gongkai layouts
        #[arg(
            long,
            value_name = "类型",
            default_value = "budget",
            hide_default_value = true,
            help_heading = "选项"
        )]
        kind: String,
        /// 把每种文件类型的 JSON Schema 写入本机的用户数据目录（gongkai init 也会写），并给出输入文件第一行应写的内容
        #[arg(long, conflicts_with = "kind", help_heading = "选项")]
        install: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum TemplatesAction {
    /// 把某个版式的模板复制到目录（不覆盖已有文件）
    #[command(help_template = HELP_TEMPLATE)]
    Export {
        /// 版式名称，见 gongkai layouts
        #[arg(value_name = "版式", help_heading = "参数")]
        layout: String,
        /// 目标目录
        #[arg(value_name = "目录", help_heading = "参数")]
        dir: PathBuf,
    },
    /// 新建版式目录：带说明的 layout.yaml（extends 所依据的版式）和要改的模板
    #[command(help_template = HELP_TEMPLATE)]
    New {
        /// 新版式的名称（也是目录名）
        #[arg(value_name = "名称", help_heading = "参数")]
        name: String,
        /// 所依据的内置版式（默认 standard）
        #[arg(
            long = "from",
            value_name = "版式",
            default_value = "standard",
            hide_default_value = true,
            help_heading = "选项"
        )]
        from: String,
    },
    /// 检查版式目录：用内置示例输入（及去掉全部可选内容的变体）和给出的输入逐一渲染其中每个版式，列出模板错误
    #[command(help_template = HELP_TEMPLATE)]
    Check {
        /// 版式目录（或其上级目录）
        #[arg(value_name = "目录", help_heading = "参数")]
        dir: PathBuf,
        /// 另外用来渲染的输入文件
        #[arg(value_name = "输入文件", help_heading = "参数")]
        inputs: Vec<PathBuf>,
    },
    /// 打印输入文件的模板数据（模板可用的全部变量及其实际值，YAML 格式）
    #[command(help_template = HELP_TEMPLATE)]
    Vars {
        /// 输入的 YAML 文件
        #[arg(value_name = "输入文件", help_heading = "参数")]
        input: PathBuf,
        /// 版式目录（可重复），规则同 generate
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum CheckFormat {
    Human,
    Json,
}

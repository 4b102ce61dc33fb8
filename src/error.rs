//! The crate's error type and the structured [`Diagnostic`] every check reports.
//!
//! Nothing here prints or chooses an exit code: that is `main`'s job.

use std::path::PathBuf;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A reviewer should look; publishing is allowed.
    Warning,
    /// The report must not be published.
    Error,
}

/// One problem found in an input file, located at a YAML node — or, for a workbook read
/// by `gongkai import`, at a cell: then `file` is the workbook, `field` the cell
/// (`预算05表!D12`) and `line`, `column` are 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Input file as given on the command line.
    pub file: String,
    /// 1-based line of the offending node (0 when unknown).
    pub line: usize,
    /// 1-based column of the offending node (0 when unknown).
    pub column: usize,
    /// Field path, e.g. `expenditure[3].personnel`.
    pub field: String,
    /// Stable rule ID, e.g. `SUM-001`.
    pub rule: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The Chinese message, with the figures involved.
    pub message: String,
    /// An optional hint on how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Other places involved, each with its own line: the parts of a total that does not
    /// add up, the other copy of a fact entered twice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// Another place a diagnostic involves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// Field path.
    pub field: String,
    /// What is there, e.g. `行政运行 90.5`.
    pub message: String,
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input or output path could not be read or written.
    #[error("{}：{}", path.display(), io_message(source))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input has errors (syntax, schema or business rules); nothing was written.
    #[error("{} 个错误", .0.iter().filter(|d| d.severity == Severity::Error).count())]
    Invalid(Vec<Diagnostic>),
    /// A template or layout description is broken (built-in or user-supplied).
    #[error("模板错误：{0}")]
    Template(String),
    /// A font file cannot be read or used for the PDF (the built-in fonts, or one a
    /// layout's `pdf.yaml` names).
    #[error("字体错误：{0}")]
    Font(String),
    /// The PDF could not be written from the laid-out pages.
    #[error("PDF 生成失败：{0}")]
    Pdf(String),
    /// The Excel workbook could not be written.
    #[error("Excel 工作簿生成失败：{0}")]
    Xlsx(String),
    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// A defect of gongkai itself (a caught panic): the message says so.
    #[error("内部错误：{0}")]
    Internal(String),
}

/// An operating-system error in Chinese (the system's own text is English).
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有读写权限",
        K::AlreadyExists => "已存在",
        K::IsADirectory => "是目录，不是文件",
        K::NotADirectory => "路径中有一段不是目录",
        K::DirectoryNotEmpty => "目录不是空的",
        K::StorageFull => "磁盘空间已满",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::FileTooLarge => "文件过大",
        K::InvalidData => "内容无法读取（编码或格式不对）",
        K::InvalidInput => "路径或参数无效",
        K::TimedOut => "操作超时",
        K::Interrupted => "操作被中断",
        K::UnexpectedEof => "文件意外结束",
        K::OutOfMemory => "内存不足",
        K::WouldBlock => "资源正被占用",
        K::CrossesDevices => "不能跨磁盘移动文件",
        K::TooManyLinks => "链接过多",
        K::InvalidFilename => "文件名无效",
        K::ResourceBusy => "资源正忙",
        _ => "系统错误",
    };
    match e.raw_os_error() {
        Some(code) => format!("{what}（系统错误码 {code}）"),
        None => what.to_owned(),
    }
}

impl Error {
    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

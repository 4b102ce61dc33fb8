//! The `gongkai` command's parts (the binary's own modules; the library knows nothing of
//! them): the arguments, clap in Chinese, and one module per larger command.

pub(crate) mod args;
pub(crate) mod check;
pub(crate) mod commands;
pub(crate) mod generate;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod templates;
pub(crate) mod zh;

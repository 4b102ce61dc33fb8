//! A user's layout directories (`--templates DIR`, repeatable) and how a layout is put
//! together from them and the built-in layouts.
//!
//! A directory whose `layout.yaml` declares a name (`name: my-region`) is that layout:
//! its files apply only to inputs with `layout: my-region`, on top of the layout it
//! `extends:` (a built-in one or another given directory; the layout of the same name, or
//! `standard`, when it says none), and its `layout.yaml` inherits every field it does not
//! give. A directory without a `layout.yaml` (or one that names no layout) overrides files
//! of every layout, as a plain override folder. A directory without a `layout.yaml` whose
//! subfolders have one is a folder of layouts: each such subfolder counts as given.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use super::{builtin_files, layouts, read_inside, read_overrides, LayoutInfo};
use crate::error::Error;

/// One user directory.
#[derive(Debug, Clone)]
pub struct UserDir {
    /// Where it is.
    pub path: PathBuf,
    /// The layout its `layout.yaml` declares; `None`: its files override every layout.
    pub name: Option<String>,
    /// The layout it builds on, as written (`None`: the built-in of the same name, or
    /// `standard`).
    pub extends: Option<String>,
    /// Its `layout.yaml`, when it has one.
    layout_yaml: Option<Value>,
}

/// The fields of `layout.yaml` read when directories are listed.
#[derive(Deserialize, Default)]
struct Head {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    extends: Option<String>,
}

/// Every directory given (in order), a folder of layouts expanded to its layouts; refuses
/// a missing directory, an unreadable `layout.yaml` and two directories declaring the
/// same layout.
pub fn user_dirs(given: &[PathBuf]) -> Result<Vec<UserDir>, Error> {
    let mut dirs = Vec::new();
    for path in given {
        if !path.is_dir() {
            return Err(Error::Usage(format!("模板目录 {} 不存在", path.display())));
        }
        if path.join("layout.yaml").is_file() {
            dirs.push(read_dir_head(path)?);
            continue;
        }
        let mut subs: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.join("layout.yaml").is_file()
                    && !std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
            })
            .collect();
        subs.sort();
        if subs.is_empty() {
            dirs.push(UserDir {
                path: path.clone(),
                name: None,
                extends: None,
                layout_yaml: None,
            });
        } else {
            for sub in subs {
                dirs.push(read_dir_head(&sub)?);
            }
        }
    }
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for d in &dirs {
        if let Some(name) = d.name.as_deref() {
            if let Some(first) = seen.insert(name, &d.path) {
                return Err(Error::Usage(format!(
                    "两个模板目录都声明了版式“{name}”：{} 和 {}；每个版式只能由一个目录给出",
                    first.display(),
                    d.path.display()
                )));
            }
        }
    }
    Ok(dirs)
}

fn read_dir_head(path: &Path) -> Result<UserDir, Error> {
    let file = path.join("layout.yaml");
    let text = read_inside(path, &file)?;
    let value: Value = serde_yaml::from_str(&text).map_err(|e| {
        Error::Template(format!(
            "{}：不是有效的 YAML，{}",
            file.display(),
            crate::load::yaml_error(&e)
        ))
    })?;
    let head: Head = serde_yaml::from_value(value.clone()).unwrap_or_default();
    Ok(UserDir {
        path: path.to_path_buf(),
        name: head.name.filter(|n| !n.trim().is_empty()),
        extends: head.extends,
        layout_yaml: Some(value),
    })
}

/// A layout put together: its files, its `layout.yaml` as merged, the user directory that
/// declares it (if any), and the built-in files at the bottom of its chain.
pub(super) struct Resolved {
    pub files: BTreeMap<String, String>,
    pub info: Value,
    pub own_dir: Option<PathBuf>,
    pub builtin: BTreeMap<String, String>,
}

/// Puts `layout` together from `dirs` and the built-in layouts.
pub(super) fn resolve(layout: &str, dirs: &[UserDir]) -> Result<Resolved, Error> {
    let mut r = resolve_scoped(layout, dirs, &mut Vec::new())?;
    for d in dirs.iter().filter(|d| d.name.is_none()) {
        read_overrides(&d.path, &d.path, &mut r.files)?;
        if let Some(own) = &d.layout_yaml {
            r.info = merge(r.info, own.clone());
        }
        r.own_dir.get_or_insert_with(|| d.path.clone());
    }
    Ok(r)
}

fn resolve_scoped(
    layout: &str,
    dirs: &[UserDir],
    chain: &mut Vec<String>,
) -> Result<Resolved, Error> {
    if chain.iter().any(|c| c == layout) || chain.len() > 8 {
        chain.push(layout.to_owned());
        return Err(Error::Usage(format!(
            "版式的 extends 形成了循环：{}",
            chain.join(" → ")
        )));
    }
    chain.push(layout.to_owned());
    let own = dirs.iter().find(|d| d.name.as_deref() == Some(layout));
    let Some(dir) = own else {
        let files = builtin_files(layout).ok_or_else(|| unknown(layout, dirs))?;
        let info = files
            .get("layout.yaml")
            .and_then(|t| serde_yaml::from_str(t).ok())
            .unwrap_or(Value::Mapping(Mapping::new()));
        return Ok(Resolved {
            builtin: files.clone(),
            files,
            info,
            own_dir: None,
        });
    };
    let base = dir.extends.clone().unwrap_or_else(|| {
        if builtin_files(layout).is_some() {
            layout.to_owned()
        } else {
            super::DEFAULT_LAYOUT.to_owned()
        }
    });
    let mut r = if base == layout {
        // A directory declaring a built-in layout's own name overrides that layout.
        let others: Vec<UserDir> = dirs
            .iter()
            .filter(|d| d.name.as_deref() != Some(layout))
            .cloned()
            .collect();
        resolve_scoped(&base, &others, &mut Vec::new())?
    } else {
        resolve_scoped(&base, dirs, chain)?
    };
    read_overrides(&dir.path, &dir.path, &mut r.files)?;
    let mut inherited = r.info;
    // Whether the layout prints each 项's description follows its own templates unless it
    // says so itself (see `theme::load`), so it is not inherited.
    if let Some(Value::Mapping(checks)) = inherited.get_mut("checks") {
        checks.remove("item_descriptions");
    }
    if let Value::Mapping(m) = &mut inherited {
        m.remove("extends");
    }
    let own_yaml = dir
        .layout_yaml
        .clone()
        .unwrap_or(Value::Mapping(Mapping::new()));
    r.info = merge(inherited, own_yaml);
    r.own_dir = Some(dir.path.clone());
    Ok(r)
}

/// `own` over `base`: mappings key by key (recursively), anything else replaced.
fn merge(base: Value, own: Value) -> Value {
    match (base, own) {
        (Value::Mapping(mut b), Value::Mapping(o)) => {
            for (k, v) in o {
                let merged = match b.remove(&k) {
                    Some(old) => merge(old, v),
                    None => v,
                };
                b.insert(k, merged);
            }
            Value::Mapping(b)
        }
        (_, own) => own,
    }
}

/// The fields `layout.yaml` may have, with what they mean (Chinese, for the template
/// reference).
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "版式名称：输入文件的 `layout:` 写这个名称；目录中的文件只用于这样的输入"),
    ("extends", "所依据的版式（内置版式或另一个 --templates 目录声明的版式）；不写时为同名的内置版式，或 standard。其文件和本表各字段都沿用，本目录只放不同的"),
    ("description", "一行中文说明（`gongkai layouts` 列出）"),
    ("kind", "本版式排版的文件类型：budget（默认）、performance-targets、self-evaluation"),
    ("numbers", "报表数字的印法：`thousands`（千分位，是/否）、`zero`（零值印作：\"\" 留空、\"0\"、\"-\"）、`percent_small`（`{ below: 5, decimals: 1 }`：5% 以下多保留一位小数）"),
    ("checks", "校验设置：`max_amount`、`publish_within_days`、`flat_change_percent`、`procurement_details`、`procurement_change`、`item_descriptions`（名词解释逐项列示所用项级科目，不写时按模板是否印 `glossary_items` 而定）、`sections`（必须有的 `sections:` 说明，如 [机构设置]）"),
    ("workbook", "报表另存为 Excel 工作簿（`-f xlsx`）"),
    ("cover", "PDF 封面标题下的各行，默认 [\"{department}\", \"{date}\"]；可用 {department}（部门全称）、{department_short}、{region}、{year}、{document}、{date}"),
    ("subject", "PDF 的主题（文档属性），默认 \"{department}{year}年{document}\"，可用的字段同 cover"),
];

/// The merged `layout.yaml` of `layout` as [`LayoutInfo`], every missing or unknown
/// top-level field named at once.
pub(super) fn info(layout: &str, merged: Value, file: &str) -> Result<LayoutInfo, Error> {
    let mut problems = Vec::new();
    if let Value::Mapping(m) = &merged {
        for field in ["name", "description", "numbers"] {
            if !m.contains_key(field) {
                problems.push(format!("缺少 {field}"));
            }
        }
        for k in m.keys() {
            let k = k.as_str().unwrap_or_default();
            if !FIELDS.iter().any(|f| f.0 == k) {
                let hint = FIELDS
                    .iter()
                    .map(|(f, _)| (strsim::jaro_winkler(k, f), *f))
                    .filter(|(s, _)| *s > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, f)| format!("（是否想写 {f}？）"))
                    .unwrap_or_default();
                problems.push(format!("未知字段 {k}{hint}"));
            }
        }
    } else {
        problems.push("应是“字段: 值”的映射".to_owned());
    }
    if !problems.is_empty() {
        return Err(Error::Template(format!(
            "{file}（版式 {layout}）：{}；可用字段：{}",
            problems.join("；"),
            FIELDS.iter().map(|f| f.0).collect::<Vec<_>>().join("、")
        )));
    }
    // Through text, as the built-in layouts are read: numbers such as `below: 5` are read
    // as decimals from their text.
    serde_yaml::to_string(&merged)
        .and_then(|text| serde_yaml::from_str(&text))
        .map_err(|e| {
            Error::Template(format!(
                "{file}（版式 {layout}）：{}",
                crate::load::yaml_error(&e)
            ))
        })
}

/// The message for a layout neither built in nor declared by a given directory.
fn unknown(layout: &str, dirs: &[UserDir]) -> Error {
    let builtin = layouts();
    let declared: Vec<String> = dirs
        .iter()
        .filter_map(|d| Some(format!("{}（{}）", d.name.as_deref()?, d.path.display())))
        .collect();
    let names: Vec<&str> = builtin
        .iter()
        .copied()
        .chain(dirs.iter().filter_map(|d| d.name.as_deref()))
        .collect();
    let guess = names
        .iter()
        .map(|n| (strsim::jaro_winkler(layout, n), *n))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| format!("；是否想写“{n}”？"))
        .unwrap_or_default();
    let where_ = if dirs.is_empty() {
        "；自定义版式须用 --templates 指定其目录".to_owned()
    } else if declared.is_empty() {
        "；所给的 --templates 目录都没有在 layout.yaml 中以 name 声明版式".to_owned()
    } else {
        format!("；--templates 目录声明的版式：{}", declared.join("、"))
    };
    Error::Usage(format!(
        "未知的版式“{layout}”；内置版式：{}{where_}{guess}",
        builtin.join("、")
    ))
}

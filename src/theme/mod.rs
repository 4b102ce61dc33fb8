//! Theme: the built-in layouts (templates embedded in the binary) and the rule that a file
//! with the same relative name in the user's `--templates` directory wins.
//!
//! A layout is a directory under `templates/` holding `layout.yaml` (its small
//! description: name, number style), `document.tera` (all wording and table contents as
//! block markup), `page.md.tera` / `page.html.tera` (how blocks are written per format),
//! `macros.tera` (the wording macros every budget layout shares; a layout adds its own in
//! a file of its own, as `shenzhen.tera`), `style.css` and `pdf.yaml` (the PDF layout
//! settings). The fonts the PDF
//! embeds are built in too ([`SERIF_FONT`], [`SANS_FONT`], made by `fonts/build.sh`), and a
//! layout may name other font files ([`font_file`]). This module only finds and reads
//! files; it never renders.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::error::Error;

mod starter;
pub mod user;

pub use starter::starter;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The default layout.
pub const DEFAULT_LAYOUT: &str = "standard";

/// How numbers are printed in a layout.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NumberStyle {
    /// Thousands separators in amounts (1,995).
    #[serde(default)]
    pub thousands: bool,
    /// What a zero amount prints as in tables (`""` blank, or `"0"`, `"-"`).
    #[serde(default)]
    pub zero: String,
    /// More decimals for small percentages (0.3% rather than 0%), where the layout wants them.
    #[serde(default)]
    pub percent_small: Option<SmallPercent>,
}

/// Percentages below `below` get `decimals` decimals instead of the usual number.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmallPercent {
    /// Threshold in percent (5 means below 5%).
    pub below: rust_decimal::Decimal,
    /// Decimals for percentages below the threshold.
    pub decimals: u32,
}

/// A layout's description (`layout.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutInfo {
    /// Layout name (its directory name).
    pub name: String,
    /// One-line Chinese description.
    pub description: String,
    /// Number style of tables.
    pub numbers: NumberStyle,
    /// Validation thresholds of this layout.
    #[serde(default)]
    pub checks: crate::validate::Settings,
    /// The document kind this layout renders (`budget` when absent; see `kind.rs`).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// The built-in layout this one builds on (its files are used where this one has none).
    #[serde(default)]
    pub extends: Option<String>,
    /// Whether the layout's tables also make a workbook (`generate -f xlsx`, one sheet per
    /// table); layouts without tables leave it out.
    #[serde(default)]
    pub workbook: bool,
    /// The lines under the title on the PDF cover (default: the department's full name and
    /// the date); `{department}`, `{department_short}`, `{region}`, `{year}`, `{document}`
    /// and `{date}` are filled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Vec<String>>,
    /// The PDF's subject (metadata), with the same fields as `cover` (default
    /// `{department}{year}年{document}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

fn default_kind() -> String {
    "budget".to_owned()
}

/// A layout's files, after applying the user's overrides.
#[derive(Debug, Clone)]
pub struct Theme {
    /// The layout description.
    pub info: LayoutInfo,
    /// Relative file name → content.
    pub files: BTreeMap<String, String>,
    /// The user's template directory, when one was given: relative paths in the layout's
    /// settings (font files) are taken from there.
    pub dir: Option<std::path::PathBuf>,
    /// Whether any template (`.tera`) differs from the built-in one: such a layout is
    /// rendered in a sandbox when the caller provides one (see [`crate::render::sandbox`]).
    pub user_templates: bool,
}

/// The report field holding each used 项 with its description (名词解释); a layout whose
/// templates print it needs a description for every 项 (COD-007).
const GLOSSARY_ITEMS: &str = "glossary_items";

/// Names of the built-in layouts.
pub fn layouts() -> Vec<&'static str> {
    BUILTIN
        .dirs()
        .filter_map(|d| d.path().file_name().and_then(|n| n.to_str()))
        .collect()
}

/// Built-in files of `layout` (relative name → content), including the files it inherits:
/// a layout whose `layout.yaml` says `extends: other` starts from `other`'s files and
/// replaces those it has itself, so a variant holds only what differs.
pub fn builtin_files(layout: &str) -> Option<BTreeMap<String, String>> {
    let mut chain = vec![layout.to_owned()];
    loop {
        let dir = BUILTIN.get_dir(chain.last()?.as_str())?;
        let base = dir
            .get_file(dir.path().join("layout.yaml"))
            .and_then(|f| f.contents_utf8())
            .and_then(|t| serde_yaml::from_str::<Extends>(t).ok())
            .and_then(|e| e.extends);
        match base {
            // A cycle or a long chain is a broken built-in; stop at what we have.
            Some(b) if !chain.contains(&b) && chain.len() < 8 => chain.push(b),
            _ => break,
        }
    }
    let mut files = BTreeMap::new();
    for name in chain.iter().rev() {
        let dir = BUILTIN.get_dir(name.as_str())?;
        collect(dir, dir.path(), &mut files);
    }
    Some(files)
}

/// The one field of `layout.yaml` read before the rest: the layout it builds on.
#[derive(Deserialize)]
struct Extends {
    #[serde(default)]
    extends: Option<String>,
}

fn collect(dir: &Dir<'static>, root: &Path, out: &mut BTreeMap<String, String>) {
    for f in dir.files() {
        if let (Ok(rel), Some(text)) = (f.path().strip_prefix(root), f.contents_utf8()) {
            out.insert(rel.to_string_lossy().replace('\\', "/"), text.to_owned());
        }
    }
    for d in dir.dirs() {
        collect(d, root, out);
    }
}

/// Loads `layout` from the built-in layouts and the user's directories `dirs` (each
/// `--templates`; see [`user`] for how they apply): a directory declaring `layout` in its
/// `layout.yaml` adds its files to the layout it extends and inherits every field it does
/// not give; directories declaring no layout override files of every layout.
pub fn load(layout: &str, dirs: &[PathBuf]) -> Result<Theme, Error> {
    let given = user::user_dirs(dirs)?;
    load_from(layout, &given)
}

/// Layouts loaded once and shared by the documents of one run (a batch): the first
/// document that names a layout reads, resolves and checks it ([`load`]); every later one
/// gets the same [`Theme`]. A batch so sees one version of the user's files even if they
/// change while it runs, and [`crate::render::Renderer`] finds the templates it compiled
/// for the first document by the theme's identity instead of comparing their texts. A
/// layout that fails to load is not kept: each document naming it reports the error.
#[derive(Default)]
pub struct Cache {
    /// The layouts loaded, in the order first asked for.
    loaded: Mutex<Vec<Cached>>,
}

/// A layout of a [`Cache`]: its name, the user's directories it was resolved with, itself.
type Cached = (String, Vec<PathBuf>, Arc<Theme>);

impl Cache {
    /// Layout `layout` with the user's directories `dirs`, loaded on first use.
    pub fn load(&self, layout: &str, dirs: &[PathBuf]) -> Result<Arc<Theme>, Error> {
        // Held while loading: two documents of a new layout wait for one load, not two.
        let mut loaded = self
            .loaded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((.., theme)) = (loaded.iter()).find(|(l, d, _)| l == layout && d == dirs) {
            return Ok(Arc::clone(theme));
        }
        let theme = Arc::new(load(layout, dirs)?);
        loaded.push((layout.to_owned(), dirs.to_vec(), Arc::clone(&theme)));
        Ok(theme)
    }
}

/// As [`load`], with the directories already read ([`user::user_dirs`]).
pub fn load_from(layout: &str, given: &[user::UserDir]) -> Result<Theme, Error> {
    let resolved = user::resolve(layout, given)?;
    let files = resolved.files;
    let user_templates = files
        .iter()
        .any(|(name, text)| name.ends_with(".tera") && resolved.builtin.get(name) != Some(text));
    let file = resolved
        .own_dir
        .as_ref()
        .map(|d| d.join("layout.yaml").display().to_string())
        .unwrap_or_else(|| "layout.yaml".to_owned());
    let mut info = user::info(layout, resolved.info, &file)?;
    // A layout that does not say whether it prints each 项's description (COD-007) does
    // so if one of its templates prints the 项 glossary: a region's layout extending
    // `shenzhen` inherits its templates, not its `checks:`.
    info.checks.item_descriptions.get_or_insert_with(|| {
        files
            .iter()
            .any(|(name, text)| name.ends_with(".tera") && text.contains(GLOSSARY_ITEMS))
    });
    Ok(Theme {
        info,
        files,
        dir: resolved.own_dir,
        user_templates,
    })
}

/// The layouts the user's directories declare: (name, description, kind, directory), in
/// the order given; a layout whose files do not load is listed with the reason.
pub fn user_layouts(dirs: &[PathBuf]) -> Result<Vec<UserLayout>, Error> {
    let given = user::user_dirs(dirs)?;
    Ok(given
        .iter()
        .filter_map(|d| {
            let name = d.name.clone()?;
            let loaded = load_from(&name, &given).map(|t| t.info);
            Some(UserLayout {
                name,
                dir: d.path.clone(),
                info: loaded.map_err(|e| e.to_string()),
            })
        })
        .collect())
}

/// One layout from a user's directory ([`user_layouts`]).
#[derive(Debug, Clone)]
pub struct UserLayout {
    /// Its name.
    pub name: String,
    /// Its directory.
    pub dir: PathBuf,
    /// Its merged description, or why it does not load.
    pub info: Result<LayoutInfo, String>,
}

/// Largest template file read (a layout's files are a few tens of KB).
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file of the template directory `root`, refusing one that is (or sits behind) a
/// link leading out of the directory: a template's content is published, and a link to
/// a system file would publish that file.
fn read_inside(root: &Path, path: &Path) -> Result<String, Error> {
    let real_root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let real = path.canonicalize().map_err(|e| Error::io(path, e))?;
    if !real.starts_with(&real_root) {
        return Err(Error::Template(format!(
            "{} 指向模板目录之外（{}），出于安全不读取；请把文件复制到模板目录中",
            path.display(),
            real.display()
        )));
    }
    let bytes =
        crate::load::read_limited(&real, MAX_TEMPLATE_BYTES).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes)
        .map_err(|_| Error::Template(format!("{} 不是 UTF-8 编码的文本", path.display())))
}

fn read_overrides(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, String>,
) -> Result<(), Error> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        // Linked directories are not followed (a link can lead out, or in a circle).
        let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() {
            if !linked {
                read_overrides(root, &path, files)?;
            }
        } else if let (Ok(rel), true) = (path.strip_prefix(root), is_template_file(&path)) {
            let text = read_inside(root, &path)?;
            files.insert(rel.to_string_lossy().replace('\\', "/"), text);
        }
    }
    Ok(())
}

/// Files of a template directory that are templates or settings (others, such as font
/// files named in `pdf.yaml`, are read only where they are used).
fn is_template_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "tera" | "yaml" | "yml" | "css"))
}

/// The built-in 宋体-role font: Noto Serif CJK SC subset to GBK (see `fonts/`, OFL 1.1).
pub static SERIF_FONT: &[u8] = include_bytes!("../../fonts/GongkaiSerifSC-Regular.ttf");

/// The built-in 黑体-role font: Noto Sans CJK SC subset to GBK (see `fonts/`, OFL 1.1).
pub static SANS_FONT: &[u8] = include_bytes!("../../fonts/GongkaiSansSC-Regular.ttf");

/// The bytes of a font named in `pdf.yaml`: `builtin` when `path` is empty, else the file
/// (a relative path is taken from the user's template directory when one was given, else
/// from the current directory).
pub fn font_file(
    path: &str,
    builtin: &'static [u8],
    templates: Option<&Path>,
) -> Result<Cow<'static, [u8]>, Error> {
    let path = path.trim();
    if path.is_empty() {
        return Ok(Cow::Borrowed(builtin));
    }
    let full = match templates {
        Some(dir) if Path::new(path).is_relative() => dir.join(path),
        _ => Path::new(path).to_path_buf(),
    };
    std::fs::read(&full)
        .map(Cow::Owned)
        .map_err(|e| Error::io(&full, e))
}

/// The portal index template: the user's `index.html.tera` in the first of `dirs` that has one (then `true`:
/// untrusted), or the built-in one (`index.html.tera` at the top of the templates).
pub fn portal_index(dirs: &[PathBuf]) -> Result<(String, bool), Error> {
    for dir in dirs {
        let path = dir.join("index.html.tera");
        if path.is_file() {
            return read_inside(dir, &path).map(|t| (t, true));
        }
    }
    BUILTIN
        .get_file("index.html.tera")
        .and_then(|f| f.contents_utf8())
        .map(|t| (t.to_owned(), false))
        .ok_or_else(|| Error::Template("缺少内置的 index.html.tera".into()))
}

#[cfg(test)]
mod tests;

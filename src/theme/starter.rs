//! The starting files of a new layout directory (`gongkai templates new NAME --from
//! LAYOUT`): a commented `layout.yaml` that extends the base layout and only the templates
//! a region usually changes, each saying how to drop it again; everything else comes
//! from the base. (The command adds the template reference, which lives above this
//! module.)

use std::collections::BTreeMap;

use super::{builtin_files, layouts};
use crate::error::Error;

/// The templates a new layout starts with, when the base has them: the wording and
/// order of the parts, and the tables.
const STARTING_TEMPLATES: &[&str] = &["document.tera", "tables.tera"];

/// The files of a new layout `name` built on the built-in layout `base`, by relative name.
pub fn starter(name: &str, base: &str) -> Result<BTreeMap<String, String>, Error> {
    let files = builtin_files(base).ok_or_else(|| {
        Error::Usage(format!(
            "未知的版式“{base}”；内置版式：{}",
            layouts().join("、")
        ))
    })?;
    if name.trim().is_empty() || name.contains(['/', '\\', ':', ' ']) {
        return Err(Error::Usage(format!(
            "版式名称“{name}”不可用：名称即目录名，不能含空格、斜杠或冒号"
        )));
    }
    let mut out = BTreeMap::new();
    out.insert("layout.yaml".to_owned(), layout_yaml(name, base));
    for t in STARTING_TEMPLATES {
        if let Some(text) = files.get(*t) {
            let head = format!(
                "{{#- {name} 版式的 {t}：从 {base} 复制，改成本地区的文字和结构。不需要改时删去本文件，即沿用 {base} 的。\n    可用的变量、数据集、过滤器和块标记见同目录的 模板参考.md；改完运行 gongkai templates check 本目录。 -#}}\n"
            );
            // Tera wants imports before anything else but comments: the note goes after them.
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let at = lines
                .iter()
                .rposition(|l| l.trim_start().starts_with("{% import"))
                .map_or(0, |i| i + 1);
            let body = format!("{}{head}{}", lines[..at].concat(), lines[at..].concat());
            out.insert((*t).to_owned(), body);
        }
    }
    Ok(out)
}

fn layout_yaml(name: &str, base: &str) -> String {
    format!(
        "# 版式 {name}：依据内置版式 {base}，本目录只放与之不同的文件（其余文件、下面没写的字段都沿用 {base}）。\n\
# 输入文件写 layout: {name}，生成时加 --templates 本目录（或其上级目录）。字段说明见 模板参考.md 第 1 节。\n\
name: {name}\n\
extends: {base}\n\
description: {name} 部门预算公开格式   # gongkai layouts 列出的一行说明，请改写\n\
\n\
# 以下各项不写即沿用 {base}；要改时去掉行首的 #。\n\
# numbers:\n\
#   thousands: true        # 金额加千分位\n\
#   zero: \"0\"              # 报表中的零值印 0（\"\" 留空，\"-\" 印短横）\n\
# checks:\n\
#   sections: [机构设置]    # 模板印出的 sections 说明，输入必须写\n\
# cover: [\"{{department}}\", \"{{date}}\"]          # PDF 封面标题下的各行\n\
# subject: \"{{department}}{{year}}年{{document}}\"   # PDF 文档属性中的主题\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_layout_extends_its_base_and_loads() {
        let files = starter("my-region", "standard").expect("starter");
        assert!(files["layout.yaml"].contains("extends: standard"));
        assert!(files["document.tera"].contains("{#- my-region"));
        assert!(files.contains_key("tables.tera"));
        assert!(!files.contains_key("page.html.tera"));
        let dir = std::env::temp_dir().join(format!("gongkai-starter-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        for (n, t) in &files {
            std::fs::write(dir.join(n), t).expect("write");
        }
        let theme = super::super::load("my-region", std::slice::from_ref(&dir)).expect("loads");
        assert_eq!(theme.info.name, "my-region");
        assert!(!theme.info.numbers.thousands);
        std::fs::remove_dir_all(&dir).ok();
        assert!(starter("a b", "standard").is_err());
        assert!(starter("x", "nope").is_err());
    }
}

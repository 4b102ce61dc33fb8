//! Document kinds: what one input file is. A department budget (部门预算), performance
//! target forms (绩效目标表) and a performance self-evaluation (绩效自评表) are siblings,
//! each with its own input shape, rules and report, sharing everything after the report
//! model: the block markup, the Markdown/HTML writers, the PDF layout and the output.
//!
//! A kind ties one stage function per pipeline module together (trait [`Kind`]):
//!
//! ```text
//! load::schema   its root input type            (YAML `kind:` selects it)
//! validate       Kind::check  → diagnostics
//! model          Kind::derive → its report (Serialize; the templates' context)
//! templates      a layout whose layout.yaml says `kind: <name>`; skeletons/<name>.yaml
//! ```
//!
//! The kinds are listed once, in the [`registry!`] call below; everything that has to
//! treat "any kind" — [`Input`], [`NAMES`], [`schema`], [`skeleton`] — is generated from
//! that list. To add a kind: its root type in `load/schema/`, its rule file in
//! `validate/`, its report file in `model/`, an `impl Kind` in a file of its own here,
//! `skeletons/<name>.yaml`, a built-in layout in `templates/`, and one line in the
//! registry.

mod budget;
mod selfeval;
mod targets;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Diagnostic, Error};
use crate::load::{self, Loaded};
use crate::model::Meta;
use crate::num::Money;
use crate::validate::{self, Validated};

/// One kind of input document.
pub trait Kind: Sized + DeserializeOwned + schemars::JsonSchema + Clone {
    /// Its `kind:` value in YAML (and in a layout's `layout.yaml`).
    const NAME: &'static str;
    /// What a clerk calls it: 部门预算, 绩效目标表 …
    const LABEL: &'static str;
    /// The built-in layout used when the input names none.
    const DEFAULT_LAYOUT: &'static str;
    /// The commented skeleton `gongkai init` writes (`skeletons/<name>.yaml`); `{{layout}}`,
    /// `{{year}}` and `{{previous_year}}` are filled in.
    const SKELETON: &'static str;
    /// Shipped inputs of this kind (file name, text), which `gongkai templates check`
    /// renders a layout with.
    const SAMPLES: &'static [(&'static str, &'static str)];
    /// The derived report: every figure and table, the templates' context.
    type Report: Serialize + schemars::JsonSchema;

    /// The layout the input names, if any.
    fn layout(&self) -> Option<&str>;
    /// Every rule of this kind; all findings sorted by position.
    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic>;
    /// The report of a validated document, printed with `layout`.
    fn derive(v: &Validated<Self>, draft: bool, layout: &str) -> Self::Report;

    /// Title data and display settings of a report.
    fn meta(report: &Self::Report) -> &Meta;
    /// Headline figures of a report, for a portal index.
    fn summary(report: &Self::Report) -> Summary;

    /// Parses `text` as a document of this kind; `file` names it in diagnostics.
    fn parse(file: &str, text: &str) -> Result<Loaded<Self>, Error> {
        load::parse(file, text)
    }
}

/// Headline figures of one report (also the portal index's, `batch::IndexEntry`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Department name (as in the title).
    pub department: String,
    /// Budget year.
    pub year: i32,
    /// What the document is (部门预算, 绩效目标表 …).
    pub document: String,
    /// Its headline amount: 收支总预算 of a budget, the funds a form or evaluation covers.
    pub total: Money,
    /// "三公" total, for budgets.
    pub sangong: Option<Money>,
    /// Decimals the document prints its amounts with.
    pub decimals: u32,
}

/// Runs every rule of the document's kind; `Ok` when no error was found, or always when
/// `draft` is set (errors then travel with the warnings, for a draft marked as such).
pub fn validated<K: Kind>(
    loaded: Loaded<K>,
    opts: &validate::Options,
    draft: bool,
) -> Result<Validated<K>, Vec<Diagnostic>> {
    let diags = K::check(&loaded, opts);
    validate::gate(loaded, diags, draft)
}

/// Something to do with a loaded document of whatever kind ([`Input::visit`]).
pub trait Visit {
    /// What it gives.
    type Out;
    /// Does it with the typed document.
    fn run<K: Kind>(self, loaded: Loaded<K>) -> Self::Out;
}

/// As [`Visit`], on a borrowed document ([`Input::visit_ref`]); what it gives may borrow
/// from the document for `'a`.
pub trait VisitRef<'a> {
    /// What it gives.
    type Out;
    /// Does it with the typed document.
    fn run<K: Kind>(self, loaded: &'a Loaded<K>) -> Self::Out;
}

/// Generates, from the one list of kinds, everything that treats "any kind".
macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident => $ty:ty),+ $(,)?) => {
        /// A loaded input of any document kind, as its `kind:` field says (a department
        /// budget when absent).
        // One value per input file, moved once into the pipeline: boxing the large budget
        // would cost every access a dereference and buy nothing.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone)]
        pub enum Input {
            $($(#[$doc])* $variant(Loaded<$ty>),)+
        }

        /// Every document kind: the `kind:` value and its Chinese name, in registry order.
        pub const NAMES: &[(&str, &str)] = &[$((<$ty as Kind>::NAME, <$ty as Kind>::LABEL)),+];

        impl Input {
            /// Does `v` with the typed document.
            pub fn visit<V: Visit>(self, v: V) -> V::Out {
                match self {
                    $(Input::$variant(l) => v.run(l),)+
                }
            }

            /// Does `v` with the typed document, borrowed.
            pub fn visit_ref<'a, V: VisitRef<'a>>(&'a self, v: V) -> V::Out {
                match self {
                    $(Input::$variant(l) => v.run(l),)+
                }
            }

            /// Parses `text` as a document of kind `kind`; `None` for an unknown kind.
            fn parse_as(kind: &str, file: &str, text: &str) -> Option<Result<Input, Error>> {
                $(
                    if kind == <$ty as Kind>::NAME {
                        return Some(load::parse::<$ty>(file, text).map(Input::$variant));
                    }
                )+
                None
            }
        }

        /// The editor schema of kind `kind` (strict, inlined, described in Chinese; see
        /// `load::editor`); `None` for an unknown kind.
        pub fn editor_schema(kind: &str) -> Option<load::editor::Schema> {
            $(
                if kind == <$ty as Kind>::NAME {
                    return Some(load::editor::document::<$ty>(
                        <$ty as Kind>::NAME,
                        <$ty as Kind>::LABEL,
                    ));
                }
            )+
            None
        }

        /// The JSON Schema of kind `kind`'s report (the templates' context), subschemas
        /// inlined; `None` for an unknown kind. The template reference is made from it.
        pub fn report_schema(kind: &str) -> Option<serde_json::Value> {
            $(
                if kind == <$ty as Kind>::NAME {
                    let settings = schemars::generate::SchemaSettings::draft2020_12()
                        .with(|s| s.inline_subschemas = true);
                    let schema = settings
                        .into_generator()
                        .into_root_schema_for::<<$ty as Kind>::Report>();
                    return serde_json::to_value(schema).ok();
                }
            )+
            None
        }

        /// The shipped inputs of kind `kind` (see [`Kind::SAMPLES`]).
        pub fn samples(kind: &str) -> &'static [(&'static str, &'static str)] {
            $(
                if kind == <$ty as Kind>::NAME {
                    return <$ty as Kind>::SAMPLES;
                }
            )+
            &[]
        }

        /// The skeleton of kind `kind` (see [`Kind::SKELETON`]), template text unfilled.
        fn skeleton_text(kind: &str) -> Option<&'static str> {
            $(
                if kind == <$ty as Kind>::NAME {
                    return Some(<$ty as Kind>::SKELETON);
                }
            )+
            None
        }
    };
}

registry! {
    /// 部门预算 (`kind: budget`, the default).
    Budget => load::schema::Budget,
    /// 绩效目标表 (`kind: performance-targets`).
    Targets => load::schema::targets::PerformanceTargets,
    /// 绩效自评表 (`kind: self-evaluation`).
    SelfEvaluation => load::schema::selfeval::SelfEvaluation,
}

/// The JSON Schema of kind `kind`'s input as text, for editors (the VS Code YAML
/// extension checks, completes and explains a file whose first line is
/// `# yaml-language-server: $schema=…`); `None` for an unknown kind.
pub fn schema(kind: &str) -> Option<String> {
    serde_json::to_string_pretty(&editor_schema(kind)?.json).ok()
}

/// The kind a document is when it does not say.
pub const DEFAULT_KIND: &str = "budget";

/// The Chinese name of kind `kind` (the name itself when unknown).
pub fn label(kind: &str) -> String {
    NAMES
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or_else(|| kind.to_owned(), |(_, l)| (*l).to_owned())
}

/// The commented skeleton of kind `kind` for `layout`, the budget year being `year`, its
/// first line naming `schema` for editors (see [`crate::init::modeline`]); every 待填写
/// must be replaced before `check` passes. `None` for an unknown kind.
pub fn skeleton(kind: &str, layout: &str, year: i32, schema: &str) -> Option<String> {
    Some(
        skeleton_text(kind)?
            .replace("{{schema}}", schema)
            .replace("{{kind}}", kind)
            .replace("{{layout}}", layout)
            .replace("{{year}}", &year.to_string())
            .replace("{{previous_year}}", &(year - 1).to_string()),
    )
}

impl Input {
    /// Reads and parses the input at `path` as whatever kind it declares.
    pub fn read(path: &std::path::Path) -> Result<Input, Error> {
        let bytes = load::read_checked(path)?;
        Input::from_bytes(&path.display().to_string(), &bytes)
    }

    /// Parses input bytes as whatever kind they declare.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Input, Error> {
        Input::from_str(file, load::utf8(file, bytes)?)
    }

    /// Parses input text as whatever kind it declares (`kind:`; a budget when absent).
    // Not `FromStr`: the file name travels with the text, for the diagnostics.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(file: &str, text: &str) -> Result<Input, Error> {
        let declared = load::declared_kind(file, text)?;
        let kind = declared.as_deref().unwrap_or(DEFAULT_KIND);
        match Input::parse_as(kind, file, text) {
            Some(result) => result,
            None => Err(load::unknown_kind(file, text, kind, NAMES)),
        }
    }

    /// The input file as named by the user.
    pub fn file(&self) -> &str {
        struct File;
        impl<'a> VisitRef<'a> for File {
            type Out = &'a str;
            fn run<K: Kind>(self, loaded: &'a Loaded<K>) -> &'a str {
                &loaded.file
            }
        }
        self.visit_ref(File)
    }

    /// The layout the input names, or its kind's default.
    pub fn layout(&self) -> &str {
        struct Layout;
        impl<'a> VisitRef<'a> for Layout {
            type Out = &'a str;
            fn run<K: Kind>(self, loaded: &'a Loaded<K>) -> &'a str {
                loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT)
            }
        }
        self.visit_ref(Layout)
    }

    /// Its kind's `kind:` value.
    pub fn kind(&self) -> &'static str {
        struct Name;
        impl VisitRef<'_> for Name {
            type Out = &'static str;
            fn run<K: Kind>(self, _: &Loaded<K>) -> &'static str {
                K::NAME
            }
        }
        self.visit_ref(Name)
    }

    /// The document as a department budget, if it is one (`init --from`).
    pub fn as_budget(&self) -> Option<&Loaded<load::schema::Budget>> {
        match self {
            Input::Budget(l) => Some(l),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;

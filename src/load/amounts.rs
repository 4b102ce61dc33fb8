//! What the input's figures add up to: expenditure columns, funding-source families and
//! income totals. Plain arithmetic on the input types, shared by the rules (`validate`)
//! and the report (`model`), so it sits below both.

use serde::Serialize;

use crate::load::schema::{Budget, ExpenditureLine, Funding, Sources};
use crate::num::Money;

/// The expenditure columns of one row of a classification table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExpAmounts {
    /// 人员经费.
    pub personnel: Money,
    /// 公用经费.
    pub public: Money,
    /// 项目支出.
    pub project: Money,
    /// 事业单位经营支出.
    pub operating: Money,
    /// 上缴上级支出.
    pub remit_superior: Money,
    /// 对附属单位补助支出.
    pub subsidy_affiliated: Money,
}

impl ExpAmounts {
    /// The amounts of one input line.
    pub fn of(line: &ExpenditureLine) -> ExpAmounts {
        ExpAmounts {
            personnel: line.personnel,
            public: line.public,
            project: line.project,
            operating: line.operating,
            remit_superior: line.remit_superior,
            subsidy_affiliated: line.subsidy_affiliated,
        }
    }

    /// 基本支出 = 人员经费 + 公用经费.
    pub fn basic(&self) -> Money {
        self.personnel + self.public
    }

    /// 合计 of all columns.
    pub fn total(&self) -> Money {
        self.basic() + self.project + self.operating + self.remit_superior + self.subsidy_affiliated
    }

    /// The sum of the `lines` whose funding source `keep` accepts.
    pub fn sum_of<'a>(
        lines: impl IntoIterator<Item = &'a ExpenditureLine>,
        keep: impl Fn(Funding) -> bool,
    ) -> ExpAmounts {
        let mut a = ExpAmounts::default();
        for l in lines.into_iter().filter(|l| keep(l.funding)) {
            a.add(&ExpAmounts::of(l));
        }
        a
    }

    /// Adds another row's amounts.
    pub fn add(&mut self, o: &ExpAmounts) {
        self.personnel += o.personnel;
        self.public += o.public;
        self.project += o.project;
        self.operating += o.operating;
        self.remit_superior += o.remit_superior;
        self.subsidy_affiliated += o.subsidy_affiliated;
    }
}

/// Which budget a funding source belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// 一般公共预算 (this year or carried over).
    General,
    /// 政府性基金预算.
    Fund,
    /// 国有资本经营预算.
    StateCapital,
    /// Not a fiscal appropriation.
    NonFiscal,
}

impl Funding {
    /// The budget this source belongs to.
    pub fn family(self) -> Family {
        match self {
            Funding::General | Funding::CarryoverGeneral => Family::General,
            Funding::Fund | Funding::CarryoverFund => Family::Fund,
            Funding::StateCapital | Funding::CarryoverStateCapital => Family::StateCapital,
            Funding::SpecialAccount | Funding::UnitFunds => Family::NonFiscal,
        }
    }

    /// True for carried-over funds.
    pub fn is_carryover(self) -> bool {
        matches!(
            self,
            Funding::CarryoverGeneral | Funding::CarryoverFund | Funding::CarryoverStateCapital
        )
    }

    /// True for fiscal appropriations (财政拨款), this year or carried over.
    pub fn is_fiscal(self) -> bool {
        self.family() != Family::NonFiscal
    }
}

impl Sources {
    /// Sum of all sources.
    pub fn total(&self) -> Money {
        self.fiscal() + self.special_account + self.unit_funds()
    }

    /// 财政拨款: general + fund + state capital.
    pub fn fiscal(&self) -> Money {
        self.general + self.fund + self.state_capital
    }

    /// 单位资金: business, operating, superior, affiliated and other income.
    pub fn unit_funds(&self) -> Money {
        self.business + self.operating + self.superior + self.affiliated + self.other
    }

    /// The sources in the fixed order of table 1, with their keys.
    pub fn by_key(&self) -> [(&'static str, Money); 9] {
        [
            ("general", self.general),
            ("fund", self.fund),
            ("state_capital", self.state_capital),
            ("special_account", self.special_account),
            ("business", self.business),
            ("operating", self.operating),
            ("superior", self.superior),
            ("affiliated", self.affiliated),
            ("other", self.other),
        ]
    }

    /// Adds another set of sources.
    pub fn add(&mut self, o: &Sources) {
        self.general += o.general;
        self.fund += o.fund;
        self.state_capital += o.state_capital;
        self.special_account += o.special_account;
        self.business += o.business;
        self.operating += o.operating;
        self.superior += o.superior;
        self.affiliated += o.affiliated;
        self.other += o.other;
    }

    /// The amount of this set that matches an expenditure funding source.
    pub fn for_funding(&self, carryover: &Sources, f: Funding) -> Money {
        match f {
            Funding::General => self.general,
            Funding::Fund => self.fund,
            Funding::StateCapital => self.state_capital,
            Funding::CarryoverGeneral => carryover.general,
            Funding::CarryoverFund => carryover.fund,
            Funding::CarryoverStateCapital => carryover.state_capital,
            Funding::SpecialAccount => self.special_account + carryover.special_account,
            Funding::UnitFunds => self.unit_funds() + carryover.unit_funds(),
        }
    }
}

/// All income of a budget: (this year's, carried over from last year).
pub fn income_totals(b: &Budget) -> (Sources, Sources) {
    let (mut current, mut carryover) = (Sources::default(), Sources::default());
    for l in &b.income {
        current.add(&l.current);
        carryover.add(&l.carryover);
    }
    (current, carryover)
}

/// Official names of the nine income sources of table 1, by key.
pub const SOURCE_NAMES: [(&str, &str); 9] = [
    ("general", "一般公共预算拨款收入"),
    ("fund", "政府性基金预算拨款收入"),
    ("state_capital", "国有资本经营预算拨款收入"),
    ("special_account", "财政专户管理资金收入"),
    ("business", "事业收入"),
    ("operating", "事业单位经营收入"),
    ("superior", "上级补助收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
];

/// The keys of the nine income sources (`income[].current`, `projects[].amounts`), in
/// file order: [`SOURCE_NAMES`] without the names.
pub const SOURCE_KEYS: [&str; 9] = {
    let mut keys = [""; 9];
    let mut i = 0;
    while i < 9 {
        keys[i] = SOURCE_NAMES[i].0;
        i += 1;
    }
    keys
};

/// All funding sources, in the order tables list them.
pub const ALL_FUNDINGS: [Funding; 8] = [
    Funding::General,
    Funding::Fund,
    Funding::StateCapital,
    Funding::CarryoverGeneral,
    Funding::CarryoverFund,
    Funding::CarryoverStateCapital,
    Funding::SpecialAccount,
    Funding::UnitFunds,
];

/// The detailed source columns (the Shenzhen tables' split of appropriations), in the
/// order the layouts print them; the model's datasets and the workbook import share them.
pub const SPLIT_KEYS: &[&str] = &[
    "total",
    "current",
    "fiscal",
    "general",
    "general_regular",
    "general_special",
    "general_investment",
    "fund",
    "fund_regular",
    "fund_investment",
    "special_account",
    "business",
    "operating",
    "other",
    "superior",
    "affiliated",
    "reserve",
    "carryover",
];

//! Counts by rule: the closing table of the human report, and the summary of every format
//! with `--statistics`.

use std::collections::BTreeMap;

use apiward_diagnostics::Severity;
use serde::Serialize;

use crate::Report;

/// How many findings a rule has, by severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount<'a> {
    pub rule: &'a str,
    pub owasp: Option<&'a str>,
    pub count: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl RuleCount<'_> {
    /// `error`, or `error 3, warning 2` when a rule reports at several levels.
    pub fn severities(&self) -> String {
        let levels = [
            ("error", self.errors),
            ("warning", self.warnings),
            ("info", self.infos),
        ];
        let present: Vec<_> = levels.iter().filter(|(_, n)| *n > 0).collect();
        match present.as_slice() {
            [(name, _)] => (*name).to_owned(),
            _ => present
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

impl Report<'_> {
    /// Findings counted by rule, the most frequent first (then by id).
    pub fn by_rule(&self) -> Vec<RuleCount<'_>> {
        let mut map: BTreeMap<&str, RuleCount<'_>> = BTreeMap::new();
        for d in self.diagnostics {
            let c = map.entry(d.rule.as_str()).or_insert_with(|| RuleCount {
                rule: &d.rule,
                owasp: d.owasp.as_deref(),
                count: 0,
                errors: 0,
                warnings: 0,
                infos: 0,
            });
            c.count += 1;
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        let mut out: Vec<RuleCount<'_>> = map.into_values().collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        out
    }

    /// The table of counts by rule, one line per rule under a heading, or nothing when there
    /// is no finding.
    pub(crate) fn statistics_table(&self) -> String {
        let rows = self.by_rule();
        if rows.is_empty() {
            return String::new();
        }
        let count_w = rows[0].count.to_string().len().max(5);
        let rule_w = rows.iter().map(|r| r.rule.len()).max().unwrap_or(4).max(4);
        let mut out = format!(
            "{:>count_w$}  {:<rule_w$}  {:<9}  SEVERITY\n",
            "COUNT", "RULE", "OWASP"
        );
        for r in &rows {
            out.push_str(&format!(
                "{:>count_w$}  {:<rule_w$}  {:<9}  {}\n",
                r.count,
                r.rule,
                r.owasp.unwrap_or("-"),
                r.severities()
            ));
        }
        out
    }
}

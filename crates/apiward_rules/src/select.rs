//! Which rules run, and at what severity: a preset, then `select` (ids, Spectral aliases,
//! OWASP categories such as `API4` or `API4:2023`, or `all`), then `ignore`, then severity
//! overrides.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use apiward_diagnostics::{Diagnostic, Rule, Severity};

use crate::meta::{all_rules, Preset, RuleMeta};

#[derive(Debug, Clone)]
pub struct Selection {
    enabled: BTreeSet<Rule>,
    severities: BTreeMap<Rule, Severity>,
}

/// A selector or override that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionError {
    pub selector: String,
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` names no rule, Spectral alias or OWASP category",
            self.selector
        )?;
        match suggest(&self.selector) {
            Some(s) => write!(f, "; did you mean `{s}`?"),
            None => write!(f, " (see `apiward rules`)"),
        }
    }
}

/// Edit distance (insertions, deletions, substitutions) between `a` and `b`, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The rule id or Spectral alias closest to a selector that names nothing (see [`closest`]).
pub fn suggest(selector: &str) -> Option<&'static str> {
    let names = all_rules()
        .iter()
        .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.aliases.iter().map(String::as_str)));
    closest(selector, names)
}

/// The candidate closest to `word` (ASCII case ignored), when one is close enough to be a
/// typo: at most a third of its length away (two edits for short words), or one that starts
/// with it or that it starts with.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let s = word.trim().to_ascii_lowercase();
    if s.is_empty() {
        return None;
    }
    let limit = (s.chars().count() / 3).max(2);
    candidates
        .map(|n| {
            let d = distance(&s, &n.to_ascii_lowercase());
            let prefix = n.len() > 3 && s.len() > 3 && (n.starts_with(&s) || s.starts_with(n));
            (if prefix { d.min(limit) } else { d }, n)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, n)| (*d, n.len()))
        .map(|(_, n)| n)
}

/// The rules a selector names.
pub fn resolve(selector: &str) -> Result<Vec<&'static RuleMeta>, SelectionError> {
    let s = selector.trim();
    let lower = s.to_ascii_lowercase();
    let rules = all_rules();
    let found: Vec<&'static RuleMeta> = if lower == "all" {
        rules.iter().collect()
    } else if let Some(r) = crate::lookup(&lower) {
        vec![r]
    } else if let Some(r) = rules
        .iter()
        .find(|r| r.aliases.iter().any(|a| a.eq_ignore_ascii_case(s)))
    {
        vec![r]
    } else if is_category(&lower) {
        let cat = lower
            .split(':')
            .next()
            .unwrap_or(&lower)
            .to_ascii_uppercase();
        rules.iter().filter(|r| r.owasp_short() == cat).collect()
    } else {
        Vec::new()
    };
    if found.is_empty() && !is_category(&lower) {
        return Err(SelectionError {
            selector: s.to_owned(),
        });
    }
    Ok(found)
}

/// `api1` … `api10`, optionally with `:2023`.
fn is_category(s: &str) -> bool {
    let (head, year) = match s.split_once(':') {
        Some((h, y)) => (h, Some(y)),
        None => (s, None),
    };
    let ok_year = year.is_none_or(|y| y == "2023");
    ok_year
        && head
            .strip_prefix("api")
            .and_then(|n| n.parse::<u8>().ok())
            .is_some_and(|n| (1..=10).contains(&n))
}

impl Selection {
    /// `preset`, narrowed to `select` when it is not empty, minus `ignore`.
    pub fn new(
        preset: Preset,
        select: &[String],
        ignore: &[String],
        severities: &[(String, Severity)],
    ) -> Result<Selection, SelectionError> {
        let mut enabled: BTreeSet<Rule> = if select.is_empty() {
            all_rules()
                .iter()
                .filter(|r| preset == Preset::All || r.preset == Preset::Recommended)
                .map(|r| r.id)
                .collect()
        } else {
            let mut set = BTreeSet::new();
            for s in select {
                // A category means its rules within the preset; an id or alias means
                // that rule, whatever its preset.
                let category = is_category(&s.trim().to_ascii_lowercase());
                for r in resolve(s)? {
                    if !category || preset == Preset::All || r.preset == Preset::Recommended {
                        set.insert(r.id);
                    }
                }
            }
            set
        };
        for s in ignore {
            for r in resolve(s)? {
                enabled.remove(&r.id);
            }
        }
        let mut sev = BTreeMap::new();
        for (s, level) in severities {
            for r in resolve(s)? {
                sev.insert(r.id, *level);
            }
        }
        Ok(Selection {
            enabled,
            severities: sev,
        })
    }

    pub fn enabled(&self, rule: Rule) -> bool {
        self.enabled.contains(&rule)
    }

    /// The rule's metadata when it is selected.
    pub fn on(&self, rule: Rule) -> Option<&'static RuleMeta> {
        self.enabled(rule).then(|| crate::rule(rule))
    }

    /// The selected rules, ordered as their ids.
    pub fn enabled_rules(&self) -> impl Iterator<Item = Rule> + '_ {
        self.enabled.iter().copied()
    }

    /// An input problem (`parse-error`, `unresolved-ref`, ...) as the selection wants it:
    /// `None` when its rule is ignored, else with the configured severity, if any (the
    /// problem's own otherwise: a Rust file that does not parse is info, a description
    /// error). Problems with no rule of their own (a configuration error) always pass.
    pub fn input_problem(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        let Some(rule) = Rule::from_id(&d.rule) else {
            return Some(d);
        };
        if !self.enabled(rule) {
            return None;
        }
        if let Some(s) = self.severities.get(&rule) {
            d.severity = *s;
        }
        Some(d)
    }

    pub fn severity(&self, meta: &RuleMeta) -> Severity {
        self.severities
            .get(&meta.id)
            .copied()
            .unwrap_or(meta.severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(sel: &Selection) -> Vec<&str> {
        sel.enabled_rules().map(Rule::as_str).collect()
    }

    #[test]
    fn by_id_alias_and_category() {
        let s = Selection::new(Preset::Recommended, &["API4".into()], &[], &[]).unwrap();
        assert!(ids(&s).contains(&"unbounded-body"));
        assert!(ids(&s)
            .iter()
            .all(|id| crate::lookup(id).unwrap().owasp == "API4:2023"));
        // A category selects its rules within the preset ...
        assert!(ids(&s)
            .iter()
            .all(|id| crate::lookup(id).unwrap().preset == Preset::Recommended));
        let every_api4 = all_rules()
            .iter()
            .filter(|r| r.owasp == "API4:2023")
            .count();
        let all = Selection::new(Preset::All, &["API4".into()], &[], &[]).unwrap();
        assert_eq!(ids(&all).len(), every_api4);
        // ... while a rule named by id runs whatever its preset.
        if let Some(noisy) = all_rules().iter().find(|r| r.preset == Preset::All) {
            let one = Selection::new(Preset::Recommended, &[noisy.id.into()], &[], &[]).unwrap();
            assert_eq!(ids(&one), [noisy.id.as_str()]);
        }
        let s = Selection::new(
            Preset::Recommended,
            &[
                "owasp:api8:2023-no-server-http".into(),
                "missing-auth".into(),
            ],
            &[],
            &[],
        )
        .unwrap();
        assert_eq!(ids(&s), ["http-only-server", "missing-auth"]);
        let s = Selection::new(
            Preset::All,
            &[],
            &["api2:2023".into(), "unbounded-string".into()],
            &[],
        )
        .unwrap();
        assert!(!s.enabled(Rule::MissingAuth));
        assert!(!s.enabled(Rule::UnboundedString));
        assert!(s.enabled(Rule::HttpOnlyServer));
    }

    #[test]
    fn unknown_selectors_are_errors() {
        let e =
            Selection::new(Preset::Recommended, &["no-such-rule".into()], &[], &[]).unwrap_err();
        assert_eq!(e.selector, "no-such-rule");
        assert!(Selection::new(Preset::Recommended, &["API11".into()], &[], &[]).is_err());
        // A real category with no rules yet is not an error.
        assert!(Selection::new(Preset::Recommended, &["API6".into()], &[], &[]).is_ok());
    }

    #[test]
    fn typos_get_a_suggestion() {
        assert_eq!(suggest("missing-auht"), Some("missing-auth"));
        assert_eq!(suggest("MISSING_AUTH"), Some("missing-auth"));
        assert_eq!(suggest("unbounded-strings"), Some("unbounded-string"));
        assert_eq!(suggest("http-only"), Some("http-only-server"));
        assert_eq!(suggest("zzzzzzzzzzzz"), None);
        assert_eq!(suggest(""), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("é", "e"), 1);
        let e = resolve("misisng-auth").unwrap_err();
        assert!(
            e.to_string().ends_with("did you mean `missing-auth`?"),
            "{e}"
        );
        let e = resolve("no-such-thing-at-all").unwrap_err();
        assert!(e.to_string().contains("see `apiward rules`"), "{e}");
    }

    #[test]
    fn severity_overrides() {
        let s = Selection::new(
            Preset::Recommended,
            &[],
            &[],
            &[("unbounded-string".into(), Severity::Error)],
        )
        .unwrap();
        let meta = crate::rule(Rule::UnboundedString);
        assert_eq!(s.severity(meta), Severity::Error);
        assert_eq!(s.severity(crate::rule(Rule::MissingAuth)), Severity::Error);
    }
}

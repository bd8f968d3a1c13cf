//! Rule metadata, read from the `rules/*.toml` files embedded at build time.

use std::sync::OnceLock;

use apiward_diagnostics::{Rule, Severity};
use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

/// Which default set a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// High precision, on by default.
    Recommended,
    /// Every rule; noisier ones only here.
    All,
}

impl Preset {
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Recommended => "recommended",
            Preset::All => "all",
        }
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Spec,
    Rust,
    Cross,
    /// A problem with the input itself (a file that does not parse, a `$ref` that cannot be
    /// resolved), reported by the loader or the route scan.
    Input,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Spec => "spec",
            Target::Rust => "rust",
            Target::Cross => "cross",
            Target::Input => "input",
        }
    }
}

/// One rule's metadata and documentation: the single source of its text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: Rule,
    pub title: String,
    /// `API4:2023`; empty for a problem with the input.
    pub owasp: String,
    pub cwe: Vec<String>,
    #[serde(deserialize_with = "de_severity")]
    pub severity: Severity,
    pub preset: Preset,
    pub targets: Vec<Target>,
    /// Spectral OWASP ruleset codes this rule covers.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Message template; `{name}` placeholders are filled by the check.
    pub message: String,
    pub rationale: String,
    pub fix: String,
    pub bad: String,
    pub good: String,
    /// `fix` on one line: every finding's help, shared (tens of thousands on a large tree).
    #[serde(skip)]
    pub help: std::sync::Arc<str>,
}

fn de_severity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
    let s = String::deserialize(d)?;
    Severity::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown severity `{s}`")))
}

impl RuleMeta {
    /// The short OWASP category, `API4`.
    pub fn owasp_short(&self) -> &str {
        self.owasp.split(':').next().unwrap_or(&self.owasp)
    }

    /// The rule's documentation as Markdown (for `explain` and SARIF help).
    pub fn markdown(&self) -> String {
        let cwe = if self.cwe.is_empty() {
            String::from("no CWE")
        } else {
            self.cwe.join(", ")
        };
        let aliases = if self.aliases.is_empty() {
            String::from("none")
        } else {
            self.aliases
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "# {id}: {title}\n\n\
             OWASP {owasp} · {cwe} · default severity {sev} · preset {preset} · Spectral: {aliases}\n\n\
             ## Why\n\n{rationale}\n\n## Fix\n\n{fix}\n\n\
             ## Bad\n\n```{lang}\n{bad}```\n\n## Good\n\n```{lang}\n{good}```\n",
            id = self.id,
            title = self.title,
            owasp = if self.owasp.is_empty() {
                "(input problem)"
            } else {
                &self.owasp
            },
            sev = self.severity,
            preset = self.preset.as_str(),
            rationale = self.rationale.trim_end(),
            fix = self.fix.trim_end(),
            bad = self.bad,
            good = self.good,
            // Examples are OpenAPI documents unless the rule only looks at Rust code.
            lang = if self.targets.contains(&Target::Spec) { "yaml" } else { "rust" },
        )
    }
}

/// Every rule, sorted by id (as [`Rule::ALL`]). Parsed once; the files are checked by this
/// crate's tests.
pub fn all_rules() -> &'static [RuleMeta] {
    static RULES: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules: Vec<RuleMeta> = RULE_FILES
            .iter()
            .map(|(name, text)| {
                let mut r: RuleMeta =
                    toml::from_str(text).unwrap_or_else(|e| panic!("rules/{name} is invalid: {e}"));
                r.help = crate::one_line(&r.fix).into();
                r
            })
            .collect();
        rules.sort_by_key(|r| r.id);
        assert!(
            rules.iter().map(|r| r.id).eq(Rule::ALL),
            "one rules/ file per Rule"
        );
        rules
    })
}

/// A rule's metadata.
pub fn rule(id: Rule) -> &'static RuleMeta {
    &all_rules()[id.index()]
}

/// Looks a rule up by the id a user wrote (a selector, a suppression comment).
pub fn lookup(id: &str) -> Option<&'static RuleMeta> {
    Rule::from_id(id).map(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_is_valid_and_named_after_its_id() {
        assert!(!RULE_FILES.is_empty());
        for (name, text) in RULE_FILES {
            let meta: RuleMeta = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(format!("{}.toml", meta.id.as_str()), *name);
            let input = meta.targets == [Target::Input];
            assert!(
                (input && meta.owasp.is_empty())
                    || (meta.owasp.starts_with("API") && meta.owasp.ends_with(":2023")),
                "{name}: owasp must look like API4:2023 (empty for an input problem)"
            );
            assert!(input || !meta.cwe.is_empty(), "{name}: cwe");
            assert!(
                meta.cwe.iter().all(|c| c.starts_with("CWE-")),
                "{name}: cwe"
            );
            assert!(!meta.targets.is_empty(), "{name}: targets");
            for field in [
                &meta.title,
                &meta.message,
                &meta.rationale,
                &meta.fix,
                &meta.bad,
                &meta.good,
            ] {
                assert!(!field.trim().is_empty(), "{name}: empty field");
            }
        }
    }

    #[test]
    fn ids_and_aliases_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for r in all_rules() {
            assert!(seen.insert(r.id.as_str().to_owned()), "duplicate {}", r.id);
            for a in &r.aliases {
                assert!(seen.insert(a.clone()), "alias {a} claimed twice");
            }
        }
    }
}

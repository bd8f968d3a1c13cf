//! One check per rule, registered here by rule id. Each file ends with its pass and fail
//! cases.

use crate::{Context, Finding};

mod http_only_server;
mod missing_auth;
mod unbounded_string;

pub(crate) type CheckFn = fn(&Context<'_>, &mut Vec<Finding>);

/// Every check of an API description, by rule id (rules/<id>.toml).
pub(crate) static CHECKS: &[(&str, CheckFn)] = &[
    ("http-only-server", http_only_server::check),
    ("missing-auth", missing_auth::check),
    ("unbounded-string", unbounded_string::check),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules reported by the loader (apiward_spec::load) rather than by a check.
    const LOADER_RULES: &[&str] = &["remote-ref"];
    use crate::meta::{all_rules, Target};

    #[test]
    fn every_spec_rule_has_exactly_one_check() {
        for r in all_rules()
            .iter()
            .filter(|r| r.targets.contains(&Target::Spec))
        {
            let n = CHECKS.iter().filter(|(id, _)| *id == r.id).count()
                + LOADER_RULES.iter().filter(|id| **id == r.id).count();
            assert_eq!(n, 1, "{} must have one check", r.id);
        }
        for (id, _) in CHECKS {
            assert!(
                crate::rule(id).is_some(),
                "check {id} has no rules/{id}.toml"
            );
        }
    }
}

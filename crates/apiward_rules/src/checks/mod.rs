//! One check per rule, registered here by rule id. Each file ends with its pass and fail
//! cases.

use crate::{Context, Finding};

mod admin_security_unique;
mod api_key_in_url;
mod basic_auth;
mod cors_not_defined;
mod credentials_in_url;
mod deprecated_operation;
mod duplicate_key;
mod http_only_server;
mod insecure_auth_scheme;
mod insecure_callback;
mod integer_format;
mod internal_exposed;
mod jwt_best_practices;
mod leaky_error_response;
mod mass_assignment;
mod missing_401_response;
mod missing_500_response;
mod missing_auth;
mod missing_rate_limit_headers;
mod missing_rate_limit_response;
mod missing_retry_after;
mod missing_validation_response;
mod missing_version;
mod no_numeric_ids;
mod oauth_insecure_flow;
mod open_request_object;
mod permissive_cors;
mod privileged_field_in_request;
mod sensitive_data_in_response;
mod server_audience_undeclared;
mod server_undescribed;
pub(crate) mod shared;
mod short_lived_access_tokens;
mod ssrf_url_input;
mod unbounded_array;
mod unbounded_integer;
mod unbounded_map;
mod unbounded_page_size;
mod unbounded_string;
mod unbounded_upload;
mod undefined_security_scheme;

pub(crate) type CheckFn = fn(&Context<'_>, &mut Vec<Finding>);

/// Every check of an API description, by rule id (rules/<id>.toml).
pub(crate) static CHECKS: &[(&str, CheckFn)] = &[
    ("admin-security-unique", admin_security_unique::check),
    ("api-key-in-url", api_key_in_url::check),
    ("basic-auth", basic_auth::check),
    ("cors-not-defined", cors_not_defined::check),
    ("credentials-in-url", credentials_in_url::check),
    ("deprecated-operation", deprecated_operation::check),
    ("http-only-server", http_only_server::check),
    ("insecure-auth-scheme", insecure_auth_scheme::check),
    ("insecure-callback", insecure_callback::check),
    ("integer-format", integer_format::check),
    ("internal-exposed", internal_exposed::check),
    ("jwt-best-practices", jwt_best_practices::check),
    ("leaky-error-response", leaky_error_response::check),
    ("mass-assignment", mass_assignment::check),
    ("missing-401-response", missing_401_response::check),
    ("missing-500-response", missing_500_response::check),
    ("missing-auth", missing_auth::check),
    (
        "missing-rate-limit-headers",
        missing_rate_limit_headers::check,
    ),
    (
        "missing-rate-limit-response",
        missing_rate_limit_response::check,
    ),
    ("missing-retry-after", missing_retry_after::check),
    (
        "missing-validation-response",
        missing_validation_response::check,
    ),
    ("missing-version", missing_version::check),
    ("no-numeric-ids", no_numeric_ids::check),
    ("oauth-insecure-flow", oauth_insecure_flow::check),
    ("open-request-object", open_request_object::check),
    ("permissive-cors", permissive_cors::check),
    (
        "privileged-field-in-request",
        privileged_field_in_request::check,
    ),
    (
        "sensitive-data-in-response",
        sensitive_data_in_response::check,
    ),
    (
        "server-audience-undeclared",
        server_audience_undeclared::check,
    ),
    ("server-undescribed", server_undescribed::check),
    (
        "short-lived-access-tokens",
        short_lived_access_tokens::check,
    ),
    ("ssrf-url-input", ssrf_url_input::check),
    ("unbounded-array", unbounded_array::check),
    ("unbounded-integer", unbounded_integer::check),
    ("unbounded-map", unbounded_map::check),
    ("unbounded-page-size", unbounded_page_size::check),
    ("unbounded-string", unbounded_string::check),
    ("unbounded-upload", unbounded_upload::check),
    (
        "undefined-security-scheme",
        undefined_security_scheme::check,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules reported by the loader (apiward_spec::load) rather than by a check.
    const LOADER_RULES: &[&str] = &["remote-ref", "duplicate-key"];
    use crate::meta::{all_rules, Target};

    /// The bad example of every OpenAPI rule's `rules/` file triggers the rule, and its good
    /// example does not: the documentation shows what the rule really does.
    #[test]
    fn rule_file_examples() {
        for r in all_rules()
            .iter()
            .filter(|r| r.targets.contains(&Target::Spec))
        {
            let tag = format!("[{}]", r.id);
            let bad = crate::tester::run(&r.id, &[("openapi.yaml", &r.bad)]);
            assert!(
                bad.iter().any(|f| f.contains(&tag)),
                "the bad example of {} does not trigger it: {bad:#?}",
                r.id
            );
            let good = crate::tester::run(&r.id, &[("openapi.yaml", &r.good)]);
            assert!(
                !good.iter().any(|f| f.contains(&tag)),
                "the good example of {} triggers it: {good:#?}",
                r.id
            );
        }
    }

    /// The input problems that one description can show: their bad example is reported,
    /// their good one is not (`io-error` and `file-too-large` need a missing or a huge file).
    #[test]
    fn input_problem_examples() {
        for id in ["parse-error", "unresolved-ref", "ref-outside-root"] {
            let r = crate::rule(id).unwrap();
            assert_eq!(r.targets, [Target::Input]);
            let tag = format!("[{id}]");
            let bad = crate::tester::run(id, &[("openapi.yaml", &r.bad)]);
            assert!(bad.iter().any(|f| f.contains(&tag)), "{id}: {bad:#?}");
            let good = crate::tester::run(
                id,
                &[
                    ("openapi.yaml", &r.good),
                    (
                        "paths/orders.yaml",
                        "get:\n  responses:\n    \"200\": { description: ok }\n",
                    ),
                ],
            );
            assert!(!good.iter().any(|f| f.contains(&tag)), "{id}: {good:#?}");
        }
    }

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

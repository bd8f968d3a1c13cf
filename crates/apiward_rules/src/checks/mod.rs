//! One check per rule, registered here by rule id. Each file ends with its pass and fail
//! cases.

use crate::{Context, Finding, Rule};

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
pub(crate) static CHECKS: &[(Rule, CheckFn)] = &[
    (Rule::AdminSecurityUnique, admin_security_unique::check),
    (Rule::ApiKeyInUrl, api_key_in_url::check),
    (Rule::BasicAuth, basic_auth::check),
    (Rule::CorsNotDefined, cors_not_defined::check),
    (Rule::CredentialsInUrl, credentials_in_url::check),
    (Rule::DeprecatedOperation, deprecated_operation::check),
    (Rule::HttpOnlyServer, http_only_server::check),
    (Rule::InsecureAuthScheme, insecure_auth_scheme::check),
    (Rule::InsecureCallback, insecure_callback::check),
    (Rule::IntegerFormat, integer_format::check),
    (Rule::InternalExposed, internal_exposed::check),
    (Rule::JwtBestPractices, jwt_best_practices::check),
    (Rule::LeakyErrorResponse, leaky_error_response::check),
    (Rule::MassAssignment, mass_assignment::check),
    (Rule::Missing401Response, missing_401_response::check),
    (Rule::Missing500Response, missing_500_response::check),
    (Rule::MissingAuth, missing_auth::check),
    (
        Rule::MissingRateLimitHeaders,
        missing_rate_limit_headers::check,
    ),
    (
        Rule::MissingRateLimitResponse,
        missing_rate_limit_response::check,
    ),
    (Rule::MissingRetryAfter, missing_retry_after::check),
    (
        Rule::MissingValidationResponse,
        missing_validation_response::check,
    ),
    (Rule::MissingVersion, missing_version::check),
    (Rule::NoNumericIds, no_numeric_ids::check),
    (Rule::OauthInsecureFlow, oauth_insecure_flow::check),
    (Rule::OpenRequestObject, open_request_object::check),
    (Rule::PermissiveCors, permissive_cors::check),
    (
        Rule::PrivilegedFieldInRequest,
        privileged_field_in_request::check,
    ),
    (
        Rule::SensitiveDataInResponse,
        sensitive_data_in_response::check,
    ),
    (
        Rule::ServerAudienceUndeclared,
        server_audience_undeclared::check,
    ),
    (Rule::ServerUndescribed, server_undescribed::check),
    (
        Rule::ShortLivedAccessTokens,
        short_lived_access_tokens::check,
    ),
    (Rule::SsrfUrlInput, ssrf_url_input::check),
    (Rule::UnboundedArray, unbounded_array::check),
    (Rule::UnboundedInteger, unbounded_integer::check),
    (Rule::UnboundedMap, unbounded_map::check),
    (Rule::UnboundedPageSize, unbounded_page_size::check),
    (Rule::UnboundedString, unbounded_string::check),
    (Rule::UnboundedUpload, unbounded_upload::check),
    (
        Rule::UndefinedSecurityScheme,
        undefined_security_scheme::check,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Rules reported by the loader (apiward_spec::load) rather than by a check.
    const LOADER_RULES: &[Rule] = &[Rule::RemoteRef, Rule::DuplicateKey];
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
            let bad = crate::tester::run(r.id, &[("openapi.yaml", &r.bad)]);
            assert!(
                bad.iter().any(|f| f.contains(&tag)),
                "the bad example of {} does not trigger it: {bad:#?}",
                r.id
            );
            let good = crate::tester::run(r.id, &[("openapi.yaml", &r.good)]);
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
        for id in [Rule::ParseError, Rule::UnresolvedRef, Rule::RefOutsideRoot] {
            let r = crate::rule(id);
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
                crate::rule(*id).targets.contains(&Target::Spec),
                "check {id} has no spec target in rules/{id}.toml"
            );
        }
    }
}

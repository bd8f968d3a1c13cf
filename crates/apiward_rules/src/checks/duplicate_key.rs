//! `duplicate-key`: a key written twice in one mapping. Found while loading
//! (`apiward_spec::tree::Tree::dedup_keys`, which keeps the last value as most consumers
//! do); the loader reports it, the selection filters it like any rule. Its evidence is here.

#[cfg(test)]
mod tests {
    use crate::tester::{run, test_rule};
    use crate::Rule;

    const PASS: &[&str] = &[
        // One `security` per operation.
        r#"
openapi: 3.0.3
info: {title: keys, version: "1"}
components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}
paths: {/a: {get: {security: [{key: []}], responses: {"200": {description: ok}}}}}
"#,
        // Keys merged in by `<<` are overridden by design, not repeated.
        r#"
openapi: 3.0.3
info: {title: merges, version: "1"}
x-base: &base {description: ok, x-a: 1}
paths: {/a: {get: {responses: {"200": {<<: *base, description: fine}}}}}
"#,
        r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {}, "/b": {}}}"#,
    ];

    const FAIL: &[&str] = &[
        // A second `security` (a merge conflict, say) makes the operation public.
        r#"
openapi: 3.0.3
info: {title: keys, version: "1"}
components: {securitySchemes: {key: {type: apiKey, in: header, name: X-Key}}}
paths:
  /admin/users:
    delete:
      security: [{key: []}]
      responses: {"204": {description: deleted}}
      security: []
"#,
        r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
"paths": {"/a": {"get": {"responses": {}}}, "/a": {"put": {"responses": {}}}}}"#,
        r#"
openapi: 3.0.3
info: {title: t, version: "1", title: u}
paths: {}
"#,
    ];

    #[test]
    fn duplicate_key() {
        insta::assert_snapshot!(test_rule(Rule::DuplicateKey, PASS, FAIL));
    }

    /// The rules judge the value that consumers use: the last `security` makes the
    /// operation public.
    #[test]
    fn the_last_value_is_judged() {
        let found = run(Rule::MissingAuth, &[("openapi.yaml", FAIL[0])]);
        assert!(
            found
                .iter()
                .any(|f| f.contains("[missing-auth]") && f.contains("DELETE /admin/users")),
            "{found:#?}"
        );
        let found = run(Rule::MissingAuth, &[("openapi.yaml", PASS[0])]);
        assert!(
            found.iter().all(|f| !f.contains("[missing-auth]")),
            "{found:#?}"
        );
    }
}

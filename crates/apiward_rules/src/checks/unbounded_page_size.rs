//! `unbounded-page-size`: query parameters that choose how many records a response holds,
//! with no maximum.

use std::collections::BTreeSet;

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::{bound, bounds, SpecVersion};

use super::shared::{normalize_name, type_node};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Names (normalised) that only ever mean "how many items per page".
const PAGE_SIZE_NAMES: &[&str] = &[
    "limit",
    "pagesize",
    "perpage",
    "pagelimit",
    "itemsperpage",
    "resultsperpage",
    "rowsperpage",
    "maxresults",
    "maxitems",
    "maxrecords",
    "maxpagesize",
    "numresults",
];

/// Names that mean a page size when the parameter is a number (`count=true` is a flag,
/// `size=large` a filter, `first=Ada` a name).
const NUMERIC_PAGE_SIZE_NAMES: &[&str] = &["size", "count", "top", "first", "last", "take"];

/// The bound kinds of a schema and of the members of its `allOf`.
fn own_bounds(ws: &Workspace, schema: NodeRef) -> u8 {
    let mut b = bounds(ws, schema);
    if let Some(all) = ws.get(schema, "allOf") {
        for m in ws.items(all) {
            b |= bounds(ws, ws.deref(m));
        }
    }
    b
}

pub(crate) struct UnboundedPageSize;

impl SpecRule for UnboundedPageSize {
    const RULE: Rule = Rule::UnboundedPageSize;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut params: BTreeSet<NodeRef> = BTreeSet::new();
        for op in &cx.api.operations {
            for p in &op.parameters {
                if ws.get_str(*p, "in") == Some("query") {
                    params.insert(*p);
                }
            }
        }
        for p in params {
            let Some(name_node) = ws.get_raw(p, "name") else {
                continue;
            };
            let Some(name) = ws.as_str(name_node) else {
                continue;
            };
            let norm = normalize_name(name);
            let strict = PAGE_SIZE_NAMES.contains(&norm.as_str());
            if !strict && !NUMERIC_PAGE_SIZE_NAMES.contains(&norm.as_str()) {
                continue;
            }
            let schema = if cx.api.version == SpecVersion::Swagger2 {
                Some(p)
            } else {
                ws.get(p, "schema")
            };
            let Some(schema) = schema else { continue };
            let numeric = type_node(ws, schema, "integer").is_some()
                || type_node(ws, schema, "number").is_some();
            let unbounded = if numeric {
                own_bounds(ws, schema) & bound::NUMBER == 0
            } else if strict && type_node(ws, schema, "string").is_some() {
                own_bounds(ws, schema) & (bound::STRING | bound::NUMBER) == 0
            } else {
                false
            };
            if unbounded {
                let tree = ws.tree(name_node.doc);
                out.push(Finding {
                    cap: None,
                    at: p,
                    span: tree.span(name_node.node),
                    message: cx.message(&[("name", name)]),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    const PASS: &[&str] = &[
        // Bounded page sizes (also through a $ref and allOf); look-alikes that are not.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
        - {name: per_page, in: query, schema: {$ref: "#/components/schemas/PerPage"}}
        - {name: "page[size]", in: query, schema: {allOf: [{type: integer}, {maximum: 50}]}}
        - {name: count, in: query, schema: {type: boolean}}
        - {name: size, in: query, schema: {type: string, enum: [small, large]}}
        - {name: first, in: query, schema: {type: string, maxLength: 40}}
        - {name: pageSize, in: query, schema: {type: string, enum: ["10", "50"]}}
        - {name: offset, in: query, schema: {type: integer}}
        - {name: limit, in: header, schema: {type: integer}}
      responses: {"200": {description: ok}}
components:
  schemas:
    PerPage: {type: integer, maximum: 100}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /items:
    get:
      parameters:
        - {name: $top, in: query, type: integer, maximum: 1000}
      responses: {"200": {description: ok}}
"#,
    ];

    const FAIL: &[&str] = &[
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /items:
    get:
      parameters:
        - {$ref: "#/components/parameters/Limit"}
        - name: pageSize
          in: query
          schema: {type: integer, minimum: 1}
        - {name: page_size, in: query, schema: {type: string}}
      responses: {"200": {description: ok}}
  /others:
    get:
      parameters:
        - {$ref: "#/components/parameters/Limit"}
      responses: {"200": {description: ok}}
components:
  parameters:
    Limit: {name: limit, in: query, schema: {type: integer, format: int32}}
"##,
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /items:
    get:
      parameters:
        - {name: $top, in: query, type: integer}
        - {name: count, in: query, type: number}
      responses: {"200": {description: ok}}
"#,
    ];

    #[test]
    fn unbounded_page_size() {
        insta::assert_snapshot!(test_rule(Rule::UnboundedPageSize, PASS, FAIL));
    }
}

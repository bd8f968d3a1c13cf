//! `unbounded-upload`: files and binary data accepted in requests without a size limit.

use std::collections::BTreeSet;

use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::{bound, bounds, Operation, SpecVersion};

use super::shared::{entry_span, key_span, reach, read_only};
use crate::checks::SpecRule;
use crate::{Context, Finding, Rule};

/// Media types whose bodies are structured data, not uploaded files.
fn is_structured(media: &str) -> bool {
    let m = media.to_ascii_lowercase();
    let essence = m.split(';').next().unwrap_or("").trim();
    essence.starts_with("text/")
        || essence.starts_with("multipart/")
        || essence == "application/x-www-form-urlencoded"
        || essence.ends_with("json")
        || essence.ends_with("xml")
        || essence.ends_with("+yaml")
        || essence.ends_with("/yaml")
}

/// Whether the operation caps the size of what it receives through a header parameter
/// with a `maximum`: `Content-Length`, or a companion such as `x-upload-content-length`
/// that the client declares before streaming (a resumable or signed upload).
fn size_header_bounded(ws: &Workspace, op: &Operation) -> bool {
    op.parameters.iter().any(|p| {
        ws.get_str(*p, "in") == Some("header")
            && ws
                .get_str(*p, "name")
                .is_some_and(|n| n.to_ascii_lowercase().contains("content-length"))
            && [Some(*p), ws.get(*p, "schema")]
                .into_iter()
                .flatten()
                .any(|s| bounds(ws, s) & bound::NUMBER != 0)
    })
}

/// Whether prose states a size limit: a size with its unit (`256KiB`, `5 MB`, `10 megabytes`)
/// beside a word that makes it a bound (`up to`, `max`, `limit`, `at most`, `exceed`).
fn states_size_limit(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let bound_word = [
        "up to",
        "max",
        "limit",
        "at most",
        "exceed",
        "larger than",
        "less than",
        "smaller than",
        "no more than",
        "bigger than",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if !bound_word {
        return false;
    }
    const UNITS: &[&str] = &[
        "kib",
        "mib",
        "gib",
        "kb",
        "mb",
        "gb",
        "bytes",
        "kilobytes",
        "megabytes",
        "gigabytes",
    ];
    let b = lower.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_digit() && (i + 1 == b.len() || !b[i + 1].is_ascii_digit()) && {
            let rest = lower[i + 1..].trim_start();
            UNITS.iter().any(|u| {
                rest.starts_with(u)
                    && !rest[u.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
            })
        }
    })
}

/// Whether an operation's own prose (its summary or description, or its request body's
/// description) states the size limit of what it receives: the contract is written, in
/// words that generated validators cannot read but people do.
fn prose_bounded(ws: &Workspace, op: &Operation) -> bool {
    let texts = [
        ws.get_str(op.node, "description"),
        ws.get_str(op.node, "summary"),
        op.request_body.and_then(|b| ws.get_str(b, "description")),
    ];
    texts.into_iter().flatten().any(states_size_limit)
}

pub(crate) struct UnboundedUpload;

impl SpecRule for UnboundedUpload {
    const RULE: Rule = Rule::UnboundedUpload;

    fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ws = cx.ws;
        let mut found: Vec<(NodeRef, NodeRef)> = Vec::new();
        for (schema, usage) in &cx.api.schemas {
            if !usage.input_unbounded(bound::STRING) {
                continue;
            }
            // What makes it binary: `format: binary|byte`, or 3.1 `contentEncoding` /
            // `contentMediaType`.
            let marker = ws
                .get_raw(*schema, "format")
                .filter(|f| matches!(ws.as_str(*f), Some("binary" | "byte")))
                .or_else(|| ws.get_raw(*schema, "contentEncoding"))
                .or_else(|| ws.get_raw(*schema, "contentMediaType"));
            if let Some(marker) = marker {
                found.push((*schema, marker));
            }
        }
        found.sort();
        // Schemas some operation receives without a size header that bounds them; only
        // walked when an operation has one.
        let sized = |op: &&Operation| size_header_bounded(ws, op) || prose_bounded(ws, op);
        let unsized_reach = cx.api.operations.iter().any(|op| sized(&op)).then(|| {
            reach(
                ws,
                cx.api,
                cx.api.operations.iter().filter(|op| !sized(op)),
                true,
            )
        });
        for (schema, marker) in found {
            if unsized_reach.as_ref().is_some_and(|r| !r.contains(&schema)) {
                continue;
            }
            let bounded = ["maxLength", "enum", "const"]
                .iter()
                .any(|k| ws.get(schema, k).is_some());
            if bounded || read_only(ws, schema) {
                continue;
            }
            out.push(Finding {
                cap: None,
                at: schema,
                span: entry_span(ws, marker),
                message: cx.message(&[]),
            });
        }
        // 3.x request bodies of a binary media type with no schema at all (`image/png: {}`).
        if cx.api.version == SpecVersion::Swagger2 {
            return;
        }
        let mut bare: BTreeSet<(NodeRef, String)> = BTreeSet::new();
        for op in &cx.api.operations {
            if size_header_bounded(ws, op) || prose_bounded(ws, op) {
                continue;
            }
            let Some(content) = op.request_body.and_then(|b| ws.get(b, "content")) else {
                continue;
            };
            for (media, m) in ws.entries(content) {
                let m = ws.deref(m);
                if !is_structured(media) && ws.get(m, "schema").is_none() {
                    bare.insert((m, media.to_owned()));
                }
            }
        }
        for (m, media) in bare {
            out.push(Finding {
                cap: None,
                at: m,
                span: key_span(ws, m),
                message: format!(
                    "request body `{media}` is an upload with no size limit: give it a schema with `maxLength`"
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tester::test_rule;
    use crate::Rule;

    #[test]
    fn size_limits_in_prose() {
        use super::states_size_limit as s;
        assert!(s("The new icon may be up to 256KiB in size."));
        assert!(s("Files of up to 5MiB can be uploaded"));
        assert!(s("Maximum size: 10 MB"));
        assert!(s("must not exceed 2048 bytes"));
        assert!(!s("Upload the icon (PNG, 256 pixels)"));
        assert!(!s("Version 2 of the API, up to date"));
        assert!(!s("The file, 5MB or so"));
        assert!(!s("up to 3 files"));
    }

    const PASS: &[&str] = &[
        // Sized uploads; plain strings are unbounded-string's; readOnly data is not input.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary, maxLength: 10485760}
                thumb: {type: string, contentEncoding: base64, maxLength: 65536}
                note: {type: string}
                digest: {type: string, format: byte, readOnly: true}
          image/png:
            schema: {type: string, format: binary, maxLength: 1048576}
          application/json: {}
      responses:
        "200":
          description: ok
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
"#,
        // A size limit given through allOf.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    put:
      requestBody:
        content:
          application/octet-stream:
            schema:
              allOf:
                - {$ref: "#/components/schemas/Blob"}
                - {maxLength: 1024}
      responses: {"200": {description: ok}}
components:
  schemas:
    Blob: {type: string, format: binary}
"##,
        // The size declared on a header the client sends with the upload.
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /files:
    post:
      parameters:
        - name: x-upload-content-length
          in: header
          required: true
          schema: {type: integer, minimum: 1, maximum: 209715200}
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
          application/octet-stream: {}
      responses: {"201": {description: created}}
"#,
        // The size limit stated in the operation's prose, for a request body it shares.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /icon:
    patch:
      description: The new icon may be up to 256KiB in size.
      requestBody: {$ref: "#/components/requestBodies/Image"}
      responses: {"204": {description: ok}}
  /gallery:
    post:
      summary: Add a gallery image (maximum 5 MiB)
      requestBody: {$ref: "#/components/requestBodies/Image"}
      responses: {"204": {description: ok}}
components:
  requestBodies:
    Image:
      content:
        image/png:
          schema: {type: string, format: binary}
        image/gif: {}
"##,
    ];

    const FAIL: &[&str] = &[
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /files:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file:
                  type: string
                  format: binary
                avatar: {type: string, format: byte}
      responses: {"201": {description: created}}
"#,
        // 3.1: contentMediaType, and a binary body with no schema.
        r#"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /images:
    put:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                image: {type: string, contentMediaType: image/png, contentEncoding: base64}
          application/octet-stream: {}
      responses: {"200": {description: ok}}
"#,
        // Swagger 2.0 body.
        r#"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    post:
      consumes: [application/octet-stream]
      parameters:
        - name: body
          in: body
          schema: {type: string, format: binary}
      responses: {"200": {description: ok}}
"#,
        // A size header on one operation does not bound another that takes the same file.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /files:
    post:
      parameters:
        - {name: Content-Length, in: header, schema: {type: integer, maximum: 1048576}}
      requestBody:
        content:
          application/octet-stream:
            schema: {$ref: "#/components/schemas/Blob"}
      responses: {"201": {description: created}}
  /files/{id}:
    put:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, maxLength: 36}}
        - {name: Content-Length, in: header, schema: {type: integer}}
      requestBody:
        content:
          application/octet-stream:
            schema: {$ref: "#/components/schemas/Blob"}
      responses: {"200": {description: ok}}
components:
  schemas:
    Blob: {type: string, format: binary}
"##,
        // One of the operations sharing the body states no limit.
        r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /icon:
    patch:
      description: The new icon may be up to 256KiB in size.
      requestBody: {$ref: "#/components/requestBodies/Image"}
      responses: {"204": {description: ok}}
  /banner:
    post:
      summary: Upload a banner
      requestBody: {$ref: "#/components/requestBodies/Image"}
      responses: {"204": {description: ok}}
components:
  requestBodies:
    Image:
      content:
        image/png:
          schema: {type: string, format: binary}
"##,
    ];

    #[test]
    fn unbounded_upload() {
        insta::assert_snapshot!(test_rule(Rule::UnboundedUpload, PASS, FAIL));
    }
}

//! `textDocument/publishDiagnostics`, serialised straight from the findings into the bytes
//! sent (no `serde_json::Value` tree of 1,700 diagnostics built, copied and walked again).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use apiward_diagnostics::{Diagnostic, Related, Severity};
use apiward_rules::RuleMeta;
use serde::Serialize;

use super::text::{Located, Span16};

#[derive(Serialize)]
struct Lsp<'a> {
    range: Span16,
    severity: u8,
    code: &'a str,
    #[serde(rename = "codeDescription", skip_serializing_if = "Option::is_none")]
    code_description: Option<Href>,
    source: &'static str,
    message: &'a str,
    #[serde(rename = "relatedInformation", skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedInformation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Data<'a>>,
}

#[derive(Serialize)]
struct Href {
    href: &'static str,
}

#[derive(Serialize)]
struct RelatedInformation<'a> {
    location: Location,
    message: &'a str,
}

#[derive(Serialize)]
struct Location {
    uri: String,
    range: Span16,
}

#[derive(Serialize)]
struct Data<'a> {
    pointer: &'a str,
}

/// The JSON array of a file's diagnostics. `related` places the other end of a finding: the
/// URI of its file and its range there (`None`: the file cannot be read, the end is left out).
pub fn diagnostics(
    found: &[&Diagnostic],
    here: &Located<'_>,
    mut related: impl FnMut(&Related) -> Option<(String, Span16)>,
) -> Vec<u8> {
    let list: Vec<Lsp<'_>> = found
        .iter()
        .map(|d| Lsp {
            range: here.span(&d.range),
            severity: match d.severity {
                Severity::Error => 1,
                Severity::Warning => 2,
                Severity::Info => 3,
            },
            code: &d.rule,
            code_description: docs_url(&d.rule).map(|href| Href { href }),
            source: "apiward",
            message: &d.message,
            related: d
                .related
                .iter()
                .filter_map(|r| {
                    let (uri, range) = related(r)?;
                    Some(RelatedInformation {
                        location: Location { uri, range },
                        message: &r.message,
                    })
                })
                .collect(),
            data: d.pointer.as_deref().map(|pointer| Data { pointer }),
        })
        .collect();
    serde_json::to_vec(&list).expect("diagnostics serialise")
}

/// The whole notification around a file's diagnostics (as [`diagnostics`] wrote them).
pub fn message(uri: &str, version: Option<i64>, diagnostics: &[u8]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Head<'a> {
        uri: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i64>,
    }
    let head = serde_json::to_vec(&Head { uri, version }).expect("a URI serialises");
    let mut out = Vec::with_capacity(diagnostics.len() + head.len() + 100);
    out.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":"#,
    );
    // `{"uri":…}` opened up for one more member.
    out.extend_from_slice(&head[..head.len() - 1]);
    out.extend_from_slice(br#","diagnostics":"#);
    out.extend_from_slice(diagnostics);
    out.extend_from_slice(b"}}");
    out
}

/// A digest of serialised diagnostics, to tell whether a file's changed.
pub fn digest(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The page that documents a rule's risk: its OWASP API Security Top 10 (2023) category
/// (the edition the rules are filed under and the README links to), else its first CWE
/// entry. The rule's own text is in the hover (`apiward explain`). Nothing is fetched: the
/// editor opens the link when asked.
pub fn docs_url(rule: &str) -> Option<&'static str> {
    static URLS: OnceLock<HashMap<&'static str, String>> = OnceLock::new();
    let urls = URLS.get_or_init(|| {
        apiward_rules::all_rules()
            .iter()
            .filter_map(|m| Some((m.id.as_str(), url_of(m)?)))
            .collect()
    });
    urls.get(rule).map(String::as_str)
}

fn url_of(m: &RuleMeta) -> Option<String> {
    let page = match m.owasp.as_str() {
        "API1:2023" => Some("0xa1-broken-object-level-authorization"),
        "API2:2023" => Some("0xa2-broken-authentication"),
        "API3:2023" => Some("0xa3-broken-object-property-level-authorization"),
        "API4:2023" => Some("0xa4-unrestricted-resource-consumption"),
        "API5:2023" => Some("0xa5-broken-function-level-authorization"),
        "API6:2023" => Some("0xa6-unrestricted-access-to-sensitive-business-flows"),
        "API7:2023" => Some("0xa7-server-side-request-forgery"),
        "API8:2023" => Some("0xa8-security-misconfiguration"),
        "API9:2023" => Some("0xa9-improper-inventory-management"),
        "API10:2023" => Some("0xaa-unsafe-consumption-of-apis"),
        _ => None,
    };
    if let Some(page) = page {
        return Some(format!(
            "https://owasp.org/API-Security/editions/2023/en/{page}/"
        ));
    }
    let cwe = m.cwe.first()?.strip_prefix("CWE-")?;
    cwe.parse::<u32>()
        .ok()
        .map(|n| format!("https://cwe.mitre.org/data/definitions/{n}.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_filed_under_owasp_has_its_category_page() {
        for m in apiward_rules::all_rules() {
            let url = docs_url(m.id.as_str());
            if m.owasp.is_empty() && m.cwe.is_empty() {
                assert_eq!(url, None, "{}", m.id);
                continue;
            }
            let url = url.unwrap_or_else(|| panic!("{} has no docs link", m.id));
            let n = m.owasp_short().trim_start_matches("API");
            if !m.owasp.is_empty() {
                // API10 is `0xaa`: the pages are numbered in hexadecimal.
                let hex = format!("/0xa{:x}-", n.parse::<u32>().unwrap());
                assert!(url.contains(&hex), "{}: {url}", m.id);
            }
        }
        assert_eq!(
            docs_url(apiward_rules::Rule::HttpOnlyServer.as_str()),
            Some("https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/")
        );
        assert_eq!(docs_url("no-such-rule"), None);
    }

    #[test]
    fn the_notification_wraps_the_list() {
        let m = message("file:///a%20b.yaml", Some(3), b"[]");
        let v: serde_json::Value = serde_json::from_slice(&m).unwrap();
        assert_eq!(v["method"], "textDocument/publishDiagnostics");
        assert_eq!(v["params"]["uri"], "file:///a%20b.yaml");
        assert_eq!(v["params"]["version"], 3);
        assert_eq!(v["params"]["diagnostics"], serde_json::json!([]));
        let m = message("file:///x", None, b"[]");
        let v: serde_json::Value = serde_json::from_slice(&m).unwrap();
        assert!(v["params"].get("version").is_none());
    }
}

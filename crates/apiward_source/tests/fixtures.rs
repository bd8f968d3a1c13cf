//! The inventory of the fixture services under `testdata/rust/`, asserted route by route and
//! snapshotted as JSON.

use std::path::{Path, PathBuf};

use apiward_source::{inventory, Auth, Inventory, SourceOptions};

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn fixture(name: &str) -> Inventory {
    // Relative paths keep the snapshots independent of where the repository lives.
    let dir = PathBuf::from("../../testdata/rust").join(name);
    let mut files = Vec::new();
    rs_files(&dir, &mut files);
    inventory(&files, &SourceOptions::default())
}

/// (method, path, auth, auth source) of every route.
fn table(inv: &Inventory) -> Vec<(String, String, Auth, String)> {
    inv.routes
        .iter()
        .map(|r| {
            (
                r.method.clone(),
                r.path.clone(),
                r.auth,
                r.auth_source.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn row(m: &str, p: &str, a: Auth, s: &str) -> (String, String, Auth, String) {
    (m.into(), p.into(), a, s.into())
}

#[test]
fn axum_service() {
    let inv = fixture("axum");
    use Auth::*;
    let mw = "middleware from_fn(require_auth)";
    let bearer = "middleware ValidateRequestHeaderLayer::bearer";
    assert_eq!(
        table(&inv),
        vec![
            row("GET", "/", None, ""),
            row(
                "GET",
                "/api/v1/admin/audit",
                Required,
                "middleware AuthLayer::new"
            ),
            row("DELETE", "/api/v1/admin/keys/{key}", Required, bearer),
            row("GET", "/api/v1/admin/stats", Required, bearer),
            row(
                "GET",
                "/api/v1/admin/token-info",
                Required,
                "extractor TypedHeader<Authorization<Bearer>>"
            ),
            row("GET", "/api/v1/admin/who", Required, "extractor AdminUser"),
            row("GET", "/api/v1/status", None, ""),
            row("GET", "/api/v1/users", Required, mw),
            row("POST", "/api/v1/users", Required, mw),
            row("GET", "/api/v1/users/files/{*rest}", Required, mw),
            row("DELETE", "/api/v1/users/{id}", Required, mw),
            row("GET", "/api/v1/users/{id}", Required, mw),
            row("PUT", "/api/v1/users/{id}", Required, mw),
            row("GET", "/api/v1/users/{id}/avatar", Required, mw),
            row("GET", "/api/v1/v2/ping", None, ""),
            row("GET", "/assets/{*path}", None, ""),
            row("GET", "/billing/invoices", None, ""),
            row(
                "POST",
                "/billing/invoices",
                Required,
                "extractor AuthBearer"
            ),
            row("ANY", "/favicon.ico", None, ""),
            row("GET", "/health", None, ""),
            // The fallback: its handler is visible and takes no extractor.
            row("ANY", "/{*path}", None, ""),
        ]
    );
    // Handlers across modules and crates, by module path.
    let h: Vec<_> = inv
        .routes
        .iter()
        .filter_map(|r| r.handler.as_deref())
        .collect();
    assert!(h.contains(&"shop_api::routes::users::get_user"));
    assert!(h.contains(&"billing::invoices::create"));
    // The unfinished file is reported once; the plain utility file is never parsed.
    assert_eq!(inv.diagnostics.len(), 1);
    assert_eq!(inv.diagnostics[0].rule, "parse-error");
    assert!(inv.diagnostics[0].file.ends_with("src/broken.rs"));
    assert_eq!(inv.files_skipped, 1);
    // The test module's router is not a route.
    assert!(!inv.routes.iter().any(|r| r.path == "/test-only"));
    insta::assert_json_snapshot!("axum", inv);
}

#[test]
fn actix_service() {
    let inv = fixture("actix");
    use Auth::*;
    let bearer = "middleware HttpAuthentication::bearer";
    assert_eq!(
        table(&inv),
        vec![
            row("GET", "/", None, ""),
            row("GET", "/about", None, ""),
            row("GET", "/api/admin/stats", Required, bearer),
            row("DELETE", "/api/admin/users/{id}", Required, bearer),
            row(
                "GET",
                "/api/notes",
                Optional,
                "extractor Option<LoggedUser>"
            ),
            row("POST", "/api/notes", Required, "extractor LoggedUser"),
            row("GET", "/api/notes/{id}", None, ""),
            row("PUT", "/api/notes/{id}", None, ""),
            row(
                "POST",
                "/api/notes/{id}/share",
                Required,
                "extractor BearerAuth"
            ),
            row("GET", "/contact", None, ""),
            row("POST", "/contact", None, ""),
            row(
                "GET",
                "/internal/metrics",
                Required,
                "middleware wrap_fn(closure at main.rs:30)"
            ),
            row("GET", "/ping", None, ""),
            row("GET", "/static/{*path}", None, ""),
            // `default_service`: what nothing else matches.
            row("ANY", "/{*path}", None, ""),
        ]
    );
    assert!(inv.diagnostics.is_empty());
    insta::assert_json_snapshot!("actix", inv);
}

#[test]
fn rocket_service() {
    let inv = fixture("rocket");
    use Auth::*;
    assert_eq!(
        table(&inv),
        vec![
            row("GET", "/", None, ""),
            row("GET", "/library/api/books", None, ""),
            row("POST", "/library/api/books", Required, "guard ApiKey"),
            row("DELETE", "/library/api/books/{id}", Required, "guard User"),
            row(
                "GET",
                "/library/api/books/{id}",
                Optional,
                "guard Option<User>"
            ),
            row("GET", "/library/api/books/{id}/pages/{*path}", None, ""),
            row("GET", "/library/api/members/{name}", Required, "guard User"),
            row("PUT", "/library/api/members/{name}", None, ""),
            row("GET", "/library/api/search", None, ""),
            row("GET", "/library/files/{*path}", None, ""),
            row("GET", "/reports/overdue", Required, "guard User"),
        ]
    );
    insta::assert_json_snapshot!("rocket", inv);
}

#[test]
fn locations_point_at_code() {
    let inv = fixture("actix");
    let r = inv
        .routes
        .iter()
        .find(|r| r.path == "/api/notes" && r.method == "POST")
        .expect("route");
    assert!(r.registration.file.ends_with("src/api/mod.rs"));
    assert_eq!(r.registration.range.start.line, 10);
    let h = r.handler_location.as_ref().expect("handler location");
    assert!(h.file.ends_with("src/api/notes.rs"));
    assert_eq!(h.range.start.line, 10);
}

#[test]
fn configured_names_count() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("main.rs");
    std::fs::write(
        &f,
        "fn app() -> Router { Router::new().route(\"/a\", get(a)).layer(gatekeeper()).route(\"/b\", get(b)) }\n\
         async fn a() {}\nasync fn b(w: Wristband) {}\n",
    )
    .unwrap();
    let opts = SourceOptions {
        extra_auth_types: vec!["Wristband".into()],
        extra_auth_middleware: vec!["gatekeeper".into()],
        ..SourceOptions::default()
    };
    let inv = inventory(std::slice::from_ref(&f), &opts);
    let auth: Vec<_> = inv
        .routes
        .iter()
        .map(|r| (r.path.as_str(), r.auth))
        .collect();
    assert_eq!(auth, vec![("/a", Auth::Required), ("/b", Auth::Required)]);
    let plain = inventory(&[f], &SourceOptions::default());
    let auth: Vec<_> = plain
        .routes
        .iter()
        .map(|r| (r.path.as_str(), r.auth))
        .collect();
    assert_eq!(auth, vec![("/a", Auth::None), ("/b", Auth::None)]);
}

#[test]
fn bad_input_never_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let cases: &[&[u8]] = &[
        b"",
        b"fn",
        b"Router::new().route(",
        b"\xff\xfe not utf8 Router",
        "\u{feff}fn app() -> Router { Router::new().route(\"/bom\", get(h)) } async fn h() {}".as_bytes(),
        b"#!/usr/bin/env run\nfn app() -> Router { Router::new().route(\"/she\", get(h)) } async fn h() {}",
        b"fn r() -> Router { r().route(\"/loop\", get(r)) }",
        b"fn a() -> Router { b() } fn b() -> Router { a().nest(\"/x\", a()) }",
        b"macro_rules! m { () => {} } fn app() -> Router { Router::new().route(concat!(\"/a\", \"/b\"), get(m!())) }",
    ];
    let mut files = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let f = dir.join(format!("case{i}.rs"));
        std::fs::write(&f, c).unwrap();
        files.push(f);
    }
    files.push(dir.join("missing.rs"));
    let inv = inventory(&files, &SourceOptions::default());
    let paths: Vec<_> = inv.routes.iter().map(|r| r.path.as_str()).collect();
    assert!(paths.contains(&"/bom"), "{paths:?}");
    assert!(paths.contains(&"/she"), "{paths:?}");
    assert!(paths.contains(&"/a/b"), "{paths:?}");
    // The BOM does not shift locations.
    let bom = inv.routes.iter().find(|r| r.path == "/bom").unwrap();
    assert_eq!(bom.registration.range.start.line, 1);
    // One unparsable file, one not UTF-8, one missing: each reported once. `fn` alone holds
    // no framework marker and is skipped before parsing.
    assert_eq!(inv.diagnostics.len(), 3, "{:#?}", inv.diagnostics);
    assert!(inv.files_skipped >= 2);
}

// One small service per router idiom under `testdata/rust/idioms/<name>/`, each with an
// `expected.routes` file: the routes `inventory` must list (`METHOD PATH AUTH`, and
// `if:CONDITION` when the route is conditional, then `dev-only` when that names a
// development environment, `@SERVICE` when the fixture has several
// servers; one per line, sorted as the inventory sorts
// them; `# ...` lines are comments) and, after a line `[unresolved]`, for each unresolved
// registration a text its `file:line reason` contains.

struct Expected {
    routes: Vec<String>,
    unresolved: Vec<String>,
}

fn expected(dir: &Path) -> Expected {
    let text = std::fs::read_to_string(dir.join("expected.routes")).expect("expected.routes");
    let mut e = Expected {
        routes: Vec::new(),
        unresolved: Vec::new(),
    };
    let mut in_unresolved = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[unresolved]" {
            in_unresolved = true;
        } else if in_unresolved {
            e.unresolved.push(line.to_string());
        } else {
            e.routes
                .push(line.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    e
}

fn check(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    rs_files(dir, &mut files);
    let inv = inventory(&files, &SourceOptions::default());
    let got: Vec<String> = inv
        .routes
        .iter()
        .map(|r| {
            let mut s = format!("{} {} {}", r.method, r.path, r.auth.as_str());
            if let Some(c) = &r.condition {
                s.push_str(&format!(" if:{c}"));
            }
            if r.dev_only {
                s.push_str(" dev-only");
            }
            if inv.routes.iter().any(|o| o.service != r.service) {
                s.push_str(&format!(" @{}", r.service));
            }
            s
        })
        .collect();
    let want = expected(dir);
    let mut problems = Vec::new();
    if got != want.routes {
        problems.push(format!(
            "routes differ\n  want:\n    {}\n  got:\n    {}",
            want.routes.join("\n    "),
            got.join("\n    ")
        ));
    }
    let reasons: Vec<String> = inv
        .unresolved
        .iter()
        .map(|u| {
            format!(
                "{}:{} {}",
                u.location.file, u.location.range.start.line, u.reason
            )
        })
        .collect();
    if reasons.len() != want.unresolved.len()
        || !want
            .unresolved
            .iter()
            .all(|w| reasons.iter().any(|r| r.contains(w.as_str())))
    {
        problems.push(format!(
            "unresolved differ\n  want:\n    {}\n  got:\n    {}",
            want.unresolved.join("\n    "),
            reasons.join("\n    ")
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[test]
fn every_idiom_fixture() {
    let root = Path::new("../../testdata/rust/idioms");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("idioms dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|d| check(d).err().map(|e| format!("== {}\n{e}", d.display())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} idiom fixtures fail:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}

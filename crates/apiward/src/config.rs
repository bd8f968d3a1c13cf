//! `apiward.toml` / `.apiward.toml`, found upward from the working directory. Unknown keys
//! and unknown rule ids are errors located in the file.

use std::path::{Path, PathBuf};

use apiward_diagnostics::{Diagnostic, LineIndex, Severity, Span};
use serde::Deserialize;
use toml::Spanned;

pub const CONFIG_NAMES: [&str; 2] = ["apiward.toml", ".apiward.toml"];

/// The settings a run can take from a file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `recommended` (default) or `all`.
    pub preset: Option<Spanned<String>>,
    /// Rules, Spectral aliases or OWASP categories to run instead of the preset.
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    /// Rules, aliases or categories not to run.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Lowest severity that makes the run fail (exit 1).
    pub fail_on: Option<Spanned<String>>,
    /// Glob patterns (relative to the config file) of files not to lint.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Largest file to read, in bytes.
    pub max_file_size: Option<u64>,
    /// Lint descriptions in version-named or archive folders that are older copies of one
    /// beside them (set aside by default).
    #[serde(default)]
    pub include_superseded: bool,
    /// Per-rule severity: `unbounded-string = "error"`.
    #[serde(default)]
    pub severity: std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
    /// Knowledge about the Rust services of the project.
    #[serde(default)]
    pub rust: RustConfig,
    /// Which OpenAPI description documents which Rust service (default: each spec pairs
    /// with the crate in its directory or the nearest one above).
    #[serde(default)]
    pub service: Vec<ServiceConfig>,
    /// How code and spec are compared.
    #[serde(default)]
    pub cross: CrossConfig,
}

/// `[[service]]`: one description and the directory of the code that implements it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    pub spec: Spanned<String>,
    pub source: Spanned<String>,
}

/// `[cross]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CrossConfig {
    /// Paths (a trailing `/` makes a prefix) never reported as undocumented, on top of
    /// health, metrics and similar operational routes.
    #[serde(default)]
    pub ignore_paths: Vec<String>,
}

/// `[rust]`: names apiward cannot infer.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RustConfig {
    /// Extractor or guard types that authenticate a request (`CurrentUser`).
    #[serde(default)]
    pub auth_types: Vec<String>,
    /// Middleware (functions, layers) that reject unauthenticated requests.
    #[serde(default)]
    pub auth_middleware: Vec<String>,
    /// Paths public on purpose (a trailing `/` makes a prefix): not `missing-auth`.
    #[serde(default)]
    pub public_paths: Vec<String>,
    /// Where TLS ends: `"service"` (default) or `"proxy"` (a proxy or load balancer in
    /// front of the services, so plain-TCP binds are expected).
    pub tls: Option<Spanned<String>>,
    /// Request body limits above this size are `unbounded-body` findings: `"100MiB"`,
    /// `"10 MB"`, `"1GiB"`, or a number of bytes (default 100 MiB).
    pub max_body: Option<Spanned<ByteSize>>,
    /// Report routes registered only in a development-environment branch (`if
    /// cfg!(debug_assertions)`, `if config.env() == Env::Development`) and the code of their
    /// handlers, which production does not serve (default: not reported).
    #[serde(default)]
    pub dev_routes: bool,
    /// Report findings in test and development-only code too: `#[cfg(test)]` modules,
    /// `#[test]` functions, test-named files, `#[cfg(debug_assertions)]` code, and the files
    /// of `tests/`, `benches/` and `examples/` folders named on the command line (default:
    /// not reported; a walk does not enter those folders either way).
    #[serde(default)]
    pub test_code: bool,
}

/// A size as written in the config: a number of bytes or a string with a unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ByteSize {
    Bytes(u64),
    Text(String),
}

impl ByteSize {
    /// The size in bytes; `None` when it is not a size or is zero.
    pub fn bytes(&self) -> Option<u128> {
        match self {
            ByteSize::Bytes(n) => Some(u128::from(*n)).filter(|n| *n > 0),
            ByteSize::Text(s) => parse_size(s),
        }
    }

    /// The value as the user wrote it, for messages.
    pub fn shown(&self) -> String {
        match self {
            ByteSize::Bytes(n) => n.to_string(),
            ByteSize::Text(s) => s.clone(),
        }
    }
}

/// `"100MiB"`, `"10 MB"`, `"1GiB"`, `"512k"`, `"1048576"` → bytes. Units are case-insensitive:
/// `B`; `kB`/`MB`/`GB`/`TB` are powers of 1000, `KiB`/`MiB`/`GiB`/`TiB` powers of 1024, and a
/// bare `K`/`M`/`G`/`T` is taken as binary. `None` for anything else, and for zero.
pub fn parse_size(s: &str) -> Option<u128> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    if digits.is_empty() {
        return None;
    }
    let n: u128 = digits.parse().ok()?;
    let mult: u128 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "t" | "tib" => 1 << 40,
        _ => return None,
    };
    n.checked_mul(mult).filter(|n| *n > 0)
}

/// A loaded config and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    /// Directory holding the config file.
    pub dir: PathBuf,
    /// Path of the config file, as displayed.
    pub file: String,
    pub text: String,
    /// Unknown keys: the config was read without them, so that the errors of the other
    /// keys are reported in the same run; the run itself does not go on.
    pub errors: Vec<Diagnostic>,
}

/// Finds the nearest config file at or above `start`.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in CONFIG_NAMES {
            let p = d.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
        dir = d.parent();
    }
    None
}

/// A config error as a diagnostic located in the config file.
pub fn error(file: &str, text: &str, span: Span, message: String) -> Diagnostic {
    let lines = LineIndex::new(text);
    Diagnostic {
        rule: "config-error".into(),
        owasp: None,
        severity: Severity::Error,
        message,
        file: file.into(),
        range: lines.range(text, span),
        pointer: None,
        help: Some("see the configuration reference in the README".into()),
        label: None,
        related: Vec::new(),
        input_error: true,
    }
}

pub fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start as u32, r.end as u32)
}

/// The keys each table of the config knows (`severity` takes any rule).
const TOP_KEYS: &[&str] = &[
    "preset",
    "select",
    "ignore",
    "fail-on",
    "exclude",
    "max-file-size",
    "include-superseded",
    "severity",
    "rust",
    "service",
    "cross",
];
const RUST_KEYS: &[&str] = &[
    "auth-types",
    "auth-middleware",
    "public-paths",
    "tls",
    "max-body",
    "dev-routes",
    "test-code",
];
const SERVICE_KEYS: &[&str] = &["spec", "source"];
const CROSS_KEYS: &[&str] = &["ignore-paths"];

/// An unknown key: its span, what to say, and the span of the whole entry (key to value).
type Unknown = (Span, String, Option<Span>);

fn span_range(r: std::ops::Range<usize>) -> Span {
    Span::new(r.start as u32, r.end as u32)
}

/// Every key of `table` that is not in `known`, with a suggestion.
fn unknown_in(table: &toml::de::DeTable<'_>, known: &[&str], within: &str, out: &mut Vec<Unknown>) {
    for (k, v) in table {
        let key: &str = k.get_ref();
        if known.contains(&key) {
            continue;
        }
        let place = if within.is_empty() {
            String::new()
        } else {
            format!(" in `[{within}]`")
        };
        let hint = match apiward_rules::select::closest(key, known.iter().copied()) {
            Some(k) => format!("; did you mean `{k}`?"),
            None => format!("; expected one of {}", known.join(", ")),
        };
        let entry =
            (k.span().start < v.span().end).then(|| span_range(k.span().start..v.span().end));
        out.push((
            span_range(k.span()),
            format!("unknown key `{key}`{place}{hint}"),
            entry,
        ));
    }
}

/// Every unknown key of the document, at every level apiward reads.
fn unknown_keys(doc: &toml::de::DeTable<'_>) -> Vec<Unknown> {
    use toml::de::DeValue;
    let mut out = Vec::new();
    unknown_in(doc, TOP_KEYS, "", &mut out);
    for (k, v) in doc {
        match (k.get_ref().as_ref(), v.get_ref()) {
            ("rust", DeValue::Table(t)) => unknown_in(t, RUST_KEYS, "rust", &mut out),
            ("cross", DeValue::Table(t)) => unknown_in(t, CROSS_KEYS, "cross", &mut out),
            ("service", DeValue::Array(a)) => {
                for item in a {
                    if let DeValue::Table(t) = item.get_ref() {
                        unknown_in(t, SERVICE_KEYS, "[service]", &mut out);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn parse_error(display: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().map_or(Span::default(), span_range);
    error(
        display,
        text,
        span,
        format!("invalid config: {}", e.message().trim()),
    )
}

/// `text` with the entries of the unknown keys blanked (spaces, line breaks kept), so that
/// the rest of the file can be read for its own errors.
fn without(text: &str, unknown: &[Unknown]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (_, _, entry) in unknown {
        let Some(e) = entry else { continue };
        for b in &mut bytes[e.start as usize..(e.end as usize).min(text.len())] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only ASCII bytes of whole entries were replaced: still UTF-8, but be sure.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Reads and parses a config file. Every syntax error is reported at once; else every
/// unknown key (each with a suggestion) is in [`Loaded::errors`], with the config read
/// without them so that the caller can add the errors of the known keys' values.
pub fn load(path: &Path, display: String) -> Result<Loaded, Vec<Diagnostic>> {
    let text = apiward_diagnostics::read::read_text(path).map_err(|e| {
        vec![error(
            &display,
            "",
            Span::default(),
            format!("cannot read config `{display}`: {e}"),
        )]
    })?;
    let (doc, syntax) = toml::de::DeTable::parse_recoverable(&text);
    if !syntax.is_empty() {
        return Err(syntax
            .iter()
            .map(|e| parse_error(&display, &text, e))
            .collect());
    }
    let unknown = unknown_keys(doc.get_ref());
    let mut errors: Vec<Diagnostic> = unknown
        .iter()
        .map(|(span, message, _)| error(&display, &text, *span, message.clone()))
        .collect();
    let parsed = if unknown.is_empty() {
        toml::from_str::<Config>(&text)
    } else {
        toml::from_str::<Config>(&without(&text, &unknown))
    };
    let config = match parsed {
        Ok(c) => c,
        Err(e) => {
            // An unknown key the blanking could not take out is already said.
            if errors.is_empty() || !e.message().contains("unknown field") {
                errors.push(parse_error(&display, &text, &e));
            }
            return Err(errors);
        }
    };
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(Loaded {
        config,
        dir,
        file: display,
        text,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_located_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("apiward.toml");
        std::fs::write(&p, "preset = \"all\"\nselectt = [\"API4\"]\n").unwrap();
        let l = load(&p, "apiward.toml".into()).unwrap();
        assert_eq!(l.config.preset.unwrap().get_ref(), "all");
        let e = l.errors;
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].range.start.line, 2);
        assert!(e[0].message.contains("`selectt`"), "{}", e[0].message);
        assert!(
            e[0].message.ends_with("did you mean `select`?"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn every_error_of_the_file_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("apiward.toml");
        // Two unknown keys at two levels, and a value of the wrong type.
        std::fs::write(
            &p,
            "prest = \"all\"\nmax-file-size = \"big\"\n[rust]\nauth-type = [\"User\"]\n[[service]]\nspec = \"a.yaml\"\nsource = \"src\"\nsourc = \"x\"\n",
        )
        .unwrap();
        let e = load(&p, "apiward.toml".into()).unwrap_err();
        let lines: Vec<u32> = e.iter().map(|d| d.range.start.line).collect();
        assert_eq!(lines, [1, 4, 8, 2], "{e:#?}");
        assert!(e[1]
            .message
            .contains("in `[rust]`; did you mean `auth-types`?"));
        assert!(e[3].message.contains("invalid type"), "{}", e[3].message);
        // Several syntax errors are all reported.
        std::fs::write(&p, "a = \nb = [\n").unwrap();
        let e = load(&p, "apiward.toml".into()).unwrap_err();
        assert!(!e.is_empty());
    }

    #[test]
    fn full_config_parses() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".apiward.toml");
        std::fs::write(
            &p,
            "preset = \"all\"\nselect = [\"API4\"]\nignore = [\"missing-auth\"]\nfail-on = \"error\"\nexclude = [\"legacy/**\"]\nmax-file-size = 1000\n[severity]\nunbounded-string = \"info\"\n",
        )
        .unwrap();
        let l = load(&p, ".apiward.toml".into()).unwrap();
        assert_eq!(l.config.select.len(), 1);
        assert_eq!(l.config.severity.len(), 1);
        assert_eq!(find(dir.path()).unwrap(), p);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100MiB"), Some(100 << 20));
        assert_eq!(parse_size("10 MB"), Some(10_000_000));
        assert_eq!(parse_size("1GiB"), Some(1 << 30));
        assert_eq!(parse_size("1gib"), Some(1 << 30));
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("64k"), Some(64 << 10));
        assert_eq!(parse_size("1_000 kB"), Some(1_000_000));
        for bad in ["lots", "", "MiB", "10 MiBs", "-1", "1.5GiB", "0", "0MiB"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn max_body_takes_a_string_or_a_number() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("apiward.toml");
        std::fs::write(&p, "[rust]\nmax-body = \"10MiB\"\n").unwrap();
        let l = load(&p, "apiward.toml".into()).unwrap();
        let v = l.config.rust.max_body.unwrap();
        assert_eq!(v.get_ref().bytes(), Some(10 << 20));
        std::fs::write(&p, "[rust]\nmax-body = 4096\n").unwrap();
        let l = load(&p, "apiward.toml".into()).unwrap();
        assert_eq!(
            l.config.rust.max_body.unwrap().get_ref().bytes(),
            Some(4096)
        );
    }
}

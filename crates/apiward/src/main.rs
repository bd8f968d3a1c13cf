//! `apiward`: the command line. Discovery, configuration and wiring; the analysis lives in
//! the library crates (spec → rules → report).

mod baseline;
mod config;
mod context;
mod discover;
mod input;
mod lsp;
mod since;

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use apiward_diagnostics::{Diagnostic, Rule, Severity, SourceMap, Span};
use apiward_report::{Format, HumanOptions, Report, RuleDoc, Summary};
use apiward_rules::{all_rules, Preset, RuleMeta, Selection};
use apiward_spec::load::{Candidate, DocKind, LoadOptions, Workspace};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

// Many small allocations (tree nodes, strings, syn trees) made and freed on several threads:
// glibc's allocator made the threaded YAML parse slower than the serial one (see
// BENCHMARKS.md); mimalloc keeps per-thread heaps without the contention.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static analyzer for API security: OpenAPI descriptions and Rust web services (axum,
/// actix-web, Rocket) against the OWASP API Security Top 10 (2023).
#[derive(Debug, Parser)]
#[command(name = "apiward", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint OpenAPI descriptions and Rust web services (axum, actix-web, Rocket, poem): files, or
    /// directories searched for them; the routes the code serves are held against the
    /// descriptions.
    Check(CheckArgs),
    /// Write the current findings to a baseline file (`apiward-baseline.json`, or `-o FILE`),
    /// for `check --baseline FILE` to report only new ones. Takes the options of `check`.
    Baseline(CheckArgs),
    /// List every rule.
    Rules {
        #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List the HTTP endpoints of the Rust services (axum, actix-web, Rocket, poem) under the
    /// paths, with the authentication that applies to each.
    Routes(RoutesArgs),
    /// Show a rule's documentation, or list the rules of an OWASP category (API2).
    Explain {
        /// Rule id, Spectral alias or OWASP category.
        rule: String,
    },
    /// Run as a Language Server over standard input and output (diagnostics as you type,
    /// quick fixes, rule docs on hover); see "Editors" in the README.
    Lsp,
}

#[derive(Debug, clap::Args)]
struct RoutesArgs {
    /// Files or directories [default: .]
    paths: Vec<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
    /// Config file (default: apiward.toml or .apiward.toml, searched upward).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    no_config: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Code frames, help once per rule, counts by rule.
    Human,
    /// One line per finding: `file:line:col: severity[rule] message`.
    Concise,
    /// Versioned JSON (schema in the README).
    Json,
    /// SARIF 2.1.0 for code scanning (paths from the repository root).
    Sarif,
    /// GitHub Actions annotations (paths from the repository root).
    Github,
    /// GitLab Code Quality report (paths from the repository root).
    Gitlab,
    /// JUnit XML: a test case per finding.
    Junit,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PresetArg {
    Recommended,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    Info,
    Warning,
    Error,
    /// Never fail on findings (input errors still exit 2).
    Never,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories: OpenAPI descriptions (YAML, JSON) and Rust sources [default: .];
    /// `-` reads a document from standard input.
    paths: Vec<PathBuf>,
    /// Where the document read from standard input (`-`) stands: its relative `$ref`s
    /// resolve from there, and its findings are reported at that path.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Run only these rules: ids, Spectral aliases or OWASP categories (API4), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Do not run these rules, aliases or categories.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Rule set to start from.
    #[arg(long, value_enum)]
    preset: Option<PresetArg>,
    /// Lowest severity that fails the run [default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<Level>,
    /// Config file (default: apiward.toml or .apiward.toml, searched upward).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    no_config: bool,
    /// Project root: no file outside it is read [default: the config's directory, else the
    /// enclosing git work tree, else the working directory, else the input's directory].
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Report and fail only on findings not in this baseline (see `apiward baseline`).
    #[arg(long, value_name = "FILE", conflicts_with = "new_since")]
    baseline: Option<PathBuf>,
    /// Report and fail only on findings that are new since this git commit (the project at
    /// that commit is analysed too).
    #[arg(long, value_name = "GIT_REF")]
    new_since: Option<String>,
    /// Exit 0 when the directories walked hold no API description and no Rust web service
    /// (by default such a run is an input error, exit 2).
    #[arg(long)]
    allow_empty: bool,
    /// Counts by rule in the report's summary (the human report always ends with them).
    #[arg(long)]
    statistics: bool,
}

use apiward_diagnostics::read::DEFAULT_MAX_FILE_SIZE;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Rust is parsed and walked recursively: every thread that may do it gets a stack deep
    // enough for any file the depth check lets through (`apiward_source::depth`).
    let pool = apiward_source::depth::pool_builder().build_global();
    if let Err(e) = pool {
        eprintln!("apiward: cannot start the worker threads: {e}");
        return ExitCode::from(2);
    }
    let run = std::thread::Builder::new()
        .stack_size(apiward_source::depth::STACK_SIZE)
        .spawn(move || match cli.command {
            Command::Check(args) => check(args, Mode::Check),
            Command::Baseline(args) => check(args, Mode::Baseline),
            Command::Rules { format } => list_rules(format),
            Command::Routes(args) => routes(args),
            Command::Explain { rule } => explain(&rule),
            Command::Lsp => lsp::run(),
        });
    match run.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // The panic has been printed by the hook.
        Ok(Err(_)) => ExitCode::from(101),
        Err(e) => {
            eprintln!("apiward: cannot start the main thread: {e}");
            ExitCode::from(2)
        }
    }
}

fn list_rules(format: ListFormat) -> ExitCode {
    let rules = all_rules();
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "title": r.title,
                        "owasp": r.owasp,
                        "cwe": r.cwe,
                        "severity": r.severity,
                        "preset": r.preset.as_str(),
                        "aliases": r.aliases,
                        "targets": r.targets.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&list).expect("rule list serializes");
            out.push('\n');
        }
        ListFormat::Table => {
            let w = rules.iter().map(|r| r.id.as_str().len()).max().unwrap_or(2);
            out.push_str(&format!(
                "{:<w$}  {:<9}  {:<8}  {:<11}  TITLE\n",
                "ID", "OWASP", "SEVERITY", "PRESET"
            ));
            for r in rules {
                out.push_str(&format!(
                    "{:<w$}  {:<9}  {:<8}  {:<11}  {}\n",
                    r.id,
                    if r.owasp.is_empty() { "-" } else { &r.owasp },
                    r.severity.as_str(),
                    r.preset.as_str(),
                    r.title
                ));
            }
        }
    }
    print_stdout(&out)
}

fn routes(args: RoutesArgs) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // The configuration is read and checked as `check` reads it (the same errors, located);
    // `routes` uses what concerns routes: auth types and middleware, excludes, services.
    let check = check_args(args.config.as_deref(), args.no_config);
    let mut sources = SourceMap::new();
    let settings = match settings(&check, &cwd, &mut sources) {
        Ok(s) => s,
        Err(errors) => {
            for d in errors {
                eprintln!(
                    "error: {}:{}:{}: {}",
                    d.file, d.range.start.line, d.range.start.column, d.message
                );
            }
            return ExitCode::from(2);
        }
    };
    let Settings {
        source_opts: mut opts,
        excludes,
        config_dir,
        cross,
        max_file_size,
        ..
    } = settings;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let found = discover::discover(&paths, excludes.as_ref());
    for (p, why) in &found.unreadable {
        eprintln!("error: `{}`: {why}", p.display());
    }
    opts.support = discover::path_dependencies(&found, excludes.as_ref(), |d| {
        project_root(d, None, config_dir.as_deref(), &cwd)
    });
    let inv = apiward_source::inventory(&found.rust, &opts);
    // Paired descriptions say which routes they document.
    let mut documented: Documentation = vec![None; inv.routes.len()];
    for (root, candidates) in group_by_root(&found.specs, None, config_dir.as_deref(), &cwd) {
        let load = LoadOptions {
            root,
            max_file_size,
            include_templates: false,
        };
        let ws = Workspace::load(&candidates, &load);
        let mut apis: Vec<apiward_spec::model::Api> = ws
            .api_docs()
            .map(|d| apiward_spec::model::Api::build(&ws, d))
            .collect();
        apiward_rules::cross::infer_mounts(&mut apis, &inv);
        let found = apiward_rules::cross::documentation(&ws, &apis, &inv, &cross);
        for (slot, f) in documented.iter_mut().zip(found) {
            if slot.as_ref().is_none_or(std::option::Option::is_none) && f.is_some() {
                *slot = f;
            }
        }
    }
    for d in &inv.diagnostics {
        eprintln!(
            "warning: {}:{}:{}: {}",
            d.file, d.range.start.line, d.range.start.column, d.message
        );
    }
    let code = match args.format {
        ListFormat::Json => {
            // Written from the inventory as it is, straight out (no JSON value tree of every
            // route, no text of all: on 200,000 routes the tree took ten times the text).
            let out = RoutesOut {
                version: 1,
                routes: RoutesJson(&inv, &documented),
                unresolved: &inv.unresolved,
                diagnostics: &inv.diagnostics,
                summary: RoutesSummary {
                    routes: inv.routes.len(),
                    unresolved: inv.unresolved.len(),
                    files_parsed: inv.files_parsed,
                    files_skipped: inv.files_skipped,
                },
            };
            write_stdout(|w| {
                serde_json::to_writer_pretty(&mut *w, &out).map_err(std::io::Error::from)?;
                w.write_all(b"\n")
            })
        }
        ListFormat::Table => print_stdout(&routes_table(&inv, &documented)),
    };
    if found.unreadable.is_empty() {
        code
    } else {
        ExitCode::from(2)
    }
}

/// `apiward routes --format json`.
#[derive(serde::Serialize)]
struct RoutesOut<'a> {
    version: u32,
    routes: RoutesJson<'a>,
    unresolved: &'a [apiward_source::Unresolved],
    diagnostics: &'a [apiward_diagnostics::Diagnostic],
    summary: RoutesSummary,
}

#[derive(serde::Serialize)]
struct RoutesSummary {
    routes: usize,
    unresolved: usize,
    files_parsed: usize,
    files_skipped: usize,
}

/// Routes as JSON, each with `documented` (`null` when no description is paired with it)
/// and the documenting `operation`.
struct RoutesJson<'a>(&'a apiward_source::Inventory, &'a Documentation);

#[derive(serde::Serialize)]
struct RouteJson<'a> {
    #[serde(flatten)]
    route: &'a apiward_source::Route,
    documented: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<&'a apiward_rules::cross::DocumentedBy>,
}

impl serde::Serialize for RoutesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(self.0.routes.iter().zip(self.1).map(|(r, d)| RouteJson {
            route: r,
            documented: d.as_ref().map(std::option::Option::is_some),
            operation: d.as_ref().and_then(|found| found.as_ref()),
        }))
    }
}

fn routes_table(inv: &apiward_source::Inventory, documented: &Documentation) -> String {
    let several_services = inv
        .routes
        .iter()
        .any(|r| r.service != inv.routes[0].service);
    let rows: Vec<[String; 6]> = inv
        .routes
        .iter()
        .zip(documented)
        .map(|(r, doc)| {
            let doc = match doc {
                None => "-".to_owned(),
                Some(None) => "no".to_owned(),
                Some(Some(by)) => format!("{} ({})", by.operation, by.spec),
            };
            let mut auth = match &r.auth_source {
                Some(src) => format!("{} ({src})", r.auth.as_str()),
                None => r.auth.as_str().to_owned(),
            };
            if let Some(c) = &r.condition {
                // `cfg(..)` reads as `if cfg(..)`; an arm's condition says its own `if`.
                let lead = if c.starts_with("cfg(") { "if " } else { "" };
                let dev = if r.dev_only { "; dev-only" } else { "" };
                auth.push_str(&format!(" [{lead}{c}{dev}]"));
            }
            // Several servers in one tree: each route says which serves it.
            if several_services {
                auth.push_str(&format!(" [service {}]", r.service));
            }
            [
                r.method.clone(),
                r.path.clone(),
                auth,
                r.handler.clone().unwrap_or_else(|| "-".into()),
                doc,
                format!(
                    "{}:{}:{}",
                    r.registration.file,
                    r.registration.range.start.line,
                    r.registration.range.start.column
                ),
            ]
        })
        .collect();
    let header = [
        "METHOD",
        "PATH",
        "AUTH",
        "HANDLER",
        "DOCUMENTED",
        "REGISTERED AT",
    ];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(header.map(String::from)).chain(rows) {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if i + 1 == header.len() {
                    cell.clone()
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    if !inv.unresolved.is_empty() {
        out.push_str("\nRegistrations not resolved (their routes are missing above, or listed with a {?} part):\n");
        for u in &inv.unresolved {
            out.push_str(&format!(
                "  {}:{}:{}: {}\n",
                u.location.file,
                u.location.range.start.line,
                u.location.range.start.column,
                u.reason
            ));
        }
    }
    out.push_str(&format!(
        "{} routes, {} registrations not resolved, in {} files ({} skipped without parsing)\n",
        inv.routes.len(),
        inv.unresolved.len(),
        inv.files_parsed,
        inv.files_skipped
    ));
    out
}

fn explain(name: &str) -> ExitCode {
    match apiward_rules::select::resolve(name) {
        Ok(rules) if rules.len() == 1 && !is_group(name) => print_stdout(&rules[0].markdown()),
        Ok(rules) if !rules.is_empty() => print_stdout(&rule_list(name, &rules)),
        Ok(_) => {
            eprintln!("error: the OWASP category `{name}` has no apiward rule yet");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `API2`, `api4:2023`, `all`: a selector that names a set of rules, not one.
fn is_group(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n == "all" || (n.starts_with("api") && apiward_rules::lookup(&n).is_none())
}

/// The rules of a category, one per line, with how to read each.
fn rule_list(name: &str, rules: &[&RuleMeta]) -> String {
    let w = rules.iter().map(|r| r.id.as_str().len()).max().unwrap_or(0);
    let mut out = format!(
        "{} rules in `{}` (`apiward explain ID` for one):\n\n",
        rules.len(),
        name.trim()
    );
    for r in rules {
        out.push_str(&format!(
            "  {:<w$}  {:<8}  {:<11}  {}\n",
            r.id,
            r.severity.as_str(),
            r.preset.as_str(),
            r.title
        ));
    }
    out
}

fn print_stdout(s: &str) -> ExitCode {
    write_stdout(|w| w.write_all(s.as_bytes()))
}

/// Writes to stdout with `f` (buffered), then flushes; an error is reported as
/// [`print_stdout`] reports it.
fn write_stdout(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`apiward rules | head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

/// The flags of a plain `apiward check` with this config choice (`--config FILE`,
/// `--no-config`, or the file found upward): the settings `routes` and the language server
/// read the configuration with.
fn check_args(config: Option<&Path>, no_config: bool) -> CheckArgs {
    let mut argv: Vec<std::ffi::OsString> = vec!["apiward".into(), "check".into()];
    if no_config {
        argv.push("--no-config".into());
    } else if let Some(c) = config {
        argv.push("--config".into());
        argv.push(c.into());
    }
    match Cli::parse_from(argv).command {
        Command::Check(args) => args,
        _ => unreachable!("parsed as `check`"),
    }
}

/// Everything that decides how a run behaves, from flags over config.
struct Settings {
    selection: Selection,
    rust_rules: apiward_rules::RustRuleOptions,
    source_opts: apiward_source::SourceOptions,
    cross: apiward_rules::cross::CrossOptions,
    fail_on: Option<Severity>,
    max_file_size: u64,
    excludes: Option<discover::Excludes>,
    config_dir: Option<PathBuf>,
    include_superseded: bool,
    /// Mistakes on the command line that do not stop the run (an unknown `--select`).
    warnings: Vec<Diagnostic>,
}

fn settings(
    args: &CheckArgs,
    cwd: &Path,
    sources: &mut SourceMap,
) -> Result<Settings, Vec<Diagnostic>> {
    let config_path = if args.no_config {
        None
    } else if let Some(p) = &args.config {
        Some(p.clone())
    } else {
        config::find(cwd)
    };
    let loaded = match config_path {
        None => None,
        Some(p) => {
            let display = apiward_diagnostics::display_path(&pathdiff(&p, cwd));
            let l = config::load(&p, display)?;
            sources.insert(l.file.clone(), l.text.clone().into());
            Some(l)
        }
    };
    let mut errors = loaded
        .as_ref()
        .map(|l| l.errors.clone())
        .unwrap_or_default();
    let cfg_error = |errors: &mut Vec<Diagnostic>, span: Span, msg: String| {
        let l = loaded.as_ref().expect("config errors come from a config");
        errors.push(config::error(&l.file, &l.text, span, msg));
    };
    let cfg = loaded.as_ref().map(|l| &l.config);

    // Check every selector of the config on its own so that each error is located.
    if let Some(c) = cfg {
        for s in c.select.iter().chain(&c.ignore).chain(c.severity.keys()) {
            if let Err(e) = apiward_rules::select::resolve(s.get_ref()) {
                cfg_error(&mut errors, config::span_of(s), e.to_string());
            }
        }
    }
    let preset = match (args.preset, cfg.and_then(|c| c.preset.as_ref())) {
        (Some(PresetArg::All), _) => Preset::All,
        (Some(PresetArg::Recommended), _) => Preset::Recommended,
        (None, Some(p)) => match p.get_ref().as_str() {
            "all" => Preset::All,
            "recommended" => Preset::Recommended,
            other => {
                cfg_error(
                    &mut errors,
                    config::span_of(p),
                    format!("unknown preset `{other}`: expected `recommended` or `all`"),
                );
                Preset::Recommended
            }
        },
        (None, None) => Preset::Recommended,
    };
    let mut severities = Vec::new();
    if let Some(c) = cfg {
        for (rule, level) in &c.severity {
            match Severity::parse(level.get_ref()) {
                Some(s) => severities.push((rule.get_ref().clone(), s)),
                None => cfg_error(
                    &mut errors,
                    config::span_of(level),
                    format!(
                        "unknown severity `{}`: expected `error`, `warning` or `info`",
                        level.get_ref()
                    ),
                ),
            }
        }
    }
    let fail_on = match (args.fail_on, cfg.and_then(|c| c.fail_on.as_ref())) {
        (Some(l), _) => level_severity(l),
        (None, Some(s)) => match s.get_ref().as_str() {
            "never" => None,
            other => {
                if let Some(sev) = Severity::parse(other) {
                    Some(sev)
                } else {
                    cfg_error(
                    &mut errors,
                    config::span_of(s),
                    format!("unknown `fail-on` level `{other}`: expected `error`, `warning`, `info` or `never`"),
                );
                    Some(Severity::Warning)
                }
            }
        },
        (None, None) => Some(Severity::Warning),
    };
    let excludes = match cfg {
        Some(c) if !c.exclude.is_empty() => {
            let mut b = globset::GlobSetBuilder::new();
            for pat in &c.exclude {
                match globset::Glob::new(pat.get_ref()) {
                    Ok(g) => {
                        b.add(g);
                    }
                    Err(e) => cfg_error(
                        &mut errors,
                        config::span_of(pat),
                        format!("invalid glob: {e}"),
                    ),
                }
            }
            let base = loaded
                .as_ref()
                .map(|l| absolute(&l.dir, cwd))
                .unwrap_or_default();
            b.build().ok().map(|set| discover::Excludes { set, base })
        }
        _ => None,
    };
    // Every error of the config is reported in one run: the checks below go on, and the
    // errors return together at the end. Selectors of the config that name nothing are among
    // them; those of the command line are warnings (with a suggestion) and are left out.
    let mut warnings = Vec::new();
    let known = |list: &[String], flag: &str, warnings: &mut Vec<Diagnostic>| -> Vec<String> {
        list.iter()
            .filter(|sel| match apiward_rules::select::resolve(sel) {
                Ok(_) => true,
                Err(e) => {
                    warnings.push(usage_warning(format!("`--{flag}`: {e} (left out)")));
                    false
                }
            })
            .cloned()
            .collect()
    };
    let valid = |list: &[toml::Spanned<String>]| -> Vec<String> {
        list.iter()
            .map(|sel| sel.get_ref().clone())
            .filter(|sel| apiward_rules::select::resolve(sel).is_ok())
            .collect()
    };
    let cli_select = known(&args.select, "select", &mut warnings);
    let select: Vec<String> = if cli_select.is_empty() {
        cfg.map(|c| valid(&c.select)).unwrap_or_default()
    } else {
        cli_select
    };
    let mut ignore: Vec<String> = cfg.map(|c| valid(&c.ignore)).unwrap_or_default();
    ignore.extend(known(&args.ignore, "ignore", &mut warnings));
    let severities: Vec<(String, Severity)> = severities
        .into_iter()
        .filter(|(rule, _)| apiward_rules::select::resolve(rule).is_ok())
        .collect();
    let selection = Selection::new(preset, &select, &ignore, &severities)
        .map_err(|e| vec![usage_error(format!("{e}"))])?;
    let mut source_opts = apiward_source::SourceOptions::default();
    let mut cross = apiward_rules::cross::CrossOptions {
        cwd: cwd.to_path_buf(),
        ..Default::default()
    };
    let mut rust_rules = apiward_rules::RustRuleOptions::default();
    if let (Some(c), Some(l)) = (cfg, loaded.as_ref()) {
        rust_rules.public_paths = c.rust.public_paths.clone();
        rust_rules.dev_routes = c.rust.dev_routes;
        rust_rules.test_code = c.rust.test_code;
        cross.dev_routes = c.rust.dev_routes;
        if let Some(tls) = &c.rust.tls {
            match tls.get_ref().as_str() {
                "proxy" => rust_rules.tls_at_proxy = true,
                "service" => {}
                other => errors.push(config::error(
                    &l.file,
                    &l.text,
                    config::span_of(tls),
                    format!("unknown `tls` value `{other}`: expected `service` or `proxy`"),
                )),
            }
        }
        if let Some(size) = &c.rust.max_body {
            match size.get_ref().bytes() {
                Some(n) => rust_rules.body_ceiling = Some(n),
                None => errors.push(config::error(
                    &l.file,
                    &l.text,
                    config::span_of(size),
                    format!(
                        "invalid `max-body` value `{}`: expected a size such as \"100MiB\", \"10 MB\" or 1048576",
                        size.get_ref().shown()
                    ),
                )),
            }
        }
        source_opts.extra_auth_types = c.rust.auth_types.clone();
        source_opts.extra_auth_middleware = c.rust.auth_middleware.clone();
        cross.ignore_paths = c.cross.ignore_paths.clone();
        let base = absolute(&l.dir, cwd);
        for s in &c.service {
            let spec = absolute(&base.join(s.spec.get_ref()), cwd);
            let source = absolute(&base.join(s.source.get_ref()), cwd);
            if !spec.is_file() {
                errors.push(config::error(
                    &l.file,
                    &l.text,
                    config::span_of(&s.spec),
                    format!("`{}`: no such file", s.spec.get_ref()),
                ));
            }
            if !source.is_dir() {
                errors.push(config::error(
                    &l.file,
                    &l.text,
                    config::span_of(&s.source),
                    format!("`{}`: no such directory", s.source.get_ref()),
                ));
            }
            cross.services.push((spec, source));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    let config_dir = loaded.as_ref().map(|l| absolute(&l.dir, cwd));
    // A crate's manifest and `Rocket.toml` are looked for up to the project root, not above.
    rust_rules.root = Some(project_root(
        cwd,
        args.root.as_deref(),
        config_dir.as_deref(),
        cwd,
    ));
    Ok(Settings {
        selection,
        rust_rules,
        source_opts,
        cross,
        fail_on,
        max_file_size: cfg
            .and_then(|c| c.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE),
        excludes,
        config_dir,
        include_superseded: cfg.is_some_and(|c| c.include_superseded),
        warnings,
    })
}

/// `superseded-description`: one info note for the older copies of descriptions a directory
/// walk set aside, at the first of them.
fn superseded_note(
    aside: &[String],
    (adjective, one, many, of): (&str, &str, &str, &str),
    sel: &Selection,
) -> Option<Diagnostic> {
    let meta = sel.on(Rule::SupersededDescription)?;
    let file = aside.first()?.clone();
    let message = format!(
        "{} {adjective} {} {of} ({}{}) {} set aside and not linted nor paired with code",
        aside.len(),
        if aside.len() == 1 { one } else { many },
        file,
        if aside.len() > 1 { ", ..." } else { "" },
        if aside.len() == 1 { "was" } else { "were" },
    );
    let start = apiward_diagnostics::Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    Some(Diagnostic {
        rule: meta.id.into(),
        owasp: None,
        severity: sel.severity(meta),
        message,
        file,
        range: apiward_diagnostics::Range { start, end: start },
        pointer: None,
        help: Some(meta.help.clone()),
        label: None,
        related: Vec::new(),
        input_error: false,
    })
}

/// `not-an-api-description`: a file named that is no description and that none refers to.
fn not_a_description(path: &Path, sel: &Selection) -> Option<Diagnostic> {
    let meta = sel.on(Rule::NotAnApiDescription)?;
    let file = apiward_diagnostics::display_path(path);
    let mut d = usage_error(format!(
        "`{file}` is not an API description (no `openapi` or `swagger` key at its root), and no description under the project root refers to it: nothing in it was checked"
    ));
    d.rule = meta.id.into();
    d.severity = sel.severity(meta);
    d.file = file;
    d.help = Some(meta.help.clone());
    d.input_error = false;
    Some(d)
}

fn level_severity(l: Level) -> Option<Severity> {
    match l {
        Level::Info => Some(Severity::Info),
        Level::Warning => Some(Severity::Warning),
        Level::Error => Some(Severity::Error),
        Level::Never => None,
    }
}

/// A mistake on the command line the run goes on without.
fn usage_warning(message: String) -> Diagnostic {
    let mut d = usage_error(message);
    d.severity = Severity::Warning;
    d.input_error = false;
    d
}

fn usage_error(message: String) -> Diagnostic {
    let p = apiward_diagnostics::Position {
        line: 1,
        column: 1,
        offset: 0,
    };
    Diagnostic {
        rule: "usage-error".into(),
        owasp: None,
        severity: Severity::Error,
        message: apiward_diagnostics::bounded(message),
        file: String::new(),
        range: apiward_diagnostics::Range { start: p, end: p },
        pointer: None,
        help: None,
        label: None,
        related: Vec::new(),
        input_error: true,
    }
}

fn absolute(p: &Path, cwd: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    abs.canonicalize()
        .unwrap_or_else(|_| apiward_spec::load::normalize(&abs))
}

/// `p` relative to `base` when it lies under it, else `p` as given.
fn pathdiff(p: &Path, base: &Path) -> PathBuf {
    let abs = absolute(p, base);
    match abs.strip_prefix(base) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => p.to_path_buf(),
    }
}

/// The project root of an input: `--root`, else the config's directory when the input is
/// under it, else the enclosing git work tree, else the working directory when the input is
/// under it, else the input's own directory.
fn project_root(
    input: &Path,
    explicit_root: Option<&Path>,
    config_dir: Option<&Path>,
    cwd: &Path,
) -> PathBuf {
    if let Some(r) = explicit_root {
        return absolute(r, cwd);
    }
    let abs = absolute(input, cwd);
    if let Some(c) = config_dir {
        if abs.starts_with(c) {
            return c.to_path_buf();
        }
    }
    let start = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent().unwrap_or(&abs)
    };
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    if abs.starts_with(cwd) {
        return cwd.to_path_buf();
    }
    start.to_path_buf()
}

/// Spec candidates grouped by project root: each group is loaded on its own, so that
/// `$ref`s never leave their own project.
fn group_by_root(
    specs: &[(PathBuf, bool)],
    explicit_root: Option<&Path>,
    config_dir: Option<&Path>,
    cwd: &Path,
) -> Vec<(PathBuf, Vec<Candidate>)> {
    let mut groups: Vec<(PathBuf, Vec<Candidate>)> = Vec::new();
    for (path, explicit) in specs {
        let root = project_root(path, explicit_root, config_dir, cwd);
        let c = Candidate {
            path: path.clone(),
            explicit: *explicit,
        };
        match groups.iter_mut().find(|(r, _)| *r == root) {
            Some((_, list)) => list.push(c),
            None => groups.push((root, vec![c])),
        }
    }
    groups
}

type Documentation = Vec<Option<Option<apiward_rules::cross::DocumentedBy>>>;

/// What a `check` run ends with: a report, or a baseline file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Baseline,
}

fn check(args: CheckArgs, mode: Mode) -> ExitCode {
    let cwd = match std::env::current_dir() {
        Ok(d) => d.canonicalize().unwrap_or(d),
        Err(e) => {
            eprintln!("error: cannot read the working directory: {e}");
            return ExitCode::from(2);
        }
    };
    let mut sources = SourceMap::new();
    let settings = match settings(&args, &cwd, &mut sources) {
        Ok(s) => s,
        Err(errors) => {
            let mut errors: Vec<&Diagnostic> = errors.iter().collect();
            apiward_diagnostics::sort_and_dedup(&mut errors);
            return finish(&args, &errors, &sources, Summary::default(), None, &[], &[]);
        }
    };
    // Every file read from here on (Rust sources, `Cargo.toml`, `Rocket.toml`) is bounded.
    apiward_diagnostics::read::set_max_file_size(settings.max_file_size);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // Standard input and the FIFOs named: read once, bounded, then files like the others.
    let inputs = match input::read_streams(
        &paths,
        args.stdin_filename.as_deref(),
        settings.max_file_size,
    ) {
        Ok(i) => i,
        Err(message) => {
            let error = usage_error(message);
            return finish(
                &args,
                &[&error],
                &sources,
                Summary::default(),
                None,
                &[],
                &[],
            );
        }
    };
    let mut found = discover::discover(&inputs.paths, settings.excludes.as_ref());
    for place in &inputs.streams {
        if place.extension().is_some_and(|e| e == "rs") {
            found.rust.push(apiward_spec::load::normalize(place));
            found.named_rust.push(apiward_spec::load::normalize(place));
        } else {
            found.specs.push((place.clone(), true));
        }
    }
    // A fragment, a Rust file or a `Cargo.toml` named: the project it belongs to is the
    // context, and the findings in the named files are reported (see `context`).
    let context_roots = context::roots_needed(&found, |p| {
        let root = project_root(
            p,
            args.root.as_deref(),
            settings.config_dir.as_deref(),
            &cwd,
        );
        if root == cwd {
            PathBuf::from(".")
        } else {
            pathdiff(&root, &cwd)
        }
    });
    if !context_roots.is_empty() {
        context::widen(&mut found, &context_roots, settings.excludes.as_ref());
    }
    let walked = !found.named_dirs.is_empty();
    // With an explicit root, a path named on the command line (or a symlink met in a walk)
    // that leads outside it is not read.
    let outside = match &args.root {
        Some(r) => outside_root(&mut found, &absolute(r, &cwd)),
        None => Vec::new(),
    };
    let (superseded, test_inputs): (Vec<String>, Vec<String>) = if settings.include_superseded {
        (Vec::new(), Vec::new())
    } else {
        let shown = |v: Vec<PathBuf>| -> Vec<String> {
            v.iter()
                .map(|p| apiward_diagnostics::display_path(p))
                .collect()
        };
        let superseded = shown(discover::set_aside_superseded(&mut found));
        (
            superseded,
            shown(discover::set_aside_test_inputs(&mut found)),
        )
    };
    let mut diagnostics: Vec<Diagnostic> = found
        .unreadable
        .iter()
        .map(|(p, why)| {
            let mut d = usage_error(format!("`{}`: {why}", p.display()));
            d.rule = Rule::IoError.into();
            d.file = apiward_diagnostics::display_path(p);
            d
        })
        .chain(outside)
        .chain(inputs.problems)
        .filter_map(|d| settings.selection.input_problem(d))
        .collect();
    diagnostics.extend(settings.warnings.iter().cloned());

    let what = (
        "older",
        "copy",
        "copies",
        "of descriptions beside a current one",
    );
    diagnostics.extend(superseded_note(&superseded, what, &settings.selection));
    let what = (
        "mock, test or example",
        "description",
        "descriptions",
        "(in folders named for mocks, fixtures, tests, examples or course material)",
    );
    diagnostics.extend(superseded_note(&test_inputs, what, &settings.selection));
    let groups = group_by_root(
        &found.specs,
        args.root.as_deref(),
        settings.config_dir.as_deref(),
        &cwd,
    );
    let mut summary = Summary {
        rust_files: found.rust.len(),
        ..Summary::default()
    };
    // The Rust services, when there are any: their routes are held against the specs.
    // The routes and the rules on the code itself (missing-auth on routes,
    // permissive-cors, ...), from one parse of each file; meanwhile the descriptions load
    // and their own rules run (they fill the cores the serial route evaluation leaves idle).
    let source_opts = apiward_source::SourceOptions {
        support: discover::path_dependencies(&found, settings.excludes.as_ref(), |d| {
            project_root(
                d,
                args.root.as_deref(),
                settings.config_dir.as_deref(),
                &cwd,
            )
        }),
        ..settings.source_opts.clone()
    };
    let (scanned, mut workspaces) = rayon::join(
        || {
            (!found.rust.is_empty()).then(|| {
                apiward_rules::scan_rust(
                    &found.rust,
                    &source_opts,
                    &settings.selection,
                    &settings.rust_rules,
                )
            })
        },
        || {
            groups
                .into_par_iter()
                .map(|(root, candidates)| {
                    let opts = LoadOptions {
                        root,
                        max_file_size: settings.max_file_size,
                        include_templates: settings.include_superseded,
                    };
                    let ws = Workspace::load(&candidates, &opts);
                    let checked = apiward_rules::check_specs(&ws, &settings.selection);
                    (ws, checked)
                })
                .collect::<Vec<_>>()
        },
    );
    let loaded: Vec<&Workspace> = workspaces.iter().map(|(ws, _)| ws).collect();
    let focus = (!context_roots.is_empty()).then(|| context::Focus::new(&found, &loaded));
    diagnostics.extend(
        context::not_descriptions(&found, &loaded)
            .into_iter()
            .filter_map(|p| not_a_description(p, &settings.selection)),
    );
    let mut code_findings = 0;
    let inventory = scanned.map(|(inv, found_in_code)| {
        diagnostics.extend(rust_input_problems(&inv, &settings.selection));
        code_findings = found_in_code.len();
        diagnostics.extend(found_in_code);
        diagnostics.extend(apiward_rules::cross::incomplete_inventory(
            &inv,
            &settings.selection,
        ));
        inv
    });
    // Nothing checked is not success: said on stderr, in the summary, and (for a walk)
    // an input error unless `--allow-empty`.
    let descriptions: usize = loaded.iter().map(|ws| ws.api_docs().count()).sum();
    // A Rust file that does not parse may be the service: its parse error is the news. Code
    // the Rust rules found something in was checked, routes or not (a warp service); so was
    // every Rust file when only rules about any code are selected (`--select
    // hardcoded-secret`: the routes are then not looked for).
    let any_code_rules =
        !found.rust.is_empty() && apiward_rules::code_rules_only(&settings.selection);
    let serves = code_findings > 0
        || any_code_rules
        || inventory.as_ref().is_some_and(|i| {
            !i.routes.is_empty() || !i.unresolved.is_empty() || !i.diagnostics.is_empty()
        });
    if descriptions == 0 && !serves {
        summary.nothing_checked = true;
        let message = format!(
            "nothing checked: no API description and no Rust web service among the inputs ({} Rust {} looked at, none with routes of axum, actix-web, Rocket or poem)",
            found.rust.len(),
            if found.rust.len() == 1 { "file" } else { "files" },
        );
        eprintln!("apiward: {message}");
        if walked && !args.allow_empty {
            diagnostics.push(usage_error(format!(
                "{message}; pass `--allow-empty` to accept it"
            )));
        }
    }
    // Where the code mounts what each description documents, when no server says.
    if let Some(inv) = &inventory {
        for (_, checked) in &mut workspaces {
            apiward_rules::cross::infer_mounts(&mut checked.apis, inv);
        }
    }
    // The routes held against each group's descriptions.
    let rust_files = found.rust.clone();
    let found: Vec<Vec<Diagnostic>> = match &inventory {
        Some(inv) => workspaces
            .par_iter()
            .map(|(ws, checked)| {
                apiward_rules::cross::check(
                    ws,
                    &checked.apis,
                    inv,
                    &settings.cross,
                    &settings.selection,
                )
            })
            .collect(),
        None => Vec::new(),
    };
    // A finding made by several copies of one description, reported once.
    for (ws, checked) in &mut workspaces {
        let paired = match &inventory {
            Some(inv) => apiward_rules::cross::paired(ws, &checked.apis, inv, &settings.cross),
            None => Vec::new(),
        };
        apiward_rules::merge_copies(ws, &checked.apis, &paired, &mut checked.diagnostics);
        // Bounds the code enforces where the description leaves a value unbounded.
        if let Some(inv) = &inventory {
            apiward_rules::code_bounds::annotate(
                ws,
                &checked.apis,
                inv,
                &settings.cross,
                &rust_files,
                &mut checked.diagnostics,
            );
            // Auth findings the code behind the operation answers.
            apiward_rules::cross::judge_by_routes(
                ws,
                &checked.apis,
                inv,
                &settings.cross,
                &mut checked.diagnostics,
            );
        }
    }
    // Templates the loader set aside, over every group of descriptions.
    let templates: Vec<String> = workspaces
        .iter()
        .flat_map(|(ws, _)| ws.templates.iter().cloned())
        .collect();
    let what = (
        "description",
        "template",
        "templates",
        "(ytt directives, placeholders)",
    );
    diagnostics.extend(superseded_note(&templates, what, &settings.selection));
    for (ws, _) in &workspaces {
        for doc in &ws.docs {
            match doc.kind {
                DocKind::Api => summary.specs += 1,
                DocKind::Fragment => summary.fragments += 1,
            }
            sources.insert(doc.path.clone(), doc.text.clone());
        }
        for (file, text) in &ws.failed_sources {
            sources.insert(file.clone(), text.clone());
        }
    }
    let spec_findings = workspaces.iter().flat_map(|(_, c)| &c.diagnostics);
    let all = || {
        let cross = found.iter().flatten();
        diagnostics.iter().chain(spec_findings.clone()).chain(cross)
    };
    // Rust files quoted by findings, in the formats that quote code.
    if matches!(args.format, OutputFormat::Human | OutputFormat::Sarif) {
        for d in all() {
            if d.file.ends_with(".rs") && sources.get(&d.file).is_none() {
                if let Ok(text) = apiward_diagnostics::read::read_text(Path::new(&d.file)) {
                    sources.insert(d.file.clone(), text.into());
                }
            }
        }
    }
    // Sorted as references: tens of thousands of findings on a large tree, 200 bytes each,
    // are not moved into one list.
    let mut sorted: Vec<&Diagnostic> = all()
        .filter(|d| focus.as_ref().is_none_or(|f| f.keeps(&d.file)))
        .collect();
    drop_drifted(&mut sorted);
    apiward_diagnostics::sort_and_dedup(&mut sorted);
    let ran: Vec<&'static RuleMeta> = all_rules()
        .iter()
        .filter(|r| settings.selection.enabled(r.id))
        .collect();
    // Fingerprints: for a baseline, against one, and in SARIF.
    let root = settings
        .rust_rules
        .root
        .clone()
        .unwrap_or_else(|| cwd.clone());
    let mut fingerprinter = baseline::Fingerprinter::new(&sources, &root);
    if mode == Mode::Baseline {
        let entries = sorted.iter().map(|d| fingerprinter.entry(d)).collect();
        let code = write_baseline(&args, &sorted, &sources, summary, entries);
        drop(sorted);
        std::mem::forget((found, workspaces, inventory, diagnostics, sources));
        return code;
    }
    let mut fingerprints: Vec<apiward_report::Fingerprint> = if args.baseline.is_some()
        || args.new_since.is_some()
        || matches!(args.format, OutputFormat::Sarif)
    {
        sorted
            .iter()
            .map(|d| apiward_report::Fingerprint {
                hash: fingerprinter.fingerprint(d),
                baseline: None,
            })
            .collect()
    } else {
        Vec::new()
    };
    drop(fingerprinter);
    let mut baseline_error = None;
    // `--new-since`: the baseline of the project at that commit, written by this binary.
    let mut scratch = None;
    let mut since_file = None;
    if let Some(git_ref) = &args.new_since {
        match new_since_baseline(&args, git_ref, &root, &cwd) {
            Ok((dir, file)) => {
                scratch = Some(dir);
                since_file = Some(file);
            }
            Err(message) => baseline_error = Some(usage_error(message)),
        }
    }
    let baseline_file = match &since_file {
        Some(file) => file.as_deref(),
        None => args.baseline.as_deref(),
    };
    if let Some(path) = baseline_file {
        match baseline::read(path) {
            Ok(mut known) => {
                let mut unchanged = 0;
                for f in &mut fingerprints {
                    let state = match known.get_mut(&f.hash) {
                        Some(n) if *n > 0 => {
                            *n -= 1;
                            unchanged += 1;
                            apiward_report::BaselineState::Unchanged
                        }
                        _ => apiward_report::BaselineState::New,
                    };
                    f.baseline = Some(state);
                }
                if unchanged > 0 {
                    let whose = match &args.new_since {
                        Some(git_ref) => format!("present at `{git_ref}`"),
                        None => format!("in the baseline `{}`", path.display()),
                    };
                    let what = if unchanged == 1 {
                        "finding"
                    } else {
                        "findings"
                    };
                    eprintln!("apiward: {unchanged} {what} {whose} not reported");
                }
                // SARIF shows the findings of the baseline as suppressed; the other
                // formats leave them out.
                if !matches!(args.format, OutputFormat::Sarif) {
                    let mut kept = fingerprints.iter();
                    sorted.retain(|_| {
                        kept.next().is_some_and(|f| {
                            f.baseline != Some(apiward_report::BaselineState::Unchanged)
                        })
                    });
                    fingerprints
                        .retain(|f| f.baseline != Some(apiward_report::BaselineState::Unchanged));
                }
            }
            Err(message) => {
                let mut d = usage_error(message);
                d.rule = Rule::IoError.into();
                d.file = apiward_diagnostics::display_path(path);
                baseline_error = Some(d);
            }
        }
    }
    if since_file == Some(None) {
        // No path of the run exists at that commit: every finding is new.
        for f in &mut fingerprints {
            f.baseline = Some(apiward_report::BaselineState::New);
        }
    }
    drop(scratch);
    if let Some(d) = &baseline_error {
        sorted.insert(0, d);
        fingerprints.clear();
    }
    let code = finish(
        &args,
        &sorted,
        &sources,
        summary,
        settings.fail_on,
        &ran,
        &fingerprints,
    );
    // The process ends here: freeing the documents' trees node by node and every finding
    // one by one (4 ms on a 3 MB description) would only delay the exit.
    drop(sorted);
    std::mem::forget((found, workspaces, inventory, diagnostics, sources));
    code
}

/// Leaves out `missing-auth` where it is documentation drift: an operation the description
/// leaves open but whose code requires auth is `auth-mismatch` (info, at the operation).
fn drop_drifted<'a>(list: &mut Vec<&'a Diagnostic>) {
    let drift: HashSet<(&'a str, &'a str)> = list
        .iter()
        .copied()
        .filter(|d| d.rule == Rule::AuthMismatch && d.severity == Severity::Info)
        .filter_map(|d| Some((d.file.as_str(), d.pointer.as_deref()?)))
        .collect();
    if drift.is_empty() {
        return;
    }
    // At the operation or below it: the pointer itself or one of its prefixes ending
    // before a `/` is a drifted operation (looked up, not compared with each of them).
    let drifted = |d: &Diagnostic| {
        d.rule == Rule::MissingAuth
            && d.pointer.as_deref().is_some_and(|p| {
                std::iter::once(p.len())
                    .chain(memchr::memrchr_iter(b'/', p.as_bytes()))
                    .any(|end| drift.contains(&(d.file.as_str(), &p[..end])))
            })
    };
    list.retain(|d| !drifted(d));
}

/// Takes out of `found` the files whose real path (symlinks resolved) is outside `root`,
/// and says so for each (`io-error`: not read).
fn outside_root(found: &mut discover::Found, root: &Path) -> Vec<Diagnostic> {
    let Ok(root) = root.canonicalize() else {
        return Vec::new();
    };
    let inside = |p: &Path| p.canonicalize().map_or(true, |c| c.starts_with(&root));
    let mut out = Vec::new();
    let mut note = |p: &Path| {
        let mut d = usage_error(format!(
            "`{}` is outside the project root `{}`; it was not read",
            p.display(),
            root.display()
        ));
        d.rule = Rule::IoError.into();
        d.file = apiward_diagnostics::display_path(p);
        out.push(d);
    };
    found.specs.retain(|(p, _)| {
        inside(p) || {
            note(p);
            false
        }
    });
    found.rust.retain(|p| {
        inside(p) || {
            note(p);
            false
        }
    });
    out
}

/// The problems of the route scan's input (Rust files that do not parse, too deep), as
/// reported: a crate's source that does not parse is a warning (its routes and findings are
/// missing); test, bench and example files are noted at info (trees hold compile-fail
/// tests); a `.rs` file outside every cargo target folder (a syntax test among assets, a
/// template), or of a crate of Rust 2015, is no source of the service and not reported. A file too deep to analyse is no
/// test of the compiler: it stays a warning.
fn rust_input_problems<'a>(
    inv: &'a apiward_source::Inventory,
    selection: &'a Selection,
) -> impl Iterator<Item = Diagnostic> + 'a {
    inv.diagnostics
        .iter()
        .cloned()
        .filter_map(|mut d| {
            if !d.message.starts_with(apiward_source::depth::MESSAGE_START) {
                d.severity = rust_source_role(&d.file)?;
                // A crate of Rust 2015 (its manifest names no edition): valid code of that
                // edition (`&mut FnMut(&str)`) that the parser, reading 2021, refuses. Old
                // sources kept as a compile benchmark are not reported; a crate depending on
                // a web framework (a Rocket 0.4 service) is noted at info, saying why.
                match rust_2015(&d.file) {
                    Some(false) => return None,
                    Some(true) => {
                        d.severity = Severity::Info;
                        d.message = format!(
                            "{} (its crate names no edition: Rust 2015, which apiward does not read)",
                            d.message
                        );
                    }
                    None => {}
                }
            }
            Some(d)
        })
        .filter_map(|d| selection.input_problem(d))
}

/// How much a Rust file that does not parse matters, from where it sits: a crate's source
/// (below `src/`, or `build.rs`) is a warning, a test, bench or example file info; a file
/// in a folder cargo compiles nothing from (`assets/syntaxes/x.rs`) is not source: `None`.
/// A file named alone keeps info.
fn rust_source_role(file: &str) -> Option<Severity> {
    let parts: Vec<&str> = file
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    if dirs.contains(&"src") || parts.last() == Some(&"build.rs") {
        Some(Severity::Warning)
    } else if dirs.is_empty()
        || dirs
            .iter()
            .any(|d| matches!(*d, "tests" | "benches" | "examples"))
    {
        Some(Severity::Info)
    } else {
        None
    }
}

/// For a source file of a crate of Rust 2015 (the nearest manifest above it, a package's,
/// names no `edition`): whether that crate depends on a web framework. `None` for any other
/// file. Looked for only below the run's folder (a relative path without `..`), from the
/// file's folder up.
fn rust_2015(file: &str) -> Option<bool> {
    let path = Path::new(file);
    if path.is_absolute()
        || path
            .components()
            .any(|c| c == std::path::Component::ParentDir)
    {
        return None;
    }
    for dir in path.ancestors().skip(1) {
        let manifest = dir.join("Cargo.toml");
        let Ok(text) = apiward_diagnostics::read::read_text(&manifest) else {
            continue;
        };
        let doc = text.parse::<toml::Table>().ok()?;
        let package = doc.get("package").and_then(toml::Value::as_table)?;
        if package.get("edition").is_some() {
            return None;
        }
        // (By package, also renamed: `web = { package = "actix-web" }`; hyper alone is no
        // framework here, old benchmark crates use it.)
        let web = doc
            .get("dependencies")
            .and_then(toml::Value::as_table)
            .is_some_and(|deps| {
                deps.iter().any(|(k, v)| {
                    let package = v.get("package").and_then(toml::Value::as_str).unwrap_or(k);
                    matches!(
                        package,
                        "actix-web" | "rocket" | "axum" | "iron" | "poem" | "warp"
                    )
                })
            });
        return Some(web);
    }
    None
}

fn rule_doc(r: &RuleMeta) -> RuleDoc {
    RuleDoc {
        id: r.id.into(),
        title: r.title.clone(),
        owasp: r.owasp.clone(),
        cwe: r.cwe.clone(),
        severity: r.severity,
        help_markdown: r.markdown(),
        help_text: format!("{}\n\n{}", r.rationale.trim(), r.fix.trim()),
    }
}

/// The baseline of the project at `git_ref` (see `since`): the scratch directory that holds
/// it, and its file (`None` when no path of the run exists at that commit).
fn new_since_baseline(
    args: &CheckArgs,
    git_ref: &str,
    root: &Path,
    cwd: &Path,
) -> Result<(since::Scratch, Option<PathBuf>), String> {
    if args.paths.iter().any(|p| input::is_stdin(p)) {
        return Err(
            "`--new-since` compares files with a commit: it does not read standard input".into(),
        );
    }
    let mut options: Vec<std::ffi::OsString> = Vec::new();
    if args.no_config {
        options.push("--no-config".into());
    }
    if let Some(p) = args.preset {
        options.push("--preset".into());
        options.push(match p {
            PresetArg::All => "all".into(),
            PresetArg::Recommended => "recommended".into(),
        });
    }
    for (flag, list) in [("--select", &args.select), ("--ignore", &args.ignore)] {
        if !list.is_empty() {
            options.push(flag.into());
            options.push(list.join(",").into());
        }
    }
    since::baseline_at(&since::Request {
        git_ref,
        root,
        cwd,
        paths: &args.paths,
        options,
        config: args.config.as_deref(),
    })
}

/// `apiward baseline`: writes the findings' entries, unless the run met input errors
/// (they are reported instead, exit 2: a baseline of a half-read project would hide the
/// findings of the other half).
fn write_baseline(
    args: &CheckArgs,
    sorted: &[&Diagnostic],
    sources: &SourceMap,
    summary: Summary,
    entries: Vec<baseline::Entry>,
) -> ExitCode {
    let errors: Vec<&Diagnostic> = sorted.iter().copied().filter(|d| d.input_error).collect();
    if !errors.is_empty() {
        eprintln!("apiward: the baseline was not written: the run met input errors");
        return finish(args, &errors, sources, summary, None, &[], &[]);
    }
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(baseline::DEFAULT_FILE));
    let n = entries.len();
    match baseline::write(&path, entries) {
        Ok(()) => {
            eprintln!(
                "apiward: wrote {n} {} to `{}`",
                if n == 1 { "finding" } else { "findings" },
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

/// Where SARIF, GitHub and GitLab reports name files from: the git work tree around the
/// working directory (what code scanning and merge requests place paths against), else the
/// project root (`--root`, else the working directory).
fn report_anchor(args: &CheckArgs) -> Option<apiward_report::Anchor> {
    let cwd = std::env::current_dir().ok()?;
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    let git = cwd.ancestors().find(|d| d.join(".git").exists());
    let root = match git {
        Some(g) => g.to_path_buf(),
        None => project_root(&cwd, args.root.as_deref(), None, &cwd),
    };
    Some(apiward_report::Anchor::new(cwd, root))
}

#[allow(clippy::too_many_arguments)]
fn finish(
    args: &CheckArgs,
    diagnostics: &[&Diagnostic],
    sources: &SourceMap,
    summary: Summary,
    fail_on: Option<Severity>,
    ran: &[&RuleMeta],
    fingerprints: &[apiward_report::Fingerprint],
) -> ExitCode {
    let rules: Vec<RuleDoc> = ran.iter().map(|r| rule_doc(r)).collect();
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Gitlab => Format::Gitlab,
        OutputFormat::Junit => Format::Junit,
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let anchor = report_anchor(args);
    let report = Report {
        diagnostics,
        sources,
        rules: &rules,
        summary,
        tool_version: env!("CARGO_PKG_VERSION"),
        fingerprints,
        statistics: args.statistics,
        anchor: anchor.as_ref(),
    };
    let human = HumanOptions { color, width: 100 };
    let render = |out: &mut dyn Write| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        apiward_report::render_to(&report, format, &human, &mut out).and_then(|()| out.flush())
    };
    let written = match &args.output {
        Some(path) => std::fs::File::create(path)
            .and_then(|mut f| render(&mut f))
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => match render(&mut std::io::stdout().lock()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(format!("cannot write the report: {e}")),
        },
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    if diagnostics.iter().any(|d| d.input_error) {
        return ExitCode::from(2);
    }
    // Findings of the baseline (shown in SARIF) do not fail the run.
    let in_baseline = |i: usize| {
        fingerprints
            .get(i)
            .is_some_and(|f| f.baseline == Some(apiward_report::BaselineState::Unchanged))
    };
    let failing = fail_on.is_some_and(|level| {
        diagnostics
            .iter()
            .enumerate()
            .any(|(i, d)| d.severity >= level && !in_baseline(i))
    });
    if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

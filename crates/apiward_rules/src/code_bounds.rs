//! Bounds the code enforces where the description leaves a value unbounded (issue 15).
//!
//! A description's `unbounded-string` (or `-array`, `-integer`, `-map`, `-page-size`)
//! finding stays when the handler behind the operation bounds the value: the description is
//! the contract clients and generated validators use. But a reviewer who reads
//! `#[validate(length(max = 256))]` on the field dismisses an error there; so the finding
//! drops to info, says so, and names the place in the code as related.
//!
//! What counts as a bound, on the field of the Rust type that receives the value:
//! - a `validator` or `garde` attribute with an upper bound (`length(max = ..)`,
//!   `length(equal = ..)`, `range(max = ..)`), when the crate runs validation at all
//!   (`.validate(`, a `Valid*`/`Validated*`/`Garde` extractor);
//! - a field type of the crate's own whose `Deserialize` or `Validate` impl caps the value
//!   (`.min(`, `.clamp(`, a `>` comparison): a bounded type.
//!
//! The receiving type: for a schema of `components` (`definitions`), the struct of the same
//! name (code-first generators name schemas after types); for a parameter or a request body
//! property, the `Query<T>`/`Json<T>`/`Form<T>` types of the handlers of the routes the
//! operation documents, and the types their `#[serde(flatten)]` fields hold.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use apiward_diagnostics::{Diagnostic, LineIndex, Related, Severity, Span};
use apiward_source::Inventory;
use apiward_spec::load::{NodeRef, Workspace};
use apiward_spec::model::Api;
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::cross::CrossOptions;
use crate::Rule;

/// The description rules whose findings the code's bounds annotate: selected alone, they
/// need the routes all the same (as `unbounded-upload` does, for axum's body limit).
pub(crate) const RULES: &[Rule] = &[
    Rule::UnboundedString,
    Rule::UnboundedArray,
    Rule::UnboundedInteger,
    Rule::UnboundedMap,
    Rule::UnboundedPageSize,
];

/// The description rules whose findings the code's masking of a field annotates
/// ([`Code::field_masked`]): a property the description returns that the code never sends
/// as it is.
pub(crate) const MASKS: &[Rule] = &[Rule::SensitiveDataInResponse];

/// What a finding is about: a field of a named type, or a value the handlers of an
/// operation receive.
enum Subject {
    /// A property of a component schema: `props` are the names of all its properties (those
    /// of its `allOf` members too), by which a struct of another name is recognised.
    Schema {
        ty: String,
        field: String,
        item: bool,
        props: Vec<String>,
    },
    Input {
        op: String,
        field: String,
        item: bool,
    },
}

/// A bound the code puts on a field, and where.
struct Bound {
    what: String,
    file: String,
    range: apiward_diagnostics::Range,
}

/// Turns each unbounded-* finding of `diags` on a description paired with code into an info
/// finding naming the code's bound, where the code bounds the value.
pub fn annotate(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
    rust_files: &[PathBuf],
    diags: &mut [Diagnostic],
) {
    let paired = crate::cross::paired(ws, apis, inv, opts);
    let docs: HashMap<&str, usize> = apis
        .iter()
        .enumerate()
        .filter(|(i, _)| paired[*i])
        .map(|(i, a)| (ws.doc(a.doc).path.as_str(), i))
        .collect();
    let uploads = capped_uploads(ws, apis, inv, opts, &docs, diags);
    let wanted: Vec<usize> = (0..diags.len())
        .filter(|&n| {
            let d = &diags[n];
            RULES.iter().chain(MASKS).any(|r| d.rule == *r)
                && d.severity != Severity::Info
                && docs.contains_key(d.file.as_str())
        })
        .collect();
    if wanted.is_empty() && uploads.is_empty() {
        return;
    }
    let mut code = Code::new(rust_files, opts);
    // The crates that serve the paired descriptions: where a schema is matched with a
    // struct by its shape (a desktop client's struct of the same fields is not the server's).
    code.serving = apis
        .iter()
        .enumerate()
        .filter(|(i, _)| paired[*i])
        .flat_map(|(_, api)| crate::cross::paired_routes(ws, api, inv, apis.len(), opts))
        .filter_map(|r| {
            let at = r.handler_location.as_ref().unwrap_or(&r.registration);
            crate_dir(&opts.cwd, Path::new(&at.file))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    // And the crates of the tree they depend on (a crate of shared request types).
    code.serving = with_path_deps(&opts.cwd, std::mem::take(&mut code.serving));
    if !code.lifts_body_limit {
        for n in uploads {
            let d = &mut diags[n];
            d.severity = Severity::Info;
            d.message = format!("{}; {AXUM_BODY_LIMIT}", d.message);
        }
    }
    if wanted.is_empty() {
        return;
    }
    // Handlers of the routes each operation documents: `spec file` + op pointer → handlers.
    let documented = crate::cross::documentation(ws, apis, inv, opts);
    let mut handlers: HashMap<(String, String), Vec<&apiward_source::Location>> = HashMap::new();
    for (route, doc) in inv.routes.iter().zip(&documented) {
        if let (Some(Some(by)), Some(at)) = (doc, &route.handler_location) {
            handlers
                .entry((by.spec.clone(), by.pointer.clone()))
                .or_default()
                .push(at);
        }
    }
    for n in wanted {
        let d = &diags[n];
        let api = &apis[docs[d.file.as_str()]];
        let Some(subject) = subject(ws, api, d.pointer.as_deref().unwrap_or("")) else {
            continue;
        };
        if MASKS.iter().any(|r| d.rule == *r) {
            // Only a schema's property: the struct of its name is what the code sends.
            let Subject::Schema { ty, field, .. } = &subject else {
                continue;
            };
            let Some(m) = code.masked(ty, field) else {
                continue;
            };
            let d = &mut diags[n];
            d.severity = Severity::Info;
            // "response property `x` looks like a secret: every client .. gets it" no longer
            // holds after its first part.
            let head = d.message.split_once(": ").map_or(&*d.message, |(h, _)| h);
            d.message = format!("{head}, but the code never sends it as it is ({})", m.what);
            d.related.push(Related {
                message: format!("the code masks it here: {}", m.what),
                file: m.file,
                range: m.range,
                pointer: None,
            });
            continue;
        }
        // Only a string can be bounded by the type it is parsed into: an integer read into
        // an `i64` is as unbounded as the description says.
        let want = Want {
            strings: d.rule == Rule::UnboundedString,
            item: matches!(
                subject,
                Subject::Schema { item: true, .. } | Subject::Input { item: true, .. }
            ),
        };
        let bound = match &subject {
            Subject::Schema {
                ty, field, props, ..
            } => match code.find_field(ty, field, 0) {
                Some(f) => code.field_bound(&f, want),
                // No struct of that name holds the field: the structs shaped like the schema.
                None => code.bound_by_shape(props, field, want),
            },
            Subject::Input { op, field, .. } => handlers
                .get(&(d.file.clone(), op.clone()))
                .into_iter()
                .flatten()
                .flat_map(|at| code.input_types(at))
                .collect::<Vec<_>>()
                .into_iter()
                .find_map(|ty| {
                    let f = code.find_field(&ty, field, 0)?;
                    code.field_bound(&f, want)
                }),
        };
        let Some(b) = bound else { continue };
        let d = &mut diags[n];
        d.severity = Severity::Info;
        d.message = format!("{}; the code bounds it ({})", d.message, b.what);
        d.related.push(Related {
            message: format!("the code bounds it here: {}", b.what),
            file: b.file,
            range: b.range,
            pointer: None,
        });
    }
}

/// axum's default cap on a request body (`DefaultBodyLimit`): 2 MB.
const AXUM_BODY_LIMIT: &str = "axum reads a request body up to 2 MB unless `DefaultBodyLimit` is lifted, and the code does not lift it";

/// `unbounded-upload` on a description whose routes are all axum's, in a tree whose code
/// never lifts axum's default body limit (`DefaultBodyLimit::disable()`, [`Code`]'s
/// `lifts_body_limit`): every upload is capped at 2 MB by the framework. The finding stays
/// (the description is the contract) at info, saying so. These are the findings (their
/// indexes) on such descriptions.
fn capped_uploads(
    ws: &Workspace,
    apis: &[Api],
    inv: &Inventory,
    opts: &CrossOptions,
    docs: &HashMap<&str, usize>,
    diags: &[Diagnostic],
) -> Vec<usize> {
    // The description a finding is in: its file's, or, in a fragment of a description split
    // over files, the one paired description of the group.
    let only = (docs.len() == 1)
        .then(|| docs.values().next().copied())
        .flatten();
    let api_of = |d: &Diagnostic| docs.get(d.file.as_str()).copied().or(only);
    let wanted: Vec<(usize, usize)> = (0..diags.len())
        .filter(|&n| {
            let d = &diags[n];
            d.rule == Rule::UnboundedUpload && d.severity != Severity::Info
        })
        .filter_map(|n| Some((n, api_of(&diags[n])?)))
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let capped: Vec<bool> = apis
        .iter()
        .map(|api| {
            let routes = crate::cross::paired_routes(ws, api, inv, apis.len(), opts);
            !routes.is_empty()
                && routes
                    .iter()
                    .all(|r| r.framework == apiward_source::Framework::Axum)
        })
        .collect();
    wanted
        .into_iter()
        .filter(|&(_, a)| capped[a])
        .map(|(n, _)| n)
        .collect()
}

fn unescape(seg: &str) -> String {
    seg.replace("~1", "/").replace("~0", "~")
}

/// What the finding at `pointer` is about.
fn subject(ws: &Workspace, api: &Api, pointer: &str) -> Option<Subject> {
    let segs: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    // `/items` at the end: the finding is about each item of an array property.
    let (s, item) = match s.as_slice() {
        [rest @ .., "items"] => (rest, true),
        all => (all, false),
    };
    match s {
        ["components", "schemas", ty, rest @ ..] | ["definitions", ty, rest @ ..] => {
            // The property, directly or in a composition member (`allOf/1/properties/x`).
            let field = match rest {
                ["properties", field] => field,
                [_, n, "properties", field] if n.parse::<usize>().is_ok() => field,
                _ => return None,
            };
            let mut node = api.root;
            let path: &[&str] = if s[0] == "definitions" {
                &s[..2]
            } else {
                &s[..3]
            };
            for seg in path {
                node = ws.get(node, seg)?;
            }
            let mut props = Vec::new();
            schema_props(ws, node, 0, &mut props);
            Some(Subject::Schema {
                ty: (*ty).to_string(),
                field: (*field).to_string(),
                item,
                props,
            })
        }
        ["paths", path, method, "parameters", i]
        | ["paths", path, method, "parameters", i, "schema"] => {
            let op = ws.get(api.root, "paths")?;
            let op = ws.get(ws.get(op, path)?, method)?;
            let p: NodeRef = ws.items(ws.get(op, "parameters")?).nth(i.parse().ok()?)?;
            let p = ws.deref(p);
            if !matches!(ws.get_str(p, "in"), Some("query" | "header")) {
                return None;
            }
            Some(Subject::Input {
                op: op_pointer(path, method),
                field: ws.get_str(p, "name")?.to_string(),
                item,
            })
        }
        ["paths", path, method, "requestBody", "content", _, "schema", "properties", field]
        | ["paths", path, method, "parameters", _, "schema", "properties", field] => {
            Some(Subject::Input {
                op: op_pointer(path, method),
                field: (*field).to_string(),
                item,
            })
        }
        _ => None,
    }
}

/// The names of the properties of `schema` and of the members of its compositions.
fn schema_props(ws: &Workspace, schema: NodeRef, depth: u32, out: &mut Vec<String>) {
    if depth > 3 {
        return;
    }
    if let Some(props) = ws.get(schema, "properties") {
        out.extend(ws.entries(props).map(|(k, _)| k.to_string()));
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = ws.get(schema, key) {
            for m in ws.items(list) {
                schema_props(ws, m, depth + 1, out);
            }
        }
    }
}

fn op_pointer(path: &str, method: &str) -> String {
    format!(
        "/paths/{}/{method}",
        path.replace('~', "~0").replace('/', "~1")
    )
}

/// A Rust file of the paired crates, read on first use and parsed item by item: only the
/// top-level items that hold the name looked up (a struct, an impl, a handler), so that a
/// large file of models is not parsed whole for one struct (the lookups run one after the
/// other, after the parallel passes: a whole parse of each file was most of their time).
struct Source {
    path: PathBuf,
    display: String,
    text: String,
    /// The byte ranges of its top-level items, cut when the file is first read.
    items: Option<Vec<std::ops::Range<usize>>>,
    /// The items parsed so far, by their index in `items` (`None`: it does not parse).
    parsed: HashMap<usize, Option<syn::File>>,
    lines: Option<LineIndex>,
}

/// The Rust code the descriptions are paired with: an index of the names its files define
/// (one pass over each file, texts not kept), the files parsed when a name is looked up.
struct Code {
    files: Vec<Source>,
    /// `struct Name` → files that define it.
    structs: HashMap<String, Vec<usize>>,
    /// `impl .. for Name` → files that hold such an impl.
    impls: HashMap<String, Vec<usize>>,
    /// The crate runs validation (`.validate(`, a validating extractor).
    validates: bool,
    /// The code lifts axum's default body limit (`DefaultBodyLimit::disable()`).
    lifts_body_limit: bool,
    /// `enum Name` → files that define it.
    enums: HashMap<String, Vec<usize>>,
    /// The files that mention `Deserialize`.
    de_files: Vec<usize>,
    /// Field-like names (see [`field_names`]) → the files of the serving crates mentioning
    /// `Deserialize` that hold them; made on the first lookup by shape.
    fields: Option<HashMap<String, Vec<usize>>>,
    /// The directories of the crates whose routes the descriptions document.
    serving: Vec<PathBuf>,
    /// Types a macro of the crate declares as a newtype of an integer (`base62_id!(UserId)`).
    int_newtypes: std::collections::HashSet<String>,
    cwd: PathBuf,
}

/// A field of a struct, where it is.
struct Field {
    file: usize,
    offset: usize,
    owner: String,
    field: syn::Field,
}

impl Field {
    /// Its name in the source, without `r#`.
    fn raw_name(&self) -> String {
        let raw = self
            .field
            .ident
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        raw.strip_prefix("r#").unwrap_or(&raw).to_string()
    }
}

/// What bounds a finding asks for.
#[derive(Clone, Copy)]
struct Want {
    /// A string's: the type it is parsed into counts.
    strings: bool,
    /// Each item's of an array.
    item: bool,
}

/// The identifiers that follow `word` in `text` (`struct Name`, `for Name`; the last
/// segment of a path).
fn names_after<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = &'t str> + 't {
    // memchr's searcher, not `match_indices`: every Rust file of the project is scanned
    // for two words, and the standard library's two-way search was 4% of a `check`.
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).filter_map(move |at| {
        let rest = &text[at + word.len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let name = rest[..end].rsplit("::").next()?;
        (!name.is_empty()).then_some(name)
    })
}

/// The directory of the crate a file (relative to `cwd`) belongs to: the nearest one above
/// it with a `Cargo.toml`.
fn crate_dir(cwd: &Path, file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| cwd.join(d).join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
}

/// `crates` (directories relative to `cwd`) and the crates of the tree they depend on by
/// `path`, directly or through `workspace = true`, three steps deep at most.
fn with_path_deps(cwd: &Path, crates: Vec<PathBuf>) -> Vec<PathBuf> {
    let read = |dir: &Path| -> Option<toml::Table> {
        apiward_diagnostics::read::read_text(&cwd.join(dir).join("Cargo.toml"))
            .ok()?
            .parse()
            .ok()
    };
    // The workspace's `[workspace.dependencies]` paths, by name (relative to `cwd`).
    let mut shared: HashMap<String, PathBuf> = HashMap::new();
    if let Some(root) = read(Path::new("")) {
        if let Some(deps) = root
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(toml::Value::as_table)
        {
            for (name, d) in deps {
                if let Some(p) = d.get("path").and_then(toml::Value::as_str) {
                    if let Some(p) = in_tree(Path::new(p)) {
                        shared.insert(name.clone(), p);
                    }
                }
            }
        }
    }
    let mut out: Vec<PathBuf> = crates.clone();
    let mut todo = crates;
    for _ in 0..3 {
        let mut next = Vec::new();
        for dir in todo {
            let Some(manifest) = read(&dir) else { continue };
            let Some(deps) = manifest.get("dependencies").and_then(toml::Value::as_table) else {
                continue;
            };
            for (name, d) in deps {
                let found = match d.get("path").and_then(toml::Value::as_str) {
                    Some(p) => in_tree(&dir.join(p)),
                    None if d.get("workspace").and_then(toml::Value::as_bool) == Some(true) => {
                        shared.get(name).cloned()
                    }
                    None => None,
                };
                if let Some(f) = found.filter(|f| !out.contains(f)) {
                    out.push(f.clone());
                    next.push(f);
                }
            }
        }
        todo = next;
    }
    out
}

/// A path relative to the tree with its `.` and `..` parts resolved (the workspace's
/// `normalize`), or `None` when it leaves the tree: a dependency outside it is not read.
fn in_tree(p: &Path) -> Option<PathBuf> {
    let n = apiward_spec::load::normalize(p);
    (!n.starts_with("..")).then_some(n)
}

/// What one pass over a file's text learns ([`Code::new`]).
struct Names {
    structs: Vec<String>,
    impls: Vec<String>,
    enums: Vec<String>,
    validates: bool,
    lifts: bool,
    int_macros: Vec<String>,
    item_calls: Vec<(String, String)>,
    /// It mentions `Deserialize`.
    deserialize: bool,
}

/// The identifiers of a text followed by one `:` (not `::`): the fields a struct declares
/// (`pub note: Note,`), among others.
fn field_names(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out: Vec<String> = memchr::memchr_iter(b':', b)
        .filter(|&at| b.get(at + 1) != Some(&b':') && (at == 0 || b[at - 1] != b':'))
        .filter_map(|at| {
            let start = text[..at]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            let name = &text[start..at];
            (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| name.strip_prefix("r#").unwrap_or(name).to_string())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The `macro_rules!` macros of a file that declare a newtype of an integer named by an
/// argument (`pub struct $name(pub u64);`).
fn int_newtype_macros(text: &str) -> Vec<String> {
    let starts: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), b"macro_rules!").collect();
    let mut out = Vec::new();
    for (n, &at) in starts.iter().enumerate() {
        let body = &text[at..starts.get(n + 1).copied().unwrap_or(text.len())];
        let rest = body["macro_rules!".len()..].trim_start();
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let declares = memchr::memmem::find_iter(body.as_bytes(), b"struct $").any(|s| {
            let rest = &body[s + "struct $".len()..];
            let rest = rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
            let Some(inner) = rest.trim_start().strip_prefix('(') else {
                return false;
            };
            let Some((inner, _)) = inner.split_once(')') else {
                return false;
            };
            let inner = inner.trim();
            let inner = inner.strip_prefix("pub").map_or(inner, str::trim_start);
            NUMBERS.contains(&inner)
        });
        if declares {
            out.push(name);
        }
    }
    out
}

/// The macro invocations that stand as items of a file with one type name as argument
/// (`base62_id!(ProjectId);` at the start of a line): macro and argument.
fn item_macro_calls(text: &str) -> Vec<(String, String)> {
    // The lines holding `!(`, found by memchr's searcher (every file of the tree is
    // scanned).
    memchr::memmem::find_iter(text.as_bytes(), b"!(")
        .map(|at| {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            &text[start..end]
        })
        .filter_map(|line| {
            let (path, rest) = line.split_once('!')?;
            let name = path.rsplit("::").next()?;
            if name.is_empty()
                || !path
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == ':')
            {
                return None;
            }
            let rest = rest.trim_start().strip_prefix('(')?;
            let arg = rest.split([')', ',']).next()?.trim();
            let ok = arg.starts_with(|c: char| c.is_ascii_uppercase())
                && arg.chars().all(|c| c.is_alphanumeric() || c == '_');
            ok.then(|| (name.to_string(), arg.to_string()))
        })
        .collect()
}

impl Code {
    fn new(rust_files: &[PathBuf], opts: &CrossOptions) -> Code {
        use rayon::prelude::*;
        let scanned: Vec<Option<Names>> = rust_files
            .par_iter()
            .map(|p| {
                let text = apiward_diagnostics::read::read_text(&opts.cwd.join(p)).ok()?;
                let structs = names_after(&text, "struct ").map(str::to_owned).collect();
                let impls = names_after(&text, " for ").map(str::to_owned).collect();
                let enums = names_after(&text, "enum ").map(str::to_owned).collect();
                let validates = [
                    ".validate(",
                    "Valid<",
                    "Validated",
                    "Garde<",
                    "WithValidation<",
                ]
                .iter()
                .any(|m| text.contains(m));
                let lifts = text.contains("DefaultBodyLimit::disable");
                Some(Names {
                    structs,
                    impls,
                    enums,
                    validates,
                    lifts,
                    deserialize: text.contains("Deserialize"),
                    int_macros: int_newtype_macros(&text),
                    item_calls: item_macro_calls(&text),
                })
            })
            .collect();
        let mut code = Code {
            files: Vec::new(),
            structs: HashMap::new(),
            impls: HashMap::new(),
            validates: false,
            lifts_body_limit: false,
            enums: HashMap::new(),
            int_newtypes: Default::default(),
            de_files: Vec::new(),
            fields: None,
            serving: Vec::new(),
            cwd: opts.cwd.clone(),
        };
        let mut int_macros = std::collections::HashSet::new();
        let mut item_calls = Vec::new();
        for (p, names) in rust_files.iter().zip(scanned) {
            let Some(Names {
                structs,
                impls,
                enums,
                validates,
                lifts,
                int_macros: macros,
                item_calls: calls,
                deserialize,
            }) = names
            else {
                continue;
            };
            let i = code.files.len();
            code.files.push(Source {
                path: p.clone(),
                display: apiward_diagnostics::display_path(p),
                text: String::new(),
                items: None,
                parsed: HashMap::new(),
                lines: None,
            });
            for n in structs {
                code.structs.entry(n).or_default().push(i);
            }
            for n in impls {
                code.impls.entry(n).or_default().push(i);
            }
            for n in enums {
                code.enums.entry(n).or_default().push(i);
            }
            if deserialize {
                code.de_files.push(i);
            }
            code.validates |= validates;
            code.lifts_body_limit |= lifts;
            int_macros.extend(macros);
            item_calls.extend(calls);
        }
        code.int_newtypes = item_calls
            .into_iter()
            .filter(|(m, _)| int_macros.contains(m))
            .map(|(_, ty)| ty)
            .collect();
        code
    }

    /// Reads file `i` and cuts it into its top-level items, on first use.
    fn read(&mut self, i: usize) {
        let f = &mut self.files[i];
        if f.items.is_none() {
            f.text =
                apiward_diagnostics::read::read_text(&self.cwd.join(&f.path)).unwrap_or_default();
            f.items = Some(apiward_source::parts::cut_at(&f.text, 1));
        }
    }

    /// The top-level items of file `i` that hold the byte offsets `at`, parsed, in the
    /// file's order: each with the offset of its text in the file.
    fn parsed_at(&mut self, i: usize, at: &[usize]) -> Vec<(usize, &syn::File)> {
        self.read(i);
        let f = &mut self.files[i];
        let items = f.items.as_ref().expect("read above");
        let mut picked: Vec<usize> = at
            .iter()
            .filter_map(|&o| items.iter().position(|r| r.contains(&o)))
            .collect();
        picked.sort_unstable();
        picked.dedup();
        for &n in &picked {
            f.parsed.entry(n).or_insert_with(|| {
                let text = &f.text[items[n].clone()];
                let ok = apiward_source::depth::too_deep(text).is_none();
                ok.then(|| syn::parse_file(text).ok()).flatten()
            });
        }
        picked
            .into_iter()
            .filter_map(|n| Some((items[n].start, f.parsed[&n].as_ref()?)))
            .collect()
    }

    /// The byte offsets in file `i` where `word` is followed by a path ending in `name`
    /// (`struct Name`, `for serde::Name`).
    fn offsets_of(&mut self, i: usize, word: &str, name: &str) -> Vec<usize> {
        self.read(i);
        let text = &self.files[i].text;
        memchr::memmem::find_iter(text.as_bytes(), word.as_bytes())
            .filter(|&at| names_after(&text[at..], word).next() == Some(name))
            .collect()
    }

    /// The range in file `i` of a span of the item parsed from the text at `offset`.
    fn range(
        &mut self,
        i: usize,
        offset: usize,
        span: proc_macro2::Span,
    ) -> apiward_diagnostics::Range {
        let f = &mut self.files[i];
        let lines = f.lines.get_or_insert_with(|| LineIndex::new(&f.text));
        let r = span.byte_range();
        lines.range(
            &f.text,
            Span::new((r.start + offset) as u32, (r.end + offset) as u32),
        )
    }

    /// The struct named `ty` (its last path segment), in the first file that defines it.
    fn find_struct(&mut self, ty: &str) -> Option<(usize, usize, syn::ItemStruct)> {
        for i in self.structs.get(ty).cloned().unwrap_or_default() {
            let at = self.offsets_of(i, "struct ", ty);
            let found = self.parsed_at(i, &at).into_iter().find_map(|(off, file)| {
                let mut items = Vec::new();
                collect_structs(&file.items, ty, &mut items);
                Some((off, items.into_iter().next()?))
            });
            if let Some((off, s)) = found {
                return Some((i, off, s));
            }
        }
        None
    }

    /// Where the crate caps values of its own type `ty` when reading them: a `Deserialize`
    /// or `Validate` impl for it that clamps or compares, or the `TryFrom` impl a
    /// `#[serde(try_from = "..")]` reads it through.
    fn bounded_type(&mut self, ty: &str) -> Option<Bound> {
        // A type read through a conversion (`#[serde(try_from = "String")]`): its
        // `TryFrom` impl is where it is checked.
        let converted = self
            .find_struct(ty)
            .is_some_and(|(_, _, s)| serde_value(&s.attrs, "try_from").is_some());
        for i in self.impls.get(ty).cloned().unwrap_or_default() {
            let at = self.offsets_of(i, " for ", ty);
            let parsed = self.parsed_at(i, &at);
            let found = parsed.iter().find_map(|(off, file)| {
                file.items.iter().find_map(|item| {
                    let syn::Item::Impl(imp) = item else {
                        return None;
                    };
                    let (_, tr, _) = imp.trait_.as_ref()?;
                    let tr = tr.segments.last()?.ident.to_string();
                    let reads = matches!(tr.as_str(), "Deserialize" | "Validate")
                        || (converted && tr == "TryFrom");
                    if !reads {
                        return None;
                    }
                    if last_ident(&imp.self_ty)? != ty {
                        return None;
                    }
                    let mut caps = Caps(false);
                    for ii in &imp.items {
                        if let syn::ImplItem::Fn(f) = ii {
                            syn::visit::Visit::visit_block(&mut caps, &f.block);
                        }
                    }
                    caps.0.then(|| (*off, imp.span(), tr))
                })
            });
            if let Some((off, span, tr)) = found {
                let range = self.range(i, off, span);
                return Some(Bound {
                    what: format!("its type `{ty}` caps it in `impl {tr}`"),
                    file: self.files[i].display.clone(),
                    range,
                });
            }
        }
        None
    }

    /// Why the code never sends field `field` of the structs named `ty` as it is: each
    /// definition of the serving crates that has it masks it ([`Code::field_masked`]), or
    /// each of the tree's when none of them has it (a generated client's model of the same
    /// name does not speak for the server's).
    fn masked(&mut self, ty: &str, field: &str) -> Option<Bound> {
        let mut found = Vec::new();
        for i in self.structs.get(ty).cloned().unwrap_or_default() {
            let at = self.offsets_of(i, "struct ", ty);
            for (off, file) in self.parsed_at(i, &at) {
                let mut items = Vec::new();
                collect_structs(&file.items, ty, &mut items);
                for st in items {
                    if let Some(f) =
                        named_fields(&st).find(|f| serde_names(&st, f).iter().any(|n| n == field))
                    {
                        let serde = derives(&st.attrs, "Serialize");
                        found.push((
                            Field {
                                file: i,
                                offset: off,
                                owner: ty.to_string(),
                                field: f.clone(),
                            },
                            serde,
                        ));
                    }
                }
            }
        }
        let serving: Vec<bool> = found
            .iter()
            .map(|(f, _)| {
                crate_dir(&self.cwd, &self.files[f.file].path)
                    .is_some_and(|d| self.serving.contains(&d))
            })
            .collect();
        let any_serving = serving.contains(&true);
        let mut out = None;
        for ((f, serde), serves) in found.iter().zip(serving) {
            if any_serving && !serves {
                continue;
            }
            let m = self.field_masked(f, *serde)?;
            out.get_or_insert(m);
        }
        out
    }

    /// Why the code never sends field `f`'s value as it is: serde leaves it out of what it
    /// writes (`#[serde(skip)]`, `#[serde(skip_serializing)]`), or its type (under `Option`,
    /// `Box`) is the crate's own and writes a fixed mask (an `impl Serialize` whose
    /// `serialize` never reads `self`: `serializer.serialize_str("*****")`), or an enum of
    /// unit variants (`PasswordState::Set`: whether there is one, not the secret).
    fn field_masked(&mut self, f: &Field, serde: bool) -> Option<Bound> {
        let raw = f.raw_name();
        // serde's attributes speak only for a struct serde serialises (poem-openapi's
        // `Object` writes its own JSON).
        if let Some(word) = ["skip", "skip_serializing"]
            .into_iter()
            .find(|w| serde && has_serde_word(&f.field.attrs, w))
        {
            let at = f
                .field
                .attrs
                .iter()
                .find(|a| a.path().is_ident("serde"))
                .map_or_else(|| f.field.span(), Spanned::span);
            let range = self.range(f.file, f.offset, at);
            return Some(Bound {
                what: format!("`#[serde({word})]` on `{}.{raw}`", f.owner),
                file: self.files[f.file].display.clone(),
                range,
            });
        }
        let ty = last_ident(peel(&f.field.ty)?)?;
        if let Some(e) = self.find_enum(&ty) {
            if !e.variants.is_empty() && e.variants.iter().all(|v| v.fields.is_empty()) {
                let range = self.range(f.file, f.offset, f.field.ty.span());
                return Some(Bound {
                    what: format!("`{}.{raw}` is an enum of unit variants, `{ty}`", f.owner),
                    file: self.files[f.file].display.clone(),
                    range,
                });
            }
        }
        for i in self.impls.get(&ty).cloned().unwrap_or_default() {
            let at = self.offsets_of(i, " for ", &ty);
            let found = self.parsed_at(i, &at).iter().find_map(|(off, file)| {
                file.items.iter().find_map(|item| {
                    let syn::Item::Impl(imp) = item else {
                        return None;
                    };
                    let (_, tr, _) = imp.trait_.as_ref()?;
                    if tr.segments.last()?.ident != "Serialize" || last_ident(&imp.self_ty)? != ty {
                        return None;
                    }
                    let ser = imp.items.iter().find_map(|ii| match ii {
                        syn::ImplItem::Fn(m) if m.sig.ident == "serialize" => Some(m),
                        _ => None,
                    })?;
                    (!reads_self(&ser.block)).then(|| (*off, imp.span()))
                })
            });
            if let Some((off, span)) = found {
                let range = self.range(i, off, span);
                return Some(Bound {
                    what: format!(
                        "`{}.{raw}` is a `{ty}`, whose `Serialize` writes a fixed mask",
                        f.owner
                    ),
                    file: self.files[i].display.clone(),
                    range,
                });
            }
        }
        None
    }

    /// The field serialised as `field` (by name or alias) of the struct `ty`, looking into
    /// its `#[serde(flatten)]` fields.
    fn find_field(&mut self, ty: &str, field: &str, depth: u32) -> Option<Field> {
        if depth > 3 {
            return None;
        }
        let (i, off, s) = self.find_struct(ty)?;
        let mut flattened = Vec::new();
        for f in named_fields(&s) {
            if has_serde_word(&f.attrs, "flatten") {
                flattened.extend(last_ident(&f.ty));
                continue;
            }
            if serde_names(&s, f).iter().any(|n| n == field) {
                return Some(Field {
                    file: i,
                    offset: off,
                    owner: ty.to_string(),
                    field: f.clone(),
                });
            }
        }
        flattened
            .into_iter()
            .find_map(|t| self.find_field(&t, field, depth + 1))
    }

    /// The bound the code puts on a field: a validator attribute, the type it is parsed
    /// into (for a string), a type of the crate's own that caps it.
    fn field_bound(&mut self, f: &Field, want: Want) -> Option<Bound> {
        let raw = f.raw_name();
        // On an array, a validator's `length` counts its items, not their characters.
        if self.validates && !want.item {
            if let Some((attr, what)) = validator_bound(&f.field.attrs) {
                let range = self.range(f.file, f.offset, attr);
                return Some(Bound {
                    what: format!("`{what}` on `{}.{raw}`", f.owner),
                    file: self.files[f.file].display.clone(),
                    range,
                });
            }
        }
        if want.strings {
            let ty = if want.item {
                element(&f.field.ty)
            } else {
                Some(&f.field.ty)
            };
            if let Some(what) = ty.and_then(|t| self.parsed_as(t, 0)) {
                let range = self.range(f.file, f.offset, f.field.ty.span());
                return Some(Bound {
                    what: format!("`{}.{raw}` is parsed into {what}", f.owner),
                    file: self.files[f.file].display.clone(),
                    range,
                });
            }
        }
        let inner = innermost(&f.field.ty)?;
        self.bounded_type(&inner)
    }

    /// The bound of `field` in the structs shaped like a schema of properties `props` whose
    /// name is no struct's (`CreatableVersion` read as `InitialVersionData`): the
    /// `Deserialize` structs that hold the field and most of the properties, the best
    /// matches only. Each of them must bound the field, or none is named.
    fn bound_by_shape(&mut self, props: &[String], field: &str, want: Want) -> Option<Bound> {
        let mut props: Vec<&str> = props.iter().map(String::as_str).collect();
        props.sort_unstable();
        props.dedup();
        if props.len() < 3 {
            return None;
        }
        // Each struct holding the field and most of the schema's properties (three at least),
        // with its score.
        let mut shaped: Vec<(usize, bool, Field)> = Vec::new();
        for (i, off, s) in self.shapes(field) {
            let mut names: Vec<String> = Vec::new();
            let mut hit = None;
            for f in named_fields(&s) {
                let mine = serde_names(&s, f);
                if mine.iter().any(|n| n == field) {
                    hit = Some(f.clone());
                }
                names.extend(mine);
            }
            let Some(hit) = hit else { continue };
            let score = props
                .iter()
                .filter(|p| names.iter().any(|n| n == *p))
                .count();
            if score < 3 || score * 10 < props.len() * 6 {
                continue;
            }
            let validated = derives(&s.attrs, "Validate");
            let owner = s.ident.to_string();
            shaped.push((
                score,
                validated,
                Field {
                    file: i,
                    offset: off,
                    owner,
                    field: hit,
                },
            ));
        }
        // A struct the crate validates is one it reads requests into: when one is shaped like
        // the schema, the others (models, responses a client reads back) are not asked.
        if shaped.iter().any(|(_, v, _)| *v) {
            shaped.retain(|(_, v, _)| *v);
        }
        let top = shaped.iter().map(|(n, _, _)| *n).max()?;
        let best: Vec<Field> = shaped
            .into_iter()
            .filter(|(n, _, _)| *n == top)
            .map(|(_, _, f)| f)
            .collect();
        let mut first = None;
        for f in &best {
            let b = self.field_bound(f, want)?;
            first.get_or_insert(b);
        }
        first
    }

    /// The structs deriving `Deserialize` in the serving crates that may hold `field`: the
    /// top-level items whose text names it (as written, or in snake case: `noteText` is
    /// `note_text` under `rename_all`), parsed on first use (a tree's every struct is not).
    fn shapes(&mut self, field: &str) -> Vec<(usize, usize, syn::ItemStruct)> {
        let snake = snake_case(field);
        if self.fields.is_none() {
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            let serving: Vec<usize> = self
                .de_files
                .iter()
                .copied()
                .filter(|&i| {
                    self.serving
                        .iter()
                        .any(|d| self.files[i].path.starts_with(d))
                })
                .collect();
            for i in serving {
                self.read(i);
                for f in field_names(&self.files[i].text) {
                    index.entry(f).or_default().push(i);
                }
            }
            self.fields = Some(index);
        }
        let index = self.fields.as_ref().expect("made above");
        let mut mine: Vec<usize> = [field, snake.as_str()]
            .iter()
            .flat_map(|f| index.get(*f).into_iter().flatten().copied())
            .collect();
        mine.sort_unstable();
        mine.dedup();
        let mut out = Vec::new();
        for i in mine {
            self.read(i);
            // The top-level items that declare a struct deriving `Deserialize` and name the
            // field: functions using a field of that name are not parsed.
            let f = &self.files[i];
            let at: Vec<usize> = f
                .items
                .as_deref()
                .unwrap_or_default()
                .iter()
                .filter(|r| {
                    let t = &f.text.as_bytes()[r.start..r.end];
                    let has = |w: &[u8]| memchr::memmem::find(t, w).is_some();
                    has(b"struct ")
                        && has(b"Deserialize")
                        && (has(field.as_bytes()) || has(snake.as_bytes()))
                })
                .map(|r| r.start)
                .collect();
            if at.is_empty() {
                continue;
            }
            for (off, file) in self.parsed_at(i, &at) {
                let mut found = Vec::new();
                collect_all_structs(&file.items, &mut found);
                out.extend(
                    found
                        .into_iter()
                        .filter(|s| derives(&s.attrs, "Deserialize"))
                        .map(|s| (i, off, s)),
                );
            }
        }
        out
    }

    /// What a string is parsed into when read into `ty`, when that cannot hold a long
    /// string: a number, a boolean, an identifier or time type, an enum of the crate's own
    /// whose variants are all names, a newtype of one of these (also one a macro of the
    /// crate declares, `base62_id!(ProjectId)`).
    fn parsed_as(&mut self, ty: &syn::Type, depth: u32) -> Option<String> {
        if depth > 3 {
            return None;
        }
        let ty = peel(ty)?;
        let name = last_ident(ty)?;
        if NUMBERS.contains(&name.as_str()) {
            return Some(format!("`{name}`"));
        }
        if PARSED.contains(&name.as_str()) {
            return Some(format!("`{name}`"));
        }
        if self.int_newtypes.contains(&name) {
            return Some(format!("`{name}`, a number"));
        }
        if let Some(e) = self.find_enum(&name) {
            let names_only = !e.variants.is_empty()
                && e.variants
                    .iter()
                    .all(|v| matches!(v.fields, syn::Fields::Unit));
            return (names_only && derives(&e.attrs, "Deserialize"))
                .then(|| format!("`{name}`, one of {} names", e.variants.len()));
        }
        let (_, _, s) = self.find_struct(&name)?;
        let syn::Fields::Unnamed(fields) = &s.fields else {
            return None;
        };
        let [only] = fields.unnamed.iter().collect::<Vec<_>>()[..] else {
            return None;
        };
        let inner = self.parsed_as(&only.ty, depth + 1)?;
        Some(format!("`{name}` ({inner})"))
    }

    /// The enum named `ty`, in the first file that defines it.
    fn find_enum(&mut self, ty: &str) -> Option<syn::ItemEnum> {
        for i in self.enums.get(ty).cloned().unwrap_or_default() {
            let at = self.offsets_of(i, "enum ", ty);
            let found = self.parsed_at(i, &at).into_iter().find_map(|(_, file)| {
                let mut items = Vec::new();
                collect_enums(&file.items, ty, &mut items);
                items.into_iter().next()
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The types a handler receives its query and body in (`Query<T>`, `Json<T>`,
    /// `Form<T>`, and wrappers of them), from its signature.
    fn input_types(&mut self, at: &apiward_source::Location) -> Vec<String> {
        let Some(i) = self
            .files
            .iter()
            .position(|f| f.display == at.file || f.path == Path::new(&at.file))
        else {
            return Vec::new();
        };
        let at = at.range.start.offset as usize;
        let mut sigs = Vec::new();
        for (off, file) in self.parsed_at(i, &[at]) {
            let mut found = Vec::new();
            collect_fns(&file.items, &mut found);
            sigs.extend(found.into_iter().map(|s| (off, s)));
        }
        // The function whose signature's lines hold the handler's location.
        let f = &mut self.files[i];
        let lines = f.lines.get_or_insert_with(|| LineIndex::new(&f.text));
        let line = lines.line_of(at as u32);
        let Some((_, sig)) = sigs.into_iter().find(|(off, s)| {
            let r = s.span().byte_range();
            (lines.line_of((r.start + off) as u32)..=lines.line_of((r.end + off) as u32))
                .contains(&line)
        }) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for input in &sig.inputs {
            if let syn::FnArg::Typed(t) = input {
                extractor_types(&t.ty, &mut out);
            }
        }
        out
    }
}

/// Whether a function body caps a value: `v > MAX` (or `>=`; `MAX < v`), `.min(MAX)`,
/// `.clamp(..)`, where `MAX` is a constant or a number above 1 (`len > 0` is no cap).
struct Caps(bool);

fn is_bound(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Path(p) => p.path.segments.last().is_some_and(|s| {
            let id = s.ident.to_string();
            id.len() > 1
                && id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        }),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse::<u128>().is_ok_and(|n| n > 1),
        syn::Expr::Paren(p) => is_bound(&p.expr),
        syn::Expr::Cast(c) => is_bound(&c.expr),
        syn::Expr::Field(f) => {
            matches!(&f.member, syn::Member::Named(n) if n.to_string().starts_with("max"))
        }
        _ => false,
    }
}

impl<'ast> syn::visit::Visit<'ast> for Caps {
    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        self.0 |= match b.op {
            syn::BinOp::Gt(_) | syn::BinOp::Ge(_) => is_bound(&b.right),
            syn::BinOp::Lt(_) | syn::BinOp::Le(_) => is_bound(&b.left),
            _ => false,
        };
        syn::visit::visit_expr_binary(self, b);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.0 |=
            (m.method == "min" && m.args.first().is_some_and(is_bound)) || m.method == "clamp";
        syn::visit::visit_expr_method_call(self, m);
    }
}

/// Whether a body reads `self` (by path or inside a macro's tokens).
fn reads_self(body: &syn::Block) -> bool {
    struct Find(bool);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            self.0 |= p.path.is_ident("self");
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            self.0 |= m
                .tokens
                .clone()
                .into_iter()
                .any(|t| crate::rust::mentions(&t, "self"));
        }
    }
    let mut f = Find(false);
    syn::visit::Visit::visit_block(&mut f, body);
    f.0
}

fn collect_structs(items: &[syn::Item], ty: &str, out: &mut Vec<syn::ItemStruct>) {
    for item in items {
        match item {
            syn::Item::Struct(s) if s.ident == ty => out.push(s.clone()),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_structs(inner, ty, out);
                }
            }
            _ => {}
        }
    }
}

fn collect_all_structs(items: &[syn::Item], out: &mut Vec<syn::ItemStruct>) {
    for item in items {
        match item {
            syn::Item::Struct(s) => out.push(s.clone()),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_all_structs(inner, out);
                }
            }
            _ => {}
        }
    }
}

fn collect_enums(items: &[syn::Item], ty: &str, out: &mut Vec<syn::ItemEnum>) {
    for item in items {
        match item {
            syn::Item::Enum(e) if e.ident == ty => out.push(e.clone()),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_enums(inner, ty, out);
                }
            }
            _ => {}
        }
    }
}

/// Whether `#[derive(..)]` among `attrs` names `name` (`Deserialize`, `serde::Deserialize`).
fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            a.meta
                .to_token_stream()
                .to_string()
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == name)
        })
}

fn named_fields(s: &syn::ItemStruct) -> impl Iterator<Item = &syn::Field> {
    match &s.fields {
        syn::Fields::Named(f) => Some(f.named.iter()),
        _ => None,
    }
    .into_iter()
    .flatten()
}

/// The names a field is read by: its serialised name (`rename`, the struct's `rename_all`)
/// and its `alias`es.
fn serde_names(s: &syn::ItemStruct, f: &syn::Field) -> Vec<String> {
    let Some(ident) = &f.ident else {
        return Vec::new();
    };
    let raw = ident.to_string();
    let raw = raw.strip_prefix("r#").unwrap_or(&raw);
    let rename_all = serde_value(&s.attrs, "rename_all");
    let mut out =
        vec![serde_value(&f.attrs, "rename").unwrap_or_else(|| rename(raw, rename_all.as_deref()))];
    out.extend(serde_values(&f.attrs, "alias"));
    out
}

/// A field name in snake case (`noteText` → `note_text`).
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (n, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if n > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

/// Integer, float and boolean types: a string parsed into one is short.
const NUMBERS: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "bool",
    "char",
    "NonZeroU64",
    "NonZeroU32",
    "NonZeroUsize",
    "NonZeroI64",
];

/// Types of common crates a string is parsed into that hold no long text: identifiers,
/// times, addresses, decimals.
const PARSED: &[&str] = &[
    "Uuid",
    "Ulid",
    "DateTime",
    "NaiveDate",
    "NaiveDateTime",
    "NaiveTime",
    "OffsetDateTime",
    "PrimitiveDateTime",
    "UtcDateTime",
    "Timestamp",
    "IpAddr",
    "Ipv4Addr",
    "Ipv6Addr",
    "SocketAddr",
    "Decimal",
];

/// The type under `Option`, `Box`, `Arc` and references.
fn peel(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Reference(r) => peel(&r.elem),
        syn::Type::Paren(p) => peel(&p.elem),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            if matches!(
                last.ident.to_string().as_str(),
                "Option" | "Box" | "Arc" | "Rc"
            ) {
                if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
                    if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                        return peel(t);
                    }
                }
                return None;
            }
            Some(ty)
        }
        _ => Some(ty),
    }
}

/// The type of the items of a list type (`Vec<T>`, `HashSet<T>`, `[T; N]`, under `Option`).
fn element(ty: &syn::Type) -> Option<&syn::Type> {
    match peel(ty)? {
        syn::Type::Array(a) => Some(&a.elem),
        syn::Type::Slice(s) => Some(&s.elem),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            let list = matches!(
                last.ident.to_string().as_str(),
                "Vec" | "HashSet" | "BTreeSet" | "IndexSet" | "VecDeque" | "SmallVec"
            );
            let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
                return None;
            };
            match a.args.first()? {
                syn::GenericArgument::Type(t) if list => Some(t),
                _ => None,
            }
        }
        _ => None,
    }
}

fn collect_fns(items: &[syn::Item], out: &mut Vec<syn::Signature>) {
    for item in items {
        match item {
            syn::Item::Fn(f) => out.push(f.sig.clone()),
            syn::Item::Impl(imp) => {
                for ii in &imp.items {
                    if let syn::ImplItem::Fn(f) = ii {
                        out.push(f.sig.clone());
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_fns(inner, out);
                }
            }
            _ => {}
        }
    }
}

/// The type arguments of extractors that deserialise the query or the body.
fn extractor_types(ty: &syn::Type, out: &mut Vec<String>) {
    let syn::Type::Path(p) = ty else { return };
    let Some(last) = p.path.segments.last() else {
        return;
    };
    let name = last.ident.to_string();
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return;
    };
    for arg in &args.args {
        let syn::GenericArgument::Type(inner) = arg else {
            continue;
        };
        let reads = ["Query", "Json", "Form", "Valid", "Garde"]
            .iter()
            .any(|k| name.contains(k));
        if !reads {
            continue;
        }
        // `Valid<Json<T>>`: the inner extractor's type.
        let before = out.len();
        extractor_types(inner, out);
        if out.len() == before {
            out.extend(last_ident(inner));
        }
    }
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => last_ident(&r.elem),
        _ => None,
    }
}

/// The type inside `Option<..>`/`Vec<..>`-free wrappers: `Option<Limit>` → `Limit`.
fn innermost(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident == "Option" || last.ident == "Box" {
        if let syn::PathArguments::AngleBracketed(a) = &last.arguments {
            if let Some(syn::GenericArgument::Type(t)) = a.args.first() {
                return innermost(t);
            }
        }
        return None;
    }
    let name = last.ident.to_string();
    // Standard types have no impl of the crate's own.
    let std = [
        "String", "str", "Vec", "HashMap", "BTreeMap", "HashSet", "u8", "u16", "u32", "u64",
        "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64", "bool",
    ];
    (!std.contains(&name.as_str())).then_some(name)
}

/// A `#[validate(..)]`/`#[garde(..)]` upper bound: the attribute's span and its words.
fn validator_bound(attrs: &[syn::Attribute]) -> Option<(proc_macro2::Span, String)> {
    attrs.iter().find_map(|a| {
        let name = a.path().segments.last()?.ident.to_string();
        if name != "validate" && name != "garde" {
            return None;
        }
        let text = a.meta.to_token_stream().to_string();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let bounded = ["length(", "range("].iter().any(|k| {
            squeezed.match_indices(k).any(|(at, _)| {
                let rest = &squeezed[at..];
                let args = &rest[..rest.find(')').unwrap_or(rest.len())];
                args.contains("max=") || args.contains("equal=")
            })
        });
        bounded.then(|| (a.span(), format!("#[{squeezed}]")))
    })
}

/// `#[serde(key = "value")]` on an item.
fn serde_value(attrs: &[syn::Attribute], key: &str) -> Option<String> {
    serde_values(attrs, key).into_iter().next()
}

/// Every `#[serde(key = "value")]` on an item (`alias` may be given several times).
fn serde_values(attrs: &[syn::Attribute], key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident(key) {
                if let Ok(v) = m
                    .value()
                    .and_then(syn::parse::ParseBuffer::parse::<syn::LitStr>)
                {
                    found.push(v.value());
                }
            } else if m.input.peek(syn::Token![=]) {
                let _ = m
                    .value()
                    .and_then(syn::parse::ParseBuffer::parse::<syn::Expr>);
            } else if m.input.peek(syn::token::Paren) {
                let _ = m.parse_nested_meta(|inner| {
                    if inner.input.peek(syn::Token![=]) {
                        let _ = inner
                            .value()
                            .and_then(syn::parse::ParseBuffer::parse::<syn::Expr>);
                    }
                    Ok(())
                });
            }
            Ok(())
        });
    }
    found
}

fn has_serde_word(attrs: &[syn::Attribute], word: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .any(|a| {
            let text = a.meta.to_token_stream().to_string();
            text.split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|w| w == word)
        })
}

/// A field name as `#[serde(rename_all = ..)]` writes it.
fn rename(field: &str, rule: Option<&str>) -> String {
    let words: Vec<&str> = field.split('_').filter(|w| !w.is_empty()).collect();
    let cap = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    match rule {
        Some("camelCase") => words
            .iter()
            .enumerate()
            .map(|(i, w)| if i == 0 { (*w).to_string() } else { cap(w) })
            .collect(),
        Some("PascalCase") => words.iter().map(|w| cap(w)).collect(),
        Some("kebab-case") => words.join("-"),
        Some("SCREAMING_SNAKE_CASE") => field.to_uppercase(),
        Some("SCREAMING-KEBAB-CASE") => words.join("-").to_uppercase(),
        Some("UPPERCASE") => field.to_uppercase(),
        Some("lowercase") => field.to_lowercase(),
        _ => field.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names() {
        assert_eq!(rename("throttle_rate", Some("camelCase")), "throttleRate");
        assert_eq!(rename("throttle_rate", Some("PascalCase")), "ThrottleRate");
        assert_eq!(rename("throttle_rate", Some("kebab-case")), "throttle-rate");
        assert_eq!(rename("throttle_rate", None), "throttle_rate");
        let s: syn::ItemStruct = syn::parse_quote! {
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            struct X {
                #[serde(default, rename = "max")]
                a: u32,
                #[serde(flatten)]
                b: Page,
            }
        };
        assert_eq!(
            serde_value(&s.attrs, "rename_all").as_deref(),
            Some("camelCase")
        );
        let syn::Fields::Named(f) = &s.fields else {
            panic!()
        };
        assert_eq!(
            serde_value(&f.named[0].attrs, "rename").as_deref(),
            Some("max")
        );
        assert!(has_serde_word(&f.named[1].attrs, "flatten"));
        assert!(!has_serde_word(&f.named[0].attrs, "flatten"));
    }

    #[test]
    fn validator_upper_bounds() {
        let f: syn::Field = syn::parse_quote! {
            #[validate(length(min = 1, max = 256), custom(function = "x"))]
            name: String
        };
        assert!(validator_bound(&f.attrs).is_some());
        let f: syn::Field = syn::parse_quote! {
            #[validate(length(min = 1), range(min = 5))]
            name: String
        };
        assert!(validator_bound(&f.attrs).is_none());
        let f: syn::Field = syn::parse_quote! {
            #[garde(range(max = 100))]
            limit: u32
        };
        assert!(validator_bound(&f.attrs).is_some());
    }

    #[test]
    fn text_scans() {
        let text = "macro_rules! id_type {\n    ($name:ident) => {\n        pub struct $name(pub u64);\n    };\n}\n\
                    macro_rules! text_type { ($n:ident) => { pub struct $n(pub String); }; }\n\
                    id_type!(ProjectId);\ntext_type!(Slug);\n    println!(\"{}\", Indented);\n";
        assert_eq!(int_newtype_macros(text), ["id_type"]);
        assert_eq!(
            item_macro_calls(text),
            [
                ("id_type".to_string(), "ProjectId".to_string()),
                ("text_type".to_string(), "Slug".to_string())
            ]
        );
        let fields = field_names("struct A { pub note: Note, r#type: u8 }\nuse a::b::C;");
        assert_eq!(fields, ["note", "type"]);
        assert_eq!(snake_case("noteText"), "note_text");
        assert_eq!(snake_case("x-workspace"), "x_workspace");
        assert_eq!(
            in_tree(Path::new("crates/api/../types")).as_deref(),
            Some(Path::new("crates/types"))
        );
        assert_eq!(in_tree(Path::new("api/../../outside")), None);
    }

    #[test]
    fn extractor_inner_types() {
        let mut out = Vec::new();
        let sig: syn::Signature = syn::parse_quote! {
            fn h(s: State<App>, ValidatedJson(b): ValidatedJson<NoteIn>, q: Valid<Query<ListQuery>>, p: Path<String>)
        };
        for i in &sig.inputs {
            if let syn::FnArg::Typed(t) = i {
                extractor_types(&t.ty, &mut out);
            }
        }
        assert_eq!(out, ["NoteIn", "ListQuery"]);
    }
}

//! `sql-injection`: SQL text built from request text (`sqlx::query(&sql)`, `.execute(sql)`,
//! `sql_query`, `QueryBuilder::push`).
//!
//! A data-flow rule: the engine (`flow/`) follows request values from the handlers'
//! extractors; this file holds the rule's sinks: the SQL APIs whose statement argument must
//! not be request text.

use std::collections::HashSet;

use syn::visit::Visit;
use syn::Expr;

use super::flow::{Call, FlowSink, FnSink, FnStart, Fx, MethodCall, Taint, Val, SOURCE_MARKERS};
use super::sinks::{http_chain, text_conds};
use crate::Rule;

pub(crate) struct SqlInjection;

impl super::RustRule for SqlInjection {
    fn rule(&self) -> Rule {
        Rule::SqlInjection
    }

    /// The request extractors of handlers, where the values come from.
    fn markers(&self) -> &'static [&'static str] {
        SOURCE_MARKERS
    }

    fn flow(&self) -> Option<&dyn FlowSink> {
        Some(self)
    }

    fn sink_markers(&self) -> &'static [&'static str] {
        &[
            "sqlx",
            "query",
            "execute",
            "sql",
            "QueryBuilder",
            "prepare",
            "exec",
        ]
    }
}

impl FlowSink for SqlInjection {
    fn start(&self, f: &FnStart<'_>) -> Box<dyn FnSink> {
        Box::new(Sql {
            builders: HashSet::new(),
            evidence: None,
            writes_sql: body_writes_sql(f.body),
        })
    }

    fn sink_methods(&self) -> &'static [&'static str] {
        SQL_METHODS
    }

    fn reaches(&self, _whole: bool, t: &Taint) -> Option<Vec<super::flow::Cond>> {
        text_conds(t)
    }
}

/// The rule's sinks in one function.
struct Sql {
    /// Locals holding SQL query builders.
    builders: HashSet<String>,
    /// The file names a database crate (computed on the first SQL-named call).
    evidence: Option<bool>,
    /// The function holds a string literal that reads as SQL.
    writes_sql: bool,
}

impl FnSink for Sql {
    fn local(&mut self, l: &syn::Local, init: &Expr) {
        if let Some(name) = super::pat_ident(&l.pat) {
            if is_builder(init) {
                self.builders.insert(name);
            }
        }
    }

    fn call(&mut self, cx: &mut Fx<'_, '_, '_>, c: &Call<'_>) {
        let (name, owner, alone) = (c.name, c.owner, c.segs.len() == 1);
        let sql_fn = match name {
            "query" => (alone && cx.text().contains("sqlx")) || owner == "sqlx",
            l => SQL_FNS.contains(&l) && (alone || matches!(owner, "sqlx" | "diesel" | "dsl")),
        };
        if sql_fn || (name == "new" && owner == "QueryBuilder") {
            if let (Some(a), Some(v)) = (c.expr.args.first(), c.args.first()) {
                sink(cx, a, v, true);
            }
        }
    }

    fn method(&mut self, cx: &mut Fx<'_, '_, '_>, m: &MethodCall<'_>) {
        let (e, name) = (m.expr, m.name);
        let (Some(a), Some(v)) = (e.args.first(), m.args.first()) else {
            return;
        };
        // SQL methods take the statement and at most parameters and a row mapper
        // (`query_row(sql, params, f)`): a call with more arguments is another API's.
        if SQL_METHODS.contains(&name)
            && e.args.len() <= 3
            && !parameters(a)
            && !m.recv.is_request_data()
            && (name != "query" || !http_chain(&e.receiver))
            && self.speaks_sql(cx)
        {
            sink(cx, a, v, true);
        }
        if name == "push"
            && super::flow::receiver_ident(&e.receiver).is_some_and(|r| self.builders.contains(&r))
        {
            sink(cx, a, v, false);
        }
    }
}

/// Whether an argument is a statement's parameters, never its SQL: an array or tuple
/// (`stmt.query_row([username], |row| ..)` on a prepared statement), or rusqlite's
/// `params![..]`/`named_params!{..}`.
fn parameters(a: &Expr) -> bool {
    match super::peel(a) {
        Expr::Array(_) | Expr::Tuple(_) => true,
        Expr::Macro(m) => m
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| matches!(s.ident.to_string().as_str(), "params" | "named_params")),
        _ => false,
    }
}

impl Sql {
    /// Whether a method named like an SQL API (`.execute(..)`, `.query(..)`) can be one
    /// here: the file names a database crate, or the function writes SQL. A request cache's
    /// `execute(key, ..)` or a builder's `.query(&text)` is not.
    fn speaks_sql(&mut self, cx: &Fx<'_, '_, '_>) -> bool {
        if self.evidence.is_none() {
            let text = cx.text();
            let sql = SQL_CRATES.iter().any(|c| {
                memchr::memmem::find_iter(text.as_bytes(), c.as_bytes()).any(|i| {
                    let b = text.as_bytes();
                    (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                        && b.get(i + c.len())
                            .is_none_or(|c| !c.is_ascii_alphanumeric())
                })
            });
            self.evidence = Some(sql || self.writes_sql);
        }
        self.evidence == Some(true) || self.writes_sql
    }
}

/// Request text `v` as the SQL statement `a` (`statement`: the whole statement run or a
/// builder's start, not a piece pushed onto one). A statement that is the request's text
/// from its start is the caller's own SQL, run as sent: a query endpoint by its contract
/// (spiceai's `POST /v1/sql`, a local app's `/raw_sql`), not text spliced into the
/// server's SQL; said at info.
fn sink(cx: &mut Fx<'_, '_, '_>, a: &Expr, v: &Val, statement: bool) {
    let Some(t) = &v.req else { return };
    let Some(conds) = text_conds(t) else { return };
    if matches!(super::peel(a), Expr::Lit(_)) {
        return;
    }
    let at = cx.span(a);
    let as_is = statement.then(|| {
        (
            "the SQL statement run is".into(),
            ", as the caller sent it: an endpoint that runs its caller's SQL (by design, only \
             callers allowed to run any statement should reach it)"
                .into(),
        )
    });
    cx.report(
        Rule::SqlInjection,
        at,
        t,
        ("SQL text is built from".into(), String::new()),
        as_is,
        conds,
    );
}

const SQL_FNS: &[&str] = &[
    "query",
    "query_as",
    "query_scalar",
    "query_with",
    "query_as_with",
    "query_scalar_with",
    "sql_query",
    "raw_sql",
];

const SQL_METHODS: &[&str] = &[
    "execute",
    "query",
    "query_one",
    "query_opt",
    "query_raw",
    "batch_execute",
    "simple_query",
    "prepare",
    "prepare_cached",
    "query_row",
    "query_map",
    "exec",
    "exec_drop",
    "query_drop",
    "query_first",
    "execute_unprepared",
    "execute_batch",
];

/// Crates and types whose presence in a file says that its `.execute(..)`/`.query(..)`
/// calls can be SQL ones.
const SQL_CRATES: &[&str] = &[
    "sqlx",
    "diesel",
    "postgres",
    "tokio_postgres",
    "deadpool_postgres",
    "rusqlite",
    "sqlite",
    "mysql",
    "mysql_async",
    "sea_orm",
    "sea_query",
    "tiberius",
    "duckdb",
    "libsql",
    "odbc",
    "surrealdb",
    "PgPool",
    "PgConnection",
    "SqlitePool",
    "MySqlPool",
    "Connection",
    "Transaction",
    "Datastore",
];

/// Whether a string literal reads as SQL (`SELECT … FROM`, `DELETE FROM`, `UPDATE … SET`).
fn looks_like_sql(s: &str) -> bool {
    let u = s.trim_start().to_ascii_uppercase();
    let words: Vec<&str> = u.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    match words.first().copied() {
        Some("SELECT") => has("FROM") || words.len() > 1,
        Some("INSERT") => has("INTO"),
        Some("DELETE") => has("FROM"),
        Some("UPDATE") => has("SET"),
        Some("CREATE" | "DROP" | "ALTER") => has("TABLE") || has("INDEX") || has("VIEW"),
        Some("WITH") => has("SELECT") || has("AS"),
        _ => (has("WHERE") && (has("FROM") || has("SET"))) || (has("ORDER") && has("BY")),
    }
}

/// Whether a function body holds a string literal that reads as SQL, in macros too.
fn body_writes_sql(body: &syn::Block) -> bool {
    struct V(bool);
    impl Visit<'_> for V {
        fn visit_lit_str(&mut self, l: &syn::LitStr) {
            self.0 |= looks_like_sql(&l.value());
        }
        fn visit_macro(&mut self, m: &syn::Macro) {
            self.0 |= writes_sql(m.tokens.clone());
        }
    }
    let mut v = V(false);
    v.visit_block(body);
    v.0
}

fn writes_sql(ts: proc_macro2::TokenStream) -> bool {
    ts.into_iter().any(|t| match t {
        proc_macro2::TokenTree::Group(g) => writes_sql(g.stream()),
        proc_macro2::TokenTree::Literal(l) => {
            let s = l.to_string();
            s.contains('"')
                && s.len() > 6
                && syn::parse_str::<syn::LitStr>(&s).is_ok_and(|l| looks_like_sql(&l.value()))
        }
        _ => false,
    })
}

/// A `QueryBuilder` (`QueryBuilder::new(..)`, `sqlx::QueryBuilder::<Postgres>::new(..)?`).
fn is_builder(e: &Expr) -> bool {
    match super::peel_try(e) {
        Expr::Call(c) => super::call_path(c).is_some_and(|p| {
            let s = super::segments(p);
            s.iter().any(|x| x == "QueryBuilder")
        }),
        _ => false,
    }
}

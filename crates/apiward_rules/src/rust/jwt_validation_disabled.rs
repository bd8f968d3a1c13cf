//! `jwt-validation-disabled`: tokens accepted without checking their signature or expiry.
//!
//! - `validation.insecure_disable_signature_validation()` (jsonwebtoken): at the call;
//! - `validation.validate_exp = false` and `Validation { validate_exp: false, .. }`: at the
//!   assignment or the field;
//! - a token decoded without verification and never verified afterwards, at the decoding
//!   call: `dangerous_insecure_decode`, `dangerous_insecure_decode_with_validation`,
//!   `dangerous_unsafe_decode` (jsonwebtoken 7/8) and `insecure_decode` (newer versions,
//!   `jsonwebtoken::dangerous::insecure_decode`); and hand-rolled decoding: the token split at
//!   its dots (`token.split('.')`), a part other than the header base64-decoded
//!   (`URL_SAFE_NO_PAD.decode(parts[1])`, `base64::decode_config(payload, ..)`, or a helper
//!   named like `decode_base64`) and claims deserialized (`serde_json::from_slice`) in the
//!   same function. Parts are followed through variables, destructuring and closure
//!   parameters; a part is the header when it is indexed `[0]`, `first()`, `nth(0)`, or named
//!   `header`.
//!
//! "Never verified" is decided per function: a decode is not reported when its function
//! also verifies (a call to `decode(token, &key, &validation)` with three or more arguments,
//! or to anything named `*verify*`, or `*validate*` with an argument), or when a function of
//! the same file that verifies calls it (peek at the claims to pick a key, then verify).
//! Outside any function, any verifying call in the file counts. `decode_header` is never a
//! finding, nor is a hand-rolled read of the header alone (the first element of
//! `token.split_once('.')`, whatever its name). Not reported either: an insecure decode
//! into a struct of the file whose fields identify no one: they only choose the key
//! (`iss`, `kid`, `alg`, …: the key set is picked, then the token verified) or are times
//! (`exp`, `nbf`, `iat`: a session's lifetime read from a token the server got from its
//! identity provider), a decode in a function whose doc comment
//! says it does not validate the token (a documented helper: its callers decide what to
//! trust), and `validate_exp = false` when its function, or a function of the file that
//! calls it, compares `exp` by hand, or a struct of the file carries a deadline of its own
//! (`halt_at: SystemTime`). A finding in a function that no (non-test) function
//! of its file calls waits for the end of the run ([`Pending`]): its callers in other files
//! (another module, another crate) clear it the same way.
//!
//! `insecure_disable_signature_validation()` is not reported in a function that only peeks
//! at a token for a caller of the file that then verifies it with validation on (the user
//! id read to find that user's key, then the token checked with it).
//!
//! The function-level facts need the whole file, which the walker does not keep: they are
//! computed once per file, by parsing it again, and only for files that hold a candidate.

use std::collections::{HashMap, HashSet};

use apiward_diagnostics::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, ExprAssign, ExprCall, ExprMethodCall, ExprStruct, Member};

use super::{is_lit_bool, peel, segments, Hit, Walker};
use crate::Rule;

pub(crate) const MARKERS: &[&str] = &[
    "insecure_disable_signature_validation",
    "validate_exp",
    "dangerous_insecure_decode",
    "dangerous_unsafe_decode",
    "insecure_decode",
    // `DOT_SPLITS`: hand-rolled decoding.
    "split('.')",
    "split(\".\")",
    ", '.')",
    ", \".\")",
    "_once('.')",
    "_once(\".\")",
];

/// A token split at its dots: `split('.')`, `splitn(3, '.')`, `rsplit_once('.')` (the
/// markers of hand-rolled decoding, also in [`MARKERS`]).
const DOT_SPLITS: &[&str] = &[
    "split('.')",
    "split(\".\")",
    ", '.')",
    ", \".\")",
    "_once('.')",
    "_once(\".\")",
];

const RULE: Rule = Rule::JwtValidationDisabled;

/// jsonwebtoken's functions that read a token without checking its signature.
const INSECURE: &[&str] = &[
    "dangerous_insecure_decode",
    "dangerous_insecure_decode_with_validation",
    "dangerous_unsafe_decode",
    "insecure_decode",
];

pub(crate) fn method(w: &mut Walker<'_, '_>, m: &ExprMethodCall) {
    if m.method == "insecure_disable_signature_validation" {
        let span = w.method_span(m);
        if file_facts(w).peek_then_verify(span) {
            return;
        }
        w.hit(
            RULE,
            span,
            "`insecure_disable_signature_validation()`: tokens are accepted without checking their signature, so anyone can write their own".into(),
        );
        return;
    }
    if is_b64_method_name(&m.method.to_string()) && !m.args.is_empty() && splits_at_dots(w.text) {
        let span = w.method_span(m);
        if file_facts(w).hand_rolled.contains(&span) {
            report(w, span, HAND_ROLLED_MESSAGE.into(), false);
        }
    }
}

pub(crate) fn call(w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
    let Some(last) = segs.last() else { return };
    if INSECURE.contains(&last.as_str()) {
        let span = w.span(c);
        let turbofish = match &*c.func {
            Expr::Path(p) => p.path.segments.last().and_then(|s| match &s.arguments {
                syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(syn::Type::Path(t)) => {
                        t.path.segments.last().map(|s| s.ident.to_string())
                    }
                    _ => None,
                }),
                _ => None,
            }),
            _ => None,
        };
        let facts = file_facts(w);
        // A function of the file that calls it also verifies, itself or through another
        // function (`if let Some(key) = &cfg.key { from_token(..) } else {
        // from_token_insecure(..) }`): which one runs is decided by a branch apiward does
        // not judge (a setting, or a token's `kid`): said at info.
        if !facts.covered(span)
            && facts.peek_then_verify(span)
            && !facts.reads_no_identity(span, turbofish.as_deref())
        {
            w.hit_info(
                RULE,
                span,
                format!("`{last}` reads a token without verifying its signature; a function of this file that calls it also verifies tokens, so it depends on which branch runs: if the choice is a setting (a gateway verifies), say so; if it comes from the token (`kid`, `alg`), an attacker chooses it"),
            );
            return;
        }
        if !facts.covered(span) && !facts.reads_no_identity(span, turbofish.as_deref()) {
            report(
                w,
                span,
                format!("`{last}` reads a token without verifying its signature, and neither this function nor a caller verifies it: its claims are whatever the sender wrote"),
                false,
            );
        }
        return;
    }
    if is_b64_fn_name(last) && splits_at_dots(w.text) {
        let span = w.span(c);
        if file_facts(w).hand_rolled.contains(&span) {
            report(w, span, HAND_ROLLED_MESSAGE.into(), false);
        }
    }
}

const HAND_ROLLED_MESSAGE: &str = "the token's payload is base64-decoded and its claims read without verifying its signature, and neither this function nor a caller verifies it: its claims are whatever the sender wrote";

/// A finding in a function no function of its file calls: its callers are in other files
/// (another module, another crate of the workspace), and decide at the end of the run.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub hit: Hit,
    /// The function the finding is in, by name.
    pub callee: String,
    /// `validate_exp = false` (a caller that checks `exp` by hand clears it), else a decode
    /// without verification (a caller that verifies, or a documented unverified helper).
    pub exp: bool,
}

/// Reports a finding at `span`, or leaves it pending when its function is called from no
/// function of its file ([`Pending`]).
fn report(w: &mut Walker<'_, '_>, span: Span, message: String, exp: bool) {
    let facts = file_facts(w);
    let u = facts.unit_at(span);
    let callee = (u > 0 && !facts.called_in_file(u)).then(|| facts.units[u].name.clone());
    let before = w.out.hits.len();
    w.hit(RULE, span, message);
    if let (Some(callee), true) = (callee, w.out.hits.len() > before) {
        let hit = w.out.hits.pop().expect("pushed above");
        w.out
            .rules
            .entry::<Vec<Pending>>()
            .push(Pending { hit, callee, exp });
    }
}

/// The pending findings ([`Pending`]) that no caller in another file clears: a function
/// that calls the one holding the finding and verifies the token (itself, or a function of
/// its file that calls it), or is a documented unverified helper (its own callers decide);
/// for `validate_exp = false`, one that compares `exp` by hand.
fn finish(p: &super::Project<'_>) -> Vec<(usize, Hit)> {
    let pending: Vec<(usize, &Pending)> = p
        .facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_ref()?)))
        .filter_map(|(i, f)| Some((i, f.rules.get::<Vec<Pending>>()?)))
        .flat_map(|(i, pending)| pending.iter().map(move |pd| (i, pd)))
        .collect();
    if pending.is_empty() {
        return Vec::new();
    }
    let mut names: Vec<&str> = pending.iter().map(|(_, pd)| pd.callee.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let (mut cleared, forwarded) = callers_clear(p, &names);
    // `validate_exp = false` one call further up: a caller that hands the claims on, whose
    // own callers check expiry (`extract` ← `Extractor::req` ← the session extractor that
    // asks `claims.is_expired()`).
    let forwarded: Vec<(String, String)> = forwarded
        .into_iter()
        .filter(|(n, _)| !cleared.contains(&(n.clone(), true)))
        .collect();
    if !forwarded.is_empty() {
        let mut outer: Vec<&str> = forwarded.iter().map(|(_, c)| c.as_str()).collect();
        outer.sort_unstable();
        outer.dedup();
        let (checked, _) = callers_clear(p, &outer);
        for (n, c) in forwarded {
            if checked.contains(&(c, true)) {
                cleared.insert((n, true));
            }
        }
    }
    pending
        .into_iter()
        .filter(|(_, pd)| !cleared.contains(&(pd.callee.clone(), pd.exp)))
        .map(|(i, pd)| (i, pd.hit.clone()))
        .collect()
}

/// What callers clear (`(name, exp)` pairs), and the callers that hand the claims on
/// (`(name, caller)`).
type Cleared = (HashSet<(String, bool)>, Vec<(String, String)>);

/// [`cleared_by_callers`] over every file of the project, in the text the run already holds
/// or read again.
fn callers_clear(p: &super::Project<'_>, names: &[&str]) -> Cleared {
    use rayon::prelude::*;
    p.files
        .par_iter()
        .zip(p.facts)
        .map(|(f, facts)| {
            let text = match facts.as_ref().map(|x| x.text.clone()) {
                Some(t) if !t.is_empty() => Some(t),
                _ => apiward_diagnostics::read::read_text(f).ok().map(Into::into),
            };
            let mut fwd = Vec::new();
            let c: HashSet<(String, bool)> = text
                .map(|t: apiward_diagnostics::Text| cleared_by_callers(&t, names, &mut fwd))
                .unwrap_or_default()
                .into_iter()
                .collect();
            (c, fwd)
        })
        .reduce(
            || (HashSet::new(), Vec::new()),
            |(mut a, mut fa), (b, fb)| {
                a.extend(b);
                fa.extend(fb);
                (a, fa)
            },
        )
}

/// What the functions of a file (its `text`) that call one of `names` clear: `(name, exp)` pairs (see
/// [`finish`]). Only files whose text names one are parsed, part by part.
fn cleared_by_callers(
    text: &str,
    names: &[&str],
    forwarded: &mut Vec<(String, String)>,
) -> Vec<(String, bool)> {
    let called: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            memchr::memmem::find_iter(text.as_bytes(), n.as_bytes()).any(|at| {
                let after = text[at + n.len()..].trim_start();
                after.starts_with('(') || after.starts_with("::<")
            })
        })
        .collect();
    let (pre, content) = apiward_source::strip_preamble(text);
    if called.is_empty() || apiward_source::depth::too_deep(content).is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in apiward_source::parts::cut(content) {
        let Ok(part) = apiward_source::parts::parse(content, r.clone()) else {
            continue;
        };
        // Spans are the file's (the part's offset after the preamble), read in its text.
        let facts = compute(&part.file, pre + r.start as u32, text);
        for (u, unit) in facts.units.iter().enumerate().skip(1) {
            if unit.test {
                continue;
            }
            for n in called.iter().filter(|n| unit.calls.contains(**n)) {
                // Verifying by calling the function itself (`verify_jwt`, which decodes
                // without verifying) is no verification.
                let verifies = unit.verified_by.iter().any(|v| v != *n)
                    || (facts.covered[u] && !unit.verifies);
                if verifies || unit.documented_unverified {
                    out.push(((*n).to_string(), false));
                }
                if facts.exp_checked[u] || facts.reads_exp {
                    out.push(((*n).to_string(), true));
                } else {
                    // A caller that hands the claims on (`fn req(..) -> Claims {
                    // jwt::extract(..) }`): its own callers may check expiry.
                    forwarded.push(((*n).to_string(), unit.name.clone()));
                }
            }
        }
    }
    proc_macro2::extra::invalidate_current_thread_spans();
    out
}

/// A method named for checking expiry (`is_expired`, `has_expired`, `check_expiry`,
/// `validate_exp`).
fn checks_expiry_by_name(name: &str) -> bool {
    let w = apiward_source::auth::words(name);
    let has = |x: &str| w.iter().any(|y| y == x);
    has("expired")
        || ((has("check") || has("validate") || has("verify"))
            && (has("exp") || has("expiry") || has("expiration")))
}

const EXP_MESSAGE: &str =
    "`validate_exp = false`: expired tokens are accepted forever, so a leaked token never stops working";

pub(crate) fn assign(w: &mut Walker<'_, '_>, a: &ExprAssign) {
    let Expr::Field(f) = peel(&a.left) else {
        return;
    };
    if matches!(&f.member, Member::Named(n) if n == "validate_exp") && is_lit_bool(&a.right, false)
    {
        let span = w.span(a);
        if !file_facts(w).exp_checked(span) {
            report(w, span, EXP_MESSAGE.into(), true);
        }
    }
}

pub(crate) fn struct_lit(w: &mut Walker<'_, '_>, s: &ExprStruct) {
    for f in &s.fields {
        if matches!(&f.member, Member::Named(n) if n == "validate_exp")
            && is_lit_bool(&f.expr, false)
        {
            let span = w.span(f);
            if !file_facts(w).exp_checked(span) {
                report(w, span, EXP_MESSAGE.into(), true);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Facts about the functions of a file.

/// Whether the text can split a token at its dots (the markers of hand-rolled decoding).
fn splits_at_dots(text: &str) -> bool {
    DOT_SPLITS
        .iter()
        .any(|m| memchr::memmem::find(text.as_bytes(), m.as_bytes()).is_some())
}

/// Names of base64 decoding functions (`base64::decode`, `decode_config`, `Engine::decode`,
/// and helpers such as `decode_base64` or `b64_decode`).
fn is_b64_fn_name(name: &str) -> bool {
    matches!(
        name,
        "decode" | "decode_config" | "decode_engine" | "decode_to_vec"
    ) || is_b64_helper(name)
}

/// A function of the project that base64-decodes (`decode_base64`, `base64_url_decode`).
fn is_b64_helper(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("decode") && (lower.contains("base64") || lower.contains("b64"))
}

/// Names of base64 decoding methods (`URL_SAFE_NO_PAD.decode(..)`, `decode_vec`,
/// `self.decode_base64(..)`).
fn is_b64_method_name(name: &str) -> bool {
    matches!(name, "decode" | "decode_vec" | "decode_to_vec") || is_b64_helper(name)
}

/// One function of the file (index 0 is the file outside any function).
#[derive(Debug, Default)]
struct Unit {
    name: String,
    span: Span,
    /// Calls a verifying decode.
    verifies: bool,
    /// The names of the verifying calls it makes (`decode`, `verify_jwt`).
    verified_by: HashSet<String>,
    /// Turns signature validation off (`insecure_disable_signature_validation()`).
    insecure: bool,
    /// Names of the functions and methods it calls.
    calls: HashSet<String>,
    /// Variables holding parts of a token split at its dots; `true` for the header.
    parts: HashMap<String, bool>,
    /// Deserializes something (`serde_json::from_slice`, `from_str`, …).
    deserializes: bool,
    /// Base64 decoding calls of a token part other than the header.
    decodes: Vec<Span>,
    /// Compares a token's `exp` by hand (`now > exp`, `claims.exp < now`).
    checks_exp: bool,
    /// Its doc comment says it does not validate the token (`CAUTION: does NOT validate
    /// the signature`): a documented helper, whose callers choose what to trust.
    documented_unverified: bool,
    /// The type of `Self`, in an `impl` block.
    self_ty: Option<String>,
    /// A test (`#[test]`, or in a `#[cfg(test)]` module): not a caller that counts.
    test: bool,
    /// `T` of a `TokenData<T>` it returns.
    returns_claims: Option<String>,
    /// Claims it reads by name (`payload.get("exp")`, `json["exp"]`).
    claim_reads: Vec<String>,
    /// It returns a number or a time (`-> i64`, `-> Option<DateTime<Utc>>`), not the claims.
    returns_time: bool,
    /// Types named where it binds or produces values (a closure's `-> Option<TokenClaims>`,
    /// `let claims: TokenClaims`): the claims type when no turbofish names it.
    typed_as: Vec<String>,
}

impl Unit {
    /// A hand-rolled decode that reads only claims that identify no one (`exp` for a
    /// session's lifetime) and returns a time, not the claims.
    fn reads_times_only(&self) -> bool {
        self.returns_time
            && !self.claim_reads.is_empty()
            && self
                .claim_reads
                .iter()
                .all(|c| IDENTIFY_NO_ONE.contains(&c.as_str()))
    }
}

/// Whether a return type is a number or a time, possibly optional or in a `Result`.
fn time_type(ty: &syn::Type) -> bool {
    let syn::Type::Path(p) = ty else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    match last.ident.to_string().as_str() {
        "i64" | "u64" | "i32" | "u32" | "usize" | "isize" | "f64" | "DateTime"
        | "NaiveDateTime" | "OffsetDateTime" | "SystemTime" | "Instant" | "Duration"
        | "Timestamp" => true,
        "Option" | "Result" => match &last.arguments {
            syn::PathArguments::AngleBracketed(a) => {
                matches!(a.args.first(), Some(syn::GenericArgument::Type(t)) if time_type(t))
            }
            _ => false,
        },
        _ => false,
    }
}

/// What the rule needs to know about a file's functions.
#[derive(Debug, Default)]
pub(crate) struct FileFacts {
    units: Vec<Unit>,
    /// Per unit: it verifies, or a function of the file that verifies calls it.
    covered: Vec<bool>,
    /// Hand-rolled decodes that are findings.
    hand_rolled: HashSet<Span>,
    /// Per unit: it checks `exp` by hand, or a function of the file that does calls it.
    exp_checked: Vec<bool>,
    /// Some function of the file reads a decoded token's `exp` (`claims.exp`), or a struct
    /// of the file carries a deadline of its own (`halt_at: SystemTime`): the application
    /// handles expiry itself (a licence shown as expired).
    reads_exp: bool,
    /// Structs of the file and the names of their fields.
    structs: HashMap<String, Vec<String>>,
}

/// Claims that identify no one and grant nothing: those that choose the key (or key set) a
/// token is then verified with, and its times. A decode that reads only these (a session's
/// lifetime taken from a token the server got from its identity provider) makes no
/// authentication decision.
const IDENTIFY_NO_ONE: &[&str] = &[
    "iss", "kid", "alg", "typ", "jku", "x5u", "exp", "nbf", "iat",
];

impl FileFacts {
    /// The innermost function holding `span` (0: none).
    /// Whether the function holding `span` only peeks at a token for its caller, which then
    /// verifies it: a function of the file calls it and also verifies with signature
    /// validation on, itself or through another function of the file (`try_auth` reads the
    /// user id with `decode_no_verify`, then checks the token with that user's key in
    /// `decode_token`).
    fn peek_then_verify(&self, span: Span) -> bool {
        let f = self.unit_at(span);
        if f == 0 {
            return false;
        }
        let name = self.units[f].name.as_str();
        let secure = |u: &Unit| u.verifies && !u.insecure && u.name != name;
        self.units.iter().skip(1).any(|g| {
            g.calls.contains(name)
                && (secure(g)
                    || g.calls
                        .iter()
                        .any(|c| self.units.iter().skip(1).any(|h| h.name == *c && secure(h))))
        })
    }

    /// Whether a function of the file other than unit `u` calls it (by name).
    fn called_in_file(&self, u: usize) -> bool {
        let name = &self.units[u].name;
        self.units
            .iter()
            .enumerate()
            .any(|(i, g)| i != u && !g.test && g.calls.contains(name))
    }

    fn unit_at(&self, span: Span) -> usize {
        self.units
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, u)| u.span.start <= span.start && span.end <= u.span.end)
            .min_by_key(|(_, u)| u.span.len())
            .map_or(0, |(i, _)| i)
    }

    /// Whether a decode at `span` is followed by verification (see the module docs), or is
    /// in a helper documented as not validating.
    fn covered(&self, span: Span) -> bool {
        let unit = self.unit_at(span);
        self.covered.get(unit).copied().unwrap_or(false)
            || self
                .units
                .get(unit)
                .is_some_and(|u| u.documented_unverified)
    }

    /// Whether `validate_exp = false` at `span` is followed by a check of `exp` by hand.
    fn exp_checked(&self, span: Span) -> bool {
        let unit = self.unit_at(span);
        self.reads_exp || (unit > 0 && self.exp_checked.get(unit).copied().unwrap_or(false))
    }

    /// Whether an insecure decode at `span` (with the claims type `turbofish`, if named)
    /// reads only claims that identify no one ([`IDENTIFY_NO_ONE`]: `iss`, `kid`, `exp`):
    /// a struct of the file with only those fields.
    fn reads_no_identity(&self, span: Span, turbofish: Option<&str>) -> bool {
        reads_no_identity(&self.units[self.unit_at(span)], turbofish, &self.structs)
    }
}

/// Whether a decode in `u` (with the claims type `turbofish`, if named) reads only claims
/// that identify no one ([`IDENTIFY_NO_ONE`]: `iss`, `kid`, `exp`): a struct of the file
/// with only those fields.
fn reads_no_identity(
    u: &Unit,
    turbofish: Option<&str>,
    structs: &HashMap<String, Vec<String>>,
) -> bool {
    let ty = turbofish.or(u.returns_claims.as_deref());
    let ty = match ty {
        Some("Self") => u.self_ty.as_deref(),
        t => t,
    };
    let no_one = |fields: &Vec<String>| {
        !fields.is_empty() && fields.iter().all(|f| IDENTIFY_NO_ONE.contains(&f.as_str()))
    };
    if let Some(t) = ty {
        return structs.get(t).is_some_and(no_one);
    }
    // No type named at the decode: the structs of the file the function's closures and
    // bindings are typed as (`|p| -> Option<TokenClaims> { .. from_slice(..) }`).
    let mut named = u.typed_as.iter().filter_map(|t| structs.get(t)).peekable();
    named.peek().is_some() && named.all(no_one)
}

/// The facts of the walker's file, computed from its tree on first use.
fn file_facts<'w>(w: &'w mut Walker<'_, '_>) -> &'w FileFacts {
    if w.scratch.get::<FileFacts>().is_none() {
        let facts = match w.file {
            Some(file) => compute(file, w.base, w.text),
            None => FileFacts::default(),
        };
        *w.scratch.entry::<FileFacts>() = facts;
    }
    w.scratch.get::<FileFacts>().expect("set above")
}

/// Marks, from those already `marked`, every function (unit 1..) called by a marked function, until nothing
/// changes: what a caller checks holds in the functions it calls.
fn spread_to_callees(units: &[Unit], mut marked: Vec<bool>) -> Vec<bool> {
    loop {
        let mut changed = false;
        for i in 1..units.len() {
            if marked[i] {
                continue;
            }
            let name = &units[i].name;
            if units
                .iter()
                .enumerate()
                .skip(1)
                .any(|(j, u)| marked[j] && u.calls.contains(name))
            {
                marked[i] = true;
                changed = true;
            }
        }
        if !changed {
            return marked;
        }
    }
}

fn compute(file: &syn::File, base: u32, text: &str) -> FileFacts {
    let mut c = Collector {
        reads_exp: false,
        deadline_structs: Vec::new(),
        base,
        text,
        units: vec![Unit::default()],
        stack: vec![0],
        self_ty: None,
        structs: HashMap::new(),
        test_mods: 0,
    };
    c.visit_file(file);
    let structs = c.structs;
    let units = c.units;
    let exp_checked = spread_to_callees(&units, units.iter().map(|u| u.checks_exp).collect());
    // A token's claims that carry their own deadline: a struct with one that the file
    // decodes into (`decode::<Licence>`) or holds claims as (`let l: Licence`).
    let reads_exp = c.reads_exp
        || c.deadline_structs.iter().any(|n| {
            c.text.contains(&format!("::<{n}>"))
                || units
                    .iter()
                    .any(|u| u.typed_as.contains(n) || u.returns_claims.as_ref() == Some(n))
        });
    let mut seed: Vec<bool> = units.iter().map(|u| u.verifies).collect();
    seed[0] = units.iter().any(|u| u.verifies);
    let covered = spread_to_callees(&units, seed);
    let hand_rolled = units
        .iter()
        .zip(&covered)
        .filter(|(u, cov)| {
            u.deserializes
                && !**cov
                && !u.documented_unverified
                && !u.reads_times_only()
                && !reads_no_identity(u, None, &structs)
        })
        .flat_map(|(u, _)| u.decodes.iter().copied())
        .collect();
    FileFacts {
        units,
        covered,
        hand_rolled,
        exp_checked,
        reads_exp,
        structs,
    }
}

/// A field that holds a deadline as a time (`halt_at: SystemTime`, `expires_at:
/// DateTime<Utc>`, `valid_until: OffsetDateTime`): claims that carry their own end, which
/// the application checks instead of `exp` (a licence that warns, then halts).
fn deadline_field(f: &syn::Field) -> bool {
    let Some(name) = &f.ident else { return false };
    let name = name.to_string().to_ascii_lowercase();
    time_type(&f.ty)
        && name.split('_').any(|w| {
            matches!(
                w,
                "expires"
                    | "expiry"
                    | "expiration"
                    | "until"
                    | "deadline"
                    | "halt"
                    | "end"
                    | "ends"
            )
        })
}

struct Collector<'t> {
    /// Depth of `#[cfg(test)]` modules around the node visited.
    test_mods: u32,
    /// A field `exp` is read somewhere (`claims.exp`, `raw.exp`).
    reads_exp: bool,
    /// Structs with a deadline field of a time type ([`deadline_field`]).
    deadline_structs: Vec<String>,
    base: u32,
    text: &'t str,
    units: Vec<Unit>,
    /// Open units, innermost last.
    stack: Vec<usize>,
    /// The type of the `impl` block being visited.
    self_ty: Option<String>,
    structs: HashMap<String, Vec<String>>,
}

impl Collector<'_> {
    fn sp(&self, s: proc_macro2::Span) -> Span {
        let r = s.byte_range();
        Span::new(r.start as u32 + self.base, r.end as u32 + self.base)
    }

    fn source(&self, s: Span) -> &str {
        self.text
            .get(s.start as usize..s.end as usize)
            .unwrap_or("")
    }

    fn unit(&mut self) -> &mut Unit {
        let i = *self.stack.last().expect("the file unit is never popped");
        &mut self.units[i]
    }

    fn open(&mut self, name: String, span: Span) {
        self.units.push(Unit {
            name,
            span,
            ..Unit::default()
        });
        self.stack.push(self.units.len() - 1);
    }

    fn close(&mut self) {
        self.stack.pop();
    }

    /// Whether `e` holds part of a split token: a dot split itself, or a variable bound
    /// to one. `Some(true)` when it is only the header.
    fn token_part(&self, e: &Expr) -> Option<bool> {
        let mut f = PartFinder {
            parts: &self.units[*self.stack.last().expect("file unit")].parts,
            split: false,
            header_only: true,
            any: false,
        };
        f.visit_expr(e);
        if !f.any && !f.split {
            return None;
        }
        let text = self.source(self.sp(e.span())).to_ascii_lowercase();
        let header_text = [
            "[0]",
            ".first()",
            "get(0)",
            "nth(0)",
            "header",
            "split('.').next()",
            "split(\".\").next()",
        ]
        .iter()
        .any(|h| text.contains(h));
        Some(header_text || (f.any && !f.split && f.header_only))
    }

    /// Binds the variables of `pat` as parts of a split token when `init` holds one.
    fn bind(&mut self, pat: &syn::Pat, init: &Expr) {
        let Some(header) = self.token_part(init) else {
            return;
        };
        // `let Some((header, rest)) = token.split_once('.')`: the first element is the
        // header, whatever its name.
        if let Some(tuple) = pair_pattern(pat) {
            if self.splits_whole_token(init) {
                for (i, p) in tuple.elems.iter().enumerate() {
                    let mut names = Vec::new();
                    PatIdents(&mut names).visit_pat(p);
                    for n in names {
                        self.unit().parts.insert(n, i == 0);
                    }
                }
                return;
            }
        }
        let mut names = Vec::new();
        PatIdents(&mut names).visit_pat(pat);
        for n in names {
            let lower = n.to_ascii_lowercase();
            let h = header || lower.contains("header") || lower == "head" || lower == "hdr";
            self.unit().parts.insert(n, h);
        }
    }

    /// Whether `init` is `token.split_once('.')` (through `?`, `unwrap`, …) of something
    /// that is not already a part of the token.
    fn splits_whole_token(&self, init: &Expr) -> bool {
        let mut e = peel(init);
        loop {
            match e {
                Expr::Try(t) => e = peel(&t.expr),
                Expr::MethodCall(m) if m.method == "split_once" && is_dot_split(m) => {
                    return self.token_part(&m.receiver).is_none();
                }
                Expr::MethodCall(m)
                    if matches!(
                        m.method.to_string().as_str(),
                        "unwrap"
                            | "expect"
                            | "unwrap_or"
                            | "unwrap_or_default"
                            | "ok_or"
                            | "ok_or_else"
                    ) =>
                {
                    e = peel(&m.receiver);
                }
                _ => return false,
            }
        }
    }

    /// A base64 decoding call of a token part other than the header.
    fn decoding(&mut self, span: Span, args: &[&Expr]) {
        if args.iter().any(|a| self.token_part(a) == Some(false)) {
            self.unit().decodes.push(span);
        }
    }

    fn called(&mut self, name: &str, nargs: usize) {
        let u = self.unit();
        u.calls.insert(name.to_owned());
        if is_verifying(name, nargs) {
            u.verifies = true;
            u.verified_by.insert(name.to_owned());
        }
        if matches!(
            name,
            "from_slice" | "from_str" | "from_reader" | "from_value" | "from_bytes"
        ) {
            u.deserializes = true;
        }
    }
}

/// A call that checks a token's signature.
fn is_verifying(name: &str, nargs: usize) -> bool {
    if INSECURE.contains(&name) {
        return false;
    }
    name.contains("verify")
        || (name == "decode" && nargs >= 3)
        || (name.contains("validate") && nargs >= 1)
        || name == "into_decoded"
}

/// A dot split: `.split('.')`, `.splitn(3, '.')`, `.rsplit_once(".")`, ….
fn is_dot_split(m: &ExprMethodCall) -> bool {
    matches!(
        m.method.to_string().as_str(),
        "split"
            | "splitn"
            | "rsplit"
            | "rsplitn"
            | "split_terminator"
            | "split_once"
            | "rsplit_once"
    ) && m.args.iter().any(|a| match peel(a) {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Char(c) => c.value() == '.',
            syn::Lit::Str(s) => s.value() == ".",
            _ => false,
        },
        _ => false,
    })
}

/// Looks for dot splits and token-part variables in an expression.
struct PartFinder<'p> {
    parts: &'p HashMap<String, bool>,
    split: bool,
    /// Every part variable met is a header.
    header_only: bool,
    any: bool,
}

impl<'ast> Visit<'ast> for PartFinder<'_> {
    fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
        if is_dot_split(m) {
            self.split = true;
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(id) = p.path.get_ident() {
            if let Some(h) = self.parts.get(&id.to_string()) {
                self.any = true;
                self.header_only &= *h;
            }
        }
    }
}

/// The pair of `(a, b)`, `Some((a, b))`, `Ok((a, b))`.
fn pair_pattern(p: &syn::Pat) -> Option<&syn::PatTuple> {
    match p {
        syn::Pat::Tuple(t) if t.elems.len() == 2 => Some(t),
        syn::Pat::TupleStruct(ts) if ts.elems.len() == 1 => pair_pattern(&ts.elems[0]),
        syn::Pat::Type(t) => pair_pattern(&t.pat),
        _ => None,
    }
}

/// The variables a pattern binds.
struct PatIdents<'a>(&'a mut Vec<String>);

impl<'ast> Visit<'ast> for PatIdents<'_> {
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        self.0.push(p.ident.to_string());
        visit::visit_pat_ident(self, p);
    }
}

impl Collector<'_> {
    /// Visits a function's body between opening and closing its scope.
    fn function(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        span: proc_macro2::Span,
        body: impl FnOnce(&mut Self),
    ) {
        let span = self.sp(span);
        self.open(sig.ident.to_string(), span);
        let self_ty = self.self_ty.clone();
        let returns_claims = match &sig.output {
            syn::ReturnType::Type(_, ty) => token_data_arg(ty),
            syn::ReturnType::Default => None,
        };
        let returns_time = matches!(&sig.output, syn::ReturnType::Type(_, ty) if time_type(ty));
        let test = self.test_mods > 0 || attrs.iter().any(super::is_test_attr);
        let u = self.unit();
        u.test = test;
        u.documented_unverified = documented_unverified(attrs);
        u.self_ty = self_ty;
        u.returns_claims = returns_claims;
        u.returns_time = returns_time;
        body(self);
        self.close();
    }
}

/// A doc comment saying the function does not check the token: "does not validate",
/// "does NOT verify the signature", "unvalidated", "without verification".
fn documented_unverified(attrs: &[syn::Attribute]) -> bool {
    let mut doc = String::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            {
                doc.push_str(&s.value().to_ascii_lowercase());
                doc.push(' ');
            }
        }
    }
    let doc = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    [
        "not validate",
        "not verify",
        "unvalidated",
        "unverified",
        "without validat",
        "without verif",
        "without any signature",
        "without checking the signature",
    ]
    .iter()
    .any(|p| doc.contains(p))
}

/// The names of a type and of its generic arguments (`Option<TokenClaims>`: `Option`,
/// `TokenClaims`).
fn type_names(ty: &syn::Type, out: &mut Vec<String>) {
    let syn::Type::Path(p) = ty else { return };
    let Some(last) = p.path.segments.last() else {
        return;
    };
    out.push(last.ident.to_string());
    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
        for a in &args.args {
            if let syn::GenericArgument::Type(t) = a {
                type_names(t, out);
            }
        }
    }
}

/// `T` of a type `TokenData<T>` (through `Result<TokenData<T>, E>`).
fn token_data_arg(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut tys = args.args.iter().filter_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    if last.ident == "TokenData" {
        if let Some(syn::Type::Path(t)) = tys.next() {
            return t.path.segments.last().map(|s| s.ident.to_string());
        }
        return None;
    }
    tys.find_map(token_data_arg)
}

/// The value of a string literal (`"exp"`).
fn str_lit(e: &Expr) -> Option<String> {
    match peel(e) {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// Whether an expression reads a claim named `exp` (`exp`, `claims.exp`).
fn mentions_exp(e: &Expr) -> bool {
    match peel(e) {
        Expr::Path(p) => p.path.is_ident("exp"),
        Expr::Field(f) => matches!(&f.member, Member::Named(n) if n == "exp"),
        Expr::MethodCall(m) => mentions_exp(&m.receiver),
        Expr::Unary(u) => mentions_exp(&u.expr),
        Expr::Binary(b) => mentions_exp(&b.left) || mentions_exp(&b.right),
        _ => false,
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function(&f.attrs, &f.sig, f.span(), |c| visit::visit_item_fn(c, f));
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let test = m.attrs.iter().any(super::is_test_attr);
        self.test_mods += u32::from(test);
        visit::visit_item_mod(self, m);
        self.test_mods -= u32::from(test);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.function(&f.attrs, &f.sig, f.span(), |c| {
            visit::visit_impl_item_fn(c, f);
        });
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        self.function(&f.attrs, &f.sig, f.span(), |c| {
            visit::visit_trait_item_fn(c, f);
        });
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let ty = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let saved = std::mem::replace(&mut self.self_ty, ty);
        visit::visit_item_impl(self, i);
        self.self_ty = saved;
    }

    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        let fields = s
            .fields
            .iter()
            .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
            .collect();
        self.structs.insert(s.ident.to_string(), fields);
        if s.fields.iter().any(deadline_field) {
            self.deadline_structs.push(s.ident.to_string());
        }
        visit::visit_item_struct(self, s);
    }

    fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
        if matches!(&f.member, Member::Named(n) if n == "exp") {
            self.reads_exp = true;
        }
        visit::visit_expr_field(self, f);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp;
        if matches!(
            b.op,
            BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
        ) && (mentions_exp(&b.left) || mentions_exp(&b.right))
        {
            self.unit().checks_exp = true;
        }
        visit::visit_expr_binary(self, b);
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        if let syn::ReturnType::Type(_, ty) = &c.output {
            type_names(ty, &mut self.unit().typed_as);
        }
        visit::visit_expr_closure(self, c);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let syn::Pat::Type(pt) = &l.pat {
            type_names(&pt.ty, &mut self.unit().typed_as);
        }
        if let Some(init) = &l.init {
            self.bind(&l.pat, &init.expr);
        }
        visit::visit_local(self, l);
    }

    fn visit_expr_let(&mut self, e: &'ast syn::ExprLet) {
        self.bind(&e.pat, &e.expr);
        visit::visit_expr_let(self, e);
    }

    fn visit_expr_for_loop(&mut self, e: &'ast syn::ExprForLoop) {
        self.bind(&e.pat, &e.expr);
        visit::visit_expr_for_loop(self, e);
    }

    fn visit_expr_call(&mut self, c: &'ast ExprCall) {
        if let Expr::Path(p) = &*c.func {
            let segs = segments(&p.path);
            if let Some(last) = segs.last() {
                self.called(last, c.args.len());
                let b64 = segs.iter().any(|s| {
                    let s = s.to_ascii_lowercase();
                    s.contains("base64") || s.contains("b64") || s == "engine"
                }) || matches!(last.as_str(), "decode_config" | "decode_engine");
                if is_b64_fn_name(last) && b64 {
                    let span = self.sp(c.span());
                    let args: Vec<&Expr> = c.args.iter().collect();
                    self.decoding(span, &args);
                }
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_index(&mut self, i: &'ast syn::ExprIndex) {
        if let Some(key) = str_lit(&i.index) {
            self.unit().claim_reads.push(key);
        }
        visit::visit_expr_index(self, i);
    }

    fn visit_expr_method_call(&mut self, m: &'ast ExprMethodCall) {
        let name = m.method.to_string();
        self.called(&name, m.args.len());
        if name == "insecure_disable_signature_validation" {
            self.unit().insecure = true;
        }
        // `claims.is_expired()`, `token.check_expiry(now)`: expiry checked by a method.
        if checks_expiry_by_name(&name) {
            self.unit().checks_exp = true;
        }
        if name == "get" && m.args.len() == 1 {
            if let Some(key) = str_lit(&m.args[0]) {
                self.unit().claim_reads.push(key);
            }
        }
        if is_b64_method_name(&name) && !m.args.is_empty() {
            let recv = self.source(self.sp(m.receiver.span())).to_ascii_lowercase();
            let b64 = [
                "base64",
                "b64",
                "url_safe",
                "standard",
                "engine",
                "general_purpose",
            ]
            .iter()
            .any(|k| recv.contains(k))
                || is_b64_helper(&name);
            if b64 {
                let span = self
                    .sp(m.method.span())
                    .cover(self.sp(m.paren_token.span.close()));
                let args: Vec<&Expr> = m.args.iter().collect();
                self.decoding(span, &args);
            }
        }
        // `parts.get(1).map(|p| URL_SAFE_NO_PAD.decode(p))`: the closure's parameters are
        // parts of the token when the receiver is.
        if let Some(header) = self.token_part(&m.receiver) {
            for a in &m.args {
                if let Expr::Closure(cl) = peel(a) {
                    let mut names = Vec::new();
                    for p in &cl.inputs {
                        PatIdents(&mut names).visit_pat(p);
                    }
                    for n in names {
                        self.unit().parts.insert(n, header);
                    }
                }
            }
        }
        visit::visit_expr_method_call(self, m);
    }
}

pub(crate) struct JwtValidationDisabled;

impl super::RustRule for JwtValidationDisabled {
    fn rule(&self) -> Rule {
        Rule::JwtValidationDisabled
    }

    fn markers(&self) -> &'static [&'static str] {
        MARKERS
    }

    fn assign(&self, w: &mut Walker<'_, '_>, a: &ExprAssign) {
        assign(w, a);
    }

    fn struct_lit(&self, w: &mut Walker<'_, '_>, s: &ExprStruct) {
        struct_lit(w, s);
    }

    fn call(&self, w: &mut Walker<'_, '_>, c: &ExprCall, segs: &[String]) {
        call(w, c, segs);
    }

    fn method(&self, w: &mut Walker<'_, '_>, m: &ExprMethodCall, _top: bool) {
        method(w, m);
    }

    fn finish(&self, p: &super::Project<'_>) -> Vec<(usize, Hit)> {
        finish(p)
    }
}

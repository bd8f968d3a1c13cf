//! After the parallel pass: the summaries of the helpers of the whole project matched
//! with the calls that pass them request values, and the structs wanted from other files.

use super::*;

/// Summaries by function name, method or not, and parameter; with their file.
pub(super) type Summaries<'p> = HashMap<(&'p str, bool, usize), Vec<(usize, &'p Summary)>>;

/// How a function fails.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fails<'p> {
    /// With phrases of the code: an encoder's, string literals, contexts, an error type
    /// whose text is fixed.
    Fixed,
    /// With an error type whose `Display` is fixed and whose `Debug` may not be (it wraps
    /// another error it does not print).
    Shown,
    /// With the failures of these functions, handed on.
    HandsOn(&'p [String]),
    /// With text it does not choose.
    Other,
}

/// Each function of the files returning a `Result` ([`FlowFacts::fails_with`]), or known to
/// fail with phrases ([`FlowFacts::encoders`], [`FlowFacts::encoders_if`]): its file and
/// how it fails, by name.
fn failures<'p>(
    files: &[Option<&'p FlowFacts>],
    closed: &HashSet<&str>,
) -> HashMap<&'p str, Vec<(usize, Fails<'p>)>> {
    let texts = files.iter().flatten().flat_map(|f| &f.error_texts);
    let fixed = fixed_types(texts.clone(), closed, true);
    let shown = fixed_types(texts.clone(), closed, false);
    let error_types: HashSet<&str> = texts.map(|t| t.name.as_str()).collect();
    let mut out: HashMap<&str, Vec<(usize, Fails)>> = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        let Some(f) = f else { continue };
        let mut of_file: HashMap<&str, Fails> = HashMap::new();
        for (name, e) in &f.fails_with {
            let how = match of_file.get(name.as_str()) {
                Some(Fails::Other) => Fails::Other,
                Some(Fails::Shown) if is_fixed(e, &shown, &error_types) => Fails::Shown,
                Some(Fails::Shown) => Fails::Other,
                _ if is_fixed(e, &fixed, &error_types) => Fails::Fixed,
                _ if is_fixed(e, &shown, &error_types) => Fails::Shown,
                _ => Fails::Other,
            };
            of_file.insert(name.as_str(), how);
        }
        for (name, deps) in &f.encoders_if {
            of_file.insert(name.as_str(), Fails::HandsOn(deps));
        }
        // Their failures are phrases (`.context("..")`) or formatting errors: fixed in their
        // `Display`; anyhow's `{e:?}`/`{e:#}` prints the causes under a context.
        for name in &f.encoders {
            of_file.insert(name.as_str(), Fails::Shown);
        }
        for (name, how) in of_file {
            out.entry(name).or_default().push((fi, how));
        }
    }
    out
}

/// Field facts of the project, by struct name.
pub(crate) struct Project<'p> {
    pub(super) structs: HashMap<&'p str, Vec<(usize, &'p StructFact)>>,
    pub(super) summaries: Summaries<'p>,
    /// Functions defined more than once (by name and kind): not followed for methods.
    pub(super) ambiguous_methods: HashSet<&'p str>,
    /// The module each file is (its stem, or its folder for a `mod.rs`), if known.
    pub(super) modules: Vec<Option<&'p str>>,
    /// The in-memory encoders of the files walked ([`FlowFacts::encoders`]).
    pub(super) encoders: HashSet<&'p str>,
    /// The enums of unit variants of the files walked or read ([`FlowFacts::closed`]).
    pub(super) closed: HashSet<&'p str>,
    /// How the functions of the project fail, by name: each definition's file and
    /// [`Fails`].
    pub(super) fails: HashMap<&'p str, Vec<(usize, Fails<'p>)>>,
    /// Whether the crate of the first file can call the functions of the second's.
    pub(super) reaches: &'p dyn Fn(usize, usize) -> bool,
}

impl<'p> Project<'p> {
    pub fn new(
        files: &[Option<&'p FlowFacts>],
        modules: Vec<Option<&'p str>>,
        reaches: &'p dyn Fn(usize, usize) -> bool,
    ) -> Self {
        let mut structs: HashMap<&str, Vec<(usize, &StructFact)>> = HashMap::new();
        let mut summaries: Summaries = HashMap::new();
        let mut defined: HashMap<&str, HashSet<usize>> = HashMap::new();
        let mut encoders = HashSet::new();
        let mut closed = HashSet::new();
        for (fi, f) in files.iter().enumerate() {
            let Some(f) = f else { continue };
            if f.walked {
                encoders.extend(f.encoders.iter().map(String::as_str));
            }
            closed.extend(f.closed.iter().map(String::as_str));
            for s in &f.structs {
                structs.entry(s.name.as_str()).or_default().push((fi, s));
            }
            for s in &f.summaries {
                summaries
                    .entry((s.func.as_str(), s.method, s.param))
                    .or_default()
                    .push((fi, s));
                if s.method {
                    defined.entry(s.func.as_str()).or_default().insert(fi);
                }
            }
        }
        let fails = failures(files, &closed);
        let ambiguous_methods = defined
            .into_iter()
            .filter(|(_, f)| f.len() > 1)
            .map(|(n, _)| n)
            .collect();
        Project {
            structs,
            summaries,
            ambiguous_methods,
            modules,
            encoders,
            closed,
            fails,
            reaches,
        }
    }

    /// Whether a condition of a finding in file `home` holds.
    pub fn holds(&self, c: &Cond, home: usize) -> bool {
        match c {
            Cond::FieldText(s, f) => self.field(home, s, f, |class, _| class == Class::Text),
            Cond::FieldWide(s, f) => self.field(home, s, f, |class, bounded| {
                class == Class::Number && !bounded
            }),
            Cond::Into(s, f) => self.field(home, s, f, |class, bounded| {
                class != Class::Narrow && !bounded
            }),
            Cond::NotEncoder(fs, debug) => {
                fs.is_empty()
                    || !fs.iter().all(|f| {
                        (!debug && self.encoders.contains(f.as_str()))
                            || self.fails_fixed(f, home, *debug)
                    })
            }
            Cond::NotClosed(types) => !types.iter().all(|t| {
                self.closed.contains(t.as_str()) && !self.structs.contains_key(t.as_str())
            }),
            Cond::NotCollection(s, f) => !self
                .definitions(home, s)
                .iter()
                .any(|d| d.collections.iter().any(|c| c == f)),
            Cond::UsedBy { rule, calls } => calls.iter().any(|(name, method, i)| {
                if *method && self.ambiguous_methods.contains(name.as_str()) {
                    return false;
                }
                self.summaries
                    .get(&(name.as_str(), *method, *i))
                    .is_some_and(|v| {
                        v.iter()
                            .any(|(_, s)| matches!(s.effect, Effect::Use(r) if r == *rule))
                            && !v.iter().any(|(_, s)| matches!(s.effect, Effect::Bounds))
                    })
            }),
        }
    }

    /// Whether function `f`, called from file `home`, fails only with phrases of the code:
    /// every definition of it that `home`'s crate can call does (one at least), or hands on
    /// only failures of such functions (followed three steps). Printed with `Debug` when
    /// `debug` (which shows what an error wraps), else with `Display`.
    fn fails_fixed(&self, f: &str, home: usize, debug: bool) -> bool {
        self.fails_fixed_within(f, home, 3, debug)
    }

    fn fails_fixed_within(&self, f: &str, home: usize, steps: usize, debug: bool) -> bool {
        let mut defs = self
            .fails
            .get(f)
            .into_iter()
            .flatten()
            .filter(|(fi, _)| (self.reaches)(home, *fi))
            .peekable();
        defs.peek().is_some()
            && defs.all(|(fi, how)| match how {
                Fails::Fixed => true,
                Fails::Shown => !debug,
                Fails::Other => false,
                Fails::HandsOn(deps) => {
                    !debug
                        && steps > 0
                        && deps
                            .iter()
                            .all(|d| d != f && self.fails_fixed_within(d, *fi, steps - 1, debug))
                }
            })
    }

    /// Judges field `f` of struct `s` by its definitions: the one in file `home` if there
    /// is one, else those that have the field; none (a struct from a dependency, a
    /// flattened field) is not judged and holds.
    pub(super) fn field(
        &self,
        home: usize,
        s: &str,
        f: &str,
        ok: impl Fn(Class, bool) -> bool,
    ) -> bool {
        let found: Vec<(Class, bool)> = self
            .definitions(home, s)
            .iter()
            .filter_map(|d| d.fields.iter().find(|(n, _, _)| n == f))
            .map(|(_, c, b)| (*c, *b))
            .collect();
        found.is_empty() || found.iter().any(|(c, b)| ok(*c, *b))
    }

    /// The definitions of struct `s`: the one in file `home` if there is one, else all.
    pub(super) fn definitions(&self, home: usize, s: &str) -> Vec<&'p StructFact> {
        let Some(defs) = self.structs.get(s) else {
            return Vec::new();
        };
        let local: Vec<_> = defs
            .iter()
            .filter(|(fi, _)| *fi == home)
            .map(|(_, d)| *d)
            .collect();
        if local.is_empty() {
            defs.iter().map(|(_, d)| *d).collect()
        } else {
            local
        }
    }

    /// Sinks in helpers reached by a handler's call: (file index, the summary's sink).
    pub fn reached(&self, call: &'p CallFact, home: usize) -> Vec<(usize, &'p Summary)> {
        if call.method && self.ambiguous_methods.contains(call.callee.as_str()) {
            return Vec::new();
        }
        let Some(list) = self
            .summaries
            .get(&(call.callee.as_str(), call.method, call.arg))
        else {
            return Vec::new();
        };
        // Of another arity, or (`scheduler::delete(..)`) of another module than the call
        // names: a same-named function, not the one called.
        let module_ok = |hfi: usize| match (&call.module, self.modules.get(hfi).copied().flatten())
        {
            (Some(called), Some(defined)) => called == defined,
            _ => true,
        };
        list.iter()
            .filter(|(hfi, s)| s.arity == call.arity && module_ok(*hfi))
            .filter(|(hfi, s)| match &s.effect {
                Effect::Sink {
                    rule,
                    whole,
                    conds,
                    field,
                    ..
                } => {
                    // A field of the parameter that the caller's struct was given no
                    // request data in (`page.n` of `ParamsPage { anchor, n, .. }`).
                    if let (Some(f), Some(given)) = (field, call.taint.fields.as_deref()) {
                        if !given.iter().any(|g| g == f) {
                            return false;
                        }
                    }
                    // The sink's rule judges the caller's value.
                    let caller = crate::rust::rust_rule(*rule)
                        .and_then(|r| r.flow())
                        .and_then(|sink| sink.reaches(*whole, &call.taint));
                    caller.is_some_and(|c| c.iter().all(|c| self.holds(c, home)))
                        && conds.iter().all(|c| self.holds(c, *hfi))
                }
                Effect::Bounds | Effect::Use(_) => false,
            })
            .copied()
            .collect()
    }
}

/// What the structs a file defines may decide, by the markers it holds.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StructKinds {
    /// A validation bound ([`BOUND_ATTR_MARKERS`]): wide-number findings.
    pub bounds: bool,
    /// A collection type ([`COLLECTION_MARKERS`]): receivers of sinks.
    pub collections: bool,
}

/// Structs whose fields decide a finding of the file or a helper's sink, each with what it
/// decides: a wide number read from or put into one (`bounds`), a receiver that may be a
/// collection (`collections`). Those defined in files not walked are read on demand.
pub(crate) fn wanted_structs(f: &FlowFacts) -> impl Iterator<Item = (&str, StructKinds)> {
    // Of a helper's conditions, only a receiver's: its wide numbers are the caller's.
    let helpers = f
        .summaries
        .iter()
        .flat_map(|s| match &s.effect {
            Effect::Sink { conds, .. } => &conds[..],
            Effect::Bounds | Effect::Use(_) => &[],
        })
        .filter(|c| matches!(c, Cond::NotCollection(..)));
    let hits = f.hits.iter().flat_map(|(_, c)| c);
    hits.chain(helpers).filter_map(|c| match c {
        Cond::FieldWide(s, _) | Cond::Into(s, _) => Some((
            s.as_str(),
            StructKinds {
                bounds: true,
                collections: false,
            },
        )),
        Cond::NotCollection(s, _) => Some((
            s.as_str(),
            StructKinds {
                bounds: false,
                collections: true,
            },
        )),
        _ => None,
    })
}

/// The field facts of the structs named `names` that `text` defines with named fields,
/// each item found by [`struct_names`] and parsed on its own.
pub(crate) fn struct_facts_named(text: &str, names: &HashSet<&str>) -> Vec<StructFact> {
    let mut defs = Defs::default();
    let mut facts = Vec::new();
    for item in items_named::<syn::ItemStruct>(text, names, struct_names(text.as_bytes()), 7) {
        DefCollector {
            defs: &mut defs,
            facts: &mut facts,
        }
        .visit_item_struct(&item);
    }
    facts
}

/// The types whose being closed enums decides a finding of the file or a helper's sink
/// ([`Cond::NotClosed`]): those defined in files not walked are read on demand.
pub(crate) fn wanted_enums(f: &FlowFacts) -> impl Iterator<Item = &str> {
    let helpers = f.summaries.iter().flat_map(|s| match &s.effect {
        Effect::Sink { conds, .. } => &conds[..],
        Effect::Bounds | Effect::Use(_) => &[],
    });
    let hits = f.hits.iter().flat_map(|(_, c)| c);
    hits.chain(helpers)
        .filter_map(|c| match c {
            Cond::NotClosed(types) => Some(types.iter().map(String::as_str)),
            _ => None,
        })
        .flatten()
}

/// Of the enums named `names` that `text` defines, those whose variants are all units,
/// each item found by [`enum_names`] and parsed on its own.
pub(crate) fn closed_enums_named(text: &str, names: &HashSet<&str>) -> Vec<String> {
    items_named::<syn::ItemEnum>(text, names, enum_names(text.as_bytes()), 5)
        .into_iter()
        .filter(|e| !e.variants.is_empty() && e.variants.iter().all(|v| v.fields.is_empty()))
        .map(|e| e.ident.to_string())
        .collect()
}

/// The items of `text` named `names` among those `found` at their keyword (of `kw_len`
/// bytes with its space), each parsed on its own.
fn items_named<'t, T: syn::parse::Parse>(
    text: &'t str,
    names: &HashSet<&str>,
    found: impl Iterator<Item = (usize, &'t str)>,
    kw_len: usize,
) -> Vec<T> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, name) in found {
        if !names.contains(name) {
            continue;
        }
        let Some(close) = item_end(b, i + kw_len + name.len()) else {
            continue;
        };
        let src = &text[i..close];
        if apiward_source::depth::too_deep(src).is_some() {
            continue;
        }
        if let Ok(item) = syn::parse_str::<T>(src) {
            out.push(item);
        }
    }
    out
}

/// Functions the file's handlers pass request values to (for the on-demand parse of the
/// files that define them).
pub(crate) fn callees(f: &FlowFacts) -> impl Iterator<Item = &str> {
    let conds = f.hits.iter().flat_map(|(_, c)| c).flat_map(|c| match c {
        Cond::UsedBy { calls, .. } => calls.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    f.calls.iter().map(|c| c.callee.as_str()).chain(conds)
}

pub(crate) fn describe_call(call: &CallFact) -> String {
    format!("{} in `{}`", describe(&call.taint), call.handler)
}

//! The conditions a route is registered under (`cfg(..)`, an `if` or `match` arm that only
//! some runs take), and whether one names a development or test environment.

use crate::auth::words;

/// The longest condition text kept, in characters.
const MAX_CHARS: usize = 60;

/// Prefix of the condition of an `else` arm: `else of if config.is_production`.
pub(crate) const ELSE_OF: &str = "else of ";
/// Between the conditions of nested arms (`cfg(feature = "x"); if let Ok(p) = ..`), the
/// outermost first.
pub(crate) const AND: &str = "; ";

/// `cfg(x)` for `cfg(not(x))` (or `cfg(not (x))`, as tokens print it): the predicate a
/// negated `cfg` condition negates.
pub(crate) fn negated_cfg(c: &str) -> Option<String> {
    ["cfg(not (", "cfg(not("]
        .iter()
        .find_map(|p| c.strip_prefix(p)?.strip_suffix("))"))
        .map(|inner| format!("cfg({inner})"))
}

/// Whether two conditions are the two sides of one choice: `if x` and `else of if x`,
/// `cfg(x)` and `cfg(not(x))`, in either order.
pub(crate) fn complementary(a: &str, b: &str) -> bool {
    let one_way = |x: &str, y: &str| {
        y.strip_prefix(ELSE_OF) == Some(x) || negated_cfg(y).as_deref() == Some(x)
    };
    one_way(a, b) || one_way(b, a)
}

/// A condition's source text on one line, cut to [`MAX_CHARS`].
pub fn bounded(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= MAX_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(MAX_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Words that name a development, debug or test environment.
const DEV_WORDS: &[&str] = &["dev", "development", "debug", "devmode", "test", "testing"];
/// Words that name production.
const PROD_WORDS: &[&str] = &["prod", "production", "release"];
/// The other words a name may have for `local` to mean a local environment (`is_local`,
/// `local_mode`; not `local_auth`, `allow_local_login`).
const LOCAL_COMPANIONS: &[&str] = &["is", "local", "mode", "env", "environment", "only", "run"];

/// Whether a route registered under `condition` (as [`crate::Route::condition`] writes it)
/// is served only in development or test builds: `cfg(debug_assertions)`, `cfg(test)`,
/// `if cfg!(debug_assertions)`, `if config.dev_mode`, `if !is_production()`,
/// `if env == "development"`, `else of if config.is_production`, `match env: Env::Dev`.
pub fn dev_only(condition: &str) -> bool {
    let (text, flip) = match condition.strip_prefix(ELSE_OF) {
        Some(rest) => (rest, true),
        None => (condition, false),
    };
    let text = text.strip_prefix("if ").unwrap_or(text);
    // `match scrutinee: pattern`: the pattern names the environment.
    let text = match text.strip_prefix("match ") {
        Some(rest) => rest.split_once(": ").map_or(rest, |(_, pat)| pat),
        None => text,
    };
    let any_of: Vec<&str> = text.split("||").collect();
    let all_of: Vec<&str> = text.split("&&").collect();
    if flip {
        // `!(a && b)` and `!(a || b)` say too little.
        return any_of.len() == 1 && all_of.len() == 1 && atom(text) == Some(false);
    }
    if any_of.len() > 1 {
        return any_of.iter().all(|a| atom(a) == Some(true));
    }
    all_of.iter().any(|a| atom(a) == Some(true))
}

/// `Some(true)` when a simple condition holds only in development, `Some(false)` when only
/// in production, `None` when it says neither.
fn atom(text: &str) -> Option<bool> {
    let text = text.trim().trim_start_matches('(').trim_end_matches(')');
    let mut negated = text.trim_start().starts_with('!') && !text.starts_with("!=");
    negated ^= text.matches("!=").count() % 2 == 1;
    negated ^= text.matches("not(").count() % 2 == 1;
    // String literals compared against (`env == "development"`) and the names around them.
    let mut dev = false;
    let mut prod = false;
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 1 {
            let lit = part.to_ascii_lowercase();
            dev |= matches!(lit.as_str(), "dev" | "development" | "debug" | "local" | "test")
                // A feature named for development: `cfg(feature="dev-tools")`.
                || (text.contains("feature") && words(&lit).iter().any(|w| DEV_WORDS.contains(&w.as_str())));
            prod |= PROD_WORDS.contains(&lit.as_str());
            continue;
        }
        for name in part.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            let w = words(name);
            dev |= w.iter().any(|x| DEV_WORDS.contains(&x.as_str()))
                || (w.iter().any(|x| x == "local")
                    && w.iter().all(|x| LOCAL_COMPANIONS.contains(&x.as_str())));
            prod |= w.iter().any(|x| PROD_WORDS.contains(&x.as_str()));
        }
    }
    let says = match (dev, prod) {
        (true, false) => true,
        (false, true) => false,
        _ => return None,
    };
    Some(says != negated)
}

#[cfg(test)]
mod tests {
    use super::dev_only;

    #[test]
    fn development_conditions() {
        for c in [
            "cfg(debug_assertions)",
            "cfg(test)",
            "if cfg!(debug_assertions)",
            "if config.dev_mode",
            "if settings.server.enable_debug_routes",
            "if !is_production()",
            "if !config.is_production",
            "if env == \"development\"",
            "if config.env != \"production\"",
            "else of if config.is_production()",
            "if state.config.is_local()",
            "match config.environment: Environment::Development",
            "if cfg!(debug_assertions) && config.swagger",
            "cfg(feature=\"dev-oauth2-device-flow\")",
        ] {
            assert!(dev_only(c), "{c}");
        }
        for c in [
            "cfg(not(debug_assertions))",
            "cfg(feature=\"metrics\")",
            "if !cfg!(debug_assertions)",
            "if config.dev_mode || config.swagger",
            "if config.is_production",
            "if config.local_auth",
            "if config.developer_portal",
            "else of if config.dev_mode",
            "if let Some(dir) = config.static_dir",
            "match env: Environment::Production",
        ] {
            assert!(!dev_only(c), "{c}");
        }
    }
}

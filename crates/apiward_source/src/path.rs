//! Route paths: from each framework's syntax to OpenAPI style, and prefix composition.

/// Rewrites a route path in axum, actix-web, Rocket or poem syntax to OpenAPI style.
///
/// `:id`, `{id}`, `{id:\d+}` and `<id>` become `{name}`; a parameter that takes the rest
/// of the path (`*rest`, `{*rest}`, `<path..>`, actix's `{tail}*` and `{tail:.*}`) becomes
/// `{*name}`, so that a reader sees it matches many segments (matching against a
/// description reads both as one parameter). A Rocket query part (`?<q..>`, `?name=<v>`) is
/// stripped. A missing leading slash is added and doubled slashes are collapsed.
pub fn normalize_path(raw: &str) -> String {
    let without_query = strip_query(raw);
    let mut out = String::with_capacity(without_query.len() + 1);
    for (i, segment) in without_query.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&normalize_segment(segment));
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    collapse_slashes(&out)
}

/// Cuts at the first `?` outside `{...}` and `<...>` (regex in actix params may hold one).
fn strip_query(raw: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in raw.char_indices() {
        match c {
            '{' | '<' => depth += 1,
            '}' | '>' => depth -= 1,
            '?' if depth <= 0 => return &raw[..i],
            _ => {}
        }
    }
    raw
}

/// The byte offset of the `}` that closes the `{` at `open`, braces nested inside balanced
/// (a parameter's pattern may hold its own: `{id:\d{3}}`).
pub(crate) fn closing_brace(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, d) in s[open..].char_indices() {
        match d {
            '{' => depth += 1,
            '}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + j);
                }
            }
            _ => {}
        }
    }
    None
}

fn normalize_segment(seg: &str) -> String {
    if let Some(name) = seg.strip_prefix(':') {
        return format!("{{{}}}", param_name(name));
    }
    if let Some(name) = seg.strip_prefix('*') {
        return format!("{{*{}}}", param_name(name));
    }
    let mut out = String::with_capacity(seg.len());
    let mut chars = seg.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' => {
                let Some(end) = closing_brace(seg, i) else {
                    out.push_str(&seg[i..]);
                    break;
                };
                let inner = &seg[i + 1..end];
                let (name, pattern) = inner.split_once(':').unwrap_or((inner, ""));
                let mut rest = name.starts_with('*') || matches!(pattern, ".*" | ".+");
                while chars.peek().is_some_and(|&(k, _)| k <= end) {
                    chars.next();
                }
                // actix tail match `{tail}*`
                if chars.peek().is_some_and(|&(_, d)| d == '*') {
                    chars.next();
                    rest = true;
                }
                out.push_str(if rest { "{*" } else { "{" });
                out.push_str(&param_name(name.trim_start_matches('*')));
                out.push('}');
            }
            '<' => {
                let Some(rel) = seg[i..].find('>') else {
                    out.push_str(&seg[i..]);
                    break;
                };
                let end = i + rel;
                let inner = &seg[i + 1..end];
                out.push_str(if inner.ends_with("..") { "{*" } else { "{" });
                out.push_str(&param_name(inner.trim_end_matches("..")));
                out.push('}');
                while chars.peek().is_some_and(|&(k, _)| k <= end) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn param_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        "wildcard".to_string()
    } else {
        name.to_string()
    }
}

fn collapse_slashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_slash = false;
    for c in s.chars() {
        if c == '/' {
            if !prev_slash {
                out.push(c);
            }
            prev_slash = true;
        } else {
            out.push(c);
            prev_slash = false;
        }
    }
    out
}

/// Composes a prefix (`nest`, `mount`) with a path the way axum and Rocket do: a path of
/// `/` under a prefix is the prefix itself.
pub(crate) fn join_nest(prefix: &str, path: &str) -> String {
    if prefix.is_empty() || prefix == "/" {
        return if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        };
    }
    if path.is_empty() || path == "/" {
        return prefix.to_string();
    }
    let mut out = prefix.trim_end_matches('/').to_string();
    if !path.starts_with('/') {
        out.push('/');
    }
    out.push_str(path);
    out
}

/// Composes a prefix with a path the way actix-web scopes do: plain concatenation, so
/// `scope("/api")` + `"/"` is `/api/` and `scope("/api")` + `""` is `/api`; an empty path
/// stays empty until [`normalize_path`] makes it `/`.
pub(crate) fn join_concat(prefix: &str, path: &str) -> String {
    let joined = if !prefix.is_empty() && !path.is_empty() && !path.starts_with('/') {
        format!("{}/{}", prefix.trim_end_matches('/'), path)
    } else {
        format!("{prefix}{path}")
    };
    // An empty result stays empty: `scope("/p")` + `resource("")` is `/p`, not `/p/`.
    collapse_slashes(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axum_params() {
        assert_eq!(normalize_path("/users/:id"), "/users/{id}");
        assert_eq!(normalize_path("/users/{id}"), "/users/{id}");
        assert_eq!(normalize_path("/files/*rest"), "/files/{*rest}");
        assert_eq!(normalize_path("/files/{*rest}"), "/files/{*rest}");
        assert_eq!(normalize_path("/f/{name:.*}"), "/f/{*name}");
        assert_eq!(normalize_path("/f/{name:.+}/x"), "/f/{*name}/x");
        assert_eq!(normalize_path("/a/:x/b/:y"), "/a/{x}/b/{y}");
    }

    #[test]
    fn actix_params() {
        assert_eq!(normalize_path("/users/{id:\\d+}"), "/users/{id}");
        assert_eq!(normalize_path("/n/{id:\\d{3}}/x"), "/n/{id}/x");
        assert_eq!(normalize_path("/static/{tail}*"), "/static/{*tail}");
        assert_eq!(normalize_path("/r/{id:[a-z]+?}"), "/r/{id}");
        assert_eq!(normalize_path("/{name}.json"), "/{name}.json");
    }

    #[test]
    fn rocket_params_and_query() {
        assert_eq!(normalize_path("/hello/<name>"), "/hello/{name}");
        assert_eq!(normalize_path("/files/<path..>"), "/files/{*path}");
        assert_eq!(normalize_path("/search?<q..>"), "/search");
        assert_eq!(normalize_path("/items/<id>?<lang>&<page>"), "/items/{id}");
        assert_eq!(normalize_path("/?name=<v>"), "/");
        assert_eq!(normalize_path("/<a>/<b>.<ext>"), "/{a}/{b}.{ext}");
    }

    #[test]
    fn shape() {
        assert_eq!(normalize_path(""), "/");
        assert_eq!(normalize_path("users"), "/users");
        assert_eq!(normalize_path("//a//b/"), "/a/b/");
        assert_eq!(normalize_path("/*"), "/{*wildcard}");
    }

    #[test]
    fn joins() {
        assert_eq!(join_nest("/api", "/"), "/api");
        assert_eq!(join_nest("/api/", "/users"), "/api/users");
        assert_eq!(join_nest("", "/users"), "/users");
        assert_eq!(join_nest("/", "/"), "/");
        assert_eq!(join_concat("/api", "/"), "/api/");
        assert_eq!(join_concat("/api", ""), "/api");
        assert_eq!(join_concat("/api", "users"), "/api/users");
        assert_eq!(join_concat("", ""), "");
        assert_eq!(join_concat("/products", &join_concat("", "")), "/products");
    }
}

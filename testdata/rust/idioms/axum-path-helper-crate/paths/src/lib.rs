//! Path helpers of a utilities crate: no web framework in sight.

/// Joins two path parts with one slash, either may be empty.
pub fn join_path(first: &str, second: &str) -> String {
    let first = first.trim_end_matches('/');
    let second = second.trim_start_matches('/');
    match (first.is_empty(), second.is_empty()) {
        (true, true) => String::new(),
        (true, false) => second.to_string(),
        (false, true) => first.to_string(),
        (false, false) => format!("{first}/{second}"),
    }
}

/// The same, with one leading slash (none for an empty path).
pub fn join_path_rooted(first: &str, second: &str) -> String {
    let path = join_path(first, second);
    if path.is_empty() {
        return path;
    }
    let path = path.trim_start_matches('/');
    format!("/{path}")
}

//! Nothing here concerns HTTP: the prefilter skips this file.

pub fn slugify(s: &str) -> String {
    s.to_lowercase().replace(' ', "-")
}

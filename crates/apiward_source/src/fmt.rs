//! Format strings (`format!`, `write!`, `println!` and the like) cut into their literal
//! text and their placeholders: one reading for the route inventory (paths built with
//! `format!`) and the data-flow rules (request text rendered into SQL, URLs, bodies).

/// A part of a format string.
pub enum Piece {
    /// Literal text, `{{` and `}}` already unescaped.
    Lit(String),
    /// A placeholder: which argument, and whether it may show more than the value's
    /// `Display`: rendered with `Debug` (`{:?}`) or in the alternate form (`{:#}`, which
    /// prints an `anyhow` error's whole chain).
    Arg { arg: Arg, debug: bool },
}

/// The argument a placeholder renders.
pub enum Arg {
    /// `{}`: the next positional argument.
    Next,
    /// `{0}`.
    Index(usize),
    /// `{name}`: a named argument or a variable in scope.
    Name(String),
}

/// The pieces of a format string (`"a {} {name:?}"` → `a `, next, ` `, `name` by `Debug`).
/// An unterminated `{` takes the rest of the string as its placeholder.
pub fn pieces(fmt: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut inner = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    inner.push(c);
                }
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                let (name, spec) = inner.split_once(':').unwrap_or((inner.as_str(), ""));
                let name = name.trim();
                let arg = if name.is_empty() {
                    Arg::Next
                } else if let Ok(i) = name.parse() {
                    Arg::Index(i)
                } else {
                    Arg::Name(name.to_owned())
                };
                out.push(Piece::Arg {
                    arg,
                    debug: spec.contains('?') || spec.contains('#'),
                });
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_pieces() {
        let p = pieces("a {} {{x}} {name:?} {0:>4} {e:#}");
        let args: Vec<String> = p
            .iter()
            .map(|p| match p {
                Piece::Lit(s) => format!("lit({s})"),
                Piece::Arg { arg, debug } => match arg {
                    Arg::Next => format!("next({debug})"),
                    Arg::Index(i) => format!("index({i},{debug})"),
                    Arg::Name(n) => format!("name({n},{debug})"),
                },
            })
            .collect();
        assert_eq!(
            args,
            [
                "lit(a )",
                "next(false)",
                "lit( {x} )",
                "name(name,true)",
                "lit( )",
                "index(0,false)",
                "lit( )",
                "name(e,true)"
            ]
        );
    }
}

//! Large block-style documents parsed in parts, one per thread, then joined into the tree
//! the whole document would have given.
//!
//! saphyr's scanner is serial, and on one large description it is most of the run (openai.yaml:
//! 25 of 60 ms). Block-style YAML says where it can be cut: a line that holds a mapping key
//! at indentation `n`, whose ancestors are each a `key:` alone on the nearest line less
//! indented, down to column 0. The text from that line on parses the same way behind a
//! made-up head of those ancestor lines (`components:\n  schemas:\n`), and the part before
//! it parses the same way on its own, up to the end of the open mappings. Each part is built
//! into a tree of its own; the trees are then joined along the ancestors (the spine): the
//! part's nodes are appended to the first tree in order, so the arena is the one the serial
//! parse builds, node for node.
//!
//! What a cut cannot get wrong is checked, not assumed: the first tree's open mappings must
//! be the spine's keys at the lines the cut names, and the part's first key must sit at the
//! cut. Anything a part cannot see (an alias to an anchor before the cut, a quoted scalar or
//! flow collection running over it) makes one of the parts fail to parse or to match; then
//! the document is parsed whole, and its errors are reported as the serial parse finds them.
//! Block scalars and multi-line plain scalars cannot run over a cut line: their lines are
//! indented deeper than their key, and a cut's ancestors are `key:` lines with no value.

use apiward_diagnostics::LineIndex;
use rayon::prelude::*;
use saphyr_parser::Parser;

use super::{build, Offsets};
use crate::tree::{NodeId, Slot, Tree, Value};

/// Documents at least this large are parsed in parts when more than one thread is allowed.
const PARTS_MIN: usize = 512 * 1024;
/// No part is smaller than this.
const PART_MIN: usize = 256 * 1024;

/// A place where the document is cut: the first byte of a line holding a mapping key at
/// `indent`, and the lines of its ancestors' keys (outermost first, each a byte range that
/// ends after its line break).
pub(super) struct Cut {
    at: usize,
    indent: usize,
    spine: Vec<(usize, usize)>,
}

/// Where to cut `text` into about as many parts as there are threads, if it is large enough
/// and can be cut.
pub(super) fn cuts(text: &str) -> Option<Vec<Cut>> {
    let threads = rayon::current_num_threads();
    if text.len() < PARTS_MIN || threads < 2 {
        return None;
    }
    let b = text.as_bytes();
    let len = text.len();
    let n = threads.min(len / PART_MIN);
    // A part cannot see the anchors of the parts before it: cuts go before the first one
    // (every alias comes after its anchor). An anchor missed here makes a part fail: the
    // text is then parsed whole, only slower.
    let bound = first_anchor(b).unwrap_or(len);
    let mut out: Vec<Cut> = Vec::new();
    // Bytes read walking back to ancestors, for all cuts together.
    let mut budget = 2 * len;
    for i in 1..n {
        let even = len * i / n;
        // Near the first anchor when the even place is past it.
        let windows = if even < bound {
            [even, even]
        } else {
            [
                bound.saturating_sub(len / 64),
                bound.saturating_sub(len / 8),
            ]
        };
        let after = out.last().map_or(0, |c| c.at + 1);
        let found = windows.iter().find_map(|&target| {
            let from = target.max(after);
            find_cut(b, from, (from + len / 8).min(bound), &mut budget)
        });
        out.extend(found);
    }
    (!out.is_empty()).then_some(out)
}

/// Where the first anchor (`&name` after `: `, `- ` or a flow indicator) is, if any.
fn first_anchor(b: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'&', b).find(|&i| {
        let before = |k: usize| i.checked_sub(k).map(|j| b[j]);
        let named = b.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace());
        let placed = match before(1) {
            Some(b'[' | b'{' | b',') => true,
            Some(b' ') => matches!(before(2), Some(b':' | b'-' | b',' | b'[' | b'{')),
            _ => false,
        };
        named && placed
    })
}

/// The first line at or after `from` and before `limit` where the text can be cut.
fn find_cut(b: &[u8], from: usize, limit: usize, budget: &mut usize) -> Option<Cut> {
    let mut line = match from {
        0 => 0,
        _ => from + memchr::memchr(b'\n', &b[from - 1..])?,
    };
    while line < limit {
        let end = memchr::memchr(b'\n', &b[line..]).map_or(b.len(), |i| line + i);
        if let Some((indent, _)) = key_line(&b[line..end]) {
            if let Some(spine) = ancestors(b, line, indent, budget) {
                return Some(Cut {
                    at: line,
                    indent,
                    spine,
                });
            }
            if *budget == 0 {
                return None;
            }
        }
        line = end + 1;
    }
    None
}

/// A line holding a plain mapping key: its indentation, and whether the key has no value on
/// the line (`key:` alone).
fn key_line(line: &[u8]) -> Option<(usize, bool)> {
    let indent = line.iter().take_while(|&&c| c == b' ').count();
    let rest = &line[indent..];
    let first = *rest.first()?;
    if !(first.is_ascii_alphanumeric() || matches!(first, b'/' | b'_' | b'$' | b'.')) {
        return None;
    }
    let colon = rest.iter().position(|&c| c == b':')?;
    let key_ok = rest[..colon].iter().all(|&c| {
        c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'$' | b'.' | b'-' | b'{' | b'}')
    });
    let after = &rest[colon + 1..];
    match after.first() {
        _ if !key_ok => None,
        None | Some(b'\r') if after.iter().all(|&c| c == b'\r') => Some((indent, true)),
        Some(b' ') => Some((indent, after.iter().all(|&c| c == b' ' || c == b'\r'))),
        _ => None,
    }
}

/// The ancestor lines of the key line at `line` (indented `indent`), outermost first: each
/// the nearest line before that is less indented (blank and comment lines aside), each a
/// `key:` alone, down to column 0. The key line must not be its mapping's first entry (the
/// part before the cut would hold the parent's key with no value).
fn ancestors(
    b: &[u8],
    line: usize,
    indent: usize,
    budget: &mut usize,
) -> Option<Vec<(usize, usize)>> {
    let mut spine = Vec::new();
    let mut want = indent;
    let mut pos = line;
    // Whether a line of the mapping's (an earlier entry) was passed on the way back.
    let mut siblings = false;
    while want > 0 {
        loop {
            if pos == 0 {
                return None;
            }
            let end = pos - 1;
            let start = memchr::memrchr(b'\n', &b[..end]).map_or(0, |i| i + 1);
            *budget = budget.saturating_sub(pos - start);
            if *budget == 0 {
                return None;
            }
            pos = start;
            let l = &b[start..end];
            let ind = l.iter().take_while(|&&c| c == b' ').count();
            match l.get(ind) {
                None | Some(b'#') => continue,
                Some(_) if l[ind..].iter().all(u8::is_ascii_whitespace) => continue,
                Some(_) if ind >= want => {
                    siblings = true;
                    continue;
                }
                Some(_) => {}
            }
            match key_line(l) {
                Some((_, true)) if siblings => {
                    spine.push((start, end + 1));
                    want = ind;
                    break;
                }
                _ => return None,
            }
        }
    }
    spine.reverse();
    Some(spine)
}

/// Parses the parts between `cuts` on the pool's threads, each indexing its own lines, and
/// joins them: the tree is `None` when a part fails or does not join (the caller then
/// parses the whole text, with the line index returned).
pub(super) fn parse(text: &str, ascii: bool, cuts: &[Cut]) -> (LineIndex, Option<Tree>) {
    let parsed: Vec<(u32, LineIndex, Option<Tree>)> = (0..cuts.len() + 1)
        .into_par_iter()
        .with_max_len(1)
        .map(|i| {
            let start = i.checked_sub(1).map_or(0, |j| cuts[j].at);
            // Through the indentation of the next part's first line: a block scalar that
            // ends a part ends where the scanner stops reading that indentation.
            let end = cuts.get(i).map_or(text.len(), |c| c.at + c.indent);
            let own = &text[start..end];
            let lines = LineIndex::new(own);
            let tree = parse_part(text, own, &lines, ascii, i.checked_sub(1).map(|j| &cuts[j]));
            (start as u32, lines, tree)
        })
        .collect();
    let mut trees = Vec::with_capacity(parsed.len());
    let mut indexes = Vec::with_capacity(parsed.len());
    for (start, lines, tree) in parsed {
        indexes.push((start, lines));
        trees.push(tree);
    }
    let lines = LineIndex::join(indexes);
    let mut trees = trees.into_iter();
    let tree = trees.next().flatten().and_then(|mut tree| {
        for (cut, part) in cuts.iter().zip(trees) {
            join(text, &mut tree, part?, cut)?;
        }
        Some(tree)
    });
    (lines, tree)
}

/// Parses `own`, the part of `text` that starts at `cut` (at the start when `None`), behind
/// the head of the cut's ancestor lines.
fn parse_part(
    text: &str,
    own: &str,
    lines: &LineIndex,
    ascii: bool,
    cut: Option<&Cut>,
) -> Option<Tree> {
    // What a made-up head cannot carry: directives, documents after the first, merge keys
    // (a mapping's merges are applied when it closes, to all of its entries).
    let b = own.as_bytes();
    let uncarried = [&b"\n%"[..], b"\n---", b"\n...", b"<<"];
    let found = |needle: &&[u8]| memchr::memmem::find(b, needle).is_some();
    if b.first() == Some(&b'%') || uncarried.iter().any(found) {
        return None;
    }
    let Some(cut) = cut else {
        let off = Offsets::whole(own, lines, ascii);
        // Room for the whole document's nodes: the other parts join this tree.
        return build(&off, text.len(), 0, Parser::new_from_str(own)).ok();
    };
    let head_len: usize = cut.spine.iter().map(|(a, b)| b - a).sum();
    let mut with_head = String::with_capacity(head_len + own.len());
    for &(a, b) in &cut.spine {
        with_head.push_str(&text[a..b]);
    }
    with_head.push_str(own);
    let off = Offsets {
        text: own,
        lines,
        ascii,
        start: cut.at,
        head_len,
        head_lines: cut.spine.len(),
    };
    let spine_maps = cut.spine.len() + 1;
    build(
        &off,
        own.len(),
        spine_maps,
        Parser::new_from_str(&with_head),
    )
    .ok()
}

/// Appends `part` (the text from `cut` on, behind its made-up head) to `acc` (the text before
/// the cut); `None` if they do not join as the cut says.
fn join(text: &str, acc: &mut Tree, mut part: Tree, cut: &Cut) -> Option<()> {
    let depth = cut.spine.len();
    let d1 = depth + 1;
    // The open mappings of `acc` along the spine: the last entry of each, from the root,
    // keyed where the cut's ancestor lines hold the keys.
    let mut spine: Vec<NodeId> = Vec::with_capacity(d1);
    let mut cur = acc.root?;
    for level in 0..=depth {
        let Value::Map(entries) = &acc.node(cur).value else {
            return None;
        };
        spine.push(cur);
        if level == depth {
            // The cut's line is an entry of this mapping: its entries start at that column.
            let first = entries.first()?.key_span.start as usize;
            let line_start = memchr::memrchr(b'\n', &text.as_bytes()[..first]).map_or(0, |i| i + 1);
            if first - line_start != cut.indent {
                return None;
            }
            break;
        }
        let last = entries.last()?;
        let (a, b) = cut.spine[level];
        let key_at = a + text.as_bytes()[a..b]
            .iter()
            .take_while(|&&c| c == b' ')
            .count();
        if last.key_span.start as usize != key_at {
            return None;
        }
        cur = last.value;
    }
    // The part's head: mappings 0..=depth, each holding the next as its first entry under
    // the same key; the deepest one's first key at the cut.
    if part.root != Some(NodeId(0)) || part.nodes.len() < d1 {
        return None;
    }
    for (level, &open) in spine.iter().enumerate() {
        let Value::Map(entries) = &part.nodes[level].value else {
            return None;
        };
        let first = entries.first()?;
        if level == depth {
            if first.key_span.start as usize != cut.at + cut.indent {
                return None;
            }
        } else {
            let Value::Map(acc_entries) = &acc.node(open).value else {
                return None;
            };
            if first.value != NodeId(level as u32 + 1) || first.key != acc_entries.last()?.key {
                return None;
            }
        }
    }

    let base = acc.nodes.len();
    let map = |id: NodeId| -> NodeId {
        match id.index() {
            i if i < d1 => spine[i],
            i => NodeId((i - d1 + base) as u32),
        }
    };
    let counts: Vec<usize> = spine
        .iter()
        .map(|s| acc.as_map(*s).map_or(0, <[_]>::len))
        .collect();
    // Entries of the head's mappings after the spine's own (all of the deepest one's).
    let skip = |level: usize| usize::from(level < depth);
    let mut nodes = std::mem::take(&mut part.nodes);
    let head: Vec<_> = nodes[..d1]
        .iter_mut()
        .map(|n| std::mem::replace(&mut n.value, Value::Null))
        .collect();
    acc.nodes.reserve(nodes.len() - d1);
    for mut n in nodes.drain(d1..) {
        match &mut n.value {
            Value::Seq(items) => items.iter_mut().for_each(|x| *x = map(*x)),
            Value::Map(entries) => entries.iter_mut().for_each(|e| e.value = map(e.value)),
            Value::Alias(target) => *target = map(*target),
            _ => {}
        }
        if let Some(p) = n.parent() {
            let slot = match (p.index(), n.slot()) {
                (i, Slot::Entry(e)) if i < d1 => {
                    Slot::Entry((counts[i] + e as usize - skip(i)) as u32)
                }
                (_, slot) => slot,
            };
            n.set_place(Some((map(p), slot)));
        }
        acc.nodes.push(n);
    }
    for (level, value) in head.into_iter().enumerate() {
        let Value::Map(entries) = value else {
            return None;
        };
        if let Value::Map(acc_entries) = &mut acc.nodes[spine[level].index()].value {
            acc_entries.extend(entries.into_iter().skip(skip(level)).map(|mut e| {
                e.value = map(e.value);
                e
            }));
        }
    }
    // Block mappings end with their last entry; the deepest first.
    for &id in spine.iter().rev() {
        let last = acc.as_map(id).and_then(|e| e.last()).map(|e| e.value);
        if let Some(last) = last {
            let end = acc.span(last).end;
            let span = &mut acc.nodes[id.index()].span;
            span.end = end.max(span.start);
        }
    }
    // `$ref` holders in the order the serial parse notes them (as each mapping closes): the
    // spine's mappings close in the part, where it noted each of them.
    acc.ref_holders.retain(|h| !spine.contains(h));
    for &h in &part.ref_holders {
        if h.index() < d1 {
            let id = spine[h.index()];
            let holds = acc
                .as_map(id)
                .is_some_and(|e| e.iter().any(|e| e.key == "$ref"));
            if holds {
                acc.ref_holders.push(id);
            }
        } else {
            acc.ref_holders.push(map(h));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::ParseError;

    /// The serial parse, whatever the document's size.
    fn serial(text: &str) -> Result<Tree, ParseError> {
        let lines = LineIndex::new(text);
        let off = Offsets::whole(text, &lines, text.is_ascii());
        build(&off, text.len(), 0, Parser::new_from_str(text))
            .map_err(|e| super::super::at_offending_line(text, e))
    }

    /// Parses `text` in parts (which must be possible) and checks the tree node for node
    /// against the serial parse's.
    fn parts_match_serial(text: &str) {
        let cuts = cuts(text).expect("the text can be cut");
        let lines = LineIndex::new(text);
        let (joined_lines, parted) = parse(text, text.is_ascii(), &cuts);
        let parted = parted.expect("the parts parse and join");
        assert_eq!(format!("{joined_lines:?}"), format!("{lines:?}"));
        let whole = serial(text).unwrap();
        assert_eq!(format!("{parted:?}"), format!("{whole:?}"));
        // And through the public entry points.
        assert_eq!(
            format!("{:?}", super::super::parse(text, &lines).unwrap()),
            format!("{whole:?}")
        );
        let (_, indexed) = super::super::parse_indexed(text);
        assert_eq!(format!("{:?}", indexed.unwrap()), format!("{whole:?}"));
    }

    /// A description shaped like the large public ones: paths, then components with schemas,
    /// each entry ending in a different kind of value (block scalars with every chomping,
    /// multi-line plain and quoted scalars, flow collections, `$ref`s, comments, blank
    /// lines), so that every kind of value ends right before some cut.
    fn description(eol: &str, word: &str) -> String {
        sized_description(eol, word, PARTS_MIN, 3 * PARTS_MIN)
    }

    /// [`description`] with paths up to about `paths` bytes and the whole up to `total`.
    fn sized_description(eol: &str, word: &str, paths: usize, total: usize) -> String {
        let mut t =
            format!("openapi: 3.1.0{eol}info:{eol}  title: t{eol}  version: '1'{eol}paths:{eol}");
        let endings = [
            format!("      description: |{eol}        {word} one{eol}        two{eol}{eol}"),
            format!("      description: >-{eol}        folded {word}{eol}        text{eol}"),
            format!("      description: |+{eol}        kept{eol}{eol}{eol}"),
            format!("      summary: plain {word}{eol}        continued here{eol}"),
            format!("      summary: \"quoted {word}{eol}        continued\"{eol}"),
            format!("      tags: [a, b, {{c: d}}]{eol}"),
            format!("      $ref: '#/components/schemas/S1'{eol}"),
            format!("      x-list:{eol}        - 1{eol}        - {{$ref: '#/x'}}{eol}# a comment{eol}  # another{eol}"),
            format!("      empty:{eol}"),
            format!("      n: 12{eol}"),
            // Empty block scalars, the last value before a blank line (and a cut).
            format!("      description: |{eol}{eol}"),
            format!("      description: >-{eol}{eol}{eol}"),
            format!("      description: |+{eol}{eol}"),
        ];
        let mut i = 0;
        while t.len() < paths {
            t.push_str(&format!(
                "  /r{i}/{{id}}:{eol}    get:{eol}{}",
                endings[i % endings.len()]
            ));
            i += 1;
        }
        t.push_str(&format!(
            "webhooks: {{}}{eol}components:{eol}  schemas:{eol}"
        ));
        let mut j = 0;
        while t.len() < total {
            // The same endings, four columns deeper (comment lines stay where they are).
            let deeper: String = endings[j % endings.len()]
                .split_inclusive('\n')
                .map(|l| {
                    if l.trim_start().starts_with(['#', '\r', '\n']) {
                        l.to_owned()
                    } else {
                        format!("    {l}")
                    }
                })
                .collect();
            t.push_str(&format!(
                "    S{j}:{eol}      type: object{eol}      properties:{eol}        p:{eol}{deeper}"
            ));
            j += 1;
        }
        t.push_str(&format!("  responses:{eol}    R:{eol}      $ref: '#/components/schemas/S1'{eol}x-tail: end{eol}"));
        t
    }

    /// Parses `text` through the public entry points, which may or may not cut it, and checks
    /// the result (tree or error) against the serial parse.
    fn same_as_serial(text: &str) {
        let lines = LineIndex::new(text);
        let whole = serial(text).map_err(|e| (e.message, e.offset));
        let want = format!("{whole:?}");
        let got = super::super::parse(text, &lines).map_err(|e| (e.message, e.offset));
        assert_eq!(format!("{got:?}"), want);
        let (_, indexed) = super::super::parse_indexed(text);
        let indexed = indexed.map_err(|e| (e.message, e.offset));
        assert_eq!(format!("{indexed:?}"), want);
    }

    /// `description` with `insert` placed right before the line nearest its middle that is
    /// a cut (so that it runs over the cut).
    fn with_before_cut(insert: &str) -> String {
        let text = description("\n", "word");
        let cut = &cuts(&text).expect("the text can be cut")[0];
        let indent = " ".repeat(cut.indent);
        format!("{}{indent}{insert}{}", &text[..cut.at], &text[cut.at..])
    }

    #[test]
    fn what_a_part_cannot_see_falls_back_to_the_serial_parse() {
        if rayon::current_num_threads() < 2 {
            return;
        }
        let text = description("\n", "word");
        // An anchor before the cut, its alias after it.
        let anchored = text.replacen("version: '1'", "version: &v '1'", 1);
        let aliased = format!("{anchored}x-alias: *v\n");
        assert!(parse(&aliased, true, &cuts(&aliased).unwrap()).1.is_none());
        same_as_serial(&aliased);
        // A quoted scalar and flow collections that run over the cut: the part before it
        // does not parse.
        for open in ["x-open: \"quoted", "x-open: [flow,", "x-open: {flow: 1,"] {
            let t = with_before_cut(&format!("{open}\n"));
            assert!(parse(&t, true, &cuts(&t).unwrap()).1.is_none());
            same_as_serial(&t);
        }
        same_as_serial(&format!("{text}x-never: \"closed\n"));
        // A block scalar whose lines look like keys, right where a cut would be looked for.
        let mut trap = String::from("openapi: 3.1.0\ndescription: |\n");
        while trap.len() < 3 * PARTS_MIN {
            trap.push_str("  components:\n    schemas:\n      Foo:\n        type: string\n");
        }
        trap.push_str("paths: {}\n");
        same_as_serial(&trap);
        // Merge keys, directives and a second document: never cut.
        for extra in ["x-m: {<<: {a: 1}}\n", "---\nsecond: doc\n"] {
            let t = format!("{text}{extra}");
            assert!(cuts(&t).is_none() || parse(&t, true, &cuts(&t).unwrap()).1.is_none());
            same_as_serial(&t);
        }
        let directive = format!("%YAML 1.2\n---\n{text}");
        same_as_serial(&directive);
        // A broken document is reported where the serial parse reports it.
        same_as_serial(&with_before_cut("bad: [\n"));
        same_as_serial(&format!("{text}bad: : :\n"));
    }

    /// The largest public description of the corpus, when it is beside the project.
    #[test]
    fn corpus_description_parts_match_serial() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/specs/openai.yaml"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        if rayon::current_num_threads() < 2 {
            return;
        }
        parts_match_serial(&text);
    }

    #[test]
    fn cuts_go_before_the_first_anchor() {
        if rayon::current_num_threads() < 2 {
            return;
        }
        let text = description("\n", "word");
        let at = text.len() * 2 / 5;
        let at = at + text[at..].find(" n: 12\n").unwrap() + 1;
        let anchored = format!(
            "{}n: &twelve 12\n{}x-again: *twelve\n",
            &text[..at],
            &text[at + "n: 12\n".len()..]
        );
        let cuts = cuts(&anchored).expect("the text can be cut before the anchor");
        assert!(cuts.iter().all(|c| c.at < at));
        parts_match_serial(&anchored);
    }

    #[test]
    fn a_cut_after_any_kind_of_value_joins_into_the_serial_tree() {
        // A small description (the size limit is the caller's) cut at one place after
        // another, so that every kind of value ends some part; and once in three parts.
        for eol in ["\n", "\r\n"] {
            let text = sized_description(eol, "wörd", 6_000, 20_000);
            let whole = format!("{:?}", serial(&text).unwrap());
            let b = text.as_bytes();
            let mut budget = usize::MAX;
            let mut seen = std::collections::HashSet::new();
            for from in (1..text.len()).step_by(47) {
                let Some(cut) = find_cut(b, from, text.len(), &mut budget) else {
                    continue;
                };
                if !seen.insert(cut.at) {
                    continue;
                }
                let (_, tree) = parse(&text, false, &[cut]);
                assert_eq!(format!("{:?}", tree.expect("joins")), whole);
            }
            assert!(seen.len() > 100, "{} cuts", seen.len());
            let three: Vec<Cut> = [text.len() / 3, text.len() * 2 / 3]
                .iter()
                .filter_map(|&from| find_cut(b, from, text.len(), &mut budget))
                .collect();
            assert_eq!(three.len(), 2);
            assert_eq!(
                format!("{:?}", parse(&text, false, &three).1.unwrap()),
                whole
            );
        }
    }

    #[test]
    fn parts_build_the_serial_tree() {
        if rayon::current_num_threads() < 2 {
            return;
        }
        parts_match_serial(&description("\n", "word"));
        parts_match_serial(&description("\r\n", "word"));
        parts_match_serial(&description("\n", "Grüße — ünï"));
    }
}

use crate::{Position, Range, Span};

/// Maps byte offsets of one text to 1-based line and character columns.
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (as YAML, JSON and editors count them). A
/// byte order mark at the start of the text is no column: offsets count its 3 bytes, the
/// first line's columns start after it.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<u32>,
    /// Whether each line is pure ASCII (then byte column = character column).
    ascii: Vec<bool>,
    len: u32,
    /// 3 when the text starts with a byte order mark.
    bom: u32,
}

const BOM: &str = "\u{FEFF}";

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        let mut ascii = Vec::with_capacity(bytes.len() / 32 + 1);
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        starts.push(0);
        let mut line_start = 0usize;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                // The `\n` of `\r\n` ends the line.
                continue;
            }
            ascii.push(bytes[line_start.max(bom.min(at))..at].is_ascii());
            line_start = at + 1;
            starts.push(line_start as u32);
        }
        ascii.push(bytes[line_start.max(bom.min(bytes.len()))..].is_ascii());
        LineIndex {
            starts,
            ascii,
            len: bytes.len() as u32,
            bom: bom as u32,
        }
    }

    /// The index of a text from the indexes of its pieces, in order, each with the offset
    /// where it starts; every piece but the last ends on the line where the next starts (at
    /// its start, after a line break, or within it: that line is the next piece's).
    pub fn join(pieces: Vec<(u32, LineIndex)>) -> LineIndex {
        let lines = pieces.iter().map(|(_, p)| p.starts.len()).sum();
        let mut joined = LineIndex {
            starts: Vec::with_capacity(lines),
            ascii: Vec::with_capacity(lines),
            len: 0,
            bom: pieces.first().map_or(0, |(_, p)| p.bom),
        };
        let last = pieces.len().saturating_sub(1);
        for (i, (at, piece)) in pieces.into_iter().enumerate() {
            // A piece's last line is the next piece's first.
            let keep = piece.starts.len() - usize::from(i < last);
            joined
                .starts
                .extend(piece.starts[..keep].iter().map(|s| s + at));
            joined.ascii.extend_from_slice(&piece.ascii[..keep]);
            joined.len = at + piece.len;
        }
        if joined.starts.is_empty() {
            return LineIndex::new("");
        }
        joined
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// The 0-based line holding a byte offset (offsets past the end: the last line).
    pub fn line_of(&self, offset: u32) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// The position of a byte offset. Offsets past the end clamp to the end; offsets inside
    /// a multi-byte character count as that character.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let mut start = self.starts[line];
        if line == 0 {
            // After the byte order mark; an offset inside it is column 1.
            start = start.max(self.bom.min(offset));
        }
        let column = if self.ascii[line] {
            offset - start
        } else {
            let mut end = offset as usize;
            while end > start as usize && !text.is_char_boundary(end) {
                end -= 1;
            }
            text[start as usize..end].chars().count() as u32
        };
        Position {
            line: line as u32 + 1,
            column: column + 1,
            offset,
        }
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        Range {
            start: self.position(text, span.start),
            end: self.position(text, span.end.max(span.start)),
        }
    }

    /// The byte offset of a 1-based line and 0-based character column (as YAML parsers
    /// report them).
    pub fn offset_of(&self, text: &str, line: usize, char_col: usize) -> u32 {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.len;
        };
        let idx = line.saturating_sub(1);
        let start = if idx == 0 { start.max(self.bom) } else { start };
        if self.ascii[idx] {
            let line_end = self.starts.get(idx + 1).copied().unwrap_or(self.len);
            return (start + char_col as u32)
                .min(line_end.max(start))
                .min(self.len);
        }
        let rest = &text[start as usize..];
        match rest.char_indices().nth(char_col) {
            Some((i, _)) => start + i as u32,
            None => self.len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_pieces_index_like_the_whole() {
        let text = "a: 1\nb: ü\r\n\nc:\n  d: é\n";
        // Each piece but the last also holds `over` bytes of the next one's first line.
        for (cuts, over) in [
            (vec![5], 0),
            (vec![13], 0),
            (vec![5, 12, 16], 0),
            (vec![16], 2),
        ] {
            let mut pieces = Vec::new();
            let mut start = 0;
            for end in cuts.iter().copied().chain([text.len()]) {
                let till = (end + over).min(text.len());
                pieces.push((start as u32, LineIndex::new(&text[start..till])));
                start = end;
            }
            assert_eq!(
                format!("{:?}", LineIndex::join(pieces)),
                format!("{:?}", LineIndex::new(text))
            );
        }
    }

    #[test]
    fn ascii_positions() {
        let text = "ab\ncd\n";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.position(text, 0),
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        assert_eq!(
            idx.position(text, 4),
            Position {
                line: 2,
                column: 2,
                offset: 4
            }
        );
        assert_eq!(idx.position(text, 6).line, 3);
        assert_eq!(idx.position(text, 99).offset, 6);
    }

    #[test]
    fn columns_count_characters() {
        let text = "x: é\ny: ü z\n";
        let idx = LineIndex::new(text);
        let z = text.find('z').unwrap() as u32;
        let p = idx.position(text, z);
        assert_eq!((p.line, p.column), (2, 6));
        assert_eq!(idx.offset_of(text, 2, 5), z);
        assert_eq!(idx.offset_of(text, 1, 3), 3);
    }

    /// Line and column by a plain count: `\r\n`, `\n` and a lone `\r` end a line, a
    /// leading byte order mark is no column.
    fn reference(text: &str, offset: usize) -> (u32, u32) {
        let (mut line, mut col) = (1, 1);
        let mut chars = text
            .char_indices()
            .take_while(|(i, _)| *i < offset)
            .peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                // An offset between `\r` and `\n` is still on the line they end.
                '\r' if text[i + 1..].starts_with('\n') => {
                    if i + 1 < offset {
                        (line, col) = (line + 1, 1);
                        chars.next();
                    } else {
                        col += 1;
                    }
                }
                '\n' | '\r' => (line, col) = (line + 1, 1),
                '\u{FEFF}' if i == 0 => {}
                _ => col += 1,
            }
        }
        (line, col)
    }

    /// Generated texts of every kind of line break, non-ASCII characters and a BOM or not:
    /// every position, and every line/column back to its offset, as counted by hand.
    #[test]
    fn positions_agree_with_a_plain_count() {
        let pieces = ["a", "é", "\n", "\r", "\r\n", " ", "\u{FEFF}"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for case in 0..400 {
            let mut text = String::new();
            if case % 2 == 0 {
                text.push('\u{FEFF}');
            }
            for _ in 0..(case % 37) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let index = LineIndex::new(&text);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let p = index.position(&text, offset as u32);
                assert_eq!(
                    (p.line, p.column),
                    reference(&text, offset),
                    "{text:?} @ {offset}"
                );
                assert_eq!(p.offset, offset as u32);
                // Back from line and 0-based column, unless the offset is inside a `\r\n`.
                if !(offset > 0
                    && text[..offset].ends_with('\r')
                    && text[offset..].starts_with('\n'))
                {
                    let back = index.offset_of(&text, p.line as usize, p.column as usize - 1);
                    let skip_bom = offset == 0 && text.starts_with('\u{FEFF}');
                    let want = if skip_bom { 3 } else { offset as u32 };
                    assert_eq!(back, want, "{text:?} @ {offset}");
                }
            }
        }
    }
}

//! Turning the bytes of a text file into text: UTF-8 (with or without a BOM) as is, anything
//! else as Windows-1252, which is what Excel writes on a Finnish Windows. Binary data and
//! encodings that cannot be told apart reliably are refused rather than guessed.
//!
//! The rule, in order:
//! 1. a UTF-16 BOM, or NUL bytes at nearly every other position (UTF-16 without a BOM) →
//!    [`SheetError::UnreadableEncoding`];
//! 2. any other NUL byte → [`SheetError::NotASpreadsheet`] (no text format has them);
//! 3. valid UTF-8 is used as is, anything else decoded as Windows-1252;
//! 4. if more than 2 % of the characters are control characters other than tab, line feed
//!    and carriage return, the data is binary → [`SheetError::NotASpreadsheet`];
//! 5. invalid UTF-8 that nevertheless holds valid multi-byte UTF-8 sequences (a file edited
//!    in two programs, so neither reading is right) → [`SheetError::UnreadableEncoding`] at
//!    the line of the first bad byte.

use crate::SheetError;
use std::borrow::Cow;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a text file to a string, or says why it is not readable text.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, SheetError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(SheetError::UnreadableEncoding { line: 1 });
    }
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        return Err(if looks_like_utf16(bytes) {
            SheetError::UnreadableEncoding {
                line: line_at(bytes, nul),
            }
        } else {
            SheetError::NotASpreadsheet
        });
    }
    let (text, mixed_at) = match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(e) => {
            let mixed_at = has_multibyte_utf8(bytes).then(|| e.valid_up_to());
            let text = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0;
            (text, mixed_at)
        }
    };
    if is_mostly_control(&text) {
        return Err(SheetError::NotASpreadsheet);
    }
    if let Some(offset) = mixed_at {
        return Err(SheetError::UnreadableEncoding {
            line: line_at(bytes, offset),
        });
    }
    Ok(text)
}

/// UTF-16 text of the Latin alphabet has a NUL in nearly every other byte, always at the same
/// parity; other binary data does not.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let pairs = bytes.len() / 2;
    if pairs == 0 {
        return false;
    }
    let even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let (many, few) = if even > odd { (even, odd) } else { (odd, even) };
    many * 10 >= pairs * 7 && few * 10 <= pairs
}

/// Whether the bytes hold at least one valid UTF-8 sequence of more than one byte.
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// Whether more than 2 % of the characters are control characters that text does not have.
fn is_mostly_control(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            control += 1;
        }
    }
    control * 50 > total
}

/// The 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_taken_as_is_and_its_bom_removed() {
        assert_eq!(
            decode("\u{FEFF}Nimi;Kunta\nA;Ypäjä".as_bytes()).as_deref(),
            Ok("Nimi;Kunta\nA;Ypäjä")
        );
    }

    #[test]
    fn windows_1252_is_decoded() {
        assert_eq!(decode(b"Yp\xE4j\xE4 \x80").as_deref(), Ok("Ypäjä €"));
    }

    #[test]
    fn utf16_with_or_without_bom_is_an_unreadable_encoding() {
        let mut utf16: Vec<u8> = Vec::new();
        for unit in "Nimi\tKunta\r\nA\tB\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16),
            Err(SheetError::UnreadableEncoding { line: 1 })
        );
        let with_bom = [b"\xFF\xFE".as_slice(), &utf16].concat();
        assert_eq!(
            decode(&with_bom),
            Err(SheetError::UnreadableEncoding { line: 1 })
        );
    }

    #[test]
    fn utf8_mixed_with_windows_1252_is_refused_at_the_first_bad_line() {
        let bytes = [
            "Nimi;Kunta\nA;Ypäjä\n".as_bytes(),
            b"B;Yp\xE4j\xE4\n".as_slice(),
        ]
        .concat();
        assert_eq!(
            decode(&bytes),
            Err(SheetError::UnreadableEncoding { line: 3 })
        );
    }

    #[test]
    fn binary_with_nul_bytes_is_not_a_spreadsheet() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
        assert_eq!(decode(png), Err(SheetError::NotASpreadsheet));
    }

    #[test]
    fn binary_without_nul_bytes_is_not_a_spreadsheet() {
        let bytes: Vec<u8> = (1..=255u8).cycle().take(2000).collect();
        assert_eq!(decode(&bytes), Err(SheetError::NotASpreadsheet));
    }

    #[test]
    fn a_stray_control_character_in_long_text_is_tolerated() {
        let text = format!("Nimi;Kunta\n{}\x0b;Forssa\n", "A".repeat(100));
        assert!(decode(text.as_bytes()).is_ok());
    }
}

//! Bytes → text: byte-order marks, UTF-16, and Windows-1252 for the files that are not UTF-8.

use std::borrow::Cow;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// The bytes hold NUL characters or other control bytes that text never has.
    Binary,
}

/// Decodes a file's bytes. Returns the text and, when it was not plain UTF-8, the encoding
/// that was used.
///
/// UTF-8 (with or without BOM) is taken as is; a UTF-16 BOM selects UTF-16; anything else
/// that is not valid UTF-8 is read as Windows-1252 (a superset of Latin-1), which is what
/// old news files with a stray `£` are.
pub fn to_text(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<&'static str>), NotText> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((Cow::Borrowed(s), None)),
            Err(_) => Ok((String::from_utf8_lossy(rest), Some("UTF-8 with invalid bytes"))),
        };
    }
    for (bom, enc) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, _) = enc.decode(bytes);
            return Ok((Cow::Owned(text.into_owned()), Some(enc.name())));
        }
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), None)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((Cow::Owned(text.into_owned()), Some("windows-1252")))
        }
    }
}

/// NUL bytes, or many control bytes, in the first 8 KiB mark a file that is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 20 > head.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(to_text(b"plain").unwrap().0, "plain");
        assert_eq!(to_text(b"\xEF\xBB\xBFbom").unwrap().0, "bom");
        assert_eq!(to_text(b"a \xA315m deal").unwrap().0, "a £15m deal");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(to_text(&utf16).unwrap().0, "hé");
        assert_eq!(to_text(b"\x89PNG\r\n\x1a\n\0\0\0"), Err(NotText::Binary));
    }
}

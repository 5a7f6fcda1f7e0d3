//! Pictures of a resource: only real images of the web's common kinds, of a bounded size. The
//! kind is read from the file's first bytes, not from its name or what the browser claims.

use crate::text::Invalid;

/// The largest picture accepted, 5 MB.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;

/// A picture's format, known from its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
            ImageKind::Gif => "image/gif",
        }
    }
}

/// The image's kind, or `error-image-not-image` / `error-image-too-large` / `error-image-empty`.
pub fn check_image(bytes: &[u8]) -> Result<ImageKind, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::new("error-image-empty"));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(Invalid::new("error-image-too-large"));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(ImageKind::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Ok(ImageKind::Webp)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Ok(ImageKind::Gif)
    } else {
        Err(Invalid::new("error-image-not-image"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_is_an_image_and_a_text_file_named_png_is_not() {
        assert_eq!(
            check_image(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Ok(ImageKind::Png)
        );
        assert_eq!(
            check_image(b"<script>alert(1)</script>").map_err(|e| e.key),
            Err("error-image-not-image")
        );
        assert_eq!(
            check_image(b"").map_err(|e| e.key),
            Err("error-image-empty")
        );
    }

    #[test]
    fn an_image_over_the_limit_is_refused() {
        let mut big = b"\xFF\xD8\xFF".to_vec();
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(
            check_image(&big).map_err(|e| e.key),
            Err("error-image-too-large")
        );
    }
}

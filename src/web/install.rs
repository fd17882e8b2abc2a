//! What a phone needs to install Outnumber on its home screen: the web app manifest and the
//! icons, served under `/static` like every asset (long-cached, and linked from the pages
//! with the asset version, so a change reaches browsers at once).
//!
//! The PNG icons were made once from our own SVG artwork with librsvg
//! (`rsvg-convert -w 512 -h 512 static/icon.svg -o static/icon-512.png`, and so on; the
//! maskable and Apple icons from `static/icon-maskable.svg`, which leaves the margin a
//! launcher may cut away) and are kept in the repository.

use std::sync::LazyLock;

/// The manifest as written, with `{v}` where the asset version goes.
pub const MANIFEST_SOURCE: &str = include_str!("../../static/manifest.webmanifest");

/// The manifest as served: every icon's address carries the asset version, so an icon that
/// changes is fetched again although each is cached for a year.
pub static MANIFEST: LazyLock<String> =
    LazyLock::new(|| MANIFEST_SOURCE.replace("{v}", super::ASSET_VERSION.as_str()));

pub const ICON_192: &[u8] = include_bytes!("../../static/icon-192.png");
pub const ICON_512: &[u8] = include_bytes!("../../static/icon-512.png");
pub const ICON_MASKABLE_512: &[u8] = include_bytes!("../../static/icon-maskable-512.png");
pub const APPLE_TOUCH_ICON: &[u8] = include_bytes!("../../static/apple-touch-icon.png");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_is_json_with_versioned_icons() {
        let manifest: serde_json::Value =
            serde_json::from_str(&MANIFEST).expect("the manifest is JSON");
        assert_eq!(manifest["start_url"], "/dashboard");
        assert_eq!(manifest["display"], "standalone");
        let icons = manifest["icons"].as_array().expect("icons");
        assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
        for icon in icons {
            let src = icon["src"].as_str().expect("src");
            assert!(
                src.ends_with(&format!("?v={}", crate::web::ASSET_VERSION.as_str())),
                "{src}"
            );
        }
    }

    /// The phone's title bar and splash screen take the header's red and the page's paper.
    #[test]
    fn the_manifest_colours_are_the_stylesheets() {
        let manifest: serde_json::Value =
            serde_json::from_str(&MANIFEST).expect("the manifest is JSON");
        let css = include_str!("../../static/app.css").to_ascii_lowercase();
        for key in ["theme_color", "background_color"] {
            let colour = manifest[key].as_str().expect(key);
            assert!(
                css.contains(colour),
                "{key} {colour} is not in static/app.css"
            );
        }
    }

    #[test]
    fn the_icons_are_png_of_their_size() {
        for (bytes, size) in [
            (ICON_192, 192),
            (ICON_512, 512),
            (ICON_MASKABLE_512, 512),
            (APPLE_TOUCH_ICON, 180),
        ] {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
            // The IHDR chunk: width and height, big-endian, after the signature and header.
            let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
            let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
            assert_eq!((width, height), (size, size));
        }
    }
}

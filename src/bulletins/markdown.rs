//! Bulletin bodies: Markdown in, safe HTML out. Part of the web side of bulletins (only the
//! web layer knows HTML); the store keeps the Markdown source and this runs each time a
//! bulletin is shown, which costs microseconds per bulletin and means a tightened sanitizer
//! applies to every bulletin ever published.
//!
//! Two layers, so that a mistake in one is caught by the other:
//!
//! 1. pulldown-cmark parses the Markdown; raw HTML blocks and inline HTML are dropped before
//!    rendering (they are never shown, not even escaped), and images become their
//!    description (an image would let any outside server see who reads the bulletin, and
//!    the page's Content-Security-Policy would block it anyway).
//! 2. ammonia cleans what pulldown-cmark wrote against a short allow-list: text formatting,
//!    lists, quotes, code, tables, headings and links. Links keep only `http`, `https` and
//!    `mailto` addresses (or relative ones) and get `rel="noopener noreferrer nofollow"`. No
//!    attribute besides `href`, `title` and table alignment survives, so no event handler
//!    and no `style`; the contents of `script` and `style` elements are removed whole.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "hr",
            "strong",
            "em",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "a",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ]))
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "title"])),
            ("ol", HashSet::from(["start"])),
            ("th", HashSet::from(["align"])),
            ("td", HashSet::from(["align"])),
        ]))
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean_content_tags(HashSet::from(["script", "style"]))
        .strip_comments(true);
    builder
});

/// Renders a bulletin's Markdown to HTML that is safe to put into a page as it is.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).filter(|event| {
        !matches!(
            event,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Image { .. })
                | Event::End(TagEnd::Image)
        )
    });
    let mut unchecked = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unchecked, events);
    CLEANER.clean(&unchecked).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_safe(html: &str) {
        let lower = html.to_ascii_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "data:",
            "<img",
            "<iframe",
            "style",
            "<div",
            "<span",
        ] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn formatting_survives() {
        let html = render(
            "# Strike vote\n\n**Thursday** at *noon*, see [the call](https://example.org/call).\n\n- one\n- two",
        );
        assert!(html.contains("<h1>Strike vote</h1>"), "{html}");
        assert!(html.contains("<strong>Thursday</strong>"), "{html}");
        assert!(html.contains("<em>noon</em>"), "{html}");
        assert!(html.contains("<li>one</li>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.org/call" rel="noopener noreferrer nofollow">the call</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn nothing_dangerous_survives() {
        let attacks = [
            "<script>alert(1)</script>",
            "hello <script>alert(1)</script> there",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "![pixel](data:image/png;base64,iVBORw0KGgo=)",
            "![tracker](https://evil.example/pixel.gif)",
            "<div style=\"position:fixed\">cover</div>",
            "<span onclick=\"steal()\">x</span>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<details open ontoggle=alert(1)>",
            "*a*<svg onload=alert(1)>",
            "```\n<script>in code</script>\n```",
        ];
        for attack in attacks {
            let html = render(attack);
            if attack.starts_with("```") {
                // Inside code it is shown as text, escaped.
                assert!(html.contains("&lt;script&gt;"), "{html}");
                continue;
            }
            assert_safe(&html);
        }
    }

    #[test]
    fn mail_and_relative_links_stay() {
        let html = render("[write](mailto:council@example.org) or [see](/feed)");
        assert!(
            html.contains(r#"href="mailto:council@example.org""#),
            "{html}"
        );
        assert!(html.contains(r#"href="/feed""#), "{html}");
    }

    #[test]
    fn image_descriptions_remain_as_text() {
        let html = render("Photo: ![the picket line](https://example.org/p.jpg)");
        assert!(html.contains("the picket line"), "{html}");
        assert_safe(&html);
    }
}

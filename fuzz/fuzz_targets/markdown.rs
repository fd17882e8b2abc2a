//! Bulletins' Markdown, written by any coordinator and shown to whole networks: whatever it
//! holds, the HTML we make of it has no element that runs or embeds anything, no event
//! handler or style attribute, and links only to http(s), mail or this site.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outnumber::bulletins::markdown::render;

const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "img", "object", "embed", "svg", "math",
    "form", "input", "button", "textarea", "select", "link", "meta", "base", "video", "audio",
    "source", "template",
];

fuzz_target!(|input: &str| {
    let html = render(input);
    check(&html, input);
    // Rendering our own output again stays safe too.
    check(&render(&html), input);
});

fn check(html: &str, input: &str) {
    for (name, attributes) in tags(html) {
        assert!(
            !FORBIDDEN_ELEMENTS.contains(&name.as_str()),
            "<{name}> in {html:?} from {input:?}"
        );
        for (attribute, value) in attributes {
            assert!(
                !attribute.starts_with("on")
                    && !["style", "srcdoc", "formaction", "action", "src"]
                        .contains(&attribute.as_str()),
                "{attribute}= in {html:?} from {input:?}"
            );
            if attribute == "href" {
                assert!(
                    link_ok(&decode(&value)),
                    "href {value:?} in {html:?} from {input:?}"
                );
            }
        }
    }
}

/// http(s), mailto, or a link without a scheme (relative to this site).
fn link_ok(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match url.find(':') {
        Some(colon) if !url[..colon].contains(['/', '?', '#']) => {
            matches!(
                url[..colon].to_ascii_lowercase().as_str(),
                "http" | "https" | "mailto"
            )
        }
        _ => true,
    }
}

/// What a browser reads in an attribute value: the serializer's escapes undone.
fn decode(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Every start tag: its name and its attributes (html5ever writes values in double quotes,
/// with `"` escaped, and text `<` as `&lt;`, so every `<` starts a tag).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    for chunk in html.split('<').skip(1) {
        if chunk.starts_with('/') || chunk.starts_with('!') {
            continue;
        }
        let name: String = chunk
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let mut rest = &chunk[name.len()..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let end = rest
                .find(|c: char| c == '=' || c == '>' || c.is_whitespace())
                .unwrap_or(rest.len());
            let attribute = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').unwrap_or(after.len());
                value = after[..close].to_owned();
                rest = after.get(close + 1..).unwrap_or("");
            }
            if attribute.is_empty() {
                break;
            }
            attributes.push((attribute, value));
        }
        found.push((name, attributes));
    }
    found
}

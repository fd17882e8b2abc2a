//! What a phone needs to install Outnumber and read a few pages offline: the manifest and
//! its icons, the know-your-rights and offline pages, and the headers that tell the service
//! worker which pages to keep and whose they are.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::both;
use crate::common::TestApp;
use crate::pages::Browser;

both!(
    the_app_installs_from_its_manifest,
    know_your_rights_is_for_everyone_in_both_languages,
    pages_tell_the_service_worker_whose_they_are,
    the_offline_page_carries_the_banner_in_the_readers_language,
    log_out_everywhere_ends_every_session,
);

async fn fetch(browser: &Browser, path: &str, language: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = browser
        .client
        .get(format!("{}{path}", browser.base))
        .header("accept-language", language)
        .send()
        .await
        .expect("get");
    let status = response.status();
    let headers = response.headers().clone();
    (
        status,
        headers,
        response.bytes().await.expect("body").to_vec(),
    )
}

/// How long a kept page other than the dashboard may be shown: as long as a session lives.
const SESSION: u64 = 30 * 24 * 3600;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Signs a browser in with the password every test account has.
pub async fn signed_in(app: &TestApp, handle: &str) -> Browser {
    let browser = Browser::new(app);
    let (status, body, _) = browser
        .submit(
            "/login",
            "/login",
            &[("handle", handle), ("password", "correct horse battery")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "log in {handle}: {body}");
    browser
}

async fn the_app_installs_from_its_manifest(app: TestApp) {
    let visitor = Browser::new(&app);
    let (status, headers, home) = fetch(&visitor, "/", "en").await;
    assert_eq!(status, StatusCode::OK);
    let home = String::from_utf8(home).expect("utf-8");
    let link = home
        .split("<link rel=\"manifest\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page links the manifest");
    assert!(
        link.starts_with("/static/manifest.webmanifest?v="),
        "{link}"
    );
    assert!(home.contains("<link rel=\"apple-touch-icon\" href=\"/static/apple-touch-icon.png?v="));
    let csp = header(&headers, "content-security-policy").expect("csp");
    assert!(csp.contains("manifest-src 'self'"), "{csp}");

    let (status, headers, body) = fetch(&visitor, link, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/manifest+json")
    );
    assert_eq!(
        header(&headers, "cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let manifest: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(manifest["name"], "Outnumber");
    assert_eq!(manifest["short_name"], "Outnumber");
    assert_eq!(manifest["start_url"], "/dashboard");
    assert_eq!(manifest["display"], "standalone");
    let version = link.rsplit("?v=").next().expect("version");
    let mut sizes = Vec::new();
    for icon in manifest["icons"].as_array().expect("icons") {
        let src = icon["src"].as_str().expect("src");
        assert!(src.ends_with(&format!("?v={version}")), "{src}");
        let (status, headers, bytes) = fetch(&visitor, src, "en").await;
        assert_eq!(status, StatusCode::OK, "{src}");
        assert_eq!(
            header(&headers, "content-type"),
            icon["type"].as_str(),
            "{src}"
        );
        if icon["type"] == "image/png" {
            let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
            sizes.push((format!("{width}x{width}"), icon["purpose"].clone()));
            assert_eq!(
                Some(format!("{width}x{width}").as_str()),
                icon["sizes"].as_str()
            );
        }
    }
    assert!(sizes.iter().any(|(s, p)| s == "192x192" && p == "any"));
    assert!(sizes.iter().any(|(s, p)| s == "512x512" && p == "any"));
    assert!(sizes.iter().any(|(s, p)| s == "512x512" && p == "maskable"));
    let (status, headers, _) = fetch(&visitor, "/static/apple-touch-icon.png", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "content-type"), Some("image/png"));
}

async fn know_your_rights_is_for_everyone_in_both_languages(app: TestApp) {
    let visitor = Browser::new(&app);
    for (language, not_advice, heading) in [
        ("en", "not legal advice", "Know your rights"),
        ("es", "no asesoría legal", "Conoce tus derechos"),
    ] {
        let (status, headers, page) = fetch(&visitor, "/rights", language).await;
        assert_eq!(status, StatusCode::OK);
        let page = String::from_utf8(page).expect("utf-8");
        assert!(page.contains(&format!("<html lang=\"{language}\"")));
        assert!(page.contains(heading), "{page}");
        assert!(page.contains(not_advice), "{page}");
        assert_eq!(header(&headers, "cache-control"), Some("no-store, private"));
        assert_eq!(
            header(&headers, "outnumber-offline"),
            Some(format!("max-age={SESSION} /offline").as_str())
        );
        assert_eq!(header(&headers, "outnumber-owner"), None, "nobody's page");
    }

    // A member's copy names whom to call: the contacts pages of their committees.
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let browser = signed_in(&app, "rosa").await;
    let (status, headers, page) = fetch(&browser, "/rights", "en").await;
    assert_eq!(status, StatusCode::OK);
    let page = String::from_utf8(page).expect("utf-8");
    assert!(
        page.contains(&format!("href=\"/committees/{depot}/contacts\"")),
        "{page}"
    );
    assert!(header(&headers, "outnumber-owner").is_some());
}

async fn pages_tell_the_service_worker_whose_they_are(app: TestApp) {
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Depot").await;
    let clinic = app.workplace(&rosa, "Clinic").await;
    let phone = signed_in(&app, "rosa").await;

    let (status, headers, _) = fetch(&phone, "/dashboard", "en").await;
    assert_eq!(status, StatusCode::OK);
    let owner = header(&headers, "outnumber-owner")
        .expect("a signed-in page names its owner")
        .to_owned();
    assert_eq!(owner.len(), 24);
    assert!(owner.bytes().all(|b| b.is_ascii_hexdigit()));
    let keep: Vec<String> = header(&headers, "outnumber-offline")
        .expect("the dashboard is kept")
        .split(' ')
        .map(str::to_owned)
        .collect();
    // The dashboard shows incident summaries: its copy lives no longer than the server keeps
    // them (72 hours by default).
    assert_eq!(keep[0], "max-age=259200", "{keep:?}");
    for path in [
        "/offline".to_owned(),
        "/rights".to_owned(),
        format!("/committees/{depot}/contacts"),
        format!("/committees/{clinic}/contacts"),
    ] {
        assert!(keep.contains(&path), "{path} in {keep:?}");
    }
    assert_eq!(header(&headers, "cache-control"), Some("no-store, private"));

    // The same session, the same tag, on every page; only the chosen pages are kept.
    let (_, headers, _) = fetch(&phone, "/settings", "en").await;
    assert_eq!(header(&headers, "outnumber-owner"), Some(owner.as_str()));
    assert_eq!(header(&headers, "outnumber-offline"), None);
    let (status, headers, _) = fetch(&phone, &format!("/committees/{depot}/contacts"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "outnumber-owner"), Some(owner.as_str()));
    assert_eq!(
        header(&headers, "outnumber-offline"),
        Some(format!("max-age={SESSION} /offline /rights").as_str())
    );
    // A page that is not there is not kept.
    let (status, headers, _) = fetch(&phone, "/committees/0000000000000001/contacts", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(header(&headers, "outnumber-offline"), None);

    // Another session of the same account (another phone) has a tag of its own.
    let other = signed_in(&app, "rosa").await;
    let (_, headers, _) = fetch(&other, "/dashboard", "en").await;
    let other_owner = header(&headers, "outnumber-owner").expect("owner");
    assert_ne!(other_owner, owner);

    // Logged out, pages are nobody's: the service worker drops what it kept.
    let (status, _, location) = phone.submit("/settings", "/logout", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, headers, _) = fetch(&phone, location.as_deref().unwrap_or("/"), "en").await;
    assert_eq!(header(&headers, "outnumber-owner"), None);
    let (status, headers, _) = fetch(&phone, "/dashboard", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(header(&headers, "outnumber-owner"), None);
    assert_eq!(header(&headers, "outnumber-offline"), None);
}

async fn the_offline_page_carries_the_banner_in_the_readers_language(app: TestApp) {
    let visitor = Browser::new(&app);
    for (language, banner) in [("en", "You are offline."), ("es", "Estás sin conexión.")] {
        let (status, headers, page) = fetch(&visitor, "/offline", language).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            header(&headers, "outnumber-offline"),
            Some(format!("max-age={SESSION} /rights").as_str())
        );
        let page = String::from_utf8(page).expect("utf-8");
        let template = page
            .split("<template id=\"offline-banner\">")
            .nth(1)
            .and_then(|rest| rest.split("</template>").next())
            .expect("the banner's template");
        assert!(template.contains(banner), "{template}");
        assert!(
            template.contains("<span data-saved-at></span>"),
            "{template}"
        );
        assert!(page.contains("data-offline-saved"));
    }
    // The service worker that shows it is served for the whole site and never cached long.
    let (status, headers, script) = fetch(&visitor, "/sw.js", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    let script = String::from_utf8(script).expect("utf-8");
    assert!(script.contains("outnumber-owner") && script.contains("outnumber-offline"));
}

async fn log_out_everywhere_ends_every_session(app: TestApp) {
    let rosa = app.register("rosa").await;
    let phone = signed_in(&app, "rosa").await;
    let laptop = signed_in(&app, "rosa").await;
    let (status, _) = app.get("/api/v1/me", &rosa.token).await;
    assert_eq!(status, StatusCode::OK);

    let (status, settings, _) = phone.get("/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        settings.contains("action=\"/logout/everywhere\""),
        "{settings}"
    );
    let (status, _, location) = phone.submit("/settings", "/logout/everywhere", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/"));

    for browser in [&phone, &laptop] {
        let (status, _, location) = browser.get("/dashboard").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location.as_deref(), Some("/login?next=/dashboard"));
    }
    let (status, _) = app.get("/api/v1/me", &rosa.token).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the API's token is a session too"
    );
    // The account itself stays: logging in again works.
    let again = signed_in(&app, "rosa").await;
    let (status, _, _) = again.get("/dashboard").await;
    assert_eq!(status, StatusCode::OK);
}

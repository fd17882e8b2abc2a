//! The web layer: the router, the layers every request passes through, and the pieces the
//! parts' `api` and `pages` modules share. Only this layer knows JSON and HTML.

pub mod caller;
pub mod conventions;
pub mod deadline;
pub mod error;
pub mod extract;
pub mod form;
pub mod forwarded;
pub mod health;
pub mod install;
pub mod notice;
pub mod observe;
pub mod offline;
pub mod openapi;
pub mod pages;
pub mod stream;

use std::sync::LazyLock;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa_axum::router::OpenApiRouter;

use crate::app::App;

/// Request bodies above this are refused with 413 before they are read: nothing a person
/// types into Outnumber comes near it.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The API (served under `/api/v1`), as a router that also collects the OpenAPI document.
pub fn api_router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .merge(crate::accounts::api::routes())
        .merge(crate::committees::api::routes())
        .merge(crate::notifications::api::routes())
        .merge(crate::demands::api::routes())
        .merge(crate::motions::api::routes())
        .merge(crate::delegates::api::routes())
        .merge(crate::actions::api::routes())
        .merge(crate::incidents::api::routes())
        .merge(crate::meetings::api::routes())
        .merge(crate::bulletins::api::routes())
        .merge(crate::delivery::api::routes())
}

pub fn router(app: App) -> Router {
    let (api, mut openapi) = OpenApiRouter::with_openapi(openapi::base())
        .merge(api_router())
        .split_for_parts();
    openapi::add_limits(&mut openapi);
    openapi::complete_operations(&mut openapi);
    let mut openapi = openapi::finished(&openapi).0;
    let grants = std::sync::Arc::new(caller::Grants::from_doc(&openapi));
    grants.describe(&mut openapi);
    let openapi = std::sync::Arc::new(openapi);

    let api = api
        // `caller::DOCUMENT`, written out for the tests' walks of the routes in `src/`.
        .route(
            "/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(middleware::from_fn_with_state(
            (app.clone(), grants),
            caller::api_layer,
        ));

    let pages = Router::new()
        .merge(pages::routes())
        .merge(crate::accounts::pages::routes())
        .merge(crate::committees::pages::routes())
        .merge(crate::contacts::pages::routes())
        .merge(crate::notifications::pages::routes())
        .merge(crate::motions::pages::routes())
        .merge(crate::demands::pages::routes())
        .merge(crate::delegates::pages::routes())
        .merge(crate::actions::pages::routes())
        .merge(crate::incidents::pages::routes())
        .merge(crate::meetings::pages::routes())
        .merge(crate::bulletins::pages::routes())
        .merge(crate::delivery::pages::routes())
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(middleware::from_fn_with_state(
            app.clone(),
            caller::page_layer,
        ));

    // Behind https, browsers are told to come back only over https for a year, so that a
    // network that strips https on a later visit (a workplace's Wi-Fi) meets a refusal
    // instead of a member typing a password over plain http. Not `includeSubDomains`: the
    // operator may host other things under the same domain that must stay reachable.
    let hsts = app
        .config
        .public_url
        .starts_with("https://")
        .then(|| HeaderValue::from_static("max-age=31536000"));

    let observed = app.clone();

    Router::new()
        // 503 `database_unavailable` while the database is out of reach (see `health`).
        .route("/healthz", health::route(&app.db))
        // 404 unless `--metrics-token` is set and sent (see `observe`).
        .route("/metrics", get(observe::metrics))
        .route(
            "/static/app.css",
            get(|| asset(APP_CSS, "text/css; charset=utf-8")),
        )
        .route(
            "/static/app.js",
            get(|| asset(APP_JS, "text/javascript; charset=utf-8")),
        )
        .route("/static/icon.svg", get(|| asset(ICON, "image/svg+xml")))
        // What a phone needs to put Outnumber on its home screen (see `install`).
        .route(
            "/static/manifest.webmanifest",
            get(|| asset(install::MANIFEST.as_str(), "application/manifest+json")),
        )
        .route(
            "/static/icon-192.png",
            get(|| asset(install::ICON_192, "image/png")),
        )
        .route(
            "/static/icon-512.png",
            get(|| asset(install::ICON_512, "image/png")),
        )
        .route(
            "/static/icon-maskable-512.png",
            get(|| asset(install::ICON_MASKABLE_512, "image/png")),
        )
        .route(
            "/static/apple-touch-icon.png",
            get(|| asset(install::APPLE_TOUCH_ICON, "image/png")),
        )
        .route("/static/nav.svg", get(|| asset(NAV_ICONS, "image/svg+xml")))
        // The service worker lives at the root so that its scope is every page; browsers
        // check it for updates, so it is not cached for long.
        .route("/sw.js", get(crate::delivery::pages::service_worker))
        // Browsers ask for it whatever the page links.
        .route("/favicon.ico", get(|| asset(ICON, "image/svg+xml")))
        .route("/robots.txt", get(conventions::robots))
        .route("/.well-known/security.txt", get(conventions::security_txt))
        .nest("/api/v1", api)
        .merge(pages)
        .with_state(app)
        // Every extractor that reads a body stops at the limit and answers 413 in the
        // error contract.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(drain_oversized))
        .layer(CompressionLayer::new())
        .layer(security_header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(middleware::map_response(deny_framing))
        .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
        .layer(security_header(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .layer(security_header(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            move |_: &axum::response::Response| hsts.clone(),
        ))
        // Outermost, so that the status counted and logged is the one sent.
        .layer(middleware::from_fn_with_state(observed, observe::requests))
}

/// Forbids framing, except for the pages made to be embedded (the public action counter),
/// which say so in their own Content-Security-Policy.
async fn deny_framing(mut response: axum::response::Response) -> axum::response::Response {
    let embeddable = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|csp| csp.contains("frame-ancestors *"));
    if !embeddable {
        response
            .headers_mut()
            .insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

const APP_CSS: &str = include_str!("../../static/app.css");
const APP_JS: &str = include_str!("../../static/app.js");
const ICON: &str = include_str!("../../static/icon.svg");
/// The navigation's icons side by side, which the stylesheet shows one at a time as masks
/// (its URL carries a version of its own, since the stylesheet names it).
const NAV_ICONS: &str = include_str!("../../static/nav.svg");

/// Changes whenever the assets change, so pages can tell browsers to cache them for long.
pub static ASSET_VERSION: LazyLock<String> = LazyLock::new(|| {
    let digest = Sha256::new()
        .chain_update(APP_CSS)
        .chain_update(APP_JS)
        .chain_update(ICON)
        .chain_update(install::MANIFEST_SOURCE)
        .chain_update(install::ICON_192)
        .chain_update(install::ICON_512)
        .chain_update(install::ICON_MASKABLE_512)
        .chain_update(install::APPLE_TOUCH_ICON)
        .chain_update(NAV_ICONS)
        .finalize();
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
});

async fn asset<B>(body: B, content_type: &'static str) -> impl IntoResponse
where
    B: IntoResponse,
{
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
}

/// A body announced larger than a few times the limit is not read at all.
const DRAIN_MAX: u64 = 1024 * 1024;

/// A body announced over the limit (but not absurdly) is read to its end and dropped before
/// the 413, so that the client, still sending it, gets to read the answer: a server that
/// closes with the body unread resets the connection, and the client sees a broken pipe
/// instead of the error. The extractors then refuse it by its `Content-Length`, in the
/// error contract, as any body over the limit.
async fn drain_oversized(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use http_body_util::BodyExt;

    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > BODY_LIMIT as u64 && length <= DRAIN_MAX => {
            let (parts, mut body) = request.into_parts();
            // Frame by frame, keeping nothing; the body's deadline (`deadline.rs`) bounds it.
            while let Some(Ok(_)) = body.frame().await {}
            // The extractors go on to read a stand-in just over the limit, and refuse it as
            // they refuse every body over the limit.
            static KIB: [u8; 1024] = [0; 1024];
            let chunks = BODY_LIMIT / KIB.len() + 1;
            let stand_in = futures_util::stream::iter(
                std::iter::repeat_n(axum::body::Bytes::from_static(&KIB), chunks)
                    .map(Ok::<_, std::io::Error>),
            );
            next.run(axum::extract::Request::from_parts(
                parts,
                axum::body::Body::from_stream(stand_in),
            ))
            .await
        }
        _ => next.run(request).await,
    }
}

/// How long a live stream may stay silent before a comment keeps proxies from closing it.
pub const KEEP_ALIVE: Duration = Duration::from_secs(20);

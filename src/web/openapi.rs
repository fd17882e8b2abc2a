//! The frame of the OpenAPI document; the paths and schemas come from the handlers'
//! annotations as the router is built, so the document cannot drift from the code.

use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::server::Server;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Outnumber",
        description = "The JSON API of Outnumber: committees, councils, democracy, mass action \
                       and defense for rank-and-file workers. Every error answers \
                       `{\"error\": {\"code\", \"message\"}}`; what the caller may not see \
                       answers 404.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(crate::web::error::ErrorBody)),
    security(("bearer" = []))
)]
struct Base;

pub fn base() -> utoipa::openapi::OpenApi {
    let mut doc = Base::openapi();
    doc.servers = Some(vec![Server::new("/api/v1")]);
    if let Some(components) = doc.components.as_mut() {
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
    doc
}

//! Push subscriptions, the VAPID public key, and notification settings in the JSON API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::App;
use crate::core::Id;
use crate::core::delivery::Category;
use crate::delivery::push::Subscription;
use crate::delivery::service::{self, Settings};
use crate::error::Error;
use crate::web::caller::SignedIn;
use crate::web::error::ErrorBody;
use crate::web::extract::ApiJson;

#[derive(Serialize, ToSchema)]
pub struct PublicKey {
    /// The server's VAPID public key (uncompressed P-256 point, base64url): pass it as
    /// `applicationServerKey` to `PushManager.subscribe`.
    pub public_key: String,
}

/// The server's VAPID public key, for subscribing browsers to push.
#[utoipa::path(get, path = "/push/public-key", tag = "delivery", security(()),
    responses((status = 200, body = PublicKey), (status = "4XX", body = ErrorBody)))]
async fn public_key(State(app): State<App>) -> Result<axum::Json<PublicKey>, Error> {
    Ok(axum::Json(PublicKey {
        public_key: app.delivery.keys()?.vapid.public_key().to_owned(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Subscribed {
    pub id: Id,
}

/// Subscribes one of the caller's browsers to push notifications.
#[utoipa::path(post, path = "/push-subscriptions", tag = "delivery",
    request_body = Subscription,
    responses((status = 201, description = "Subscribed (again, for a known endpoint)", body = Subscribed),
        (status = 422, description = "Not an https endpoint of a public push service, or bad keys", body = ErrorBody),
        (status = "4XX", body = ErrorBody)))]
async fn subscribe(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<Subscription>,
) -> Result<Response, Error> {
    let id = service::subscribe(&app, account.id, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(Subscribed { id })).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct Unsubscribe {
    pub endpoint: String,
}

/// Ends a browser's push subscription.
#[utoipa::path(delete, path = "/push-subscriptions", tag = "delivery",
    request_body = Unsubscribe,
    responses((status = 204, description = "This device gets no more pushes (also when it had none)"),
        (status = "4XX", body = ErrorBody)))]
async fn unsubscribe(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<Unsubscribe>,
) -> Result<StatusCode, Error> {
    service::unsubscribe(&app, account.id, &body.endpoint).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema, Clone, Copy)]
pub struct CategoryChoice {
    pub category: Category,
    pub push: bool,
    pub email: bool,
}

#[derive(Serialize, ToSchema)]
pub struct NotificationSettings {
    /// Per category, whether it reaches the member by push and by e-mail. Emergency
    /// meetings, actions, incidents (reports only when urgent) and bulletins; everything
    /// else stays in the inbox. All are on until the member turns them off.
    pub categories: Vec<CategoryChoice>,
    /// The member's own e-mail address (shown to nobody else), if they gave one.
    pub email: Option<String>,
    /// Whether this server sends e-mail at all (SMTP configured).
    pub email_available: bool,
    /// How many browsers or phones of the member receive pushes.
    pub push_devices: i64,
}

impl From<Settings> for NotificationSettings {
    fn from(s: Settings) -> Self {
        NotificationSettings {
            categories: s
                .categories
                .into_iter()
                .map(|(category, push, email)| CategoryChoice {
                    category,
                    push,
                    email,
                })
                .collect(),
            email: s.email,
            email_available: s.email_available,
            push_devices: s.push_devices,
        }
    }
}

/// How the caller is told of each kind of notification (inbox, push, e-mail).
#[utoipa::path(get, path = "/me/notification-settings", tag = "delivery",
    responses((status = 200, body = NotificationSettings), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    SignedIn(account): SignedIn,
) -> Result<axum::Json<NotificationSettings>, Error> {
    Ok(axum::Json(
        service::settings(&app, account.id).await?.into(),
    ))
}

/// Reads a field that may be absent (`None`), `null` (`Some(None)`) or a value.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateSettings {
    /// The categories to change; those not listed keep their choice.
    #[serde(default)]
    categories: Vec<CategoryChoice>,
    /// A new address; `null` or `""` removes it; absent leaves it as it is.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    email: Option<Option<String>>,
}

/// Changes how the caller is told of each kind of notification.
#[utoipa::path(put, path = "/me/notification-settings", tag = "delivery",
    request_body = UpdateSettings,
    responses((status = 200, body = NotificationSettings), (status = "4XX", body = ErrorBody)))]
async fn update(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    ApiJson(body): ApiJson<UpdateSettings>,
) -> Result<axum::Json<NotificationSettings>, Error> {
    let categories: Vec<_> = body
        .categories
        .iter()
        .map(|c| (c.category, c.push, c.email))
        .collect();
    let email = body.email.map(Option::unwrap_or_default);
    service::update(&app, account.id, &categories, email.as_deref()).await?;
    Ok(axum::Json(
        service::settings(&app, account.id).await?.into(),
    ))
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(public_key))
        .routes(routes!(subscribe, unsubscribe))
        .routes(routes!(show, update))
}

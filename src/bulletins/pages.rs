//! Bulletin pages: a committee's bulletins with the publishing form for coordinators, one
//! bulletin in the reader's language (with its other versions a link away), and the feed.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::app::App;
use crate::bulletins::api::BulletinView;
use crate::bulletins::service::{self, Publish, Version};
use crate::core::Id;
use crate::core::fields::{Language, Role};
use crate::error::Error;
use crate::web::caller::{Caller, SignedIn};
use crate::web::extract::path_id;
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::pages::{Layout, render, render_with};

#[derive(Deserialize, Default)]
struct CursorQuery {
    cursor: Option<String>,
}

#[derive(Deserialize, Default)]
struct PublishForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    audience: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    translation_language: String,
    #[serde(default)]
    translation_title: String,
    #[serde(default)]
    translation_body: String,
}

#[derive(Template)]
#[template(path = "bulletins.html")]
struct BulletinsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_coordinator: bool,
    bulletins: Vec<BulletinView>,
    next: Option<String>,
    errors: FormErrors,
    form: PublishForm,
    languages: &'static [Language],
}

impl BulletinsPage {
    /// The translation's language as the form shows it: the one chosen, else the first
    /// language that is not the bulletin's own.
    fn translation_language(&self) -> &str {
        if !self.form.translation_language.is_empty() {
            return &self.form.translation_language;
        }
        self.languages
            .iter()
            .map(|l| l.as_str())
            .find(|l| *l != self.form.language)
            .unwrap_or_default()
    }
}

const PUBLISH: FormSpec = FormSpec {
    id: "publish",
    fields: &[
        Field::new("title", "field-title"),
        Field::new("body", "bulletins-field-body"),
        Field::new("language", "field-language"),
        Field::new("audience", "field-audience"),
        Field::new("translation_language", "field-translation-language"),
        Field::new("translation_title", "field-translation-title"),
        Field::new("translation_body", "field-translation-body"),
    ],
};

async fn bulletins_page(
    app: &App,
    caller: &Caller,
    id: Id,
    cursor: Option<&str>,
    errors: FormErrors,
    mut form: PublishForm,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (committee, role, page) = service::of_committee(app, account.id, id, cursor).await?;
    if form.language.is_empty() {
        form.language = account.language.as_str().to_owned();
    }
    if form.audience.is_empty() {
        form.audience = "members".to_owned();
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = caller
        .tr
        .t1("bulletins-of", "committee", committee.name.clone());
    render_with(
        status,
        &BulletinsPage {
            l: Layout::titled(app, caller, title).await,
            committee_id: id,
            committee_name: committee.name,
            is_coordinator: role == Some(Role::Coordinator),
            bulletins: page
                .bulletins
                .iter()
                .map(|b| BulletinView::new(b, caller.tr.lang))
                .collect(),
            next: page.next.map(|c| c.encode()),
            errors,
            form,
            languages: Language::ALL,
        },
    )
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
    Query(query): Query<CursorQuery>,
) -> Result<Response, Error> {
    bulletins_page(
        &app,
        &caller,
        path_id(&id)?,
        query.cursor.as_deref(),
        FormErrors::none(&PUBLISH),
        PublishForm::default(),
    )
    .await
}

async fn publish(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<PublishForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &PUBLISH);
            return bulletins_page(&app, &caller, id, None, errors, form).await;
        }
    };
    let has_translation =
        !form.translation_title.trim().is_empty() || !form.translation_body.trim().is_empty();
    let publish = Publish {
        title: form.title.clone(),
        body: form.body.clone(),
        audience: form.audience.clone(),
        language: Some(form.language.clone()),
        translations: if has_translation {
            vec![Version {
                language: form.translation_language.clone(),
                title: form.translation_title.clone(),
                body: form.translation_body.clone(),
            }]
        } else {
            Vec::new()
        },
    };
    match service::publish(&app, &account, id, publish).await {
        Ok(bulletin) => Ok(Redirect::to(&format!("/bulletins/{}", bulletin.id())).into_response()),
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &PUBLISH)?;
            bulletins_page(&app, &caller, id, None, errors, form).await
        }
    }
}

#[derive(Deserialize, Default)]
struct LangQuery {
    lang: Option<String>,
}

#[derive(Template)]
#[template(path = "bulletin.html")]
struct BulletinPage {
    l: Layout,
    b: BulletinView,
    /// The other versions, to switch to: (language code, its name).
    others: Vec<(String, String)>,
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
) -> Result<Response, Error> {
    let bulletin = service::find(&app, account.id, path_id(&id)?).await?;
    let wanted = query
        .lang
        .as_deref()
        .and_then(|l| Language::parse(l).ok())
        .unwrap_or(caller.tr.lang);
    let b = BulletinView::new(&bulletin, wanted);
    let others = bulletin
        .versions()
        .iter()
        .filter(|v| v.language.as_str() != b.language)
        .map(|v| {
            (
                v.language.as_str().to_owned(),
                caller.tr.t(&format!("language-{}", v.language.as_str())),
            )
        })
        .collect();
    render(&BulletinPage {
        l: Layout::titled(&app, &caller, b.title.clone()).await,
        b,
        others,
    })
}

#[derive(Template)]
#[template(path = "feed.html")]
struct FeedPage {
    l: Layout,
    bulletins: Vec<BulletinView>,
    next: Option<String>,
}

async fn feed(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Query(query): Query<CursorQuery>,
) -> Result<Response, Error> {
    let page = service::feed(&app, account.id, query.cursor.as_deref()).await?;
    render(&FeedPage {
        l: Layout::new(&app, &caller, "feed-title").await,
        bulletins: page
            .bulletins
            .iter()
            .map(|b| BulletinView::new(b, caller.tr.lang))
            .collect(),
        next: page.next.map(|c| c.encode()),
    })
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/bulletins", get(list).post(publish))
        .route("/bulletins/{id}", get(show))
        .route("/feed", get(feed))
}

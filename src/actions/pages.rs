//! Action pages: a committee's actions and the form to call one, an action with its
//! progress and the pledge button, and the public counter made to be shared and embedded.
//! Everything works without JavaScript (a reload shows the current count); the page's
//! script only makes the numbers move live.

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::actions::api::{
    ActionItem, PublicAction, Standing, action_view, actions_of, may_pledge, may_withdraw,
    public_view,
};
use crate::actions::engine::ProgressView;
use crate::actions::service::{self, ActionFacts, Call};
use crate::app::App;
use crate::core::actions::ActionKind;
use crate::core::fields::{Invalid, Problem};
use crate::core::zones::Zone;
use crate::core::{Id, Invalids, Timestamp};
use crate::error::Error;
use crate::i18n::{Arg, Tr};
use crate::web::caller::{Caller, SignedIn, safe_next};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::notice;
use crate::web::pages::{Layout, render, render_with};

/// A progress bar: what the threshold part asks, and how far it is.
pub struct Bar {
    pub part: String,
    pub label: String,
    /// The label with `{current}` and `{target}` left open, for the page's script to fill
    /// in as counts arrive.
    pub template: String,
    /// `current` and `target` for a `<progress>` element, in whole units.
    pub value: i64,
    pub max: i64,
    pub met: bool,
}

pub fn bars(progress: &[ProgressView], tr: Tr) -> Vec<Bar> {
    progress
        .iter()
        .map(|p| {
            let key = format!("action-progress-{}", p.part);
            let (value, max) = if p.part == "share" {
                (
                    (p.current * 100.0).round() as i64,
                    (p.target * 100.0).round() as i64,
                )
            } else {
                (p.current as i64, p.target as i64)
            };
            Bar {
                part: p.part.clone(),
                label: tr.t2(&key, "current", value, "target", max),
                // The target stays: its number chooses the plural form of the words.
                template: tr.t2(&key, "current", "{current}", "target", max),
                value: value.min(max),
                max: max.max(1),
                met: p.met,
            }
        })
        .collect()
}

/// A sentence with a time in it, cut around the time, so that the page can show the time as
/// a `<time>` (which the script puts in the reader's time zone).
pub struct Sentence {
    pub before: String,
    pub after: String,
}

/// Stands for the time in a message until the sentence is cut around it.
const TIME_MARK: &str = "\u{E000}";

fn sentence(tr: Tr, key: &str, more: Option<i64>) -> Sentence {
    let mut args = vec![("date", Arg::Text(TIME_MARK.into()))];
    if let Some(more) = more {
        args.push(("more", Arg::Number(more)));
    }
    let text = tr.with(key, &args);
    match text.split_once(TIME_MARK) {
        Some((before, after)) => Sentence {
            before: before.to_owned(),
            after: after.to_owned(),
        },
        None => Sentence {
            before: text,
            after: String::new(),
        },
    }
}

/// When the action happens, said as surely as it is: certain only once it is on; while it
/// gathers, on the condition of the threshold.
pub fn when(
    tr: Tr,
    status: &str,
    progress: &[ProgressView],
    pledged: i64,
    eligible: Option<i64>,
) -> Sentence {
    match status {
        "activated" => sentence(tr, "action-when-on", None),
        "gathering" => match pledges_short(progress, pledged, eligible) {
            Some(more) => sentence(tr, "action-when-more", Some(more)),
            None => sentence(tr, "action-when-threshold", None),
        },
        _ => sentence(tr, "action-when-ended", None),
    }
}

/// How many more pledges would meet the threshold, when pledges alone can: `None` while a
/// part about committees is unmet (more pledges in the same workplaces would not do), when
/// the number of members is not known for a share, or once every part is met.
fn pledges_short(progress: &[ProgressView], pledged: i64, eligible: Option<i64>) -> Option<i64> {
    let mut short = 0;
    for part in progress.iter().filter(|p| !p.met) {
        let needed = match part.part.as_str() {
            "pledges" => part.target.round() as i64 - pledged,
            "share" => {
                let eligible = i128::from(eligible.filter(|e| *e > 0)?);
                let thousandths = i128::from((part.target * 1000.0).round() as i64);
                // The least count with pledged / eligible >= thousandths / 1000.
                let least = (thousandths * eligible + 999) / 1000;
                i64::try_from(least).ok()? - pledged
            }
            _ => return None,
        };
        short = short.max(needed);
    }
    (short > 0).then_some(short)
}

/// The banner of an action that is on: "It's on: 5,012 workers in 23 workplaces".
pub struct Activation {
    pub id: Id,
    pub title: String,
    pub headline: String,
    pub starts_at: Timestamp,
    /// The IANA zone of the committee that called it, for pages of several committees.
    pub time_zone: Option<String>,
    pub when: Sentence,
}

impl Activation {
    fn new(
        tr: Tr,
        id: Id,
        title: &str,
        pledged: i64,
        committees: i64,
        starts_at: Timestamp,
    ) -> Self {
        Activation {
            id,
            title: title.to_owned(),
            headline: tr.t2(
                "action-banner-on",
                "workers",
                pledged,
                "workplaces",
                committees,
            ),
            starts_at,
            time_zone: None,
            when: sentence(tr, "action-when-on", None),
        }
    }

    fn of(facts: &ActionFacts, tr: Tr) -> Option<Self> {
        (facts.status == "activated").then(|| {
            Activation::new(
                tr,
                facts.id,
                &facts.title,
                facts.pledged,
                facts.committees,
                facts.starts_at,
            )
        })
    }
}

/// The banners of the actions on the dashboard that are on, until a day after they start.
pub async fn activations(
    app: &App,
    account: Id,
    tr: Tr,
    actions: &[ActionItem],
) -> Vec<Activation> {
    let since = Timestamp::now().plus_hours(-24);
    let mut banners = Vec::new();
    for item in actions
        .iter()
        .filter(|a| a.status == "activated" && a.starts_at.millis() > since.millis())
    {
        // An action that left the member's sight since the list was read has no banner.
        let Ok((live, _)) = service::visible(app, account, item.id).await else {
            continue;
        };
        if let Ok(shared) = service::shared(app, &live, &app.directory.graph())
            && let Some(mut banner) = Activation::of(&shared.facts, tr)
        {
            let zone = crate::committees::service::zone_of(app, shared.facts.committee_id);
            banner.time_zone = Some(zone.name().to_owned());
            banners.push(banner);
        }
    }
    banners
}

#[derive(Template)]
#[template(path = "actions.html")]
struct ActionsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    is_coordinator: bool,
    actions: Vec<ActionItem>,
    kinds: &'static [ActionKind],
    form: CallForm,
    errors: FormErrors,
}

const CALL: FormSpec = FormSpec {
    id: "call",
    fields: &[
        Field::new("title", "field-title"),
        Field::new("kind", "field-kind"),
        Field::new("description", "field-description"),
        Field::input("starts_at", "starts_at_local", "action-starts-field"),
        Field::input("threshold", "threshold_pledges", "action-threshold"),
        Field::input(
            "threshold.pledges",
            "threshold_pledges",
            "field-threshold-pledges",
        ),
        Field::input(
            "threshold.share",
            "threshold_share_percent",
            "field-threshold-share-percent",
        ),
        Field::input(
            "threshold.committees",
            "threshold_committees",
            "field-threshold-committees",
        ),
    ],
};

#[derive(Deserialize, Default)]
struct CallForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description: String,
    /// On the clocks of the zone the page shows times in.
    #[serde(default)]
    starts_at_local: String,
    #[serde(default)]
    public: Option<String>,
    #[serde(default)]
    public_breakdown: Option<String>,
    #[serde(default)]
    threshold_pledges: String,
    #[serde(default)]
    threshold_share_percent: String,
    #[serde(default)]
    threshold_committees: String,
}

async fn actions_page(
    app: &App,
    caller: &Caller,
    committee: Id,
    form: Option<CallForm>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (row, standing) = crate::committees::service::visible(app, committee, account.id).await?;
    let actions = actions_of(app, account.id, committee).await?;
    let zone = row.zone(app.config.time_zone);
    // The form as first shown: a strike a week from now, to the hour, on the page's clocks.
    let form = form.unwrap_or_else(|| CallForm {
        kind: "strike".into(),
        starts_at_local: caller
            .tr
            .zone_or(zone)
            .datetime_local(Timestamp::from_millis(
                (Timestamp::now().plus_hours(7 * 24).millis() / 3_600_000) * 3_600_000,
            )),
        ..CallForm::default()
    });
    render_with(
        status,
        &ActionsPage {
            l: Layout::new(app, caller, "actions-title")
                .await
                .in_zone(zone),
            committee_id: committee,
            committee_name: row.name,
            is_coordinator: standing.role() == Some(crate::core::fields::Role::Coordinator),
            actions,
            kinds: ActionKind::ALL,
            form,
            errors,
        },
    )
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let errors = FormErrors::none(&CALL);
    actions_page(&app, &caller, path_id(&id)?, None, errors, StatusCode::OK).await
}

impl CallForm {
    /// The call as the API would state it, with what the form's own fields could not read
    /// (a time typed on `zone`'s clocks, numbers).
    fn call(&self, zone: Zone) -> (Call, Invalids) {
        let mut unread = Invalids::default();
        let mut number = |field: &'static str, value: &str| match value.trim() {
            "" => None,
            raw => unread.check(
                raw.parse::<i64>()
                    .map_err(|_| Invalid::new(field, Problem::Format)),
            ),
        };
        let pledges = number("threshold.pledges", &self.threshold_pledges);
        let share =
            number("threshold.share", &self.threshold_share_percent).map(|p| p as f64 / 100.0);
        let committees = number("threshold.committees", &self.threshold_committees);
        let starts_at = unread
            .check(
                zone.parse_local(&self.starts_at_local)
                    .map(Timestamp::rfc3339)
                    .ok_or(Invalid::new("starts_at", Problem::Format)),
            )
            .unwrap_or_default();
        let call = Call {
            title: self.title.clone(),
            kind: self.kind.clone(),
            description: Some(self.description.clone()),
            starts_at,
            public: self.public.is_some(),
            public_breakdown: self.public_breakdown.is_some(),
            pledges,
            share,
            committees,
        };
        (call, unread)
    }
}

async fn call(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<CallForm>,
) -> Result<Response, Error> {
    let committee = path_id(&id)?;
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &CALL);
            return actions_page(
                &app,
                &caller,
                committee,
                Some(form),
                errors,
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    // Only coordinators call actions: anyone else is told so before anything about the form.
    let row = crate::committees::service::as_coordinator(&app, committee, account.id).await?;
    let zone = caller.tr.zone_or(row.zone(app.config.time_zone));
    let (call, unread) = form.call(zone);
    let called = if unread.is_empty() {
        service::call(&app, &account, committee, call).await
    } else {
        // What the form could not read, told together with what else is wrong.
        match service::check_call(&call, Timestamp::now(), unread) {
            Err(all) => Err(all.into()),
            Ok(_) => Err(Error::Internal("a form's unread fields passed".into())),
        }
    };
    match called {
        Ok(live) => Ok(Redirect::to(&format!("/actions/{}", live.info.id)).into_response()),
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &CALL)?;
            actions_page(
                &app,
                &caller,
                committee,
                Some(form),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "action.html")]
struct ActionPage {
    l: Layout,
    a: Arc<ActionFacts>,
    me: Standing,
    bars: Vec<Bar>,
    may_pledge: bool,
    may_withdraw: bool,
    error: Option<String>,
    /// The banner, once the action is on.
    banner: Option<Activation>,
    when: Sentence,
}

impl ActionPage {
    fn can_cancel(&self) -> bool {
        self.me.i_coordinate && self.a.status == "gathering"
    }

    /// The words beside the live count of pledges, once per plural form.
    fn pledged_forms(&self) -> Vec<(&'static str, String)> {
        self.l.tr.plural_forms(
            "action-pledged-of",
            "pledged",
            &[("eligible", self.a.eligible.into())],
        )
    }

    /// "120 of about 400 workers" for a committee, when its workforce is known.
    fn of_workforce(&self, pledged: &i64, workforce: &Option<i64>) -> String {
        match workforce {
            Some(w) => self
                .l
                .tr
                .t2("action-of-workforce", "pledged", *pledged, "workforce", *w),
            None => String::new(),
        }
    }

    fn workforce_total(&self) -> String {
        let w = &self.a.breakdown.workforce;
        self.l.tr.with(
            "action-workforce-total",
            &[
                ("pledged", w.pledged.into()),
                ("workforce", w.workforce.into()),
                ("committees", w.committees.into()),
            ],
        )
    }

    fn other_committees(&self) -> String {
        let o = &self.a.breakdown.other_committees;
        self.l.tr.with(
            "action-other-committees",
            &[
                ("count", o.committees.into()),
                ("pledged", o.pledged.into()),
                ("members", o.members.into()),
            ],
        )
    }

    fn group_name(&self, name: &Option<String>) -> String {
        name.clone()
            .unwrap_or_else(|| self.l.tr.t("action-unspecified"))
    }
}

async fn action_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let (live, access) = service::visible(app, account.id, id).await?;
    let view = action_view(app, &live, &access, account.id).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render_with(
        status,
        &ActionPage {
            l: Layout::titled(app, caller, view.facts.title.clone())
                .await
                .in_zone(crate::committees::service::zone_of(
                    app,
                    view.facts.committee_id,
                )),
            bars: bars(&view.facts.progress, caller.tr),
            may_pledge: may_pledge(&view),
            may_withdraw: may_withdraw(&view),
            banner: Activation::of(&view.facts, caller.tr),
            when: when(
                caller.tr,
                &view.facts.status,
                &view.facts.progress,
                view.facts.pledged,
                Some(view.facts.eligible),
            ),
            a: view.facts,
            me: view.standing,
            error,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    action_page(&app, &caller, path_id(&id)?, None).await
}

#[derive(Deserialize)]
struct EmptyForm {}

/// Comes back to the action page after a form's step, saying at its top what was done
/// (`said`, through `web::notice`), or shows the page with the error if any.
async fn back_to_action(
    app: &App,
    caller: &Caller,
    id: Id,
    result: Result<(), Error>,
    said: Option<String>,
) -> Result<Response, Error> {
    let page = format!("/actions/{id}");
    match result {
        Ok(()) => match said {
            Some(said) => notice::redirect(app, caller, &page, &said),
            None => Ok(Redirect::to(&page).into_response()),
        },
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            action_page(app, caller, id, Some(message)).await
        }
    }
}

/// The pledge button; on the dashboard it says where to come back to.
#[derive(Deserialize)]
struct PledgeForm {
    #[serde(default)]
    back: Option<String>,
}

async fn pledge(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<PledgeForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    match (service::pledge(&app, account.id, id).await, &form.back) {
        (Ok(live), back) => {
            let said = caller
                .tr
                .t1("done-pledged", "title", live.info.title.as_str());
            // From a list, the action is out of sight: the page it lands on says what happened.
            let to = match back {
                Some(back) => safe_next(Some(back)),
                None => format!("/actions/{id}"),
            };
            notice::redirect(&app, &caller, &to, &said)
        }
        (Err(err), _) => back_to_action(&app, &caller, id, Err(err), None).await,
    }
}

async fn withdraw(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::withdraw(&app, account.id, id).await.map(|_| ());
    let said = caller.tr.t("done-withdrawn");
    back_to_action(&app, &caller, id, result, Some(said)).await
}

async fn cancel(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::cancel(&app, &account, id).await.map(|_| ());
    back_to_action(&app, &caller, id, result, None).await
}

fn number(field: &'static str, value: &str) -> Result<Option<i64>, Error> {
    match value.trim() {
        "" => Ok(None),
        raw => raw
            .parse()
            .map(Some)
            .map_err(|_| Invalid::new(field, Problem::Format).into()),
    }
}

#[derive(Deserialize)]
struct WorkforceForm {
    #[serde(default)]
    estimated_workforce: String,
}

async fn set_workforce(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<WorkforceForm>,
) -> Result<Response, Error> {
    let committee = path_id(&id)?;
    let result = match number("estimated_workforce", &form.estimated_workforce) {
        Ok(workforce) => service::set_workforce(&app, &account, committee, workforce).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/committees/{committee}")).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            crate::committees::pages::committee_page(
                &app,
                &caller,
                committee,
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "public_action.html")]
struct PublicPage {
    tr: Tr,
    a: PublicAction,
    bars: Vec<Bar>,
    asset_version: &'static str,
    /// When it starts, in the zone of the committee that called it.
    starts: String,
    banner: Option<Activation>,
    when: Sentence,
}

impl PublicPage {
    /// The words beside the live count of pledges, once per plural form.
    fn pledged_forms(&self) -> Vec<(&'static str, String)> {
        self.tr.plural_forms("public-pledged", "count", &[])
    }
}

/// The public counter: no session needed, no names, made to be embedded in other sites.
async fn public(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (live, view) = public_view(&app, &id).await?;
    let zone = crate::committees::service::zone_of(&app, live.info.committee);
    let banner = (view.status == "activated").then(|| {
        Activation::new(
            caller.tr,
            view.id,
            &view.title,
            view.pledged,
            view.committees,
            view.starts_at,
        )
    });
    let mut response = render(&PublicPage {
        starts: caller.tr.when(view.starts_at, zone),
        tr: caller.tr,
        bars: bars(&view.progress, caller.tr),
        when: when(caller.tr, &view.status, &view.progress, view.pledged, None),
        banner,
        a: view,
        asset_version: crate::web::ASSET_VERSION.as_str(),
    })?;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
             frame-ancestors *; base-uri 'none'; form-action 'none'",
        ),
    );
    Ok(response)
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/actions", get(list).post(call))
        .route("/committees/{id}/workforce", post(set_workforce))
        .route("/actions/{id}", get(show))
        .route("/actions/{id}/pledge", post(pledge))
        .route("/actions/{id}/withdraw", post(withdraw))
        .route("/actions/{id}/cancel", post(cancel))
        .route("/public/actions/{id}", get(public))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(part: &str, target: f64, current: f64) -> ProgressView {
        ProgressView {
            part: part.into(),
            target,
            current,
            met: current >= target,
        }
    }

    #[test]
    fn the_pledges_still_needed_are_counted_when_pledges_alone_decide() {
        assert_eq!(
            pledges_short(&[part("pledges", 5000.0, 4990.0)], 4990, None),
            Some(10)
        );
        assert_eq!(pledges_short(&[part("pledges", 3.0, 3.0)], 3, None), None);
        // Half of 101 members is 50.5: 51 pledges meet it.
        assert_eq!(
            pledges_short(&[part("share", 0.5, 0.4)], 40, Some(101)),
            Some(11)
        );
        assert_eq!(
            pledges_short(
                &[part("pledges", 100.0, 40.0), part("share", 0.5, 0.4)],
                40,
                Some(101)
            ),
            Some(60)
        );
        // Unknown members, or a part about committees unmet: no number to promise.
        assert_eq!(pledges_short(&[part("share", 0.5, 0.4)], 40, None), None);
        assert_eq!(
            pledges_short(
                &[part("pledges", 100.0, 40.0), part("committees", 20.0, 3.0)],
                40,
                None
            ),
            None
        );
    }

    #[test]
    fn a_gathering_action_is_not_said_to_be_certain() {
        let tr = Tr::new(crate::core::fields::Language::En);
        let gathering = when(tr, "gathering", &[part("pledges", 5.0, 2.0)], 2, None);
        assert_eq!(gathering.before, "Goes ahead on ");
        assert_eq!(gathering.after, " if 3 more workers pledge.");
        let one = when(tr, "gathering", &[part("pledges", 5.0, 4.0)], 4, None);
        assert_eq!(one.after, " if one more worker pledges.");
        let on = when(tr, "activated", &[part("pledges", 5.0, 5.0)], 5, None);
        assert_eq!(
            (on.before.as_str(), on.after.as_str()),
            ("Goes ahead on ", ".")
        );
        let unsure = when(tr, "gathering", &[part("committees", 5.0, 1.0)], 9, None);
        assert!(
            unsure.before.starts_with("Planned for "),
            "{}",
            unsure.before
        );
    }

    #[test]
    fn the_banner_says_how_many_and_where() {
        let tr = Tr::new(crate::core::fields::Language::En);
        let banner = Activation::new(tr, Id::NOTHING, "Strike", 512, 23, Timestamp::now());
        assert_eq!(banner.headline, "It's on: 512 workers in 23 workplaces");
        let one = Activation::new(tr, Id::NOTHING, "Strike", 1, 1, Timestamp::now());
        assert_eq!(one.headline, "It's on: 1 worker in 1 workplace");
    }
}

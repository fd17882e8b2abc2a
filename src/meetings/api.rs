//! Meetings, answers, minutes, attendance and calendar links in the JSON API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::accounts::names::{shown_if, shown_name};
use crate::app::App;
use crate::core::meetings::{Change, Proposal, Rsvp, StartsAt, ends_at, is_upcoming};
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::i18n::Tr;
use crate::meetings::service::{self, Detail, agenda_of};
use crate::meetings::store::MeetingRow;
use crate::web::caller::{Caller, SignedIn};
use crate::web::error::ErrorBody;
use crate::web::extract::{ApiJson, path_id};

#[derive(Serialize, ToSchema)]
pub struct RsvpCounts {
    pub yes: i64,
    pub no: i64,
    pub maybe: i64,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingView {
    pub id: Id,
    pub committee_id: Id,
    pub committee_name: String,
    pub title: String,
    pub starts_at: Timestamp,
    /// Nobody states an end; calendars get an hour.
    pub ends_at: Timestamp,
    pub location: String,
    pub agenda: Vec<String>,
    /// Called by a coordinator as an emergency: every member was alerted at once.
    pub emergency: bool,
    pub minutes: Option<String>,
    pub called_by: Option<Id>,
    pub called_by_name: Option<String>,
    pub created_at: Timestamp,
    /// Still among the upcoming meetings (until two hours after the start).
    pub upcoming: bool,
    /// How the committee's current members answered.
    pub rsvp: RsvpCounts,
    /// The caller's own answer, if any.
    pub my_rsvp: Option<Rsvp>,
    /// Called off: it stays listed, and can no longer be answered.
    pub cancelled: bool,
    pub cancelled_at: Option<Timestamp>,
    /// When it was last changed (its time, place, title or agenda), if ever.
    pub updated_at: Option<Timestamp>,
    /// The committee's time zone, for pages that show meetings of several committees.
    #[serde(skip)]
    pub time_zone: Option<String>,
}

impl MeetingView {
    pub fn new(row: MeetingRow, now: Timestamp, tr: Tr) -> Self {
        let starts_at = Timestamp::from_millis(row.starts_at);
        MeetingView {
            id: Id::from_db(row.id),
            committee_id: Id::from_db(row.committee_id),
            committee_name: row.committee_name,
            title: row.title,
            starts_at,
            ends_at: ends_at(starts_at),
            location: row.location,
            agenda: agenda_of(&row.agenda),
            emergency: row.emergency != 0,
            minutes: row.minutes,
            called_by: row.called_by.map(Id::from_db),
            called_by_name: shown_if(
                tr,
                row.called_by,
                row.called_by_name.as_deref(),
                row.called_by_tag.as_deref(),
            ),
            created_at: Timestamp::from_millis(row.created_at),
            upcoming: is_upcoming(starts_at, now),
            rsvp: RsvpCounts {
                yes: row.yes_count,
                no: row.no_count,
                maybe: row.maybe_count,
            },
            my_rsvp: row.my_status.as_deref().and_then(|s| Rsvp::parse(s).ok()),
            cancelled: row.cancelled_at.is_some(),
            cancelled_at: row.cancelled_at.map(Timestamp::from_millis),
            updated_at: row.updated_at.map(Timestamp::from_millis),
            time_zone: row.committee_time_zone,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Answer {
    pub account_id: Id,
    pub display_name: String,
    pub status: Rsvp,
}

#[derive(Serialize, ToSchema)]
pub struct Attendee {
    pub account_id: Id,
    pub display_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: MeetingView,
    /// Who answered what: yes first, then maybe, then no.
    pub responses: Vec<Answer>,
    /// Who attended, as a coordinator recorded it.
    pub attended: Vec<Attendee>,
}

impl MeetingDetail {
    pub fn new(detail: Detail, now: Timestamp, tr: Tr) -> Self {
        MeetingDetail {
            meeting: MeetingView::new(detail.meeting, now, tr),
            responses: detail
                .responses
                .into_iter()
                .filter_map(|r| {
                    Some(Answer {
                        account_id: Id::from_db(r.account_id),
                        display_name: shown_name(tr, &r.display_name, r.account_id, &r.name_tag),
                        status: Rsvp::parse(&r.status).ok()?,
                    })
                })
                .collect(),
            attended: detail
                .attended
                .into_iter()
                .map(|a| Attendee {
                    account_id: Id::from_db(a.account_id),
                    display_name: shown_name(tr, &a.display_name, a.account_id, &a.name_tag),
                })
                .collect(),
        }
    }
}

async fn detail_json(app: &App, account: Id, meeting: Id, tr: Tr) -> Result<MeetingDetail, Error> {
    let detail = service::detail_of(app, account, meeting).await?;
    Ok(MeetingDetail::new(detail, Timestamp::now(), tr))
}

#[derive(Deserialize, ToSchema)]
pub struct ScheduleRequest {
    /// 1 to 200 characters.
    title: String,
    /// RFC 3339, from a day ago to 366 days ahead.
    starts_at: String,
    /// 1 to 200 characters.
    location: String,
    /// Up to 30 items of 1 to 300 characters.
    #[serde(default)]
    agenda: Vec<String>,
    /// Coordinators only: alert every member at once.
    #[serde(default)]
    emergency: bool,
}

/// Schedules a meeting; coordinators may call an emergency one, which alerts every member.
#[utoipa::path(post, path = "/committees/{id}/meetings", tag = "meetings",
    params(("id" = String, Path)), request_body = ScheduleRequest,
    responses((status = 201, body = MeetingDetail), (status = "4XX", body = ErrorBody)))]
async fn schedule(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ScheduleRequest>,
) -> Result<Response, Error> {
    let proposal = Proposal {
        title: body.title,
        starts_at: StartsAt::Rfc3339(body.starts_at),
        location: body.location,
        agenda: body.agenda,
    };
    let meeting =
        service::schedule(&app, &account, path_id(&id)?, &proposal, body.emergency).await?;
    let detail = detail_json(&app, account.id, meeting, caller.tr).await?;
    crate::web::extract::created("meetings", detail)
}

/// A committee's meetings, coming and past.
#[utoipa::path(get, path = "/committees/{id}/meetings", tag = "meetings",
    params(("id" = String, Path)),
    responses((status = 200, description = "Upcoming meetings, soonest first, then the most recent past ones", body = Vec<MeetingView>),
        (status = "4XX", body = ErrorBody)))]
async fn list(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<Vec<MeetingView>>, Error> {
    let listing = service::list(&app, account.id, path_id(&id)?).await?;
    let now = Timestamp::now();
    Ok(axum::Json(
        listing
            .upcoming
            .into_iter()
            .chain(listing.past)
            .map(|row| MeetingView::new(row, now, caller.tr))
            .collect(),
    ))
}

/// A meeting with its agenda, answers and minutes.
#[utoipa::path(get, path = "/meetings/{id}", tag = "meetings",
    params(("id" = String, Path)),
    responses((status = 200, body = MeetingDetail), (status = "4XX", body = ErrorBody)))]
async fn show(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<MeetingDetail>, Error> {
    Ok(axum::Json(
        detail_json(&app, account.id, path_id(&id)?, caller.tr).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ChangeRequest {
    /// 1 to 200 characters.
    #[serde(default)]
    title: Option<String>,
    /// RFC 3339, up to 366 days ahead, and no more than two hours ago (a moved meeting is
    /// still coming up): the meeting is rescheduled.
    #[serde(default)]
    starts_at: Option<String>,
    /// 1 to 200 characters.
    #[serde(default)]
    location: Option<String>,
    /// Up to 30 items of 1 to 300 characters; replaces the agenda.
    #[serde(default)]
    agenda: Option<Vec<String>>,
}

/// Changes a meeting's title, time, place or agenda (fields left out stay as they are);
/// its caller or a coordinator, while it is still coming up. A new time or place is told to
/// every other member; calendars see the change.
#[utoipa::path(patch, path = "/meetings/{id}", tag = "meetings",
    params(("id" = String, Path)), request_body = ChangeRequest,
    responses((status = 200, description = "The meeting as it now is", body = MeetingDetail),
        (status = "4XX", body = ErrorBody)))]
async fn change(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ChangeRequest>,
) -> Result<axum::Json<MeetingDetail>, Error> {
    let id = path_id(&id)?;
    let asked = Change {
        title: body.title,
        starts_at: body.starts_at.map(StartsAt::Rfc3339),
        location: body.location,
        agenda: body.agenda,
    };
    service::change(&app, &account, id, &asked).await?;
    Ok(axum::Json(
        detail_json(&app, account.id, id, caller.tr).await?,
    ))
}

/// Calls a meeting off: its caller or a coordinator, while it is still coming up. It stays
/// listed, marked, and can no longer be answered; every other member is told.
#[utoipa::path(post, path = "/meetings/{id}/cancel", tag = "meetings",
    params(("id" = String, Path)),
    responses((status = 200, description = "The meeting, called off", body = MeetingDetail),
        (status = "4XX", body = ErrorBody)))]
async fn cancel(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<axum::Json<MeetingDetail>, Error> {
    let id = path_id(&id)?;
    service::cancel(&app, &account, id).await?;
    Ok(axum::Json(
        detail_json(&app, account.id, id, caller.tr).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct RsvpRequest {
    /// `yes`, `no` or `maybe`.
    status: String,
}

/// Answers whether the caller is coming to the meeting.
#[utoipa::path(post, path = "/meetings/{id}/attendance", tag = "meetings",
    params(("id" = String, Path)), request_body = RsvpRequest,
    responses((status = 200, description = "The answer is recorded (or changed)", body = MeetingDetail),
        (status = "4XX", body = ErrorBody)))]
async fn rsvp(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RsvpRequest>,
) -> Result<axum::Json<MeetingDetail>, Error> {
    let id = path_id(&id)?;
    service::respond(&app, &account, id, &body.status).await?;
    Ok(axum::Json(
        detail_json(&app, account.id, id, caller.tr).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct MinutesRequest {
    /// Up to 20,000 characters, line breaks allowed; empty removes the minutes.
    text: String,
}

/// A coordinator records the meeting's minutes.
#[utoipa::path(put, path = "/meetings/{id}/minutes", tag = "meetings",
    params(("id" = String, Path)), request_body = MinutesRequest,
    responses((status = 200, body = MeetingDetail), (status = "4XX", body = ErrorBody)))]
async fn minutes(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MinutesRequest>,
) -> Result<axum::Json<MeetingDetail>, Error> {
    let id = path_id(&id)?;
    service::record_minutes(&app, &account, id, &body.text).await?;
    Ok(axum::Json(
        detail_json(&app, account.id, id, caller.tr).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct AttendedRequest {
    /// Everyone who attended (members of the committee); replaces the earlier record.
    account_ids: Vec<String>,
}

/// A coordinator records who attended.
#[utoipa::path(put, path = "/meetings/{id}/attended", tag = "meetings",
    params(("id" = String, Path)), request_body = AttendedRequest,
    responses((status = 200, body = MeetingDetail), (status = "4XX", body = ErrorBody)))]
async fn attended(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AttendedRequest>,
) -> Result<axum::Json<MeetingDetail>, Error> {
    let id = path_id(&id)?;
    service::record_attendance(&app, &account, id, &body.account_ids).await?;
    Ok(axum::Json(
        detail_json(&app, account.id, id, caller.tr).await?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct CalendarLink {
    /// A private iCalendar feed: of a committee's meetings, or of the meetings of all the
    /// caller's committees and the actions they are called to, following their memberships
    /// as they change. Shown only this once; making a new one turns this one off.
    pub url: String,
}

/// Makes the caller's private calendar link for the committee's meetings (shown once; a new one
/// revokes the old).
#[utoipa::path(post, path = "/committees/{id}/calendar", tag = "meetings",
    params(("id" = String, Path)),
    responses((status = 201, body = CalendarLink), (status = "4XX", body = ErrorBody)))]
async fn calendar(
    State(app): State<App>,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let url = service::calendar_link(&app, &account, path_id(&id)?).await?;
    Ok((StatusCode::CREATED, axum::Json(CalendarLink { url })).into_response())
}

/// Makes the caller's own private calendar link, for all their committees (shown once; a new
/// one revokes the old).
#[utoipa::path(post, path = "/me/calendar", tag = "meetings",
    responses((status = 201, body = CalendarLink), (status = "4XX", body = ErrorBody)))]
async fn my_calendar(
    State(app): State<App>,
    SignedIn(account): SignedIn,
) -> Result<Response, Error> {
    let url = service::member_calendar_link(&app, &account).await?;
    Ok((StatusCode::CREATED, axum::Json(CalendarLink { url })).into_response())
}

pub fn routes() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(schedule, list))
        .routes(routes!(show, change))
        .routes(routes!(cancel))
        .routes(routes!(my_calendar))
        .routes(routes!(rsvp))
        .routes(routes!(minutes))
        .routes(routes!(attended))
        .routes(routes!(calendar))
}

//! The meetings of a committee, one meeting with its answers, minutes and attendance, and
//! the calendar feed, as pages and forms that work without JavaScript.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::accounts::names::shown_name;
use crate::app::App;
use crate::committees::store as committees;
use crate::core::fields::Role;
use crate::core::meetings::{Change, Proposal, Rsvp, StartsAt, agenda_from_lines};
use crate::core::zones::Zone;
use crate::core::{Id, Timestamp};
use crate::error::Error;
use crate::meetings::api::{MeetingDetail, MeetingView};
use crate::meetings::service;
use crate::web::caller::{Caller, SignedIn, safe_next};
use crate::web::extract::{CsrfForm, path_id, shown_in_form};
use crate::web::form::{Expired, Field, FormErrors, FormSpec, PageForm};
use crate::web::notice;
use crate::web::pages::{Confirmation, Layout, confirm_page, render_with};

#[derive(Deserialize, Default)]
struct ScheduleForm {
    #[serde(default)]
    title: String,
    /// On the clocks of the zone the page shows times in.
    #[serde(default)]
    starts_at_local: String,
    #[serde(default)]
    location: String,
    /// One item per line.
    #[serde(default)]
    agenda: String,
    emergency: Option<String>,
}

const SCHEDULE: FormSpec = FormSpec {
    id: "schedule",
    fields: &[
        Field::new("title", "meetings-field-title"),
        Field::input("starts_at", "starts_at_local", "meetings-field-starts"),
        Field::new("location", "meetings-field-location"),
        Field::input("agenda_items", "agenda", "meetings-field-agenda"),
        Field::new("agenda", "meetings-field-agenda"),
    ],
};

#[derive(Template)]
#[template(path = "meetings.html")]
struct MeetingsPage {
    l: Layout,
    committee_id: Id,
    committee_name: String,
    upcoming: Vec<MeetingView>,
    past: Vec<MeetingView>,
    is_coordinator: bool,
    form: ScheduleForm,
    errors: FormErrors,
    /// A calendar link just made: shown this once.
    calendar_link: Option<String>,
    /// The same link for phones that subscribe to `webcal:` links (iPhones).
    webcal_link: Option<String>,
}

async fn meetings_page(
    app: &App,
    caller: &Caller,
    committee: Id,
    form: ScheduleForm,
    errors: FormErrors,
    calendar_link: Option<String>,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let listing = service::list(app, account.id, committee).await?;
    let now = Timestamp::now();
    let views = |rows: Vec<_>| -> Vec<MeetingView> {
        rows.into_iter()
            .map(|row| MeetingView::new(row, now, caller.tr))
            .collect()
    };
    let title = caller
        .tr
        .t1("meetings-title", "committee", &listing.committee.name);
    let webcal_link = webcal(calendar_link.as_deref());
    let zone = listing.committee.zone(app.config.time_zone);
    render_with(
        status,
        &MeetingsPage {
            l: Layout::titled(app, caller, title).await.in_zone(zone),
            committee_id: committee,
            committee_name: listing.committee.name,
            upcoming: views(listing.upcoming),
            past: views(listing.past),
            is_coordinator: listing.role == Role::Coordinator,
            form,
            errors,
            calendar_link,
            webcal_link,
        },
    )
}

async fn list(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let errors = FormErrors::none(&SCHEDULE);
    meetings_page(
        &app,
        &caller,
        id,
        ScheduleForm::default(),
        errors,
        None,
        StatusCode::OK,
    )
    .await
}

async fn schedule(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<ScheduleForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &SCHEDULE);
            return meetings_page(&app, &caller, id, form, errors, None, StatusCode::FORBIDDEN)
                .await;
        }
    };
    let proposal = Proposal {
        title: form.title.clone(),
        starts_at: StartsAt::Local(form.starts_at_local.clone()),
        location: form.location.clone(),
        agenda: agenda_from_lines(&form.agenda),
    };
    let emergency = form.emergency.is_some();
    match service::schedule(&app, &account, id, &proposal, emergency).await {
        Ok(meeting) => Ok(Redirect::to(&format!("/meetings/{meeting}")).into_response()),
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &SCHEDULE)?;
            meetings_page(
                &app,
                &caller,
                id,
                form,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct EmptyForm {}

/// Makes the private calendar link and shows it on the page this once: it is never in a URL
/// the browser keeps in its history.
async fn make_calendar_link(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let link = service::calendar_link(&app, &account, id).await?;
    let errors = FormErrors::none(&SCHEDULE);
    meetings_page(
        &app,
        &caller,
        id,
        ScheduleForm::default(),
        errors,
        Some(link),
        StatusCode::OK,
    )
    .await
}

/// One answer button: the answer, and whether it is the caller's current one.
struct AnswerChoice {
    answer: Rsvp,
    chosen: bool,
}

/// A checkbox of the attendance form.
struct AttendanceBox {
    account_id: Id,
    display_name: String,
    attended: bool,
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage {
    l: Layout,
    m: MeetingDetail,
    answers: Vec<AnswerChoice>,
    coming: Vec<String>,
    maybe: Vec<String>,
    not_coming: Vec<String>,
    /// The minutes as paragraphs of lines, so that line breaks show without raw HTML.
    minutes: Vec<Vec<String>>,
    is_coordinator: bool,
    attendance_form: Vec<AttendanceBox>,
    error: Option<String>,
    /// Minutes typed into a form that came back (an error, an expired form): shown again
    /// instead of the recorded ones.
    typed_minutes: Option<String>,
    /// The caller may change or call off the meeting: its caller or a coordinator, while it
    /// is still coming up.
    may_change: bool,
    /// The change form: the meeting as it is, or as typed into a form that came back.
    edit: ScheduleForm,
    edit_errors: FormErrors,
}

const EDIT: FormSpec = FormSpec {
    id: "edit",
    fields: SCHEDULE.fields,
};

/// What the change form of the meeting page starts from, or brings back.
enum Edit {
    AsItIs,
    Typed(ScheduleForm, FormErrors),
}

fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.trim_end().to_owned());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

async fn meeting_page(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
    typed_minutes: Option<String>,
    status: StatusCode,
) -> Result<Response, Error> {
    meeting_page_with(app, caller, id, error, typed_minutes, Edit::AsItIs, status).await
}

/// The zone a time typed into the meeting's forms reads in: the member's own, or the
/// committee's, as the page shows it.
fn typing_zone(app: &App, caller: &Caller, committee_zone: Option<&str>) -> Zone {
    caller
        .tr
        .zone_or(Zone::or(committee_zone, app.config.time_zone))
}

async fn meeting_page_with(
    app: &App,
    caller: &Caller,
    id: Id,
    error: Option<String>,
    typed_minutes: Option<String>,
    edit: Edit,
    status: StatusCode,
) -> Result<Response, Error> {
    let account = caller.account()?;
    let detail = service::detail_of(app, account.id, id).await?;
    let is_coordinator = detail.role == Role::Coordinator;
    let committee_id = Id::from_db(detail.meeting.committee_id);
    let may_change =
        service::may_change(&detail.meeting, detail.role, account.id, Timestamp::now()).is_ok();
    let (edit, edit_errors) = match edit {
        Edit::Typed(form, errors) => (form, errors),
        Edit::AsItIs => {
            let row = &detail.meeting;
            let zone = typing_zone(app, caller, row.committee_time_zone.as_deref());
            (
                ScheduleForm {
                    title: row.title.clone(),
                    starts_at_local: zone.datetime_local(Timestamp::from_millis(row.starts_at)),
                    location: row.location.clone(),
                    agenda: service::agenda_of(&row.agenda).join("\n"),
                    emergency: None,
                },
                FormErrors::none(&EDIT),
            )
        }
    };
    let m = MeetingDetail::new(detail, Timestamp::now(), caller.tr);
    let names = |wanted: Rsvp| -> Vec<String> {
        m.responses
            .iter()
            .filter(|r| r.status == wanted)
            .map(|r| r.display_name.clone())
            .collect()
    };
    let (coming, maybe, not_coming) = (names(Rsvp::Yes), names(Rsvp::Maybe), names(Rsvp::No));
    let answers = Rsvp::ALL
        .iter()
        .map(|&answer| AnswerChoice {
            answer,
            chosen: m.meeting.my_rsvp == Some(answer),
        })
        .collect();
    let attendance_form = if is_coordinator {
        let attended: Vec<Id> = m.attended.iter().map(|a| a.account_id).collect();
        let mut boxes: Vec<AttendanceBox> = committees::members(app.db.pool(), committee_id)
            .await?
            .into_iter()
            .map(|member| {
                let account_id = Id::from_db(member.account_id);
                AttendanceBox {
                    account_id,
                    display_name: shown_name(
                        caller.tr,
                        &member.display_name,
                        member.account_id,
                        &member.name_tag,
                    ),
                    attended: attended.contains(&account_id),
                }
            })
            .collect();
        // People who attended and have left since stay on the record unless unticked.
        for gone in &m.attended {
            if !boxes.iter().any(|b| b.account_id == gone.account_id) {
                boxes.push(AttendanceBox {
                    account_id: gone.account_id,
                    display_name: gone.display_name.clone(),
                    attended: true,
                });
            }
        }
        boxes
    } else {
        Vec::new()
    };
    let minutes = m
        .meeting
        .minutes
        .as_deref()
        .map(paragraphs)
        .unwrap_or_default();
    let title = m.meeting.title.clone();
    let zone = Zone::or(m.meeting.time_zone.as_deref(), app.config.time_zone);
    render_with(
        status,
        &MeetingPage {
            l: Layout::titled(app, caller, title).await.in_zone(zone),
            answers,
            coming,
            maybe,
            not_coming,
            minutes,
            is_coordinator,
            attendance_form,
            error,
            typed_minutes,
            may_change,
            edit,
            edit_errors,
            m,
        },
    )
}

async fn show(
    State(app): State<App>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    meeting_page(&app, &caller, path_id(&id)?, None, None, StatusCode::OK).await
}

/// After a form on the meeting page: back to it, or the page again with the error.
async fn back_to_meeting(
    app: &App,
    caller: &Caller,
    id: Id,
    result: Result<(), Error>,
) -> Result<Response, Error> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/meetings/{id}")).into_response()),
        Err(err) => {
            let message = shown_in_form(err, caller.tr)?;
            meeting_page(
                app,
                caller,
                id,
                Some(message),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct RsvpForm {
    #[serde(default)]
    status: String,
    /// Where to come back to, from a list such as the dashboard's.
    #[serde(default)]
    back: Option<String>,
}

async fn rsvp(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<RsvpForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::respond(&app, &account, id, &form.status).await;
    match (result, &form.back) {
        // From a list, the meeting is out of sight: the page it lands on says what happened.
        (Ok(()), Some(back)) => {
            let (meeting, _) = service::visible(&app, account.id, id).await?;
            let said = caller.tr.t2(
                "done-rsvp",
                "title",
                &meeting.title,
                "answer",
                caller.tr.of("rsvp", form.status.trim()),
            );
            notice::redirect(&app, &caller, &safe_next(Some(back)), &said)
        }
        (result, _) => back_to_meeting(&app, &caller, id, result).await,
    }
}

const MINUTES: FormSpec = FormSpec {
    id: "minutes",
    fields: &[Field::input("minutes", "text", "meeting-minutes-field")],
};

#[derive(Deserialize)]
struct MinutesForm {
    #[serde(default)]
    text: String,
}

async fn minutes(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<MinutesForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    // Minutes take long to type: an expired form or a mistake brings them back as typed.
    let (form, error, status) = match posted.checked() {
        Ok(form) => match service::record_minutes(&app, &account, id, &form.text).await {
            Ok(()) => return Ok(Redirect::to(&format!("/meetings/{id}")).into_response()),
            Err(err) => {
                let errors = FormErrors::of(err, caller.tr, &MINUTES)?;
                (form, errors.joined(), StatusCode::UNPROCESSABLE_ENTITY)
            }
        },
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &MINUTES);
            (form, errors.joined(), StatusCode::FORBIDDEN)
        }
    };
    meeting_page(&app, &caller, id, error, Some(form.text), status).await
}

/// One `account_ids` field per ticked box; none ticked sends none.
#[derive(Deserialize)]
struct AttendedForm {
    #[serde(default)]
    account_ids: Vec<String>,
}

async fn attended(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AttendedForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let result = service::record_attendance(&app, &account, id, &form.account_ids).await;
    back_to_meeting(&app, &caller, id, result).await
}

/// Changes the meeting from the form on its page. The start is moved only if the time in
/// the form differs from the one it was shown with, so that a meeting set to the second
/// through the API is not moved by a form that shows minutes.
async fn edit(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    posted: PageForm<ScheduleForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let form = match posted.checked() {
        Ok(form) => form,
        Err(Expired(form)) => {
            let errors = FormErrors::expired(caller.tr, &EDIT);
            return meeting_page_with(
                &app,
                &caller,
                id,
                None,
                None,
                Edit::Typed(form, errors),
                StatusCode::FORBIDDEN,
            )
            .await;
        }
    };
    let (row, _) = service::visible(&app, account.id, id).await?;
    let zone = typing_zone(&app, &caller, row.committee_time_zone.as_deref());
    let shown = zone.datetime_local(Timestamp::from_millis(row.starts_at));
    let change = Change {
        title: Some(form.title.clone()),
        starts_at: (form.starts_at_local.trim() != shown)
            .then(|| StartsAt::Local(form.starts_at_local.clone())),
        location: Some(form.location.clone()),
        agenda: Some(agenda_from_lines(&form.agenda)),
    };
    match service::change(&app, &account, id, &change).await {
        Ok(()) => notice::redirect(
            &app,
            &caller,
            &format!("/meetings/{id}"),
            &caller.tr.t("done-meeting-changed"),
        ),
        Err(err) => {
            let errors = FormErrors::of(err, caller.tr, &EDIT)?;
            meeting_page_with(
                &app,
                &caller,
                id,
                None,
                None,
                Edit::Typed(form, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// Asks before calling the meeting off: every member is told, and it cannot be undone.
async fn confirm_cancel(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    let row = match service::changeable(&app, account.id, id).await {
        Ok(row) => row,
        Err(err) => return back_to_meeting(&app, &caller, id, Err(err)).await,
    };
    let tr = caller.tr;
    confirm_page(
        &app,
        &caller,
        Confirmation {
            title: tr.t1("confirm-cancel-meeting-title", "title", &row.title),
            what: tr.t2(
                "confirm-cancel-meeting",
                "title",
                &row.title,
                "committee",
                &row.committee_name,
            ),
            then: Some(tr.t("confirm-cancel-meeting-then")),
            action: format!("/meetings/{id}/cancel"),
            fields: Vec::new(),
            confirm: tr.t("confirm-cancel-meeting-submit"),
            danger: true,
            back: format!("/meetings/{id}"),
        },
    )
    .await
}

async fn cancel(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let id = path_id(&id)?;
    match service::cancel(&app, &account, id).await {
        Ok(()) => notice::redirect(
            &app,
            &caller,
            &format!("/meetings/{id}"),
            &caller.tr.t("done-meeting-cancelled"),
        ),
        Err(err) => back_to_meeting(&app, &caller, id, Err(err)).await,
    }
}

#[derive(Template)]
#[template(path = "my_calendar.html")]
struct MyCalendarPage {
    l: Layout,
    /// A link just made: shown this once.
    calendar_link: Option<String>,
    webcal_link: Option<String>,
}

fn webcal(link: Option<&str>) -> Option<String> {
    link.and_then(|link| {
        link.strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"))
            .map(|rest| format!("webcal://{rest}"))
    })
}

async fn my_calendar_page(
    app: &App,
    caller: &Caller,
    calendar_link: Option<String>,
) -> Result<Response, Error> {
    caller.account()?;
    render_with(
        StatusCode::OK,
        &MyCalendarPage {
            l: Layout::new(app, caller, "my-calendar-title").await,
            webcal_link: webcal(calendar_link.as_deref()),
            calendar_link,
        },
    )
}

/// The member's own calendar of all their committees, and the button that makes its link.
async fn my_calendar(State(app): State<App>, caller: Caller) -> Result<Response, Error> {
    my_calendar_page(&app, &caller, None).await
}

/// Makes the member's own calendar link and shows it this once, as the committee's page does.
async fn make_my_calendar_link(
    State(app): State<App>,
    caller: Caller,
    SignedIn(account): SignedIn,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, Error> {
    let link = service::member_calendar_link(&app, &account).await?;
    my_calendar_page(&app, &caller, Some(link)).await
}

/// A private calendar feed. The token in the address is the key: calendar apps fetch it
/// without a session, and again every hour: an unchanged feed answers 304 to the `ETag`
/// they send back, with no body.
async fn feed(
    State(app): State<App>,
    Path(file): Path<String>,
    headers: axum::http::HeaderMap,
) -> Result<Response, Error> {
    let token = file.strip_suffix(".ics").ok_or_else(Error::not_found)?;
    let calendar = service::feed(&app, token).await?;
    let digest = Sha256::digest(calendar.as_bytes());
    let tag: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let etag = format!("\"{tag}\"");
    let unchanged = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|candidate| {
            let candidate = candidate.trim();
            candidate == "*" || candidate.trim_start_matches("W/") == etag
        });
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        calendar.into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    // Kept by no shared cache (the address is a secret), but the app may keep its copy and
    // ask whether it changed.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/committees/{id}/meetings", get(list).post(schedule))
        .route("/committees/{id}/calendar", post(make_calendar_link))
        .route("/meetings/{id}", get(show))
        .route("/meetings/{id}/attendance", post(rsvp))
        .route("/meetings/{id}/minutes", post(minutes))
        .route("/meetings/{id}/attended", post(attended))
        .route("/meetings/{id}/edit", post(edit))
        .route("/meetings/{id}/cancel", get(confirm_cancel).post(cancel))
        .route(
            "/settings/calendar",
            get(my_calendar).post(make_my_calendar_link),
        )
        .route("/calendar/{file}", get(feed))
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn minutes_keep_their_paragraphs_and_lines() {
        assert_eq!(
            paragraphs("We met.\r\nTwelve came.\n\n\n  \nVoted: yes  \n"),
            vec![
                vec!["We met.".to_owned(), "Twelve came.".to_owned()],
                vec!["Voted: yes".to_owned()]
            ]
        );
        assert!(paragraphs("").is_empty());
    }
}

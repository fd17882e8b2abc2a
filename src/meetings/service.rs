//! Scheduling meetings and calling emergency ones, answering, recording minutes and
//! attendance, and the private calendar feeds. Each change is one transaction with its
//! audit entry; notifications go out after the commit.

use std::collections::HashSet;

use serde_json::json;

use crate::accounts::Account;
use crate::app::App;
use crate::committees::service::{as_member, as_member_of};
use crate::committees::store::{self as committees, AuditEntry, CommitteeRow};
use crate::core::access::{self, Standing};
use crate::core::fields::{Invalid, Language, Problem, Role};
use crate::core::ids::{Secret, secret_hash};
use crate::core::meetings::{
    Change, Plan, Proposal, Rsvp, check_answerable, check_minutes, check_open, ends_at, feed_since,
    upcoming_since,
};
use crate::core::zones::Zone;
use crate::core::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::i18n::Tr;
use crate::meetings::ical::{self, Event, Status};
use crate::meetings::store::{
    self, AttendeeRow, FeedEventRow, MeetingRow, NewMeeting, ResponseRow, Revised,
};
use crate::notifications::{Note, NotificationKind, Outbox, detail};

/// How many upcoming and past meetings a committee's list shows.
pub const UPCOMING_LIMIT: i64 = 100;
pub const PAST_LIMIT: i64 = 20;
/// How many meetings the dashboard shows.
pub const DASHBOARD_LIMIT: i64 = 10;
/// A calendar feed lists at most this many meetings.
const FEED_LIMIT: i64 = 500;

/// Any member schedules a meeting; only coordinators call an emergency meeting, which
/// alerts every member at once. Returns the new meeting's id.
pub async fn schedule(
    app: &App,
    account: &Account,
    committee_id: Id,
    proposal: &Proposal,
    emergency: bool,
) -> Result<Id> {
    let (committee, role) = as_member(app, committee_id, account.id).await?;
    if emergency {
        access::require_coordinator(Standing::Member(role))?;
    }
    // A time typed into the page reads in the zone the page showed: the member's own, or
    // the committee's.
    let committee_zone = committee.zone(app.config.time_zone);
    let plan = proposal.check(Timestamp::now(), account.tr().zone_or(committee_zone))?;
    let agenda = serde_json::to_string(&plan.agenda)
        .map_err(|e| Error::Internal(format!("agenda as JSON: {e}")))?;
    // The start is kept as a moment with the committee's zone, and put in words when read,
    // in each reader's language and zone.
    let starts = plan.starts_at.rfc3339();

    let id = Id::random();
    let mut tx = app.db.begin().await?;
    store::insert(
        &mut tx,
        &NewMeeting {
            id,
            committee: committee_id,
            title: &plan.title,
            starts_at: plan.starts_at,
            location: &plan.location,
            agenda: &agenda,
            emergency,
            called_by: account.id,
        },
    )
    .await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: if emergency {
                "emergency_meeting_called"
            } else {
                "meeting_scheduled"
            },
            subject: None,
            detail: json!({ "title": plan.title, "starts_at": starts, "zone": committee_zone.name() }),
        },
    )
    .await?;
    // An emergency reaches everyone, the caller too, so that each of their own devices
    // alerts like everyone else's and shows them what the others received.
    let recipients: Vec<Id> = committees::member_ids(&mut tx, committee_id)
        .await?
        .into_iter()
        .filter(|member| emergency || *member != account.id)
        .collect();
    let mut outbox = Outbox::default();
    outbox
        .notify(
            &mut tx,
            &recipients,
            &Note {
                kind: if emergency {
                    NotificationKind::EmergencyMeeting
                } else {
                    NotificationKind::MeetingScheduled
                },
                committee: Some(committee_id),
                subject: Some(id),
                detail: detail([
                    ("committee", committee.name.as_str()),
                    ("title", plan.title.as_str()),
                    ("starts_at", starts.as_str()),
                    ("zone", committee_zone.name()),
                    ("location", plan.location.as_str()),
                ]),
                urgent: emergency,
            },
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(id)
}

/// A meeting the account may see (as a member of its committee), with the account's role
/// there.
///
/// Who may see it is decided from its committee alone (`as_member`, from memory first), so
/// that a hidden meeting and an id that names nothing are turned away alike, after the same
/// query.
pub async fn visible(app: &App, account: Id, meeting: Id) -> Result<(MeetingRow, Role)> {
    let committee = store::committee_of_id(app.db.pool(), meeting).await?;
    let (_, role) = as_member_of(app, committee, account).await?;
    let row = store::find(app.db.pool(), meeting, account)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok((row, role))
}

pub struct Listing {
    pub committee: CommitteeRow,
    pub role: Role,
    /// Soonest first.
    pub upcoming: Vec<MeetingRow>,
    /// Most recent first.
    pub past: Vec<MeetingRow>,
}

pub async fn list(app: &App, account: Id, committee_id: Id) -> Result<Listing> {
    let (committee, role) = as_member(app, committee_id, account).await?;
    let since = upcoming_since(Timestamp::now());
    let upcoming =
        store::upcoming(app.db.pool(), committee_id, since, account, UPCOMING_LIMIT).await?;
    let past = store::past(app.db.pool(), committee_id, since, account, PAST_LIMIT).await?;
    Ok(Listing {
        committee,
        role,
        upcoming,
        past,
    })
}

/// The meetings of all the account's committees and councils that are still coming up.
pub async fn upcoming_for(app: &App, account: Id) -> Result<Vec<MeetingRow>> {
    Ok(store::upcoming_for_member(
        app.db.pool(),
        account,
        upcoming_since(Timestamp::now()),
        DASHBOARD_LIMIT,
    )
    .await?)
}

pub struct Detail {
    pub meeting: MeetingRow,
    pub role: Role,
    pub responses: Vec<ResponseRow>,
    pub attended: Vec<AttendeeRow>,
}

pub async fn detail_of(app: &App, account: Id, meeting: Id) -> Result<Detail> {
    let (row, role) = visible(app, account, meeting).await?;
    let responses = store::responses(app.db.pool(), meeting).await?;
    let attended = store::attendance(app.db.pool(), meeting).await?;
    Ok(Detail {
        meeting: row,
        role,
        responses,
        attended,
    })
}

/// A member says whether they come (`yes`, `no` or `maybe`); answering again changes the
/// answer.
pub async fn respond(app: &App, account: &Account, meeting: Id, status: &str) -> Result<()> {
    let (row, _) = visible(app, account.id, meeting).await?;
    check_answerable(row.cancelled_at.is_some())?;
    let answer = Rsvp::parse(status)?;
    let mut tx = app.db.begin().await?;
    store::respond(&mut tx, meeting, account.id, answer.as_str()).await?;
    tx.commit().await?;
    Ok(())
}

/// The meeting as it stands, for a change to start from.
fn plan_of(row: &MeetingRow) -> Plan {
    Plan {
        title: row.title.clone(),
        starts_at: Timestamp::from_millis(row.starts_at),
        location: row.location.clone(),
        agenda: agenda_of(&row.agenda),
    }
}

/// Whether `account`, with `role` in its committee, may change or call off the meeting:
/// its caller or a coordinator (`access::may_change_meeting`), while it is neither called
/// off nor over.
pub fn may_change(
    row: &MeetingRow,
    role: Role,
    account: Id,
    now: Timestamp,
) -> std::result::Result<(), crate::core::Rule> {
    access::may_change_meeting(
        Standing::Member(role),
        row.called_by == Some(account.get()),
        row.emergency != 0,
    )?;
    check_open(
        row.cancelled_at.is_some(),
        Timestamp::from_millis(row.starts_at),
        now,
    )
}

/// A meeting the account may change or call off, as it stands.
pub async fn changeable(app: &App, account: Id, meeting: Id) -> Result<MeetingRow> {
    let (row, role) = visible(app, account, meeting).await?;
    may_change(&row, role, account, Timestamp::now())?;
    Ok(row)
}

/// Why a change found nothing to write: the meeting went with its committee, or someone
/// called it off a moment before.
async fn not_written(conn: &mut sqlx::AnyConnection, meeting: Id) -> Result<Error> {
    Ok(match store::committee_of(conn, meeting).await? {
        None => Error::not_found(),
        Some(_) => crate::core::Rule::MeetingCancelled.into(),
    })
}

/// Changes a meeting's title, agenda, place or time, checked as scheduling checks them. Each
/// change counts in the meeting's calendar `SEQUENCE`; a new time or place is told to every
/// other member (urgently, for an emergency meeting), since some would go to the old one.
/// A change that changes nothing writes nothing.
pub async fn change(app: &App, account: &Account, meeting: Id, change: &Change) -> Result<()> {
    let row = changeable(app, account.id, meeting).await?;
    app.limits.meeting_change(account.id.get())?;
    let committee_id = Id::from_db(row.committee_id);
    let committee_zone = Zone::or(row.committee_time_zone.as_deref(), app.config.time_zone);
    let now = Timestamp::now();
    let revision = change.check(&plan_of(&row), now, account.tr().zone_or(committee_zone))?;
    if !revision.changed {
        return Ok(());
    }
    let plan = &revision.plan;
    let agenda = serde_json::to_string(&plan.agenda)
        .map_err(|e| Error::Internal(format!("agenda as JSON: {e}")))?;
    let starts = plan.starts_at.rfc3339();
    let emergency = row.emergency != 0;

    let mut tx = app.db.begin().await?;
    let written = store::revise(
        &mut tx,
        meeting,
        &Revised {
            title: &plan.title,
            starts_at: plan.starts_at,
            location: &plan.location,
            agenda: &agenda,
        },
        now,
    )
    .await?;
    if !written {
        return Err(not_written(&mut tx, meeting).await?);
    }
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: if revision.moved {
                "meeting_rescheduled"
            } else {
                "meeting_changed"
            },
            subject: None,
            // The place is not kept: the log lasts, and a scheduled meeting's entry names
            // no place either.
            detail: json!({ "title": plan.title, "starts_at": starts, "zone": committee_zone.name() }),
        },
    )
    .await?;
    let mut outbox = Outbox::default();
    if revision.moved {
        let recipients = others_in(&mut tx, committee_id, account.id).await?;
        outbox
            .notify(
                &mut tx,
                &recipients,
                &Note {
                    kind: NotificationKind::MeetingRescheduled,
                    committee: Some(committee_id),
                    subject: Some(meeting),
                    detail: detail([
                        ("committee", row.committee_name.as_str()),
                        ("title", plan.title.as_str()),
                        ("starts_at", starts.as_str()),
                        ("zone", committee_zone.name()),
                        ("location", plan.location.as_str()),
                    ]),
                    urgent: emergency,
                },
            )
            .await?;
    }
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(())
}

/// Calls a meeting off. It stays listed and in calendars, marked as called off, and can no
/// longer be answered; every other member is told (urgently, for an emergency meeting).
pub async fn cancel(app: &App, account: &Account, meeting: Id) -> Result<()> {
    let row = changeable(app, account.id, meeting).await?;
    app.limits.meeting_change(account.id.get())?;
    let committee_id = Id::from_db(row.committee_id);
    let committee_zone = Zone::or(row.committee_time_zone.as_deref(), app.config.time_zone);
    let starts = Timestamp::from_millis(row.starts_at).rfc3339();
    let mut tx = app.db.begin().await?;
    if !store::cancel(&mut tx, meeting, Timestamp::now()).await? {
        return Err(not_written(&mut tx, meeting).await?);
    }
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: "meeting_cancelled",
            subject: None,
            detail: json!({ "title": row.title, "starts_at": starts, "zone": committee_zone.name() }),
        },
    )
    .await?;
    let recipients = others_in(&mut tx, committee_id, account.id).await?;
    let mut outbox = Outbox::default();
    outbox
        .notify(
            &mut tx,
            &recipients,
            &Note {
                kind: NotificationKind::MeetingCancelled,
                committee: Some(committee_id),
                subject: Some(meeting),
                detail: detail([
                    ("committee", row.committee_name.as_str()),
                    ("title", row.title.as_str()),
                    ("starts_at", starts.as_str()),
                    ("zone", committee_zone.name()),
                    ("location", row.location.as_str()),
                ]),
                urgent: row.emergency != 0,
            },
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(())
}

/// The committee's members but `actor`, who knows what they just did.
async fn others_in(conn: &mut sqlx::AnyConnection, committee: Id, actor: Id) -> Result<Vec<Id>> {
    Ok(committees::member_ids(conn, committee)
        .await?
        .into_iter()
        .filter(|member| *member != actor)
        .collect())
}

/// A coordinator writes (or rewrites) the minutes.
pub async fn record_minutes(app: &App, account: &Account, meeting: Id, typed: &str) -> Result<()> {
    let (row, role) = visible(app, account.id, meeting).await?;
    access::require_coordinator(Standing::Member(role))?;
    // A meeting called off did not take place: it has no minutes.
    check_answerable(row.cancelled_at.is_some())?;
    let minutes = check_minutes(typed)?;
    let mut tx = app.db.begin().await?;
    store::set_minutes(&mut tx, meeting, minutes.as_deref()).await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: Id::from_db(row.committee_id),
            actor: Some(account.id),
            action: "minutes_recorded",
            subject: None,
            detail: json!({ "title": row.title }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator records who attended, replacing the earlier record. Everyone named must be
/// a member, or already on the record (someone who attended and has left since).
pub async fn record_attendance(
    app: &App,
    account: &Account,
    meeting: Id,
    account_ids: &[String],
) -> Result<()> {
    let (row, role) = visible(app, account.id, meeting).await?;
    access::require_coordinator(Standing::Member(role))?;
    // Nobody attended a meeting called off.
    check_answerable(row.cancelled_at.is_some())?;
    let invalid = || Invalid::new("account_ids", Problem::Format);
    let mut attended: Vec<Id> = Vec::new();
    let mut seen = HashSet::new();
    for raw in account_ids {
        let id: Id = raw.trim().parse().map_err(|_| invalid())?;
        if seen.insert(id) {
            attended.push(id);
        }
    }
    let committee_id = Id::from_db(row.committee_id);
    let mut tx = app.db.begin().await?;
    // The meeting could have been removed with its committee since it was read.
    if store::committee_of(&mut tx, meeting).await?.is_none() {
        return Err(Error::not_found());
    }
    let allowed: HashSet<Id> = committees::member_ids(&mut tx, committee_id)
        .await?
        .into_iter()
        .chain(store::attendance_ids(&mut tx, meeting).await?)
        .collect();
    if attended.iter().any(|id| !allowed.contains(id)) {
        return Err(invalid().into());
    }
    store::set_attendance(&mut tx, meeting, &attended).await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: "attendance_recorded",
            subject: None,
            detail: json!({ "title": row.title }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the account's private calendar link for the committee, shown only this once; a
/// previous link stops working.
pub async fn calendar_link(app: &App, account: &Account, committee_id: Id) -> Result<String> {
    // A link outlives the token that would make it, and reads more than its scopes.
    account.session_only()?;
    as_member(app, committee_id, account.id).await?;
    let token = Secret::generate();
    let mut tx = app.db.begin().await?;
    store::replace_feed(
        &mut tx,
        account.id,
        committee_id,
        &secret_hash(token.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(app.config.link(&feed_path(token.as_str())))
}

pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

/// Makes the account's own calendar link, for all its committees' meetings and the actions
/// it is called to; shown only this once, and a previous one stops working.
pub async fn member_calendar_link(app: &App, account: &Account) -> Result<String> {
    // A link outlives the token that would make it, and reads more than its scopes.
    account.session_only()?;
    let token = Secret::generate();
    let mut tx = app.db.begin().await?;
    store::replace_member_feed(&mut tx, account.id, &secret_hash(token.as_str())).await?;
    tx.commit().await?;
    Ok(app.config.link(&feed_path(token.as_str())))
}

/// The reader of a feed: its owner's language, and their own zone if they chose one.
fn reader(language: &str, own_zone: Option<&str>) -> Tr {
    let own_zone = own_zone
        .filter(|z| !z.is_empty())
        .and_then(|z| Zone::parse(z).ok());
    Tr::new(Language::parse(language).unwrap_or(Language::En)).in_zone(own_zone)
}

/// The calendar behind a feed token: a committee's link gives the committee's meetings from
/// the last 30 days on, as long as the link's owner is still a member; a member's own link
/// gives the meetings of every committee they belong to at the time of the fetch, and the
/// actions they are called to.
pub async fn feed(app: &App, token: &str) -> Result<String> {
    // Real tokens are 43 characters; anything much longer is not worth hashing.
    if token.is_empty() || token.len() > 128 {
        return Err(Error::not_found());
    }
    let hash = secret_hash(token);
    let now = Timestamp::now();
    if let Some(found) = store::feed(app.db.pool(), &hash).await? {
        if found.is_member != 1 {
            return Err(Error::not_found());
        }
        let tr = reader(&found.language, found.account_time_zone.as_deref());
        let zone = tr.zone_or(Zone::or(
            found.committee_time_zone.as_deref(),
            app.config.time_zone,
        ));
        let rows = store::feed_events(
            app.db.pool(),
            Id::from_db(found.committee_id),
            feed_since(now),
            FEED_LIMIT,
        )
        .await?;
        let texts: Vec<Texts> = rows
            .iter()
            .map(|m| meeting_texts(app, tr, m, false))
            .collect();
        let events: Vec<Event<'_>> = rows.iter().zip(&texts).map(meeting_event).collect();
        return Ok(ical::calendar(&found.committee_name, zone, &events));
    }
    let mine = store::member_feed(app.db.pool(), &hash)
        .await?
        .ok_or_else(Error::not_found)?;
    let account = Id::from_db(mine.account_id);
    let tr = reader(&mine.language, mine.account_time_zone.as_deref());
    let since = feed_since(now);
    let meetings = store::member_feed_events(app.db.pool(), account, since, FEED_LIMIT).await?;
    let actions = crate::actions::service::for_calendar(app, account, since, FEED_LIMIT).await?;
    let meeting_texts: Vec<Texts> = meetings
        .iter()
        .map(|m| meeting_texts(app, tr, m, true))
        .collect();
    let action_texts: Vec<Texts> = actions.iter().map(|a| action_texts(app, tr, a)).collect();
    let mut events: Vec<Event<'_>> = meetings
        .iter()
        .zip(&meeting_texts)
        .map(meeting_event)
        .collect();
    events.extend(actions.iter().zip(&action_texts).map(action_event));
    // One order whatever the order of the two queries: the same calendar, the same ETag.
    events.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then_with(|| a.uid.cmp(&b.uid))
    });
    let zone = tr.zone_or(app.config.time_zone);
    Ok(ical::calendar(&tr.t("meetings-ical-mine"), zone, &events))
}

/// An event's words: its uid, summary and description.
struct Texts {
    uid: String,
    summary: String,
    description: String,
}

/// A meeting in words, its start as the member reads it in the committee's zone (or their
/// own); a member's own feed says which committee meets.
fn meeting_texts(app: &App, tr: Tr, m: &FeedEventRow, name_committee: bool) -> Texts {
    let id = Id::from_db(m.id);
    let zone = tr.zone_or(Zone::or(
        m.committee_time_zone.as_deref(),
        app.config.time_zone,
    ));
    let cancelled = m.cancelled_at.is_some();
    let summary = if cancelled {
        tr.t1("meetings-ical-cancelled", "title", &m.title)
    } else if m.emergency != 0 {
        tr.t1("meetings-ical-emergency", "title", &m.title)
    } else {
        m.title.clone()
    };
    let mut description: Vec<String> = agenda_of(&m.agenda)
        .iter()
        .enumerate()
        .map(|(n, item)| format!("{}. {item}", n + 1))
        .collect();
    let link = app.config.link(&format!("/meetings/{id}"));
    // Calendars show the start on the phone's own clock; the description says it as the
    // committee (or the member) reads it, zone named.
    let starts = tr.when(Timestamp::from_millis(m.starts_at), zone);
    description.insert(0, tr.t1("meetings-ical-when", "starts", starts));
    if name_committee {
        description.insert(0, m.committee_name.clone());
    }
    if cancelled {
        description.insert(0, tr.t("meetings-ical-was-cancelled"));
    }
    description.push(tr.t1("meetings-ical-details", "link", link));
    Texts {
        uid: format!("{id}@outnumber"),
        summary,
        description: description.join("\n"),
    }
}

fn meeting_event<'a>((m, texts): (&'a FeedEventRow, &'a Texts)) -> Event<'a> {
    let starts_at = Timestamp::from_millis(m.starts_at);
    Event {
        uid: texts.uid.clone(),
        starts_at,
        ends_at: ends_at(starts_at),
        // As it was made, or as its last change left it.
        modified_at: Timestamp::from_millis(m.updated_at.unwrap_or(m.created_at)),
        sequence: m.sequence,
        summary: &texts.summary,
        location: &m.location,
        description: &texts.description,
        urgent: m.emergency != 0,
        status: if m.cancelled_at.is_some() {
            Status::Cancelled
        } else {
            Status::Confirmed
        },
    }
}

fn action_texts(app: &App, tr: Tr, a: &crate::actions::service::Listed) -> Texts {
    let id = Id::from_db(a.row.id);
    let zone = tr.zone_or(a.committee_zone.unwrap_or(app.config.time_zone));
    let starts = tr.when(Timestamp::from_millis(a.row.starts_at), zone);
    let mut description = vec![
        a.committee_name.clone(),
        tr.t1("meetings-ical-when", "starts", starts),
        tr.of("action-status", &a.row.status),
    ];
    if !a.row.description.is_empty() {
        description.push(a.row.description.clone());
    }
    description.push(tr.t1(
        "meetings-ical-details",
        "link",
        app.config.link(&format!("/actions/{id}")),
    ));
    Texts {
        // Apart from meetings' uids, though ids of different things never meet.
        uid: format!("action-{id}@outnumber"),
        summary: tr.t2(
            "meetings-ical-action",
            "kind",
            tr.of("action-kind", &a.row.kind),
            "title",
            &a.row.title,
        ),
        description: description.join("\n"),
    }
}

/// An action as an event: tentative while it gathers pledges, confirmed once it is on, and
/// called off when cancelled or expired. Each of those steps counts in its `SEQUENCE`.
fn action_event<'a>((a, texts): (&'a crate::actions::service::Listed, &'a Texts)) -> Event<'a> {
    let starts_at = Timestamp::from_millis(a.row.starts_at);
    let (status, sequence) = match a.row.status.as_str() {
        "gathering" => (Status::Tentative, 0),
        "activated" => (Status::Confirmed, 1),
        // Over: one step from gathering, two if it was on first.
        _ => (
            Status::Cancelled,
            if a.row.activated_at.is_some() { 2 } else { 1 },
        ),
    };
    let modified = a
        .row
        .ended_at
        .or(a.row.activated_at)
        .unwrap_or(a.row.created_at);
    Event {
        uid: texts.uid.clone(),
        starts_at,
        ends_at: ends_at(starts_at),
        modified_at: Timestamp::from_millis(modified),
        sequence,
        summary: &texts.summary,
        // An action's place is in its description, if anywhere.
        location: "",
        description: &texts.description,
        urgent: false,
        status,
    }
}

/// A stored agenda; a row that cannot be read shows no agenda rather than failing the page.
pub fn agenda_of(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

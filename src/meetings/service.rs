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
use crate::core::meetings::{Proposal, Rsvp, check_minutes, ends_at, feed_since, upcoming_since};
use crate::core::zones::Zone;
use crate::core::{Id, Timestamp};
use crate::error::{Error, Result};
use crate::i18n::Tr;
use crate::meetings::ical::{self, Event};
use crate::meetings::store::{self, AttendeeRow, MeetingRow, NewMeeting, ResponseRow};
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
    visible(app, account.id, meeting).await?;
    let answer = Rsvp::parse(status)?;
    let mut tx = app.db.begin().await?;
    store::respond(&mut tx, meeting, account.id, answer.as_str()).await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator writes (or rewrites) the minutes.
pub async fn record_minutes(app: &App, account: &Account, meeting: Id, typed: &str) -> Result<()> {
    let (row, role) = visible(app, account.id, meeting).await?;
    access::require_coordinator(Standing::Member(role))?;
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

/// The calendar behind a feed token: the committee's meetings from the last 30 days on, as
/// long as the link's owner is still a member.
pub async fn feed(app: &App, token: &str) -> Result<String> {
    // Real tokens are 43 characters; anything much longer is not worth hashing.
    if token.is_empty() || token.len() > 128 {
        return Err(Error::not_found());
    }
    let found = store::feed(app.db.pool(), &secret_hash(token))
        .await?
        .filter(|f| f.is_member == 1)
        .ok_or_else(Error::not_found)?;
    let own_zone = found
        .account_time_zone
        .as_deref()
        .filter(|z| !z.is_empty())
        .and_then(|z| Zone::parse(z).ok());
    let tr = Tr::new(Language::parse(&found.language).unwrap_or(Language::En)).in_zone(own_zone);
    let zone = tr.zone_or(Zone::or(
        found.committee_time_zone.as_deref(),
        app.config.time_zone,
    ));
    let now = Timestamp::now();
    let rows = store::feed_events(
        app.db.pool(),
        Id::from_db(found.committee_id),
        feed_since(now),
        FEED_LIMIT,
    )
    .await?;
    let texts: Vec<(String, String, String)> = rows
        .iter()
        .map(|m| {
            let id = Id::from_db(m.id);
            let summary = if m.emergency != 0 {
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
            // Calendars show the start on the phone's own clock; the description says it as
            // the committee (or the member) reads it, zone named.
            let starts = tr.when(Timestamp::from_millis(m.starts_at), zone);
            description.insert(0, tr.t1("meetings-ical-when", "starts", starts));
            description.push(tr.t1("meetings-ical-details", "link", link));
            (format!("{id}@outnumber"), summary, description.join("\n"))
        })
        .collect();
    let events: Vec<Event<'_>> = rows
        .iter()
        .zip(&texts)
        .map(|(m, (uid, summary, description))| {
            let starts_at = Timestamp::from_millis(m.starts_at);
            Event {
                uid: uid.clone(),
                starts_at,
                ends_at: ends_at(starts_at),
                // Meetings are not changed once scheduled: each is as it was made.
                modified_at: Timestamp::from_millis(m.created_at),
                sequence: 0,
                summary,
                location: &m.location,
                description,
                urgent: m.emergency != 0,
            }
        })
        .collect();
    Ok(ical::calendar(&found.committee_name, zone, &events))
}

/// A stored agenda; a row that cannot be read shows no agenda rather than failing the page.
pub fn agenda_of(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

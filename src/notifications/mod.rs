//! Notifications: an inbox per member, delivered live to open pages and streams.
//!
//! Other parts never write notifications directly: they add them to an [`Outbox`] inside
//! their transaction, and deliver the outbox after the commit, so nobody is ever told about
//! something that did not happen.

pub mod api;
pub mod pages;
pub mod store;

use std::sync::Arc;

use serde_json::{Map, Value};
use sqlx::AnyConnection;

use crate::app::App;
use crate::bus::{Live, Topic};
use crate::core::fields::{Invalid, Problem, choice};
use crate::core::{Id, Timestamp};
use crate::db::StoreResult;
use crate::i18n::{Arg, Splice, Tr};

choice!(
    /// What a notification is about. Each kind has a message `notification-<kind>` whose
    /// arguments come from the notification's detail.
    NotificationKind, "kind" {
        MemberJoined = "member_joined",
        RoleChanged = "role_changed",
        MemberRemoved = "member_removed",
        Affiliated = "affiliated",
        AffiliateJoined = "affiliate_joined",
        MotionMoved = "motion_moved",
        MotionClosed = "motion_closed",
        DelegateSeated = "delegate_seated",
        DelegateUnseated = "delegate_unseated",
        MeetingScheduled = "meeting_scheduled",
        EmergencyMeeting = "emergency_meeting",
        MeetingRescheduled = "meeting_rescheduled",
        MeetingCancelled = "meeting_cancelled",
        ActionCalled = "action_called",
        ActionActivated = "action_activated",
        ActionCancelled = "action_cancelled",
        ActionExpired = "action_expired",
        IncidentReported = "incident_reported",
        IncidentResolved = "incident_resolved",
        IncidentWithdrawn = "incident_withdrawn",
        BulletinPublished = "bulletin_published",
    }
);

#[derive(Debug, Clone)]
pub struct Notification {
    pub id: Id,
    pub account_id: Id,
    pub kind: NotificationKind,
    pub committee_id: Option<Id>,
    pub subject_id: Option<Id>,
    /// Text arguments of the message, such as the committee's name.
    pub detail: Map<String, Value>,
    pub urgent: bool,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
    /// Sent to open pages ahead of its inbox row (an action's announcement to everyone in
    /// scope), so it cannot yet be opened through the inbox.
    pub ahead_of_inbox: bool,
}

impl Notification {
    /// The words that leave the server, by push or e-mail: an incident's summary and
    /// location stay behind, since what a phone shows or a mail provider keeps cannot be
    /// erased when the retention period ends. The link leads to them.
    pub fn text_sent_out(&self, tr: Tr) -> String {
        if self.kind == NotificationKind::IncidentReported {
            return tr.with("notification-incident-reported-brief", &self.args(tr));
        }
        self.text(tr)
    }

    /// The notification in words, in the reader's language.
    pub fn text(&self, tr: Tr) -> String {
        let key = if self.kind == NotificationKind::IncidentReported
            && !self.detail.contains_key("summary")
        {
            // Past the retention period the words of the report are gone.
            "notification-incident-reported-erased".to_owned()
        } else {
            message_key(self.kind)
        };
        tr.with(&key, &self.args(tr))
    }

    fn args(&self, tr: Tr) -> Vec<(&'static str, Arg)> {
        // A member without a display name is named in the reader's language: by the tag
        // kept with the notice, or (a notice from before tags, which named the handle) by
        // the one the member's id gives.
        let neutral = (self.kind == NotificationKind::MemberJoined
            && !self.detail.contains_key("member"))
        .then(|| {
            self.detail
                .get("member_tag")
                .and_then(Value::as_str)
                .and_then(crate::core::names::NameTag::parse)
                .or_else(|| {
                    self.subject_id
                        .map(|id| crate::core::names::NameTag::of_id(id.get()))
                })
        })
        .flatten()
        .map(|tag| {
            (
                "member",
                Arg::Text(crate::accounts::names::neutral_name(tr, tag)),
            )
        });
        let mut args: Vec<(&'static str, Arg)> = Vec::new();
        for name in DETAIL_ARGS {
            let Some(value) = self.detail.get(*name) else {
                continue;
            };
            let splice = match *name {
                "role" => Some(&Splice::ROLE),
                "outcome" => Some(&Splice::OUTCOME),
                "kind" => Some(&Splice::ACTION_KIND),
                "incident" => Some(&Splice::INCIDENT),
                _ => None,
            };
            match (value, splice) {
                (Value::String(s), Some(splice)) => args.extend(tr.splice(splice, s)),
                (Value::Number(n), _) => {
                    args.push((*name, Arg::Number(n.as_i64().unwrap_or_default())))
                }
                (Value::String(s), None) => args.push((*name, Arg::Text(s.clone()))),
                (other, _) => args.push((*name, Arg::Text(other.to_string()))),
            }
        }
        args.extend(neutral);
        // A meeting's start, kept as a moment with its committee's zone: in the reader's
        // zone if they chose one, else the committee's, always with the zone named.
        if let Some(starts) = crate::i18n::stored_time(tr, &self.detail, "starts_at") {
            args.push(("starts", Arg::Text(starts)));
        }
        args
    }

    /// Where the notification leads in the web pages.
    pub fn link(&self) -> String {
        match (self.kind, self.subject_id, self.committee_id) {
            (NotificationKind::MotionMoved | NotificationKind::MotionClosed, Some(motion), _) => {
                format!("/motions/{motion}")
            }
            (
                NotificationKind::MeetingScheduled
                | NotificationKind::EmergencyMeeting
                | NotificationKind::MeetingRescheduled
                | NotificationKind::MeetingCancelled,
                Some(meeting),
                _,
            ) => {
                format!("/meetings/{meeting}")
            }
            (
                NotificationKind::ActionCalled
                | NotificationKind::ActionActivated
                | NotificationKind::ActionCancelled
                | NotificationKind::ActionExpired,
                Some(action),
                _,
            ) => format!("/actions/{action}"),
            (
                NotificationKind::IncidentReported | NotificationKind::IncidentResolved,
                Some(incident),
                _,
            ) => format!("/incidents/{incident}"),
            // Withdrawn: the incident is no longer there to see outside its committee.
            (NotificationKind::IncidentWithdrawn, _, _) => "/notifications".to_owned(),
            (NotificationKind::BulletinPublished, Some(bulletin), _) => {
                format!("/bulletins/{bulletin}")
            }
            (_, _, Some(committee)) => format!("/committees/{committee}"),
            _ => "/notifications".to_owned(),
        }
    }

    #[cfg(test)]
    pub fn sample(account_id: Id, at: Timestamp) -> Self {
        Notification {
            id: Id::random(),
            account_id,
            kind: NotificationKind::MemberJoined,
            committee_id: None,
            subject_id: None,
            detail: Map::new(),
            urgent: false,
            created_at: at,
            read_at: None,
            ahead_of_inbox: false,
        }
    }
}

/// The names a notification's detail may carry into its message.
const DETAIL_ARGS: &[&str] = &[
    "pledged",
    "kind",
    "committee",
    "council",
    "member",
    "role",
    "title",
    "outcome",
    "starts",
    "location",
    "incident",
    "summary",
];

fn message_key(kind: NotificationKind) -> String {
    format!("notification-{}", kind.as_str().replace('_', "-"))
}

/// What a transaction must make known once it commits: notifications to deliver, and
/// in-memory caches that no longer hold (see `directory`).
#[derive(Default)]
pub struct Outbox {
    pending: Vec<Arc<Notification>>,
    memberships_changed: Vec<Id>,
    accounts_changed: Vec<Id>,
    network_changed: bool,
}

pub struct Note {
    pub kind: NotificationKind,
    pub committee: Option<Id>,
    pub subject: Option<Id>,
    pub detail: Map<String, Value>,
    pub urgent: bool,
}

impl Outbox {
    /// Writes one notification per recipient in the caller's transaction.
    pub async fn notify(
        &mut self,
        conn: &mut AnyConnection,
        recipients: &[Id],
        note: &Note,
    ) -> StoreResult<()> {
        let now = Timestamp::now();
        let rows: Vec<Notification> = recipients
            .iter()
            .map(|&account_id| Notification {
                id: Id::random(),
                account_id,
                kind: note.kind,
                committee_id: note.committee,
                subject_id: note.subject,
                detail: note.detail.clone(),
                urgent: note.urgent,
                created_at: now,
                read_at: None,
                ahead_of_inbox: false,
            })
            .collect();
        store::insert_many(&mut *conn, &rows).await?;
        self.pending.extend(rows.into_iter().map(Arc::new));
        Ok(())
    }

    /// An account's memberships change with this transaction.
    pub fn membership_changed(&mut self, account: Id) {
        self.memberships_changed.push(account);
    }

    /// An account's name (as its sessions carry it) changes with this transaction.
    pub fn account_changed(&mut self, account: Id) {
        self.accounts_changed.push(account);
    }

    /// Committees or affiliations change with this transaction.
    pub fn network_changed(&mut self) {
        self.network_changed = true;
    }

    /// Sends the notifications to the open streams and drops what the caches no longer know.
    /// Call after the commit.
    pub async fn deliver(self, app: &App) {
        for account in &self.accounts_changed {
            app.directory.forget_sessions_of(*account);
        }
        for account in &self.memberships_changed {
            app.directory.membership_changed(*account);
        }
        if self.network_changed || !self.memberships_changed.is_empty() {
            app.directory.network_changed().await;
        }
        if !self.pending.is_empty() {
            app.delivery.wake.notify_one();
        }
        for notification in self.pending {
            app.bus.publish(
                Topic::Account(notification.account_id),
                Live::Notification(notification),
            );
        }
    }
}

/// Builds a detail map from pairs, for [`Note::detail`].
pub fn detail<const N: usize>(pairs: [(&str, &str); N]) -> Map<String, Value> {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_owned(), Value::String(v.to_owned())))
        .collect()
}

/// The detail of a notice about a member joining: their display name, or the tag of their
/// neutral name (put in words in each reader's language, see `Notification::args`).
pub fn member_detail(
    committee: &str,
    display_name: &str,
    account: Id,
    name_tag: &str,
) -> Map<String, Value> {
    use crate::core::names::{Shown, shown};
    match shown(display_name, account.get(), name_tag) {
        Shown::Chosen(name) => detail([("committee", committee), ("member", name)]),
        Shown::Neutral(tag) => detail([("committee", committee), ("member_tag", tag.as_str())]),
        Shown::Former => detail([("committee", committee)]),
    }
}

/// Parses a stored kind; an unknown kind (from a newer version) is an error, not a panic.
pub fn parse_kind(s: &str) -> Result<NotificationKind, Invalid> {
    NotificationKind::parse(s).map_err(|_| Invalid::new("kind", Problem::Format))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fields::Language;

    #[test]
    fn every_kind_has_a_message_in_every_language() {
        for kind in NotificationKind::ALL {
            for lang in Language::ALL {
                let tr = Tr::new(*lang);
                assert!(tr.has(&message_key(*kind)), "{kind} in {lang}");
            }
        }
    }

    #[test]
    fn a_member_without_a_name_is_named_neutrally_in_each_language() {
        let member = Id::random();
        let tag = crate::core::names::NameTag::of_id(member.get());
        let mut n = Notification::sample(Id::random(), Timestamp::now());
        n.subject_id = Some(member);
        n.detail = member_detail("Depot", "", member, "");
        for (lang, word) in [
            (Language::En, "Member"),
            (Language::Es, "Miembro"),
            (Language::So, "Xubin"),
            (Language::Hmn, "Tswv cuab"),
        ] {
            let text = n.text(Tr::new(lang));
            assert!(text.contains(&format!("{word} {}", tag.as_str())), "{text}");
        }
        // A notice from before tags, whose handle was taken out.
        n.detail = detail([("committee", "Depot")]);
        let text = n.text(Tr::new(Language::En));
        assert!(text.contains(&format!("Member {}", tag.as_str())), "{text}");
        n.detail = member_detail("Depot", "Rosa", member, "");
        assert!(n.text(Tr::new(Language::En)).contains("Rosa"));
    }

    /// Every kind reads in every language with the detail it is written with, and a word
    /// of a fixed set arrives with its article: "reports a raid", "avisa de una redada".
    #[test]
    fn every_kind_reads_in_every_language_with_its_words_in_place() {
        let mut n = Notification::sample(Id::random(), Timestamp::now());
        for kind in NotificationKind::ALL {
            n.kind = *kind;
            n.detail = detail([
                ("committee", "Depot"),
                ("council", "City council"),
                ("member", "Rosa"),
                ("role", "coordinator"),
                ("title", "Safe staffing"),
                ("outcome", "carried"),
                ("starts", "Friday"),
                ("location", "Gate 3"),
                ("kind", "strike"),
                ("incident", "staging"),
                ("summary", "Agents at the gate"),
            ]);
            n.detail.insert("pledged".into(), Value::from(1));
            for lang in Language::ALL {
                let text = n.text(Tr::new(*lang));
                assert!(
                    !text.contains('{') && !text.contains("notification-") && !text.is_empty(),
                    "{kind} in {lang}: {text}"
                );
            }
        }
        n.kind = NotificationKind::IncidentReported;
        assert!(
            n.text(Tr::new(Language::En))
                .contains("reports an enforcement staging")
        );
        assert!(
            n.text(Tr::new(Language::Es))
                .contains("avisa de un despliegue de agentes")
        );
        n.kind = NotificationKind::ActionCalled;
        assert!(n.text(Tr::new(Language::Es)).contains("convoca una huelga"));
        n.kind = NotificationKind::RoleChanged;
        assert_eq!(
            n.text(Tr::new(Language::En)),
            "You are now a coordinator of Depot."
        );
        n.kind = NotificationKind::ActionActivated;
        assert!(n.text(Tr::new(Language::Es)).ends_with("Un compromiso."));
    }

    #[test]
    fn a_meetings_start_reads_in_the_committees_zone_or_the_readers() {
        use crate::core::zones::Zone;
        let mut n = Notification::sample(Id::random(), Timestamp::now());
        n.kind = NotificationKind::MeetingScheduled;
        n.detail = detail([
            ("committee", "Depot"),
            ("title", "Contract vote"),
            ("starts_at", "2030-12-06T00:30:00Z"),
            ("zone", "America/Chicago"),
            ("location", "Hall"),
        ]);
        let text = n.text(Tr::new(Language::En));
        assert!(text.contains("Thu 5 Dec 2030, 18:30 CST"), "{text}");
        assert!(!text.contains("UTC"), "{text}");
        let es = n.text(Tr::new(Language::Es));
        assert!(es.contains("jue 5 dic 2030, 18:30 CST"), "{es}");
        let own = Tr::new(Language::En).in_zone(Zone::parse("America/New_York").ok());
        assert!(n.text(own).contains("19:30 EST"), "{}", n.text(own));
        // A notice from before zones keeps the words it was written with.
        n.detail = detail([
            ("committee", "Depot"),
            ("title", "T"),
            ("starts", "2026-11-23 14:05 UTC"),
            ("location", "Hall"),
        ]);
        assert!(
            n.text(Tr::new(Language::En))
                .contains("2026-11-23 14:05 UTC")
        );
    }

    #[test]
    fn text_fills_in_the_detail() {
        let mut n = Notification::sample(Id::random(), Timestamp::now());
        n.detail = detail([("committee", "Lake Street Depot"), ("member", "Rosa")]);
        let text = n.text(Tr::new(Language::En));
        assert!(
            text.contains("Rosa") && text.contains("Lake Street Depot"),
            "{text}"
        );
    }
}

//! Committees and councils: founding, membership and vouching, invites, affiliation into
//! councils, and the audit log every member can read.

pub mod api;
pub mod pages;
pub mod service;
pub mod store;

use serde_json::Value;

use crate::committees::store::AuditRow;
use crate::i18n::{Arg, Splice, Tr};

/// The audit actions, each with a message `audit-<action>`.
pub const AUDIT_ACTIONS: &[&str] = &[
    "committee_founded",
    "member_joined",
    "member_left",
    "account_deleted",
    "member_removed",
    "role_changed",
    "invite_created",
    "invite_revoked",
    "affiliated",
    "affiliate_joined",
    "disaffiliated",
    "affiliate_left",
    "demand_drafted",
    "demand_adopted",
    "demand_amended",
    "demand_endorsed",
    "demand_endorsed_by",
    "motion_moved",
    "motion_closed",
    "delegate_seated",
    "delegate_recalled",
    "delegate_replaced",
    "delegate_membership_ended",
    "delegation_ended",
    "meeting_scheduled",
    "emergency_meeting_called",
    "minutes_recorded",
    "attendance_recorded",
    "action_called",
    "action_activated",
    "action_cancelled",
    "action_expired",
    "workforce_estimated",
    "incident_reported",
    "incident_widened",
    "incident_resolved",
    "incident_withdrawn",
    "bulletin_published",
    "time_zone_changed",
    "contact_line_added",
    "contact_line_removed",
];

/// An audit entry in words, in the reader's language.
impl AuditRow {
    /// Who did it, by the name they are shown by.
    pub fn actor(&self, tr: Tr) -> Option<String> {
        crate::accounts::names::shown_if(
            tr,
            self.actor_id,
            self.actor_name.as_deref(),
            self.actor_tag.as_deref(),
        )
    }

    /// Whom it was done to.
    pub fn subject(&self, tr: Tr) -> Option<String> {
        crate::accounts::names::shown_if(
            tr,
            self.subject_id,
            self.subject_name.as_deref(),
            self.subject_tag.as_deref(),
        )
    }
}

pub fn audit_text(row: &AuditRow, tr: Tr) -> String {
    let detail: serde_json::Map<String, Value> =
        serde_json::from_str(&row.detail).unwrap_or_default();
    let someone = || tr.t("audit-someone");
    let mut args: Vec<(&'static str, Arg)> = vec![
        ("actor", Arg::Text(row.actor(tr).unwrap_or_else(someone))),
        (
            "subject",
            Arg::Text(row.subject(tr).unwrap_or_else(someone)),
        ),
    ];
    for name in [
        "name",
        "council",
        "committee",
        "kind",
        "role",
        "max_uses",
        "title",
        "outcome",
        "starts",
        "pledged",
        "workforce",
        "incident",
        "level",
        "zone",
    ] {
        let Some(value) = detail.get(name) else {
            continue;
        };
        let splice = match (name, value) {
            ("role", _) => Some(&Splice::ROLE),
            ("outcome", _) => Some(&Splice::OUTCOME),
            ("incident", _) => Some(&Splice::INCIDENT),
            // An invite's kind, or an action's.
            ("kind", Value::String(s)) if tr.has(&format!("audit-kind-{s}")) => {
                Some(&Splice::INVITE_KIND)
            }
            ("kind", _) => Some(&Splice::ACTION_KIND),
            _ => None,
        };
        match (value, splice) {
            (Value::String(s), Some(splice)) => args.extend(tr.splice(splice, s)),
            (Value::Number(n), _) => args.push((name, Arg::Number(n.as_i64().unwrap_or_default()))),
            (Value::String(s), None) => args.push((name, Arg::Text(s.clone()))),
            (other, _) => args.push((name, Arg::Text(other.to_string()))),
        }
    }
    // A meeting's start, in the reader's zone or the committee's as it was then.
    if let Some(starts) = crate::i18n::stored_time(tr, &detail, "starts_at") {
        args.push(("starts", Arg::Text(starts)));
    }
    tr.with(&format!("audit-{}", row.action.replace('_', "-")), &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fields::Language;

    #[test]
    fn every_audit_action_reads_in_every_language() {
        for action in AUDIT_ACTIONS {
            for lang in Language::ALL {
                let tr = Tr::new(*lang);
                let key = format!("audit-{}", action.replace('_', "-"));
                assert!(tr.has(&key), "{key} in {lang}");
                let row = AuditRow {
                    actor_id: Some(1),
                    actor_name: Some("Rosa".into()),
                    actor_tag: Some(String::new()),
                    action: (*action).into(),
                    subject_id: Some(7),
                    subject_name: Some(String::new()),
                    subject_tag: Some(String::new()),
                    detail: r#"{"role":"coordinator","kind":"member","max_uses":3,"council":"C","committee":"W","name":"N","title":"T","outcome":"carried","starts":"S","pledged":12,"workforce":400,"incident":"raid","level":1,"zone":"America/Chicago"}"#.into(),
                    created_at: 0,
                };
                let text = audit_text(&row, tr);
                assert!(!text.contains("{$") && !text.contains("audit-"), "{text}");
            }
        }
    }
}

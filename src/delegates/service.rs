//! Seats ending: by recall or a new election (see `motions`), or because what a seat
//! stands on is gone. A seat needs its holder to be a member of the committee it speaks
//! for, and that committee to be affiliated to the council; when either ends, the seat
//! ends in the same transaction, or a removed infiltrator would keep voting in the council
//! and a committee that left would keep its weight there.

use serde_json::json;
use sqlx::AnyConnection;

use crate::committees::store::{self as committees, AuditEntry, CommitteeRow};
use crate::core::Id;
use crate::delegates::store as seats;
use crate::error::Result;
use crate::notifications::{Note, NotificationKind, Outbox, detail};

/// Takes `delegate`'s seat in `council` for `committee`, ends the council membership that
/// came with it (a founder's stays), and records `action` in both logs.
pub async fn unseat(
    conn: &mut AnyConnection,
    outbox: &mut Outbox,
    council: Id,
    committee: &CommitteeRow,
    delegate: Id,
    action: &str,
) -> Result<()> {
    let committee_id = Id::from_db(committee.id);
    if !seats::unseat(&mut *conn, council, committee_id, delegate).await? {
        return Ok(());
    }
    committees::end_seated_membership(&mut *conn, council, delegate).await?;
    outbox.membership_changed(delegate);
    let council_name = committees::find_in(&mut *conn, council)
        .await?
        .map(|c| c.name)
        .unwrap_or_default();
    for log in [committee_id, council] {
        committees::audit(
            &mut *conn,
            AuditEntry {
                committee: log,
                actor: None,
                action,
                subject: Some(delegate),
                detail: json!({ "council": council_name, "committee": committee.name }),
            },
        )
        .await?;
    }
    outbox
        .notify(
            &mut *conn,
            &[delegate],
            &Note {
                kind: NotificationKind::DelegateUnseated,
                committee: Some(committee_id),
                subject: Some(council),
                detail: detail([("committee", &committee.name), ("council", &council_name)]),
                urgent: false,
            },
        )
        .await?;
    Ok(())
}

/// `account`'s membership of `committee` ended (they left, were removed): their seats for
/// it, and their seats in it when it is a council, end too.
pub async fn membership_ended(
    conn: &mut AnyConnection,
    outbox: &mut Outbox,
    committee: &CommitteeRow,
    account: Id,
) -> Result<()> {
    let committee_id = Id::from_db(committee.id);
    for council in seats::councils_of(&mut *conn, committee_id, account).await? {
        unseat(
            conn,
            outbox,
            council,
            committee,
            account,
            "delegate_membership_ended",
        )
        .await?;
    }
    for represented in seats::represented_by(&mut *conn, committee_id, account).await? {
        let Some(represented) = committees::find_in(&mut *conn, represented).await? else {
            continue;
        };
        unseat(
            conn,
            outbox,
            committee_id,
            &represented,
            account,
            "delegate_membership_ended",
        )
        .await?;
    }
    Ok(())
}

/// `committee` is no longer affiliated to `council`: its whole delegation there stands down.
pub async fn affiliation_ended(
    conn: &mut AnyConnection,
    outbox: &mut Outbox,
    council: Id,
    committee: &CommitteeRow,
) -> Result<()> {
    let committee_id = Id::from_db(committee.id);
    for delegate in seats::delegation(&mut *conn, council, committee_id).await? {
        unseat(
            conn,
            outbox,
            council,
            committee,
            delegate,
            "delegation_ended",
        )
        .await?;
    }
    Ok(())
}

//! A committee's contacts: read by its members, lines posted and removed by its coordinators
//! (each change written to the committee's audit log).

use serde_json::json;

use crate::accounts::Account;
use crate::app::App;
use crate::committees::service::{as_coordinator, as_member};
use crate::committees::store::{AuditEntry, CommitteeRow, audit};
use crate::contacts::store::{self, LineRow, PersonRow};
use crate::core::fields::{ContactLabel, ContactValue, Role};
use crate::core::{Id, Invalids, Rule};
use crate::delegates::store::SeatRow;
use crate::error::{Error, Result};

pub struct Contacts {
    pub committee: CommitteeRow,
    /// The reader's role in the committee.
    pub role: Role,
    pub coordinators: Vec<PersonRow>,
    /// The seats the committee's delegates hold in councils.
    pub delegates: Vec<SeatRow>,
    pub lines: Vec<LineRow>,
}

/// The contacts of a committee, for its members (everyone else: 404, as if it did not exist;
/// a council's are for its own members, not for the committees below it).
pub async fn contacts(app: &App, account: &Account, committee: Id) -> Result<Contacts> {
    let (row, role) = as_member(app, committee, account.id).await?;
    let pool = app.db.pool();
    Ok(Contacts {
        coordinators: store::coordinators(pool, committee).await?,
        delegates: crate::delegates::store::of_committee(pool, committee).await?,
        lines: store::lines(pool, committee).await?,
        committee: row,
        role,
    })
}

/// A coordinator posts a line.
pub async fn add_line(
    app: &App,
    account: &Account,
    committee: Id,
    label: &str,
    value: &str,
) -> Result<Id> {
    as_coordinator(app, committee, account.id).await?;
    let mut checks = Invalids::default();
    let label = checks.check(ContactLabel::parse(label));
    let value = checks.check(ContactValue::parse(value));
    let (label, value) = checks.finish(label.zip(value))?;
    let id = Id::random();
    let mut tx = app.db.begin().await?;
    if store::count(&mut tx, committee).await? >= crate::contacts::MAX_LINES {
        return Err(Rule::TooManyContactLines.into());
    }
    store::insert(&mut tx, id, committee, label.as_str(), value.as_str()).await?;
    audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "contact_line_added",
            subject: None,
            detail: json!({ "title": label.as_str() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A coordinator takes a line down.
pub async fn remove_line(app: &App, account: &Account, committee: Id, line: Id) -> Result<()> {
    as_coordinator(app, committee, account.id).await?;
    let mut tx = app.db.begin().await?;
    let label = store::delete(&mut tx, committee, line)
        .await?
        .ok_or_else(Error::not_found)?;
    audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "contact_line_removed",
            subject: None,
            detail: json!({ "title": label }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

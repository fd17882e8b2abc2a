//! Drafting demands, reading them with their history, and councils' programs.

use serde_json::json;

use crate::accounts::Account;
use crate::app::App;
use crate::committees::service::{as_member, visible, visible_of};
use crate::committees::store::{self as committees, AuditEntry, CommitteeRow};
use crate::core::access::Standing;
use crate::core::fields::text;
use crate::core::{Id, Rule};
use crate::demands::store::{self, DemandRow, EndorsementRow, HistoryEntry, HistoryRow};
use crate::error::{Error, Result};

pub const TITLE_MAX: usize = 160;
pub const BODY_MAX: usize = 4000;

/// Any member drafts a demand; it is adopted or amended only by motion.
pub async fn draft(
    app: &App,
    account: &Account,
    committee: Id,
    title: &str,
    body: &str,
) -> Result<DemandRow> {
    let title = text("title", title, 1, TITLE_MAX, false)?;
    let body = text("body", body, 1, BODY_MAX, true)?;
    as_member(app, committee, account.id).await?;
    let id = Id::random();
    let mut tx = app.db.begin().await?;
    store::insert(&mut tx, id, committee, &title, &body, account.id).await?;
    store::record(
        &mut tx,
        HistoryEntry {
            demand: id,
            event: "drafted",
            motion: None,
            body: Some(&body),
            detail: json!({}),
        },
    )
    .await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "demand_drafted",
            subject: None,
            detail: json!({ "title": title }),
        },
    )
    .await?;
    let row = store::find_in(&mut tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    Ok(row)
}

/// A demand the account may see: its own committee's, or a council's it belongs to through
/// its committee (to read the program and endorse).
///
/// Who may see it is decided from its committee alone (`visible`, from memory first), so that
/// a hidden demand and an id that names nothing are turned away alike, after the same query.
pub async fn find(app: &App, account: Id, id: Id) -> Result<(DemandRow, CommitteeRow, Standing)> {
    let committee = store::committee_of(app.db.pool(), id).await?;
    let (committee, standing) = visible_of(app, committee, account)
        .await
        .map_err(Error::hidden)?;
    let demand = store::find(app.db.pool(), id)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok((demand, committee, standing))
}

pub async fn list(app: &App, account: Id, committee: Id) -> Result<(CommitteeRow, Vec<DemandRow>)> {
    let (row, _) = visible(app, committee, account).await?;
    let demands = store::of_committee(app.db.pool(), committee).await?;
    Ok((row, demands))
}

pub struct Detail {
    pub demand: DemandRow,
    pub committee: CommitteeRow,
    pub history: Vec<HistoryRow>,
    pub endorsements: Vec<EndorsementRow>,
    pub workers_behind: i64,
}

/// Fills in each endorser's workers and returns the distinct workers behind the demand.
async fn count_workers(app: &App, demand: Id, endorsements: &mut [EndorsementRow]) -> Result<i64> {
    if endorsements.is_empty() {
        return Ok(0);
    }
    let (each, total) = store::workers_behind(app.db.pool(), demand).await?;
    for endorsement in endorsements {
        endorsement.members = each.get(&endorsement.committee_id).copied().unwrap_or(0);
    }
    Ok(total)
}

pub async fn detail(app: &App, account: Id, id: Id) -> Result<Detail> {
    let (demand, committee, _) = find(app, account, id).await?;
    let mut history = store::history(app.db.pool(), id).await?;
    // A step of the demand's history may be a motion of another committee (a workplace
    // endorsing a council's demand): it is named only to readers who may open it, so that
    // no one is sent to a page that answers 404, and no one learns its id.
    let mut may_open = std::collections::HashMap::new();
    for step in &mut history {
        let Some(motion) = step.motion_id else {
            continue;
        };
        // A motion is moved, then carried or failed: asked once however many steps name it.
        let visible = match may_open.get(&motion) {
            Some(known) => *known,
            None => {
                let known = crate::motions::service::visible(app, account, Id::from_db(motion))
                    .await
                    .is_ok();
                may_open.insert(motion, known);
                known
            }
        };
        if !visible {
            step.motion_id = None;
        }
    }
    let mut endorsements = store::endorsements_of(app.db.pool(), id).await?;
    let workers_behind = count_workers(app, id, &mut endorsements).await?;
    Ok(Detail {
        demand,
        committee,
        history,
        endorsements,
        workers_behind,
    })
}

pub struct ProgramItem {
    pub demand: DemandRow,
    pub endorsements: Vec<EndorsementRow>,
    pub workers_behind: i64,
}

/// A council's program: its adopted demands, each with the committees that endorsed it and
/// the workers behind it (the distinct workers its endorsers stand for).
pub async fn program(
    app: &App,
    account: Id,
    council: Id,
) -> Result<(CommitteeRow, Vec<ProgramItem>)> {
    let (row, _) = visible(app, council, account).await?;
    if row.kind != "council" {
        return Err(Rule::NotACouncil.into());
    }
    let demands = store::of_committee(app.db.pool(), council).await?;
    let mut endorsements = store::endorsements_of_council(app.db.pool(), council).await?;
    let mut items = Vec::new();
    for demand in demands.into_iter().filter(|d| d.status == "adopted") {
        let (mut mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut endorsements)
            .into_iter()
            .partition(|e| e.demand_id == demand.id);
        endorsements = rest;
        let workers_behind = count_workers(app, Id::from_db(demand.id), &mut mine).await?;
        items.push(ProgramItem {
            workers_behind,
            endorsements: mine,
            demand,
        });
    }
    Ok((row, items))
}

//! Moving motions, casting ballots, and closing: the outcome is decided by the core and
//! takes effect in the same transaction as the close.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sqlx::AnyConnection;

use crate::accounts::Account;
use crate::app::App;
use crate::committees::service::{as_member, as_member_of};
use crate::committees::store::{self as committees, AuditEntry, CommitteeRow};
use crate::core::fields::{CommitteeKind, Invalid, Problem, Role, text};
use crate::core::motions::{
    BallotKind, DemandRelation, DemandStatus, MotionKind, check_demand, check_weighted,
};
use crate::core::sums::{SecretSums, Sum};
use crate::core::voting::{
    Choice, Majority, Outcome, Quorum, Tally, UNIT, check_election_ballot, decide, delegate_weight,
    elect, represented_total,
};
use crate::core::{Id, Invalids, Rule, Timestamp};
use crate::delegates::{self, store as seats};
use crate::delivery::contact::{Keyring, Purpose};
use crate::demands::store::{self as demands, HistoryEntry};
use crate::error::{Error, Result};
use crate::motions::store::{self, Closing, MotionRow, NewMotion};
use crate::notifications::{Note, NotificationKind, Outbox, detail};

/// The option an election ballot that marks no candidate counts for.
const BLANK: &str = "blank";

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 4000;
/// Motions may stay open for up to 90 days.
pub const MAX_OPEN_MS: i64 = 90 * 24 * 3_600_000;
pub const MAX_SEATS: i64 = 50;
pub const MAX_CANDIDATES: usize = 100;

/// A motion as a member proposes it, before any checks.
#[derive(Default)]
pub struct Proposal {
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
    pub ballot: String,
    pub closes_at: String,
    pub quorum: Option<f64>,
    pub majority: Option<String>,
    pub weighted: bool,
    pub demand_id: Option<String>,
    pub text: Option<String>,
    pub council_id: Option<String>,
    pub seats: Option<i64>,
    pub candidates: Vec<String>,
    pub delegate_id: Option<String>,
}

fn required<T>(field: &'static str, value: Option<T>) -> Result<T> {
    value.ok_or_else(|| Invalid::new(field, Problem::Empty).into())
}

fn parse_id(field: &'static str, value: &str) -> Result<Id> {
    value
        .parse()
        .map_err(|_| Invalid::new(field, Problem::Format).into())
}

/// Any member moves a motion.
pub async fn move_motion(
    app: &App,
    account: &Account,
    committee_id: Id,
    p: Proposal,
) -> Result<MotionRow> {
    let (committee, _) = as_member(app, committee_id, account.id).await?;
    check_unused_lengths(&p)?;
    let now = Timestamp::now();
    let Basics {
        kind,
        ballot,
        title,
        body,
        closes_at,
        quorum,
        majority,
    } = basics(&p, now, Invalids::default())?;
    let committee_kind = CommitteeKind::parse(&committee.kind)?;
    check_weighted(p.weighted, committee_kind)?;

    let mut tx = app.db.begin().await?;
    let mut demand = None;
    let mut amendment = None;
    let mut council = None;
    let mut seats_wanted = None;
    let mut candidates = Vec::new();
    let mut delegate = None;
    match kind {
        MotionKind::Decision => {}
        MotionKind::AdoptDemand | MotionKind::AmendDemand | MotionKind::EndorseDemand => {
            let id = parse_id("demand_id", &required("demand_id", p.demand_id)?)?;
            // The councils above are read whatever the demand is, so that another
            // committee's demand is refused after the same work as an id that names nothing.
            let above = committees::ancestors(&mut tx, committee_id).await?;
            let relation = match demands::find_in(&mut tx, id).await? {
                None => DemandRelation::Unrelated,
                Some(row) => {
                    let status = DemandStatus::parse(&row.status)?;
                    let owner = Id::from_db(row.committee_id);
                    if owner == committee_id {
                        DemandRelation::Own(status)
                    } else if above.contains(&owner) {
                        DemandRelation::OfCouncilAbove(status)
                    } else {
                        DemandRelation::Unrelated
                    }
                }
            };
            check_demand(kind, relation)?;
            if kind == MotionKind::AmendDemand {
                let new_text = text(
                    "text",
                    &required("text", p.text)?,
                    1,
                    crate::demands::service::BODY_MAX,
                    true,
                )?;
                amendment = Some(new_text);
            }
            demand = Some(id);
        }
        MotionKind::ElectDelegates => {
            let council_id = parse_id("council_id", &required("council_id", p.council_id)?)?;
            if !committees::is_affiliated(&mut tx, committee_id, council_id).await? {
                return Err(Rule::NotAffiliated.into());
            }
            let wanted = required("seats", p.seats)?;
            crate::core::fields::in_range("seats", wanted, 1, MAX_SEATS)?;
            if p.candidates.is_empty() {
                return Err(Invalid::new("candidates", Problem::Empty).into());
            }
            if p.candidates.len() > MAX_CANDIDATES {
                return Err(Invalid::new(
                    "candidates",
                    Problem::TooLong {
                        max: MAX_CANDIDATES,
                    },
                )
                .into());
            }
            for raw in &p.candidates {
                let candidate = parse_id("candidates", raw)?;
                if committees::role_in(&mut tx, committee_id, candidate)
                    .await?
                    .is_none()
                {
                    return Err(Rule::CandidateNotMember.into());
                }
                if !candidates.contains(&candidate) {
                    candidates.push(candidate);
                }
            }
            council = Some(council_id);
            seats_wanted = Some(wanted);
        }
        MotionKind::Recall => {
            let council_id = parse_id("council_id", &required("council_id", p.council_id)?)?;
            let delegate_id = parse_id("delegate_id", &required("delegate_id", p.delegate_id)?)?;
            if !seats::delegation(&mut tx, council_id, committee_id)
                .await?
                .contains(&delegate_id)
            {
                return Err(Rule::NotADelegate.into());
            }
            council = Some(council_id);
            delegate = Some(delegate_id);
        }
    }

    let id = Id::random();
    store::insert(
        &mut tx,
        &NewMotion {
            id,
            committee: committee_id,
            kind: kind.as_str(),
            title: &title,
            body: &body,
            ballot: ballot.as_str(),
            closes_at,
            quorum: quorum.thousandths(),
            majority: majority.as_str(),
            weighted: p.weighted,
            demand,
            amendment: amendment.as_deref(),
            council,
            seats: seats_wanted,
            delegate,
            moved_by: account.id,
        },
    )
    .await?;
    for candidate in &candidates {
        store::insert_candidate(&mut tx, id, *candidate).await?;
    }
    if let Some(demand) = demand {
        demands::record(
            &mut tx,
            HistoryEntry {
                demand,
                event: "motion_moved",
                motion: Some(id),
                body: amendment.as_deref(),
                detail: json!({ "kind": kind.as_str(), "committee": committee.name, "title": title }),
            },
        )
        .await?;
    }
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: "motion_moved",
            subject: None,
            detail: json!({ "title": title }),
        },
    )
    .await?;
    let mut outbox = Outbox::default();
    let others: Vec<Id> = committees::member_ids(&mut tx, committee_id)
        .await?
        .into_iter()
        .filter(|m| *m != account.id)
        .collect();
    outbox
        .notify(
            &mut tx,
            &others,
            &Note {
                kind: NotificationKind::MotionMoved,
                committee: Some(committee_id),
                subject: Some(id),
                detail: detail([("committee", &committee.name), ("title", &title)]),
                urgent: false,
            },
        )
        .await?;
    let row = store::find_in(&mut tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(row)
}

/// The motion, if the account is a member of its committee. Who may see it is decided
/// from its committee alone (`as_member`, from memory first), so that a hidden motion and
/// an id that names nothing are turned away alike, after the same query.
pub async fn visible(app: &App, account: Id, id: Id) -> Result<(MotionRow, CommitteeRow, Role)> {
    let committee = store::committee_of(app.db.pool(), id).await?;
    let (committee, role) = as_member_of(app, committee, account).await?;
    let motion = store::find(app.db.pool(), id)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok((motion, committee, role))
}

/// How many waiting votes the dashboard lists.
pub const WAITING_LIMIT: i64 = 20;

/// The open motions of the account's committees and councils in which it has a ballot it
/// has not cast, closing soonest first.
pub async fn waiting_for(app: &App, account: Id) -> Result<Vec<MotionRow>> {
    let committees: Vec<Id> = app
        .directory
        .memberships(account)
        .await?
        .iter()
        .map(|(c, _)| *c)
        .collect();
    Ok(store::waiting_for(
        app.db.pool(),
        account,
        &committees,
        Timestamp::now(),
        WAITING_LIMIT,
    )
    .await?)
}

/// Fields a kind of motion does not use are ignored, but never taken at any length.
/// What every motion states, checked.
pub struct Basics {
    kind: MotionKind,
    ballot: BallotKind,
    title: String,
    body: String,
    closes_at: Timestamp,
    quorum: Quorum,
    majority: Majority,
}

/// Checks what every motion states, all fields at once, adding their problems to `checks`
/// (those a form found already, such as a time it could not read).
pub fn basics(p: &Proposal, now: Timestamp, mut checks: Invalids) -> Result<Basics, Invalids> {
    let kind = checks.check(MotionKind::parse(&p.kind));
    let title = checks.check(text("title", &p.title, 1, TITLE_MAX, false));
    let body = checks.check(text(
        "body",
        p.body.as_deref().unwrap_or(""),
        0,
        BODY_MAX,
        true,
    ));
    let ballot = checks.check(BallotKind::parse(&p.ballot));
    let closes_at = checks.check(
        Timestamp::parse_rfc3339(&p.closes_at)
            .ok_or(Invalid::new("closes_at", Problem::Format))
            .and_then(|closes_at| {
                if closes_at <= now || closes_at > now.plus_millis(MAX_OPEN_MS) {
                    Err(Invalid::new(
                        "closes_at",
                        Problem::Range { min: 0, max: 90 },
                    ))
                } else {
                    Ok(closes_at)
                }
            }),
    );
    let quorum = checks.check(p.quorum.map_or(Ok(Quorum::HALF), Quorum::from_share));
    let majority = checks.check(
        p.majority
            .as_deref()
            .map_or(Ok(Majority::Simple), Majority::parse),
    );
    checks.finish((|| {
        Some(Basics {
            kind: kind?,
            ballot: ballot?,
            title: title?,
            body: body?,
            closes_at: closes_at?,
            quorum: quorum?,
            majority: majority?,
        })
    })())
}

fn check_unused_lengths(p: &Proposal) -> Result<()> {
    // An id is 16 characters; anything much longer is not one.
    const ID_MAX: usize = 64;
    let too_long = |field: &'static str, max: usize| -> Error {
        Invalid::new(field, Problem::TooLong { max }).into()
    };
    for (field, value) in [
        ("demand_id", &p.demand_id),
        ("council_id", &p.council_id),
        ("delegate_id", &p.delegate_id),
    ] {
        if value.as_ref().is_some_and(|v| v.len() > ID_MAX) {
            return Err(too_long(field, ID_MAX));
        }
    }
    if p.candidates.len() > MAX_CANDIDATES {
        return Err(too_long("candidates", MAX_CANDIDATES));
    }
    if p.candidates.iter().any(|c| c.len() > ID_MAX) {
        return Err(too_long("candidates", ID_MAX));
    }
    let text_max = crate::demands::service::BODY_MAX;
    if p.text
        .as_ref()
        .is_some_and(|t| t.chars().count() > text_max)
    {
        return Err(too_long("text", text_max));
    }
    Ok(())
}

/// What a voter marks: yes/no/abstain, or candidates in an election.
pub enum Mark {
    Choice(Choice),
    Candidates(Vec<Id>),
}

impl Mark {
    /// Reads the `choice` of a ballot as sent: a string, or a list of candidate ids.
    pub fn from_json(value: &Value) -> Result<Mark> {
        match value {
            Value::String(s) => Ok(Mark::Choice(Choice::parse(s)?)),
            Value::Array(items) => {
                if items.len() > MAX_CANDIDATES {
                    return Err(Invalid::new(
                        "choice",
                        Problem::TooLong {
                            max: MAX_CANDIDATES,
                        },
                    )
                    .into());
                }
                let ids = items
                    .iter()
                    .map(|v| v.as_str().and_then(|s| s.parse().ok()))
                    .collect::<Option<Vec<Id>>>()
                    .ok_or(Invalid::new("choice", Problem::Format))?;
                Ok(Mark::Candidates(ids))
            }
            _ => Err(Invalid::new("choice", Problem::Format).into()),
        }
    }
}

/// The weight of `account`'s ballot: one unit, or in a weighted vote the workers of the
/// committees they represent as a delegate.
async fn ballot_weight(conn: &mut AnyConnection, motion: &MotionRow, account: Id) -> Result<i64> {
    if motion.weighted == 0 {
        return Ok(UNIT);
    }
    let council = Id::from_db(motion.committee_id);
    let represented = seats::represented_by(&mut *conn, council, account).await?;
    if represented.is_empty() {
        return Err(Rule::DelegatesOnly.into());
    }
    let delegations = seats::delegations_with_workers(&mut *conn, council).await?;
    Ok(represented
        .iter()
        .filter_map(|c| delegations.iter().find(|(id, _, _)| *id == c.get()))
        .map(|(_, workers, delegates)| delegate_weight(*workers, *delegates))
        .sum())
}

/// What [`cast`] would refuse of this ballot, asked before the member confirms a secret one
/// (which cannot be changed): the same checks, nothing written.
pub async fn check_ballot(app: &App, account: &Account, motion_id: Id, mark: &Mark) -> Result<()> {
    let (motion, _, _) = visible(app, account.id, motion_id).await?;
    if motion.status != "open" || Timestamp::from_millis(motion.closes_at) <= Timestamp::now() {
        return Err(Rule::MotionClosed.into());
    }
    if store::took_part(app.db.pool(), motion_id, account.id).await? {
        return Err(Rule::AlreadyVoted.into());
    }
    let mut conn = app.db.pool().acquire().await?;
    mark_ballot(&mut conn, motion_id, account.id, mark).await?;
    Ok(())
}

pub async fn cast(app: &App, account: &Account, motion_id: Id, mark: Mark) -> Result<()> {
    let (motion, _, _) = visible(app, account.id, motion_id).await?;
    let now = Timestamp::now();
    if motion.status != "open" || Timestamp::from_millis(motion.closes_at) <= now {
        return Err(Rule::MotionClosed.into());
    }
    app.limits.ballot(account.id.get())?;
    match BallotKind::parse(&motion.ballot)? {
        BallotKind::Secret => cast_secret(app, account.id, motion_id, mark).await,
        BallotKind::Open => cast_open(app, account.id, motion_id, mark).await,
    }
}

/// What a ballot marks, checked against the motion: the options it chooses (none for a
/// blank election ballot) and every option the motion offers.
struct Marked {
    chosen: Vec<String>,
    offered: Vec<String>,
    kind: MotionKind,
    weight: i64,
}

/// Reads the motion again inside the ballot's transaction (a close may have happened in
/// between) and checks the ballot against it.
async fn mark_ballot(
    conn: &mut AnyConnection,
    motion_id: Id,
    account: Id,
    mark: &Mark,
) -> Result<Marked> {
    let motion = store::find_in(&mut *conn, motion_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if motion.status != "open" {
        return Err(Rule::MotionClosed.into());
    }
    let kind = MotionKind::parse(&motion.kind)?;
    let (chosen, offered): (Vec<String>, Vec<String>) = match (kind, mark) {
        (MotionKind::ElectDelegates, Mark::Candidates(picks)) => {
            let candidates = store::candidate_ids(&mut *conn, motion_id).await?;
            let seats = usize::try_from(motion.seats.unwrap_or(1)).unwrap_or(1);
            check_election_ballot(picks, &candidates, seats)?;
            let offered = candidates
                .iter()
                .map(Id::to_string)
                .chain([BLANK.to_owned()])
                .collect();
            (picks.iter().map(Id::to_string).collect(), offered)
        }
        (MotionKind::ElectDelegates, Mark::Choice(_)) | (_, Mark::Candidates(_)) => {
            return Err(Invalid::new("choice", Problem::Format).into());
        }
        (_, Mark::Choice(choice)) => (
            vec![choice.as_str().to_owned()],
            Choice::ALL.iter().map(|c| c.as_str().to_owned()).collect(),
        ),
    };
    let weight = ballot_weight(&mut *conn, &motion, account).await?;
    Ok(Marked {
        chosen,
        offered,
        kind,
        weight,
    })
}

async fn cast_open(app: &App, account: Id, motion_id: Id, mark: Mark) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let marked = mark_ballot(&mut tx, motion_id, account, &mark).await?;
    let stored = if marked.kind == MotionKind::ElectDelegates {
        serde_json::to_string(&marked.chosen).unwrap_or_else(|_| "[]".into())
    } else {
        marked.chosen.first().cloned().unwrap_or_default()
    };
    let first = store::put_open_ballot(&mut tx, motion_id, account, &stored, marked.weight).await?;
    if first {
        store::count_turnout(&mut tx, motion_id, marked.weight).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Casts a secret ballot so that no copy of the database's files, taken at any instant,
/// pairs the voter with the choice or tells the order of voting (ARCHITECTURE.md, "Secret
/// ballots on disk"): who voted is recorded in one transaction, the choice is added to the
/// sums in the next, and the history of each is erased before the next begins. The answer
/// comes after the second commit, so an acknowledged ballot is counted and durable.
async fn cast_secret(app: &App, account: Id, motion_id: Id, mark: Mark) -> Result<()> {
    let _turn = app.db.secret_ballot_turn().await;
    // What an earlier write left in SQLite's log (another ballot's sums, say) must not lie
    // beside this ballot's participation.
    if !app.db.erase_history(&store::SECRET_TABLES).await? {
        return Err(Error::Busy);
    }

    let mut tx = app.db.begin().await?;
    store::lock_for_ballot(&mut tx, motion_id).await?;
    let marked = mark_ballot(&mut tx, motion_id, account, &mark).await?;
    let mut voters = store::participants(&mut tx, motion_id).await?;
    if voters.contains(&account.get()) {
        return Err(Rule::AlreadyVoted.into());
    }
    voters.push(account.get());
    store::rewrite_participation(&mut tx, motion_id, &voters).await?;
    let pending = store::add_pending(&mut tx, motion_id).await?;
    tx.commit().await?;

    let counted = if app.db.erase_history(&store::SECRET_TABLES).await? {
        count_pending(app, motion_id, pending, &marked).await
    } else {
        // The choice must not be written while the participation is still in the log.
        Err(Error::Busy)
    };
    if let Err(err) = counted {
        // Not acknowledged, so not counted: the voter may cast it again.
        if let Err(undo) = withdraw_pending(app, motion_id, account, pending).await {
            tracing::warn!(error = %undo, "a secret ballot could not be withdrawn after a failure");
        }
        return Err(err);
    }
    if !app.db.erase_history(&store::SECRET_TABLES).await? {
        // The next ballot erases it before it writes anything.
        tracing::warn!("readers kept the database's log from being emptied after a secret ballot");
    }
    Ok(())
}

/// The second commit of a secret ballot: the choice joins the sums and the turnout.
async fn count_pending(app: &App, motion_id: Id, pending: Id, marked: &Marked) -> Result<()> {
    let mut tx = app.db.begin().await?;
    store::lock_for_ballot(&mut tx, motion_id).await?;
    let open = store::find_in(&mut tx, motion_id)
        .await?
        .is_some_and(|m| m.status == "open");
    if !open {
        return Err(Rule::MotionClosed.into());
    }
    if !store::end_pending(&mut tx, pending).await? {
        return Err(Rule::AlreadyVoted.into());
    }
    // A blank election ballot still counts towards turnout.
    let chosen = if marked.chosen.is_empty() {
        vec![BLANK.to_owned()]
    } else {
        marked.chosen.clone()
    };
    let keys = sums_keys(app)?;
    let stored = store::sealed_sums(&mut tx, motion_id).await?;
    let mut sums = open_sums(keys, motion_id, stored.map(|(_, s)| s))?;
    sums.add(&marked.offered, &chosen, marked.weight);
    let sealed = keys.seal(Purpose::SecretSums, motion_id, &sums.encode());
    store::put_sealed_sums(&mut tx, motion_id, keys.current_id(), &sealed).await?;
    store::count_turnout(&mut tx, motion_id, marked.weight).await?;
    tx.commit().await?;
    Ok(())
}

/// The keys that seal secret sums: the contact keys of the data folder.
fn sums_keys(app: &App) -> Result<&Keyring> {
    Ok(&app.delivery.keys()?.contact)
}

/// Opens a motion's sealed sums; no value yet is no ballot yet.
pub fn open_sums(keys: &Keyring, motion: Id, sealed: Option<Vec<u8>>) -> Result<SecretSums> {
    let Some(sealed) = sealed else {
        return Ok(SecretSums::default());
    };
    let plain = keys
        .open(Purpose::SecretSums, motion, &sealed)
        .map_err(|e| Error::Internal(format!("the sums of motion {motion} do not open: {e}")))?;
    SecretSums::decode(&plain)
        .ok_or_else(|| Error::Internal(format!("the sums of motion {motion} are malformed")))
}

/// Run at start, before anything reads the sums: seals the sums an earlier version kept
/// in the clear, and checks that the sums of every open motion open with this server's
/// keys (a database restored without its data folder's keys would count no ballot).
/// Returns how many motions' plain sums were sealed.
pub async fn prepare_sums(app: &App) -> std::result::Result<usize, String> {
    let sealed = seal_plain_sums(app).await.map_err(|e| e.to_string())?;
    let keys = sums_keys(app).map_err(|e| e.to_string())?;
    let open = store::open_motions_sums(app.db.pool())
        .await
        .map_err(|e| e.to_string())?;
    let unreadable = open
        .into_iter()
        .filter(|(motion, sealed)| {
            open_sums(keys, Id::from_db(*motion), Some(sealed.clone())).is_err()
        })
        .count();
    if unreadable > 0 {
        return Err(format!(
            "the secret ballots of {unreadable} open motion(s) do not open with the contact keys in {}: \
             start the server with the data folder (--data-dir) whose contact-keys sealed them",
            app.config.data_dir.display()
        ));
    }
    Ok(sealed)
}

/// Seals the sums an earlier version of the program kept in the clear (`secret_tally`),
/// then erases the plain rows' history.
async fn seal_plain_sums(app: &App) -> Result<usize> {
    let plain = store::plain_sums(app.db.pool()).await?;
    if plain.is_empty() {
        return Ok(0);
    }
    let keys = sums_keys(app)?;
    let mut by_motion: BTreeMap<i64, SecretSums> = BTreeMap::new();
    for (motion, option, ballots, weight) in plain {
        by_motion
            .entry(motion)
            .or_default()
            .absorb(&option, Sum { ballots, weight });
    }
    let sealed_motions = by_motion.len();
    let mut tx = app.db.begin().await?;
    for (motion, mut sums) in by_motion {
        let motion = Id::from_db(motion);
        let stored = store::sealed_sums(&mut tx, motion).await?;
        for (option, sum) in open_sums(keys, motion, stored.map(|(_, s)| s))?.iter() {
            sums.absorb(option, sum);
        }
        let sealed = keys.seal(Purpose::SecretSums, motion, &sums.encode());
        store::put_sealed_sums(&mut tx, motion, keys.current_id(), &sealed).await?;
    }
    store::delete_plain_sums(&mut tx).await?;
    tx.commit().await?;
    app.db
        .erase_history(&["secret_tally", "secret_sums"])
        .await?;
    Ok(sealed_motions)
}

/// Recounts every motion (`admin verify`): see [`store::verify`]. Sums that do not open
/// with `keys` are a mismatch of their own.
pub async fn verify(
    db: &crate::db::Db,
    keys: &Keyring,
) -> Result<(usize, Vec<crate::db::Mismatch>)> {
    let mut sums = BTreeMap::new();
    let mut unreadable = Vec::new();
    for (motion, _, sealed) in store::all_sealed_sums(db.pool()).await? {
        match open_sums(keys, Id::from_db(motion), Some(sealed)) {
            Ok(opened) => {
                let marks = opened.marks();
                sums.insert(motion, (marks.ballots, marks.weight));
            }
            Err(_) => unreadable.push(motion),
        }
    }
    for (motion, _, ballots, weight) in store::plain_sums(db.pool()).await? {
        let entry = sums.entry(motion).or_insert((0, 0));
        entry.0 += ballots;
        entry.1 += weight;
    }
    let (count, mut mismatches) = store::verify(db.pool(), &sums).await?;
    for motion in unreadable {
        mismatches.push(crate::db::Mismatch {
            of: format!("motion {}", Id::from_db(motion)),
            what: "sealed sums that do not open with the contact keys".into(),
            kept: 1,
            counted: 0,
        });
    }
    Ok((count, mismatches))
}

/// Takes back the first commit of a secret ballot that cannot be counted: the voter no
/// longer took part.
async fn withdraw_pending(app: &App, motion_id: Id, account: Id, pending: Id) -> Result<()> {
    let mut tx = app.db.begin().await?;
    store::lock_for_ballot(&mut tx, motion_id).await?;
    let mut voters = store::participants(&mut tx, motion_id).await?;
    voters.retain(|v| *v != account.get());
    store::rewrite_participation(&mut tx, motion_id, &voters).await?;
    store::end_pending(&mut tx, pending).await?;
    tx.commit().await?;
    app.db.erase_history(&store::SECRET_TABLES).await?;
    Ok(())
}

/// Closes a motion early; coordinators only.
pub async fn close_early(app: &App, account: &Account, motion_id: Id) -> Result<()> {
    let (_, _, role) = visible(app, account.id, motion_id).await?;
    if role != Role::Coordinator {
        return Err(Rule::CoordinatorsOnly.into());
    }
    if !close(app, motion_id).await? {
        return Err(Rule::MotionClosed.into());
    }
    Ok(())
}

/// Closes every motion whose time has come. Run by the background job; safe to run on
/// several servers at once.
pub async fn close_due(app: &App) -> Result<usize> {
    let mut closed = 0;
    for id in store::due(app.db.pool(), Timestamp::now()).await? {
        if close(app, id).await? {
            closed += 1;
        }
    }
    Ok(closed)
}

/// The eligible voters and their total weight, as of now.
async fn electorate(conn: &mut AnyConnection, motion: &MotionRow) -> Result<(i64, i64)> {
    let committee = Id::from_db(motion.committee_id);
    if motion.weighted != 0 {
        let delegations = seats::delegations_with_workers(&mut *conn, committee).await?;
        let shares: Vec<(i64, i64)> = delegations.iter().map(|(_, w, d)| (*w, *d)).collect();
        let voters = seats::delegate_count(&mut *conn, committee).await?;
        return Ok((voters, represented_total(&shares)));
    }
    let members = committees::count_members(&mut *conn, committee).await?;
    Ok((members, members * UNIT))
}

/// The counts per option: from the open ballots, or from the secret sums.
async fn counts(
    app: &App,
    conn: &mut AnyConnection,
    motion: &MotionRow,
) -> Result<BTreeMap<String, i64>> {
    let id = Id::from_db(motion.id);
    let mut counts = BTreeMap::new();
    if motion.ballot == "secret" {
        let stored = store::sealed_sums(&mut *conn, id).await?;
        for (option, sum) in open_sums(sums_keys(app)?, id, stored.map(|(_, s)| s))?.iter() {
            if sum.ballots > 0 {
                counts.insert(option.to_owned(), sum.weight);
            }
        }
    } else {
        for (choice, weight) in store::open_ballots_in(&mut *conn, id).await? {
            for option in ballot_options(&choice) {
                *counts.entry(option).or_insert(0) += weight;
            }
        }
    }
    Ok(counts)
}

/// The options one stored open ballot marks: a choice, or the candidates of an election.
pub fn ballot_options(stored: &str) -> Vec<String> {
    if stored.starts_with('[') {
        serde_json::from_str(stored).unwrap_or_default()
    } else {
        vec![stored.to_owned()]
    }
}

/// Closes the motion if it is still open: decides the outcome and applies its effect in the
/// same transaction. Returns whether this call closed it.
pub async fn close(app: &App, motion_id: Id) -> Result<bool> {
    let now = Timestamp::now();
    let mut tx = app.db.begin().await?;
    if !store::claim_close(&mut tx, motion_id, now).await? {
        return Ok(false);
    }
    let motion = store::find_in(&mut tx, motion_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let committee_id = Id::from_db(motion.committee_id);
    let committee = committees::find_in(&mut tx, committee_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let kind = MotionKind::parse(&motion.kind)?;
    let (eligible, eligible_weight) = electorate(&mut tx, &motion).await?;
    let counts = counts(app, &mut tx, &motion).await?;
    let quorum = Quorum::from_thousandths(motion.quorum);
    let mut outbox = Outbox::default();

    let (outcome, result) = if kind == MotionKind::ElectDelegates {
        // Votes for a candidate who has left the committee (or deleted their account) since
        // go to nobody: the seats go to the others, as if that candidate had withdrawn.
        let standing = store::candidate_ids(&mut tx, motion_id).await?;
        let mut votes: BTreeMap<Id, i64> = BTreeMap::new();
        for (option, weight) in &counts {
            if let Ok(candidate) = option.parse::<Id>()
                && standing.contains(&candidate)
                && committees::role_in(&mut tx, committee_id, candidate)
                    .await?
                    .is_some()
            {
                votes.insert(candidate, *weight);
            }
        }
        let seats = usize::try_from(motion.seats.unwrap_or(1)).unwrap_or(1);
        let election = elect(seats, &votes);
        let outcome = if !quorum.met(motion.turnout_weight, eligible_weight) {
            Outcome::NoQuorum
        } else if election.elected.is_empty() {
            Outcome::Failed
        } else {
            Outcome::Carried
        };
        let result = json!({
            "tally": counts.iter().filter(|(o, _)| o.parse::<Id>().is_ok()).map(|(o, w)| (o.clone(), json!(w))).collect::<serde_json::Map<_, _>>(),
            "elected": election.elected.iter().map(Id::to_string).collect::<Vec<_>>(),
            "tied": election.tied.iter().map(Id::to_string).collect::<Vec<_>>(),
            "unfilled": election.unfilled,
        });
        if outcome == Outcome::Carried {
            seat_delegation(&mut tx, &mut outbox, &motion, &committee, &election.elected).await?;
        }
        (outcome, result)
    } else {
        let tally = Tally {
            yes: counts.get("yes").copied().unwrap_or(0),
            no: counts.get("no").copied().unwrap_or(0),
            abstain: counts.get("abstain").copied().unwrap_or(0),
        };
        let majority = Majority::parse(&motion.majority)?;
        let outcome = decide(tally, eligible_weight, quorum, majority);
        let result =
            json!({ "tally": { "yes": tally.yes, "no": tally.no, "abstain": tally.abstain } });
        if outcome == Outcome::Carried {
            take_effect(&mut tx, &mut outbox, &motion, &committee, kind).await?;
        }
        (outcome, result)
    };

    if let (Some(demand), false) = (motion.demand_id, outcome == Outcome::Carried) {
        demands::record(
            &mut tx,
            HistoryEntry {
                demand: Id::from_db(demand),
                event: if outcome == Outcome::NoQuorum {
                    "motion_no_quorum"
                } else {
                    "motion_failed"
                },
                motion: Some(motion_id),
                body: None,
                detail: json!({ "kind": motion.kind, "committee": committee.name }),
            },
        )
        .await?;
    }
    store::record_result(
        &mut tx,
        motion_id,
        Closing {
            eligible,
            eligible_weight,
            outcome: outcome.as_str(),
            result: &result,
        },
    )
    .await?;
    committees::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: None,
            action: "motion_closed",
            subject: None,
            detail: json!({ "title": motion.title, "outcome": outcome.as_str() }),
        },
    )
    .await?;
    let members = committees::member_ids(&mut tx, committee_id).await?;
    outbox
        .notify(
            &mut tx,
            &members,
            &Note {
                kind: NotificationKind::MotionClosed,
                committee: Some(committee_id),
                subject: Some(motion_id),
                detail: detail([
                    ("committee", &committee.name),
                    ("title", &motion.title),
                    ("outcome", outcome.as_str()),
                ]),
                urgent: false,
            },
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(true)
}

/// The effect of a carried yes/no motion.
async fn take_effect(
    conn: &mut AnyConnection,
    outbox: &mut Outbox,
    motion: &MotionRow,
    committee: &CommitteeRow,
    kind: MotionKind,
) -> Result<()> {
    let motion_id = Id::from_db(motion.id);
    let committee_id = Id::from_db(committee.id);
    match kind {
        MotionKind::Decision | MotionKind::ElectDelegates => {}
        MotionKind::AdoptDemand => {
            let Some(demand_id) = motion.demand_id.map(Id::from_db) else {
                return Ok(());
            };
            let Some(demand) = demands::find_in(&mut *conn, demand_id).await? else {
                return Ok(());
            };
            if demand.status == "draft" {
                demands::adopt(&mut *conn, demand_id, Timestamp::now()).await?;
                demands::record(
                    &mut *conn,
                    HistoryEntry {
                        demand: demand_id,
                        event: "adopted",
                        motion: Some(motion_id),
                        body: Some(&demand.body),
                        detail: json!({ "committee": committee.name }),
                    },
                )
                .await?;
                audit_demand(conn, committee_id, "demand_adopted", &demand.title).await?;
            }
        }
        MotionKind::AmendDemand => {
            let (Some(demand_id), Some(text)) = (
                motion.demand_id.map(Id::from_db),
                motion.amendment.as_deref(),
            ) else {
                return Ok(());
            };
            let Some(demand) = demands::find_in(&mut *conn, demand_id).await? else {
                return Ok(());
            };
            demands::set_body(&mut *conn, demand_id, text).await?;
            demands::record(
                &mut *conn,
                HistoryEntry {
                    demand: demand_id,
                    event: "amended",
                    motion: Some(motion_id),
                    body: Some(text),
                    detail: json!({ "committee": committee.name }),
                },
            )
            .await?;
            audit_demand(conn, committee_id, "demand_amended", &demand.title).await?;
        }
        MotionKind::EndorseDemand => {
            let Some(demand_id) = motion.demand_id.map(Id::from_db) else {
                return Ok(());
            };
            let Some(demand) = demands::find_in(&mut *conn, demand_id).await? else {
                return Ok(());
            };
            if demands::endorse(&mut *conn, demand_id, committee_id, motion_id).await? {
                demands::record(
                    &mut *conn,
                    HistoryEntry {
                        demand: demand_id,
                        event: "endorsed",
                        motion: Some(motion_id),
                        body: None,
                        detail: json!({ "committee": committee.name }),
                    },
                )
                .await?;
                audit_demand(conn, committee_id, "demand_endorsed", &demand.title).await?;
                committees::audit(
                    &mut *conn,
                    AuditEntry {
                        committee: Id::from_db(demand.committee_id),
                        actor: None,
                        action: "demand_endorsed_by",
                        subject: None,
                        detail: json!({ "title": demand.title, "committee": committee.name }),
                    },
                )
                .await?;
            }
        }
        MotionKind::Recall => {
            let (Some(council), Some(delegate)) = (
                motion.council_id.map(Id::from_db),
                motion.delegate_id.map(Id::from_db),
            ) else {
                return Ok(());
            };
            delegates::unseat(
                conn,
                outbox,
                council,
                committee,
                delegate,
                "delegate_recalled",
            )
            .await?;
        }
    }
    Ok(())
}

async fn audit_demand(
    conn: &mut AnyConnection,
    committee: Id,
    action: &str,
    title: &str,
) -> Result<()> {
    committees::audit(
        conn,
        AuditEntry {
            committee,
            actor: None,
            action,
            subject: None,
            detail: json!({ "title": title }),
        },
    )
    .await?;
    Ok(())
}

/// An election replaces the committee's delegation to the council: the elected take their
/// seats, and delegates who were not re-elected give theirs up.
async fn seat_delegation(
    conn: &mut AnyConnection,
    outbox: &mut Outbox,
    motion: &MotionRow,
    committee: &CommitteeRow,
    elected: &[Id],
) -> Result<()> {
    let Some(council) = motion.council_id.map(Id::from_db) else {
        return Ok(());
    };
    let committee_id = Id::from_db(committee.id);
    if !committees::is_affiliated(&mut *conn, committee_id, council).await? {
        return Ok(());
    }
    let Some(council_row) = committees::find_in(&mut *conn, council).await? else {
        return Ok(());
    };
    let current = seats::delegation(&mut *conn, council, committee_id).await?;
    for old in current.iter().filter(|d| !elected.contains(d)) {
        delegates::unseat(conn, outbox, council, committee, *old, "delegate_replaced").await?;
    }
    // Only members are elected (see `close`): each may represent the committee.
    for new in elected.iter().filter(|d| !current.contains(d)) {
        seats::seat(
            &mut *conn,
            council,
            committee_id,
            *new,
            Some(Id::from_db(motion.id)),
        )
        .await?;
        if committees::insert_seated_membership(&mut *conn, council, *new).await?
            && crate::accounts::names::claim(
                &mut *conn,
                *new,
                Some(council),
                crate::accounts::names::IfTaken::Allow,
            )
            .await?
        {
            outbox.account_changed(*new);
        }
        outbox.membership_changed(*new);
        for (log, committee_name) in [(committee_id, None), (council, Some(&committee.name))] {
            committees::audit(
                &mut *conn,
                AuditEntry {
                    committee: log,
                    actor: None,
                    action: "delegate_seated",
                    subject: Some(*new),
                    detail: json!({ "council": council_row.name, "committee": committee_name.unwrap_or(&committee.name) }),
                },
            )
            .await?;
        }
        outbox
            .notify(
                &mut *conn,
                &[*new],
                &Note {
                    kind: NotificationKind::DelegateSeated,
                    committee: Some(council),
                    subject: Some(committee_id),
                    detail: detail([
                        ("committee", &committee.name),
                        ("council", &council_row.name),
                    ]),
                    urgent: false,
                },
            )
            .await?;
    }
    Ok(())
}

/// How a motion stands, for showing it.
pub struct Standing {
    pub turnout: i64,
    pub turnout_weight: i64,
    pub eligible: i64,
    pub eligible_weight: i64,
    pub quorum_met: bool,
    /// Counts per option in weight units; `None` while a secret ballot is open.
    pub counts: Option<BTreeMap<String, i64>>,
}

/// The live state of a motion: as recorded at the close, or as of now while open.
pub async fn standing(app: &App, motion: &MotionRow) -> Result<Standing> {
    let mut conn = app.db.pool().acquire().await?;
    let (eligible, eligible_weight) = match (motion.eligible, motion.eligible_weight) {
        (Some(e), Some(w)) => (e, w),
        _ => electorate(&mut conn, motion).await?,
    };
    let open = motion.status == "open";
    let counts = if open && motion.ballot == "secret" {
        None
    } else if open {
        Some(counts(app, &mut conn, motion).await?)
    } else {
        let result: Value = motion
            .result
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok())
            .unwrap_or_default();
        Some(
            result["tally"]
                .as_object()
                .map(|t| {
                    t.iter()
                        .map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0)))
                        .collect()
                })
                .unwrap_or_default(),
        )
    };
    Ok(Standing {
        turnout: motion.turnout,
        turnout_weight: motion.turnout_weight,
        eligible,
        eligible_weight,
        quorum_met: Quorum::from_thousandths(motion.quorum)
            .met(motion.turnout_weight, eligible_weight),
        counts,
    })
}

/// Runs [`close_due`] every second, for as long as the server runs. Motions whose time came
/// while the server was down close at the first tick after a restart.
pub async fn closing_job(app: App) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(err) = close_due(&app).await {
            tracing::warn!(error = %err, "closing motions failed; retrying");
        }
    }
}

/// A weight in units of ballots (or workers, in weighted votes), for showing.
pub fn in_units(weight: i64) -> f64 {
    let units = weight as f64 / UNIT as f64;
    (units * 100.0).round() / 100.0
}

//! What people do with committees and councils: found them, invite and vouch, change roles,
//! affiliate, and read the audit log. Each operation checks the rules of `core`, writes in
//! one transaction with its audit entries, and tells those concerned after the commit.

use std::net::IpAddr;

use serde_json::json;
use sqlx::AnyConnection;

use crate::accounts::Account;
use crate::app::App;
use crate::committees::store::{
    self, AuditEntry, CommitteeRow, InviteRow, NewCommittee, NewInvite,
};
use crate::core::access::{self, Standing};
use crate::core::affiliation::check_affiliation;
use crate::core::fields::{CommitteeKind, CommitteeName, InviteKind, Label, Role, WorkplaceType};
use crate::core::ids::{invite_code, normalize_code, secret_hash};
use crate::core::invites::{InviteState, InviteTerms};
use crate::core::zones::Zone;
use crate::core::{Id, Invalids, Rule, Timestamp};
use crate::db::StoreError;
use crate::delegates;
use crate::directory::Graph;
use crate::error::{Error, Result};
use crate::notifications::{Note, NotificationKind, Outbox, detail};

pub struct Founding {
    pub name: String,
    pub kind: String,
    pub workplace_type: Option<String>,
    pub industry: Option<String>,
    pub region: Option<String>,
    /// An IANA name; none for the server's zone.
    pub time_zone: Option<String>,
}

/// Founds a workplace committee or a council; the founder is its first coordinator. Every
/// field is checked, and all that are refused are told at once.
pub async fn found(app: &App, founder: &Account, founding: Founding) -> Result<CommitteeRow> {
    let mut checks = Invalids::default();
    let name = checks.check(CommitteeName::parse(&founding.name));
    let kind = checks.check(CommitteeKind::parse(&founding.kind));
    let optional_label = |field: &'static str, value: Option<&str>| {
        value
            .filter(|v| !v.trim().is_empty())
            .map(|v| Label::parse_field(field, v))
            .transpose()
    };
    let (workplace_type, industry, region) = match kind {
        // A workplace needs all three.
        Some(CommitteeKind::Workplace) => (
            checks
                .check(WorkplaceType::parse(
                    founding.workplace_type.as_deref().unwrap_or(""),
                ))
                .map(Some),
            checks
                .check(Label::parse_field(
                    "industry",
                    founding.industry.as_deref().unwrap_or(""),
                ))
                .map(Some),
            checks
                .check(Label::parse_field(
                    "region",
                    founding.region.as_deref().unwrap_or(""),
                ))
                .map(Some),
        ),
        // A council may be regional, by industry, both or neither. It has no workplace
        // type; one sent along (a form's select) must still be one of the choices. (A kind
        // that is neither is refused already; its other fields are checked as a council's.)
        _ => (
            checks
                .check(
                    founding
                        .workplace_type
                        .as_deref()
                        .filter(|t| !t.trim().is_empty())
                        .map(WorkplaceType::parse)
                        .transpose(),
                )
                .map(|_| None),
            checks.check(optional_label("industry", founding.industry.as_deref())),
            checks.check(optional_label("region", founding.region.as_deref())),
        ),
    };
    let zone = match founding
        .time_zone
        .as_deref()
        .filter(|z| !z.trim().is_empty())
    {
        Some(name) => checks.check(Zone::parse(name)),
        None => Some(app.config.time_zone),
    };
    let (name, kind, workplace_type, industry, region, zone) = checks.finish((|| {
        Some((name?, kind?, workplace_type?, industry?, region?, zone?))
    })())?;

    let id = Id::random();
    let mut tx = app.db.begin().await?;
    store::insert(
        &mut tx,
        &NewCommittee {
            id,
            name: name.as_str(),
            kind: kind.as_str(),
            workplace_type: workplace_type.map(WorkplaceType::as_str),
            industry: industry.as_ref().map(Label::as_str),
            region: region.as_ref().map(Label::as_str),
            time_zone: zone.name(),
        },
    )
    .await?;
    store::insert_membership(&mut tx, id, founder.id, Role::Coordinator.as_str(), None).await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee: id,
            actor: Some(founder.id),
            action: "committee_founded",
            subject: None,
            detail: json!({ "name": name.as_str() }),
        },
    )
    .await?;
    let row = store::find_in(&mut tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    let mut outbox = Outbox::default();
    outbox.membership_changed(founder.id);
    outbox.network_changed();
    outbox.deliver(app).await;
    Ok(row)
}

/// A coordinator sets the committee's time zone: the zone its times are shown and typed in
/// from now on (what was scheduled keeps its moment; only how it reads changes).
pub async fn set_time_zone(
    app: &App,
    account: &Account,
    committee: Id,
    zone: &str,
) -> Result<Zone> {
    as_coordinator(app, committee, account.id).await?;
    let zone = Zone::parse(zone)?;
    let mut tx = app.db.begin().await?;
    store::set_time_zone(&mut tx, committee, zone.name()).await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "time_zone_changed",
            subject: None,
            detail: json!({ "zone": zone.name() }),
        },
    )
    .await?;
    tx.commit().await?;
    // The directory's graph carries each committee's zone.
    app.directory.network_changed().await;
    Ok(zone)
}

/// The zone committee `id`'s times read in, for a page about something of it, from the
/// directory's graph (no query): its own, or the server's.
pub fn zone_of(app: &App, id: Id) -> Zone {
    app.directory
        .graph()
        .nodes
        .get(&id)
        .and_then(|node| node.time_zone)
        .unwrap_or(app.config.time_zone)
}

/// How the account stands towards committee `committee` as the directory remembers it (its
/// memberships and the network graph, in memory), with no query: an outsider is turned away
/// after the same few microseconds whether the id names a committee or nothing. What it
/// allows, the database then confirms ([`standing`]), so that a membership ended through
/// another server counts at once; one begun through another server shows here after the
/// directory's next reload (`directory::TTL`).
pub async fn remembered_standing(app: &App, committee: Id, account: Id) -> Result<Standing> {
    let memberships = app.directory.memberships(account).await?;
    Ok(remembered(&app.directory.graph(), &memberships, committee))
}

/// [`remembered_standing`] from memberships and a graph already at hand.
pub fn remembered(graph: &Graph, memberships: &[(Id, Role)], committee: Id) -> Standing {
    if let Some((_, role)) = memberships.iter().find(|(c, _)| *c == committee) {
        return Standing::Member(*role);
    }
    let is_council = graph
        .get(committee)
        .is_some_and(|node| node.kind == CommitteeKind::Council);
    if is_council
        && memberships
            .iter()
            .any(|(mine, _)| graph.is_below(*mine, committee))
    {
        return Standing::Affiliate;
    }
    Standing::Outsider
}

/// How the account stands towards the committee, from the database.
pub async fn standing(app: &App, committee: &CommitteeRow, account: Id) -> Result<Standing> {
    let id = Id::from_db(committee.id);
    if let Some(role) = store::role(app.db.pool(), id, account).await? {
        return Ok(Standing::Member(Role::parse(&role)?));
    }
    if committee.kind == CommitteeKind::Council.as_str()
        && store::is_member_below(app.db.pool(), id, account).await?
    {
        return Ok(Standing::Affiliate);
    }
    Ok(Standing::Outsider)
}

/// The committee if the account may see it, with the account's standing.
pub async fn visible(app: &App, id: Id, account: Id) -> Result<(CommitteeRow, Standing)> {
    let remembered = remembered_standing(app, id, account).await?;
    confirmed(app, id, account, remembered).await
}

/// The committee and the account's standing from the database, once memory has not turned
/// the account away.
async fn confirmed(
    app: &App,
    id: Id,
    account: Id,
    remembered: Standing,
) -> Result<(CommitteeRow, Standing)> {
    if remembered == Standing::Outsider {
        return Err(Error::not_found());
    }
    let committee = store::find(app.db.pool(), id)
        .await?
        .ok_or_else(Error::not_found)?;
    let standing = standing(app, &committee, account).await?;
    access::may_view(standing, CommitteeKind::parse(&committee.kind)?)?;
    Ok((committee, standing))
}

/// [`as_member`] of the committee a lookup found (`None` when the id named nothing): memory
/// is asked either way, so that both cost the same.
pub async fn as_member_of(
    app: &App,
    committee: Option<Id>,
    account: Id,
) -> Result<(CommitteeRow, Role)> {
    let remembered = remembered_standing(app, committee.unwrap_or(Id::NOTHING), account).await?;
    match committee {
        Some(committee) => as_member_remembered(app, committee, account, remembered).await,
        None => Err(Error::not_found()),
    }
}

/// [`visible`] of the committee a lookup found (`None` when the id named nothing): memory is
/// asked either way, so that both cost the same.
pub async fn visible_of(
    app: &App,
    committee: Option<Id>,
    account: Id,
) -> Result<(CommitteeRow, Standing)> {
    let remembered = remembered_standing(app, committee.unwrap_or(Id::NOTHING), account).await?;
    match committee {
        Some(committee) => confirmed(app, committee, account, remembered).await,
        None => Err(Error::not_found()),
    }
}

/// The committee if the account is a member, with the account's role.
pub async fn as_member(app: &App, id: Id, account: Id) -> Result<(CommitteeRow, Role)> {
    let remembered = remembered_standing(app, id, account).await?;
    as_member_remembered(app, id, account, remembered).await
}

async fn as_member_remembered(
    app: &App,
    id: Id,
    account: Id,
    remembered: Standing,
) -> Result<(CommitteeRow, Role)> {
    // An affiliate sees a council but never inside it: turned away from memory, as an
    // outsider is.
    if remembered.role().is_none() {
        return Err(Error::not_found());
    }
    let (committee, standing) = confirmed(app, id, account, remembered)
        .await
        .map_err(Error::hidden)?;
    let role = access::may_see_inside(standing)?;
    Ok((committee, role))
}

/// The committee if the account is one of its coordinators.
pub async fn as_coordinator(app: &App, id: Id, account: Id) -> Result<CommitteeRow> {
    let (committee, role) = as_member(app, id, account).await?;
    access::require_coordinator(Standing::Member(role))?;
    Ok(committee)
}

pub struct NewInviteCode {
    pub code: String,
    pub id: Id,
    pub kind: InviteKind,
    pub expires_at: Timestamp,
    pub max_uses: i64,
}

/// Makes an invite. Any member may vouch for a new member; only a council's coordinators
/// may admit affiliates.
pub async fn create_invite(
    app: &App,
    account: &Account,
    committee_id: Id,
    kind: InviteKind,
    max_uses: Option<i64>,
    expires_in_hours: Option<i64>,
) -> Result<NewInviteCode> {
    let (committee, role) = as_member(app, committee_id, account.id).await?;
    if kind == InviteKind::Affiliation {
        access::require_coordinator(Standing::Member(role))?;
        if committee.kind != CommitteeKind::Council.as_str() {
            return Err(Rule::NotACouncil.into());
        }
    }
    let terms = InviteTerms::parse(kind, max_uses, expires_in_hours)?;
    app.limits.invite_creation(account.id.get())?;

    let code = invite_code();
    let id = Id::random();
    let expires_at = Timestamp::now().plus_hours(terms.expires_in_hours);
    let mut tx = app.db.begin().await?;
    store::insert_invite(
        &mut tx,
        &NewInvite {
            id,
            code_hash: &secret_hash(&code),
            committee: Some(committee_id),
            kind: kind.as_str(),
            created_by: Some(account.id),
            max_uses: terms.max_uses,
            expires_at,
        },
    )
    .await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: "invite_created",
            subject: None,
            detail: json!({
                "kind": kind.as_str(),
                "max_uses": terms.max_uses,
                "expires_at": expires_at.rfc3339(),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(NewInviteCode {
        code,
        id,
        kind,
        expires_at,
        max_uses: terms.max_uses,
    })
}

/// An administrator's invite to register an account without joining a committee, for people
/// who will found one on a server without open registration.
pub async fn create_registration_invite(
    app: &App,
    admin: Option<Id>,
    max_uses: Option<i64>,
    expires_in_hours: Option<i64>,
) -> Result<NewInviteCode> {
    let terms = InviteTerms::parse(InviteKind::Member, max_uses, expires_in_hours)?;
    let code = invite_code();
    let id = Id::random();
    let expires_at = Timestamp::now().plus_hours(terms.expires_in_hours);
    let mut tx = app.db.begin().await?;
    store::insert_invite(
        &mut tx,
        &NewInvite {
            id,
            code_hash: &secret_hash(&code),
            committee: None,
            kind: "registration",
            created_by: admin,
            max_uses: terms.max_uses,
            expires_at,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(NewInviteCode {
        code,
        id,
        kind: InviteKind::Member,
        expires_at,
        max_uses: terms.max_uses,
    })
}

pub fn invite_state(invite: &InviteRow) -> InviteState {
    InviteState {
        max_uses: invite.max_uses,
        uses: invite.uses,
        expires_at: Timestamp::from_millis(invite.expires_at),
        revoked: invite.revoked != 0,
    }
}

/// What the holder of a code may learn before using it.
pub struct InvitePreview {
    pub kind: String,
    pub committee: Option<CommitteeRow>,
    pub expires_at: Timestamp,
    pub remaining_uses: i64,
    /// Why it cannot be used, if it cannot.
    pub unusable: Option<Rule>,
}

pub async fn preview_invite(
    app: &App,
    code: &str,
    address: Option<IpAddr>,
) -> Result<InvitePreview> {
    app.limits.invite_attempt(address)?;
    let invite = store::invite_by_hash(app.db.pool(), &secret_hash(&normalize_code(code)))
        .await?
        .ok_or_else(Error::not_found)?;
    let state = invite_state(&invite);
    let unusable = state.check_usable(Timestamp::now()).err();
    if unusable == Some(Rule::Hidden) {
        return Err(Error::not_found());
    }
    let committee = match invite.committee_id {
        Some(id) => store::find(app.db.pool(), Id::from_db(id)).await?,
        None => None,
    };
    Ok(InvitePreview {
        kind: invite.kind,
        committee,
        expires_at: state.expires_at,
        remaining_uses: state.remaining_uses(),
        unusable,
    })
}

/// Uses a member invite for `account`, inside the caller's transaction: counts the use,
/// records the membership with who vouched, writes the audit entry and tells the
/// coordinators. A registration invite (from an administrator) only counts the use when
/// `registering`. Returns the committee joined, if any.
pub async fn redeem_invite(
    conn: &mut AnyConnection,
    outbox: &mut Outbox,
    account: Id,
    code: &str,
    kinds: &[InviteKind],
    registering: bool,
) -> Result<Option<(Id, Role)>> {
    let now = Timestamp::now();
    let invite = store::invite_by_hash_in(&mut *conn, &secret_hash(&normalize_code(code)))
        .await?
        .ok_or_else(Error::not_found)?;
    // A revoked code answers as one that never existed, whatever it was for.
    let state = invite_state(&invite);
    if state.revoked {
        return Err(Error::not_found());
    }
    let kind_allowed = match invite.kind.as_str() {
        "registration" => registering,
        other => InviteKind::parse(other).is_ok_and(|k| kinds.contains(&k)),
    };
    if !kind_allowed {
        return Err(Rule::WrongInviteKind.into());
    }
    state.check_usable(now)?;
    let Some(committee_id) = invite.committee_id.map(Id::from_db) else {
        if !store::use_invite(&mut *conn, invite.id, now).await? {
            return Err(Rule::InviteUsedUp.into());
        }
        return Ok(None);
    };
    if store::role_in(&mut *conn, committee_id, account)
        .await?
        .is_some()
    {
        return Err(Rule::AlreadyMember.into());
    }
    if !store::use_invite(&mut *conn, invite.id, now).await? {
        // Someone else took the last use a moment ago.
        return Err(Rule::InviteUsedUp.into());
    }
    let voucher = invite.created_by.map(Id::from_db);
    store::insert_membership(
        &mut *conn,
        committee_id,
        account,
        Role::Member.as_str(),
        voucher,
    )
    .await?;
    outbox.membership_changed(account);
    // Nobody joins looking like someone already there: a chosen name taken in the committee
    // is refused (409 `display_name_taken`, nothing changes), a neutral one gets a new tag.
    if crate::accounts::names::claim(
        &mut *conn,
        account,
        Some(committee_id),
        crate::accounts::names::IfTaken::Refuse,
    )
    .await?
    {
        outbox.account_changed(account);
    }
    let (display_name, name_tag) = crate::accounts::store::name_in(&mut *conn, account)
        .await?
        .unwrap_or_default();
    store::audit(
        &mut *conn,
        AuditEntry {
            committee: committee_id,
            actor: voucher,
            action: "member_joined",
            subject: Some(account),
            detail: json!({}),
        },
    )
    .await?;
    let committee = store::find_in(&mut *conn, committee_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let coordinators =
        store::account_ids_with_role(&mut *conn, committee_id, "coordinator").await?;
    outbox
        .notify(
            &mut *conn,
            &coordinators,
            &Note {
                kind: NotificationKind::MemberJoined,
                committee: Some(committee_id),
                subject: Some(account),
                detail: crate::notifications::member_detail(
                    &committee.name,
                    &display_name,
                    account,
                    &name_tag,
                ),
                urgent: false,
            },
        )
        .await?;
    Ok(Some((committee_id, Role::Member)))
}

/// A signed-in person accepts a member invite.
pub async fn accept_invite(
    app: &App,
    account: &Account,
    code: &str,
    address: Option<IpAddr>,
) -> Result<(Id, Role)> {
    app.limits.invite_attempt(address)?;
    let mut tx = app.db.begin().await?;
    let mut outbox = Outbox::default();
    let joined = redeem_invite(
        &mut tx,
        &mut outbox,
        account.id,
        code,
        &[InviteKind::Member],
        false,
    )
    .await?
    .ok_or(Rule::WrongInviteKind)?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(joined)
}

pub async fn live_invites(app: &App, account: &Account, committee: Id) -> Result<Vec<InviteRow>> {
    let (_, role) = as_member(app, committee, account.id).await?;
    let invites = store::live_invites(app.db.pool(), committee, Timestamp::now()).await?;
    // Coordinators see every open invite; a member sees the ones they vouch with.
    Ok(invites
        .into_iter()
        .filter(|i| role == Role::Coordinator || i.created_by == Some(account.id.get()))
        .collect())
}

/// Revokes an invite: its maker or a coordinator may, for example when a code leaked.
pub async fn revoke_invite(app: &App, account: &Account, committee: Id, invite: Id) -> Result<()> {
    let (_, role) = as_member(app, committee, account.id).await?;
    let mut tx = app.db.begin().await?;
    let row = store::invite_by_id(&mut tx, committee, invite)
        .await?
        .ok_or_else(Error::not_found)?;
    if role != Role::Coordinator && row.created_by != Some(account.id.get()) {
        return Err(Rule::CoordinatorsOnly.into());
    }
    store::revoke_invite(&mut tx, invite).await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "invite_revoked",
            subject: None,
            detail: json!({ "kind": row.kind }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A coordinator makes a member a coordinator, or back.
pub async fn set_role(
    app: &App,
    account: &Account,
    committee_id: Id,
    target: Id,
    new_role: Role,
) -> Result<()> {
    let (committee, actor_role) = as_member(app, committee_id, account.id).await?;
    access::require_coordinator(Standing::Member(actor_role))?;
    let mut tx = app.db.begin().await?;
    let target_role =
        check_role_change_in(&mut tx, committee_id, actor_role, target, new_role).await?;
    if target_role == new_role {
        return Ok(());
    }
    store::set_role(&mut tx, committee_id, target, new_role.as_str()).await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: "role_changed",
            subject: Some(target),
            detail: json!({ "role": new_role.as_str() }),
        },
    )
    .await?;
    let mut outbox = Outbox::default();
    outbox.membership_changed(target);
    outbox
        .notify(
            &mut tx,
            &[target],
            &Note {
                kind: NotificationKind::RoleChanged,
                committee: Some(committee_id),
                subject: Some(target),
                detail: detail([("committee", &committee.name), ("role", new_role.as_str())]),
                urgent: false,
            },
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(())
}

/// The target's role, once the rules allow `actor_role` to give them `new_role` (the same
/// role again is allowed, and changes nothing).
async fn check_role_change_in(
    conn: &mut AnyConnection,
    committee_id: Id,
    actor_role: Role,
    target: Id,
    new_role: Role,
) -> Result<Role> {
    let target_role = store::role_in(&mut *conn, committee_id, target)
        .await?
        .ok_or_else(Error::not_found)?;
    let target_role = Role::parse(&target_role)?;
    if target_role == new_role {
        return Ok(target_role);
    }
    let coordinators = store::count_role(&mut *conn, committee_id, "coordinator").await?;
    access::check_role_change(actor_role, target_role, new_role, coordinators as usize)?;
    Ok(target_role)
}

/// Once the rules allow `actor_role` to remove `target` (or themselves), the target's role.
async fn check_removal_in(
    conn: &mut AnyConnection,
    committee_id: Id,
    actor_role: Role,
    removing_self: bool,
    target: Id,
) -> Result<Role> {
    let target_role = store::role_in(&mut *conn, committee_id, target)
        .await?
        .ok_or_else(Error::not_found)?;
    let target_role = Role::parse(&target_role)?;
    let coordinators = store::count_role(&mut *conn, committee_id, "coordinator").await?;
    let members = store::count_members(&mut *conn, committee_id).await?;
    access::check_removal(
        actor_role,
        removing_self,
        target_role,
        coordinators as usize,
        members as usize,
    )?;
    Ok(target_role)
}

/// A change to a member's standing, checked as the change itself will be but not made: for
/// the page that asks whether to make it, and says after whom it concerned.
pub struct MemberStep {
    pub committee: CommitteeRow,
    pub target: store::MemberRow,
}

/// Whether [`remove_member`] would be allowed now: the committee and the member it
/// concerns, or the refusal it would meet.
pub async fn preview_removal(
    app: &App,
    account: &Account,
    committee_id: Id,
    target: Id,
) -> Result<MemberStep> {
    let (committee, actor_role) = as_member(app, committee_id, account.id).await?;
    let removing_self = target == account.id;
    if !removing_self {
        access::require_coordinator(Standing::Member(actor_role))?;
    }
    let mut conn = app.db.pool().acquire().await?;
    check_removal_in(&mut conn, committee_id, actor_role, removing_self, target).await?;
    drop(conn);
    member_step(app, committee, target).await
}

/// Whether [`set_role`] would be allowed now, as [`preview_removal`] for a removal.
pub async fn preview_role_change(
    app: &App,
    account: &Account,
    committee_id: Id,
    target: Id,
    new_role: Role,
) -> Result<MemberStep> {
    let (committee, actor_role) = as_member(app, committee_id, account.id).await?;
    access::require_coordinator(Standing::Member(actor_role))?;
    let mut conn = app.db.pool().acquire().await?;
    check_role_change_in(&mut conn, committee_id, actor_role, target, new_role).await?;
    drop(conn);
    member_step(app, committee, target).await
}

async fn member_step(app: &App, committee: CommitteeRow, target: Id) -> Result<MemberStep> {
    let target = store::member(app.db.pool(), Id::from_db(committee.id), target)
        .await?
        .ok_or_else(Error::not_found)?;
    Ok(MemberStep { committee, target })
}

/// A member leaves, or a coordinator removes a member (an infiltrator, say).
pub async fn remove_member(
    app: &App,
    account: &Account,
    committee_id: Id,
    target: Id,
) -> Result<()> {
    let (committee, actor_role) = as_member(app, committee_id, account.id).await?;
    let removing_self = target == account.id;
    if !removing_self {
        access::require_coordinator(Standing::Member(actor_role))?;
    }
    let mut tx = app.db.begin().await?;
    check_removal_in(&mut tx, committee_id, actor_role, removing_self, target).await?;
    store::delete_membership(&mut tx, committee_id, target).await?;
    let mut outbox = Outbox::default();
    delegates::membership_ended(&mut tx, &mut outbox, &committee, target).await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: if removing_self {
                "member_left"
            } else {
                "member_removed"
            },
            subject: Some(target),
            detail: json!({}),
        },
    )
    .await?;
    outbox.membership_changed(target);
    if !removing_self {
        outbox
            .notify(
                &mut tx,
                &[target],
                &Note {
                    kind: NotificationKind::MemberRemoved,
                    committee: None,
                    subject: None,
                    detail: detail([("committee", &committee.name)]),
                    urgent: false,
                },
            )
            .await?;
    }
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(())
}

/// A committee's coordinator joins it to the council that issued `code`.
pub async fn affiliate(
    app: &App,
    account: &Account,
    committee_id: Id,
    code: &str,
    address: Option<IpAddr>,
) -> Result<Id> {
    let committee = as_coordinator(app, committee_id, account.id).await?;
    app.limits.invite_attempt(address)?;
    let now = Timestamp::now();
    let mut tx = app.db.begin().await?;
    store::lock_affiliations(&mut tx).await?;
    let invite = store::invite_by_hash_in(&mut tx, &secret_hash(&normalize_code(code)))
        .await?
        .ok_or_else(Error::not_found)?;
    // A revoked code answers as one that never existed, whatever it was for.
    let state = invite_state(&invite);
    if state.revoked {
        return Err(Error::not_found());
    }
    if invite.kind != InviteKind::Affiliation.as_str() {
        return Err(Rule::WrongInviteKind.into());
    }
    state.check_usable(now)?;
    let council_id = invite
        .committee_id
        .map(Id::from_db)
        .ok_or_else(Error::not_found)?;
    let council = store::find_in(&mut tx, council_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let above_council = store::ancestors(&mut tx, council_id).await?;
    let linked = store::is_affiliated(&mut tx, committee_id, council_id).await?;
    check_affiliation(
        committee_id,
        council_id,
        CommitteeKind::parse(&council.kind)?,
        &above_council,
        linked,
    )?;
    if !store::use_invite(&mut tx, invite.id, now).await? {
        return Err(Rule::InviteUsedUp.into());
    }
    match store::insert_affiliation(&mut tx, committee_id, council_id).await {
        Err(StoreError::Duplicate) => return Err(Rule::AlreadyAffiliated.into()),
        other => other?,
    }
    store::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: Some(account.id),
            action: "affiliated",
            subject: None,
            detail: json!({ "council": council.name, "council_id": council_id.to_string() }),
        },
    )
    .await?;
    // In the council's log the actor is the committee, not the person: the council must
    // not learn who its affiliates' coordinators are.
    store::audit(
        &mut tx,
        AuditEntry {
            committee: council_id,
            actor: None,
            action: "affiliate_joined",
            subject: None,
            detail: json!({ "committee": committee.name, "committee_id": committee_id.to_string() }),
        },
    )
    .await?;
    let mut outbox = Outbox::default();
    outbox.network_changed();
    let own_coordinators =
        store::account_ids_with_role(&mut tx, committee_id, "coordinator").await?;
    outbox
        .notify(
            &mut tx,
            &own_coordinators,
            &Note {
                kind: NotificationKind::Affiliated,
                committee: Some(committee_id),
                subject: Some(council_id),
                detail: detail([("committee", &committee.name), ("council", &council.name)]),
                urgent: false,
            },
        )
        .await?;
    let council_coordinators =
        store::account_ids_with_role(&mut tx, council_id, "coordinator").await?;
    outbox
        .notify(
            &mut tx,
            &council_coordinators,
            &Note {
                kind: NotificationKind::AffiliateJoined,
                committee: Some(council_id),
                subject: Some(committee_id),
                detail: detail([("committee", &committee.name), ("council", &council.name)]),
                urgent: false,
            },
        )
        .await?;
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(council_id)
}

/// Ends an affiliation: the affiliate's coordinators may leave, and the council's
/// coordinators may let an affiliate go.
pub async fn disaffiliate(
    app: &App,
    account: &Account,
    committee_id: Id,
    council_id: Id,
) -> Result<()> {
    // Only a member of one side may learn anything about the link, and only about a link
    // there is: to a member of the committee, a council it is not affiliated to is an id
    // that names nothing (the same answer, after the same query, as a made-up one).
    let memberships = app.directory.memberships(account.id).await?;
    let graph = app.directory.graph();
    if remembered(&graph, &memberships, committee_id)
        .role()
        .is_none()
        && remembered(&graph, &memberships, council_id)
            .role()
            .is_none()
    {
        return Err(Error::not_found());
    }
    let mut conn = app.db.pool().acquire().await?;
    let linked = store::is_affiliated(&mut conn, committee_id, council_id).await?;
    drop(conn);
    if !linked {
        return Err(Error::not_found());
    }
    let own = store::find(app.db.pool(), committee_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let council = store::find(app.db.pool(), council_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let own_standing = standing(app, &own, account.id).await?;
    let council_standing = standing(app, &council, account.id).await?;
    let allowed = access::require_coordinator(own_standing)
        .or_else(|_| access::require_coordinator(council_standing));
    if allowed.is_err() {
        // Tell a member of either side that coordinators are needed; hide it from others.
        let is_member = own_standing.role().is_some() || council_standing.role().is_some();
        return Err(if is_member {
            Rule::CoordinatorsOnly
        } else {
            Rule::Hidden
        }
        .into());
    }
    let mut tx = app.db.begin().await?;
    if !store::delete_affiliation(&mut tx, committee_id, council_id).await? {
        return Err(Error::not_found());
    }
    let mut outbox = Outbox::default();
    delegates::affiliation_ended(&mut tx, &mut outbox, council_id, &own).await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee: committee_id,
            actor: own_standing.role().map(|_| account.id),
            action: "disaffiliated",
            subject: None,
            detail: json!({ "council": council.name }),
        },
    )
    .await?;
    store::audit(
        &mut tx,
        AuditEntry {
            committee: council_id,
            actor: council_standing
                .role()
                .filter(|_| own_standing.role().is_none())
                .map(|_| account.id),
            action: "affiliate_left",
            subject: None,
            detail: json!({ "committee": own.name }),
        },
    )
    .await?;
    tx.commit().await?;
    outbox.network_changed();
    outbox.deliver(app).await;
    Ok(())
}

//! Registering, logging in and out, and changing one's own account.

use std::net::IpAddr;
use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};

use crate::accounts::Account;
use crate::accounts::SESSION_DAYS;
use crate::accounts::store::{self, AccountRow, NewAccount};
use crate::app::App;
use crate::committees::service::redeem_invite;
use crate::core::fields::{DisplayName, Handle, InviteKind, Language, Password, Role};
use crate::core::ids::{Secret, normalize_code, secret_hash};
use crate::core::zones::Zone;
use crate::core::{Id, Invalids, Rule, Timestamp};
use crate::db::StoreError;
use crate::error::{Error, Result};
use crate::notifications::Outbox;

/// The settings key under which the hash of the one-time setup token is kept.
const SETUP_TOKEN: &str = "setup_token_hash";

pub struct Registration {
    pub handle: String,
    pub password: String,
    pub display_name: Option<String>,
    pub language: Option<String>,
    pub invite: Option<String>,
    pub setup_token: Option<String>,
}

pub struct Registered {
    pub id: Id,
    pub handle: String,
    /// Empty when none was chosen: see [`Registered::shown_name`].
    pub display_name: String,
    pub name_tag: String,
    /// The committee the invite brought the new member into.
    pub joined: Option<(Id, Role)>,
}

impl Registered {
    pub fn shown_name(&self, tr: crate::i18n::Tr) -> String {
        crate::accounts::names::shown_name(tr, &self.display_name, self.id.get(), &self.name_tag)
    }
}

/// How a registration is allowed.
enum Admission {
    Setup,
    Invite(String),
    Open,
}

pub async fn register(app: &App, reg: Registration, address: Option<IpAddr>) -> Result<Registered> {
    app.limits.registration(address)?;
    // Every field is checked, and all that are wrong are told at once.
    let mut checks = Invalids::default();
    let handle = checks.check(Handle::parse(&reg.handle));
    let password = checks.check(Password::parse(&reg.password));
    // Without a chosen name the member is shown by a neutral one, never by the handle.
    let display_name = checks.check(
        reg.display_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(DisplayName::parse)
            .transpose(),
    );
    let language = checks.check(match reg.language.as_deref().filter(|s| !s.is_empty()) {
        Some(lang) => Language::parse(lang),
        None => Ok(Language::En),
    });
    let (handle, password, display_name, language) =
        checks.finish((|| Some((handle?, password?, display_name?, language?)))())?;

    let admission = match (reg.setup_token.as_deref(), reg.invite.as_deref()) {
        (Some(token), _) if !token.is_empty() => {
            if !setup_token_matches(app, token).await? {
                return Err(Rule::Hidden.into());
            }
            Admission::Setup
        }
        (_, Some(code)) if !code.trim().is_empty() => {
            app.limits.invite_attempt(address)?;
            let code = normalize_code(code);
            // Check before the expensive hashing; checked again, atomically, below.
            let invite = store_invite(app, &code).await?;
            if invite.kind == "affiliation" {
                return Err(Rule::WrongInviteKind.into());
            }
            crate::committees::service::invite_state(&invite).check_usable(Timestamp::now())?;
            Admission::Invite(code)
        }
        _ if app.config.open_registration => Admission::Open,
        _ => return Err(Rule::RegistrationClosed.into()),
    };

    if store::handle_exists(app.db.pool(), handle.as_str()).await? {
        return Err(Rule::HandleTaken.into());
    }
    let password_hash = hash_password(app, password).await?;

    let id = Id::random();
    let mut tx = app.db.begin().await?;
    let mut outbox = Outbox::default();
    let inserted = store::insert(
        &mut tx,
        &NewAccount {
            id,
            handle: handle.as_str(),
            display_name: display_name.as_ref().map_or("", DisplayName::as_str),
            password_hash: &password_hash,
            language: language.as_str(),
            is_admin: matches!(admission, Admission::Setup),
        },
    )
    .await;
    match inserted {
        Err(StoreError::Duplicate) => return Err(Rule::HandleTaken.into()),
        other => other?,
    }
    let joined = match &admission {
        Admission::Setup => {
            // The token is single-use: consume it in the same transaction.
            if !setup_token_matches_in(&mut tx, reg.setup_token.as_deref().unwrap_or("")).await? {
                return Err(Rule::Hidden.into());
            }
            store::delete_setting(&mut tx, SETUP_TOKEN).await?;
            None
        }
        Admission::Invite(code) => {
            redeem_invite(&mut tx, &mut outbox, id, code, &[InviteKind::Member], true).await?
        }
        Admission::Open => None,
    };
    // Joining may have drawn the neutral name a fresh tag.
    let (display_name, name_tag) = store::name_in(&mut tx, id).await?.unwrap_or_default();
    tx.commit().await?;
    outbox.deliver(app).await;
    Ok(Registered {
        id,
        handle: handle.as_str().to_owned(),
        display_name,
        name_tag,
        joined,
    })
}

async fn store_invite(app: &App, code: &str) -> Result<crate::committees::store::InviteRow> {
    crate::committees::store::invite_by_hash(app.db.pool(), &secret_hash(code))
        .await?
        .ok_or_else(Error::not_found)
}

/// Checks a handle and password and opens a session. Wrong handle and wrong password take
/// the same time and give the same answer, so handles cannot be discovered by logging in.
pub async fn log_in(
    app: &App,
    handle: &str,
    password: &str,
    address: Option<IpAddr>,
) -> Result<(Secret, AccountRow)> {
    let handle = Handle::parse(handle).map_err(|_| Error::InvalidCredentials)?;
    let wait = app.limits.login(handle.as_str(), address)?;
    if !wait.is_zero() {
        // The handle is being tried from many places: every attempt waits, the owner's too,
        // which costs a guesser time and the owner a moment, and refuses nobody.
        tokio::time::sleep(wait).await;
    }
    let password = Password::parse(password).map_err(|_| Error::InvalidCredentials)?;
    let found = store::credentials(app.db.pool(), handle.as_str()).await?;
    let (id, hash) = match &found {
        Some((id, hash)) => (Some(*id), hash.clone()),
        None => (None, DUMMY_HASH.clone()),
    };
    let matches = verify_password(app, password, hash).await?;
    let Some(id) = id.filter(|_| matches) else {
        return Err(Error::InvalidCredentials);
    };
    let account = store::find(app.db.pool(), Id::from_db(id))
        .await?
        .ok_or(Error::InvalidCredentials)?;
    let token = open_session(app, Id::from_db(id)).await?;
    Ok((token, account))
}

pub async fn open_session(app: &App, account: Id) -> Result<Secret> {
    let token = Secret::generate();
    let expires = Timestamp::now().plus_hours(SESSION_DAYS * 24);
    let mut tx = app.db.begin().await?;
    store::insert_session(&mut tx, &secret_hash(token.as_str()), account, expires).await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn log_out(app: &App, account: &Account) -> Result<()> {
    let mut tx = app.db.begin().await?;
    store::delete_session(&mut tx, &account.session).await?;
    tx.commit().await?;
    app.directory.forget_session(account.id, &account.session);
    Ok(())
}

/// Ends every way into the account, this session too: for a phone that was lost or taken.
/// Sessions, API tokens and calendar links end, and no device is pushed to any more (a
/// session on the taken phone could have made any of them). Each device's service worker
/// drops the pages it kept at its next page load online, which comes back without the
/// account's tag (`web::offline`).
pub async fn log_out_everywhere(app: &App, account: &Account) -> Result<()> {
    account.session_only()?;
    let mut tx = app.db.begin().await?;
    store::delete_sessions(&mut tx, account.id).await?;
    store::delete_tokens(&mut tx, account.id).await?;
    store::delete_calendar_links(&mut tx, account.id).await?;
    store::delete_push_subscriptions(&mut tx, account.id).await?;
    tx.commit().await?;
    app.directory.forget_sessions_of(account.id);
    Ok(())
}

/// A new display name, or none (shown by the neutral name again).
pub enum NameChange {
    Set(DisplayName),
    Clear,
}

impl NameChange {
    /// What a form or a request sent: empty clears the name.
    pub fn parse(value: &str) -> std::result::Result<Self, crate::core::Invalid> {
        if value.trim().is_empty() {
            Ok(NameChange::Clear)
        } else {
            DisplayName::parse(value).map(NameChange::Set)
        }
    }
}

#[derive(Default)]
pub struct ProfileChange {
    pub display_name: Option<NameChange>,
    pub language: Option<Language>,
    /// The current password and the new one.
    pub password: Option<(String, Password)>,
    /// The member's own zone: `Some(None)` to read each committee's times in its zone.
    pub time_zone: Option<Option<Zone>>,
}

pub async fn update_profile(app: &App, account: &Account, change: ProfileChange) -> Result<()> {
    let new_hash = match change.password {
        Some((current, new)) => {
            account.session_only()?;
            check_own_password(app, account, &current).await?;
            Some(hash_password(app, new).await?)
        }
        None => None,
    };
    let display_name = change.display_name.map(|name| match name {
        // One's own neutral name typed back keeps it, in every language.
        NameChange::Set(name)
            if !crate::accounts::names::is_own_neutral_name(
                name.as_str(),
                account.id,
                &account.name_tag,
            ) =>
        {
            name.into_string()
        }
        _ => String::new(),
    });
    let mut tx = app.db.begin().await?;
    store::update_profile(
        &mut tx,
        account.id,
        display_name.as_deref(),
        change.language.map(Language::as_str),
        new_hash.as_deref(),
    )
    .await?;
    if display_name.is_some() {
        // Refused (409, nothing changed) if someone in one of the member's committees goes by
        // that name already.
        crate::accounts::names::claim(
            &mut tx,
            account.id,
            None,
            crate::accounts::names::IfTaken::Refuse,
        )
        .await?;
    }
    if let Some(zone) = change.time_zone {
        store::set_time_zone(&mut tx, account.id, zone.map(Zone::name)).await?;
    }
    if new_hash.is_some() {
        // Whoever else held a session on the old password is logged out, and every API
        // token and calendar link made with it ends.
        store::delete_other_sessions(&mut tx, account.id, &account.session).await?;
        store::delete_tokens(&mut tx, account.id).await?;
        store::delete_calendar_links(&mut tx, account.id).await?;
    }
    tx.commit().await?;
    // Cached sessions carry the name and language; ended ones must not linger either.
    app.directory.forget_sessions_of(account.id);
    Ok(())
}

/// While the server has no administrator (on a fresh database, and also when the first
/// people came in by open registration), makes a one-time token that lets its holder create
/// one. Each start replaces the previous token, so an old printed link stops working.
pub async fn fresh_setup_token(app: &App) -> Result<Option<Secret>> {
    if store::count_admins(app.db.pool()).await? > 0 {
        let mut tx = app.db.begin().await?;
        store::delete_setting(&mut tx, SETUP_TOKEN).await?;
        tx.commit().await?;
        return Ok(None);
    }
    let token = Secret::generate();
    let mut tx = app.db.begin().await?;
    store::put_setting(&mut tx, SETUP_TOKEN, &hex(&secret_hash(token.as_str()))).await?;
    tx.commit().await?;
    Ok(Some(token))
}

async fn setup_token_matches(app: &App, token: &str) -> Result<bool> {
    let stored = store::setting(app.db.pool(), SETUP_TOKEN).await?;
    Ok(stored.is_some_and(|hash| hash == hex(&secret_hash(token))))
}

async fn setup_token_matches_in(conn: &mut sqlx::AnyConnection, token: &str) -> Result<bool> {
    let stored: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(SETUP_TOKEN)
        .fetch_optional(conn)
        .await?;
    Ok(stored.is_some_and(|hash| hash == hex(&secret_hash(token))))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hash of nothing anyone knows, checked when a handle does not exist so that the answer
/// takes as long as for a real account.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(Secret::generate().as_str().as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Hashes a password with Argon2id on the calling thread.
pub fn hash_password_blocking(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("hashing failed: {e}")))
}

/// Hashes a password with Argon2id off the async threads, a few at a time.
pub async fn hash_password(app: &App, password: Password) -> Result<String> {
    let _slot = app
        .password_slots
        .acquire()
        .await
        .map_err(|_| Error::Internal("password hashing closed".into()))?;
    tokio::task::spawn_blocking(move || hash_password_blocking(password.as_str()))
        .await
        .map_err(|e| Error::Internal(format!("hashing task failed: {e}")))?
}

async fn verify_password(app: &App, password: Password, hash: String) -> Result<bool> {
    let _slot = app
        .password_slots
        .acquire()
        .await
        .map_err(|_| Error::Internal("password hashing closed".into()))?;
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_str().as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| Error::Internal(format!("verification task failed: {e}")))
}

/// Everything stored about one member, for that member.
pub struct Export {
    pub account: AccountRow,
    pub memberships: Vec<crate::committees::store::MyCommitteeRow>,
    pub stored: store::Exported,
    /// The e-mail address, opened for its owner.
    pub email: Option<String>,
    pub push_devices: i64,
}

pub async fn export(app: &App, account: Id) -> Result<Export> {
    let pool = app.db.pool();
    let row = store::find(pool, account)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let memberships = crate::committees::store::committees_of(pool, account).await?;
    let stored = store::export(pool, account).await?;
    let settings = crate::delivery::service::settings(app, account).await?;
    Ok(Export {
        account: row,
        memberships,
        stored,
        email: settings.email,
        push_devices: settings.push_devices,
    })
}

/// Deletes the member's account, after checking their password: see `scrub` for what goes
/// and what stays. A committee must keep someone who can run it, so the last coordinator
/// of a committee that has other members is refused (409 `last_coordinator`) until they
/// make another member coordinator; a committee whose only member leaves stays dormant.
pub async fn delete_account(app: &App, account: &Account, password: &str) -> Result<()> {
    account.session_only()?;
    check_own_password(app, account, password).await?;
    // Refused early, before any pledge is touched; checked again in the transaction.
    refuse_last_coordinator(&mut *app.db.pool().acquire().await?, account.id).await?;
    // Through the action engine, so that the counts in memory and the tallies drop with
    // the rows; straight to it, because the member may have left the action's scope since.
    for action in store::gathering_pledges(app.db.pool(), account.id).await? {
        let Some(live) = app.actions.get(Id::from_db(action)).await? else {
            continue;
        };
        match app.actions.withdraw(live, account.id).await {
            // It activated or ended meanwhile: the pledge is history now and stays.
            Ok(()) | Err(Error::Rule(Rule::ActionClosed | Rule::PledgesFinal)) => {}
            Err(err) => return Err(err),
        }
    }
    let mut tx = app.db.begin().await?;
    refuse_last_coordinator(&mut tx, account.id).await?;
    let committees = store::committee_ids(&mut tx, account.id).await?;
    store::scrub(&mut tx, account.id).await?;
    for committee in &committees {
        crate::committees::store::audit(
            &mut tx,
            crate::committees::store::AuditEntry {
                committee: Id::from_db(*committee),
                actor: None,
                action: "account_deleted",
                subject: None,
                detail: serde_json::json!({}),
            },
        )
        .await?;
    }
    let mut outbox = Outbox::default();
    outbox.membership_changed(account.id);
    outbox.network_changed();
    tx.commit().await?;
    // Before anything else awaits: the account's tokens stop working at once.
    app.directory.forget_sessions_of(account.id);
    outbox.deliver(app).await;
    Ok(())
}

/// A committee with other members keeps a coordinator.
async fn refuse_last_coordinator(conn: &mut sqlx::AnyConnection, account: Id) -> Result<()> {
    for (_, coordinators, members) in store::coordinated(conn, account).await? {
        crate::core::access::check_removal(
            Role::Coordinator,
            true,
            Role::Coordinator,
            coordinators.max(0) as usize,
            members.max(0) as usize,
        )?;
    }
    Ok(())
}

/// The signed-in member confirms a change with their password. Guessing it is limited per
/// session, not per handle: guesses at the handle from outside never stop the member's own
/// session from changing the password or deleting the account.
async fn check_own_password(app: &App, account: &Account, password: &str) -> Result<()> {
    app.limits.password_confirmation(&account.session)?;
    let password = Password::parse(password).map_err(|_| Error::InvalidCredentials)?;
    let stored = store::password_hash(app.db.pool(), account.id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !verify_password(app, password, stored).await? {
        return Err(Error::InvalidCredentials);
    }
    Ok(())
}

// ---- API tokens ----

/// What a member asks for when making a token.
pub struct TokenRequest {
    pub name: String,
    pub scopes: Vec<String>,
    pub expires_in_days: Option<i64>,
    /// The member's password: a session taken from an unlocked phone must not be able to
    /// mint a way in that outlives it.
    pub password: String,
}

/// Makes an API token: every field checked at once (a name the member already gave a token
/// is refused as taken), then the password. Returns the secret, shown this once, and the
/// token as listed.
pub async fn create_token(
    app: &App,
    account: &Account,
    request: TokenRequest,
) -> Result<(String, store::TokenRow)> {
    use crate::core::tokens::{self, Scopes, TokenName};
    account.session_only()?;
    let mut checks = Invalids::default();
    let name = checks.check(TokenName::parse(&request.name));
    let mut held = 0;
    if let Some(name) = &name {
        let mut conn = app.db.pool().acquire().await?;
        let (count, taken) =
            store::token_count_and_name(&mut conn, account.id, name.as_str(), Timestamp::now())
                .await?;
        held = count;
        if taken {
            checks.push(crate::core::Invalid::new(
                "name",
                crate::core::fields::Problem::Taken,
            ));
        }
    }
    let scopes = checks.check(Scopes::parse(&request.scopes));
    let days = checks.check(tokens::lifetime_days(request.expires_in_days));
    if request.password.chars().count() > Password::MAX {
        checks.push(crate::core::Invalid::new(
            "password",
            crate::core::fields::Problem::TooLong { max: Password::MAX },
        ));
    }
    let (name, scopes, days) = checks.finish((|| Some((name?, scopes?, days?)))())?;
    if held >= tokens::MAX_TOKENS as i64 {
        return Err(Rule::TooManyTokens.into());
    }
    check_own_password(app, account, &request.password).await?;

    let secret = format!("{}{}", tokens::PREFIX, Secret::generate().into_string());
    let now = Timestamp::now();
    let row = store::TokenRow {
        id: Id::random().get(),
        name: name.as_str().to_owned(),
        scopes: scopes.as_text(),
        created_at: now.millis(),
        expires_at: now.plus_hours(days * 24).millis(),
        last_used_on: None,
    };
    let mut tx = app.db.begin().await?;
    // Checked again where it counts, under a lock: two requests at once make one token, not
    // two, and never one over the limit.
    store::lock_tokens_of(&mut tx, account.id).await?;
    store::delete_expired_tokens_of(&mut tx, account.id, now).await?;
    let (count, taken) =
        store::token_count_and_name(&mut tx, account.id, name.as_str(), now).await?;
    if taken {
        return Err(crate::core::Invalid::new("name", crate::core::fields::Problem::Taken).into());
    }
    if count >= tokens::MAX_TOKENS as i64 {
        return Err(Rule::TooManyTokens.into());
    }
    let inserted = store::insert_token(
        &mut tx,
        &store::NewToken {
            id: Id::from_db(row.id),
            account: account.id,
            name: &row.name,
            secret_hash: &secret_hash(&secret),
            scopes: &row.scopes,
            created_at: now,
            expires_at: Timestamp::from_millis(row.expires_at),
        },
    )
    .await;
    match inserted {
        Err(StoreError::Duplicate) => {
            return Err(
                crate::core::Invalid::new("name", crate::core::fields::Problem::Taken).into(),
            );
        }
        other => other?,
    }
    tx.commit().await?;
    Ok((secret, row))
}

/// The member's tokens, newest first; never their secrets.
pub async fn tokens(app: &App, account: &Account) -> Result<Vec<store::TokenRow>> {
    account.session_only()?;
    Ok(store::tokens_of(app.db.pool(), account.id, Timestamp::now()).await?)
}

/// Revokes one of the member's tokens: it stops working at once, on this server (and on
/// others at their next reload of sessions). Another member's token is not found.
pub async fn revoke_token(app: &App, account: &Account, id: Id) -> Result<()> {
    account.session_only()?;
    let mut tx = app.db.begin().await?;
    let hash = store::delete_token(&mut tx, account.id, id)
        .await?
        .ok_or_else(Error::not_found)?;
    tx.commit().await?;
    app.directory.forget_session(account.id, &hash);
    Ok(())
}

/// Notes that a token was used today, at most once a day per token and server; a failure
/// only loses the note.
pub async fn note_token_use(app: &App, grant: &crate::accounts::TokenGrant) {
    use std::sync::atomic::Ordering;
    let today = crate::core::tokens::day_of(Timestamp::now().millis());
    if grant.used_on.swap(today, Ordering::Relaxed) >= today {
        return;
    }
    let noted = async {
        let mut tx = app.db.begin().await?;
        store::token_used_on(&mut tx, grant.id, today).await?;
        tx.commit().await?;
        Ok::<_, Error>(())
    }
    .await;
    if let Err(err) = noted {
        tracing::warn!(error = %err, "noting an API token's use failed");
    }
}

//! Delivery's operations: settings, subscriptions and addresses, and the sender job.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;

use crate::app::App;
use crate::core::delivery::{Category, Channel, check_endpoint, retry_delay_ms};
use crate::core::fields::{Invalid, Problem};
use crate::core::{Id, Timestamp};
use crate::delivery::contact::Purpose;
use crate::delivery::email::{Mail, MailError, Mailer};
use crate::delivery::push::{self, Message, Outcome, Subscription};
use crate::delivery::store::{self, Due};
use crate::delivery::unsubscribe;
use crate::error::{Error, Result};
use crate::i18n::Tr;

/// What a member chose, and what the server offers.
pub struct Settings {
    pub categories: Vec<(Category, bool, bool)>,
    /// The member's own address, opened for them alone.
    pub email: Option<String>,
    pub email_available: bool,
    pub push_devices: i64,
}

pub fn email_available(app: &App) -> bool {
    app.config.smtp_url.is_some()
}

pub async fn settings(app: &App, account: Id) -> Result<Settings> {
    Ok(Settings {
        categories: store::preferences(app.db.pool(), account).await?,
        email: email_of(app, account).await?,
        email_available: email_available(app),
        push_devices: store::subscription_count(app.db.pool(), account).await?,
    })
}

/// Changes the member's choices: the categories given (others keep theirs) and, when
/// `email` is `Some`, the address (an empty one removes it). Nothing changes if any part is
/// invalid.
pub async fn update(
    app: &App,
    account: Id,
    categories: &[(Category, bool, bool)],
    email: Option<&str>,
) -> Result<()> {
    let email = email.map(str::trim);
    if let Some(address) = email.filter(|a| !a.is_empty())
        && !crate::delivery::email::valid_address(address)
    {
        return Err(Invalid::new("email", Problem::Format).into());
    }
    let keys = app.delivery.keys()?;
    let mut tx = app.db.begin().await?;
    for &(category, push, mail) in categories {
        store::set_preference(&mut tx, account, category, push, mail).await?;
    }
    match email {
        Some("") => store::clear_email(&mut tx, account).await?,
        Some(address) => {
            let sealed = keys
                .contact
                .seal(Purpose::Email, account, address.as_bytes());
            store::set_email(
                &mut tx,
                account,
                &sealed,
                keys.contact.current_id(),
                Timestamp::now(),
            )
            .await?;
        }
        None => {}
    }
    tx.commit().await?;
    Ok(())
}

pub async fn email_of(app: &App, account: Id) -> Result<Option<String>> {
    let Some(sealed) = store::sealed_email(app.db.pool(), account).await? else {
        return Ok(None);
    };
    let opened = app
        .delivery
        .keys()?
        .contact
        .open(Purpose::Email, account, &sealed)
        .map_err(|e| Error::Internal(format!("e-mail address of {account}: {e}")))?;
    Ok(Some(String::from_utf8_lossy(&opened).into_owned()))
}

/// What an unsubscribe link turns off; a token this server did not make (or made with a key
/// it no longer holds) is not found.
pub fn unsubscribe_category(app: &App, token: &str) -> Result<Category> {
    let keys = app.delivery.keys()?;
    unsubscribe::open(&keys.contact, token)
        .map(|(_, category)| category)
        .ok_or(Error::Rule(crate::core::Rule::Hidden))
}

/// Follows a mail's one-click unsubscribe link: the e-mail of the link's category is turned
/// off for the link's member. Taking a link twice is the same as once; a deleted member's
/// link changes nothing, and says so no differently.
pub async fn unsubscribe_email(app: &App, token: &str) -> Result<Category> {
    let keys = app.delivery.keys()?;
    let (account, category) =
        unsubscribe::open(&keys.contact, token).ok_or(Error::Rule(crate::core::Rule::Hidden))?;
    let mut tx = app.db.begin().await?;
    store::turn_off_email(&mut tx, account, category).await?;
    tx.commit().await?;
    Ok(category)
}

/// What `admin rotate-key` did.
pub struct Rotated {
    pub key_id: u32,
    pub resealed: usize,
}

/// Adds a fresh contact key, re-seals every stored address and push subscription with it,
/// and drops the older keys. The key file keeps both until every row is re-sealed, so an
/// interrupted rotation loses nothing and can simply be run again. Refused while a server
/// uses the data folder: it would keep sealing with the key it loaded.
pub async fn rotate_key(
    db: &crate::db::Db,
    dir: &std::path::Path,
) -> std::result::Result<Rotated, String> {
    use crate::delivery::contact::{FILE, Keyring};
    let _rotating = super::keyfile::hold_for_rotation(dir).map_err(|e| e.to_string())?;
    let old =
        Keyring::load(dir).map_err(|e| format!("cannot read {}: {e}", dir.join(FILE).display()))?;
    let ring = old.with_new_key();
    ring.save(dir)
        .map_err(|e| format!("cannot write {}: {e}", dir.join(FILE).display()))?;
    let rows = store::sealed_not_with(db.pool(), ring.current_id())
        .await
        .map_err(|e| e.to_string())?;
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    for (at, account, sealed) in &rows {
        let purpose = match at {
            store::SealedIn::Email => Purpose::Email,
            store::SealedIn::Push(_) => Purpose::PushSubscription,
        };
        let plain = ring.open(purpose, *account, sealed).map_err(|e| {
            format!(
                "a contact detail of account {account} does not open ({e}); nothing was changed"
            )
        })?;
        let resealed = ring.seal(purpose, *account, &plain);
        // The endpoint's hash is keyed too: under the new key, or a copy of the old key would
        // still find the row of an endpoint someone knows.
        let hash = match at {
            store::SealedIn::Email => None,
            store::SealedIn::Push(_) => {
                let subscription: Subscription = serde_json::from_slice(&plain)
                    .map_err(|e| format!("a push subscription of account {account}: {e}"))?;
                ring.endpoint_hash(ring.current_id(), *account, &subscription.endpoint)
            }
        };
        store::reseal(
            &mut tx,
            *at,
            *account,
            &resealed,
            ring.current_id(),
            hash.as_deref(),
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    // The sums of secret ballots are sealed with the same keys.
    let sums = crate::motions::store::all_sealed_sums(db.pool())
        .await
        .map_err(|e| e.to_string())?;
    let mut resealed_sums = 0;
    for (motion, key_id, sealed) in sums {
        if key_id == i64::from(ring.current_id()) {
            continue;
        }
        let motion = Id::from_db(motion);
        let plain = ring
            .open(Purpose::SecretSums, motion, &sealed)
            .map_err(|e| {
                format!("the secret sums of motion {motion} do not open ({e}); nothing was changed")
            })?;
        let resealed = ring.seal(Purpose::SecretSums, motion, &plain);
        crate::motions::store::put_sealed_sums(&mut tx, motion, ring.current_id(), &resealed)
            .await
            .map_err(|e| e.to_string())?;
        resealed_sums += 1;
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    // What the old keys sealed must not stay readable in the database's history.
    db.erase_history(&crate::motions::store::SECRET_TABLES)
        .await
        .map_err(|e| e.to_string())?;
    ring.current_only()
        .save(dir)
        .map_err(|e| format!("cannot write {}: {e}", dir.join(FILE).display()))?;
    Ok(Rotated {
        key_id: ring.current_id(),
        resealed: rows.len() + resealed_sums,
    })
}

/// Gives the subscriptions stored before endpoint hashes were keyed their keyed hash (each
/// sealed subscription holds its endpoint). Run at every start; after the first it finds
/// nothing. Several servers starting at once write the same hashes.
pub async fn rehash_endpoints(app: &App) -> Result<usize> {
    let keys = app.delivery.keys()?;
    let rows = store::unkeyed_subscriptions(app.db.pool()).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut tx = app.db.begin().await?;
    let mut rehashed = 0;
    for (id, account, key_id, sealed) in rows {
        let endpoint = keys
            .contact
            .open(Purpose::PushSubscription, account, &sealed)
            .ok()
            .and_then(|plain| serde_json::from_slice::<Subscription>(&plain).ok())
            .map(|subscription| subscription.endpoint);
        let hash = endpoint.and_then(|e| keys.contact.endpoint_hash(key_id, account, &e));
        let Some(hash) = hash else {
            // It could not be sent to either; `admin rotate-key` reports such rows.
            tracing::warn!(
                subscription = id,
                "a push subscription does not open; left as it is"
            );
            continue;
        };
        store::set_endpoint_hash(&mut tx, id, &hash).await?;
        rehashed += 1;
    }
    tx.commit().await?;
    Ok(rehashed)
}

/// Registers a browser's push subscription for the member (idempotent per endpoint and
/// member). Whoever posts an endpoint another member subscribed gets a subscription of their
/// own, answered like any other: the other member's stays as it was, and nobody learns that
/// it exists.
pub async fn subscribe(app: &App, account: Id, subscription: &Subscription) -> Result<Id> {
    let target = subscription
        .target()
        .ok_or_else(|| Invalid::new("endpoint", Problem::Format))?;
    check_endpoint(
        target.endpoint.scheme_str().unwrap_or(""),
        target.endpoint.host().unwrap_or(""),
        app.config.allow_http_push_endpoints_on_loopback,
    )?;
    check_endpoint_length(&subscription.endpoint)?;
    let keys = app.delivery.keys()?;
    let plain = serde_json::to_vec(subscription).map_err(|e| Error::Internal(e.to_string()))?;
    let sealed = keys
        .contact
        .seal(Purpose::PushSubscription, account, &plain);
    let mut hashes = keys
        .contact
        .endpoint_hashes(account, &subscription.endpoint);
    let current = hashes
        .pop()
        .ok_or_else(|| Error::Internal("no current contact key".into()))?;
    let mut tx = app.db.begin().await?;
    let id = store::upsert_subscription(
        &mut tx,
        account,
        &current,
        &hashes,
        &sealed,
        keys.contact.current_id(),
        Timestamp::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Push services' endpoints are a few hundred characters.
const ENDPOINT_MAX: usize = 2048;

fn check_endpoint_length(endpoint: &str) -> Result<()> {
    if endpoint.len() > ENDPOINT_MAX {
        return Err(Invalid::new("endpoint", Problem::TooLong { max: ENDPOINT_MAX }).into());
    }
    Ok(())
}

pub async fn unsubscribe(app: &App, account: Id, endpoint: &str) -> Result<()> {
    check_endpoint_length(endpoint)?;
    let hashes = app
        .delivery
        .keys()?
        .contact
        .endpoint_hashes(account, endpoint);
    let mut tx = app.db.begin().await?;
    store::delete_subscription_of(&mut tx, account, &hashes).await?;
    tx.commit().await?;
    Ok(())
}

// ---- the sender ----

/// How many deliveries are sent at once. When half of them are done, more are claimed:
/// one claim and one record of outcomes per handful of deliveries, and a stalled push
/// service or mail server holds only its own slots while the rest of the queue flows.
const PARALLEL: usize = 32;
/// The longest one delivery may take (a push service or mail server that stalls is tried
/// again later).
const SEND_DEADLINE: Duration = Duration::from_secs(45);
/// How long a claimed delivery is left alone. It is sent as soon as it is claimed, so this
/// only has to outlast one send: another server never claims what is still being sent.
const LEASE_MS: i64 = SEND_DEADLINE.as_millis() as i64 + 15_000;

struct Sender {
    app: App,
    http: Option<push::Client>,
    mailer: Option<Mailer>,
    subject: String,
}

/// Sends due deliveries as soon as new ones are committed and at least once a second (for
/// retries coming due), also after a restart (the queue is in the database). Several
/// servers may run it: each delivery is claimed with a conditional update before it is
/// sent.
pub async fn sender_job(app: App) {
    let sender = Arc::new(Sender::new(app.clone()));
    let mut in_flight: JoinSet<(Due, Sent)> = JoinSet::new();
    let mut outcomes: Vec<(Due, Sent)> = Vec::new();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // Whether the queue may hold more that is due than was claimed last time.
    let mut more_due = true;
    loop {
        let free = PARALLEL - in_flight.len();
        if more_due && free >= PARALLEL / 2 {
            sender.record(&mut outcomes).await;
            match sender.claim(free).await {
                Ok(claimed) => {
                    more_due = claimed.len() == free;
                    for d in claimed {
                        in_flight.spawn(sender.clone().send(d));
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "claiming deliveries failed");
                    more_due = false;
                }
            }
        }
        if outcomes.len() >= PARALLEL / 2 || (in_flight.is_empty() && !outcomes.is_empty()) {
            sender.record(&mut outcomes).await;
        }
        tokio::select! {
            Some(done) = in_flight.join_next(), if !in_flight.is_empty() => match done {
                Ok(outcome) => outcomes.push(outcome),
                // Its lease runs out and it is sent again.
                Err(err) => tracing::error!(error = %err, "a delivery task failed"),
            },
            () = app.delivery.wake.notified() => more_due = true,
            _ = tick.tick() => {
                more_due = true;
                sender.record(&mut outcomes).await;
            }
        }
    }
}

impl Sender {
    fn new(app: App) -> Sender {
        let http = match push::client(app.config.allow_http_push_endpoints_on_loopback) {
            Ok(http) => Some(http),
            Err(err) => {
                tracing::error!(error = %err, "cannot make the push client (no certificates?); pushes wait");
                None
            }
        };
        let mailer = match (&app.config.smtp_url, &app.config.mail_from) {
            (Some(url), from) => {
                let from = from.clone().unwrap_or_else(|| default_sender(&app.config));
                match Mailer::new(url, &from, &app.config.public_url) {
                    Ok(mailer) => Some(mailer),
                    Err(err) => {
                        tracing::error!(error = %err, "e-mail is off");
                        None
                    }
                }
            }
            (None, _) => None,
        };
        let subject = if app.config.public_url.starts_with("https://") {
            app.config.public_url.clone()
        } else {
            format!("mailto:{}", default_sender(&app.config))
        };
        Sender {
            app,
            http,
            mailer,
            subject,
        }
    }

    async fn claim(&self, limit: usize) -> Result<Vec<Due>> {
        let now = Timestamp::now();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        Ok(store::claim_due(self.app.db.pool(), now, now.plus_millis(LEASE_MS), limit).await?)
    }

    async fn send(self: Arc<Self>, d: Due) -> (Due, Sent) {
        let sent = tokio::time::timeout(SEND_DEADLINE, self.one(&d))
            .await
            .unwrap_or_else(|_| Sent::Retry("sending took too long".into()));
        self.observe(&d, &sent);
        (d, sent)
    }

    /// Tells the operator of a failed send as it fails (the mail server or push service's
    /// own words, without an address or endpoint in them), and counts every outcome.
    fn observe(&self, d: &Due, sent: &Sent) {
        let outcome = match sent {
            Sent::Done => "sent",
            Sent::Gone(_) => "gone",
            Sent::Retry(why) => {
                tracing::warn!(delivery = d.id, channel = %d.channel, attempt = d.attempts + 1,
                    reason = %without_addresses(why), "sending failed; it will be tried again");
                "retry"
            }
            Sent::GiveUp(why) => {
                tracing::warn!(delivery = d.id, channel = %d.channel,
                    reason = %without_addresses(why), "sending failed for good");
                "given_up"
            }
        };
        self.app.metrics.delivered(&d.channel, outcome);
    }

    /// Writes down what became of sent deliveries. If the database cannot be reached the
    /// outcomes are dropped: the leases run out and the deliveries are sent again.
    async fn record(&self, outcomes: &mut Vec<(Due, Sent)>) {
        if outcomes.is_empty() {
            return;
        }
        if let Err(err) = self.record_all(std::mem::take(outcomes)).await {
            tracing::warn!(error = %err, "recording deliveries failed; they will be sent again");
        }
    }

    async fn record_all(&self, outcomes: Vec<(Due, Sent)>) -> Result<()> {
        let pool = self.app.db.pool();
        let mut finished = Vec::new();
        for (d, sent) in outcomes {
            match sent {
                Sent::Done => finished.push(d.id),
                Sent::GiveUp(_) => finished.push(d.id),
                Sent::Gone(subscription) => store::delete_subscription(pool, subscription).await?,
                Sent::Retry(why) => {
                    let attempts = d.attempts + 1;
                    match retry_delay_ms(attempts) {
                        Some(delay) => {
                            store::retry_at(
                                pool,
                                d.id,
                                attempts,
                                Timestamp::now().plus_millis(delay),
                            )
                            .await?;
                        }
                        None => {
                            tracing::warn!(delivery = d.id, channel = %d.channel, attempts,
                                reason = %without_addresses(&why), "delivery given up after its last try");
                            finished.push(d.id);
                        }
                    }
                }
            }
        }
        store::finish(pool, &finished).await?;
        Ok(())
    }

    async fn one(&self, d: &Due) -> Sent {
        match Channel::parse(&d.channel) {
            Ok(Channel::Push) => self.push(d).await,
            Ok(Channel::Email) => self.email(d).await,
            Err(_) => Sent::GiveUp("unknown channel".into()),
        }
    }

    async fn push(&self, d: &Due) -> Sent {
        let (Some(subscription), Some(sealed)) = (d.subscription_id, d.push_sealed.as_deref())
        else {
            return Sent::GiveUp("subscription is gone".into());
        };
        let Ok(keys) = self.app.delivery.keys() else {
            return Sent::Retry("keys not loaded".into());
        };
        let account = Id::from_db(d.account_id);
        let Some(target) = keys
            .contact
            .open(Purpose::PushSubscription, account, sealed)
            .ok()
            .and_then(|plain| serde_json::from_slice::<Subscription>(&plain).ok())
            .and_then(|s| s.target())
        else {
            return Sent::GiveUp("subscription does not open".into());
        };
        let (message, urgent) = if d.purpose == "close" {
            let tag = d
                .subject_id
                .map(|s| Id::from_db(s).to_string())
                .unwrap_or_default();
            (Message::Close { tag }, true)
        } else {
            let Some(n) = d.notification() else {
                return Sent::GiveUp("notification is gone".into());
            };
            let tr = d.reader();
            let message = Message::Show {
                title: title(tr, &n),
                body: n.text_sent_out(tr),
                url: self.app.config.link(&n.link()),
                tag: push_tag(&n).to_string(),
                urgent: n.urgent,
            };
            (message, n.urgent)
        };
        let Some(http) = &self.http else {
            return Sent::Retry("no push client".into());
        };
        match push::send(http, &keys.vapid, &self.subject, &target, &message, urgent).await {
            Outcome::Delivered => Sent::Done,
            Outcome::Gone => Sent::Gone(Id::from_db(subscription)),
            Outcome::Retry(why) => Sent::Retry(why),
            Outcome::Refused(why) => Sent::GiveUp(why),
        }
    }

    async fn email(&self, d: &Due) -> Sent {
        let Some(mailer) = &self.mailer else {
            return Sent::GiveUp("e-mail is not configured".into());
        };
        let (Some(sealed), Some(n)) = (d.email_sealed.as_deref(), d.notification()) else {
            return Sent::GiveUp("address or notification is gone".into());
        };
        let Ok(keys) = self.app.delivery.keys() else {
            return Sent::Retry("keys not loaded".into());
        };
        let Ok(address) = keys
            .contact
            .open(Purpose::Email, Id::from_db(d.account_id), sealed)
            .map(|a| String::from_utf8_lossy(&a).into_owned())
        else {
            return Sent::GiveUp("address does not open".into());
        };
        let Some(category) = crate::core::delivery::category(n.kind, n.urgent) else {
            return Sent::GiveUp("not mailed in any category".into());
        };
        let account = Id::from_db(d.account_id);
        let unsubscribe = self.app.config.link(&format!(
            "{}{}",
            unsubscribe::PATH,
            unsubscribe::token(&keys.contact, account, category)
        ));
        let tr = d.reader();
        let text = format!(
            "{}\n\n{}\n\n-- \n{}\n{}\n\n{}\n{unsubscribe}\n",
            n.text_sent_out(tr),
            self.app.config.link(&n.link()),
            tr.t("delivery-mail-footer"),
            self.app.config.link("/settings/notifications"),
            tr.of("delivery-mail-unsubscribe", category.as_str()),
        );
        let mail = Mail {
            to: &address,
            subject: &title(tr, &n),
            text: &text,
            unsubscribe: Some(&unsubscribe),
        };
        match mailer.send(&mail).await {
            Ok(()) => Sent::Done,
            Err(MailError::Retry(why)) => Sent::Retry(why),
            Err(MailError::Refused(why)) => Sent::GiveUp(why),
        }
    }
}

enum Sent {
    Done,
    Retry(String),
    GiveUp(String),
    /// The push subscription is gone for good.
    Gone(Id),
}

/// The tag a pushed notification is shown under: its subject, so that news of the same
/// meeting or action replaces what the phone shows. A false alarm's correction is the
/// exception: the `close` sent with it takes down everything under the subject's tag, and
/// the two may arrive in either order, so the correction has a tag of its own.
fn push_tag(n: &crate::notifications::Notification) -> Id {
    if n.kind == crate::notifications::NotificationKind::IncidentWithdrawn {
        n.id
    } else {
        n.subject_id.unwrap_or(n.id)
    }
}

/// The title of a push notification or the subject of a mail: its category, in words.
fn title(tr: Tr, n: &crate::notifications::Notification) -> String {
    match crate::core::delivery::category(n.kind, n.urgent) {
        Some(category) => tr.of("delivery-title", category.as_str()),
        None => "Outnumber".to_owned(),
    }
}

/// Sends one test mail to `address` through the configured SMTP server
/// (`outnumber admin test-email`), and returns where it went; the error says why not.
pub async fn send_test_email(
    config: &crate::app::Config,
    address: &str,
) -> std::result::Result<String, String> {
    let url = config.smtp_url.as_deref().ok_or(
        "no SMTP server is configured: give --smtp-url (or set OUTNUMBER_SMTP_URL) as for `serve`",
    )?;
    if !crate::delivery::email::valid_address(address) {
        return Err(format!("{address:?} is not an e-mail address"));
    }
    let from = config
        .mail_from
        .clone()
        .unwrap_or_else(|| default_sender(config));
    let mailer = Mailer::new(url, &from, &config.public_url)?;
    let server = smtp_server(url);
    let body = format!(
        "This is a test message from Outnumber ({}).\n\n\
         It went through the mail server {server}, from {from}: e-mail notifications \
         will reach members the same way.\n",
        config.public_url
    );
    mailer
        .send(&crate::delivery::email::Mail {
            to: address,
            subject: "Outnumber: test message",
            text: &body,
            // An operator's test is no notification: nothing to unsubscribe from.
            unsubscribe: None,
        })
        .await
        .map_err(|err| match err {
            MailError::Retry(why) => {
                format!("{server} did not take the message (it may work later): {why}")
            }
            MailError::Refused(why) => format!("{server} refused the message: {why}"),
        })?;
    Ok(server)
}

/// The host and port of an SMTP URL, without the user and password it may carry.
fn smtp_server(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    rest.split(['/', '?']).next().unwrap_or(rest).to_owned()
}

/// A mail server's or push service's words with every e-mail address and link taken out:
/// refusals often quote the recipient (`550 <ana@example.org>: no such user`), and a push
/// endpoint's path identifies a phone.
pub fn without_addresses(reason: &str) -> String {
    reason
        .split(' ')
        .map(|word| {
            if word.contains('@') {
                "[address]"
            } else if word.contains("://") {
                "[link]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `outnumber@` and the host of the public address (or a placeholder for a bare address).
pub fn default_sender(config: &crate::app::Config) -> String {
    format!(
        "outnumber@{}",
        crate::delivery::email::own_host(&config.public_url)
    )
}

#[cfg(test)]
mod tests {
    use super::without_addresses;

    #[test]
    fn the_smtp_server_is_named_without_its_password() {
        assert_eq!(
            super::smtp_server("smtps://alerts:s3cret@mail.example.org:465?tls=required"),
            "mail.example.org:465"
        );
        assert_eq!(
            super::smtp_server("smtp://127.0.0.1:2525"),
            "127.0.0.1:2525"
        );
    }

    #[test]
    fn failure_reasons_lose_addresses_and_links() {
        assert_eq!(
            without_addresses("permanent error (550): 5.1.1 <ana@example.org>: no such user"),
            "permanent error (550): 5.1.1 [address] no such user"
        );
        assert_eq!(
            without_addresses("cannot reach https://push.example/send/abc123 (timed out)"),
            "cannot reach [link] (timed out)"
        );
        assert_eq!(
            without_addresses("push service answered 503"),
            "push service answered 503"
        );
    }
}

//! Publishing bulletins, reading them and the feed, and telling their audience.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::accounts::Account;
use crate::app::App;
use crate::bulletins::store::{self, BulletinRow, NewBulletin, TranslationRow};
use crate::bus::{Live, Topic};
use crate::committees::store::{self as committees, AuditEntry, CommitteeRow};
use crate::core::bulletins::{Audience, Cursor, Network, Sources, reach, reaches, sources};
use crate::core::fields::{CommitteeKind, Invalid, Language, Problem, Role, text};
use crate::core::{Id, Invalids, Timestamp};
use crate::directory::Graph;
use crate::error::{Error, Result};
use crate::notifications::{Note, Notification, NotificationKind, Outbox, detail};

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 10_000;
/// Bulletins per page of the feed and of a committee's list.
pub const PAGE_SIZE: i64 = 20;
/// An audience of up to this many members is notified in the publishing transaction; a
/// larger one by the fan-out job, in chunks.
pub const INLINE_AUDIENCE: i64 = 500;
/// How many reached committees one fan-out step writes the inbox rows of.
const FANOUT_COMMITTEES: usize = 100;

impl Network for Graph {
    fn kind(&self, committee: Id) -> Option<CommitteeKind> {
        self.get(committee).map(|n| n.kind)
    }

    fn parents(&self, committee: Id) -> &[Id] {
        self.get(committee).map_or(&[], |n| n.parents.as_slice())
    }

    fn children(&self, committee: Id) -> &[Id] {
        self.get(committee).map_or(&[], |n| n.children.as_slice())
    }
}

/// One version of a bulletin in another language.
pub struct Version {
    pub language: String,
    pub title: String,
    pub body: String,
}

pub struct Publish {
    pub title: String,
    /// Markdown.
    pub body: String,
    pub audience: String,
    /// The language the bulletin is written in; the author's when absent.
    pub language: Option<String>,
    pub translations: Vec<Version>,
}

struct Checked {
    title: String,
    body: String,
    audience: Audience,
    language: Language,
    translations: Vec<(Language, String, String)>,
}

/// Checks every field, telling all that are wrong at once (a translation's fields after the
/// bulletin's own).
fn check(publish: &Publish, author_language: Language) -> Result<Checked, Invalids> {
    let mut checks = Invalids::default();
    let title = checks.check(text("title", &publish.title, 1, TITLE_MAX, false));
    let body = checks.check(text("body", &publish.body, 1, BODY_MAX, true));
    let audience = checks.check(Audience::parse(&publish.audience));
    let language = checks.check(match publish.language.as_deref().map(str::trim) {
        None | Some("") => Ok(author_language),
        Some(l) => Language::parse(l),
    });
    let mut translations = Vec::new();
    for version in &publish.translations {
        let lang = checks.check(
            Language::parse(&version.language)
                .map_err(|e| Invalid::new("translation_language", e.problem))
                .and_then(|lang| {
                    if Some(lang) == language || translations.iter().any(|(l, _, _)| *l == lang) {
                        Err(Invalid::new("translation_language", Problem::Format))
                    } else {
                        Ok(lang)
                    }
                }),
        );
        let title = checks.check(text(
            "translation_title",
            &version.title,
            1,
            TITLE_MAX,
            false,
        ));
        let body = checks.check(text("translation_body", &version.body, 1, BODY_MAX, true));
        if let (Some(lang), Some(title), Some(body)) = (lang, title, body) {
            translations.push((lang, title, body));
        }
    }
    checks.finish((|| {
        Some(Checked {
            title: title?,
            body: body?,
            audience: audience?,
            language: language?,
            translations,
        })
    })())
}

/// A coordinator of a committee or council publishes a bulletin. Everyone it reaches but
/// the author is notified: a small audience in the same transaction, a large one by the
/// fan-out job, while those with an open page hear of it at once.
pub async fn publish(
    app: &App,
    account: &Account,
    committee: Id,
    publish: Publish,
) -> Result<Bulletin> {
    let row = crate::committees::service::as_coordinator(app, committee, account.id).await?;
    let checked = check(&publish, account.language)?;
    app.limits.bulletin(account.id.get())?;
    let graph = app.directory.graph();
    let reached = reach(&*graph, committee, checked.audience);
    let audience_size: i64 = reached
        .iter()
        .filter_map(|c| graph.get(*c))
        .map(|n| n.members)
        .sum();
    let inline = audience_size <= INLINE_AUDIENCE;

    let id = Id::random();
    let now = Timestamp::now();
    let mut tx = app.db.begin().await?;
    store::insert(
        &mut tx,
        &NewBulletin {
            id,
            committee,
            author: account.id,
            audience: checked.audience.as_str(),
            language: checked.language.as_str(),
            title: &checked.title,
            body: &checked.body,
            created_at: now,
        },
    )
    .await?;
    for (language, title, body) in &checked.translations {
        store::insert_translation(&mut tx, id, language.as_str(), title, body).await?;
    }
    committees::audit(
        &mut tx,
        AuditEntry {
            committee,
            actor: Some(account.id),
            action: "bulletin_published",
            subject: None,
            detail: json!({ "title": checked.title, "audience": checked.audience.as_str() }),
        },
    )
    .await?;
    let mut outbox = Outbox::default();
    if inline {
        let reached: Vec<Id> = reached.into_iter().collect();
        let recipients: Vec<Id> = store::members_of(&mut tx, &reached)
            .await?
            .into_iter()
            .filter(|a| *a != account.id)
            .collect();
        outbox
            .notify(
                &mut tx,
                &recipients,
                &Note {
                    kind: NotificationKind::BulletinPublished,
                    committee: Some(committee),
                    subject: Some(id),
                    detail: detail([("committee", &row.name), ("title", &checked.title)]),
                    urgent: false,
                },
            )
            .await?;
    } else {
        store::insert_fanout(&mut tx, id).await?;
    }
    tx.commit().await?;
    outbox.deliver(app).await;
    let bulletin = load(app, id).await?.ok_or_else(Error::not_found)?;
    if !inline {
        announce(app, &bulletin.row);
    }
    Ok(bulletin)
}

/// A bulletin with its versions in other languages.
#[derive(Debug, Clone)]
pub struct Bulletin {
    pub row: BulletinRow,
    pub translations: Vec<TranslationRow>,
}

/// One version of a bulletin as shown.
pub struct Shown<'a> {
    pub language: Language,
    pub title: &'a str,
    pub body: &'a str,
}

impl Bulletin {
    pub fn id(&self) -> Id {
        Id::from_db(self.row.id)
    }

    pub fn audience(&self) -> Audience {
        Audience::parse(&self.row.audience).unwrap_or(Audience::Members)
    }

    pub fn language(&self) -> Language {
        Language::parse(&self.row.language).unwrap_or(Language::En)
    }

    /// Every version, the original first.
    pub fn versions(&self) -> Vec<Shown<'_>> {
        let mut versions = vec![Shown {
            language: self.language(),
            title: &self.row.title,
            body: &self.row.body,
        }];
        for t in &self.translations {
            if let Ok(language) = Language::parse(&t.language) {
                versions.push(Shown {
                    language,
                    title: &t.title,
                    body: &t.body,
                });
            }
        }
        versions
    }

    /// The version in `language` if there is one, the original otherwise.
    pub fn shown_in(&self, language: Language) -> Shown<'_> {
        let mut versions = self.versions();
        let languages: Vec<Language> = versions.iter().map(|v| v.language).collect();
        let pick = crate::core::bulletins::version_for(&languages, language);
        let index = languages.iter().position(|l| Some(*l) == pick).unwrap_or(0);
        versions.swap_remove(index)
    }
}

async fn load(app: &App, id: Id) -> Result<Option<Bulletin>> {
    let Some(row) = store::find(app.db.pool(), id).await? else {
        return Ok(None);
    };
    let translations = store::translations_of(app.db.pool(), &[id]).await?;
    Ok(Some(Bulletin { row, translations }))
}

async fn with_translations(app: &App, rows: Vec<BulletinRow>) -> Result<Vec<Bulletin>> {
    let ids: Vec<Id> = rows.iter().map(|r| Id::from_db(r.id)).collect();
    let mut translations = store::translations_of(app.db.pool(), &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut translations)
                .into_iter()
                .partition(|t| t.bulletin_id == row.id);
            translations = rest;
            Bulletin {
                row,
                translations: mine,
            }
        })
        .collect())
}

/// Does a bulletin of `origin` for `audience` reach an account with these memberships?
fn reaches_any(graph: &Graph, origin: Id, audience: &str, memberships: &[(Id, Role)]) -> bool {
    let audience = Audience::parse(audience).unwrap_or(Audience::Members);
    memberships
        .iter()
        .any(|(c, _)| reaches(graph, origin, audience, *c))
}

/// The bulletin, if it reaches the account; 404 otherwise. Whom it reaches is decided from
/// its committee and audience alone, before the rest is read, so that a hidden bulletin and
/// an id that names nothing are turned away alike, after the same query.
pub async fn find(app: &App, account: Id, id: Id) -> Result<Bulletin> {
    // Read first, so that an id naming nothing costs what a hidden one does.
    let memberships = app.directory.memberships(account).await?;
    let graph = app.directory.graph();
    let found = store::probe(app.db.pool(), id).await?;
    // Decided for an id that names nothing too, so that both cost the same.
    let (origin, audience) = found.clone().unwrap_or((Id::NOTHING, String::new()));
    if !reaches_any(&graph, origin, &audience, &memberships) || found.is_none() {
        return Err(Error::not_found());
    }
    let row = store::find(app.db.pool(), id)
        .await?
        .ok_or_else(Error::not_found)?;
    let translations = store::translations_of(app.db.pool(), &[id]).await?;
    Ok(Bulletin { row, translations })
}

pub struct Page {
    pub bulletins: Vec<Bulletin>,
    /// Where the next page starts; absent on the last page.
    pub next: Option<Cursor>,
}

fn parse_cursor(raw: Option<&str>) -> Result<Option<Cursor>> {
    Ok(match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(Cursor::decode(raw)?),
        None => None,
    })
}

async fn page_of(app: &App, sources: &Sources, cursor: Option<&str>) -> Result<Page> {
    let after = parse_cursor(cursor)?;
    let any: Vec<Id> = sources.any.iter().copied().collect();
    let network: Vec<Id> = sources.network.iter().copied().collect();
    let mut rows = store::page(app.db.pool(), &any, &network, after, PAGE_SIZE + 1).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(usize::try_from(PAGE_SIZE).unwrap_or(0));
    let next = more
        .then(|| {
            rows.last().map(|r| Cursor {
                created_at: Timestamp::from_millis(r.created_at),
                id: Id::from_db(r.id),
            })
        })
        .flatten();
    Ok(Page {
        bulletins: with_translations(app, rows).await?,
        next,
    })
}

async fn reader_sources(app: &App, account: Id) -> Result<Sources> {
    let memberships = app.directory.memberships(account).await?;
    let ids: Vec<Id> = memberships.iter().map(|(c, _)| *c).collect();
    Ok(sources(&*app.directory.graph(), &ids))
}

/// Every bulletin the account may see, newest first, a page at a time.
pub async fn feed(app: &App, account: Id, cursor: Option<&str>) -> Result<Page> {
    let sources = reader_sources(app, account).await?;
    page_of(app, &sources, cursor).await
}

/// A committee's bulletins that the account may see: all of them for its members, its
/// network bulletins for those they reach. 404 for whoever sees none of them.
pub async fn of_committee(
    app: &App,
    account: Id,
    committee: Id,
    cursor: Option<&str>,
) -> Result<(CommitteeRow, Option<Role>, Page)> {
    let all = reader_sources(app, account).await?;
    let mut only = Sources::default();
    if all.any.contains(&committee) {
        only.any.insert(committee);
    } else if all.network.contains(&committee) {
        only.network.insert(committee);
    } else {
        return Err(Error::not_found());
    }
    let row = committees::find(app.db.pool(), committee)
        .await?
        .ok_or_else(Error::not_found)?;
    let role = app
        .directory
        .memberships(account)
        .await?
        .iter()
        .find(|(c, _)| *c == committee)
        .map(|(_, r)| *r);
    let page = page_of(app, &only, cursor).await?;
    Ok((row, role, page))
}

// ---- telling the audience ----

/// The same notification id for the same bulletin and reader, so that a fan-out resumed
/// after a restart (or a reader in two reached committees) never notifies twice.
fn notification_id(bulletin: Id, account: Id) -> Id {
    let digest = Sha256::new()
        .chain_update(b"outnumber bulletin\0")
        .chain_update(bulletin.get().to_le_bytes())
        .chain_update(account.get().to_le_bytes())
        .finalize();
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    let n = i64::from_le_bytes(bytes) & i64::MAX;
    Id::from_db(if n == 0 { 1 } else { n })
}

fn notification(row: &BulletinRow, account: Id) -> Notification {
    Notification {
        id: notification_id(Id::from_db(row.id), account),
        account_id: account,
        kind: NotificationKind::BulletinPublished,
        committee_id: Some(Id::from_db(row.committee_id)),
        subject_id: Some(Id::from_db(row.id)),
        detail: detail([("committee", &row.committee_name), ("title", &row.title)]),
        urgent: false,
        created_at: Timestamp::from_millis(row.created_at),
        read_at: None,
        ahead_of_inbox: false,
    }
}

/// Tells the readers with an open page at once, ahead of their inbox rows, and wakes the
/// fan-out job.
fn announce(app: &App, row: &BulletinRow) {
    let (app, row) = (app.clone(), row.clone());
    tokio::spawn(async move {
        let graph = app.directory.graph();
        for account in app.bus.listening_accounts() {
            if row.author_id == Some(account.get()) {
                continue;
            }
            match app.directory.memberships(account).await {
                Ok(memberships)
                    if reaches_any(
                        &graph,
                        Id::from_db(row.committee_id),
                        &row.audience,
                        &memberships,
                    ) =>
                {
                    let mut n = notification(&row, account);
                    n.ahead_of_inbox = true;
                    app.bus
                        .publish(Topic::Account(account), Live::Notification(Arc::new(n)));
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "announcing a bulletin live failed"),
            }
        }
        app.bulletin_wake.notify_one();
    });
}

/// Writes the inbox rows of pending bulletin fan-outs, a chunk per transaction, for as long
/// as the server runs; resumes where it stopped after a restart.
pub async fn fanout_job(app: App) {
    loop {
        match fanout_step(&app).await {
            Ok(true) => continue,
            Ok(false) => {
                let _ = tokio::time::timeout(Duration::from_secs(5), app.bulletin_wake.notified())
                    .await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "writing bulletin notifications failed; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Writes one chunk of the oldest fan-out; false when there is nothing to do.
pub async fn fanout_step(app: &App) -> Result<bool> {
    let Some(fanout) = store::next_fanout(app.db.pool()).await? else {
        return Ok(false);
    };
    let found = store::find(app.db.pool(), Id::from_db(fanout.bulletin_id)).await?;
    let mut tx = app.db.begin().await?;
    let Some(row) = found else {
        store::finish_fanout(&mut tx, fanout.id).await?;
        tx.commit().await?;
        return Ok(true);
    };
    let audience = Audience::parse(&row.audience).unwrap_or(Audience::Members);
    // In id order: the cursor is the last committee done.
    let reached: Vec<Id> = reach(
        &*app.directory.graph(),
        Id::from_db(row.committee_id),
        audience,
    )
    .into_iter()
    .collect();
    let (chunk, next, done) =
        crate::core::fanout::next_chunk(&reached, fanout.cursor, FANOUT_COMMITTEES);
    let rows: Vec<Notification> = store::members_of(&mut tx, chunk)
        .await?
        .into_iter()
        .filter(|a| row.author_id != Some(a.get()))
        .map(|a| notification(&row, a))
        .collect();
    crate::notifications::store::insert_many(&mut tx, &rows).await?;
    if done {
        store::finish_fanout(&mut tx, fanout.id).await?;
    } else {
        store::advance_fanout(&mut tx, fanout.id, next).await?;
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publish(title: &str, body: &str, translations: Vec<Version>) -> Publish {
        Publish {
            title: title.into(),
            body: body.into(),
            audience: "network".into(),
            language: Some("en".into()),
            translations,
        }
    }

    #[test]
    fn every_string_has_a_limit() {
        let long_title = "t".repeat(TITLE_MAX + 1);
        let long_body = "b".repeat(BODY_MAX + 1);
        let v = |l: &str, t: &str, b: &str| Version {
            language: l.into(),
            title: t.into(),
            body: b.into(),
        };
        let field = |p: &Publish| {
            check(p, Language::En)
                .err()
                .and_then(|e| e.first().map(|i| i.field))
        };
        assert_eq!(field(&publish(&long_title, "b", vec![])), Some("title"));
        assert_eq!(field(&publish("t", &long_body, vec![])), Some("body"));
        assert_eq!(
            field(&publish("t", "b", vec![v("es", &long_title, "b")])),
            Some("translation_title")
        );
        assert_eq!(
            field(&publish("t", "b", vec![v("es", "t", &long_body)])),
            Some("translation_body")
        );
        // A translation into the original's language, or twice into one language.
        assert_eq!(
            field(&publish("t", "b", vec![v("en", "t", "b")])),
            Some("translation_language")
        );
        assert_eq!(
            field(&publish(
                "t",
                "b",
                vec![v("es", "t", "b"), v("es", "t", "b")]
            )),
            Some("translation_language")
        );
        assert_eq!(
            field(&publish("t", "b", vec![v("fr", "t", "b")])),
            Some("translation_language")
        );
        let mut p = publish("t", "b", vec![]);
        p.audience = "everyone".into();
        assert_eq!(field(&p), Some("audience"));
        assert!(check(&publish("t", "b", vec![v("es", "t", "b")]), Language::En).is_ok());
    }

    #[test]
    fn fanout_ids_are_stable_and_distinct() {
        let (a, b, bulletin) = (Id::random(), Id::random(), Id::random());
        assert_eq!(notification_id(bulletin, a), notification_id(bulletin, a));
        assert_ne!(notification_id(bulletin, a), notification_id(bulletin, b));
        assert!(notification_id(bulletin, a).get() > 0);
    }
}

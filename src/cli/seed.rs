//! `outnumber admin seed`: a generated network at general-strike scale, for benchmarks.
//!
//! It writes rows directly in large multi-row statements (hours become a minute), and keeps
//! every count exactly as the server would: member counts come from the memberships, and
//! the pledges of the seeded action are tallied per committee as the engine tallies them,
//! so `outnumber admin verify` passes on a seeded database.
//!
//! Every seeded account has the password `seeded-password` (hashed once, shared): the data
//! is for measuring, not for people.

use std::io::Write;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use sqlx::AssertSqlSafe;

use crate::core::ids::{Secret, secret_hash};
use crate::core::{Id, Timestamp};
use crate::db::{Db, StoreError, positional, value_rows};

pub struct Plan {
    pub accounts: usize,
    pub committees: usize,
    pub councils: usize,
    pub pledges: usize,
    /// Sessions to open, for a load generator; their tokens go to `tokens_out`.
    pub sessions: usize,
    pub tokens_out: Option<PathBuf>,
}

pub struct Seeded {
    /// The council at the top, to which every other council is affiliated.
    pub top_council: Id,
    /// An action of the top council carrying `pledges` pledges.
    pub big_action: Id,
    /// An action of the top council with no pledges and a threshold out of reach, to pledge
    /// and withdraw against.
    pub write_action: Id,
}

const INDUSTRIES: &[&str] = &[
    "health care",
    "logistics",
    "education",
    "manufacturing",
    "retail",
    "transit",
    "public sector",
    "hospitality",
    "construction",
    "food processing",
    "telecom",
    "energy",
];
const REGIONS: &[&str] = &[
    "Minneapolis",
    "Saint Paul",
    "Duluth",
    "Rochester",
    "Chicago",
    "Milwaukee",
    "Detroit",
    "Cleveland",
    "Pittsburgh",
    "Philadelphia",
    "Newark",
    "Boston",
    "Baltimore",
    "Atlanta",
    "Houston",
    "Phoenix",
    "Denver",
    "Seattle",
    "Oakland",
    "Los Angeles",
];
const TYPES: &[&str] = &[
    "factory",
    "depot",
    "warehouse",
    "office",
    "school",
    "hospital",
    "other",
];

fn bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

/// Inserts `rows` rows of `columns` values in multi-row statements, one transaction per
/// chunk, advancing `progress`.
async fn insert_rows(
    db: &Db,
    table_and_columns: &str,
    columns: usize,
    rows: usize,
    progress: &ProgressBar,
    mut row: impl FnMut(usize) -> Vec<SeedValue>,
) -> Result<(), StoreError> {
    // Under both databases' parameter limits (SQLite: 32766).
    let per_statement = (30_000 / columns).min(4000);
    let mut start = 0;
    while start < rows {
        let end = (start + per_statement).min(rows);
        let sql = format!(
            "INSERT INTO {table_and_columns} VALUES {}",
            value_rows(end - start, columns)
        );
        let mut query = sqlx::query(AssertSqlSafe(positional(db.backend(), sql)));
        for i in start..end {
            for value in row(i) {
                query = match value {
                    SeedValue::Int(n) => query.bind(n),
                    SeedValue::OptInt(n) => query.bind(n),
                    SeedValue::Text(s) => query.bind(s),
                    SeedValue::Bytes(b) => query.bind(b),
                };
            }
        }
        let mut tx = db.begin().await?;
        query.execute(&mut *tx).await?;
        tx.commit().await?;
        progress.inc((end - start) as u64);
        start = end;
    }
    Ok(())
}

enum SeedValue {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    Bytes(Vec<u8>),
}

use SeedValue::{Bytes, Int, OptInt, Text};

/// Ids drawn at random, then sorted: the rows land in key order, which both databases write
/// fastest, and the ids stay as unguessable as the server's own.
fn ids(n: usize) -> Vec<i64> {
    let mut ids: Vec<i64> = (0..n).map(|_| Id::random().get()).collect();
    ids.sort_unstable();
    ids.dedup();
    while ids.len() < n {
        ids.push(Id::random().get());
        ids.sort_unstable();
        ids.dedup();
    }
    ids
}

pub async fn seed(db: &Db, plan: &Plan) -> Result<Seeded, String> {
    let fail = |e: StoreError| e.to_string();
    if plan.committees == 0 || plan.councils < 2 || plan.accounts < plan.committees {
        return Err(
            "seed needs at least 2 councils and at least as many accounts as committees".into(),
        );
    }
    if plan.pledges > plan.accounts || plan.sessions > plan.accounts {
        return Err("there cannot be more pledges or sessions than accounts".into());
    }
    let now = Timestamp::now().millis();
    let hash = crate::accounts::service::hash_password_blocking("seeded-password")
        .map_err(|e| e.to_string())?;

    let accounts = ids(plan.accounts);
    let progress = bar(plan.accounts, "accounts");
    insert_rows(
        db,
        "accounts (id, handle, display_name, password_hash, language, is_admin, created_at)",
        7,
        plan.accounts,
        &progress,
        |i| {
            vec![
                Int(accounts[i]),
                Text(format!("worker{i}")),
                Text(format!("Worker {i}")),
                Text(hash.clone()),
                Text(if i % 3 == 0 { "es" } else { "en" }.into()),
                Int(0),
                Int(now),
            ]
        },
    )
    .await
    .map_err(fail)?;
    progress.finish();

    let workplaces = ids(plan.committees);
    let councils = ids(plan.councils);
    let progress = bar(plan.committees + plan.councils, "committees");
    insert_rows(
        db,
        "committees (id, name, kind, workplace_type, industry, region, estimated_workforce, created_at)",
        8,
        plan.committees,
        &progress,
        |i| {
            vec![
                Int(workplaces[i]),
                Text(format!("Workplace {i}")),
                Text("workplace".into()),
                Text(TYPES[i % TYPES.len()].into()),
                Text(INDUSTRIES[i % INDUSTRIES.len()].into()),
                Text(REGIONS[(i / INDUSTRIES.len()) % REGIONS.len()].into()),
                OptInt((i % 4 == 0).then_some(((i % 17) as i64 + 1) * 40)),
                Int(now),
            ]
        },
    )
    .await
    .map_err(fail)?;
    insert_rows(
        db,
        "committees (id, name, kind, workplace_type, industry, region, estimated_workforce, created_at)",
        8,
        plan.councils,
        &progress,
        |i| {
            vec![
                Int(councils[i]),
                Text(if i == 0 { "National Council".into() } else { format!("Council {i}") }),
                Text("council".into()),
                OptInt(None),
                OptInt(None),
                OptInt(None),
                OptInt(None),
                Int(now),
            ]
        },
    )
    .await
    .map_err(fail)?;
    progress.finish();

    // Every workplace belongs to one council; every council but the first to the first.
    let below = plan.councils - 1;
    let progress = bar(plan.committees + below, "affiliations");
    insert_rows(
        db,
        "affiliations (committee_id, council_id, created_at)",
        3,
        plan.committees,
        &progress,
        |i| vec![Int(workplaces[i]), Int(councils[1 + i % below]), Int(now)],
    )
    .await
    .map_err(fail)?;
    insert_rows(
        db,
        "affiliations (committee_id, council_id, created_at)",
        3,
        below,
        &progress,
        |i| vec![Int(councils[1 + i]), Int(councils[0]), Int(now)],
    )
    .await
    .map_err(fail)?;
    progress.finish();

    // Account i works at workplace i mod committees; the first there coordinates it.
    let progress = bar(plan.accounts, "memberships");
    insert_rows(
        db,
        "memberships (committee_id, account_id, role, vouched_by, joined_at, seated)",
        6,
        plan.accounts,
        &progress,
        |i| {
            vec![
                Int(workplaces[i % plan.committees]),
                Int(accounts[i]),
                Text(
                    if i < plan.committees {
                        "coordinator"
                    } else {
                        "member"
                    }
                    .into(),
                ),
                OptInt(None),
                Int(now),
                Int(0),
            ]
        },
    )
    .await
    .map_err(fail)?;
    progress.finish();

    let (big, write) = (Id::random(), Id::random());
    let starts = Timestamp::now().plus_hours(24 * 300).millis();
    let committees_pledged = plan.pledges.min(plan.committees) as i64;
    let mut tx = db.begin().await.map_err(fail)?;
    for (id, title, pledged, committees) in [
        (
            big,
            "General strike",
            plan.pledges as i64,
            committees_pledged,
        ),
        (write, "Benchmark: pledge and withdraw", 0, 0),
    ] {
        sqlx::query(
            "INSERT INTO actions (id, committee_id, title, kind, description, starts_at, public, threshold_pledges,
                                  status, pledged, committees_pledged, called_by, created_at)
             VALUES ($1, $2, $3, 'strike', '', $4, 1, $5, 'gathering', $6, $7, $8, $9)",
        )
        .bind(id.get())
        .bind(councils[0])
        .bind(title)
        .bind(starts)
        .bind(plan.accounts as i64 * 10)
        .bind(pledged)
        .bind(committees)
        .bind(accounts[0])
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    }
    tx.commit().await.map_err(|e| e.to_string())?;

    let progress = bar(plan.pledges, "pledges");
    insert_rows(
        db,
        "pledges (action_id, account_id, committee_id)",
        3,
        plan.pledges,
        &progress,
        |i| {
            vec![
                Int(big.get()),
                Int(accounts[i]),
                Int(workplaces[i % plan.committees]),
            ]
        },
    )
    .await
    .map_err(fail)?;
    progress.finish();
    let tallied = plan.committees.min(plan.pledges);
    let progress = bar(tallied, "tallies");
    insert_rows(
        db,
        "action_tallies (action_id, committee_id, pledged)",
        3,
        tallied,
        &progress,
        |c| {
            // Workplace c has the pledges of accounts c, c + committees, c + 2·committees, …
            let pledged = (plan.pledges - c).div_ceil(plan.committees) as i64;
            vec![Int(big.get()), Int(workplaces[c]), Int(pledged)]
        },
    )
    .await
    .map_err(fail)?;
    progress.finish();

    if plan.sessions > 0 {
        let tokens: Vec<Secret> = (0..plan.sessions).map(|_| Secret::generate()).collect();
        let expires = Timestamp::now().plus_hours(24 * 30).millis();
        let progress = bar(plan.sessions, "sessions");
        insert_rows(
            db,
            "sessions (token_hash, account_id, created_at, expires_at)",
            4,
            plan.sessions,
            &progress,
            |i| {
                // Spread over the whole network, so pledges reach every committee.
                let account =
                    accounts[(i * (plan.accounts / plan.sessions).max(1)) % plan.accounts];
                vec![
                    Bytes(secret_hash(tokens[i].as_str())),
                    Int(account),
                    Int(now),
                    Int(expires),
                ]
            },
        )
        .await
        .map_err(fail)?;
        progress.finish();
        if let Some(path) = &plan.tokens_out {
            let mut file =
                std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
            for token in &tokens {
                writeln!(file, "{}", token.as_str()).map_err(|e| e.to_string())?;
            }
        }
    }
    // So the query planners know the tables' new sizes.
    sqlx::query("ANALYZE")
        .execute(db.pool())
        .await
        .map_err(|e| e.to_string())?;
    Ok(Seeded {
        top_council: Id::from_db(councils[0]),
        big_action: big,
        write_action: write,
    })
}

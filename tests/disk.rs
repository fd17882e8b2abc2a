//! What the files on disk tell someone who copies them: the real `outnumber serve` binary on
//! SQLite, frozen (SIGSTOP) at random instants while members cast secret ballots, its data
//! folder copied whole (database, `-wal`, `-shm`) and thawed again, and every copy read the
//! way an attacker would: every page of the file and every frame of the log, stale frames
//! included, parsed as SQLite b-tree pages.
//!
//! A secret ballot must leave, in any one copy, who voted and the sums, and nothing more:
//! - no copy holds two versions of who took part *and* two versions of the sums (with both,
//!   the voter who appears and the choice that grows pair up);
//! - where the participation rows sit in their page never follows the order of voting;
//! - the sums (sealed, but the copy holds the key file too) never move within their page;
//! - no bytes of an erased row stay behind outside the live cells.
//!
//! The same holds for a backup taken with `outnumber backup` while the server runs.

#[path = "binary/mod.rs"]
mod binary;
#[path = "api/common.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use binary::{Api, Depot, Server, backup, depot, id_of, in_secs, temp_dir};
use outnumber::core::Id;
use outnumber::core::sums::SecretSums;
use outnumber::delivery::contact::{Keyring, Purpose};
use reqwest::Method;
use serde_json::json;

// ---- reading SQLite's files as an attacker would ----

/// A value of a record, as far as these checks need one.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
    Other,
}

fn varint(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for i in 0..9 {
        let byte = *bytes.get(at + i)?;
        if i == 8 {
            return Some(((value << 8) | u64::from(byte), at + 9));
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte < 0x80 {
            return Some((value, at + i + 1));
        }
    }
    None
}

/// The values of a record (SQLite's row format), or `None` if these bytes are not one.
fn record(payload: &[u8]) -> Option<Vec<Value>> {
    let (header_len, mut at) = varint(payload, 0)?;
    let header_len = usize::try_from(header_len).ok()?;
    let mut body = header_len;
    let mut values = Vec::new();
    while at < header_len {
        let (serial, next) = varint(payload, at)?;
        at = next;
        let (len, value) = match serial {
            0 => (0, Value::Other),
            1..=6 => {
                let len = [0, 1, 2, 3, 4, 6, 8][usize::try_from(serial).ok()?];
                let raw = payload.get(body..body + len)?;
                // Big-endian two's complement of `len` bytes.
                let mut v: i64 = if raw[0] & 0x80 != 0 { -1 } else { 0 };
                for b in raw {
                    v = (v << 8) | i64::from(*b);
                }
                (len, Value::Int(v))
            }
            7 => (8, Value::Other),
            8 => (0, Value::Int(0)),
            9 => (0, Value::Int(1)),
            n if n >= 13 && n % 2 == 1 => {
                let len = usize::try_from((n - 13) / 2).ok()?;
                let raw = payload.get(body..body + len)?;
                (len, Value::Text(String::from_utf8_lossy(raw).into_owned()))
            }
            n if n >= 12 => {
                let len = usize::try_from((n - 12) / 2).ok()?;
                (len, Value::Blob(payload.get(body..body + len)?.to_vec()))
            }
            _ => return None,
        };
        body += len;
        values.push(value);
    }
    (body <= payload.len()).then_some(values)
}

/// One live cell of a b-tree page: where it starts in the page, its extent, its rowid (in
/// a table leaf) and its record.
struct Cell {
    offset: usize,
    end: usize,
    rowid: Option<i64>,
    values: Vec<Value>,
}

/// The live cells of a b-tree page (`header_at` is 100 on page 1), or none if the bytes are
/// not a b-tree page.
fn cells(page: &[u8], header_at: usize) -> Vec<Cell> {
    let Some(&kind) = page.get(header_at) else {
        return Vec::new();
    };
    let header_len = match kind {
        2 | 5 => 12,
        10 | 13 => 8,
        _ => return Vec::new(),
    };
    let Some(count) = page.get(header_at + 3..header_at + 5) else {
        return Vec::new();
    };
    let count = usize::from(u16::from_be_bytes([count[0], count[1]]));
    let mut out = Vec::new();
    for i in 0..count {
        let at = header_at + header_len + 2 * i;
        let Some(pointer) = page.get(at..at + 2) else {
            break;
        };
        let offset = usize::from(u16::from_be_bytes([pointer[0], pointer[1]]));
        let mut cursor = offset;
        if kind == 2 || kind == 5 {
            cursor += 4; // the left child's page number
        }
        if kind == 5 {
            // An interior table cell holds a rowid and nothing else.
            let Some((_, end)) = varint(page, cursor) else {
                break;
            };
            out.push(Cell {
                offset,
                end,
                rowid: None,
                values: Vec::new(),
            });
            continue;
        }
        let Some((size, next)) = varint(page, cursor) else {
            break;
        };
        cursor = next;
        let mut rowid = None;
        if kind == 13 {
            let Some((id, next)) = varint(page, cursor) else {
                break;
            };
            rowid = Some(id as i64);
            cursor = next;
        }
        let end = (cursor + usize::try_from(size).unwrap_or(0)).min(page.len());
        let values = page.get(cursor..end).and_then(record).unwrap_or_default();
        out.push(Cell {
            offset,
            end,
            rowid,
            values,
        });
    }
    out
}

/// One copy of the data folder: every page image in it, each with its page number and
/// where it came from.
struct Copy {
    images: Vec<(u32, String, Vec<u8>)>,
}

impl Copy {
    fn read(database: &Path) -> Option<Copy> {
        let main = std::fs::read(database).ok()?;
        let mut wal = std::fs::read(format!("{}-wal", database.display())).unwrap_or_default();
        // The shared-memory index holds no page contents, only where frames are; read it
        // as the attacker would, though nothing below needs it.
        let _ = std::fs::read(format!("{}-shm", database.display()));
        Some(Copy::parse(&main, &mut wal))
    }

    fn parse(main: &[u8], wal: &mut Vec<u8>) -> Copy {
        let page_size = match main.get(16..18) {
            Some([1, 0]) => 65536,
            Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
            None => 4096,
        };
        let mut images = Vec::new();
        for (i, page) in main.chunks(page_size).enumerate() {
            if page.len() == page_size {
                images.push((i as u32 + 1, "file".to_owned(), page.to_vec()));
            }
        }
        // Every whole frame of the log, valid or stale alike.
        let mut at = 32;
        let mut frame = 0;
        while at + 24 + page_size <= wal.len() {
            let number = u32::from_be_bytes([wal[at], wal[at + 1], wal[at + 2], wal[at + 3]]);
            images.push((
                number,
                format!("log frame {frame}"),
                wal[at + 24..at + 24 + page_size].to_vec(),
            ));
            at += 24 + page_size;
            frame += 1;
        }
        wal.clear();
        Copy { images }
    }
}

/// What one page image shows of one motion's secret ballot.
#[derive(Default)]
struct Seen {
    /// Who took part, with the offset of each one's cell.
    voters: Vec<(i64, usize)>,
    /// Option → (ballots, offset of its cell).
    sums: BTreeMap<String, (i64, usize)>,
    /// Bytes naming the motion outside every live cell.
    remnants: usize,
    /// Sealed sums that did not open with the data folder's keys.
    unopened: usize,
}

/// Reads `page` for the cells of `motion`'s secret ballot: participation rows are the ones
/// naming the motion and one of `voters` (other indexes hold the motion's id beside other
/// ids: its notifications, its pending ballots); the sums are the sealed value kept under
/// the motion's id, opened with the data folder's keys as the attacker, who copied the
/// whole folder, can.
fn seen_in(page_number: u32, page: &[u8], motion: i64, watch: &Watch) -> Seen {
    let header_at = if page_number == 1 { 100 } else { 0 };
    let live = cells(page, header_at);
    let mut seen = Seen::default();
    for cell in &live {
        match (cell.rowid, cell.values.as_slice()) {
            (None, [Value::Int(m), Value::Int(voter)])
                if *m == motion && watch.voters.contains(voter) =>
            {
                seen.voters.push((*voter, cell.offset));
            }
            (Some(m), [Value::Other, Value::Int(_), Value::Blob(sealed)]) if m == motion => {
                let opened = watch
                    .keys
                    .as_ref()
                    .and_then(|keys| keys.open(Purpose::SecretSums, Id::from_db(m), sealed).ok())
                    .and_then(|plain| SecretSums::decode(&plain));
                match opened {
                    Some(sums) => {
                        for (option, sum) in sums.iter() {
                            seen.sums
                                .insert(option.to_owned(), (sum.ballots, cell.offset));
                        }
                    }
                    None => seen.unopened += 1,
                }
            }
            _ => {}
        }
    }
    if !seen.voters.is_empty() || !seen.sums.is_empty() || seen.unopened > 0 {
        let pattern = motion.to_be_bytes();
        seen.remnants = page
            .windows(8)
            .enumerate()
            .filter(|(_, w)| *w == pattern)
            .filter(|(at, _)| !live.iter().any(|c| (c.offset..c.end).contains(at)))
            .count();
    }
    seen
}

/// The motions under watch, and the order their voters voted in.
struct Watch {
    /// Motion id → voters in the order they voted.
    order: BTreeMap<i64, Vec<i64>>,
    voters: Vec<i64>,
    /// The data folder's keys, copied with it.
    keys: Option<Keyring>,
}

/// What all copies showed, kept across copies: where each sum's cell ever sat.
#[derive(Default)]
struct Findings {
    copies: usize,
    problems: BTreeSet<String>,
    sum_places: BTreeMap<(i64, String), BTreeSet<(u32, usize)>>,
    /// Copies that caught a ballot between its two commits or mid-erasure (two versions
    /// of either the participation or the sums): the instants that matter.
    mid_ballot: usize,
    /// Copies in which sums were read (so the checks on them checked something).
    with_sums: usize,
}

impl Findings {
    fn examine(&mut self, copy: &Copy, watch: &Watch, label: &str) {
        self.copies += 1;
        let mut caught_mid = false;
        let mut read_sums = false;
        for (&motion, order) in &watch.order {
            let mut voter_sets: BTreeSet<BTreeSet<i64>> = BTreeSet::new();
            let mut sum_sets: BTreeSet<BTreeMap<String, i64>> = BTreeSet::new();
            for (number, source, page) in &copy.images {
                let seen = seen_in(*number, page, motion, watch);
                if seen.unopened > 0 {
                    self.problems.insert(format!(
                        "{label}: {source} holds sums of motion {motion} that the data folder's keys do not open"
                    ));
                }
                if seen.remnants > 0 {
                    self.problems.insert(format!(
                        "{label}: {source} (page {number}) keeps {} erased bytes naming motion {motion}",
                        seen.remnants
                    ));
                }
                if !seen.voters.is_empty() {
                    voter_sets.insert(seen.voters.iter().map(|(v, _)| *v).collect());
                    self.check_order(motion, order, &seen.voters, source, label);
                }
                if !seen.sums.is_empty() {
                    sum_sets.insert(
                        seen.sums
                            .iter()
                            .map(|(o, (b, _))| (o.clone(), *b))
                            .collect(),
                    );
                    for (option, (_, offset)) in &seen.sums {
                        self.sum_places
                            .entry((motion, option.clone()))
                            .or_default()
                            .insert((*number, *offset));
                    }
                }
            }
            if voter_sets.len() > 1 || sum_sets.len() > 1 {
                caught_mid = true;
            }
            read_sums |= !sum_sets.is_empty();
            if voter_sets.len() > 1 && sum_sets.len() > 1 {
                self.problems.insert(format!(
                    "{label}: one copy holds {} versions of who voted on motion {motion} and {} of its sums, \
                     which pair each new voter with the choice that grew: {voter_sets:?} / {sum_sets:?}",
                    voter_sets.len(),
                    sum_sets.len()
                ));
            }
        }
        if caught_mid {
            self.mid_ballot += 1;
        }
        if read_sums {
            self.with_sums += 1;
        }
    }

    /// Whether the cells' places in the page follow the order of voting (either way).
    fn check_order(
        &mut self,
        motion: i64,
        order: &[i64],
        voters: &[(i64, usize)],
        source: &str,
        label: &str,
    ) {
        let mut by_place: Vec<(usize, usize)> = voters
            .iter()
            .filter_map(|(v, offset)| {
                order
                    .iter()
                    .position(|o| o == v)
                    .map(|turn| (*offset, turn))
            })
            .collect();
        if by_place.len() < 3 {
            return;
        }
        by_place.sort_unstable();
        let turns: Vec<usize> = by_place.iter().map(|(_, turn)| *turn).collect();
        let rising = turns.windows(2).all(|w| w[0] < w[1]);
        let falling = turns.windows(2).all(|w| w[0] > w[1]);
        if rising || falling {
            self.problems.insert(format!(
                "{label}: in {source}, the participation cells of motion {motion} sit in the order of voting ({turns:?})"
            ));
        }
    }

    fn finish(mut self) -> Vec<String> {
        for ((motion, option), places) in &self.sum_places {
            if places.len() > 1 {
                self.problems.insert(format!(
                    "the sum of '{option}' in motion {motion} was rewritten at {} places: {places:?}",
                    places.len()
                ));
            }
        }
        self.problems.into_iter().collect()
    }
}

// ---- freezing the server ----

fn signal(pid: u32, which: &str) {
    let status = Command::new("kill")
        .args([which, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill {which} {pid}");
}

/// Freezes the server, copies its data folder, thaws it; the process does nothing while
/// its files are read, so the copy is of one instant.
fn frozen_copy(pid: u32, database: &Path) -> Option<Copy> {
    signal(pid, "-STOP");
    let copy = Copy::read(database);
    signal(pid, "-CONT");
    copy
}

// ---- the scene ----

const VOTERS: usize = 6;
const MOTIONS: usize = 3;

/// For each motion, the order of voting as ranks of the voters' ids (0 = the smallest),
/// chosen so that it runs neither with nor against the order of the ids at any length from
/// three up: a layout sorted by id must not pass for the order of voting.
const TURNS: [[usize; VOTERS]; MOTIONS] =
    [[2, 5, 0, 3, 1, 4], [4, 0, 5, 1, 3, 2], [1, 4, 2, 5, 0, 3]];
const CHOICES: [&str; VOTERS] = ["yes", "no", "yes", "abstain", "yes", "no"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copies_of_the_files_taken_at_any_instant_do_not_link_secret_ballots() {
    let data = temp_dir("disk");
    let database = data.join("outnumber.db");
    let url = format!("sqlite://{}", database.display());
    let server = Server::start(&url, &data);
    let api = Api::new(&server.base);
    let pid = server.child.id();

    let setup = server
        .setup_token
        .clone()
        .expect("a fresh database prints a setup link");
    let Depot {
        coordinator,
        committee,
        members,
    } = depot(&api, &setup, VOTERS).await;
    let mut voters: Vec<(i64, String)> = members
        .into_iter()
        .map(|(id, token)| (id.get(), token))
        .collect();
    voters.sort();
    let mut motions = Vec::new();
    for i in 0..MOTIONS {
        motions.push(id_of(
            &api.ok(
                Method::POST,
                &format!("/committees/{committee}/motions"),
                Some(&coordinator),
                Some(
                    json!({ "kind": "decision", "title": format!("Refuse overtime {i}"),
                             "ballot": "secret", "closes_at": in_secs(3600) }),
                ),
            )
            .await,
        ));
    }
    let watch = Arc::new(Mutex::new(Watch {
        order: BTreeMap::new(),
        voters: voters.iter().map(|(id, _)| *id).collect(),
        keys: Some(Keyring::load(&data).expect("the data folder's contact keys")),
    }));
    let findings = Arc::new(Mutex::new(Findings::default()));

    // The attacker: copies at random instants, as fast as it can, while the ballots go in.
    let stop = Arc::new(AtomicBool::new(false));
    let copier = {
        let (stop, watch, findings, database) = (
            stop.clone(),
            watch.clone(),
            findings.clone(),
            database.clone(),
        );
        std::thread::spawn(move || {
            let mut n: u64 = 0;
            while !stop.load(Ordering::Relaxed) {
                if let Some(copy) = frozen_copy(pid, &database) {
                    let watch = watch.lock().expect("lock");
                    findings.lock().expect("lock").examine(
                        &copy,
                        &watch,
                        "a copy at a random instant",
                    );
                }
                n += 1;
                // An irregular pace, so the copies do not fall into step with the writes.
                std::thread::sleep(Duration::from_micros(n * 7919 % 3000));
            }
        })
    };

    for (motion, turns) in motions.iter().zip(TURNS) {
        let motion_db = motion.parse::<Id>().expect("id").get();
        for (turn, rank) in turns.iter().enumerate() {
            let (voter, token) = &voters[*rank];
            watch
                .lock()
                .expect("lock")
                .order
                .entry(motion_db)
                .or_default()
                .push(*voter);
            api.ok(
                Method::POST,
                &format!("/motions/{motion}/ballots"),
                Some(token),
                Some(json!({ "choice": CHOICES[turn] })),
            )
            .await;
            // And one copy right after each answer.
            let copy = frozen_copy(pid, &database).expect("the files are there");
            let watch = watch.lock().expect("lock");
            findings
                .lock()
                .expect("lock")
                .examine(&copy, &watch, "a copy after a ballot's answer");
        }
    }
    stop.store(true, Ordering::Relaxed);
    copier.join().expect("the copier");

    // A backup taken while the server runs.
    let copy_path = data.join("backup.db");
    let output = backup(&url, &copy_path).await;
    assert!(output.status.success(), "backup: {output:?}");
    let backup_copy = Copy::read(&copy_path).expect("the backup is there");

    let findings = Arc::try_unwrap(findings)
        .ok()
        .expect("the copier is done")
        .into_inner()
        .expect("lock");
    // The backup is a file of its own, with its own pages.
    let mut in_backup = Findings::default();
    in_backup.examine(&backup_copy, &watch.lock().expect("lock"), "the backup");
    let (copies, mid_ballot, with_sums) =
        (findings.copies, findings.mid_ballot, findings.with_sums);
    assert_eq!(in_backup.with_sums, 1, "the backup's sums were read");
    let mut problems = findings.finish();
    problems.extend(in_backup.finish());
    eprintln!(
        "{copies} copies of the data folder read, {mid_ballot} of them in the middle of a ballot, \
         {with_sums} with sums"
    );
    assert!(
        with_sums * 2 > copies,
        "the sums were read from most copies"
    );
    assert!(
        problems.is_empty(),
        "the files give secret ballots away:\n{}",
        problems.join("\n")
    );
    assert!(copies > 30, "too few copies to say anything: {copies}");

    // The ballots were all counted.
    for motion in &motions {
        let closed = api
            .ok(
                Method::POST,
                &format!("/motions/{motion}/close"),
                Some(&coordinator),
                None,
            )
            .await;
        assert_eq!(
            closed["tally"],
            json!({ "yes": 3, "no": 2, "abstain": 1 }),
            "{closed}"
        );
        assert_eq!(closed["turnout"], json!(VOTERS));
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn the_page_reader_finds_cells_and_remnants() {
    // A hand-made index leaf page holding one cell (motion 7, voter 9), and the motion's
    // id again in the free space after it.
    let mut page = vec![0u8; 512];
    page[0] = 10;
    page[3..5].copy_from_slice(&1u16.to_be_bytes());
    // Record: header of 3 bytes (its length, two 8-byte integers), then the two values.
    let mut cell = vec![19u8, 3, 6, 6];
    cell.extend_from_slice(&7i64.to_be_bytes());
    cell.extend_from_slice(&9i64.to_be_bytes());
    let at = 512 - cell.len();
    page[at..].copy_from_slice(&cell);
    page[8..10].copy_from_slice(&u16::try_from(at).expect("fits").to_be_bytes());
    page[100..108].copy_from_slice(&7i64.to_be_bytes());
    let watch = |voters: Vec<i64>| Watch {
        order: BTreeMap::new(),
        voters,
        keys: None,
    };
    let seen = seen_in(2, &page, 7, &watch(vec![9]));
    assert_eq!(seen.voters, vec![(9, at)]);
    assert_eq!(seen.remnants, 1);
    assert!(seen_in(2, &page, 8, &watch(vec![9])).voters.is_empty());
    assert!(seen_in(2, &page, 7, &watch(vec![10])).voters.is_empty());
}

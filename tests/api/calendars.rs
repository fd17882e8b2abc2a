//! Calendar feeds as calendar programs read them: each feed is checked by Python's
//! `icalendar` (`pip install icalendar`) and by `node-ical` (npm, in `browser/node_modules`)
//! as well as by the tests' own reading. An empty feed is still a calendar; an emergency
//! meeting rings; an unchanged feed answers 304 to its `ETag`; the feed sets no cookie.
//! Without the two readers the check is skipped with the reason said, unless
//! `OUTNUMBER_TEST_CALENDAR=required` (as in `.ci/run`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use outnumber::core::Timestamp;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use crate::common::{TestApp, User};

both!(
    calendar_programs_read_the_feed_and_fetch_it_only_when_it_changed,
    a_changed_meeting_moves_in_the_feed_and_one_called_off_stays_marked,
    a_members_own_feed_follows_their_committees_and_holds_their_actions,
);

/// Reads the calendar with Python's icalendar: its parse errors, and each event's fields.
const PYTHON_READER: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
errors = []
events = []
for c in cal.walk():
    errors += ["%s: %s" % (c.name, e) for e in getattr(c, "errors", [])]
    if c.name == "VEVENT":
        for needed in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if needed not in c:
                errors.append("VEVENT without " + needed)
        events.append({
            "summary": str(c.get("SUMMARY")),
            "uid": str(c.get("UID")),
            "start": c.decoded("DTSTART").isoformat(),
            "sequence": int(c.get("SEQUENCE", -1)),
            "status": str(c.get("STATUS")),
            "alarms": [str(a.get("TRIGGER").to_ical(), "ascii") for a in c.walk("VALARM")],
        })
for needed in ("VERSION", "PRODID"):
    if needed not in cal:
        errors.append("VCALENDAR without " + needed)
if not cal.subcomponents:
    errors.append("a VCALENDAR with no component")
print(json.dumps({"errors": errors, "events": events}))
"#;

/// Reads the calendar with node-ical: each event's summary and alarms.
const NODE_READER: &str = r#"
const ical = require('node-ical');
let text = '';
process.stdin.on('data', (d) => { text += d; });
process.stdin.on('end', () => {
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c) => c.type === 'VEVENT').map((e) => ({
    summary: e.summary,
    uid: e.uid,
    status: e.status,
    start: e.start.toISOString(),
    alarms: Object.values(e).filter((v) => v && v.type === 'VALARM').length,
  }));
  console.log(JSON.stringify({ events }));
});
"#;

fn node_modules() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("browser/node_modules")
}

fn required() -> bool {
    std::env::var("OUTNUMBER_TEST_CALENDAR").is_ok_and(|v| v == "required")
}

fn missing_reader() -> Option<String> {
    let python = Command::new("python3")
        .args(["-c", "import icalendar"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !python {
        return Some("python3 cannot import icalendar (pip install icalendar)".into());
    }
    if !node_modules().join("node-ical").is_dir() {
        return Some("browser/node_modules has no node-ical (npm ci --prefix browser)".into());
    }
    None
}

/// What `program args` prints as JSON for `input` on its standard input.
fn read_with(program: &str, args: &[&str], input: &str) -> Value {
    let mut child = Command::new(program)
        .args(args)
        .env("NODE_PATH", node_modules())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("the calendar written");
    let out = child.wait_with_output().expect("it ends");
    assert!(
        out.status.success(),
        "{program} could not read the calendar: {}\n{input}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{program} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// The calendar as both readers see it: Python's events (after asserting neither found a
/// problem), and how many events node-ical found.
fn read(ics: &str) -> (Vec<Value>, usize) {
    let (events, node_events) = read_both(ics);
    (events, node_events.len())
}

/// Python's events and node-ical's.
fn read_both(ics: &str) -> (Vec<Value>, Vec<Value>) {
    let python = read_with("python3", &["-c", PYTHON_READER], ics);
    assert_eq!(
        python["errors"],
        json!([]),
        "icalendar finds problems:\n{ics}"
    );
    let node = read_with("node", &["-e", NODE_READER], ics);
    let events = python["events"].as_array().cloned().unwrap_or_default();
    let node_events = node["events"].as_array().cloned().unwrap_or_default();
    (events, node_events)
}

/// Skips (or, where required, fails) a check whose readers are missing; true to go on.
fn readers_here() -> bool {
    let Some(reason) = missing_reader() else {
        return true;
    };
    assert!(
        !required(),
        "the calendar check cannot run: {reason} (OUTNUMBER_TEST_CALENDAR=required forbids skipping)"
    );
    let _ = writeln!(
        std::io::stderr(),
        "skipping the calendar check: {reason}; .ci/run installs it"
    );
    false
}

/// The feed's path from a link the API made.
fn path_of(made: &Value) -> String {
    let url = made["url"].as_str().expect("url");
    url[url.find("/calendar/").expect("a calendar path")..].to_owned()
}

struct Feed {
    status: StatusCode,
    etag: Option<String>,
    cookies: usize,
    body: String,
}

async fn fetch(app: &TestApp, path: &str, etag: Option<&str>) -> Feed {
    let mut request = app.client.get(app.url(path));
    if let Some(etag) = etag {
        request = request.header("if-none-match", etag);
    }
    let response = request.send().await.expect("the feed");
    let headers = response.headers().clone();
    Feed {
        status: response.status(),
        etag: headers
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        cookies: headers.get_all("set-cookie").iter().count(),
        body: response.text().await.unwrap_or_default(),
    }
}

async fn schedule(
    app: &TestApp,
    by: &User,
    committee: &str,
    title: &str,
    emergency: bool,
) -> String {
    let starts = Timestamp::now().plus_hours(if emergency { 2 } else { 48 });
    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{committee}/meetings"),
            &by.token,
            json!({ "title": title, "starts_at": starts.rfc3339(), "location": "Union hall",
                    "agenda": ["Report back"], "emergency": emergency }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made["id"].as_str().expect("id").to_owned()
}

async fn calendar_programs_read_the_feed_and_fetch_it_only_when_it_changed(app: TestApp) {
    // Not `println!` when skipping: the harness captures it, and a skipped check passes
    // silently.
    if !readers_here() {
        return;
    }
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{depot}/calendar"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let path = path_of(&made);

    // No meeting yet: still a calendar both read, with no event.
    let empty = fetch(&app, &path, None).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    assert_eq!(empty.cookies, 0, "a calendar app gets no cookie");
    assert_eq!(read(&empty.body), (Vec::new(), 0));
    let first_tag = empty.etag.expect("an ETag");

    // Asked again with its tag: 304, nothing sent.
    let again = fetch(&app, &path, Some(&first_tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.etag.as_deref(), Some(first_tag.as_str()));
    assert_eq!(again.cookies, 0);

    // Two meetings, one an emergency: the old tag no longer matches.
    schedule(&app, &rosa, &depot, "Contract vote, all shifts", false).await;
    schedule(&app, &rosa, &depot, "Raid at the gate", true).await;
    let changed = fetch(&app, &path, Some(&first_tag)).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.etag.as_deref(), Some(first_tag.as_str()));
    let (events, node_events) = read(&changed.body);
    assert_eq!(node_events, 2, "{}", changed.body);
    assert_eq!(events.len(), 2, "{}", changed.body);
    for event in &events {
        assert_eq!(event["sequence"], 0, "{event}");
        assert_eq!(event["status"], "CONFIRMED", "{event}");
    }
    let emergency = events
        .iter()
        .find(|e| {
            e["summary"]
                .as_str()
                .is_some_and(|s| s.contains("Raid at the gate"))
        })
        .expect("the emergency meeting");
    assert_eq!(emergency["alarms"], json!(["-PT15M"]), "{emergency}");
    let plain = events
        .iter()
        .find(|e| e["summary"] == "Contract vote, all shifts")
        .expect("the plain meeting");
    assert_eq!(plain["alarms"], json!([]), "only the emergency rings");
    let tag = changed.etag.expect("an ETag");
    let unchanged = fetch(&app, &path, Some(&tag)).await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
}

/// The one event of Python's reading with `summary`.
fn event<'a>(events: &'a [Value], summary: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["summary"] == summary)
        .unwrap_or_else(|| panic!("no event {summary}: {events:?}"))
}

fn same_moment(a: &str, b: &str) -> bool {
    // Python says +00:00, node says .000Z; both name one moment.
    let parse = |s: &str| {
        Timestamp::parse_rfc3339(s)
            .or_else(|| Timestamp::parse_rfc3339(&s.replace(".000Z", "Z")))
            .map(|t| t.millis() / 1000)
    };
    parse(a).is_some() && parse(a) == parse(b)
}

async fn a_changed_meeting_moves_in_the_feed_and_one_called_off_stays_marked(app: TestApp) {
    if !readers_here() {
        return;
    }
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let (status, made) = app
        .post(
            &format!("/api/v1/committees/{depot}/calendar"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let path = path_of(&made);
    let meeting = schedule(&app, &rosa, &depot, "Contract vote", false).await;
    let emergency = schedule(&app, &rosa, &depot, "Raid at the gate", true).await;
    let first = fetch(&app, &path, None).await;
    let (events, _) = read(&first.body);
    assert_eq!(event(&events, "Contract vote")["sequence"], 0);
    let first_tag = first.etag.expect("an ETag");

    // Moved: the same event, one change later, at its new time; the old tag is stale.
    let new_start = Timestamp::now().plus_hours(96);
    let (status, moved) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/v1/meetings/{meeting}"),
            Some(&rosa.token),
            Some(json!({ "starts_at": new_start.rfc3339(), "location": "Parking lot" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    let changed = fetch(&app, &path, Some(&first_tag)).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_ne!(changed.etag.as_deref(), Some(first_tag.as_str()));
    assert_eq!(changed.cookies, 0);
    let (events, node_events) = read_both(&changed.body);
    let vote = event(&events, "Contract vote");
    assert_eq!(vote["sequence"], 1, "{vote}");
    assert_eq!(vote["status"], "CONFIRMED");
    assert_eq!(
        vote["uid"],
        format!("{meeting}@outnumber"),
        "the same event"
    );
    assert!(
        same_moment(vote["start"].as_str().unwrap_or(""), &new_start.rfc3339()),
        "{vote} should start at {new_start:?}"
    );
    let node_vote = node_events
        .iter()
        .find(|e| e["uid"] == format!("{meeting}@outnumber"))
        .expect("node-ical reads it");
    assert!(
        same_moment(
            node_vote["start"].as_str().unwrap_or(""),
            &new_start.rfc3339()
        ),
        "{node_vote}"
    );
    assert!(
        changed.body.contains("LOCATION:Parking lot"),
        "{}",
        changed.body
    );

    // Called off: still there, marked, one more change, and the emergency no longer rings.
    for id in [&meeting, &emergency] {
        let (status, answer) = app
            .post(
                &format!("/api/v1/meetings/{id}/cancel"),
                &rosa.token,
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
    }
    let tag = changed.etag.expect("an ETag");
    let cancelled = fetch(&app, &path, Some(&tag)).await;
    assert_eq!(cancelled.status, StatusCode::OK);
    let (events, node_events) = read_both(&cancelled.body);
    assert_eq!(events.len(), 2, "called off, not taken out: {events:?}");
    assert_eq!(node_events.len(), 2);
    for e in &events {
        assert_eq!(e["status"], "CANCELLED", "{e}");
        assert_eq!(e["alarms"], json!([]), "{e}");
    }
    let vote = events
        .iter()
        .find(|e| e["uid"] == format!("{meeting}@outnumber"))
        .expect("the vote");
    assert_eq!(vote["sequence"], 2, "{vote}");
    assert!(
        node_events.iter().all(|e| e["status"] == "CANCELLED"),
        "{node_events:?}"
    );
    // And stays as it is until something changes.
    let tag = cancelled.etag.expect("an ETag");
    assert_eq!(
        fetch(&app, &path, Some(&tag)).await.status,
        StatusCode::NOT_MODIFIED
    );
}

async fn a_members_own_feed_follows_their_committees_and_holds_their_actions(app: TestApp) {
    if !readers_here() {
        return;
    }
    let rosa = app.register("rosa").await;
    let depot = app.workplace(&rosa, "Lake Street Depot").await;
    let june = app.register("june").await;
    let clinic = app.workplace(&june, "Eastside Clinic").await;
    let elsewhere = app.workplace(&june, "June's other job").await;
    let code = app.invite(&june, &clinic, json!({})).await;
    let (status, joined) = app
        .post(
            &format!("/api/v1/invites/{code}/accept"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{joined}");
    // The clinic keeps Chicago's clocks: its meeting is told on them.
    let (status, zoned) = app
        .put(
            &format!("/api/v1/committees/{clinic}/time-zone"),
            &june.token,
            json!({ "time_zone": "America/Chicago" }),
        )
        .await;
    assert!(status.is_success(), "{zoned}");

    schedule(&app, &rosa, &depot, "Depot meeting", false).await;
    schedule(&app, &june, &clinic, "Clinic meeting", false).await;
    schedule(&app, &june, &elsewhere, "Not Rosa's", false).await;
    let (status, action) = app
        .post(
            &format!("/api/v1/committees/{depot}/actions"),
            &rosa.token,
            json!({ "title": "Walkout for heat breaks", "kind": "walkout",
                    "starts_at": Timestamp::now().plus_hours(24 * 5).rfc3339(),
                    "threshold": { "pledges": 50 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{action}");
    let action = action["id"].as_str().expect("id").to_owned();
    // An action of a committee she is not in is not hers to see.
    let (status, other) = app
        .post(
            &format!("/api/v1/committees/{elsewhere}/actions"),
            &june.token,
            json!({ "title": "Not Rosa's walkout", "kind": "walkout",
                    "starts_at": Timestamp::now().plus_hours(24 * 4).rfc3339(),
                    "threshold": { "pledges": 5 } }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{other}");

    let (status, made) = app
        .post("/api/v1/me/calendar", &rosa.token, json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let path = path_of(&made);
    let feed = fetch(&app, &path, None).await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.body);
    assert_eq!(feed.cookies, 0, "a calendar app gets no cookie");
    let (events, node_events) = read_both(&feed.body);
    let mut summaries: Vec<String> = events
        .iter()
        .filter_map(|e| e["summary"].as_str().map(str::to_owned))
        .collect();
    summaries.sort();
    assert_eq!(
        summaries,
        [
            "Clinic meeting",
            "Depot meeting",
            "Walkout for heat breaks (walkout)"
        ],
        "{}",
        feed.body
    );
    assert_eq!(node_events.len(), 3);
    let walkout = event(&events, "Walkout for heat breaks (walkout)");
    assert_eq!(
        walkout["status"], "TENTATIVE",
        "it goes ahead once enough pledge"
    );
    assert_eq!(walkout["uid"], format!("action-{action}@outnumber"));
    let unfolded = feed.body.replace("\r\n ", "");
    assert!(
        unfolded.contains("CST") || unfolded.contains("CDT"),
        "the clinic's clocks: {unfolded}"
    );
    // The same calendar each time, and 304 for its tag.
    let tag = feed.etag.expect("an ETag");
    let again = fetch(&app, &path, Some(&tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        fetch(&app, &path, None).await.body,
        feed.body,
        "deterministic"
    );

    // Rosa leaves the clinic: its meeting goes from her calendar at the next fetch.
    let (status, left) = app
        .delete(
            &format!("/api/v1/committees/{clinic}/members/{}", rosa.id),
            &rosa.token,
        )
        .await;
    assert!(status.is_success(), "{left}");
    let after = fetch(&app, &path, Some(&tag)).await;
    assert_eq!(after.status, StatusCode::OK);
    let (events, _) = read(&after.body);
    let summaries: Vec<&str> = events
        .iter()
        .filter_map(|e| e["summary"].as_str())
        .collect();
    assert!(!summaries.contains(&"Clinic meeting"), "{summaries:?}");
    assert_eq!(events.len(), 2, "{summaries:?}");

    // The action called off stays, marked.
    let (status, cancelled) = app
        .post(
            &format!("/api/v1/actions/{action}/cancel"),
            &rosa.token,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    let (events, _) = read(&fetch(&app, &path, None).await.body);
    let walkout = event(&events, "Walkout for heat breaks (walkout)");
    assert_eq!(walkout["status"], "CANCELLED", "{walkout}");
    assert_eq!(walkout["sequence"], 1, "{walkout}");

    // A new link turns the old one off; the token is never stored as it is.
    let (status, renewed) = app
        .post("/api/v1/me/calendar", &rosa.token, json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(fetch(&app, &path, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        fetch(&app, &path_of(&renewed), None).await.status,
        StatusCode::OK
    );
    assert_eq!(app.count_rows("member_calendar_feeds").await, 1);
    let token = path_of(&renewed)
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    for (table, values) in app.dump().await {
        assert!(
            !values.join(" ").contains(&token),
            "{table} holds the calendar token"
        );
    }
}

"""The soak load for bench/soak.sh: a mixed load at a fixed rate for a fixed time against a
server on loopback, counting every answer that is not what the API promises.

Standard library only. Reads its settings from the environment (see bench/soak.sh).
"""

import http.client
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

HOST = os.environ["SOAK_HOST"]
PORT = int(os.environ["SOAK_PORT"])
PID = int(os.environ["SOAK_PID"])
SETUP = os.environ["SOAK_SETUP_TOKEN"]
SECONDS = int(os.environ.get("SOAK_SECONDS", "600"))
RATE = int(os.environ.get("SOAK_RATE", "200"))
MEMBERS = int(os.environ.get("SOAK_MEMBERS", "80"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "16"))
PASSWORD = "correct horse battery"
# The per-member report limit in src/limits.rs: a burst of five, then one per 300 s.
REPORT_EVERY = 310.0


def rss_mb():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def in_secs(secs):
    t = datetime.now(timezone.utc) + timedelta(seconds=secs)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    """One keep-alive connection; reconnects when the server closes it."""

    def __init__(self):
        self.conn = None

    def request(self, method, path, token=None, body=None, cookie=None):
        headers = {}
        if token:
            headers["authorization"] = f"Bearer {token}"
        if cookie:
            headers["cookie"] = f"outnumber_session={cookie}"
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["content-type"] = "application/json"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                raw = response.read()
                return response.status, raw
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed between requests; once more.
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")


def api(client, method, path, token=None, body=None, expect=(200, 201, 204)):
    status, raw = client.request(method, "/api/v1" + path, token, body)
    if status not in expect:
        raise RuntimeError(f"{method} {path}: {status} {raw[:300]!r}")
    return json.loads(raw) if raw else None


def set_up():
    c = Client()
    api(c, "POST", "/accounts", body={"handle": "soakadmin", "password": PASSWORD, "setup_token": SETUP})
    coordinator = api(c, "POST", "/sessions", body={"handle": "soakadmin", "password": PASSWORD})["token"]
    committee = api(c, "POST", "/committees", coordinator, {
        "name": "Soak Depot", "kind": "workplace", "workplace_type": "depot",
        "industry": "logistics", "region": "Minneapolis"})["id"]
    code = api(c, "POST", f"/committees/{committee}/invites", coordinator, {"max_uses": MEMBERS})["code"]
    members = []
    for i in range(MEMBERS):
        handle = f"soak{i}"
        api(c, "POST", "/accounts", body={"handle": handle, "password": PASSWORD, "invite": code})
        members.append(api(c, "POST", "/sessions", body={"handle": handle, "password": PASSWORD})["token"])
    actions = [api(c, "POST", f"/committees/{committee}/actions", coordinator, {
        "title": f"Walkout {i}", "kind": "walkout", "starts_at": in_secs(7 * 24 * 3600),
        "threshold": {"pledges": 1_000_000}})["id"] for i in range(3)]
    open_motion = api(c, "POST", f"/committees/{committee}/motions", coordinator, {
        "kind": "decision", "title": "Refuse overtime", "ballot": "open",
        "closes_at": in_secs(24 * 3600)})["id"]
    meeting = api(c, "POST", f"/committees/{committee}/meetings", coordinator, {
        "title": "Shift meeting", "starts_at": in_secs(3 * 24 * 3600), "location": "Break room",
        "agenda": ["Staffing"]})["id"]
    return {"coordinator": coordinator, "committee": committee, "members": members,
            "actions": actions, "open_motion": open_motion, "meeting": meeting}


class Soak:
    def __init__(self, scene):
        self.scene = scene
        self.lock = threading.Lock()
        self.counts = Counter()
        self.errors = Counter()
        self.error_samples = []
        self.pledged = {}
        self.secret_motions = []
        self.voted = set()
        self.last_report = {}
        self.incidents = []
        self.sent = 0

    def record(self, kind, status, raw, ok=(200, 201, 204)):
        with self.lock:
            self.counts[kind] += 1
            if status not in ok:
                self.errors[f"{kind} {status}"] += 1
                if len(self.error_samples) < 20:
                    self.error_samples.append(f"{kind}: {status} {raw[:200]!r}")

    def op(self, client, rng):
        s = self.scene
        who = rng.randrange(len(s["members"]))
        token = s["members"][who]
        roll = rng.random()
        c = s["committee"]
        if roll < 0.30:
            path = rng.choice(["/me", f"/committees/{c}", f"/actions/{rng.choice(s['actions'])}",
                               f"/motions/{s['open_motion']}", "/feed", "/notifications",
                               "/incidents", f"/committees/{c}/meetings", f"/meetings/{s['meeting']}"])
            status, raw = client.request("GET", "/api/v1" + path, token)
            self.record("api read", status, raw)
        elif roll < 0.45:
            path = rng.choice(["/dashboard", f"/committees/{c}", f"/actions/{rng.choice(s['actions'])}",
                               "/feed", "/notifications", f"/motions/{s['open_motion']}"])
            status, raw = client.request("GET", path, cookie=token)
            self.record("page", status, raw)
        elif roll < 0.65:
            action = rng.choice(s["actions"])
            with self.lock:
                pledge = not self.pledged.get((who, action), False)
                self.pledged[(who, action)] = pledge
            status, raw = client.request("POST" if pledge else "DELETE", f"/api/v1/actions/{action}/pledges", token)
            self.record("pledge" if pledge else "withdraw", status, raw)
        elif roll < 0.75:
            choice = rng.choice(["yes", "no", "abstain"])
            status, raw = client.request("POST", f"/api/v1/motions/{s['open_motion']}/ballots", token, {"choice": choice})
            self.record("open ballot", status, raw)
        elif roll < 0.80:
            with self.lock:
                open_ones = [m for m in self.secret_motions if (who, m) not in self.voted]
                motion = rng.choice(open_ones) if open_ones else None
                if motion:
                    self.voted.add((who, motion))
            if motion:
                status, raw = client.request("POST", f"/api/v1/motions/{motion}/ballots", token, {"choice": rng.choice(["yes", "no"])})
                self.record("secret ballot", status, raw)
            else:
                status, raw = client.request("GET", "/api/v1/notifications", token)
                self.record("api read", status, raw)
        elif roll < 0.88:
            status, raw = client.request("POST", "/api/v1/notifications/read", token, {})
            self.record("notifications read", status, raw)
        elif roll < 0.93:
            self.stream(rng, token)
        elif roll < 0.96:
            now = time.monotonic()
            with self.lock:
                allowed = now - self.last_report.get(who, -1e9) >= REPORT_EVERY
                if allowed:
                    self.last_report[who] = now
            if allowed:
                status, raw = client.request("POST", f"/api/v1/committees/{c}/incidents", token, {
                    "kind": "staging", "summary": "Vans at the north gate", "location": "North gate",
                    "urgency": rng.choice(["now", "soon", "info"])})
                self.record("incident report", status, raw, ok=(201,))
                if status == 201:
                    with self.lock:
                        self.incidents.append(json.loads(raw)["id"])
            else:
                status, raw = client.request("GET", "/api/v1/incidents", token)
                self.record("api read", status, raw)
        else:
            with self.lock:
                incident = rng.choice(self.incidents) if self.incidents else None
            if incident:
                status, raw = client.request("POST", f"/api/v1/incidents/{incident}/confirmations", token, {})
                # The reporter may not confirm their own report, and closed ones refuse.
                self.record("confirmation", status, raw, ok=(200, 201, 204, 409, 422))
            else:
                status, raw = client.request("GET", "/healthz")
                self.record("healthz", status, raw)

    def stream(self, rng, token):
        """Opens the caller's event stream, reads from it for a moment, and hangs up."""
        conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
        try:
            conn.request("GET", "/api/v1/events", headers={"authorization": f"Bearer {token}", "accept": "text/event-stream"})
            response = conn.getresponse()
            status = response.status
            if status == 200:
                conn.sock.settimeout(rng.uniform(0.05, 0.5))
                try:
                    response.read1(4096)
                except (TimeoutError, OSError):
                    pass
            self.record("event stream", status, b"")
        finally:
            conn.close()

    def coordinator_jobs(self, client, stop):
        """Every 20 s a new secret motion to vote on, and a bulletin for the feed."""
        s = self.scene
        n = 0
        while not stop.wait(20):
            n += 1
            status, raw = client.request("POST", f"/api/v1/committees/{s['committee']}/motions", s["coordinator"], {
                "kind": "decision", "title": f"Secret vote {n}", "ballot": "secret", "closes_at": in_secs(3600)})
            self.record("motion", status, raw, ok=(201,))
            if status == 201:
                with self.lock:
                    self.secret_motions.append(json.loads(raw)["id"])
                    self.secret_motions = self.secret_motions[-5:]
            status, raw = client.request("POST", f"/api/v1/committees/{s['committee']}/bulletins", s["coordinator"], {
                "title": f"Update {n}", "body": f"**Shift report {n}**: staffing is [short](https://example.org).",
                "audience": "members"})
            self.record("bulletin", status, raw, ok=(201,))


def main():
    scene = set_up()
    soak = Soak(scene)
    total = RATE * SECONDS
    print(f"    {MEMBERS} members; {total} requests at {RATE}/s for {SECONDS} s, {WORKERS} workers", flush=True)
    stop = threading.Event()
    started = time.monotonic()
    rss_start = rss_mb()
    samples = [(0, rss_start, loadavg())]
    next_slot = [0]
    slot_lock = threading.Lock()

    def worker(seed):
        rng = random.Random(seed)
        client = Client()
        while True:
            # A fixed schedule: request i goes out at i / RATE seconds, whoever is free.
            with slot_lock:
                i = next_slot[0]
                # At most `total` requests, and never past the time: on a busy machine the
                # run ends on time with fewer requests (reported) rather than running long.
                if i >= total or time.monotonic() - started >= SECONDS:
                    return
                next_slot[0] += 1
            delay = started + i / RATE - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            try:
                soak.op(client, rng)
            except Exception as err:  # noqa: BLE001 - every failure is counted, none stops the run
                soak.record("transport", 0, repr(err).encode())
                client = Client()

    jobs = threading.Thread(target=soak.coordinator_jobs, args=(Client(), stop), daemon=True)
    jobs.start()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        elapsed = time.monotonic() - started
        if elapsed - samples[-1][0] >= 60:
            samples.append((int(elapsed), rss_mb(), loadavg()))
            with soak.lock:
                done = sum(soak.counts.values())
            print(f"    {int(elapsed):4d}s  {done} requests  RSS {samples[-1][1]:.0f} MB  load {samples[-1][2]}", flush=True)
    for t in threads:
        t.join()
    stop.set()
    elapsed = time.monotonic() - started
    rss_end = rss_mb()
    samples.append((int(elapsed), rss_end, loadavg()))
    done = sum(soak.counts.values())
    errors = sum(soak.errors.values())
    print(f"==> {done} requests in {elapsed:.0f} s ({done / elapsed:.0f}/s; {total} planned), errors {errors}")
    for kind, n in sorted(soak.counts.items()):
        print(f"    {kind:20s} {n}")
    for sample in soak.error_samples:
        print(f"    error: {sample}")
    print(f"==> RSS at start {rss_start:.0f} MB, at end {rss_end:.0f} MB")
    print("    samples (s, RSS MB, load average): " + "; ".join(f"{t} {r:.0f} {l}" for t, r, l in samples))
    print(f"SOAK_RESULT requests={done} planned={total} seconds={elapsed:.0f} errors={errors} rss_start_mb={rss_start:.0f} "
          f"rss_end_mb={rss_end:.0f} load_start=\"{samples[0][2]}\" load_end=\"{samples[-1][2]}\"")
    # Memory must settle: the end may not exceed the highest sample of the first half by
    # more than SOAK_MAX_GROWTH_MB (64 by default), or the server is leaking.
    first_half = [r for t, r, _ in samples if t <= elapsed / 2] or [rss_start]
    allowed = max(first_half) + float(os.environ.get("SOAK_MAX_GROWTH_MB", "64"))
    grew = rss_end > allowed
    if grew:
        print(f"==> memory grew without settling: {rss_end:.0f} MB at the end, over the {allowed:.0f} MB allowed")
    sys.exit(1 if errors or grew else 0)


if __name__ == "__main__":
    main()

// One network's week, driven through a client generated from the server's own OpenAPI
// document: `openapi-typescript` makes `generated/api.d.ts`, and every call below is typed
// by it through `openapi-fetch`, with no cast. If the document says less than the server
// does (a field it leaves out, an enum it does not name, a stream event it does not
// describe), this file stops compiling or the scenario fails.
//
//   node build/scenario.js http://127.0.0.1:8080

import createClient, { type Client } from "openapi-fetch";

import type { components, paths } from "./generated/api.js";

type Schemas = components["schemas"];
type Api = Client<paths>;
/** What a stream's events are, as the document declares them. */
type StreamOf<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "text/event-stream": infer E } } } };
}
  ? E
  : never;

const base = process.argv[2];
if (!base) {
  throw new Error("usage: node build/scenario.js SERVER_URL");
}
const root = `${base.replace(/\/$/, "")}/api/v1`;
const anonymous = createClient<paths>({ baseUrl: root });

/** An answer's data, or the failure with the server's error in words. */
function must<T>(what: string, answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data === undefined) {
    throw new Error(`${what}: ${answer.response.status} ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`not so: ${what}`);
  }
}

function later(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString();
}

interface Member {
  api: Api;
  token: string;
  id: Schemas["Id"];
}

async function join(handle: string, invite?: string): Promise<Member> {
  const password = "correct horse battery";
  const made = must(
    `register ${handle}`,
    await anonymous.POST("/accounts", {
      body: { handle, password, language: "en", invite: invite ?? null },
    }),
  );
  check(made.handle === handle, "the account has its handle");
  const session = must(
    `log in ${handle}`,
    await anonymous.POST("/sessions", { body: { handle, password } }),
  );
  const api = createClient<paths>({
    baseUrl: root,
    headers: { Authorization: `Bearer ${session.token}` },
  });
  return { api, token: session.token, id: session.account.id };
}

/**
 * A server-sent events stream read as the document types it: each event is the JSON of
 * `{ event, data }`, which is what the document's schema for the stream describes.
 */
class Stream<E> {
  private buffer = "";
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  private constructor(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly abort: AbortController,
  ) {
    this.reader = reader;
  }

  static async open<P extends keyof paths>(
    path: P,
    token: string,
    ids: Record<string, string> = {},
  ): Promise<Stream<StreamOf<P>>> {
    const abort = new AbortController();
    const filled = String(path).replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name);
    const response = await fetch(`${root}${filled}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" },
      signal: abort.signal,
    });
    check(response.ok && response.body !== null, `${String(path)} opens: ${response.status}`);
    check(
      (response.headers.get("content-type") ?? "").startsWith("text/event-stream"),
      "a stream is text/event-stream",
    );
    if (response.body === null) {
      throw new Error("no body");
    }
    return new Stream<StreamOf<P>>(response.body.getReader(), abort);
  }

  /** The next event that `wanted` picks, within `seconds`. */
  async until<T extends E>(wanted: (event: E) => event is T, seconds = 10): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const event = await this.next(deadline);
      if (wanted(event)) {
        return event;
      }
    }
  }

  private async next(deadline: number): Promise<E> {
    for (;;) {
      const end = this.buffer.indexOf("\n\n");
      if (end >= 0) {
        const frame = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        let name = "message";
        const data: string[] = [];
        for (const line of frame.split("\n")) {
          if (line.startsWith("event:")) {
            name = line.slice(6).trim();
          } else if (line.startsWith("data:")) {
            data.push(line.slice(5).trimStart());
          }
        }
        if (data.length === 0) {
          continue; // `retry:`, a comment, a keep-alive
        }
        const event: E = JSON.parse(`{"event":${JSON.stringify(name)},"data":${data.join("\n")}}`);
        return event;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error("no such event in time");
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<"late">((resolve) => {
          timer = setTimeout(() => resolve("late"), left);
        }),
      ]);
      clearTimeout(timer);
      if (chunk === "late") {
        throw new Error("no such event in time");
      }
      if (chunk.done) {
        throw new Error("the stream ended");
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, "\n");
    }
  }

  close(): void {
    this.abort.abort();
  }
}

type InboxEvent = StreamOf<"/events">;
type Notified = Extract<InboxEvent, { event: "notification" }>;
const isReady = (e: InboxEvent): e is Extract<InboxEvent, { event: "ready" }> =>
  e.event === "ready";
const notifiedOf =
  (kind: Schemas["NotificationView"]["kind"], subject: string) =>
  (e: InboxEvent): e is Notified =>
    e.event === "notification" && e.data.kind === kind && e.data.subject_id === subject;

async function main(): Promise<void> {
  // A founder, her committee and a coworker she invites.
  const rosa = await join("rosa");
  const depot = must(
    "found the committee",
    await rosa.api.POST("/committees", {
      body: {
        name: "Lake Street Depot",
        kind: "workplace",
        workplace_type: "depot",
        industry: "logistics",
        region: "Minneapolis",
        time_zone: "America/Chicago",
      },
    }),
  );
  check(depot.kind === "workplace" && depot.workplace_type === "depot", "a depot");
  const path = { path: { id: depot.id } };

  const invite = must(
    "invite",
    await rosa.api.POST("/committees/{id}/invites", { params: path, body: { max_uses: 1 } }),
  );
  const preview = must(
    "the invite as its receiver sees it",
    await anonymous.GET("/invites/{code}", { params: { path: { code: invite.code } } }),
  );
  check(preview.kind === "member" && preview.unusable === null, "a usable member invite");
  const ana = await join("ana", invite.code);
  const members = must("members", await rosa.api.GET("/committees/{id}/members", { params: path }));
  check(
    members.some((m) => m.account_id === ana.id && m.role === "member"),
    "ana is a member",
  );

  // Ana keeps her notifications open while the committee works.
  const inbox = await Stream.open("/events", ana.token);
  const ready = await inbox.until(isReady);
  check(ready.data.unread_count >= 0, "the stream is live");

  // A meeting, and her answer.
  const meeting = must(
    "schedule a meeting",
    await rosa.api.POST("/committees/{id}/meetings", {
      params: path,
      body: {
        title: "Staffing",
        starts_at: later(50),
        location: "Break room",
        agenda: ["Two on every shift"],
      },
    }),
  );
  await inbox.until(notifiedOf("meeting_scheduled", meeting.id));
  const answered = must(
    "answer the meeting",
    await ana.api.POST("/meetings/{id}/attendance", {
      params: { path: { id: meeting.id } },
      body: { status: "yes" },
    }),
  );
  check(
    answered.responses.some((r) => r.status === "yes"),
    "the meeting counts her yes",
  );

  // A motion, and an open vote.
  const motion = must(
    "move a motion",
    await rosa.api.POST("/committees/{id}/motions", {
      params: path,
      body: {
        kind: "decision",
        title: "Refuse forced overtime",
        ballot: "open",
        closes_at: later(24),
        majority: "simple",
      },
    }),
  );
  await inbox.until(notifiedOf("motion_moved", motion.id));
  must(
    "vote",
    await ana.api.POST("/motions/{id}/ballots", {
      params: { path: { id: motion.id } },
      body: { choice: "yes" },
    }),
  );
  const voted = must(
    "the motion after her vote",
    await ana.api.GET("/motions/{id}", { params: { path: { id: motion.id } } }),
  );
  check(
    voted.status === "open" && voted.my_ballot.voted && voted.my_ballot.choice === "yes",
    "her open ballot is hers",
  );

  // An action, and pledges that reach its threshold.
  const action = must(
    "call an action",
    await rosa.api.POST("/committees/{id}/actions", {
      params: path,
      body: {
        title: "Walk out at noon",
        kind: "walkout",
        starts_at: later(72),
        threshold: { pledges: 2 },
      },
    }),
  );
  await inbox.until(notifiedOf("action_called", action.id));
  const counts = await Stream.open("/actions/{id}/stream", ana.token, { id: action.id });
  await counts.until(
    (e): e is StreamOf<"/actions/{id}/stream"> => e.event === "counts" && e.data.pledged === 0,
  );
  for (const member of [ana, rosa]) {
    const pledged = must(
      "pledge",
      await member.api.POST("/actions/{id}/pledges", { params: { path: { id: action.id } } }),
    );
    check(pledged.pledged, "pledged");
  }
  const activated = await counts.until(
    (e): e is StreamOf<"/actions/{id}/stream"> =>
      e.event === "counts" && e.data.status === "activated",
  );
  check(activated.data.pledged === 2, "two pledges");
  counts.close();

  // An incident: the alert reaches her open page, and she confirms it.
  const incident = must(
    "report an incident",
    await rosa.api.POST("/committees/{id}/incidents", {
      params: path,
      body: {
        kind: "retaliation",
        urgency: "now",
        summary: "A steward was sent home",
        location: "Dock 4",
      },
    }),
  );
  const alert = await inbox.until(notifiedOf("incident_reported", incident.id));
  check(alert.data.urgent, "an urgent alert");
  const confirmed = must(
    "confirm the incident",
    await ana.api.POST("/incidents/{id}/confirmations", {
      params: { path: { id: incident.id } },
    }),
  );
  check(confirmed.confirmations === 1 && confirmed.confirmed_by_me, "her confirmation counts");
  inbox.close();

  // A bulletin in the feed, and her calendar.
  const bulletin = must(
    "publish a bulletin",
    await rosa.api.POST("/committees/{id}/bulletins", {
      params: path,
      body: {
        title: "We won the break room",
        body: "Thanks to **everyone** who signed.",
        audience: "members",
        language: "en",
      },
    }),
  );
  const feed = must("the feed", await ana.api.GET("/feed", {}));
  check(
    feed.bulletins.some((b) => b.id === bulletin.id && b.audience === "members"),
    "the bulletin is in her feed",
  );
  // An integration of hers reads with a token that can only read.
  const token = must(
    "an API token",
    await ana.api.POST("/me/tokens", {
      body: { name: "feed reader", scopes: ["read"], password: "correct horse battery" },
    }),
  );
  check(token.token.startsWith("onb_") && token.scopes.includes("read"), "a read-only token");
  const reader = createClient<paths>({
    baseUrl: root,
    headers: { Authorization: `Bearer ${token.token}` },
  });
  const read = must("the feed, read with the token", await reader.GET("/feed", {}));
  check(read.bulletins.length === feed.bulletins.length, "the token reads what she reads");
  const refused = await reader.POST("/meetings/{id}/attendance", {
    params: { path: { id: meeting.id } },
    body: { status: "no" },
  });
  check(
    refused.response.status === 403 && refused.error?.error.code === "token_scope",
    "a read-only token cannot answer a meeting",
  );

  const calendar = must(
    "a calendar link",
    await ana.api.POST("/committees/{id}/calendar", { params: path }),
  );
  const ics = await fetch(calendar.url.startsWith("http") ? calendar.url : `${base}${calendar.url}`);
  const text = await ics.text();
  check(
    ics.ok && text.startsWith("BEGIN:VCALENDAR") && text.includes("SUMMARY:Staffing"),
    "the meeting is in her calendar",
  );

  console.log("scenario done");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

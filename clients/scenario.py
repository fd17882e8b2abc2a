"""One network's week, driven through a client that `openapi-python-client` generated from
the server's own OpenAPI document (the package `outnumber_client`), type-checked with
`mypy --strict` and with no cast: what the document leaves out or gets wrong fails the
check or the run. The live streams are the TypeScript scenario's part (scenario.ts).

    python3 scenario.py http://127.0.0.1:8080   (with outnumber_client on PYTHONPATH)
"""

import sys
from datetime import datetime, timedelta, timezone
from typing import TypeVar

import httpx

from outnumber_client import AuthenticatedClient, Client
from outnumber_client.api.accounts import accounts_log_in, accounts_register
from outnumber_client.api.actions import actions_call, actions_pledge, actions_show
from outnumber_client.api.bulletins import bulletins_feed, bulletins_publish
from outnumber_client.api.committees import committees_found, committees_members
from outnumber_client.api.incidents import incidents_confirm, incidents_report
from outnumber_client.api.invites import invites_create_invite, invites_preview_invite
from outnumber_client.api.meetings import meetings_calendar, meetings_rsvp, meetings_schedule
from outnumber_client.api.motions import motions_cast, motions_move_motion, motions_show
from outnumber_client.api.notifications import notifications_list
from outnumber_client.models import (
    AccountCreated,
    ActionKind,
    ActionStatus,
    ActionView,
    AnyInviteKind,
    Audience,
    BallotKind,
    BallotRequest,
    BulletinView,
    CalendarLink,
    CallRequest,
    Choice,
    CommitteeKind,
    CommitteeView,
    ErrorBody,
    FeedView,
    FoundRequest,
    Inbox,
    IncidentKind,
    IncidentView,
    InviteCreated,
    InvitePreviewView,
    InviteRequest,
    Language,
    LogInRequest,
    MeetingDetail,
    MemberView,
    MotionKind,
    MotionRequest,
    MotionStatus,
    MotionView,
    NotificationKind,
    Pledged,
    PublishRequest,
    RegisterRequest,
    Role,
    Rsvp,
    RsvpRequest,
    ReportRequest,
    ScheduleRequest,
    SessionCreated,
    ThresholdRequest,
    Urgency,
    WorkplaceType,
)

T = TypeVar("T")
PASSWORD = "correct horse battery"


def must(what: str, answer: object, kind: type[T]) -> T:
    """The answer as the type the document promises, or the server's error in words."""
    if isinstance(answer, kind):
        return answer
    if isinstance(answer, ErrorBody):
        raise AssertionError(f"{what}: {answer.error.code}: {answer.error.message}")
    raise AssertionError(f"{what}: {answer!r}")


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(f"not so: {what}")


def later(hours: int) -> datetime:
    return datetime.now(timezone.utc) + timedelta(hours=hours)


def join(base: str, handle: str, invite: str | None = None) -> AuthenticatedClient:
    anonymous = Client(base_url=base)
    made = must(
        f"register {handle}",
        accounts_register.sync(
            client=anonymous,
            body=RegisterRequest(handle=handle, password=PASSWORD, invite=invite, language=Language.EN),
        ),
        AccountCreated,
    )
    check(made.handle == handle, "the account has its handle")
    session = must(
        f"log in {handle}",
        accounts_log_in.sync(client=anonymous, body=LogInRequest(handle=handle, password=PASSWORD)),
        SessionCreated,
    )
    return AuthenticatedClient(base_url=base, token=session.token)


def main(server: str) -> None:
    base = server.rstrip("/") + "/api/v1"
    rosa = join(base, "rosa")
    depot = must(
        "found the committee",
        committees_found.sync(
            client=rosa,
            body=FoundRequest(
                name="Lake Street Depot",
                kind=CommitteeKind.WORKPLACE,
                workplace_type=WorkplaceType.DEPOT,
                industry="logistics",
                region="Minneapolis",
                time_zone="America/Chicago",
            ),
        ),
        CommitteeView,
    )
    invite = must(
        "invite",
        invites_create_invite.sync(depot.id, client=rosa, body=InviteRequest(max_uses=1)),
        InviteCreated,
    )
    preview = must(
        "the invite previewed",
        invites_preview_invite.sync(invite.code, client=rosa),
        InvitePreviewView,
    )
    check(preview.kind == AnyInviteKind.MEMBER and preview.unusable is None, "a usable invite")
    ana = join(base, "ana", invite.code)

    members = committees_members.sync(depot.id, client=rosa)
    check(
        isinstance(members, list)
        and any(isinstance(m, MemberView) and m.role == Role.MEMBER for m in members),
        "ana is a member",
    )

    meeting = must(
        "schedule a meeting",
        meetings_schedule.sync(
            depot.id,
            client=rosa,
            body=ScheduleRequest(
                title="Staffing", starts_at=later(50), location="Break room", agenda=["Two on every shift"]
            ),
        ),
        MeetingDetail,
    )
    answered = must(
        "answer the meeting",
        meetings_rsvp.sync(meeting.id, client=ana, body=RsvpRequest(status=Rsvp.YES)),
        MeetingDetail,
    )
    check(any(r.status == Rsvp.YES for r in answered.responses), "her yes counts")

    motion = must(
        "move a motion",
        motions_move_motion.sync(
            depot.id,
            client=rosa,
            body=MotionRequest(
                kind=MotionKind.DECISION,
                title="Refuse forced overtime",
                ballot=BallotKind.OPEN,
                closes_at=later(24),
            ),
        ),
        MotionView,
    )
    motions_cast.sync(motion.id, client=ana, body=BallotRequest(choice=Choice.YES))
    voted = must("the motion", motions_show.sync(motion.id, client=ana), MotionView)
    check(
        voted.status == MotionStatus.OPEN and voted.my_ballot.voted and voted.my_ballot.choice == Choice.YES,
        "her open ballot is hers",
    )

    action = must(
        "call an action",
        actions_call.sync(
            depot.id,
            client=rosa,
            body=CallRequest(
                title="Walk out at noon",
                kind=ActionKind.WALKOUT,
                starts_at=later(72),
                threshold=ThresholdRequest(pledges=2),
            ),
        ),
        ActionView,
    )
    for member in (ana, rosa):
        pledged = must("pledge", actions_pledge.sync(action.id, client=member), Pledged)
        check(pledged.pledged, "pledged")
    shown = must("the action", actions_show.sync(action.id, client=ana), ActionView)
    check(shown.status == ActionStatus.ACTIVATED and shown.pledged == 2, "two pledges set it off")

    incident = must(
        "report an incident",
        incidents_report.sync(
            depot.id,
            client=rosa,
            body=ReportRequest(
                kind=IncidentKind.RETALIATION,
                urgency=Urgency.NOW,
                summary="A steward was sent home",
                location="Dock 4",
            ),
        ),
        IncidentView,
    )
    inbox = must("her inbox", notifications_list.sync(client=ana), Inbox)
    check(
        any(n.kind == NotificationKind.INCIDENT_REPORTED and n.subject_id == incident.id for n in inbox.items),
        "the alert is in her inbox",
    )
    confirmed = must("confirm", incidents_confirm.sync(incident.id, client=ana), IncidentView)
    check(confirmed.confirmations == 1 and confirmed.confirmed_by_me, "her confirmation counts")

    bulletin = must(
        "publish a bulletin",
        bulletins_publish.sync(
            depot.id,
            client=rosa,
            body=PublishRequest(
                title="We won the break room",
                body="Thanks to **everyone** who signed.",
                audience=Audience.MEMBERS,
                language=Language.EN,
            ),
        ),
        BulletinView,
    )
    feed = must("the feed", bulletins_feed.sync(client=ana), FeedView)
    check(any(b.id == bulletin.id for b in feed.bulletins), "the bulletin is in her feed")

    link = must("a calendar link", meetings_calendar.sync(depot.id, client=ana), CalendarLink)
    url = link.url if link.url.startswith("http") else server.rstrip("/") + link.url
    ics = httpx.get(url)
    check(ics.status_code == 200 and "SUMMARY:Staffing" in ics.text, "the meeting is in her calendar")
    print("scenario done")


if __name__ == "__main__":
    main(sys.argv[1])

"""Reads one received mail with Python's own e-mail parser, as a mail client would, and
prints what the e-mail tests check (tests/api/delivery.rs) as JSON: the headers (decoded),
every defect the parser found, and the text part (decoded from its transfer encoding)."""

import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    raw = f.read()
message = email.message_from_bytes(raw, policy=email.policy.default)
body = message.get_body(preferencelist=("plain",))
defects = [repr(d) for d in message.defects]
headers = {}
for name, value in message.items():
    defects += [f"{name}: {d!r}" for d in getattr(value, "defects", ())]
    headers.setdefault(name.lower(), []).append(str(value))
if body is not None:
    defects += [repr(d) for d in body.defects]
print(
    json.dumps(
        {
            "headers": headers,
            "defects": defects,
            "content_type": message.get_content_type(),
            "charset": body.get_content_charset() if body is not None else None,
            "transfer_encoding": body.get("Content-Transfer-Encoding", "7bit")
            if body is not None
            else None,
            "text": body.get_content() if body is not None else None,
        }
    )
)

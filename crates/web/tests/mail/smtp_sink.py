"""An aiosmtpd handler for Vaski's mail tests: each message that arrives is saved as one JSON file
in the directory given on the command line, with the envelope, the raw message and its headers
and body as Python's standard email parser decodes them (RFC 2047 words, quoted-printable or
base64 bodies), so that the tests check lettre's encoding with a decoder independent of it.

    python -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIRECTORY   (with this folder on PYTHONPATH)
"""

import itertools
import json
import os
from email import message_from_bytes, policy


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes one argument: the directory for the messages")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "raw": raw.decode("utf-8", "replace"),
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "outbox_id": message["X-Vaski-Outbox-Id"] and str(message["X-Vaski-Outbox-Id"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": message.get_content(),
        }
        name = os.path.join(self.directory, "%06d" % next(self.numbers))
        # Written aside and renamed, so that a reader never sees half a message.
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name + ".json")
        return "250 Message accepted for delivery"

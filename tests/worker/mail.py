"""A mail backend for worker processes under test: each message becomes an .eml file, as in development.

With TEST_MAIL_STALL_AT=k the k-th message of the process hangs, TEST_MAIL_STALL=before (not yet written: the
mail server never got it) or after (written: the server accepted it, the worker has not recorded that yet),
after touching TEST_MAIL_STALL_FILE, so a test can kill the worker at exactly that point.
"""

import os
import threading
from pathlib import Path

from newsletter.mail_backends import DevelopmentEmailBackend


class StallingFileBackend(DevelopmentEmailBackend):
    messages_in_process = 0

    def __init__(self, **kwargs):
        kwargs.setdefault("stream", open(os.devnull, "w"))  # noqa: SIM115 - lives as long as the process
        super().__init__(**kwargs)

    def send_messages(self, messages):
        stall_at = int(os.environ.get("TEST_MAIL_STALL_AT", "0"))
        when = os.environ.get("TEST_MAIL_STALL", "after")
        for message in messages:
            StallingFileBackend.messages_in_process += 1
            stall = StallingFileBackend.messages_in_process == stall_at
            if stall and when == "before":
                self.stall()
            super().send_messages([message])
            if stall and when == "after":
                self.stall()
        return len(messages)

    @staticmethod
    def stall():
        Path(os.environ["TEST_MAIL_STALL_FILE"]).touch()
        threading.Event().wait()  # until the test kills this process

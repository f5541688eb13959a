"""Development email backend: nothing leaves the machine.

Each message is written to OPTIONS["directory"] as an .eml file (open it in a mail program or a browser
to see the HTML version) and a short summary with the plain-text body is printed to the console, so
`make run` shows every email the site would send.
"""

import sys
import threading
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class DevelopmentEmailBackend(BaseEmailBackend):
    _lock = threading.Lock()

    def __init__(self, directory=None, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.directory = Path(directory or "var/mail")
        self.stream = stream or sys.stdout

    def send_messages(self, messages):
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        with self._lock:
            for message in messages:
                stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
                path = self.directory / f"{stamp}.eml"
                path.write_bytes(message.message().as_bytes())
                self.stream.write(
                    f"\n===== e-mail (niet verzonden) → {', '.join(message.recipients())}\n"
                    f"Onderwerp: {message.subject}\n"
                    f"Bestand:   {path}\n\n{message.body.strip()}\n=====\n"
                )
                self.stream.flush()
                sent += 1
        return sent

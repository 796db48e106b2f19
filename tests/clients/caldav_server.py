"""A throwaway Radicale CalDAV server on 127.0.0.1 and the few requests a client makes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "coordinator"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def radicale(folder: Path) -> Iterator[CalDav]:
    """Start Radicale (no auth, storage in ``folder``) and stop it afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder), "--auth-type", "none",
         "--rights-type", "owner_only", "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = CalDav(f"http://127.0.0.1:{port}")
    try:
        server.wait_ready(process)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


class CalDav:
    """Just enough of a CalDAV client: make a calendar, put, get and list events."""

    def __init__(self, base: str) -> None:
        self.base = base

    def wait_ready(self, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"radicale exited: {process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                self.request("PROPFIND", f"/{USER}/", headers={"Depth": "0"})
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise RuntimeError("radicale did not start")

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        import base64

        auth = base64.b64encode(f"{USER}:x".encode()).decode()
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"Authorization": f"Basic {auth}",
                                                  **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def make_calendar(self, name: str) -> str:
        path = f"/{USER}/{name}/"
        status, body = self.request("MKCALENDAR", path)
        assert status in (200, 201), (status, body)
        return path

    def put(self, collection: str, uid: str, ics: bytes) -> int:
        status, _ = self.request("PUT", f"{collection}{_href(uid)}", ics,
                                 {"Content-Type": "text/calendar; charset=utf-8"})
        return status

    def get(self, collection: str, uid: str) -> bytes:
        status, body = self.request("GET", f"{collection}{_href(uid)}")
        assert status == 200, (status, body)
        return body

    def whole(self, collection: str) -> bytes:
        status, body = self.request("GET", collection)
        assert status == 200, (status, body)
        return body


def _href(uid: str) -> str:
    import urllib.parse

    return urllib.parse.quote(uid.replace("@", "_"), safe="") + ".ics"


def split_events(ics: bytes) -> dict[str, bytes]:
    """One VCALENDAR per VEVENT of ``ics`` (as a CalDAV client stores them), by UID."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(ics)
    head = dict(calendar.items())
    out: dict[str, bytes] = {}
    for event in calendar.walk("VEVENT"):
        single = Calendar()
        for key, value in head.items():
            if key.upper() in ("PRODID", "VERSION", "CALSCALE"):
                single.add(key, value)
        single.add_component(event)
        out[str(event["UID"])] = single.to_ical()
    return out

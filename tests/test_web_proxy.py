"""Two instances of the page behind Debian's nginx: one is killed while 120
requests are under way, and only requests it was answering at that moment fail."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx
import pytest
from test_web_server import FORM, Served, serve, stop

from dnadeck.web.converters import free_port

NGINX = """
daemon off;
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log notice;
events {{ worker_connections 512; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size 21m;
    upstream dnadeck {{
        server 127.0.0.1:{one} max_fails=1 fail_timeout=60s;
        server 127.0.0.1:{two} max_fails=1 fail_timeout=60s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://dnadeck;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_next_upstream error timeout;
            proxy_read_timeout 180s;
        }}
    }}
}}
"""


# 40 answered before the kill, 80 after it: the other instance takes all of those.
REQUESTS = 120


def find_nginx() -> str:
    """Debian's nginx; skip without it (fail when DNADECK_REQUIRE_OFFICE=1, as in CI, which installs it)."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)
    if found:
        return found
    if os.environ.get("DNADECK_REQUIRE_OFFICE") == "1":
        pytest.fail("nginx is not installed (Debian: apt-get install nginx) and DNADECK_REQUIRE_OFFICE=1")
    pytest.skip("nginx is not installed (Debian: apt-get install nginx)")


def port_of(served: Served) -> int:
    return int(served.url.rstrip("/").rsplit(":", 1)[1])


def test_two_instances_behind_nginx_survive_one_killed(tmp_path: Path) -> None:
    nginx = find_nginx()
    with ThreadPoolExecutor(2) as starting:  # both start at once
        one, two = starting.map(
            lambda name: serve(tmp_path / name, "--converters", "0", "--workers", "2"), ["one", "two"]
        )
    port = free_port()
    conf = tmp_path / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX.format(user=user, tmp=tmp_path, one=port_of(one), two=port_of(two), port=port))
    proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)])
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=5) as c:
            deadline = time.monotonic() + 120  # a bound on waiting, not a measure of speed
            while True:
                try:
                    if c.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline and proxy.poll() is None, "nginx did not start"
                time.sleep(0.1)

        lock = threading.Lock()
        in_flight: set[int] = set()
        at_kill: set[int] = set()
        done = 0
        killed = threading.Event()

        def request(i: int) -> tuple[int, int]:
            nonlocal done
            with lock:
                in_flight.add(i)
            try:
                if i % 2:
                    status = client.get("/api/packs").status_code
                else:
                    status = client.post("/api/deck", data=FORM | {"title": f"Team {i}"}).status_code
            except httpx.TransportError:
                status = 0
            with lock:
                in_flight.discard(i)
                done += 1
                if done == 40 and not killed.is_set():
                    at_kill.update(in_flight)
                    os.kill(one.process.pid, signal.SIGKILL)
                    # Gone before any other request starts: one sent while it is dying would find
                    # its socket still open and be lost without being counted as in flight.
                    one.process.wait(30)
                    killed.set()
            return i, status

        # One client (making one costs as much as a deck), a new connection for each request, as from many clients.
        fresh = httpx.Limits(max_keepalive_connections=0)
        with httpx.Client(base_url=url, timeout=120, limits=fresh) as client, ThreadPoolExecutor(8) as pool:
            results = list(pool.map(request, range(REQUESTS)))
        failed = [i for i, status in results if status != 200]
        print(
            f"\nkilled one instance with {len(at_kill)} requests in flight; {len(failed)} of {REQUESTS} failed: {failed}"
        )
        print("nginx:", *(tmp_path / "error.log").read_text().splitlines()[-4:], sep="\n  ")
        print("killed instance, last lines:", *one.lines()[-3:], sep="\n  ")
        print("other instance, last lines:", *two.lines()[-2:], sep="\n  ")
        assert killed.is_set()
        assert set(failed) <= at_kill, (failed, sorted(at_kill))
        assert len([s for _, s in results if s == 200]) >= REQUESTS - len(at_kill)
        served_by_two = len([line for line in two.lines() if "dnadeck.access" in line])
        assert served_by_two > REQUESTS // 2, "the other instance took over"
    finally:
        proxy.send_signal(signal.SIGQUIT)
        proxy.wait(30)
        one.process.wait(30)
        if one.process.stdout:
            one.process.stdout.close()
        stop(two)

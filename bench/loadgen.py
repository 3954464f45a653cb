"""A small load generator for `make bench` (no Django import: it runs as a second process,
as a browser would). Threads with keep-alive `http.client` connections log in like a user
does (login form, CSRF cookie), then POST for a fixed time:

- `--target report`: the report autosave, with what the edit page sends: the whole form
  (CSRF token, version, a work summary of realistic length, the seven statistics,
  problems) as the JSON object its script posts, and htmx's headers. Every save carries a
  change, as a save fired by typing does (the summary grows, now and then a statistic
  changes), and follows the version the server answers. Opening the edit pages, like
  logging in, happens before the clock starts;
- `--target noop`: the bench-only trivial view, an empty POST (the limit);
- `--target noop_form`: the trivial view receiving the autosave's body: what the request
  itself costs, before any work on it;
- `--target floor`: the same saves to the bench-only `save_floor` view (bench/urls.py): the
  trivial view plus reading the form and the one UPDATE every save makes, the price of a
  single write on this stack.

Each load runs `--warmup` seconds unmeasured first. Bounded in time and in requests;
loopback only. Prints one JSON line with the throughput
and latency percentiles.
"""

import argparse
import http.client
import json
import re
import sys
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlparse

from cpu import cpu_seconds  # bench/cpu.py, next to this script

VERSION = re.compile(rb'name="version" value="(\d+)"')
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# About the length of a county's work summary (工作总结) in the seeds' reports.
SUMMARY = (
    "9月1日，本局联合县质量强县工作领导小组办公室举行“质量月”活动启动仪式，"
    "围绕“质量强国建设 共创美好生活”主题，组织企业开展质量承诺、质量开放日、"
    "群众性质量活动等，走访帮扶小微企业，开展重点工业产品监督抽查。"
) * 8
STATS = {
    "stat_activities": "12",
    "stat_participants": "860",
    "stat_media_reports": "5",
    "stat_enterprises_helped": "9",
    "stat_spot_checks": "14",
    "stat_cases_handled": "2",
    "stat_leaflets": "3000",
}


class Session:
    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None, as_json=False):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if as_json:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        elif body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, payload

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page).group(1).decode()
        status, _ = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
            {"Referer": "http://127.0.0.1/accounts/login/"},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed for {username}: {status}")


def open_page(session: Session, pk: int) -> dict | None:
    """What the edit page gives the autosave: the version and the form's CSRF token."""
    status, page = session.request("GET", f"/reports/expected/{pk}/")
    version, token = VERSION.search(page), CSRF_INPUT.search(page)
    if status != 200 or not version or not token:
        return None
    return {"version": int(version.group(1)), "csrf": token.group(1).decode()}


def autosave_body(form: dict, n: int) -> dict:
    """The edit page's fields after the `n`-th pause in typing, as texts (as a browser's
    form data has them)."""
    stats = dict(STATS)
    if n % 5 == 0:  # now and then the clerk fills in a figure as well
        stats["stat_participants"] = str(800 + n)
    return {
        "csrfmiddlewaretoken": form["csrf"],
        "version": str(form["version"]),
        "summary": SUMMARY + f"截至目前共开展活动{n + 12}场。",
        **stats,
        "problems": "基层宣传力量不足，建议加强培训。",
    }


def worker(args, plan: dict, results: list, errors: list, ready: threading.Barrier) -> None:
    host, port = args.host, args.port
    session = Session(host, port)
    session.login(plan["username"], plan["password"])
    origin = f"http://{host}:{port}"
    headers = {
        "X-CSRFToken": session.cookies.get("csrftoken", ""),
        "Origin": origin,
        "HX-Request": "true",
        "HX-Trigger": "report-form",
        "HX-Target": "autosave-status",
    }
    forms: dict[int, dict | None] = {pk: None for pk in plan["expected"]}
    if args.target != "noop":
        # The clerk has the page open before typing: not part of the measure.
        for pk in forms:
            forms[pk] = open_page(session, pk)
    ready.wait()  # logging in (a slow password hash) is not part of the measure
    # The first seconds warm what every server holds once it has run a while (its database
    # connection, prepared statements, the statistics forms it keeps): not measured.
    measure_from = time.monotonic() + args.warmup
    stop_at = measure_from + args.duration
    ids = list(forms) or [None]
    n = 0
    while time.monotonic() < stop_at and n < args.max_requests:
        pk = ids[n % len(ids)]
        n += 1
        if args.target == "noop":
            path, body, extra = "/bench/noop/", {}, {}
        else:
            if forms[pk] is None:
                # After a refused save the page is reloaded, as the message asks.
                forms[pk] = open_page(session, pk)
                if forms[pk] is None:
                    errors.append(f"GET {pk}")
                    continue
            path = {
                "report": f"/reports/expected/{pk}/autosave/",
                "floor": f"/bench/save-floor/{pk}/",
                "noop_form": "/bench/noop/",
            }[args.target]
            body = autosave_body(forms[pk], n)
            extra = {"HX-Current-URL": f"{origin}/reports/expected/{pk}/"}
        began, started = time.monotonic(), time.perf_counter()
        try:
            status, payload = session.request(
                "POST", path, body, headers | extra, as_json=args.target != "noop"
            )
        except (OSError, http.client.HTTPException) as exc:
            errors.append(repr(exc))
            session = Session(host, port)
            session.login(plan["username"], plan["password"])
            headers["X-CSRFToken"] = session.cookies.get("csrftoken", "")
            forms = dict.fromkeys(forms)  # logging in again rotates the CSRF secret
            continue
        if began >= measure_from:
            results.append(time.perf_counter() - started)
        if status != 200:
            errors.append(f"{path}: {status}")
            forms[pk] = None
        elif args.target == "report":
            match = VERSION.search(payload)
            if match:
                forms[pk]["version"] = int(match.group(1))
            else:
                forms[pk] = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--plan", required=True)
    parser.add_argument(
        "--target", choices=["report", "noop", "noop_form", "floor"], default="report"
    )
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3, help="seconds of load not measured")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per thread")
    parser.add_argument(
        "--cpu-of",
        action="append",
        default=[],
        help="report the CPU seconds the processes whose command line contains this used "
        "during the measure (repeatable; Linux)",
    )
    args = parser.parse_args()
    url = urlparse(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loadgen only runs against loopback")
    args.host, args.port = url.hostname, url.port
    plans = json.load(open(args.plan))
    results: list[float] = []
    errors: list[str] = []
    ready = threading.Barrier(args.threads + 1, timeout=120)
    threads = [
        threading.Thread(target=worker, args=(args, plans[i % len(plans)], results, errors, ready))
        for i in range(args.threads)
    ]
    for t in threads:
        t.start()
    ready.wait()
    time.sleep(args.warmup)
    started = time.monotonic()
    cpu_before = {p: cpu_seconds(p) for p in args.cpu_of}
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    cpu = {p: cpu_seconds(p) - cpu_before[p] for p in args.cpu_of}
    results.sort()

    def pct(p: float) -> float:
        return results[min(len(results) - 1, int(p * len(results)))] * 1000 if results else 0.0

    print(
        json.dumps(
            {
                "target": args.target,
                "requests": len(results),
                "errors": len(errors),
                "first_errors": errors[:3],
                "rps": len(results) / elapsed,
                "p50_ms": pct(0.50),
                "p99_ms": pct(0.99),
                "cpu_seconds": cpu,
            }
        )
    )


if __name__ == "__main__":
    main()

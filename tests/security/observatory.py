"""Score response headers by the MDN HTTP Observatory's published rules (tests and score modifiers, 2024).

Baseline 100; penalties first; bonuses only when the penalised score is at least 90. 100+ is A+.
Tests that need a live DNS name (HSTS preload list) or several requests are given their neutral outcome.
"""

UNSAFE = ("'unsafe-inline'", "'unsafe-eval'")


def parse_csp(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = words[1:]
    return policy


def csp_modifier(header: str | None) -> int:
    if not header:
        return -25
    policy = parse_csp(header)
    scripts = policy.get("script-src", policy.get("default-src", []))
    styles = policy.get("style-src", policy.get("default-src", []))
    every_source = [s for values in policy.values() for s in values]
    if "'unsafe-inline'" in scripts and not any(s.startswith(("'nonce-", "'sha")) for s in scripts):
        return -20
    if any(s.startswith("http:") or s == "http:" for s in every_source):
        return -20
    if "'unsafe-eval'" in scripts:
        return -10
    if "'unsafe-inline'" in styles:
        return 0
    return 10 if policy.get("default-src") == ["'none'"] else 5


def cookies_modifier(response) -> int:
    if not response.cookies:
        return 0
    for morsel in response.cookies.values():
        if not morsel["secure"]:
            return -20
        if not morsel["samesite"]:
            return 0
    return 5


def referrer_modifier(header: str | None) -> int:
    if not header:
        return 0
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    return 5 if header.split(",")[-1].strip().lower() in private else -5


def hsts_modifier(header: str | None) -> int:
    if not header or "max-age=" not in header:
        return -20
    max_age = int(header.split("max-age=")[1].split(";")[0])
    return 0 if max_age >= 15768000 else -10


def frame_modifier(response) -> int:
    if "frame-ancestors" in parse_csp(response.get("Content-Security-Policy", "")):
        return 5
    return 0 if response.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN") else -20


def score(response, redirect_response=None) -> tuple[int, dict[str, int]]:
    modifiers = {
        "content-security-policy": csp_modifier(response.get("Content-Security-Policy")),
        "cookies": cookies_modifier(response),
        "cross-origin-resource-sharing": -50
        if response.get("Access-Control-Allow-Credentials") == "true"
        and response.get("Access-Control-Allow-Origin") == "*"
        else 0,
        "redirection": 0
        if redirect_response is None
        or (
            redirect_response.status_code in (301, 302, 307, 308)
            and redirect_response["Location"].startswith("https://")
        )
        else -20,
        "referrer-policy": referrer_modifier(response.get("Referrer-Policy")),
        "strict-transport-security": hsts_modifier(response.get("Strict-Transport-Security")),
        "x-content-type-options": 0
        if response.get("X-Content-Type-Options", "").lower() == "nosniff"
        else -5,
        "x-frame-options": frame_modifier(response),
        "cross-origin-resource-policy": 0
        if response.get("Cross-Origin-Resource-Policy", "same-origin")
        in ("same-origin", "same-site", "cross-origin")
        else -5,
    }
    penalised = 100 + sum(m for m in modifiers.values() if m < 0)
    total = penalised + (sum(m for m in modifiers.values() if m > 0) if penalised >= 90 else 0)
    return total, modifiers

#!/usr/bin/env python3
"""Looks citizens up the way a clerk's browser does, for the random-citizen bench: signs a
clerk in, posts each CPR number to the find form (`POST /citizens`, the number in the body)
and keeps the opaque page it is sent to (`/citizens/REF`, valid in that session only).

    references.py BASE CLERK PASSWORD SESSIONS LANGUAGE < cprs > references

A session keeps at most 500 references (SessionStore.referenceLimit), so the citizens are
spread over SESSIONS sessions, each signed in on its own; LANGUAGE (da, en, or "" to leave the
desk's default) is chosen in each session through the language switch. Writes one line per
citizen, "SESSION_COOKIE REF", for bench/web/random.lua; no CPR number leaves this script.
"""
import http.client
import re
import sys
import urllib.parse

base, clerk, password, sessions, language = sys.argv[1:6]
url = urllib.parse.urlsplit(base)
cprs = [line.strip() for line in sys.stdin if line.strip()]
sessions = max(1, int(sessions))
connection = http.client.HTTPConnection(url.hostname, url.port)


def request(method, path, cookie, fields=None):
    headers = {"Cookie": f"postdesk_session={cookie}"} if cookie else {}
    body = None
    if fields is not None:
        body = urllib.parse.urlencode(fields)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    answer = connection.getresponse()
    text = answer.read().decode("utf-8", "replace")
    cookies = answer.headers.get_all("Set-Cookie") or []
    session = next((m.group(1) for c in cookies for m in [re.match(r"postdesk_session=([^;]*)", c)] if m), None)
    return answer.status, answer.headers.get("Location", ""), text, session


def csrf(page):
    match = re.search(r'<input[^>]*name="csrf"[^>]*value="([^"]*)"', page) or re.search(
        r'<input[^>]*value="([^"]*)"[^>]*name="csrf"', page)
    if not match:
        sys.exit("no csrf field on the page")
    return match.group(1)


def sign_in():
    status, _, page, cookie = request("GET", "/sign-in", None)
    fields = {"clerk": clerk, "password": password, "csrf": csrf(page)}
    status, _, _, signed = request("POST", "/sign-in", cookie, fields)
    if status != 303 or not (signed or cookie):
        sys.exit(f"sign-in of {clerk} answered {status}")
    cookie = signed or cookie
    if language:
        _, _, page, _ = request("GET", "/citizens", cookie)
        status, _, _, _ = request("POST", "/language", cookie, {"lang": language, "back": "/citizens",
                                                                 "csrf": csrf(page)})
        if status != 303:
            sys.exit(f"the language switch answered {status}")
    return cookie


per_session = (len(cprs) + sessions - 1) // sessions
for start in range(0, len(cprs), per_session):
    cookie = sign_in()
    _, _, page, _ = request("GET", "/citizens", cookie)
    token = csrf(page)
    for cpr in cprs[start:start + per_session]:
        status, location, _, _ = request("POST", "/citizens", cookie, {"cpr": cpr, "csrf": token})
        reference = location.rsplit("/citizens/", 1)[-1] if status == 303 else ""
        if not reference or "/" in reference:
            sys.exit(f"no citizen page for a citizen of the list (answer {status})")
        print(cookie, reference)

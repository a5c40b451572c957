#!/usr/bin/env python3
"""Slow clients against the web desk, on 127.0.0.1 only, bounded in count and time.

Opens HEADERS connections that send an unfinished request head and BODIES that send a whole
head and part of the body, then one more byte on each every TRICKLE seconds (so that a
read-idle timer alone never fires). Every STEP seconds it prints how many are still open and
how long a well-behaved GET /sign-in takes beside them. Stops after HOLD seconds.

    python3 bench/web/slow_clients.py PORT [--headers 2000] [--bodies 200] [--hold 40]
"""
import argparse
import selectors
import socket
import time

HOST = "127.0.0.1"  # never any other address


def probe(port, timeout):
    """Seconds a whole GET /sign-in takes, or None when no answer came within timeout."""
    start = time.monotonic()
    try:
        with socket.create_connection((HOST, port), timeout=timeout) as s:
            s.sendall(b"GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        if data.startswith(b"HTTP/1.1 200"):
            return time.monotonic() - start
    except OSError:
        pass
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--headers", type=int, default=2000)
    parser.add_argument("--bodies", type=int, default=200)
    parser.add_argument("--hold", type=float, default=40)
    parser.add_argument("--step", type=float, default=5)
    parser.add_argument("--trickle", type=float, default=2)
    args = parser.parse_args()
    if args.headers + args.bodies > 5000 or args.hold > 120:
        parser.error("at most 5,000 clients and 120 s")

    selector = selectors.DefaultSelector()
    open_sockets = set()
    refused = 0
    head = b"GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    body_head = (b"POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 b"Content-Length: 100000\r\n\r\nclerk=")
    for n in range(args.headers + args.bodies):
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(5)
            s.connect((HOST, args.port))
            s.sendall(head if n < args.headers else body_head)
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ)
            open_sockets.add(s)
        except OSError:
            refused += 1
    print(f"opened {len(open_sockets)} slow clients ({args.headers} heads, {args.bodies} bodies), "
          f"{refused} could not connect", flush=True)

    start = time.monotonic()
    next_trickle = start + args.trickle
    next_report = start
    while True:
        now = time.monotonic()
        if now >= next_report:
            latency = probe(args.port, timeout=min(args.step, 30))
            answer = f"{latency * 1000:.0f} ms" if latency is not None else "no answer"
            print(f"t={now - start:5.1f} s  slow clients still open: {len(open_sockets):5d}  "
                  f"GET /sign-in beside them: {answer}", flush=True)
            next_report = now + args.step
            if now - start >= args.hold:
                break
        if now >= next_trickle:
            for s in list(open_sockets):
                try:
                    s.send(b"a")
                except OSError:
                    selector.unregister(s)
                    open_sockets.discard(s)
                    s.close()
            next_trickle = now + args.trickle
        for key, _ in selector.select(timeout=0.2):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                selector.unregister(s)
                open_sockets.discard(s)
                s.close()
    for s in open_sockets:
        s.close()


if __name__ == "__main__":
    main()

"""Measure how many real joins succeed while idle sockets flood the server.

Starts `demarche host` on loopback, holds IDLE idle sockets open against it
(half plain TCP, half finished websocket upgrades that never say hello),
reopening those the server closes, and meanwhile has a real player join
(connect, hello, welcome within 3 s) every 0.25 s for SECONDS seconds.
Prints the share of real joins that succeeded.

Usage: python3 scripts/idle_flood.py [DEMARCHE] [IDLE] [SECONDS]
Needs: pip install websockets
"""
import asyncio
import json
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time

import websockets

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/demarche"
IDLE = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = os.path.join(HERE, "..", "tests", "fixtures", "small.ron")

UPGRADE = (
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
).encode()


def open_idle(port, i):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=1)
        if i % 2:
            s.sendall(UPGRADE)
        s.setblocking(False)
        return s
    except OSError:
        return None


def alive(s):
    try:
        d = s.recv(4096)
        return d != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


async def real_join(url, code):
    try:
        async with asyncio.timeout(3):
            async with websockets.connect(url, max_size=None) as ws:
                await ws.send(json.dumps({"type": "hello", "protocol": 1, "code": code, "name": "real"}))
                while True:
                    m = json.loads(await ws.recv())
                    if m["type"] in ("welcome", "error"):
                        return m["type"] == "welcome"
    except Exception:
        return False


async def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    port = socket.create_server(("127.0.0.1", 0)).getsockname()[1]
    d = tempfile.mkdtemp(prefix="demarche-flood-")
    out = open(os.path.join(d, "host.out"), "w")
    host = subprocess.Popen([BIN, "host", SCENARIO, "--bind", f"127.0.0.1:{port}", "--dir", d],
                            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"})
    try:
        for _ in range(100):
            time.sleep(0.1)
            txt = open(os.path.join(d, "host.out")).read()
            if "Listening" in txt:
                break
        codes = re.findall(r"^  (Northland|Eastmark)\s+(\S+)$", txt, re.M)
        code = codes[0][1]
        url = f"ws://127.0.0.1:{port}"
        socks = [open_idle(port, i) for i in range(IDLE)]
        results = []
        reopened = 0
        start = time.time()
        while time.time() - start < SECONDS:
            for i, s in enumerate(socks):
                if s is None or not alive(s):
                    if s is not None:
                        s.close()
                    socks[i] = open_idle(port, i)
                    reopened += 1
            results.append(await real_join(url, code))
            await asyncio.sleep(0.25)
        held = sum(1 for s in socks if s is not None)
        ok = sum(results)
        print(f"{IDLE} idle sockets (half plain TCP, half upgraded without hello), reopened {reopened} times "
              f"over {SECONDS:.0f} s, {held} held at the end")
        print(f"real joins: {ok} of {len(results)} succeeded ({100.0 * ok / max(1, len(results)):.0f}%)")
        for s in socks:
            if s is not None:
                s.close()
    finally:
        host.terminate()
        host.wait()


asyncio.run(main())

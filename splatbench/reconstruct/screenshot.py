"""Screenshots of a local page (``viewer.html``) in headless Chromium, for tests and figures.

Talks the DevTools protocol over ``--remote-debugging-pipe`` (fds 3 and 4, JSON messages ended
by NUL), so nothing but the ``chromium`` binary is needed. WebGL runs on SwiftShader (CPU). The
page is polled until it sets ``data-splats-ready`` (or ``data-splats-error``) on ``<body>``, then
a few more frames are let through so that the splat sort and first draw have happened.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class ScreenshotError(RuntimeError):
    pass


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class _Pipe:
    def __init__(self, process: subprocess.Popen, write_fd: int, read_fd: int) -> None:
        self.process, self.write_fd, self.read_fd = process, write_fd, read_fd
        self.buffer = b""
        self.next_id = 0

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise ScreenshotError(f"{method}: {reply['error'].get('message')}")
                    return reply.get("result", {})
            if time.monotonic() > deadline:
                raise ScreenshotError(f"{method}: no answer from chromium within {timeout:.0f} s")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise ScreenshotError(f"{method}: chromium closed the pipe (exit code {self.process.poll()})")
            self.buffer += chunk


def screenshot_page(
    page: Path, out_png: Path, size: tuple[int, int] = (800, 600), timeout: float = 120, settle_s: float = 2.0
) -> dict:
    """Open ``page`` from the file system, wait for it, save a PNG; return the body's data-* state."""
    chromium = find_chromium()
    if chromium is None:
        raise ScreenshotError("no chromium binary on PATH (Debian: apt-get install -y chromium)")
    to_browser_read, to_browser_write = os.pipe()
    from_browser_read, from_browser_write = os.pipe()
    profile = tempfile.mkdtemp(prefix="splatbench-chromium-")
    args = [
        chromium, "--headless=new", "--no-sandbox", "--disable-gpu-sandbox", "--remote-debugging-pipe",
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions", f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}", "about:blank",
    ]  # fmt: skip

    def child_fds() -> None:  # DevTools reads commands on fd 3 and writes replies on fd 4
        # Copy both ends above 4 first so that neither dup2 overwrites the other; os.pipe's fds
        # are close-on-exec, so only 3 and 4 (dup2 clears the flag) reach chromium.
        read_end, write_end = os.dup(to_browser_read), os.dup(from_browser_write)
        os.dup2(read_end, 3)
        os.dup2(write_end, 4)

    process = subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        close_fds=False, preexec_fn=child_fds,
    )  # fmt: skip
    os.close(to_browser_read)
    os.close(from_browser_write)
    pipe = _Pipe(process, to_browser_write, from_browser_read)
    try:
        target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        pipe.call("Emulation.setDeviceMetricsOverride", {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False}, session)
        pipe.call("Page.navigate", {"url": Path(page).resolve().as_uri()}, session)
        deadline = time.monotonic() + timeout
        state: dict = {}
        while time.monotonic() < deadline:
            result = pipe.call(
                "Runtime.evaluate",
                {"expression": "JSON.stringify({ready: document.body && document.body.getAttribute('data-splats-ready'), error: document.body && document.body.getAttribute('data-splats-error')})", "returnByValue": True},
                session,
            )
            state = json.loads(result.get("result", {}).get("value") or "{}")
            if state.get("ready") or state.get("error"):
                break
            time.sleep(0.25)
        else:
            raise ScreenshotError(f"{page}: the viewer did not finish loading within {timeout:.0f} s")
        time.sleep(settle_s)
        shot = pipe.call("Page.captureScreenshot", {"format": "png"}, session)
        out_png = Path(out_png)
        out_png.parent.mkdir(parents=True, exist_ok=True)
        out_png.write_bytes(base64.b64decode(shot["data"]))
        return state
    finally:
        try:
            pipe.call("Browser.close", timeout=5)
        except (ScreenshotError, OSError):
            pass
        os.close(to_browser_write)
        os.close(from_browser_read)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m splatbench.reconstruct.screenshot PAGE OUT.png [WIDTH HEIGHT]``"""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (2, 4):
        print("usage: python -m splatbench.reconstruct.screenshot PAGE OUT.png [WIDTH HEIGHT]", file=sys.stderr)
        return 2
    size = (int(args[2]), int(args[3])) if len(args) == 4 else (800, 600)
    try:
        state = screenshot_page(Path(args[0]), Path(args[1]), size)
    except ScreenshotError as error:
        print(f"screenshot: {error}", file=sys.stderr)
        return 2
    if state.get("error"):
        print(f"screenshot: {args[0]}: the viewer reported: {state['error']}", file=sys.stderr)
        return 1
    print(f"wrote {args[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

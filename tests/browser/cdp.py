"""A small Chrome DevTools Protocol client over --remote-debugging-pipe (standard library only).

Debian's Chromium, headless, driven like a user: real mouse and keyboard events through the
browser's input pipeline, screenshots, and page evaluation to read what the app reports.
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time


class CdpError(RuntimeError):
    pass


class Browser:
    def __init__(self, width=1280, height=800):
        self.profile = tempfile.mkdtemp(prefix="metal-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        args = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
            "--use-angle=swiftshader", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
            f"--window-size={width},{height}", "about:blank",
        ]

        def wire_fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=wire_fds,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.writer = os.fdopen(to_browser_w, "wb", buffering=0)
        self.reader = os.fdopen(from_browser_r, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    # ---- protocol ------------------------------------------------------------------------
    def _read_message(self):
        while b"\0" not in self.buffer:
            chunk = self.reader.read(1 << 16)
            if not chunk:
                raise CdpError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        self.writer.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def open_page(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
                             session=False)
        self.session = attached["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Page.navigate", {"url": url})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            text = result["exceptionDetails"].get("exception", {}).get("description") or result["exceptionDetails"].get("text")
            raise CdpError(f"page error in {expression!r}: {text}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout, what):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = self.evaluate(expression)
                if last:
                    return last
            except CdpError as error:
                last = str(error)
            time.sleep(0.05)
        raise CdpError(f"timed out after {timeout}s waiting for {what} (last: {last})")

    # ---- input, through the browser's own pipeline --------------------------------------
    def click(self, x, y):
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        time.sleep(0.08)  # a frame or two, so the app sees the hover before the press
        self.send("Input.dispatchMouseEvent", {"type": "mousePressed", "x": x, "y": y, "button": "left", "clickCount": 1})
        time.sleep(0.05)
        self.send("Input.dispatchMouseEvent", {"type": "mouseReleased", "x": x, "y": y, "button": "left", "clickCount": 1})
        time.sleep(0.08)

    def shift_click(self, x, y):
        """A click with Shift held, as a person does it: the key goes down first."""
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Shift", "code": "ShiftLeft",
                                             "windowsVirtualKeyCode": 16, "modifiers": 8})
        time.sleep(0.05)
        self.click(x, y)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Shift", "code": "ShiftLeft",
                                             "windowsVirtualKeyCode": 16})
        time.sleep(0.05)

    # DOM key codes of punctuation (not their ASCII: 45 would be Insert, 46 Delete).
    PUNCTUATION_KEY_CODES = {"-": 189, "_": 189, ".": 190, "/": 191, ",": 188, ";": 186, ":": 186,
                             "=": 187, "'": 222, "[": 219, "]": 221}

    def type_text(self, text):
        for char in text:
            if char.isascii() and char.isalnum():
                code = ord(char.upper())
            elif char == " ":
                code = 32
            else:
                code = self.PUNCTUATION_KEY_CODES.get(char, 0)
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "text": char, "key": char,
                                                 "windowsVirtualKeyCode": code})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char, "windowsVirtualKeyCode": code})
            time.sleep(0.02)

    def press_key(self, key, code, key_code):
        """A named key (Enter, Backspace...): down and up, as the keyboard sends it."""
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": key, "code": code,
                                             "windowsVirtualKeyCode": key_code})
        time.sleep(0.1)  # held over a few frames: ImGui 1.86 misses a press released in the same frame
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": key_code})
        time.sleep(0.05)

    def press_ctrl(self, letter):
        """Ctrl+letter (Ctrl+V pastes, Ctrl+K opens the palette): Control goes down first."""
        upper = letter.upper()
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": "Control", "code": "ControlLeft",
                                             "windowsVirtualKeyCode": 17, "modifiers": 2})
        time.sleep(0.05)
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "key": letter.lower(), "code": f"Key{upper}",
                                             "windowsVirtualKeyCode": ord(upper), "modifiers": 2})
        time.sleep(0.1)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": letter.lower(), "code": f"Key{upper}",
                                             "windowsVirtualKeyCode": ord(upper), "modifiers": 2})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Control", "code": "ControlLeft",
                                             "windowsVirtualKeyCode": 17})
        time.sleep(0.05)

    def press_enter(self):
        self.press_key("Enter", "Enter", 13)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

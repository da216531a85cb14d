"""What the Python tests share: named checks, printed as they happen, and the closing line
'N passed, M failed' that CI reads."""


class Checks:
    def __init__(self):
        self.results = []

    def check(self, condition, what):
        self.results.append(bool(condition))
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        return bool(condition)

    def finish(self):
        """Prints the closing line; returns the exit code (non-zero if anything failed or nothing ran)."""
        passed = sum(self.results)
        print(f"{passed} passed, {len(self.results) - passed} failed", flush=True)
        return 0 if self.results and all(self.results) else 1

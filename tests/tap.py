# SPDX-License-Identifier: GPL-3.0-or-later
"""The TAP report shared by the check-*.py scripts that collect results
first and print them at the end."""


class Tap:
    def __init__(self):
        self.results = []

    def check(self, ok, what, detail=None):
        self.results.append((bool(ok), what, detail))

    def finish(self):
        """Prints the plan and every result; returns the exit status."""
        print(f"1..{len(self.results)}")
        failed = 0
        for i, (ok, what, detail) in enumerate(self.results, 1):
            print(f"{'ok' if ok else 'not ok'} {i} - {what}")
            if not ok:
                failed += 1
                for line in str(detail or "").splitlines():
                    print(f"# {line}")
        return 1 if failed else 0

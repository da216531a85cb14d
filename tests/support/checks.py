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


def check_fonts(check, status, scale):
    """The console's faces are drawn at the screen's scale with every glyph it asks for: Latin-1 and
    Latin Extended-A in the interface faces (names in most European languages), box drawing in
    the monospace face (text-mode screens on the serial console), and the atlas holds their ink."""
    fonts = status.get("fonts") or {}
    faces = fonts.get("faces", {})
    sizes = {"text": 15, "strong": 15, "heading": 20, "mono": 13.5}
    for name, pixels in sizes.items():
        face = faces.get(name, {})
        check(abs(face.get("pixels", 0) - pixels * scale) < 0.01,
              f"the {name} face is {pixels * scale:g} px at scale {scale:g} ({face.get('pixels')})")
        least = 340 if name == "mono" else 330  # Latin-1 alone would be ~190
        check(face.get("glyphs", 0) >= least and face.get("inked", 0) >= face.get("glyphs", 0) - 6,
              f"the {name} face has its {least}+ glyphs, each inked but the blanks ({face})")
    texture = fonts.get("texture", {})
    texels = texture.get("width", 0) * texture.get("height", 0)
    check(texels and texture.get("inkedTexels", 0) > texels // 20,
          f"the glyphs' ink is in the atlas's texture ({texture})")

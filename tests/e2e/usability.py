"""Counting what a person does in the browser: clicks, keystrokes (outside free text that any
design needs, such as the narrative) and pages loaded. Used by the usability walks, whose counts
are recorded in docs/usability.md."""

from dataclasses import dataclass, field


@dataclass
class Walk:
    page: object
    clicks: int = 0
    keystrokes: int = 0
    pages: int = 0
    _urls: list = field(default_factory=list)

    def __post_init__(self):
        self.page.on("framenavigated", self._navigated)

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.pages += 1
            self._urls.append(frame.url)

    def goto(self, url: str) -> None:
        """Opening the start of the task (a bookmark or menu link) counts as one page, no click."""
        self.page.goto(url)

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def check(self, locator) -> None:
        locator.check()
        self.clicks += 1

    def select(self, locator, value=None, **option) -> None:
        """Choose an option by value, or by `label=...`."""
        locator.select_option(value, **option)
        self.clicks += 2  # open the list, choose

    def type(self, locator, text: str, *, free_text: bool = False) -> None:
        """Type into a field (one click to focus it); free text is not counted as keystrokes."""
        locator.click()
        self.clicks += 1
        locator.fill(text)
        if not free_text:
            self.keystrokes += len(text)

    def attach(self, locator, path) -> None:
        locator.set_input_files(str(path))
        self.clicks += 2  # open the file chooser, choose the file

    def counts(self) -> dict[str, int]:
        return {"clicks": self.clicks, "keystrokes": self.keystrokes, "pages": self.pages}

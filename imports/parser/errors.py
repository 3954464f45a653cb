"""The one error the parser raises; its message is shown to clerks as-is, so it is Chinese."""

from __future__ import annotations


class NoticeParseError(ValueError):
    """Raised when a file cannot be read or does not look like a Quality Month notice."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        # A stable machine-readable code lets the import view pick help text without parsing Chinese.
        self.code = code

    def __str__(self) -> str:
        return self.message

"""Standard messages to the reporter (reporter_messages.toml): data, not code."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATES_FILE = Path(__file__).with_name("reporter_messages.toml")


@dataclass(frozen=True)
class MessageTemplate:
    code: str
    label: str
    text: str


@cache
def message_templates() -> tuple[MessageTemplate, ...]:
    with TEMPLATES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(MessageTemplate(code=row["code"], label=row["label"], text=row["text"]) for row in data["templates"])


def message_template(code: str) -> MessageTemplate | None:
    return next((template for template in message_templates() if template.code == code), None)

"""Actors described by a short spec, so permission tests can list who may not act."""

from dataclasses import dataclass, field

from baken.core.confidentiality import Confidentiality
from baken.testing.factories import UserFactory


@dataclass(frozen=True)
class Actor:
    """`place`: "own" (Voorbeeld), "other" (Zuiderhaven, same region) or "region" (a regional
    account with no municipality)."""

    role: str | None
    place: str = "own"
    clearance: int = Confidentiality.VERTROUWELIJK
    extra: dict = field(default_factory=dict)

    def make(self, own, other):
        organisation = {"own": own, "other": other, "region": None}[self.place]
        region = own.region if self.place == "region" else None
        return UserFactory(
            roles=[self.role] if self.role else [],
            organisation=organisation,
            region=region,
            clearance=self.clearance,
            **self.extra,
        )

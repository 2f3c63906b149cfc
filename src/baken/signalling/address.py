"""Optional address lookup at intake: street and town from postcode + house number (BAG, through
the PDOK Locatieserver). Off unless BAKEN_ADDRESS_LOOKUP_URL is set; any failure (no network, a
slow or odd answer) means "not found", and the intake keeps what the reporter typed."""

import json
import logging
import urllib.parse
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


def lookup_address(*, postcode: str, house_number: str) -> tuple[str, str] | None:
    """(street, town) for a Dutch postcode and house number, or None."""
    base_url = settings.BAKEN_ADDRESS_LOOKUP_URL
    if not base_url:
        return None
    number = "".join(ch for ch in house_number if ch.isdigit()) or house_number
    query = urllib.parse.urlencode(
        {"q": f"postcode:{postcode.replace(' ', '')} and huisnummer:{number}", "fq": "type:adres", "rows": 1}
    )
    try:
        with urllib.request.urlopen(f"{base_url}?{query}", timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            docs = json.load(response)["response"]["docs"]
        street, town = docs[0]["straatnaam"], docs[0]["woonplaatsnaam"]
    except (OSError, ValueError, KeyError, IndexError, TypeError) as error:
        logger.info("address lookup gave no answer: %s", type(error).__name__)
        return None
    if not (isinstance(street, str) and isinstance(town, str)):
        return None
    return street[:120], town[:80]

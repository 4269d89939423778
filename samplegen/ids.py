"""Valid fake identifiers: unified social credit codes and resident ID numbers."""

from __future__ import annotations

import random

from stdnum.cn import ric, uscc

# First two characters of a USCC by unit nature (GB 32100 registering authority + type).
USCC_PREFIX = {
    "enterprise": "91",
    "public_institution": "12",
    "social_organization": "51",
    "private_non_enterprise": "52",
}
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(nature: str, region: str, seed: str) -> str:
    """A valid 18-character USCC for ``nature`` registered in ``region`` (a 64xxxx code)."""
    rng = random.Random(f"uscc:{seed}")
    org = "".join(rng.choice(_USCC_ALPHABET) for _ in range(9))
    body = USCC_PREFIX[nature] + region + org
    return body + uscc.calc_check_digit(body)


def make_ric(area: str, birth: str, seq: int, female: bool) -> str:
    """A resident ID number with a correct check digit; ``birth`` is YYYYMMDD."""
    order = seq % 100 * 10 + (seq // 100) % 10
    order = order - order % 2 + (0 if female else 1)
    body = f"{area}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")

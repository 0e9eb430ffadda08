"""The synthetic demo market, loaded by `tongban trading demo` and by `seed_demo` (so the pages are alive
after `make run`)."""

from __future__ import annotations

from tongban.trading import services
from tongban.trading.models import ImportBatch, Lot

DEMO_FILE = "demo-market.csv"


def seed_market(*, lots: int = 300, seed: int = 2026, force: bool = False) -> dict[str, int]:
    """Generate and import the market (as the system) and assess it. Idempotent: skipped once loaded, unless
    `force` (then the same lots are re-imported in place and decisions are kept)."""
    from tongban.trading.synthetic import generate_market

    if force or not ImportBatch.objects.filter(filename=DEMO_FILE).exists():
        bids, relations = generate_market(seed=seed, lots=lots)
        services.trading_import(actor=None, format="csv", content=bids, filename=DEMO_FILE, assess=False)
        services.trading_import(actor=None, format="csv", content=relations, filename="demo-relations.csv",
                                assess=False)
        services.lots_assess(actor=None)
    return {"交易标段": Lot.objects.count()}

"""Builders for the trading tests: a trading centre with an inspector, and CSV files in the documented format."""

from __future__ import annotations

import csv
import io

from tests.factories import make_staff

from tongban.org.models import Department, Role
from tongban.people import identity
from tongban.trading.imports import BID_COLUMNS


def uscc(n: int) -> str:
    first17 = f"91320505MA{n:07d}"
    return first17 + identity.uscc_check_character(first17)


def id_number(n: int) -> str:
    first17 = f"32050519800101{n:03d}"
    return first17 + identity.id_check_character(first17)


def trading_world(org_world):
    w = org_world
    w.centre = Department.objects.create(name="苏州市公共资源交易中心", kind=Department.Kind.FUNCTIONAL, region=w.city)
    w.trading = make_staff("trading", w.centre, Role.TRADING_INSPECTOR, name="交易监管员")
    return w


def bid_row(project="P-1", lot="1", bidder="甲公司", price="1000000", n=1, **fields) -> dict:
    row = {"project_code": project, "project_name": "测试道路工程", "buyer": "苏州市某建设中心", "sector": "市政工程",
           "region": "姑苏区", "amount": "1200000", "published_on": "2026-03-01", "lot_code": lot,
           "opening_at": "2026-03-25 09:30", "ceiling_price": "1200000", "bidder_name": bidder,
           "bidder_uscc": uscc(n), "price": price, "is_winner": "0"}
    row.update(fields)
    return row


def csv_bytes(rows: list[dict], columns=None) -> bytes:
    columns = columns or [c for c in BID_COLUMNS if any(c in r for r in rows)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in columns})
    return out.getvalue().encode("utf-8")


def honest_lot(project="P-1", base=0) -> list[dict]:
    """Four independent bids, no shared fingerprints; the lowest wins."""
    prices = ["951000", "1003500", "987200", "1062000"]
    return [bid_row(project, bidder=f"投标人{base + i}", n=base + i, price=p, is_winner="1" if p == "951000" else "0",
                    mac_address=f"00-1A-2B-3C-4D-{base + i:02X}", bond_account=f"62220000111{base + i:05d}",
                    key_staff=f"项目经理:张{base + i}:{id_number(base + i)}")
            for i, p in enumerate(prices, start=1)]

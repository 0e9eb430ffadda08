"""Reading labelled bid files (the García Rodríguez column format, or our own lower-case one).

``read_labelled(path)`` returns one row per bid with normalised columns:

| column | from | meaning |
|---|---|---|
| tender | ``Tender`` / ``tender`` | tender id, as a string |
| bid_value | ``Bid_value`` / ``bid_value`` | the bid price (> 0) |
| bidder | ``Competitors`` / ``bidder`` | bidder id as a string, NA when the file has none |
| winner | ``Winner`` / ``winner`` | bool, NA when the file has none |
| collusive | ``Collusive_competitor`` / ``collusive`` | the tender's label (bool), NA when absent |
| dataset | the file name | e.g. ``Brazil``, ``CH GR+See-Gaster`` |
| shipped_CV … shipped_KSTEST | ``CV`` … ``KSTEST`` | the screens shipped in the file, kept only so the published baseline can be re-run; never model features |

Everything else is dropped on purpose: ``Date``, ``Period investigation by JFTC``, ``Site``, ``Brazilian
State``, ``Contract_type`` encode the cartel period or place and do not exist for a live tender; ``Cartel_name``
and ``Collusive_competitor_original`` are labels; the tender id and ``Bid`` (a row number) are identifiers.
``Number_bids`` is recomputed from the bids. Pre-tender estimates and company data are not used (not every
market has them).

A row is rejected with its file line number (the header is line 1) when the tender is empty, the bid is not a
positive finite number, or Winner / Collusive_competitor is not 0 or 1; a tender whose label differs between its
rows is rejected at its first line. All problems are collected and raised together as ``ImportProblem``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

SHIPPED_SCREENS = ["CV", "SPD", "DIFFP", "RD", "KURT", "SKEW", "KSTEST"]
_ALIASES = {
    "tender": ["Tender", "tender"],
    "bid_value": ["Bid_value", "bid_value"],
    "bidder": ["Competitors", "bidder"],
    "winner": ["Winner", "winner"],
    "collusive": ["Collusive_competitor", "collusive"],
}
_DATASET_NAMES = {"Switzerland_GR_and_See-Gaster": "CH GR+See-Gaster", "Switzerland_Ticino": "CH Ticino"}
_TRUE = {"1", "1.0", "true", "True", "TRUE", "是"}
_FALSE = {"0", "0.0", "false", "False", "FALSE", "否"}


class ImportProblem(ValueError):
    """Rows that cannot be read; ``problems`` lists (line number, reason), the header being line 1."""

    def __init__(self, path, problems: list[tuple[int, str]]):
        self.path = str(path)
        self.problems = problems
        shown = "；".join(f"第 {line} 行：{reason}" for line, reason in problems[:20])
        more = f"（另有 {len(problems) - 20} 处）" if len(problems) > 20 else ""
        super().__init__(f"{self.path} 有 {len(problems)} 处错误：{shown}{more}")


def dataset_name(path) -> str:
    stem = Path(path).stem
    m = re.fullmatch(r"DB_Collusion_(.+?)(_processed)?", stem)
    core = m.group(1) if m else stem
    return _DATASET_NAMES.get(core, core)


def _pick(columns, names):
    for name in names:
        if name in columns:
            return name
    return None


def _flag(raw: pd.Series, what: str, lines: np.ndarray, problems: list) -> pd.Series:
    text = raw.astype("string").str.strip()
    ok_true, ok_false = text.isin(_TRUE), text.isin(_FALSE)
    bad = ~(ok_true | ok_false)
    for line, value in zip(lines[bad.to_numpy()], text[bad], strict=True):
        problems.append((int(line), f"{what} 应为 0 或 1，实为“{'' if pd.isna(value) else value}”"))
    return pd.Series(ok_true.to_numpy(), index=raw.index, dtype="boolean")


def read_labelled(path, *, dataset: str | None = None) -> pd.DataFrame:
    """Read one labelled bids file (CSV, UTF-8) into the normalised columns above; see the module doc."""
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], skipinitialspace=True)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ImportProblem(path, [(1, f"无法读取文件：{exc}")]) from exc
    cols = {key: _pick(raw.columns, names) for key, names in _ALIASES.items()}
    missing = [_ALIASES[k][0] for k in ("tender", "bid_value") if cols[k] is None]
    if missing:
        raise ImportProblem(path, [(1, f"缺少列 {'、'.join(missing)}")])
    lines = np.arange(len(raw)) + 2
    problems: list[tuple[int, str]] = []

    tender = raw[cols["tender"]].str.strip()
    for line in lines[(tender == "").to_numpy()]:
        problems.append((int(line), "标段编号（Tender）为空"))
    text = raw[cols["bid_value"]].str.strip()
    value = pd.to_numeric(text, errors="coerce")
    bad = ~(np.isfinite(value.to_numpy(dtype=float)) & (value.to_numpy(dtype=float) > 0))
    for line, shown in zip(lines[bad], text[bad], strict=True):
        problems.append((int(line), f"报价（Bid_value）应为正数，实为“{shown}”"))

    out = pd.DataFrame({"tender": tender, "bid_value": value.astype(float)})
    out["bidder"] = raw[cols["bidder"]].str.strip().replace("", pd.NA) if cols["bidder"] else pd.NA
    out["bidder"] = out["bidder"].astype("string")
    out["winner"] = (
        _flag(raw[cols["winner"]], "中标标志（Winner）", lines, problems) if cols["winner"] else pd.NA
    )
    out["winner"] = out["winner"].astype("boolean")
    if cols["collusive"]:
        label = _flag(raw[cols["collusive"]], "串标标签（Collusive_competitor）", lines, problems)
        varies = label.groupby(tender).transform("nunique") > 1
        first_rows = varies & ~tender.duplicated()
        for line, t in zip(lines[first_rows.to_numpy()], tender[first_rows], strict=True):
            problems.append((int(line), f"标段 {t} 的串标标签在各行之间不一致（标签应按标段给出）"))
        out["collusive"] = label
    else:
        out["collusive"] = pd.Series(pd.NA, index=out.index, dtype="boolean")
    out["dataset"] = dataset or dataset_name(path)
    for name in SHIPPED_SCREENS:
        if name in raw.columns:
            out[f"shipped_{name}"] = pd.to_numeric(raw[name], errors="coerce")
    if problems:
        raise ImportProblem(path, sorted(problems))
    return out


def tender_labels(bids: pd.DataFrame) -> pd.Series:
    """The label of each tender (index tender, sorted), from a frame returned by read_labelled."""
    return bids.groupby("tender", sort=True)["collusive"].first().astype(bool)

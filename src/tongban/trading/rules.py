"""The rule layer of the 数据铁笼: pure functions over one lot's bids, each flag citing its legal basis.

Input is `LotView` (built from the database by selectors.lot_view, or directly in tests); output is a list of
`FlagResult`, each with a code (F1–F12 of shared/domain/collusion.md §4.4), the situation, the legal basis, a
strength (strong / medium / weak) and the evidence rows that make it fire. Nothing here reads the database.

Legal hooks:
- 《中华人民共和国招标投标法实施条例》第四十条: situations *deemed* collusion (视为投标人相互串通投标) —
  (一) files prepared by the same unit or person; (二) the same unit or person entrusted with bidding affairs;
  (三) the same person named as a project-management member; (四) files abnormally identical or prices with
  regular differences; (五) files mixed into each other's packages; (六) bonds paid from the same account.
- 同条例 第三十四条第二款: units with the same 单位负责人 or with a controlling or management relationship may
  not bid in the same lot; such bids are invalid.
- 《政府采购货物和服务招标投标管理办法》（财政部令第87号）第三十七条 repeats 第四十条 for procurement, adding the
  same contact person (联系人员).
- Machine fingerprints (MAC, machine code, dongle, file-creation id) are read as 第四十条第（一）项 by local
  rules (collusion.md §4.4: 大庆高新 2021-12-20 notice; Hubei 电子投标文件雷同认定 guidance).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from tongban.people.identity import mask_id_number, mask_name, mask_phone

REGULATION = "《中华人民共和国招标投标法实施条例》"
ORDER_87 = "《政府采购货物和服务招标投标管理办法》（财政部令第87号）第三十七条"


def art40(item: str) -> str:
    return f"{REGULATION}第四十条第（{item}）项"


ART34 = f"{REGULATION}第三十四条第二款"


@dataclass(frozen=True)
class BidView:
    bid_id: int
    bidder_id: int
    bidder_name: str
    price: Decimal
    is_winner: bool = False
    is_valid: bool = True
    submitted_at: datetime | None = None
    contact_person: str = ""
    contact_phone: str = ""
    agent_name: str = ""
    legal_representative: str = ""
    legal_representative_id_number: str = ""
    file: dict = field(default_factory=dict)  # BidFile field → value
    bonds: tuple[tuple[str, str], ...] = ()  # (account, account_holder)
    staff: tuple[tuple[str, str, str, str], ...] = ()  # (role, name, id_number, certificate_number)


@dataclass(frozen=True)
class RelationView:
    bidder_id: int
    kind: str  # CompanyRelation.Kind value
    other_id: int | None = None
    person_name: str = ""
    person_id_number: str = ""
    share_ratio: Decimal | None = None


@dataclass(frozen=True)
class LotView:
    lot_id: int
    bids: tuple[BidView, ...]
    relations: tuple[RelationView, ...] = ()


@dataclass(frozen=True)
class FlagResult:
    code: str
    title: str
    legal_basis: str
    strength: str  # "strong" | "medium" | "weak"
    bidder_ids: tuple[int, ...]
    evidence: tuple[dict, ...]


STRENGTH_ORDER = {"strong": 3, "medium": 2, "weak": 1}


def mask_if_person(value: str) -> str:
    """Evidence may name a natural person (a bond's payer, a document's author): a value of 2–4 characters
    without a company word is taken for a personal name and masked (people.identity.mask_name)."""
    text = str(value or "").strip()
    if 1 < len(text) <= 4 and not any(w in text for w in ("公司", "中心", "集团", "银行", "局", "院", "所", "厂")):
        return mask_name(text)
    return text


def _norm(value) -> str:
    return " ".join(str(value or "").split()).upper()


def _shared(bids: Iterable[BidView], key: Callable[[BidView], Iterable[str]]) -> dict[str, list[BidView]]:
    """Values shared by bids of at least two different bidders (blank values never match)."""
    groups: dict[str, list[BidView]] = defaultdict(list)
    for bid in bids:
        for value in set(key(bid)):
            if value:
                groups[value].append(bid)
    return {v: g for v, g in groups.items() if len({b.bidder_id for b in g}) >= 2}


def _flags_for_shared(bids, *, key, code, title, basis, strength, label, shown=lambda v: v) -> list[FlagResult]:
    flags = []
    for value, group in sorted(_shared(bids, key).items()):
        flags.append(FlagResult(
            code=code, title=title, legal_basis=basis, strength=strength,
            bidder_ids=tuple(sorted({b.bidder_id for b in group})),
            evidence=tuple({"bidder": b.bidder_name, "bid": b.bid_id, "field": label, "value": shown(value)}
                           for b in sorted(group, key=lambda b: b.bidder_name)),
        ))
    return flags


def _file(name: str) -> Callable[[BidView], list[str]]:
    return lambda b: [_norm(b.file.get(name))]


# -- F1–F6: the bid file's fingerprints ----------------------------------------------------------------------


def same_upload_ip(lot: LotView) -> list[FlagResult]:
    """F1: the same upload IP. Weak alone (shared Wi-Fi, NAT, a hotel): supports 第四十条第（一）（二）项."""
    return _flags_for_shared(lot.bids, key=_file("upload_ip"), code="F1", title="不同投标人从同一 IP 地址上传投标文件",
                             basis=f"{art40('一')}、第（二）项（间接证据）", strength="weak", label="上传 IP")


def same_machine(lot: LotView) -> list[FlagResult]:
    """F2: the same MAC address, machine code or CPU / disk serial: the files were made on one computer."""
    flags = []
    for name, label in (("mac_address", "MAC 地址"), ("machine_code", "文件制作机器码"),
                        ("hardware_serial", "CPU / 硬盘序列号")):
        flags += _flags_for_shared(lot.bids, key=_file(name), code="F2", title=f"不同投标人的投标文件由同一台计算机制作（{label}相同）",
                                   basis=art40("一"), strength="strong", label=label)
    return flags


def same_ca_certificate(lot: LotView) -> list[FlagResult]:
    """F3: one CA certificate signed or encrypted several bidders' files."""
    return _flags_for_shared(lot.bids, key=_file("ca_serial"), code="F3", title="不同投标人使用同一 CA 数字证书",
                             basis=f"{art40('一')}、第（二）项", strength="strong", label="CA 证书序列号")


def same_pricing_lock(lot: LotView) -> list[FlagResult]:
    """F4: the same 造价软件加密锁 serial in the priced bills of quantities."""
    return _flags_for_shared(lot.bids, key=_file("pricing_lock_serial"), code="F4",
                             title="不同投标人的计价文件使用同一造价软件加密锁", basis=art40("一"), strength="strong",
                             label="造价软件加密锁序列号")


def same_file_creation_id(lot: LotView) -> list[FlagResult]:
    """F5: bids built from the same downloaded copy of the tender file. Left to the committee's judgement."""
    return _flags_for_shared(lot.bids, key=_file("file_creation_id"), code="F5",
                             title="不同投标人的投标文件创建标识码相同", basis=art40("一"), strength="medium",
                             label="文件创建标识码")


def same_document_metadata(lot: LotView) -> list[FlagResult]:
    """F6: identical author or template fingerprint: documents abnormally identical."""
    flags = _flags_for_shared(lot.bids, key=_file("author"), code="F6", title="不同投标人的投标文件作者相同",
                              basis=art40("四"), strength="medium", label="文档作者", shown=mask_if_person)
    flags += _flags_for_shared(lot.bids, key=_file("template_fingerprint"), code="F6",
                               title="不同投标人的投标文件模板指纹相同（异常一致）", basis=art40("四"),
                               strength="medium", label="模板指纹")
    return flags


# -- F7, F8: prices -----------------------------------------------------------------------------------------


def identical_prices(lot: LotView) -> list[FlagResult]:
    """F7: different bidders quoting exactly the same price (OCDS cardinal R028): abnormally identical."""
    return _flags_for_shared(lot.bids, key=lambda b: [f"{b.price:.2f}"], code="F7",
                             title="不同投标人的投标报价完全相同", basis=art40("四"), strength="medium", label="投标报价")


# A difference or ratio counts as "the same" within this relative tolerance (0.1 %), or 1 yuan for differences.
PROGRESSION_TOLERANCE = Decimal("0.001")
PROGRESSION_MIN_BIDS = 3


def _close(a: Decimal, b: Decimal, *, absolute: Decimal = Decimal("0")) -> bool:
    return abs(a - b) <= max(PROGRESSION_TOLERANCE * max(abs(a), abs(b)), absolute)


def _longest_run(prices: list[Decimal], same) -> tuple[int, int]:
    """The longest run i..j (inclusive) of sorted prices whose consecutive steps are all `same`."""
    best = (0, 0)
    start = 0
    for i in range(2, len(prices)):
        if not same(prices[i - 2], prices[i - 1], prices[i]):
            start = i - 1
        if i - start > best[1] - best[0]:
            best = (start, i)
    return best


def price_progression(lot: LotView) -> list[FlagResult]:
    """F8: prices in arithmetic or geometric progression (e.g. each 3 % above the last): 第四十条第（四）项
    "投标报价呈规律性差异". Three or more distinct bidders in one run: medium; four or more: strong."""
    bids = sorted((b for b in lot.bids if b.price > 0), key=lambda b: b.price)
    prices = [b.price for b in bids]
    if len(prices) < PROGRESSION_MIN_BIDS:
        return []
    arithmetic = _longest_run(prices, lambda a, b, c: b > a and _close(b - a, c - b, absolute=Decimal("1")))
    geometric = _longest_run(prices, lambda a, b, c: b > a and _close(b / a - 1, c / b - 1))
    flags = []
    for (i, j), kind in ((arithmetic, "等差"), (geometric, "等比")):
        run = bids[i:j + 1]
        if len(run) < PROGRESSION_MIN_BIDS or len({b.bidder_id for b in run}) < PROGRESSION_MIN_BIDS:
            continue
        if kind == "等比" and arithmetic[1] - arithmetic[0] >= j - i:
            continue  # the same run is already reported as arithmetic
        step = (run[1].price - run[0].price) if kind == "等差" else (run[1].price / run[0].price)
        step_text = f"每档相差 {step:.2f} 元" if kind == "等差" else f"每档比值 {step:.4f}"
        flags.append(FlagResult(
            code="F8", title=f"投标报价呈规律性差异（{len(run)} 家报价成{kind}数列，{step_text}）", legal_basis=art40("四"),
            strength="strong" if len(run) >= 4 else "medium", bidder_ids=tuple(sorted({b.bidder_id for b in run})),
            evidence=tuple({"bidder": b.bidder_name, "bid": b.bid_id, "field": "投标报价", "value": f"{b.price:.2f}"}
                           for b in run),
        ))
    return flags


# -- F9–F11: money and people -------------------------------------------------------------------------------


def same_bond_account(lot: LotView) -> list[FlagResult]:
    """F9: bonds paid from the same account (第四十条第（六）项) — or from an account held by one payer."""
    def account_of(b: BidView):
        return [_norm(account).replace(" ", "").replace("-", "") for account, _holder in b.bonds]

    def shown(value: str) -> str:
        return value[:4] + "*" * max(len(value) - 8, 0) + value[-4:] if len(value) > 8 else value

    flags = _flags_for_shared(lot.bids, key=account_of, code="F9", title="不同投标人的投标保证金从同一账户转出",
                              basis=art40("六"), strength="strong", label="付款账号", shown=shown)
    names = {_norm(b.bidder_name) for b in lot.bids}

    def holder_of(b: BidView):
        # A bidder paying its own bond from its own account is normal; a third party paying for two is not.
        return [_norm(holder) for _account, holder in b.bonds if _norm(holder) not in names]

    flags += _flags_for_shared(lot.bids, key=holder_of, code="F9", title="不同投标人的投标保证金由同一单位或者个人支付",
                               basis=art40("六"), strength="strong", label="付款户名", shown=mask_if_person)
    return flags


def same_key_staff(lot: LotView) -> list[FlagResult]:
    """F10: the same person named as project manager or other key staff in different bids (第四十条第（三）项);
    the same contact person or phone (财政部令第87号 第三十七条第（三）项: 联系人员为同一人)."""
    def person(b: BidView):
        return [f"{role}|{idn}" if idn else f"{role}|{name}|{cert}" for role, name, idn, cert in b.staff
                if idn or cert]

    def shown_person(value: str) -> str:
        role, *rest = value.split("|")
        return f"{role} {mask_id_number(rest[0])}" if len(rest) == 1 else f"{role} {mask_name(rest[0])} {rest[1]}"

    flags = _flags_for_shared(lot.bids, key=person, code="F10", title="不同投标人的投标文件载明的项目管理成员为同一人",
                              basis=art40("三"), strength="strong", label="主要人员", shown=shown_person)
    flags += _flags_for_shared(lot.bids, key=lambda b: [_norm(b.contact_phone).replace("-", "").replace(" ", "")],
                               code="F10", title="不同投标人的联系电话相同", basis=ORDER_87 + "第（三）项",
                               strength="medium", label="联系电话", shown=mask_phone)
    flags += _flags_for_shared(lot.bids, key=lambda b: [_norm(b.contact_person)], code="F10",
                               title="不同投标人的联系人为同一人", basis=ORDER_87 + "第（三）项", strength="weak",
                               label="联系人", shown=mask_name)
    return flags


def same_agent(lot: LotView) -> list[FlagResult]:
    """F11: one person handled several bidders' affairs (download, bond, opening): 第四十条第（二）项."""
    return _flags_for_shared(lot.bids, key=lambda b: [_norm(b.agent_name)], code="F11",
                             title="不同投标人委托同一人办理投标事宜", basis=art40("二"), strength="medium",
                             label="投标事宜办理人", shown=mask_name)


# -- F12: company relationships -----------------------------------------------------------------------------


def related_bidders(lot: LotView) -> list[FlagResult]:
    """F12: 第三十四条第二款 — the same legal representative, or a controlling or management relationship,
    between bidders in the same lot (their bids are invalid). A shared shareholder or officer is reported as
    a medium signal (the same 实际控制人 is often behind both)."""
    bids = lot.bids
    flags = _flags_for_shared(
        bids, key=lambda b: [b.legal_representative_id_number], code="F12",
        title="单位负责人为同一人的不同单位参加同一标段投标", basis=ART34, strength="strong", label="法定代表人身份证号",
        shown=mask_id_number)
    # Without ID numbers, the same name is only a hint (namesakes exist).
    no_id = [b for b in bids if not b.legal_representative_id_number]
    flags += _flags_for_shared(no_id, key=lambda b: [_norm(b.legal_representative)], code="F12",
                               title="不同投标人的法定代表人同名（未提供身份证号，待核实）", basis=ART34, strength="weak",
                               label="法定代表人", shown=mask_name)
    in_lot = {b.bidder_id: b for b in bids}
    for rel in lot.relations:
        if rel.kind in ("controls", "manages") and rel.bidder_id in in_lot and rel.other_id in in_lot \
                and rel.bidder_id != rel.other_id:
            a, b = in_lot[rel.bidder_id], in_lot[rel.other_id]
            what = "控股" if rel.kind == "controls" else "管理"
            ratio = f"（持股 {rel.share_ratio}%）" if rel.share_ratio is not None else ""
            flags.append(FlagResult(
                code="F12", title=f"存在{what}关系的不同单位参加同一标段投标", legal_basis=ART34, strength="strong",
                bidder_ids=tuple(sorted({a.bidder_id, b.bidder_id})),
                evidence=({"bidder": a.bidder_name, "bid": a.bid_id, "field": f"{what}{ratio}", "value": b.bidder_name},
                          {"bidder": b.bidder_name, "bid": b.bid_id, "field": f"被{what}", "value": a.bidder_name}),
            ))
    people: dict[str, list[tuple[RelationView, BidView]]] = defaultdict(list)
    for rel in lot.relations:
        if rel.kind in ("shareholder", "legal_rep", "officer") and rel.bidder_id in in_lot:
            key = rel.person_id_number or ""
            if key:
                people[key].append((rel, in_lot[rel.bidder_id]))
    for key, links in sorted(people.items()):
        if len({bid.bidder_id for _rel, bid in links}) < 2:
            continue
        flags.append(FlagResult(
            code="F12", title="不同投标人有共同的股东、法定代表人或高级管理人员",
            legal_basis=f"{ART34}（控制关系待核实）；{art40('一')}", strength="medium",
            bidder_ids=tuple(sorted({bid.bidder_id for _rel, bid in links})),
            evidence=tuple({"bidder": bid.bidder_name, "bid": bid.bid_id,
                            "field": dict(shareholder="股东", legal_rep="法定代表人", officer="高管")[rel.kind]
                            + (f"（持股 {rel.share_ratio}%）" if rel.share_ratio is not None else ""),
                            "value": f"{mask_name(rel.person_name)} {mask_id_number(key)}"} for rel, bid in links),
        ))
    return flags


RULES: tuple[Callable[[LotView], list[FlagResult]], ...] = (
    same_upload_ip, same_machine, same_ca_certificate, same_pricing_lock, same_file_creation_id,
    same_document_metadata, identical_prices, price_progression, same_bond_account, same_key_staff, same_agent,
    related_bidders,
)


def evaluate(lot: LotView) -> list[FlagResult]:
    """Every rule over one lot, strongest first."""
    flags = [flag for rule in RULES for flag in rule(lot)]
    return sorted(flags, key=lambda f: (-STRENGTH_ORDER[f.strength], f.code))


# Weights of the rules-and-screens ranking (used when no trained model is configured): a strong rule is close to
# proof under 第四十条 ("视为"), a weak one only a hint.
STRENGTH_WEIGHT = {"strong": 0.6, "medium": 0.3, "weak": 0.1}


def rules_score(flags: Iterable[FlagResult]) -> float:
    """1 − Π(1 − wᵢ) over the flags: 0 with none, ≥ 0.6 with any strong one, never above 1."""
    remaining = 1.0
    for flag in flags:
        remaining *= 1 - STRENGTH_WEIGHT[flag.strength]
    return 1 - remaining

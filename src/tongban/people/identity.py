"""Identity numbers: parsing, validation and masking. Pure Python; no Django import.

Standards:

- 公民身份号码: GB 11643-1999《公民身份号码》. 18 characters = 6-digit 地址码 (GB/T 2260 行政区划代码 of the
  place of first registration) + 8-digit 出生日期码 (YYYYMMDD, GB/T 7408) + 3-digit 顺序码 (odd for men, even
  for women) + 1 校验码 computed by ISO 7064:1983 MOD 11-2 (value 10 is written X).
- 港澳台居民居住证 uses the same 18-character structure (港澳台居民居住证申领发放办法, 国办发〔2018〕81号);
  its 地址码 is 810000 (香港), 820000 (澳门) or 830000 (台湾).
- 统一社会信用代码: GB 32100-2015《法人和其他组织统一社会信用代码编码规则》. 18 characters from the set
  0-9 A-Z without I O Z S V = 1 登记管理部门代码 + 1 机构类别代码 + 6-digit 登记管理机关行政区划码 (GB/T 2260)
  + 9-character 主体标识码 (组织机构代码, GB 11714) + 1 校验码 by the weighted MOD 31 rule of GB 32100 §4.

Every parser returns a frozen result or raises an `IdentityError` (a `ValueError`) whose message says, in
Chinese, exactly what is wrong: the length, the offending character and its position, the date, or the check
character expected against the one given.

Input is normalised before checking: Unicode NFKC (full-width digits and letters typed with a Chinese input
method become ASCII), surrounding whitespace removed, letters upper-cased (a lower-case ``x`` is the same
check character as ``X``). Nothing else is forgiven: an inner space or dash is reported as a wrong character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# ---------------------------------------------------------------------------------------------------------
# Errors


class IdentityError(ValueError):
    """An identity number failed validation; `str(error)` is the Chinese reason shown to the user."""

    code = "invalid"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EmptyError(IdentityError):
    code = "empty"


class LengthError(IdentityError):
    code = "length"


class CharacterError(IdentityError):
    code = "character"


class DivisionCodeError(IdentityError):
    code = "division_code"


class BirthDateError(IdentityError):
    code = "birth_date"


class FormatError(IdentityError):
    code = "format"


class CheckCharacterError(IdentityError):
    code = "check_character"

    def __init__(self, message: str, *, expected: str, given: str):
        super().__init__(message)
        self.expected = expected
        self.given = given


# ---------------------------------------------------------------------------------------------------------
# Shared helpers


def normalise(value: str) -> str:
    """NFKC, strip surrounding whitespace, upper-case. ``"３２０５…ｘ "`` → ``"3205…X"``."""
    return unicodedata.normalize("NFKC", value or "").strip().upper()


def _shown(char: str) -> str:
    """How to quote a wrong character in a message: visible even when it is a space or a control."""
    if char == " ":
        return "空格"
    if not char.isprintable():
        return f"U+{ord(char):04X}"
    return f"“{char}”"


# GB/T 2260 province-level codes (the first two digits of every 行政区划代码). An ID number keeps the 地址码
# it was issued with even after its county is abolished or renamed, so only this level is stable enough to
# check; the full six-digit code is not looked up.
PROVINCE_CODES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}

# 港澳台居民居住证: 地址码 by region (国办发〔2018〕81号).
RESIDENCE_PERMIT_DIVISIONS: dict[str, str] = {"810000": "香港", "820000": "澳门", "830000": "台湾"}

EARLIEST_BIRTH_DATE = date(1900, 1, 1)


# ---------------------------------------------------------------------------------------------------------
# GB 11643-1999 公民身份号码


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return "男" if self is Gender.MALE else "女"


# ISO 7064 MOD 11-2: the weight of position i (1-based, left to right, 17 digits) is 2^(18-i) mod 11.
ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
ID_CHECK_CHARS = "10X98765432"  # index = (weighted sum) mod 11, GB 11643-1999 §6.2


def id_check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdNumber:
    number: str
    division_code: str
    birth_date: date
    sequence: str
    check_character: str

    @property
    def gender(self) -> Gender:
        # GB 11643-1999 §5.3: 顺序码的奇数分配给男性，偶数分配给女性。
        return Gender.MALE if int(self.sequence) % 2 == 1 else Gender.FEMALE

    @property
    def province(self) -> str:
        return PROVINCE_CODES.get(self.division_code[:2], "")


def _parse_gb11643(value: str, *, today: date | None, label: str, division_check) -> IdNumber:
    number = normalise(value)
    if not number:
        raise EmptyError(f"请填写{label}。")
    if len(number) != 18:
        hint = "（15 位是第一代身份证号码，已停止使用，请填写 18 位号码）" if len(number) == 15 else ""
        raise LengthError(f"{label}应为 18 位，实际为 {len(number)} 位{hint}。")
    for position, char in enumerate(number[:17], start=1):
        if not ("0" <= char <= "9"):
            raise CharacterError(f"{label}第 {position} 位是{_shown(char)}，前 17 位只能是数字。")
    if number[17] not in "0123456789X":
        raise CharacterError(f"{label}第 18 位（校验码）是{_shown(number[17])}，只能是数字或 X。")
    division_check(number[:6])
    raw_date = number[6:14]
    try:
        birth = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        raise BirthDateError(f"{label}第 7–14 位出生日期“{raw_date}”不是有效的日期。") from None
    if birth < EARLIEST_BIRTH_DATE:
        raise BirthDateError(f"{label}中的出生日期 {birth.isoformat()} 早于 1900 年，号码有误。")
    if birth > (today or date.today()):
        raise BirthDateError(f"{label}中的出生日期 {birth.isoformat()} 晚于今天，号码有误。")
    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise CheckCharacterError(
            f"{label}校验码不符：按 GB 11643-1999 计算，第 18 位应为“{expected}”，实际为“{number[17]}”。"
            "请核对号码是否抄错。",
            expected=expected,
            given=number[17],
        )
    return IdNumber(
        number=number, division_code=number[:6], birth_date=birth, sequence=number[14:17],
        check_character=number[17],
    )


def _resident_division(code: str) -> None:
    if code[:2] not in PROVINCE_CODES:
        raise DivisionCodeError(
            f"公民身份号码前 6 位地址码“{code}”无效：“{code[:2]}”不是 GB/T 2260 中的省级行政区划代码。"
        )


def _permit_division(code: str) -> None:
    if code not in RESIDENCE_PERMIT_DIVISIONS:
        raise DivisionCodeError(
            f"港澳台居民居住证号码前 6 位应为 810000（香港）、820000（澳门）或 830000（台湾），实际为“{code}”。"
        )


def parse_id_number(value: str, *, today: date | None = None) -> IdNumber:
    """Validate an 18-character 公民身份号码 (居民身份证) per GB 11643-1999."""
    return _parse_gb11643(value, today=today, label="公民身份号码", division_check=_resident_division)


def parse_residence_permit_number(value: str, *, today: date | None = None) -> IdNumber:
    """Validate the number on a 港澳台居民居住证 (GB 11643 structure, 地址码 810000/820000/830000)."""
    return _parse_gb11643(value, today=today, label="港澳台居民居住证号码", division_check=_permit_division)


# ---------------------------------------------------------------------------------------------------------
# Other travel and residence documents: their numbers carry no check character, so only the format is checked.

_HK_MACAU_PERMIT = re.compile(r"[HM]\d{8}(\d{2})?")  # 港澳居民来往内地通行证: H/M + 8 digits (10 on old booklets)
_TAIWAN_PERMIT = re.compile(r"\d{8}(\d{2})?")  # 台湾居民来往大陆通行证: 8 digits (2015 card), 10 on old booklets
_PASSPORT = re.compile(r"[A-Z0-9]{5,17}")  # ICAO 9303 document number; other countries' formats vary


def _parse_format(value: str, pattern: re.Pattern, label: str, rule: str) -> str:
    number = normalise(value)
    if not number:
        raise EmptyError(f"请填写{label}。")
    if not pattern.fullmatch(number):
        for position, char in enumerate(number, start=1):
            if not (char.isascii() and char.isalnum()):
                raise CharacterError(f"{label}第 {position} 位是{_shown(char)}，只能是数字或字母。")
        raise FormatError(f"{label}格式不对：{rule}，实际为 {len(number)} 位“{number}”。")
    return number


def parse_hk_macau_permit(value: str) -> str:
    return _parse_format(value, _HK_MACAU_PERMIT, "港澳居民来往内地通行证号码", "应为 H 或 M 加 8 位（旧版 10 位）数字")


def parse_taiwan_permit(value: str) -> str:
    return _parse_format(value, _TAIWAN_PERMIT, "台湾居民来往大陆通行证号码", "应为 8 位（旧版 10 位）数字")


def parse_passport(value: str) -> str:
    return _parse_format(value, _PASSPORT, "护照号码", "应为 5 至 17 位数字或字母")


class DocumentKind(StrEnum):
    """证件类型. The values are stored in the database (people.NaturalPerson.id_type)."""

    RESIDENT_ID = "resident_id"
    RESIDENCE_PERMIT = "hmt_residence_permit"
    HK_MACAU_PERMIT = "hk_macau_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    PASSPORT = "passport"


DOCUMENT_LABELS: dict[DocumentKind, str] = {
    DocumentKind.RESIDENT_ID: "居民身份证",
    DocumentKind.RESIDENCE_PERMIT: "港澳台居民居住证",
    DocumentKind.HK_MACAU_PERMIT: "港澳居民来往内地通行证",
    DocumentKind.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    DocumentKind.PASSPORT: "护照",
}


@dataclass(frozen=True)
class Document:
    """A validated identity document number, with what the number itself says about its holder."""

    kind: DocumentKind
    number: str
    birth_date: date | None = None
    gender: Gender | None = None


def parse_document(kind: str, value: str, *, today: date | None = None) -> Document:
    """Validate `value` as a number of document `kind`; raises IdentityError (or ValueError for an unknown kind)."""
    try:
        kind = DocumentKind(kind)
    except ValueError:
        raise IdentityError(f"不支持的证件类型“{kind}”。") from None
    if kind is DocumentKind.RESIDENT_ID:
        parsed = parse_id_number(value, today=today)
        return Document(kind, parsed.number, parsed.birth_date, parsed.gender)
    if kind is DocumentKind.RESIDENCE_PERMIT:
        parsed = parse_residence_permit_number(value, today=today)
        return Document(kind, parsed.number, parsed.birth_date, parsed.gender)
    if kind is DocumentKind.HK_MACAU_PERMIT:
        return Document(kind, parse_hk_macau_permit(value))
    if kind is DocumentKind.TAIWAN_PERMIT:
        return Document(kind, parse_taiwan_permit(value))
    return Document(kind, parse_passport(value))


# ---------------------------------------------------------------------------------------------------------
# GB 32100-2015 统一社会信用代码

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 §4.1: 31 characters, no I O Z S V
USCC_VALUES = {c: i for i, c in enumerate(USCC_CHARS)}
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^(i-1) mod 31, GB 32100 §4.2

# 登记管理部门代码 and 机构类别代码: only the assignments that every published reading of GB 32100-2015 agrees on
# are named here. Other codes exist (the standard reserves codes and later notices assign more, and the
# sources disagree on them), so an unlisted code is reported by its character, never rejected.
USCC_AUTHORITIES: dict[str, str] = {"1": "机构编制", "5": "民政", "9": "市场监督管理（工商）", "Y": "其他"}
USCC_TYPES: dict[str, dict[str, str]] = {
    "1": {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
}


def uscc_check_character(first17: str) -> str:
    """GB 32100-2015 §4.2: C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0."""
    total = sum(USCC_VALUES[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class Uscc:
    code: str
    authority_code: str
    type_code: str
    division_code: str
    subject_code: str
    check_character: str

    @property
    def organisation_type(self) -> str:
        """The first two characters (登记管理部门 + 机构类别), e.g. "91" for an enterprise."""
        return self.authority_code + self.type_code

    @property
    def type_label(self) -> str:
        return organisation_type_label(self.organisation_type)


def organisation_type_label(organisation_type: str) -> str:
    """"91" → "企业"; a code not named in USCC_TYPES is described by its characters."""
    authority, kind = organisation_type[:1], organisation_type[1:2]
    authority_label = USCC_AUTHORITIES.get(authority, f"登记管理部门 {authority}")
    return USCC_TYPES.get(authority, {}).get(kind) or f"{authority_label}·机构类别 {kind}"


_FORBIDDEN_LETTERS = "IOZSV"


def parse_uscc(value: str) -> Uscc:
    """Validate an 18-character 统一社会信用代码 per GB 32100-2015."""
    label = "统一社会信用代码"
    code = normalise(value)
    if not code:
        raise EmptyError(f"请填写{label}。")
    if len(code) != 18:
        hint = "（15 位是旧的工商注册号，请填写营业执照上的 18 位统一社会信用代码）" if len(code) == 15 else ""
        raise LengthError(f"{label}应为 18 位，实际为 {len(code)} 位{hint}。")
    for position, char in enumerate(code, start=1):
        if char in USCC_VALUES:
            if 3 <= position <= 8 and not char.isdigit():
                raise CharacterError(
                    f"{label}第 {position} 位是{_shown(char)}；第 3–8 位是登记管理机关行政区划码，只能是数字。"
                )
            continue
        if char in _FORBIDDEN_LETTERS:
            raise CharacterError(f"{label}第 {position} 位是{_shown(char)}；统一社会信用代码不使用字母 I、O、Z、S、V。")
        raise CharacterError(f"{label}第 {position} 位是{_shown(char)}，只能是数字或大写字母（不含 I、O、Z、S、V）。")
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise CheckCharacterError(
            f"{label}校验码不符：按 GB 32100-2015 计算，第 18 位应为“{expected}”，实际为“{code[17]}”。"
            "请核对代码是否抄错。",
            expected=expected,
            given=code[17],
        )
    return Uscc(
        code=code, authority_code=code[0], type_code=code[1], division_code=code[2:8], subject_code=code[8:17],
        check_character=code[17],
    )


# ---------------------------------------------------------------------------------------------------------
# Masking (去标识化展示). The choices and their reasons are in docs/adr/0004-identities-and-masking.md.

MASK = "*"


def _keep_ends(value: str, start: int, end: int) -> str:
    if start + end >= len(value):
        return MASK * len(value)
    return value[:start] + MASK * (len(value) - start - end) + (value[len(value) - end:] if end else "")


def mask_id_number(value: str) -> str:
    """``320502199003071234`` → ``320***********1234``.

    An 18-character number keeps its first 3 characters (province and prefecture digit) and its last 4 (the
    "后四位" people use to confirm a number); the county and the whole birth date are hidden, so neither the
    age nor the place of registration can be read from a masked number. Shorter document numbers (passports,
    permits) keep the first character and the last 2.
    """
    value = (value or "").strip()
    if len(value) >= 15:
        return _keep_ends(value, 3, 4)
    if len(value) >= 6:
        return _keep_ends(value, 1, 2)
    return MASK * len(value)


# 复姓 that keep both characters when a name is masked (欧阳娜娜 → 欧阳**). The common ones from 百家姓.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门 "
    "百里 呼延 澹台 公冶 太史 申屠 闻人 万俟 赫连 第五 东郭 濮阳 拓跋 单于 司空 司寇 闾丘 子车 亓官 巫马 "
    "公羊 公良 谷梁 宰父 梁丘 左丘 东门 羊舌 微生 乐正 壤驷 漆雕 颛孙 仲孙 叔孙 鲜于 淳于 太叔".split()
)
_NAME_SEPARATORS = "·•・. -"


def mask_name(value: str) -> str:
    """张三 → 张*；张三丰 → 张**；欧阳娜娜 → 欧阳**；买买提·艾力 → 买**·**；a one-character name is fully masked.

    The surname is kept and every other character is replaced, one * per character; separators in
    transliterated names stay so that the shape of the name is recognisable.
    """
    value = (value or "").strip()
    if len(value) <= 1:
        return MASK * len(value)
    keep = 2 if len(value) > 2 and value[:2] in COMPOUND_SURNAMES else 1
    return value[:keep] + "".join(c if c in _NAME_SEPARATORS else MASK for c in value[keep:])


def mask_phone(value: str) -> str:
    """138 1234 5678 → 138 ****5678: the four digits before the last four are hidden (the national habit).

    Separators and a country prefix stay as typed (+86 13812345678 → +86 138****5678; 0512-65221234 →
    0512-****1234). Numbers with fewer than 8 digits keep only their last 2.
    """
    value = (value or "").strip()
    positions = [i for i, c in enumerate(value) if c.isdigit()]
    n = len(positions)
    if n >= 8:
        hidden = set(positions[n - 8:n - 4])
    else:
        hidden = set(positions[:max(n - 2, 0)])
    return "".join(MASK if i in hidden else c for i, c in enumerate(value))


def mask_uscc(value: str) -> str:
    """91320505MA1XXXXX7Q → 91320505********7Q: type and registration 区划 stay, the 主体标识码 is hidden.

    Used in the audit log and application logs. A 统一社会信用代码 is printed on the public business licence,
    but for a 个体工商户 it points at one natural person, so logs hide it the same way for every legal person.
    """
    value = (value or "").strip()
    if len(value) != 18:
        return _keep_ends(value, 2, 2) if len(value) > 6 else MASK * len(value)
    return _keep_ends(value, 8, 2)

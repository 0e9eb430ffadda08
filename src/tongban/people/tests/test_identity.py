"""GB 11643-1999 and GB 32100-2015 validation, and masking. Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tongban.people import identity
from tongban.people.identity import (
    BirthDateError,
    CharacterError,
    CheckCharacterError,
    DivisionCodeError,
    Gender,
    IdentityError,
    LengthError,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_uscc,
    parse_document,
    parse_id_number,
    parse_residence_permit_number,
    parse_uscc,
)

from .conftest import COMPANY_USCC, LI_ID, WANG_ID, ZHANG_ID, id_number, uscc

TODAY = date(2026, 11, 25)

# ---------------------------------------------------------------------------------------------------------
# 公民身份号码: examples


def test_parses_structure_birth_date_and_gender():
    parsed = parse_id_number(ZHANG_ID, today=TODAY)
    assert parsed.division_code == "320508"
    assert parsed.birth_date == date(1990, 3, 7)
    assert parsed.sequence == "123"
    assert parsed.gender is Gender.MALE
    assert parsed.province == "江苏省"
    assert parse_id_number(LI_ID, today=TODAY).gender is Gender.FEMALE


def test_check_character_ten_is_written_x():
    assert WANG_ID == "11010519491231002X"
    assert parse_id_number(WANG_ID, today=TODAY).check_character == "X"


def test_lower_case_x_and_full_width_digits_are_the_same_number():
    assert parse_id_number("11010519491231002x", today=TODAY).number == WANG_ID
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in WANG_ID)  # what a Chinese IME types in full-width mode
    assert parse_id_number(f" {full_width} ", today=TODAY).number == WANG_ID


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("", identity.EmptyError, "请填写公民身份号码。"),
        (ZHANG_ID[:17], LengthError, "公民身份号码应为 18 位，实际为 17 位。"),
        ("320508900307123", LengthError, "公民身份号码应为 18 位，实际为 15 位（15 位是第一代身份证号码，已停止使用，请填写 18 位号码）。"),
        ("3205081990O307123" + "4", CharacterError, "公民身份号码第 11 位是“O”，前 17 位只能是数字。"),
        ("320508 19900307123", CharacterError, "公民身份号码第 7 位是空格，前 17 位只能是数字。"),
        ("32050819900307123Y", CharacterError, "公民身份号码第 18 位（校验码）是“Y”，只能是数字或 X。"),
        (id_number("99050819900307123"), DivisionCodeError,
         "公民身份号码前 6 位地址码“990508”无效：“99”不是 GB/T 2260 中的省级行政区划代码。"),
        (id_number("32050819900230123"), BirthDateError, "公民身份号码第 7–14 位出生日期“19900230”不是有效的日期。"),
        (id_number("32050818991231123"), BirthDateError, "公民身份号码中的出生日期 1899-12-31 早于 1900 年，号码有误。"),
        (id_number("32050820261126123"), BirthDateError, "公民身份号码中的出生日期 2026-11-26 晚于今天，号码有误。"),
    ],
)
def test_each_defect_is_named_exactly(value, error, message):
    with pytest.raises(error) as caught:
        parse_id_number(value, today=TODAY)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_wrong_check_character_names_expected_and_given():
    wrong = ZHANG_ID[:17] + ("0" if ZHANG_ID[17] != "0" else "1")
    with pytest.raises(CheckCharacterError) as caught:
        parse_id_number(wrong, today=TODAY)
    assert (caught.value.expected, caught.value.given) == (ZHANG_ID[17], wrong[17])
    assert str(caught.value) == (
        f"公民身份号码校验码不符：按 GB 11643-1999 计算，第 18 位应为“{ZHANG_ID[17]}”，实际为“{wrong[17]}”。请核对号码是否抄错。"
    )


def test_boundary_dates_are_accepted():
    assert parse_id_number(id_number("32050819000101123"), today=TODAY).birth_date == date(1900, 1, 1)
    assert parse_id_number(id_number("32050820261125123"), today=TODAY).birth_date == TODAY
    assert parse_id_number(id_number("32050820000229124"), today=TODAY).birth_date == date(2000, 2, 29)


def test_residence_permit_uses_its_own_address_codes():
    permit = id_number("81000019880808001")  # 香港居民
    assert parse_residence_permit_number(permit, today=TODAY).birth_date == date(1988, 8, 8)
    with pytest.raises(DivisionCodeError, match="810000（香港）、820000（澳门）或 830000（台湾）"):
        parse_residence_permit_number(ZHANG_ID, today=TODAY)
    with pytest.raises(DivisionCodeError):
        parse_id_number(id_number("83000019880808001"), today=TODAY)


def test_other_documents_are_checked_by_format():
    assert parse_document("hk_macau_permit", "h12345678").number == "H12345678"
    assert parse_document("passport", "E12345678").birth_date is None
    with pytest.raises(IdentityError, match="应为 H 或 M 加 8 位"):
        parse_document("hk_macau_permit", "H1234567")
    with pytest.raises(CharacterError, match="第 4 位是“-”"):
        parse_document("taiwan_permit", "123-45678")
    with pytest.raises(IdentityError, match="不支持的证件类型"):
        parse_document("library_card", "12345")


# ---------------------------------------------------------------------------------------------------------
# 统一社会信用代码: examples


def test_uscc_parses_its_parts():
    code = parse_uscc(COMPANY_USCC)
    assert (code.authority_code, code.type_code, code.division_code, code.subject_code) == ("9", "1", "110000", "600037341")
    assert code.type_label == "企业"
    assert parse_uscc(COMPANY_USCC.lower()).code == COMPANY_USCC


def test_uscc_unlisted_authority_is_described_not_rejected():
    code = parse_uscc(uscc("N2320508MA1234567"))
    assert code.type_label == "登记管理部门 N·机构类别 2"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (COMPANY_USCC[:16], LengthError, "统一社会信用代码应为 18 位，实际为 16 位。"),
        ("91110000600037341I", CharacterError, "统一社会信用代码第 18 位是“I”；统一社会信用代码不使用字母 I、O、Z、S、V。"),
        ("9111000060003734#L", CharacterError,
         "统一社会信用代码第 17 位是“#”，只能是数字或大写字母（不含 I、O、Z、S、V）。"),
        ("9111A000600037341L", CharacterError,
         "统一社会信用代码第 5 位是“A”；第 3–8 位是登记管理机关行政区划码，只能是数字。"),
        ("91110000600037341Q", CheckCharacterError,
         "统一社会信用代码校验码不符：按 GB 32100-2015 计算，第 18 位应为“L”，实际为“Q”。请核对代码是否抄错。"),
    ],
)
def test_uscc_defects_are_named_exactly(value, error, message):
    with pytest.raises(error) as caught:
        parse_uscc(value)
    assert str(caught.value) == message


def test_uscc_check_character_zero_case():
    # 31 − (Σ mod 31) = 31 is written 0 (GB 32100-2015 §4.2); find such a body and check it round-trips.
    body = next(f"9132050800000{n:04d}" for n in range(10_000) if identity.uscc_check_character(f"9132050800000{n:04d}") == "0")
    assert parse_uscc(body + "0").check_character == "0"


# ---------------------------------------------------------------------------------------------------------
# Properties


@st.composite
def valid_id_numbers(draw):
    province = draw(st.sampled_from(sorted(identity.PROVINCE_CODES)))
    rest = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.integers(0, 999))
    return id_number(f"{province}{rest}{born:%Y%m%d}{sequence:03d}")


@st.composite
def valid_usccs(draw):
    chars = identity.USCC_CHARS
    head = draw(st.sampled_from(chars)) + draw(st.sampled_from(chars))
    division = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    subject = "".join(draw(st.lists(st.sampled_from(chars), min_size=9, max_size=9)))
    return uscc(head + division + subject)


# Replacement characters: ASCII letters/digits/punctuation, full-width forms, a few CJK and spaces.
replacements = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xFF10, max_codepoint=0xFF5A),
    st.sampled_from("号码〇一二ⅩＸ\u3000\t"),
)


def _substitute(value: str, position: int, char: str) -> str:
    return value[:position] + char + value[position + 1:]


@given(valid_id_numbers())
def test_generated_id_numbers_validate(number):
    parsed = parse_id_number(number, today=TODAY)
    assert parsed.number == number
    assert parsed.birth_date.strftime("%Y%m%d") == number[6:14]
    assert parsed.gender is (Gender.MALE if int(number[16]) % 2 else Gender.FEMALE)


@given(valid_id_numbers(), st.integers(0, 17), replacements)
def test_any_single_character_change_to_an_id_number_is_rejected(number, position, char):
    changed = _substitute(number, position, char)
    # A change the normaliser undoes (x for X, a full-width 1 for 1) is the same number, not a different one.
    assume(identity.normalise(changed) != number)
    with pytest.raises(IdentityError):
        parse_id_number(changed, today=TODAY)


@given(valid_id_numbers(), st.integers(0, 16))
def test_swapping_two_neighbouring_id_characters_is_rejected(number, position):
    assume(number[position] != number[position + 1])
    swapped = number[:position] + number[position + 1] + number[position] + number[position + 2:]
    with pytest.raises(IdentityError):
        parse_id_number(swapped, today=TODAY)


@given(valid_id_numbers(), st.integers(0, 17), st.booleans())
def test_a_dropped_or_doubled_character_is_a_length_error(number, position, drop):
    changed = number[:position] + number[position + 1:] if drop else number[:position] + number[position] + number[position:]
    with pytest.raises(LengthError):
        parse_id_number(changed, today=TODAY)


@given(valid_usccs())
def test_generated_usccs_validate(code):
    parsed = parse_uscc(code)
    assert parsed.code == code and parsed.division_code == code[2:8]


@given(valid_usccs(), st.integers(0, 17), replacements)
def test_any_single_character_change_to_a_uscc_is_rejected(code, position, char):
    changed = _substitute(code, position, char)
    assume(identity.normalise(changed) != code)
    with pytest.raises(IdentityError):
        parse_uscc(changed)


@given(valid_usccs(), st.integers(0, 16))
def test_swapping_two_neighbouring_uscc_characters_is_rejected(code, position):
    assume(code[position] != code[position + 1])
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2:]
    with pytest.raises(IdentityError):
        parse_uscc(swapped)


def test_future_birth_date_depends_on_today():
    tomorrow_born = id_number(f"320508{TODAY + timedelta(days=1):%Y%m%d}123")
    with pytest.raises(BirthDateError):
        parse_id_number(tomorrow_born, today=TODAY)
    assert parse_id_number(tomorrow_born, today=TODAY + timedelta(days=1))


# ---------------------------------------------------------------------------------------------------------
# Masking


def test_mask_id_number_hides_county_and_birth_date():
    assert mask_id_number(ZHANG_ID) == "320***********" + ZHANG_ID[-4:]
    assert mask_id_number(WANG_ID) == "110***********002X"
    assert mask_id_number("E12345678") == "E******78"
    assert mask_id_number("1234") == "****"


@given(valid_id_numbers())
def test_masked_id_number_never_shows_the_birth_date_or_county(number):
    masked = mask_id_number(number)
    assert len(masked) == 18
    assert masked[3:14] == "*" * 11
    assert number[6:14] not in masked and number[:6] not in masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张三丰", "张**"), ("欧阳娜娜", "欧阳**"), ("欧阳", "欧*"), ("司马光", "司马*"),
     ("买买提·艾力", "买**·**"), ("John Smith", "J*** *****"), ("张", "*"), ("", "")],
)
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("+86 13812345678", "+86 138****5678"), ("0512-65221234", "0512-****1234"),
     ("65221234", "****1234"), ("12345", "***45"), ("", "")],
)
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_mask_uscc_hides_the_subject_code():
    assert mask_uscc(COMPANY_USCC) == "91110000********1L"

"""Digests, sizes and names."""

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tongban.core.errors import ValidationFailed
from tongban.files.domain import (
    DualHasher,
    check_size,
    clean_filename,
    clean_purpose,
    digest_chunks,
    human_size,
)


def test_sm3_matches_the_standard_test_vector():
    # GB/T 32905-2016 附录 A.1: SM3("abc").
    d = digest_chunks([b"abc"])
    assert d.sm3 == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert d.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert d.size == 3


def test_sm3_second_standard_vector():
    # GB/T 32905-2016 附录 A.2: "abcd" repeated 16 times (512 bits).
    d = digest_chunks([b"abcd" * 16])
    assert d.sm3 == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


@given(st.lists(st.binary(max_size=300), max_size=12))
def test_streaming_in_chunks_gives_the_digest_of_the_whole(chunks):
    whole = b"".join(chunks)
    d = digest_chunks(chunks)
    one = DualHasher()
    one.update(whole)
    assert d == one.finalize()
    assert d.sha256 == hashlib.sha256(whole).hexdigest()
    assert d.size == len(whole)


def test_size_rules():
    check_size(1, 10)
    check_size(10, 10)
    with pytest.raises(ValidationFailed, match="文件为空"):
        check_size(0, 10)
    with pytest.raises(ValidationFailed) as exc:
        check_size(50 * 1024 * 1024 + 1, 50 * 1024 * 1024)
    assert exc.value.detail == "文件超过 50 MB 上限"


@pytest.mark.parametrize("n, text", [(50 * 1024 * 1024, "50 MB"), (1536 * 1024, "1.5 MB"), (2048, "2 KB"), (100, "100 字节")])
def test_human_size(n, text):
    assert human_size(n) == text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("C:\\fakepath\\申请书.pdf", "申请书.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("  营业执照.png ", "营业执照.png"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # the right-to-left override that disguises an .exe
        ("a\x00b\x07.doc", "ab.doc"),
    ],
)
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_long_filename_keeps_its_extension():
    name = clean_filename("长" * 300 + ".docx")
    assert len(name) == 255 and name.endswith(".docx")


@pytest.mark.parametrize("raw", ["", "   ", "..", "/tmp/"])
def test_empty_filename_refused(raw):
    with pytest.raises(ValidationFailed, match="文件名不能为空"):
        clean_filename(raw)


def test_purpose_is_trimmed_and_bounded():
    assert clean_purpose("  营业执照副本 ") == "营业执照副本"
    assert clean_purpose(None) == ""
    with pytest.raises(ValidationFailed, match="不能超过 64 个字符"):
        clean_purpose("用" * 65)

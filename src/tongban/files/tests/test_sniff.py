"""Type detection from bytes alone, and the extension rule."""

import io
import zipfile

import pytest

from tongban.core.errors import ValidationFailed
from tongban.files import sniff as sniff_mod
from tongban.files.domain import KINDS, NOT_ACCEPTED, check_extension
from tongban.files.sniff import sniff
from tongban.files.tests import samples


@pytest.mark.parametrize("key", sorted(samples.BY_KIND))
def test_each_accepted_kind_is_recognised_by_its_bytes(key):
    build, _ext = samples.BY_KIND[key]
    assert sniff(io.BytesIO(build("x"))).key == key


def test_a_real_xls_written_by_another_library_is_excel():
    assert sniff(io.BytesIO(samples.xls_real())).key == "xls"


def test_version_4_compound_file_with_4096_byte_sectors():
    assert sniff(io.BytesIO(samples.cfb(["WordDocument"], major=4))).key == "doc"


def test_directory_spread_over_several_sectors_is_followed():
    # 20 other streams come first, so "PowerPoint Document" sits in the sixth directory sector.
    data = samples.cfb([f"Stream{i}" for i in range(20)] + ["PowerPoint Document"])
    assert sniff(io.BytesIO(data)).key == "ppt"


def test_a_word_document_embedded_inside_another_compound_file_does_not_count():
    # Only the root storage decides; "WordDocument" deeper down (an embedded object) is not the file's type.
    data = samples.cfb(["SomethingElse"])
    assert b"W\x00o\x00r\x00d\x00" not in data
    with pytest.raises(ValidationFailed, match=NOT_ACCEPTED):
        sniff(io.BytesIO(data))


@pytest.mark.parametrize(
    "data, hint",
    [
        (b"MZ\x90\x00" + bytes(200), "实际内容为 .exe 文件"),
        (b"Rar!\x1a\x07\x00" + bytes(100), "实际内容为 .rar 文件"),
        (b"just some text\n", ""),
        (b"GIF89a" + bytes(50), "实际内容为 .gif 文件"),
        (b"<html><script>alert(1)</script></html>", ""),
    ],
)
def test_other_types_are_refused_and_named_when_known(data, hint):
    with pytest.raises(ValidationFailed) as exc:
        sniff(io.BytesIO(data))
    assert exc.value.detail.startswith("文件类型不被接受：仅支持 PDF、OFD、JPG、PNG、Word、Excel、PowerPoint")
    assert hint in exc.value.detail
    assert exc.value.code == "file_type_not_accepted"


def test_a_plain_zip_is_refused():
    with pytest.raises(ValidationFailed) as exc:
        sniff(io.BytesIO(samples.zip_of({"readme.txt": b"hello", "word/x.txt": b"not ooxml"})))
    assert exc.value.detail == NOT_ACCEPTED + "（实际内容为 .zip 文件）"


def test_opendocument_is_not_on_the_allow_list():
    # ODF 1.2 §3.3: "mimetype" first and stored uncompressed.
    odt = samples.zip_of(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
        compression=zipfile.ZIP_STORED,
    )
    with pytest.raises(ValidationFailed, match="实际内容为 .odt 文件"):
        sniff(io.BytesIO(odt))


def test_ofd_needs_ofd_xml_at_the_root_not_in_a_folder():
    with pytest.raises(ValidationFailed, match=NOT_ACCEPTED):
        sniff(io.BytesIO(samples.zip_of({"sub/OFD.xml": b"<x/>"})))


def test_truncated_zip_is_refused_as_damaged():
    data = samples.ooxml("docx")[:60]
    with pytest.raises(ValidationFailed, match="压缩包已损坏"):
        sniff(io.BytesIO(data))


@pytest.mark.parametrize(
    "data",
    [
        samples.doc()[:300],  # shorter than the header
        samples.doc()[:600],  # the directory sector is cut off
        samples.doc()[:30] + b"\x07\x00" + samples.doc()[32:],  # impossible sector size
    ],
)
def test_damaged_compound_files_are_refused(data):
    with pytest.raises(ValidationFailed, match="文件结构已损坏"):
        sniff(io.BytesIO(data))


def test_cyclic_directory_chain_is_refused_not_looped_forever():
    data = bytearray(samples.doc())
    # The FAT (sector 0, at offset 512) entry for the directory sector 1 points back to itself.
    data[512 + 4 : 512 + 8] = (1).to_bytes(4, "little")
    with pytest.raises(ValidationFailed, match="文件结构已损坏"):
        sniff(io.BytesIO(bytes(data)))


def test_cyclic_sibling_tree_is_refused():
    data = bytearray(samples.cfb(["A", "B"]))
    # Entry 2's right sibling points back to entry 1.
    dir_start = 1024
    data[dir_start + 2 * 128 + 72 : dir_start + 2 * 128 + 76] = (1).to_bytes(4, "little")
    with pytest.raises(ValidationFailed, match="文件结构已损坏"):
        sniff(io.BytesIO(bytes(data)))


def test_ooxml_with_macros_is_refused():
    docm = samples.ooxml("docx", extra={"word/vbaProject.bin": b"\x00" * 10})
    with pytest.raises(ValidationFailed, match="文件含有宏代码") as exc:
        sniff(io.BytesIO(docm))
    assert exc.value.code == "file_has_macros"


@pytest.mark.parametrize("storage", ["Macros", "_VBA_PROJECT_CUR"])
def test_legacy_office_with_macros_is_refused(storage):
    with pytest.raises(ValidationFailed, match="文件含有宏代码"):
        sniff(io.BytesIO(samples.cfb(["WordDocument", "Workbook"], storages=(storage,))))


def test_password_encrypted_office_file_is_refused():
    # An encrypted .docx is an OLE2 file with EncryptionInfo and EncryptedPackage streams ([MS-OFFCRYPTO]).
    data = samples.cfb(["EncryptionInfo", "EncryptedPackage"])
    with pytest.raises(ValidationFailed, match="文件已设置打开密码"):
        sniff(io.BytesIO(data))


def test_pdf_signature_must_be_at_the_start():
    with pytest.raises(ValidationFailed, match=NOT_ACCEPTED):
        sniff(io.BytesIO(b"\xef\xbb\xbf" + samples.pdf()))


def test_sniff_leaves_the_file_at_the_start():
    f = io.BytesIO(samples.ooxml("xlsx"))
    sniff(f)
    assert f.tell() == 0


def test_zip_members_are_never_decompressed(monkeypatch):
    # A zip bomb costs nothing: only the central directory is listed.
    def refuse(*args, **kwargs):
        raise AssertionError("a member was opened")

    data = samples.ooxml("docx", "x" * 100_000)
    monkeypatch.setattr(sniff_mod.zipfile.ZipFile, "open", refuse)
    assert sniff(io.BytesIO(data)).key == "docx"


@pytest.mark.parametrize(
    "filename, key",
    [("申请书.pdf", "pdf"), ("照片.JPG", "jpeg"), ("照片.jpeg", "jpeg"), ("表.Xlsx", "xlsx"), ("a.b.doc", "doc")],
)
def test_extension_agrees(filename, key):
    check_extension(filename, KINDS[key])


@pytest.mark.parametrize(
    "filename, key, message",
    [
        ("营业执照.pdf", "png", "文件内容与扩展名不符：扩展名为 .pdf，实际内容为 PNG 图片"),
        ("报表.xls", "xlsx", "文件内容与扩展名不符：扩展名为 .xls，实际内容为 Excel 工作簿"),
        ("setup.exe", "pdf", "文件内容与扩展名不符：扩展名为 .exe，实际内容为 PDF 文档"),
        ("身份证", "jpeg", "文件内容与扩展名不符：文件名没有扩展名，实际内容为 JPG 图片"),
    ],
)
def test_extension_disagrees(filename, key, message):
    with pytest.raises(ValidationFailed) as exc:
        check_extension(filename, KINDS[key])
    assert exc.value.detail == message
    assert exc.value.code == "file_extension_mismatch"

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from assessments.uploads import UploadRefused, check, storage_name, thumbnail


def jpeg(width=1200, height=900) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_a_photo_is_recognised_by_its_content_and_thumbnailed():
    upload = SimpleUploadedFile("IMG_0001.JPG", jpeg(), content_type="image/jpeg")
    checked = check(upload)
    assert (checked.extension, checked.content_type, checked.is_picture) == ("jpg", "image/jpeg", True)
    thumb = Image.open(io.BytesIO(thumbnail(upload).read()))
    assert max(thumb.size) == 320


def test_an_office_document_is_accepted():
    assert check(SimpleUploadedFile("bien-ban.docx", docx())).extension == "docx"


def test_a_pdf_is_accepted_even_with_a_wrong_extension():
    checked = check(SimpleUploadedFile("scan.jpg", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"))
    assert checked.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"<html><script>alert(1)</script></html>", "không phải"),
        ("rong.pdf", b"", "trống"),
        ("a\\b.pdf", b"%PDF-1.4", "không hợp lệ"),
    ],
)
def test_bad_files_are_refused_with_a_message(name, content, message):
    with pytest.raises(UploadRefused, match=message):
        check(SimpleUploadedFile(name, content))


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(UploadRefused, match="lớn hơn"):
        check(SimpleUploadedFile("big.jpg", jpeg()))


def test_stored_names_reveal_nothing_and_never_repeat():
    checked = check(SimpleUploadedFile("Nguyễn Văn A - giấy khen.jpg", jpeg()))
    names = {storage_name(checked) for _ in range(50)}
    assert len(names) == 50
    assert all("Nguy" not in n and n.endswith(".jpg") and len(n.rsplit("/", 1)[1]) == 36 for n in names)


def test_a_path_in_a_name_is_cut_to_its_last_part_and_never_used_to_store():
    checked = check(SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4"))
    assert checked.original_name == "passwd.pdf"
    assert "etc" not in storage_name(checked)

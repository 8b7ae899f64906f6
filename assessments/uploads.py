"""Evidence files: checked by content (never by extension or the browser's word), stored under names
nobody can guess, thumbnailed when they are pictures.

A phone photo arrives already downscaled by the browser (static/js/evidence.js); the server still
bounds what it accepts: size (settings.UPLOAD_MAX_BYTES), kind (ALLOWED below) and name.
"""

import io
import secrets
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Detected extension → the content type we serve it with. Pictures, PDFs and office documents only.
ALLOWED = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
PICTURES = {"jpg", "png", "webp", "gif"}
THUMBNAIL_SIZE = (320, 320)
# Enough bytes for every signature filetype knows (office files need the zip's first entries).
SNIFF_BYTES = 8192


class UploadRefused(Exception):
    """An upload the rules refuse; the message is for the user."""


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int
    original_name: str

    @property
    def is_picture(self) -> bool:
        return self.extension in PICTURES


def check(upload: UploadedFile) -> CheckedFile:
    name = upload.name or ""
    if any(sep in name for sep in ("/", "\\", "\x00")) or name in {"", ".", ".."}:
        raise UploadRefused(_("The file name “%(name)s” is not allowed.") % {"name": name})
    if not upload.size:
        raise UploadRefused(_("The file “%(name)s” is empty.") % {"name": name})
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise UploadRefused(
            _("The file “%(name)s” is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None and head[:4] == b"PK\x03\x04":
        # Office files whose first zip entry is not the one filetype looks for: read the whole zip.
        kind = filetype.guess(upload.read())
        upload.seek(0)
    if kind is None or kind.extension not in ALLOWED:
        raise UploadRefused(
            _("“%(name)s” is not a picture, a PDF or an office document, whatever its name says.") % {"name": name}
        )
    return CheckedFile(
        extension=kind.extension, content_type=ALLOWED[kind.extension], size=upload.size, original_name=name[:200]
    )


def storage_name(checked: CheckedFile, folder: str = "evidence") -> str:
    """A path that reveals nothing and cannot be guessed: year/month and 128 random bits."""
    today = timezone.localdate()
    return f"{folder}/{today:%Y/%m}/{secrets.token_hex(16)}.{checked.extension}"


def thumbnail(upload: UploadedFile) -> ContentFile | None:
    """A small JPEG for lists, turned upright by its EXIF orientation; None when Pillow cannot read it."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    finally:
        upload.seek(0)
    return ContentFile(out.getvalue())

"""Uploaded images: checked, re-encoded and resized with Pillow, stored under non-guessable names.

Re-encoding drops anything hidden in the file (metadata, scripts in polyglots); the stored name is
random so media URLs cannot be enumerated. Features serve media through their own views, which
apply the visibility of whatever the file belongs to.
"""

import io
import secrets
from pathlib import Path

from flask import abort, current_app, send_file
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from novanet.core.errors import Invalid

Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs early

FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"}


def read_upload(storage, field: str, max_bytes: int) -> bytes:
    data = storage.read(max_bytes + 1) if storage else b""
    if not data:
        raise Invalid(fields={field: _l("Choose a file to upload.")})
    if len(data) > max_bytes:
        raise Invalid(fields={field: _l("The file is larger than %(mb)s MB.",
                                        mb=round(max_bytes / 1024 / 1024, 1))})
    return data


def process_image(data: bytes, field: str, *, allowed=("PNG", "JPEG", "WEBP"),
                  max_size: tuple[int, int] = (1600, 1600), square: bool = False) -> tuple[bytes, str]:
    """Validate and re-encode an image; returns (bytes, extension) or raises Invalid naming field."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
        if fmt not in allowed:
            raise UnidentifiedImageError
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image)
        if square:
            image = ImageOps.fit(image, max_size)
        else:
            image.thumbnail(max_size)
        out = io.BytesIO()
        ext = FORMATS[fmt]
        if fmt == "GIF":
            image.save(out, "GIF")
        elif fmt == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        elif fmt == "WEBP":
            image.save(out, "WEBP", quality=85)
        else:
            image.save(out, "PNG", optimize=True)
        return out.getvalue(), ext
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            SyntaxError):
        names = ", ".join(FORMATS[f].upper() for f in allowed)
        raise Invalid(fields={field: _l("That file is not a %(formats)s image.",
                                        formats=names)}) from None


def store(data: bytes, ext: str, folder: str) -> str:
    """Write data under MEDIA_DIR/folder with a random name; returns the key folder/name.ext."""
    name = f"{secrets.token_urlsafe(18)}.{ext}"
    path = Path(current_app.config["MEDIA_DIR"]) / folder
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_bytes(data)
    return f"{folder}/{name}"


def remove(key: str | None) -> None:
    if key:
        path = _path(key)
        if path and path.exists():
            path.unlink()


def _path(key: str) -> Path | None:
    root = Path(current_app.config["MEDIA_DIR"]).resolve()
    path = (root / key).resolve()
    return path if root in path.parents else None


def send_media(key: str | None, download_name: str | None = None):
    """Send a stored file (after the caller checked who may see it)."""
    path = _path(key) if key else None
    if path is None or not path.is_file():
        abort(404)
    ext = path.suffix.lstrip(".")
    response = send_file(path, mimetype=MIME.get(ext, "application/octet-stream"),
                         download_name=download_name, max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response

"""Factories for account tests: images for avatar uploads."""

import io

from PIL import Image


def image_bytes(fmt: str = "PNG", size=(400, 300), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()

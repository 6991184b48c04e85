"""Checks of uploaded files: their size, and what a zip archive (.xlsx, .docx) holds."""

import io
import zipfile

from django.conf import settings


def upload_limit_exceeded(size: int) -> int | None:
    """``JIYUAN_MAX_UPLOAD_BYTES`` when ``size`` (in bytes) is over it, else None.

    The caller words the refusal, since an evidence form, the admin and the command line
    each say it in their own way; the limit is returned for that message.
    """
    limit = settings.JIYUAN_MAX_UPLOAD_BYTES
    return limit if size > limit else None


def zip_contains(source, member: str) -> bool:
    """Whether ``source`` (bytes or a file) is a zip archive holding ``member``.

    A ``member`` ending in ``/`` is a folder: any file in it counts (``"xl/"``).
    A file is read from its start and left at its start. Judging by the content, not the
    name, refuses a renamed file; a damaged or non-zip file is simply ``False``.
    """
    is_file = not isinstance(source, bytes)
    try:
        if is_file:
            source.seek(0)
        with zipfile.ZipFile(source if is_file else io.BytesIO(source)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        if is_file:
            source.seek(0)
    if member.endswith("/"):
        return any(name.startswith(member) for name in names)
    return member in names

"""Request bodies and uploads: refused by size as early as possible, files streamed to a
temporary directory of the platform's own and swept when a worker died with one open.

- `RequestSizeMiddleware` answers 413 from the declared Content-Length before any byte of
  the body is read: a form or JSON body over `DATA_UPLOAD_MAX_MEMORY_SIZE`, an upload over
  its view's limit (plus the form around it).
- `SizeLimitUploadHandler` counts each file's bytes while they arrive and stops the upload
  as soon as the view's limit is passed. The limit may depend on the file's first bytes: a
  report's photo stops at the photo limit, not the video limit.
- `TemporaryFileUploadHandler` writes large files to `FILE_UPLOAD_TEMP_DIR` (under
  QM_VAR_DIR) named after the host and the process. A worker killed during an upload never
  deletes its file; `sweep()` (run at start by CoreConfig.ready, and by
  `manage.py sweep_uploads`) deletes the files of processes that are gone.

A view declares its limit with `@upload_max_bytes(callable)`; others get
`QM_UPLOAD_MAX_BYTES`.

`content_extension()` is the one check of what a stored file really is (report photos and
videos, inspection records, award materials, media items): the type read from its first
bytes, which must be one the caller accepts and the one its name claims.
"""

import os
import socket
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.files.uploadhandler import (
    TemporaryFileUploadHandler as DjangoTemporaryFileUploadHandler,
)
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MSG_BODY_TOO_LARGE = gettext_noop("提交的内容过大（%(size)s），超过上限 %(limit)s，未保存。")
MSG_FILE_TOO_LARGE = gettext_noop(
    "文件“%(name)s”超过上限 %(limit)s，未上传；请压缩或拆分后再上传。"
)

MSG_FILE_MISMATCH = gettext_noop(
    "文件“%(name)s”的内容是 %(actual)s，与扩展名 .%(ext)s 不符，请检查后重新上传。"
)
# Extensions people write for the same format.
EXTENSION_ALIASES = {"jpeg": "jpg", "jpe": "jpg", "qt": "mov"}


def content_extension(upload: UploadedFile, accepted, *, type_message: str) -> str:
    """The extension of the format `upload`'s content shows (``filetype``), when it is one of
    `accepted` and its name says the same; otherwise a ValidationError: `type_message`
    (formatted with the file's ``name``) for a format not accepted, the mismatch message for
    a name that lies about the content."""
    name = upload.name or ""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head) if head else None
    if guess is None or guess.extension not in accepted:
        raise ValidationError(_(type_message) % {"name": name}, code="type")
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    ext = EXTENSION_ALIASES.get(ext, ext)
    if ext != guess.extension:
        raise ValidationError(
            _(MSG_FILE_MISMATCH)
            % {"name": name, "actual": guess.extension.upper(), "ext": ext or "?"},
            code="mismatch",
        )
    return guess.extension


def size_check(upload: UploadedFile, limit: int, *, message: str) -> None:
    """A ValidationError with `message` (formatted with the file's ``name``, ``size`` and the
    ``limit``, in words) when `upload` is larger than `limit` bytes."""
    if upload.size > limit:
        raise ValidationError(
            _(message)
            % {
                "name": upload.name or "",
                "size": human_size(upload.size),
                "limit": human_size(limit),
            },
            code="size",
        )


# A limit is a number of bytes, or a function of the file's first bytes giving one.
Limit = Callable[[bytes], int]


def upload_max_bytes(limit: Limit):
    """Declare the largest file `view` accepts; read by the handler and the middleware when
    the request arrives (so settings changed at run time, and in tests, apply)."""

    def decorate(view):
        view.upload_max_bytes = limit
        return view

    return decorate


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def _view_limit(request) -> Limit:
    match = getattr(request, "resolver_match", None)
    limit = getattr(match.func, "upload_max_bytes", None) if match else None
    return limit or (lambda head: settings.QM_UPLOAD_MAX_BYTES)


# --- Upload handlers -------------------------------------------------------------------


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes every chunk on, counting; past the limit,
    stops the upload (the rest of the body is not read) and leaves the refusal on the
    request for RequestSizeMiddleware to answer."""

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.limit: int | None = None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if self.limit is None:
            self.limit = _view_limit(self.request)(raw_data[:8192])
        if start + len(raw_data) > self.limit:
            self.request.qm_upload_refused = _(MSG_FILE_TOO_LARGE) % {
                "name": self.file_name,
                "limit": human_size(self.limit),
            }
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def temp_dir() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


def _prefix() -> str:
    # The host, for a temporary directory shared between machines: a process is only
    # judged alive or dead on its own host.
    return f"qm-{socket.gethostname()}-{os.getpid()}-"


class _NamedTemporaryUploadedFile(TemporaryUploadedFile):
    def __init__(self, name, content_type, size, charset, content_type_extra=None) -> None:
        directory = temp_dir()
        directory.mkdir(parents=True, exist_ok=True)
        file = tempfile.NamedTemporaryFile(
            prefix=_prefix(), suffix=".upload" + os.path.splitext(name)[1], dir=directory
        )
        UploadedFile.__init__(self, file, name, content_type, size, charset, content_type_extra)


class TemporaryFileUploadHandler(DjangoTemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        FileUploadHandler.new_file(self, *args, **kwargs)
        self.file = _NamedTemporaryUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )


def sweep(*, now: float | None = None) -> int:
    """Delete the temporary uploads left by processes that are gone (a worker killed during
    an upload), and any older than QM_UPLOAD_TEMP_MAX_AGE seconds; how many. An upload in
    progress belongs to a live process and is being written, so it is never touched."""
    directory = temp_dir()
    directory.mkdir(parents=True, exist_ok=True)
    now = now if now is not None else time.time()
    host = socket.gethostname()
    removed = 0
    for path in directory.iterdir():
        try:
            stale = now - path.stat().st_mtime > settings.QM_UPLOAD_TEMP_MAX_AGE
            if stale or _owner_gone(path.name, host):
                path.unlink()
                removed += 1
        except FileNotFoundError:  # finished (or swept) meanwhile
            continue
    return removed


def _owner_gone(name: str, host: str) -> bool:
    prefix = f"qm-{host}-"
    if not name.startswith(prefix):
        return False
    pid = name[len(prefix) :].split("-", 1)[0]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


# --- Middleware ------------------------------------------------------------------------


class RequestSizeMiddleware:
    """Refuse bodies over their limit with 413 and a message that names it: from the
    declared length before reading, or from the upload handler's count while reading.
    Placed before CsrfViewMiddleware, which would otherwise read the body first."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if not length:
            return None
        multipart = request.content_type == "multipart/form-data"
        form = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # None: no limit
        if multipart:
            # The largest file the view takes (whatever its first bytes), and the form.
            limit = _view_limit(request)(b"") + (form or 0)
        else:
            limit = form
        if limit is not None and length > limit:
            message = _(MSG_BODY_TOO_LARGE) % {
                "size": human_size(length),
                "limit": human_size(limit),
            }
            return too_large(request, message)
        if multipart and request.method == "POST":
            request.POST  # noqa: B018 - parse now, through the handlers, to answer a refusal
            if refused := getattr(request, "qm_upload_refused", None):
                return too_large(request, refused)
        return None


def too_large(request, message: str) -> HttpResponse:
    """413 in the form the client reads: JSON for the API, the element htmx swaps, a page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": [], "missing": []}, status=413)
    if request.headers.get("HX-Request"):
        target = escape(request.headers.get("HX-Target", ""))
        return HttpResponse(
            f'<p id="{target}" class="errors" role="alert">{escape(message)}</p>', status=413
        )
    return render(request, "core/too_large.html", {"message": message}, status=413)

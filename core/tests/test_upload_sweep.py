"""Temporary uploads of a worker killed mid-upload are swept; nothing in use is touched."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from core.uploads import TemporaryFileUploadHandler, sweep


def test_the_sweep_removes_what_a_killed_worker_left_and_nothing_in_use(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "tmp" / "uploads")
    # A process that receives an upload into a temporary file and is killed meanwhile.
    script = (
        "import django, os, signal\n"
        "django.setup()\n"
        "from core.uploads import TemporaryFileUploadHandler\n"
        "handler = TemporaryFileUploadHandler()\n"
        "handler.new_file('file', '启动仪式.mp4', 'video/mp4', None, None)\n"
        "handler.receive_data_chunk(b'\\0' * 65536, 0)\n"
        "handler.file.flush()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qualitymonth.test_settings",
        "QM_VAR_DIR": str(tmp_path),
    }
    worker = subprocess.run([sys.executable, "-c", script], env=env, cwd=Path.cwd())
    assert worker.returncode == -signal.SIGKILL
    (left,) = list((tmp_path / "tmp" / "uploads").iterdir())
    assert left.stat().st_size == 65536

    # This process's own upload in progress, and a file of another machine's worker.
    handler = TemporaryFileUploadHandler()
    handler.new_file("file", "现场.png", "image/png", None, None)
    handler.receive_data_chunk(b"\0" * 1024, 0)
    other_host = Path(settings.FILE_UPLOAD_TEMP_DIR) / "qm-elsewhere-1-abc.upload.mp4"
    other_host.write_bytes(b"\0")

    assert sweep() == 1
    assert not left.exists()
    assert Path(handler.file.temporary_file_path()).exists() and other_host.exists()

    # A day later whatever is left is stale, whoever wrote it.
    assert sweep(now=time.time() + settings.QM_UPLOAD_TEMP_MAX_AGE + 60) == 2
    handler.file.close()

"""The portal's Celery application, configured from Django settings (``CELERY_*``)."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyuan_portal.settings")

app = Celery("jiyuan_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def ensure_filesystem_broker_folders(broker_url: str, options: dict) -> None:
    """kombu's embedded ``filesystem://`` broker (``make run``) needs its folders to exist."""
    if str(broker_url).startswith("filesystem://"):
        for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
            if options.get(key):
                Path(options[key]).mkdir(parents=True, exist_ok=True)


ensure_filesystem_broker_folders(app.conf.broker_url, app.conf.broker_transport_options or {})

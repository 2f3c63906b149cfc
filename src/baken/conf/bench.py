"""Benchmarks (`make bench`): development settings on their own database, without the
static-file manifest, and with tasks run in-process."""

from baken.conf.dev import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

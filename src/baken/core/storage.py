import contextlib
import os

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files without rewriting url() references in CSS.

    The NL Design System packages reference icons that are not shipped in their dist folders;
    rewriting would make collectstatic fail on them. Unhashed originals are kept next to the
    hashed copies, so relative references still resolve.
    """

    patterns = ()


class PrivateStorage(FileSystemStorage):
    """Uploads, stored privately. A write that fails (a full disk: ENOSPC) leaves no partial file
    behind: Django's FileSystemStorage keeps what it wrote so far."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # save() chose `name` as free a moment ago (with a random suffix when taken), so a
            # file there is the part this write left.
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise

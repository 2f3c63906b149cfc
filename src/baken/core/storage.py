from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files without rewriting url() references in CSS.

    The NL Design System packages reference icons that are not shipped in their dist folders;
    rewriting would make collectstatic fail on them. Unhashed originals are kept next to the
    hashed copies, so relative references still resolve.
    """

    patterns = ()

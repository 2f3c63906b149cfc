"""After a fault: is every signal whole or absent, and is every file on disk accounted for?"""

from pathlib import Path

import common


def orphan_files(private: Path) -> list[str]:
    from baken.signalling.models import IntakeDraftUpload, SignalAttachment

    referenced = set(SignalAttachment.objects.values_list("file", flat=True))
    referenced |= set(IntakeDraftUpload.objects.values_list("file", flat=True))
    return sorted(common.files_under(private) - referenced)


def check_signals(private: Path, acknowledged: dict[str, str], failed_keys: list[str]) -> dict[str, int]:
    """`acknowledged`: submission key → reference the client saw; `failed_keys`: submissions that
    got an error. Prints the checks and returns the figures."""
    from baken.core.models import AuditAction, AuditEvent
    from baken.signalling.models import Signal

    signals = list(Signal.objects.prefetch_related("attachments", "status_changes"))
    audited = set(
        AuditEvent.objects.filter(object_type="signalling.signal", action=AuditAction.CREATE).values_list(
            "object_id", flat=True
        )
    )
    incomplete = []
    for signal in signals:
        attachments = list(signal.attachments.all())
        files_ok = attachments and all(
            (private / a.file.name).is_file() and (private / a.file.name).stat().st_size == a.size for a in attachments
        )
        if not (signal.status_changes.all() and str(signal.pk) in audited and files_ok):
            incomplete.append(signal.reference)
    by_key = {str(signal.submission_key): signal for signal in signals}
    seen_twice = [ref for key, ref in acknowledged.items() if [s.reference for s in signals].count(ref) != 1]
    wrong = [ref for key, ref in acknowledged.items() if key not in by_key or by_key[key].reference != ref]
    failed_saved = [key for key in failed_keys if key in by_key]
    sent = set(acknowledged) | set(failed_keys)
    unknown = [s.reference for s in signals if str(s.submission_key) not in sent]
    orphans = orphan_files(private)

    figures = {
        "signals in the database": len(signals),
        "acknowledged to a client": len(acknowledged),
        "errors seen by clients": len(failed_keys),
        "of those, saved all the same (complete)": len(failed_saved),
        "of those, absent": len(failed_keys) - len(failed_saved),
        "incomplete signals": len(incomplete),
        "orphan files": len(orphans),
    }
    for name, value in figures.items():
        common.info(f"{name}: {value}")
    common.check(not incomplete, f"every signal is complete: status history, audit row, its files on disk {incomplete}")
    common.check(not seen_twice and not wrong, "every acknowledged reference exists exactly once, for its submission")
    common.check(not unknown, f"no signal that no client sent {unknown}")
    common.check(not orphans, f"no orphan files in the private upload directory {orphans[:5]}")
    return figures

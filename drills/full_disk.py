"""Drill 4: the upload disk is full. BAKEN_VAR_DIR/private is a small tmpfs, filled to the last
byte; a reporter then sends the intake with a photo. Expected: a Dutch message on the form (not
a 500), the draft kept (text), no signal and no partial file; with room again, it is sent."""

import os
import subprocess
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))
import common


def fill(directory) -> int:
    written = 0
    with open(directory / "vulling.bin", "wb", buffering=0) as filler:
        block = b"\0" * 65536
        try:
            while True:
                written += filler.write(block)
        except OSError:
            pass
        try:
            while True:
                written += filler.write(b"\0")
        except OSError:
            return written


def main() -> None:
    baken = common.Baken("full_disk")
    private = baken.var_dir / "private"
    private.mkdir(parents=True, exist_ok=True)
    subprocess.run(["umount", str(private)], capture_output=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(private)], check=True)
    try:
        baken.setup()
        from baken.signalling.models import IntakeDraft, Signal

        _organisation, reporters, _triagers = common.seed_organisation(reporters=1)
        baken.start_web()
        client = common.Client(baken)
        client.login(reporters[0].username)
        common.info(f"upload disk filled: {fill(private)} bytes on a 2 MB tmpfs")
        before = common.files_under(private)

        token, _page = client.csrf("/signalen/nieuw/")
        description = "Oefening volle schijf: " + uuid.uuid4().hex[:8]
        answer = client.post(
            "/signalen/nieuw/",
            common.intake_fields(token, str(uuid.uuid4()), description),
            [("attachments", "foto.png", common.png_bytes(120))],
        )
        common.info(f"intake with a photo on a full disk: HTTP {answer.status}")
        common.check(answer.status == 200, "the intake answers with the form again, not a server error")
        common.check("opslag is vol" in answer.text, "the page says in Dutch that the storage is full")
        common.check(not Signal.objects.exists(), "no signal was saved")
        draft = IntakeDraft.objects.filter(owner=reporters[0]).first()
        common.check(
            draft is not None and draft.data.get("description") == [description], "the draft keeps what was typed"
        )
        common.check(common.files_under(private) == before, "no partial file was left on the disk")

        (private / "vulling.bin").unlink()
        token, _page = client.csrf("/signalen/nieuw/")
        fields = [(k, v) for k, v in common.intake_fields(token, str(uuid.uuid4()), description)]
        answer = client.post("/signalen/nieuw/", fields, [("attachments", "foto.png", common.png_bytes(120))])
        signal = Signal.objects.first()
        common.check(
            answer.status == 302 and signal is not None and signal.attachments.count() == 1,
            "with room again the same report is sent, with its photo",
        )
        common.check(not IntakeDraft.objects.exists(), "and the draft is gone")
    finally:
        baken.stop()
        subprocess.run(["umount", str(private)], capture_output=True)
    common.finish("drill full_disk")


if __name__ == "__main__":
    main()

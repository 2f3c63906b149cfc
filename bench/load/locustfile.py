"""The simulated users of `make load` (Locust): 20 reporters who submit signals with a photo, 10
aandachtsfunctionarissen working the triage inbox, 10 zorgcoördinatoren and 10 toezichthouders,
each with think times, all in the big municipality that bench/load/prepare.py made. A separate
class hammers /health/ without think time, for the server's ceiling in the same run.

Every reporter writes the id of each signal it saw acknowledged (the redirect to the
confirmation) to LOAD_ACK_FILE and every submission
that failed to LOAD_FAILED_FILE, so that bench/load/run.py can count lost and duplicated signals
against the database afterwards. The server runs the production settings behind a pretend TLS
proxy: requests carry X-Forwarded-Proto and the __Host- cookies explicitly (a requests cookie jar
never sends Secure cookies over plain http).
"""

import io
import itertools
import json
import os
import random
import re
import secrets
import string
import uuid
from pathlib import Path

from locust import FastHttpUser, HttpUser, between, constant, task

DATA = json.loads(Path(os.environ["LOAD_DATA"]).read_text()) if os.environ.get("LOAD_DATA") else {}
RNG = random.Random()  # noqa: S311  (which page to ask next, not security)
ACK_FILE = os.environ.get("LOAD_ACK_FILE", os.devnull)
FAILED_FILE = os.environ.get("LOAD_FAILED_FILE", os.devnull)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r'class="baken-reference">([^<]+)<')
SUBMITTED = re.compile(r"/signalen/(\d+)/ontvangen/$")
#: Think times are those of people at work: a report takes half a minute to a minute and a half to
#: type, an aandachtsfunctionaris reads a signal for several seconds before the next page.
#: LOAD_THINK_SCALE below 1 shortens them all, for a stress run (docs/benchmarks.md).
THINK = float(os.environ.get("LOAD_THINK_SCALE", "1"))
SEARCHES = ["bedrijfspand", "molenkade", "creperie", "zwaan havenstraat", "9000", "beukenweg", "xylofoon"]
TEXTS = [
    "Busje haalt elke ochtend om vijf uur mensen op bij de loods; ze dragen geen werkkleding.",
    "Jonge vrouw aan de balie, begeleider voert het woord en houdt haar paspoort vast.",
    "Veel wisselende bewoners op een adres, matrassen zichtbaar door het raam.",
]


def _png() -> bytes:
    # A real 1×1 PNG (the intake checks the content, not only the name).
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
        "0000000c4944415408d763f8ffff3f0005fe02fea7d6a4f90000000049454e44ae426082"
    )


PHOTO = _png()


class BakenUser(HttpUser):
    abstract = True
    role = ""
    numbers = itertools.count()

    def on_start(self):
        # Each simulated user its own account and session (one per account in the data file).
        sessions = DATA["sessions"][self.role]
        self.session_key = sessions[next(type(self).numbers) % len(sessions)]
        self.csrf_secret = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))

    def headers(self, path: str) -> dict:
        return {
            "X-Forwarded-Proto": "https",
            "Cookie": f"__Host-sessionid={self.session_key}; __Host-csrftoken={self.csrf_secret}",
            "Referer": f"https://{self.host.split('://', 1)[1]}{path}",
        }

    def page(self, path: str, name: str, must_show: re.Pattern | None = None):
        with self.client.get(path, headers=self.headers(path), name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} on {path}")
            elif must_show is not None and not must_show.search(response.text or ""):
                response.failure(f"{path} does not show {must_show.pattern}")
            return response

    def token(self, response) -> str:
        found = TOKEN.search(response.text or "")
        return found.group(1) if found else ""


class Reporter(BakenUser):
    """Opens the intake, types for a while, submits with a photo, reads the confirmation."""

    role = "reporter"
    numbers = itertools.count()
    fixed_count = 20
    wait_time = between(15 * THINK, 45 * THINK)

    @task
    def report(self):
        form = self.page("/signalen/nieuw/", "intake form (GET /signalen/nieuw/)")
        token = self.token(form)
        self.wait()  # typing
        data = {
            "csrfmiddlewaretoken": token,
            "submission_key": str(uuid.uuid4()),
            "exploitation_forms": [RNG.choice(DATA["forms"])],
            "minor_involved": "onbekend",
            "indicators": RNG.sample(DATA["indicators"], 2),
            "postcode": "9000 AB",
            "house_number": str(RNG.randint(1, 200)),
            "observed_on": "2026-11-30",
            "channel": "controle",
            "description": RNG.choice(TEXTS),
        }
        path = "/signalen/nieuw/"
        files = {"attachments": ("foto.png", io.BytesIO(PHOTO), "image/png")}
        with self.client.post(
            path,
            data=data,
            files=files,
            headers=self.headers(path),
            name="submit a signal with a photo (POST /signalen/nieuw/)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            submitted = SUBMITTED.search(location)
            if response.status_code != 302 or not submitted:
                response.failure(f"submit answered {response.status_code}")
                with open(FAILED_FILE, "a") as failed:
                    failed.write(f"{data['submission_key']} {response.status_code}\n")
                return
            # The redirect to the confirmation is the acknowledgement: the signal's id.
            with open(ACK_FILE, "a") as acknowledged:
                acknowledged.write(submitted.group(1) + "\n")
        self.page(location, "confirmation (GET /signalen/<id>/ontvangen/)", must_show=REFERENCE)


class Triage(BakenUser):
    """The aandachtsfunctionaris: the inbox and its searches, a signal, a note now and then."""

    role = "triage"
    numbers = itertools.count()
    fixed_count = 10
    wait_time = between(3 * THINK, 10 * THINK)

    @task(4)
    def inbox(self):
        self.page("/triage/", "triage inbox (GET /triage/)")

    @task(2)
    def search(self):
        self.page(f"/triage/?q={RNG.choice(SEARCHES)}", "triage inbox, search (GET /triage/?q=)")

    @task(1)
    def overdue(self):
        self.page("/triage/?overdue=true", "triage inbox, Te laat")

    @task(3)
    def signal_and_note(self):
        pk = RNG.choice(DATA["signals"])
        path = f"/triage/{pk}/"
        response = self.page(path, "signal page (GET /triage/<id>/)")
        if RNG.random() < 0.3:
            note = f"/triage/{pk}/notitie/"
            with self.client.post(
                note,
                data={"csrfmiddlewaretoken": self.token(response), "text": "Gebeld met de melder; volgt."},
                headers=self.headers(path),
                name="add a note (POST /triage/<id>/notitie/)",
                allow_redirects=False,
                catch_response=True,
            ) as answer:
                if answer.status_code != 302:
                    answer.failure(f"note answered {answer.status_code}")


class Care(BakenUser):
    role = "care"
    numbers = itertools.count()
    fixed_count = 10
    wait_time = between(5 * THINK, 15 * THINK)

    @task(2)
    def trajectories(self):
        self.page("/zorg/", "care trajectories (GET /zorg/)")

    @task(3)
    def trajectory(self):
        self.page(f"/zorg/{RNG.choice(DATA['care_cases'])}/", "care trajectory (GET /zorg/<id>/)")


class Inspector(BakenUser):
    role = "inspector"
    numbers = itertools.count()
    fixed_count = 10
    wait_time = between(5 * THINK, 15 * THINK)

    @task(2)
    def planning(self):
        self.page("/handhaving/planning/", "inspection planning (GET /handhaving/planning/)")

    @task(1)
    def priorities(self):
        self.page("/handhaving/planning/prioriteit/", "risk-based planning (GET /handhaving/planning/prioriteit/)")

    @task(2)
    def location(self):
        self.page(f"/handhaving/locaties/{RNG.choice(DATA['locations'])}/", "location (GET /handhaving/locaties/<id>/)")

    @task(2)
    def case(self):
        self.page(
            f"/handhaving/zaken/{RNG.choice(DATA['enforcement_cases'])}/",
            "enforcement case (GET /handhaving/zaken/<id>/)",
        )


class Health(FastHttpUser):
    """Only in the health phase (named on the command line): the ceiling of the same server."""

    wait_time = constant(0)

    @task
    def health(self):
        self.client.get("/health/", headers={"X-Forwarded-Proto": "https"}, name="/health/")

"""The users of bench/load.py: HR, leders and MED members doing their real tasks, and the floor (/health/).

Locust imports this file in its own process; bench/load.py passes the ids to use in RUMMELIG_LOAD_IDS
(a JSON file) and the demo password in RUMMELIG_LOAD_PASSWORD.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

IDS = json.loads(open(os.environ["RUMMELIG_LOAD_IDS"]).read())
PASSWORD = os.environ["RUMMELIG_LOAD_PASSWORD"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Staff(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        page = self.client.get("/log-ind/", name="login page")
        token = CSRF.search(page.text).group(1)
        response = self.client.post("/log-ind/", {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
                                    headers={"Referer": self.host + "/log-ind/"}, name="log in")
        if "/log-ind/" in response.url:
            response.failure(f"{self.username} could not log in")


class HR(Staff):
    weight = 4
    username = "hr"

    @task(4)
    def placements(self):
        self.client.get("/ansaettelser/", name="placements list")

    @task(3)
    def filter_placements(self):
        self.client.get(f"/ansaettelser/?scheme={random.choice(IDS['schemes'])}&status=active", name="placements filtered")

    @task(4)
    def placement(self):
        self.client.get(f"/ansaettelser/{random.choice(IDS['placements'])}/", name="placement page")

    @task(3)
    def person(self):
        self.client.get(f"/personer/{random.choice(IDS['people'])}/", name="person page")

    @task(2)
    def people(self):
        self.client.get("/personer/", name="people list")

    @task(2)
    def alerts(self):
        self.client.get("/varsler/", name="alerts")

    @task(1)
    def export(self):
        self.client.get(f"/ansaettelser/eksport.xlsx?scheme={random.choice(IDS['schemes'])}", name="export, queued (one scheme)")  # the worker makes the file


class Leder(Staff):
    weight = 4
    username = "leder-boern"

    @task(4)
    def unit(self):
        self.client.get(f"/enheder/{random.choice(IDS['leder_units'])}/", name="unit page (leder)")

    @task(3)
    def placements(self):
        self.client.get("/ansaettelser/", name="placements list (leder)")

    @task(2)
    def alerts(self):
        self.client.get("/varsler/", name="alerts (leder)")

    @task(1)
    def front_page(self):
        self.client.get("/", name="front page (leder)")


class Med(Staff):
    weight = 2
    username = "med-hoved"

    @task(3)
    def dashboard(self):
        self.client.get("/rapporter/", name="dashboard (MED)")

    @task(1)
    def front_page(self):
        self.client.get("/", name="front page (MED)")


class Floor(HttpUser):
    """The trivial page in the same run: what this machine and server take for a request that does nothing."""

    weight = 1
    wait_time = between(1, 3)

    @task
    def health(self):
        self.client.get("/health/", name="/health/ (floor)")

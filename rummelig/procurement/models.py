"""Procurement: tenders and contracts, the social and labour clauses considered for each, and the follow-up.

Allerød's policy: "I forbindelse med udbud overvejes sociale klausuler altid" – so a tender cannot be
published until a decision is recorded for each kind of clause (`ClauseDecision`): included (with
the clause's text from the library, the version kept) or left out with the reason. Udbudsloven
§ 176 stk. 2 makes the training clause a duty for some contracts (`rules.training_clause`, with
the limits from dated `Threshold` rows); leaving it out of such a contract needs a legal reason.

The follow-up: documentation requests to the supplier with a deadline in working days
(`rules.workdays`), their result, and sanctions. The supplier's staff appear only as counts
(apprentices promised and documented); nothing here names a person.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rummelig.lib.cvr import normalise_cvr
from rummelig.rules import training_clause as duty_rules
from rummelig.rules.training_clause import DutyLimits, training_clause_duty


def validate_cvr(value):
    try:
        normalise_cvr(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None


class TenderKind(models.TextChoices):
    WORKS = duty_rules.WORKS, _("Works (bygge og anlæg)")
    SERVICES = duty_rules.SERVICES, _("Services")
    GOODS = duty_rules.GOODS, _("Goods")


class ClauseKind(models.TextChoices):
    TRAINING = "uddannelse", _("Training clause (apprentices, pupils)")
    SOCIAL = "social", _("Social clause (people on special terms)")
    LABOUR = "arbejde", _("Labour clause (ILO 94)")
    CHAIN = "kaedeansvar", _("Chain responsibility for subcontractors")


class Threshold(models.Model):
    """A limit of the training clause duty, valid in a period, with its source (HR keeps them)."""

    class Key(models.TextChoices):
        MIN_MONTHS = "min_months", _("Minimum duration in months")
        WORKS = "works_eu", _("EU threshold for works (DKK)")
        SERVICES = "services_value", _("Value of services contracts (DKK)")

    key = models.CharField(_("limit"), max_length=20, choices=Key.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.TextField(_("source"), help_text=_("Where the figure stands: the law, order or notice, with a link."))
    verified = models.BooleanField(_("confirmed in the source"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["key", "-valid_from"]

    def __str__(self):
        return f"{self.get_key_display()} {self.valid_from:%d.%m.%Y}: {self.amount}"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end cannot come before the start.")})

    @classmethod
    def in_force(cls, key, day):
        """Return the row of key in force on day: the latest that began by then and has not ended (None if none)."""
        return (
            cls.objects.filter(key=key, valid_from__lte=day)
            .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )

    @classmethod
    def limits_on(cls, day):
        """Return the DutyLimits in force on day and the rows they came from; None when a limit is missing."""
        rows = {key: cls.in_force(key, day) for key in cls.Key.values}
        if any(row is None for row in rows.values()):
            return None, rows
        limits = DutyLimits(
            min_months=int(rows[cls.Key.MIN_MONTHS].amount),
            works_threshold=rows[cls.Key.WORKS].amount,
            services_value=rows[cls.Key.SERVICES].amount,
        )
        return limits, rows


class Clause(models.Model):
    """A standard clause the procurement unit keeps; its text lives in versions, never overwritten."""

    kind = models.CharField(_("kind of clause"), max_length=20, choices=ClauseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("standard clause")
        verbose_name_plural = _("standard clauses")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class ClauseVersion(models.Model):
    clause = models.ForeignKey(Clause, verbose_name=_("clause"), on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("clause version")
        verbose_name_plural = _("clause versions")
        ordering = ["clause", "-number"]
        constraints = [models.UniqueConstraint(fields=["clause", "number"], name="clause_version_unique")]

    def __str__(self):
        return f"{self.clause.title} v{self.number}"


class Tender(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planlagt", _("Planned")
        PUBLISHED = "offentliggjort", _("Published")
        AWARDED = "tildelt", _("Awarded")
        RUNNING = "koerer", _("Running")
        ENDED = "afsluttet", pgettext_lazy("tender", "Ended")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of contract"), max_length=20, choices=TenderKind.choices)
    estimated_value = models.DecimalField(_("estimated value (DKK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    duration_months = models.PositiveIntegerField(_("duration in months"))
    performed_in_denmark = models.BooleanField(_("performed in Denmark"), default=True)
    procuring_unit = models.ForeignKey(
        "organisation.Unit", verbose_name=_("procuring unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="tenders"
    )
    supplier_name = models.CharField(_("supplier"), max_length=200, blank=True)
    supplier_cvr = models.CharField(_("supplier's CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    planned_publication = models.DateField(_("planned publication"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    contract_start = models.DateField(_("contract starts"), null=True, blank=True)
    contract_end = models.DateField(_("contract ends"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": _("The contract cannot end before it starts.")})

    NEXT = {Status.PUBLISHED: Status.AWARDED, Status.AWARDED: Status.RUNNING, Status.RUNNING: Status.ENDED}

    @property
    def next_status(self):
        """The status after this one (publishing has its own checks); None when planned or ended."""
        return self.NEXT.get(self.status)

    @property
    def next_status_label(self):
        return self.Status(self.next_status).label.lower() if self.next_status else ""

    @property
    def reference_day(self):
        """The day the duty is judged on: the publication day; before it, the planned day, but never before today."""
        if self.published_on:
            return self.published_on
        today = timezone.localdate()
        return max(self.planned_publication, today) if self.planned_publication else today

    def duty(self):
        """Return (rules.training_clause.Duty, DutyLimits) for the tender, or (None, None) without limits in force."""
        limits, _rows = Threshold.limits_on(self.reference_day)
        if limits is None:
            return None, None
        return training_clause_duty(self.kind, self.estimated_value, self.duration_months, self.performed_in_denmark, limits), limits

    def decisions_by_kind(self):
        return {d.kind: d for d in self.decisions.all()}

    def missing_considerations(self):
        """Return the clause kinds without a recorded decision (labels), in the order of ClauseKind."""
        done = set(self.decisions.values_list("kind", flat=True))
        return [label for value, label in ClauseKind.choices if value not in done]

    def publish_problems(self):
        """Return the reasons (Danish) the tender cannot be published; empty when it can."""
        problems = []
        if self.status != self.Status.PLANNED:
            problems.append(_("Only a planned tender can be published."))
        missing = self.missing_considerations()
        if missing:
            problems.append(_("Record the consideration of every clause first. Missing: %(kinds)s.") % {
                "kinds": ", ".join(str(m) for m in missing)})
        duty, _limits = self.duty()
        if duty is None:
            problems.append(_("No thresholds for the training clause duty are in force on the publication day; HR must enter them."))
        elif duty.required:
            training = self.decisions.filter(kind=ClauseKind.TRAINING).first()
            if training is not None and not training.included and training.omission_reason not in duty_rules.EXEMPTIONS:
                problems.append(_(
                    "Udbudsloven § 176 stk. 2 requires a training clause in this contract: include it, or record the legal "
                    "reason it is left out (safety risk, unsuitable, contrary to other law)."
                ))
        return problems

    def apprentices_promised(self):
        training = self.decisions.filter(kind=ClauseKind.TRAINING, included=True).first()
        return training.minimum if training and training.minimum_unit == ClauseDecision.Unit.POSITIONS else None

    def apprentices_documented(self):
        """The latest documented number of apprentices (from apprentice agreements received), or None."""
        latest = (
            self.requests.filter(kind=DocumentationRequest.Kind.APPRENTICE_AGREEMENTS, apprentices_documented__isnull=False)
            .order_by("-received_on", "-pk")
            .first()
        )
        return latest.apprentices_documented if latest else None


class Subcontractor(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="subcontractors")
    name = models.CharField(_("name"), max_length=200)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])

    class Meta:
        verbose_name = _("subcontractor")
        verbose_name_plural = _("subcontractors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClauseDecision(models.Model):
    """What was decided for one kind of clause in one tender: included (with the version used), or why not."""

    class Reason(models.TextChoices):
        SAFETY = duty_rules.SAFETY, _("Safety risk")
        UNSUITABLE = duty_rules.UNSUITABLE, _("Unsuitable for the contract")
        OTHER_LAW = duty_rules.OTHER_LAW, _("Contrary to other law")
        NOT_RELEVANT = "ikke_relevant", _("Not relevant or not proportionate for this purchase")

    class Unit(models.TextChoices):
        POSITIONS = "stillinger", _("positions")
        HOURS = "timer", _("hours")

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("clause"), max_length=20, choices=ClauseKind.choices)
    included = models.BooleanField(_("included"))
    clause_version = models.ForeignKey(
        ClauseVersion, verbose_name=_("clause text used"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    minimum = models.PositiveIntegerField(_("minimum number"), null=True, blank=True)
    minimum_unit = models.CharField(_("counted in"), max_length=10, choices=Unit.choices, blank=True)
    omission_reason = models.CharField(_("reason for leaving it out"), max_length=20, choices=Reason.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("clause decision")
        verbose_name_plural = _("clause decisions")
        constraints = [models.UniqueConstraint(fields=["tender", "kind"], name="clause_decision_unique")]

    def __str__(self):
        return f"{self.tender}: {self.get_kind_display()}"


class DocumentationRequest(models.Model):
    """A request to the supplier for documentation, answered by a deadline in working days."""

    class Kind(models.TextChoices):
        PAY_SLIPS = "loensedler", _("Pay slips")
        CONTRACTS = "kontrakter", _("Employment contracts")
        TIME_RECORDS = "tidsregistrering", _("Time records")
        EINDKOMST = "eindkomst", _("eIndkomst extracts")
        APPRENTICE_AGREEMENTS = "uddannelsesaftaler", _("Apprentice agreements")

    class Result(models.TextChoices):
        PENDING = "afventer", _("Not checked yet")
        OK = "ok", _("In order")
        DEVIATION = "afvigelse", _("Deviation found")

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("documentation"), max_length=20, choices=Kind.choices)
    requested_on = models.DateField(_("requested on"))
    deadline = models.DateField(_("deadline"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    result = models.CharField(_("control result"), max_length=20, choices=Result.choices, default=Result.PENDING)
    result_note = models.TextField(_("what the control found"), blank=True)
    apprentices_documented = models.PositiveIntegerField(_("apprentices documented"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("documentation request")
        verbose_name_plural = _("documentation requests")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return f"{self.tender}: {self.get_kind_display()} {self.requested_on:%d.%m.%Y}"

    def clean(self):
        if self.deadline and self.requested_on and self.deadline < self.requested_on:
            raise ValidationError({"deadline": _("The deadline cannot come before the request.")})
        if self.received_on and self.requested_on and self.received_on < self.requested_on:
            raise ValidationError({"received_on": _("The documentation cannot be received before it was requested.")})

    def is_overdue(self, today):
        return self.received_on is None and self.deadline < today

    def state(self, today):
        if self.received_on:
            return _("Received")
        return _("Missing") if self.deadline < today else _("Awaiting")


class Sanction(models.Model):
    class Kind(models.TextChoices):
        FINE = "bod", _("Fine (bod)")
        WITHHELD = "tilbageholdelse", _("Withheld payment")
        TERMINATION = "ophaevelse", _("Termination")

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="sanctions")
    request = models.ForeignKey(
        DocumentationRequest, verbose_name=_("after the request"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sanctions"
    )
    kind = models.CharField(_("sanction"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount (DKK)"), max_digits=14, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)])
    decided_on = models.DateField(_("decided on"))
    note = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.tender}: {self.get_kind_display()} {self.decided_on:%d.%m.%Y}"


class SentFollowUpReminder(models.Model):
    """An overdue request e-mailed to one procurement officer: sent once (send_reminders)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(DocumentationRequest, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "request"], name="sent_follow_up_reminder_unique")]

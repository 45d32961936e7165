"""The personnel and working-environment policy in practice.

- Guideline / GuidelineVersion: the municipality's policies and guidelines. A change is a new version
  (a new row); approving a version makes it the guideline's current one; earlier approved versions stay
  readable. Drafts are seen by HR only.
- CompetenceDialogue (KOMPUS): that a leder and an employee held their yearly dialogue, with the
  development goals they agreed (seen only by the employee and the leder who held it).
- KompusSetting: the month from which a leder is reminded of employees still missing their dialogue.
- Concern: an employee tells their leder, AMR or TR of bullying, not thriving, violence, threats or
  harassment. Only the chosen recipient and HR see it; the reporter sees its status.
- HealthOffer / HealthSignup: the health offers and who signed up (seen by the employee and HR).
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Guidelines ------------------------------------------------------------------------------------------


def guideline_pdf_name(instance, filename):
    """Store an uploaded guideline under a random name (as every upload in Rummelig), served only by the app."""
    return f"guidelines/{uuid4().hex}.pdf"


class Guideline(models.Model):
    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        GUIDELINE = "guideline", _("Guideline")
        STRATEGY = "strategy", _("Strategy")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GUIDELINE)
    current_version = models.OneToOneField(
        "GuidelineVersion", verbose_name=_("current version"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="current_of",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")
        ordering = ["title"]

    def __str__(self):
        return self.title


class GuidelineVersion(models.Model):
    guideline = models.ForeignKey(Guideline, verbose_name=_("guideline"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to=guideline_pdf_name, blank=True)
    approved_by_body = models.CharField(
        _("approved by"), max_length=200, blank=True, help_text=_("The body that approved it, e.g. Hovedudvalget.")
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True, help_text=_("When the guideline is to be reviewed."))
    origin = models.CharField(_("origin"), max_length=300, blank=True, help_text=_("Where the text comes from."))
    made_current_at = models.DateTimeField(_("made current"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("guideline version")
        verbose_name_plural = _("guideline versions")
        ordering = ["guideline", "-number"]
        constraints = [models.UniqueConstraint(fields=["guideline", "number"], name="guideline_version_unique")]

    def __str__(self):
        return f"{self.guideline.title}, version {self.number}"

    @property
    def is_approved(self):
        return self.made_current_at is not None

    @property
    def is_current(self):
        return self.guideline.current_version_id == self.pk


# Competence dialogue (KOMPUS) -------------------------------------------------------------------


class CompetenceDialogue(models.Model):
    person = models.ForeignKey("people.Person", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="competence_dialogues")
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    leder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leder"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    goals = models.TextField(
        _("development goals"), blank=True, help_text=_("Seen only by the employee and the leder who held the dialogue.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("competence dialogue (KOMPUS)")
        verbose_name_plural = _("competence dialogues (KOMPUS)")
        ordering = ["-year", "person"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="competence_dialogue_once_a_year")]

    def __str__(self):
        return f"KOMPUS {self.year} #{self.pk}"

    @classmethod
    def absorb_duplicate_person(cls, duplicate, holder):
        """Two registrations of one employee merge: a year both hold a dialogue keeps the holder's, with both goals.

        The goals are the employee's own, written by their leder; none is dropped. The log names the dialogues only.
        """
        held = {d.year: d for d in cls.objects.filter(person=holder)}
        settled = []
        for dialogue in cls.objects.filter(person=duplicate, year__in=list(held)):
            kept = held[dialogue.year]
            if dialogue.goals.strip() and dialogue.goals.strip() not in kept.goals:
                kept.goals = "\n\n".join(part for part in (kept.goals.strip(), dialogue.goals.strip()) if part)
                kept.save(update_fields=["goals", "updated_at"])
            settled.append(f"KOMPUS {dialogue.year} #{dialogue.pk} merged into #{kept.pk}")
            dialogue.delete()
        return settled


class KompusSetting(models.Model):
    """HR's setting (one row): from this month a leder is alerted of employees without this year's dialogue."""

    reminder_month = models.PositiveSmallIntegerField(
        _("alert from month"), default=10, help_text=_("From this month (1-12) lederne are alerted of employees missing this year's dialogue.")
    )

    class Meta:
        verbose_name = _("KOMPUS setting")

    def __str__(self):
        return f"KOMPUS: {self.reminder_month}"

    @classmethod
    def get(cls):
        return cls.objects.order_by("pk").first() or cls(reminder_month=10)


class KompusReminder(models.Model):
    """A KOMPUS reminder e-mailed to a leder for a year: sent once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "year"], name="kompus_reminder_once")]


# Concerns ------------------------------------------------------------------------------------------


class Concern(models.Model):
    class Kind(models.TextChoices):
        BULLYING = "bullying", _("Bullying")
        NOT_THRIVING = "not_thriving", _("Not thriving")
        VIOLENCE = "violence", _("Violence")
        THREATS = "threats", _("Threats")
        HARASSMENT = "harassment", _("Harassment")

    class About(models.TextChoices):
        SELF = "self", _("Myself")
        COLLEAGUE = "colleague", _("A colleague")

    class Status(models.TextChoices):
        OPEN = "open", _("Received")
        CLOSED = "closed", _("Closed")

    reporter = models.ForeignKey("people.Person", verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="concerns")
    workplace = models.ForeignKey("organisation.Unit", verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what it is about"), max_length=20, choices=Kind.choices)
    about = models.CharField(_("who it concerns"), max_length=20, choices=About.choices, default=About.SELF)
    description = models.TextField(_("what happened"))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("told to"), on_delete=models.PROTECT, related_name="+")
    recipient_role = models.CharField(_("recipient's role"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    action_taken = models.TextField(_("what was done"), blank=True)
    reported_at = models.DateTimeField(_("reported"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["reported_at"])]

    def __str__(self):
        # No name and no text: the audit log shows this to its readers.
        return f"Bekymring #{self.pk}"


# Health offers -------------------------------------------------------------------------------------


class HealthOffer(models.Model):
    name = models.CharField(_("name"), max_length=200)
    how_to_use = models.TextField(_("how to use it"))
    sign_up = models.BooleanField(_("employees sign up"), default=True)
    active = models.BooleanField(_("offered"), default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("health offer")
        verbose_name_plural = _("health offers")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class HealthSignup(models.Model):
    offer = models.ForeignKey(HealthOffer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("people.Person", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="health_signups")
    year = models.PositiveSmallIntegerField(_("year"))
    signed_up_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [models.UniqueConstraint(fields=["offer", "person", "year"], name="health_signup_once_a_year")]

    def __str__(self):
        return f"Tilmelding #{self.pk}"

    @classmethod
    def absorb_duplicate_person(cls, duplicate, holder):
        """Two registrations of one employee merge: a sign-up both made to the same offer in a year is kept once."""
        twice = cls.objects.filter(person=duplicate, offer__signups__person=holder, offer__signups__year=models.F("year"))
        settled = [f"Health sign-up #{signup.pk} was there twice" for signup in twice]
        cls.objects.filter(pk__in=[signup.pk for signup in twice]).delete()
        return settled

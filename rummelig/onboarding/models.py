"""Receiving and following a person on special terms (issue 15).

- Position: a post on special terms a workplace can offer (tasks, hours, schemes, upskilling, mentor
  ready, from when). A placement may fill it; it then shows as taken.
- ChecklistTemplate / TemplateItem: HR's templates per scheme (workplace empty) and a leder's refinement
  for one workplace; each item is due a number of days after the start.
- Checklist / ChecklistItem: a placement's own copy of the template, made when the placement is created
  (signals.py); the leder ticks items off with a note.
- Mentorship: the mentor (an employee, a Person) of a placement for a period with hours set aside.
- Evaluation: a follow-up talk; its notes are for HR and the leder only (Access.sees_evaluations_of).
- OutcomeFollowUp: what the person went on to 3 and 12 months after a temporary placement ended.
- FrameworkAnswer: the local MED committee's dated answers to Norddjurs' six questions for a workplace.
  Principles only: no person.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rummelig.placements.models import Outcome
from rummelig.rules.onboarding import FOLLOW_UP_MONTHS


class TaskKind(models.TextChoices):
    CARE = "omsorg", _("Care and pedagogy")
    KITCHEN = "koekken", _("Kitchen and cleaning")
    OUTDOOR = "udendoers", _("Outdoor, park and road")
    CRAFT = "haandvaerk", _("Craft and maintenance")
    OFFICE = "kontor", _("Office and administration")
    SERVICE = "service", _("Service and logistics")
    IT = "it", _("IT and digital")
    OTHER = "andet", _("Other")


class Education(models.TextChoices):
    NONE = "ingen", _("No education asked")
    SHORT = "kort", _("Short course")
    VOCATIONAL = "erhverv", _("Vocational education")
    HIGHER = "videregaaende", _("Higher education")


class Position(models.Model):
    workplace = models.ForeignKey("organisation.Unit", verbose_name=_("workplace"), on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("title"), max_length=200)
    tasks = models.TextField(_("tasks"))
    task_kind = models.CharField(_("kind of tasks"), max_length=20, choices=TaskKind.choices)
    education = models.CharField(_("education asked"), max_length=20, choices=Education.choices, default=Education.NONE)
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=2, null=True, blank=True)
    schemes = models.ManyToManyField("schemes.Scheme", verbose_name=_("schemes it suits"), related_name="positions")
    upskilling = models.TextField(_("upskilling content"), blank=True,
                                  help_text=_("What the person learns: courses, certificates, tasks that build skills."))
    mentor_ready = models.BooleanField(_("a mentor is ready"), default=False)
    available_from = models.DateField(_("available from"))
    filled_by = models.OneToOneField(
        "placements.Placement", verbose_name=_("filled by placement"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="position",
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("position on special terms")
        verbose_name_plural = _("positions on special terms")
        ordering = ["available_from", "title", "pk"]

    def __str__(self):
        return f"{self.title} ({self.workplace})"

    @property
    def is_taken(self):
        return self.filled_by_id is not None


class ChecklistKind(models.TextChoices):
    NEW = "ny", _("New placement")
    CHANGED_TERMS = "nye_vilkaar", _("Changed terms for someone employed")


class ChecklistTemplate(models.Model):
    scheme = models.ForeignKey("schemes.Scheme", verbose_name=_("scheme"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="checklist_templates", help_text=_("Empty: every scheme without its own template."))
    kind = models.CharField(_("for"), max_length=20, choices=ChecklistKind.choices, default=ChecklistKind.NEW)
    workplace = models.ForeignKey(
        "organisation.Unit", verbose_name=_("workplace"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="checklist_templates", help_text=_("Empty: the municipality's template, which HR keeps."),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["scheme__sort_order", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind", "workplace"], name="checklist_template_unique",
                                    nulls_distinct=False),
        ]

    def __str__(self):
        return self.name


class TemplateItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("item"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    days_after_start = models.IntegerField(_("due, days after the start"), default=0,
                                           help_text=_("Negative: before the start."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "days_after_start", "pk"]

    def __str__(self):
        return self.text


class Checklist(models.Model):
    placement = models.OneToOneField("placements.Placement", on_delete=models.CASCADE, related_name="checklist")
    template = models.ForeignKey(ChecklistTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("for"), max_length=20, choices=ChecklistKind.choices, default=ChecklistKind.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self):
        return str(_("Checklist for %(placement)s") % {"placement": self.placement})


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("item"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    due = models.DateField(_("due"), db_index=True)
    order = models.PositiveIntegerField(default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "due", "pk"]

    def __str__(self):
        return self.text


class Mentorship(models.Model):
    placement = models.ForeignKey("placements.Placement", on_delete=models.CASCADE, related_name="mentorships")
    mentor = models.ForeignKey("people.Person", verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="mentorships")
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    hours_per_week = models.DecimalField(_("hours per week set aside"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("mentor period")
        verbose_name_plural = _("mentor periods")
        ordering = ["starts", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends__gte=models.F("starts")), name="mentorship_ends_after_start")]

    def __str__(self):
        return f"{self.mentor} ({self.starts:%d.%m.%Y}–{self.ends:%d.%m.%Y})"


class Evaluation(models.Model):
    placement = models.ForeignKey("placements.Placement", on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("held on"))
    participants = models.CharField(_("who took part"), max_length=300)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Seen by HR and the leder only."))
    next_step = models.TextField(_("agreed next step"))
    upskilling = models.TextField(_("upskilling achieved"), blank=True, help_text=_("For temporary schemes."))
    extra = models.BooleanField(_("extra evaluation"), default=False, help_text=_("Not one of the scheme's planned evaluations."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return str(_("Evaluation %(date)s") % {"date": self.held_on.strftime("%d.%m.%Y")})


class OutcomeFollowUp(models.Model):
    placement = models.ForeignKey("placements.Placement", on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(_("months after the end"), choices=[(m, m) for m in FOLLOW_UP_MONTHS])
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        verbose_name = _("outcome follow-up")
        verbose_name_plural = _("outcome follow-ups")
        ordering = ["months"]
        constraints = [models.UniqueConstraint(fields=["placement", "months"], name="follow_up_once")]

    def __str__(self):
        return f"{self.placement} +{self.months}: {self.get_outcome_display()}"


QUESTIONS = (
    ("offer", "Hvilke stillinger på særlige vilkår kan vi tilbyde?"),
    ("perspectives_person", "Hvilke perspektiver kan der være for ansatte på særlige vilkår - for eksempel ansættelse, "
                            "erfaring, netværk eller uddannelse?"),
    ("perspectives_workplace", "Hvilke perspektiver kunne der være for vores arbejdsplads ved at ansætte ekstra personer på "
                               "særlige vilkår?"),
    ("integration", "Hvordan sikrer vi, at medarbejdere ansat på særlige vilkår bliver integreret og introduceret til "
                    "arbejdspladsen fx i forhold til tøj, kaffeordning og sociale arrangementer?"),
    ("support", "Hvilke initiativer kan vi etablere for at sikre, at en medarbejder på særlige vilkår får løbende hjælp og "
                "sparring fx mentorordning eller planlagte evalueringer. Kræver det udvikling af eksisterende medarbejderes "
                "kompetencer at varetage dette?"),
    ("permanent_staff", "Hvad betyder det for de faste medarbejdere at have skiftende medarbejdere i kortere perioder?"),
)
QUESTION_FIELDS = tuple(key for key, _q in QUESTIONS)


class FrameworkAnswer(models.Model):
    """The MED committee's answers for a workplace on a date (Norddjurs' policy, 'Drøft rammerne i det lokale MED-udvalg')."""

    workplace = models.ForeignKey("organisation.Unit", verbose_name=_("workplace"), on_delete=models.PROTECT,
                                  related_name="framework_answers")
    answered_on = models.DateField(_("discussed in the MED committee on"))
    offer = models.TextField(QUESTIONS[0][1])
    perspectives_person = models.TextField(QUESTIONS[1][1])
    perspectives_workplace = models.TextField(QUESTIONS[2][1])
    integration = models.TextField(QUESTIONS[3][1])
    support = models.TextField(QUESTIONS[4][1])
    permanent_staff = models.TextField(QUESTIONS[5][1])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("MED framework answer")
        verbose_name_plural = _("MED framework answers")
        ordering = ["-answered_on", "-pk"]

    def __str__(self):
        return f"{self.workplace} {self.answered_on:%d.%m.%Y}"

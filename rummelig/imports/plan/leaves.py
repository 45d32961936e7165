"""Plan OPUS leaves (`action="leave"`): the employment ends on the dump date, and its placement with it."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .register import Register
from .result import FieldChange, Plan


def plan_leaves(plan: Plan, register: Register) -> None:
    leaves = plan.staged.leaves
    if not leaves:
        return
    dump_date = plan.staged.dump_date
    unknown = 0
    for leave in leaves:
        existing = register.employments.get(leave.source_id)
        if existing is None:
            unknown += 1
            continue
        if existing.end is not None:
            continue  # already ended: leaves repeat in later dumps
        if dump_date is None:
            plan.problem(
                leave.location,
                _("The employment has left (action=\"leave\"), but the file name has no date "
                  "(ZLPE<yyyymmddhhmmss>), so the end date is unknown. Import the file under its original name."),
            )  # fmt: skip
            continue
        end = max(dump_date, existing.start)
        plan.updated_employments.append((existing.pk, {"end": end}))
        plan.counts["employments_ended"] += 1
        name = register.person_name(existing.person_id)
        plan.change("employment", "ended", leave.source_id, name, [FieldChange("end", None, end)])
        link = register.links.get(existing.pk)
        if link is not None and link[0] in register.placements:
            placement = register.placements[link[0]]
            if placement.planned_end != end:
                plan.updated_placements.append(
                    (placement.pk, {"planned_end": end, "ends_on": placement.actual_end or end, "updated_at": plan.now})
                )
                plan.counts["placements_updated"] += 1
                diff = FieldChange("planned_end", placement.planned_end, end)
                plan.change("placement", "updated", leave.source_id, name, [diff])
    if unknown:
        plan.notice(
            "",
            ngettext(
                "%(count)s leave (action=\"leave\") is for an employment Rummelig does not know; it was skipped.",
                "%(count)s leaves (action=\"leave\") are for employments Rummelig does not know; they were skipped.",
                unknown,
            )
            % {"count": unknown},
        )

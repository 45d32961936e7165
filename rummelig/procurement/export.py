"""The register of tenders as an XLSX file, made with core.spreadsheets.Workbook (no formula ever written)."""

import io

from django.utils.translation import gettext as _

from rummelig.core.spreadsheets import Workbook

from .models import ClauseKind


def register_workbook(tenders, today):
    """Return the XLSX bytes of the tenders: one row each, with the clause decisions and the follow-up in counts."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Tenders"))
    clause_labels = [str(label) for _value, label in ClauseKind.choices]
    sheet.append([
        _("Title"), _("Kind of contract"), _("Status"), _("Estimated value (DKK)"), _("Duration (months)"), _("Performed in Denmark"),
        _("Procuring unit"), _("Supplier"), _("CVR"), _("Subcontractors"), _("Published"), _("Contract starts"), _("Contract ends"),
        *clause_labels, _("Requests"), _("Missing past the deadline"), _("Deviations"), _("Sanctions (DKK)"),
    ])
    for tender in tenders:
        decisions = {d.kind: d for d in tender.decisions.all()}
        requests = list(tender.requests.all())
        sheet.append([
            tender.title, tender.get_kind_display(), tender.get_status_display(), float(tender.estimated_value),
            tender.duration_months, _("Yes") if tender.performed_in_denmark else _("No"),
            tender.procuring_unit.name if tender.procuring_unit else "", tender.supplier_name, tender.supplier_cvr,
            ", ".join(s.name for s in tender.subcontractors.all()),
            tender.published_on, tender.contract_start, tender.contract_end,
            *[_decision_text(decisions.get(kind)) for kind in ClauseKind.values],
            len(requests), sum(1 for r in requests if r.is_overdue(today)),
            sum(1 for r in requests if r.result == r.Result.DEVIATION),
            float(sum((s.amount for s in tender.sanctions.all()), 0)),
        ])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _decision_text(decision):
    if decision is None:
        return _("Not considered")
    if decision.included:
        return _("Included")
    return _("Left out: %(reason)s") % {"reason": decision.get_omission_reason_display()}

"""The exchange's part of the demo data set: a file of dossiers received from the province's own
installation (its code as the source), imported as the national administrator's import job would: checked
against the schema, planned and written by the engine. The persons of the file were entered here already,
so that their identification numbers wait on the page *Xung đột số định danh* for a decision, and the page
*Trao đổi dữ liệu* lists the import with its outcome.

The demo loads in one transaction, inside which the import's action (a durable transaction of its own)
cannot run: the step writes through the engine as that action does, and records the finished job."""

import io

from django.contrib.auth import get_user_model
from django.utils import timezone

from noivu.core.extensions import DemoContext, DemoStep, demo_steps
from noivu.core.models import Job
from noivu.edossier import documents
from noivu.edossier.engine import DOSSIER_CATEGORIES
from noivu.exchange import engine
from noivu.exchange.actions import APPLY_REASON
from noivu.exchange.jobs import IMPORT_JOB
from noivu.exchange.models import Conflict, ExchangeKey, ExchangeReceipt
from noivu.organizations.models import Organization
from noivu.personnel.models import Person

RECEIVED = 6
IMPORTED_BY = "demo.quantri"


def load(context: DemoContext) -> str:
    administrator = get_user_model().objects.filter(username=IMPORTED_BY).first()
    if administrator is None:
        return ""
    source = context.province_code
    ids = list(
        Person.objects.unrestricted()
        .filter(organization__path__startswith=context.root_path, category__in=DOSSIER_CATEGORIES)
        .filter(cccd_number__regex=r"^\d{12}$")
        .order_by("pk")
        .values_list("pk", flat=True)[:RECEIVED]
    )
    content = b"".join(line + b"\n" for _person, line in documents.build_lines(ids))
    items, problems = engine.incoming_documents(io.BytesIO(content))
    outcome = engine.Outcome(source, lines=len(items), problems=problems)
    mapper = engine.Mapper(source)
    units, unknown = engine.resolve_units(items, mapper)
    outcome.problems += unknown
    if outcome.ok:
        plans = engine.plan(items, source, mapper, units, outcome)
        outcome.problems += engine.write(plans, source, APPLY_REASON % {"source": source})
    Job.objects.create(
        kind=IMPORT_JOB,
        params={"source": source},
        created_by=administrator,
        status=Job.Status.DONE if outcome.ok else Job.Status.FAILED,
        progress=100,
        result={**outcome.as_dict(), "rows": outcome.lines},
        finished_at=timezone.now(),
    )
    return f"nhận {len(items)} hồ sơ từ hệ thống {source}, {outcome.conflicts} xung đột số định danh"


def clear(root_path: str) -> None:
    # The demo's source is its province's code in the list of administrative units, a unit's of the tree.
    codes = (
        Organization.objects.unrestricted()
        .filter(path__startswith=root_path)
        .exclude(admin_unit_code="")
        .values("admin_unit_code")
    )
    for model in (Conflict, ExchangeKey, ExchangeReceipt):
        model._default_manager.filter(source__in=codes).delete()
    Job.objects.filter(
        kind=IMPORT_JOB, params__source__in=list(codes.values_list("admin_unit_code", flat=True))
    ).delete()


demo_steps.register(DemoStep(key="exchange", order=95, load=load, clear=clear))

